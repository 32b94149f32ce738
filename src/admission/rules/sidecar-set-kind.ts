/**
 * SidecarSet (see sidecar-set.ts): the kind and its group, which its modules share.
 */

export const KIND = 'SidecarSet';
export const GROUP = 'apps.kruise.io';
