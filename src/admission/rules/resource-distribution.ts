import { KindAdmission } from '../types';

/** ResourceDistribution: Kruise's defaulting and CREATE-time admission (ADMISSION.md, ResourceDistribution). */
export const resourceDistributionAdmission: KindAdmission = {
  group: 'apps.kruise.io',
  kind: 'ResourceDistribution',
  validate: () => {
    // rules go here
  },
};
