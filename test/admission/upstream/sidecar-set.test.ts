/**
 * The cases of Kruise's release-1.7 SidecarSet webhook tests
 * (pkg/webhook/sidecarset/validating/sidecarset_validating_test.go:
 * TestValidateSidecarSet, TestSidecarSetNameConflict, TestSelectorConflict,
 * TestSidecarSetPodMetadataConflict, TestSidecarSetVolumeConflict;
 * sidecarset_hotupgrade_test.go: TestSidecarSetUpdateConflict; the defaults of
 * mutating/sidecarset_mutating_test.go), as plain
 * objects on the CREATE path. The other SidecarSets of a case are peers.
 * TestValidateSidecarSet runs with SidecarSetPatchPodMetadataDefaultsAllowed on.
 */
import { merge, runUpstreamCases, UpstreamCase } from './cases';
import { AdmissionContext } from '../../../src/admission/types';

const PATCH_GATE: AdmissionContext = { version: '1.7', gate: g => (g === 'SidecarSetPatchPodMetadataDefaultsAllowed' ? true : undefined) };
const withPeers = (peers: any[]): AdmissionContext => ({ version: '1.7', peers });

const sidecar = (extra: any = {}) => ({
  podInjectPolicy: 'BeforeAppContainer',
  shareVolumePolicy: { type: 'disabled' },
  upgradeStrategy: { upgradeType: 'ColdUpgrade' },
  name: 'test-sidecar',
  image: 'test-image',
  imagePullPolicy: 'IfNotPresent',
  terminationMessagePolicy: 'File',
  ...extra,
});
function ss(name: string, spec: any): any {
  return { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'SidecarSet', metadata: { name }, spec };
}
/** TestValidateSidecarSet's object: a selector a=b, NotUpdate, one cold-upgraded sidecar; `patch` merged into the spec. */
const base = (patch: any) => ss('test-sidecarset', merge({ selector: { matchLabels: { a: 'b' } }, updateStrategy: { type: 'NotUpdate' }, containers: [sidecar()] }, patch));
const T = 'TestValidateSidecarSet';
const R = (s: string) => `SidecarSet/${s}`;

/** A SidecarSet for the conflict tests: valid, with the given selector and names. */
function conflictSet(name: string, spec: any): any {
  return ss(name, { selector: { matchLabels: { a: 'b' } }, containers: [sidecar({ name: 'container-name' })], ...spec });
}

const selectorPairs: Array<[any, any, boolean]> = [
  [{ matchLabels: { a: 'h' } }, { matchLabels: { a: 'h' } }, true],
  [{ matchLabels: { a: 'h' } }, { matchLabels: { a: 'i' } }, false],
  [{ matchLabels: { a: 'h' } }, { matchLabels: { b: 'i' } }, true],
  [{ matchLabels: { a: 'h', b: 'i', c: 'j' } }, { matchLabels: { a: 'h', b: 'x', c: 'j' } }, false],
  [{ matchLabels: { a: 'h' } }, { matchExpressions: [{ key: 'a', operator: 'In', values: ['h', 'i', 'j'] }] }, true],
  [{ matchLabels: { a: 'h' } }, { matchExpressions: [{ key: 'a', operator: 'In', values: ['i', 'j'] }] }, false],
  [{ matchExpressions: [{ key: 'a', operator: 'NotIn', values: ['h', 'i'] }] }, { matchLabels: { a: 'h' } }, false],
  [{ matchLabels: { a: 'h' } }, { matchExpressions: [{ key: 'a', operator: 'Exists' }] }, true],
  [{ matchExpressions: [{ key: 'a', operator: 'DoesNotExist' }] }, { matchLabels: { a: 'h' } }, false],
];

const cases: UpstreamCase[] = [
  { name: `${T} the cases' valid object`, verdict: 'allowed', obj: base({}), ctx: PATCH_GATE },
  { name: `${T} missing-selector`, verdict: 'denied', rule: R('selector'), obj: base({ selector: undefined }), ctx: PATCH_GATE },
  {
    name: `${T} wrong-updateStrategy (a scatter term twice)`,
    verdict: 'denied',
    rule: R('update-scatter'),
    obj: base({ updateStrategy: { type: 'RollingUpdate', scatterStrategy: [{ key: 'key-1', value: 'value-1' }, { key: 'key-1', value: 'value-1' }] } }),
    ctx: PATCH_GATE,
  },
  {
    name: `${T} wrong-selector (NotIn value app-risk-)`,
    verdict: 'denied',
    rule: R('selector'),
    obj: base({ updateStrategy: undefined, selector: { matchExpressions: [{ key: 'app-name', operator: 'NotIn', values: ['app-group', 'app-risk-'] }] }, containers: [sidecar({ shareVolumePolicy: { type: 'enabled' } })] }),
    ctx: PATCH_GATE,
  },
  {
    name: `${T} wrong-namespaceSelector (NotIn value app-risk-)`,
    verdict: 'denied',
    rule: R('namespace-selector'),
    obj: base({
      updateStrategy: undefined,
      selector: { matchExpressions: [{ key: 'app-name', operator: 'NotIn', values: ['app-group', 'app-risk'] }] },
      namespaceSelector: { matchLabels: { a: 'b' }, matchExpressions: [{ key: 'app-name', operator: 'NotIn', values: ['app-group', 'app-risk-'] }] },
      containers: [sidecar({ shareVolumePolicy: { type: 'enabled' } })],
    }),
    ctx: PATCH_GATE,
  },
  {
    name: `${T} wrong-namespace (namespace and namespaceSelector)`,
    verdict: 'denied',
    rule: R('namespace-selector'),
    obj: base({
      updateStrategy: undefined,
      selector: { matchExpressions: [{ key: 'app-name', operator: 'NotIn', values: ['app-group', 'app-risk'] }] },
      namespace: 'ns-test',
      namespaceSelector: { matchLabels: { a: 'b' } },
      containers: [sidecar({ shareVolumePolicy: { type: 'enabled' } })],
    }),
    ctx: PATCH_GATE,
  },
  {
    name: `${T} wrong-initContainer (no image)`,
    verdict: 'denied',
    obj: base({ containers: undefined, initContainers: [{ name: 'test-sidecar', imagePullPolicy: 'IfNotPresent', terminationMessagePolicy: 'File' }] }),
    ctx: PATCH_GATE,
  },
  { name: `${T} missing-container`, verdict: 'denied', rule: R('containers-required'), obj: base({ containers: undefined }), ctx: PATCH_GATE },
  {
    name: `${T} wrong-containers (no shareVolumePolicy)`,
    verdict: 'denied',
    skip: 'the mutating webhook defaults shareVolumePolicy.type to disabled before validation (next case)',
    obj: {},
  },
  {
    name: `${T} wrong-containers, on the CREATE path (shareVolumePolicy defaulted)`,
    verdict: 'allowed',
    obj: base({ containers: [{ ...sidecar(), shareVolumePolicy: undefined }] }),
    ctx: PATCH_GATE,
  },
  {
    name: `${T} wrong-volumes (a volume without a source, beside a projected token volume)`,
    verdict: 'denied',
    skip: 'the mutating webhook turns a volume without a source into an emptyDir (SetDefaults_Volume) before validation (next case)',
    obj: {},
  },
  {
    name: `${T} wrong-volumes, on the CREATE path (the sourceless volume defaulted to an emptyDir)`,
    verdict: 'allowed',
    obj: base({
      volumes: [
        { name: 'test-volume' },
        { name: 'istio-token', projected: { defaultMode: 420, sources: [{ serviceAccountToken: { audience: 'istio-ca', expirationSeconds: 43200, path: 'istio-token' } }] } },
      ],
    }),
    ctx: PATCH_GATE,
  },
  {
    name: `${T} wrong-metadata (annotation key1 patched twice)`,
    verdict: 'denied',
    rule: R('patch-pod-metadata'),
    obj: base({ patchPodMetadata: [{ annotations: { key1: 'value1' }, patchPolicy: 'MergePatchJson' }, { annotations: { key1: 'value1' }, patchPolicy: 'Overwrite' }] }),
    ctx: PATCH_GATE,
  },
  {
    name: `${T} wrong-name-injectionStrategy (customVersion without a revision)`,
    verdict: 'denied',
    rule: R('injection-revision-exists'),
    warnBecause: 'decided by the ControllerRevisions in the cluster',
    obj: base({ injectionStrategy: { revision: { customVersion: 'normal-sidecarset-01234' } } }),
    ctx: PATCH_GATE,
  },
  {
    name: `${T} not-existing-injectionStrategy (revisionName test-sidecarset-678235)`,
    verdict: 'denied',
    rule: R('injection-revision-exists'),
    warnBecause: 'decided by the ControllerRevisions in the cluster',
    obj: base({ injectionStrategy: { revision: { revisionName: 'test-sidecarset-678235', policy: 'Always' } } }),
    ctx: PATCH_GATE,
  },
  {
    name: `${T} The initContainer in-place upgrade is not currently supported (native sidecar, RollingUpdate)`,
    verdict: 'denied',
    rule: R('native-sidecar-update'),
    obj: base({ updateStrategy: { type: 'RollingUpdate' }, containers: undefined, initContainers: [sidecar({ restartPolicy: 'Always' })] }),
    ctx: PATCH_GATE,
  },

  {
    name: 'TestSidecarSetNameConflict test1 (same container and init container names, same selector)',
    verdict: 'denied',
    rule: R('conflicts'),
    obj: conflictSet('sidecarset2', { initContainers: [sidecar({ name: 'init-name' })], volumes: [{ name: 'volume-name', emptyDir: {} }] }),
    ctx: withPeers([conflictSet('sidecarset1', { initContainers: [sidecar({ name: 'init-name' })], volumes: [{ name: 'volume-name', emptyDir: {} }] })]),
  },
  {
    name: 'TestSidecarSetNameConflict test2 (same container name, same namespaceSelector)',
    verdict: 'denied',
    rule: R('conflicts'),
    obj: conflictSet('sidecarset2', { namespaceSelector: { matchLabels: { app: 'nginx' } } }),
    ctx: withPeers([conflictSet('sidecarset1', { namespaceSelector: { matchLabels: { app: 'nginx' } } })]),
  },
  {
    name: 'TestSidecarSetNameConflict test3 (same container name, other namespaceSelector)',
    verdict: 'allowed',
    obj: conflictSet('sidecarset2', { namespaceSelector: { matchLabels: { app: 'nginx' } } }),
    ctx: withPeers([conflictSet('sidecarset1', { namespaceSelector: { matchLabels: { app: 'redis' } } })]),
  },
  ...selectorPairs.map(([a, b, overlap], i): UpstreamCase => ({
    name: `TestSelectorConflict ${i} (${overlap ? 'overlapping' : 'disjoint'} selectors, same container name)`,
    verdict: overlap ? 'denied' : 'allowed',
    rule: overlap ? R('conflicts') : undefined,
    obj: conflictSet('sidecarset2', { selector: b }),
    ctx: withPeers([conflictSet('sidecarset1', { selector: a })]),
  })),

  ...([
    ['sidecarset annotation key conflict', { Overwrite: { key1: 'value1' } }, { MergePatchJson: { key1: 'value1' } }, 'denied'],
    ['sidecarset annotation key different', { Retain: { key1: 'value1' } }, { Overwrite: { key2: 'value2' } }, 'allowed'],
    ['sidecarset annotation key same, and json', { MergePatchJson: { 'oom-score': '{"log-agent": 1}' } }, { MergePatchJson: { 'oom-score': '{"envoy": 1}' } }, 'allowed'],
  ] as Array<[string, Record<string, any>, Record<string, any>, 'allowed' | 'denied']>).map(([title, mine, theirs, verdict]): UpstreamCase => {
    const patch = (p: Record<string, any>) => Object.entries(p).map(([patchPolicy, annotations]) => ({ patchPolicy, annotations }));
    const gate = (g: string) => (g === 'SidecarSetPatchPodMetadataDefaultsAllowed' ? true : undefined);
    return {
      name: `TestSidecarSetPodMetadataConflict ${title}`,
      verdict,
      rule: verdict === 'denied' ? R('conflicts') : undefined,
      obj: ss('sidecarset2', { selector: { matchLabels: { a: 'b' } }, containers: [sidecar()], patchPodMetadata: patch(mine) }),
      ctx: { version: '1.7', gate, peers: [ss('sidecarset1', { selector: { matchLabels: { a: 'b' } }, containers: [sidecar({ name: 'other' })], patchPodMetadata: patch(theirs) })] },
    };
  }),

  ...([
    ['sidecarset volume name different', [{ name: 'volume-1' }, { name: 'volume-2' }], [{ name: 'volume-3' }, { name: 'volume-4' }], 'allowed'],
    ['sidecarset volume name same and equal', [{ name: 'volume-1' }, { name: 'volume-2', hostPath: { path: '/home/work' } }], [{ hostPath: { path: '/home/work' }, name: 'volume-2' }, { name: 'volume-3' }], 'allowed'],
    ['sidecarset volume name same, but not equal', [{ name: 'volume-1' }, { name: 'volume-2', hostPath: { path: '/home/work-1' } }], [{ name: 'volume-2', hostPath: { path: '/home/work-2' } }, { name: 'volume-3' }], 'denied'],
  ] as Array<[string, any[], any[], 'allowed' | 'denied']>).map(([title, mine, theirs, verdict]): UpstreamCase => ({
    name: `TestSidecarSetVolumeConflict ${title}`,
    verdict,
    rule: verdict === 'denied' ? R('conflicts') : undefined,
    obj: ss('sidecarset2', { selector: { matchLabels: { a: 'b' } }, containers: [sidecar()], volumes: mine }),
    ctx: withPeers([ss('sidecarset1', { selector: { matchLabels: { a: 'b' } }, containers: [sidecar({ name: 'other' })], volumes: theirs })]),
  })),

  // sidecarset/mutating/sidecarset_mutating_test.go: the defaults it expects (strategy, inject policy, share volume
  // policy, upgrade type, pull and message policies, patch policy, revision policy) leave nothing to refuse but
  // what the mutating test leaves out (a selector) and the cluster state of the pinned revision (a warning).
  {
    name: 'TestMutatingSidecarSetFn object, with a selector added: its defaults make it valid',
    verdict: 'allowed',
    ctx: PATCH_GATE,
    obj: ss('sidecarset-test', {
      selector: { matchLabels: { a: 'b' } },
      containers: [{ name: 'dns-f', image: 'dns:1.0' }],
      patchPodMetadata: [{ annotations: { key1: 'value1' } }],
      injectionStrategy: { revision: { customVersion: '1' } },
    }),
  },
  {
    name: 'TestMutatingSidecarSetFn object as written (no selector)',
    verdict: 'denied',
    rule: R('selector'),
    ctx: PATCH_GATE,
    obj: ss('sidecarset-test', { containers: [{ name: 'dns-f', image: 'dns:1.0' }], patchPodMetadata: [{ annotations: { key1: 'value1' } }], injectionStrategy: { revision: { customVersion: '1' } } }),
  },

  { name: 'TestSidecarSetUpdateConflict (ColdUpgrade to HotUpgrade)', verdict: 'denied', skip: 'an UPDATE case (a container\'s upgrade type changed)', obj: {} },
];

describe('Kruise 1.7 SidecarSet webhook test cases', () => {
  runUpstreamCases(cases);
});
