/**
 * Per-app registries of construct instances, for the admission rules that
 * compare a resource with its peers (one WorkloadSpread per workload, one PUB
 * per pod, SidecarSet name clashes...). Walking the whole construct tree from
 * every instance made synthesis quadratic in the app size; instances register
 * here when created, and the peer lookups below are indexed so that a check
 * only looks at the peers that can matter. Internal: not exported from index.ts.
 */
import { IConstruct } from 'constructs';

type Kind = abstract new (...args: any[]) => IConstruct;

const REGISTRY = new WeakMap<IConstruct, Map<Kind, IConstruct[]>>();

/** Records `instance` as one of `kind` in its app. */
export function registerInstance(instance: IConstruct, kind: Kind): void {
  const root = instance.node.root;
  let byKind = REGISTRY.get(root);
  if (!byKind) {
    byKind = new Map();
    REGISTRY.set(root, byKind);
  }
  const list = byKind.get(kind) ?? [];
  list.push(instance);
  byKind.set(kind, list);
}

/** Every registered instance of `kind` in the app of `scope`, in creation order. */
export function instancesOf<T extends IConstruct>(scope: IConstruct, kind: abstract new (...args: any[]) => T): T[] {
  return (REGISTRY.get(scope.node.root)?.get(kind) ?? []) as T[];
}

/** Memo of derived indexes, rebuilt when instances were added since. */
const INDEXES = new WeakMap<IConstruct[], Map<string, { size: number; index: unknown }>>();

function memo<I>(list: IConstruct[], name: string, build: () => I): I {
  let byName = INDEXES.get(list);
  if (!byName) {
    byName = new Map();
    INDEXES.set(list, byName);
  }
  const hit = byName.get(name);
  if (hit && hit.size === list.length) return hit.index as I;
  const index = build();
  byName.set(name, { size: list.length, index });
  return index;
}

/**
 * The other instances of `kind` whose `key` equals this one's (for "one per
 * workload" rules). `name` identifies the key function for the memo.
 */
export function peersWithSameKey<T extends IConstruct>(self: T, kind: abstract new (...args: any[]) => T, name: string,
  key: (t: T) => string | undefined): T[] {
  const list = instancesOf(self, kind);
  const index = memo(list, `key:${name}`, () => {
    const m = new Map<string, T[]>();
    for (const t of list) {
      const k = key(t);
      if (k === undefined) continue;
      m.set(k, [...(m.get(k) ?? []), t]);
    }
    return m;
  });
  const mine = key(self);
  return mine === undefined ? [] : (index.get(mine) ?? []).filter(t => t !== self);
}

/** A label selector in API form. */
export interface SelectorLike {
  readonly matchLabels?: { [key: string]: string };
  readonly matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
}

interface SelectorIndex<T> {
  /** label key -> value -> instances whose selector requires `key In [.., value, ..]`. */
  readonly byValue: Map<string, Map<string, T[]>>;
  /** label key -> instances that constrain `key` by some other operator. */
  readonly otherOperator: Map<string, T[]>;
  /** Every instance with a selector. */
  readonly all: T[];
  /** label key -> instances that do not constrain `key` at all (filled on first use). */
  readonly lacking: Map<string, T[]>;
  readonly keysOf: Map<T, Set<string>>;
}

function requirements(s: SelectorLike): Map<string, { operator: string; values: string[] }> {
  const out = new Map<string, { operator: string; values: string[] }>();
  for (const e of s.matchExpressions ?? []) out.set(e.key, { operator: e.operator, values: e.values ?? [] });
  for (const [k, v] of Object.entries(s.matchLabels ?? {})) out.set(k, { operator: 'In', values: [v] });
  return out;
}

/**
 * The other instances of `kind` whose selectors might select a pod this one's
 * selects: a superset of the real overlaps (callers still run their exact
 * check), found through the first `In` requirement of this selector, so that
 * disjoint `app: x` / `app: y` selectors are never compared.
 */
export function peersWithOverlappingSelector<T extends IConstruct>(self: T, kind: abstract new (...args: any[]) => T, name: string,
  selector: (t: T) => SelectorLike | undefined): T[] {
  const list = instancesOf(self, kind);
  const index = memo<SelectorIndex<T>>(list, `selector:${name}`, () => {
    const byValue = new Map<string, Map<string, T[]>>();
    const otherOperator = new Map<string, T[]>();
    const keysOf = new Map<T, Set<string>>();
    const all: T[] = [];
    for (const t of list) {
      const s = selector(t);
      if (!s) continue;
      all.push(t);
      const reqs = requirements(s);
      keysOf.set(t, new Set(reqs.keys()));
      for (const [k, r] of reqs) {
        if (r.operator === 'In') {
          const values = byValue.get(k) ?? new Map<string, T[]>();
          for (const v of r.values) values.set(v, [...(values.get(v) ?? []), t]);
          byValue.set(k, values);
        } else {
          otherOperator.set(k, [...(otherOperator.get(k) ?? []), t]);
        }
      }
    }
    return { byValue, otherOperator, all, keysOf, lacking: new Map<string, T[]>() };
  });
  const mine = selector(self);
  if (!mine) return [];
  const pivot = [...requirements(mine)].find(([, r]) => r.operator === 'In');
  if (!pivot) return index.all.filter(t => t !== self);
  const [key, req] = pivot;
  const found = new Set<T>();
  for (const v of req.values) for (const t of index.byValue.get(key)?.get(v) ?? []) found.add(t);
  for (const t of index.otherOperator.get(key) ?? []) found.add(t);
  let lacking = index.lacking.get(key);
  if (!lacking) {
    lacking = index.all.filter(t => !index.keysOf.get(t)!.has(key));
    index.lacking.set(key, lacking);
  }
  for (const t of lacking) found.add(t);
  found.delete(self);
  return [...found];
}
