/*
 * Benchmarks (not tests): run with `npx projen bench` after `npx projen compile`.
 * Uses the compiled library in lib/. Prints a table and writes bench/results/bench.json.
 *
 *   BENCH_RUNS=20            cold-start repetitions
 *   BENCH_SIZES=10,100,1000,10000   workload counts for the scaling runs
 *   HELM_BIN=/path/to/helm KRUISE_CHART_DIR=/path/to/chart   also time `helm template` in the same run
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '..');
const lib = path.join(root, 'lib');
const runs = Number(process.env.BENCH_RUNS ?? 20);
const sizes = (process.env.BENCH_SIZES ?? '10,100,1000,10000').split(',').map(Number);

interface Stats { median: number; min: number; max: number; p90: number }

function stats(xs: number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * (s.length - 1) + 0.5))];
  return { median: q(0.5), min: s[0], max: s[s.length - 1], p90: q(0.9) };
}

function timeCommand(cmd: string, args: string[], n: number): Stats {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    const t1 = process.hrtime.bigint();
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
    times.push(Number(t1 - t0) / 1e6);
  }
  return stats(times);
}

/** One scaling run in a fresh process, so peak RSS belongs to that size alone. */
function scalingRun(size: number): { size: number; synthMs: number; validateMs: number; objects: number; maxRssMiB: number } {
  const r = spawnSync(process.execPath, [path.join(__dirname, 'scale-worker.js'), String(size)], { encoding: 'utf8', env: { ...process.env, KRUISE_LIB: lib } });
  if (r.status !== 0) throw new Error(`scaling run ${size} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

function fitExponent(points: Array<{ size: number; synthMs: number }>): number {
  const xs = points.map(p => Math.log(p.size));
  const ys = points.map(p => Math.log(p.synthMs));
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
  if (!fs.existsSync(path.join(lib, 'cli.js'))) throw new Error('lib/cli.js not found: run `npx projen compile` first');
  const result: any = { date: new Date().toISOString(), node: process.version, runs };

  console.log(`cold start, ${runs} runs each`);
  const nodeBaseline = timeCommand(process.execPath, ['-e', '0'], runs);
  const cli = timeCommand(process.execPath, [path.join(root, 'bin', 'kruise-synth'), '--output', '/dev/null'], runs);
  const unbundled = timeCommand(process.execPath, [path.join(lib, 'cli.js'), '--output', '/dev/null'], runs);
  result.cold = { nodeBaseline, cli, unbundled, cliOverNode: cli.median / nodeBaseline.median };
  console.log(`  node -e 0                  ${fmt(nodeBaseline)}`);
  console.log(`  kruise-synth (default)     ${fmt(cli)}   = ${(cli.median / nodeBaseline.median).toFixed(2)}x node startup`);
  console.log(`  lib/cli.js (unbundled)     ${fmt(unbundled)}   = ${(unbundled.median / nodeBaseline.median).toFixed(2)}x node startup`);
  if (process.env.HELM_BIN && process.env.KRUISE_CHART_DIR) {
    const helm = timeCommand(process.env.HELM_BIN, ['template', 'kruise', process.env.KRUISE_CHART_DIR], runs);
    result.cold.helm = helm;
    result.cold.cliOverHelm = cli.median / helm.median;
    console.log(`  helm template (default)    ${fmt(helm)}`);
    console.log(`  ratio kruise-synth / helm  ${(cli.median / helm.median).toFixed(2)}`);
  } else {
    console.log('  helm template              skipped (set HELM_BIN and KRUISE_CHART_DIR)');
  }

  console.log('\nin-process scaling: mixed L2 workloads + one install (fresh process per size)');
  console.log('  workloads   objects   synth ms   validation ms   validation share   peak RSS MiB');
  const points = sizes.map(scalingRun);
  for (const p of points) {
    console.log(`  ${String(p.size).padStart(9)}   ${String(p.objects).padStart(7)}   ${p.synthMs.toFixed(0).padStart(8)}   ${p.validateMs.toFixed(0).padStart(13)}   ${(100 * p.validateMs / p.synthMs).toFixed(1).padStart(15)}%   ${p.maxRssMiB.toFixed(0).padStart(12)}`);
  }
  const exponent = fitExponent(points.filter(p => p.size >= 100));
  console.log(`  growth exponent (fit over sizes >= 100): ${exponent.toFixed(2)}`);
  result.scaling = { points, exponent };

  const outDir = path.join(__dirname, 'results');
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'bench.json'), JSON.stringify(result, null, 2) + '\n');
  console.log(`\nwrote ${path.relative(root, path.join(outDir, 'bench.json'))}`);
}

main();
