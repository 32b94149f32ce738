/**
 * The cluster-state rules (SidecarSet rule 18, WorkloadSpread rules 9 and 19,
 * PersistentPodState rule 4, PodUnavailableBudget rule 9,
 * ContainerRecreateRequest rules 7 and 10) look their peers up through
 * per-review indexes. These tests review a few thousand generated objects,
 * with conflicts at known positions and selectors of every operator, and
 * check the findings against a naive reference: the full scan of the peers
 * the rules made before the indexes, kept here only as the oracle.
 */
import { str } from '../../../src/admission/core/go-values';
import { pinnedSelectorValues, selectorMatches, selectorRequirementsByKey, selectorsLooseOverlap, selectorsOverlap } from '../../../src/admission/core/selector';
import { admit } from '../../../src/admission/engine';
import { groupOfApiVersion, isKind, namespaceOf } from '../../../src/admission/rules/peers';
import { sidecarSetAdmission } from '../../../src/admission/rules/sidecar-set';
import { AdmissionContext, Finding, Report } from '../../../src/admission/types';

/** A deterministic pseudo-random source (an LCG), so that a failure reproduces. */
function rng(seed: number) {
  let s = seed % 2 ** 32;
  const next = () => {
    s = (s * 1664525 + 1013904223) % 2 ** 32; // exact: the product stays below 2^53
    return s / 2 ** 32;
  };
  return {
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof rng>;

const isObj = (v: unknown): v is Record<string, any> => v !== null && typeof v === 'object' && !Array.isArray(v);
const arr = (v: unknown): any[] => (Array.isArray(v) ? v : []);
const isSet = (v: unknown) => v !== undefined && v !== null;

/** A random label selector over a few keys and values, every operator (and some malformed shapes). */
function randomSelector(r: Rng, keys: readonly string[], values: readonly string[]): any {
  const roll = r.int(20);
  if (roll === 0) return {};
  if (roll === 1) return undefined;
  if (roll === 2) return 'not-a-selector';
  const sel: Record<string, any> = {};
  if (r.chance(0.7)) {
    sel.matchLabels = {};
    const n = 1 + r.int(2);
    for (let i = 0; i < n; i++) sel.matchLabels[r.pick(keys)] = r.pick(values);
  }
  if (r.chance(0.4) || !sel.matchLabels) {
    sel.matchExpressions = [];
    const n = 1 + r.int(2);
    for (let i = 0; i < n; i++) {
      const operator = r.pick(['In', 'In', 'NotIn', 'Exists', 'DoesNotExist']);
      const e: Record<string, any> = { key: r.pick(keys), operator };
      if (operator === 'In' || operator === 'NotIn') e.values = [...new Set([r.pick(values), r.pick(values)])].slice(0, 1 + r.int(2));
      sel.matchExpressions.push(e);
    }
  }
  return sel;
}

function findingsOf(obj: any, ctx: AdmissionContext, rules: readonly string[]): Finding[] {
  return admit(obj, ctx).filter(f => rules.includes(f.rule));
}

// ---------------------------------------------------------------------------------------------
// The naive reference: the peer scans as the rules made them before the indexes.
// ---------------------------------------------------------------------------------------------

function naiveEarlierConflictingPeer(self: any, group: string, kind: string, peers: readonly any[], conflicts: (peer: any) => boolean): any {
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

function naiveNamespaceLabels(peers: readonly any[], name: string): Record<string, unknown> | undefined {
  const ns = peers.find(p => isObj(p) && p.kind === 'Namespace' && p.apiVersion === 'v1' && isObj(p.metadata) && p.metadata.name === name);
  return ns ? (isObj(ns.metadata.labels) ? ns.metadata.labels : {}) : undefined;
}

function naiveNamespacesOverlap(a: Record<string, any>, b: Record<string, any>, peers: readonly any[]): boolean {
  const an = str(a.namespace);
  const bn = str(b.namespace);
  if (an !== '' && bn !== '' && an !== bn) return false;
  const as = a.namespaceSelector;
  const bs = b.namespaceSelector;
  if (isSet(as) && isSet(bs) && !selectorsOverlap(as, bs)) return false;
  const inNamespace = (ns: string, sel: unknown) => {
    const labels = naiveNamespaceLabels(peers, ns);
    return labels !== undefined && isSet(sel) && selectorMatches(sel, labels);
  };
  if (an !== '' && isSet(bs) && !inNamespace(an, bs)) return false;
  if (bn !== '' && isSet(as) && !inNamespace(bn, bs)) return false;
  return true;
}

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

const DEFAULTED = new WeakMap<object, any>();

/** A SidecarSet as Kruise's defaulting leaves it (memoized: the oracle's scan would default each peer again and again). */
function defaulted(p: any): any {
  if (!DEFAULTED.has(p)) DEFAULTED.set(p, sidecarSetAdmission.defaults!(structuredClone(p), { version: '1.7' }));
  return DEFAULTED.get(p);
}

/** SidecarSet rule 18 as a full scan of the earlier SidecarSets. */
function naiveSidecarSetConflicts(original: any, peers: readonly any[]): Finding[] {
  const defaults = sidecarSetAdmission.defaults!;
  const obj: any = defaults(structuredClone(original), { version: '1.7' });
  const spec = obj.spec;
  const report = new Report();
  const name = str(obj?.metadata?.name);
  const isSidecarSet = (p: any) => isObj(p) && p.kind === 'SidecarSet' && typeof p.apiVersion === 'string' && p.apiVersion.split('/')[0] === 'apps.kruise.io';
  let at = peers.indexOf(original);
  if (at < 0) at = peers.findIndex(p => isSidecarSet(p) && str(p.metadata?.name) === name);
  const earlier = peers.slice(0, at < 0 ? peers.length : at)
    .filter(p => isSidecarSet(p) && str(p.metadata?.name) !== name)
    .map(p => defaulted(p))
    .filter(p => naiveNamespacesOverlap(spec, p.spec, peers) && isSet(spec.selector) && selectorsOverlap(spec.selector, p.spec.selector));
  if (earlier.length === 0) return [];
  const rule = 'SidecarSet/conflicts';
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
        report.error(rule, `spec.${key}[${i}].name`, `SidecarSet ${JSON.stringify(other)}, which can select the same pods, already injects a container named ${JSON.stringify(c.name)}`,
          'rename the container, or make the two SidecarSets select different pods');
      }
    });
  }
  arr(spec.volumes).forEach((v, i) => {
    if (!isObj(v)) return;
    const other = volumes.get(str(v.name));
    if (other !== undefined && !jsonEqual(v, other[1])) {
      report.error(rule, `spec.volumes[${i}]`, `SidecarSet ${JSON.stringify(other[0])}, which can select the same pods, defines volume ${JSON.stringify(v.name)} differently`,
        'define the volume the same way in both SidecarSets, or rename it');
    }
  });
  arr(spec.patchPodMetadata).forEach((patch, i) => {
    if (!isObj(patch) || patch.patchPolicy === 'Retain') return;
    for (const key of Object.keys(isObj(patch.annotations) ? patch.annotations : {})) {
      const other = annotations.get(key);
      if (other !== undefined && (patch.patchPolicy === 'Overwrite' || other[1] === 'Overwrite')) {
        report.error(rule, `spec.patchPodMetadata[${i}].annotations[${JSON.stringify(key)}]`,
          `SidecarSet ${JSON.stringify(other[0])}, which can select the same pods, also patches annotation ${JSON.stringify(key)}, and one of the two overwrites it`,
          'patch the annotation from one SidecarSet only, or use Retain in both');
      }
    }
  });
  return report.findings;
}

// ---------------------------------------------------------------------------------------------
// SidecarSet rule 18
// ---------------------------------------------------------------------------------------------

function sidecarSetCorpus(seed: number, count: number, broad = 0.3): any[] {
  const r = rng(seed);
  const peers: any[] = [];
  for (const [name, labels] of [['ns-a', { team: 'x' }], ['ns-b', { team: 'y' }], ['ns-c', undefined]] as const) {
    peers.push({ apiVersion: 'v1', kind: 'Namespace', metadata: labels ? { name, labels } : { name } });
  }
  const keys = ['app', 'tier', 'sidecar'];
  const values = ['web', 'db', 'cache', 'ALL'];
  for (let i = 0; i < count; i++) {
    // Names repeat now and then (an object and its namesake), and a few peers are SidecarSets of odd apiVersions.
    const name = r.chance(0.03) && i > 0 ? `ss-${r.int(i)}` : `ss-${i}`;
    const apiVersion = r.pick(['apps.kruise.io/v1alpha1', 'apps.kruise.io/v1alpha1', 'apps.kruise.io/v1alpha1', 'apps.kruise.io', 'apps.kruise.io/v1/x']);
    const spec: Record<string, any> = {
      // Most SidecarSets select their own pods (as in a real app); some select broadly.
      selector: !r.chance(broad) ? { matchLabels: { sidecar: `s${r.int(count / 4)}` } } : randomSelector(r, keys, values),
      containers: [{ name: `c${r.int(6)}`, image: 'busybox:1.36' }],
    };
    if (r.chance(0.2)) spec.initContainers = [{ name: `i${r.int(3)}`, image: 'busybox:1.36' }];
    if (r.chance(0.3)) spec.volumes = [r.chance(0.5) ? { name: `v${r.int(3)}`, emptyDir: {} } : { name: `v${r.int(3)}`, hostPath: { path: '/var/log' } }];
    if (r.chance(0.2)) {
      spec.patchPodMetadata = [{ annotations: { [`example.com/k${r.int(3)}`]: 'v' }, patchPolicy: r.pick(['Retain', 'Overwrite', 'MergePatchJson']) }];
    }
    const ns = r.int(8);
    if (ns === 0) spec.namespace = r.pick(['ns-a', 'ns-b', 'ns-c', 'ns-unknown']);
    if (ns === 1) spec.namespaceSelector = { matchLabels: { team: r.pick(['x', 'y']) } };
    if (ns === 2) spec.namespaceSelector = { matchExpressions: [{ key: 'team', operator: 'Exists' }] };
    peers.push({ apiVersion, kind: 'SidecarSet', metadata: { name }, spec });
    if (r.chance(0.05)) peers.push({ apiVersion: 'apps.kruise.io/v1alpha1', kind: 'CloneSet', metadata: { name: `cs-${i}`, namespace: 'ns-a' }, spec: {} });
  }
  // Conflicts at known positions: a late SidecarSet with the container name of the first one, over the same pods.
  const first = peers.find(p => p.kind === 'SidecarSet' && p.apiVersion === 'apps.kruise.io/v1alpha1' && isObj(p.spec.selector)
    && Object.keys(p.spec.selector).length > 0 && !p.spec.namespace && !p.spec.namespaceSelector)!;
  peers.push({ apiVersion: 'apps.kruise.io/v1alpha1', kind: 'SidecarSet', metadata: { name: 'late-twin' }, spec: structuredClone(first.spec) });
  return peers;
}

describe('SidecarSet rule 18 (conflicts with overlapping SidecarSets) through the peer index', () => {
  // Broad selectors overlap many others (found name by name from the last holder); narrow ones few (found from the selector index).
  test.each([[1, 800, 0.3], [2, 800, 0.3], [3, 800, 0.02], [4, 800, 0.9]])('seed %d, %d SidecarSets, %d broad: the findings equal the full scan\'s', (seed, count, broad) => {
    const peers = sidecarSetCorpus(seed, count, broad);
    const ctx: AdmissionContext = { version: '1.7', peers };
    let conflicting = 0;
    let withOverlaps = 0;
    for (const o of peers) {
      if (o.kind !== 'SidecarSet' || o.apiVersion !== 'apps.kruise.io/v1alpha1') continue;
      const expected = naiveSidecarSetConflicts(o, peers);
      expect(findingsOf(o, ctx, ['SidecarSet/conflicts'])).toEqual(expected);
      if (expected.length > 0) conflicting++;
      withOverlaps++;
    }
    // The corpus is not vacuous: conflicts are found, and not everywhere.
    expect(conflicting).toBeGreaterThan(20);
    expect(conflicting).toBeLessThan(withOverlaps);
    const twin = peers[peers.length - 1];
    expect(findingsOf(twin, ctx, ['SidecarSet/conflicts']).length).toBeGreaterThan(0);
  });

  test('an object not among the peers is placed at its first namesake (or after all of them)', () => {
    const peers = sidecarSetCorpus(3, 400);
    const ctx: AdmissionContext = { version: '1.7', peers };
    const sets = peers.filter(p => p.kind === 'SidecarSet' && p.apiVersion === 'apps.kruise.io/v1alpha1');
    for (const o of sets.filter((_, i) => i % 5 === 0)) {
      const copy = structuredClone(o);
      expect(findingsOf(copy, ctx, ['SidecarSet/conflicts'])).toEqual(naiveSidecarSetConflicts(copy, peers));
    }
    const stranger = structuredClone(sets[sets.length - 1]);
    stranger.metadata.name = 'not-reviewed';
    expect(findingsOf(stranger, ctx, ['SidecarSet/conflicts'])).toEqual(naiveSidecarSetConflicts(stranger, peers));
  });

  test('pinned selector values: two selectors that pin a common key to disjoint values never overlap', () => {
    const r = rng(7);
    let disjoint = 0;
    for (let i = 0; i < 20000; i++) {
      const a = randomSelector(r, ['a', 'b'], ['x', 'y', 'ALL']);
      const b = randomSelector(r, ['a', 'b'], ['x', 'y', 'ALL']);
      const pa = pinnedSelectorValues(a);
      const pb = pinnedSelectorValues(b);
      const excluded = [...pa].some(([k, vs]) => pb.has(k) && !pb.get(k)!.some(v => vs.includes(v)));
      if (excluded) {
        disjoint++;
        expect(selectorsOverlap(a, b)).toBe(false);
      }
    }
    expect(disjoint).toBeGreaterThan(1000);
  });
});

// ---------------------------------------------------------------------------------------------
// WorkloadSpread, PersistentPodState, PodUnavailableBudget: one per workload / no overlap
// ---------------------------------------------------------------------------------------------

const NAMESPACES = ['ns-1', 'ns-2', undefined];

function mixedCorpus(seed: number, count: number): any[] {
  const r = rng(seed);
  const peers: any[] = [];
  const targets = ['t0', 't1', 't2', 't3'];
  const wsTarget = () => r.pick([
    { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'CloneSet', name: r.pick(targets) },
    { apiVersion: 'apps.kruise.io/v1beta1', kind: 'CloneSet', name: r.pick(targets) },
    { apiVersion: 'apps/v1', kind: 'Deployment', name: r.pick(targets) },
    { apiVersion: 'apps/v1/x', kind: 'Deployment', name: r.pick(targets) },
    { apiVersion: 'apps.kruise.io/v1beta1', kind: 'StatefulSet', name: r.pick(targets) },
  ]);
  for (let i = 0; i < count; i++) {
    const namespace = r.pick(NAMESPACES);
    const name = r.chance(0.03) && i > 0 ? `o-${r.int(i)}` : `o-${i}`;
    const metadata = namespace === undefined ? { name } : { name, namespace };
    switch (r.int(6)) {
      case 0:
        peers.push({
          apiVersion: 'apps.kruise.io/v1alpha1',
          kind: 'WorkloadSpread',
          metadata,
          spec: {
            targetRef: r.chance(0.05) ? 'not-an-object' : wsTarget(),
            subsets: [{ name: 'a', maxReplicas: 1, patch: r.chance(0.3) ? { spec: { containers: [{ name: 'sidecar' }] } } : undefined }, { name: 'b' }],
          },
        });
        break;
      case 1:
        peers.push({
          apiVersion: r.pick(['apps.kruise.io/v1alpha1', 'apps.kruise.io/v1alpha1', 'apps.kruise.io']),
          kind: 'PersistentPodState',
          metadata,
          spec: {
            targetRef: r.chance(0.05) ? ['odd'] : { apiVersion: r.pick(['apps/v1', 'apps.kruise.io/v1beta1', 'apps.kruise.io/v1alpha1']), kind: 'StatefulSet', name: r.pick(targets) },
            requiredPersistentTopology: { nodeTopologyKeys: ['kubernetes.io/hostname'] },
          },
        });
        break;
      case 2:
      case 3: {
        const spec: Record<string, any> = { maxUnavailable: 1 };
        const form = r.int(10);
        if (form < 3) spec.targetRef = { apiVersion: r.pick(['apps/v1', 'apps.kruise.io/v1alpha1']), kind: r.pick(['Deployment', 'CloneSet']), name: r.pick(targets) };
        else if (form < 9) spec.selector = randomSelector(r, ['app', 'tier'], ['web', 'db', 'cache']);
        else if (r.chance(0.5)) spec.selector = [];
        peers.push({ apiVersion: 'policy.kruise.io/v1alpha1', kind: 'PodUnavailableBudget', metadata, spec });
        break;
      }
      case 4:
        // The workloads WorkloadSpreads patch (rule 9 looks their templates up).
        peers.push({
          apiVersion: r.pick(['apps.kruise.io/v1alpha1', 'apps/v1']),
          kind: r.pick(['CloneSet', 'Deployment']),
          metadata: namespace === undefined ? { name: r.pick(targets) } : { name: r.pick(targets), namespace },
          spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'main', image: 'nginx:1.27' }] } } },
        });
        break;
      default:
        peers.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata, data: {} });
    }
  }
  return peers;
}

const CONFLICT_RULES: Record<string, { group: string; rule: string; conflicts: (self: any) => ((peer: any) => boolean) | undefined }> = {
  WorkloadSpread: {
    group: 'apps.kruise.io',
    rule: 'WorkloadSpread/one-per-workload',
    conflicts: (self) => {
      const ref = self.spec?.targetRef;
      if (!isObj(ref)) return undefined;
      const group = groupOfApiVersion(str(ref.apiVersion));
      if (group === undefined || str(ref.apiVersion) === '' || str(ref.kind) === '' || str(ref.name) === '') return undefined;
      return (peer) => {
        const pref = peer?.spec?.targetRef;
        return isObj(pref) && groupOfApiVersion(str(pref.apiVersion)) === group
          && str(pref.kind) === str(ref.kind) && str(pref.name) === str(ref.name);
      };
    },
  },
  PersistentPodState: {
    group: 'apps.kruise.io',
    rule: 'PersistentPodState/one-per-workload',
    conflicts: (self) => {
      const ref = self.spec?.targetRef !== null && typeof self.spec?.targetRef === 'object' ? self.spec.targetRef : {};
      const group = groupOfApiVersion(str(ref.apiVersion));
      if (group === undefined || str(ref.kind) === '' || str(ref.name) === '') return undefined;
      return (peer) => {
        const pref = peer?.spec?.targetRef;
        if (pref === null || typeof pref !== 'object') return false;
        return groupOfApiVersion(str(pref.apiVersion)) === group && str(pref.kind) === str(ref.kind) && str(pref.name) === str(ref.name);
      };
    },
  },
  PodUnavailableBudget: {
    group: 'policy.kruise.io',
    rule: 'PodUnavailableBudget/no-overlap',
    conflicts: (self) => {
      const ref = self.spec?.targetRef;
      const selector = self.spec?.selector;
      const refSet = ref !== null && typeof ref === 'object';
      const selSet = selector !== null && typeof selector === 'object';
      if (refSet === selSet) return undefined;
      return (peer) => {
        const pref = peer?.spec?.targetRef;
        const psel = peer?.spec?.selector;
        if (refSet && pref !== null && typeof pref === 'object') {
          return groupOfApiVersion(str(pref.apiVersion)) === groupOfApiVersion(str(ref.apiVersion))
            && str(pref.kind) === str(ref.kind) && str(pref.name) === str(ref.name);
        }
        if (selSet && psel !== null && typeof psel === 'object') return selectorsLooseOverlap(selector, psel);
        return false;
      };
    },
  },
};

describe('one per workload / no overlap (WorkloadSpread rule 19, PersistentPodState rule 4, PodUnavailableBudget rule 9) through the peer index', () => {
  test.each([[11, 4000], [12, 4000]])('seed %d, %d objects: each object names the earlier peer the full scan finds', (seed, count) => {
    const peers = mixedCorpus(seed, count);
    const ctx: AdmissionContext = { version: '1.7', peers };
    const found: Record<string, number> = {};
    const checked: Record<string, number> = {};
    const check = (o: any) => {
      const spec = CONFLICT_RULES[o.kind];
      const conflicts = spec.conflicts(o);
      const other = conflicts ? naiveEarlierConflictingPeer(o, spec.group, o.kind, peers, conflicts) : undefined;
      const actual = findingsOf(o, ctx, [spec.rule]);
      if (other === undefined) {
        expect(actual).toEqual([]);
      } else {
        expect(actual).toHaveLength(1);
        expect(actual[0].message).toContain(`"${str(other.metadata?.name)}"`);
        found[o.kind] = (found[o.kind] ?? 0) + 1;
      }
      checked[o.kind] = (checked[o.kind] ?? 0) + 1;
    };
    const reviewed = (p: any) => p.kind in CONFLICT_RULES && groupOfApiVersion(p.apiVersion) === CONFLICT_RULES[p.kind].group;
    for (const o of peers) {
      if (reviewed(o)) check(o);
    }
    // Objects not among the peers: placed at their first namesake of the kind, or after every peer.
    for (const o of peers.filter((p, i) => i % 7 === 0 && reviewed(p))) {
      check(structuredClone(o));
      check({ ...structuredClone(o), metadata: { ...o.metadata, name: 'not-reviewed' } });
    }
    // Not vacuous: every kind has conflicts and objects without.
    for (const kind of Object.keys(CONFLICT_RULES)) {
      expect(found[kind]).toBeGreaterThan(10);
      expect(found[kind]).toBeLessThan(checked[kind]);
    }
  });

  test('PodUnavailableBudget selectors: the index keys never hide a loosely overlapping pair', () => {
    const r = rng(21);
    const budgets: any[] = [];
    for (let i = 0; i < 1500; i++) {
      budgets.push({
        apiVersion: 'policy.kruise.io/v1alpha1',
        kind: 'PodUnavailableBudget',
        metadata: { name: `pub-${i}`, namespace: 'ns' },
        spec: { selector: randomSelector(r, ['a', 'b'], ['x', 'y', 'z']), maxUnavailable: 1 },
      });
    }
    const ctx: AdmissionContext = { version: '1.7', peers: budgets };
    let found = 0;
    for (const o of budgets) {
      const conflicts = CONFLICT_RULES.PodUnavailableBudget.conflicts(o);
      const other = conflicts ? naiveEarlierConflictingPeer(o, 'policy.kruise.io', 'PodUnavailableBudget', budgets, conflicts) : undefined;
      const actual = findingsOf(o, ctx, ['PodUnavailableBudget/no-overlap']);
      expect(actual.map(f => f.message)).toEqual(other === undefined ? [] : [expect.stringContaining(`"${other.metadata.name}"`)]);
      if (other) found++;
    }
    expect(found).toBeGreaterThan(100);
    // Every key set is represented, In and non-In on the first key.
    expect(new Set(budgets.map(b => [...selectorRequirementsByKey(b.spec.selector).keys()].sort().join(','))).size).toBeGreaterThanOrEqual(3);
  });
});

// ---------------------------------------------------------------------------------------------
// Lookups of one peer: the pod of a ContainerRecreateRequest, the workload of a WorkloadSpread
// ---------------------------------------------------------------------------------------------

describe('peer lookups (ContainerRecreateRequest rules 7 and 10, WorkloadSpread rule 9) through the peer index', () => {
  test('a ContainerRecreateRequest is checked against the pod the full scan finds', () => {
    const r = rng(31);
    const peers: any[] = [];
    for (let i = 0; i < 3000; i++) {
      const namespace = r.pick(NAMESPACES);
      const podName = `pod-${r.int(300)}`;
      if (r.chance(0.4)) {
        // Pods of the same name in other namespaces, of other apiVersions, or twice, with different states.
        peers.push({
          apiVersion: r.pick(['v1', 'v1', 'v1', 'core/v1', 'a/b/c']),
          kind: 'Pod',
          metadata: namespace === undefined ? { name: podName } : { name: podName, namespace },
          spec: { nodeName: r.chance(0.8) ? 'node-1' : undefined, containers: [{ name: r.pick(['main', 'app']) }], initContainers: [{ name: 'init' }] },
          status: { phase: r.pick(['Running', 'Running', 'Failed', 'Succeeded']) },
        });
      } else {
        peers.push({
          apiVersion: 'apps.kruise.io/v1alpha1',
          kind: 'ContainerRecreateRequest',
          metadata: namespace === undefined ? { name: `crr-${i}` } : { name: `crr-${i}`, namespace },
          spec: { podName, containers: [{ name: r.pick(['main', 'app', 'init']) }] },
        });
      }
    }
    const ctx: AdmissionContext = { version: '1.7', peers };
    const rules = ['ContainerRecreateRequest/pod-active', 'ContainerRecreateRequest/container-in-pod'];
    let withPod = 0;
    let denied = 0;
    for (const o of peers) {
      if (o.kind !== 'ContainerRecreateRequest') continue;
      const ns = namespaceOf(o);
      const pod = peers.find(p => namespaceOf(p) === ns && str(p.metadata?.name) === o.spec.podName && isKind(p, '', 'Pod'));
      const actual = findingsOf(o, ctx, rules);
      if (pod === undefined) {
        expect(actual).toEqual([]);
        continue;
      }
      withPod++;
      // The verdict against that pod alone (the pod's own state decides it).
      expect(actual).toEqual(findingsOf(o, { version: '1.7', peers: [pod] }, rules));
      const bad = pod.status.phase !== 'Running' || !pod.spec.nodeName || !pod.spec.containers.some((c: any) => c.name === o.spec.containers[0].name);
      expect(actual.length > 0).toBe(bad);
      if (actual.some(f => f.severity === 'error')) denied++;
    }
    expect(withPod).toBeGreaterThan(200);
    expect(denied).toBeGreaterThan(50);
  });

  test('a WorkloadSpread patch is merged into the workload the full scan finds', () => {
    const peers = mixedCorpus(41, 3000);
    const ctx: AdmissionContext = { version: '1.7', peers };
    let patched = 0;
    for (const o of peers) {
      if (o.kind !== 'WorkloadSpread' || !isObj(o.spec.targetRef)) continue;
      const ref = o.spec.targetRef;
      const group = groupOfApiVersion(ref.apiVersion);
      const ns = namespaceOf(o);
      const workload = group === undefined || ref.kind === 'StatefulSet' ? undefined
        : peers.find(p => namespaceOf(p) === ns && str(p.metadata?.name) === ref.name && isKind(p, group, ref.kind));
      const actual = findingsOf(o, ctx, ['WorkloadSpread/subset-patch']);
      if (workload === undefined || !o.spec.subsets[0].patch) {
        expect(actual).toEqual([]);
        continue;
      }
      // The patch adds a container without an image: invalid in the workload's pod.
      patched++;
      expect(actual.length).toBeGreaterThan(0);
      expect(actual[0].message).toContain(`${workload.kind} "${workload.metadata.name}"`);
    }
    expect(patched).toBeGreaterThan(30);
  });
});
