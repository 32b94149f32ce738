/**
 * The kruise-synth bundle takes the CRDs from lib/kruise-synth-crds-<line>.json
 * (scripts/build-cli.js): sorted plain manifests checked for unsafe text at
 * build time, with their spec's YAML. Here src/ runs with that artefact in
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

const LIB = path.join(__dirname, '..', '..', 'lib');
const ARTEFACT = path.join(LIB, 'kruise-synth-crds-1.7.json');

jest.mock('../../src/common/precomputed-crds', () => ({
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  PRECOMPUTED_CRDS: { 1.7: JSON.parse(require('fs').readFileSync(require('path').join(__dirname, '..', '..', 'lib', 'kruise-synth-crds-1.7.json'), 'utf8')) },
}));

// After the mock: these load the mocked module.
/* eslint-disable import/first */
import { synthesize } from '../../src/cli';
import { KruiseCrds } from '../../src/crds/kruise-crds';
import { Kruise } from '../../src/install/kruise';
import { addCheckedPlain, isCheckedPlain, unsafeTextFindings } from '../../src/validation/object-checks';
import { toYamlDocuments } from '../../src/yaml-out';
/* eslint-enable import/first */

describe('precomputed CRDs (the kruise-synth artefact)', () => {
  test('the artefact exists and holds every 1.7 CRD with its spec YAML', () => {
    const data = JSON.parse(fs.readFileSync(ARTEFACT, 'utf8'));
    expect(Object.keys(data).length).toBeGreaterThanOrEqual(17);
    for (const crd of Object.values<{ manifest: { spec: object }; specYaml: string }>(data)) {
      expect(crd.specYaml.startsWith('  ')).toBe(true);
      expect(unsafeTextFindings(crd.manifest.spec)).toEqual([]);
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
    const text = JSON.parse(fs.readFileSync(ARTEFACT, 'utf8')).CloneSet.specYaml;
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
      expect(read[line]).toEqual(JSON.parse(fs.readFileSync(path.join(LIB, `kruise-synth-crds-${line}.json`), 'utf8')));
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
