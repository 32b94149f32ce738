import { ApiObject, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  ContainerRecreateRequest, DistributedResource, EphemeralJob, ImageListPullJob, ImagePullJob, IntOrPercent, PersistentPodState,
  PodProbeMarker, PodUnavailableBudget, PodUnavailableBudgetLimit, ProbeMarkerState, ResourceDistribution, SidecarSet,
  WorkloadSpread, WorkloadTarget,
} from '../../src';
import { KruiseResource } from '../../src/common/kruise-resource';
import { newChart } from '../util/l2';

const selector = kplus.LabelSelector.of({ labels: { app: 'web' } });
const target = WorkloadTarget.of('apps/v1', 'StatefulSet', 'web');

/** One of each of the ten kinds without a pod template, with the group and resource RBAC names it. */
const KINDS: Array<{ kind: string; group: string; resourceType: string; make: (c: Chart, id: string) => KruiseResource }> = [
  { kind: 'EphemeralJob', group: 'apps.kruise.io', resourceType: 'ephemeraljobs', make: (c, id) => new EphemeralJob(c, id, { metadata: { name: id }, selector, containers: [{ name: 'debugger', image: 'busybox:1.36' }] }) },
  { kind: 'ImagePullJob', group: 'apps.kruise.io', resourceType: 'imagepulljobs', make: (c, id) => new ImagePullJob(c, id, { metadata: { name: id }, image: 'nginx:1.25' }) },
  { kind: 'ImageListPullJob', group: 'apps.kruise.io', resourceType: 'imagelistpulljobs', make: (c, id) => new ImageListPullJob(c, id, { metadata: { name: id }, images: ['nginx:1.25'] }) },
  { kind: 'ContainerRecreateRequest', group: 'apps.kruise.io', resourceType: 'containerrecreaterequests', make: (c, id) => new ContainerRecreateRequest(c, id, { metadata: { name: id }, podName: 'web-0', containers: ['app'] }) },
  { kind: 'PersistentPodState', group: 'apps.kruise.io', resourceType: 'persistentpodstates', make: (c, id) => new PersistentPodState(c, id, { metadata: { name: id }, target, requiredPersistentTopology: ['kubernetes.io/hostname'] }) },
  {
    kind: 'PodProbeMarker',
    group: 'apps.kruise.io',
    resourceType: 'podprobemarkers',
    make: (c, id) => new PodProbeMarker(c, id, {
      metadata: { name: id },
      selector,
      probes: [{ name: 'idle', containerName: 'app', probe: kplus.Probe.fromCommand(['true']), markerPolicy: [{ state: ProbeMarkerState.SUCCEEDED, labels: { idle: 'true' } }] }],
    }),
  },
  { kind: 'PodUnavailableBudget', group: 'policy.kruise.io', resourceType: 'podunavailablebudgets', make: (c, id) => new PodUnavailableBudget(c, id, { metadata: { name: id }, selector, budget: PodUnavailableBudgetLimit.maxUnavailable(IntOrPercent.count(1)) }) },
  {
    kind: 'ResourceDistribution',
    group: 'apps.kruise.io',
    resourceType: 'resourcedistributions',
    make: (c, id) => new ResourceDistribution(c, id, {
      metadata: { name: id }, allNamespaces: true, resource: DistributedResource.fromManifest({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' } }),
    }),
  },
  { kind: 'WorkloadSpread', group: 'apps.kruise.io', resourceType: 'workloadspreads', make: (c, id) => new WorkloadSpread(c, id, { metadata: { name: id }, target, subsets: [{ name: 'a' }] }) },
  { kind: 'SidecarSet', group: 'apps.kruise.io', resourceType: 'sidecarsets', make: (c, id) => new SidecarSet(c, id, { metadata: { name: id }, selector, containers: [{ name: 'proxy', image: 'envoyproxy/envoy:v1.30.1' }] }) },
];

describe('KruiseResource: the ten kinds without a pod template are cdk8s-plus resources', () => {
  test.each(KINDS)('$kind: apiGroup, apiVersion, kind, resourceType, name, metadata', ({ kind, group, resourceType, make }) => {
    const chart = newChart();
    const r = make(chart, 'obj');
    expect(r).toBeInstanceOf(kplus.Resource);
    expect(r.apiGroup).toBe(group);
    expect(r.apiVersion).toBe(`${group}/v1alpha1`);
    expect(r.kind).toBe(kind);
    expect(r.resourceType).toBe(resourceType);
    expect(r.name).toBe('obj');
    expect(r.resourceName).toBe('obj');
    expect(r.asApiResource()).toBe(r);
    expect(ApiObject.of(r)).toBe(r.node.defaultChild);
    r.metadata.addLabel('team', 'platform');
    const m = Testing.synth(chart).find(o => o.kind === kind);
    expect(m.metadata.labels).toEqual({ team: 'platform' });
  });

  test.each(KINDS)('$kind: a kplus Role grants on it, by group, resource type and name', ({ group, resourceType, make }) => {
    const chart = newChart();
    const r = make(chart, 'obj');
    const role = new kplus.Role(chart, 'role', { metadata: { name: 'reader' } });
    role.allowRead(r);
    role.allow(['delete'], r);
    const rules = Testing.synth(chart).find(o => o.kind === 'Role').rules;
    expect(rules).toEqual([
      { apiGroups: [group], resources: [resourceType], resourceNames: ['obj'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: [group], resources: [resourceType], resourceNames: ['obj'], verbs: ['delete'] },
    ]);
  });

  test('permissions.grantRead binds a Role on the resource to a subject', () => {
    const chart = newChart();
    const ppm = KINDS.find(k => k.kind === 'PodProbeMarker')!.make(chart, 'ppm');
    const sa = new kplus.ServiceAccount(chart, 'sa', { metadata: { name: 'reader' } });
    ppm.permissions.grantRead(sa);
    const out = Testing.synth(chart);
    const role = out.find(o => o.kind === 'Role');
    expect(role.rules).toEqual([{ apiGroups: ['apps.kruise.io'], resources: ['podprobemarkers'], resourceNames: ['ppm'], verbs: ['get', 'list', 'watch'] }]);
    const binding = out.find(o => o.kind === 'RoleBinding');
    expect(binding.subjects).toEqual([expect.objectContaining({ kind: 'ServiceAccount', name: 'reader' })]);
  });

  test('a cluster-scoped kind still carries no namespace', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'apps' });
    KINDS.find(k => k.kind === 'SidecarSet')!.make(chart, 'sc');
    KINDS.find(k => k.kind === 'ResourceDistribution')!.make(chart, 'rd');
    KINDS.find(k => k.kind === 'PodUnavailableBudget')!.make(chart, 'pub');
    const out = Testing.synth(chart);
    expect(out.find(o => o.kind === 'SidecarSet').metadata.namespace).toBeUndefined();
    expect(out.find(o => o.kind === 'ResourceDistribution').metadata.namespace).toBeUndefined();
    expect(out.find(o => o.kind === 'PodUnavailableBudget').metadata.namespace).toBe('apps');
  });
});
