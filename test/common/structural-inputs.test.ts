/**
 * Issue 15: props typed with a cdk8s-plus-28 class also take plain values (an
 * app on another cdk8s-plus major cannot pass our major's classes). Plain
 * input renders what the cdk8s-plus object renders; malformed plain input
 * fails with the construct path, the field, the value and the fix.
 */
import { Chart, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  DistributedResource, EphemeralJob, ExistingKruise, KruiseVersion, ImageListPullJob, ImagePullJob, ImagePullJobNodeSelector, IntOrPercent,
  PodProbeMarker, PodProbeMarkerProbeSpec, PodUnavailableBudget, PodUnavailableBudgetLimit, ProbeMarkerState, ResourceDistribution, SidecarSet,
  SidecarSetUpdateStrategy, WorkloadSpread, WorkloadTarget,
} from '../../src';
import { NodeSelectorRequirementSpec, TolerationSpec } from '../../src/common/scheduling-spec';
import { LabelSelectorSpec } from '../../src/common/selector';
import { newChart } from '../util/l2';

/** The same selector both ways: labels and every expression operator. */
const plusSelector = kplus.LabelSelector.of({
  labels: { app: 'web' },
  expressions: [kplus.LabelExpression.in('tier', ['front', 'edge']), kplus.LabelExpression.exists('canary'), kplus.LabelExpression.doesNotExist('legacy')],
});
const plainSelector: LabelSelectorSpec = {
  matchLabels: { app: 'web' },
  matchExpressions: [{ key: 'tier', operator: 'In', values: ['front', 'edge'] }, { key: 'canary', operator: 'Exists' }, { key: 'legacy', operator: 'DoesNotExist' }],
};
const badSelectors: Array<[string, unknown, RegExp]> = [
  ['a string', 'app=web', /a label selector is a LabelSelector or \{ matchLabels, matchExpressions \}, not "app=web"/],
  ['non-string label values', { matchLabels: { app: 1 } }, /matchLabels must map label keys to string values/],
  ['an expression without operator', { matchExpressions: [{ key: 'tier' }] }, /matchExpressions must be a list of \{ key, operator, values\? \}/],
];

/** The manifests of a chart built by `build`. */
function synth(build: (chart: Chart) => void): unknown[] {
  const chart = newChart();
  build(chart);
  return Testing.synth(chart);
}

/** `build` with the cdk8s-plus value and with the plain one renders the same manifests. */
function expectSameOutput<P, S>(plus: P, plain: S, build: (chart: Chart, value: P | S) => void): void {
  const fromPlus = synth(c => build(c, plus));
  expect(synth(c => build(c, plain))).toEqual(fromPlus);
}

const ppmProbe = { name: 'idle', containerName: 'app', probe: kplus.Probe.fromCommand(['true']), markerPolicy: [{ state: ProbeMarkerState.SUCCEEDED, labels: { idle: 'true' } }] };
const configMap = DistributedResource.fromManifest({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' } });
const maxOne = PodUnavailableBudgetLimit.maxUnavailable(IntOrPercent.count(1));
const proxy = { name: 'proxy', image: 'envoyproxy/envoy:v1.30.1' };

/** Every selector prop: where it goes, and how to build with it. */
const SELECTOR_PROPS: Array<{ prop: string; path: RegExp; build: (c: Chart, s: kplus.LabelSelector | LabelSelectorSpec) => void }> = [
  { prop: 'PodUnavailableBudget selector', path: /^test\/x: spec\.selector /, build: (c, s) => new PodUnavailableBudget(c, 'x', { selector: s, budget: maxOne }) },
  { prop: 'PodProbeMarker selector', path: /^test\/x: spec\.selector /, build: (c, s) => new PodProbeMarker(c, 'x', { selector: s, probes: [ppmProbe] }) },
  {
    prop: 'ResourceDistribution namespaceLabelSelector',
    path: /^test\/x: spec\.targets\.namespaceLabelSelector /,
    build: (c, s) => new ResourceDistribution(c, 'x', { resource: configMap, namespaceLabelSelector: s }),
  },
  {
    prop: 'WorkloadSpread targetFilter.selector',
    path: /^test\/x: spec\.targetFilter\.selector /,
    build: (c, s) => {
      new ExistingKruise(c, 'kruise', { version: KruiseVersion.V1_8 }); // targetFilter is Kruise 1.8's
      new WorkloadSpread(c, 'x', { target: WorkloadTarget.of('apps/v1', 'Deployment', 'web'), subsets: [{ name: 'a' }], targetFilter: { selector: s } });
    },
  },
  { prop: 'ImagePullJob nodeSelector labels()', path: /^test\/x: spec\.selector /, build: (c, s) => new ImagePullJob(c, 'x', { image: 'nginx:1.25', nodeSelector: ImagePullJobNodeSelector.labels(s) }) },
  { prop: 'ImagePullJob podSelector', path: /^test\/x: spec\.podSelector /, build: (c, s) => new ImagePullJob(c, 'x', { image: 'nginx:1.25', podSelector: s }) },
  { prop: 'ImageListPullJob podSelector', path: /^test\/x: spec\.podSelector /, build: (c, s) => new ImageListPullJob(c, 'x', { images: ['nginx:1.25'], podSelector: s }) },
  { prop: 'EphemeralJob selector', path: /^test\/x: spec\.selector /, build: (c, s) => new EphemeralJob(c, 'x', { selector: s, containers: [{ name: 'debugger', image: 'busybox:1.36' }] }) },
  { prop: 'SidecarSet selector', path: /^test\/x: spec\.selector /, build: (c, s) => new SidecarSet(c, 'x', { selector: s, containers: [proxy] }) },
  { prop: 'SidecarSet namespaceSelector', path: /^test\/x: spec\.namespaceSelector /, build: (c, s) => new SidecarSet(c, 'x', { selector: plusSelector, namespaceSelector: s, containers: [proxy] }) },
  {
    prop: 'SidecarSet updateStrategy selector',
    path: /^test\/x: spec\.updateStrategy\.selector /,
    build: (c, s) => new SidecarSet(c, 'x', { selector: plusSelector, containers: [proxy], updateStrategy: SidecarSetUpdateStrategy.rollingUpdate({ selector: s }) }),
  },
];

describe('selectors: kplus.LabelSelector or LabelSelectorSpec', () => {
  describe.each(SELECTOR_PROPS)('$prop', ({ path, build }) => {
    test('plain values render what the LabelSelector renders', () => {
      expectSameOutput(plusSelector, plainSelector, build);
      const out = synth(c => build(c, plainSelector));
      expect(JSON.stringify(out)).toContain('"matchExpressions":[{"key":"tier","operator":"In","values":["front","edge"]}');
    });

    test.each(badSelectors)('malformed plain values (%s) fail with the path and the field', (_what, bad, problem) => {
      expect(() => synth(c => build(c, bad as LabelSelectorSpec))).toThrow(path);
      expect(() => synth(c => build(c, bad as LabelSelectorSpec))).toThrow(problem);
    });
  });

  test('an empty plain selector is refused as an empty LabelSelector is', () => {
    expect(() => synth(c => new PodUnavailableBudget(c, 'x', { selector: {}, budget: maxOne })))
      .toThrow('test/x: spec.selector {}: Kruise rejects an empty selector');
    expect(() => synth(c => new SidecarSet(c, 'x', { selector: { matchLabels: {} }, containers: [proxy] })))
      .toThrow('test/x: spec.selector {}: Kruise rejects an empty selector');
  });
});

describe('WorkloadSpread scheduling terms: kplus queries or plain values', () => {
  const ws = (c: Chart, subset: object) => new WorkloadSpread(c, 'x', {
    target: WorkloadTarget.of('apps/v1', 'Deployment', 'web'), subsets: [{ name: 'a', ...subset }],
  });

  test('tolerations: TolerationSpec renders what NodeTaintQuery renders', () => {
    const plus = [
      kplus.NodeTaintQuery.is('dedicated', 'web', { effect: kplus.TaintEffect.NO_SCHEDULE }),
      kplus.NodeTaintQuery.exists('spot', { effect: kplus.TaintEffect.NO_EXECUTE, evictAfter: undefined }),
      kplus.NodeTaintQuery.any(),
    ];
    const plain: TolerationSpec[] = [
      { key: 'dedicated', operator: 'Equal', value: 'web', effect: 'NoSchedule' },
      { key: 'spot', operator: 'Exists', effect: 'NoExecute' },
      { operator: 'Exists' },
    ];
    expectSameOutput(plus, plain, (c, tolerations) => ws(c, { tolerations }));
  });

  test('node selector terms: NodeSelectorRequirementSpec renders what NodeLabelQuery renders', () => {
    const plusTerm = { matchExpressions: [kplus.NodeLabelQuery.in('zone', ['a', 'b']), kplus.NodeLabelQuery.exists('ssd')], matchFields: [kplus.NodeLabelQuery.notIn('metadata.name', ['n1'])] };
    const plainTerm: { matchExpressions: NodeSelectorRequirementSpec[]; matchFields: NodeSelectorRequirementSpec[] } = {
      matchExpressions: [{ key: 'zone', operator: 'In', values: ['a', 'b'] }, { key: 'ssd', operator: 'Exists' }],
      matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['n1'] }],
    };
    expectSameOutput(plusTerm, plainTerm, (c, term) => ws(c, {
      requiredNodeSelectorTerm: term,
      preferredNodeSelectorTerms: [{ weight: 5, preference: term }],
    }));
  });

  test('malformed plain tolerations fail at addSubset with the path, the field, the value and the fix', () => {
    expect(() => synth(c => ws(c, { tolerations: [{ key: 'k', operator: 'Matches' }] })))
      .toThrow('test/x: spec.subsets[0].tolerations[0] {"key":"k","operator":"Matches"}: toleration operator must be Equal or Exists, not "Matches"; give a kplus.NodeTaintQuery or { key, operator: \'Equal\' | \'Exists\', value, effect }');
    expect(() => synth(c => ws(c, { tolerations: [{ key: 'k', effect: 'Never' }] }))).toThrow(/spec\.subsets\[0\]\.tolerations\[0\] .*effect must be one of NoSchedule, PreferNoSchedule, NoExecute, not "Never"/);
    expect(() => synth(c => ws(c, { tolerations: [{ key: 'k', operator: 'Exists', tolerationSeconds: 1.5 }] }))).toThrow(/tolerationSeconds must be a whole number of seconds, not 1\.5/);
    expect(() => synth(c => ws(c, { tolerations: ['dedicated=web'] }))).toThrow(/spec\.subsets\[0\]\.tolerations\[0\] "dedicated=web": a toleration is a NodeTaintQuery or/);
  });

  test('malformed plain node selector requirements fail with the path of the term', () => {
    expect(() => synth(c => ws(c, { requiredNodeSelectorTerm: { matchExpressions: [{ key: 'zone', operator: 'Equals', values: ['a'] }] } })))
      .toThrow(/^test\/x: spec\.subsets\[0\]\.requiredNodeSelectorTerm\.matchExpressions\[0\] .*operator must be one of In, NotIn, Exists, DoesNotExist, Gt, Lt, not "Equals"; give a kplus\.NodeLabelQuery or/);
    expect(() => synth(c => ws(c, { preferredNodeSelectorTerms: [{ weight: 1, preference: { matchFields: [{ key: '', operator: 'In' }] } }] })))
      .toThrow(/spec\.subsets\[0\]\.preferredNodeSelectorTerms\[0\]\.preference\.matchFields\[0\] .*needs a non-empty string key/);
    expect(() => synth(c => ws(c, { requiredNodeSelectorTerm: { matchExpressions: [{ key: 'zone', operator: 'In', values: 'a' }] } })))
      .toThrow(/node selector values must be a list of strings, not "a"/);
  });
});

describe('SidecarSet imagePullSecrets: kplus.ISecret or { name }', () => {
  test('plain { name } renders what a Secret renders', () => {
    const fromPlus = synth(c => {
      const secret = kplus.Secret.fromSecretName(c, 'regcred', 'regcred');
      new SidecarSet(c, 'x', { selector: plusSelector, containers: [proxy], imagePullSecrets: [secret] });
    });
    const fromPlain = synth(c => {
      const s = new SidecarSet(c, 'x', { selector: plusSelector, containers: [proxy], imagePullSecrets: [{ name: 'regcred' }] });
      s.addImagePullSecret({ name: 'other' });
    });
    expect(fromPlain).toEqual([{ ...(fromPlus[0] as object), spec: { ...(fromPlus[0] as { spec: object }).spec, imagePullSecrets: [{ name: 'regcred' }, { name: 'other' }] } }]);
  });

  test('a nameless or repeated plain secret fails with the path and the field', () => {
    expect(() => synth(c => new SidecarSet(c, 'x', { selector: plusSelector, containers: [proxy], imagePullSecrets: [{ name: '' }] })))
      .toThrow('test/x: spec.imagePullSecrets[0].name {"name":""}: an image pull secret is named; give a kplus.ISecret or { name: \'regcred\' }');
    expect(() => synth(c => new SidecarSet(c, 'x', { selector: plusSelector, containers: [proxy], imagePullSecrets: ['regcred' as unknown as { name: string }] })))
      .toThrow(/spec\.imagePullSecrets\[0\]\.name "regcred": an image pull secret is named/);
    expect(() => synth(c => new SidecarSet(c, 'x', { selector: plusSelector, containers: [proxy], imagePullSecrets: [{ name: 'a' }, { name: 'a' }] })))
      .toThrow('test/x: spec.imagePullSecrets "a": this secret is listed already; add each secret once');
  });
});

describe('PodProbeMarker probe: kplus.Probe or PodProbeMarkerProbeSpec', () => {
  const ppm = (c: Chart, probe: kplus.Probe | PodProbeMarkerProbeSpec) => new PodProbeMarker(c, 'x', {
    selector: plusSelector,
    probes: [{ name: 'idle', containerName: 'app', probe, podConditionType: 'game.io/idle' }],
  });

  test('a plain exec probe renders what Probe.fromCommand renders', () => {
    expectSameOutput(
      kplus.Probe.fromCommand(['cat', '/tmp/idle'], {
        periodSeconds: Duration.seconds(5), timeoutSeconds: Duration.seconds(2), failureThreshold: 2, successThreshold: 1,
      }),
      { exec: { command: ['cat', '/tmp/idle'] }, periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 2, successThreshold: 1 },
      ppm);
  });

  test('a plain tcpSocket probe renders what Probe.fromTcpSocket renders (no failureThreshold unless given)', () => {
    const plus = kplus.Probe.fromTcpSocket({ port: 8080, initialDelaySeconds: Duration.seconds(3) });
    expectSameOutput(plus, { tcpSocket: { port: 8080 }, initialDelaySeconds: 3 }, ppm);
  });

  test('malformed plain probes fail with the path, the field, the value and the fix', () => {
    const bad = (probe: object) => () => synth(c => ppm(c, probe as PodProbeMarkerProbeSpec));
    expect(bad({})).toThrow('test/x: spec.probes[0].probe {}: a probe has exactly one action, exec or tcpSocket; give { exec: { command: [...] } } or { tcpSocket: { port } }, or a kplus.Probe');
    expect(bad({ exec: { command: ['true'] }, tcpSocket: { port: 80 } })).toThrow(/spec\.probes\[0\]\.probe .*exactly one action/);
    expect(bad({ httpGet: { path: '/', port: 80 } })).toThrow('test/x: spec.probes[0].probe.httpGet "(set)": Kruise 1.7 runs exec and tcpSocket probes only');
    expect(bad({ exec: { command: [] } })).toThrow('test/x: spec.probes[0].probe.exec.command []: an exec probe runs a command: a non-empty list of strings');
    expect(bad({ tcpSocket: { port: 'http' } })).toThrow('test/x: spec.probes[0].probe.tcpSocket.port "http": a tcpSocket probe of a PodProbeMarker needs a container port, 1-65535');
    expect(bad({ tcpSocket: { port: 80, host: '10.0.0.1' } })).toThrow(/spec\.probes\[0\]\.probe\.tcpSocket\.host .*rejects tcpSocket\.host/);
    expect(bad({ exec: { command: ['true'] }, periodSeconds: 2.5 })).toThrow('test/x: spec.probes[0].probe.periodSeconds 2.5: must be a whole number >= 0; give whole seconds');
  });
});
