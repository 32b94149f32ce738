import { upstreamExamples } from './upstream-examples';
import { admit } from '../../../src/admission/engine';
import { AdmissionContext, Finding } from '../../../src/admission/types';
import { describeWithReference } from '../../util/reference';

const ctx: AdmissionContext = { version: '1.7' };
const ctx18: AdmissionContext = { version: '1.8' };

function ws(spec: Record<string, any> = {}, name = 'web-spread', namespace = 'apps'): any {
  return {
    apiVersion: 'apps.kruise.io/v1alpha1',
    kind: 'WorkloadSpread',
    metadata: { name, namespace },
    spec: {
      targetRef: { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'CloneSet', name: 'web' },
      subsets: [
        { name: 'zone-a', requiredNodeSelectorTerm: { matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['a'] }] }, maxReplicas: 3 },
        { name: 'zone-b' },
      ],
      ...spec,
    },
  };
}

function cloneSet(template: Record<string, any> = {}, extra: Record<string, any> = {}): any {
  return {
    apiVersion: 'apps.kruise.io/v1alpha1',
    kind: 'CloneSet',
    metadata: { name: 'web', namespace: 'apps' },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'main', image: 'nginx', ports: [{ containerPort: 80 }] }], ...template },
      },
      ...extra,
    },
  };
}

const subsets = (...list: Array<Record<string, any>>) => list.map((s, i) => ({ name: `s${i}`, ...s }));

const errors = (f: Finding[]) => f.filter(x => x.severity === 'error');
const warnings = (f: Finding[]) => f.filter(x => x.severity === 'warning');
const has = (f: Finding[], rule: string, path: string) => expect(f).toEqual(expect.arrayContaining([expect.objectContaining({ rule, path })]));

describe('WorkloadSpread admission', () => {
  test('a minimal valid WorkloadSpread has no findings', () => {
    expect(admit(ws(), ctx)).toEqual([]);
  });

  test('WorkloadSpread rule 1 (feature gate WorkloadSpread) denies when it is off', () => {
    has(errors(admit(ws(), { ...ctx, gate: g => g !== 'WorkloadSpread' })), 'WorkloadSpread/feature-gate', 'kind');
  });

  test('WorkloadSpread rule 1 (feature gate WorkloadSpread) allows it on or unknown', () => {
    expect(admit(ws(), { ...ctx, gate: () => true })).toEqual([]);
    expect(admit(ws(), { ...ctx, gate: () => undefined })).toEqual([]);
  });

  test('WorkloadSpread rule 2 (targetRef required, apiVersion/kind/name non-empty) denies a missing and an incomplete reference', () => {
    has(errors(admit(ws({ targetRef: undefined }), ctx)), 'WorkloadSpread/target-ref', 'spec.targetRef');
    has(errors(admit(ws({ targetRef: { apiVersion: 'apps/v1', kind: 'Deployment' } }), ctx)), 'WorkloadSpread/target-ref', 'spec.targetRef');
  });

  test('WorkloadSpread rule 2 (targetRef required, apiVersion/kind/name non-empty) allows a Deployment', () => {
    expect(admit(ws({ targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' } }), ctx)).toEqual([]);
  });

  test('WorkloadSpread rule 3 (targetRef: the built-in kinds and groups, else the whitelist) denies a built-in kind of the wrong group', () => {
    has(errors(admit(ws({ targetRef: { apiVersion: 'apps/v1', kind: 'CloneSet', name: 'web' } }), ctx)), 'WorkloadSpread/target-kind', 'spec.targetRef.apiVersion');
    has(errors(admit(ws({ targetRef: { apiVersion: 'apps/v1', kind: 'Job', name: 'web' } }), ctx)), 'WorkloadSpread/target-kind', 'spec.targetRef.apiVersion');
    has(errors(admit(ws({ targetRef: { apiVersion: 'a/b/c', kind: 'Deployment', name: 'web' } }), ctx)), 'WorkloadSpread/target-kind', 'spec.targetRef.apiVersion');
  });

  test('WorkloadSpread rule 3 (targetRef: the built-in kinds and groups, else the whitelist) allows the built-ins and warns for others', () => {
    for (const [apiVersion, kind] of [['apps/v1', 'ReplicaSet'], ['batch/v1', 'Job'], ['apps/v1', 'StatefulSet'], ['apps.kruise.io/v1beta1', 'StatefulSet']]) {
      expect(admit(ws({ targetRef: { apiVersion, kind, name: 'web' } }), ctx)).toEqual([]);
    }
    const custom = admit(ws({ targetRef: { apiVersion: 'game.kruise.io/v1alpha1', kind: 'GameServerSet', name: 'web' } }), ctx);
    expect(errors(custom)).toEqual([]);
    has(warnings(custom), 'WorkloadSpread/target-kind', 'spec.targetRef');
  });

  test('WorkloadSpread rule 4 (at least one subset) denies none', () => {
    has(errors(admit(ws({ subsets: [] }), ctx)), 'WorkloadSpread/subsets-required', 'spec.subsets');
  });

  test('WorkloadSpread rule 4 (at least one subset) allows a single subset', () => {
    expect(admit(ws({ subsets: [{ name: 'only', maxReplicas: 2 }] }), ctx)).toEqual([]);
  });

  test('WorkloadSpread rule 5 (subset name non-empty, unique) denies an empty and a repeated name', () => {
    has(errors(admit(ws({ subsets: [{ name: '' }] }), ctx)), 'WorkloadSpread/subset-name', 'spec.subsets[0].name');
    has(errors(admit(ws({ subsets: [{ name: 'a', maxReplicas: 1 }, { name: 'a' }] }), ctx)), 'WorkloadSpread/subset-name', 'spec.subsets[1].name');
  });

  test('WorkloadSpread rule 5 (subset name non-empty, unique) allows any distinct names', () => {
    expect(admit(ws({ subsets: [{ name: 'Zone A', maxReplicas: 1 }, { name: 'zone_b' }] }), ctx)).toEqual([]);
  });

  test('WorkloadSpread rule 6 (requiredNodeSelectorTerm valid) denies a bad operator and In without values', () => {
    const f = admit(ws({ subsets: subsets({ requiredNodeSelectorTerm: { matchExpressions: [{ key: 'zone', operator: 'Equals', values: ['a'] }, { key: 'zone', operator: 'In' }] } }) }), ctx);
    has(errors(f), 'WorkloadSpread/required-node-selector-term', 'spec.subsets[0].requiredNodeSelectorTerm.matchExpressions[0].operator');
    has(errors(f), 'WorkloadSpread/required-node-selector-term', 'spec.subsets[0].requiredNodeSelectorTerm.matchExpressions[1].values');
  });

  test('WorkloadSpread rule 6 (requiredNodeSelectorTerm valid) allows Gt and matchFields', () => {
    const term = { matchExpressions: [{ key: 'cpu-count', operator: 'Gt', values: ['4'] }], matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1'] }] };
    expect(admit(ws({ subsets: subsets({ requiredNodeSelectorTerm: term }) }), ctx)).toEqual([]);
  });

  test('WorkloadSpread rule 7 (preferredNodeSelectorTerms valid, weight 1..100) denies weight 0 and 101', () => {
    const pref = (weight: number) => [{ weight, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] } }];
    has(errors(admit(ws({ subsets: subsets({ preferredNodeSelectorTerms: pref(0) }) }), ctx)), 'WorkloadSpread/preferred-node-selector-terms', 'spec.subsets[0].preferredNodeSelectorTerms[0].weight');
    has(errors(admit(ws({ subsets: subsets({ preferredNodeSelectorTerms: pref(101) }) }), ctx)), 'WorkloadSpread/preferred-node-selector-terms', 'spec.subsets[0].preferredNodeSelectorTerms[0].weight');
  });

  test('WorkloadSpread rule 7 (preferredNodeSelectorTerms valid, weight 1..100) allows weights 1 and 100', () => {
    const pref = [1, 100].map(weight => ({ weight, preference: { matchExpressions: [{ key: 'zone', operator: 'Exists' }] } }));
    expect(admit(ws({ subsets: subsets({ preferredNodeSelectorTerms: pref }) }), ctx)).toEqual([]);
  });

  test('WorkloadSpread rule 8 (tolerations valid) denies an unknown effect and tolerationSeconds without NoExecute', () => {
    const f = admit(ws({ subsets: subsets({ tolerations: [{ key: 'spot', operator: 'Exists', effect: 'NoWay' }, { key: 'x', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 30 }] }) }), ctx);
    has(errors(f), 'WorkloadSpread/tolerations', 'spec.subsets[0].tolerations[0].effect');
    has(errors(f), 'WorkloadSpread/tolerations', 'spec.subsets[0].tolerations[1].effect');
  });

  test('WorkloadSpread rule 8 (tolerations valid) allows the three effects, an empty one, and tolerate-all', () => {
    const tolerations = [
      { key: 'spot', operator: 'Equal', value: 'true', effect: 'NoSchedule' },
      { key: 'spot', operator: 'Exists', effect: 'PreferNoSchedule' },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 },
      { key: 'any-effect', operator: 'Exists' },
      { operator: 'Exists' },
    ];
    expect(admit(ws({ subsets: subsets({ tolerations }) }), ctx)).toEqual([]);
  });

  test('WorkloadSpread rule 9 (patch merged into the existing workload\'s pod template must validate) denies a patch that breaks the pod', () => {
    const patch = { spec: { containers: [{ name: 'main', image: '' }] } };
    const spread = ws({ subsets: subsets({ patch, maxReplicas: 1 }, {}) });
    const f = admit(spread, { ...ctx, peers: [cloneSet(), spread] });
    has(errors(f), 'WorkloadSpread/subset-patch', 'spec.subsets[0].patch.spec.containers[0].image');
    const noKey = ws({ subsets: subsets({ patch: { spec: { containers: [{ image: 'x' }] } }, maxReplicas: 1 }, {}) });
    has(errors(admit(noKey, { ...ctx, peers: [cloneSet()] })), 'WorkloadSpread/subset-patch', 'spec.subsets[0].patch');
    const deleteAll = ws({ subsets: subsets({ patch: { spec: { containers: [{ name: 'main', $patch: 'delete' }] } }, maxReplicas: 1 }, {}) });
    has(errors(admit(deleteAll, { ...ctx, peers: [cloneSet()] })), 'WorkloadSpread/subset-patch', 'spec.subsets[0].patch.spec.containers');
  });

  test('WorkloadSpread rule 9 (patch merged into the existing workload\'s pod template must validate) allows good patches and unknown workloads', () => {
    const patch = {
      metadata: { labels: { zone: 'a' }, annotations: { 'example.com/zone': 'a' } },
      spec: { containers: [{ name: 'main', resources: { limits: { cpu: '1' } }, env: [{ name: 'ZONE', value: 'a' }] }, { name: 'log', image: 'fluent-bit' }] },
    };
    const spread = ws({ subsets: subsets({ patch, maxReplicas: 1 }, {}) });
    expect(admit(spread, { ...ctx, peers: [cloneSet(), spread] })).toEqual([]);
    // a broken patch is not checked when the workload is not reviewed (Kruise skips it when the workload does not exist yet)
    const broken = ws({ subsets: subsets({ patch: { spec: { containers: [{ name: 'main', image: '' }] } }, maxReplicas: 1 }, {}) });
    expect(admit(broken, ctx)).toEqual([]);
    // nor for a StatefulSet target: Kruise's lookup of a StatefulSet always fails
    const sts = { ...cloneSet(), apiVersion: 'apps/v1', kind: 'StatefulSet' };
    const stsSpread = ws({ targetRef: { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web' }, subsets: subsets({ patch: { spec: { containers: [{ name: 'main', image: '' }] } }, maxReplicas: 1 }, {}) });
    expect(admit(stsSpread, { ...ctx, peers: [sts] })).toEqual([]);
    // problems of the workload's own template are the workload's, not the spread's
    const badTemplate = cloneSet({ containers: [{ name: 'main', image: '' }] });
    const labelsOnly = ws({ subsets: subsets({ patch: { metadata: { labels: { zone: 'a' } } }, maxReplicas: 1 }, {}) });
    expect(admit(labelsOnly, { ...ctx, peers: [badTemplate] })).toEqual([]);
    // a workload of another namespace is not the target
    expect(admit(broken, { ...ctx, peers: [{ ...cloneSet(), metadata: { name: 'web', namespace: 'other' } }] })).toEqual([]);
  });

  test('WorkloadSpread rule 9 (patch merged into the workload\'s pod template) merges lists by their keys as strategic merge patch does', () => {
    const base = cloneSet({
      volumes: [{ name: 'config', configMap: { name: 'web' } }],
      containers: [{ name: 'main', image: 'nginx', env: [{ name: 'A', value: '1' }], volumeMounts: [{ name: 'config', mountPath: '/etc/web' }] }],
    });
    // volumes and mounts are merged by name and mountPath: the template's stay, the patch's are added
    const patch = {
      spec: {
        volumes: [{ name: 'cache', emptyDir: {} }],
        containers: [{ name: 'main', env: [{ name: 'A', value: '2' }], volumeMounts: [{ name: 'cache', mountPath: '/cache' }] }],
      },
    };
    const spread = ws({ subsets: subsets({ patch, maxReplicas: 1 }, {}) });
    expect(admit(spread, { ...ctx, peers: [base] })).toEqual([]);
    // a keyed list the template does not have is taken as it is, even with items lacking the key (metadata is not validated)
    const owners = { metadata: { ownerReferences: [{ name: 'x' }] } };
    expect(admit(ws({ subsets: subsets({ patch: owners, maxReplicas: 1 }, {}) }), { ...ctx, peers: [base] })).toEqual([]);
    // deleting the template's volume with a directive leaves its mount dangling
    const drop = { spec: { volumes: [{ name: 'config', $patch: 'delete' }] } };
    const dropped = admit(ws({ subsets: subsets({ patch: drop, maxReplicas: 1 }, {}) }), { ...ctx, peers: [base] });
    has(errors(dropped), 'WorkloadSpread/subset-patch', 'spec.subsets[0].patch.spec.containers[0].volumeMounts[0].name');
  });

  test('WorkloadSpread rule 10 (all maxReplicas of one type) denies a count beside a percentage', () => {
    has(errors(admit(ws({ subsets: subsets({ maxReplicas: '50%' }, { maxReplicas: 2 }, {}) }), ctx)), 'WorkloadSpread/max-replicas-type', 'spec.subsets[1].maxReplicas');
  });

  test('WorkloadSpread rule 10 (all maxReplicas of one type) allows all counts with an unbounded subset between', () => {
    expect(admit(ws({ subsets: subsets({ maxReplicas: 2 }, {}, { maxReplicas: 0 }) }), ctx)).toEqual([]);
  });

  test('WorkloadSpread rule 11 (StatefulSet target: int maxReplicas only) denies a percentage', () => {
    const f = admit(ws({ targetRef: { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db' }, subsets: subsets({ maxReplicas: '50%' }, {}) }), ctx);
    has(errors(f), 'WorkloadSpread/max-replicas-statefulset', 'spec.subsets[0].maxReplicas');
  });

  test('WorkloadSpread rule 11 (StatefulSet target: int maxReplicas only) allows counts', () => {
    expect(admit(ws({ targetRef: { apiVersion: 'apps.kruise.io/v1beta1', kind: 'StatefulSet', name: 'db' }, subsets: subsets({ maxReplicas: 2 }, {}) }), ctx)).toEqual([]);
  });

  test('WorkloadSpread rule 12 (maxReplicas parses and is >= 0) denies a negative count and a non-number', () => {
    has(errors(admit(ws({ subsets: subsets({ maxReplicas: -1 }, {}) }), ctx)), 'WorkloadSpread/max-replicas-value', 'spec.subsets[0].maxReplicas');
    has(errors(admit(ws({ subsets: subsets({ maxReplicas: 'half' }, {}) }), ctx)), 'WorkloadSpread/max-replicas-value', 'spec.subsets[0].maxReplicas');
    has(errors(admit(ws({ subsets: subsets({ maxReplicas: '-10%' }, {}) }), ctx)), 'WorkloadSpread/max-replicas-value', 'spec.subsets[0].maxReplicas');
  });

  test('WorkloadSpread rule 12 (maxReplicas parses and is >= 0) allows 0 and a percentage without the % sign (Kruise reads it as one)', () => {
    expect(admit(ws({ subsets: subsets({ maxReplicas: 0 }, {}) }), ctx)).toEqual([]);
    expect(admit(ws({ subsets: subsets({ maxReplicas: '40' }, { maxReplicas: '60%' }) }), ctx)).toEqual([]);
  });

  test('WorkloadSpread rule 13 (percentages sum <= 100) denies 60% + 50%', () => {
    has(errors(admit(ws({ subsets: subsets({ maxReplicas: '60%' }, { maxReplicas: '50%' }, {}) }), ctx)), 'WorkloadSpread/max-replicas-sum', 'spec.subsets[1].maxReplicas');
  });

  test('WorkloadSpread rule 13 (percentages sum <= 100) allows exactly 100%', () => {
    expect(admit(ws({ subsets: subsets({ maxReplicas: '30%' }, { maxReplicas: '70%' }) }), ctx)).toEqual([]);
  });

  test('WorkloadSpread rule 14 (percentages sum == 100 unless the last subset is unbounded) denies 30% + 30% bounded', () => {
    has(errors(admit(ws({ subsets: subsets({ maxReplicas: '30%' }, { maxReplicas: '30%' }) }), ctx)), 'WorkloadSpread/max-replicas-sum', 'spec.subsets[0].maxReplicas');
    has(errors(admit(ws({ subsets: subsets({ maxReplicas: '50%' }) }), ctx)), 'WorkloadSpread/max-replicas-sum', 'spec.subsets[0].maxReplicas');
  });

  test('WorkloadSpread rule 14 (percentages sum == 100 unless the last subset is unbounded) allows an unbounded last subset', () => {
    expect(admit(ws({ subsets: subsets({ maxReplicas: '30%' }, { maxReplicas: '30%' }, {}) }), ctx)).toEqual([]);
  });

  test('WorkloadSpread rule 15 (scheduleStrategy.type "" | Fixed | Adaptive) denies another type', () => {
    has(errors(admit(ws({ scheduleStrategy: { type: 'Balanced' } }), ctx)), 'WorkloadSpread/schedule-strategy-type', 'spec.scheduleStrategy.type');
  });

  test('WorkloadSpread rule 15 (scheduleStrategy.type "" | Fixed | Adaptive) allows the three', () => {
    for (const type of ['', 'Fixed', 'Adaptive']) expect(admit(ws({ scheduleStrategy: { type } }), ctx)).toEqual([]);
  });

  test('WorkloadSpread rule 16 (adaptive settings need type Adaptive) denies adaptive under Fixed or no type', () => {
    has(errors(admit(ws({ scheduleStrategy: { type: 'Fixed', adaptive: { rescheduleCriticalSeconds: 30 } } }), ctx)), 'WorkloadSpread/schedule-strategy-adaptive', 'spec.scheduleStrategy.type');
    has(errors(admit(ws({ scheduleStrategy: { adaptive: {} } }), ctx)), 'WorkloadSpread/schedule-strategy-adaptive', 'spec.scheduleStrategy.type');
  });

  test('WorkloadSpread rule 16 (adaptive settings need type Adaptive) allows them under Adaptive', () => {
    expect(admit(ws({ scheduleStrategy: { type: 'Adaptive', adaptive: { rescheduleCriticalSeconds: 30, disableSimulationSchedule: true } } }), ctx)).toEqual([]);
  });

  test('WorkloadSpread rule 17 (adaptive with more than one subset: last subset unbounded) denies a bounded last subset', () => {
    const f = admit(ws({ subsets: subsets({ maxReplicas: 2 }, { maxReplicas: 3 }), scheduleStrategy: { type: 'Adaptive', adaptive: {} } }), ctx);
    has(errors(f), 'WorkloadSpread/schedule-strategy-adaptive', 'spec.subsets[1].maxReplicas');
  });

  test('WorkloadSpread rule 17 (adaptive with more than one subset: last subset unbounded) allows a single bounded subset', () => {
    expect(admit(ws({ subsets: subsets({ maxReplicas: 2 }), scheduleStrategy: { type: 'Adaptive', adaptive: { rescheduleCriticalSeconds: 10 } } }), ctx)).toEqual([]);
  });

  test('WorkloadSpread rule 18 (rescheduleCriticalSeconds in [0, 295/(subsets-1)]) denies -1 and 148 with three subsets', () => {
    const three = (seconds: number) => ws({ subsets: subsets({ maxReplicas: 1 }, { maxReplicas: 1 }, {}), scheduleStrategy: { type: 'Adaptive', adaptive: { rescheduleCriticalSeconds: seconds } } });
    for (const s of [-1, 148]) has(errors(admit(three(s), ctx)), 'WorkloadSpread/reschedule-critical-seconds', 'spec.scheduleStrategy.adaptive.rescheduleCriticalSeconds');
  });

  test('WorkloadSpread rule 18 (rescheduleCriticalSeconds in [0, 295/(subsets-1)]) allows 0, 147 with three subsets and anything with one', () => {
    const three = (seconds: number) => ws({ subsets: subsets({ maxReplicas: 1 }, { maxReplicas: 1 }, {}), scheduleStrategy: { type: 'Adaptive', adaptive: { rescheduleCriticalSeconds: seconds } } });
    for (const s of [0, 147]) expect(admit(three(s), ctx)).toEqual([]);
    expect(admit(ws({ subsets: subsets({}), scheduleStrategy: { type: 'Adaptive', adaptive: { rescheduleCriticalSeconds: 100000 } } }), ctx)).toEqual([]);
  });

  test('WorkloadSpread rule 19 (one WorkloadSpread per workload per namespace) denies the second over one CloneSet', () => {
    const a = ws({}, 'a');
    const b = ws({ targetRef: { apiVersion: 'apps.kruise.io/v1beta1', kind: 'CloneSet', name: 'web' } }, 'b');
    const peers = [a, b];
    has(errors(admit(b, { ...ctx, peers })), 'WorkloadSpread/one-per-workload', 'spec.targetRef');
    expect(errors(admit(a, { ...ctx, peers }))).toEqual([]);
  });

  test('WorkloadSpread rule 19 (one WorkloadSpread per workload per namespace) allows other workloads and namespaces', () => {
    const a = ws({}, 'a');
    const other = ws({ targetRef: { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'CloneSet', name: 'api' } }, 'b');
    const elsewhere = ws({}, 'c', 'other');
    const peers = [a, other, elsewhere];
    expect(errors(admit(other, { ...ctx, peers }))).toEqual([]);
    expect(errors(admit(elsewhere, { ...ctx, peers }))).toEqual([]);
  });

  test('WorkloadSpread rule 9 (patch merged into the workload\'s pod template) denies in 1.7 any patch of a CloneSet mounting a volumeClaimTemplate', () => {
    const withClaim = cloneSet(
      { containers: [{ name: 'main', image: 'nginx', volumeMounts: [{ name: 'data', mountPath: '/data' }] }] },
      { volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }] },
    );
    const spread = ws({ subsets: subsets({ patch: { metadata: { labels: { zone: 'a' } } }, maxReplicas: 1 }, {}) });
    const f = admit(spread, { ...ctx, peers: [withClaim] });
    has(errors(f), 'WorkloadSpread/subset-patch', 'spec.subsets[0].patch.spec.containers[0].volumeMounts[0].name');
    // without a patch there is nothing to merge
    expect(admit(ws(), { ...ctx, peers: [withClaim] })).toEqual([]);
  });

  test('WorkloadSpread 1.8 WS-2 (CloneSet volumeClaimTemplates count as volumes in the patch check) allows the same patch at 1.8', () => {
    const withClaim = cloneSet(
      { containers: [{ name: 'main', image: 'nginx', volumeMounts: [{ name: 'data', mountPath: '/data' }] }] },
      { volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }] },
    );
    const spread = ws({ subsets: subsets({ patch: { metadata: { labels: { zone: 'a' } } }, maxReplicas: 1 }, {}) });
    expect(admit(spread, { ...ctx18, peers: [withClaim] })).toEqual([]);
    // a mount of a volume that exists nowhere is still refused
    const bad = ws({ subsets: subsets({ patch: { spec: { containers: [{ name: 'main', volumeMounts: [{ name: 'cache', mountPath: '/cache' }] }] } }, maxReplicas: 1 }, {}) });
    has(errors(admit(bad, { ...ctx18, peers: [withClaim] })), 'WorkloadSpread/subset-patch', 'spec.subsets[0].patch.spec.containers[0].volumeMounts[1].name');
  });

  test('WorkloadSpread 1.8 WS-1 (targetFilter.selector converts to a selector) denies a bad selector at 1.8 only', () => {
    const spread = ws({ targetFilter: { selector: { matchExpressions: [{ key: 'app', operator: 'In' }] } } });
    has(errors(admit(spread, ctx18)), 'WorkloadSpread/target-filter', 'spec.targetFilter.selector.matchExpressions[0].values');
    expect(admit(spread, ctx)).toEqual([]);
  });

  test('WorkloadSpread 1.8 WS-1 (targetFilter.selector converts to a selector) allows a valid or missing selector', () => {
    expect(admit(ws({ targetFilter: { selector: { matchLabels: { app: 'web' } }, replicasPathList: ['spec.replicas'] } }), ctx18)).toEqual([]);
    expect(admit(ws({ targetFilter: {} }), ctx18)).toEqual([]);
  });
});

describeWithReference('WorkloadSpread admission of the upstream examples', (dir) => {
  test('every upstream WorkloadSpread example (1.7 and 1.8 manuals and samples) is admitted without errors', () => {
    // the samples' fragments (an unknown spec.foo and no required fields) are invalid on purpose
    const examples = upstreamExamples(dir, 'WorkloadSpread').filter(e => e.obj.spec?.foo === undefined);
    expect(examples.length).toBeGreaterThan(0);
    for (const e of examples) {
      const found = admit(e.obj, { version: e.version, peers: e.peers }).filter(f => f.severity === 'error');
      expect({ file: e.file, errors: found }).toEqual({ file: e.file, errors: [] });
    }
  });
});
