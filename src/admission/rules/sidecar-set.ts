import { KindAdmission } from '../types';

/** SidecarSet: Kruise's defaulting and CREATE-time admission (ADMISSION.md, SidecarSet). */
export const sidecarSetAdmission: KindAdmission = {
  group: 'apps.kruise.io',
  kind: 'SidecarSet',
  validate: () => {
    // rules go here
  },
};
