// One scaling run of bench/bench.ts, in its own process: builds an app with
// N mixed L2 workloads plus one install from the compiled lib/ and
// synthesizes it to YAML, timing both; prints one JSON line.
//
//   node scale-worker.js N [validate|cloneset|deployment]
//   node scale-worker.js N dump FILE [cloneset|deployment]
//                                       the app's manifests as JSON into FILE (untimed): the
//                                       mixed app, or the CloneSet or Deployment comparison app
//   node scale-worker.js N floor FILE   the cdk8s floor for the manifests in FILE
//   node scale-worker.js 0 load WHAT    loading alone (WHAT: cdk8s, cdk8s-plus-28 or library):
//                                       the peak RSS a process has before its first object
//
// `validate` (the default) also reports the time spent in construct
// validations (schema and admission rules) during the synthesis.
// `floor` times what cdk8s alone needs to emit the same manifests: a process
// that loads cdk8s only, reads the manifests `dump` wrote, re-creates them as
// plain ApiObjects in a bare app and synthesizes it (timed from the parsed
// manifests, as the app is timed from its loaded library); its peak RSS is
// that of cdk8s and the manifests alone.
'use strict';
const fs = require('fs');
const path = require('path');
const lib = process.env.KRUISE_LIB || path.join(__dirname, '..', 'lib');

const size = Number(process.argv[2] || 100);
const mode = process.argv[3] || 'validate';
const file = process.argv[4];
const ms = (a, b) => Number(b - a) / 1e6;
/**
 * The committed size of V8's young generation (new space), in MiB, read after the
 * synthesis: V8 doubles it (to at most two 16 MiB semispaces) each time enough
 * objects have survived its collections, so an app that keeps more objects gets a
 * larger one, and that counts in its peak RSS.
 */
const youngGenMiB = () => require('v8').getHeapSpaceStatistics().find(s => s.space_name === 'new_space').space_size / 1048576;

if (mode === 'load') {
  // What the floor process loads (cdk8s), what an app on cdk8s-plus-28 loads (cdk8s-plus-28 loads cdk8s),
  // and what an app on this library loads (the library loads both), each resolved as the library resolves it.
  const what = process.argv[4];
  const target = { 'cdk8s': 'cdk8s', 'cdk8s-plus-28': 'cdk8s-plus-28', 'library': lib }[what];
  if (!target) throw new Error(`load: unknown module '${what}' (cdk8s, cdk8s-plus-28 or library)`);
  const t0 = process.hrtime.bigint();
  require(target === lib ? lib : require.resolve(target, { paths: [lib] }));
  const t1 = process.hrtime.bigint();
  process.stdout.write(JSON.stringify({ mode, what, loadMs: ms(t0, t1), maxRssMiB: process.resourceUsage().maxRSS / 1024 }) + '\n');
  process.exit(0);
}

if (mode === 'floor') {
  const t0 = process.hrtime.bigint();
  const { ApiObject, App, Chart } = require('cdk8s');
  const docs = JSON.parse(fs.readFileSync(file, 'utf8'));
  const t1 = process.hrtime.bigint();
  const app = new App({ outdir: '/tmp/kruise-bench-unused' });
  const chart = new Chart(app, 'bench');
  docs.forEach((doc, i) => new ApiObject(chart, `o${i}`, doc));
  const t2 = process.hrtime.bigint();
  const yaml = app.synthYaml();
  const t3 = process.hrtime.bigint();
  process.stdout.write(JSON.stringify({
    size, mode, objects: yaml.split('\n---\n').length, loadMs: ms(t0, t1), buildMs: ms(t1, t2), synthYamlMs: ms(t2, t3),
    totalMs: ms(t1, t3), validateMs: 0, maxRssMiB: process.resourceUsage().maxRSS / 1024, youngGenMiB: youngGenMiB(),
  }) + '\n');
  process.exit(0);
}
// Time every construct validation (cdk8s runs them all during synthYaml).
const { Node } = require('constructs');
const validate = Node.prototype.validate;
let validateNs = 0n;
Node.prototype.validate = function timedValidate() {
  const t = process.hrtime.bigint();
  try {
    return validate.call(this);
  } finally {
    validateNs += process.hrtime.bigint() - t;
  }
};

const t0 = process.hrtime.bigint();
// cdk8s and cdk8s-plus as the library resolves them (an older build under BENCH_BEFORE has its own copies).
const { App, Chart } = require(require.resolve('cdk8s', { paths: [lib] }));
const kplus = require(require.resolve('cdk8s-plus-28', { paths: [lib] }));
const k = require(lib);
const t1 = process.hrtime.bigint();

function build() {
  const app = new App({ outdir: '/tmp/kruise-bench-unused' });
  const chart = new Chart(app, 'bench');
  new k.Kruise(chart, 'kruise', {
    featureGates: [k.FeatureGate.IMAGE_PULL_JOB.enable(), k.FeatureGate.STATEFUL_SET_START_ORDINAL.enable()],
  });
  for (let i = 0; i < size; i++) {
    const id = `w${i}`;
    const labels = { app: id };
    switch (i % 6) {
      case 0:
        new k.CloneSet(chart, id, { replicas: 2, containers: [{ name: 'main', image: 'nginx:1.27' }],
          updateStrategy: k.CloneSetUpdateStrategy.inPlaceIfPossible({ maxUnavailable: k.IntOrPercent.percent(20) }) });
        break;
      case 1:
        new k.AdvancedStatefulSet(chart, id, { replicas: 3, serviceName: id, containers: [{ name: 'db', image: 'postgres:16' }] });
        break;
      case 2:
        new k.SidecarSet(chart, id, { selector: kplus.LabelSelector.of({ labels }), containers: [{ name: 'log', image: 'fluent-bit:3' }] });
        break;
      case 3:
        new k.ImagePullJob(chart, id, { image: `registry.example.com/app:${i}` });
        break;
      case 4:
        new k.WorkloadSpread(chart, id, { target: k.WorkloadTarget.of('apps.kruise.io/v1alpha1', 'CloneSet', `w${i - 4}`),
          subsets: [{ name: 'a', maxReplicas: k.IntOrPercent.count(1) }, { name: 'b' }] });
        break;
      default:
        new k.PodUnavailableBudget(chart, id, { selector: kplus.LabelSelector.of({ labels }), budget: k.PodUnavailableBudgetLimit.maxUnavailable(k.IntOrPercent.percent(25)) });
    }
  }
  return app;
}

/** The comparison: the same pod spec as a CloneSet or as a cdk8s-plus-28 Deployment, no install. */
function buildCompare(kind) {
  const app = new App({ outdir: '/tmp/kruise-bench-unused' });
  const chart = new Chart(app, 'bench');
  for (let i = 0; i < size; i++) {
    const props = { replicas: 2, containers: [{ name: 'main', image: 'nginx:1.27', portNumber: 8080 }] };
    if (kind === 'cloneset') new k.CloneSet(chart, `w${i}`, props);
    else new kplus.Deployment(chart, `w${i}`, props);
  }
  return app;
}

const compareKind = mode === 'dump' ? process.argv[5] : mode;
const app = compareKind === 'cloneset' || compareKind === 'deployment' ? buildCompare(compareKind) : build();
if (mode === 'dump') {
  fs.writeFileSync(file, JSON.stringify(app.node.children.flatMap(chart => chart.toJson())));
  process.exit(0);
}
const t2 = process.hrtime.bigint();
const yaml = app.synthYaml();
const t3 = process.hrtime.bigint();
process.stdout.write(JSON.stringify({
  size,
  mode,
  objects: yaml.split('\n---\n').length,
  loadMs: ms(t0, t1),
  buildMs: ms(t1, t2),
  synthYamlMs: ms(t2, t3),
  totalMs: ms(t1, t3),
  validateMs: Number(validateNs) / 1e6,
  maxRssMiB: process.resourceUsage().maxRSS / 1024,
  youngGenMiB: youngGenMiB(),
}) + '\n');
