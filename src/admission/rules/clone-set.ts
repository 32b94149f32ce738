import { KindAdmission } from '../types';

/** CloneSet: Kruise's defaulting and CREATE-time admission (ADMISSION.md, CloneSet). */
export const cloneSetAdmission: KindAdmission = {
  group: 'apps.kruise.io',
  kind: 'CloneSet',
  validate: () => {
    // rules go here
  },
};
