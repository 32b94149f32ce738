import * as path from 'path';
import { ApiObject, Chart, Duration, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { FeatureGate, PodProbeMarker, ProbeMarkerState } from '../../src';
import { describeGateDependency, missingFrom, newChart } from '../util/l2';
import { describeWithReferenceFor, readYamlDocs } from '../util/reference';
import { only, synthChecked, validationErrors } from '../util/validations';
import { chartFor, REFERENCE_LINES, synthValidFor } from '../util/versions';

const sel = (labels: { [k: string]: string }) => kplus.LabelSelector.of({ labels });
const idle = { name: 'Idle', containerName: 'game', probe: kplus.Probe.fromCommand(['/idle.sh']), podConditionType: 'game.io/idle' };

function ppm(chart: Chart, props: any = {}, id = 'ppm'): PodProbeMarker {
  return new PodProbeMarker(chart, id, { metadata: { name: id }, selector: sel({ app: 'game' }), probes: [idle], ...props });
}

describe('PodProbeMarker', () => {
  test('emits the fields that were set; cdk8s-plus\'s default failureThreshold is dropped', () => {
    const chart = newChart();
    const p = ppm(chart);
    p.addProbe({
      name: 'port',
      containerName: 'game',
      probe: kplus.Probe.fromTcpSocket({ port: 8080, periodSeconds: Duration.seconds(5), failureThreshold: 2 }),
      markerPolicy: [{ state: ProbeMarkerState.FAILED, labels: { ready: 'false' }, annotations: { 'x/y': 'z' } }],
    });
    expect(only(synthChecked(chart), 'PodProbeMarker').spec).toEqual({
      selector: { matchLabels: { app: 'game' } },
      probes: [
        { name: 'Idle', containerName: 'game', probe: { exec: { command: ['/idle.sh'] } }, podConditionType: 'game.io/idle' },
        {
          name: 'port',
          containerName: 'game',
          probe: { tcpSocket: { port: 8080 }, periodSeconds: 5, failureThreshold: 2 },
          markerPolicy: [{ state: 'Failed', labels: { ready: 'false' }, annotations: { 'x/y': 'z' } }],
        },
      ],
    });
  });

  describe('rule 30', () => {
    test('exec or tcpSocket only', () => {
      expect(() => ppm(newChart()).addProbe({ ...idle, name: 'http', podConditionType: 'a/b', probe: kplus.Probe.fromHttpGet('/healthz', { port: 80 }) }))
        .toThrow('test/ppm: spec.probes[1].probe "httpGet": Kruise 1.7 runs exec and tcpSocket probes only; use Probe.fromCommand() or Probe.fromTcpSocket({ port })');
    });

    test('tcpSocket.host is refused (1.7.5); the port is required', () => {
      const p = ppm(newChart());
      expect(() => p.addProbe({ ...idle, name: 'tcp', podConditionType: 'a/b', probe: kplus.Probe.fromTcpSocket({ port: 80, host: '10.0.0.1' }) }))
        .toThrow('test/ppm: spec.probes[1].probe.tcpSocket.host "10.0.0.1": Kruise (since 1.7.5) rejects tcpSocket.host: the daemon probes the pod\'s own IP; remove host');
      expect(() => p.addProbe({ ...idle, name: 'tcp', podConditionType: 'a/b', probe: kplus.Probe.fromTcpSocket() }))
        .toThrow('test/ppm: spec.probes[1].probe.tcpSocket.port (unset): a tcpSocket probe of a PodProbeMarker has no container port to fall back on; give Probe.fromTcpSocket({ port })');
    });

    test('probe names are unique and without #', () => {
      const p = ppm(newChart());
      expect(() => p.addProbe({ ...idle, podConditionType: 'a/b' }))
        .toThrow('test/ppm: spec.probes[1].name "Idle": probe names must be unique; give each probe its own name');
      expect(() => p.addProbe({ ...idle, name: 'a#b', podConditionType: 'a/b' }))
        .toThrow('test/ppm: spec.probes[1].name "a#b": Kruise rejects \'#\' in probe names; use a name without \'#\'');
      expect(() => p.addProbe({ ...idle, name: 'Ready', podConditionType: 'a/b' }))
        .toThrow('test/ppm: spec.probes[1].name "Ready": this is a built-in pod condition type, which Kruise does not let a probe take; use another name');
    });
  });

  describe('other Kruise rules', () => {
    test('markerPolicy or podConditionType; condition types unique; policy states unique and marking something', () => {
      const p = ppm(newChart());
      expect(() => p.addProbe({ name: 'x', containerName: 'c', probe: kplus.Probe.fromCommand(['x']) }))
        .toThrow('test/ppm: spec.probes[1] "x": Kruise needs markerPolicy or podConditionType, else the result goes nowhere; give a markerPolicy or a podConditionType');
      expect(() => p.addProbe({ ...idle, name: 'x' }))
        .toThrow('test/ppm: spec.probes[1].podConditionType "game.io/idle": condition types must be unique among the probes; give each probe its own condition type');
      expect(() => p.addProbe({ name: 'x', containerName: 'c', probe: kplus.Probe.fromCommand(['x']), markerPolicy: [{ state: ProbeMarkerState.SUCCEEDED, labels: { a: 'b' } }, { state: ProbeMarkerState.SUCCEEDED, labels: { a: 'c' } }] }))
        .toThrow('test/ppm: spec.probes[1].markerPolicy[1].state "Succeeded": each state takes one policy; merge the policies of this state');
      expect(() => p.addProbe({ name: 'x', containerName: 'c', probe: kplus.Probe.fromCommand(['x']), markerPolicy: [{ state: ProbeMarkerState.FAILED }] }))
        .toThrow('test/ppm: spec.probes[1].markerPolicy[0] "Failed": a policy without labels or annotations marks nothing; give labels or annotations');
    });

    test('an empty selector is refused; at least one probe', () => {
      expect(() => ppm(newChart(), { selector: kplus.LabelSelector.of() })).toThrow(/test\/ppm: spec.selector {}: Kruise rejects an empty selector/);
      const chart = newChart();
      ppm(chart, { probes: [] });
      expect(validationErrors(chart)).toEqual([expect.stringMatching(/^PodProbeMarker ppm: spec.probes: .*\[PodProbeMarker\/probes-required\]/)]);
    });
  });

  describeGateDependency('feature gate PodProbeMarkerGate', FeatureGate.POD_PROBE_MARKER, chart => { ppm(chart); }, /: kind: .*PodProbeMarkerGate.* \[PodProbeMarker\/feature-gate\]; add FeatureGate.POD_PROBE_MARKER.enable\(\) to the featureGates of Kruise.fromExisting\(\)/);

  test('escape hatch: a JSON patch reaches the output', () => {
    const chart = newChart();
    ApiObject.of(ppm(chart)).addJsonPatch(JsonPatch.add('/spec/probes/0/probe/timeoutSeconds', 3));
    expect(only(synthChecked(chart), 'PodProbeMarker').spec.probes[0].probe.timeoutSeconds).toBe(3);
  });
});

for (const line of REFERENCE_LINES) {
  describeWithReferenceFor(line, `PodProbeMarker reproduces docs-examples/podprobemarker.yaml (2) (Kruise ${line})`, (ref) => {
    const examples = readYamlDocs(path.join(ref, 'docs-examples', 'podprobemarker.yaml')).filter(d => d.kind === 'PodProbeMarker');
    test('there are 2', () => expect(examples.length).toBe(2));

    const build = (probe: any) => {
      const chart = chartFor(line);
      new PodProbeMarker(chart, 'ppm', { metadata: { name: 'game-server-probe', namespace: 'ns' }, selector: sel({ app: 'game-server' }), probes: [probe] });
      return only(synthValidFor(chart, line), 'PodProbeMarker');
    };

    test('#0 exec probe with marker policies and a condition', () => {
      const m = build({
        name: 'Idle',
        containerName: 'game-server',
        probe: kplus.Probe.fromCommand(['/home/game/idle.sh'], {
          initialDelaySeconds: Duration.seconds(10),
          timeoutSeconds: Duration.seconds(3),
          periodSeconds: Duration.seconds(10),
          successThreshold: 1,
          failureThreshold: 3,
        }),
        markerPolicy: [
          { state: ProbeMarkerState.SUCCEEDED, labels: { 'gameserver-idle': 'true' }, annotations: { 'controller.kubernetes.io/pod-deletion-cost': '-10' } },
          { state: ProbeMarkerState.FAILED, labels: { 'gameserver-idle': 'false' }, annotations: { 'controller.kubernetes.io/pod-deletion-cost': '10' } },
        ],
        podConditionType: 'game.io/idle',
      });
      expect(missingFrom(m, examples[0])).toEqual([]);
    });

    test('#1 tcpSocket probe', () => {
      const m = build({
        name: 'Idle',
        containerName: 'game-server',
        probe: kplus.Probe.fromTcpSocket({ port: 8080, initialDelaySeconds: Duration.seconds(15), periodSeconds: Duration.seconds(10) }),
        podConditionType: 'game.io/idle',
      });
      // The docs example omits where the result goes; Kruise needs markerPolicy or podConditionType, so one is added.
      expect(missingFrom(m, examples[1])).toEqual([]);
    });
  });
}
