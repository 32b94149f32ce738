import * as path from 'path';
import { ApiObject, Duration, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  PodUpdatePolicy, AdvancedStatefulSetUpdateStrategy, CloneSetUpdateStrategy, ExistingKruise, FeatureGate, IntOrPercent,
  KruiseVersion, ReserveOrdinal, UnitedDeployment, UnitedDeploymentProps, UnitedDeploymentScheduleStrategy, UnitedDeploymentScheduleType,
  UnitedDeploymentTemplate, UnitedDeploymentTemplateKind, VolumeClaimUpdateStrategy,
} from '../../src';
import { missingFrom, newChart, synthValid } from '../util/l2';
import { describeWithReferenceFor, readYamlDocs } from '../util/reference';
import { only, synthChecked, validationErrors } from '../util/validations';
import { chartUnder, synthValidUnder, chartFor, REFERENCE_LINES, synthValidFor } from '../util/versions';

const nginx = { name: 'nginx', image: 'nginx:alpine' };
const zone = (z: string) => [kplus.NodeLabelQuery.in('node', [z])];

/** A UnitedDeployment selecting `app: sample` explicitly, as the docs example does. */
function labelled(chart: any, props: Partial<UnitedDeploymentProps> & { template: UnitedDeploymentTemplate }): UnitedDeployment {
  const ud = new UnitedDeployment(chart, 'ud', { select: false, podMetadata: { labels: { app: 'sample' } }, containers: [nginx], ...props });
  ud.select(kplus.LabelSelector.of({ labels: { app: 'sample' } }));
  return ud;
}

describe('UnitedDeployment', () => {
  test('an Advanced StatefulSet template renders the v1beta1 spec, with the in-place readiness gate', () => {
    const chart = newChart();
    labelled(chart, {
      replicas: 4,
      template: UnitedDeploymentTemplate.advancedStatefulSet({
        annotations: { team: 'a' },
        serviceName: 'svc',
        podManagementPolicy: kplus.PodManagementPolicy.PARALLEL,
        updateStrategy: AdvancedStatefulSetUpdateStrategy.rollingUpdate({
          podUpdatePolicy: PodUpdatePolicy.IN_PLACE_IF_POSSIBLE,
          maxUnavailable: IntOrPercent.percent(50),
        }),
        reserveOrdinals: [0],
      }),
      subsets: [{ name: 'a', nodeSelectorTerm: zone('a') }],
    });
    const ud = only(synthChecked(chart), 'UnitedDeployment');
    expect(Object.keys(ud.spec.template)).toEqual(['advancedStatefulSetTemplate']);
    const t = ud.spec.template.advancedStatefulSetTemplate;
    expect(t.metadata).toEqual({ labels: { app: 'sample' }, annotations: { team: 'a' } });
    expect(t.spec).toEqual({
      selector: { matchLabels: { app: 'sample' } },
      template: {
        metadata: { labels: { app: 'sample' } },
        spec: { containers: [nginx], readinessGates: [{ conditionType: 'InPlaceUpdateReady' }] },
      },
      serviceName: 'svc',
      podManagementPolicy: 'Parallel',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { podUpdatePolicy: 'InPlaceIfPossible', maxUnavailable: '50%' } },
      reserveOrdinals: [0],
    });
    expect(ud.spec.topology).toEqual({ subsets: [{ name: 'a', nodeSelectorTerm: { matchExpressions: [{ key: 'node', operator: 'In', values: ['a'] }] } }] });
    expect(ud.spec.updateStrategy).toBeUndefined();
  });

  test('a CloneSet template: CloneSet fields, typed volume claim templates, no default labels', () => {
    const chart = newChart();
    const ud = labelled(chart, {
      replicas: 2,
      template: UnitedDeploymentTemplate.cloneSet({
        updateStrategy: CloneSetUpdateStrategy.inPlaceIfPossible({ maxUnavailable: IntOrPercent.count(1) }),
        minReady: Duration.seconds(5),
      }),
    });
    ud.containers[0].mount('/data', ud.addVolumeClaimTemplate('data', { storage: Size.gibibytes(2) }));
    expect(ud.template.kind).toBe(UnitedDeploymentTemplateKind.CLONE_SET);
    const t = only(synthChecked(chart), 'UnitedDeployment').spec.template.cloneSetTemplate;
    expect(t.metadata).toBeUndefined();
    expect(t.spec).toMatchObject({
      selector: { matchLabels: { app: 'sample' } },
      minReadySeconds: 5,
      updateStrategy: { type: 'InPlaceIfPossible', maxUnavailable: 1 },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { resources: { requests: { storage: '2Gi' } } } }],
    });
    expect(t.spec.template.spec.volumes).toBeUndefined();
    expect(t.spec.template.spec.containers[0].volumeMounts).toEqual([{ name: 'data', mountPath: '/data' }]);
  });

  test('StatefulSet and Deployment templates', () => {
    const chart = newChart();
    new UnitedDeployment(chart, 'sts', {
      containers: [nginx],
      template: UnitedDeploymentTemplate.statefulSet({ serviceName: 'svc', podManagementPolicy: kplus.PodManagementPolicy.PARALLEL, minReady: Duration.seconds(3), revisionHistoryLimit: 1 }),
      subsets: [{ name: 'a', replicas: IntOrPercent.count(1) }],
    });
    new UnitedDeployment(chart, 'deploy', {
      containers: [nginx],
      template: UnitedDeploymentTemplate.deployment({
        labels: { team: 'x' },
        strategy: kplus.DeploymentStrategy.recreate(),
        progressDeadline: Duration.minutes(2),
      }),
      subsets: [{ name: 'a', replicas: IntOrPercent.count(1) }],
    });
    const [sts, deploy] = synthChecked(chart);
    const stsTemplate = sts.spec.template.statefulSetTemplate;
    const addr = sts.spec.selector.matchLabels['cdk8s.io/metadata.addr'];
    expect(stsTemplate.metadata).toEqual({ labels: { 'cdk8s.io/metadata.addr': addr } });
    expect(stsTemplate.spec).toMatchObject({ serviceName: 'svc', podManagementPolicy: 'Parallel', minReadySeconds: 3, revisionHistoryLimit: 1 });
    expect(stsTemplate.spec.template.metadata.labels).toEqual({ 'cdk8s.io/metadata.addr': addr });
    const d = deploy.spec.template.deploymentTemplate;
    // the selector's labels are added to the given ones: Kruise requires the selector to match them
    expect(d.metadata).toEqual({ labels: { 'team': 'x', 'cdk8s.io/metadata.addr': deploy.spec.selector.matchLabels['cdk8s.io/metadata.addr'] } });
    expect(d.spec).toMatchObject({ strategy: { type: 'Recreate' }, progressDeadlineSeconds: 120 });
  });

  test('subsets: tolerations, patch, elastic min/max replicas and partitions', () => {
    const chart = newChart();
    const ud = new UnitedDeployment(chart, 'ud', { replicas: 10, containers: [nginx], template: UnitedDeploymentTemplate.deployment() });
    ud.addSubset({
      name: 'on-demand',
      nodeSelectorTerm: [kplus.NodeLabelQuery.is('pool', 'on-demand')],
      tolerations: [kplus.NodeTaintQuery.is('dedicated', 'web', { effect: kplus.TaintEffect.NO_SCHEDULE })],
      minReplicas: IntOrPercent.count(2),
      maxReplicas: IntOrPercent.percent(50),
      patch: { metadata: { labels: { pool: 'on-demand' } } },
      partition: 1,
    });
    ud.addSubset({ name: 'spot', minReplicas: IntOrPercent.count(1) });
    expect(ud.subsets.map(s => s.name)).toEqual(['on-demand', 'spot']);
    const spec = only(synthChecked(chart), 'UnitedDeployment').spec;
    expect(spec.topology.subsets).toEqual([
      {
        name: 'on-demand',
        nodeSelectorTerm: { matchExpressions: [{ key: 'pool', operator: 'In', values: ['on-demand'] }] },
        tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'web', effect: 'NoSchedule' }],
        minReplicas: 2,
        maxReplicas: '50%',
        patch: { metadata: { labels: { pool: 'on-demand' } } },
      },
      { name: 'spot', minReplicas: 1 },
    ]);
    expect(spec.updateStrategy).toEqual({ type: 'Manual', manualUpdate: { partitions: { 'on-demand': 1 } } });
  });

  test('gates of the Advanced StatefulSet template apply to the UnitedDeployment (a warning: Kruise accepts it)', () => {
    const chart = newChart();
    new ExistingKruise(chart, 'kruise');
    const ud = new UnitedDeployment(chart, 'ud', { containers: [nginx], replicas: 1, template: UnitedDeploymentTemplate.advancedStatefulSet({ startOrdinal: 1 }) });
    // Kruise accepts it and ignores the start ordinal with the gate off: a warning.
    expect(validationErrors(chart)).toEqual([]);
    expect(ApiObject.of(ud).node.metadata.filter(m => m.type === 'warning').map(m => m.data)).toEqual([
      expect.stringMatching(/^UnitedDeployment test-ud-[0-9a-f]+: spec.template.advancedStatefulSetTemplate.spec.ordinals.start: Kruise accepts this UnitedDeployment \(its advancedStatefulSetTemplate\), but with the feature gate StatefulSetStartOrdinal off in the Kruise install at test\/kruise, .*\[gates\/statefulset-start-ordinal\]/),
    ]);
    const on = newChart();
    new ExistingKruise(on, 'kruise', { featureGates: [FeatureGate.STATEFUL_SET_START_ORDINAL.enable()] });
    new UnitedDeployment(on, 'ud', { containers: [nginx], replicas: 1, template: UnitedDeploymentTemplate.advancedStatefulSet({ startOrdinal: 1 }) });
    expect(validationErrors(on)).toEqual([]);
    expect(only(synthValid(on), 'UnitedDeployment').spec.template.advancedStatefulSetTemplate.spec.ordinals).toEqual({ start: 1 });
  });

  test('escape hatch: a JSON patch on ApiObject.of() reaches the output', () => {
    const chart = newChart();
    const ud = new UnitedDeployment(chart, 'ud', { containers: [nginx], replicas: 1, template: UnitedDeploymentTemplate.cloneSet() });
    ApiObject.of(ud).addJsonPatch(JsonPatch.add('/spec/template/cloneSetTemplate/spec/template/spec/priorityClassName', 'high'));
    expect(only(synthValid(chart), 'UnitedDeployment').spec.template.cloneSetTemplate.spec.template.spec.priorityClassName).toBe('high');
  });

  describe('admission rules (rule 28)', () => {
    const ud = (props: Partial<UnitedDeploymentProps> = {}) => new UnitedDeployment(newChart(), 'ud', {
      containers: [nginx], template: UnitedDeploymentTemplate.deployment(), ...props,
    });
    const errors = (u: UnitedDeployment) => validationErrors(u.node.scope as any);

    test('one template: the factories make exactly one', () => {
      const chart = newChart();
      new UnitedDeployment(chart, 'ud', { containers: [nginx], replicas: 1, template: UnitedDeploymentTemplate.statefulSet() });
      expect(Object.keys(only(synthChecked(chart), 'UnitedDeployment').spec.template)).toEqual(['statefulSetTemplate']);
    });

    test('subset names are unique DNS labels', () => {
      const u = ud({ replicas: 2 });
      u.addSubset({ name: 'a' });
      expect(() => u.addSubset({ name: 'a' })).toThrow('test/ud: spec.topology.subsets[1].name "a": subset names must be unique; give each subset its own name');
      expect(() => u.addSubset({ name: 'Zone_A' })).toThrow(
        'test/ud: spec.topology.subsets[1].name "Zone_A": subset names must be DNS labels (they name the subset workloads); use lower-case letters, digits and dashes, at most 63 characters');
    });

    test('replicas and minReplicas/maxReplicas are exclusive, in a subset and across subsets', () => {
      expect(() => ud({ replicas: 2 }).addSubset({ name: 'a', replicas: IntOrPercent.count(1), maxReplicas: IntOrPercent.count(2) })).toThrow(
        'test/ud: spec.topology.subsets[0].replicas 1: replicas and minReplicas/maxReplicas are mutually exclusive; give either replicas or minReplicas/maxReplicas');
      const u = ud({ replicas: 4, subsets: [{ name: 'a', replicas: IntOrPercent.count(1) }, { name: 'b', maxReplicas: IntOrPercent.count(2) }, { name: 'c' }] });
      // Kruise's rules on the emitted object come from the review.
      expect(errors(u)).toEqual([expect.stringMatching(/^UnitedDeployment test-ud-[0-9a-f]+: spec.topology.subsets: .*\[UnitedDeployment\/subset-replicas-or-capacity\]/)]);
    });

    test('the subset replicas add up to at most spec.replicas (percentages rounded)', () => {
      const u = ud({ replicas: 6, subsets: [{ name: 'a', replicas: IntOrPercent.count(3) }, { name: 'b', replicas: IntOrPercent.percent(75) }, { name: 'c' }] });
      expect(errors(u)).toEqual([expect.stringMatching(/^UnitedDeployment test-ud-[0-9a-f]+: spec.topology.subsets: .*\[UnitedDeployment\/subset-replicas-sum\]/)]);
      expect(errors(u)[0]).toMatch(/add up to 8, more than spec.replicas \(6\)/);
    });

    test('when every subset has replicas they add up to spec.replicas', () => {
      const u = ud({ replicas: 6, subsets: [{ name: 'a', replicas: IntOrPercent.count(1) }, { name: 'b', replicas: IntOrPercent.percent(50) }] });
      expect(errors(u)).toEqual([expect.stringMatching(/^UnitedDeployment test-ud-[0-9a-f]+: spec.topology.subsets: .*\[UnitedDeployment\/subset-replicas-sum\]/)]);
    });

    test('without spec.replicas every subset needs a count', () => {
      const u = ud({ subsets: [{ name: 'a', replicas: IntOrPercent.percent(50) }, { name: 'b' }] });
      expect(errors(u)).toEqual([expect.stringMatching(/^UnitedDeployment test-ud-[0-9a-f]+: spec.topology.subsets\[0\].replicas: .*\[UnitedDeployment\/subset-replicas\]/), expect.stringMatching(/^UnitedDeployment test-ud-[0-9a-f]+: spec.topology.subsets: .*\[UnitedDeployment\/subset-replicas-required\]/)]);
      const counted = ud({ subsets: [{ name: 'a', replicas: IntOrPercent.count(2) }, { name: 'b', replicas: IntOrPercent.count(1) }] });
      expect(errors(counted)).toEqual([]);
    });

    test('elastic subsets: spec.replicas set, one subset unbounded, minimums within maximums', () => {
      const u = ud({ subsets: [{ name: 'a', minReplicas: IntOrPercent.count(3), maxReplicas: IntOrPercent.count(3) }, { name: 'b', maxReplicas: IntOrPercent.count(1) }] });
      expect(errors(u)).toEqual([expect.stringMatching(/^UnitedDeployment test-ud-[0-9a-f]+: spec.topology.subsets: .*\[UnitedDeployment\/subset-capacity\]/), expect.stringMatching(/^UnitedDeployment test-ud-[0-9a-f]+: spec.topology.subsets: .*\[UnitedDeployment\/subset-capacity\]/)]);
      const over = ud({ replicas: 10, subsets: [{ name: 'a', minReplicas: IntOrPercent.percent(50), maxReplicas: IntOrPercent.count(3) }, { name: 'b' }] });
      expect(errors(over)).toEqual([expect.stringMatching(/^UnitedDeployment test-ud-[0-9a-f]+: spec.topology.subsets\[0\].*\[UnitedDeployment\/subset-min-max-replicas\]/)]);
      expect(() => ud({ replicas: 10 }).addSubset({ name: 'a', minReplicas: IntOrPercent.count(4), maxReplicas: IntOrPercent.count(3) })).toThrow(
        'test/ud: spec.topology.subsets[0].minReplicas 4: minReplicas is above maxReplicas (3); lower minReplicas or raise maxReplicas');
    });

    test('no partition in an Advanced StatefulSet template (Kruise rejects it); a CloneSet template partition is accepted (Kruise overwrites it)', () => {
      const asts = UnitedDeploymentTemplate.advancedStatefulSet({
        updateStrategy: AdvancedStatefulSetUpdateStrategy.rollingUpdate({ partition: 1 }),
      });
      expect(() => ud({ template: asts })).toThrow(
        'test/ud: spec.template.advancedStatefulSetTemplate.spec.updateStrategy.rollingUpdate.partition 1: Kruise rejects a partition in the template: '
        + 'the UnitedDeployment sets one per subset; give addSubset({ partition }) instead');
      // Kruise accepts a partition in a CloneSet template (the UnitedDeployment overwrites it): a warning.
      const cs = UnitedDeploymentTemplate.cloneSet({ updateStrategy: CloneSetUpdateStrategy.recreate({ partition: IntOrPercent.count(1) }) });
      const withCs = ud({ template: cs, replicas: 1 });
      expect(errors(withCs)).toEqual([]);
      expect(ApiObject.of(withCs).node.metadata.filter(m => m.type === 'warning').map(m => m.data))
        .toEqual([expect.stringMatching(/spec.template.cloneSetTemplate.spec.updateStrategy.partition: .*\[UnitedDeployment\/clone-set-template-overridden\]/)]);
      expect(() => ud({ replicas: 1 }).addSubset({ name: 'a', partition: -1 })).toThrow(
        'test/ud: spec.updateStrategy.manualUpdate.partitions.a -1: a partition must be a whole number >= 0; set it to 0 or more');
    });

    test('template rules of the subset kind apply (Advanced StatefulSet maxUnavailable needs Parallel)', () => {
      const asts = UnitedDeploymentTemplate.advancedStatefulSet({
        updateStrategy: AdvancedStatefulSetUpdateStrategy.rollingUpdate({ maxUnavailable: IntOrPercent.count(3) }),
      });
      expect(() => ud({ template: asts })).toThrow(/^test\/ud: spec\.template\.advancedStatefulSetTemplate\.spec\.updateStrategy\.rollingUpdate\.maxUnavailable 3: Kruise accepts maxUnavailable other than 1 only with podManagementPolicy Parallel/);
    });

    test('the selector matches the pod template and the subset workload labels', () => {
      const chart = newChart();
      const u = new UnitedDeployment(chart, 'ud', { select: false, replicas: 1, containers: [nginx], template: UnitedDeploymentTemplate.statefulSet({ labels: { app: 'y' } }) });
      u.select(kplus.LabelSelector.of({ labels: { app: 'x' } }));
      expect(validationErrors(chart)).toEqual([
        expect.stringMatching(/^UnitedDeployment test-ud-[0-9a-f]+: spec.template.statefulSetTemplate.metadata.labels: .*\[UnitedDeployment\/selector-matches-template\]/),
        expect.stringMatching(/^UnitedDeployment test-ud-[0-9a-f]+: spec.template.statefulSetTemplate.spec.template.metadata.labels: .*\[UnitedDeployment\/pod-template\]/),
      ]);
    });

    test('Deployments have no volume claim templates; replicas, revisionHistoryLimit and restartPolicy are checked', () => {
      expect(() => ud().addVolumeClaimTemplate('data')).toThrow(
        'test/ud: spec.template.deploymentTemplate.spec.volumeClaimTemplates "data": Deployments have no volume claim templates; use a StatefulSet, Advanced StatefulSet or CloneSet template');
      expect(() => ud({ replicas: -1 })).toThrow('test/ud: spec.replicas -1: replicas must be a whole number >= 0; set replicas to 0 or more');
      expect(() => ud({ template: UnitedDeploymentTemplate.statefulSet({ revisionHistoryLimit: -1 }) })).toThrow(
        'test/ud: spec.template.statefulSetTemplate.spec.revisionHistoryLimit -1: revisionHistoryLimit must be a whole number >= 0; set it to 0 or more');
      expect(() => ud({ restartPolicy: kplus.RestartPolicy.NEVER })).toThrow(
        'test/ud: spec.template.spec.restartPolicy "Never": the pods of UnitedDeployment subsets must restart Always; remove restartPolicy');
    });
  });
});

for (const line of REFERENCE_LINES) {
  describeWithReferenceFor(line, `UnitedDeployment docs examples (Kruise ${line})`, (dir) => {
    test('uniteddeployment.yaml sample-ud', () => {
      const [example] = readYamlDocs(path.join(dir, 'docs-examples', 'uniteddeployment.yaml'));
      const chart = chartFor(line);
      const ud = labelled(chart, {
        metadata: { name: 'sample-ud' },
        replicas: 6,
        revisionHistoryLimit: 10,
        template: UnitedDeploymentTemplate.statefulSet(),
      });
      ud.addSubset({ name: 'subset-a', nodeSelectorTerm: zone('zone-a'), replicas: IntOrPercent.count(1), partition: 0 });
      ud.addSubset({ name: 'subset-b', nodeSelectorTerm: zone('zone-b'), replicas: IntOrPercent.percent(50), partition: 0 });
      ud.addSubset({ name: 'subset-c', nodeSelectorTerm: zone('zone-c'), partition: 0 });
      const out = only(synthValidFor(chart, line), 'UnitedDeployment');
      expect(missingFrom(out, example)).toEqual([]);
      expect(out).toEqual(example);
    });
  });
}

describe('UnitedDeployment: Kruise 1.8 fields', () => {
  const v18 = KruiseVersion.V1_8;
  const subsets = [{ name: 'a', nodeSelectorTerm: zone('a') }, { name: 'b', nodeSelectorTerm: zone('b') }];

  test('topology.scheduleStrategy: adaptive with both durations, fixed with the type only; valid against the 1.8 CRD', () => {
    const chart = chartUnder(v18);
    labelled(chart, {
      replicas: 4,
      template: UnitedDeploymentTemplate.cloneSet(),
      subsets,
      scheduleStrategy: UnitedDeploymentScheduleStrategy.adaptive({
        rescheduleCritical: Duration.seconds(10),
        unschedulableLast: Duration.minutes(2),
      }),
    });
    const topology = only(synthValidUnder(chart, v18), 'UnitedDeployment').spec.topology;
    expect(topology.scheduleStrategy).toEqual({ type: 'Adaptive', adaptive: { rescheduleCriticalSeconds: 10, unschedulableLastSeconds: 120 } });
    expect(topology.subsets.map((s: any) => s.name)).toEqual(['a', 'b']);

    const fixed = UnitedDeploymentScheduleStrategy.fixed();
    expect(fixed.type).toBe(UnitedDeploymentScheduleType.FIXED);
    const chart2 = chartUnder(v18);
    labelled(chart2, { replicas: 2, template: UnitedDeploymentTemplate.cloneSet(), scheduleStrategy: fixed, subsets });
    expect(only(synthValidUnder(chart2, v18), 'UnitedDeployment').spec.topology.scheduleStrategy).toEqual({ type: 'Fixed' });
  });

  test('adaptive() without options renders the type only; fractional seconds are refused', () => {
    const chart = chartUnder(v18);
    const adaptive = UnitedDeploymentScheduleStrategy.adaptive();
    labelled(chart, { replicas: 2, template: UnitedDeploymentTemplate.cloneSet(), subsets, scheduleStrategy: adaptive });
    expect(only(synthValidUnder(chart, v18), 'UnitedDeployment').spec.topology.scheduleStrategy).toEqual({ type: 'Adaptive' });
    expect(() => labelled(newChart(), {
      template: UnitedDeploymentTemplate.cloneSet(),
      scheduleStrategy: UnitedDeploymentScheduleStrategy.adaptive({ rescheduleCritical: Duration.millis(1500) }),
    })).toThrow('test/ud: spec.topology.scheduleStrategy.adaptive.rescheduleCriticalSeconds "1500ms": the API takes whole seconds');
  });

  test('an Advanced StatefulSet template takes volumeClaimUpdateStrategy and reserveOrdinals ranges', () => {
    const chart = chartUnder(v18);
    labelled(chart, {
      replicas: 2,
      template: UnitedDeploymentTemplate.advancedStatefulSet({
        volumeClaimUpdateStrategy: VolumeClaimUpdateStrategy.onPodRollingUpdate(),
        reserveOrdinals: [0],
        reserveOrdinalRanges: [ReserveOrdinal.range(2, 3)],
      }),
      subsets,
    });
    const spec = only(synthValidUnder(chart, v18), 'UnitedDeployment').spec.template.advancedStatefulSetTemplate.spec;
    expect(spec.volumeClaimUpdateStrategy).toEqual({ type: 'OnPodRollingUpdate' });
    expect(spec.reserveOrdinals).toEqual([0, '2-3']);
  });

  test('under Kruise 1.7 each 1.8 field is a synth error with its own path', () => {
    const chart = chartUnder(KruiseVersion.V1_7);
    labelled(chart, {
      replicas: 2,
      template: UnitedDeploymentTemplate.advancedStatefulSet({
        volumeClaimUpdateStrategy: VolumeClaimUpdateStrategy.onDelete(),
        reserveOrdinalRanges: [ReserveOrdinal.range(2, 3)],
      }),
      subsets,
      scheduleStrategy: UnitedDeploymentScheduleStrategy.fixed(),
    });
    const errors = validationErrors(chart).filter(e => e.includes('needs Kruise 1.8'));
    const fix = 'declare the install with version: KruiseVersion.V1_8 (Kruise, Kruise.fromExisting or Kruise.fromHelmValues)';
    expect(errors.sort()).toEqual([
      `test/ud: spec.template.advancedStatefulSetTemplate.spec.reserveOrdinals ["2-3"]: needs Kruise 1.8, but the install at test/kruise is Kruise 1.7; ${fix}, or reserve single ordinals (reserveOrdinals, or ReserveOrdinal.of())`,
      `test/ud: spec.template.advancedStatefulSetTemplate.spec.volumeClaimUpdateStrategy {"type":"OnDelete"}: needs Kruise 1.8, but the install at test/kruise is Kruise 1.7; ${fix}, or remove spec.template.advancedStatefulSetTemplate.spec.volumeClaimUpdateStrategy`,
      `test/ud: spec.topology.scheduleStrategy {"type":"Fixed"}: needs Kruise 1.8, but the install at test/kruise is Kruise 1.7; ${fix}, or remove spec.topology.scheduleStrategy`,
    ]);
  });
});

describe('UnitedDeployment subsets: node requirements and tolerations as plain values', () => {
  const topology = (subset: any) => {
    const chart = newChart();
    const ud = new UnitedDeployment(chart, 'ud', { replicas: 2, containers: [nginx], template: UnitedDeploymentTemplate.deployment() });
    ud.addSubset({ name: 'a', ...subset });
    return only(synthChecked(chart), 'UnitedDeployment').spec.topology;
  };

  test('render the same as NodeLabelQuery and NodeTaintQuery', () => {
    const plus = topology({
      nodeSelectorTerm: [kplus.NodeLabelQuery.in('zone', ['a', 'b']), kplus.NodeLabelQuery.exists('gpu'), kplus.NodeLabelQuery.gt('cores', ['4'])],
      tolerations: [
        kplus.NodeTaintQuery.is('dedicated', 'web', { effect: kplus.TaintEffect.NO_EXECUTE, evictAfter: Duration.seconds(60) }),
        kplus.NodeTaintQuery.exists('spot'),
        kplus.NodeTaintQuery.any(),
      ],
    });
    const plain = topology({
      nodeSelectorTerm: [{ key: 'zone', operator: 'In', values: ['a', 'b'] }, { key: 'gpu', operator: 'Exists' }, { key: 'cores', operator: 'Gt', values: ['4'] }],
      tolerations: [
        { key: 'dedicated', operator: 'Equal', value: 'web', effect: 'NoExecute', tolerationSeconds: 60 },
        { key: 'spot', operator: 'Exists' },
        { operator: 'Exists' },
      ],
    });
    expect(plain).toEqual(plus);
    expect(plain.subsets[0].tolerations[0]).toEqual({ key: 'dedicated', operator: 'Equal', value: 'web', effect: 'NoExecute', tolerationSeconds: 60 });
  });

  test('the two forms mix in one list', () => {
    const mixed = topology({ nodeSelectorTerm: [kplus.NodeLabelQuery.is('pool', 'x'), { key: 'zone', operator: 'NotIn', values: ['c'] }] });
    expect(mixed.subsets[0].nodeSelectorTerm).toEqual({
      matchExpressions: [
        { key: 'pool', operator: 'In', values: ['x'] }, { key: 'zone', operator: 'NotIn', values: ['c'] },
      ],
    });
  });

  test('bad plain node requirements fail at addSubset, naming path, field, value and fix', () => {
    const add = (nodeSelectorTerm: any) => () => new UnitedDeployment(newChart(), 'ud', {
      containers: [nginx], template: UnitedDeploymentTemplate.deployment(), subsets: [{ name: 'a', nodeSelectorTerm }],
    });
    const fix = "give a NodeLabelQuery (Node.labeled(...)), or { key, operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt', values }";
    expect(add([{ key: 'zone', operator: 'Equals', values: ['a'] }])).toThrow(
      'test/ud: spec.topology.subsets[0].nodeSelectorTerm.matchExpressions[0] {"key":"zone","operator":"Equals","values":["a"]}: '
      + `node selector operator must be one of In, NotIn, Exists, DoesNotExist, Gt, Lt, not "Equals"; ${fix}`);
    expect(add([{ key: 'zone', operator: 'In' }])).toThrow(/matchExpressions\[0\] .*: node selector operator In \(key "zone"\) needs at least one value; give a NodeLabelQuery/);
    expect(add([{ key: 'gpu', operator: 'Exists', values: ['x'] }])).toThrow(/operator Exists \(key "gpu"\) takes no values, not \["x"\]/);
    expect(add([{ key: 'cores', operator: 'Gt', values: ['four'] }])).toThrow(/operator Gt \(key "cores"\) takes exactly one integer value, not \["four"\]/);
    expect(add([kplus.NodeLabelQuery.is('ok', 'x'), { operator: 'In', values: ['a'] }])).toThrow(/matchExpressions\[1\] .*needs a non-empty string key, not \(unset\)/);
    expect(add([{ key: 'zone', operator: 'In', values: [1] }])).toThrow(/node selector values must be a list of strings, not \[1\]/);
  });

  test('bad plain tolerations fail at addSubset, naming path, field, value and fix', () => {
    const add = (tolerations: any) => () => new UnitedDeployment(newChart(), 'ud', {
      containers: [nginx], template: UnitedDeploymentTemplate.deployment(), subsets: [{ name: 'a', tolerations }],
    });
    const fix = "give a NodeTaintQuery (NodeTaintQuery.is(...)), or { key, operator: 'Equal' | 'Exists', value, effect, tolerationSeconds }";
    expect(add([{ key: 'dedicated', operator: 'Is', value: 'web' }])).toThrow(
      `test/ud: spec.topology.subsets[0].tolerations[0] {"key":"dedicated","operator":"Is","value":"web"}: toleration operator must be Equal or Exists, not "Is"; ${fix}`);
    expect(add([{ key: 'd', effect: 'NoRun' }])).toThrow(/tolerations\[0\] .*: toleration effect must be one of NoSchedule, PreferNoSchedule, NoExecute, not "NoRun"/);
    expect(add([{ value: 'x' }])).toThrow(/a toleration without a key tolerates every taint and needs operator Exists, not \(unset\)/);
    expect(add([{ key: 'd', operator: 'Exists', value: 'x' }])).toThrow(/with operator Exists matches any value and takes none, not "x"/);
    expect(add([{ key: 'd', effect: 'NoSchedule', tolerationSeconds: 30 }])).toThrow(/tolerationSeconds 30 only applies to effect NoExecute, not "NoSchedule"/);
    expect(add([{ key: 'd', effect: 'NoExecute', tolerationSeconds: 1.5 }])).toThrow(/tolerationSeconds must be a whole number of seconds, not 1.5/);
    expect(add([{ key: 7 }])).toThrow(/toleration key must be a string, not 7/);
  });
});
