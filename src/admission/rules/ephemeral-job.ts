import { KindAdmission } from '../types';

/** EphemeralJob: Kruise's defaulting and CREATE-time admission (ADMISSION.md, EphemeralJob). */
export const ephemeralJobAdmission: KindAdmission = {
  group: 'apps.kruise.io',
  kind: 'EphemeralJob',
  validate: () => {
    // rules go here
  },
};
