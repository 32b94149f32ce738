/**
 * Property tests (fast-check, fixed seed): `Kruise` props and chart values as
 * JavaScript can hand them over: any prop or values key set to a value of any
 * type (null, NaN, Infinity, strings with control characters, Maps, class
 * instances, cycles, nested junk). Every run either synthesizes YAML that a
 * strict YAML 1.2 parser reads, without raw control characters, or fails with
 * a plain Error (never a TypeError or RangeError) whose one message names the
 * construct path or the values key.
 */
import { Chart, Duration, Testing } from 'cdk8s';
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { SEED } from './check';
import { Kruise } from '../../src';
import type { Schema } from '../../src/api/schema';
import { CHART_VALUES } from '../../src/install/helm-values';
import { KRUISE_PROPS_SHAPE } from '../../src/install/props-shape';

const RUNS = Number(process.env.HOSTILE_RUNS ?? 100);

const cyclic = (() => {
  const c: any = { a: 1 };
  c.self = c;
  return c;
})();
const junk: fc.Arbitrary<unknown> = fc.letrec(tie => ({
  v: fc.oneof({ depthSize: 'small' },
    fc.constantFrom(null, undefined, NaN, Infinity, -Infinity, -0, 0, 1, -1, 2 ** 31, 1e30, 1.5, true, false, '', ' ', 'x', '1Ei', '2E', 'a\u007fb', '\u001b[2J', '\ud800',
      '__proto__', 'toString', new Map([['a', 1]]), new Set([1]), new Date(0), Duration.seconds(5), cyclic, () => 1, Symbol('s'), 10n),
    fc.string({ maxLength: 6 }),
    fc.integer(),
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'toString', 'name', 'key', 'value', 'cpu', 'limits', 'a'), tie('v'), { maxKeys: 3 }),
  ),
})).v;

/** Every dotted path of the chart values table. */
function paths(shape: any, prefix = ''): string[] {
  return Object.entries(shape).flatMap(([k, v]) => {
    const p = prefix ? `${prefix}.${k}` : k;
    return v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 0 ? [p, ...paths(v, p)] : [p];
  });
}

/** Every dotted path of the props schema (its `properties`, nested). */
function propPaths(schema: Schema, prefix = ''): string[] {
  return Object.entries(schema.properties ?? {}).flatMap(([k, v]) => {
    const p = prefix ? `${prefix}.${k}` : k;
    return v.properties ? [p, ...propPaths(v, p)] : [p];
  });
}

function setPath(target: any, path: string, value: unknown): any {
  const keys = path.split('.');
  let node = target;
  for (const k of keys.slice(0, -1)) node = node[k] ??= {};
  node[keys[keys.length - 1]] = value;
  return target;
}

const edits = (all: string[]) => fc.array(fc.tuple(fc.constantFrom(...all, '__proto__', 'toString', 'constructor'), junk), { minLength: 1, maxLength: 3 });

function check(build: (chart: Chart) => void, where: RegExp): void {
  const app = Testing.app();
  const chart = new Chart(app, 'test');
  let yaml: string;
  try {
    build(chart);
    yaml = app.synthYaml();
  } catch (e) {
    expect(e).toBeInstanceOf(Error);
    if ((e as Error).constructor !== Error) throw new Error(`${(e as Error).constructor.name}: ${(e as Error).message}`);
    const message = (e as Error).message;
    if (!where.test(message) && !/^Validation failed with the following errors:\n {2}\[test\/kruise/.test(message)) throw new Error(`message names neither the construct nor the key: ${message}`);
    // eslint-disable-next-line no-control-regex
    expect(message).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    return;
  }
  for (const d of parseAllDocuments(yaml, { strict: true, uniqueKeys: true })) expect(d.errors).toEqual([]);
  // eslint-disable-next-line no-control-regex
  expect(yaml).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
}

test(`Kruise: ${RUNS} runs of props with hostile values give output or a plain Error naming the construct`, () => {
  fc.assert(fc.property(edits(propPaths(KRUISE_PROPS_SHAPE)), list => {
    const props: any = {};
    for (const [p, v] of list) {
      try {
        setPath(props, p, v);
      } catch {
        // a path through a non-object: skip that edit
      }
    }
    check(chart => new Kruise(chart, 'kruise', props), /^test\/kruise(\/[\w-]+)*: /);
  }), { seed: SEED, numRuns: RUNS });
});

test(`Kruise.fromHelmValues: ${RUNS} runs of values with hostile values give output or a plain Error naming the key`, () => {
  fc.assert(fc.property(edits(paths(CHART_VALUES)), list => {
    const values: any = {};
    for (const [p, v] of list) {
      try {
        setPath(values, p, v);
      } catch {
        // a path through a non-object: skip that edit
      }
    }
    check(chart => Kruise.fromHelmValues(chart, 'kruise', values), /^(values|test\/kruise)\b/);
  }), { seed: SEED, numRuns: RUNS });
});
