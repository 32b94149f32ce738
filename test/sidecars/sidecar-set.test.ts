import * as path from 'path';
import { ApiObject, Chart, JsonPatch, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  ExistingKruise, FeatureGate, IntOrPercent, KruiseVersion, SidecarInjectPolicy, SidecarSet, SidecarSetInjectRevisionPolicy, SidecarSetPatchPolicy,
  SidecarSetUpdateStrategy, SidecarShareVolumePolicy, SidecarUpgradeStrategy, UpdatePriority,
} from '../../src';
import { missingFrom, newChart } from '../util/l2';
import { describeWithReference, describeWithReferenceFor, readYamlDocs } from '../util/reference';
import { only, synthChecked, validationErrors } from '../util/validations';
import { chartFor, chartUnder, REFERENCE_LINES, synthValidFor, synthValidUnder } from '../util/versions';

const sel = (labels: { [k: string]: string }) => kplus.LabelSelector.of({ labels });
const app = sel({ app: 'web' });

function sidecarSet(chart: Chart, props: any = {}, id = 'ss'): SidecarSet {
  return new SidecarSet(chart, id, { metadata: { name: id }, selector: app, containers: [{ name: 'proxy', image: 'envoy' }], ...props });
}

describe('SidecarSet', () => {
  test('emits the fields that were set, cluster-scoped (no namespace even in a namespaced chart)', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'team' });
    const secret = kplus.Secret.fromSecretName(chart, 'pull', 'registry');
    const ss = new SidecarSet(chart, 'ss', {
      metadata: { name: 'mesh' },
      selector: kplus.LabelSelector.of({ labels: { app: 'web' }, expressions: [kplus.LabelExpression.exists('mesh')] }),
      namespace: 'prod',
      imagePullSecrets: [secret],
      injectionStrategy: { paused: true, revision: { customVersion: 'v1', policy: SidecarSetInjectRevisionPolicy.ALWAYS } },
      updateStrategy: SidecarSetUpdateStrategy.rollingUpdate({
        partition: IntOrPercent.percent(50),
        maxUnavailable: IntOrPercent.count(2),
        selector: sel({ canary: 'true' }),
        paused: true,
        priority: UpdatePriority.ordered(['rank']),
        scatter: [{ key: 'zone', value: 'a' }],
      }),
      revisionHistoryLimit: 3,
      customVersion: 'v2',
    });
    const logs = kplus.Volume.fromEmptyDir(chart, 'logs', 'logs');
    ss.addContainer({
      name: 'proxy',
      image: 'envoy:1.30',
      volumeMounts: [{ volume: logs, path: '/var/log' }],
      podInjectPolicy: SidecarInjectPolicy.AFTER_APP_CONTAINER,
      shareVolumePolicy: SidecarShareVolumePolicy.ENABLED,
      transferEnv: [{ sourceContainerName: 'main', envName: 'PROXY_IP' }, { sourceContainerNameFrom: { fieldPath: 'metadata.labels[\'c\']', apiVersion: 'v1' }, envNames: ['A', 'B'] }],
      upgradeStrategy: SidecarUpgradeStrategy.hotUpgrade('envoy:empty'),
    });
    const m = only(synthChecked(chart), 'SidecarSet');
    expect(m.apiVersion).toBe('apps.kruise.io/v1alpha1');
    expect(m.metadata).toEqual({ name: 'mesh', labels: { 'apps.kruise.io/sidecarset-custom-version': 'v2' } });
    expect(m.spec).toEqual({
      selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'mesh', operator: 'Exists' }] },
      namespace: 'prod',
      containers: [{
        name: 'proxy',
        image: 'envoy:1.30',
        volumeMounts: [{ name: 'logs', mountPath: '/var/log' }],
        podInjectPolicy: 'AfterAppContainer',
        shareVolumePolicy: { type: 'enabled' },
        transferEnv: [
          { sourceContainerName: 'main', envName: 'PROXY_IP' },
          { sourceContainerNameFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.labels[\'c\']' } }, envNames: ['A', 'B'] },
        ],
        upgradeStrategy: { upgradeType: 'HotUpgrade', hotUpgradeEmptyImage: 'envoy:empty' },
      }],
      volumes: [{ name: 'logs', emptyDir: {} }],
      imagePullSecrets: [{ name: 'registry' }],
      injectionStrategy: { paused: true, revision: { customVersion: 'v1', policy: 'Always' } },
      updateStrategy: {
        type: 'RollingUpdate',
        partition: '50%',
        maxUnavailable: 2,
        selector: { matchLabels: { canary: 'true' } },
        paused: true,
        priorityStrategy: { orderPriority: [{ orderedKey: 'rank' }] },
        scatterStrategy: [{ key: 'zone', value: 'a' }],
      },
      revisionHistoryLimit: 3,
    });
  });

  test('no cdk8s-plus defaults leak: no resources, securityContext, imagePullPolicy or startup probe unless set', () => {
    const chart = newChart();
    sidecarSet(chart, { containers: [{ name: 'proxy', image: 'envoy', portNumber: 15001 }] });
    const c = only(synthChecked(chart), 'SidecarSet').spec.containers[0];
    expect(c).toEqual({ name: 'proxy', image: 'envoy', ports: [{ containerPort: 15001 }] });
  });

  test('what the user sets on a container is kept, quantities and ports rendered as plain values', () => {
    const chart = newChart();
    sidecarSet(chart, {
      containers: [{
        name: 'proxy',
        image: 'envoy',
        imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
        resources: { cpu: { request: kplus.Cpu.millis(100) }, memory: { limit: Size.mebibytes(64) } },
        securityContext: { user: 1337, ensureNonRoot: true, readOnlyRootFilesystem: false, allowPrivilegeEscalation: false, privileged: false },
        readiness: kplus.Probe.fromTcpSocket({ port: 15021 }),
        ports: [{ number: 15090, hostIp: '127.0.0.1', hostPort: 15090 }],
      }],
    });
    const c = only(synthChecked(chart), 'SidecarSet').spec.containers[0];
    expect(c.imagePullPolicy).toBe('IfNotPresent');
    expect(c.resources).toEqual({ requests: { cpu: '100m' }, limits: { memory: '64Mi' } });
    expect(c.securityContext.runAsUser).toBe(1337);
    expect(c.readinessProbe.tcpSocket).toEqual({ port: 15021 });
    expect(c.ports).toEqual([{ containerPort: 15090, hostIP: '127.0.0.1', hostPort: 15090 }]);
  });

  test('volumes: explicit ones and those the containers mount, each once', () => {
    const chart = newChart();
    const a = kplus.Volume.fromEmptyDir(chart, 'a', 'a');
    const b = kplus.Volume.fromEmptyDir(chart, 'b', 'b');
    const ss = sidecarSet(chart, { volumes: [a], containers: [] });
    ss.addContainer({ name: 'x', image: 'x', volumeMounts: [{ volume: a, path: '/a' }, { volume: b, path: '/b' }] });
    ss.addInitContainer({ name: 'y', image: 'y', volumeMounts: [{ volume: b, path: '/b' }] });
    expect(only(synthChecked(chart), 'SidecarSet').spec.volumes.map((v: any) => v.name)).toEqual(['a', 'b']);
  });

  test('two different volumes of one name are refused', () => {
    const chart = newChart();
    const ss = sidecarSet(chart, { volumes: [kplus.Volume.fromEmptyDir(chart, 'a', 'data')] });
    expect(() => ss.addVolume(kplus.Volume.fromEmptyDir(chart, 'b', 'data')))
      .toThrow('test/ss: spec.volumes "data": two different volumes have this name; give each volume its own name');
    expect(() => ss.addContainer({ name: 'x', image: 'x', volumeMounts: [{ volume: kplus.Volume.fromEmptyDir(chart, 'c', 'data'), path: '/d' }] }))
      .toThrow('test/ss: spec.volumes "data": container x mounts a different volume with the name of another; give each volume its own name');
  });

  test('patchPodMetadata is emitted with its policy', () => {
    const chart = newChart();
    new ExistingKruise(chart, 'kruise', { featureGates: [FeatureGate.SIDECAR_SET_PATCH_POD_METADATA_DEFAULTS_ALLOWED.enable()] });
    const ss = sidecarSet(chart);
    ss.addPatchPodMetadata({ annotations: { 'mesh/version': 'v1' }, patchPolicy: SidecarSetPatchPolicy.OVERWRITE });
    expect(only(synthChecked(chart), 'SidecarSet').spec.patchPodMetadata).toEqual([{ annotations: { 'mesh/version': 'v1' }, patchPolicy: 'Overwrite' }]);
  });

  describe('native sidecars (Kruise 1.7)', () => {
    const native = { name: 'agent', image: 'agent', restartPolicy: kplus.ContainerRestartPolicy.ALWAYS };

    test('an init container with restartPolicy Always makes updateStrategy default to NotUpdate (emitted)', () => {
      const chart = newChart();
      const ss = sidecarSet(chart, { containers: [], initContainers: [native] });
      expect(ss.hasNativeSidecar).toBe(true);
      const spec = only(synthChecked(chart), 'SidecarSet').spec;
      expect(spec.updateStrategy).toEqual({ type: 'NotUpdate' });
      expect(spec.initContainers).toEqual([{ name: 'agent', image: 'agent', restartPolicy: 'Always' }]);
    });

    test('without a native sidecar no updateStrategy is emitted (Kruise defaults to RollingUpdate)', () => {
      const chart = newChart();
      sidecarSet(chart, { initContainers: [{ name: 'init', image: 'busybox' }] });
      expect(only(synthChecked(chart), 'SidecarSet').spec.updateStrategy).toBeUndefined();
    });

    test('rule 22: an explicit RollingUpdate is refused with a native sidecar (props)', () => {
      const chart = newChart();
      expect(() => sidecarSet(chart, { containers: [], initContainers: [native], updateStrategy: SidecarSetUpdateStrategy.rollingUpdate() }))
        .toThrow('test/ss: spec.initContainers[0].restartPolicy "Always": Kruise 1.7 cannot update native sidecars (init containers with restartPolicy Always) in place, so it rejects them with a RollingUpdate strategy; use SidecarSetUpdateStrategy.notUpdate() or leave updateStrategy unset');
    });

    test('rule 22: an explicit RollingUpdate is refused with a native sidecar (addInitContainer later)', () => {
      const chart = newChart();
      const ss = sidecarSet(chart, { updateStrategy: SidecarSetUpdateStrategy.rollingUpdate({ maxUnavailable: IntOrPercent.count(1) }) });
      expect(() => ss.addInitContainer(native)).toThrow(/spec\.initContainers\[0\]\.restartPolicy "Always": Kruise 1\.7 cannot update native sidecars/);
    });

    test('notUpdate() with a native sidecar is accepted', () => {
      const chart = newChart();
      sidecarSet(chart, { initContainers: [native], updateStrategy: SidecarSetUpdateStrategy.notUpdate() });
      expect(only(synthChecked(chart), 'SidecarSet').spec.updateStrategy).toEqual({ type: 'NotUpdate' });
    });

    test('Kubernetes < 1.28 (from the targeted install): synth fails', () => {
      const chart = newChart();
      new ExistingKruise(chart, 'kruise', { kubernetesVersion: '1.27' });
      sidecarSet(chart, { initContainers: [native] });
      expect(validationErrors(chart)).toEqual([
        'test/ss: spec.initContainers[0].restartPolicy "Always": native sidecars need Kubernetes 1.29+ (1.28 with the SidecarContainers feature gate), but the Kruise install at test/kruise declares Kubernetes 1.27; upgrade the cluster (and its kubernetesVersion), or drop restartPolicy and use a regular sidecar container',
      ]);
    });

    test('Kubernetes 1.28: synth fails unless sidecarContainersGateEnabled says the gate is on', () => {
      const chart = newChart();
      new ExistingKruise(chart, 'kruise', { kubernetesVersion: '1.28' });
      sidecarSet(chart, { initContainers: [native] }, 'off');
      sidecarSet(chart, { selector: sel({ app: 'other' }), initContainers: [native], sidecarContainersGateEnabled: true }, 'on');
      expect(validationErrors(chart)).toEqual([
        'test/off: spec.initContainers[0].restartPolicy "Always": native sidecars on Kubernetes 1.28 need the alpha SidecarContainers feature gate (without it the API server drops restartPolicy and pods never start), and the Kruise install at test/kruise declares Kubernetes 1.28; set sidecarContainersGateEnabled: true if the cluster has the gate on, or upgrade to 1.29+',
      ]);
    });

    test('Kubernetes 1.29, or no install (default 1.31 assumed): accepted', () => {
      const chart = newChart();
      new ExistingKruise(chart, 'kruise', { kubernetesVersion: '1.29' });
      sidecarSet(chart, { initContainers: [native] });
      expect(validationErrors(chart)).toEqual([]);
      const alone = newChart();
      sidecarSet(alone, { initContainers: [native] });
      expect(validationErrors(alone)).toEqual([]);
    });

    test('the version check only concerns native sidecars', () => {
      const chart = newChart();
      new ExistingKruise(chart, 'kruise', { kubernetesVersion: '1.20' });
      sidecarSet(chart, { initContainers: [{ name: 'init', image: 'busybox' }] });
      expect(validationErrors(chart)).toEqual([]);
    });
  });

  describe('rule 21: name and namespace scope', () => {
    test('a name with characters other than letters, digits and - is refused', () => {
      expect(() => sidecarSet(newChart(), { metadata: { name: 'mesh.v1' } }))
        .toThrow('test/ss: metadata.name "mesh.v1": Kruise only accepts SidecarSet names of letters, digits and \'-\'; rename it, e.g. without dots');
    });

    test('a name longer than 63 characters is refused', () => {
      const name = 'a'.repeat(64);
      expect(() => sidecarSet(newChart(), { metadata: { name } }))
        .toThrow(`test/ss: metadata.name "${name}": Kruise accepts SidecarSet names of at most 63 characters (this one has 64); use a shorter name`);
    });

    test('the rule also applies to names set later (checked at synth)', () => {
      const chart = newChart();
      const ss = new SidecarSet(chart, 'ss', { selector: app, containers: [{ name: 'x', image: 'x' }] });
      ApiObject.of(ss).metadata; // generated name is valid
      expect(validationErrors(chart)).toEqual([]);
    });

    test('namespace and namespaceSelector are exclusive', () => {
      expect(() => sidecarSet(newChart(), { namespace: 'prod', namespaceSelector: sel({ env: 'prod' }) }))
        .toThrow('test/ss: spec.namespace "prod": namespace and namespaceSelector are mutually exclusive; give only one of them');
    });

    test('namespaceSelector alone is emitted', () => {
      const chart = newChart();
      sidecarSet(chart, { namespaceSelector: sel({ env: 'prod' }) });
      expect(only(synthChecked(chart), 'SidecarSet').spec.namespaceSelector).toEqual({ matchLabels: { env: 'prod' } });
    });
  });

  describe('rule 23: names unique across overlapping SidecarSets (create-time part)', () => {
    test('same container name and overlapping selectors: the second fails (the review, Kruise\'s rule)', () => {
      const chart = newChart();
      sidecarSet(chart, {}, 'a');
      sidecarSet(chart, { selector: kplus.LabelSelector.of({ expressions: [kplus.LabelExpression.in('app', ['web', 'api'])] }) }, 'b');
      // Kruise's rule, from the review: Kruise rejects the SidecarSet created second.
      expect(validationErrors(chart)).toEqual([
        expect.stringMatching(/^SidecarSet b: spec.containers\[0\].name: .*"proxy".* \[SidecarSet\/conflicts\]/),
      ]);
    });

    test('disjoint selectors: accepted', () => {
      const chart = newChart();
      sidecarSet(chart, {}, 'a');
      sidecarSet(chart, { selector: sel({ app: 'api' }) }, 'b');
      sidecarSet(chart, { selector: kplus.LabelSelector.of({ expressions: [kplus.LabelExpression.notIn('app', ['web', 'api'])] }) }, 'c');
      expect(validationErrors(chart)).toEqual([]);
    });

    test('different namespaces, or disjoint namespace selectors: accepted; all namespaces overlaps any', () => {
      const chart = newChart();
      sidecarSet(chart, { namespace: 'x' }, 'a');
      sidecarSet(chart, { namespace: 'y' }, 'b');
      sidecarSet(chart, { namespaceSelector: sel({ env: 'prod' }) }, 'c');
      sidecarSet(chart, { namespaceSelector: sel({ env: 'dev' }) }, 'd');
      expect(validationErrors(chart)).toEqual([]);
      sidecarSet(chart, {}, 'all');
      const errors = validationErrors(chart);
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.every(e => /^SidecarSet all: .*\[SidecarSet\/conflicts\]/.test(e))).toBe(true);
    });

    test('a volume of the same name must be the same volume', () => {
      const chart = newChart();
      sidecarSet(chart, { containers: [{ name: 'a', image: 'a' }], volumes: [kplus.Volume.fromEmptyDir(chart, 'v1', 'shared')] }, 'a');
      sidecarSet(chart, { containers: [{ name: 'b', image: 'b' }], volumes: [kplus.Volume.fromEmptyDir(chart, 'v2', 'shared')] }, 'b');
      sidecarSet(chart, { containers: [{ name: 'c', image: 'c' }], volumes: [kplus.Volume.fromHostPath(chart, 'v3', 'shared', { path: '/x' })] }, 'c');
      // Kruise's rule, from the review: the SidecarSet created last, c, clashes with a and b.
      const errors = validationErrors(chart);
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.every(e => /^SidecarSet c: spec.volumes.*"shared".*\[SidecarSet\/conflicts\]/.test(e))).toBe(true);
    });
  });

  describe('rule 24: patchPodMetadata and revision', () => {
    const patch = { annotations: { 'mesh/version': 'v1' }, patchPolicy: SidecarSetPatchPolicy.RETAIN };

    test('patchPodMetadata without whitelist needs SidecarSetPatchPodMetadataDefaultsAllowed: off fails', () => {
      const chart = newChart();
      new ExistingKruise(chart, 'kruise');
      sidecarSet(chart).addPatchPodMetadata(patch);
      expect(validationErrors(chart)).toEqual([
        'SidecarSet test/ss spec.patchPodMetadata (with no whitelist entry in kruise-configuration; set patchPodMetadataWhitelisted if there is one) needs the feature gate SidecarSetPatchPodMetadataDefaultsAllowed, which is off in the Kruise install at test/kruise; add FeatureGate.SIDECAR_SET_PATCH_POD_METADATA_DEFAULTS_ALLOWED.enable() to the featureGates of Kruise.fromExisting() (and start that install with --feature-gates=SidecarSetPatchPodMetadataDefaultsAllowed=true)',
      ]);
    });

    test('patchPodMetadata with patchPodMetadataWhitelisted needs no gate', () => {
      const chart = newChart();
      new ExistingKruise(chart, 'kruise');
      sidecarSet(chart, { patchPodMetadataWhitelisted: true }).addPatchPodMetadata(patch);
      expect(validationErrors(chart)).toEqual([]);
    });

    test('an annotation key in two patches, an empty patch, or a missing policy is refused', () => {
      const ss = sidecarSet(newChart(), { patchPodMetadataWhitelisted: true });
      ss.addPatchPodMetadata(patch);
      expect(() => ss.addPatchPodMetadata({ annotations: { 'mesh/version': 'v2' }, patchPolicy: SidecarSetPatchPolicy.OVERWRITE }))
        .toThrow('test/ss: spec.patchPodMetadata[1].annotations "mesh/version": this annotation is patched already by an earlier patch; patch each annotation key once');
      expect(() => ss.addPatchPodMetadata({ annotations: {}, patchPolicy: SidecarSetPatchPolicy.RETAIN }))
        .toThrow('test/ss: spec.patchPodMetadata[1].annotations {}: Kruise rejects a patch without annotations; give at least one annotation');
      expect(() => ss.addPatchPodMetadata({ annotations: { x: 'y' } } as any))
        .toThrow('test/ss: spec.patchPodMetadata[1].patchPolicy (unset): Kruise requires a patch policy; use SidecarSetPatchPolicy.RETAIN, OVERWRITE or MERGE_PATCH_JSON');
    });

    test('a revision needs revisionName or customVersion', () => {
      expect(() => sidecarSet(newChart(), { injectionStrategy: { revision: { policy: SidecarSetInjectRevisionPolicy.ALWAYS } } }))
        .toThrow('test/ss: spec.injectionStrategy.revision {"policy":"Always"}: Kruise needs revisionName or customVersion to find the revision; give one of them');
    });
  });

  describe('other Kruise rules', () => {
    test('an empty selector is refused', () => {
      expect(() => sidecarSet(newChart(), { selector: kplus.LabelSelector.of() }))
        .toThrow('test/ss: spec.selector {}: Kruise rejects an empty selector; select by at least one label, e.g. LabelSelector.of({ labels: { app: \'web\' } })');
    });

    test('a SidecarSet without containers fails at synth', () => {
      const chart = newChart();
      sidecarSet(chart, { containers: [] });
      expect(validationErrors(chart)).toEqual([expect.stringMatching(/^SidecarSet ss: spec: .* \[SidecarSet\/containers-required\]/)]);
    });

    test('restartPolicy on a regular container, a missing or duplicate name are refused', () => {
      const ss = sidecarSet(newChart());
      expect(() => ss.addContainer({ name: 'a', image: 'a', restartPolicy: kplus.ContainerRestartPolicy.ALWAYS }))
        .toThrow('test/ss: spec.containers[1].restartPolicy "Always": only init containers take a restartPolicy; use addInitContainer() for a native sidecar, or remove restartPolicy');
      expect(() => ss.addContainer({ image: 'a' }))
        .toThrow('test/ss: spec.containers[1].name (unset): a sidecar needs its own name (cdk8s-plus would call it "main", which clashes with app containers); give the container a name');
      expect(() => ss.addInitContainer({ name: 'proxy', image: 'a' }))
        .toThrow('test/ss: spec.initContainers[0].name "proxy": container names must be unique across containers and initContainers; give each container its own name');
    });

    test('transferEnv needs exactly one source and one of envName/envNames', () => {
      const ss = sidecarSet(newChart());
      expect(() => ss.addContainer({ name: 'a', image: 'a', transferEnv: [{ envName: 'X' }] }))
        .toThrow('test/ss: spec.containers[1].transferEnv[0] {"envName":"X"}: give exactly one of sourceContainerName and sourceContainerNameFrom; name the source container, or the pod field that holds its name');
      expect(() => ss.addContainer({ name: 'a', image: 'a', transferEnv: [{ sourceContainerName: 'main', envName: 'X', envNames: ['Y'] }] }))
        .toThrow(/transferEnv\[0\] .*: give exactly one of envName and envNames/);
    });

    test('maxUnavailable 0 is accepted, as Kruise accepts it, with a warning; hot upgrade needs an empty image', () => {
      const chart = newChart();
      const ss = sidecarSet(chart, { updateStrategy: SidecarSetUpdateStrategy.rollingUpdate({ maxUnavailable: IntOrPercent.count(0) }) });
      expect(validationErrors(chart)).toEqual([]);
      expect(only(Testing.synth(chart), 'SidecarSet').spec.updateStrategy.maxUnavailable).toBe(0);
      expect(ApiObject.of(ss).node.metadata.filter(m => m.type === 'warning').map(m => m.data))
        .toEqual([expect.stringMatching(/^SidecarSet ss: spec.updateStrategy.maxUnavailable: .*\[SidecarSet\/max-unavailable\]/)]);
      expect(() => SidecarUpgradeStrategy.hotUpgrade('')).toThrow(/hot upgrade needs hotUpgradeEmptyImage/);
    });

    test('a container without an image gets a message, not a TypeError', () => {
      expect(() => sidecarSet(newChart(), { containers: [{ name: 'proxy' } as any] }))
        .toThrow(new Error("test/ss: spec.containers[0].image (unset): a sidecar container needs an image (Kruise injects it into the pods as it is); give image, e.g. 'envoyproxy/envoy:v1.30.1'"));
      expect(() => sidecarSet(newChart()).addInitContainer({ name: 'init', image: '' }))
        .toThrow(/spec.initContainers\[0\].image "": a sidecar container needs an image/);
    });

    test('init containers take neither podInjectPolicy nor upgradeStrategy', () => {
      expect(() => sidecarSet(newChart()).addInitContainer({ name: 'i', image: 'i', upgradeStrategy: SidecarUpgradeStrategy.coldUpgrade() } as any))
        .toThrow('test/ss: spec.initContainers[0] "i": podInjectPolicy and upgradeStrategy apply to sidecar containers only; remove them, or use addContainer()');
    });

    test('metadata.namespace is refused (cluster-scoped)', () => {
      expect(() => sidecarSet(newChart(), { metadata: { name: 'x', namespace: 'prod' } }))
        .toThrow('test/ss: metadata.namespace "prod": SidecarSet is cluster-scoped, so it has no namespace; remove metadata.namespace');
    });
  });

  test('feature gate PodWebhook off: accepted (as Kruise accepts it) with a warning that nothing is injected', () => {
    const off = newChart();
    new ExistingKruise(off, 'kruise', { featureGates: [FeatureGate.POD_WEBHOOK.disable()] });
    const ss = sidecarSet(off);
    expect(validationErrors(off)).toEqual([]);
    expect(ApiObject.of(ss).node.metadata.filter(m => m.type === 'warning').map(m => m.data)).toEqual(expect.arrayContaining([
      expect.stringMatching(/: kind: Kruise accepts this SidecarSet, but with the feature gate PodWebhook off in the Kruise install at test\/kruise, no sidecar is injected .* \[gates\/sidecarset-pod-webhook\]/),
    ]));
  });

  test('escape hatch: a JSON patch reaches the output', () => {
    const chart = newChart();
    const ss = sidecarSet(chart);
    ApiObject.of(ss).addJsonPatch(JsonPatch.add('/spec/containers/0/terminationMessagePolicy', 'FallbackToLogsOnError'));
    expect(only(synthChecked(chart), 'SidecarSet').spec.containers[0].terminationMessagePolicy).toBe('FallbackToLogsOnError');
  });
});

/** The native-sidecar SidecarSet of the 1.7 release notes (a docs example in 1.8). */
function nativeSidecarExample(chart: Chart): void {
  const ss = new SidecarSet(chart, 'ss', { metadata: { name: 'test-sidecarset' }, selector: sel({ app: 'sample' }) });
  ss.addInitContainer({
    name: 'sidecar',
    image: 'nginx:alpine',
    restartPolicy: kplus.ContainerRestartPolicy.ALWAYS,
    lifecycle: { postStart: kplus.Handler.fromCommand(['/bin/sh', '-c', 'sleep 10']) },
  });
}

describeWithReference('SidecarSet reproduces the reference examples', (ref) => {
  test('seed-examples.yaml: the native-sidecar SidecarSet, exactly (deep-equal, no extra fields)', () => {
    const expected = readYamlDocs(path.join(ref, 'seed-examples.yaml')).find(d => d.kind === 'SidecarSet');
    const chart = newChart();
    nativeSidecarExample(chart);
    expect(only(synthChecked(chart), 'SidecarSet')).toEqual(expected);
  });
});

for (const line of REFERENCE_LINES) {
  describeWithReferenceFor(line, `SidecarSet reproduces the Kruise ${line} docs examples`, (ref) => {
    const docs = (file: string) => readYamlDocs(path.join(ref, 'docs-examples', file)).filter(d => d.kind === 'SidecarSet');
    describeSidecarSetDocs(line, docs, () => chartFor(line), (chart: Chart) => synthValidFor(chart, line));
  });
}

function describeSidecarSetDocs(line: string, docs: (file: string) => any[], fresh: () => Chart, check: (chart: Chart) => any[]): void {
  const count = line === '1.7' ? 11 : 13;
  describe(`docs-examples/sidecarset.yaml (${count})`, () => {
    const examples = docs('sidecarset.yaml');
    test(`there are ${count}`, () => expect(examples.length).toBe(count));

    /** Fragments carry only an updateStrategy: a selector and a container are added (extra fields). */
    const fragment = (chart: Chart, name: string, updateStrategy: SidecarSetUpdateStrategy) =>
      new SidecarSet(chart, 'ss', { metadata: { name }, selector: app, containers: [{ name: 'x', image: 'x' }], updateStrategy });

    const builders17: Array<(chart: Chart) => void> = [
      (chart) => {
        const log = kplus.Volume.fromEmptyDir(chart, 'log', 'log-volume');
        new SidecarSet(chart, 'ss', {
          metadata: { name: 'test-sidecarset' },
          selector: sel({ app: 'nginx' }),
          updateStrategy: SidecarSetUpdateStrategy.rollingUpdate({ maxUnavailable: IntOrPercent.count(1) }),
          containers: [{ name: 'sidecar1', image: 'centos:6.7', command: ['sleep', '999d'], volumeMounts: [{ volume: log, path: '/var/log' }] }],
        });
      },
      (chart) => new SidecarSet(chart, 'ss', {
        metadata: { name: 'sidecarset' },
        selector: sel({ app: 'sample' }),
        containers: [{ name: 'nginx', image: 'nginx:alpine' }],
        initContainers: [{ name: 'init-container', image: 'busybox:latest', command: ['/bin/sh', '-c', 'sleep 5 && echo \'init container success\''] }],
        updateStrategy: SidecarSetUpdateStrategy.rollingUpdate(),
        namespace: 'ns-1',
      }),
      (chart) => {
        const conf = kplus.Volume.fromHostPath(chart, 'conf', 'nginx.conf', { path: '/data/nginx/conf' });
        new SidecarSet(chart, 'ss', {
          metadata: { name: 'sidecarset' },
          selector: sel({ app: 'sample' }),
          containers: [{
            name: 'nginx',
            image: 'nginx:alpine',
            volumeMounts: [{ volume: conf, path: '/nginx/conf' }],
            podInjectPolicy: SidecarInjectPolicy.BEFORE_APP_CONTAINER,
            shareVolumePolicy: SidecarShareVolumePolicy.ENABLED,
            transferEnv: [
              { sourceContainerName: 'main', envName: 'PROXY_IP' },
              { sourceContainerNameFrom: { apiVersion: 'v1', fieldPath: 'metadata.labels[\'cName\']' }, envName: 'TC' },
            ],
          }],
        });
      },
      // (1.8 inserts its two new examples here)
      (chart) => fragment(chart, 'sidecarset', SidecarSetUpdateStrategy.rollingUpdate({ partition: IntOrPercent.count(90) })),
      (chart) => fragment(chart, 'sidecarset', SidecarSetUpdateStrategy.rollingUpdate({ maxUnavailable: IntOrPercent.percent(20) })),
      (chart) => fragment(chart, 'sidecarset', SidecarSetUpdateStrategy.rollingUpdate({ paused: true })),
      (chart) => fragment(chart, 'sidecarset', SidecarSetUpdateStrategy.rollingUpdate({ selector: sel({ 'canary.release': 'true' }) })),
      (chart) => fragment(chart, 'sidecarset', SidecarSetUpdateStrategy.rollingUpdate({ scatter: [{ key: 'foo', value: 'bar' }] })),
      (chart) => fragment(chart, 'sidecarset-weighted', SidecarSetUpdateStrategy.rollingUpdate({
        priority: UpdatePriority.weighted([{ weight: 50, matchLabels: { 'test-key': 'foo' } }, { weight: 30, matchLabels: { 'test-key': 'bar' } }]),
      })),
      (chart) => fragment(chart, 'sidecarset-ordered', SidecarSetUpdateStrategy.rollingUpdate({ priority: UpdatePriority.ordered(['some-label-key']) })),
      (chart) => new SidecarSet(chart, 'ss', {
        metadata: { name: 'hotupgrade-sidecarset' },
        selector: sel({ app: 'hotupgrade' }),
        containers: [{
          name: 'sidecar',
          image: 'openkruise/hotupgrade-sample:sidecarv1',
          imagePullPolicy: kplus.ImagePullPolicy.ALWAYS,
          lifecycle: { postStart: kplus.Handler.fromCommand(['/bin/sh', '/migrate.sh']) },
          upgradeStrategy: SidecarUpgradeStrategy.hotUpgrade('openkruise/hotupgrade-sample:empty'),
        }],
      }),
    ];

    /** New in the 1.8 docs: the Partial injection policy (a fragment: a selector, a container and the pinned version are added). */
    const partial = (chart: Chart) => new SidecarSet(chart, 'ss', {
      metadata: { name: 'sidecarset' },
      selector: app,
      containers: [{ name: 'x', image: 'x' }],
      injectionStrategy: { revision: { customVersion: 'v1', policy: SidecarSetInjectRevisionPolicy.PARTIAL } },
      updateStrategy: SidecarSetUpdateStrategy.rollingUpdate({ partition: IntOrPercent.percent(70) }),
    });
    const builders = line === '1.7' ? builders17 : [...builders17.slice(0, 3), partial, nativeSidecarExample, ...builders17.slice(3)];

    test.each(builders.map((b, i) => [i, b] as const))('#%d', (i, build) => {
      const expected = JSON.parse(JSON.stringify(examples[i]));
      // Two fragments (#8 and #9 in 1.7) have no metadata: they are built with a name and the rest is compared.
      if (!expected.metadata) delete expected.metadata;
      if (build === nativeSidecarExample) {
        // Emitted exactly, as the 1.7 seed example is.
        const exact = fresh();
        build(exact);
        expect(only(check(exact), 'SidecarSet')).toEqual(expected);
        return;
      }
      if (i === 2) {
        // The docs write the alternatives `disabled | enabled` as the value; the example is built with `enabled`.
        expect(expected.spec.containers[0].shareVolumePolicy.type).toBe('disabled | enabled');
        expected.spec.containers[0].shareVolumePolicy.type = 'enabled';
      }
      const chart = fresh();
      build(chart);
      if (i === 2) {
        // The docs name the volume "nginx.conf", which is not a DNS-1123 label: Kruise's
        // core volume validation rejects this example, and so does the review.
        expect(validationErrors(chart)).toEqual([
          expect.stringMatching(/spec.volumes\[0\].name: .*"nginx.conf".* \[SidecarSet\/containers\]/),
          expect.stringMatching(/spec.containers\[0\].volumeMounts\[0\].name: .*"nginx.conf".* \[SidecarSet\/containers\]/),
        ]);
        const obj = chart.node.findAll().find(c => ApiObject.isApiObject(c) && (c as ApiObject).kind === 'SidecarSet') as ApiObject;
        expect(missingFrom(obj.toJson(), expected)).toEqual([]);
        return;
      }
      expect(missingFrom(only(check(chart), 'SidecarSet'), expected)).toEqual([]);
    });
  });

  describe('docs-examples/log-container-sidecarset.yaml (2)', () => {
    const examples = docs('log-container-sidecarset.yaml');
    test('there are 2', () => expect(examples.length).toBe(2));

    test('#0 filebeat-sidecarset', () => {
      const chart = fresh();
      const config = kplus.Volume.fromConfigMap(chart, 'config', kplus.ConfigMap.fromConfigMapName(chart, 'cm', 'filebeat-config'), { name: 'config' });
      const varlog = kplus.Volume.fromEmptyDir(chart, 'varlog', 'varlog');
      new SidecarSet(chart, 'ss', {
        metadata: { name: 'filebeat-sidecarset' },
        selector: sel({ 'kruise.io/inject-filebeat': 'true' }),
        containers: [{
          name: 'filebeat',
          image: 'docker.elastic.co/beats/filebeat:7.16.2',
          args: ['-c', '/etc/filebeat.yml', '-e'],
          envVariables: { POD_NAMESPACE: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.POD_NAMESPACE, { apiVersion: 'v1' }) },
          liveness: kplus.Probe.fromCommand(['sh', '-c', '#!/usr/bin/env bash -e\ncurl --fail 127.0.0.1:5066\n']),
          readiness: kplus.Probe.fromCommand(['sh', '-c', '#!/usr/bin/env bash -e\nfilebeat test output\n']),
          resources: {
            cpu: { limit: kplus.Cpu.units(1), request: kplus.Cpu.millis(100) },
            memory: { limit: Size.mebibytes(200), request: Size.mebibytes(100) },
          },
          volumeMounts: [
            { volume: config, path: '/etc/filebeat.yml', readOnly: true, subPath: 'filebeat.yml' },
            { volume: varlog, path: '/var/log', readOnly: true },
          ],
        }],
      });
      expect(missingFrom(only(check(chart), 'SidecarSet'), examples[0])).toEqual([]);
    });

    test('#1 sidecarset (canary update)', () => {
      const chart = fresh();
      new SidecarSet(chart, 'ss', {
        metadata: { name: 'sidecarset' },
        selector: app,
        containers: [{ name: 'x', image: 'x' }],
        updateStrategy: SidecarSetUpdateStrategy.rollingUpdate({
          maxUnavailable: IntOrPercent.percent(20),
          partition: IntOrPercent.count(90),
          selector: sel({ 'deploy-env': 'canary' }),
        }),
      });
      if (line === '1.7') {
        expect(missingFrom(only(check(chart), 'SidecarSet'), examples[1])).toEqual([]);
        return;
      }
      // Kruise 1.8 refuses a partition together with an update selector (ADMISSION-DELTA, SidecarSet):
      // the 1.8 docs example is rejected by 1.8's webhook, and so by the review.
      expect(validationErrors(chart)).toEqual([expect.stringMatching(/^SidecarSet sidecarset: spec.updateStrategy: .*\[SidecarSet\/partition-with-selector\]/)]);
      const obj = chart.node.findAll().find(c => ApiObject.isApiObject(c) && (c as ApiObject).kind === 'SidecarSet') as ApiObject;
      expect(missingFrom(obj.toJson(), examples[1])).toEqual([]);
    });
  });
}

describe('SidecarSet: Kruise 1.8 injection revision policy Partial', () => {
  const partial = { revision: { customVersion: 'v1', policy: SidecarSetInjectRevisionPolicy.PARTIAL } };

  test('renders under a 1.8 install and validates against the 1.8 CRD (whose enum has it)', () => {
    const chart = chartUnder(KruiseVersion.V1_8);
    sidecarSet(chart, { injectionStrategy: partial });
    expect(only(synthValidUnder(chart, KruiseVersion.V1_8), 'SidecarSet').spec.injectionStrategy).toEqual({ revision: { customVersion: 'v1', policy: 'Partial' } });
  });

  test('under Kruise 1.7 (or no install) it is a synth error naming both versions; Always is fine', () => {
    const error = /^SidecarSet ss: spec.injectionStrategy.revision.policy: injection revision policy "Partial" is not supported by Kruise 1.7 \(Kruise 1.8 adds it\) \[SidecarSet\/injection-revision-policy\]; use Always, or an install of Kruise 1.8$/;
    const chart = chartUnder(KruiseVersion.V1_7);
    sidecarSet(chart, { injectionStrategy: partial });
    expect(validationErrors(chart)).toEqual([expect.stringMatching(error)]);
    const bare = newChart();
    sidecarSet(bare, { injectionStrategy: partial });
    expect(validationErrors(bare)).toEqual([expect.stringMatching(error)]);
    const always = chartUnder(KruiseVersion.V1_7);
    sidecarSet(always, { injectionStrategy: { revision: { customVersion: 'v1', policy: SidecarSetInjectRevisionPolicy.ALWAYS } } });
    expect(validationErrors(always)).toEqual([]);
  });
});
