import { KindAdmission } from '../types';

/** ImagePullJob: Kruise's defaulting and CREATE-time admission (ADMISSION.md, ImagePullJob). */
export const imagePullJobAdmission: KindAdmission = {
  group: 'apps.kruise.io',
  kind: 'ImagePullJob',
  validate: () => {
    // rules go here
  },
};
