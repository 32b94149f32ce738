import { KindAdmission } from '../types';

/** DaemonSet: Kruise's defaulting and CREATE-time admission (ADMISSION.md, DaemonSet). */
export const advancedDaemonSetAdmission: KindAdmission = {
  group: 'apps.kruise.io',
  kind: 'DaemonSet',
  validate: () => {
    // rules go here
  },
};
