import { KindAdmission } from '../types';

/** ImageListPullJob: Kruise's defaulting and CREATE-time admission (ADMISSION.md, ImageListPullJob). */
export const imageListPullJobAdmission: KindAdmission = {
  group: 'apps.kruise.io',
  kind: 'ImageListPullJob',
  validate: () => {
    // rules go here
  },
};
