import { KindAdmission } from '../types';

/** StatefulSet: Kruise's defaulting and CREATE-time admission (ADMISSION.md, StatefulSet). */
export const advancedStatefulSetAdmission: KindAdmission = {
  group: 'apps.kruise.io',
  kind: 'StatefulSet',
  validate: () => {
    // rules go here
  },
};
