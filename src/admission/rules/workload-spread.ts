import { KindAdmission } from '../types';

/** WorkloadSpread: Kruise's defaulting and CREATE-time admission (ADMISSION.md, WorkloadSpread). */
export const workloadSpreadAdmission: KindAdmission = {
  group: 'apps.kruise.io',
  kind: 'WorkloadSpread',
  validate: () => {
    // rules go here
  },
};
