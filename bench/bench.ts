/*
 * Benchmarks (not tests): run with `npx projen bench` (it compiles first).
 * Uses the compiled library in lib/. Prints a table and writes bench/results/bench.json.
 *
 *   BENCH_RUNS=20                     cold-start repetitions
 *   BENCH_SIZES=10,100,1000,10000     workload counts for the scaling runs
 *   BENCH_SCALE_RUNS=3                repetitions of each scaling run (the median is reported)
 *   HELM_BIN=/path/to/helm KRUISE_CHART_DIR=/path/to/chart   the helm and chart to time `helm template` with
 *                                     (default: ../shared/tools/get-helm and ../shared/reference/charts/kruise-1.7.5;
 *                                     without them helm is "not measured", never estimated)
 *   BENCH_COMPARE_SIZE=1000           CloneSets vs cdk8s-plus-28 Deployments with the same pod spec
 *   BENCH_INPUT_RUNS=3                runs of each large-input case (100k-key values file, 16k --set flags)
 *   BENCH_SECTIONS=large-input        run only the large-input section
 *   BENCH_BEFORE=/path/to/older/clone  also time an older build (its lib/ compiled, its bench/scale-worker.js)
 *                                     in the same rounds: before/after pairs from one command
 *                                     (`npx projen bench:compare [ref]` prepares the clone and sets it); the
 *                                     scaling rows also time the floor of the older build's own manifests
 *                                     (dumped through this worker), when its API lets this worker build them
 *
 * Machines differ and are noisy, so every figure comes with a baseline from the
 * same run: the cold CLI against `node -e 0` (and helm when given), run
 * interleaved; in-process synthesis against the cdk8s floor for the same
 * manifests (a bare cdk8s app of plain ApiObjects), also interleaved.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.resolve(__dirname, '..');
const lib = path.join(root, 'lib');
const runs = Number(process.env.BENCH_RUNS ?? 20);
const scaleRuns = Number(process.env.BENCH_SCALE_RUNS ?? 3);
const sizes = (process.env.BENCH_SIZES ?? '10,100,1000,10000').split(',').map(Number);

const compareSize = Number(process.env.BENCH_COMPARE_SIZE ?? 1000);
/** The root of an older build to compare with, in the same rounds (see the header). */
const before = process.env.BENCH_BEFORE ? path.resolve(process.env.BENCH_BEFORE) : undefined;

/** helm and the chart 1.7.5 directory: the environment's, else the shared tools and reference beside the clone. */
function findHelm(): { bin: string; chart: string } | undefined {
  if (process.env.HELM_BIN && process.env.KRUISE_CHART_DIR) return { bin: process.env.HELM_BIN, chart: process.env.KRUISE_CHART_DIR };
  const shared = path.resolve(root, '..', 'shared');
  const chart = path.join(shared, 'reference', 'charts', 'kruise-1.7.5');
  const getHelm = path.join(shared, 'tools', 'get-helm');
  if (!fs.existsSync(chart) || !fs.existsSync(getHelm)) return undefined;
  const r = spawnSync(getHelm, [], { encoding: 'utf8' });
  const bin = r.status === 0 ? r.stdout.trim().split('\n').pop() : undefined;
  return bin && fs.existsSync(bin) ? { bin, chart } : undefined;
}
const HELM = findHelm();

interface Stats { median: number; min: number; max: number; p90: number }

function stats(xs: number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * (s.length - 1) + 0.5))];
  return { median: q(0.5), min: s[0], max: s[s.length - 1], p90: q(0.9) };
}

/**
 * One run of a command, its standard output discarded (`ignore`: Node opens
 * /dev/null for it). Every command writes its output there the same way, to
 * standard output: kruise-synth prints the manifests as `helm template` does.
 * (With `--output /dev/null` it would take its file-writing path instead, and
 * where /dev/null is a regular file, as in some sandboxes, that is an atomic
 * replace with two fsyncs that helm never pays.)
 */
function timeOnce(cmd: string, args: string[]): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const t1 = process.hrtime.bigint();
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return Number(t1 - t0) / 1e6;
}

/** CPU time in clock ticks: the whole machine's busy time, and this process's own with its finished children's (Linux). */
function cpuTicks(): { busy: number; ours: number } | undefined {
  try {
    const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const idle = cpu[3] + (cpu[4] ?? 0); // idle, iowait
    const busy = cpu.slice(0, 8).reduce((a, b) => a + b, 0) - idle; // user .. steal
    const self = fs.readFileSync('/proc/self/stat', 'utf8');
    const f = self.slice(self.lastIndexOf(')') + 2).split(' ').map(Number); // fields from the 3rd (state) on
    return { busy, ours: f[11] + f[12] + f[13] + f[14] }; // utime, stime, cutime, cstime
  } catch {
    return undefined; // not Linux
  }
}

/**
 * How many CPUs other processes kept busy, on average, while `run` ran: the
 * machine's busy time less this process's and its children's (the commands
 * timed), over the wall time. Undefined where /proc is missing. Assumes 100
 * clock ticks a second, as Linux reports them in /proc.
 */
function otherBusyCpus<T>(run: () => T): { result: T; otherBusyCpus?: number } {
  const [t0, before_] = [process.hrtime.bigint(), cpuTicks()];
  const result = run();
  const [t1, after] = [process.hrtime.bigint(), cpuTicks()];
  if (!before_ || !after) return { result };
  const seconds = Number(t1 - t0) / 1e9;
  return { result, otherBusyCpus: Math.max(0, ((after.busy - before_.busy) - (after.ours - before_.ours)) / 100 / seconds) };
}

/** Runs the commands in turn, `n` rounds, so that drift in machine speed hits all of them alike; times per command and round. */
function timeInterleaved(commands: Array<[string, string[]]>, n: number): number[][] {
  const times = commands.map(() => [] as number[]);
  for (let i = 0; i < n; i++) commands.forEach(([cmd, args], j) => times[j].push(timeOnce(cmd, args)));
  return times;
}

/**
 * The median over rounds of a/b within each round: robust to the machine
 * changing speed between rounds (a median of ratios, not a ratio of medians).
 */
function pairedRatio(a: number[], b: number[]): number {
  return stats(a.map((x, i) => x / b[i])).median;
}

interface ScalePoint {
  size: number;
  objects: number;
  buildMs: number;
  synthYamlMs: number;
  totalMs: number;
  validateMs: number;
  maxRssMiB: number;
  /** V8's young generation after the synthesis, MiB (see bench/scale-worker.js); absent from an older build's worker. */
  youngGenMiB?: number;
}

/**
 * Runs a scale worker in a fresh process (`file`: the manifests, for `dump`
 * and `floor`); its stdout. `root_` is the build whose lib/ it loads, and
 * whose bench/scale-worker.js it runs unless `workerRoot` says whose.
 */
function worker(size: number, mode: 'validate' | 'floor' | 'dump' | 'cloneset' | 'deployment' | 'load', file?: string, root_ = root, workerRoot = root_,
  extra: string[] = [], nodeFlags: string[] = []): string {
  const r = spawnSync(process.execPath, [...nodeFlags, path.join(workerRoot, 'bench', 'scale-worker.js'), String(size), mode, ...(file ? [file] : []), ...extra], {
    encoding: 'utf8', env: { ...process.env, KRUISE_LIB: path.join(root_, 'lib') }, maxBuffer: 1024 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`scaling run ${size} ${mode} failed: ${r.stderr}`);
  return r.stdout;
}

/** The young generation of a point's app and floor, `app / floor` in MiB ('-' where not measured). */
function youngGen(p: FloorPoint): string {
  const mib = (v?: number) => v === undefined ? '-' : v.toFixed(0);
  return `${mib(p.youngGenMiB)} / ${mib(p.floorYoungGenMiB)}`;
}

/**
 * Where the app's young generation ended larger than the floor's: the app's
 * peak RSS with its young generation held to the floor's size (a V8 flag on
 * the app's process, `scaleRuns` runs, median), against the floor's. A
 * diagnostic, not the goal's figure: it shows how much of the gap the
 * young generation's sizing is.
 */
function youngGenCapped(p: FloorPoint): FloorPoint['youngGenCapped'] {
  if (p.youngGenMiB === undefined || p.floorYoungGenMiB === undefined || p.youngGenMiB <= p.floorYoungGenMiB) return undefined;
  const semiSpaceMiB = p.floorYoungGenMiB / 2; // the young generation is two semispaces
  const flag = `--max-semi-space-size=${semiSpaceMiB}`;
  const rss: number[] = [];
  for (let i = 0; i < scaleRuns; i++) rss.push(workerResult<ScalePoint>(p.size, 'validate', undefined, root, root, [], [flag]).maxRssMiB);
  const rssMiB = stats(rss).median;
  return { flag, rssMiB, floorRssRatio: rssMiB / p.floorRssMiB };
}

/** The JSON line a scale worker prints last (see worker()). */
function workerResult<T>(...args: Parameters<typeof worker>): T {
  return JSON.parse(worker(...args).trim().split('\n').pop()!) as T;
}

/** One scaling run in a fresh process, so that peak RSS belongs to that size alone. */
function scalingRun(size: number, mode: 'validate' | 'floor' | 'cloneset' | 'deployment', file?: string, root_ = root): ScalePoint {
  return workerResult<ScalePoint>(size, mode, file, root_);
}

/** Before/after figures of one measure, from the same rounds. */
interface BeforeAfter { before: number; after: number; afterOverBefore: number }

function beforeAfter(afterTimes: number[], beforeTimes: number[], baseline: number[]): BeforeAfter {
  return {
    before: pairedRatio(beforeTimes, baseline),
    after: pairedRatio(afterTimes, baseline),
    afterOverBefore: pairedRatio(afterTimes, beforeTimes),
  };
}

/**
 * Each build against the floor of its own manifests, per round: `before` and
 * `after` are medians of the per-round ratios, `afterOverBefore` the median of
 * the per-round quotients of the two.
 */
function ownFloorPair(after: ScalePoint[], afterFloor: ScalePoint[], before_: ScalePoint[], beforeFloor: ScalePoint[]): BeforeAfter {
  const a = after.map((r, i) => r.totalMs / afterFloor[i].totalMs);
  const b = before_.map((r, i) => r.totalMs / beforeFloor[i].totalMs);
  return { before: stats(b).median, after: stats(a).median, afterOverBefore: stats(a.map((x, i) => x / b[i])).median };
}

/**
 * The median runs by total time of `scaleRuns` runs each, interleaved: the
 * app, and the cdk8s floor (the same manifests as plain ApiObjects in a bare
 * cdk8s app). The floor reads the manifests from a file written beforehand
 * by another process, so that its process holds cdk8s and the manifests only
 * (its peak RSS is the floor's own). Time and RSS ratios are per round, and
 * the median of those is reported.
 */
interface FloorPoint extends ScalePoint {
  floorMs: number;
  floorRssMiB: number;
  /** The floor's young generation after its synthesis, MiB (of its median run). */
  floorYoungGenMiB?: number;
  /** Where the app's young generation is the larger: the app's peak RSS with it held to the floor's size (see youngGenCapped). */
  youngGenCapped?: { flag: string; rssMiB: number; floorRssRatio: number };
  floorRatio: number;
  floorRssRatio: number;
  /**
   * With BENCH_BEFORE: the older build's ratios to the same floor runs
   * (`time`, `rss`: its time against this build's floor, so after / before
   * compares the times), and, when the older build's own manifests could be
   * dumped, each build against the floor of its own manifests (`ownFloor`:
   * the older build may emit other manifests, e.g. CRDs without
   * descriptions, whose floor differs).
   */
  before?: { time: BeforeAfter; rss: BeforeAfter; ownFloor?: BeforeAfter };
}

function scalingPoint(size: number): FloorPoint {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kruise-bench-floor-'));
  const manifests = path.join(dir, `manifests-${size}.json`);
  worker(size, 'dump', manifests);
  // The older build's manifests, through this worker (older workers may not dump); none when its API differs.
  const manifestsBefore = path.join(dir, `manifests-before-${size}.json`);
  let beforeDumped = false;
  if (before) {
    try {
      worker(size, 'dump', manifestsBefore, before, root);
      beforeDumped = true;
    } catch (e) {
      console.log(`  (${size} workloads: the older build's own manifests could not be made, so its own floor is not measured: ${String(e).split('\n')[0].slice(0, 160)})`);
    }
  }
  const runsOfApp: ScalePoint[] = [];
  const floor: ScalePoint[] = [];
  const runsBefore: ScalePoint[] = [];
  const floorBefore: ScalePoint[] = [];
  try {
    for (let i = 0; i < scaleRuns; i++) {
      runsOfApp.push(scalingRun(size, 'validate'));
      floor.push(scalingRun(size, 'floor', manifests));
      if (before) runsBefore.push(scalingRun(size, 'validate', undefined, before));
      if (beforeDumped) floorBefore.push(scalingRun(size, 'floor', manifestsBefore));
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const median = (xs: ScalePoint[]) => [...xs].sort((a, b) => a.totalMs - b.totalMs)[Math.floor(xs.length / 2)];
  const floorRun = median(floor);
  return {
    ...median(runsOfApp),
    floorMs: floorRun.totalMs,
    floorRssMiB: floorRun.maxRssMiB,
    floorYoungGenMiB: floorRun.youngGenMiB,
    floorRatio: pairedRatio(runsOfApp.map(r => r.totalMs), floor.map(r => r.totalMs)),
    floorRssRatio: pairedRatio(runsOfApp.map(r => r.maxRssMiB), floor.map(r => r.maxRssMiB)),
    before: before ? {
      time: beforeAfter(runsOfApp.map(r => r.totalMs), runsBefore.map(r => r.totalMs), floor.map(r => r.totalMs)),
      rss: beforeAfter(runsOfApp.map(r => r.maxRssMiB), runsBefore.map(r => r.maxRssMiB), floor.map(r => r.maxRssMiB)),
      ownFloor: beforeDumped ? ownFloorPair(runsOfApp, floor, runsBefore, floorBefore) : undefined,
    } : undefined,
  };
}

/**
 * A CloneSet against a cdk8s-plus-28 Deployment with the same pod spec:
 * `compareSize` of each in a bare app (no install), fresh processes,
 * interleaved, median of `scaleRuns`. Each app is also measured against the
 * cdk8s floor of its own manifests (time and peak RSS): what cdk8s-plus
 * itself costs over plain ApiObjects, the context of the floor goals.
 */
function compareSection(): object {
  console.log(`\nCloneSet vs cdk8s-plus-28 Deployment: ${compareSize} of each with the same pod spec, median of ${scaleRuns} interleaved runs`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kruise-bench-compare-'));
  const manifests = { cloneset: path.join(dir, 'clonesets.json'), deployment: path.join(dir, 'deployments.json') };
  worker(compareSize, 'dump', manifests.cloneset, root, root, ['cloneset']);
  worker(compareSize, 'dump', manifests.deployment, root, root, ['deployment']);
  const clone: ScalePoint[] = [];
  const deploy: ScalePoint[] = [];
  const cloneFloor: ScalePoint[] = [];
  const deployFloor: ScalePoint[] = [];
  const cloneBefore: ScalePoint[] = [];
  try {
    for (let i = 0; i < scaleRuns; i++) {
      clone.push(scalingRun(compareSize, 'cloneset'));
      cloneFloor.push(scalingRun(compareSize, 'floor', manifests.cloneset));
      deploy.push(scalingRun(compareSize, 'deployment'));
      deployFloor.push(scalingRun(compareSize, 'floor', manifests.deployment));
      if (before) cloneBefore.push(scalingRun(compareSize, 'cloneset', undefined, before));
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const overFloor = (measured: ScalePoint[], floor: ScalePoint[]) => ({
    time: pairedRatio(measured.map(r => r.totalMs), floor.map(r => r.totalMs)),
    rss: pairedRatio(measured.map(r => r.maxRssMiB), floor.map(r => r.maxRssMiB)),
  });
  const ownFloor = { cloneSet: overFloor(clone, cloneFloor), deployment: overFloor(deploy, deployFloor) };
  const median = (xs: ScalePoint[]) => [...xs].sort((a, b) => a.totalMs - b.totalMs)[Math.floor(xs.length / 2)];
  const ratio = stats(clone.map((c, i) => c.totalMs / deploy[i].totalMs)).median;
  const [c, d] = [median(clone), median(deploy)];
  console.log(`  CloneSets      synth ${c.totalMs.toFixed(0)} ms   peak RSS ${c.maxRssMiB.toFixed(0)} MiB`);
  console.log(`  Deployments    synth ${d.totalMs.toFixed(0)} ms   peak RSS ${d.maxRssMiB.toFixed(0)} MiB`);
  console.log(`  ratio CloneSet / Deployment  ${ratio.toFixed(2)} (median of per-round ratios; goal: at most 1.00)`);
  console.log(`  against the floor of their own manifests: CloneSets ${ownFloor.cloneSet.time.toFixed(2)}x time, ${ownFloor.cloneSet.rss.toFixed(2)}x peak RSS;`
    + ` Deployments ${ownFloor.deployment.time.toFixed(2)}x time, ${ownFloor.deployment.rss.toFixed(2)}x peak RSS`);
  const vsBefore = before ? beforeAfter(clone.map(x => x.totalMs), cloneBefore.map(x => x.totalMs), deploy.map(x => x.totalMs)) : undefined;
  if (vsBefore) console.log(`  before (${path.basename(before!)}): CloneSet / Deployment ${vsBefore.before.toFixed(2)}; after ${vsBefore.after.toFixed(2)}`);
  return { size: compareSize, cloneSet: c, deployment: d, ratio, ownFloor, before: vsBefore };
}

/** What a process loads before its first object, each measured alone (see loadSection). */
const LOADED = ['cdk8s', 'cdk8s-plus-28', 'library'] as const;

/**
 * Peak RSS of loading alone, in fresh processes, interleaved, median of
 * `scaleRuns` each: cdk8s (what the floor process loads), cdk8s-plus-28
 * (what any app on it loads; it loads cdk8s) and this library (which loads
 * both). The memory an app has before its first object, which the floor
 * ratios above include.
 */
function loadSection(): { [what: string]: number } {
  const rss: { [what: string]: number[] } = Object.fromEntries(LOADED.map(w => [w, []]));
  for (let i = 0; i < scaleRuns; i++) {
    for (const what of LOADED) rss[what].push(workerResult<{ maxRssMiB: number }>(0, 'load', undefined, root, root, [what]).maxRssMiB);
  }
  const out = Object.fromEntries(LOADED.map(w => [w, stats(rss[w]).median]));
  const over = (w: string) => `${(out[w] / out.cdk8s).toFixed(2)}x cdk8s`;
  console.log(`  loading alone, peak RSS (median of ${scaleRuns}): cdk8s ${out.cdk8s.toFixed(0)} MiB; cdk8s-plus-28 ${out['cdk8s-plus-28'].toFixed(0)} MiB (${over('cdk8s-plus-28')});`
    + ` this library ${out.library.toFixed(0)} MiB (${over('library')})`);
  return out;
}

function fitExponent(points: Array<{ size: number; totalMs: number }>): number {
  const xs = points.map(p => Math.log(p.size));
  const ys = points.map(p => Math.log(p.totalMs));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  const num = xs.reduce((a, x, i) => a + (x - mx) * (ys[i] - my), 0);
  const den = xs.reduce((a, x) => a + (x - mx) ** 2, 0);
  return num / den;
}

function fmt(s: Stats): string {
  return `${s.median.toFixed(1)} ms (min ${s.min.toFixed(1)}, p90 ${s.p90.toFixed(1)}, max ${s.max.toFixed(1)})`;
}

function main(): void {
  if (!fs.existsSync(path.join(lib, 'kruise-synth.js'))) throw new Error('lib/kruise-synth.js not found: run `npx projen compile` first');
  const result: any = { date: new Date().toISOString(), node: process.version, runs, scaleRuns };
  if (process.env.BENCH_SECTIONS === 'large-input') { // only the large-input section
    largeInputSection();
    return;
  }

  console.log(`cold start: the default install as a fresh process, ${runs} interleaved runs each`);
  const commands: Array<[string, string[]]> = [
    [process.execPath, ['-e', '0']],
    [process.execPath, [path.join(root, 'bin', 'kruise-synth')]],
    [process.execPath, [path.join(lib, 'cli.js')]],
  ];
  if (HELM) commands.push([HELM.bin, ['template', 'kruise', HELM.chart]]);
  if (before) commands.push([process.execPath, [path.join(before, 'bin', 'kruise-synth')]]);
  const loadBefore = os.loadavg()[0];
  const { result: timed, otherBusyCpus: others } = otherBusyCpus(() => timeInterleaved(commands, runs));
  const machineLoad = { cpus: os.cpus().length, before: loadBefore, after: os.loadavg()[0], otherBusyCpus: others };
  const [nodeTimes, cliTimes, unbundledTimes] = timed;
  const helmTimes = HELM ? timed[3] : undefined;
  const beforeTimes = before ? timed[timed.length - 1] : undefined;
  const [nodeBaseline, cli, unbundled] = [nodeTimes, cliTimes, unbundledTimes].map(stats);
  const cliOverNode = pairedRatio(cliTimes, nodeTimes);
  const unbundledOverNode = pairedRatio(unbundledTimes, nodeTimes);
  // kruise-synth's own time: what it takes beyond starting node, per round.
  const ownMs = stats(cliTimes.map((t, i) => t - nodeTimes[i])).median;
  result.cold = { nodeBaseline, cli, unbundled, cliOverNode, unbundledOverNode, ownMs, machineLoad };
  console.log(`  (ratios: median over the rounds of the ratio within each round; ${machineLoad.cpus} cpus, of which other processes kept `
    + `${others === undefined ? 'an unknown number' : others.toFixed(2)} busy during the rounds; load average ${machineLoad.before.toFixed(1)} before, `
    + `${machineLoad.after.toFixed(1)} after)`);
  console.log(`  node -e 0                  ${fmt(nodeBaseline)}`);
  console.log(`  kruise-synth (default)     ${fmt(cli)}   = ${cliOverNode.toFixed(2)}x node startup`);
  console.log(`  lib/cli.js (unbundled)     ${fmt(unbundled)}   = ${unbundledOverNode.toFixed(2)}x node startup`);
  if (helmTimes) {
    const helm = stats(helmTimes);
    result.cold.helm = helm;
    result.cold.cliOverHelm = pairedRatio(cliTimes, helmTimes);
    console.log(`  helm template (default)    ${fmt(helm)}`);
    console.log(`  ratio kruise-synth / helm  ${result.cold.cliOverHelm.toFixed(2)}   (goal: at most 0.90)`);
    result.cold.helmOverNode = pairedRatio(helmTimes, nodeTimes);
    // What the goal leaves kruise-synth beyond starting node, per round: 0.90 of helm's time, less node's.
    result.cold.goalOwnMs = stats(helmTimes.map((t, i) => 0.9 * t - nodeTimes[i])).median;
    result.cold.nodeOverHelm = pairedRatio(nodeTimes, helmTimes);
    console.log(`  kruise-synth beyond node startup: ${ownMs.toFixed(1)} ms; the goal leaves ${result.cold.goalOwnMs.toFixed(1)} ms `
      + `(node -e 0 alone is ${result.cold.nodeOverHelm.toFixed(2)}x helm)`);
  } else {
    console.log('  helm template              not measured (no helm: set HELM_BIN and KRUISE_CHART_DIR, or put ../shared beside the clone)');
  }
  if (beforeTimes) {
    result.before = { root: before, commit: process.env.BENCH_BEFORE_REF };
    result.cold.before = {
      overNode: beforeAfter(cliTimes, beforeTimes, nodeTimes),
      overHelm: helmTimes ? beforeAfter(cliTimes, beforeTimes, helmTimes) : undefined,
    };
    const b = result.cold.before;
    console.log(`  before (${process.env.BENCH_BEFORE_REF ?? before}): kruise-synth ${b.overNode.before.toFixed(2)}x node startup`
      + (b.overHelm ? `, ${b.overHelm.before.toFixed(2)}x helm` : '') + `; after ${b.overNode.after.toFixed(2)}x node`
      + (b.overHelm ? `, ${b.overHelm.after.toFixed(2)}x helm` : '') + `; after / before ${b.overNode.afterOverBefore.toFixed(2)}`);
  }

  console.log(`\nin-process scaling: mixed L2 workloads + one install, fresh process per run, median of ${scaleRuns}`);
  console.log('  synth = building the app + app.synthYaml(); validation share = time in construct validations (schema + admission rules) / synth;');
  console.log('  cdk8s floor = the same manifests as plain ApiObjects in a bare cdk8s app, synthesized, in a process that loads cdk8s and reads them from a file');
  console.log('  x floor, x floor RSS: medians of the per-round ratios (goals: at most 2.0 and 1.5)');
  console.log('  young gen = the committed size of V8\'s young generation after the synthesis, app / floor: V8 grows it as objects survive');
  console.log('  workloads   objects   build ms   synthYaml ms   synth ms   cdk8s floor ms   x floor   validation share   peak RSS MiB   floor RSS MiB   x floor RSS   young gen MiB');
  const points = sizes.map(scalingPoint);
  for (const p of points) p.youngGenCapped = youngGenCapped(p);
  for (const p of points) {
    const share = p.validateMs / p.totalMs;
    console.log(`  ${String(p.size).padStart(9)}   ${String(p.objects).padStart(7)}   ${p.buildMs.toFixed(0).padStart(8)}   ${p.synthYamlMs.toFixed(0).padStart(12)}   `
      + `${p.totalMs.toFixed(0).padStart(8)}   ${p.floorMs.toFixed(0).padStart(14)}   ${p.floorRatio.toFixed(2).padStart(7)}   `
      + `${(100 * share).toFixed(1).padStart(15)}%   ${p.maxRssMiB.toFixed(0).padStart(12)}   ${p.floorRssMiB.toFixed(0).padStart(13)}   ${p.floorRssRatio.toFixed(2).padStart(11)}   `
      + `${youngGen(p).padStart(13)}`);
  }
  for (const p of points.filter(q => q.youngGenCapped)) {
    const c = p.youngGenCapped!;
    console.log(`  ${String(p.size).padStart(9)}   with the app's young generation held to the floor's (diagnostic: node ${c.flag}): peak RSS ${c.rssMiB.toFixed(0)} MiB, `
      + `${c.floorRssRatio.toFixed(2)}x the floor's`);
  }
  for (const p of points.filter(q => q.before)) {
    const b = p.before!;
    console.log(`  ${String(p.size).padStart(9)}   before: ${b.time.before.toFixed(2)}x floor, ${b.rss.before.toFixed(2)}x floor RSS; after: ${b.time.after.toFixed(2)}x, ${b.rss.after.toFixed(2)}x; after / before ${b.time.afterOverBefore.toFixed(2)}`
      + (b.ownFloor ? `; each against its own manifests' floor: before ${b.ownFloor.before.toFixed(2)}x, after ${b.ownFloor.after.toFixed(2)}x, after / before ${b.ownFloor.afterOverBefore.toFixed(2)}` : ''));
  }
  // A fit needs two sizes of at least 100 (BENCH_SIZES); null without them.
  const fitted = points.filter(p => p.size >= 100);
  const exponent = fitted.length >= 2 ? fitExponent(fitted) : null;
  console.log(`  growth exponent of synth time (fit over sizes >= 100): ${exponent === null ? 'not measured (needs two such sizes)' : exponent.toFixed(2)}`);
  result.scaling = { points, exponent, loadRssMiB: loadSection() };

  result.compare = compareSection();

  result.largeInput = largeInputSection();

  const outDir = path.join(__dirname, 'results');
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'bench.json'), JSON.stringify(result, null, 2) + '\n');
  console.log(`\nwrote ${path.relative(root, path.join(outDir, 'bench.json'))}`);
}

/**
 * Large input (hostile-input issue): kruise-synth with a 100k-key values file
 * and with 16k --set flags, each against `helm template` with the same input
 * in the same run (interleaved). BENCH_INPUT_RUNS (default 3) runs each.
 */
function largeInputSection(): object {
  const inputRuns = Number(process.env.BENCH_INPUT_RUNS ?? 3);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kruise-bench-input-'));
  const valuesFile = path.join(dir, 'values-100k.yaml');
  const keys = Array.from({ length: 100_000 }, (_, i) => `    k${i}: v${i}`);
  fs.writeFileSync(valuesFile, `manager:\n  nodeSelector:\n${keys.join('\n')}\n`);
  const sets = Array.from({ length: 16_384 }, (_, i) => ['--set', `manager.nodeSelector.k${i}=v${i}`]).flat();
  const cli = path.join(root, 'bin', 'kruise-synth');
  const cases: Array<[string, string[]]> = [['100k-key values file', ['-f', valuesFile]], ['16k --set flags', sets]];
  console.log(`\nlarge input: a 100k-key values file and 16k --set flags, median of ${inputRuns} interleaved runs`);
  const out: any = {};
  for (const [name, args] of cases) {
    const commands: Array<[string, string[]]> = [[process.execPath, [cli, ...args]]];
    if (HELM) commands.push([HELM.bin, ['template', 'kruise', HELM.chart, ...args]]);
    if (before) commands.push([process.execPath, [path.join(before, 'bin', 'kruise-synth'), ...args]]);
    const timed = timeInterleaved(commands, inputRuns);
    const [synthTimes] = timed;
    const helmTimes = HELM ? timed[1] : undefined;
    const beforeTimes = before ? timed[timed.length - 1] : undefined;
    const synth = stats(synthTimes);
    out[name] = { kruiseSynth: synth };
    console.log(`  ${name.padEnd(22)} kruise-synth ${fmt(synth)}`);
    if (beforeTimes) {
      out[name].before = { kruiseSynth: stats(beforeTimes), afterOverBefore: pairedRatio(synthTimes, beforeTimes) };
      console.log(`  ${''.padEnd(22)} before (${process.env.BENCH_BEFORE_REF ?? before}) ${fmt(out[name].before.kruiseSynth)}   after / before ${out[name].before.afterOverBefore.toFixed(2)}`);
    }
    if (helmTimes) {
      const helm = stats(helmTimes);
      out[name].helm = helm;
      out[name].ratio = pairedRatio(synthTimes, helmTimes);
      console.log(`  ${''.padEnd(22)} helm template ${fmt(helm)}   ratio ${out[name].ratio.toFixed(2)}`);
    } else {
      console.log(`  ${''.padEnd(22)} helm template not measured (no helm)`);
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
  return out;
}

main();
