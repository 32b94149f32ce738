import * as path from 'path';
import { ApiObject, Chart, Duration, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  AdvancedStatefulSet, AdvancedStatefulSetApiVersion, PodUpdatePolicy, AdvancedStatefulSetUpdateStrategy,
  WorkloadUpdateType, ExistingKruise, FeatureGate, IntOrPercent, KruiseVersion, PvcRetention, ReserveOrdinal, UpdatePriority,
  VolumeClaimUpdateStrategy,
} from '../../src';
import { missingFrom, newChart, synthValid } from '../util/l2';
import { describeWithReferenceFor, readYamlDocs } from '../util/reference';
import { only, synthChecked, validationErrors } from '../util/validations';
import { chartFor, chartUnder, REFERENCE_LINES, synthValidFor, synthValidUnder } from '../util/versions';

const main = { name: 'main', image: 'nginx:alpine' };
const PARALLEL = kplus.PodManagementPolicy.PARALLEL;

/** An Advanced StatefulSet selecting `app: <app>` explicitly, as the docs examples do. */
function labelled(chart: any, id: string, app: string, props: any = {}): AdvancedStatefulSet {
  const sts = new AdvancedStatefulSet(chart, id, { select: false, podMetadata: { labels: { app } }, ...props });
  sts.select(kplus.LabelSelector.of({ labels: { app } }));
  return sts;
}

describe('AdvancedStatefulSet', () => {
  test('emits apps.kruise.io/v1beta1 StatefulSet with the spec fields that were set', () => {
    const chart = newChart();
    new ExistingKruise(chart, 'kruise', { featureGates: [FeatureGate.STATEFUL_SET_START_ORDINAL.enable()] });
    const sts = new AdvancedStatefulSet(chart, 'sts', {
      replicas: 5,
      serviceName: 'headless',
      podManagementPolicy: PARALLEL,
      updateStrategy: AdvancedStatefulSetUpdateStrategy.rollingUpdate({
        partition: 2,
        maxUnavailable: IntOrPercent.percent(20),
        paused: true,
        podUpdatePolicy: PodUpdatePolicy.IN_PLACE_ONLY,
        gracePeriod: Duration.seconds(10),
        minReady: Duration.minutes(5),
        unorderedUpdate: { priority: UpdatePriority.ordered(['rank']) },
      }),
      scaleStrategy: { maxUnavailable: IntOrPercent.count(2) },
      reserveOrdinals: [1],
      startOrdinal: 3,
      pvcRetentionPolicy: { whenDeleted: PvcRetention.DELETE, whenScaled: PvcRetention.RETAIN },
      lifecycle: { preDelete: { labels: { hold: 'true' } } },
      revisionHistoryLimit: 4,
      containers: [main],
    });
    sts.addReserveOrdinals(4, 6);
    const out = only(synthChecked(chart), 'StatefulSet');
    expect(out.apiVersion).toBe('apps.kruise.io/v1beta1');
    expect(out.spec).toMatchObject({
      replicas: 5,
      serviceName: 'headless',
      podManagementPolicy: 'Parallel',
      updateStrategy: {
        type: 'RollingUpdate',
        rollingUpdate: {
          partition: 2,
          maxUnavailable: '20%',
          paused: true,
          podUpdatePolicy: 'InPlaceOnly',
          inPlaceUpdateStrategy: { gracePeriodSeconds: 10 },
          minReadySeconds: 300,
          unorderedUpdate: { priorityStrategy: { orderPriority: [{ orderedKey: 'rank' }] } },
        },
      },
      scaleStrategy: { maxUnavailable: 2 },
      reserveOrdinals: [1, 4, 6],
      ordinals: { start: 3 },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Retain' },
      lifecycle: { preDelete: { labelsHandler: { hold: 'true' } } },
      revisionHistoryLimit: 4,
    });
    expect(sts.reserveOrdinals).toEqual([1, 4, 6]);
    expect(sts.updateStrategy?.type).toBe(WorkloadUpdateType.ROLLING_UPDATE);
  });

  test('emits nothing that was not set', () => {
    const chart = newChart();
    new AdvancedStatefulSet(chart, 'sts', { containers: [main] });
    const out = only(synthChecked(chart), 'StatefulSet');
    expect(Object.keys(out.spec).sort()).toEqual(['selector', 'template']);
    expect(out.spec.template.spec).toEqual({ containers: [main] });
  });

  test('onDelete and a rolling update without options render only the type', () => {
    const chart = newChart();
    new AdvancedStatefulSet(chart, 'a', { containers: [main], updateStrategy: AdvancedStatefulSetUpdateStrategy.onDelete() });
    new AdvancedStatefulSet(chart, 'b', { containers: [main], updateStrategy: AdvancedStatefulSetUpdateStrategy.rollingUpdate() });
    const [a, b] = synthChecked(chart);
    expect(a.spec.updateStrategy).toEqual({ type: 'OnDelete' });
    expect(b.spec.updateStrategy).toEqual({ type: 'RollingUpdate' });
  });

  test('rule 13: an in-place podUpdatePolicy adds the InPlaceUpdateReady readiness gate (once)', () => {
    const chart = newChart();
    const updateStrategy = AdvancedStatefulSetUpdateStrategy.rollingUpdate({
      podUpdatePolicy: PodUpdatePolicy.IN_PLACE_IF_POSSIBLE,
    });
    new AdvancedStatefulSet(chart, 'auto', { containers: [main], updateStrategy });
    new AdvancedStatefulSet(chart, 'given', { containers: [main], updateStrategy, readinessGates: ['InPlaceUpdateReady', 'other'] });
    new AdvancedStatefulSet(chart, 'recreate', { containers: [main], updateStrategy: AdvancedStatefulSetUpdateStrategy.rollingUpdate({ podUpdatePolicy: PodUpdatePolicy.RECREATE }) });
    const [auto, given, recreate] = synthChecked(chart);
    expect(auto.spec.template.spec.readinessGates).toEqual([{ conditionType: 'InPlaceUpdateReady' }]);
    expect(given.spec.template.spec.readinessGates).toEqual([{ conditionType: 'InPlaceUpdateReady' }, { conditionType: 'other' }]);
    expect(recreate.spec.template.spec.readinessGates).toBeUndefined();
    expect(updateStrategy.inPlace).toBe(true);
  });

  test('addVolumeClaimTemplate: claim template emitted, mounted, no pod volume', () => {
    const chart = newChart();
    const sts = new AdvancedStatefulSet(chart, 'sts', { containers: [main] });
    sts.containers[0].mount('/var/lib/data', sts.addVolumeClaimTemplate('data', { storage: Size.gibibytes(1) }));
    const spec = only(synthChecked(chart), 'StatefulSet').spec;
    expect(spec.volumeClaimTemplates).toEqual([{ metadata: { name: 'data' }, spec: { resources: { requests: { storage: '1Gi' } } } }]);
    expect(spec.template.spec.volumes).toBeUndefined();
    expect(spec.template.spec.containers[0].volumeMounts).toEqual([{ name: 'data', mountPath: '/var/lib/data' }]);
  });

  test('persistentPodState renders the auto-generate annotations', () => {
    const chart = newChart();
    new AdvancedStatefulSet(chart, 'sts', {
      containers: [main],
      persistentPodState: { requiredTopologyKeys: ['topology.kubernetes.io/zone'], preferredTopologyKeys: ['kubernetes.io/hostname', 'rack'], podAnnotations: ['ip'] },
    });
    expect(only(synthChecked(chart), 'StatefulSet').metadata.annotations).toEqual({
      'kruise.io/auto-generate-persistent-pod-state': 'true',
      'kruise.io/required-persistent-topology': 'topology.kubernetes.io/zone',
      'kruise.io/preferred-persistent-topology': 'kubernetes.io/hostname,rack',
      'kruise.io/persistent-pod-annotations': 'ip',
    });
    expect(() => new AdvancedStatefulSet(newChart(), 'sts', { persistentPodState: {} })).toThrow(
      'test/sts: metadata.annotations {}: Kruise generates a PersistentPodState only with required or preferred topology keys; give requiredTopologyKeys or preferredTopologyKeys');
    expect(() => new AdvancedStatefulSet(newChart(), 'sts', { persistentPodState: { requiredTopologyKeys: ['a,b'] } })).toThrow(
      'test/sts: persistentPodState.requiredTopologyKeys[0] "a,b": keys are joined with commas in an annotation, so a key may be neither empty nor hold a comma; give one key per entry');
  });

  test('apiVersion v1alpha1 is emitted on request; v1beta1-only fields are refused', () => {
    const chart = newChart();
    const sts = new AdvancedStatefulSet(chart, 'sts', { apiVersion: AdvancedStatefulSetApiVersion.V1ALPHA1, containers: [main] });
    expect(only(synthChecked(chart), 'StatefulSet').apiVersion).toBe('apps.kruise.io/v1alpha1');
    expect(() => sts.addReserveOrdinals(1)).toThrow(
      'test/sts: spec.reserveOrdinals [1]: the field does not exist in apps.kruise.io/v1alpha1; emit AdvancedStatefulSetApiVersion.V1BETA1');
    expect(() => new AdvancedStatefulSet(newChart(), 'sts', { apiVersion: AdvancedStatefulSetApiVersion.V1ALPHA1, startOrdinal: 1 })).toThrow(
      'test/sts: spec.ordinals 1: the field does not exist in apps.kruise.io/v1alpha1; remove startOrdinal or emit AdvancedStatefulSetApiVersion.V1BETA1');
  });

  test('escape hatch: a JSON patch on ApiObject.of() reaches the output', () => {
    const chart = newChart();
    const sts = new AdvancedStatefulSet(chart, 'sts', { containers: [main] });
    ApiObject.of(sts).addJsonPatch(JsonPatch.add('/spec/template/spec/priorityClassName', 'high'));
    expect(only(synthValid(chart), 'StatefulSet').spec.template.spec.priorityClassName).toBe('high');
  });

  describe('feature gates', () => {
    test('startOrdinal with StatefulSetStartOrdinal off: accepted (as Kruise accepts it), with a warning that it is ignored; on passes', () => {
      const off = newChart();
      new ExistingKruise(off, 'kruise');
      const sts = new AdvancedStatefulSet(off, 'sts', { containers: [main], startOrdinal: 3 });
      expect(validationErrors(off)).toEqual([]);
      expect(ApiObject.of(sts).node.metadata.filter(m => m.type === 'warning').map(m => m.data)).toEqual([
        expect.stringMatching(/^StatefulSet test-sts-[0-9a-f]+: spec.ordinals.start: Kruise accepts this StatefulSet, but with the feature gate StatefulSetStartOrdinal off in the Kruise install at test\/kruise, spec.ordinals.start is ignored .*\[gates\/statefulset-start-ordinal\]; add FeatureGate.STATEFUL_SET_START_ORDINAL.enable\(\)/),
      ]);
      const on = newChart();
      new ExistingKruise(on, 'kruise', { featureGates: [FeatureGate.STATEFUL_SET_START_ORDINAL.enable()] });
      new AdvancedStatefulSet(on, 'sts', { containers: [main], startOrdinal: 3 });
      expect(validationErrors(on)).toEqual([]);
    });

    test('pvcRetentionPolicy needs StatefulSetAutoDeletePVC (on by default): off fails, default passes', () => {
      const off = newChart();
      new ExistingKruise(off, 'kruise', { featureGates: [FeatureGate.STATEFUL_SET_AUTO_DELETE_PVC.disable()] });
      new AdvancedStatefulSet(off, 'sts', { containers: [main], pvcRetentionPolicy: { whenScaled: PvcRetention.DELETE } });
      // With the gate off Kruise leaves the unset whenDeleted undefaulted, and rejects it (the review's admission rules).
      expect(validationErrors(off)).toEqual([expect.stringMatching(/^StatefulSet test-sts-[0-9a-f]+: spec.persistentVolumeClaimRetentionPolicy.whenDeleted: .*StatefulSetAutoDeletePVC.*\[AdvancedStatefulSet\/pvc-retention-policy\]; add FeatureGate.STATEFUL_SET_AUTO_DELETE_PVC.enable\(\)/)]);
      const on = newChart();
      new ExistingKruise(on, 'kruise');
      new AdvancedStatefulSet(on, 'sts', { containers: [main], pvcRetentionPolicy: { whenScaled: PvcRetention.DELETE } });
      expect(validationErrors(on)).toEqual([]);
    });
  });

  describe('admission rules', () => {
    test('rule 9: podManagementPolicy is OrderedReady or Parallel', () => {
      expect(() => new AdvancedStatefulSet(newChart(), 'sts', { podManagementPolicy: 'Random' as any })).toThrow(
        'test/sts: spec.podManagementPolicy "Random": Kruise accepts OrderedReady or Parallel; use PodManagementPolicy.ORDERED_READY or PodManagementPolicy.PARALLEL');
    });

    test('rule 10: reserveOrdinals are unique and >= 0', () => {
      expect(() => new AdvancedStatefulSet(newChart(), 'sts', { reserveOrdinals: [1, 2, 1] })).toThrow(
        'test/sts: spec.reserveOrdinals[2] 1: duplicates are not allowed; reserve each ordinal once');
      expect(() => new AdvancedStatefulSet(newChart(), 'sts', { reserveOrdinals: [-1] })).toThrow(
        'test/sts: spec.reserveOrdinals[0] -1: reserved ordinals must be whole numbers >= 0; use 0 or more');
      const sts = new AdvancedStatefulSet(newChart(), 'sts', { reserveOrdinals: [1] });
      expect(() => sts.addReserveOrdinals(1)).toThrow('test/sts: spec.reserveOrdinals[1] 1: duplicates are not allowed; reserve each ordinal once');
      expect(sts.reserveOrdinals).toEqual([1]);
    });

    test('rule 11: maxUnavailable is at least 1', () => {
      const updateStrategy = AdvancedStatefulSetUpdateStrategy.rollingUpdate({ maxUnavailable: IntOrPercent.count(0) });
      expect(() => new AdvancedStatefulSet(newChart(), 'sts', { podManagementPolicy: PARALLEL, updateStrategy })).toThrow(
        'test/sts: spec.updateStrategy.rollingUpdate.maxUnavailable 0: maxUnavailable must allow at least 1 pod, or nothing could ever update; use 1 or more (or a percentage above 0)');
    });

    test('rule 11: maxUnavailable other than 1 needs Parallel (update and scale strategy)', () => {
      const updateStrategy = AdvancedStatefulSetUpdateStrategy.rollingUpdate({ maxUnavailable: IntOrPercent.count(2) });
      expect(() => new AdvancedStatefulSet(newChart(), 'sts', { updateStrategy })).toThrow(
        'test/sts: spec.updateStrategy.rollingUpdate.maxUnavailable 2: Kruise accepts maxUnavailable other than 1 only with podManagementPolicy Parallel '
        + '(this one is OrderedReady, the default); set podManagementPolicy: PodManagementPolicy.PARALLEL or use IntOrPercent.count(1)');
      expect(() => new AdvancedStatefulSet(newChart(), 'sts', { podManagementPolicy: kplus.PodManagementPolicy.ORDERED_READY, scaleStrategy: { maxUnavailable: IntOrPercent.percent(100) } })).toThrow(
        'test/sts: spec.scaleStrategy.maxUnavailable "100%": Kruise accepts maxUnavailable other than 1 only with podManagementPolicy Parallel '
        + '(this one is OrderedReady); set podManagementPolicy: PodManagementPolicy.PARALLEL or use IntOrPercent.count(1)');
      const one = AdvancedStatefulSetUpdateStrategy.rollingUpdate({ maxUnavailable: IntOrPercent.count(1) });
      expect(() => new AdvancedStatefulSet(newChart(), 'sts', { updateStrategy: one, scaleStrategy: { maxUnavailable: IntOrPercent.count(1) } })).not.toThrow();
    });

    test('rule 12: rollingUpdate.minReadySeconds is at most 300', () => {
      const updateStrategy = AdvancedStatefulSetUpdateStrategy.rollingUpdate({ minReady: Duration.seconds(301) });
      expect(() => new AdvancedStatefulSet(newChart(), 'sts', { updateStrategy })).toThrow(
        'test/sts: spec.updateStrategy.rollingUpdate.minReadySeconds 301: Kruise accepts at most 300 seconds; use Duration.minutes(5) or less');
    });

    test('rule 14: unorderedUpdate needs Parallel', () => {
      const updateStrategy = AdvancedStatefulSetUpdateStrategy.rollingUpdate({ unorderedUpdate: {} });
      expect(() => new AdvancedStatefulSet(newChart(), 'sts', { updateStrategy })).toThrow(
        'test/sts: spec.updateStrategy.rollingUpdate.unorderedUpdate "OrderedReady (default)": unorderedUpdate only works with podManagementPolicy Parallel; '
        + 'set podManagementPolicy: PodManagementPolicy.PARALLEL or remove unorderedUpdate');
      const chart = newChart();
      new AdvancedStatefulSet(chart, 'sts', { containers: [main], podManagementPolicy: PARALLEL, updateStrategy });
      expect(only(synthChecked(chart), 'StatefulSet').spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { unorderedUpdate: {} } });
    });

    test('rule 15: OnDelete takes no rolling update options (by construction)', () => {
      expect(AdvancedStatefulSetUpdateStrategy.onDelete().partition).toBeUndefined();
      expect(AdvancedStatefulSetUpdateStrategy.onDelete().inPlace).toBe(false);
    });

    test('rule 16: PVC retention is Retain or Delete', () => {
      expect(() => new AdvancedStatefulSet(newChart(), 'sts', { pvcRetentionPolicy: { whenDeleted: 'Keep' as any } })).toThrow(
        'test/sts: spec.persistentVolumeClaimRetentionPolicy.whenDeleted "Keep": Kruise accepts Retain or Delete; use PvcRetention.RETAIN or PvcRetention.DELETE');
    });

    test('podUpdatePolicy is one of the three policies', () => {
      const updateStrategy = AdvancedStatefulSetUpdateStrategy.rollingUpdate({ podUpdatePolicy: 'Patch' as any });
      expect(() => new AdvancedStatefulSet(newChart(), 'sts', { updateStrategy })).toThrow(
        'test/sts: spec.updateStrategy.rollingUpdate.podUpdatePolicy "Patch": Kruise accepts ReCreate, InPlaceIfPossible, InPlaceOnly; use a PodUpdatePolicy value');
    });

    test('partition, replicas and the start ordinal are whole numbers >= 0; restartPolicy is Always', () => {
      expect(() => new AdvancedStatefulSet(newChart(), 'sts', { updateStrategy: AdvancedStatefulSetUpdateStrategy.rollingUpdate({ partition: -1 }) })).toThrow(
        'test/sts: spec.updateStrategy.rollingUpdate.partition -1: partition must be a whole number >= 0; set it to 0 or more');
      expect(() => new AdvancedStatefulSet(newChart(), 'sts', { replicas: 1.5 })).toThrow(
        'test/sts: spec.replicas 1.5: replicas must be a whole number >= 0; set replicas to 0 or more');
      expect(() => new AdvancedStatefulSet(newChart(), 'sts', { startOrdinal: -2 })).toThrow(
        'test/sts: spec.ordinals.start -2: the start ordinal must be a whole number >= 0; use 0 or more');
      expect(() => new AdvancedStatefulSet(newChart(), 'sts', { restartPolicy: kplus.RestartPolicy.ON_FAILURE })).toThrow(
        'test/sts: spec.template.spec.restartPolicy "OnFailure": Advanced StatefulSet pods must restart Always; remove restartPolicy');
    });

    test('the selector must match the template labels', () => {
      const chart = newChart();
      const sts = new AdvancedStatefulSet(chart, 'sts', { select: false, containers: [main] });
      sts.select(kplus.LabelSelector.of({ labels: { app: 'x' } }));
      // Kruise's rule, from the review on the emitted object.
      expect(validationErrors(chart)).toEqual([expect.stringMatching(/^StatefulSet test-sts-[0-9a-f]+: spec.template.metadata.labels: .*\[AdvancedStatefulSet\/template-metadata\]/)]);
    });
  });
});

for (const line of REFERENCE_LINES) {
  describeWithReferenceFor(line, `AdvancedStatefulSet examples of Kruise ${line}`, (dir) => {
    const docs = (file: string) => readYamlDocs(path.join(dir, 'docs-examples', file)).filter(d => d.kind === 'StatefulSet');
    const fresh = () => chartFor(line);
    const check = (chart: Chart) => synthValidFor(chart, line);
    // The ordinals.start example of the 1.7 release notes is a docs example in 1.8.
    const ordinalsExample = () => line === '1.7'
      ? readYamlDocs(path.join(dir, 'seed-examples.yaml')).filter(d => d.kind === 'StatefulSet')[0]
      : docs('advancedstatefulset.yaml').find(d => d.spec.ordinals);

    test(`advancedstatefulset.yaml has ${line === '1.7' ? 1 : 2} example(s)`, () => {
      expect(docs('advancedstatefulset.yaml').length).toBe(line === '1.7' ? 1 : 2);
    });

    test('the ordinals.start example (seed in 1.7, docs in 1.8), emitted exactly', () => {
      const example = ordinalsExample();
      expect(example.spec.ordinals).toEqual({ start: 3 });
      const chart = chartFor(line, [FeatureGate.STATEFUL_SET_START_ORDINAL.enable()]);
      labelled(chart, 'sts', 'sample', {
        metadata: { name: 'sample' },
        replicas: 5,
        startOrdinal: 3,
        serviceName: 'fake-service',
        containers: [main],
      });
      expect(only(check(chart), 'StatefulSet')).toEqual(example);
    });

    test('advancedstatefulset.yaml sample (in-place, Parallel, maxUnavailable 2)', () => {
      const example = docs('advancedstatefulset.yaml').find(d => !d.spec.ordinals);
      const chart = fresh();
      labelled(chart, 'sts', 'sample', {
        metadata: { name: 'sample' },
        replicas: 3,
        serviceName: 'fake-service',
        podManagementPolicy: PARALLEL,
        updateStrategy: AdvancedStatefulSetUpdateStrategy.rollingUpdate({
          podUpdatePolicy: PodUpdatePolicy.IN_PLACE_IF_POSSIBLE,
          maxUnavailable: IntOrPercent.count(2),
        }),
        containers: [main],
      });
      const out = only(check(chart), 'StatefulSet');
      expect(missingFrom(out, example)).toEqual([]);
      expect(out).toEqual(example);
    });

    test('persistentpodstate.yaml echoserver (v1alpha1, auto-generated PersistentPodState)', () => {
      const [example] = docs('persistentpodstate.yaml');
      const chart = fresh();
      labelled(chart, 'sts', 'echoserver', {
        apiVersion: AdvancedStatefulSetApiVersion.V1ALPHA1,
        metadata: { name: 'echoserver', labels: { app: 'echoserver' } },
        persistentPodState: { preferredTopologyKeys: ['kubernetes.io/hostname'] },
        serviceName: 'echoserver',
        replicas: 2,
        podMetadata: { labels: { app: 'echoserver' }, annotations: { 'io.kubernetes.cri/reserved-ip-duration': '10' } },
        terminationGracePeriod: Duration.seconds(5),
        containers: [{ name: 'echoserver', image: 'cilium/echoserver:latest', imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT }],
      });
      const out = only(check(chart), 'StatefulSet');
      expect(missingFrom(out, example)).toEqual([]);
      expect(out).toEqual(example);
    });
  });
}

describe('AdvancedStatefulSet: Kruise 1.8 fields', () => {
  const v18 = KruiseVersion.V1_8;
  const sts = (chart: any, props: any = {}) => new AdvancedStatefulSet(chart, 'sts', { containers: [main], ...props });

  test('volumeClaimUpdateStrategy renders its type and validates against the 1.8 CRD', () => {
    for (const [strategy, type] of [[VolumeClaimUpdateStrategy.onPodRollingUpdate(), 'OnPodRollingUpdate'], [VolumeClaimUpdateStrategy.onDelete(), 'OnDelete']] as const) {
      const chart = chartUnder(v18);
      sts(chart, { volumeClaimUpdateStrategy: strategy });
      expect(only(synthValidUnder(chart, v18), 'StatefulSet').spec.volumeClaimUpdateStrategy).toEqual({ type });
      expect(strategy.type).toBe(type);
    }
  });

  test('reserveOrdinals: numbers first, then ReserveOrdinal items in order; ranges are "first-last" strings', () => {
    const chart = chartUnder(v18);
    const set = sts(chart, { reserveOrdinals: [1], reserveOrdinalRanges: [ReserveOrdinal.range(3, 5), ReserveOrdinal.of(7)] });
    set.addReserveOrdinalRanges(ReserveOrdinal.range(9, 9), ReserveOrdinal.range(4, 6));
    set.addReserveOrdinals(0);
    expect(set.reserveOrdinals).toEqual([1, 0]);
    expect(set.reserveOrdinalRanges.map(r => r.toJson())).toEqual(['3-5', 7, '9-9', '4-6']);
    expect(only(synthValidUnder(chart, v18), 'StatefulSet').spec.reserveOrdinals).toEqual([1, 0, '3-5', 7, '9-9', '4-6']);
  });

  test('the docs fragment reserveOrdinals [\'2-5\', 7] is reproduced in order', () => {
    const chart = chartUnder(v18);
    sts(chart, { reserveOrdinalRanges: [ReserveOrdinal.range(2, 5), ReserveOrdinal.of(7)] });
    expect(only(synthValidUnder(chart, v18), 'StatefulSet').spec.reserveOrdinals).toEqual(['2-5', 7]);
  });

  test('ReserveOrdinal refuses negative, fractional and reversed values', () => {
    expect(() => ReserveOrdinal.range(5, 3)).toThrow('ReserveOrdinal.range(): first 5: the range starts after its end (3), and Kruise rejects it; use ReserveOrdinal.range(3, 5)');
    expect(() => ReserveOrdinal.range(-1, 3)).toThrow('ReserveOrdinal.range(): first -1: ordinals are whole numbers >= 0; use 0 or more');
    expect(() => ReserveOrdinal.range(1, 2.5)).toThrow('ReserveOrdinal.range(): last 2.5: ordinals are whole numbers >= 0; use 0 or more');
    expect(() => ReserveOrdinal.of(-2)).toThrow('ReserveOrdinal.of(): ordinal -2: ordinals are whole numbers >= 0; use 0 or more');
  });

  test('v1alpha1 has neither field', () => {
    const alpha = { apiVersion: AdvancedStatefulSetApiVersion.V1ALPHA1 };
    expect(() => sts(newChart(), { ...alpha, volumeClaimUpdateStrategy: VolumeClaimUpdateStrategy.onDelete() })).toThrow(
      'test/sts: spec.volumeClaimUpdateStrategy {"type":"OnDelete"}: the field does not exist in apps.kruise.io/v1alpha1');
    expect(() => sts(newChart(), alpha).addReserveOrdinalRanges(ReserveOrdinal.range(1, 2))).toThrow(
      'test/sts: spec.reserveOrdinals ["1-2"]: the field does not exist in apps.kruise.io/v1alpha1; emit AdvancedStatefulSetApiVersion.V1BETA1');
  });

  describe('under Kruise 1.7', () => {
    test('volumeClaimUpdateStrategy is a synth error naming both versions and the install', () => {
      const chart = chartUnder(KruiseVersion.V1_7);
      sts(chart, { volumeClaimUpdateStrategy: VolumeClaimUpdateStrategy.onPodRollingUpdate() });
      expect(validationErrors(chart)).toContain(
        'test/sts: spec.volumeClaimUpdateStrategy {"type":"OnPodRollingUpdate"}: needs Kruise 1.8, but the install at test/kruise is Kruise 1.7; '
        + 'declare the install with version: KruiseVersion.V1_8 (Kruise, Kruise.fromExisting or Kruise.fromHelmValues), or remove spec.volumeClaimUpdateStrategy');
    });

    test('with no install the default 1.7 applies; an install declared later (1.8) is the one checked', () => {
      const chart = newChart();
      const set = sts(chart);
      set.addReserveOrdinalRanges(ReserveOrdinal.range(2, 4));
      expect(validationErrors(chart)).toContain(
        'test/sts: spec.reserveOrdinals ["2-4"]: needs Kruise 1.8, but no Kruise install governs it, so the default Kruise 1.7 applies; '
        + 'declare the install with version: KruiseVersion.V1_8 (Kruise, Kruise.fromExisting or Kruise.fromHelmValues), or reserve single ordinals (reserveOrdinals, or ReserveOrdinal.of())');
      new ExistingKruise(chart, 'kruise', { version: KruiseVersion.V1_8 });
      expect(validationErrors(chart)).toEqual([]);
    });

    test('single ReserveOrdinal items and plain numbers need no 1.8', () => {
      const chart = chartUnder(KruiseVersion.V1_7);
      sts(chart, { reserveOrdinals: [1], reserveOrdinalRanges: [ReserveOrdinal.of(3)] });
      expect(only(synthValid(chart), 'StatefulSet').spec.reserveOrdinals).toEqual([1, 3]);
    });
  });
});
