/**
 * The examples of the README and docs/ run as written (imports pointed at the compiled
 * library), each in a fresh working directory, and write what they promise.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { parseAllDocuments } from 'yaml';

const ROOT = path.join(__dirname, '..', '..');

/** The TypeScript block of a Markdown file (README.md, docs/*.md) that contains `marker`. */
function docBlock(file: string, marker: string): string {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const block = [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map(m => m[1]).find(b => b.includes(marker));
  if (!block) throw new Error(`${file} has no TypeScript example with ${marker}`);
  return block;
}

/** Runs a README block in a fresh directory; returns the directory. */
function runBlock(source: string): string {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-'));
  const mapped = source
    .replace(/from 'cdk8s-openkruise'/g, `from ${JSON.stringify(path.join(ROOT, 'lib', 'index.js'))}`)
    .replace(/from 'cdk8s'/g, `from ${JSON.stringify(require.resolve('cdk8s'))}`);
  const js = ts.transpileModule(mapped, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  fs.writeFileSync(path.join(cwd, 'example.js'), js);
  execFileSync(process.execPath, ['example.js'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  return cwd;
}

/** Every object in the YAML files under `dir`. */
function objectsUnder(dir: string): any[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter(f => f.endsWith('.yaml'))
    .flatMap(f => parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8')).map(d => d.toJSON()));
}

describe('docs/gitops.md Argo CD example', () => {
  const cwd = runBlock(docBlock('docs/gitops.md', 'new KruiseArgoCdApplication('));
  const synced = objectsUnder(path.join(cwd, 'dist', 'openkruise'));
  const argo = objectsUnder(path.join(cwd, 'dist', 'argocd'));
  const application = argo.find(o => o.kind === 'Application');

  test('the Application syncs the folder the install and workloads are written to', () => {
    expect(application.spec.source.path).toBe('dist/openkruise');
    expect(synced.some(o => o.kind === 'CustomResourceDefinition')).toBe(true);
    expect(synced.some(o => o.kind === 'CloneSet')).toBe(true);
  });

  test('the Application and its health checks are not written into the folder it syncs', () => {
    expect(synced.filter(o => o.kind === 'Application' || o.metadata?.name === 'argocd-cm')).toEqual([]);
    expect(argo.some(o => o.metadata?.name === 'argocd-cm')).toBe(true);
  });
});
