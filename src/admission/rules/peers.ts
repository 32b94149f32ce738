import { JsonObject, at, isJsonObject } from '../../base/json';
import { str } from '../core/go-values';
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

/** The object's namespace as written, `''` when it has none. */
export function namespaceOf(o: unknown): string {
  return str(at(o, 'metadata', 'namespace'));
}

/** Whether `o` is a plain object of `kind` in API group `group`. */
export function isKind(o: unknown, group: string, kind: string): o is JsonObject {
  return isJsonObject(o) && o.kind === kind && typeof o.apiVersion === 'string'
    && groupOfApiVersion(o.apiVersion) === group;
}

// ---------------------------------------------------------------------------------------------
// Per-review indexes. A review admits every object against the same `ctx.peers`
// array, so lookups go through indexes built once per array (and rebuilt when
// its length changes) instead of scanning the peers for every object. The
// peers are read as they are when an index is first built: a review does not
// change them.
// ---------------------------------------------------------------------------------------------

/** The peers of one group and kind (`isKind`), as positions. */
interface KindPeers {
  /** Every position, ascending. */
  readonly all: number[];
  /** Per namespace (as written, `''` for none): the positions, ascending. */
  readonly byNamespace: Map<string, number[]>;
  /** Per namespace, then name: the first position. */
  readonly firstByName: Map<string, Map<string, number>>;
}

interface PeerIndex {
  readonly length: number;
  /** Each object's first position among the peers (what `indexOf` finds). */
  readonly position: Map<unknown, number>;
  /** The peers of each group and kind, by {@link kindKey}. */
  readonly kinds: Map<string, KindPeers>;
  /** Indexes of single rules, built on first use ({@link peerCache}). */
  readonly extra: Map<string, unknown>;
}

const INDEXES = new WeakMap<ReadonlyArray<unknown>, PeerIndex>();
const EMPTY: ReadonlyArray<unknown> = [];

/** A key for a group and a kind (unambiguous: a group parsed from an apiVersion has no '/'). */
function kindKey(group: string, kind: string): string {
  return `${group}/${kind}`;
}

function indexOfPeers(peers: ReadonlyArray<unknown>): PeerIndex {
  const cached = INDEXES.get(peers);
  if (cached && cached.length === peers.length) return cached;
  const index: PeerIndex = { length: peers.length, position: new Map(), kinds: new Map(), extra: new Map() };
  const groups = new Map<string, string | undefined>();
  peers.forEach((p, i) => {
    if (!index.position.has(p)) index.position.set(p, i);
    if (!isJsonObject(p) || typeof p.kind !== 'string' || typeof p.apiVersion !== 'string') return;
    const apiVersion = p.apiVersion;
    let group = groups.get(apiVersion);
    if (group === undefined && !groups.has(apiVersion)) groups.set(apiVersion, group = groupOfApiVersion(apiVersion));
    if (group === undefined) return; // isKind holds for no group
    const k = kindKey(group, p.kind);
    let kind = index.kinds.get(k);
    if (!kind) index.kinds.set(k, kind = { all: [], byNamespace: new Map(), firstByName: new Map() });
    kind.all.push(i);
    const ns = namespaceOf(p);
    const list = kind.byNamespace.get(ns);
    if (list) list.push(i);
    else kind.byNamespace.set(ns, [i]);
    let names = kind.firstByName.get(ns);
    if (!names) kind.firstByName.set(ns, names = new Map());
    const name = str(at(p, 'metadata', 'name'));
    if (!names.has(name)) names.set(name, i);
  });
  INDEXES.set(peers, index);
  return index;
}

/**
 * A value derived from the whole of `ctx.peers` (an index of one rule), built
 * once per review by `build` and kept under `id` (unique per rule).
 */
export function peerCache<T>(ctx: AdmissionContext, id: string, build: (peers: ReadonlyArray<unknown>) => T): T {
  const peers = ctx.peers ?? EMPTY;
  const index = indexOfPeers(peers);
  if (!index.extra.has(id)) index.extra.set(id, build(peers));
  return index.extra.get(id) as T;
}

/** The first position of `obj` among the peers (`indexOf`), or -1. */
export function peerPosition(ctx: AdmissionContext, obj: unknown): number {
  return indexOfPeers(ctx.peers ?? EMPTY).position.get(obj) ?? -1;
}

/**
 * The first reviewed peer that `isKind(p, group, kind)`, in `namespace`
 * (as written, `''` for none), named `name`; undefined when there is none.
 */
export function findPeer(ctx: AdmissionContext, group: string, kind: string, namespace: string, name: string): JsonObject | undefined {
  const peers = ctx.peers ?? EMPTY;
  const pos = indexOfPeers(peers).kinds.get(kindKey(group, kind))?.firstByName.get(namespace)?.get(name);
  const peer = pos === undefined ? undefined : peers[pos];
  return isJsonObject(peer) ? peer : undefined; // an indexed peer of a kind is always an object
}

/**
 * How a rule narrows the peers it compares an object with: every peer is
 * filed under the keys `keysOf` gives, and only the peers filed under one of
 * `lookup` are tested. The rule guarantees that a peer it would find
 * conflicting is filed under at least one of the looked-up keys.
 */
export interface PeerKeys {
  /** Names the index (unique per rule and kind). */
  readonly id: string;
  /** The keys a peer of the kind is filed under. */
  readonly keysOf: (peer: JsonObject) => readonly string[];
  /** The keys to look up for the object under review. */
  readonly lookup: readonly string[];
}

/** Per namespace, then key: the ascending positions of the peers of one kind filed under it. */
function keyedIndex(ctx: AdmissionContext, group: string, kind: string, keys: PeerKeys): Map<string, Map<string, number[]>> {
  return peerCache(ctx, `keys:${JSON.stringify([group, kind, keys.id])}`, (peers) => {
    const out = new Map<string, Map<string, number[]>>();
    for (const i of indexOfPeers(peers).kinds.get(kindKey(group, kind))?.all ?? []) {
      const p = peers[i];
      if (!isJsonObject(p)) continue; // never: indexed peers of a kind are objects
      const ns = namespaceOf(p);
      let byKey = out.get(ns);
      if (!byKey) out.set(ns, byKey = new Map());
      for (const key of new Set(keys.keysOf(p))) {
        const list = byKey.get(key);
        if (list) list.push(i);
        else byKey.set(key, [i]);
      }
    }
    return out;
  });
}

/**
 * The first reviewed peer of the same group and kind as `self`, in its
 * namespace, with another name, that `conflicts` with it and would exist
 * before it: it comes earlier among the peers, or `self` is not among them
 * (then every peer counts). Kruise rejects only the later of two conflicting
 * objects, so of a conflicting pair only the second is reported.
 *
 * With `keys`, only the peers filed under one of `keys.lookup` are tested
 * (see {@link PeerKeys}); without, every peer of the kind in the namespace.
 */
export function earlierConflictingPeer(self: unknown, group: string, kind: string, ctx: AdmissionContext,
  conflicts: (peer: JsonObject) => boolean, keys?: PeerKeys): JsonObject | undefined {
  const peers = ctx.peers ?? EMPTY;
  const index = indexOfPeers(peers);
  const ns = namespaceOf(self);
  const name = str(at(self, 'metadata', 'name'));
  const peersOfKind = index.kinds.get(kindKey(group, kind));
  let pos = index.position.get(self) ?? -1;
  if (pos < 0) pos = peersOfKind?.firstByName.get(ns)?.get(name) ?? -1;
  const end = pos < 0 ? peers.length : pos;
  const firstIn = (list: readonly number[] | undefined): number => {
    for (const i of list ?? []) {
      if (i >= end) break;
      const p = peers[i];
      if (isJsonObject(p) && str(at(p, 'metadata', 'name')) !== name && conflicts(p)) return i;
    }
    return -1;
  };
  let found = -1;
  if (keys === undefined) {
    found = firstIn(peersOfKind?.byNamespace.get(ns));
  } else {
    const keyed = keyedIndex(ctx, group, kind, keys).get(ns);
    for (const key of keys.lookup) {
      const i = firstIn(keyed?.get(key));
      if (i >= 0 && (found < 0 || i < found)) found = i;
    }
  }
  const peer = found < 0 ? undefined : peers[found];
  return isJsonObject(peer) ? peer : undefined;
}
