/**
 * The npm package as a user meets it: `npm pack`, then `npm install` of the
 * tarball into a fresh cdk8s app, with the locked peers and with the oldest
 * peers the ranges in package.json allow. The representative part run against
 * the oldest peers: the README's main example, the fleet example and the Flux
 * example; their output must be byte-identical to the locked peers' output.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { addScript, LOCKED_PEERS, makeApp, OLDEST_PEERS, pack, readmeMainExample, readTree, ROOT, run, tempDir } from './app-harness';

const EXAMPLES = {
  'fleet.ts': fs.readFileSync(path.join(ROOT, 'examples', 'fleet', 'fleet.ts'), 'utf8'),
  'flux.ts': fs.readFileSync(path.join(ROOT, 'examples', 'flux', 'main.ts'), 'utf8'),
};
/** An app that imports the typed L1 classes from the package root (one namespace per API group). */
const L1_APP = `
import { App, Chart } from 'cdk8s';
import { kruiseApps, kruisePolicy } from 'cdk8s-openkruise';

const app = new App();
const chart = new Chart(app, 'l1');
new kruiseApps.NodeImage(chart, 'node', {
  metadata: { name: 'node-1' },
  spec: { images: { nginx: { tags: [{ tag: '1.27', imagePullPolicy: 'IfNotPresent' }] } } },
});
new kruiseApps.NodePodProbe(chart, 'probe', { metadata: { name: 'node-1' }, spec: { podProbes: [] } });
new kruisePolicy.PodUnavailableBudget(chart, 'pub', {
  metadata: { name: 'web' },
  spec: { maxUnavailable: kruisePolicy.PodUnavailableBudgetSpecMaxUnavailable.fromString('25%'), selector: { matchLabels: { app: 'web' } } },
});
const gvk: string = kruiseApps.NodeImage.GVK.kind;
console.log(gvk, chart.toJson().length);
`;

const DRIVER = `
import * as path from 'path';
import { synthFleet } from './fleet';
import { synthFlux } from './flux';
const out = process.env.CDK8S_OUTDIR!;
synthFleet(path.join(out, 'fleet'));
synthFlux(path.join(out, 'flux'));
`;

jest.setTimeout(600_000);

let work: string;
let packed: { tarball: string; files: string[] };

beforeAll(() => {
  work = tempDir('pack');
  packed = pack(work);
});

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** Installs an app with `peers`, runs the README main example and the examples; returns all files written. */
function synthWith(name: string, peers: { [name: string]: string }): { [file: string]: string } {
  const app = makeApp(path.join(work, name), packed.tarball, peers);
  const out = path.join(app, 'out');
  run(app, addScript(app, 'readme', readmeMainExample()), path.join(out, 'readme'));
  addScript(app, 'fleet', EXAMPLES['fleet.ts']);
  addScript(app, 'flux', EXAMPLES['flux.ts']);
  run(app, addScript(app, 'examples', DRIVER), out);
  const installed = JSON.parse(fs.readFileSync(path.join(app, 'node_modules', 'cdk8s', 'package.json'), 'utf8')).version;
  expect(installed).toBe(peers.cdk8s);
  return readTree(out);
}

describe('the packed tarball', () => {
  test('ships lib/, bin/, .jsii and the docs, and no local or generated output', () => {
    const files = packed.files;
    for (const f of ['lib/index.js', 'lib/index.d.ts', 'lib/kruise-synth.js', 'bin/kruise-synth', '.jsii', 'README.md', 'API.md', 'package.json']) {
      expect(files).toContain(f);
    }
    const unwanted = files.filter(f => /^(src|test|bench|examples|docs|dist|dist-install|coverage|test-reports)\//.test(f)
      || f === 'kruise-install.yaml' || f.endsWith('.tgz') || f.endsWith('.tmp.ts')
      || (f.startsWith('scripts/') && f !== 'scripts/prepare.js'));
    expect(unwanted).toEqual([]);
  });

  test('source maps beside the compiled files, in the package, carry their sources (stack traces name src/*.ts, whose text is in the map)', () => {
    const js = fs.readFileSync(path.join(ROOT, 'lib', 'index.js'), 'utf8');
    // Not inline: an app that loads the library would read, and keep in memory, every map with its sources.
    expect(js).not.toContain('sourceMappingURL=data:');
    expect(js.trimEnd().endsWith('//# sourceMappingURL=index.js.map')).toBe(true);
    expect(packed.files).toEqual(expect.arrayContaining(['lib/index.js.map', 'lib/install/kruise.js.map']));
    const map = JSON.parse(fs.readFileSync(path.join(ROOT, 'lib', 'index.js.map'), 'utf8'));
    expect(map.sources.length).toBeGreaterThan(0);
    expect(map.sourcesContent?.length).toBe(map.sources.length);
    expect(map.sourcesContent.every((s: unknown) => typeof s === 'string' && s.length > 0)).toBe(true);
  });
});

describe('a fresh app installed from the tarball', () => {
  let locked: { [file: string]: string };

  beforeAll(() => {
    locked = synthWith('locked', LOCKED_PEERS);
  });

  test('synthesizes the README main example with the locked peers', () => {
    const files = Object.keys(locked).filter(f => f.startsWith('readme/'));
    expect(files.length).toBeGreaterThan(0);
    const yaml = files.map(f => locked[f]).join('\n');
    expect(yaml).toMatch(/kind: CustomResourceDefinition/);
    expect(yaml).toMatch(/kind: CloneSet/);
    expect(yaml).toMatch(/name: kruise-controller-manager/);
  });

  test('an app importing the L1 classes from the package root type-checks and synthesizes', () => {
    const app = path.join(work, 'locked');
    fs.writeFileSync(path.join(app, 'l1.ts'), L1_APP);
    const tsc = path.join(ROOT, 'node_modules', '.bin', 'tsc');
    execFileSync(tsc, ['--noEmit', '--strict', '--esModuleInterop', '--skipLibCheck', '--module', 'commonjs', '--target', 'es2022', '--types', 'node',
      '--typeRoots', path.join(ROOT, 'node_modules', '@types'), 'l1.ts'], { cwd: app, stdio: ['ignore', 'pipe', 'pipe'] });
    expect(run(app, addScript(app, 'l1', L1_APP), path.join(app, 'out-l1')).trim()).toBe('NodeImage 3');
  });

  test('the oldest supported peers give byte-identical output', () => {
    const oldest = synthWith('oldest', OLDEST_PEERS);
    expect(Object.keys(oldest)).toEqual(Object.keys(locked));
    expect(Object.keys(oldest).length).toBeGreaterThan(50);
    for (const f of Object.keys(locked)) expect({ file: f, text: oldest[f] }).toEqual({ file: f, text: locked[f] });
  });
});
