/**
 * The bad-input corpus (issue "Bad input, fuzzing and determinism"): every row
 * is an input the library must reject with one exact message that names the
 * construct path or values key, the bad value and the fix. One table per area:
 *
 *   install-props.ts   new Kruise(scope, id, props)
 *   helm-values.ts     Kruise.fromHelmValues() (objects and YAML text)
 *   cli.ts             kruise-synth flags and values files (compiled CLI, child process)
 *   l2.ts              the 16 L2 constructs
 *
 * The CLI rows need the compiled CLI: `npx tsc -p tsconfig.json` (writes lib/).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CLI, valuesFile } from './cli';
import { BadInput, expectExactError, newApp } from './harness';
import { HELM_VALUES } from './helm-values';
import { INSTALL_CONTRADICTIONS, INSTALL_PROPS } from './install-props';
import { L2_TABLES } from './l2';
import { FeatureGate, Kruise, KruiseProps, ResolvedFeatureGates } from '../../src';
import { checkKruiseProps } from '../../src/install/props-check';

const CLI_JS = path.join(__dirname, '..', '..', 'lib', 'cli.js');
const L2_KINDS = [
  'CloneSet', 'AdvancedStatefulSet', 'AdvancedDaemonSet', 'SidecarSet', 'BroadcastJob', 'AdvancedCronJob',
  'UnitedDeployment', 'WorkloadSpread', 'PodUnavailableBudget', 'ContainerRecreateRequest', 'ResourceDistribution',
  'PodProbeMarker', 'PersistentPodState', 'ImagePullJob', 'ImageListPullJob', 'EphemeralJob',
];

const rows = (table: BadInput[]) => table.map(r => [r.name, r] as [string, BadInput]);

describe(`install props (${INSTALL_PROPS.length} cases)`, () => {
  test.each(rows(INSTALL_PROPS))('%s', (_name, row) => expectExactError(row.run, row.expected));
});

/**
 * The gates `Kruise` resolves for these props (certManager adds EnableExternalCerts).
 */
function gatesOf(props: KruiseProps): ResolvedFeatureGates {
  const settings = [...(props.featureGates ?? [FeatureGate.IMAGE_PULL_JOB.enable()])];
  if (props.certManager && !settings.some(s => s.gate === FeatureGate.ENABLE_EXTERNAL_CERTS)) {
    settings.push(FeatureGate.ENABLE_EXTERNAL_CERTS.enable());
  }
  return ResolvedFeatureGates.resolve(settings);
}

describe(`install contradictions and pod fields, checkKruiseProps (${INSTALL_CONTRADICTIONS.length} cases)`, () => {
  test.each(INSTALL_CONTRADICTIONS.map(r => [r.name, r] as [string, typeof r]))('%s', (_name, row) => {
    expectExactError(() => checkKruiseProps('test/kruise', row.props, gatesOf(row.props)), row.expected);
    expectExactError(() => new Kruise(newApp().chart, 'kruise', row.props), row.expected);
  });
});

describe(`helm values (${HELM_VALUES.length} cases)`, () => {
  test.each(rows(HELM_VALUES))('%s', (_name, row) => expectExactError(row.run, row.expected));
});

describe(`kruise-synth flags and values files (${CLI.length} cases)`, () => {
  beforeAll(() => {
    if (!fs.existsSync(CLI_JS)) throw new Error(`${CLI_JS} is missing; compile the CLI first: npx tsc -p tsconfig.json`);
  });

  test.each(CLI.map(r => [r.name, r] as [string, typeof r]))('%s: exit 2, one line on stderr, nothing written', (_name, row) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kruise-corpus-'));
    const out = path.join(dir, 'existing.yaml');
    fs.writeFileSync(out, 'keep: me\n');
    const subst = (s: string) => s.split('$OUT').join(out).split('$DIR').join(dir).split('$VALUES').join(path.dirname(valuesFile('x')));
    const r = spawnSync(process.execPath, [CLI_JS, ...row.args.map(subst)], { encoding: 'utf8' });
    expect({ status: r.status, stderr: r.stderr, stdout: r.stdout }).toEqual({ status: 2, stderr: `${subst(row.expected)}\n`, stdout: '' });
    expect(r.stderr.split('\n').filter(l => l !== '')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+|Error:|undefined/);
    expect(fs.readFileSync(out, 'utf8')).toBe('keep: me\n');
    expect(fs.readdirSync(dir)).toEqual(['existing.yaml']);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('L2 constructs', () => {
  for (const kind of L2_KINDS) {
    describe(`${kind} (${L2_TABLES[kind].length} cases)`, () => {
      test.each(rows(L2_TABLES[kind]))('%s', (_name, row) => expectExactError(row.run, row.expected));
    });
  }
});

const L2_TOTAL = Object.values(L2_TABLES).reduce((n, t) => n + t.length, 0);
const TOTAL = INSTALL_PROPS.length + INSTALL_CONTRADICTIONS.length + HELM_VALUES.length + CLI.length + L2_TOTAL;

test(`bad-input corpus: ${TOTAL} cases`, () => {
  expect(Object.keys(L2_TABLES).sort()).toEqual([...L2_KINDS].sort());
  for (const kind of L2_KINDS) expect({ kind, cases: L2_TABLES[kind].length >= 5 }).toEqual({ kind, cases: true });
  expect(TOTAL).toBeGreaterThanOrEqual(150);
  // eslint-disable-next-line no-console
  console.log(`bad-input corpus: ${TOTAL} cases (install props ${INSTALL_PROPS.length}, install contradictions ${INSTALL_CONTRADICTIONS.length}, helm values ${HELM_VALUES.length}, CLI ${CLI.length}, L2 ${L2_TOTAL})`);
});
