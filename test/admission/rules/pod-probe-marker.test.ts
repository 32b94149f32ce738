import { upstreamExamples } from './upstream-examples';
import { admit } from '../../../src/admission/engine';
import { AdmissionContext, Finding } from '../../../src/admission/types';
import { describeWithReference } from '../../util/reference';

const ctx: AdmissionContext = { version: '1.7' };

function probe(extra: Record<string, any> = {}): any {
  return {
    name: 'healthy',
    containerName: 'main',
    probe: { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 10 },
    podConditionType: 'game.kruise.io/healthy',
    ...extra,
  };
}

function ppm(spec: Record<string, any> = {}): any {
  return {
    apiVersion: 'apps.kruise.io/v1alpha1',
    kind: 'PodProbeMarker',
    metadata: { name: 'game-probe', namespace: 'games' },
    spec: { selector: { matchLabels: { app: 'game' } }, probes: [probe()], ...spec },
  };
}

const errors = (f: Finding[]) => f.filter(x => x.severity === 'error');
const has = (f: Finding[], rule: string, path: string) => expect(f).toEqual(expect.arrayContaining([expect.objectContaining({ rule, path })]));
const withProbe = (p: Record<string, any>) => ppm({ probes: [probe({ probe: p })] });

describe('PodProbeMarker admission', () => {
  test('a minimal valid PodProbeMarker has no findings', () => {
    expect(admit(ppm(), ctx)).toEqual([]);
  });

  test('PodProbeMarker rule 1 (gates PodProbeMarkerGate and KruiseDaemon) denies either off', () => {
    for (const off of ['PodProbeMarkerGate', 'KruiseDaemon']) {
      const f = admit(ppm(), { ...ctx, gate: g => g !== off });
      has(errors(f), 'PodProbeMarker/feature-gate', 'kind');
      expect(errors(f)[0].message).toContain(off);
    }
  });

  test('PodProbeMarker rule 1 (gates PodProbeMarkerGate and KruiseDaemon) allows both on or unknown', () => {
    expect(admit(ppm(), { ...ctx, gate: () => true })).toEqual([]);
    expect(admit(ppm(), { ...ctx, gate: () => undefined })).toEqual([]);
  });

  test('PodProbeMarker rule 2 (selector required, valid, non-empty) denies missing, empty and invalid selectors', () => {
    has(errors(admit(ppm({ selector: undefined }), ctx)), 'PodProbeMarker/selector', 'spec.selector');
    has(errors(admit(ppm({ selector: {} }), ctx)), 'PodProbeMarker/selector', 'spec.selector');
    const bad = admit(ppm({ selector: { matchExpressions: [{ key: 'app', operator: 'Exists', values: ['x'] }] } }), ctx);
    has(errors(bad), 'PodProbeMarker/selector', 'spec.selector.matchExpressions[0].values');
  });

  test('PodProbeMarker rule 2 (selector required, valid, non-empty) allows matchExpressions', () => {
    expect(admit(ppm({ selector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] } }), ctx)).toEqual([]);
  });

  test('PodProbeMarker rule 3 (probes non-empty) denies no probes', () => {
    has(errors(admit(ppm({ probes: [] }), ctx)), 'PodProbeMarker/probes-required', 'spec.probes');
  });

  test('PodProbeMarker rule 3 (probes non-empty) allows two probes', () => {
    const two = ppm({ probes: [probe(), probe({ name: 'ready', podConditionType: 'game.kruise.io/ready' })] });
    expect(admit(two, ctx)).toEqual([]);
  });

  test('PodProbeMarker rule 4 (probe name: no #, non-empty, not a native condition, unique) denies each', () => {
    for (const name of ['a#b', '', 'Ready', 'KruisePodReady', 'InPlaceUpdateReady']) {
      has(errors(admit(ppm({ probes: [probe({ name })] }), ctx)), 'PodProbeMarker/probe-name', 'spec.probes[0].name');
    }
    const dup = ppm({ probes: [probe(), probe({ podConditionType: 'game.kruise.io/other' })] });
    has(errors(admit(dup, ctx)), 'PodProbeMarker/probe-name', 'spec.probes[1].name');
  });

  test('PodProbeMarker rule 4 (probe name: no #, non-empty, not a native condition, unique) allows names outside those', () => {
    for (const name of ['Healthy', 'ready-check', 'DisruptionTarget']) {
      expect(admit(ppm({ probes: [probe({ name })] }), ctx)).toEqual([]);
    }
  });

  test('PodProbeMarker rule 5 (containerName non-empty) denies an empty containerName', () => {
    has(errors(admit(ppm({ probes: [probe({ containerName: '' })] }), ctx)), 'PodProbeMarker/container-name', 'spec.probes[0].containerName');
  });

  test('PodProbeMarker rule 5 (containerName non-empty) allows any container name', () => {
    expect(admit(ppm({ probes: [probe({ containerName: 'sidecar' })] }), ctx)).toEqual([]);
  });

  test('PodProbeMarker rule 6 (handler: exactly one; exec needs a command; no httpGet; tcpSocket without host, valid port) denies each', () => {
    const cases: Array<[Record<string, any>, string]> = [
      [{}, 'spec.probes[0].probe'],
      [{ exec: {} }, 'spec.probes[0].probe.exec.command'],
      [{ exec: { command: [] } }, 'spec.probes[0].probe.exec.command'],
      [{ httpGet: { path: '/healthz', port: 8080 } }, 'spec.probes[0].probe.httpGet'],
      [{ exec: { command: ['true'] }, tcpSocket: { port: 80 } }, 'spec.probes[0].probe.tcpSocket'],
      [{ tcpSocket: { host: '10.0.0.1', port: 80 } }, 'spec.probes[0].probe.tcpSocket.host'],
      [{ tcpSocket: { port: 0 } }, 'spec.probes[0].probe.tcpSocket.port'],
      [{ tcpSocket: { port: 70000 } }, 'spec.probes[0].probe.tcpSocket.port'],
      [{ tcpSocket: { port: '8080' } }, 'spec.probes[0].probe.tcpSocket.port'],
      [{ tcpSocket: { port: 'Http' } }, 'spec.probes[0].probe.tcpSocket.port'],
      [{ tcpSocket: {} }, 'spec.probes[0].probe.tcpSocket.port'],
      [{ grpc: { port: 9000 } }, 'spec.probes[0].probe'],
    ];
    for (const [p, path] of cases) has(errors(admit(withProbe(p), ctx)), 'PodProbeMarker/probe-handler', path);
  });

  test('PodProbeMarker rule 6 (handler: exactly one; exec needs a command; no httpGet; tcpSocket without host, valid port) allows exec and tcpSocket', () => {
    expect(admit(withProbe({ tcpSocket: { port: 8080 } }), ctx)).toEqual([]);
    expect(admit(withProbe({ tcpSocket: { port: 'http-alt' } }), ctx)).toEqual([]);
    expect(admit(withProbe({ exec: { command: ['true'] }, timeoutSeconds: 0 }), ctx)).toEqual([]);
  });

  test('PodProbeMarker rule 7 (initialDelay/timeout/period/success/failure >= 0) denies negatives', () => {
    for (const field of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
      const f = admit(withProbe({ exec: { command: ['true'] }, [field]: -1 }), ctx);
      has(errors(f), 'PodProbeMarker/probe-timing', `spec.probes[0].probe.${field}`);
    }
  });

  test('PodProbeMarker rule 7 (initialDelay/timeout/period/success/failure >= 0) allows zeros', () => {
    const p = { exec: { command: ['true'] }, initialDelaySeconds: 0, timeoutSeconds: 0, periodSeconds: 0, successThreshold: 0, failureThreshold: 0 };
    expect(admit(withProbe(p), ctx)).toEqual([]);
  });

  test('PodProbeMarker rule 8 (podConditionType or markerPolicy) denies neither', () => {
    has(errors(admit(ppm({ probes: [probe({ podConditionType: undefined })] }), ctx)), 'PodProbeMarker/probe-result', 'spec.probes[0]');
  });

  test('PodProbeMarker rule 8 (podConditionType or markerPolicy) allows a markerPolicy alone', () => {
    const p = probe({ podConditionType: undefined, markerPolicy: [{ state: 'Succeeded', labels: { healthy: 'true' } }] });
    expect(admit(ppm({ probes: [p] }), ctx)).toEqual([]);
  });

  test('PodProbeMarker rule 9 (podConditionType unique and a valid label name) denies a duplicate and an invalid name', () => {
    const dup = ppm({ probes: [probe(), probe({ name: 'other' })] });
    has(errors(admit(dup, ctx)), 'PodProbeMarker/pod-condition-type', 'spec.probes[1].podConditionType');
    has(errors(admit(ppm({ probes: [probe({ podConditionType: 'not valid/x/y' })] }), ctx)), 'PodProbeMarker/pod-condition-type', 'spec.probes[0].podConditionType');
  });

  test('PodProbeMarker rule 9 (podConditionType unique and a valid label name) allows a plain and a prefixed name', () => {
    const two = ppm({ probes: [probe({ podConditionType: 'Healthy' }), probe({ name: 'b', podConditionType: 'example.com/b' })] });
    expect(admit(two, ctx)).toEqual([]);
  });

  test('PodProbeMarker rule 10 (markerPolicy: state Succeeded | Failed, unique; labels or annotations, valid) denies each', () => {
    const withPolicies = (markerPolicy: any[]) => ppm({ probes: [probe({ markerPolicy })] });
    has(errors(admit(withPolicies([{ state: 'Unknown', labels: { a: 'b' } }]), ctx)), 'PodProbeMarker/marker-policy', 'spec.probes[0].markerPolicy[0].state');
    has(errors(admit(withPolicies([{ state: 'Succeeded', labels: { a: 'b' } }, { state: 'Succeeded', labels: { a: 'c' } }]), ctx)),
      'PodProbeMarker/marker-policy', 'spec.probes[0].markerPolicy[1].state');
    has(errors(admit(withPolicies([{ state: 'Failed' }]), ctx)), 'PodProbeMarker/marker-policy', 'spec.probes[0].markerPolicy[0]');
    const badLabel = admit(withPolicies([{ state: 'Failed', labels: { 'bad key!': 'x' } }]), ctx);
    expect(errors(badLabel)).toEqual([expect.objectContaining({ rule: 'PodProbeMarker/marker-policy' })]);
    expect(errors(badLabel)[0].path).toContain('spec.probes[0].markerPolicy[0].labels');
    const badAnnotation = admit(withPolicies([{ state: 'Failed', annotations: { '/x': 'y' } }]), ctx);
    expect(errors(badAnnotation)[0].path).toContain('spec.probes[0].markerPolicy[0].annotations');
  });

  test('PodProbeMarker rule 10 (markerPolicy: state Succeeded | Failed, unique; labels or annotations, valid) allows both states', () => {
    const p = probe({
      markerPolicy: [
        { state: 'Succeeded', labels: { 'game.io/healthy': 'true' }, annotations: { note: 'any value at all' } },
        { state: 'Failed', annotations: { 'game.io/healthy': 'false' } },
      ],
    });
    expect(admit(ppm({ probes: [p] }), ctx)).toEqual([]);
  });
});

describeWithReference('PodProbeMarker admission of the upstream examples', (dir) => {
  test('every upstream PodProbeMarker example (1.7 and 1.8 manuals and samples) is admitted without errors', () => {
    const examples = upstreamExamples(dir, 'PodProbeMarker');
    expect(examples.length).toBeGreaterThan(0);
    for (const e of examples) {
      const rules = admit(e.obj, { version: e.version, peers: e.peers }).filter(f => f.severity === 'error').map(f => f.rule);
      // The manual's tcpSocket example sets neither podConditionType nor markerPolicy: Kruise's webhook refuses it (rule 8).
      const refused = (e.obj.spec?.probes ?? []).some((p: any) => !p.podConditionType && !(p.markerPolicy ?? []).length);
      expect({ file: e.file, rules }).toEqual({ file: e.file, rules: refused ? ['PodProbeMarker/probe-result'] : [] });
    }
  });
});
