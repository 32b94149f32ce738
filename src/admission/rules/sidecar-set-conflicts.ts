/**
 * SidecarSet (see sidecar-set.ts): conflicts with the other SidecarSets of the review (overlapping selectors and namespaces), through an index of the peers.
 */
import { peerCache, peerPosition } from './peers';
import { defaults } from './sidecar-set-defaults';
import { GROUP, KIND } from './sidecar-set-kind';
import { arrayOr, at, isJsonObject, JsonObject, objectOr, cloneJson } from '../../base/json';
import { str, isSet } from '../core/go-values';
import { show } from '../core/names';
import { pinnedSelectorValues, selectorMatches, selectorsOverlap } from '../core/selector';
import { AdmissionContext, Report } from '../types';

/** Whether two JSON values are equal as Go would decode them (key order and null members ignored). */
function jsonEqual(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  }
  if (isJsonObject(a) && isJsonObject(b)) {
    const ka = Object.keys(a).filter(k => isSet(a[k]));
    const kb = Object.keys(b).filter(k => isSet(b[k]));
    return ka.length === kb.length && ka.every(k => jsonEqual(a[k], b[k]));
  }
  return a === b;
}

/** The labels of a Namespace among the reviewed objects (the first of that name), or undefined when it is not there. */
function namespaceLabels(ctx: AdmissionContext, name: string): JsonObject | undefined {
  const namespaces = peerCache(ctx, 'SidecarSet/namespaces', (peers: ReadonlyArray<unknown>) => {
    const out = new Map<string, JsonObject>();
    for (const p of peers) {
      const nsName = at(p, 'metadata', 'name');
      if (!isJsonObject(p) || p.kind !== 'Namespace' || p.apiVersion !== 'v1' || typeof nsName !== 'string') continue;
      if (!out.has(nsName)) out.set(nsName, objectOr(at(p, 'metadata', 'labels')));
    }
    return out;
  });
  return namespaces.get(name);
}

/** Kruise's isSidecarSetNamespaceOverlapping (an unknown namespace matches no selector, as a failed lookup does upstream). */
function namespacesOverlap(a: JsonObject, b: JsonObject, ctx: AdmissionContext): boolean {
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

function isSidecarSet(p: unknown): p is JsonObject {
  return isJsonObject(p) && p.kind === KIND && typeof p.apiVersion === 'string' && p.apiVersion.split('/')[0] === GROUP;
}

/**
 * The reviewed SidecarSets, indexed for rule 18. SidecarSets limited to two
 * different namespaces never overlap (namespacesOverlap), so they are grouped
 * by spec.namespace. Two selectors that pin a common key to disjoint value
 * sets never overlap (pinnedSelectorValues), so within a group each
 * SidecarSet is filed under one key its selector pins (the one most
 * SidecarSets pin), by value; a SidecarSet that pins no key is a wildcard.
 */
interface SidecarSetIndex {
  readonly peers: ReadonlyArray<unknown>;
  /** Per spec.namespace (`''` for none): the SidecarSets by selector. */
  readonly byNamespace: Map<string, SelectorBuckets>;
  /** The first position of a SidecarSet of each name. */
  readonly firstByName: Map<string, number>;
  /** The SidecarSets defaulted as Kruise stores them, by position (filled on demand). */
  readonly defaulted: Map<number, JsonObject>;
  /** Every SidecarSet's position, ascending. */
  readonly all: number[];
  /** Which SidecarSets hold each name rule 18 compares (built on first use). */
  holders?: Holders;
}

/** Per init container name, container name, volume name and Overwrite/MergePatchJson-patched annotation: the positions of the SidecarSets that have it, ascending. */
interface Holders {
  readonly initContainers: Map<string, number[]>;
  readonly containers: Map<string, number[]>;
  readonly volumes: Map<string, number[]>;
  readonly annotations: Map<string, number[]>;
}

interface SelectorBuckets {
  /** How many SidecarSets the buckets hold. */
  size: number;
  /** Positions of the SidecarSets whose selector pins no key (they may overlap anything). */
  readonly wildcard: number[];
  /** Per filing key: every SidecarSet filed under it, and those by pinned value. */
  readonly byKey: Map<string, { all: number[]; byValue: Map<string, number[]> }>;
}

function sidecarSetIndex(ctx: AdmissionContext): SidecarSetIndex {
  return peerCache(ctx, 'SidecarSet/overlap', (peers: ReadonlyArray<unknown>) => {
    const sets: Array<[number, string, Map<string, string[]>]> = [];
    const firstByName = new Map<string, number>();
    const frequency = new Map<string, number>();
    peers.forEach((p, i) => {
      if (!isSidecarSet(p)) return;
      const name = str(at(p, 'metadata', 'name'));
      if (!firstByName.has(name)) firstByName.set(name, i);
      // Defaulting leaves the selector and the namespace as written (a spec that is not an object becomes {}).
      const spec = objectOr(p.spec);
      const pinned = pinnedSelectorValues(spec.selector);
      for (const k of pinned.keys()) frequency.set(k, (frequency.get(k) ?? 0) + 1);
      sets.push([i, str(spec.namespace), pinned]);
    });
    const index: SidecarSetIndex = { peers, byNamespace: new Map(), firstByName, defaulted: new Map(), all: sets.map(([i]) => i) };
    for (const [i, namespace, pinned] of sets) {
      let buckets = index.byNamespace.get(namespace);
      if (!buckets) index.byNamespace.set(namespace, buckets = { size: 0, wildcard: [], byKey: new Map() });
      buckets.size++;
      let key: string | undefined;
      for (const k of pinned.keys()) {
        if (key === undefined || frequency.get(k)! > frequency.get(key)! || (frequency.get(k) === frequency.get(key) && k < key)) key = k;
      }
      if (key === undefined) {
        buckets.wildcard.push(i);
        continue;
      }
      let entry = buckets.byKey.get(key);
      if (!entry) buckets.byKey.set(key, entry = { all: [], byValue: new Map() });
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
 * The positions before `end` of the SidecarSets that may overlap a SidecarSet
 * limited to `namespace` (`''` for none) with `selector`, ascending: all but
 * those limited to another namespace, and those filed under a key `selector`
 * pins with none of its values.
 */
function overlapCandidates(index: SidecarSetIndex, namespace: string, selector: unknown, end: number): number[] {
  const pinned = pinnedSelectorValues(selector);
  const out = new Set<number>();
  const take = (list: readonly number[] | undefined) => {
    for (const i of list ?? []) {
      if (i >= end) break;
      out.add(i);
    }
  };
  for (const buckets of bucketsFor(index, namespace)) {
    take(buckets.wildcard);
    for (const [key, entry] of buckets.byKey) {
      const values = pinned.get(key);
      if (values === undefined) take(entry.all);
      else for (const v of values) take(entry.byValue.get(v));
    }
  }
  return [...out].sort((a, b) => a - b);
}

/** The buckets of the SidecarSets that a SidecarSet limited to `namespace` (`''` for none) may overlap. */
function bucketsFor(index: SidecarSetIndex, namespace: string): SelectorBuckets[] {
  if (namespace === '') return [...index.byNamespace.values()];
  return [index.byNamespace.get(''), index.byNamespace.get(namespace)].filter((b): b is SelectorBuckets => b !== undefined);
}

/** An upper bound of the number of {@link overlapCandidates}: the lengths of the lists it would take. */
function overlapCandidateBound(index: SidecarSetIndex, namespace: string, selector: unknown): number {
  const pinned = pinnedSelectorValues(selector);
  let n = 0;
  for (const buckets of bucketsFor(index, namespace)) {
    n += buckets.size;
    // Under a key the selector pins, only the lists of its values are taken.
    for (const [key, values] of pinned) {
      const entry = buckets.byKey.get(key);
      if (entry === undefined) continue;
      n -= entry.all.length;
      for (const v of values) n += entry.byValue.get(v)?.length ?? 0;
    }
  }
  return n;
}

function holdersOf(index: SidecarSetIndex): Holders {
  if (index.holders) return index.holders;
  const holders: Holders = { initContainers: new Map(), containers: new Map(), volumes: new Map(), annotations: new Map() };
  const add = (map: Map<string, number[]>, name: string, i: number) => {
    const list = map.get(name);
    if (!list) map.set(name, [i]);
    else if (list[list.length - 1] !== i) list.push(i);
  };
  for (const i of index.all) {
    const spec = defaultedSpec(index, i);
    for (const c of arrayOr(spec.initContainers)) if (isJsonObject(c)) add(holders.initContainers, str(c.name), i);
    for (const c of arrayOr(spec.containers)) if (isJsonObject(c)) add(holders.containers, str(c.name), i);
    for (const v of arrayOr(spec.volumes)) if (isJsonObject(v)) add(holders.volumes, str(v.name), i);
    for (const patch of arrayOr(spec.patchPodMetadata)) {
      if (!isJsonObject(patch) || patch.patchPolicy === 'Retain') continue;
      for (const key of Object.keys(objectOr(patch.annotations))) add(holders.annotations, key, i);
    }
  }
  index.holders = holders;
  return holders;
}

/** What rule 18 compares a SidecarSet with: per name, the last earlier overlapping SidecarSet that has it (its name, and the volume or the patch policy). */
interface ConflictMaps {
  readonly initNames: Map<string, string>;
  readonly names: Map<string, string>;
  readonly volumes: Map<string, [string, unknown]>;
  readonly annotations: Map<string, [string, string]>;
}

/** The maps of rule 18 from the list of the earlier overlapping SidecarSets (defaulted), in order: the last one wins. */
function conflictMapsOf(earlier: readonly JsonObject[]): ConflictMaps {
  const maps: ConflictMaps = { initNames: new Map(), names: new Map(), volumes: new Map(), annotations: new Map() };
  for (const other of earlier) {
    const otherName = str(at(other, 'metadata', 'name'));
    const otherSpec = objectOr(other.spec);
    for (const c of arrayOr(otherSpec.initContainers)) if (isJsonObject(c)) maps.initNames.set(str(c.name), otherName);
    for (const c of arrayOr(otherSpec.containers)) if (isJsonObject(c)) maps.names.set(str(c.name), otherName);
    for (const v of arrayOr(otherSpec.volumes)) if (isJsonObject(v)) maps.volumes.set(str(v.name), [otherName, v]);
    for (const patch of arrayOr(otherSpec.patchPodMetadata)) {
      if (!isJsonObject(patch) || patch.patchPolicy === 'Retain') continue;
      for (const key of Object.keys(objectOr(patch.annotations))) {
        maps.annotations.set(key, [otherName, str(patch.patchPolicy)]);
      }
    }
  }
  return maps;
}

/**
 * The same maps, restricted to the names `spec` has, found from the other
 * end: for each name, the SidecarSets that have it, from the last before
 * `end` back to the first that overlaps. Fast when overlapping SidecarSets
 * are many (then the first tried usually overlaps); undefined when more than
 * `budget` overlap tests would be needed.
 */
function conflictMapsByName(index: SidecarSetIndex, spec: JsonObject, name: string, end: number,
  overlaps: (other: JsonObject) => boolean, budget: number): ConflictMaps | undefined {
  const holders = holdersOf(index);
  const tested = new Map<number, boolean>();
  let left = budget;
  /** The last overlapping SidecarSet in `list` before `end`, -1 when none, undefined when over budget. */
  const lastOverlapping = (list: readonly number[] | undefined): number | undefined => {
    if (list === undefined) return -1;
    let hi = list.length;
    for (let lo = 0; lo < hi;) {
      const mid = Math.floor((lo + hi) / 2);
      if (list[mid] < end) lo = mid + 1;
      else hi = mid;
    }
    for (let k = hi - 1; k >= 0; k--) {
      const i = list[k];
      let ok = tested.get(i);
      if (ok === undefined) {
        if (--left < 0) return undefined;
        const other = defaultedPeer(index, i);
        ok = str(at(other, 'metadata', 'name')) !== name && overlaps(other);
        tested.set(i, ok);
      }
      if (ok) return i;
    }
    return -1;
  };
  const maps: ConflictMaps = { initNames: new Map(), names: new Map(), volumes: new Map(), annotations: new Map() };
  const nameOf = (i: number) => str(at(defaultedPeer(index, i), 'metadata', 'name'));
  const byContainerName = [
    [arrayOr(spec.initContainers), holders.initContainers, maps.initNames],
    [arrayOr(spec.containers), holders.containers, maps.names],
  ] as const;
  for (const [list, holding, map] of byContainerName) {
    for (const c of list) {
      if (!isJsonObject(c) || map.has(str(c.name))) continue;
      const i = lastOverlapping(holding.get(str(c.name)));
      if (i === undefined) return undefined;
      if (i >= 0) map.set(str(c.name), nameOf(i));
    }
  }
  for (const v of arrayOr(spec.volumes)) {
    if (!isJsonObject(v) || maps.volumes.has(str(v.name))) continue;
    const i = lastOverlapping(holders.volumes.get(str(v.name)));
    if (i === undefined) return undefined;
    if (i < 0) continue;
    const theirs = arrayOr(defaultedSpec(index, i).volumes).filter(w => isJsonObject(w) && str(w.name) === str(v.name));
    maps.volumes.set(str(v.name), [nameOf(i), theirs[theirs.length - 1]]);
  }
  for (const patch of arrayOr(spec.patchPodMetadata)) {
    if (!isJsonObject(patch) || patch.patchPolicy === 'Retain') continue;
    for (const key of Object.keys(objectOr(patch.annotations))) {
      if (maps.annotations.has(key)) continue;
      const i = lastOverlapping(holders.annotations.get(key));
      if (i === undefined) return undefined;
      if (i < 0) continue;
      const theirs = arrayOr(defaultedSpec(index, i).patchPodMetadata)
        .filter(q => isJsonObject(q) && q.patchPolicy !== 'Retain' && isJsonObject(q.annotations) && Object.keys(q.annotations).includes(key));
      maps.annotations.set(key, [nameOf(i), str(at(theirs[theirs.length - 1], 'patchPolicy'))]);
    }
  }
  return maps;
}

/** The SidecarSet at position `i` (an object: the index holds only SidecarSets), defaulted. */
function defaultedPeer(index: SidecarSetIndex, i: number): JsonObject {
  let d = index.defaulted.get(i);
  if (d === undefined) index.defaulted.set(i, d = defaults(objectOr(cloneJson(index.peers[i]))));
  return d;
}

/** The spec of the defaulted SidecarSet at position `i` (defaulting makes it an object). */
function defaultedSpec(index: SidecarSetIndex, i: number): JsonObject {
  return objectOr(defaultedPeer(index, i).spec);
}

/**
 * Rule 18: no init container or container name, no differing volume of the
 * same name and no Overwrite-patched annotation shared with another SidecarSet
 * that can select the same pods. Cluster state: checked against the reviewed
 * SidecarSets that would exist before this one.
 */
export function checkConflicts(obj: JsonObject, spec: JsonObject, ctx: AdmissionContext, report: Report, original: JsonObject): void {
  const index = sidecarSetIndex(ctx);
  const name = str(at(obj, 'metadata', 'name'));
  let position = peerPosition(ctx, original);
  if (position < 0) position = index.firstByName.get(name) ?? -1;
  const end = position < 0 ? Number.MAX_SAFE_INTEGER : position;
  if (!isSet(spec.selector)) return;
  const overlaps = (p: JsonObject) => {
    const pspec = objectOr(p.spec);
    return namespacesOverlap(spec, pspec, ctx) && selectorsOverlap(spec.selector, pspec.selector);
  };
  // Two exact ways to the same maps: from the selector index's candidates (cheap when they are few), or name by
  // name from the last SidecarSet that has it (cheap when many overlap); the second gives up past the first's cost.
  const namespace = str(spec.namespace);
  const bound = overlapCandidateBound(index, namespace, spec.selector);
  const maps = (bound > 32 ? conflictMapsByName(index, spec, name, end, overlaps, bound) : undefined)
    ?? conflictMapsOf(overlapCandidates(index, namespace, spec.selector, end)
      .filter(i => str(at(index.peers[i], 'metadata', 'name')) !== name)
      .map(i => defaultedPeer(index, i))
      .filter(overlaps));
  const rule = `${KIND}/conflicts`;
  const { initNames, names, volumes, annotations } = maps;
  for (const [list, key, seen] of [[arrayOr(spec.initContainers), 'initContainers', initNames], [arrayOr(spec.containers), 'containers', names]] as const) {
    list.forEach((c, i) => {
      if (!isJsonObject(c)) return;
      const other = seen.get(str(c.name));
      if (other !== undefined) {
        report.error(rule, `spec.${key}[${i}].name`, `SidecarSet ${show(other)}, which can select the same pods, already injects a container named ${show(c.name)}`,
          'rename the container, or make the two SidecarSets select different pods');
      }
    });
  }
  arrayOr(spec.volumes).forEach((v, i) => {
    if (!isJsonObject(v)) return;
    const other = volumes.get(str(v.name));
    if (other !== undefined && !jsonEqual(v, other[1])) {
      report.error(rule, `spec.volumes[${i}]`, `SidecarSet ${show(other[0])}, which can select the same pods, defines volume ${show(v.name)} differently`,
        'define the volume the same way in both SidecarSets, or rename it');
    }
  });
  arrayOr(spec.patchPodMetadata).forEach((patch, i) => {
    if (!isJsonObject(patch) || patch.patchPolicy === 'Retain') return;
    for (const key of Object.keys(objectOr(patch.annotations))) {
      const other = annotations.get(key);
      if (other !== undefined && (patch.patchPolicy === 'Overwrite' || other[1] === 'Overwrite')) {
        report.error(rule, `spec.patchPodMetadata[${i}].annotations[${show(key)}]`,
          `SidecarSet ${show(other[0])}, which can select the same pods, also patches annotation ${show(key)}, and one of the two overwrites it`,
          'patch the annotation from one SidecarSet only, or use Retain in both');
      }
    }
  });
}
