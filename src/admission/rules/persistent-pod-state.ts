import { KindAdmission } from '../types';

/** PersistentPodState: Kruise's defaulting and CREATE-time admission (ADMISSION.md, PersistentPodState). */
export const persistentPodStateAdmission: KindAdmission = {
  group: 'apps.kruise.io',
  kind: 'PersistentPodState',
  validate: () => {
    // rules go here
  },
};
