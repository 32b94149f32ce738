/**
 * Pod templates that real users write, each of which Kubernetes 1.28's pod
 * validation (pkg/apis/core/validation, v1.28.9) accepts: every workload kind
 * that embeds a pod template must admit them (a false rejection here would
 * break a working manifest).
 */
import { admit } from '../../../src/admission/engine';
import { AdmissionContext } from '../../../src/admission/types';

const CTX: AdmissionContext = { version: '1.7' };
const labels = { app: 'web' };

/** Probes with every handler's common fields. */
const probes = {
  livenessProbe: { httpGet: { path: '/healthz', port: 'http', scheme: 'HTTP', host: '127.0.0.1', httpHeaders: [{ name: 'X-Probe', value: 'liveness' }] }, initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 2, successThreshold: 1, failureThreshold: 3, terminationGracePeriodSeconds: 30 },
  readinessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 5, successThreshold: 2, failureThreshold: 3 },
  startupProbe: { exec: { command: ['cat', '/tmp/started'] }, failureThreshold: 30, periodSeconds: 10 },
};
const grpcProbe = { livenessProbe: { grpc: { port: 9090, service: 'health' }, initialDelaySeconds: 5 } };
const resources = {
  requests: { 'cpu': '250m', 'memory': '64Mi', 'ephemeral-storage': '1Gi', 'hugepages-2Mi': '100Mi' },
  limits: { 'cpu': '1', 'memory': '1.5Gi', 'ephemeral-storage': '2G', 'hugepages-2Mi': '100Mi', 'nvidia.com/gpu': '1' },
};
const quantityForms = { requests: { cpu: '0.5', memory: '128974848' }, limits: { cpu: '1500m', memory: '129e6' } };
const quantityForms2 = { requests: { cpu: '100m', memory: '123Mi' }, limits: { cpu: '2', memory: '1e9' } };
const quantityForms3 = { requests: { memory: '1k' }, limits: { memory: '1Ki' } };
const quantityForms4 = { requests: { cpu: '1n', memory: '1E' }, limits: { cpu: '1u', memory: '1Ei' } };
const env = [
  { name: 'PLAIN', value: 'x' },
  { name: 'EMPTY', value: '' },
  { name: 'my.dotted-name_1', value: 'ok' },
  { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
  { name: 'POD_IP', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.podIP' } } },
  { name: 'POD_IPS', valueFrom: { fieldRef: { fieldPath: 'status.podIPs' } } },
  { name: 'HOST_IP', valueFrom: { fieldRef: { fieldPath: 'status.hostIP' } } },
  { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
  { name: 'SA', valueFrom: { fieldRef: { fieldPath: 'spec.serviceAccountName' } } },
  { name: 'APP_LABEL', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } },
  { name: 'ANN', valueFrom: { fieldRef: { fieldPath: "metadata.annotations['example.com/x']" } } },
  { name: 'CPU_LIMIT', valueFrom: { resourceFieldRef: { containerName: 'app', resource: 'limits.cpu', divisor: '1m' } } },
  { name: 'MEM_REQ', valueFrom: { resourceFieldRef: { resource: 'requests.memory', divisor: '1Mi' } } },
  { name: 'EPH', valueFrom: { resourceFieldRef: { resource: 'limits.ephemeral-storage' } } },
  { name: 'CM', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'app.properties', optional: true } } },
  { name: 'SECRET', valueFrom: { secretKeyRef: { name: 'creds', key: 'password' } } },
  { name: 'REF', value: '$(PLAIN)-suffix' },
];
const envFrom = [
  { configMapRef: { name: 'cfg' } },
  { prefix: 'DB_', secretRef: { name: 'db', optional: true } },
  { prefix: 'my.prefix-', configMapRef: { name: 'other' } },
];
const securityContext = {
  runAsUser: 1000,
  runAsGroup: 3000,
  runAsNonRoot: true,
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] },
  seccompProfile: { type: 'RuntimeDefault' },
  seLinuxOptions: { level: 's0:c123,c456' },
};
const podSecurityContext = {
  runAsUser: 1000,
  runAsGroup: 3000,
  fsGroup: 2000,
  fsGroupChangePolicy: 'OnRootMismatch',
  supplementalGroups: [4000],
  seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/audit.json' },
  sysctls: [{ name: 'net.ipv4.ip_local_port_range', value: '1024 65535' }, { name: 'kernel.shm_rmid_forced', value: '1' }],
};
const volumes = [
  { name: 'data', emptyDir: { medium: 'Memory', sizeLimit: '256Mi' } },
  { name: 'cfg', configMap: { name: 'cfg', defaultMode: 0o644, items: [{ key: 'a', path: 'conf/a.yaml', mode: 0o600 }], optional: true } },
  { name: 'sec', secret: { secretName: 'creds', defaultMode: 256 } },
  {
    name: 'projected',
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { audience: 'vault', expirationSeconds: 3600, path: 'token' } },
        { configMap: { name: 'cfg', items: [{ key: 'a', path: 'a' }] } },
        { secret: { name: 'creds', items: [{ key: 'password', path: 'pw' }] } },
        { downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }, { path: 'cpu', resourceFieldRef: { containerName: 'app', resource: 'limits.cpu' } }] } },
      ],
    },
  },
  { name: 'downward', downwardAPI: { items: [{ path: 'annotations', fieldRef: { fieldPath: 'metadata.annotations' } }] } },
  {
    name: 'scratch',
    ephemeral: {
      volumeClaimTemplate: {
        metadata: { labels: { type: 'scratch' } },
        spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'fast-ssd', resources: { requests: { storage: '1Gi' } } },
      },
    },
  },
  { name: 'host', hostPath: { path: '/var/log', type: 'Directory' } },
  { name: 'pvc', persistentVolumeClaim: { claimName: 'shared', readOnly: true } },
  { name: 'csi', csi: { driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: 'vault' } } },
  { name: 'nfs', nfs: { server: 'nfs.example.com', path: '/exports', readOnly: true } },
];
const mounts = [
  { name: 'data', mountPath: '/data' },
  { name: 'cfg', mountPath: '/etc/app', readOnly: true },
  { name: 'sec', mountPath: '/etc/secret', readOnly: true },
  { name: 'projected', mountPath: '/var/run/projected', readOnly: true },
  { name: 'downward', mountPath: '/etc/podinfo' },
  { name: 'scratch', mountPath: '/scratch' },
  { name: 'host', mountPath: '/host/log', readOnly: true, mountPropagation: 'HostToContainer' },
  { name: 'pvc', mountPath: '/shared', subPath: 'app' },
  { name: 'pvc', mountPath: '/shared2', subPathExpr: '$(POD_NAME)' },
  { name: 'csi', mountPath: '/mnt/secrets', readOnly: true },
  { name: 'nfs', mountPath: '/nfs' },
];
const app = {
  name: 'app',
  image: 'registry.example.com:5000/team/app@sha256:' + 'a'.repeat(64),
  command: ['/bin/app'],
  args: ['--port=8080'],
  workingDir: '/app',
  ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }, { name: 'metrics', containerPort: 9090 }, { containerPort: 5353, protocol: 'UDP' }, { containerPort: 8081, protocol: 'SCTP' }],
  env,
  envFrom,
  resources,
  volumeMounts: mounts,
  ...probes,
  lifecycle: { postStart: { exec: { command: ['sh', '-c', 'echo hi'] } }, preStop: { httpGet: { path: '/stop', port: 8080 } } },
  terminationMessagePath: '/dev/termination-log',
  terminationMessagePolicy: 'FallbackToLogsOnError',
  imagePullPolicy: 'IfNotPresent',
  securityContext,
  stdin: false,
  tty: false,
};
const helper = { name: 'helper', image: 'busybox', resources: quantityForms, ...grpcProbe, lifecycle: { preStop: { tcpSocket: { port: 8080 } } } };
const more = [
  { name: 'q2', image: 'busybox:1.36', resources: quantityForms2 },
  { name: 'q3', image: 'busybox', resources: quantityForms3 },
  { name: 'q4', image: 'busybox', resources: quantityForms4 },
];
const initContainers = [
  { name: 'init', image: 'busybox', command: ['sh', '-c', 'true'], volumeMounts: [{ name: 'data', mountPath: '/data' }] },
  // A native sidecar (k8s 1.28 alpha, SidecarContainers gate; the field is validated regardless)
  { name: 'log-shipper', image: 'fluent/fluent-bit:2.2', restartPolicy: 'Always', readinessProbe: { tcpSocket: { port: 2020 } }, startupProbe: { httpGet: { path: '/', port: 2020 } } },
];
const podSpec = (restartPolicy: string | undefined) => ({
  ...(restartPolicy === undefined ? {} : { restartPolicy }),
  initContainers,
  containers: [app, helper, ...more],
  volumes,
  serviceAccountName: 'web',
  automountServiceAccountToken: false,
  terminationGracePeriodSeconds: 60,
  dnsPolicy: 'None',
  dnsConfig: { nameservers: ['1.1.1.1', '2001:4860:4860::8888'], searches: ['svc.cluster.local', 'example.com'], options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }] },
  hostAliases: [{ ip: '10.0.0.10', hostnames: ['db.local', 'cache.local'] }, { ip: 'fe80::1', hostnames: ['v6.local'] }],
  nodeSelector: { 'kubernetes.io/os': 'linux', 'node.kubernetes.io/instance-type': 'm5.large' },
  affinity: {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['a', 'b'] }, { key: 'gpu', operator: 'Gt', values: ['2'] }] }, { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1'] }] }] },
      preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, preference: { matchExpressions: [{ key: 'spot', operator: 'DoesNotExist' }] } }],
    },
    podAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { labelSelector: { matchLabels: labels }, topologyKey: 'kubernetes.io/hostname', namespaceSelector: {} } }],
    },
    podAntiAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }] }, topologyKey: 'topology.kubernetes.io/zone', namespaces: ['other'], matchLabelKeys: ['pod-template-hash'], mismatchLabelKeys: ['tenant'] }],
    },
  },
  tolerations: [
    { key: 'dedicated', operator: 'Equal', value: 'web', effect: 'NoSchedule' },
    { operator: 'Exists' },
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  ],
  topologySpreadConstraints: [
    { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: labels }, minDomains: 2, nodeAffinityPolicy: 'Honor', nodeTaintsPolicy: 'Ignore', matchLabelKeys: ['pod-template-hash'] },
    { maxSkew: 2, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: labels } },
  ],
  readinessGates: [{ conditionType: 'InPlaceUpdateReady' }, { conditionType: 'example.com/ready' }],
  securityContext: podSecurityContext,
  priorityClassName: 'high',
  schedulerName: 'default-scheduler',
  imagePullSecrets: [{ name: 'regcred' }],
  enableServiceLinks: false,
  preemptionPolicy: 'Never',
  shareProcessNamespace: true,
  hostname: 'web',
  subdomain: 'web-svc',
  setHostnameAsFQDN: false,
  os: { name: 'linux' },
  schedulingGates: [{ name: 'example.com/quota' }],
  resourceClaims: [{ name: 'gpu', source: { resourceClaimTemplateName: 'gpu-template' } }],
  runtimeClassName: 'gvisor',
  overhead: undefined,
});
const annotations = {
  'container.apparmor.security.beta.kubernetes.io/app': 'runtime/default',
  'container.apparmor.security.beta.kubernetes.io/helper': 'localhost/my-profile',
  'example.com/x': 'y',
};

function template(restartPolicy?: string): any {
  return JSON.parse(JSON.stringify({ metadata: { labels, annotations }, spec: podSpec(restartPolicy) }));
}

const objects: Array<[string, any]> = [
  ['CloneSet', { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'CloneSet', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { matchLabels: labels }, template: template() } }],
  ['Advanced StatefulSet', { apiVersion: 'apps.kruise.io/v1beta1', kind: 'StatefulSet', metadata: { name: 'web', namespace: 'default' }, spec: { serviceName: 'web-svc', selector: { matchLabels: labels }, template: template() } }],
  ['Advanced DaemonSet', { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'DaemonSet', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { matchLabels: labels }, template: template() } }],
  ['BroadcastJob (Never)', { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'BroadcastJob', metadata: { name: 'web', namespace: 'default' }, spec: { template: template('Never') } }],
  ['AdvancedCronJob (jobTemplate, OnFailure)', { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'AdvancedCronJob', metadata: { name: 'web', namespace: 'default' }, spec: { schedule: '*/5 * * * *', template: { jobTemplate: { spec: { template: template('OnFailure') } } } } }],
  ['AdvancedCronJob (broadcastJobTemplate, Never)', { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'AdvancedCronJob', metadata: { name: 'web', namespace: 'default' }, spec: { schedule: '*/5 * * * *', template: { broadcastJobTemplate: { spec: { template: template('Never') } } } } }],
  ['UnitedDeployment (advancedStatefulSetTemplate)', { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'UnitedDeployment', metadata: { name: 'web', namespace: 'default' }, spec: { replicas: 2, selector: { matchLabels: labels }, template: { advancedStatefulSetTemplate: { metadata: { labels }, spec: { selector: { matchLabels: labels }, template: template() } } }, topology: { subsets: [{ name: 'a' }, { name: 'b' }] } } }],
  ['UnitedDeployment (deploymentTemplate)', { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'UnitedDeployment', metadata: { name: 'web', namespace: 'default' }, spec: { replicas: 2, selector: { matchLabels: labels }, template: { deploymentTemplate: { metadata: { labels }, spec: { selector: { matchLabels: labels }, template: template() } } }, topology: { subsets: [{ name: 'a' }, { name: 'b' }] } } }],
];

/** A SidecarSet carrying the same containers, init containers and volumes as sidecars. */
function sidecarSet(): any {
  const t = template();
  // Kruise defaults a sidecar's liveness and readiness probes but not its startup probe, so
  // a SidecarSet must spell out the successThreshold Kubernetes requires (see the denial below).
  for (const c of [...t.spec.initContainers, ...t.spec.containers]) {
    if (c.startupProbe === undefined) continue;
    c.startupProbe.successThreshold = 1;
    if (c.startupProbe.httpGet !== undefined) c.startupProbe.httpGet.scheme = 'HTTP';
  }
  const sidecars = t.spec.containers.map((c: any) => ({ ...c, podInjectPolicy: 'AfterAppContainer', shareVolumePolicy: { type: 'enabled' } }));
  return {
    apiVersion: 'apps.kruise.io/v1alpha1',
    kind: 'SidecarSet',
    metadata: { name: 'web-sidecars' },
    spec: { selector: { matchLabels: labels }, namespaceSelector: { matchLabels: { team: 'web' } }, updateStrategy: { type: 'NotUpdate' }, containers: sidecars, initContainers: t.spec.initContainers, volumes: t.spec.volumes },
  };
}
objects.push(['SidecarSet (the containers, init containers and volumes as sidecars)', sidecarSet()]);
objects.push(['CloneSet with a volumeClaimTemplate mounted', (() => {
  const t = template();
  t.spec.containers[0].volumeMounts.push({ name: 'www', mountPath: '/www' });
  return { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'CloneSet', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { matchLabels: labels }, template: t, volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }] } };
})()]);
objects.push(['WorkloadSpread patching a subset\'s pods (labels, resources, env)', {
  apiVersion: 'apps.kruise.io/v1alpha1',
  kind: 'WorkloadSpread',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    targetRef: { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'CloneSet', name: 'web' },
    subsets: [
      { name: 'a', maxReplicas: 3, requiredNodeSelectorTerm: { matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['a'] }] }, patch: { metadata: { labels: { zone: 'a' } }, spec: { containers: [{ name: 'app', resources: { limits: { cpu: '2' } }, env: [{ name: 'ZONE', value: 'a' }] }] } } },
      { name: 'b', preferredNodeSelectorTerms: [{ weight: 10, preference: { matchExpressions: [{ key: 'spot', operator: 'Exists' }] } }], tolerations: [{ key: 'spot', operator: 'Exists', effect: 'NoSchedule' }] },
    ],
  },
}]);

describe('pod templates that Kubernetes 1.28 accepts are admitted by every workload kind', () => {
  for (const [title, obj] of objects) {
    test(`${title}: the full template`, () => {
      const errors = admit(obj, CTX).filter(f => f.severity === 'error');
      expect(errors.map(f => `${f.rule} at ${f.path}: ${f.message}`).join('\n')).toBe('');
    });
  }
});

describe('what Kruise refuses in these templates, as Kruise does', () => {
  test('SidecarSet: a startup probe without successThreshold (Kruise does not default it for sidecars)', () => {
    const obj = sidecarSet();
    delete obj.spec.containers[0].startupProbe.successThreshold;
    const errors = admit(obj, CTX).filter(f => f.severity === 'error');
    expect(errors.map(f => f.path)).toEqual(['spec.containers[0].startupProbe.successThreshold']);
  });
  test('SidecarSet: a native sidecar under the default RollingUpdate strategy', () => {
    const obj = sidecarSet();
    delete obj.spec.updateStrategy;
    const errors = admit(obj, CTX).filter(f => f.severity === 'error');
    expect(errors.map(f => f.rule)).toEqual(['SidecarSet/native-sidecar-update']);
  });
  test('CloneSet: hostNetwork with a port whose hostPort is unset (Kruise validates templates as pods)', () => {
    const t = template();
    t.spec.hostNetwork = true;
    t.spec.containers = [{ name: 'app', image: 'nginx', ports: [{ containerPort: 80 }, { containerPort: 81, hostPort: 81 }] }];
    t.spec.initContainers = [];
    t.metadata.annotations = {};
    t.spec.dnsPolicy = 'ClusterFirstWithHostNet';
    delete t.spec.dnsConfig;
    delete t.spec.securityContext.sysctls;
    const obj = { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'CloneSet', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { matchLabels: labels }, template: t } };
    const errors = admit(obj, CTX).filter(f => f.severity === 'error');
    expect(errors.map(f => f.path)).toEqual(['spec.template.spec.containers[0].ports[0].hostPort']);
  });
});
