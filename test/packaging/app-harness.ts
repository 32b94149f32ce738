/**
 * Builds throwaway cdk8s apps the way a user does: `npm install` of the packed
 * tarball and of the peers at given versions, then runs TypeScript sources
 * (transpiled, with `'../../src'` imports pointing at the installed package).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';

export const ROOT = path.join(__dirname, '..', '..');

/** Peer versions: the locked ones (this repo's node_modules) and the oldest supported. */
const versionOf = (pkg: string): string => JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version;
export const LOCKED_PEERS = { 'cdk8s': versionOf('cdk8s'), 'constructs': versionOf('constructs'), 'cdk8s-plus-28': versionOf('cdk8s-plus-28') };
export const OLDEST_PEERS = { 'cdk8s': '2.68.12', 'constructs': '10.3.0', 'cdk8s-plus-28': '2.0.3' };

const NPM_FLAGS = ['--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', '--ignore-scripts'];

/** A fresh temp directory. */
export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `cdk8s-openkruise-${prefix}-`));
}

/** `npm pack` of the repo (lib/ is built by the test task's compile step); returns the tarball path and its file list. */
export function pack(into: string): { tarball: string; files: string[] } {
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', into], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const info = JSON.parse(out)[0];
  return { tarball: path.join(into, info.filename), files: info.files.map((f: any) => f.path) };
}

/** A new app directory with the tarball and the given peers installed. */
export function makeApp(dir: string, tarball: string, peers: { [name: string]: string }): string {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: path.basename(dir), version: '0.0.0', private: true }));
  const specs = Object.entries(peers).map(([name, version]) => `${name}@${version}`);
  execFileSync('npm', ['install', ...NPM_FLAGS, tarball, ...specs], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  return dir;
}

/** Transpiles a TypeScript source to CommonJS into `appDir/<name>.js`, importing the installed package. */
export function addScript(appDir: string, name: string, source: string): string {
  const js = ts.transpileModule(source.replace(/from '\.\.\/\.\.\/src'/g, 'from \'cdk8s-openkruise\''), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  }).outputText;
  const file = path.join(appDir, `${name}.js`);
  fs.writeFileSync(file, js);
  return file;
}

/** Runs a script of the app with `CDK8S_OUTDIR` set; returns stdout. */
export function run(appDir: string, script: string, outdir: string, args: string[] = []): string {
  return execFileSync(process.execPath, [script, ...args], {
    cwd: appDir,
    encoding: 'utf8',
    env: { ...process.env, CDK8S_OUTDIR: outdir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Every file under `dir`, relative, sorted, with its bytes. */
export function readTree(dir: string): { [file: string]: string } {
  const out: { [file: string]: string } = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(dir, p)] = fs.readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

/** The README's main example: the first TypeScript block that builds a `Kruise`. */
export function readmeMainExample(): string {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map(m => m[1]);
  const main = blocks.find(b => b.includes('new Kruise(') && b.includes('app.synth()'));
  if (!main) throw new Error('README.md has no TypeScript example that builds a Kruise and calls app.synth()');
  return main;
}
