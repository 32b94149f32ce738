import { ApiObject, Duration, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  AdvancedDaemonSet, AdvancedDaemonSetRollingUpdateType, AdvancedDaemonSetUpdateStrategy, WorkloadUpdateType, IntOrPercent,
} from '../../src';
import { newChart, synthValid } from '../util/l2';
import { only, synthChecked, validationErrors } from '../util/validations';

const agent = { name: 'agent', image: 'fluentd:v1' };

describe('AdvancedDaemonSet', () => {
  test('emits apps.kruise.io/v1alpha1 DaemonSet with the spec fields that were set', () => {
    const chart = newChart();
    const ds = new AdvancedDaemonSet(chart, 'ds', {
      burstReplicas: IntOrPercent.percent(10),
      minReady: Duration.seconds(20),
      revisionHistoryLimit: 2,
      updateStrategy: AdvancedDaemonSetUpdateStrategy.rollingUpdate({
        maxUnavailable: IntOrPercent.percent(25),
        partition: 3,
        paused: true,
        nodeSelector: kplus.LabelSelector.of({ labels: { pool: 'canary' }, expressions: [kplus.LabelExpression.exists('gpu')] }),
      }),
      lifecycle: { preDelete: { finalizers: ['example.com/drain'] } },
      containers: [agent],
    });
    const out = only(synthChecked(chart), 'DaemonSet');
    expect(out.apiVersion).toBe('apps.kruise.io/v1alpha1');
    expect(out.spec).toMatchObject({
      burstReplicas: '10%',
      minReadySeconds: 20,
      revisionHistoryLimit: 2,
      updateStrategy: {
        type: 'RollingUpdate',
        rollingUpdate: {
          rollingUpdateType: 'Standard',
          maxUnavailable: '25%',
          partition: 3,
          paused: true,
          selector: { matchLabels: { pool: 'canary' }, matchExpressions: [{ key: 'gpu', operator: 'Exists' }] },
        },
      },
      lifecycle: { preDelete: { finalizersHandler: ['example.com/drain'] } },
    });
    expect(out.spec.updateStrategy.rollingUpdate.maxSurge).toBeUndefined();
    expect(ds.updateStrategy?.type).toBe(WorkloadUpdateType.ROLLING_UPDATE);
  });

  test('surge, in-place and OnDelete strategies', () => {
    const chart = newChart();
    new AdvancedDaemonSet(chart, 'a', { containers: [agent], updateStrategy: AdvancedDaemonSetUpdateStrategy.surge(IntOrPercent.count(1), { partition: 1 }) });
    new AdvancedDaemonSet(chart, 'b', { containers: [agent], updateStrategy: AdvancedDaemonSetUpdateStrategy.inPlaceIfPossible({ maxUnavailable: IntOrPercent.count(2) }) });
    new AdvancedDaemonSet(chart, 'c', { containers: [agent], updateStrategy: AdvancedDaemonSetUpdateStrategy.onDelete() });
    const [a, b, c] = synthChecked(chart);
    expect(a.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { rollingUpdateType: 'Standard', maxSurge: 1, partition: 1 } });
    expect(b.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { rollingUpdateType: 'InPlaceIfPossible', maxUnavailable: 2 } });
    expect(c.spec.updateStrategy).toEqual({ type: 'OnDelete' });
    expect(AdvancedDaemonSetUpdateStrategy.inPlaceIfPossible().rollingUpdateType).toBe(AdvancedDaemonSetRollingUpdateType.IN_PLACE_IF_POSSIBLE);
  });

  test('emits nothing that was not set', () => {
    const chart = newChart();
    new AdvancedDaemonSet(chart, 'ds', { containers: [agent] });
    const out = only(synthChecked(chart), 'DaemonSet');
    expect(Object.keys(out.spec).sort()).toEqual(['selector', 'template']);
    expect(out.spec.template.spec).toEqual({ containers: [agent] });
  });

  test('host settings given explicitly are emitted', () => {
    const chart = newChart();
    new AdvancedDaemonSet(chart, 'ds', { containers: [agent], hostNetwork: true, dns: { policy: kplus.DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET } });
    expect(only(synthChecked(chart), 'DaemonSet').spec.template.spec).toMatchObject({ hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' });
  });

  test('escape hatch: a JSON patch on ApiObject.of() reaches the output', () => {
    const chart = newChart();
    const ds = new AdvancedDaemonSet(chart, 'ds', { containers: [agent] });
    ApiObject.of(ds).addJsonPatch(JsonPatch.add('/spec/template/spec/priorityClassName', 'system-node-critical'));
    expect(only(synthValid(chart), 'DaemonSet').spec.template.spec.priorityClassName).toBe('system-node-critical');
  });

  describe('admission rules', () => {
    test('rule 18: maxSurge and a non-zero maxUnavailable are exclusive', () => {
      const updateStrategy = AdvancedDaemonSetUpdateStrategy.rollingUpdate({
        maxUnavailable: IntOrPercent.count(1),
        maxSurge: IntOrPercent.percent(10),
      });
      expect(() => new AdvancedDaemonSet(newChart(), 'ds', { updateStrategy })).toThrow(
        'test/ds: spec.updateStrategy.rollingUpdate.maxSurge "10%": maxSurge may not be set when maxUnavailable is non-zero; '
        + 'give only one of maxUnavailable and maxSurge (AdvancedDaemonSetUpdateStrategy.surge() for a surge)');
      const ok = AdvancedDaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: IntOrPercent.count(0), maxSurge: IntOrPercent.count(1) });
      expect(() => new AdvancedDaemonSet(newChart(), 'ds', { updateStrategy: ok })).not.toThrow();
    });

    test('rule 18: at least one of maxUnavailable and maxSurge is non-zero', () => {
      const updateStrategy = AdvancedDaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: IntOrPercent.percent(0) });
      expect(() => new AdvancedDaemonSet(newChart(), 'ds', { updateStrategy })).toThrow(
        'test/ds: spec.updateStrategy.rollingUpdate.maxUnavailable "0%": maxUnavailable and maxSurge are both zero, so no pod could ever be updated; let one of them be at least 1 (or 1%)');
      expect(() => new AdvancedDaemonSet(newChart(), 'ds', { updateStrategy: AdvancedDaemonSetUpdateStrategy.surge(IntOrPercent.count(0)) })).toThrow(
        'test/ds: spec.updateStrategy.rollingUpdate.maxUnavailable 0: maxUnavailable and maxSurge are both zero, so no pod could ever be updated; let one of them be at least 1 (or 1%)');
    });

    test('rule 18: percentages are at most 100%', () => {
      expect(() => new AdvancedDaemonSet(newChart(), 'ds', { updateStrategy: AdvancedDaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: IntOrPercent.percent(101) }) })).toThrow(
        'test/ds: spec.updateStrategy.rollingUpdate.maxUnavailable "101%": Kruise rejects a percentage above 100% for an Advanced DaemonSet; use at most IntOrPercent.percent(100)');
      expect(() => new AdvancedDaemonSet(newChart(), 'ds', { updateStrategy: AdvancedDaemonSetUpdateStrategy.surge(IntOrPercent.percent(150)) })).toThrow(/maxSurge "150%": Kruise rejects a percentage above 100%/);
    });

    test('rule 19: InPlaceIfPossible requires maxSurge 0', () => {
      const updateStrategy = AdvancedDaemonSetUpdateStrategy.inPlaceIfPossible({ maxSurge: IntOrPercent.count(1) });
      expect(() => new AdvancedDaemonSet(newChart(), 'ds', { updateStrategy })).toThrow(
        'test/ds: spec.updateStrategy.rollingUpdate.maxSurge 1: maxSurge must be 0 for rollingUpdateType InPlaceIfPossible; remove maxSurge or use AdvancedDaemonSetUpdateStrategy.surge()');
    });

    test('rule 20: no lifecycle.inPlaceUpdate', () => {
      expect(() => new AdvancedDaemonSet(newChart(), 'ds', { lifecycle: { inPlaceUpdate: { labels: { a: 'b' } } } })).toThrow(
        'test/ds: spec.lifecycle.inPlaceUpdate {"labels":{"a":"b"}}: Kruise does not support the inPlaceUpdate hook for DaemonSets; remove lifecycle.inPlaceUpdate (preDelete is supported)');
    });

    test('restartPolicy Always, partition and revisionHistoryLimit >= 0', () => {
      expect(() => new AdvancedDaemonSet(newChart(), 'ds', { restartPolicy: kplus.RestartPolicy.NEVER })).toThrow(
        'test/ds: spec.template.spec.restartPolicy "Never": DaemonSet pods must restart Always; remove restartPolicy');
      expect(() => new AdvancedDaemonSet(newChart(), 'ds', { updateStrategy: AdvancedDaemonSetUpdateStrategy.rollingUpdate({ partition: -1 }) })).toThrow(
        'test/ds: spec.updateStrategy.rollingUpdate.partition -1: partition must be a whole number >= 0; set it to 0 or more');
      expect(() => new AdvancedDaemonSet(newChart(), 'ds', { revisionHistoryLimit: -1 })).toThrow(
        'test/ds: spec.revisionHistoryLimit -1: revisionHistoryLimit must be a whole number >= 0; set it to 0 or more');
    });

    test('the selector must match the template labels', () => {
      const chart = newChart();
      const ds = new AdvancedDaemonSet(chart, 'ds', { select: false, containers: [agent] });
      ds.select(kplus.LabelSelector.of({ labels: { app: 'x' } }));
      // Kruise's rule, from the review on the emitted object.
      expect(validationErrors(chart)).toEqual([expect.stringMatching(/^DaemonSet test-ds-[0-9a-f]+: spec.template.metadata.labels: .*\[AdvancedDaemonSet\/selector-matches-template\]/)]);
    });
  });
});

describe('AdvancedDaemonSet nodeSelector as plain values (LabelSelectorSpec)', () => {
  const render = (nodeSelector: any) => {
    const chart = newChart();
    new AdvancedDaemonSet(chart, 'ds', { containers: [agent], updateStrategy: AdvancedDaemonSetUpdateStrategy.rollingUpdate({ nodeSelector }) });
    return only(synthChecked(chart), 'DaemonSet').spec.updateStrategy;
  };

  test('renders the same as the cdk8s-plus LabelSelector', () => {
    const plus = render(kplus.LabelSelector.of({ labels: { pool: 'canary' }, expressions: [kplus.LabelExpression.in('zone', ['a', 'b'])] }));
    const plain = render({ matchLabels: { pool: 'canary' }, matchExpressions: [{ key: 'zone', operator: 'In', values: ['a', 'b'] }] });
    expect(plain).toEqual(plus);
    expect(plain.rollingUpdate.selector).toEqual({ matchLabels: { pool: 'canary' }, matchExpressions: [{ key: 'zone', operator: 'In', values: ['a', 'b'] }] });
    expect(render({}).rollingUpdate.selector).toBeUndefined();
  });

  test('bad plain values fail at construction, naming path, field, value and fix', () => {
    const build = (nodeSelector: any) => () => new AdvancedDaemonSet(newChart(), 'ds', {
      containers: [agent], updateStrategy: AdvancedDaemonSetUpdateStrategy.rollingUpdate({ nodeSelector }),
    });
    expect(build({ matchLabels: { pool: 3 } })).toThrow(
      'test/ds: spec.updateStrategy.rollingUpdate.selector {"matchLabels":{"pool":3}}: matchLabels must map label keys to string values, not {"pool":3}; '
      + 'give a LabelSelector, or { matchLabels: { key: value }, matchExpressions: [{ key, operator, values }] }');
    expect(build({ matchExpressions: [{ key: 'zone' }] })).toThrow(/^test\/ds: spec\.updateStrategy\.rollingUpdate\.selector .*matchExpressions must be a list of \{ key, operator, values\? \}/);
    expect(build('pool=canary')).toThrow(/^test\/ds: spec\.updateStrategy\.rollingUpdate\.selector "pool=canary": a label selector is a LabelSelector or/);
  });
});
