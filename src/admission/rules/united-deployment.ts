import { KindAdmission } from '../types';

/** UnitedDeployment: Kruise's defaulting and CREATE-time admission (ADMISSION.md, UnitedDeployment). */
export const unitedDeploymentAdmission: KindAdmission = {
  group: 'apps.kruise.io',
  kind: 'UnitedDeployment',
  validate: () => {
    // rules go here
  },
};
