/**
 * runBundle (src/base/code-cache.ts): a build artefact run with the V8 code
 * cache beside it. Jest runs tests in a context of its own, where runBundle
 * falls back to a plain require; the cache path runs in child processes
 * against the compiled lib/base/code-cache.js (needs `npx projen compile`).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runBundle, wrapModule } from '../../src/base/code-cache';

const COMPILED = path.join(__dirname, '..', '..', 'lib', 'base', 'code-cache.js');
const ENV = 'TEST_WRITE_CODE_CACHE';

function bundleDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'code-cache-'));
  // A relative require and __dirname: both must resolve from the bundle's own directory.
  fs.writeFileSync(path.join(dir, 'helper.js'), 'module.exports = { twice: n => 2 * n };\n');
  fs.writeFileSync(path.join(dir, 'bundle.js'), [
    '#!/usr/bin/env node',
    "const { twice } = require('./helper');",
    'exports.answer = twice(21);',
    'exports.dir = __dirname;',
    'exports.file = __filename;',
  ].join('\n'));
  return dir;
}

/** Runs the compiled runBundle on `file` in a fresh process; what the bundle exports, and whether V8 took the cache. */
function runCompiled(file: string, writeCache: boolean): { answer: number; dir: string; file: string } {
  const script = [
    `const { runBundle } = require(${JSON.stringify(COMPILED)});`,
    `process.stdout.write(JSON.stringify(runBundle(${JSON.stringify(file)}, ${JSON.stringify(ENV)})));`,
  ].join('\n');
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, [ENV]: writeCache ? '1' : '' } });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout);
}

describe('runBundle', () => {
  test('runs a module as Node would (shebang line, relative requires, __dirname, __filename), and writes its cache only when asked', () => {
    const dir = bundleDir();
    const file = path.join(dir, 'bundle.js');
    expect(runCompiled(file, false)).toEqual({ answer: 42, dir, file });
    expect(fs.existsSync(`${file}.cache`)).toBe(false);
    expect(runCompiled(file, true)).toEqual({ answer: 42, dir, file });
    expect(fs.statSync(`${file}.cache`).size).toBeGreaterThan(0);
  });

  test('a cache V8 accepts is used; a foreign or stale one is ignored', () => {
    const dir = bundleDir();
    const file = path.join(dir, 'bundle.js');
    runCompiled(file, true);
    const cache = fs.readFileSync(`${file}.cache`);
    // The cache that was written fits the bundle (V8 does not reject it).
    const check = spawnSync(process.execPath, ['-e', [
      "const vm = require('vm'); const fs = require('fs');",
      `const source = fs.readFileSync(${JSON.stringify(file)}, 'utf8').replace(/^#!.*/, '');`,
      `const s = new vm.Script(\`(function (exports, require, module, __filename, __dirname) { \${source}\\n})\`, { filename: ${JSON.stringify(file)}, cachedData: fs.readFileSync(${JSON.stringify(`${file}.cache`)}) });`,
      'process.stdout.write(String(s.cachedDataRejected));',
    ].join('\n')], { encoding: 'utf8' });
    expect(check.stdout).toBe('false');
    fs.writeFileSync(`${file}.cache`, Buffer.from('not a code cache'));
    expect(runCompiled(file, false).answer).toBe(42);
    fs.writeFileSync(`${file}.cache`, cache);
    fs.appendFileSync(file, '\nexports.answer = 43;\n');
    expect(runCompiled(file, false).answer).toBe(43);
  });

  test('runs a file once per process, as require does, and then returns the same exports', () => {
    const dir = bundleDir();
    const file = path.join(dir, 'counted.js');
    fs.writeFileSync(file, 'globalThis.runs = (globalThis.runs || 0) + 1;\nexports.at = globalThis.runs;\n');
    const r = spawnSync(process.execPath, ['-e', [
      `const { runBundle } = require(${JSON.stringify(COMPILED)});`,
      `const a = runBundle(${JSON.stringify(file)}, ${JSON.stringify(ENV)});`,
      `const b = runBundle(${JSON.stringify(file)}, ${JSON.stringify(ENV)});`,
      'process.stdout.write(JSON.stringify({ same: a === b, runs: globalThis.runs, at: b.at }));',
    ].join('\n')], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ same: true, runs: 1, at: 1 });
  });

  test('in a context of its own (jest) it is a plain require, which writes no cache', () => {
    const dir = bundleDir();
    process.env[ENV] = '1';
    try {
      const exported = runBundle(path.join(dir, 'bundle.js'), ENV) as { answer: number; dir: string };
      expect(exported).toEqual({ answer: 42, dir, file: path.join(dir, 'bundle.js') });
    } finally {
      delete process.env[ENV];
    }
    expect(fs.existsSync(path.join(dir, 'bundle.js.cache'))).toBe(false);
  });
});

describe('wrapModule', () => {
  test('a wrapped module runs through runBundle (with its cache) and through require, with the same exports', () => {
    const dir = bundleDir();
    const file = path.join(dir, 'wrapped.js');
    fs.writeFileSync(file, wrapModule(fs.readFileSync(path.join(dir, 'bundle.js'), 'utf8')));
    expect(fs.readFileSync(file, 'utf8')).not.toContain('#!');
    expect(runCompiled(file, true)).toEqual({ answer: 42, dir, file });
    expect(runCompiled(file, false)).toEqual({ answer: 42, dir, file });
    // The cache written from the wrapped text fits what runBundle compiles on the next run.
    const check = spawnSync(process.execPath, ['-e', [
      "const vm = require('vm'); const fs = require('fs');",
      `const text = fs.readFileSync(${JSON.stringify(file)}, 'utf8');`,
      "const source = text.slice(0, text.lastIndexOf('.call('));",
      `const s = new vm.Script(source, { filename: ${JSON.stringify(file)}, cachedData: fs.readFileSync(${JSON.stringify(`${file}.cache`)}) });`,
      'process.stdout.write(String(s.cachedDataRejected));',
    ].join('\n')], { encoding: 'utf8' });
    expect(check.stdout).toBe('false');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(require(file)).toEqual({ answer: 42, dir, file });
  });
});
