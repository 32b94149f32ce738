/**
 * fast-check arbitraries of the install: valid `KruiseProps`, valid chart
 * values, and mutations that make either invalid.
 */
import { Duration } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import fc from 'fast-check';
import { annotations, badCount, badLabelValue, badName, dnsLabel, labelKey, labels, subdomain } from './arbitraries';
import { CertManagerIssuer, DaemonConfigNamespace, FeatureGate, FeatureGateSetting, ImagePullPolicy, KruiseProps, LoggingFormat } from '../../src';

const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const DAEMON_PORTS = [10221, 10222];

/** Feature gate settings that Kruise accepts, with what they mean for the install. */
const GATES: Array<{ settings: FeatureGateSetting[]; daemon: boolean; externalCerts: boolean; chart: string }> = [
  { settings: [FeatureGate.IMAGE_PULL_JOB.enable()], daemon: true, externalCerts: false, chart: 'ImagePullJobGate=true' },
  { settings: [], daemon: true, externalCerts: false, chart: '' },
  {
    settings: [FeatureGate.IMAGE_PULL_JOB.enable(), FeatureGate.ENABLE_EXTERNAL_CERTS.enable()],
    daemon: true,
    externalCerts: true,
    chart: 'ImagePullJobGate=true,EnableExternalCerts=true',
  },
  {
    settings: [FeatureGate.POD_WEBHOOK.disable(), FeatureGate.KRUISE_DAEMON.disable()],
    daemon: false,
    externalCerts: false,
    chart: 'PodWebhook=false,KruiseDaemon=false',
  },
  { settings: [FeatureGate.KRUISE_DAEMON.disable()], daemon: false, externalCerts: false, chart: 'KruiseDaemon=false' },
  {
    settings: [FeatureGate.RESOURCE_DISTRIBUTION.enable(), FeatureGate.PRE_DOWNLOAD_IMAGE_FOR_IN_PLACE_UPDATE.enable()],
    daemon: true,
    externalCerts: false,
    chart: 'ResourceDistributionGate=true,PreDownloadImageForInPlaceUpdate=true',
  },
  { settings: [FeatureGate.ALL_ALPHA.enable()], daemon: true, externalCerts: true, chart: 'AllAlpha=true' },
];

/** Valid resource requirements (requests never above limits) as plain quantities. */
const plainResources = fc.tuple(fc.nat(4000), fc.nat(4000), fc.nat(4096), fc.nat(4096), fc.boolean()).map(([c1, c2, m1, m2, withLimits]) => {
  const requests = { cpu: `${Math.min(c1, c2)}m`, memory: `${Math.min(m1, m2)}Mi` };
  const limits = { cpu: `${Math.max(c1, c2) / 1000}`, memory: `${Math.max(m1, m2)}Mi` };
  return withLimits ? { limits, requests } : { requests };
});
const toK8sResources = (r: any): k8s.ResourceRequirements => ({
  limits: r.limits && Object.fromEntries(Object.entries(r.limits).map(([k, v]) => [k, k8s.Quantity.fromString(v as string)])),
  requests: r.requests && Object.fromEntries(Object.entries(r.requests).map(([k, v]) => [k, k8s.Quantity.fromString(v as string)])),
});
const toleration = fc.oneof(
  fc.record({ key: labelKey, operator: fc.constant('Exists'), effect: opt(fc.constantFrom('NoSchedule', 'PreferNoSchedule')) }),
  fc.record({
    key: labelKey,
    operator: fc.constant('Equal'),
    value: fc.stringMatching(/^[a-z0-9]{1,8}$/),
    effect: fc.constant('NoExecute'),
    tolerationSeconds: fc.integer({ min: 0, max: 3600 }),
  }),
  fc.constant({ operator: 'Exists' }),
);
const nodeAffinity = fc.record({
  requiredDuringSchedulingIgnoredDuringExecution: opt(fc.record({
    nodeSelectorTerms: fc.array(fc.record({
      matchExpressions: fc.array(fc.oneof(
        fc.record({
          key: labelKey,
          operator: fc.constantFrom('In', 'NotIn'),
          values: fc.array(fc.stringMatching(/^[a-z0-9]{1,8}$/), { minLength: 1, maxLength: 3 }),
        }),
        fc.record({ key: labelKey, operator: fc.constantFrom('Exists', 'DoesNotExist') }),
      ), { minLength: 1, maxLength: 2 }),
    }), { minLength: 1, maxLength: 2 }),
  })),
  preferredDuringSchedulingIgnoredDuringExecution: opt(fc.array(fc.record({
    weight: fc.integer({ min: 1, max: 100 }),
    preference: fc.record({ matchExpressions: fc.constant<k8s.NodeSelectorRequirement[]>([{ key: 'pool', operator: 'Exists' }]) }),
  }), { maxLength: 2 })),
});
const extraEnv = fc.uniqueArray(fc.record({
  name: fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,10}$/),
  value: fc.string({ maxLength: 20 }).filter(s => !s.includes('undefined')),
}), { maxLength: 3, selector: e => e.name });
const absPath = fc.array(dnsLabel, { minLength: 1, maxLength: 3 }).map(p => `/${p.join('/')}`);

/** Three distinct manager ports that avoid the daemon's when the manager uses the host network. */
const managerPorts = (hostNetwork: boolean) => fc.uniqueArray(
  fc.integer({ min: 1024, max: 65535 }).filter(p => !hostNetwork || !DAEMON_PORTS.includes(p)),
  { minLength: 3, maxLength: 3 },
);

/** Valid KruiseProps (accepted today and by checkKruiseProps). */
export const validKruiseProps: fc.Arbitrary<KruiseProps> = fc.record({
  gates: fc.constantFrom(...GATES),
  namespace: opt(dnsLabel.filter(n => n !== 'kruise-daemon-config')),
  createNamespace: opt(fc.boolean()),
  daemonConfigNamespace: opt(fc.constantFrom(DaemonConfigNamespace.CREATE, DaemonConfigNamespace.EXISTING)),
  manageCrds: opt(fc.boolean()),
  roleListGroups: opt(fc.uniqueArray(fc.constantFrom('*', '', 'apps', 'apps.kruise.io', 'batch'), { minLength: 1 })),
  image: opt(fc.record({
    repository: opt(fc.constantFrom('openkruise/kruise-manager', 'registry.example.com:5000/mirror/kruise-manager', 'ghcr.io/acme/kruise')),
    pin: fc.oneof(fc.record({ tag: fc.stringMatching(/^v?[0-9][0-9a-z._-]{0,10}$/) }), fc.record({ digest: fc.stringMatching(/^[a-f0-9]{64}$/).map(h => `sha256:${h}`) }), fc.constant({})),
    registryMirror: opt(fc.constantFrom('mirror.example.com', 'mirror.example.com/dockerhub', 'localhost:5000')),
    pullPolicy: opt(fc.constantFrom(...Object.values(ImagePullPolicy))),
    pullSecrets: opt(fc.uniqueArray(subdomain, { maxLength: 2 })),
  }).map(({ pin, ...i }) => ({ ...i, ...pin }))),
  hostNetwork: fc.boolean(),
  manager: fc.record({
    replicas: opt(fc.integer({ min: 1, max: 5 })),
    logLevel: opt(fc.integer({ min: 0, max: 10 })),
    loggingFormat: opt(fc.constantFrom(LoggingFormat.TEXT, LoggingFormat.JSON)),
    resyncPeriod: opt(fc.integer({ min: 0, max: 7200 }).map(s => Duration.seconds(s))),
    resources: opt(plainResources.map(toK8sResources)),
    nodeAffinity: opt(nodeAffinity),
    nodeSelector: opt(labels),
    tolerations: opt(fc.array(toleration, { maxLength: 2 })),
  }),
  daemon: fc.record({
    port: opt(fc.integer({ min: 1, max: 65535 }).filter(p => p !== 10222)),
    logLevel: opt(fc.integer({ min: 0, max: 10 })),
    enablePprof: opt(fc.boolean()),
    socketLocation: opt(absPath),
    socketFile: opt(fc.constantFrom('', 'containerd.sock', 'docker.sock')),
    nodeSelector: opt(labels),
    resources: opt(plainResources.map(toK8sResources)),
    extraEnv: opt(extraEnv),
    affinity: opt(nodeAffinity.map(n => ({ nodeAffinity: n }))),
  }),
  webhookTimeout: opt(fc.integer({ min: 1, max: 30 }).map(s => Duration.seconds(s))),
  serviceAccountAnnotations: opt(annotations),
  enableKubeCacheMutationDetector: opt(fc.boolean()),
  kubernetesVersion: opt(fc.constantFrom('1.26', '1.28', 'v1.29.3', '1.31')),
  certManager: opt(fc.record({
    issuer: opt(fc.constantFrom(CertManagerIssuer.selfSigned(), CertManagerIssuer.clusterIssuer('corp-ca'))),
    days: opt(fc.integer({ min: 2, max: 365 })),
    dnsNames: opt(fc.uniqueArray(fc.tuple(dnsLabel, dnsLabel).map(([a, b]) => `${a}.${b}.example.com`), { maxLength: 2 })),
  })),
}).chain(p => managerPorts(p.hostNetwork).map(ports => ({ ...p, ports }))).map(p => {
  const cert = p.gates.settings.some(s => s.gate === FeatureGate.ENABLE_EXTERNAL_CERTS && !s.enabled) ? undefined : p.certManager;
  const externalCerts = p.gates.externalCerts || cert !== undefined;
  const ns = p.namespace ?? 'kruise-system';
  const props: KruiseProps = {
    namespace: p.namespace,
    createNamespace: p.createNamespace,
    daemonConfigNamespace: p.daemonConfigNamespace,
    manageCrds: p.manageCrds,
    roleListGroups: p.roleListGroups,
    featureGates: p.gates.settings,
    image: p.image,
    manager: { ...p.manager, hostNetwork: p.hostNetwork, webhookPort: p.ports[0], metricsPort: p.ports[1], healthProbePort: p.ports[2] },
    // with host networking the manager's ports must not be the daemon's
    daemon: p.gates.daemon ? {
      ...p.daemon,
      port: p.hostNetwork && p.ports.includes(p.daemon.port as number) ? undefined : p.daemon.port,
    } : undefined,
    webhookTimeout: p.webhookTimeout,
    serviceAccountAnnotations: p.serviceAccountAnnotations,
    enableKubeCacheMutationDetector: p.enableKubeCacheMutationDetector,
    kubernetesVersion: p.kubernetesVersion,
    certManager: cert && {
      issuer: cert.issuer,
      duration: cert.days ? Duration.days(cert.days) : undefined,
      renewBefore: cert.days ? Duration.days(1) : undefined,
      dnsNames: cert.dnsNames,
    },
    externalCertsAnnotations: externalCerts && !cert ? { 'cert-manager.io/inject-ca-from': `${ns}/kruise-webhook-certs` } : undefined,
  };
  return props;
});

/** Mutations of valid KruiseProps that the install rejects today. */
export const kruisePropsMutations: Array<fc.Arbitrary<(p: KruiseProps) => KruiseProps>> = [
  badName.map(n => (p: KruiseProps) => ({ ...p, namespace: n })),
  fc.constantFrom('latest', '1', '1.x', 'v2').map(v => (p: KruiseProps) => ({ ...p, kubernetesVersion: v })),
  fc.oneof(fc.integer({ min: 31, max: 1000 }), fc.constant(0)).map(s => (p: KruiseProps) => ({ ...p, webhookTimeout: Duration.seconds(s) })),
  badCount(0).map(n => (p: KruiseProps) => ({ ...p, manager: { ...p.manager, replicas: n } })),
  fc.oneof(fc.integer({ min: -100, max: 0 }), fc.integer({ min: 65536, max: 1e6 })).map(n => (p: KruiseProps) => ({
    ...p,
    manager: { ...p.manager, metricsPort: n },
  })),
  fc.oneof(fc.integer({ min: 11, max: 100 }), fc.integer({ min: -10, max: -1 })).map(n => (p: KruiseProps) => ({
    ...p,
    manager: { ...p.manager, logLevel: n },
  })),
  fc.tuple(labelKey, badLabelValue).map(([k, v]) => (p: KruiseProps) => ({ ...p, manager: { ...p.manager, nodeSelector: { [k]: v } } })),
  fc.constantFrom('Kruise/Manager', 'kruise:latest', 'a//b', '').map(r => (p: KruiseProps) => ({ ...p, image: { ...p.image, repository: r } })),
  fc.constantFrom('-v1', 'v 1', '.v1', 'a'.repeat(129)).map(t => (p: KruiseProps) => ({ ...p, image: { repository: p.image?.repository, tag: t } })),
  badName.map(n => (p: KruiseProps) => ({ ...p, image: { ...p.image, pullSecrets: [n] } })),
  fc.constantFrom('bad key', 'a/b/c', '-x').map(k => (p: KruiseProps) => ({ ...p, serviceAccountAnnotations: { [k]: 'v' } })),
];

/** Valid chart values (accepted by Kruise.fromHelmValues). */
export const validHelmValues: fc.Arbitrary<any> = fc.record({
  gates: fc.constantFrom(...GATES),
  hostNetwork: fc.boolean(),
  ns: opt(dnsLabel.filter(n => n !== 'kruise-daemon-config')),
  createNamespace: opt(fc.boolean()),
  replicas: opt(fc.integer({ min: 1, max: 5 })),
  level: opt(fc.integer({ min: 0, max: 10 }).map(String)),
  loggingFormat: opt(fc.constantFrom('', 'text', 'json')),
  resyncPeriod: opt(fc.constantFrom('0', '30s', '1h', '1h30m', '90m', '0.5h')),
  // helm merges maps: requests without limits meet the chart's default limits (200m, 512Mi)
  resources: opt(plainResources.map(r => ({ limits: { cpu: '4', memory: '4Gi' }, ...r }))),
  tolerations: opt(fc.array(toleration, { maxLength: 2 })),
  nodeSelector: opt(labels),
  nodeAffinity: opt(nodeAffinity),
  timeout: opt(fc.integer({ min: 1, max: 30 })),
  daemonPort: opt(fc.integer({ min: 1, max: 65535 }).filter(p => p !== 10222)),
  enablePprof: opt(fc.boolean()),
  socketLocation: opt(absPath),
  extraEnvs: opt(extraEnv),
  pullSecrets: opt(fc.uniqueArray(subdomain, { maxLength: 2 })),
  repository: opt(fc.constantFrom('openkruise/kruise-manager', 'registry.example.com/mirror/kruise-manager')),
  tag: opt(fc.constantFrom('v1.7.5', 'v1.7.3', 'latest')),
  saAnnotations: opt(annotations),
}).chain(v => managerPorts(v.hostNetwork).map(ports => ({ ...v, ports }))).map(v => {
  const values: any = {
    featureGates: v.gates.chart,
    installation: { namespace: v.ns, createNamespace: v.createNamespace },
    manager: {
      replicas: v.replicas,
      log: v.level !== undefined ? { level: v.level } : undefined,
      loggingFormat: v.loggingFormat,
      resyncPeriod: v.resyncPeriod,
      resources: v.resources,
      tolerations: v.tolerations,
      nodeSelector: v.nodeSelector,
      nodeAffinity: v.nodeAffinity,
      hostNetwork: v.hostNetwork,
      webhook: { port: v.ports[0] },
      metrics: { port: v.ports[1] },
      healthProbe: { port: v.ports[2] },
      image: { repository: v.repository, tag: v.tag },
    },
    webhookConfiguration: v.timeout !== undefined ? { timeoutSeconds: v.timeout } : undefined,
    daemon: {
      port: v.hostNetwork && v.ports.includes(v.daemonPort as number) ? undefined : v.daemonPort,
      enablePprof: v.enablePprof,
      socketLocation: v.socketLocation,
      extraEnvs: v.extraEnvs,
    },
    imagePullSecrets: v.pullSecrets?.map(name => ({ name })),
    serviceAccount: v.saAnnotations ? { annotations: v.saAnnotations } : undefined,
    externalCerts: v.gates.externalCerts ? { annotations: { 'cert-manager.io/inject-ca-from': `${v.ns ?? 'kruise-system'}/kruise-webhook-certs` } } : undefined,
  };
  return dropUndefined(values);
});

/** Mutations of valid chart values that Kruise.fromHelmValues rejects. */
export const helmValuesMutations: Array<fc.Arbitrary<(v: any) => any>> = [
  fc.constantFrom('replica', 'replicass', 'image2', 'hostnetwork').map(k => (v: any) => ({ ...v, manager: { ...v.manager, [k]: 1 } })),
  fc.constantFrom('1', 'two', true).map(r => (v: any) => ({ ...v, manager: { ...v.manager, replicas: r } })),
  fc.integer({ min: 65536, max: 1e6 }).map(p => (v: any) => ({ ...v, daemon: { ...v.daemon, port: p } })),
  fc.constantFrom('PodWebhok=true', 'ImagePullJobGate=yes', 'A', 'ImagePullJobGate=true,,').map(g => (v: any) => ({ ...v, featureGates: g })),
  fc.constantFrom('1 hour', '30', '-1s', 'forever').map(d => (v: any) => ({ ...v, manager: { ...v.manager, resyncPeriod: d } })),
  fc.constantFrom(0, 31, 100).map(t => (v: any) => ({ ...v, webhookConfiguration: { timeoutSeconds: t } })),
  fc.constantFrom('lots', '1 Gi', '-1', '1.5.5').map(q => (v: any) => ({ ...v, manager: { ...v.manager, resources: { limits: { cpu: q } } } })),
  fc.constantFrom('Exist', 'equal', 'In').map(o => (v: any) => ({ ...v, manager: { ...v.manager, tolerations: [{ key: 'a', operator: o }] } })),
  badName.map(n => (v: any) => ({ ...v, installation: { ...v.installation, namespace: n } })),
  fc.constantFrom('yaml', 'JSON', 'logfmt').map(f => (v: any) => ({ ...v, manager: { ...v.manager, loggingFormat: f } })),
];

function dropUndefined(v: any): any {
  if (Array.isArray(v)) return v.map(dropUndefined);
  if (v === null || typeof v !== 'object') return v;
  const out: any = {};
  for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = dropUndefined(x);
  return out;
}
