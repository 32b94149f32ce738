/**
 * The chart-values readers of the CLIs against helm 3.16: the values-file
 * reader (src/install/values-yaml.ts) and the set flags (src/install/helm-set.ts).
 * Where helm is installed (HELM_BIN, or the cache path of
 * /work/shared/tools/get-helm), each case is also run through `helm template`
 * of a probe chart that prints `.Values` as JSON, and the two must agree; the
 * documented differences (docs/security.md) are asserted as such.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MAX_LIST_INDEX, SetApplier, SetKind, typedValue } from '../../src/install/helm-set';
import { MAX_ALIAS_NODES, parseValuesYaml, resolvePlainScalar, ValuesYamlError } from '../../src/install/values-yaml';

const HELM = [process.env.HELM_BIN, path.join(os.homedir(), '.cache', 'kruise-ref', 'helm')].find(p => p && fs.existsSync(p));

let probe: string | undefined;
/** `.Values` as helm computes them for these flags (the probe chart has no values of its own), or helm's error. */
function helmValues(args: string[], files: { [name: string]: string } = {}): { values?: any; error?: string } {
  if (!probe) {
    probe = fs.mkdtempSync(path.join(os.tmpdir(), 'helm-probe-'));
    fs.mkdirSync(path.join(probe, 'templates'));
    fs.writeFileSync(path.join(probe, 'Chart.yaml'), 'apiVersion: v2\nname: probe\nversion: 0.1.0\n');
    fs.writeFileSync(path.join(probe, 'templates', 'v.yaml'), 'v: {{ toJson .Values | b64enc }}\n');
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helm-in-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  const r = spawnSync(HELM!, ['template', 'p', probe, ...args], { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) return { error: r.stderr.trim() };
  const b64 = /v: (\S+)/.exec(r.stdout)![1];
  return { values: JSON.parse(Buffer.from(b64, 'base64').toString('utf8')) };
}

function plain(v: unknown): unknown {
  return JSON.parse(JSON.stringify(v));
}

function read(text: string): unknown {
  return plain(parseValuesYaml(text, "values file 'v.yaml'"));
}

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  return '(no error)';
}

describe('values files: read like helm', () => {
  const SAME: Array<[string, string]> = [
    ['YAML 1.1 booleans', 'a: yes\nb: on\nc: y\nd: Y\ne: NO\nf: off\ng: True\nh: TRUE\ni: tRUE\n'],
    ['YAML 1.1 numbers', 'a: 017\nb: 0o17\nc: 0x1F\nd: 1_000\ne: 0b101\nf: 1e3\ng: 1.0\nh: -0\ni: 1e400\nj: 123456789012345678901234567890\n'],
    ['strings that look like other things', 'a: 2024-01-01\nb: 1:30\nc: "1"\nd: \'true\'\ne: ~\nf: null\ng:\n'],
    ['merge keys (go-yaml v2 order)', 'x: &a\n  k: 1\ny:\n  <<: *a\n  j: 2\nz:\n  <<: [*a, {m: 3}]\n  k: 9\nw:\n  k: 0\n  <<: *a\n'],
    ['keys are strings', '1: a\ntrue: b\n1.5: d\nx:\n  on: c\n'],
    ['tags', 'a: !!str 1\nb: !!binary aGk=\nc: !!int "3"\n'],
    ['escaped controls in double quotes', 'a: "x\\ty\\u0085\\x7f"\n'],
    ['BOM and CRLF', '\ufeffa: 1\r\nb: [1, 2]\r\n'],
    ['empty document', '---\n'],
    ['empty file', ''],
    ['__proto__ and constructor are plain keys', '__proto__: {x: 1}\nconstructor: 2\ntoString: 3\n'],
  ];
  test.each(SAME)('%s', (_name, text) => {
    const ours = read(text);
    expect(({} as any).x).toBeUndefined();
    if (HELM) expect(ours).toEqual(helmValues(['-f', 'v.yaml'], { 'v.yaml': text }).values);
  });

  test('resolution of plain scalars', () => {
    expect(read('a: yes\nb: 017\nc: 0x1F\nd: 1_000\ne: 1:30\nf: 2024-01-01\ng: -0\nh: on\n')).toEqual({ a: true, b: 15, c: 31, d: 1000, e: '1:30', f: '2024-01-01', g: 0, h: true });
    expect(resolvePlainScalar('1e400')).toBe('1e400');
    expect(Object.getPrototypeOf(parseValuesYaml('a: {b: 1}', 'x'))).toBeNull();
    expect(Object.getPrototypeOf((parseValuesYaml('a: {b: 1}', 'x') as any).a)).toBeNull();
  });

  const REFUSED: Array<[string, string, RegExp, boolean]> = [
    // [name, text, our message, helm refuses it too]
    ['raw DEL', 'a: "\x7f"\n', /control character U\+007F at line 1, column 5/, true],
    ['raw ESC', 'a: x\x1by\n', /control character U\+001B at line 1, column 5/, true],
    ['raw U+FFFE', 'a: "\ufffe"\n', /control character U\+FFFE/, true],
    ['an escaped lone surrogate', 'a: "\\ud800"\n', /lone UTF-16 surrogate/, true],
    ['.inf', 'a: .inf\n', /has "\.inf", which JSON, helm and Kubernetes cannot hold at line 1, column 4/, true],
    ['.nan', 'a: .nan\n', /has "\.nan"/, true],
    ['a list', '- 1\n', /must hold a map of values, not a list/, true],
    ['a self-containing anchor', 'a: &x [*x]\n', /has the anchor "x" inside its own value/, true],
    ['an unknown anchor', 'a: *nope\n', /unknown anchor "nope"/, true],
    ['a null key', 'null: x\n', /has a null key/, true],
    ['a list key', '? [1, 2]\n: x\n', /has a map or list as a key/, true],
    // differences from helm (docs/security.md)
    ['a duplicate key (helm keeps the last)', 'a: 1\na: 2\n', /has the key "a" twice in one map at line 2, column 1; keep one \(helm would silently keep the last\)/, false],
    ['two documents (helm reads the first)', 'a: 1\n---\nb: 2\n', /holds 2 YAML documents \(helm would read the first and silently ignore the rest\)/, false],
  ];
  test.each(REFUSED)('refuses %s', (_name, text, message, helmRefuses) => {
    const e = errorOf(() => parseValuesYaml(text, "values file 'v.yaml'"));
    expect(e).toMatch(message);
    expect(e).toMatch(/^values file 'v\.yaml' /);
    expect(e).not.toMatch(/\n/);
    if (HELM) expect(helmValues(['-f', 'v.yaml'], { 'v.yaml': text }).error !== undefined).toBe(helmRefuses);
  });

  test('alias bombs stop at the budget, quickly', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 10; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
    const t0 = Date.now();
    expect(errorOf(() => parseValuesYaml(lines.join('\n'), 'lol'))).toMatch(new RegExp(`expands its aliases into more than ${MAX_ALIAS_NODES} nodes`));
    expect(Date.now() - t0).toBeLessThan(20_000);
  });

  test('deep nesting is a message, not a stack overflow', () => {
    expect(errorOf(() => parseValuesYaml(`a: ${'['.repeat(100_000)}`, 'deep'))).toMatch(/^deep (is nested too deeply|nests maps and lists more than)/);
    const deep = `${Array.from({ length: 600 }, (_, i) => `${'  '.repeat(i)}k:`).join('\n')} 1\n`;
    expect(errorOf(() => parseValuesYaml(deep, 'deep'))).toMatch(/nests maps and lists more than 512 deep/);
  });

  test('duplicate keys are found in linear time (100k keys)', () => {
    const keys = Array.from({ length: 100_000 }, (_, i) => `k${i}: ${i}`);
    const t0 = Date.now();
    expect(Object.keys(parseValuesYaml(keys.join('\n'), 'big')).length).toBe(100_000);
    expect(errorOf(() => parseValuesYaml([...keys, 'k5: 1'].join('\n'), 'big'))).toMatch(/has the key "k5" twice/);
    expect(Date.now() - t0).toBeLessThan(60_000);
  });

  test('errors are ValuesYamlErrors', () => {
    expect(() => parseValuesYaml('a: [', 'v')).toThrow(ValuesYamlError);
  });
});

describe('set flags: applied like helm', () => {
  function apply(flags: Array<[SetKind, string]>, base: any = Object.create(null), files: { [n: string]: string } = {}): any {
    const applier = new SetApplier(base, f => {
      if (!(f in files)) throw new Error(`no file ${f}`);
      return files[f];
    });
    for (const kind of ['set-json', 'set', 'set-string', 'set-file', 'set-literal'] as SetKind[]) {
      for (const [k, arg] of flags) if (k === kind) applier.apply(k, arg);
    }
    return plain(base);
  }
  const args = (flags: Array<[SetKind, string]>) => flags.flatMap(([k, a]) => [`--${k}`, a]);

  const SAME: Array<[string, Array<[SetKind, string]>]> = [
    ['typing', [['set', 'x=007'], ['set', 'y=1e3'], ['set', 'z=TRUE'], ['set', 'w=True'], ['set', 'n=NULL'], ['set', 'f=1.5'], ['set', 'm=-0'], ['set', 'e='],
      ['set', 'p=+5'], ['set', 'q=-05'], ['set', 'h=0x10'], ['set', 'u=1_000'], ['set', 'big=9223372036854775808']]],
    ['lists, escapes and commas', [['set', 'l={1,true,null, x}'], ['set', 'k\\.x=1'], ['set', 'q=a\\,b'], ['set', 'r=a\\=b'], ['set', 'c=x\\\\y,d=x\\y'], ['set', 'a=b=c']]],
    ['indexes', [['set', 'a[1]=x'], ['set', 'a[0].b=y'], ['set', 'b[0][1]=x'], ['set', 'c[0001]=1'], ['set', `d[${MAX_LIST_INDEX}]=1`]]],
    ['--set-string and --set-json', [['set-string', 'x=007,y=true'], ['set-string', 'ls={1,true}'], ['set-json', 'j={"a":[1,null]}'], ['set-json', 'a.b=[1,2]'], ['set-json', 'c=1.5']]],
    ['helm\'s order: json, set, string, file, literal', [['set-literal', 'a=lit,x'], ['set-string', 'a=str'], ['set', 'a=1'], ['set-json', 'a=2'], ['set-file', 'b=f.txt'], ['set', 'b=3']]],
    ['__proto__ and constructor are plain keys', [['set', '__proto__.x=1'], ['set', 'constructor=2'], ['set', 'toString.a=3']]],
  ];
  test.each(SAME)('%s', (_name, flags) => {
    const ours = apply(flags, Object.create(null), { 'f.txt': 'hello\nworld' });
    expect(({} as any).x).toBeUndefined();
    if (HELM) expect(ours).toEqual(helmValues(args(flags), { 'f.txt': 'hello\nworld' }).values);
  });

  test('typed values', () => {
    expect(typedValue('TRUE')).toBe(true);
    expect(typedValue('007')).toBe('007');
    expect(typedValue('-05')).toBe(-5);
    expect(typedValue('9223372036854775807')).toBe(9223372036854775807);
    expect(typedValue('9223372036854775808')).toBe('9223372036854775808');
  });

  const REFUSED: Array<[string, Array<[SetKind, string]>, RegExp]> = [
    ['an index above 65536', [['set', 'imagePullSecrets[200000000].name=x']], /^--set 'imagePullSecrets\[200000000\]\.name=x' has the list index 200000000, above 65536 \(helm's limit too\); use an index from 0 to 65536$/],
    ['a negative index', [['set', 'a[-1]=x']], /has the negative list index -1/],
    ['an index that is not a number', [['set', 'a[x]=1']], /has the list index '\[x\]'/],
    ['text after an index', [['set', 'a[0]b=1']], /has text after the list index/],
    ['a key without a value', [['set', 'a']], /has the key 'a' without a value/],
    ['an empty key part', [['set', 'a..b=1']], /has an empty part in the key 'a\.\.'/],
    ['a trailing empty assignment', [['set', 'a=1,,b=2']], /has the key '' without a value|has an empty key/],
    ['a map over a number', [['set', 'a=1'], ['set', 'a.b=2']], /treats 'a' as a map, but an earlier value made it 1/],
    ['a map over a list', [['set', 'a[0]=x'], ['set', 'a.b=y']], /treats 'a' as a map, but an earlier value made it a list/],
    ['bad JSON', [['set-json', 'c=[1']], /--set-json 'c=\[1' has the value '\[1' for 'c', which is not JSON/],
  ];
  test.each(REFUSED)('refuses %s', (_name, flags, message) => {
    expect(errorOf(() => apply(flags))).toMatch(message);
    if (HELM) expect(helmValues(args(flags)).error).toBeDefined();
  });

  test('differences from helm: an empty key is an error (helm ignores it)', () => {
    expect(errorOf(() => apply([['set', '=1']]))).toMatch(/has an empty key/);
    if (HELM) expect(helmValues(['--set', '=1']).values).toEqual({});
  });

  test('long arguments and keys are shortened in messages', () => {
    const long = `a=${'['.repeat(5000)}`;
    const e = errorOf(() => apply([['set-json', long]]));
    expect(e).toMatch(/^--set-json 'a=\[{95}\.\.\.' has the value '\[{97}\.\.\.' for 'a', which is not JSON/);
    expect(e.length).toBeLessThan(400);
  });

  test('the lists all flags create are capped', () => {
    const flags: Array<[SetKind, string]> = Array.from({ length: 20 }, (_, i) => ['set', `l${i}[65536]=1`] as [SetKind, string]);
    expect(errorOf(() => apply(flags))).toMatch(/create more than 1048576 list entries in all/);
  });

  test('16k set flags take linear time', () => {
    const base = Object.create(null);
    const applier = new SetApplier(base);
    const t0 = Date.now();
    for (let i = 0; i < 16_384; i++) applier.apply('set', `manager.nodeSelector.k${i}=v${i}`);
    expect(Object.keys(base.manager.nodeSelector).length).toBe(16_384);
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  test('maps made by set flags have no prototype', () => {
    const v = apply([['set', '__proto__.polluted=1']]);
    expect(v.__proto__).toEqual({ polluted: 1 });
    expect(({} as any).polluted).toBeUndefined();
    const base = Object.create(null);
    new SetApplier(base).apply('set', 'a.b=1');
    expect(Object.getPrototypeOf(base.a)).toBeNull();
  });
});
