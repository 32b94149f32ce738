import { KindAdmission } from '../types';

/** AdvancedCronJob: Kruise's defaulting and CREATE-time admission (ADMISSION.md, AdvancedCronJob). */
export const advancedCronJobAdmission: KindAdmission = {
  group: 'apps.kruise.io',
  kind: 'AdvancedCronJob',
  validate: () => {
    // rules go here
  },
};
