import { AdmissionContext } from '../types';

/*
 * Helpers for the rules Kruise decides from cluster state, evaluated against
 * the objects reviewed together (`ctx.peers`). Shared by the WorkloadSpread,
 * PodUnavailableBudget, ContainerRecreateRequest and PersistentPodState rules.
 */

/**
 * The group of an apiVersion the way Kubernetes parses it
 * (schema.ParseGroupVersion): `""` and `/` are the empty group, a string with
 * no slash is a core version, one slash splits group and version; more
 * slashes do not parse (undefined).
 */
export function groupOfApiVersion(apiVersion: string): string | undefined {
  if (apiVersion === '' || apiVersion === '/') return '';
  const parts = apiVersion.split('/');
  if (parts.length === 1) return '';
  if (parts.length === 2) return parts[0];
  return undefined;
}

/** A string field's value, `''` when absent or not a string (Go's zero value). */
export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** The object's namespace as written, `''` when it has none. */
export function namespaceOf(o: any): string {
  return str(o?.metadata?.namespace);
}

/** Whether `o` is a plain object of `kind` in API group `group`. */
export function isKind(o: any, group: string, kind: string): boolean {
  return o !== null && typeof o === 'object' && o.kind === kind && typeof o.apiVersion === 'string'
    && groupOfApiVersion(o.apiVersion) === group;
}

/**
 * The first reviewed peer of the same group and kind as `self`, in its
 * namespace, with another name, that `conflicts` with it and would exist
 * before it: it comes earlier among the peers, or `self` is not among them
 * (then every peer counts). Kruise rejects only the later of two conflicting
 * objects, so of a conflicting pair only the second is reported.
 */
export function earlierConflictingPeer(self: any, group: string, kind: string, ctx: AdmissionContext,
  conflicts: (peer: any) => boolean): any | undefined {
  const peers = ctx.peers ?? [];
  const ns = namespaceOf(self);
  const name = str(self?.metadata?.name);
  const sameKind = (p: any) => isKind(p, group, kind) && namespaceOf(p) === ns;
  let at = peers.indexOf(self);
  if (at < 0) at = peers.findIndex(p => sameKind(p) && str(p.metadata?.name) === name);
  const end = at < 0 ? peers.length : at;
  for (let i = 0; i < end; i++) {
    const p = peers[i];
    if (sameKind(p) && str(p.metadata?.name) !== name && conflicts(p)) return p;
  }
  return undefined;
}
