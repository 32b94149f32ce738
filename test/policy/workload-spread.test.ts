import * as path from 'path';
import { ApiObject, Chart, Duration, JsonPatch, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { CloneSet, FeatureGate, IntOrPercent, KruiseVersion, WorkloadSpread, WorkloadSpreadScheduleStrategy, WorkloadTarget } from '../../src';
import { describeGateDependency, newChart } from '../util/l2';
import { describeWithReferenceFor, readYamlDocs } from '../util/reference';
import { only, synthChecked, validationErrors } from '../util/validations';
import { chartFor, chartUnder, REFERENCE_LINES, synthValidFor, synthValidUnder } from '../util/versions';

const cloneSetRef = WorkloadTarget.of('apps.kruise.io/v1alpha1', 'CloneSet', 'web');
const zone = (z: string) => ({ matchExpressions: [kplus.NodeLabelQuery.in('topology.kubernetes.io/zone', [z])] });

function spread(chart: Chart, props: any = {}, id = 'ws'): WorkloadSpread {
  return new WorkloadSpread(chart, id, { metadata: { name: id }, target: cloneSetRef, ...props });
}

describe('WorkloadSpread', () => {
  test('emits the fields that were set; the target can be a construct of the app', () => {
    const chart = newChart();
    const cs = new CloneSet(chart, 'cs', { metadata: { name: 'web' }, containers: [{ image: 'nginx' }] });
    const ws = new WorkloadSpread(chart, 'ws', {
      metadata: { name: 'spread' },
      target: WorkloadTarget.fromResource(cs),
      scheduleStrategy: WorkloadSpreadScheduleStrategy.adaptive({ rescheduleCritical: Duration.seconds(20), disableSimulationSchedule: true }),
      ignorePatchExistingPodsMetadata: true,
    });
    ws.addSubset({
      name: 'a',
      requiredNodeSelectorTerm: zone('a'),
      preferredNodeSelectorTerms: [{ weight: 10, preference: { matchExpressions: [kplus.NodeLabelQuery.is('disk', 'ssd')] } }],
      tolerations: [kplus.NodeTaintQuery.is('dedicated', 'web', { effect: kplus.TaintEffect.NO_SCHEDULE })],
      maxReplicas: IntOrPercent.count(3),
      podLabels: { zone: 'a' },
      podAnnotations: { note: 'x' },
      patch: { metadata: { labels: { extra: 'y' } }, spec: { priorityClassName: 'high' } },
    });
    ws.addSubset({ name: 'b', requiredNodeSelectorTerm: { matchFields: [kplus.NodeLabelQuery.notIn('metadata.name', ['n1'])] } });
    const m = only(synthChecked(chart), 'WorkloadSpread');
    expect(m.metadata.annotations).toEqual({ 'workloadspread.kruise.io/ignore-patch-existing-pods-metadata': 'true' });
    expect(m.spec).toEqual({
      targetRef: { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'CloneSet', name: 'web' },
      subsets: [
        {
          name: 'a',
          requiredNodeSelectorTerm: { matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['a'] }] },
          preferredNodeSelectorTerms: [{ weight: 10, preference: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] } }],
          tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'web', effect: 'NoSchedule' }],
          maxReplicas: 3,
          patch: { metadata: { labels: { extra: 'y', zone: 'a' }, annotations: { note: 'x' } }, spec: { priorityClassName: 'high' } },
        },
        { name: 'b', requiredNodeSelectorTerm: { matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['n1'] }] } },
      ],
      scheduleStrategy: { type: 'Adaptive', adaptive: { rescheduleCriticalSeconds: 20, disableSimulationSchedule: true } },
    });
  });

  test('fixed() and adaptive() without options emit the type only', () => {
    expect(WorkloadSpreadScheduleStrategy.fixed()._toKube()).toEqual({ type: 'Fixed', adaptive: undefined });
    expect(WorkloadSpreadScheduleStrategy.adaptive()._toKube()).toEqual({ type: 'Adaptive', adaptive: undefined });
  });

  describe('rule 29: maxReplicas', () => {
    test('all subsets use one form', () => {
      const ws = spread(newChart(), { subsets: [{ name: 'a', maxReplicas: IntOrPercent.count(2) }] });
      expect(() => ws.addSubset({ name: 'b', maxReplicas: IntOrPercent.percent(50) }))
        .toThrow('test/ws: spec.subsets[1].maxReplicas "50%": Kruise needs the maxReplicas of all subsets in one form, and an earlier subset uses a count; use IntOrPercent.count() everywhere or IntOrPercent.percent() everywhere');
    });

    test('percentages add up to at most 100%', () => {
      const ws = spread(newChart(), { subsets: [{ name: 'a', maxReplicas: IntOrPercent.percent(60) }] });
      expect(() => ws.addSubset({ name: 'b', maxReplicas: IntOrPercent.percent(50) }))
        .toThrow('test/ws: spec.subsets[1].maxReplicas "50%": the subsets\' percentages add up to 110%, more than 100%; lower the percentages');
    });

    test('percentages add up to exactly 100% unless the last subset is unbounded', () => {
      const chart = newChart();
      spread(chart, { subsets: [{ name: 'a', maxReplicas: IntOrPercent.percent(30) }, { name: 'b', maxReplicas: IntOrPercent.percent(30) }] }, 'short');
      spread(chart, { target: WorkloadTarget.of('apps/v1', 'Deployment', 'd1'), subsets: [{ name: 'a', maxReplicas: IntOrPercent.percent(30) }, { name: 'b' }] }, 'open');
      spread(chart, { target: WorkloadTarget.of('apps/v1', 'Deployment', 'd2'), subsets: [{ name: 'a', maxReplicas: IntOrPercent.percent(30) }, { name: 'b', maxReplicas: IntOrPercent.percent(70) }] }, 'full');
      // Kruise's rules from here on come from the review (the construct checks the forms it can at construction).
      expect(validationErrors(chart)).toEqual([expect.stringMatching(/^WorkloadSpread short: spec.subsets\[0\].maxReplicas: .*60%.*\[WorkloadSpread\/max-replicas-sum\]/)]);
    });

    test('a StatefulSet target takes counts only', () => {
      const chart = newChart();
      spread(chart, { target: WorkloadTarget.of('apps.kruise.io/v1beta1', 'StatefulSet', 'db'), subsets: [{ name: 'a', maxReplicas: IntOrPercent.percent(50) }, { name: 'b' }] });
      expect(validationErrors(chart)).toEqual([expect.stringMatching(/^WorkloadSpread ws: spec.subsets\[0\].maxReplicas: .*\[WorkloadSpread\/max-replicas-statefulset\]/)]);
    });

    test('adaptive: the last subset must be unbounded, and rescheduleCritical is bounded by the subset count', () => {
      const chart = newChart();
      spread(chart, {
        scheduleStrategy: WorkloadSpreadScheduleStrategy.adaptive({ rescheduleCritical: Duration.seconds(200) }),
        subsets: [{ name: 'a', maxReplicas: IntOrPercent.count(1) }, { name: 'b', maxReplicas: IntOrPercent.count(1) }, { name: 'c', maxReplicas: IntOrPercent.count(1) }],
      });
      expect(validationErrors(chart)).toEqual([
        expect.stringMatching(/^WorkloadSpread ws: spec.subsets\[2\].maxReplicas: .*\[WorkloadSpread\/schedule-strategy-adaptive\]/),
        expect.stringMatching(/^WorkloadSpread ws: spec.scheduleStrategy.adaptive.rescheduleCriticalSeconds: .*147.*\[WorkloadSpread\/reschedule-critical-seconds\]/),
      ]);
    });
  });

  describe('Kruise accepts, so do we', () => {
    test('adaptive with a single bounded subset (Kruise checks the last subset only when there are several)', () => {
      const chart = newChart();
      spread(chart, {
        scheduleStrategy: WorkloadSpreadScheduleStrategy.adaptive({ rescheduleCritical: Duration.seconds(20) }),
        subsets: [{ name: 'a', maxReplicas: IntOrPercent.count(3) }],
      });
      expect(validationErrors(chart)).toEqual([]);
    });

    test('adaptive without adaptive options and a bounded last subset (Kruise checks it only when spec.scheduleStrategy.adaptive is set)', () => {
      const chart = newChart();
      spread(chart, {
        scheduleStrategy: WorkloadSpreadScheduleStrategy.adaptive(),
        subsets: [{ name: 'a', maxReplicas: IntOrPercent.count(1) }, { name: 'b', maxReplicas: IntOrPercent.count(1) }],
      });
      expect(validationErrors(chart)).toEqual([]);
    });
  });

  describe('other Kruise rules', () => {
    test('subset names are unique and required; at least one subset', () => {
      const chart = newChart();
      const ws = spread(chart, { subsets: [{ name: 'a' }] });
      expect(() => ws.addSubset({ name: 'a' })).toThrow('test/ws: spec.subsets[1].name "a": subset names must be unique; give each subset its own name');
      expect(() => ws.addSubset({ name: '' })).toThrow('test/ws: spec.subsets[1].name "": every subset needs a name; give the subset a name');
      const empty = newChart();
      spread(empty);
      expect(validationErrors(empty)).toEqual([expect.stringMatching(/^WorkloadSpread ws: spec.subsets: .*\[WorkloadSpread\/subsets-required\]/)]);
    });

    test('preferred weights run from 1 to 100', () => {
      expect(() => spread(newChart(), { subsets: [{ name: 'a', preferredNodeSelectorTerms: [{ weight: 0, preference: zone('a') }] }] }))
        .toThrow('test/ws: spec.subsets[0].preferredNodeSelectorTerms[0].weight 0: weights run from 1 to 100; use a whole number between 1 and 100');
    });

    test('podLabels and patch may not disagree', () => {
      expect(() => spread(newChart(), { subsets: [{ name: 'a', podLabels: { zone: 'a' }, patch: { metadata: { labels: { zone: 'b' } } } }] }))
        .toThrow('test/ws: spec.subsets[0].patch.metadata.labels "zone": podLabels and patch set this key to different values; set it in one place');
    });

    test('target kinds: unsupported ones fail unless whitelisted', () => {
      const chart = newChart();
      spread(chart, { target: WorkloadTarget.of('argoproj.io/v1alpha1', 'Rollout', 'r'), subsets: [{ name: 'a' }] }, 'bad');
      spread(chart, { target: WorkloadTarget.of('argoproj.io/v1alpha1', 'Rollout', 'r2'), subsets: [{ name: 'a' }], customWorkloadWhitelisted: true }, 'ok');
      spread(chart, { target: WorkloadTarget.of('apps/v1', 'CloneSet', 'c'), subsets: [{ name: 'a' }] }, 'group');
      // An unknown kind needs the whitelist (only the construct knows, by customWorkloadWhitelisted);
      // a known kind in the wrong API group is Kruise's rule, from the review.
      expect(validationErrors(chart)).toEqual([
        'test/bad: spec.targetRef {"apiVersion":"argoproj.io/v1alpha1","kind":"Rollout","name":"r"}: Kruise spreads CloneSet, Deployment, ReplicaSet, Job and StatefulSet (apps or apps.kruise.io) only; target one of those, or list the kind in WorkloadSpread_Watch_Custom_Workload_WhiteList of ConfigMap kruise-configuration and set customWorkloadWhitelisted',
        expect.stringMatching(/^WorkloadSpread group: spec.targetRef.apiVersion: .*\[WorkloadSpread\/target-kind\]/),
      ]);
    });

    test('a target construct in another namespace fails', () => {
      const app = Testing.app();
      const a = new Chart(app, 'a', { namespace: 'one' });
      const b = new Chart(app, 'b', { namespace: 'two' });
      const cs = new CloneSet(a, 'cs', { metadata: { name: 'web' }, containers: [{ image: 'nginx' }] });
      new WorkloadSpread(b, 'ws', { metadata: { name: 'ws' }, target: WorkloadTarget.fromResource(cs), subsets: [{ name: 'a' }] });
      expect(validationErrors(b)).toEqual([
        'b/ws: spec.targetRef {"apiVersion":"apps.kruise.io/v1alpha1","kind":"CloneSet","name":"web"}: CloneSet web is in namespace \'one\' but this object is in \'two\', and a targetRef only reaches its own namespace; create both in the same namespace',
      ]);
    });

    test('one WorkloadSpread per workload (in the same namespace)', () => {
      const chart = newChart();
      spread(chart, { subsets: [{ name: 'a' }] }, 'one');
      spread(chart, { subsets: [{ name: 'a' }], target: WorkloadTarget.of('apps.kruise.io/v1beta1', 'CloneSet', 'web') }, 'two');
      spread(chart, { subsets: [{ name: 'a' }], metadata: { name: 'three', namespace: 'other' } }, 'three');
      expect(validationErrors(chart)).toEqual([expect.stringMatching(/^WorkloadSpread two: spec.targetRef: .*\[WorkloadSpread\/one-per-workload\]/)]);
    });

    test('WorkloadTarget.of checks its arguments', () => {
      expect(() => WorkloadTarget.of('apps/v1', '', 'x')).toThrow('WorkloadTarget.of("apps/v1", "", "x"): kind is empty; give the target\'s kind');
      expect(() => WorkloadTarget.of('Apps V1', 'Deployment', 'x')).toThrow(/'Apps V1' is not an apiVersion/);
    });
  });

  describeGateDependency('feature gate WorkloadSpread', FeatureGate.WORKLOAD_SPREAD, chart => { spread(chart, { subsets: [{ name: 'a' }] }); }, /: kind: .*WorkloadSpread feature gate.* \[WorkloadSpread\/feature-gate\]; add FeatureGate.WORKLOAD_SPREAD.enable\(\) to the featureGates of Kruise.fromExisting\(\)/);

  test('escape hatch: a JSON patch reaches the output', () => {
    const chart = newChart();
    const ws = spread(chart, { subsets: [{ name: 'a' }] });
    ApiObject.of(ws).addJsonPatch(JsonPatch.add('/spec/subsets/0/maxReplicas', 5));
    expect(only(synthChecked(chart), 'WorkloadSpread').spec.subsets[0].maxReplicas).toBe(5);
  });
});

for (const line of REFERENCE_LINES) {
  describeWithReferenceFor(line, `WorkloadSpread reproduces the Kruise ${line} docs examples`, (ref) => {
    const read = (file: string) => readYamlDocs(path.join(ref, 'docs-examples', file)).filter(d => d.kind === 'WorkloadSpread');

    describe('workloadspread.yaml (2)', () => {
      const examples = read('workloadspread.yaml');
      test('there are 2', () => expect(examples.length).toBe(2));

      const subset = (name: string, z: string, max?: number, label = true) => ({
        name,
        requiredNodeSelectorTerm: zone(z),
        maxReplicas: max === undefined ? undefined : IntOrPercent.count(max),
        podLabels: label ? { 'deploy/zone': z } : undefined,
      });
      const build = (subsets: any[]) => {
        const chart = chartFor(line);
        new WorkloadSpread(chart, 'ws', {
          metadata: { name: 'ws-demo', namespace: 'deploy' },
          target: WorkloadTarget.of('apps.kruise.io/v1alpha1', 'CloneSet', 'workload-xxx'),
          subsets,
        });
        return only(synthValidFor(chart, line), 'WorkloadSpread');
      };

      test('#0 ACK/ECI (last subset unbounded), exactly', () => {
        // The 1.8 docs dropped the ECI subset's pod label.
        expect(build([subset('ACK', 'ack', 100), subset('ECI', 'eci', undefined, line === '1.7')])).toEqual(examples[0]);
      });

      test('#1 two zones, exactly', () => {
        expect(build([subset('subset-a', 'zone-a', 100), subset('subset-b', 'zone-b', 100)])).toEqual(examples[1]);
      });
    });

    if (line !== '1.7') {
      // The 1.7 extraction skipped this block (its fence is written "``` yaml"); it is in both versions' docs.
      test('elastic-deployment.yaml workloadspread-sample (adaptive, virtual-kubelet pool), exactly', () => {
        const [example] = read('elastic-deployment.yaml');
        const chart = chartFor(line);
        const virtualKubelet = (q: typeof kplus.NodeLabelQuery.in) => ({ matchExpressions: [q('type', ['virtual-kubelet'])] });
        new WorkloadSpread(chart, 'ws', {
          metadata: { name: 'workloadspread-sample', namespace: 'ingress-nginx' },
          target: WorkloadTarget.of('apps.kruise.io/v1alpha1', 'CloneSet', 'ingress-nginx-controller'),
          scheduleStrategy: WorkloadSpreadScheduleStrategy.adaptive({ rescheduleCritical: Duration.seconds(2) }),
          subsets: [
            { name: 'fixed-resource-pool', requiredNodeSelectorTerm: virtualKubelet(kplus.NodeLabelQuery.notIn), podLabels: { 'resource-pool': 'fixed' } },
            {
              name: 'elastic-resource-pool',
              requiredNodeSelectorTerm: virtualKubelet(kplus.NodeLabelQuery.in),
              tolerations: [kplus.NodeTaintQuery.exists('virtual-kubelet.io/provider', { effect: kplus.TaintEffect.NO_SCHEDULE })],
              podLabels: { 'resource-pool': 'elastic' },
            },
          ],
        });
        expect(only(synthValidFor(chart, line), 'WorkloadSpread')).toEqual(example);
      });
    }
  });
}

describe('WorkloadSpread: Kruise 1.8 targetFilter', () => {
  const v18 = KruiseVersion.V1_8;
  const tfJob = WorkloadTarget.of('kubeflow.org/v1', 'TFJob', 'mnist');
  const filter = {
    selector: kplus.LabelSelector.of({ labels: { role: 'worker' }, expressions: [kplus.LabelExpression.exists('gpu')] }),
    replicasPaths: ['spec.tfReplicaSpecs.Worker.replicas'],
  };

  test('renders selector and replicasPathList; valid against the 1.8 CRD', () => {
    const chart = chartUnder(v18);
    spread(chart, { target: tfJob, customWorkloadWhitelisted: true, targetFilter: filter, subsets: [{ name: 'a' }] });
    expect(only(synthValidUnder(chart, v18), 'WorkloadSpread').spec.targetFilter).toEqual({
      selector: { matchLabels: { role: 'worker' }, matchExpressions: [{ key: 'gpu', operator: 'Exists' }] },
      replicasPathList: ['spec.tfReplicaSpecs.Worker.replicas'],
    });
  });

  test('an empty filter renders as {} (all pods)', () => {
    const chart = chartUnder(v18);
    spread(chart, { targetFilter: {}, subsets: [{ name: 'a' }] });
    expect(only(synthValidUnder(chart, v18), 'WorkloadSpread').spec.targetFilter).toEqual({});
  });

  test('an empty replicas path is refused', () => {
    expect(() => spread(newChart(), { targetFilter: { replicasPaths: ['spec.replicas', ''] } })).toThrow(
      "test/ws: spec.targetFilter.replicasPathList[1] \"\": a replicas path names a field of the target; give a dot-separated path such as 'spec.replicas'");
  });

  test('under Kruise 1.7 it is a synth error naming both versions', () => {
    const chart = chartUnder(KruiseVersion.V1_7);
    spread(chart, { targetFilter: { replicasPaths: ['spec.replicas'] }, subsets: [{ name: 'a' }] });
    expect(validationErrors(chart)).toContain('test/ws: spec.targetFilter {"replicasPathList":["spec.replicas"]}: needs Kruise 1.8, but the install at test/kruise is Kruise 1.7; '
      + 'declare the install with version: KruiseVersion.V1_8 (Kruise, Kruise.fromExisting or Kruise.fromHelmValues), or remove spec.targetFilter');
  });
});
