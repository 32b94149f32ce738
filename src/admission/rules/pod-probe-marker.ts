import { KindAdmission } from '../types';

/** PodProbeMarker: Kruise's defaulting and CREATE-time admission (ADMISSION.md, PodProbeMarker). */
export const podProbeMarkerAdmission: KindAdmission = {
  group: 'apps.kruise.io',
  kind: 'PodProbeMarker',
  validate: () => {
    // rules go here
  },
};
