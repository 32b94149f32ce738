import { KindAdmission } from '../types';

/** PodUnavailableBudget: Kruise's defaulting and CREATE-time admission (ADMISSION.md, PodUnavailableBudget). */
export const podUnavailableBudgetAdmission: KindAdmission = {
  group: 'policy.kruise.io',
  kind: 'PodUnavailableBudget',
  validate: () => {
    // rules go here
  },
};
