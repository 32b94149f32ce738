/**
 * The cases of Kruise's release-1.7 WorkloadSpread webhook test
 * (pkg/webhook/workloadspread/validating/workloadspread_validation_test.go:
 * TestValidateWorkloadSpreadCreate, TestValidateWorkloadSpreadTargetRefUpdate,
 * TestValidateWorkloadSpreadConflict), as plain objects on the CREATE path.
 * The test's cluster holds its demo WorkloadSpread, a peer here. The demo's
 * name (workloadSpread) is not a DNS name; the error cases use
 * workload-spread so that only the case's own error is in play.
 */
import { runUpstreamCases, UpstreamCase } from './cases';
import { AdmissionContext } from '../../../src/admission/types';

const zone = (op: string, v: string) => ({ matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: op, values: [v] }] });
const ecs = [{ key: 'ecs', operator: 'Exists' }];
const annotate = (s: string) => ({ metadata: { annotations: { subset: s } } });
const patchResource = { spec: { containers: [{ name: 'main', resources: { limits: { cpu: '2', memory: '8000Mi' } } }] } };

function ws(name: string, spec: any): any {
  return { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'WorkloadSpread', metadata: { name, namespace: 'default' }, spec };
}
function demoSpec(): any {
  return {
    targetRef: { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'CloneSet', name: 'demo' },
    subsets: [
      { name: 'subset-a', maxReplicas: 50, requiredNodeSelectorTerm: zone('In', 'zone-a'), tolerations: ecs, patch: annotate('subset-a') },
      { name: 'subset-b', maxReplicas: 50, requiredNodeSelectorTerm: zone('In', 'zone-b'), tolerations: ecs, patch: annotate('subset-b') },
      { name: 'subset-c', requiredNodeSelectorTerm: zone('In', 'zone-c') },
    ],
  };
}
const demo = ws('workloadSpread', demoSpec());
const CLUSTER: AdmissionContext = { version: '1.7', peers: [demo] };
/** The demo (renamed workload-spread), changed by `edit`. */
function variant(edit: (spec: any) => void): any {
  const o = ws('workload-spread', demoSpec());
  edit(o.spec);
  return o;
}
const T = 'TestValidateWorkloadSpreadCreate';
const adaptive = (seconds: number) => ({ type: 'Adaptive', adaptive: { rescheduleCriticalSeconds: seconds, disableSimulationSchedule: true } });
const twoSubsets = () => [
  { name: 'subset-a', maxReplicas: 50, patch: annotate('subset-a') },
  { name: 'subset-b', patch: annotate('subset-b') },
];

const errorCases: Array<[string, (spec: any) => void, string]> = [
  ['targetRef is nil', s => { delete s.targetRef; }, 'spec.targetRef'],
  ['targetRef\'s APIVersion is nil', s => { s.targetRef.apiVersion = ''; }, 'spec.targetRef'],
  ['targetRef\'s Kind is nil (the test empties APIVersion)', s => { s.targetRef.apiVersion = ''; }, 'spec.targetRef'],
  ['targetRef\'s Name is nil (the test empties APIVersion)', s => { s.targetRef.apiVersion = ''; }, 'spec.targetRef'],
  ['subsets is nil', s => { delete s.subsets; }, 'spec.subsets'],
  ['statefulset group error (rollouts.kruise.io/v2)', s => { s.targetRef = { apiVersion: 'rollouts.kruise.io/v2', kind: 'StatefulSet', name: 'demo' }; }, 'spec.targetRef.apiVersion'],
  ['statefulset subset is percentage', s => { s.targetRef = { apiVersion: 'apps.kruise.io/v1beta1', kind: 'StatefulSet', name: 'demo' }; s.subsets[0].maxReplicas = '50%'; }, 'spec.subsets[0].maxReplicas'],
  ['subset[0]\'name is empty', s => { s.subsets[0].name = ''; }, 'spec.subsets[0].name'],
  ['subset[1]\'name is empty', s => { s.subsets[1].name = ''; }, 'spec.subsets[1].name'],
  ['subset[1]\'name is conflict with subsets[0]', s => { s.subsets[0].name = s.subsets[1].name; }, 'spec.subsets[1].name'],
  ['requiredNodeSelectorTerm are not valid', s => { s.subsets[0].requiredNodeSelectorTerm = { matchExpressions: [{ key: 'key', operator: 'Exists', values: ['unexpected'] }] }; }, 'spec.subsets[0].requiredNodeSelectorTerm.matchExpressions[0].values'],
  ['preferredSchedulingTerms\' weight are not valid', s => { s.subsets[0].preferredNodeSelectorTerms = [{ weight: 101, preference: { matchExpressions: [{ key: 'key', operator: 'Exists', values: ['unexpected'] }] } }]; }, 'spec.subsets[0].preferredNodeSelectorTerms[0].weight'],
  ['preferredSchedulingTerms are not valid', s => { s.subsets[0].preferredNodeSelectorTerms = [{ weight: 50, preference: { matchExpressions: [{ key: 'key', operator: 'Exists', values: ['unexpected'] }] } }]; }, 'spec.subsets[0].preferredNodeSelectorTerms[0].preference.matchExpressions[0].values'],
  ['subset-a\'s maxReplicas < 0', s => { s.subsets[0].maxReplicas = -100; }, 'spec.subsets[0].maxReplicas'],
  ['subset-a\'s maxReplicas = 0.2%', s => { s.subsets[0].maxReplicas = '0.2%'; }, 'spec.subsets[0].maxReplicas'],
  ['subset-a\'s maxReplicas = 50.2%', s => { s.subsets[0].maxReplicas = '50.2%'; }, 'spec.subsets[0].maxReplicas'],
  ['subset-a\'s maxReplicas = 101%', s => { s.subsets[0].maxReplicas = '101%'; }, 'spec.subsets[0].maxReplicas'],
  ['subset-a\'s maxReplicas = 40%, subset-b\'s maxReplicas = 70%', s => { s.subsets[0].maxReplicas = '40%'; s.subsets[1].maxReplicas = '70%'; }, 'spec.subsets[1].maxReplicas'],
  ['subset-a\'s maxReplicas = 40%, subset-b\'s and subset-c\'s = 20%', s => { s.subsets[0].maxReplicas = '40%'; s.subsets[1].maxReplicas = '20%'; s.subsets[2].maxReplicas = '20%'; }, 'spec.subsets[0].maxReplicas'],
  ['subset-a\'s maxReplicas = -1%', s => { s.subsets[0].maxReplicas = '-1%'; }, 'spec.subsets[0].maxReplicas'],
  ['scheduleStrategy\'s type is not valid (random)', s => { s.scheduleStrategy = { type: 'random' }; }, 'spec.scheduleStrategy.type'],
  ['rescheduleCriticalSeconds = -1', s => { s.scheduleStrategy = adaptive(-1); }, 'spec.scheduleStrategy.adaptive.rescheduleCriticalSeconds'],
  ['rescheduleCriticalSeconds < 0 (-20)', s => { s.scheduleStrategy = adaptive(-20); }, 'spec.scheduleStrategy.adaptive.rescheduleCriticalSeconds'],
  ['scheduleStrategy\'s type is not matched (Fixed with adaptive)', s => { s.scheduleStrategy = { ...adaptive(20), type: 'Fixed' }; }, 'spec.scheduleStrategy.type'],
  ['the last subset\'s maxReplicas is not nil when using adaptive', s => { s.scheduleStrategy = adaptive(20); s.subsets[2].maxReplicas = 50; }, 'spec.subsets[2].maxReplicas'],
];

const target = (apiVersion: string, kind: string, name: string) => ({ apiVersion, kind, name });
const others = (names: string[]) => names.map((n, i) => { const o = ws(`ws-${i + 1}`, demoSpec()); o.spec.targetRef.name = n; return o; });

const cases: UpstreamCase[] = [
  {
    name: `${T} success case 0 (CloneSet target, NotIn terms, Fixed)`,
    verdict: 'allowed',
    ctx: CLUSTER,
    obj: ws('ws-1', {
      targetRef: target('apps.kruise.io/v1alpha1', 'CloneSet', 'test'),
      subsets: [
        { name: 'subset-a', maxReplicas: 50, requiredNodeSelectorTerm: zone('NotIn', 'zone-a'), tolerations: ecs, patch: annotate('subset-a') },
        { name: 'subset-b', requiredNodeSelectorTerm: zone('NotIn', 'zone-a'), tolerations: ecs, patch: annotate('subset-b') },
      ],
      scheduleStrategy: { type: 'Fixed' },
    }),
  },
  { name: `${T} success case 1 (apps/v1 StatefulSet target)`, verdict: 'allowed', ctx: CLUSTER, obj: ws('ws-1', { targetRef: target('apps/v1', 'StatefulSet', 'demo'), subsets: twoSubsets() }) },
  { name: `${T} success case 2 (apps.kruise.io/v1alpha1 StatefulSet target)`, verdict: 'allowed', ctx: CLUSTER, obj: ws('ws-1', { targetRef: target('apps.kruise.io/v1alpha1', 'StatefulSet', 'demo'), subsets: twoSubsets() }) },
  { name: `${T} success case 3 (apps.kruise.io/v1beta1 StatefulSet target)`, verdict: 'allowed', ctx: CLUSTER, obj: ws('ws-1', { targetRef: target('apps.kruise.io/v1beta1', 'StatefulSet', 'demo'), subsets: twoSubsets() }) },
  {
    name: `${T} success case 4 (Deployment target, preferred terms, resource patches, Adaptive)`,
    verdict: 'allowed',
    ctx: CLUSTER,
    obj: ws('ws-2', {
      targetRef: target('apps/v1', 'Deployment', 'test'),
      subsets: [
        { name: 'subset-a', maxReplicas: 50, preferredNodeSelectorTerms: [{ weight: 20, preference: zone('NotIn', 'zone-a') }], tolerations: ecs, patch: patchResource },
        { name: 'subset-b', requiredNodeSelectorTerm: zone('In', 'zone-b'), tolerations: ecs, patch: patchResource },
      ],
      scheduleStrategy: adaptive(30),
    }),
  },
  {
    name: `${T} success case 5 (Job target, two 50% subsets)`,
    verdict: 'allowed',
    ctx: CLUSTER,
    obj: ws('ws-3', {
      targetRef: target('batch/v1', 'Job', 'test'),
      subsets: [
        { name: 'subset-a', maxReplicas: '50%', requiredNodeSelectorTerm: zone('In', 'zone-a'), tolerations: ecs, patch: annotate('subset-a') },
        { name: 'subset-b', maxReplicas: '50%', requiredNodeSelectorTerm: zone('In', 'zone-b'), tolerations: ecs, patch: annotate('subset-b') },
      ],
    }),
  },
  {
    name: `${T} success case 6 (Job target, 50% + 50% + unbounded, Adaptive)`,
    verdict: 'allowed',
    ctx: CLUSTER,
    obj: ws('ws-4', {
      targetRef: target('batch/v1', 'Job', 'test'),
      subsets: [
        { name: 'subset-a', maxReplicas: '50%', requiredNodeSelectorTerm: zone('In', 'zone-a'), tolerations: ecs, patch: annotate('subset-a') },
        { name: 'subset-b', maxReplicas: '50%', requiredNodeSelectorTerm: zone('In', 'zone-b'), tolerations: ecs, patch: annotate('subset-b') },
        { name: 'subset-c', tolerations: ecs, patch: annotate('subset-c') },
      ],
      scheduleStrategy: adaptive(30),
    }),
  },
  // The error cases are the cluster's demo object itself, so the demo is no peer of them.
  ...errorCases.map(([title, edit, path]): UpstreamCase => ({ name: `${T} ${title}`, verdict: 'denied', paths: [path], obj: variant(edit) })),

  { name: 'TestValidateWorkloadSpreadTargetRefUpdate update group, kind, name', verdict: 'denied', skip: 'UPDATE cases (targetRef is immutable)', obj: {} },

  {
    name: 'TestValidateWorkloadSpreadConflict success: group is different (CloneSet of apps/v1)',
    verdict: 'allowed',
    skip: 'the test runs the conflict check alone; the whole CREATE validation refuses a CloneSet target outside apps.kruise.io (the next case)',
    obj: {},
  },
  {
    name: 'TestValidateWorkloadSpreadConflict success: group is different, through the whole CREATE validation',
    verdict: 'denied',
    paths: ['spec.targetRef.apiVersion'],
    ctx: { version: '1.7', peers: others(['test1', 'test2', 'test3']) },
    obj: variant(s => { s.targetRef.apiVersion = 'apps/v1'; }),
  },
  {
    name: 'TestValidateWorkloadSpreadConflict success: kind is different (Deployment of apps.kruise.io)',
    verdict: 'allowed',
    skip: 'the test runs the conflict check alone; the whole CREATE validation refuses a Deployment target outside apps (the next case)',
    obj: {},
  },
  {
    name: 'TestValidateWorkloadSpreadConflict success: kind is different, through the whole CREATE validation',
    verdict: 'denied',
    paths: ['spec.targetRef.apiVersion'],
    ctx: { version: '1.7', peers: others(['test1', 'test2', 'test3']) },
    obj: variant(s => { s.targetRef.kind = 'Deployment'; }),
  },
  {
    name: 'TestValidateWorkloadSpreadConflict success: name is different',
    verdict: 'allowed',
    ctx: { version: '1.7', peers: others(['test1', 'test2', 'test3']) },
    obj: variant(s => { s.targetRef.name = 'test'; }),
  },
  // Upstream checks ws-1 and ws-2 each against a cluster holding the other: the peers are the others.
  ...[0, 1].map((i): UpstreamCase => {
    const all = others(['test1', 'test1', 'test2']);
    return {
      name: `TestValidateWorkloadSpreadConflict error: ws-${i + 1} against the others (two target test1)`,
      verdict: 'denied',
      paths: ['spec.targetRef'],
      ctx: { version: '1.7', peers: all.filter((_, j) => j !== i) },
      obj: all[i],
    };
  }),
];

describe('Kruise 1.7 WorkloadSpread webhook test cases', () => {
  runUpstreamCases(cases);
});
