/**
 * The direct YAML writer (src/base/cdk8s-yaml.ts) against cdk8s's own
 * `Yaml.stringify`: for every document it writes, the bytes must be cdk8s's;
 * for the rest it must give undefined (the caller then uses cdk8s).
 * YAML_FUZZ_RUNS sets how many generated documents are compared (3,000).
 */
import * as fs from 'fs';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import fc from 'fast-check';
import { cdk8sYamlDocument, cdk8sYamlWriter, YamlScalarRules } from '../../src/base/cdk8s-yaml';
import { yamlScalarRules, YamlPackage } from '../../src/validation/synth-yaml';
import { readYamlDocs, REFERENCE_DIR } from '../util/reference';

/** The rules as synth-yaml.ts takes them, from the `yaml` package cdk8s loads. */
const RULES: YamlScalarRules = yamlScalarRules(
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(require.resolve('yaml', { paths: [path.dirname(require.resolve('cdk8s'))] })) as YamlPackage,
);

/** cdk8s's text of one document. */
const cdk8s = (doc: unknown) => Yaml.stringify(doc);

/**
 * One writer for every document of this file, as a synthesis has one for all
 * of its documents: the scalars it cached from earlier documents are used.
 */
const WRITER = cdk8sYamlWriter(RULES);

/** Checks one document (with the shared writer, and with one of its own); returns whether the direct writer wrote it. */
function check(doc: unknown): boolean {
  const direct = WRITER(doc);
  if (direct !== undefined) expect(direct).toBe(cdk8s(doc));
  expect(cdk8sYamlDocument(doc, RULES)).toBe(direct);
  return direct !== undefined;
}

/** Every YAML file under a folder. */
function yamlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return yamlFiles(p);
    return /\.ya?ml$/.test(e.name) ? [p] : [];
  });
}

describe('direct YAML writer: the bytes cdk8s writes, or nothing', () => {
  test('scalars, nesting, empty collections and quoting', () => {
    const doc = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'x', labels: { 'y': 'n', '1': '1.0', 'on': 'off', 'a.b/c': 'd' } },
      data: { empty: '', yes: 'yes', colon: 'a: b', hash: 'a #b', inner: 'a#b', quote: 'say "hi"', apostrophe: "it's", lead: ' x', tail: 'x ', tilde: '~', date: '2024-01-01', hex: '0x1f', under: '1_000', inf: '.inf', sexagesimal: '190:20:30', dash: '-', dashSpace: '- a', question: '?', percent: '%a', marker: '--- x', dots: '...', tab: 'a\tb', unicode: 'é ü 日本', equals: '=' },
      numbers: [0, 1, -1, 2.5, -0, 1e21, 1e-7, 0.1, Number.MAX_SAFE_INTEGER, 5e-324],
      flags: [true, false, null],
      blocks: { strip: 'line one\nline two', clip: 'line one\n\n  indented: yes\n# not a comment\n--- not a marker\n', list: ['a\nb', { c: 'd\ne\n' }], tab: 'a\tb\n\tc' },
      nested: [[1, [2, 3], {}], [], {}, [{}], { a: [] }, [{ a: 1, b: [{ c: {} }] }]],
      map: {},
      list: [],
    };
    expect(check(doc)).toBe(true);
    expect(check({})).toBe(true);
  });

  test.each([
    ['a multi-line key', { 'line\nline': 1 }],
    ['a multi-line string starting with a blank', { a: ' line\nline' }],
    ['a multi-line string starting with a line break', { a: '\nline' }],
    ['a multi-line string ending in a blank', { a: 'line\nline ' }],
    ['a multi-line string ending in two line breaks (kept chomping)', { a: 'line\nline\n\n' }],
    ['a multi-line string with a carriage return', { a: 'line\r\nline' }],
    ['a control character', { a: 'bell\u0007' }],
    ['a lone surrogate', { a: '\ud800' }],
    ['an escape in double quotes', { a: 'back\\slash: x' }],
    ['a tab in double quotes', { a: 'tab\t: x' }],
    ['both quote characters', { a: 'both \'" ' }],
    ['a key starting with a document marker', { '--- x': 1 }],
    ['the merge key', { a: '<<' }],
    ['a key of 1,025 characters', { ['k'.repeat(1025)]: 1 }],
    ['an undefined value', { a: undefined }],
    ['an undefined list item', { a: [undefined] }],
    ['a non-finite number', { a: Infinity }],
    ['a date', { a: new Date(0) }],
    ['a class instance', { a: new (class X { public b = 1; })() }],
    ['an object twice (an alias)', (() => { const shared = { x: 1 }; return { a: shared, b: shared }; })()],
    ['a list twice (an alias)', (() => { const shared = [1]; return { a: shared, b: [shared] }; })()],
    ['a function', { a: () => 1 }],
  ])('%s: left to cdk8s', (_name, doc) => {
    expect(cdk8sYamlDocument(doc, RULES)).toBeUndefined();
  });

  test('text stored two bytes per character (as generated names are) is written the same', () => {
    // Joining a string that was used as a property key gives a string stored two bytes per
    // character in Node 20 (constructs builds paths so); the writer stores its text in one
    // byte when every character fits, and the characters must come out unchanged.
    const id = `w${Date.now() % 10}`;
    const used: { [key: string]: number } = {};
    used[id] = 1;
    const name = ['bench', id, 'caf\u00e9'].join('-');
    expect(check({ metadata: { name }, data: { a: ['x', id].join('/'), b: `${name} \u65e5\u672c`, c: '\u00ff\u0100' } })).toBe(true);
    expect(WRITER({ metadata: { name } })).toBe(`metadata:\n  name: ${name}\n`);
  });

  test('values past the writer\'s cache (its first 4,096 short values) are written the same', () => {
    const writer = cdk8sYamlWriter(RULES);
    for (let i = 0; i < 5000; i++) writer({ metadata: { name: `name-${i}` } });
    for (const value of ['yes', 'a: b', '0x1f', 'name-4999', 'name-5000', '~', '2024-01-01', ' x', 'plain']) {
      const doc = { metadata: { name: value }, data: { [value]: value } };
      expect(writer(doc)).toBe(cdk8s(doc));
    }
  });

  test('a document that is not a map is left to cdk8s', () => {
    for (const doc of [[], [1], 'x', 1, null, true]) expect(cdk8sYamlDocument(doc, RULES)).toBeUndefined();
  });

  test('generated documents: equal to cdk8s whenever written', () => {
    // Strings from the characters that decide YAML quoting, and words the 1.1 schema reads as other types.
    const tricky = fc.oneof(
      fc.string({ unit: fc.constantFrom('a', 'Z', '0', '1', '9', ' ', '\t', ':', '#', '-', '?', '.', '_', '+', '"', "'", '\\', '%', '@', '`', '!', '&', '*', '|', '>', '[', ']', '{', '}', ',', '~', 'e', 'x', 'é', '\n'), maxLength: 8 }),
      fc.constantFrom('y', 'Y', 'yes', 'No', 'ON', 'off', 'true', 'False', 'null', 'NULL', '~', '', '.nan', '-.inf', '0o17', '0b101', '0x_1', '1:20', '2001-12-14t21:59:43.10-05:00', '1e3', '+1', '.5', '<<', '=', '---', '...'),
      fc.string({ maxLength: 6 }),
    );
    const scalar = fc.oneof(tricky, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));
    const { value } = fc.letrec(tie => ({
      value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('list'), tie('map')),
      list: fc.array(tie('value'), { maxLength: 4 }),
      map: fc.dictionary(tricky, tie('value'), { maxKeys: 4, noNullPrototype: true }),
    }));
    let written = 0;
    let total = 0;
    fc.assert(fc.property(fc.dictionary(tricky, value, { maxKeys: 5, noNullPrototype: true }), doc => {
      total++;
      if (check(doc)) written++;
    }), { numRuns: Number(process.env.YAML_FUZZ_RUNS ?? 3000) });
    // The writer must take most documents (else it would be pointless, and this test vacuous).
    expect(written / total).toBeGreaterThan(0.3);
  });

  const referenceTest = REFERENCE_DIR ? test : test.skip;
  referenceTest('every manifest of the reference (CRDs, helm renders, examples): equal to cdk8s whenever written', () => {
    const root = path.dirname(REFERENCE_DIR!);
    let written = 0;
    let total = 0;
    for (const file of yamlFiles(root)) {
      let docs: unknown[];
      try {
        docs = readYamlDocs(file);
      } catch {
        continue; // not YAML the parser takes (a template of the charts)
      }
      for (const doc of docs) {
        total++;
        if (check(doc)) written++;
      }
    }
    expect(total).toBeGreaterThan(500);
    expect(written / total).toBeGreaterThan(0.5);
  });
});
