/**
 * SidecarSet (see sidecar-set.ts): the kind, its group and a helper its modules share.
 */

export const KIND = 'SidecarSet';
export const GROUP = 'apps.kruise.io';

export function isSet(v: unknown): boolean {
  return v !== undefined && v !== null;
}
