/*
 * kruise-lint benchmark (not a test): one process lints 10,000 mixed Kruise
 * objects (14 kinds, spread over 100 namespaces) from one multi-document file,
 * through the compiled CLI (bin/kruise-lint), interleaved with `node -e 0` so
 * that the machine's speed at that moment is in the baseline. Also times the
 * stages in process (read, review) to show where the time goes.
 *
 * Run alone (it is CPU-bound): `npx projen bench:lint` (compiles first), or
 * `npx ts-node --project bench/tsconfig.json bench/lint.ts` after a compile.
 *
 *   BENCH_LINT_OBJECTS=10000   objects in the file
 *   BENCH_LINT_RUNS=5          rounds (the medians are reported)
 *
 * Prints a table and writes bench/results/lint.json.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';

const root = path.resolve(__dirname, '..');
const count = Number(process.env.BENCH_LINT_OBJECTS ?? 10000);
const runs = Number(process.env.BENCH_LINT_RUNS ?? 5);
/** The target of the issue: a lint of 10,000 objects under 2 s on this machine. */
const TARGET_MS = 2000;
/** The install's gates (kruise-manager's flag): the chart's default plus ResourceDistribution's gate. */
const GATES = 'ImagePullJobGate=true,ResourceDistributionGate=true';

const pod = (app: string, image = 'nginx:1.27') => ({
  metadata: { labels: { app } },
  spec: { containers: [{ name: 'main', image, ports: [{ containerPort: 8080 }], resources: { requests: { cpu: '100m', memory: '128Mi' } } }] },
});

/** One object of the i-th kind in the rotation; names are unique per namespace. */
const KINDS: Array<(name: string, ns: string) => any> = [
  (name, ns) => ({
    apiVersion: 'apps.kruise.io/v1alpha1',
    kind: 'CloneSet',
    metadata: { name, namespace: ns },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: name } },
      template: pod(name),
      updateStrategy: { type: 'InPlaceIfPossible', maxUnavailable: '20%', partition: 1 },
    },
  }),
  (name, ns) => ({
    apiVersion: 'apps.kruise.io/v1beta1',
    kind: 'StatefulSet',
    metadata: { name, namespace: ns },
    spec: {
      replicas: 3,
      serviceName: name,
      selector: { matchLabels: { app: name } },
      template: { ...pod(name), spec: { ...pod(name).spec, readinessGates: [{ conditionType: 'InPlaceUpdateReady' }] } },
      podManagementPolicy: 'Parallel',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { podUpdatePolicy: 'InPlaceIfPossible', maxUnavailable: 2 } },
    },
  }),
  (name, ns) => ({
    apiVersion: 'apps.kruise.io/v1alpha1',
    kind: 'DaemonSet',
    metadata: { name, namespace: ns },
    spec: { selector: { matchLabels: { app: name } }, template: pod(name), updateStrategy: { type: 'RollingUpdate', rollingUpdate: { rollingUpdateType: 'Standard', maxUnavailable: 1 } } },
  }),
  (name, ns) => ({
    apiVersion: 'apps.kruise.io/v1alpha1',
    kind: 'BroadcastJob',
    metadata: { name, namespace: ns },
    spec: { parallelism: 5, template: { spec: { ...pod(name).spec, restartPolicy: 'Never' } }, completionPolicy: { type: 'Always', ttlSecondsAfterFinished: 600 } },
  }),
  (name, ns) => ({
    apiVersion: 'apps.kruise.io/v1alpha1',
    kind: 'AdvancedCronJob',
    metadata: { name, namespace: ns },
    spec: { schedule: '*/5 * * * *', template: { broadcastJobTemplate: { spec: { template: { spec: { ...pod(name).spec, restartPolicy: 'Never' } }, completionPolicy: { type: 'Always' } } } } },
  }),
  (name) => ({
    apiVersion: 'apps.kruise.io/v1alpha1',
    kind: 'SidecarSet',
    metadata: { name },
    spec: { selector: { matchLabels: { sidecar: name } }, containers: [{ name: 'log', image: 'busybox:1.36', command: ['sleep', 'infinity'] }] },
  }),
  (name, ns) => ({
    apiVersion: 'apps.kruise.io/v1alpha1',
    kind: 'UnitedDeployment',
    metadata: { name, namespace: ns },
    spec: {
      replicas: 6,
      selector: { matchLabels: { app: name } },
      template: {
        cloneSetTemplate: { metadata: { labels: { app: name } }, spec: { selector: { matchLabels: { app: name } }, template: pod(name) } },
      },
      topology: {
        subsets: [
          { name: 'a', nodeSelectorTerm: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] } },
          { name: 'b', nodeSelectorTerm: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] } },
        ],
      },
    },
  }),
  (name, ns) => ({
    apiVersion: 'apps.kruise.io/v1alpha1',
    kind: 'WorkloadSpread',
    metadata: { name, namespace: ns },
    spec: {
      targetRef: { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'CloneSet', name: `${name}-target` },
      subsets: [{ name: 'a', requiredNodeSelectorTerm: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }, maxReplicas: 3 }, { name: 'b' }],
    },
  }),
  (name, ns) => ({
    apiVersion: 'policy.kruise.io/v1alpha1',
    kind: 'PodUnavailableBudget',
    metadata: { name, namespace: ns },
    spec: { targetRef: { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'CloneSet', name: `${name}-target` }, maxUnavailable: '25%' },
  }),
  (name, ns) => ({
    apiVersion: 'apps.kruise.io/v1alpha1',
    kind: 'ImagePullJob',
    metadata: { name, namespace: ns },
    spec: { image: 'nginx:1.27', parallelism: 10, completionPolicy: { type: 'Always', activeDeadlineSeconds: 1200 } },
  }),
  (name, ns) => ({
    apiVersion: 'apps.kruise.io/v1alpha1',
    kind: 'PodProbeMarker',
    metadata: { name, namespace: ns },
    spec: {
      selector: { matchLabels: { app: name } },
      probes: [{
        name: 'Idle',
        containerName: 'main',
        podConditionType: 'game.io/idle',
        probe: { exec: { command: ['/idle.sh'] }, periodSeconds: 10 },
      }],
    },
  }),
  (name, ns) => ({
    apiVersion: 'apps.kruise.io/v1alpha1',
    kind: 'PersistentPodState',
    metadata: { name, namespace: ns },
    spec: {
      targetRef: { apiVersion: 'apps.kruise.io/v1beta1', kind: 'StatefulSet', name: `${name}-target` },
      requiredPersistentTopology: { nodeTopologyKeys: ['kubernetes.io/hostname'] },
    },
  }),
  (name, ns) => ({
    apiVersion: 'apps.kruise.io/v1alpha1',
    kind: 'ContainerRecreateRequest',
    metadata: { name, namespace: ns },
    spec: { podName: `${name}-pod`, containers: [{ name: 'main' }], strategy: { failurePolicy: 'Fail', orderedRecreate: false } },
  }),
  (name) => ({
    apiVersion: 'apps.kruise.io/v1alpha1',
    kind: 'ResourceDistribution',
    metadata: { name },
    spec: { resource: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${name}-cm` }, data: { a: 'b' } }, targets: { includedNamespaces: { list: [{ name: 'ns-1' }] } } },
  }),
];

function corpus(n: number): string {
  const docs: string[] = [];
  for (let i = 0; i < n; i++) {
    const kind = KINDS[i % KINDS.length];
    docs.push(stringify(kind(`obj-${i}`, `ns-${i % 100}`)));
  }
  return docs.join('---\n');
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
}

function timeOnce(args: string[], ok: number[]): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  const t1 = process.hrtime.bigint();
  if (!ok.includes(r.status ?? -1)) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${String(r.stdout).slice(0, 2000)}${r.stderr}`);
  return Number(t1 - t0) / 1e6;
}

interface Stages {
  readMs: number;
  reviewMs: number;
  schemaMs: number;
  gatesMs: number;
  admissionMs: number;
  /** Admission time per kind, slowest first. */
  admissionByKind: Array<[string, number]>;
  objects: number;
  findings: number;
}

/** The same run in this process, stage by stage (the review once whole, then each check alone). */
function inProcess(file: string): Stages {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const cli = require(path.join(root, 'lib', 'cli-lint.js'));
  const { readInputs } = require(path.join(root, 'lib', 'cli-lint-read.js'));
  const { admit } = require(path.join(root, 'lib', 'admission', 'engine.js'));
  const { gateFindings } = require(path.join(root, 'lib', 'admission', 'gates.js'));
  const { KruiseSchemaValidator } = require(path.join(root, 'lib', 'validation', 'schema-validator.js'));
  /* eslint-enable @typescript-eslint/no-require-imports */
  const gate = (name: string) => GATES.includes(`${name}=true`) ? true : undefined;
  const io = { stdout: () => undefined, stderr: () => undefined };
  const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
  let t = process.hrtime.bigint();
  const objects = readInputs([file], io);
  const readMs = ms(t);
  t = process.hrtime.bigint();
  const result = cli.lint(objects, { version: '1.7', gate });
  const reviewMs = ms(t);

  const plain = objects.map((o: any) => o.object);
  const validator = KruiseSchemaValidator.forVersion();
  t = process.hrtime.bigint();
  for (const o of plain) validator.validate(o);
  const schemaMs = ms(t);
  const ctx = { version: '1.7', gate, peers: plain };
  t = process.hrtime.bigint();
  for (const o of plain) gateFindings(o, ctx);
  const gatesMs = ms(t);
  const byKind = new Map<string, number>();
  for (const o of plain) {
    const t0 = process.hrtime.bigint();
    admit(o, ctx);
    byKind.set(o.kind, (byKind.get(o.kind) ?? 0) + ms(t0));
  }
  const admissionByKind = [...byKind.entries()].sort((a, b) => b[1] - a[1]);
  const admissionMs = admissionByKind.reduce((sum, [, v]) => sum + v, 0);
  return { readMs, reviewMs, schemaMs, gatesMs, admissionMs, admissionByKind, objects: objects.length, findings: result.findings.length };
}

function main(): void {
  const bin = path.join(root, 'bin', 'kruise-lint');
  if (!fs.existsSync(path.join(root, 'lib', 'cli-lint.js'))) throw new Error('lib/cli-lint.js is missing: compile first (npx projen compile)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kruise-lint-bench-'));
  const file = path.join(dir, 'objects.yaml');
  fs.writeFileSync(file, corpus(count));
  const bytes = fs.statSync(file).size;

  const lintMs: number[] = [];
  const nodeMs: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < runs; r++) {
    const n = timeOnce(['-e', '0'], [0]);
    const l = timeOnce([bin, '--feature-gates', GATES, file], [0]);
    nodeMs.push(n);
    lintMs.push(l);
    ratios.push(l / n);
  }
  const stages = inProcess(file);
  fs.rmSync(dir, { recursive: true, force: true });

  const result = {
    objects: count,
    kinds: KINDS.length,
    bytes,
    runs,
    lintMs: median(lintMs),
    nodeMs: median(nodeMs),
    ratioToNode: median(ratios),
    targetMs: TARGET_MS,
    underTarget: median(lintMs) < TARGET_MS,
    inProcess: stages,
    machine: { cpus: os.cpus().length, load1: os.loadavg()[0], node: process.version },
  };
  const out = path.join(root, 'bench', 'results');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'lint.json'), `${JSON.stringify(result, null, 2)}\n`);

  const f = (x: number) => `${x.toFixed(0)} ms`;
  // eslint-disable-next-line no-console
  console.log([
    `kruise-lint: ${count} Kruise objects (${KINDS.length} kinds, ${(bytes / 1024 / 1024).toFixed(1)} MiB), median of ${runs} rounds`,
    `  kruise-lint (one process)   ${f(result.lintMs)}   target < ${f(TARGET_MS)}: ${result.underTarget ? 'met' : 'NOT met'}`,
    `  node -e 0                   ${f(result.nodeMs)}`,
    `  ratio to node -e 0          ${result.ratioToNode.toFixed(1)}x`,
    `  in process: read+parse ${f(stages.readMs)}, review ${f(stages.reviewMs)} (${stages.findings} findings)`,
    `    review by check: schema ${f(stages.schemaMs)}, admission ${f(stages.admissionMs)}, gates ${f(stages.gatesMs)}`,
    `    admission, slowest kinds: ${stages.admissionByKind.slice(0, 5).map(([k, v]) => `${k} ${f(v)}`).join(', ')}`,
    `  machine: ${result.machine.cpus} cpus, load ${result.machine.load1.toFixed(1)}`,
  ].join('\n'));
}

main();
