import * as fs from 'fs';
import * as path from 'path';
import * as fc from 'fast-check';
import { stringify } from 'yaml';
import type { ToStringOptions } from 'yaml';
import { parseYamlDocument, splitDocuments } from '../../src/cli-lint-read';
import { parseFastYaml } from '../../src/lint-yaml';

/** What kruise-lint's full path reads: the yaml library's value of one document, as Kubernetes reads YAML. */
function full(text: string): unknown {
  const doc = parseYamlDocument(text);
  if (doc.errors.length > 0) return { error: doc.errors[0].message };
  return doc.toJS({ maxAliasCount: 100 }) ?? null;
}

/** The fast reader's value, checked against the full parser whenever it accepts. Returns whether it accepted. */
function agrees(text: string): boolean {
  const fast = parseFastYaml(text);
  if (!fast) return false;
  expect({ text, value: fast.value }).toEqual({ text, value: full(text) });
  return true;
}

const REFERENCE = path.resolve(__dirname, '..', '..', '..', 'shared', 'reference');

function yamlFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'charts' ? [] : yamlFiles(p); // chart sources are Go templates
    return /\.ya?ml$/.test(e.name) ? [p] : [];
  });
}

describe('fast YAML reader', () => {
  test('every reference document it accepts reads exactly as the yaml library reads it, and it accepts nearly all', () => {
    const files = yamlFiles(REFERENCE);
    if (files.length === 0) return; // no reference beside the clone: the generated cases below still run
    let docs = 0;
    let accepted = 0;
    for (const f of files) {
      for (const chunk of splitDocuments(fs.readFileSync(f, 'utf8'))) {
        docs++;
        if (agrees(chunk.text)) accepted++;
      }
    }
    expect(docs).toBeGreaterThan(500);
    expect(accepted / docs).toBeGreaterThan(0.95);
  });

  test.each([
    ['plain scalars as Kubernetes reads them', 'a: 1\nb: -2\nc: 0x1F\ne: 1.5\nf: .5\ng: 1e3\nj: true\nk: False\nl: ~\nm: null\nnn:\no: 010\np: 1_000\nq: 12:30\nr: yes\ns: off\nt: 0644\nu: 2024-01-01\nv: 0b101\nw: 08\n'],
    ['quoted scalars and escapes', 'a: "x\\ty\\u00e9\\x41\\U0001F600\\\\\\""\nb: \'it\'\'s\'\nc: "a # b"\nd: \'\' # empty\n"e f": 1\n\'g\': 2\n'],
    ['comments and odd plain text', '# head\na: b # tail\nc: d#e\nurl: http://x/y?z=1#frag\ncolon: a:b\n  # indented comment\ne: f\n'],
    ['nesting, compact lists and a list at its key\'s indent', 'a:\n  b:\n  - c: 1\n    d: [1, "2", {e: f}]\n  - - x\n    - y\n  -\n  - {}\nlist:\n- 1\n- two\nm: {a: 1, b: , c}\n'],
    ['block scalars with every chomping', 'a: |\n  x\n   y\n\n  z\nb: |-\n  x\n\nc: |+\n  x\n\nd: >\n  one\n  two\n\n  three\ne: >-\n  x\n'],
    ['top-level scalars and lists', '- a\n- b: c\n'],
    ['document markers', '--- # start\na: 1\n...\n# after\n'],
    ['hostile keys', '__proto__: {x: 1}\nconstructor: 2\ntoString: 3\n'],
    ['empty and comment-only documents', '# only a comment\n'],
    ['multi-line plain scalars', 'a: one\n  two\n\n   three\n\n\nb:\n- x\n- y\n  z -w\nc: 1\n'],
    ['multi-line quoted scalars', 'a: "one \\t\n  two\n\n  three "\nb: \'it\'\'s\n\n\n  x\'\nc:\n- \'\n  y\'\n'],
  ])('%s', (_name, text) => {
    expect(agrees(text)).toBe(true);
  });

  test.each([
    ['anchors and aliases', 'a: &x 1\nb: *x\n'],
    ['tags', 'a: !!str 1\n'],
    ['merge keys', 'a: {x: 1}\nb:\n  <<: {x: 2}\n'],
    ['complex keys', '? a\n: b\n'],
    ['a comment inside a multi-line plain scalar', 'a: one # c\n  two\n'],
    ['escaped line breaks in double quotes', 'a: "one\\\n  two"\n'],
    ['multi-line flow collections', 'a: [1,\n  2]\n'],
    ['duplicate keys', 'a: 1\na: 2\n'],
    ['non-string keys', '1: a\n'],
    ['tabs in indentation', 'a:\n\tb: 1\n'],
    ['CR line ends', 'a: 1\r\n'],
    ['directives', '%YAML 1.2\n---\na: 1\n'],
    ['nested maps on one line', 'a: b: c\n'],
    ['non-finite numbers', 'a: .inf\n'],
    ['0o octal (the full reader keeps it as text)', 'a: 0o17\n'],
    ['boolean keys', 'on: 1\n'],
  ])('declines %s (the yaml library reads them)', (_name, text) => {
    expect(parseFastYaml(text)).toBeUndefined();
  });

  test('scalars resolve as Kubernetes reads manifests (go-yaml v2), in both readers', () => {
    const read = (t: string) => (parseFastYaml(`a: ${t}\n`)?.value as any)?.a;
    expect(read('0644')).toBe(420);
    expect(read('yes')).toBe(true);
    expect(read('Off')).toBe(false);
    expect(read('2024-01-01')).toBe('2024-01-01');
    expect(read('12:30')).toBe('12:30');
    expect(read('1_000')).toBe(1000);
    expect((full('a: 0644\nb: 2024-01-01\nc: 12:30\nd: on\n') as any)).toEqual({ a: 420, b: '2024-01-01', c: '12:30', d: true });
    for (const t of ['', '~', 'null', 'NULL', 'Null', 'nULL', 'true', 'True', 'TRUE', 'tRUE', 'yes', 'y', 'N', 'on', 'OFF', '0', '-0', '+12', '007', '0O17',
      '0x1f', '0X1F', '1.', '.5', '-.5e-3', '1e5', '1E+5', 'nan', '1_000', '0b101', '-0b11', '9007199254740993', '1.0.0', '+', '-x', '.', '1_0.5', '0x_1F']) {
      agrees(`a: ${t}\n`);
    }
  });

  test('generated documents (the yaml library\'s own writer, several styles) read the same whichever reader takes them', () => {
    const key = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('a', 'app.kubernetes.io/name', 'true', '1', 'null', '__proto__', 'x y', '- a', 'a: b', '#c'));
    const text = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom('', ' lead', 'trail ', 'a: b', 'a #b', '#x', '- x', 'yes', '010', '1e3', 'line\nbreak', 'two\n\nlines\n', 'tab\there', '"q"', "'s'", 'é ü 😀', '{a}', '[b]', '*x', '&y', '!z', '%', '@', '`'),
    );
    const scalar = fc.oneof(text, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));
    const value = fc.letrec(tie => ({
      node: fc.oneof({ depthSize: 'small' }, scalar, tie('list'), tie('map')),
      list: fc.array(tie('node'), { maxLength: 4 }),
      map: fc.dictionary(key, tie('node'), { maxKeys: 4 }),
    })).map;
    const styles: ToStringOptions[] = [
      {},
      { lineWidth: 20, minContentWidth: 5 },
      { blockQuote: 'literal' },
      { blockQuote: 'folded', lineWidth: 30 },
      { defaultStringType: 'QUOTE_DOUBLE' },
      { defaultStringType: 'QUOTE_SINGLE' },
      { collectionStyle: 'flow', lineWidth: 0 },
      { indentSeq: false },
      { indent: 4 },
    ];
    let accepted = 0;
    let total = 0;
    fc.assert(fc.property(value, fc.constantFrom(...styles), (v, style) => {
      const yamlText = stringify(v, style);
      total++;
      if (agrees(yamlText)) accepted++;
    }), { numRuns: 1500, seed: 20261201 });
    expect(accepted / total).toBeGreaterThan(0.5);
  });
});
