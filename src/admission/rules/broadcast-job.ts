import { KindAdmission } from '../types';

/** BroadcastJob: Kruise's defaulting and CREATE-time admission (ADMISSION.md, BroadcastJob). */
export const broadcastJobAdmission: KindAdmission = {
  group: 'apps.kruise.io',
  kind: 'BroadcastJob',
  validate: () => {
    // rules go here
  },
};
