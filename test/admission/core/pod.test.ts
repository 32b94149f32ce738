import {
  podOptionsFor,
  configMapKeyProblem, containerResourceNameProblem, envVarNameProblem, portNameProblem, validateContainers, validateEnv,
  validatePodSpec, validatePodSpecificAnnotations, validatePodTemplateSpec, validateProbe, validateResources, validateVolumes,
} from '../../../src/admission/core/pod';
import { Report } from '../../../src/admission/types';
import { container, podSpec, podTemplate, volume } from '../fixtures';

const R = 'Test/pod';
type Spec = Record<string, any>;
function findings(f: (r: Report) => void) {
  const r = new Report();
  f(r);
  return r.findings;
}
/** Error paths of validatePodSpec on `spec`. */
const specErrors = (spec: unknown, opts = {}) =>
  findings(r => validatePodSpec(spec, 'spec', R, r, opts)).filter(x => x.severity === 'error').map(x => x.path);
/** Error paths of a one-container spec whose container has `extra` fields. */
const containerErrors = (extra: Spec, specExtra: Spec = {}) => specErrors(podSpec([container('app', extra)], specExtra));

describe('validatePodTemplateSpec', () => {
  test('allow: the minimal fixture template', () => {
    expect(findings(r => validatePodTemplateSpec(podTemplate(), 'spec.template', R, r))).toEqual([]);
  });

  test('deny: bad template labels and annotations, at their key paths, with the rule id', () => {
    const t = podTemplate({ 'bad key': 'x' });
    t.metadata.annotations = { 'a/b/c': '' };
    const f = findings(r => validatePodTemplateSpec(t, 'spec.template', R, r));
    expect(f.map(x => x.path)).toEqual(['spec.template.metadata.labels["bad key"]', 'spec.template.metadata.annotations["a/b/c"]']);
    expect(f.every(x => x.rule === R && x.severity === 'error' && x.message.length > 0)).toBe(true);
  });

  test('deny: ephemeral containers in a template', () => {
    const t = podTemplate({ app: 'x' }, podSpec([container()], { ephemeralContainers: [{ name: 'debug', image: 'busybox' }] }));
    expect(findings(r => validatePodTemplateSpec(t, 'tpl', R, r)).map(x => x.path)).toContain('tpl.spec.ephemeralContainers');
  });

  test('a missing or malformed template never throws', () => {
    for (const t of [undefined, null, 3, 'x', [], { spec: 'x' }, { metadata: 5, spec: { containers: 'x' } }, { spec: { containers: [null, 1, {}] } }]) {
      expect(() => findings(r => validatePodTemplateSpec(t, 'tpl', R, r))).not.toThrow();
    }
  });
});

describe('containers', () => {
  test('deny: no containers', () => {
    expect(specErrors({})).toEqual(['spec.containers']);
    expect(specErrors({ containers: [] })).toEqual(['spec.containers']);
  });

  test('deny: missing name, invalid name, duplicate names', () => {
    expect(specErrors(podSpec([{ image: 'x' }]))).toEqual(['spec.containers[0].name']);
    expect(specErrors(podSpec([container('Web_1')]))).toEqual(['spec.containers[0].name']);
    expect(specErrors(podSpec([container('a'), container('a')]))).toEqual(['spec.containers[1].name']);
  });

  test('deny: names must be unique across init and regular containers', () => {
    expect(specErrors(podSpec([container('a')], { initContainers: [container('a')] }))).toEqual(['spec.initContainers[0].name']);
    expect(specErrors(podSpec([container('a')], { initContainers: [container('b'), container('b')] }))).toEqual(['spec.initContainers[1].name']);
  });

  test('deny: image required; allow: surrounding whitespace in a template (k8s only checks it for pods)', () => {
    expect(specErrors(podSpec([{ name: 'a' }]))).toEqual(['spec.containers[0].image']);
    expect(specErrors(podSpec([{ name: 'a', image: '' }]))).toEqual(['spec.containers[0].image']);
    expect(specErrors(podSpec([container('a', { image: ' nginx ' })]))).toEqual([]);
    expect(specErrors(podSpec([container('a', { image: ' nginx ' })]), { forPod: true })).toEqual(['spec.containers[0].image']);
  });

  test('imagePullPolicy and terminationMessagePolicy: known values or unset', () => {
    expect(containerErrors({ imagePullPolicy: 'Sometimes' })).toEqual(['spec.containers[0].imagePullPolicy']);
    expect(containerErrors({ imagePullPolicy: 'IfNotPresent', terminationMessagePolicy: 'FallbackToLogsOnError' })).toEqual([]);
    expect(containerErrors({ terminationMessagePolicy: 'Stdout' })).toEqual(['spec.containers[0].terminationMessagePolicy']);
  });

  test('deny: restartPolicy on a regular container', () => {
    expect(containerErrors({ restartPolicy: 'Always' })).toEqual(['spec.containers[0].restartPolicy']);
  });

  test('validateContainers can be called alone', () => {
    expect(findings(r => validateContainers([container('ok')], 'c', R, r))).toEqual([]);
    expect(findings(r => validateContainers([], 'c', R, r)).map(x => x.path)).toEqual(['c']);
  });
});

describe('init containers and native sidecars (k8s 1.28)', () => {
  const init = (extra: Spec) => specErrors(podSpec([container()], { initContainers: [container('init', extra)] }));

  test('allow: a sidecar (restartPolicy Always) with probes and lifecycle', () => {
    expect(init({
      restartPolicy: 'Always',
      readinessProbe: { exec: { command: ['true'] } },
      lifecycle: { preStop: { exec: { command: ['sleep', '1'] } } },
    })).toEqual([]);
  });

  test('deny: restartPolicy other than Always on an init container', () => {
    expect(init({ restartPolicy: 'OnFailure' })).toEqual(['spec.initContainers[0].restartPolicy']);
  });

  test('deny: probes and lifecycle on a plain init container', () => {
    expect(init({ livenessProbe: { exec: { command: ['true'] } }, lifecycle: {} }))
      .toEqual(['spec.initContainers[0].lifecycle', 'spec.initContainers[0].livenessProbe']);
  });
});

describe('ports', () => {
  const port = (p: Spec) => containerErrors({ ports: [p] });

  test('allow: a named port with protocol, an unset protocol (defaulted)', () => {
    expect(containerErrors({ ports: [{ name: 'http', containerPort: 80, protocol: 'TCP' }, { containerPort: 53, protocol: 'UDP' }, { containerPort: 9 }] })).toEqual([]);
  });

  test('deny: containerPort missing, 0, or above 65535; hostPort out of range', () => {
    expect(port({ name: 'x' })).toEqual(['spec.containers[0].ports[0].containerPort']);
    expect(port({ containerPort: 0 })).toEqual(['spec.containers[0].ports[0].containerPort']);
    expect(port({ containerPort: 65536 })).toEqual(['spec.containers[0].ports[0].containerPort']);
    expect(port({ containerPort: 80, hostPort: 70000 })).toEqual(['spec.containers[0].ports[0].hostPort']);
    expect(port({ containerPort: 80, hostPort: -1 })).toEqual(['spec.containers[0].ports[0].hostPort']);
  });

  test('deny: bad protocol', () => {
    expect(port({ containerPort: 80, protocol: 'HTTP' })).toEqual(['spec.containers[0].ports[0].protocol']);
  });

  test('IANA service names: at most 15 lowercase characters with a letter, no "--", no edge "-"', () => {
    for (const ok of ['http', 'metrics-1', 'a'.repeat(15), 'h2c']) expect(portNameProblem(ok)).toBeUndefined();
    for (const bad of ['HTTP', '1234', 'a--b', '-a', 'a-', 'a'.repeat(16), 'a_b']) expect(portNameProblem(bad)).toBeDefined();
    expect(port({ name: 'Web', containerPort: 80 })).toEqual(['spec.containers[0].ports[0].name']);
  });

  test('deny: duplicate port names in one container', () => {
    expect(containerErrors({ ports: [{ name: 'http', containerPort: 80 }, { name: 'http', containerPort: 81 }] })).toEqual(['spec.containers[0].ports[1].name']);
  });

  test('deny: the same host port twice across containers', () => {
    const spec = podSpec([container('a', { ports: [{ containerPort: 80, hostPort: 8080 }] }), container('b', { ports: [{ containerPort: 81, hostPort: 8080 }] })]);
    expect(specErrors(spec)).toEqual(['spec.containers[1].ports[0].hostPort']);
  });

  test('hostNetwork: hostPort must equal containerPort, and unset counts as 0 (Kruise 1.7, openkruise/kruise#1985)', () => {
    expect(containerErrors({ ports: [{ containerPort: 80, hostPort: 80 }] }, { hostNetwork: true })).toEqual([]);
    expect(containerErrors({ ports: [{ containerPort: 80, hostPort: 81 }] }, { hostNetwork: true })).toEqual(['spec.containers[0].ports[0].hostPort']);
    expect(containerErrors({ ports: [{ containerPort: 80 }] }, { hostNetwork: true })).toEqual(['spec.containers[0].ports[0].hostPort']);
    expect(containerErrors({ ports: [{ containerPort: 80 }] })).toEqual([]);
  });
});

describe('env', () => {
  const env = (e: unknown) => findings(r => validateEnv(e, 'env', R, r)).map(x => x.path);

  test('allow: plain values and each valueFrom source alone', () => {
    expect(env([
      { name: 'A', value: '1' },
      { name: 'my.env-name', value: '' },
      { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'LBL', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: "metadata.labels['app']" } } },
      { name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '1m' } } },
      { name: 'CM', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'k' } } },
      { name: 'S', valueFrom: { secretKeyRef: { name: 'sec', key: 'a.b_c' } } },
    ])).toEqual([]);
  });

  test('env var names follow k8s 1.28 ([-._a-zA-Z][-._a-zA-Z0-9]*, not . or ..)', () => {
    for (const ok of ['A', '_a', '.x', '-x', 'a.b-c_D9']) expect(envVarNameProblem(ok)).toBeUndefined();
    for (const bad of ['1A', 'A B', 'A=B', '.', '..', '..x', 'ä']) expect(envVarNameProblem(bad)).toBeDefined();
    expect(env([{ name: '1A', value: 'x' }, { value: 'x' }])).toEqual(['env[0].name', 'env[1].name']);
  });

  test('deny: valueFrom with no source, two sources, or beside a value', () => {
    expect(env([{ name: 'A', valueFrom: {} }])).toEqual(['env[0].valueFrom']);
    expect(env([{ name: 'A', valueFrom: { configMapKeyRef: { name: 'c', key: 'k' }, secretKeyRef: { name: 's', key: 'k' } } }])).toEqual(['env[0].valueFrom']);
    expect(env([{ name: 'A', value: 'x', valueFrom: { configMapKeyRef: { name: 'c', key: 'k' } } }])).toEqual(['env[0].valueFrom']);
  });

  test('deny: bad key references and field paths', () => {
    expect(env([{ name: 'A', valueFrom: { configMapKeyRef: { key: 'k' } } }])).toEqual(['env[0].valueFrom.configMapKeyRef.name']);
    expect(env([{ name: 'A', valueFrom: { secretKeyRef: { name: 's' } } }])).toEqual(['env[0].valueFrom.secretKeyRef.key']);
    expect(env([{ name: 'A', valueFrom: { secretKeyRef: { name: 's', key: 'a/b' } } }])).toEqual(['env[0].valueFrom.secretKeyRef.key']);
    expect(env([{ name: 'A', valueFrom: { fieldRef: { fieldPath: 'spec.containers' } } }])).toEqual(['env[0].valueFrom.fieldRef.fieldPath']);
    expect(env([{ name: 'A', valueFrom: { fieldRef: { fieldPath: 'metadata.labels' } } }])).toEqual(['env[0].valueFrom.fieldRef.fieldPath']);
    expect(env([{ name: 'A', valueFrom: { fieldRef: { apiVersion: 'v2', fieldPath: 'metadata.name' } } }])).toEqual(['env[0].valueFrom.fieldRef.fieldPath']);
    expect(env([{ name: 'A', valueFrom: { resourceFieldRef: { resource: 'limits.gpu' } } }])).toEqual(['env[0].valueFrom.resourceFieldRef.resource']);
    expect(env([{ name: 'A', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '1k' } } }])).toEqual(['env[0].valueFrom.resourceFieldRef.divisor']);
    expect(env([{ name: 'A', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } }])).toEqual([]);
  });

  test('configMapKeyProblem', () => {
    expect(configMapKeyProblem('a.b-c_D')).toBeUndefined();
    for (const bad of ['a/b', '.', '..', '..a', 'a b', 'x'.repeat(254)]) expect(configMapKeyProblem(bad)).toBeDefined();
  });

  test('envFrom: exactly one of configMapRef/secretRef with a name; prefix is an env var name', () => {
    expect(containerErrors({ envFrom: [{ configMapRef: { name: 'cfg' } }, { prefix: 'P_', secretRef: { name: 's' } }] })).toEqual([]);
    expect(containerErrors({ envFrom: [{}] })).toEqual(['spec.containers[0].envFrom']);
    expect(containerErrors({ envFrom: [{ configMapRef: { name: 'a' }, secretRef: { name: 'b' } }] })).toEqual(['spec.containers[0].envFrom']);
    expect(containerErrors({ envFrom: [{ configMapRef: {} }] })).toEqual(['spec.containers[0].envFrom[0].configMapRef.name']);
    expect(containerErrors({ envFrom: [{ prefix: '1x', configMapRef: { name: 'a' } }] })).toEqual(['spec.containers[0].envFrom[0].prefix']);
  });
});

describe('resources', () => {
  const res = (r: unknown) => findings(rep => validateResources(r, 'res', R, rep)).map(x => x.path);

  test('allow: usual requests and limits, extended and hugepage resources used correctly', () => {
    expect(res({ requests: { 'cpu': '100m', 'memory': '128Mi', 'ephemeral-storage': '1Gi' }, limits: { cpu: 1, memory: '256Mi' } })).toEqual([]);
    expect(res({ requests: { 'nvidia.com/gpu': 1 }, limits: { 'nvidia.com/gpu': '1' } })).toEqual([]);
    expect(res({ limits: { 'hugepages-2Mi': '100Mi', 'memory': '1Gi' } })).toEqual([]);
    expect(res({ limits: { 'example.kubernetes.io/x': '500m' } })).toEqual([]);
  });

  test('deny: invalid quantities and negative values', () => {
    expect(res({ limits: { cpu: '1 core' } })).toEqual(['res.limits["cpu"]']);
    expect(res({ requests: { memory: '-1Gi' } })).toEqual(['res.requests["memory"]']);
  });

  test('deny: requests above limits (exact comparison)', () => {
    expect(res({ requests: { memory: '1025Mi' }, limits: { memory: '1Gi' } })).toEqual(['res.requests']);
    expect(res({ requests: { memory: '1024Mi' }, limits: { memory: '1Gi' } })).toEqual([]);
    expect(res({ requests: { cpu: '1001m' }, limits: { cpu: 1 } })).toEqual(['res.requests']);
  });

  test('deny: resource names that are neither standard container resources nor qualified extended ones', () => {
    expect(res({ limits: { pods: '1' } })).toEqual(['res.limits["pods"]']);
    expect(res({ limits: { gpu: '1' } })).toEqual(['res.limits["gpu"]']);
    expect(res({ limits: { 'requests.example.com/x': '1' } })).toEqual(['res.limits["requests.example.com/x"]']);
    expect(containerResourceNameProblem('example.com/foo')).toBeUndefined();
    expect(containerResourceNameProblem('storage')).toBeDefined();
  });

  test('extended resources: whole numbers, requests equal to limits, limits required', () => {
    expect(res({ limits: { 'example.com/foo': '500m' } })).toEqual(['res.limits["example.com/foo"]']);
    expect(res({ requests: { 'example.com/foo': 1 }, limits: { 'example.com/foo': 2 } })).toEqual(['res.requests']);
    expect(res({ requests: { 'example.com/foo': 1 } })).toEqual(['res.limits']);
  });

  test('hugepages: need cpu or memory, requests equal to limits; indivisible values are allowed (Kruise option)', () => {
    expect(res({ limits: { 'hugepages-2Mi': '100Mi' } })).toEqual(['res']);
    expect(res({ requests: { 'hugepages-2Mi': '2Mi', 'memory': '1Gi' }, limits: { 'hugepages-2Mi': '4Mi' } })).toEqual(['res.requests']);
    expect(res({ limits: { 'hugepages-2Mi': '3Mi', 'memory': '1Gi' } })).toEqual([]);
  });

  test('claims must name spec.resourceClaims', () => {
    expect(containerErrors({ resources: { claims: [{ name: 'gpu' }] } })).toEqual(['spec.containers[0].resources.claims[0]']);
    expect(containerErrors({ resources: { claims: [{ name: 'gpu' }] } }, { resourceClaims: [{ name: 'gpu', source: { resourceClaimName: 'x' } }] })).toEqual([]);
  });
});

describe('probes and lifecycle', () => {
  const probe = (p: unknown, path = 'c.livenessProbe') => findings(r => validateProbe(p, path, R, r)).map(x => x.path);

  test('allow: each handler type alone; thresholds left for defaulting', () => {
    expect(probe({ exec: { command: ['true'] } })).toEqual([]);
    expect(probe({ httpGet: { port: 8080 } })).toEqual([]);
    expect(probe({ httpGet: { path: '/healthz', port: 'http', scheme: 'HTTPS', httpHeaders: [{ name: 'X-Probe', value: '1' }] } })).toEqual([]);
    expect(probe({ tcpSocket: { port: 5432 } })).toEqual([]);
    expect(probe({ grpc: { port: 9090 }, successThreshold: 0 })).toEqual([]);
    expect(probe(undefined)).toEqual([]);
  });

  test('deny: no handler or two handlers', () => {
    expect(probe({ periodSeconds: 5 })).toEqual(['c.livenessProbe']);
    expect(probe({ exec: { command: ['true'] }, tcpSocket: { port: 1 } })).toEqual(['c.livenessProbe.tcpSocket']);
  });

  test('deny: bad handler details', () => {
    expect(probe({ exec: {} })).toEqual(['c.livenessProbe.exec.command']);
    expect(probe({ httpGet: {} })).toEqual(['c.livenessProbe.httpGet.port']);
    expect(probe({ httpGet: { port: 70000 } })).toEqual(['c.livenessProbe.httpGet.port']);
    expect(probe({ httpGet: { port: 'Web_Port' } })).toEqual(['c.livenessProbe.httpGet.port']);
    expect(probe({ httpGet: { port: 80, scheme: 'FTP' } })).toEqual(['c.livenessProbe.httpGet.scheme']);
    expect(probe({ httpGet: { port: 80, httpHeaders: [{ name: 'Bad Header' }] } })).toEqual(['c.livenessProbe.httpGet.httpHeaders']);
    expect(probe({ tcpSocket: { port: 0 } })).toEqual(['c.livenessProbe.tcpSocket.port']);
  });

  test('deny: negative timings; terminationGracePeriodSeconds must be positive', () => {
    expect(probe({ exec: { command: ['x'] }, periodSeconds: -1, failureThreshold: -3 })).toEqual(['c.livenessProbe.periodSeconds', 'c.livenessProbe.failureThreshold']);
    expect(probe({ exec: { command: ['x'] }, terminationGracePeriodSeconds: 0 })).toEqual(['c.livenessProbe.terminationGracePeriodSeconds']);
  });

  test('liveness and startup probes need successThreshold 1; readiness probes may use more', () => {
    expect(probe({ exec: { command: ['x'] }, successThreshold: 2 })).toEqual(['c.livenessProbe.successThreshold']);
    expect(probe({ exec: { command: ['x'] }, successThreshold: 2 }, 'c.startupProbe')).toEqual(['c.startupProbe.successThreshold']);
    expect(probe({ exec: { command: ['x'] }, successThreshold: 3 }, 'c.readinessProbe')).toEqual([]);
    expect(probe({ exec: { command: ['x'] }, successThreshold: 1 })).toEqual([]);
  });

  test('deny: terminationGracePeriodSeconds on a readiness probe', () => {
    expect(probe({ exec: { command: ['x'] }, terminationGracePeriodSeconds: 5 }, 'c.readinessProbe')).toEqual(['c.readinessProbe.terminationGracePeriodSeconds']);
  });

  test('through a container: the probe kind comes from the field', () => {
    expect(containerErrors({ startupProbe: { exec: { command: ['x'] }, successThreshold: 2 } })).toEqual(['spec.containers[0].startupProbe.successThreshold']);
  });

  test('lifecycle handlers: exactly one of exec/httpGet/tcpSocket (no grpc)', () => {
    expect(containerErrors({ lifecycle: { preStop: { exec: { command: ['sleep', '5'] } }, postStart: { httpGet: { port: 80 } } } })).toEqual([]);
    expect(containerErrors({ lifecycle: { preStop: {} } })).toEqual(['spec.containers[0].lifecycle.preStop']);
    expect(containerErrors({ lifecycle: { preStop: { grpc: { port: 80 } } } })).toEqual(['spec.containers[0].lifecycle.preStop']);
  });
});

describe('volumes and mounts', () => {
  const vols = (v: unknown) => findings(r => validateVolumes(v, 'v', R, r)).map(x => x.path);

  test('allow: the common sources, and a volume with no source (defaulted to emptyDir)', () => {
    expect(vols([
      volume('a'),
      volume('b', { configMap: { name: 'cfg', items: [{ key: 'k', path: 'conf/app.yaml', mode: 0o644 }] } }),
      volume('c', { secret: { secretName: 's', defaultMode: 0o400 } }),
      volume('d', { persistentVolumeClaim: { claimName: 'pvc' } }),
      volume('e', { hostPath: { path: '/var/log', type: 'Directory' } }),
      volume('f', { projected: { sources: [{ configMap: { name: 'c' } }, { serviceAccountToken: { path: 'token', expirationSeconds: 3600 } }] } }),
      volume('g', { downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } }),
      volume('h', { csi: { driver: 'secrets-store.csi.k8s.io' } }),
      volume('i', { ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } } } }),
      volume('j', { nfs: { server: 'nfs.local', path: '/exports' } }),
      { name: 'k' },
    ])).toEqual([]);
  });

  test('deny: bad, missing and duplicate names', () => {
    expect(vols([{ emptyDir: {} }])).toEqual(['v[0].name']);
    expect(vols([volume('Data')])).toEqual(['v[0].name']);
    expect(vols([volume('a'), volume('a')])).toEqual(['v[1].name']);
  });

  test('deny: more than one source', () => {
    expect(vols([volume('a', { emptyDir: {}, configMap: { name: 'x' } })])).toEqual(['v[0].configMap']);
  });

  test('deny: source details', () => {
    expect(vols([volume('a', { configMap: {} })])).toEqual(['v[0].configMap.name']);
    expect(vols([volume('a', { secret: { secretName: 's', defaultMode: 0o1000 } })])).toEqual(['v[0].secret.defaultMode']);
    expect(vols([volume('a', { persistentVolumeClaim: {} })])).toEqual(['v[0].persistentVolumeClaim.claimName']);
    expect(vols([volume('a', { hostPath: { path: '/a/../etc' } })])).toEqual(['v[0].hostPath.path']);
    expect(vols([volume('a', { hostPath: { path: '/a', type: 'Dir' } })])).toEqual(['v[0].hostPath.type']);
    expect(vols([volume('a', { emptyDir: { sizeLimit: '-1Gi' } })])).toEqual(['v[0].emptyDir.sizeLimit']);
    expect(vols([volume('a', { configMap: { name: 'c', items: [{ key: 'k', path: '/abs' }] } })])).toEqual(['v[0].configMap.items[0].path']);
    expect(vols([volume('a', { nfs: { server: 's', path: 'relative' } })])).toEqual(['v[0].nfs.path']);
    expect(vols([volume('a', { csi: { driver: 'Bad_Driver' } })])).toEqual(['v[0].csi.driver']);
    expect(vols([volume('a', { ephemeral: {} })])).toEqual(['v[0].ephemeral.volumeClaimTemplate']);
    const claim = (spec: Spec, metadata: Spec = {}) => vols([volume('a', { ephemeral: { volumeClaimTemplate: { metadata, spec } } })]);
    expect(claim({ accessModes: ['ReadWriteOnce'] })).toEqual(['v[0].ephemeral.volumeClaimTemplate.spec.resources[storage]']);
    expect(claim({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '0' } } })).toEqual(['v[0].ephemeral.volumeClaimTemplate.spec.resources[storage]']);
    expect(claim({ accessModes: ['ReadWriteOncePod', 'ReadOnlyMany'], resources: { requests: { storage: '1Gi' } } })).toEqual(['v[0].ephemeral.volumeClaimTemplate.spec.accessModes']);
    expect(claim({ accessModes: ['ReadWriteOnce'], volumeMode: 'Raw', storageClassName: 'Fast_SSD', resources: { requests: { storage: '1Gi' } } }))
      .toEqual(['v[0].ephemeral.volumeClaimTemplate.spec.storageClassName', 'v[0].ephemeral.volumeClaimTemplate.spec.volumeMode']);
    expect(claim({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } }, { name: 'x', labels: { a: 'b' }, creationTimestamp: null }))
      .toEqual(['v[0].ephemeral.volumeClaimTemplate.metadata.name']);
    expect(vols([volume('a', { downwardAPI: { items: [{ path: 'x' }] } })])).toEqual(['v[0].downwardAPI.items[0]']);
    expect(vols([volume('a', { projected: { sources: [{ serviceAccountToken: { path: 't', expirationSeconds: 60 } }] } })]))
      .toEqual(['v[0].projected.sources[0].serviceAccountToken.expirationSeconds']);
    expect(vols([volume('a', { projected: { sources: [{ configMap: { name: 'a', items: [{ key: 'k', path: 'p' }] } }, { secret: { name: 'b', items: [{ key: 'k', path: 'p' }] } }] } })]))
      .toEqual(['v[0].projected']);
  });

  test('deny: a mount must name a valid volume; opts.extraVolumeNames adds names', () => {
    const spec = podSpec([container('app', { volumeMounts: [{ name: 'data', mountPath: '/data' }] })]);
    expect(specErrors(spec)).toEqual(['spec.containers[0].volumeMounts[0].name']);
    expect(specErrors(spec, { extraVolumeNames: ['data'] })).toEqual([]);
    expect(specErrors({ ...spec, volumes: [volume('data')] })).toEqual([]);
    // A volume that is itself invalid does not count (k8s keeps only valid volumes).
    expect(specErrors({ ...spec, volumes: [volume('data', { configMap: {} })] }))
      .toEqual(['spec.volumes[0].configMap.name', 'spec.containers[0].volumeMounts[0].name']);
  });

  test('deny: mountPath required and unique; subPath relative; Bidirectional needs privileged', () => {
    const withMounts = (m: Spec[], extra: Spec = {}) => specErrors(podSpec([container('app', { volumeMounts: m, ...extra })], { volumes: [volume('a'), volume('b')] }));
    expect(withMounts([{ name: 'a' }])).toEqual(['spec.containers[0].volumeMounts[0].mountPath']);
    expect(withMounts([{ name: 'a', mountPath: '/x' }, { name: 'b', mountPath: '/x' }])).toEqual(['spec.containers[0].volumeMounts[1].mountPath']);
    expect(withMounts([{ name: 'a', mountPath: '/x', subPath: '../up' }])).toEqual(['spec.containers[0].volumeMounts[0].subPath']);
    expect(withMounts([{ name: 'a', mountPath: '/x', mountPropagation: 'Bidirectional' }])).toEqual(['spec.containers[0].volumeMounts[0].mountPropagation']);
    expect(withMounts([{ name: 'a', mountPath: '/x', mountPropagation: 'Bidirectional' }], { securityContext: { privileged: true } })).toEqual([]);
    expect(withMounts([{ name: 'a', mountPath: '/x' }, { name: 'a', mountPath: '/y', readOnly: true }])).toEqual([]);
  });
});

describe('volume devices (block mode)', () => {
  const withDevices = (d: Spec[], extra: Spec = {}) => specErrors(podSpec([container('app', { volumeDevices: d, ...extra })], {
    volumes: [volume('claim', { persistentVolumeClaim: { claimName: 'c' } }), volume('scratch')],
  }));

  test('allow: a device on a claim volume, or on a mocked claim (extraVolumeNames)', () => {
    expect(withDevices([{ name: 'claim', devicePath: '/dev/xvda' }])).toEqual([]);
    expect(specErrors(podSpec([container('app', { volumeDevices: [{ name: 'vct', devicePath: '/dev/b' }] })]), { extraVolumeNames: ['vct'] })).toEqual([]);
  });

  test('deny: a device on a non-claim volume, a missing volume, duplicate names or paths, backsteps', () => {
    expect(withDevices([{ name: 'scratch', devicePath: '/dev/a' }])).toEqual(['spec.containers[0].volumeDevices[0].name']);
    expect(withDevices([{ name: 'nope', devicePath: '/dev/a' }])).toEqual(['spec.containers[0].volumeDevices[0].name']);
    expect(withDevices([{ name: 'claim', devicePath: '/dev/a' }, { name: 'claim', devicePath: '/dev/b' }])).toEqual(['spec.containers[0].volumeDevices[1].name']);
    expect(withDevices([{ name: 'claim', devicePath: '/dev/../a' }])).toEqual(['spec.containers[0].volumeDevices[0].devicePath']);
    expect(withDevices([{ name: 'claim' }])).toEqual(['spec.containers[0].volumeDevices[0].devicePath']);
  });

  test('deny: the same volume as mount and device', () => {
    const f = withDevices([{ name: 'claim', devicePath: '/dev/a' }], { volumeMounts: [{ name: 'claim', mountPath: '/data' }] });
    expect(f).toEqual(['spec.containers[0].volumeMounts[0].name', 'spec.containers[0].volumeDevices[0].name']);
  });
});

describe('pod-level fields', () => {
  test('restartPolicy, dnsPolicy and preemptionPolicy: known values, or unset (defaulted)', () => {
    expect(specErrors(podSpec(undefined, { restartPolicy: 'Sometimes' }))).toEqual(['spec.restartPolicy']);
    expect(specErrors(podSpec(undefined, { restartPolicy: 'OnFailure', dnsPolicy: 'ClusterFirstWithHostNet' }))).toEqual([]);
    expect(specErrors(podSpec(undefined, { dnsPolicy: 'Cluster' }))).toEqual(['spec.dnsPolicy']);
    expect(specErrors(podSpec(undefined, { preemptionPolicy: 'Always' }))).toEqual(['spec.preemptionPolicy']);
    expect(specErrors(podSpec(), { restartPolicy: 'Bogus' })).toEqual(['spec.restartPolicy']);
  });

  test('a negative terminationGracePeriodSeconds is only a warning (k8s 1.28 does not validate it); activeDeadlineSeconds > 0 when set', () => {
    expect(specErrors(podSpec(undefined, { terminationGracePeriodSeconds: -1 }))).toEqual([]);
    expect(findings(r => validatePodSpec(podSpec(undefined, { terminationGracePeriodSeconds: -1 }), 'spec', R, r)).map(x => [x.severity, x.path]))
      .toEqual([['warning', 'spec.terminationGracePeriodSeconds']]);
    expect(specErrors(podSpec(undefined, { terminationGracePeriodSeconds: 0, activeDeadlineSeconds: 1 }))).toEqual([]);
    expect(specErrors(podSpec(undefined, { activeDeadlineSeconds: 0 }))).toEqual(['spec.activeDeadlineSeconds']);
  });

  test('names: serviceAccountName, hostname, subdomain, nodeName, priorityClassName', () => {
    expect(specErrors(podSpec(undefined, { serviceAccountName: 'My_SA', hostname: 'a.b', subdomain: 'Sub', nodeName: 'n_1', priorityClassName: 'High!' })))
      .toEqual(['spec.serviceAccountName', 'spec.nodeName', 'spec.hostname', 'spec.subdomain', 'spec.priorityClassName']);
    expect(specErrors(podSpec(undefined, { serviceAccountName: 'sa', hostname: 'h', subdomain: 's', nodeName: 'node-1.zone' }))).toEqual([]);
  });

  test('nodeSelector labels, tolerations and node affinity go through the shared validators', () => {
    expect(specErrors(podSpec(undefined, {
      nodeSelector: { 'bad key': 'x' },
      tolerations: [{ operator: 'Equal', value: 'x' }],
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } },
    }))).toEqual([
      'spec.nodeSelector["bad key"]',
      'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms',
      'spec.tolerations[0].operator',
    ]);
  });

  test('pod affinity: topologyKey required, weight 1-100, selector values not checked (Kruise option)', () => {
    const term = { labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['not a label value!'] }] }, topologyKey: 'kubernetes.io/hostname' };
    expect(specErrors(podSpec(undefined, { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } } }))).toEqual([]);
    expect(specErrors(podSpec(undefined, {
      affinity: {
        podAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: {} }],
          preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, podAffinityTerm: term }],
        },
      },
    }))).toEqual([
      'spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey',
      'spec.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight',
    ]);
  });

  test('topology spread constraints', () => {
    const tsc = (c: Spec[]) => specErrors(podSpec(undefined, { topologySpreadConstraints: c }));
    const ok = { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'x' } } };
    expect(tsc([ok, { ...ok, whenUnsatisfiable: 'ScheduleAnyway' }])).toEqual([]);
    expect(tsc([{ ...ok, maxSkew: 0 }])).toEqual(['spec.topologySpreadConstraints[0].maxSkew']);
    expect(tsc([{ ...ok, topologyKey: '' }])).toEqual(['spec.topologySpreadConstraints[0].topologyKey']);
    expect(tsc([{ ...ok, whenUnsatisfiable: 'Never' }])).toEqual(['spec.topologySpreadConstraints[0].whenUnsatisfiable']);
    expect(tsc([ok, ok])).toEqual(['spec.topologySpreadConstraints[0].{topologyKey, whenUnsatisfiable}']);
    expect(tsc([{ ...ok, whenUnsatisfiable: 'ScheduleAnyway', minDomains: 2 }])).toEqual(['spec.topologySpreadConstraints[0].minDomains']);
    expect(tsc([{ ...ok, matchLabelKeys: ['app'] }])).toEqual(['spec.topologySpreadConstraints[0].matchLabelKeys[0]']);
  });

  test('dnsConfig: None needs nameservers; nameservers are IPs', () => {
    expect(specErrors(podSpec(undefined, { dnsPolicy: 'None' }))).toEqual(['spec.dnsConfig']);
    expect(specErrors(podSpec(undefined, { dnsPolicy: 'None', dnsConfig: { nameservers: ['1.1.1.1', '2001:db8::1'], searches: ['svc.cluster.local.'] } }))).toEqual([]);
    expect(specErrors(podSpec(undefined, { dnsConfig: { nameservers: ['dns.local'] } }))).toEqual(['spec.dnsConfig.nameservers[0]']);
  });

  test('readiness gates are qualified names; hostAliases need IPs; imagePullSecrets extras are left to the schema check', () => {
    expect(specErrors(podSpec(undefined, { imagePullSecrets: [{ name: 'reg', namespace: 'x' }] }))).toEqual([]);
    expect(specErrors(podSpec(undefined, { hostAliases: [{ hostnames: ['a.local'] }] }))).toEqual(['spec.hostAliases[0].ip']);
    expect(specErrors(podSpec(undefined, { hostAliases: [{ ip: '10.0.0.1', hostnames: ['a.local', 'Bad_Host'] }] }))).toEqual(['spec.hostAliases[0].hostnames[1]']);
    expect(specErrors(podSpec(undefined, { readinessGates: [{ conditionType: 'bad gate' }] }))).toEqual(['spec.readinessGates[0].conditionType']);
    expect(specErrors(podSpec(undefined, { hostAliases: [{ ip: '300.1.1.1', hostnames: ['a.local'] }] }))).toEqual(['spec.hostAliases[0].ip']);
  });
});

describe('notDefaulted: specs that did not go through Kruise pod defaulting', () => {
  test('deny: every field defaulting would fill, when missing', () => {
    const spec = podSpec([container('app', {
      ports: [{ containerPort: 80 }],
      env: [{ name: 'N', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
      livenessProbe: { httpGet: { port: 80 } },
      readinessProbe: { exec: { command: ['true'] } },
    })], {
      volumes: [{ name: 'a' }, { name: 't', projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } }],
    });
    expect(specErrors(spec, { notDefaulted: true }).sort()).toEqual([
      'spec.containers[0].env[0].valueFrom.fieldRef.apiVersion',
      'spec.containers[0].imagePullPolicy',
      'spec.containers[0].livenessProbe.httpGet.path',
      'spec.containers[0].livenessProbe.httpGet.scheme',
      'spec.containers[0].livenessProbe.successThreshold',
      'spec.containers[0].ports[0].protocol',
      'spec.containers[0].terminationMessagePolicy',
      'spec.dnsPolicy',
      'spec.restartPolicy',
      'spec.volumes[0]',
      'spec.volumes[1].projected.sources[0].serviceAccountToken.expirationSeconds',
    ]);
    // The same spec is fine once defaulting has run (the default).
    expect(specErrors(spec)).toEqual([]);
  });

  test('allow: a fully specified spec; opts.restartPolicy stands in for a missing restartPolicy', () => {
    const spec = podSpec([container('app', { imagePullPolicy: 'IfNotPresent', terminationMessagePolicy: 'File' })], { dnsPolicy: 'ClusterFirst' });
    expect(specErrors(spec, { notDefaulted: true, restartPolicy: 'Never' })).toEqual([]);
  });
});

describe('security contexts', () => {
  test('allow: usual pod and container security contexts, privileged containers (kruise-manager allows them by default)', () => {
    expect(specErrors(podSpec([container('app', { securityContext: { runAsUser: 1000, privileged: true, procMount: 'Default', seccompProfile: { type: 'RuntimeDefault' } } })], {
      securityContext: { runAsUser: 0, fsGroup: 2000, supplementalGroups: [1, 2], sysctls: [{ name: 'net.core.somaxconn', value: '1024' }], fsGroupChangePolicy: 'OnRootMismatch' },
    }))).toEqual([]);
  });

  test('deny: ids out of range, bad sysctls, bad fsGroupChangePolicy, bad seccomp profiles', () => {
    expect(specErrors(podSpec(undefined, {
      securityContext: {
        runAsUser: -1,
        fsGroup: 2 ** 31,
        sysctls: [{ name: 'Net.Core' }, { name: 'a.b' }, { name: 'a.b' }],
        fsGroupChangePolicy: 'Never',
        seccompProfile: { type: 'Localhost' },
      },
    }))).toEqual([
      'spec.securityContext.fsGroup', 'spec.securityContext.runAsUser', 'spec.securityContext.sysctls[0].name', 'spec.securityContext.sysctls[2].name',
      'spec.securityContext.fsGroupChangePolicy', 'spec.securityContext.seccompProfile.localhostProfile',
    ]);
    expect(containerErrors({ securityContext: { seccompProfile: { type: 'RuntimeDefault', localhostProfile: 'x.json' } } })).toEqual(['spec.containers[0].securityContext.seccompProfile.localhostProfile']);
    expect(containerErrors({ securityContext: { seccompProfile: {} } })).toEqual(['spec.containers[0].securityContext.seccompProfile.type']);
  });

  test('deny: allowPrivilegeEscalation false with privileged or CAP_SYS_ADMIN; bad procMount', () => {
    expect(containerErrors({ securityContext: { allowPrivilegeEscalation: false, privileged: true } })).toEqual(['spec.containers[0].securityContext']);
    expect(containerErrors({ securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ['CAP_SYS_ADMIN'] } } })).toEqual(['spec.containers[0].securityContext']);
    expect(containerErrors({ securityContext: { procMount: 'Masked' } })).toEqual(['spec.containers[0].securityContext.procMount']);
  });

  test('deny: shareProcessNamespace with hostPID; host namespaces with hostUsers false', () => {
    expect(specErrors(podSpec(undefined, { shareProcessNamespace: true, hostPID: true }))).toEqual(['spec.securityContext.shareProcessNamespace']);
    expect(specErrors(podSpec(undefined, { hostUsers: false, hostIPC: true }))).toEqual(['spec.hostIPC']);
    expect(specErrors(podSpec(undefined, { hostUsers: true, hostIPC: true }))).toEqual([]);
  });
});

describe('forPod (ValidatePodCreate, as SidecarSet checks its fake pod)', () => {
  test('deny: a projected service account token without serviceAccountName; nodeName with scheduling gates', () => {
    const spec = podSpec(undefined, {
      volumes: [volume('t', { projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } })],
      nodeName: 'n1',
      schedulingGates: [{ name: 'example.com/wait' }],
    });
    expect(specErrors(spec, { forPod: true })).toEqual(['spec.volumes[0].projected.sources[0].serviceAccountToken', 'spec.nodeName']);
    expect(specErrors(spec)).toEqual([]);
    expect(specErrors({ ...spec, serviceAccountName: 'sa', nodeName: undefined }, { forPod: true })).toEqual([]);
  });
});

describe('seccomp annotations and fields must agree', () => {
  const tpl = (annotations: Spec, spec: Spec) => ({ metadata: { annotations }, spec });
  const errs = (t: unknown) => findings(r => validatePodTemplateSpec(t, 't', R, r)).map(x => x.path);

  test('allow: matching pod and container profiles', () => {
    expect(errs(tpl({ 'seccomp.security.alpha.kubernetes.io/pod': 'docker/default' }, podSpec([container('app', {
      securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'p.json' } },
    })], { securityContext: { seccompProfile: { type: 'RuntimeDefault' } } })))).toEqual([]);
    expect(errs(tpl({ 'container.seccomp.security.alpha.kubernetes.io/app': 'localhost/p.json' }, podSpec([container('app', {
      securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'p.json' } },
    })])))).toEqual([]);
  });

  test('deny: a pod annotation that disagrees with the pod field; a container profile that differs', () => {
    expect(errs(tpl({ 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' }, podSpec(undefined, { securityContext: { seccompProfile: { type: 'RuntimeDefault' } } }))))
      .toEqual(['t.spec.securityContext.seccompProfile.type']);
    expect(errs(tpl({ 'container.seccomp.security.alpha.kubernetes.io/app': 'localhost/a.json' }, podSpec([container('app', {
      securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'b.json' } },
    })])))).toEqual(['t.spec.containers[0].securityContext.seccompProfile.localhostProfile']);
  });
});

describe('Kruise 1.8: the k8s 1.30 validation library (ADMISSION-DELTA §9)', () => {
  const v18 = { kruiseVersion: '1.8' };
  const both = (spec: Spec) => [specErrors(spec), specErrors(spec, v18)];

  test('podOptionsFor carries the context version', () => {
    expect(podOptionsFor({ version: '1.8' }, { extraVolumeNames: ['x'] })).toEqual({ kruiseVersion: '1.8', extraVolumeNames: ['x'] });
    const sleepOnly = podSpec([container('app', { lifecycle: { preStop: { sleep: { seconds: 5 } } } })]);
    expect(specErrors(sleepOnly, podOptionsFor({ version: '1.8' }))).toEqual([]);
    expect(specErrors(sleepOnly, podOptionsFor({ version: '1.7' }))).toEqual(['spec.containers[0].lifecycle.preStop']);
  });

  test('K8S-1 lifecycle sleep: unknown to 1.7 (a sleep-only handler is empty), a handler in 1.8 bounded by the grace period', () => {
    const sleepOnly = podSpec([container('app', { lifecycle: { preStop: { sleep: { seconds: 5 } } } })]);
    expect(both(sleepOnly)).toEqual([['spec.containers[0].lifecycle.preStop'], []]);
    const tooLong = podSpec([container('app', { lifecycle: { preStop: { sleep: { seconds: 31 } } } })]);
    expect(specErrors(tooLong, v18)).toEqual(['spec.containers[0].lifecycle.preStop.sleep']);
    expect(specErrors({ ...tooLong, terminationGracePeriodSeconds: 60 }, v18)).toEqual([]);
    const execAndSleep = podSpec([container('app', { lifecycle: { preStop: { exec: { command: ['x'] }, sleep: { seconds: 1 } } } })]);
    expect(both(execAndSleep)).toEqual([[], ['spec.containers[0].lifecycle.preStop.sleep']]);
  });

  test('K8S-2 recursiveReadOnly needs readOnly and no propagation (1.8 only)', () => {
    const spec = (m: Spec) => podSpec([container('app', { volumeMounts: [{ name: 'a', mountPath: '/a', ...m }] })], { volumes: [volume('a')] });
    expect(both(spec({ recursiveReadOnly: 'Enabled' }))).toEqual([[], ['spec.containers[0].volumeMounts[0].recursiveReadOnly']]);
    expect(specErrors(spec({ recursiveReadOnly: 'IfPossible', readOnly: true }), v18)).toEqual([]);
    expect(specErrors(spec({ recursiveReadOnly: 'Always', readOnly: true }), v18)).toEqual(['spec.containers[0].volumeMounts[0].recursiveReadOnly']);
  });

  test('K8S-3 procMount Unmasked needs hostUsers false (1.8 only)', () => {
    const spec = podSpec([container('app', { securityContext: { procMount: 'Unmasked' } })]);
    expect(both(spec)).toEqual([[], ['spec.containers[0].securityContext.procMount']]);
    expect(specErrors({ ...spec, hostUsers: false }, v18)).toEqual([]);
  });

  test('K8S-4 AppArmor profile fields and their agreement with the annotation (1.8 only)', () => {
    const spec = podSpec([container('app', { securityContext: { appArmorProfile: { type: 'Localhost' } } })]);
    expect(both(spec)).toEqual([[], ['spec.containers[0].securityContext.appArmorProfile.localhostProfile']]);
    const podLevel = podSpec(undefined, { securityContext: { appArmorProfile: { type: 'RuntimeDefault', localhostProfile: 'x' } } });
    expect(specErrors(podLevel, v18)).toEqual(['spec.securityContext.appArmorProfile.localhostProfile']);
    const tpl = {
      metadata: { annotations: { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' } },
      spec: podSpec(undefined, { securityContext: { appArmorProfile: { type: 'RuntimeDefault' } } }),
    };
    const errs = (opts = {}) => findings(r => validatePodTemplateSpec(tpl, 't', R, r, opts)).map(x => x.path);
    expect(errs()).toEqual([]);
    expect(errs(v18)).toEqual(['t.spec.containers[0].securityContext.appArmorProfile.type']);
  });

  test('K8S-5 namespaced sysctls with hostNetwork / hostIPC (1.8 only)', () => {
    const spec = podSpec(undefined, { hostNetwork: true, hostIPC: true, securityContext: { sysctls: [{ name: 'net.core.somaxconn' }, { name: 'kernel.shmmax' }, { name: 'kernel.sem' }, { name: 'vm.swappiness' }] } });
    expect(both(spec)).toEqual([[], ['spec.securityContext.sysctls[0].name', 'spec.securityContext.sysctls[1].name', 'spec.securityContext.sysctls[2].name']]);
  });

  test('K8S-6 the projected token path is relative (1.8 only)', () => {
    const spec = podSpec(undefined, { volumes: [volume('t', { projected: { sources: [{ serviceAccountToken: { path: '/abs/token' } }] } })] });
    expect(both(spec)).toEqual([[], ['spec.volumes[0].projected.path']]);
  });

  test('K8S-7 pod affinity matchLabelKeys / mismatchLabelKeys (1.8 only)', () => {
    const term = (t: Spec) => podSpec(undefined, { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'zone', ...t }] } } });
    const base = 'spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0]';
    expect(both(term({ matchLabelKeys: ['app'] }))).toEqual([[], [`${base}.matchLabelKeys`]]);
    expect(specErrors(term({ labelSelector: { matchLabels: { a: 'b' } }, matchLabelKeys: ['pod-template-hash'], mismatchLabelKeys: ['pod-template-hash'] }), v18))
      .toEqual([`${base}.matchLabelKeys[0]`]);
    expect(specErrors(term({ labelSelector: { matchLabels: { a: 'b' } }, matchLabelKeys: ['pod-template-hash'] }), v18)).toEqual([]);
  });

  test('K8S-8 resize restartPolicy must be NotRequired when the pod never restarts (1.8 only)', () => {
    const spec = podSpec([container('app', { resizePolicy: [{ resourceName: 'cpu', restartPolicy: 'RestartContainer' }] })], { restartPolicy: 'Never' });
    expect(both(spec)).toEqual([[], ['spec.containers[0].resizePolicy']]);
    expect(specErrors({ ...spec, restartPolicy: 'Always' }, v18)).toEqual([]);
  });

  test('K8S-10 projected clusterTrustBundle: dropped by 1.7, checked by 1.8', () => {
    const spec = (b: Spec) => podSpec(undefined, { volumes: [volume('t', { projected: { sources: [{ clusterTrustBundle: b }] } })] });
    expect(both(spec({ path: 'ca.pem' }))).toEqual([[], ['spec.volumes[0].projected.sources[0].clusterTrustBundlePEM']]);
    expect(specErrors(spec({ name: 'a', signerName: 'b', path: 'ca.pem' }), v18)).toEqual(['spec.volumes[0].projected.sources[0].clusterTrustBundlePEM']);
    expect(specErrors(spec({ signerName: 'example.com/signer', path: 'ca.pem' }), v18)).toEqual([]);
  });

  test('K8S-11 claim template dataSource apiGroup is a DNS subdomain (1.8 only); kind/name rules in both', () => {
    const spec = (ds: Spec) => podSpec(undefined, {
      volumes: [volume('e', { ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, dataSource: ds } } } })],
    });
    const dsPath = 'spec.volumes[0].ephemeral.volumeClaimTemplate.spec.dataSource';
    expect(both(spec({ apiGroup: 'Snapshot_Group', kind: 'VolumeSnapshot', name: 's' }))).toEqual([[], [`${dsPath}.apiGroup`]]);
    expect(both(spec({ kind: 'VolumeSnapshot', name: 's' }))).toEqual([[dsPath], [dsPath]]);
    expect(both(spec({ kind: 'PersistentVolumeClaim', name: 'src' }))).toEqual([[], []]);
  });
});

describe('validatePodSpecificAnnotations', () => {
  const ann = (a: Spec, spec: Spec = podSpec()) => findings(r => validatePodSpecificAnnotations(a, spec, 'a', R, r)).map(x => x.path);

  test('allow: ordinary annotations and valid profiles', () => {
    expect(ann({
      'note': 'x',
      'seccomp.security.alpha.kubernetes.io/pod': 'runtime/default',
      'container.apparmor.security.beta.kubernetes.io/app': 'localhost/my-profile',
      'controller.kubernetes.io/pod-deletion-cost': 'not a number', // Kruise allows invalid deletion costs
    })).toEqual([]);
  });

  test('deny: bad seccomp profile; AppArmor annotation for a missing container or with a bad profile', () => {
    expect(ann({ 'seccomp.security.alpha.kubernetes.io/pod': 'strict' })).toEqual(['a["seccomp.security.alpha.kubernetes.io/pod"]']);
    expect(ann({ 'container.apparmor.security.beta.kubernetes.io/other': 'runtime/default' })).toEqual(['a["container.apparmor.security.beta.kubernetes.io/other"]']);
    expect(ann({ 'container.apparmor.security.beta.kubernetes.io/app': 'strict' })).toEqual(['a["container.apparmor.security.beta.kubernetes.io/app"]']);
  });

  test('deny: mirror annotation without nodeName; invalid tolerations annotation', () => {
    expect(ann({ 'kubernetes.io/config.mirror': 'x' })).toEqual(['a["kubernetes.io/config.mirror"]']);
    expect(ann({ 'scheduler.alpha.kubernetes.io/tolerations': 'not json' })).toEqual(['a["scheduler.alpha.kubernetes.io/tolerations"]']);
    expect(ann({ 'scheduler.alpha.kubernetes.io/tolerations': '[{"operator":"Equal"}]' })).toEqual(['a["scheduler.alpha.kubernetes.io/tolerations"][0].operator']);
  });
});
