/**
 * The kruise-synth bundle takes the CRDs from lib/kruise-synth-crds-<line>.txt
 * and lib/kruise-synth-crd-specs-<line>.json (scripts/build-cli.js): sorted
 * plain manifests checked for unsafe text at build time, with their spec's YAML. Here src/ runs with that artefact in
 * place of src/common/precomputed-crds.ts: the output must be the bytes the
 * model gives, the shared spec must be frozen, and a CRD changed by a JSON
 * patch must be copied, rendered and reviewed as any other object.
 * Needs `npx projen compile` (lib/).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, JsonPatch, Testing } from 'cdk8s';
import { at } from '../../src/base/json';

const LIB = path.join(__dirname, '..', '..', 'lib');
const ARTEFACT = path.join(LIB, 'kruise-synth-crds-1.7.txt');
const SPECS = path.join(LIB, 'kruise-synth-crd-specs-1.7.json');

jest.mock('../../src/common/precomputed-crds', () => ({
  // The compiled library's reading of the artefact (specs read with the manifests).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  PRECOMPUTED_CRDS: require('../../src/common/precomputed-crds-reader').precomputedCrdsFrom(require('path').join(__dirname, '..', '..', 'lib'),
    { 1.7: { crds: 'kruise-synth-crds-1.7.txt', specs: 'kruise-synth-crd-specs-1.7.json' } }, false),
}));

// After the mock: these load the mocked module.
/* eslint-disable import/first */
import { isLazyFrozen } from '../../src/base/lazy-object';
import { synthesize } from '../../src/cli';
import { parseStoredCrds, precomputedCrdsFrom, storedCrdsText } from '../../src/common/precomputed-crds-reader';
import { KruiseCrds } from '../../src/crds/kruise-crds';
import { Kruise } from '../../src/install/kruise';
import { addCheckedPlain, isCheckedPlain, unsafeTextFindings } from '../../src/validation/object-checks';
import { toYamlDocuments } from '../../src/yaml-out';
/* eslint-enable import/first */

describe('precomputed CRDs (the kruise-synth artefact)', () => {
  test('the artefact exists and holds every 1.7 CRD with its spec YAML; the specs sit in a file of their own', () => {
    const data = parseStoredCrds(fs.readFileSync(ARTEFACT, 'utf8'), ARTEFACT);
    const specs = JSON.parse(fs.readFileSync(SPECS, 'utf8'));
    expect(Object.keys(data).length).toBeGreaterThanOrEqual(17);
    expect(Object.keys(specs)).toEqual(Object.keys(data));
    for (const [kind, crd] of Object.entries(data)) {
      expect(crd.head.kind).toBe('CustomResourceDefinition');
      expect((crd.head as { spec?: unknown }).spec).toBeUndefined();
      expect(crd.specYaml.startsWith('  ')).toBe(true);
      expect(toYamlDocuments([{ spec: specs[kind] }])).toBe(`spec:\n${crd.specYaml}`);
      expect(unsafeTextFindings(specs[kind])).toEqual([]);
    }
  });

  test('the default install from the artefact is byte-identical to the install built from the model (lib/cli.js without the artefact)', () => {
    // lib/ reads the artefact too (see the compiled library's test below): here its module is replaced by the source's, which has none.
    const withoutArtefact = [
      `const file = require.resolve(${JSON.stringify(path.join(LIB, 'common', 'precomputed-crds.js'))});`,
      'require.cache[file] = { id: file, filename: file, loaded: true, exports: { PRECOMPUTED_CRDS: undefined } };',
      `process.stdout.write(require(${JSON.stringify(path.join(LIB, 'cli.js'))}).synthesize({}));`,
    ].join('\n');
    const fromModel = spawnSync(process.execPath, ['-e', withoutArtefact], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(fromModel.status).toBe(0);
    const fromArtefact = synthesize({});
    expect(fromArtefact).toBe(fromModel.stdout);
    expect(fromArtefact.length).toBeGreaterThan(100_000);
  });

  test('an unchanged CRD shares the frozen, checked spec; the writer emits its precomputed YAML', () => {
    const chart = new Chart(Testing.app(), 'c');
    const crd = new KruiseCrds(chart, 'crds').crdOf('CloneSet');
    const json = crd.toJson();
    expect(isCheckedPlain(json.spec)).toBe(true);
    expect(Object.isFrozen(json.spec.versions[0].schema)).toBe(true);
    expect(() => { 'use strict'; json.spec.group = 'x'; }).toThrow(TypeError);
    const text = parseStoredCrds(fs.readFileSync(ARTEFACT, 'utf8'), ARTEFACT).CloneSet.specYaml;
    expect(toYamlDocuments([json])).toContain(`spec:\n${text}`);
  });

  test('a CRD changed by a JSON patch is copied, rendered from its data and reviewed (an unsafe character fails the synth)', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'pre-crds-')) });
    const chart = new Chart(app, 'c');
    const crd = new Kruise(chart, 'kruise').crds!.crdOf('CloneSet'); // an install's CRDs are reviewed
    crd.addJsonPatch(JsonPatch.replace('/spec/names/shortNames', ['clone', 'bad\u0085name']));
    const json = crd.toJson();
    expect(isCheckedPlain(json.spec)).toBe(false);
    expect(json.spec.names.shortNames).toEqual(['clone', 'bad\u0085name']);
    const yaml = toYamlDocuments([json]);
    expect(yaml).toContain('- "bad\\x85name"');
    expect(unsafeTextFindings(json)).toEqual([expect.objectContaining({ path: 'spec.names.shortNames[1]', rule: 'yaml/unsafe-character' })]);
    expect(() => app.synth()).toThrow(/U\+0085/);
    // The shared spec is untouched: another CRD set still gets it.
    const again = new KruiseCrds(new Chart(Testing.app(), 'd'), 'crds').crdOf('CloneSet').toJson();
    expect(isCheckedPlain(again.spec)).toBe(true);
    expect(again.spec.names.shortNames).not.toContain('bad\u0085name');
  });
});

describe('the specs, made lazily in the kruise-synth bundle', () => {
  test('the bundle\'s default run never reads the specs file, and writes the bytes the library writes', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pre-crds-'));
    const log = path.join(dir, 'read.txt');
    const preload = path.join(dir, 'record.js');
    fs.writeFileSync(preload, [
      "const fs = require('fs'); const seen = [];",
      'for (const name of [\'openSync\', \'readFileSync\']) {',
      '  const real = fs[name];',
      '  fs[name] = function (file) { seen.push(String(file)); return real.apply(this, arguments); };',
      '}',
      `process.on('exit', () => fs.writeFileSync(${JSON.stringify(log)}, seen.join('\\n')));`,
    ].join('\n'));
    const out = path.join(dir, 'out.yaml');
    const r = spawnSync(process.execPath, ['-r', preload, path.join(LIB, '..', 'bin', 'kruise-synth'), '--output', out], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const read = fs.readFileSync(log, 'utf8').split('\n');
    expect(read.some(f => f.endsWith('kruise-synth-crds-1.7.txt'))).toBe(true);
    expect(read.filter(f => f.includes('kruise-synth-crd-specs'))).toEqual([]);
    expect(fs.readFileSync(out, 'utf8')).toBe(synthesize({}));
  });

  test('a lazy spec is read on the first look inside, and is the stored spec, frozen', () => {
    const files = { 1.7: { crds: 'kruise-synth-crds-1.7.txt', specs: 'kruise-synth-crd-specs-1.7.json' } };
    const lazy = precomputedCrdsFrom(LIB, files, true)['1.7'];
    const eager = precomputedCrdsFrom(LIB, files, false)['1.7'];
    const spec = lazy.CloneSet.manifest.spec;
    expect(isLazyFrozen(spec)).toBe(true);
    expect(isLazyFrozen(eager.CloneSet.manifest.spec)).toBe(false);
    expect(spec).toEqual(JSON.parse(fs.readFileSync(SPECS, 'utf8')).CloneSet);
    expect(Object.isFrozen(at(spec, 'versions'))).toBe(true);
    expect(lazy.CloneSet.manifest).toEqual(eager.CloneSet.manifest);
  });

  test('a specs file without a kind\'s spec is an internal error naming the file and the fix', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pre-crds-'));
    fs.copyFileSync(ARTEFACT, path.join(dir, 'crds.txt'));
    fs.writeFileSync(path.join(dir, 'specs.json'), '{}');
    const lazy = precomputedCrdsFrom(dir, { 1.7: { crds: 'crds.txt', specs: 'specs.json' } }, true)['1.7'];
    expect(() => Object.keys(lazy.CloneSet.manifest.spec)).toThrow(/specs\.json has no spec for CloneSet; rebuild/);
  });

  test('the CRDs file: each spec\'s YAML as it is after a JSON index, read back as written; a text unlike its index is an internal error', () => {
    const crds = {
      A: { head: { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'as.x.io' } }, specYaml: '  group: x.io\n  note: "a \\"quoted\\" é"\n' },
      B: { head: { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'bs.x.io' } }, specYaml: '' },
      C: { head: { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'cs.x.io' } }, specYaml: '  group: x.io\n' },
    } as const;
    const text = storedCrdsText(crds);
    expect(text.split('\n')[0]).not.toContain('group');
    expect(text.endsWith(`${crds.A.specYaml}${crds.C.specYaml}`)).toBe(true);
    expect(parseStoredCrds(text, 'f')).toEqual(crds);
    expect(Object.keys(parseStoredCrds(text, 'f'))).toEqual(['A', 'B', 'C']);
    expect(() => parseStoredCrds(`${text}x`, 'crds.txt')).toThrow(/crds\.txt does not hold what its index says; rebuild/);
    expect(() => parseStoredCrds(text.slice(0, -1), 'crds.txt')).toThrow(/crds\.txt does not hold what its index says; rebuild/);
    expect(() => parseStoredCrds('{}', 'crds.txt')).toThrow(/crds\.txt does not hold what its index says; rebuild/);
  });
});

describe('the compiled library (lib/) uses the build artefacts', () => {
  test('lib/common/precomputed-crds.js reads the artefact of each line, and the install it gives is the bundle\'s', () => {
    const script = [
      `const { PRECOMPUTED_CRDS } = require(${JSON.stringify(path.join(LIB, 'common', 'precomputed-crds.js'))});`,
      'process.stdout.write(JSON.stringify(Object.fromEntries(Object.keys(PRECOMPUTED_CRDS).map(line => [line, PRECOMPUTED_CRDS[line]]))));',
    ].join('\n');
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(r.status).toBe(0);
    const read = JSON.parse(r.stdout);
    expect(Object.keys(read)).toEqual(expect.arrayContaining(['1.7', '1.8']));
    for (const line of Object.keys(read)) {
      const file = path.join(LIB, `kruise-synth-crds-${line}.txt`);
      const stored = parseStoredCrds(fs.readFileSync(file, 'utf8'), file);
      const specs = JSON.parse(fs.readFileSync(path.join(LIB, `kruise-synth-crd-specs-${line}.json`), 'utf8'));
      expect(Object.keys(read[line])).toEqual(Object.keys(stored));
      for (const kind of Object.keys(stored)) {
        expect(read[line][kind]).toEqual({ manifest: { ...stored[kind].head, spec: specs[kind] }, specYaml: stored[kind].specYaml });
      }
    }
    const fromLib = spawnSync(process.execPath, ['-e', `process.stdout.write(require(${JSON.stringify(path.join(LIB, 'cli.js'))}).synthesize({}))`], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(fromLib.status).toBe(0);
    expect(fromLib.stdout).toBe(synthesize({}));
  });

  test('lib/validation/review-engine.js runs the review bundle, with the findings of the engine in src/', () => {
    const cloneSet = {
      apiVersion: 'apps.kruise.io/v1alpha1',
      kind: 'CloneSet',
      metadata: { name: 'web' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'other' } }, spec: { containers: [{ name: 'main', image: 'nginx' }] } }, bogus: 1 },
    };
    const script = [
      `const engine = require(${JSON.stringify(path.join(LIB, 'validation', 'review-engine.js'))});`,
      `const object = ${JSON.stringify(cloneSet)};`,
      "process.stdout.write(JSON.stringify({ schema: engine.schemaFindings(object, '1.7'), admission: engine.admissionFindings(object, { version: '1.7', peers: [object] }),",
      "  loaded: Object.keys(require.cache).filter(f => /admission|schema-validator|kruise-synth-review/.test(f)).map(f => require('path').basename(f)) }));",
    ].join('\n');
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    // The bundle is run, not required: none of the engine's own modules is loaded.
    expect(out.loaded).toEqual([]);
    expect(fs.readFileSync(path.join(LIB, 'validation', 'review-engine.js'), 'utf8')).toContain('kruise-synth-review.js');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const src = require('../../src/validation/review-engine');
    expect(out.schema).toEqual(JSON.parse(JSON.stringify(src.schemaFindings(cloneSet, '1.7'))));
    expect(out.schema.map((f: { rule: string }) => f.rule)).toContain('schema/pruned');
    expect(out.admission).toEqual(JSON.parse(JSON.stringify(src.admissionFindings(cloneSet, { version: '1.7', peers: [cloneSet] }))));
    expect(out.admission.map((f: { rule: string }) => f.rule)).toContain('CloneSet/selector-matches-template');
  });
});

describe('addCheckedPlain', () => {
  test('registers frozen data without unsafe text; data with unsafe text is frozen but not registered', () => {
    const good = { a: { b: ['x'] } };
    expect(addCheckedPlain(good)).toBe(true);
    expect(isCheckedPlain(good)).toBe(true);
    expect(Object.isFrozen(good.a.b)).toBe(true);
    const bad = { a: { b: ['x\u0007'] } };
    expect(addCheckedPlain(bad)).toBe(false);
    expect(isCheckedPlain(bad)).toBe(false);
    expect(unsafeTextFindings({ bad })).toEqual([expect.objectContaining({ path: 'bad.a.b[0]' })]);
  });
});
