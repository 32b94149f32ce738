import fc from 'fast-check';
import { parse, parseAllDocuments } from 'yaml';
import { toYaml, toYamlDocuments } from '../src/yaml-out';

describe('yaml-out', () => {
  test('writes maps, lists, nesting and empty collections', () => {
    expect(toYaml({ a: 1, b: [1, { c: 'x', d: [] }, [2, 3]], e: {}, f: null, g: true })).toBe([
      'a: 1',
      'b:',
      '- 1',
      '- c: x',
      '  d: []',
      '- - 2',
      '  - 3',
      'e: {}',
      'f: null',
      'g: true',
      '',
    ].join('\n'));
  });

  test('quotes every string YAML could read as something else', () => {
    const tricky = ['true', 'No', 'on', 'Y', 'null', '~', '', ' x', 'x ', '1', '0x1F', '1e3', '.inf', '2024-01-01', '12:30',
      'a: b', 'a #b', '#x', '-x', '- x', '*x', '&x', '!x', '|', '>', '@x', '`x', '"x"', "'x'", '{x}', '[x]', 'a\nb', 'tab\there', '%x', '?x', '<<', '=', '0o17', '+1', '.5'];
    for (const s of tricky) {
      expect({ s, back: parse(toYaml({ k: s })).k }).toEqual({ s, back: s });
      expect(parse(toYaml({ k: s }), { version: '1.1' }).k).toBe(s);
    }
  });

  test('round-trips random JSON data (fast-check, seed 7, 300 runs)', () => {
    const key = fc.string({ maxLength: 12 });
    const leaf = fc.oneof(fc.string(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(),
      fc.constant(null), fc.constant(undefined));
    const value = fc.letrec(tie => ({
      node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(key, tie('node'), { maxKeys: 4 })),
    })).node;
    fc.assert(fc.property(fc.dictionary(key, value, { maxKeys: 6 }), doc => {
      const back = parse(toYaml(doc));
      expect(back).toEqual(JSON.parse(JSON.stringify(doc)));
    }), { seed: 7, numRuns: 300 });
  });

  test('undefined values are skipped as in JSON; a map left without values is {}', () => {
    expect(toYaml({ a: { b: undefined }, l: [{ x: undefined }, [{ y: undefined }]], z: undefined })).toBe('a: {}\nl:\n- {}\n- - {}\n');
  });

  test('the same string (keys included) is written the same way wherever it appears', () => {
    const doc = { on: { on: ['on', { on: 'on' }] }, x: { x: 'x' } };
    expect(toYaml(doc)).toBe('"on":\n  "on":\n  - "on"\n  - "on": "on"\nx:\n  x: x\n');
  });

  test('no raw control character in the output: DEL, C1, NEL, U+2028, U+FFFE are escaped; a lone surrogate is an error', () => {
    const tricky = ['a\u007fb', '\u0085', '\u009b[2J', 'x\u2028y', '\u2029', '\ufeff', '\ufffe', '\uffff', 'e\u001bx', 'tab\tnl\ncr\r', 'ok 😀'];
    for (const s of tricky) {
      const text = toYaml({ [s]: s });
      // eslint-disable-next-line no-control-regex
      expect(text.slice(0, -1)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/);
      const doc = parseAllDocuments(text, { strict: true, uniqueKeys: true })[0];
      expect(doc.errors).toEqual([]);
      expect(doc.toJS()).toEqual({ [s]: s });
    }
    expect(toYaml({ a: 'x\u007fy' })).toBe('a: "x\\x7fy"\n');
    expect(() => toYaml({ a: 'x\ud800' })).toThrow(/lone UTF-16 surrogate \(U\+D800\) at index 1/);
    expect(() => toYaml({ a: NaN })).toThrow(/cannot write NaN as YAML/);
    expect(toYaml({ a: -0 })).toBe('a: 0\n');
  });

  test('random strings of any code point round-trip without raw controls (fast-check, seed 7, 300 runs)', () => {
    const high = fc.integer({ min: 0xa1, max: 0x10ffff }).filter(c => c < 0xd800 || c > 0xdfff);
    const char = fc.oneof(fc.integer({ min: 0, max: 0xa0 }), high).map(c => String.fromCodePoint(c));
    fc.assert(fc.property(fc.array(char, { maxLength: 20 }).map(cs => cs.join('')), s => {
      const text = toYaml({ k: s, [s]: 1 });
      // eslint-disable-next-line no-control-regex
      expect(text.replace(/\n/g, '')).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/);
      expect(parse(text, { strict: true, uniqueKeys: false })).toEqual({ k: s, [s]: 1 });
    }), { seed: 7, numRuns: 300 });
  });

  test('documents are separated by ---', () => {
    const docs = parseAllDocuments(toYamlDocuments([{ a: 1 }, { b: 2 }])).map(d => d.toJSON());
    expect(docs).toEqual([{ a: 1 }, { b: 2 }]);
  });
});
