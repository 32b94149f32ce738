import { Chart, Duration, JsonPatch, Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { FeatureGate, Kruise, KruiseImage, KruiseManager, ResolvedFeatureGates } from '../../src';
import { managerContainer, synthKruise } from '../util/install';

describe('KruiseManager (kruise-controller-manager Deployment)', () => {
  test('defaults equal the chart: replicas, strategy, args, ports, probe, resources, security', () => {
    const r = synthKruise();
    const d = r.one('Deployment', 'kruise-controller-manager');
    expect(d.metadata).toEqual({ name: 'kruise-controller-manager', namespace: 'kruise-system', labels: { 'control-plane': 'controller-manager' } });
    expect(d.spec.replicas).toBe(2);
    expect(d.spec.minReadySeconds).toBe(3);
    expect(d.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '100%' } });
    const c = managerContainer(r);
    expect(c.args).toEqual([
      '--enable-leader-election',
      '--metrics-addr=:8080',
      '--health-probe-addr=:8000',
      '--logtostderr=true',
      '--leader-election-namespace=kruise-system',
      '--v=4',
      '--feature-gates=ImagePullJobGate=true',
      '--sync-period=0',
    ]);
    expect(c.command).toEqual(['/manager']);
    expect(c.image).toBe('openkruise/kruise-manager:v1.7.5');
    expect(c.imagePullPolicy).toBe('Always');
    expect(c.ports).toEqual([
      { containerPort: 9876, name: 'webhook-server', protocol: 'TCP' },
      { containerPort: 8080, name: 'metrics', protocol: 'TCP' },
      { containerPort: 8000, name: 'health', protocol: 'TCP' },
    ]);
    expect(c.env).toEqual([
      { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
      { name: 'WEBHOOK_PORT', value: '9876' },
    ]);
    expect(c.readinessProbe).toEqual({ httpGet: { path: 'readyz', port: 8000 } });
    expect(c.resources).toEqual({ limits: { cpu: '200m', memory: '512Mi' }, requests: { cpu: '100m', memory: '256Mi' } });
    expect(c.securityContext).toEqual({
      capabilities: { drop: ['all'], add: ['NET_BIND_SERVICE'] },
      allowPrivilegeEscalation: false,
      runAsNonRoot: true,
      runAsUser: 65534,
    });
    const spec = d.spec.template.spec;
    expect(spec.hostNetwork).toBe(false);
    expect(spec.serviceAccountName).toBe('kruise-manager');
    expect(spec.terminationGracePeriodSeconds).toBe(10);
    expect(spec.nodeSelector).toBeUndefined();
    expect(spec.tolerations).toBeUndefined();
    expect(spec.imagePullSecrets).toBeUndefined();
    expect(spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0]).toEqual({
      podAffinityTerm: {
        labelSelector: { matchExpressions: [{ key: 'control-plane', operator: 'In', values: ['controller-manager'] }] },
        topologyKey: 'kubernetes.io/hostname',
      },
      weight: 100,
    });
    expect(spec.affinity.nodeAffinity).toBeUndefined();
  });

  test('zone spread has matchLabelKeys only above Kubernetes 1.26, like the chart', () => {
    const spread = (kubernetesVersion?: string) =>
      synthKruise({ kubernetesVersion }).one('Deployment').spec.template.spec.topologySpreadConstraints;
    expect(spread()).toEqual([{
      labelSelector: { matchLabels: { 'control-plane': 'controller-manager' } },
      matchLabelKeys: ['pod-template-hash'],
      maxSkew: 1,
      topologyKey: 'topology.kubernetes.io/zone',
      whenUnsatisfiable: 'ScheduleAnyway',
    }]);
    expect(spread('1.26')[0].matchLabelKeys).toBeUndefined();
    expect(spread('v1.26.3')[0].matchLabelKeys).toBeUndefined();
    expect(spread('1.27')[0].matchLabelKeys).toEqual(['pod-template-hash']);
    expect(synthKruise({ kubernetesVersion: '1.26' }).kruise.kubernetesVersion).toBe('1.26');
    expect(() => synthKruise({ kubernetesVersion: '1.x' })).toThrow(/kubernetesVersion "1.x": is not a Kubernetes version; use X.Y/);
  });

  test('ports reach args, container ports, env, probe and the webhook Service', () => {
    const r = synthKruise({ manager: { webhookPort: 9443, metricsPort: 8081, healthProbePort: 8001 } });
    const c = managerContainer(r);
    expect(c.args).toContain('--metrics-addr=:8081');
    expect(c.args).toContain('--health-probe-addr=:8001');
    expect(c.ports.map((p: any) => p.containerPort)).toEqual([9443, 8081, 8001]);
    expect(c.env).toContainEqual({ name: 'WEBHOOK_PORT', value: '9443' });
    expect(c.readinessProbe.httpGet.port).toBe(8001);
    expect(r.one('Service', 'kruise-webhook-service').spec.ports).toEqual([{ port: 443, targetPort: 9443 }]);
    expect(r.kruise.manager.webhookPort).toBe(9443);
  });

  test('replicas, hostNetwork, node affinity, node selector, tolerations, resources', () => {
    const r = synthKruise({
      manager: {
        replicas: 3,
        hostNetwork: true,
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists' }] }],
          },
        },
        nodeSelector: { 'kubernetes.io/os': 'linux' },
        tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }],
        resources: {
          limits: { cpu: k8s.Quantity.fromNumber(1), memory: k8s.Quantity.fromString('1Gi') },
          requests: { cpu: k8s.Quantity.fromString('500m') },
        },
      },
    });
    const d = r.one('Deployment');
    const spec = d.spec.template.spec;
    expect(d.spec.replicas).toBe(3);
    expect(spec.hostNetwork).toBe(true);
    expect(spec.affinity.podAntiAffinity).toBeDefined();
    expect(spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].key).toBe('node-role.kubernetes.io/control-plane');
    expect(spec.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux' });
    expect(spec.tolerations).toEqual([{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }]);
    // resources replace the default as a whole; a Quantity keeps its type (number 1, not "1")
    expect(managerContainer(r).resources).toEqual({ limits: { cpu: 1, memory: '1Gi' }, requests: { cpu: '500m' } });
  });

  test('resync period renders as a Go duration in its largest exact unit', () => {
    const sync = (resyncPeriod: Duration) => managerContainer(synthKruise({ manager: { resyncPeriod } })).args.find((a: string) => a.startsWith('--sync-period='));
    expect(sync(Duration.hours(1))).toBe('--sync-period=1h');
    expect(sync(Duration.minutes(90))).toBe('--sync-period=90m');
    expect(sync(Duration.seconds(45))).toBe('--sync-period=45s');
    expect(sync(Duration.seconds(0))).toBe('--sync-period=0');
  });

  test('KUBE_CACHE_MUTATION_DETECTOR comes first in env when enabled', () => {
    const c = managerContainer(synthKruise({ enableKubeCacheMutationDetector: true }));
    expect(c.env[0]).toEqual({ name: 'KUBE_CACHE_MUTATION_DETECTOR', value: 'true' });
    expect(c.env).toHaveLength(3);
  });

  test('the leader-election namespace follows the install namespace', () => {
    const c = managerContainer(synthKruise({ namespace: 'openkruise' }));
    expect(c.args).toContain('--leader-election-namespace=openkruise');
  });

  test('bad values throw with the construct path, the prop, the value and the fix', () => {
    expect(() => synthKruise({ manager: { replicas: -1 } })).toThrow('test/kruise/Manager: replicas -1: is not a replica count; use an integer >= 0, e.g. 2');
    expect(() => synthKruise({ manager: { webhookPort: 70000 } })).toThrow('test/kruise/Webhooks: webhookPort 70000: is not a port number; use an integer from 1 to 65535');
    expect(() => synthKruise({ manager: { metricsPort: 8000 } })).toThrow(/test\/kruise\/Manager: webhookPort, metricsPort and healthProbePort \[9876,8000,8000\]: share a port; give each its own port/);
    expect(() => synthKruise({ manager: { logLevel: 11 } })).toThrow(/Manager: logLevel 11: is not a log level; use an integer from 0 to 10/);
    expect(() => synthKruise({ manager: { nodeSelector: { os: 1 as any } } })).toThrow(/nodeSelector\['os'\] 1: is not a string/);
  });

  test('escape hatch: a JsonPatch on the Deployment reaches the output', () => {
    const chart = new Chart(Testing.app(), 'patched');
    const kruise = new Kruise(chart, 'kruise');
    kruise.manager.deployment.addJsonPatch(JsonPatch.add('/spec/template/spec/priorityClassName', 'system-cluster-critical'));
    const d = Testing.synth(chart).find((o: any) => o.kind === 'Deployment');
    expect(d.spec.template.spec.priorityClassName).toBe('system-cluster-critical');
  });

  test('works on its own with its defaults (own image, chart gates)', () => {
    const chart = new Chart(Testing.app(), 'solo');
    const m = new KruiseManager(chart, 'm');
    expect(m.image).toBeInstanceOf(KruiseImage);
    const [d] = Testing.synth(chart);
    expect(d.kind).toBe('Deployment');
    expect(d.spec.template.spec.containers[0].args).toContain('--feature-gates=ImagePullJobGate=true');

    const chart2 = new Chart(Testing.app(), 'solo2');
    new KruiseManager(chart2, 'm', { featureGates: ResolvedFeatureGates.resolve([FeatureGate.POD_WEBHOOK.disable()]) });
    expect(Testing.synth(chart2)[0].spec.template.spec.containers[0].args).toContain('--feature-gates=PodWebhook=false');
  });
});
