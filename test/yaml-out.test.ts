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

  test('documents are separated by ---', () => {
    const docs = parseAllDocuments(toYamlDocuments([{ a: 1 }, { b: 2 }])).map(d => d.toJSON());
    expect(docs).toEqual([{ a: 1 }, { b: 2 }]);
  });
});
