import { App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { DaemonConfigNamespace, DistributedResource, FeatureGate, Kruise, KruiseCrds, ResourceDistribution, SidecarSet } from '../../src';

/** Every kind of cluster-scoped object the library emits. */
const CLUSTER_SCOPED = [
  'CustomResourceDefinition', 'ClusterRole', 'ClusterRoleBinding', 'Namespace',
  'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'SidecarSet', 'ResourceDistribution',
];

/** An app whose chart has a namespace, holding every construct that emits a cluster-scoped object. */
function synthInNamespacedChart(): any[] {
  const chart = new Chart(Testing.app(), 'x', { namespace: 'team-a' });
  new Kruise(chart, 'kruise', {
    daemonConfigNamespace: DaemonConfigNamespace.CREATE,
    featureGates: [FeatureGate.IMAGE_PULL_JOB.enable(), FeatureGate.RESOURCE_DISTRIBUTION.enable()],
  });
  new SidecarSet(chart, 'sidecar', {
    selector: kplus.LabelSelector.of({ labels: { app: 'web' } }),
    containers: [{ name: 'proxy', image: 'envoyproxy/envoy:v1.30' }],
  });
  new ResourceDistribution(chart, 'rd', {
    resource: DistributedResource.fromManifest({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'shared' }, data: { a: 'b' } }),
    allNamespaces: true,
  });
  return Testing.synth(chart);
}

describe('cluster-scoped objects never carry a namespace, whatever the chart namespace', () => {
  const manifests = synthInNamespacedChart();

  test.each(CLUSTER_SCOPED)('%s', kind => {
    const objects = manifests.filter(m => m.kind === kind);
    expect(objects.length).toBeGreaterThan(0);
    for (const o of objects) expect(o.metadata.namespace).toBeUndefined();
  });

  test('namespaced objects keep theirs (the install namespace, not the chart one)', () => {
    const deployment = manifests.find(m => m.kind === 'Deployment');
    expect(deployment.metadata.namespace).toBe('kruise-system');
    const roles = manifests.filter(m => m.kind === 'Role' || m.kind === 'RoleBinding');
    expect(roles.length).toBeGreaterThan(0);
    for (const r of roles) expect(r.metadata.namespace).toBeDefined();
  });

  test('KruiseCrds alone in a namespaced chart', () => {
    const app = new App();
    const chart = new Chart(app, 'crds', { namespace: 'team-b' });
    new KruiseCrds(chart, 'crds');
    const crds = Testing.synth(chart);
    expect(crds).toHaveLength(17);
    for (const c of crds) expect(c.metadata.namespace).toBeUndefined();
  });
});
