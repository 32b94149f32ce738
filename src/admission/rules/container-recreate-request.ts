import { KindAdmission } from '../types';

/** ContainerRecreateRequest: Kruise's defaulting and CREATE-time admission (ADMISSION.md, ContainerRecreateRequest). */
export const containerRecreateRequestAdmission: KindAdmission = {
  group: 'apps.kruise.io',
  kind: 'ContainerRecreateRequest',
  validate: () => {
    // rules go here
  },
};
