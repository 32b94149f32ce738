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

  test('the default install from the artefact is byte-identical to the install built from the model (lib/cli.js)', () => {
    const fromModel = spawnSync(process.execPath, ['-e', `process.stdout.write(require(${JSON.stringify(path.join(LIB, 'cli.js'))}).synthesize({}))`], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
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
