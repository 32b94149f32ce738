// The adapter for cdk8s and cdk8s-plus internals (src/common/cdk8s-internals.ts),
// each function on a real cdk8s-plus object. A cdk8s or cdk8s-plus upgrade that
// changes one of the internal methods it calls fails here first.
import { ApiObject, ApiObjectMetadataDefinition, Chart, Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  containerJson, deploymentStrategyJson, labelSelectorJson, metadataFields, nodeLabelQueryJson, nodeTaintQueryJson, podSpecJson, probeGivenOptions,
  probeJson, synthChartJson, volumeJson, workloadSelectorJson,
} from '../../src/common/cdk8s-internals';

function deployment() {
  const chart = new Chart(Testing.app(), 'c');
  const d = new kplus.Deployment(chart, 'd', { containers: [{ image: 'nginx:1.25', name: 'web', portNumber: 80 }], select: false });
  d.select(kplus.LabelSelector.of({ labels: { app: 'web' } }));
  return { chart, d };
}

describe('cdk8s internals adapter', () => {
  test('podSpecJson: the pod spec with the defaults cdk8s-plus adds (the ones KruiseWorkload removes)', () => {
    const { d } = deployment();
    expect(podSpecJson(d)).toEqual({
      automountServiceAccountToken: false,
      containers: [{
        image: 'nginx:1.25',
        imagePullPolicy: 'Always',
        name: 'web',
        ports: [{ containerPort: 80 }],
        resources: { limits: { cpu: '1500m', memory: '2048Mi' }, requests: { cpu: '1000m', memory: '512Mi' } },
        securityContext: { allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true, runAsNonRoot: true },
        startupProbe: { failureThreshold: 3, tcpSocket: { port: 80 } },
      }],
      dnsPolicy: 'ClusterFirst',
      hostNetwork: false,
      restartPolicy: 'Always',
      securityContext: { fsGroupChangePolicy: 'Always', runAsNonRoot: true },
      setHostnameAsFQDN: false,
      terminationGracePeriodSeconds: 30,
    });
  });

  test('workloadSelectorJson: the workload selector', () => {
    expect(workloadSelectorJson(deployment().d)).toEqual({ matchLabels: { app: 'web' } });
  });

  test('labelSelectorJson: labels and expressions', () => {
    const selector = kplus.LabelSelector.of({ labels: { a: 'b' }, expressions: [kplus.LabelExpression.in('tier', ['x', 'y'])] });
    expect(labelSelectorJson(selector)).toEqual({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['x', 'y'] }], matchLabels: { a: 'b' } });
  });

  test('containerJson: quantities as strings, probes in API form', () => {
    const c = new kplus.Container({
      image: 'busybox',
      name: 'c',
      command: ['sh'],
      resources: { cpu: { request: kplus.Cpu.millis(100) } },
      liveness: kplus.Probe.fromCommand(['true']),
      securityContext: { ensureNonRoot: false },
    });
    expect(containerJson(c)).toEqual({
      command: ['sh'],
      image: 'busybox',
      imagePullPolicy: 'Always',
      livenessProbe: { exec: { command: ['true'] }, failureThreshold: 3 },
      name: 'c',
      resources: { requests: { cpu: '100m' } },
      securityContext: { allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true, runAsNonRoot: false },
    });
  });

  test('volumeJson: an emptyDir with a size limit', () => {
    const v = kplus.Volume.fromEmptyDir(new Chart(Testing.app(), 'c'), 'v', 'scratch', { sizeLimit: Size.mebibytes(64) });
    expect(volumeJson(v)).toEqual({ emptyDir: { sizeLimit: '64Mi' }, name: 'scratch' });
  });

  test('probeJson: a probe without a container', () => {
    expect(probeJson(kplus.Probe.fromHttpGet('/healthz', { port: 8080, periodSeconds: Duration.seconds(5) })))
      .toEqual({ failureThreshold: 3, httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' }, periodSeconds: 5 });
  });

  test('probeGivenOptions: what the probe was given, before cdk8s-plus defaults (private fields read here only)', () => {
    expect(probeGivenOptions(kplus.Probe.fromTcpSocket({ port: 8080, failureThreshold: 5 }))).toEqual({ tcpSocketPort: 8080, failureThreshold: 5 });
    expect(probeGivenOptions(kplus.Probe.fromTcpSocket())).toEqual({ tcpSocketPort: undefined, failureThreshold: undefined });
    expect(probeGivenOptions(kplus.Probe.fromCommand(['true']))).toEqual({ tcpSocketPort: undefined, failureThreshold: undefined });
  });

  test('nodeLabelQueryJson and nodeTaintQueryJson: a node selector requirement and a toleration', () => {
    expect(nodeLabelQueryJson(kplus.NodeLabelQuery.in('zone', ['a', 'b']))).toEqual({ key: 'zone', operator: 'In', values: ['a', 'b'] });
    expect(nodeLabelQueryJson(kplus.NodeLabelQuery.exists('gpu'))).toEqual({ key: 'gpu', operator: 'Exists' });
    expect(nodeTaintQueryJson(kplus.NodeTaintQuery.is('dedicated', 'gpu', { effect: kplus.TaintEffect.NO_EXECUTE, evictAfter: Duration.seconds(30) })))
      .toEqual({ effect: 'NoExecute', key: 'dedicated', operator: 'Equal', tolerationSeconds: 30, value: 'gpu' });
    expect(nodeTaintQueryJson(kplus.NodeTaintQuery.any())).toEqual({ operator: 'Exists' });
  });

  test('deploymentStrategyJson: rolling update (int-or-string as plain values) and recreate', () => {
    const rolling = kplus.DeploymentStrategy.rollingUpdate({
      maxSurge: kplus.PercentOrAbsolute.absolute(1), maxUnavailable: kplus.PercentOrAbsolute.percent(10),
    });
    expect(deploymentStrategyJson(rolling)).toEqual({ rollingUpdate: { maxSurge: 1, maxUnavailable: '10%' }, type: 'RollingUpdate' });
    expect(deploymentStrategyJson(kplus.DeploymentStrategy.recreate())).toEqual({ type: 'Recreate' });
  });

  test('metadataFields: every field of an object\'s metadata, given and added (private fields read here only)', () => {
    const obj = new ApiObject(new Chart(Testing.app(), 'c'), 'o', {
      apiVersion: 'v1', kind: 'Thing', metadata: { name: 'n', namespace: 'ns', labels: { a: '1' }, generateName: 'g-' },
    });
    obj.metadata.addAnnotation('note', 'x');
    obj.metadata.addFinalizers('f/1');
    obj.metadata.addOwnerReference({ apiVersion: 'v1', kind: 'K', name: 'o', uid: 'u' });
    obj.metadata.add('extra', { deep: true });
    expect(metadataFields(obj.metadata)).toEqual({
      name: 'n',
      namespace: 'ns',
      labels: { a: '1' },
      annotations: { note: 'x' },
      finalizers: ['f/1'],
      ownerReferences: [{ apiVersion: 'v1', kind: 'K', name: 'o', uid: 'u' }],
      generateName: 'g-',
      extra: { deep: true },
    });
    // A metadata object that renders its own way is not read.
    class Custom extends ApiObjectMetadataDefinition {
      public toJson() {
        return { name: 'custom' };
      }
    }
    expect(metadataFields(new Custom({ apiObject: obj }))).toBeUndefined();
  });

  test('synthChartJson: one chart\'s manifests, with validations run', () => {
    const { chart } = deployment();
    const manifests = synthChartJson(chart);
    expect(manifests.map(m => m.kind)).toEqual(['Deployment']);
    expect(manifests[0].spec).toMatchObject({ selector: { matchLabels: { app: 'web' } } });
    const broken = new Chart(Testing.app(), 'b');
    broken.node.addValidation({ validate: () => ['always wrong'] });
    expect(() => synthChartJson(broken)).toThrow(/always wrong/);
  });
});
