import { upstreamExamples } from './upstream-examples';
import { admit } from '../../../src/admission/engine';
import { AdmissionContext } from '../../../src/admission/types';
import { describeWithReference } from '../../util/reference';
import { errors, expectAdmitted, expectDenied } from '../fixtures';

const V17: AdmissionContext = { version: '1.7' };
const V18: AdmissionContext = { version: '1.8' };

/** A minimal SidecarSet Kruise 1.7 admits. */
function sidecarSet(edit: (o: any) => void = () => {}, name = 'log-agent'): any {
  const o: any = {
    apiVersion: 'apps.kruise.io/v1alpha1',
    kind: 'SidecarSet',
    metadata: { name },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      containers: [{
        name: 'agent',
        image: 'fluent/fluent-bit:3.0',
        volumeMounts: [{ name: 'logs', mountPath: '/var/log/app' }],
      }],
      volumes: [{ name: 'logs', emptyDir: {} }],
    },
  };
  edit(o);
  return o;
}

const container = (o: any) => o.spec.containers[0];

test('the minimal SidecarSet is admitted without findings', () => {
  expect(admit(sidecarSet(), V17)).toEqual([]);
});

describe('SidecarSet rule 1 (name ^[a-zA-Z0-9-]+$, at most 63)', () => {
  test('rule 1 denies a dotted name and a 64-character name', () => {
    expectDenied(sidecarSet(o => o.metadata.name = 'log.agent'), 'SidecarSet/name', 'metadata.name');
    expectDenied(sidecarSet(o => o.metadata.name = 'x'.repeat(64)), 'SidecarSet/name', 'metadata.name');
  });
  test('rule 1 allows capitals and 63 characters, and ignores a metadata.namespace (the API server clears it on a cluster-scoped kind)', () => {
    expectAdmitted(sidecarSet(o => o.metadata.name = 'LogAgent'));
    expectAdmitted(sidecarSet(o => o.metadata.namespace = 'Not_A_Namespace'));
    expectAdmitted(sidecarSet(o => o.metadata.name = 'x'.repeat(63)));
  });
});

describe('SidecarSet rule 2 (native sidecar init container with RollingUpdate, the default, rejected)', () => {
  const native = (o: any) => o.spec.initContainers = [{ name: 'proxy', image: 'envoyproxy/envoy:v1.30', restartPolicy: 'Always' }];
  test('rule 2 denies a native sidecar under the default (RollingUpdate) strategy', () => {
    const f = expectDenied(sidecarSet(native), 'SidecarSet/native-sidecar-update', 'spec.updateStrategy.type');
    expect(f.message).toContain('(the default)');
    expect(f.fix).toContain('NotUpdate');
    expectDenied(sidecarSet(o => { native(o); o.spec.updateStrategy = { type: 'RollingUpdate' }; }), 'SidecarSet/native-sidecar-update', 'spec.updateStrategy.type');
  });
  test('rule 2 allows a native sidecar with NotUpdate, and plain init containers with RollingUpdate', () => {
    expectAdmitted(sidecarSet(o => { native(o); o.spec.updateStrategy = { type: 'NotUpdate' }; }));
    expectAdmitted(sidecarSet(o => o.spec.initContainers = [{ name: 'setup', image: 'busybox:1.36', command: ['true'] }]));
  });
});

describe('SidecarSet rule 3 (selector required, valid, non-empty)', () => {
  test('rule 3 denies a missing, an empty and an invalid selector', () => {
    expectDenied(sidecarSet(o => delete o.spec.selector), 'SidecarSet/selector', 'spec.selector');
    expectDenied(sidecarSet(o => o.spec.selector = {}), 'SidecarSet/selector', 'spec.selector');
    expectDenied(sidecarSet(o => o.spec.selector = { matchLabels: {} }), 'SidecarSet/selector', 'spec.selector');
    expectDenied(sidecarSet(o => o.spec.selector = { matchExpressions: [{ key: 'app', operator: 'In', values: [] }] }),
      'SidecarSet/selector', 'spec.selector.matchExpressions[0].values');
  });
  test('rule 3 allows a matchExpressions selector', () => {
    expectAdmitted(sidecarSet(o => o.spec.selector = { matchExpressions: [{ key: 'inject-logs', operator: 'Exists' }] }));
  });
});

describe('SidecarSet rule 4 (namespace XOR namespaceSelector; namespaceSelector valid, non-empty)', () => {
  test('rule 4 denies both, and an empty namespaceSelector', () => {
    expectDenied(sidecarSet(o => { o.spec.namespace = 'shop'; o.spec.namespaceSelector = { matchLabels: { team: 'a' } }; }),
      'SidecarSet/namespace-selector', 'spec.namespaceSelector');
    expectDenied(sidecarSet(o => o.spec.namespaceSelector = {}), 'SidecarSet/namespace-selector', 'spec.namespaceSelector');
  });
  test('rule 4 allows either alone', () => {
    expectAdmitted(sidecarSet(o => o.spec.namespace = 'shop'));
    expectAdmitted(sidecarSet(o => o.spec.namespaceSelector = { matchLabels: { team: 'a' } }));
  });
});

describe('SidecarSet rules 5-7 (injectionStrategy.revision)', () => {
  test('rule 5 denies a revision with neither revisionName nor customVersion', () => {
    expectDenied(sidecarSet(o => o.spec.injectionStrategy = { revision: { policy: 'Always' } }), 'SidecarSet/injection-revision', 'spec.injectionStrategy.revision');
  });
  test('rule 5 allows a customVersion (rule 6 then warns: the revision is cluster state)', () => {
    const findings = expectAdmitted(sidecarSet(o => o.spec.injectionStrategy = { revision: { customVersion: 'v1' } }));
    expect(findings).toEqual([expect.objectContaining({ rule: 'SidecarSet/injection-revision-exists', severity: 'warning' })]);
  });
  test('rule 6 warns (never denies) about a pinned revisionName that is not among the reviewed objects', () => {
    const findings = expectAdmitted(sidecarSet(o => o.spec.injectionStrategy = { revision: { revisionName: 'log-agent-5d8f' } }));
    expect(findings.map(f => f.rule)).toEqual(['SidecarSet/injection-revision-exists']);
  });
  test('rule 6 says nothing when the pinned ControllerRevision is among the reviewed objects', () => {
    const o = sidecarSet(s => s.spec.injectionStrategy = { revision: { revisionName: 'log-agent-5d8f' } });
    const rev = { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name: 'log-agent-5d8f', namespace: 'kruise-system' }, revision: 1 };
    expect(admit(o, { version: '1.7', peers: [rev, o] })).toEqual([]);
  });
  test('rule 7 denies an unknown policy, and Partial at 1.7', () => {
    expectDenied(sidecarSet(o => o.spec.injectionStrategy = { revision: { customVersion: 'v1', policy: 'Sometimes' } }),
      'SidecarSet/injection-revision-policy', 'spec.injectionStrategy.revision.policy');
    expectDenied(sidecarSet(o => o.spec.injectionStrategy = { revision: { customVersion: 'v1', policy: 'Partial' } }),
      'SidecarSet/injection-revision-policy', 'spec.injectionStrategy.revision.policy');
  });
  test('rule 7 allows Always and an empty policy (defaulted to Always)', () => {
    expectAdmitted(sidecarSet(o => o.spec.injectionStrategy = { revision: { customVersion: 'v1', policy: 'Always' } }));
    expectAdmitted(sidecarSet(o => o.spec.injectionStrategy = { revision: { customVersion: 'v1', policy: '' } }));
  });
});

describe('SidecarSet rule 8 (updateStrategy.selector valid, non-empty; RollingUpdate only)', () => {
  test('rule 8 denies an empty or invalid update selector', () => {
    expectDenied(sidecarSet(o => o.spec.updateStrategy = { selector: {} }), 'SidecarSet/update-selector', 'spec.updateStrategy.selector');
    expectDenied(sidecarSet(o => o.spec.updateStrategy = { selector: { matchExpressions: [{ key: 'canary', operator: 'Is' }] } }),
      'SidecarSet/update-selector', 'spec.updateStrategy.selector.matchExpressions[0].operator');
  });
  test('rule 8 allows a valid update selector, and any selector under NotUpdate', () => {
    expectAdmitted(sidecarSet(o => o.spec.updateStrategy = { selector: { matchLabels: { canary: 'true' } } }));
    expectAdmitted(sidecarSet(o => o.spec.updateStrategy = { type: 'NotUpdate', selector: {} }));
  });
});

describe('SidecarSet rule 9 (partition/maxUnavailable int >= 0 or percentage)', () => {
  test.each([
    ['partition', -1], ['partition', 'half'], ['partition', '-5%'], ['partition', '5'],
    ['maxUnavailable', -2], ['maxUnavailable', 1.5], ['maxUnavailable', '10 %'],
  ])('rule 9 denies %s %j', (field, value) => {
    expectDenied(sidecarSet(o => o.spec.updateStrategy = { [field]: value }), `SidecarSet/${field === 'partition' ? 'partition' : 'max-unavailable'}`, `spec.updateStrategy.${field}`);
  });
  test('rule 9 allows counts and percentages, 150% included', () => {
    expectAdmitted(sidecarSet(o => o.spec.updateStrategy = { partition: 3, maxUnavailable: '150%' }));
    expectAdmitted(sidecarSet(o => o.spec.updateStrategy = { partition: '100%', maxUnavailable: 5 }));
  });
  test('rule 9 allows maxUnavailable 0 with a warning (no pod would ever be updated)', () => {
    for (const mu of [0, '0%']) {
      const findings = expectAdmitted(sidecarSet(o => o.spec.updateStrategy = { maxUnavailable: mu }));
      expect(findings).toEqual([expect.objectContaining({ rule: 'SidecarSet/max-unavailable', path: 'spec.updateStrategy.maxUnavailable', severity: 'warning' })]);
    }
  });
  test('rule 9 does not look at NotUpdate strategies', () => {
    expectAdmitted(sidecarSet(o => o.spec.updateStrategy = { type: 'NotUpdate', partition: -1 }));
  });
});

describe('SidecarSet rule 10 (updateStrategy priority/scatter FieldsValidation)', () => {
  const weight = (w: number, sel: any = { matchLabels: { tier: 'canary' } }) => ({ weight: w, matchSelector: sel });
  test('rule 10 denies a weight over 100, an empty weight selector, both priority kinds, an empty orderedKey', () => {
    expectDenied(sidecarSet(o => o.spec.updateStrategy = { priorityStrategy: { weightPriority: [weight(101)] } }),
      'SidecarSet/update-priority', 'spec.updateStrategy.priorityStrategy.weightPriority[0].weight');
    expectDenied(sidecarSet(o => o.spec.updateStrategy = { priorityStrategy: { weightPriority: [weight(10, {})] } }),
      'SidecarSet/update-priority', 'spec.updateStrategy.priorityStrategy.weightPriority[0].matchSelector');
    expectDenied(sidecarSet(o => o.spec.updateStrategy = { priorityStrategy: { weightPriority: [weight(10)], orderPriority: [{ orderedKey: 'rank' }] } }),
      'SidecarSet/update-priority', 'spec.updateStrategy.priorityStrategy');
    expectDenied(sidecarSet(o => o.spec.updateStrategy = { priorityStrategy: { orderPriority: [{ orderedKey: '' }] } }),
      'SidecarSet/update-priority', 'spec.updateStrategy.priorityStrategy.orderPriority[0].orderedKey');
  });
  test('rule 10 denies a scatter term without a key, and a repeated term', () => {
    expectDenied(sidecarSet(o => o.spec.updateStrategy = { scatterStrategy: [{ key: '', value: 'a' }] }), 'SidecarSet/update-scatter', 'spec.updateStrategy.scatterStrategy[0].key');
    expectDenied(sidecarSet(o => o.spec.updateStrategy = { scatterStrategy: [{ key: 'zone', value: 'a' }, { key: 'zone', value: 'a' }] }),
      'SidecarSet/update-scatter', 'spec.updateStrategy.scatterStrategy[1]');
  });
  test('rule 10 allows weights 0-100, an order key, and distinct scatter terms', () => {
    expectAdmitted(sidecarSet(o => o.spec.updateStrategy = { priorityStrategy: { weightPriority: [weight(0), weight(100)] }, scatterStrategy: [{ key: 'zone', value: 'a' }, { key: 'zone', value: 'b' }] }));
    expectAdmitted(sidecarSet(o => o.spec.updateStrategy = { priorityStrategy: { orderPriority: [{ orderedKey: 'rank' }] } }));
  });
});

describe('SidecarSet rule 11 (at least one container or initContainer)', () => {
  test('rule 11 denies a SidecarSet with neither', () => {
    expectDenied(sidecarSet(o => { delete o.spec.containers; delete o.spec.volumes; }), 'SidecarSet/containers-required', 'spec');
    expectDenied(sidecarSet(o => { o.spec.containers = []; o.spec.initContainers = []; }), 'SidecarSet/containers-required', 'spec');
  });
  test('rule 11 allows init containers alone', () => {
    expectAdmitted(sidecarSet(o => { delete o.spec.containers; o.spec.initContainers = [{ name: 'setup', image: 'busybox:1.36' }]; }));
  });
});

describe('SidecarSet rule 12 (podInjectPolicy BeforeAppContainer | AfterAppContainer)', () => {
  test('rule 12 denies another value', () => {
    expectDenied(sidecarSet(o => container(o).podInjectPolicy = 'Before'), 'SidecarSet/pod-inject-policy', 'spec.containers[0].podInjectPolicy');
    expectDenied(sidecarSet(o => container(o).podInjectPolicy = 'beforeAppContainer'), 'SidecarSet/pod-inject-policy', 'spec.containers[0].podInjectPolicy');
  });
  test('rule 12 allows AfterAppContainer and an unset policy (defaulted)', () => {
    expectAdmitted(sidecarSet(o => container(o).podInjectPolicy = 'AfterAppContainer'));
    expectAdmitted(sidecarSet(o => container(o).podInjectPolicy = ''));
  });
});

describe('SidecarSet rule 13 (shareVolumePolicy.type enabled | disabled)', () => {
  test('rule 13 denies capitalised and placeholder values', () => {
    for (const type of ['Enabled', 'disabled | enabled', 'true']) {
      expectDenied(sidecarSet(o => container(o).shareVolumePolicy = { type }), 'SidecarSet/share-volume-policy', 'spec.containers[0].shareVolumePolicy.type');
    }
  });
  test('rule 13 allows enabled, disabled and unset', () => {
    expectAdmitted(sidecarSet(o => container(o).shareVolumePolicy = { type: 'enabled' }));
    expectAdmitted(sidecarSet(o => container(o).shareVolumePolicy = { type: 'disabled' }));
    expectAdmitted(sidecarSet(o => container(o).shareVolumePolicy = {}));
  });
});

describe('SidecarSet rule 14 (transferEnv fieldRef: v1, only metadata.labels[\'k\'] / metadata.annotations[\'k\'])', () => {
  const from = (fieldRef: any) => (o: any) => container(o).transferEnv = [{ envName: 'APP_NAME', sourceContainerNameFrom: { fieldRef } }];
  const FR = 'spec.containers[0].transferEnv[0].sourceContainerNameFrom.fieldRef';
  test.each(['metadata.name', 'metadata.labels', 'spec.nodeName', "metadata.namespace['x']", "status.podIP['a']"])('rule 14 denies fieldPath %j', fieldPath => {
    expectDenied(sidecarSet(from({ apiVersion: 'v1', fieldPath })), 'SidecarSet/transfer-env', `${FR}.fieldPath`);
  });
  test('rule 14 denies an invalid key, an apiVersion other than v1, an empty fieldPath and a missing fieldRef', () => {
    expectDenied(sidecarSet(from({ fieldPath: "metadata.labels['bad key']" })), 'SidecarSet/transfer-env', FR);
    expectDenied(sidecarSet(from({ apiVersion: 'v2', fieldPath: "metadata.labels['app']" })), 'SidecarSet/transfer-env', `${FR}.apiVersion`);
    expectDenied(sidecarSet(from({ apiVersion: 'v1', fieldPath: '' })), 'SidecarSet/transfer-env', `${FR}.fieldPath`);
    expectDenied(sidecarSet(o => container(o).transferEnv = [{ envName: 'X', sourceContainerNameFrom: {} }]), 'SidecarSet/transfer-env', FR);
    expectDenied(sidecarSet(o => o.spec.initContainers = [{ name: 'i', image: 'busybox', transferEnv: [{ envName: 'X', sourceContainerNameFrom: {} }] }]),
      'SidecarSet/transfer-env', 'spec.initContainers[0].transferEnv[0].sourceContainerNameFrom.fieldRef');
  });
  test('rule 14 allows a label or annotation key, with apiVersion omitted (defaulted to v1), and capitals in an annotation key', () => {
    expectAdmitted(sidecarSet(from({ apiVersion: 'v1', fieldPath: "metadata.labels['cName']" })));
    expectAdmitted(sidecarSet(from({ fieldPath: "metadata.annotations['example.com/Main-Container']" })));
    expectAdmitted(sidecarSet(o => container(o).transferEnv = [{ sourceContainerName: 'main', envName: 'PROXY_IP' }]));
  });
});

describe('SidecarSet rule 15 (core pod validation of the init containers, containers and volumes)', () => {
  test('rule 15 denies a container without an image (a finding, not a crash)', () => {
    expectDenied(sidecarSet(o => delete container(o).image), 'SidecarSet/containers', 'spec.containers[0].image');
    expectDenied(sidecarSet(o => o.spec.initContainers = [{ name: 'setup' }]), 'SidecarSet/containers', 'spec.initContainers[0].image');
  });
  test('rule 15 denies an init-only SidecarSet whose init container is named "test", the name of the container Kruise adds to its fake pod', () => {
    expectDenied(sidecarSet(o => { delete o.spec.containers; o.spec.initContainers = [{ name: 'test', image: 'busybox' }]; }),
      'SidecarSet/containers', 'spec.initContainers[0].name');
    expectAdmitted(sidecarSet(o => o.spec.initContainers = [{ name: 'test', image: 'busybox' }]));
  });
  test('rule 15 denies duplicate container names and an image with surrounding whitespace', () => {
    expectDenied(sidecarSet(o => o.spec.containers.push({ name: 'agent', image: 'busybox' })), 'SidecarSet/containers', 'spec.containers[1].name');
    expectDenied(sidecarSet(o => container(o).image = ' fluent/fluent-bit:3.0'), 'SidecarSet/containers', 'spec.containers[0].image');
  });
  test('rule 15 denies a startup probe without successThreshold or httpGet path/scheme (Kruise does not default a sidecar\'s startup probe)', () => {
    expectDenied(sidecarSet(o => container(o).startupProbe = { tcpSocket: { port: 2020 } }), 'SidecarSet/containers', 'spec.containers[0].startupProbe.successThreshold');
    expectDenied(sidecarSet(o => container(o).startupProbe = { httpGet: { port: 2020 }, successThreshold: 1 }), 'SidecarSet/containers', 'spec.containers[0].startupProbe.httpGet.path');
  });
  test('rule 15 allows liveness/readiness probes without the defaulted fields, and a complete startup probe', () => {
    expectAdmitted(sidecarSet(o => {
      container(o).livenessProbe = { httpGet: { port: 2020 } };
      container(o).readinessProbe = { tcpSocket: { port: 2020 } };
      container(o).startupProbe = { httpGet: { path: '/', port: 2020, scheme: 'HTTP' }, successThreshold: 1 };
    }));
  });
  test('rule 15 in 1.8 (ADMISSION-DELTA K8S-3) denies procMount Unmasked, which 1.7 allows', () => {
    const o = sidecarSet(s => container(s).securityContext = { procMount: 'Unmasked' });
    expectDenied(o, 'SidecarSet/containers', 'spec.containers[0].securityContext.procMount', V18);
    expect(errors(o, V17).filter(e => e.path.endsWith('procMount'))).toEqual([]);
  });
});

describe('SidecarSet rule 16 (patchPodMetadata needs the whitelist or gate SidecarSetPatchPodMetadataDefaultsAllowed)', () => {
  const patch = (o: any) => o.spec.patchPodMetadata = [{ annotations: { 'oom-score-adj': '-100' }, patchPolicy: 'Overwrite' }];
  const config = (rules: any[]) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'kruise-configuration', namespace: 'kruise-system' },
    data: { SidecarSet_PatchPodMetadata_WhiteList: JSON.stringify({ rules }) },
  });
  test('rule 16 warns when neither the gate nor the ConfigMap is known (Kruise\'s configuration decides)', () => {
    expect(expectAdmitted(sidecarSet(patch))).toEqual([expect.objectContaining({ rule: 'SidecarSet/patch-pod-metadata-allowed', severity: 'warning' })]);
  });
  test('rule 16 denies a key the reviewed kruise-configuration does not allow', () => {
    const o = sidecarSet(patch);
    expectDenied(o, 'SidecarSet/patch-pod-metadata-allowed', 'spec.patchPodMetadata[0].annotations["oom-score-adj"]',
      { version: '1.7', peers: [config([{ allowedAnnotationKeyExprs: ['^example\\.com/.*'] }]), o] });
  });
  test('rule 16 denies when the reviewed ConfigMap has no whitelist and the gate is off', () => {
    const o = sidecarSet(patch);
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kruise-configuration' }, data: {} };
    expectDenied(o, 'SidecarSet/patch-pod-metadata-allowed', 'spec.patchPodMetadata', { version: '1.7', gate: () => false, peers: [cm, o] });
  });
  test('rule 16 allows keys the whitelist allows, and any key with the gate on', () => {
    const o = sidecarSet(patch);
    expect(admit(o, { version: '1.7', peers: [config([{ allowedAnnotationKeyExprs: ['^oom-.*'] }]), o] })).toEqual([]);
    expect(admit(o, { version: '1.7', gate: g => g === 'SidecarSetPatchPodMetadataDefaultsAllowed' })).toEqual([]);
  });
});

describe('SidecarSet rule 17 (patchPodMetadata: annotations non-empty and valid, no key in two patches)', () => {
  const gateOn: AdmissionContext = { version: '1.7', gate: () => true };
  test('rule 17 denies an empty patch, an invalid key, and a key patched twice', () => {
    expectDenied(sidecarSet(o => o.spec.patchPodMetadata = [{ annotations: {} }]), 'SidecarSet/patch-pod-metadata', 'spec.patchPodMetadata[0].annotations', gateOn);
    expectDenied(sidecarSet(o => o.spec.patchPodMetadata = [{ annotations: { 'bad key': 'x' } }]),
      'SidecarSet/patch-pod-metadata', 'spec.patchPodMetadata[0].annotations["bad key"]', gateOn);
    expectDenied(sidecarSet(o => o.spec.patchPodMetadata = [{ annotations: { a: '1' }, patchPolicy: 'Overwrite' }, { annotations: { a: '{}' }, patchPolicy: 'MergePatchJson' }]),
      'SidecarSet/patch-pod-metadata', 'spec.patchPodMetadata[1].annotations["a"]', gateOn);
  });
  test('rule 17 allows distinct keys, with the patchPolicy defaulted to Retain', () => {
    expect(admit(sidecarSet(o => o.spec.patchPodMetadata = [{ annotations: { a: '1' } }, { annotations: { b: '2' }, patchPolicy: 'Overwrite' }]), gateOn)).toEqual([]);
  });
});

describe('SidecarSet rule 18 (no container, differing volume or Overwrite annotation shared with an overlapping SidecarSet)', () => {
  const other = (edit: (o: any) => void = () => {}) => sidecarSet(edit, 'other-agent');
  const review = (first: any, second: any): AdmissionContext => ({ version: '1.7', peers: [first, second] });
  test('rule 18 denies a container name an earlier overlapping SidecarSet injects', () => {
    const a = other();
    const b = sidecarSet();
    const f = expectDenied(b, 'SidecarSet/conflicts', 'spec.containers[0].name', review(a, b));
    expect(f.message).toContain('other-agent');
    expect(errors(a, review(a, b))).toEqual([]); // only the later of the two is refused
  });
  test('rule 18 denies a volume of the same name defined differently, and a shared Overwrite annotation', () => {
    const a = other(o => { container(o).name = 'other'; o.spec.volumes = [{ name: 'logs', hostPath: { path: '/var/log' } }]; });
    const b = sidecarSet();
    expectDenied(b, 'SidecarSet/conflicts', 'spec.volumes[0]', review(a, b));
    const gate = (x: any, y: any): AdmissionContext => ({ ...review(x, y), gate: () => true });
    const c = other(o => { container(o).name = 'other'; o.spec.patchPodMetadata = [{ annotations: { k: 'v' }, patchPolicy: 'Overwrite' }]; });
    const d = sidecarSet(o => o.spec.patchPodMetadata = [{ annotations: { k: 'w' }, patchPolicy: 'MergePatchJson' }]);
    expectDenied(d, 'SidecarSet/conflicts', 'spec.patchPodMetadata[0].annotations["k"]', gate(c, d));
  });
  test('rule 18 allows the same names when the selectors or namespaces cannot overlap, and equal volumes', () => {
    const b = sidecarSet();
    expectAdmitted(b, review(other(o => o.spec.selector = { matchLabels: { app: 'api' } }), b));
    const inB = sidecarSet(o => o.spec.namespace = 'b');
    expectAdmitted(inB, review(other(o => o.spec.namespace = 'a'), inB));
    const sameVolume = other(o => { container(o).name = 'other'; o.spec.volumes = [{ name: 'logs', emptyDir: {} }]; });
    expect(admit(b, review(sameVolume, b))).toEqual([]);
    const retained = other(o => { container(o).name = 'other'; o.spec.patchPodMetadata = [{ annotations: { k: 'v' }, patchPolicy: 'Retain' }]; });
    const d = sidecarSet(o => o.spec.patchPodMetadata = [{ annotations: { k: 'w' }, patchPolicy: 'MergePatchJson' }]);
    expect(errors(d, { ...review(retained, d), gate: () => true })).toEqual([]);
  });
  test('rule 18 reads namespaceSelectors against the reviewed Namespaces (an unknown namespace matches no selector, as a failed lookup upstream)', () => {
    const a = other(o => o.spec.namespaceSelector = { matchLabels: { team: 'checkout' } });
    const b = sidecarSet(o => o.spec.namespace = 'shop');
    const shop = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { team: 'checkout' } } };
    expectDenied(b, 'SidecarSet/conflicts', 'spec.containers[0].name', { version: '1.7', peers: [shop, a, b] });
    expect(errors(b, review(a, b))).toEqual([]);
    // In the other order upstream tests the earlier SidecarSet's namespace against that SidecarSet's own (absent)
    // namespaceSelector, which matches nothing: no conflict.
    const c = other(o => o.spec.namespace = 'shop');
    const d = sidecarSet(o => o.spec.namespaceSelector = { matchLabels: { team: 'checkout' } });
    expect(errors(d, { version: '1.7', peers: [shop, c, d] })).toEqual([]);
  });
  test('rule 18 compares volumes after Kubernetes\' defaults (a sourceless volume is an emptyDir; defaultMode 420)', () => {
    const a = other(o => { container(o).name = 'other'; o.spec.volumes = [{ name: 'logs' }, { name: 'cfg', configMap: { name: 'c', defaultMode: 420 } }]; });
    const b = sidecarSet(o => o.spec.volumes.push({ name: 'cfg', configMap: { name: 'c' } }));
    expect(errors(b, review(a, b))).toEqual([]);
  });
});

describe('SidecarSet in 1.8 (ADMISSION-DELTA SS-1, SS-2)', () => {
  test('SS-1 allows revision policy Partial at 1.8', () => {
    expectAdmitted(sidecarSet(o => o.spec.injectionStrategy = { revision: { customVersion: 'v1', policy: 'Partial' } }), V18);
  });
  test('SS-1 still denies an unknown policy at 1.8', () => {
    expectDenied(sidecarSet(o => o.spec.injectionStrategy = { revision: { customVersion: 'v1', policy: 'Never' } }),
      'SidecarSet/injection-revision-policy', 'spec.injectionStrategy.revision.policy', V18);
  });
  test('SS-2 denies at 1.8 a set partition together with an update selector', () => {
    for (const partition of [2, '0%']) {
      expectDenied(sidecarSet(o => o.spec.updateStrategy = { partition, selector: { matchLabels: { canary: 'true' } } }),
        'SidecarSet/partition-with-selector', 'spec.updateStrategy', V18);
    }
  });
  test('SS-2 allows at 1.8 partition 0 (the default) with a selector, and both together at 1.7', () => {
    expectAdmitted(sidecarSet(o => o.spec.updateStrategy = { partition: 0, selector: { matchLabels: { canary: 'true' } } }), V18);
    expectAdmitted(sidecarSet(o => o.spec.updateStrategy = { selector: { matchLabels: { canary: 'true' } } }), V18);
    expectAdmitted(sidecarSet(o => o.spec.updateStrategy = { partition: 2, selector: { matchLabels: { canary: 'true' } } }), V17);
  });
});

test('the release-notes native sidecar SidecarSet (NotUpdate) is admitted', () => {
  const o = {
    apiVersion: 'apps.kruise.io/v1alpha1',
    kind: 'SidecarSet',
    metadata: { name: 'test-sidecarset' },
    spec: {
      selector: { matchLabels: { app: 'sample' } },
      updateStrategy: { type: 'NotUpdate' },
      initContainers: [{ name: 'sidecar', image: 'nginx:alpine', restartPolicy: 'Always', lifecycle: { postStart: { exec: { command: ['/bin/sh', '-c', 'sleep 10'] } } } }],
    },
  };
  expect(admit(o, V17)).toEqual([]);
});

test('the engine never throws on malformed SidecarSets', () => {
  const specs = [null, 'x', [], { containers: 'x', initContainers: [null, 1], volumes: {} },
    { selector: 'x', updateStrategy: 'RollingUpdate', injectionStrategy: { revision: 'x' }, patchPodMetadata: [null, { annotations: 'x' }] },
    { containers: [{ transferEnv: 'x', shareVolumePolicy: 'enabled', startupProbe: 'x', securityContext: 1 }] },
    { containers: [{ transferEnv: [null, { sourceContainerNameFrom: { fieldRef: 'x' } }] }], updateStrategy: { priorityStrategy: { weightPriority: [null] }, scatterStrategy: [null] } }];
  for (const spec of specs) {
    const o = { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'SidecarSet', metadata: { name: 'x' }, spec };
    expect(() => admit(o, { version: '1.8', peers: [sidecarSet(), o, { kind: 'SidecarSet', apiVersion: 'apps.kruise.io/v1alpha1', spec: 'x' }] })).not.toThrow();
  }
});


const errorRules = (obj: any, version: string) => [...new Set(admit(obj, { version }).filter(f => f.severity === 'error').map(f => f.rule))].sort();

describeWithReference('SidecarSet upstream examples', dir => {
  test('every complete example is admitted, except the manual\'s placeholder "disabled | enabled" and dotted volume name', () => {
    const complete = upstreamExamples(dir, 'SidecarSet').filter(e => e.obj.spec?.selector && (e.obj.spec.containers || e.obj.spec.initContainers));
    expect(complete.length).toBeGreaterThanOrEqual(8);
    for (const { version, file, obj } of complete) {
      const placeholder = obj.spec.containers?.[0]?.shareVolumePolicy?.type === 'disabled | enabled';
      expect([file, errorRules(obj, version)]).toEqual([file, placeholder ? ['SidecarSet/containers', 'SidecarSet/share-volume-policy'] : []]);
    }
  });
  test('the manual\'s fragments (no selector, no containers) are denied for exactly that', () => {
    const fragments = upstreamExamples(dir, 'SidecarSet').filter(e => !e.obj.spec?.selector);
    expect(fragments.length).toBeGreaterThan(0);
    for (const { obj, version } of fragments) {
      expect(errorRules(obj, version)).toEqual(expect.arrayContaining(['SidecarSet/containers-required', 'SidecarSet/selector']));
    }
  });
});
