/**
 * Property tests (fast-check, fixed seed) of kruise-synth's input parsers with
 * hostile input: random values files (random keys including `__proto__`,
 * `constructor`, `<<`, unicode and control characters, random nesting, raw
 * random text) and random `--set` flags (huge indexes, escapes, braces,
 * control characters). Every run, with `--output` over an existing file:
 * - exit 0 or 2, never anything else, and no stack trace or internal error;
 * - on exit 2: one terminal-safe line, and the old file byte-identical with no
 *   temp file left;
 * - on exit 0: the complete output, which a strict YAML 1.2 parser reads and
 *   which holds no control characters;
 * - Object.prototype untouched.
 * A few runs go through the compiled CLI in a fresh process as well.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { parseAllDocuments, stringify } from 'yaml';
import { SEED } from './check';
import { main } from '../../src/cli';

const RUNS = Number(process.env.HOSTILE_RUNS ?? 60);
const CLI = path.join(__dirname, '..', '..', 'bin', 'kruise-synth');
const OLD = 'old content\n\u0000keep me byte for byte\n';

/** Any code point: C0, DEL, C1, BMP, astral, and lone surrogates. */
const char = fc.oneof(
  fc.integer({ min: 0, max: 0x9f }),
  fc.constantFrom(0x2028, 0x202e, 0xfeff, 0xfffe, 0xffff, 0xd800, 0xdc00, 0x1f600),
  fc.integer({ min: 0xa0, max: 0x10ffff }),
).map(c => String.fromCodePoint(c));
const wildString = fc.array(char, { maxLength: 12 }).map(cs => cs.join(''));
const KNOWN = ['manager', 'replicas', 'nodeSelector', 'featureGates', 'daemon', 'imagePullSecrets', 'name', 'serviceAccount', 'annotations',
  'tolerations', 'resources', 'limits', 'cpu', 'installation', 'namespace', 'log', 'level', 'image', 'tag', 'externalCerts'];
const key = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', '<<', 'example.com/a', ...KNOWN),
  fc.string({ maxLength: 8 }),
  wildString,
);
const leaf = fc.oneof(
  fc.string({ maxLength: 10 }), wildString, fc.boolean(), fc.constant(null),
  fc.integer(), fc.constantFrom(0, -1, 2 ** 31, 2 ** 53, 1e30, -0, 65536),
  fc.double(), fc.constantFrom('1Ei', '2E', '100m', '.inf', 'yes', 'on', '0x1F', '017', '~'),
);
const tree = fc.letrec(tie => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(key, tie('node'), { maxKeys: 4 })),
})).node;
/** Mostly-plausible values (so that some runs succeed) with hostile parts mixed in. */
const plausible = fc.record({
  manager: fc.option(fc.record({
    replicas: fc.option(fc.oneof(fc.integer({ min: 1, max: 5 }), leaf), { nil: undefined }),
    nodeSelector: fc.option(fc.dictionary(fc.oneof(fc.constantFrom('a', 'example.com/b'), key), fc.oneof(fc.constantFrom('x', 'y-1'), leaf), { maxKeys: 3 }), { nil: undefined }),
  }, { requiredKeys: [] }), { nil: undefined }),
  serviceAccount: fc.option(fc.record({ annotations: fc.dictionary(fc.oneof(fc.constant('example.com/a'), key), fc.oneof(fc.string(), wildString), { maxKeys: 2 }) }), { nil: undefined }),
  featureGates: fc.option(fc.oneof(fc.constantFrom('ImagePullJobGate=true', 'ImagePullJobGate=TRUE', ' ', 'PodWebhook=False', ''), fc.string()), { nil: undefined }),
  extra: fc.option(tree, { nil: undefined }),
}, { requiredKeys: [] }).map(r => {
  const out: any = {};
  for (const [k, v] of Object.entries(r)) if (v !== undefined) out[k === 'extra' ? '__extra' : k] = v;
  if ('__extra' in out) {
    const extra = out.__extra;
    delete out.__extra;
    if (extra && typeof extra === 'object' && !Array.isArray(extra)) Object.assign(out, extra);
  }
  return out;
});

/** A values file: YAML of a random tree, or raw text built from YAML-ish pieces and wild characters. */
const valuesText = fc.oneof(
  plausible.map(v => {
    try {
      return stringify(v);
    } catch {
      return 'a: 1\n';
    }
  }),
  tree.map(v => {
    try {
      return stringify(v);
    } catch {
      return '{}';
    }
  }),
  fc.array(fc.oneof(fc.constantFrom('manager:', '\n', '  ', '- ', ': ', '&a ', '*a', '<<: ', '---\n', '"', "'", '{', '}', '[', ']', ',', '#', '\\x7f', 'yes', '.nan'), key, wildString), { maxLength: 30 })
    .map(parts => parts.join('')),
);

const index = fc.constantFrom(0, 1, 2, 65536, 65537, 2 ** 31, 200000000, -1).map(i => `[${i}]`);
const segment = fc.tuple(fc.oneof(fc.constantFrom('manager', 'replicas', 'nodeSelector', 'imagePullSecrets', 'name', 'featureGates', 'tolerations'), key), fc.option(index, { nil: '' }))
  .map(([k, i]) => k.replace(/[.=,[\]\\]/g, c => `\\${c}`) + i);
const setValue = fc.oneof(fc.constantFrom('3', 'true', 'TRUE', 'null', '{a,b}', '{}', 'a\\,b', '007', '1e400', '[1,2]', '{"a":1}', ''), fc.string({ maxLength: 8 }), wildString);
const assignment = fc.oneof(
  fc.tuple(fc.array(segment, { minLength: 1, maxLength: 4 }), setValue).map(([segments, v]) => `${segments.join('.')}=${v}`),
  fc.string({ maxLength: 20 }),
  wildString,
);
const setFlag = fc.tuple(fc.constantFrom('--set', '--set', '--set-string', '--set-json', '--set-literal'), assignment);

interface Outcome { code: number; out: string; err: string; file: string; dirEntries: string[] }

function runInProcess(args: string[]): Outcome {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hostile-prop-'));
  const out = path.join(dir, 'out.yaml');
  fs.writeFileSync(out, OLD);
  let stdout = '';
  let stderr = '';
  const code = main([...args, '--output', out], { stdout: t => { stdout += t; }, stderr: t => { stderr += t; } });
  const outcome = { code, out: stdout, err: stderr, file: fs.readFileSync(out, 'utf8'), dirEntries: fs.readdirSync(dir) };
  fs.rmSync(dir, { recursive: true, force: true });
  return outcome;
}

function checkOutcome(o: Outcome): void {
  expect([0, 2]).toContain(o.code);
  expect(o.out).toBe('');
  expect(o.dirEntries.filter(n => n !== 'values.yaml')).toEqual(['out.yaml']);
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTO_NAMES);
  if (o.code === 2) {
    expect(o.err).toMatch(/^kruise-synth: [^\n]+\n$/);
    expect(o.err).not.toMatch(/\bat .*\.[jt]s:\d+|internal error/);
    // eslint-disable-next-line no-control-regex
    expect(o.err.slice(0, -1)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(o.file).toBe(OLD);
  } else {
    expect(o.err).toBe('');
    // eslint-disable-next-line no-control-regex
    expect(o.file).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\ufffe\uffff]/);
    const docs = parseAllDocuments(o.file, { strict: true, uniqueKeys: true, version: '1.2' });
    for (const d of docs) expect(d.errors).toEqual([]);
    const objects = docs.map(d => d.toJS());
    expect(objects.length).toBeGreaterThanOrEqual(30);
    expect(objects.every(x => x.apiVersion && x.kind)).toBe(true);
  }
}

const PROTO_NAMES = Object.getOwnPropertyNames(Object.prototype).sort();
const stats = { ok: 0, refused: 0 };

afterAll(() => {
  // both outcomes were exercised
  expect(stats.ok).toBeGreaterThan(0);
  expect(stats.refused).toBeGreaterThan(0);
});

test(`values files: ${RUNS} random hostile files exit 0 or 2, with complete output or the old file`, () => {
  fc.assert(fc.property(valuesText, text => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hostile-values-'));
    const file = path.join(dir, 'values.yaml');
    fs.writeFileSync(file, text);
    const o = runInProcess(['-f', file]);
    fs.rmSync(dir, { recursive: true, force: true });
    checkOutcome(o);
    stats[o.code === 0 ? 'ok' : 'refused']++;
  }), { seed: SEED, numRuns: RUNS });
});

test(`--set flags: ${RUNS} random hostile flag lists exit 0 or 2, with complete output or the old file`, () => {
  fc.assert(fc.property(fc.array(setFlag, { maxLength: 5 }), flags => {
    const o = runInProcess(flags.flat());
    checkOutcome(o);
    stats[o.code === 0 ? 'ok' : 'refused']++;
  }), { seed: SEED, numRuns: RUNS });
});

test('the compiled CLI in a fresh process: exit 0 or 2, no stack trace', () => {
  const samples = fc.sample(fc.tuple(valuesText, fc.array(setFlag, { maxLength: 3 })), { seed: SEED, numRuns: 8 });
  for (const [text, flags] of samples) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hostile-cli-'));
    fs.writeFileSync(path.join(dir, 'values.yaml'), text);
    fs.writeFileSync(path.join(dir, 'out.yaml'), OLD);
    const r = spawnSync(process.execPath, [CLI, '-f', path.join(dir, 'values.yaml'), ...flags.flat(), '-o', path.join(dir, 'out.yaml')], { encoding: 'utf8' });
    checkOutcome({ code: r.status ?? -1, out: r.stdout, err: r.stderr, file: fs.readFileSync(path.join(dir, 'out.yaml'), 'utf8'), dirEntries: fs.readdirSync(dir) });
  }
});
