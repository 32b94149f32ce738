import { Chart, Testing } from 'cdk8s';
import { FeatureGate, KruiseDaemon } from '../../src';
import { daemonContainer, synthKruise } from '../util/install';

describe('KruiseDaemon (kruise-daemon DaemonSet)', () => {
  test('defaults equal the chart', () => {
    const r = synthKruise();
    const ds = r.one('DaemonSet', 'kruise-daemon');
    expect(ds.metadata).toEqual({ name: 'kruise-daemon', namespace: 'kruise-system', labels: { 'control-plane': 'daemon' } });
    expect(ds.spec.minReadySeconds).toBe(3);
    expect(ds.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%' } });
    const spec = ds.spec.template.spec;
    expect(spec.affinity).toEqual({
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: 'type', operator: 'NotIn', values: ['virtual-kubelet'] }] }],
        },
      },
    });
    expect(spec.tolerations).toEqual([{ operator: 'Exists' }]);
    expect(spec.hostNetwork).toBe(true);
    expect(spec.dnsPolicy).toBe('ClusterFirstWithHostNet');
    expect(spec.serviceAccountName).toBe('kruise-daemon');
    expect(spec.volumes).toEqual([{ hostPath: { path: '/var/run', type: '' }, name: 'runtime-socket' }]);
    const c = daemonContainer(r);
    expect(c.args).toEqual([
      '--logtostderr=true',
      '--v=4',
      '--addr=:10221',
      '--feature-gates=ImagePullJobGate=true',
      '--socket-file=',
      '--enable-pprof=true',
      '--pprof-addr=localhost:10222',
    ]);
    expect(c.image).toBe('openkruise/kruise-manager:v1.7.5');
    expect(c.env).toEqual([{ name: 'NODE_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } }]);
    expect(c.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 10221, scheme: 'HTTP' });
    expect(c.resources).toEqual({ limits: { cpu: '50m', memory: '128Mi' }, requests: { cpu: '0', memory: '0' } });
    expect(c.volumeMounts).toEqual([{ mountPath: '/hostvarrun', name: 'runtime-socket', readOnly: true }]);
  });

  test('port, pprof off, runtime socket, node selector, log level', () => {
    const r = synthKruise({
      daemon: {
        port: 10331,
        enablePprof: false,
        pprofAddr: 'localhost:1',
        socketLocation: '/run/containerd',
        socketFile: 'containerd.sock',
        nodeSelector: { 'kubernetes.io/os': 'linux' },
        logLevel: 2,
      },
    });
    const c = daemonContainer(r);
    expect(c.args).toEqual([
      '--logtostderr=true', '--v=2', '--addr=:10331', '--feature-gates=ImagePullJobGate=true',
      '--socket-file=containerd.sock', '--enable-pprof=false',
    ]);
    expect(c.livenessProbe.httpGet.port).toBe(10331);
    const spec = r.one('DaemonSet').spec.template.spec;
    expect(spec.volumes[0].hostPath.path).toBe('/run/containerd');
    expect(spec.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux' });
  });

  test('extra env goes after NODE_NAME; the mutation detector before it', () => {
    const c = daemonContainer(synthKruise({
      enableKubeCacheMutationDetector: true,
      daemon: { extraEnv: [{ name: 'HTTPS_PROXY', value: 'http://proxy:3128' }, { name: 'NO_PROXY', value: '.svc' }] },
    }));
    expect(c.env.map((e: any) => e.name)).toEqual(['KUBE_CACHE_MUTATION_DETECTOR', 'NODE_NAME', 'HTTPS_PROXY', 'NO_PROXY']);
  });

  test('affinity replaces the default; {} renders none', () => {
    const none = synthKruise({ daemon: { affinity: {} } }).one('DaemonSet').spec.template.spec;
    expect(none.affinity).toBeUndefined();
    const custom = synthKruise({ daemon: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'pool', operator: 'In', values: ['system'] }] }] } } } } });
    expect(custom.one('DaemonSet').spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].key).toBe('pool');
  });

  test('credential provider: flags, mounts and volumes as the chart renders them', () => {
    const r = synthKruise({ daemon: { credentialProvider: { pluginHostPath: '/etc/eks/image-credential-provider', awsCredentialsDir: '/root/.aws' } } });
    const c = daemonContainer(r);
    expect(c.args.slice(-2)).toEqual([
      '--plugin-config-file=/credential-provider-config/CredentialProviderPlugin.yaml',
      '--plugin-bin-dir=/credential-provider-plugin',
    ]);
    expect(c.volumeMounts.map((m: any) => `${m.name}:${m.mountPath}:${m.readOnly}`)).toEqual([
      'runtime-socket:/hostvarrun:true',
      'credential-provider-plugin-config:/credential-provider-config:true',
      'credential-provider-plugin:/credential-provider-plugin:true',
      'aws-credentials-dir:/root/.aws:true',
    ]);
    expect(r.one('DaemonSet').spec.template.spec.volumes.slice(1)).toEqual([
      { name: 'credential-provider-plugin-config', configMap: { name: 'credential-provider-config' } },
      { hostPath: { path: '/etc/eks/image-credential-provider', type: '' }, name: 'credential-provider-plugin' },
      { hostPath: { path: '/root/.aws', type: '' }, name: 'aws-credentials-dir' },
    ]);
    const noAws = synthKruise({ daemon: { credentialProvider: { pluginHostPath: '/opt/plugins', configMapName: 'my-config' } } });
    const vols = noAws.one('DaemonSet').spec.template.spec.volumes;
    expect(vols.map((v: any) => v.name)).toEqual(['runtime-socket', 'credential-provider-plugin-config', 'credential-provider-plugin']);
    expect(vols[1].configMap.name).toBe('my-config');
  });

  test('present only while the KruiseDaemon gate is on; service account and roles stay', () => {
    const r = synthKruise({ featureGates: [FeatureGate.KRUISE_DAEMON.disable()] });
    expect(r.all('DaemonSet')).toEqual([]);
    expect(r.kruise.daemon).toBeUndefined();
    expect(r.one('ServiceAccount', 'kruise-daemon')).toBeDefined();
    expect(r.one('ClusterRole', 'kruise-daemon-role')).toBeDefined();
    expect(r.one('Namespace', 'kruise-daemon-config')).toBeDefined();
    expect(synthKruise().kruise.daemon).toBeInstanceOf(KruiseDaemon);
  });

  test('bad values throw with path, prop, value and fix', () => {
    expect(() => synthKruise({ daemon: { socketLocation: 'var/run' } })).toThrow('test/kruise/Daemon: socketLocation "var/run": is not an absolute host path; use the directory of the runtime socket, e.g. \'/run/containerd\'');
    expect(() => synthKruise({ daemon: { socketFile: '/run/containerd.sock' } })).toThrow(/Daemon: socketFile "\/run\/containerd.sock": is not a file name/);
    expect(() => synthKruise({ daemon: { pprofAddr: 'localhost' } })).toThrow(/Daemon: pprofAddr "localhost": is not an address; use host:port/);
    expect(() => synthKruise({ daemon: { port: 0 } })).toThrow(/Daemon: port 0: is not a port number/);
    expect(() => synthKruise({ daemon: { credentialProvider: { pluginHostPath: '' } } })).toThrow(/credentialProvider.pluginHostPath "": is not a host path/);
  });

  test('works on its own', () => {
    const chart = new Chart(Testing.app(), 'solo');
    new KruiseDaemon(chart, 'd', { namespace: 'ops' });
    const [ds] = Testing.synth(chart);
    expect(ds.kind).toBe('DaemonSet');
    expect(ds.metadata.namespace).toBe('ops');
  });
});
