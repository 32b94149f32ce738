// Synthesizes an app with the Kruise install and L2 workloads from the compiled
// library (lib/) and prints its YAML: run in child processes by
// determinism.test.ts with different time zones and locales.
const { App, Chart, Duration } = require('cdk8s');
const kplus = require('cdk8s-plus-28');
const k = require('../../lib');

/** The app's YAML. */
function synth() {
const app = new App({ outdir: '.' });
const platform = new Chart(app, 'platform');
new k.Kruise(platform, 'kruise', {
  namespace: 'ops',
  featureGates: [k.FeatureGate.IMAGE_PULL_JOB.enable(), k.FeatureGate.RESOURCE_DISTRIBUTION.enable(), k.FeatureGate.SIDECAR_TERMINATOR.enable()],
  certManager: { duration: Duration.days(90), renewBefore: Duration.days(30), dnsNames: ['kruise.example.com'] },
  manager: { replicas: 3, resyncPeriod: Duration.hours(1), nodeSelector: { 'kubernetes.io/os': 'linux' }, tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] },
  daemon: { socketLocation: '/run/containerd', extraEnv: [{ name: 'NO_PROXY', value: 'localhost,.svc' }] },
  serviceAccountAnnotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::111122223333:role/kruise', 'example.com/istanbul': 'ıİiI ß ẞ ǅ' },
});

const apps = new Chart(app, 'apps', { namespace: 'shop', labels: { team: 'oelcue', 'app.kubernetes.io/part-of': 'shop' } });
const web = new k.CloneSet(apps, 'web', {
  replicas: 3,
  metadata: { annotations: { 'example.com/zeta': 'z', 'example.com/Alpha': 'A', 'example.com/a-umlaut': 'ä', 'example.com/i': 'I', 'example.com/team': 'Ölçü' } },
  containers: [{ name: 'web', image: 'nginx:1.25', portNumber: 8080, envVariables: { TZ_NOTE: kplus.EnvValue.fromValue('Zeit: 2024-03-31T02:30 Europe/Berlin'), LOCALE: kplus.EnvValue.fromValue('1.234,5') } }],
  updateStrategy: k.CloneSetUpdateStrategy.inPlaceIfPossible({ maxUnavailable: k.IntOrPercent.percent(20), gracePeriod: Duration.seconds(10) }),
});
new k.AdvancedStatefulSet(apps, 'db', { replicas: 3, containers: [{ name: 'db', image: 'postgres:16' }], podManagementPolicy: kplus.PodManagementPolicy.PARALLEL, reserveOrdinals: [2, 0] });
new k.AdvancedCronJob(apps, 'report', { schedule: '30 2 * * *', timeZone: 'Europe/Istanbul', template: k.AdvancedCronJobTemplate.job({ activeDeadline: Duration.hours(1) }), containers: [{ name: 'report', image: 'busybox:1.36' }] });
new k.BroadcastJob(apps, 'warm', { containers: [{ name: 'warm', image: 'busybox:1.36' }], completionPolicy: k.JobCompletionPolicy.always({ ttlAfterFinished: Duration.minutes(30) }) });
new k.SidecarSet(apps, 'proxy', { selector: kplus.LabelSelector.of({ labels: { app: 'web' } }), containers: [{ name: 'envoy', image: 'envoyproxy/envoy:v1.30.1' }] });
new k.WorkloadSpread(apps, 'spread', { target: k.WorkloadTarget.fromResource(web), subsets: [{ name: 'zone-a', maxReplicas: k.IntOrPercent.count(2) }, { name: 'zone-b' }] });
new k.PodUnavailableBudget(apps, 'pub', { target: k.WorkloadTarget.fromResource(web), budget: k.PodUnavailableBudgetLimit.maxUnavailable(k.IntOrPercent.percent(25)) });
new k.ImageListPullJob(apps, 'prepull', { images: ['nginx:1.25', 'postgres:16', 'busybox:1.36'] });
new k.ResourceDistribution(apps, 'dist', { resource: k.DistributedResource.fromManifest({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'shared' }, data: { b: '2', a: '1', 'B_upper': 'Ä' } }), allNamespaces: true });

return app.synthYaml();
}

module.exports = { synth };
if (require.main === module) process.stdout.write(synth());
