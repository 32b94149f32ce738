/**
 * Object order: the install emits namespaces and CRDs first, then RBAC, then
 * the webhook Secret, Service and configurations (and cert-manager's Issuer
 * and Certificate), then kruise-manager and kruise-daemon (and the credential
 * provider ConfigMap), and custom resources declared after the install come
 * last, so that `kubectl apply -f` of the output works in one pass.
 */
import { ApiObject, App, Chart, Duration, Testing, YamlOutputType } from 'cdk8s';
import { Construct } from 'constructs';
import fc from 'fast-check';
import {
  AdvancedCronJob, AdvancedCronJobTemplate, CloneSet, CredentialProviderApiVersion, FeatureGate, ImagePullJob, Kruise,
  KruiseProps, KruiseReview, PodUnavailableBudget, PodUnavailableBudgetLimit, IntOrPercent, WorkloadTarget,
} from '../../src';

/** The documented groups, in order. */
const GROUPS: Array<[string, (o: any) => boolean]> = [
  ['namespaces', o => o.kind === 'Namespace'],
  ['CRDs', o => o.kind === 'CustomResourceDefinition'],
  ['service accounts', o => o.kind === 'ServiceAccount'],
  ['roles', o => o.kind === 'ClusterRole' || o.kind === 'Role'],
  ['bindings', o => o.kind === 'ClusterRoleBinding' || o.kind === 'RoleBinding'],
  ['Secret, Service and webhook configurations', o => ['Secret', 'Service', 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'].includes(o.kind)],
  ['cert-manager Issuer and Certificate', o => o.apiVersion === 'cert-manager.io/v1'],
  ['kruise-manager and kruise-daemon', o => o.kind === 'Deployment' || o.kind === 'DaemonSet' || o.kind === 'ConfigMap'],
  ['custom resources', o => /\.kruise\.io\//.test(o.apiVersion)],
];

function groupOf(o: any): number {
  const i = GROUPS.findIndex(([, match]) => match(o));
  if (i < 0) throw new Error(`no group for ${o.apiVersion} ${o.kind}`);
  return i;
}

function synth(props: KruiseProps, values?: any): any[] {
  const chart = new Chart(Testing.app(), 'test');
  if (values) Kruise.fromHelmValues(chart, 'kruise', values);
  else new Kruise(chart, 'kruise', props);
  const web = new CloneSet(chart, 'web', { containers: [{ name: 'web', image: 'nginx:1.25' }] });
  new AdvancedCronJob(chart, 'cron', { schedule: '@daily', template: AdvancedCronJobTemplate.job(), containers: [{ name: 'job', image: 'busybox:1.36' }] });
  if (!props.featureGates) { // kinds whose gates the default install has on
    new PodUnavailableBudget(chart, 'pub', { target: WorkloadTarget.fromResource(web), budget: PodUnavailableBudgetLimit.maxUnavailable(IntOrPercent.count(1)) });
    new ImagePullJob(chart, 'pull', { image: 'nginx:1.25' });
  }
  return Testing.synth(chart);
}

const CASES: Array<[string, KruiseProps, any?]> = [
  ['the default install', {}],
  ['cert-manager and a credential provider', {
    certManager: { duration: Duration.days(30) },
    daemon: { credentialProvider: { pluginHostPath: '/etc/eks/image-credential-provider', providers: [{ name: 'ecr-credential-provider', matchImages: ['*.dkr.ecr.*.amazonaws.com'], defaultCacheDuration: Duration.hours(12), apiVersion: CredentialProviderApiVersion.V1 }] } },
  }],
  ['no pod webhooks, no daemon, no CRDs', { featureGates: [FeatureGate.POD_WEBHOOK.disable(), FeatureGate.KRUISE_DAEMON.disable()], manageCrds: false }],
  ['chart values', {}, { installation: { namespace: 'ops' }, featureGates: 'ImagePullJobGate=true,EnableExternalCerts=true', externalCerts: { annotations: { 'cert-manager.io/inject-ca-from': 'ops/kruise-webhook-certs' } } }],
];

describe('objects are emitted in the documented order', () => {
  test.each(CASES.map(([name, props, values]) => ({ name, props, values })))('$name', ({ props, values }) => {
    const objects = synth(props, values);
    const groups = objects.map(groupOf);
    const outOfOrder = objects.filter((_o, i) => i > 0 && groups[i] < groups[i - 1]).map(o => `${o.kind}/${o.metadata.name}`);
    expect(outOfOrder).toEqual([]);
    // namespaces lead, custom resources close
    expect(objects[0].kind).toBe('Namespace');
    expect(groupOf(objects[objects.length - 1])).toBe(GROUPS.length - 1);
    // within the groups: the Secret before the Service before the configurations, the Deployment before the DaemonSet
    const kinds = objects.map(o => o.kind);
    const at = (k: string) => kinds.indexOf(k);
    if (at('Secret') >= 0) expect(at('Secret')).toBeLessThan(at('Service'));
    expect(at('Service')).toBeLessThan(at('MutatingWebhookConfiguration'));
    expect(at('MutatingWebhookConfiguration')).toBeLessThan(at('ValidatingWebhookConfiguration'));
    if (at('DaemonSet') >= 0) expect(at('Deployment')).toBeLessThan(at('DaemonSet'));
    if (at('Issuer') >= 0) expect(at('Issuer')).toBeLessThan(at('Certificate'));
  });

  test('custom resources declared before the install (same chart) still come after it', () => {
    const chart = new Chart(Testing.app(), 'test');
    new CloneSet(chart, 'early', { containers: [{ name: 'web', image: 'nginx:1.25' }] });
    new ImagePullJob(chart, 'early-pull', { image: 'nginx:1.25' });
    new Kruise(chart, 'kruise');
    new CloneSet(chart, 'late', { containers: [{ name: 'web', image: 'nginx:1.25' }] });
    const objects = Testing.synth(chart);
    const groups = objects.map(groupOf);
    expect(objects.filter((_o, i) => i > 0 && groups[i] < groups[i - 1]).map(o => `${o.kind}/${o.metadata.name}`)).toEqual([]);
    expect(objects.slice(-3).map(o => o.kind)).toEqual(['CloneSet', 'ImagePullJob', 'CloneSet']);
  });

  test('ordering costs one dependency in all, not one per install object or per custom resource', () => {
    // A dependency on a construct becomes one edge per object under it, so
    // (custom resources) x (install objects) edges would make synthesis quadratic;
    // and cdk8s walks all the install's objects for each custom resource that
    // depends on them, so one is enough when nothing else can move the others.
    const chart = new Chart(Testing.app(), 'test');
    new CloneSet(chart, 'early', { containers: [{ name: 'web', image: 'nginx:1.25' }] });
    const kruise = new Kruise(chart, 'kruise');
    for (let i = 0; i < 20; i++) new ImagePullJob(chart, `pull${i}`, { image: `nginx:1.${i}` });
    const installObjects = kruise.node.findAll().filter(c => ApiObject.isApiObject(c)).length;
    const objects = Testing.synth(chart); // synthesis expands the dependencies into edges between objects
    const edges = chart.node.findAll().reduce((n, c) => n + c.node.dependencies.length, 0);
    expect(edges).toBe(1 + installObjects);
    expect(objects.slice(0, installObjects).every(o => groupOf(o) < GROUPS.length - 1)).toBe(true);
    expect(objects.slice(installObjects).map(o => o.kind)).toEqual(['CloneSet', ...Array(20).fill('ImagePullJob')]);
  });

  test('with two installs in its chart a custom resource depends on the barrier of each, once, whatever the synthesis', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'test');
    const kruise = new Kruise(chart, 'kruise');
    const pull = new ImagePullJob(chart, 'pull', { image: 'nginx:1.25' });
    Kruise.fromExisting(chart, 'existing');
    KruiseReview.of(app).assignInstall(chart, kruise);
    const barriers = () => ApiObject.of(pull).node.dependencies.map(d => d.node.path);
    expect(barriers()).toEqual(['test/kruise/CustomResourceOrder', 'test/existing/CustomResourceOrder']);
    const first = Testing.synth(chart).map(o => `${o.kind}/${o.metadata.name}`);
    expect(first[first.length - 1]).toMatch(/^ImagePullJob\//);
    expect(Testing.synth(chart).map(o => `${o.kind}/${o.metadata.name}`)).toEqual(first);
    expect(barriers()).toEqual(['test/kruise/CustomResourceOrder', 'test/existing/CustomResourceOrder']);
  });

  test('a custom resource something earlier depends on keeps its own dependency, and still comes after the install', () => {
    const chart = new Chart(Testing.app(), 'test');
    const first = new ApiObject(chart, 'first', { apiVersion: 'v1', kind: 'ConfigMap' });
    new Kruise(chart, 'kruise');
    new ImagePullJob(chart, 'pull', { image: 'nginx:1.25' });
    const web = new CloneSet(chart, 'web', { containers: [{ name: 'web', image: 'nginx:1.25' }] });
    first.node.addDependency(web); // cdk8s would place the CloneSet before the ConfigMap, ahead of its turn
    const names = Testing.synth(chart).map(o => `${o.kind}/${o.metadata.name}`);
    const cloneSet = names.findIndex(n => n.startsWith('CloneSet/'));
    expect(names.findIndex(n => n.startsWith('CustomResourceDefinition/'))).toBeLessThan(cloneSet);
    expect(names.slice(cloneSet).map(n => n.split('/')[0])).toEqual(['CloneSet', 'ConfigMap', 'ImagePullJob']);
  });

  test('the order is the one a dependency of every custom resource on the install gives (generated layouts)', () => {
    // One layout: objects and custom resources before and after the install, and
    // dependencies between them (acyclic: each follows a random rank).
    const layout = fc.record({
      items: fc.array(fc.constantFrom('cloneset', 'pull', 'configmap'), { minLength: 1, maxLength: 8 }),
      installAt: fc.nat(),
      ranks: fc.array(fc.nat(), { minLength: 9, maxLength: 9 }),
      deps: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean()), { maxLength: 6 }),
    });
    fc.assert(fc.property(layout, ({ items, installAt, ranks, deps }) => {
      const build = (everyOne: boolean): string[] => {
        const chart = new Chart(Testing.app(), 'test');
        const made: Array<{ readonly holder: Construct; readonly object: ApiObject }> = [];
        let kruise: Kruise | undefined;
        items.forEach((item, i) => {
          if (i === installAt % items.length) kruise = new Kruise(chart, 'kruise');
          if (item === 'configmap') {
            const o = new ApiObject(chart, `cm${i}`, { apiVersion: 'v1', kind: 'ConfigMap' });
            made.push({ holder: o, object: o });
          } else {
            const l2 = item === 'cloneset'
              ? new CloneSet(chart, `c${i}`, { containers: [{ name: 'web', image: 'nginx:1.25' }] })
              : new ImagePullJob(chart, `p${i}`, { image: `nginx:1.${i}` });
            made.push({ holder: l2, object: ApiObject.of(l2) });
          }
        });
        for (const [a, b, onHolder] of deps) {
          const from = a % made.length;
          const to = b % made.length;
          if (ranks[from] <= ranks[to]) continue; // only from a higher rank to a lower one: no cycle
          made[from].object.node.addDependency(onHolder ? made[to].holder : made[to].object);
        }
        if (everyOne) {
          const barrier = kruise!.node.tryFindChild('CustomResourceOrder'); // made with the first custom resource
          for (const { object } of made) if (barrier && object.kind !== 'ConfigMap') object.node.addDependency(barrier);
        }
        return Testing.synth(chart).map(o => `${o.kind}/${o.metadata.name}`);
      };
      const order = build(false);
      expect(order).toEqual(build(true));
      const lastInstallObject = order.findIndex(n => n.startsWith('DaemonSet/'));
      const firstCustomResource = order.findIndex(n => n.startsWith('CloneSet/') || n.startsWith('ImagePullJob/'));
      if (firstCustomResource >= 0) expect(firstCustomResource).toBeGreaterThan(lastInstallObject);
    }), { numRuns: Number(process.env.ORDER_LAYOUT_RUNS ?? 60) });
  });

  test('an install in another chart: one dependency between the charts, none between objects', () => {
    const app = Testing.app();
    const apps = new Chart(app, 'apps');
    const platform = new Chart(app, 'platform');
    new CloneSet(apps, 'web', { containers: [{ name: 'web', image: 'nginx:1.25' }] });
    new CloneSet(apps, 'api', { containers: [{ name: 'api', image: 'nginx:1.25' }] });
    new Kruise(platform, 'kruise');
    // The chart of the custom resources comes after the install's chart (file order for kubectl apply -f dist/).
    expect(apps.node.dependencies).toEqual([platform]);
    expect(apps.node.findAll().filter(c => c !== apps).flatMap(c => c.node.dependencies)).toEqual([]);
  });

  test('with one folder per chart (Flux, fleets) the charts keep their names: no dependency is added', () => {
    const app = new App({ outdir: '/tmp/unused', yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE });
    const apps = new Chart(app, 'apps');
    new CloneSet(apps, 'web', { containers: [{ name: 'web', image: 'nginx:1.25' }] });
    new Kruise(new Chart(app, 'platform'), 'kruise');
    expect(apps.node.dependencies).toEqual([]);
  });

  test('the order does not depend on the synthesis: Testing.synth and App.synthYaml agree', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'test');
    new Kruise(chart, 'kruise', { certManager: {} });
    new CloneSet(chart, 'web', { containers: [{ name: 'web', image: 'nginx:1.25' }] });
    const viaTesting = Testing.synth(chart).map(o => `${o.kind}/${o.metadata.name}`);
    const viaYaml = app.synthYaml().split(/^---$/m).map(d => `${/^kind: (.*)$/m.exec(d)![1]}/${/^  name: (.*)$/m.exec(d)![1]}`);
    expect(viaYaml).toEqual(viaTesting);
  });
});
