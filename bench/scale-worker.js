// One scaling run of bench/bench.ts, in its own process: builds an app with
// N mixed L2 workloads plus one install from the compiled lib/, times the
// validations and the synthesis, and prints one JSON line.
'use strict';
const path = require('path');
const lib = process.env.KRUISE_LIB || path.join(__dirname, '..', 'lib');
const { App, Chart } = require('cdk8s');
const kplus = require('cdk8s-plus-28');
const k = require(lib);

const size = Number(process.argv[2] || 100);

function build() {
  const app = new App({ outdir: '/tmp/kruise-bench-unused' });
  const chart = new Chart(app, 'bench');
  new k.Kruise(chart, 'kruise', {
    featureGates: [k.FeatureGate.IMAGE_PULL_JOB.enable(), k.FeatureGate.STATEFUL_SET_START_ORDINAL.enable()],
  });
  const kinds = 6;
  for (let i = 0; i < size; i++) {
    const id = `w${i}`;
    const labels = { app: id };
    switch (i % kinds) {
      case 0: {
        const cs = new k.CloneSet(chart, id, { replicas: 2, containers: [{ name: 'main', image: 'nginx:1.27' }],
          updateStrategy: k.CloneSetUpdateStrategy.inPlaceIfPossible({ maxUnavailable: k.IntOrPercent.percent(20) }) });
        void cs;
        break;
      }
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

const app = build();
const t0 = process.hrtime.bigint();
let errors = 0;
for (const c of app.node.findAll()) errors += c.node.validate().length;
const t1 = process.hrtime.bigint();
const yaml = app.synthYaml();
const t2 = process.hrtime.bigint();
if (errors) throw new Error(`${errors} validation errors`);
const objects = yaml.split('\n---\n').length;
process.stdout.write(JSON.stringify({
  size,
  objects,
  validateMs: Number(t1 - t0) / 1e6,
  synthMs: Number(t2 - t1) / 1e6,
  maxRssMiB: process.resourceUsage().maxRSS / 1024,
}) + '\n');
