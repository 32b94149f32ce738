/**
 * Issue 15: `cdk8s init typescript-app` now installs cdk8s-plus-33, and the
 * library is built on cdk8s-plus-28. An app on plus-33 must type-check against
 * the library's published declarations (lib/index.d.ts, what the tarball
 * ships): it passes plus-33 objects where they are structurally the same as
 * plus-28's (EnvValue), and plain structural values where the classes clash
 * (selectors, node selector requirements, tolerations, containers and ports).
 *
 * The app is checked with `tsc --noEmit` under the compiler options of
 * `cdk8s init typescript-app` (strict, no skipLibCheck), resolving cdk8s,
 * constructs and both cdk8s-plus majors from this repo's node_modules (one
 * copy each, as a user's app has). lib/ is built by the test task's compile
 * step; run `npx projen compile` before running this file alone.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');
const DECLARATIONS = path.join(ROOT, 'lib', 'index.d.ts');
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

/** The compiler options `cdk8s init typescript-app` writes (its tsconfig.json). */
const CDK8S_INIT_OPTIONS = {
  alwaysStrict: true,
  declaration: true,
  experimentalDecorators: true,
  lib: ['es2020'],
  module: 'CommonJS',
  noFallthroughCasesInSwitch: true,
  noImplicitAny: true,
  noImplicitReturns: true,
  noImplicitThis: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  resolveJsonModule: true,
  strict: true,
  strictNullChecks: true,
  strictPropertyInitialization: true,
  stripInternal: true,
  target: 'ES2020',
  types: ['node'],
};

/**
 * The app. Lines marked UNION need the structural unions of issue 15 on the
 * library's props (`kplus.LabelSelector | LabelSelectorSpec`,
 * `kplus.NodeLabelQuery | NodeSelectorRequirementSpec`,
 * `kplus.NodeTaintQuery | TolerationSpec`); the rest type-checks without them.
 */
const APP = `
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-33';
import {
  AdvancedDaemonSet, AdvancedDaemonSetUpdateStrategy, CloneSet, IntOrPercent, Kruise,
  PodUnavailableBudget, PodUnavailableBudgetLimit, SidecarSet, WorkloadSpread, WorkloadTarget,
} from 'cdk8s-openkruise';

const app = new App();
new Kruise(new Chart(app, 'kruise'), 'kruise');
const apps = new Chart(app, 'apps');

// Containers, env and ports as plain values; a plus-33 EnvValue where plus-28's has the same shape.
const web = new CloneSet(apps, 'web', {
  replicas: 3,
  containers: [{
    name: 'web',
    image: 'nginx:1.27',
    portNumber: 8080,
    ports: [{ number: 9090, name: 'metrics' }],
    envVariables: { LOG_LEVEL: kplus.EnvValue.fromValue('info'), MODE: { value: 'prod' } },
  }],
});

new PodUnavailableBudget(apps, 'web-pub', {
  budget: PodUnavailableBudgetLimit.maxUnavailable(IntOrPercent.percent(20)),
  selector: { matchLabels: { app: 'web' } }, // UNION LabelSelectorSpec
});

new SidecarSet(apps, 'logging', {
  selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['front'] }] }, // UNION LabelSelectorSpec
  containers: [{ name: 'fluent-bit', image: 'fluent/fluent-bit:3.1', envVariables: { FLUSH: { value: '5' } } }],
});

new WorkloadSpread(apps, 'spread', {
  target: WorkloadTarget.fromResource(web),
  subsets: [
    {
      name: 'zone-a',
      requiredNodeSelectorTerm: {
        matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['zone-a'] }], // UNION NodeSelectorRequirementSpec
      },
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'web', effect: 'NoSchedule' }], // UNION TolerationSpec
      maxReplicas: IntOrPercent.count(2),
    },
    { name: 'rest' },
  ],
});

new AdvancedDaemonSet(apps, 'agent', {
  containers: [{ name: 'agent', image: 'busybox:1.36', ports: [{ number: 9100 }] }],
  updateStrategy: AdvancedDaemonSetUpdateStrategy.rollingUpdate({
    nodeSelector: { matchLabels: { 'node-pool': 'canary' } }, // UNION LabelSelectorSpec
  }),
});

app.synth();
`;

/**
 * A control: plus-33's own LabelSelector class is not plus-28's (private members
 * declared twice) and has none of LabelSelectorSpec's fields, so it is refused
 * with or without the unions. Shows that the check really compiles the props.
 */
const CONTROL = `
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-33';
import { IntOrPercent, PodUnavailableBudget, PodUnavailableBudgetLimit } from 'cdk8s-openkruise';

new PodUnavailableBudget(new Chart(new App(), 'apps'), 'pub', {
  budget: PodUnavailableBudgetLimit.maxUnavailable(IntOrPercent.count(1)),
  selector: kplus.LabelSelector.of({ labels: { app: 'web' } }),
});
`;

/** Writes an app project with these files and runs `tsc --noEmit` on it; returns tsc's exit code and output. */
function typeCheck(files: { [name: string]: string }): { code: number; output: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plus33-app-'));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  for (const [name, source] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), source);
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { ...CDK8S_INIT_OPTIONS, noEmit: true, paths: { 'cdk8s-openkruise': [DECLARATIONS] } },
    files: Object.keys(files),
  }, undefined, 2));
  try {
    const output = execFileSync(process.execPath, [TSC, '-p', dir, '--pretty', 'false'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { code: 0, output };
  } catch (e) {
    const err = e as { status?: number; stdout?: string; stderr?: string };
    return { code: err.status ?? 1, output: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  } finally {
    fs.unlinkSync(path.join(dir, 'node_modules')); // the link only, before removing the folder
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

beforeAll(() => {
  if (!fs.existsSync(DECLARATIONS)) {
    throw new Error(`${DECLARATIONS} is missing: run \`npx projen compile\` first (the test task compiles before jest)`);
  }
  // The app must get plus-33, not a second plus-28 under another name.
  const plus33 = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'cdk8s-plus-33', 'package.json'), 'utf8'));
  expect(plus33.name).toBe('cdk8s-plus-33');
  expect(plus33.version).toMatch(/^2\./);
});

// One tsc run (it takes tens of seconds here) checks both files.
test('an app on cdk8s-plus-33 type-checks; plus-33\'s LabelSelector class is refused (control)', () => {
  const { code, output } = typeCheck({ 'main.ts': APP, 'control.ts': CONTROL });
  // One line per error; the indented lines under it explain it.
  const errors = output.split('\n').filter(line => line.trim() !== '' && !/^\s/.test(line));
  // The app: no error at all.
  expect(errors.filter(line => !line.startsWith('control.ts('))).toEqual([]);
  // The control: refused at its selector line, so the check really compiles the props.
  expect(errors.length).toBeGreaterThan(0);
  expect(errors.every(line => /^control\.ts\(8,\d+\): error TS\d+: .*LabelSelector/.test(line))).toBe(true);
  expect(code).not.toBe(0);
});
