import * as path from 'path';
import { ApiObject, Chart, Duration, JsonPatch } from 'cdk8s';
import { ContainerRecreateFailurePolicy, ContainerRecreateRequest, FeatureGate } from '../../src';
import { describeGateDependency, missingFrom, newChart } from '../util/l2';
import { describeWithReferenceFor, readYamlDocs } from '../util/reference';
import { only, synthChecked, validationErrors } from '../util/validations';
import { chartFor, REFERENCE_LINES, synthValidFor } from '../util/versions';

function crr(chart: Chart, props: any = {}, id = 'crr'): ContainerRecreateRequest {
  return new ContainerRecreateRequest(chart, id, { metadata: { name: id }, podName: 'web-0', containers: ['app'], ...props });
}

describe('ContainerRecreateRequest', () => {
  test('emits the fields that were set, times as whole seconds', () => {
    const chart = newChart();
    const r = crr(chart, {
      strategy: {
        failurePolicy: ContainerRecreateFailurePolicy.IGNORE,
        orderedRecreate: true,
        forceRecreate: true,
        terminationGracePeriod: Duration.seconds(30),
        unreadyGracePeriod: Duration.seconds(3),
        minStarted: Duration.seconds(10),
      },
      activeDeadline: Duration.minutes(5),
      ttlAfterFinished: Duration.minutes(30),
    });
    r.addContainer('sidecar');
    expect(r.containers).toEqual(['app', 'sidecar']);
    expect(only(synthChecked(chart), 'ContainerRecreateRequest').spec).toEqual({
      podName: 'web-0',
      containers: [{ name: 'app' }, { name: 'sidecar' }],
      strategy: { failurePolicy: 'Ignore', orderedRecreate: true, forceRecreate: true, terminationGracePeriodSeconds: 30, unreadyGracePeriodSeconds: 3, minStartedSeconds: 10 },
      activeDeadlineSeconds: 300,
      ttlSecondsAfterFinished: 1800,
    });
  });

  test('emits only what was set', () => {
    const chart = newChart();
    crr(chart);
    expect(only(synthChecked(chart), 'ContainerRecreateRequest').spec).toEqual({ podName: 'web-0', containers: [{ name: 'app' }] });
  });

  describe('Kruise rules', () => {
    test('the deadline is at least 3 seconds', () => {
      expect(() => crr(newChart(), { activeDeadline: Duration.seconds(2) }))
        .toThrow('test/crr: spec.activeDeadlineSeconds 2: Kruise rejects less than 3 seconds; give at least 3 seconds');
      expect(() => crr(newChart(), { activeDeadline: Duration.millis(3500) }))
        .toThrow('test/crr: spec.activeDeadlineSeconds "3 seconds 500 millis": Kruise takes whole seconds; use a whole number of seconds');
    });

    test('each container once; at least one container', () => {
      const r = crr(newChart());
      expect(() => r.addContainer('app')).toThrow('test/crr: spec.containers[1].name "app": Kruise cannot recreate a container twice in one request; list each container once');
      const chart = newChart();
      crr(chart, { containers: [] });
      expect(validationErrors(chart)).toEqual([expect.stringMatching(/^ContainerRecreateRequest crr: spec.containers: .*\[ContainerRecreateRequest\/containers-required\]/)]);
    });

    test('a pod name is required', () => {
      expect(() => crr(newChart(), { podName: '' })).toThrow('test/crr: spec.podName "": not a pod name; give the name of the running pod');
    });
  });

  describeGateDependency('feature gate KruiseDaemon', FeatureGate.KRUISE_DAEMON, chart => { crr(chart); }, /: kind: .*KruiseDaemon.* \[ContainerRecreateRequest\/feature-gate\]; add FeatureGate.KRUISE_DAEMON.enable\(\) to the featureGates of Kruise.fromExisting\(\)/);

  test('escape hatch: a JSON patch reaches the output', () => {
    const chart = newChart();
    ApiObject.of(crr(chart)).addJsonPatch(JsonPatch.add('/spec/strategy', { forceRecreate: true }));
    expect(only(synthChecked(chart), 'ContainerRecreateRequest').spec.strategy).toEqual({ forceRecreate: true });
  });
});

for (const line of REFERENCE_LINES) {
  describeWithReferenceFor(line, `ContainerRecreateRequest reproduces docs-examples/containerrecreaterequest.yaml (1) (Kruise ${line})`, (ref) => {
    test('#0 xxx', () => {
      const examples = readYamlDocs(path.join(ref, 'docs-examples', 'containerrecreaterequest.yaml')).filter(d => d.kind === 'ContainerRecreateRequest');
      expect(examples.length).toBe(1);
      const chart = chartFor(line);
      new ContainerRecreateRequest(chart, 'crr', {
        metadata: { name: 'xxx', namespace: 'pod-namespace' },
        podName: 'pod-name',
        containers: ['app', 'sidecar'],
        strategy: {
          failurePolicy: ContainerRecreateFailurePolicy.FAIL,
          orderedRecreate: false,
          terminationGracePeriod: Duration.seconds(30),
          unreadyGracePeriod: Duration.seconds(3),
          minStarted: Duration.seconds(10),
        },
        activeDeadline: Duration.seconds(300),
        ttlAfterFinished: Duration.seconds(1800),
      });
      expect(missingFrom(only(synthValidFor(chart, line), 'ContainerRecreateRequest'), examples[0])).toEqual([]);
    });
  });
}
