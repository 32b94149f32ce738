/**
 * The API in every jsii language: `jsii-pacmak --code-only` generates the
 * Python, Java, Go and .NET code of the compiled `.jsii` (building their
 * packages needs registries CI does not reach; generating the code proves that
 * every public type and member maps to each language).
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');
jest.setTimeout(600_000);

let out: string;

beforeAll(() => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'pacmak-'));
  execFileSync(path.join(ROOT, 'node_modules', '.bin', 'jsii-pacmak'),
    ['--code-only', '--target', 'python', '--target', 'java', '--target', 'go', '--target', 'dotnet', '-o', out],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: '20' } });
}, 300_000);

afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

test.each([
  ['Python', 'python/src/cdk8s_openkruise/__init__.py', /class CloneSet\(/],
  ['Java', 'java/src/main/java/io/github/cdk8s/openkruise/CloneSet.java', /public class CloneSet /],
  ['Go', 'go/cdk8sopenkruise/CloneSet.go', /type CloneSet interface/],
  ['.NET', 'dotnet/Cdk8s.OpenKruise/Cdk8s/OpenKruise/CloneSet.cs', /public class CloneSet /],
])('%s code is generated', (_language, file, declaration) => {
  const text = fs.readFileSync(path.join(out, file), 'utf8');
  expect(text).toMatch(declaration);
});

test('the generated Python module compiles', () => {
  const python = spawnSync('python3', ['--version']);
  if (python.status !== 0) return; // no Python on this machine: the generation check above still ran
  const r = spawnSync('python3', ['-m', 'py_compile', path.join(out, 'python/src/cdk8s_openkruise/__init__.py')], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
});
