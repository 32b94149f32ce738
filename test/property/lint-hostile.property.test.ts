/**
 * Property tests (fast-check, fixed seed) of kruise-lint with hostile input:
 * random YAML streams of Kruise-looking objects whose keys include
 * `__proto__`, `constructor`, `toString`, huge list indexes in paths, unicode,
 * control characters, with random nesting, plus raw random text. Every run:
 * - exits 0, 1 or 2, never anything else, with no stack trace or internal error;
 * - on exit 2: one terminal-safe line on stderr and nothing on stdout;
 * - on exit 0 or 1 with `--format json`: stdout is a JSON array of findings,
 *   each with the contract's fields; in text: no raw control character;
 * - Object.prototype untouched.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { SEED } from './check';
import { main } from '../../src/cli-lint';

const RUNS = Number(process.env.HOSTILE_RUNS ?? 300);

const char = fc.oneof(
  fc.integer({ min: 0, max: 0x9f }),
  fc.constantFrom(0x2028, 0x202e, 0xfeff, 0xfffe, 0xffff, 0x1f600),
  fc.integer({ min: 0xa0, max: 0x2fff }),
).map(c => String.fromCodePoint(c));
const wildString = fc.array(char, { maxLength: 10 }).map(cs => cs.join(''));
const key = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'spec', 'metadata', 'selector', 'template',
    'containers', 'replicas', 'updateStrategy', 'maxUnavailable', 'matchLabels', 'name', 'namespace', 'labels', 'annotations'),
  fc.string({ maxLength: 8 }),
  wildString,
);
const leaf = fc.oneof(
  fc.string({ maxLength: 10 }), wildString, fc.boolean(), fc.constant(null),
  fc.integer(), fc.constantFrom(0, -1, 2 ** 31, 2 ** 53, 1e30, 65536, 200000000), fc.double(),
  fc.constantFrom('0%', '120%', '1Ei', 'yes', '0x1F', '017', '~', 'nginx:1.27'),
);
const tree = fc.letrec(tie => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(key, tie('node'), { maxKeys: 4 })),
})).node;
const kind = fc.constantFrom('CloneSet', 'StatefulSet', 'DaemonSet', 'SidecarSet', 'BroadcastJob', 'AdvancedCronJob', 'UnitedDeployment',
  'WorkloadSpread', 'ResourceDistribution', 'PodProbeMarker', 'ImagePullJob', 'ContainerRecreateRequest', 'Deployment', 'Nope');
const object = fc.record({
  apiVersion: fc.constantFrom('apps.kruise.io/v1alpha1', 'apps.kruise.io/v1beta1', 'policy.kruise.io/v1alpha1', 'apps/v1', 'v1', 'apps.kruise.io/v9'),
  kind,
  metadata: fc.option(fc.oneof(fc.record({ name: fc.oneof(fc.constantFrom('web', 'a'), wildString), namespace: fc.option(fc.constantFrom('shop', 'x'), { nil: undefined }) }), tree), { nil: undefined }),
  spec: fc.option(tree, { nil: undefined }),
}, { requiredKeys: ['apiVersion', 'kind'] });
/** A YAML stream: serialized objects (keys like __proto__ kept as own keys), or raw random text. */
const stream = fc.oneof(
  { weight: 4, arbitrary: fc.array(object, { minLength: 1, maxLength: 4 }).map(objs => objs.map(o => stringify(JSON.parse(JSON.stringify(o)), { aliasDuplicateObjects: false })).join('---\n')) },
  { weight: 1, arbitrary: fc.array(char, { maxLength: 200 }).map(cs => cs.join('')) },
);

function lint(args: string[], stdin: string) {
  let out = '';
  let err = '';
  const code = main(args, {
    stdout: t => { out += t; },
    stderr: t => { err += t; },
    read: (name: string) => {
      if (name !== '-') throw new Error(`unexpected read of ${name}`);
      return stdin;
    },
  });
  return { code, out, err };
}

// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

test('kruise-lint on random hostile YAML: exit 0, 1 or 2, one clean line or a JSON array, no pollution', () => {
  fc.assert(fc.property(stream, fc.boolean(), (text, json) => {
    const r = lint(json ? ['--format', 'json', '-'] : ['-'], text);
    expect([0, 1, 2]).toContain(r.code);
    expect(`${r.out}${r.err}`).not.toMatch(/\n\s+at .*:\d+:\d+|internal error|TypeError|RangeError/);
    if (r.code === 2) {
      expect(r.out).toBe('');
      expect(r.err.split('\n').filter(l => l !== '')).toHaveLength(1);
      expect(r.err).not.toMatch(RAW_CONTROL);
    } else if (json) {
      const findings = JSON.parse(r.out);
      expect(Array.isArray(findings)).toBe(true);
      for (const f of findings) expect(Object.keys(f).sort()).toEqual(expect.arrayContaining(['file', 'kind', 'line', 'message', 'path', 'rule', 'severity']));
      // JSON escapes C0 itself; DEL and C1 are legal raw JSON and stay the data they were.
    } else {
      expect(r.out).not.toMatch(RAW_CONTROL);
    }
    expect(Object.getOwnPropertyNames(Object.prototype).filter(k => !['constructor', '__proto__', 'toString', 'toLocaleString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__'].includes(k))).toEqual([]);
  }), { seed: SEED, numRuns: RUNS });
});
