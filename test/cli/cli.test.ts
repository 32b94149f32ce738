import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { applySet, main } from '../../src/cli';
import { mergeValues } from '../../src/install/values-yaml';

// The installed entry point: bin/kruise-synth runs the bundle built by scripts/build-cli.js.
const CLI = path.join(__dirname, '..', '..', 'bin', 'kruise-synth');
const UNBUNDLED = path.join(__dirname, '..', '..', 'lib', 'cli.js');

function run(args: string[], env: NodeJS.ProcessEnv = {}, entry = CLI) {
  return spawnSync(process.execPath, [entry, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
}

function inProcess(args: string[]) {
  let out = '';
  let err = '';
  const code = main(args, { stdout: t => { out += t; }, stderr: t => { err += t; } });
  return { code, out, err };
}

function tmpdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kruise-cli-'));
}

function docs(yaml: string): any[] {
  return parseAllDocuments(yaml).map(d => d.toJSON()).filter(d => d);
}


/** Runs `entry` with `args` and records every module request it makes (Module._load), in order. */
function loadedModules(dir: string, entry: string, args: string[]): { status: number | null; stderr: string; modules: string[] } {
  const log = path.join(dir, 'loaded.txt');
  const preload = path.join(dir, 'record.js');
  fs.writeFileSync(preload, [
    "const Module = require('module'); const fs = require('fs'); const load = Module._load; const seen = [];",
    'Module._load = function (request) { seen.push(request); return load.apply(this, arguments); };',
    `process.on('exit', () => fs.writeFileSync(${JSON.stringify(log)}, seen.join('\\n')));`,
  ].join('\n'));
  const r = spawnSync(process.execPath, ['-r', preload, entry, ...args], { encoding: 'utf8' });
  return { status: r.status, stderr: r.stderr, modules: fs.readFileSync(log, 'utf8').split('\n') };
}
describe('kruise-synth', () => {
  test('prints the default install as multi-document YAML', () => {
    const r = inProcess([]);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const objects = docs(r.out);
    expect(objects.length).toBe(39);
    expect(objects.filter(o => o.kind === 'CustomResourceDefinition')).toHaveLength(17);
    expect(objects.find(o => o.kind === 'Deployment').metadata.name).toBe('kruise-controller-manager');
  });

  test('--values files merge, later wins; --set wins over files', () => {
    const dir = tmpdir();
    fs.writeFileSync(path.join(dir, 'a.yaml'), 'manager:\n  replicas: 3\n  log:\n    level: "2"\n');
    fs.writeFileSync(path.join(dir, 'b.yaml'), 'manager:\n  replicas: 4\n');
    const r = inProcess(['--values', path.join(dir, 'a.yaml'), '-f', path.join(dir, 'b.yaml'), '--set', 'manager.log.level=5']);
    expect(r.err).toBe('');
    const deploy = docs(r.out).find(o => o.kind === 'Deployment');
    expect(deploy.spec.replicas).toBe(4);
    expect(deploy.spec.template.spec.containers[0].args).toContain('--v=5');
  });

  test('--set parses booleans, integers, lists and escaped commas', () => {
    expect(applySet({}, 'a.b=true')).toEqual({ a: { b: true } });
    expect(applySet({}, 'a=12')).toEqual({ a: 12 });
    expect(applySet({}, 'a={x,y}')).toEqual({ a: ['x', 'y'] });
    expect(applySet({}, 'featureGates=A=true\\,B=false')).toEqual({ featureGates: 'A=true,B=false' });
    expect(applySet({}, 'imagePullSecrets[0].name=regcred')).toEqual({ imagePullSecrets: [{ name: 'regcred' }] });
    expect(applySet({ a: { b: 1, c: 2 } }, 'a.b=null')).toEqual({ a: { b: null, c: 2 } });
    expect(mergeValues({ a: { b: 1, c: 2 } }, { a: { b: 3, c: null }, d: [1] })).toEqual({ a: { b: 3, c: null }, d: [1] });
  });

  test('--kube-version 1.26 drops matchLabelKeys like helm', () => {
    const spread = (args: string[]) => docs(inProcess(args).out).find(o => o.kind === 'Deployment').spec.template.spec.topologySpreadConstraints[0];
    expect(spread([]).matchLabelKeys).toEqual(['pod-template-hash']);
    expect(spread(['--kube-version', '1.26']).matchLabelKeys).toBeUndefined();
  });

  describe('bad input: exit 2, one line, nothing written', () => {
    const cases: Array<[string, string[], RegExp]> = [
      ['unknown flag', ['--valuez', 'x'], /^kruise-synth: unknown argument '--valuez'; see kruise-synth --help\n$/],
      ['missing values file', ['--values', '/nonexistent/v.yaml'], /^kruise-synth: cannot read values file '\/nonexistent\/v.yaml': ENOENT\n$/],
      ['bad kube version', ['--kube-version', 'latest'], /^kruise-synth: --kube-version 'latest' is not a Kubernetes version; use X.Y such as 1.28\n$/],
      ['--set without =', ['--set', 'manager.replicas'], /^kruise-synth: --set 'manager.replicas' has the key 'manager.replicas' without a value; write KEY=VALUE\n$/],
      ['unknown values key', ['--set', 'manager.replicass=3'], /^kruise-synth: .*manager\.replicass.*\n$/],
      ['flag without value', ['--output'], /^kruise-synth: --output needs a value\n$/],
    ];
    test.each(cases)('%s', (_name, args, message) => {
      const dir = tmpdir();
      const out = path.join(dir, 'existing.yaml');
      fs.writeFileSync(out, 'keep me\n');
      const r = run([...args, ...(args.includes('--output') ? [] : ['--output', out])]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.split('\n').filter(l => l).length).toBe(1);
      expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
      expect(r.stdout).toBe('');
      expect(fs.readFileSync(out, 'utf8')).toBe('keep me\n');
      expect(fs.readdirSync(dir)).toEqual(['existing.yaml']);
    });
  });

  test('--output writes the file (compiled CLI, fresh process)', () => {
    const dir = tmpdir();
    const out = path.join(dir, 'kruise.yaml');
    const r = run(['--output', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(docs(fs.readFileSync(out, 'utf8')).length).toBe(39);
  });

  test('the bundled CLI and the plain compiled module print the same bytes', () => {
    const bundled = run(['--set', 'manager.replicas=3']);
    const plain = run(['--set', 'manager.replicas=3'], {}, UNBUNDLED);
    expect(bundled.status).toBe(0);
    expect(bundled.stdout).toBe(plain.stdout);
    expect(bundled.stdout).toBe(inProcess(['--set', 'manager.replicas=3']).out);
  });

  test('the bundle does not load the Node built-ins the default install never uses; yaml works through its shim', () => {
    // scripts/build-cli.js shims these (and the bundled yaml, which Module._load cannot see) to load on first use.
    const dir = tmpdir();
    const loaded = (args: string[]) => {
      const recorded = loadedModules(dir, CLI, args);
      expect(recorded.stderr).toBe('');
      return recorded.modules.map(m => m.replace(/^node:/, ''));
    };
    expect(loaded(['--output', path.join(dir, 'out.yaml')]).filter(m => ['child_process', 'crypto', 'os'].includes(m))).toEqual([]);
    // A values file needs the YAML parser, which the shim loads on first use.
    const values = path.join(dir, 'values.yaml');
    fs.writeFileSync(values, 'manager:\n  replicas: 3\n');
    loaded(['--values', values, '--output', path.join(dir, 'out.yaml')]);
    expect(docs(fs.readFileSync(path.join(dir, 'out.yaml'), 'utf8')).find(o => o.kind === 'Deployment').spec.replicas).toBe(3);
  });

  test('the default install never loads the review engine, which the bundle keeps in a file of its own that works alone', () => {
    // The install has no Kruise object, so the schema check and admission engine (src/validation/review-engine.ts) stay unloaded.
    const dir = tmpdir();
    for (const entry of [CLI, UNBUNDLED]) {
      const recorded = loadedModules(dir, entry, ['--output', path.join(dir, 'out.yaml')]);
      expect(recorded.status).toBe(0);
      expect(recorded.modules.filter(m => /review-engine|kruise-synth-review|admission\/engine|schema-validator|ajv/.test(m))).toEqual([]);
    }
    const bundle = fs.readFileSync(path.join(path.dirname(UNBUNDLED), 'kruise-synth.js'), 'utf8');
    expect(bundle).toContain('kruise-synth-review.js');
    expect(bundle).not.toContain('/selector-matches-template');
    // The separate bundle reviews a Kruise object on its own.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const engine = require(path.join(path.dirname(UNBUNDLED), 'kruise-synth-review.js'));
    const cloneSet = {
      apiVersion: 'apps.kruise.io/v1alpha1',
      kind: 'CloneSet',
      metadata: { name: 'web' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'other' } }, spec: { containers: [{ name: 'main', image: 'nginx' }] } }, bogus: 1 },
    };
    expect(engine.schemaFindings(cloneSet, '1.7').map((f: { rule: string }) => f.rule)).toContain('schema/pruned');
    expect(engine.admissionFindings(cloneSet, { version: '1.7' }).map((f: { rule: string }) => f.rule)).toContain('CloneSet/selector-matches-template');
  });

  test('a closed pipe ends the run quietly', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" | head -n 1`], { encoding: 'utf8' });
    expect(r.stdout).toBe('apiVersion: v1\n');
    expect(r.stderr).toBe('');
  });

  test('same bytes in different time zones and locales', () => {
    const a = run([], { TZ: 'UTC', LANG: 'C' });
    const b = run([], { TZ: 'Asia/Kolkata', LANG: 'de_DE.UTF-8', LC_ALL: 'tr_TR.UTF-8' });
    expect(a.status).toBe(0);
    expect(b.stdout).toBe(a.stdout);
  });

  const kubectl = (() => {
    try {
      execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  (kubectl ? test : test.skip)('the output feeds kubectl kustomize', () => {
    const dir = tmpdir();
    expect(run(['--output', path.join(dir, 'kruise.yaml')]).status).toBe(0);
    fs.writeFileSync(path.join(dir, 'kustomization.yaml'), 'resources:\n- kruise.yaml\ncommonLabels:\n  team: platform\n');
    const built = docs(execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8' }));
    expect(built.length).toBe(39);
    expect(built.every(o => o.metadata.labels?.team === 'platform')).toBe(true);
  });
});

describe('kruise-synth --kruise-version and --upgrade-from', () => {
  test('--kruise-version 1.8 prints the 1.8 install, with the changed-default warning on stderr', () => {
    const r = inProcess(['--kruise-version', '1.8']);
    expect(r.code).toBe(0);
    const objects = docs(r.out);
    expect(objects.length).toBe(42);
    expect(objects.find(o => o.kind === 'Deployment').spec.template.spec.containers[0].image).toBe('openkruise/kruise-manager:v1.8.3');
    expect(objects.filter(o => o.metadata.name.startsWith('aggregate-kruise-'))).toHaveLength(3);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/^kruise-synth: warning: kruise\/kruise: Kruise 1.8 turns the ResourcesDeletionProtection gate off by default/);
    expect(inProcess(['--kruise-version', '1.8', '--set', 'featureGates=ResourcesDeletionProtection=false']).err).toBe('');
    expect(inProcess(['--kruise-version=1.7']).out).toBe(inProcess([]).out);
  });

  test('--upgrade-from 1.7 prints the report and exits 0', () => {
    const r = inProcess(['--kruise-version', '1.8', '--upgrade-from', '1.7']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^Upgrade report: Kruise 1.7 \(chart 1.7.5\) -> 1.8 \(chart 1.8.3\)/);
    expect(r.out).toContain('Objects added (3):');
    expect(r.out).toContain('Objects changed (7):');
    expect(r.out).toContain('! ResourcesDeletionProtection: on -> off');
    const explicit = inProcess(['--kruise-version', '1.8', '--upgrade-from', '1.7', '--set', 'featureGates=ResourcesDeletionProtection=true']);
    expect(explicit.out).toContain('Behaviour changes from gate defaults the values do not set (0): none');
  });

  test.each([
    [['--kruise-version', '1.9'], /--kruise-version '1.9' is not a Kruise version this tool knows; use 1.7 or 1.8/],
    [['--upgrade-from', '1.7'], /--upgrade-from 1.7 needs --kruise-version/],
    [['--kruise-version', '1.7', '--upgrade-from', '1.8'], /--upgrade-from 1.8 is newer than --kruise-version 1.7/],
    [['--kruise-version', '1.7', '--set', 'featureGates=StatefulSetAutoResizePVCGate=true'], /'StatefulSetAutoResizePVCGate' is not a gate of Kruise 1.7: it is a gate of Kruise 1.8/],
  ])('%j: exit 2 with one line', (args, message) => {
    const r = inProcess(args);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  test('the installed entry point takes the flags too', () => {
    const r = run(['--kruise-version', '1.8', '--upgrade-from', '1.7']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('+ ClusterRole aggregate-kruise-admin');
  });
});

describe('the kruise-synth bundles', () => {
  test('are ASCII only (one other character makes Node hold the whole bundle as a two-byte string), and the escaped µ still parses durations', () => {
    for (const name of ['kruise-synth.js', 'kruise-synth-review.js', 'kruise-lint.js']) {
      const bytes = fs.readFileSync(path.join(path.dirname(UNBUNDLED), name));
      expect(bytes.findIndex(b => b > 0x7f)).toBe(-1);
    }
    // The Go-duration pattern holds µ: the escaped bundle accepts it as the compiled module does.
    const micro = spawnSync(process.execPath, [CLI, '--set', 'manager.resyncPeriod=2\u00b5s'], { encoding: 'utf8' });
    expect(micro.status).toBe(0);
    expect(micro.stdout).toContain('2\u00b5s');
    expect(micro.stdout).toBe(inProcess(['--set', 'manager.resyncPeriod=2\u00b5s']).out);
    expect(spawnSync(process.execPath, [CLI, '--set', 'manager.resyncPeriod=2xs'], { encoding: 'utf8' }).status).toBe(2);
  });
});
