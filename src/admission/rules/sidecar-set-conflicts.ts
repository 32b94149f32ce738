/**
 * SidecarSet (see sidecar-set.ts): conflicts with the other SidecarSets of the review (overlapping selectors and namespaces), through an index of the peers.
 */
import { show } from '../core/names';
import { pinnedSelectorValues, selectorMatches, selectorsOverlap } from '../core/selector';
import { arr, cloneJson, isObj, str } from '../core/util';
import { AdmissionContext, Report } from '../types';
import { peerCache, peerPosition } from './peers';
import { defaults } from './sidecar-set-defaults';
import { GROUP, KIND, isSet } from './sidecar-set-shared';

/** Whether two JSON values are equal as Go would decode them (key order and null members ignored). */
function jsonEqual(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  }
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a).filter(k => isSet(a[k]));
    const kb = Object.keys(b).filter(k => isSet(b[k]));
    return ka.length === kb.length && ka.every(k => jsonEqual(a[k], b[k]));
  }
  return a === b;
}

/** The labels of a Namespace among the reviewed objects (the first of that name), or undefined when it is not there. */
function namespaceLabels(ctx: AdmissionContext, name: string): Record<string, unknown> | undefined {
  const namespaces = peerCache(ctx, 'SidecarSet/namespaces', peers => {
    const out = new Map<string, Record<string, unknown>>();
    for (const p of peers) {
      if (!isObj(p) || p.kind !== 'Namespace' || p.apiVersion !== 'v1' || !isObj(p.metadata) || typeof p.metadata.name !== 'string') continue;
      if (!out.has(p.metadata.name)) out.set(p.metadata.name, isObj(p.metadata.labels) ? p.metadata.labels : {});
    }
    return out;
  });
  return namespaces.get(name);
}

/** Kruise's isSidecarSetNamespaceOverlapping (an unknown namespace matches no selector, as a failed lookup does upstream). */
function namespacesOverlap(a: Record<string, any>, b: Record<string, any>, ctx: AdmissionContext): boolean {
  const an = str(a.namespace);
  const bn = str(b.namespace);
  if (an !== '' && bn !== '' && an !== bn) return false;
  const as = a.namespaceSelector;
  const bs = b.namespaceSelector;
  if (isSet(as) && isSet(bs) && !selectorsOverlap(as, bs)) return false;
  const inNamespace = (ns: string, sel: unknown) => {
    const labels = namespaceLabels(ctx, ns);
    return labels !== undefined && isSet(sel) && selectorMatches(sel, labels);
  };
  if (an !== '' && isSet(bs) && !inNamespace(an, bs)) return false;
  // Upstream tests the other SidecarSet's namespace against the other's own (absent) selector here, which never matches.
  if (bn !== '' && isSet(as) && !inNamespace(bn, bs)) return false;
  return true;
}

function isSidecarSet(p: any): boolean {
  return isObj(p) && p.kind === KIND && typeof p.apiVersion === 'string' && p.apiVersion.split('/')[0] === GROUP;
}

/**
 * The reviewed SidecarSets, indexed for rule 18. Two selectors that pin a
 * common key to disjoint value sets never overlap (pinnedSelectorValues), so
 * each SidecarSet is filed under one key its selector pins (the one most
 * SidecarSets pin), by value; a SidecarSet that pins no key is a wildcard.
 */
interface SidecarSetIndex {
  readonly peers: ReadonlyArray<any>;
  /** Positions of the SidecarSets whose selector pins no key (they may overlap anything). */
  readonly wildcard: number[];
  /** Per filing key: every SidecarSet filed under it, and those by pinned value. */
  readonly byKey: Map<string, { all: number[]; byValue: Map<string, number[]> }>;
  /** The first position of a SidecarSet of each name. */
  readonly firstByName: Map<string, number>;
  /** The SidecarSets defaulted as Kruise stores them, by position (filled on demand). */
  readonly defaulted: Map<number, any>;
}

function sidecarSetIndex(ctx: AdmissionContext): SidecarSetIndex {
  return peerCache(ctx, 'SidecarSet/overlap', (peers) => {
    const sets: Array<[number, Map<string, string[]>]> = [];
    const firstByName = new Map<string, number>();
    const frequency = new Map<string, number>();
    peers.forEach((p, i) => {
      if (!isSidecarSet(p)) return;
      const name = str(p.metadata?.name);
      if (!firstByName.has(name)) firstByName.set(name, i);
      // Defaulting leaves the selector as written (a spec that is not an object becomes {}).
      const pinned = pinnedSelectorValues(isObj(p.spec) ? p.spec.selector : undefined);
      for (const k of pinned.keys()) frequency.set(k, (frequency.get(k) ?? 0) + 1);
      sets.push([i, pinned]);
    });
    const index: SidecarSetIndex = { peers, wildcard: [], byKey: new Map(), firstByName, defaulted: new Map() };
    for (const [i, pinned] of sets) {
      let key: string | undefined;
      for (const k of pinned.keys()) {
        if (key === undefined || frequency.get(k)! > frequency.get(key)! || (frequency.get(k) === frequency.get(key) && k < key)) key = k;
      }
      if (key === undefined) {
        index.wildcard.push(i);
        continue;
      }
      let entry = index.byKey.get(key);
      if (!entry) index.byKey.set(key, entry = { all: [], byValue: new Map() });
      entry.all.push(i);
      for (const v of new Set(pinned.get(key))) {
        const list = entry.byValue.get(v);
        if (list) list.push(i);
        else entry.byValue.set(v, [i]);
      }
    }
    return index;
  });
}

/**
 * The positions before `end` of the SidecarSets whose selector may overlap
 * `selector`, ascending: all but those filed under a key `selector` pins with
 * none of its values.
 */
function overlapCandidates(index: SidecarSetIndex, selector: unknown, end: number): number[] {
  const pinned = pinnedSelectorValues(selector);
  const out = new Set<number>();
  const take = (list: readonly number[] | undefined) => {
    for (const i of list ?? []) {
      if (i >= end) break;
      out.add(i);
    }
  };
  take(index.wildcard);
  for (const [key, entry] of index.byKey) {
    const values = pinned.get(key);
    if (values === undefined) take(entry.all);
    else for (const v of values) take(entry.byValue.get(v));
  }
  return [...out].sort((a, b) => a - b);
}

function defaultedPeer(index: SidecarSetIndex, i: number): any {
  let d = index.defaulted.get(i);
  if (d === undefined) index.defaulted.set(i, d = defaults(cloneJson(index.peers[i])));
  return d;
}

/**
 * Rule 18: no init container or container name, no differing volume of the
 * same name and no Overwrite-patched annotation shared with another SidecarSet
 * that can select the same pods. Cluster state: checked against the reviewed
 * SidecarSets that would exist before this one.
 */
export function checkConflicts(obj: any, spec: Record<string, any>, ctx: AdmissionContext, report: Report, original: any): void {
  const index = sidecarSetIndex(ctx);
  const name = str(obj?.metadata?.name);
  let at = peerPosition(ctx, original);
  if (at < 0) at = index.firstByName.get(name) ?? -1;
  const end = at < 0 ? Number.MAX_SAFE_INTEGER : at;
  const earlier = (isSet(spec.selector) ? overlapCandidates(index, spec.selector, end) : [])
    .filter(i => str(index.peers[i].metadata?.name) !== name)
    .map(i => defaultedPeer(index, i))
    .filter(p => namespacesOverlap(spec, p.spec, ctx) && selectorsOverlap(spec.selector, p.spec.selector));
  if (earlier.length === 0) return;
  const rule = `${KIND}/conflicts`;
  const initNames = new Map<string, string>();
  const names = new Map<string, string>();
  const volumes = new Map<string, [string, unknown]>();
  const annotations = new Map<string, [string, string]>();
  for (const other of earlier) {
    const otherName = str(other.metadata?.name);
    for (const c of arr(other.spec.initContainers)) if (isObj(c)) initNames.set(str(c.name), otherName);
    for (const c of arr(other.spec.containers)) if (isObj(c)) names.set(str(c.name), otherName);
    for (const v of arr(other.spec.volumes)) if (isObj(v)) volumes.set(str(v.name), [otherName, v]);
    for (const patch of arr(other.spec.patchPodMetadata)) {
      if (!isObj(patch) || patch.patchPolicy === 'Retain') continue;
      for (const key of Object.keys(isObj(patch.annotations) ? patch.annotations : {})) annotations.set(key, [otherName, str(patch.patchPolicy)]);
    }
  }
  for (const [list, key, seen] of [[arr(spec.initContainers), 'initContainers', initNames], [arr(spec.containers), 'containers', names]] as const) {
    list.forEach((c, i) => {
      if (!isObj(c)) return;
      const other = seen.get(str(c.name));
      if (other !== undefined) {
        report.error(rule, `spec.${key}[${i}].name`, `SidecarSet ${show(other)}, which can select the same pods, already injects a container named ${show(c.name)}`,
          'rename the container, or make the two SidecarSets select different pods');
      }
    });
  }
  arr(spec.volumes).forEach((v, i) => {
    if (!isObj(v)) return;
    const other = volumes.get(str(v.name));
    if (other !== undefined && !jsonEqual(v, other[1])) {
      report.error(rule, `spec.volumes[${i}]`, `SidecarSet ${show(other[0])}, which can select the same pods, defines volume ${show(v.name)} differently`,
        'define the volume the same way in both SidecarSets, or rename it');
    }
  });
  arr(spec.patchPodMetadata).forEach((patch, i) => {
    if (!isObj(patch) || patch.patchPolicy === 'Retain') return;
    for (const key of Object.keys(isObj(patch.annotations) ? patch.annotations : {})) {
      const other = annotations.get(key);
      if (other !== undefined && (patch.patchPolicy === 'Overwrite' || other[1] === 'Overwrite')) {
        report.error(rule, `spec.patchPodMetadata[${i}].annotations[${show(key)}]`,
          `SidecarSet ${show(other[0])}, which can select the same pods, also patches annotation ${show(key)}, and one of the two overwrites it`,
          'patch the annotation from one SidecarSet only, or use Retain in both');
      }
    }
  });
}
