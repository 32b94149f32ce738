/**
 * The build precompiles the CRD schema validators (scripts/build-validators.js,
 * into lib/validation/generated). They must report exactly what a validator
 * compiled at run time reports, and be used only when made from the current
 * schema. These tests read lib/, which the test task compiles first.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { KindModel, VersionModel } from '../../src/api/model';
import { loadPrecompiled, newAjv, precompiledFile, schemaFingerprint, toAjv, validatorModuleName } from '../../src/validation/ajv-setup';
import { knownVersions, versionData } from '../../src/versions/registry';
import { REFERENCE_DIR, listReference, readYamlDocs, referenceDirFor } from '../util/reference';

const LIB = path.join(__dirname, '..', '..', 'lib');
const GENERATED = path.join(LIB, 'validation', 'generated');

/** Every served version of every kind of every Kruise version, once per distinct schema, with the module it should have. */
const SERVED: Array<{ line: string; model: KindModel; version: VersionModel; file: string }> = (() => {
  const out: Array<{ line: string; model: KindModel; version: VersionModel; file: string }> = [];
  const seen = new Map<string, string[]>();
  for (const line of knownVersions()) {
    for (const model of versionData(line).kinds) {
      for (const version of model.versions.filter(v => v.served)) {
        const name = validatorModuleName(model, version);
        const fp = schemaFingerprint(toAjv(version.schema));
        const prints = seen.get(name) ?? [];
        if (prints.includes(fp)) continue;
        out.push({ line, model, version, file: precompiledFile(name, fp) });
        seen.set(name, [...prints, fp]);
      }
    }
  }
  return out;
})();

/** A copy with every leaf (apiVersion and kind aside) replaced by `leaf(value)`. */
function mapLeaves(v: any, leaf: (x: any) => any): any {
  if (Array.isArray(v)) return v.map(x => mapLeaves(x, leaf));
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === 'apiVersion' || k === 'kind' ? x : mapLeaves(x, leaf)]));
  }
  return leaf(v);
}

/** Every leaf turned into a value of another type (numbers to strings, strings to numbers, booleans to strings). */
const flipTypes = (v: any) => mapLeaves(v, x =>
  typeof x === 'number' ? String(x) : typeof x === 'string' ? x.length : typeof x === 'boolean' ? (x ? 'yes' : 'no') : x);

/** Every number out of int32 range and every string a malformed date-time: exercises the formats. */
const breakFormats = (v: any) => mapLeaves(v, x =>
  typeof x === 'number' ? 2 ** 40 : typeof x === 'string' ? '2024-13-99T25:00:00' : x);

/** Manifests of one kind: the reference's examples (when there), their type-flipped copies, and wrong-typed top-level fields. */
function corpus(line: string, group: string, version: string, kind: string): any[] {
  const apiVersion = `${group}/${version}`;
  const dir = referenceDirFor(line) ?? REFERENCE_DIR;
  const examples = dir
    ? [...listReference(dir, 'docs-examples'), ...listReference(dir, 'samples')]
      .flatMap(readYamlDocs).filter(d => d.apiVersion === apiVersion && d.kind === kind)
    : [];
  const model = versionData(line).kinds.find(m => m.group === group && m.kind === kind)!;
  const specProps = Object.keys((model.versions.find(v => v.name === version)!.schema.properties?.spec?.properties) ?? {});
  const wrongTops = [
    { apiVersion, kind, metadata: { name: 'x' }, spec: Object.fromEntries(specProps.map((p, i) => [p, [1, 'two', true, { a: 1 }, [3]][i % 5]])) },
    { apiVersion, kind, metadata: { name: 'x' }, spec: 'not an object' },
    { apiVersion, kind, metadata: { name: 'x' } },
  ];
  return [...examples, ...examples.map(flipTypes), ...examples.map(breakFormats), ...wrongTops];
}

/** What a test compares: ajv's error objects without the schema references (`verbose` adds those). */
function errorsOf(validate: any, manifest: any): any[] {
  validate(manifest);
  return (validate.errors ?? []).map((e: any) => ({
    instancePath: e.instancePath, schemaPath: e.schemaPath, keyword: e.keyword, params: e.params, message: e.message, data: e.data,
  }));
}

describe('precompiled schema validators', () => {
  test('the build made one for every served version, from the schema the model has now', () => {
    const files = fs.readdirSync(GENERATED).filter(f => f.endsWith('.js')).sort();
    expect(files).toEqual(SERVED.map(x => x.file).sort());
    // One module per schema: the 4 kinds whose schema 1.8 changed have two (CloneSet's change is a printer column).
    expect(files.length - new Set(files.map(f => f.replace(/-[0-9a-f]+\.js$/, ''))).size).toBeGreaterThanOrEqual(4);
    for (const { model, version } of SERVED) {
      expect(loadPrecompiled(GENERATED, validatorModuleName(model, version), toAjv(version.schema))).toBeInstanceOf(Function);
    }
  });

  test.each(SERVED.map(({ line, model, version }) => ({ name: `Kruise ${line} ${model.kind} ${version.name}`, line, model, version })))(
    '$name: same findings as a validator compiled at run time', ({ line, model, version }) => {
      const schema = toAjv(version.schema);
      const pre = loadPrecompiled(GENERATED, validatorModuleName(model, version), schema)!;
      const runtime = newAjv().compile(schema);
      const manifests = corpus(line, model.group, version.name, model.kind);
      let failing = 0;
      for (const m of manifests) {
        const expected = errorsOf(runtime, m);
        expect(errorsOf(pre, m)).toEqual(expected);
        if (expected.length > 0) failing++;
      }
      expect(failing).toBeGreaterThanOrEqual(2); // the corpus does exercise the error paths
    });

  test('a validator made from another schema, or a missing one, is not used, and is not even loaded', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kruise-validators-'));
    const schema = { type: 'object', properties: { a: { type: 'string' } } };
    const loaded: string[] = [];
    (globalThis as { kruiseTestLoaded?: string[] }).kruiseTestLoaded = loaded;
    const write = (name: string, fingerprint: string, declared = fingerprint) => fs.writeFileSync(
      path.join(dir, precompiledFile(name, fingerprint)), [
        `globalThis.kruiseTestLoaded.push(${JSON.stringify(`${name}-${fingerprint}`)});`,
        `module.exports = { validate: function v() { return true; }, fingerprint: ${JSON.stringify(declared)} };\n`,
      ].join('\n'));
    const current = schemaFingerprint(schema);
    const other = schemaFingerprint({ ...schema, required: ['a'] });
    write('current', current);
    write('other', other); // another Kruise version's schema, or a stale module
    write('renamed', current, other); // a file whose content is not what its name says
    expect(loadPrecompiled(dir, 'current', schema)).toBeInstanceOf(Function);
    expect(loadPrecompiled(dir, 'other', schema)).toBeUndefined();
    expect(loadPrecompiled(dir, 'missing', schema)).toBeUndefined();
    expect(loadPrecompiled(dir, 'renamed', schema)).toBeUndefined();
    expect(loaded).toEqual([`current-${current}`, `renamed-${current}`]);
  });

  test('the build names every precompiled validator by its schema\'s fingerprint', () => {
    const files = fs.readdirSync(GENERATED).filter(f => f.endsWith('.js'));
    expect(files.length).toBeGreaterThanOrEqual(18);
    for (const file of files) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { fingerprint } = require(path.join(GENERATED, file));
      expect(file.endsWith(`-${fingerprint}.js`)).toBe(true);
    }
  });

  test('validating with the compiled library does not load the ajv compiler', () => {
    const script = [
      "const Module = require('module'); const load = Module._load; const seen = [];",
      'Module._load = function (request) { seen.push(request); return load.apply(this, arguments); };',
      `const { KruiseSchemaValidator, KruiseVersion } = require(${JSON.stringify(LIB)});`,
      'const v = KruiseSchemaValidator.forVersion();',
      "const bad = v.validate({ apiVersion: 'apps.kruise.io/v1alpha1', kind: 'CloneSet', metadata: { name: 'x' }, spec: { replicas: 'three' } });",
      'const v18 = KruiseSchemaValidator.forVersion(KruiseVersion.V1_8);',
      "const ws = v18.validate({ apiVersion: 'apps.kruise.io/v1alpha1', kind: 'WorkloadSpread', metadata: { name: 'x' }, spec: { targetFilter: { replicasPathList: 3 } } });",
      "console.log(JSON.stringify({ ajv: seen.filter(r => r === 'ajv').length, problems: bad.map(p => p.path), ws: ws.map(p => p.path) }));",
    ].join('\n');
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', cwd: path.join(LIB, '..') });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(out.ajv).toBe(0);
    expect(out.problems).toEqual(expect.arrayContaining(['spec.replicas', 'spec.selector', 'spec.template']));
    expect(out.ws).toEqual(expect.arrayContaining(['spec.targetFilter.replicasPathList']));
  });
});
