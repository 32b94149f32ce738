/**
 * l1ToJson must give exactly what the generated `toJson_<Type>` gives (keys,
 * their order, undefined map values), or the generated function's own error,
 * for any input: checked on inputs generated from each type's fields.
 */
import * as K8s from 'cdk8s-plus-28/lib/imports/k8s';
import * as fc from 'fast-check';
import { L1Field, l1Fields, L1Module, l1ToJson, Shape } from '../../src/base/l1-to-json';

const K8S = K8s as unknown as L1Module;

/** The types the library converts (src/common/cdk8s-internals.ts), and a few with the rarer shapes. */
const USED = ['PodSpec', 'LabelSelector', 'Container', 'Volume', 'Probe', 'NodeSelectorRequirement', 'Toleration', 'DeploymentStrategy'];
const RARER = ['ResourceRequirements', 'ObjectMeta', 'PersistentVolumeSpec', 'KubeDeploymentProps', 'Affinity', 'CsiDriverSpec', 'KubeConfigMapProps', 'NetworkPolicySpec'];

/** A value written out with everything that tells two results apart: key order, undefined values, holes, prototypes. */
function show(v: unknown): string {
  if (v === undefined) return '<undefined>';
  if (v instanceof Date) return `<date ${v.toISOString()}>`;
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${Array.from({ length: v.length }, (_x, i) => i in v ? show(v[i]) : '<hole>').join(',')}]`;
  const proto = Object.getPrototypeOf(v) === Object.prototype ? '' : '<own prototype>';
  return `${proto}{${Object.keys(v).map(k => `${JSON.stringify(k)}:${show((v as { [k: string]: unknown })[k])}`).join(',')}}`;
}

/** What a call gives, comparable: its result (see show) or its error. */
function outcome(run: () => unknown): string {
  try {
    return `ok ${show(run())}`;
  } catch (e) {
    return `error ${(e as Error).constructor.name}: ${(e as Error).message}`;
  }
}

function generated(type: string, value: unknown): unknown {
  return (K8S[`toJson_${type}`] as (v: unknown) => unknown)(value);
}

/** Map keys, with the two a plain assignment treats otherwise. */
const KEY = fc.constantFrom('a', 'b', '1', '0', 'constructor', '__proto__');

/** A map of the given items, with own keys even for `__proto__`. */
function mapOf(item: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.array(fc.tuple(KEY, item), { maxLength: 3 }).map(entries => {
    const map: { [key: string]: unknown } = {};
    for (const [k, v] of entries) Object.defineProperty(map, k, { value: v, enumerable: true, writable: true, configurable: true });
    return map;
  });
}

const ODD = fc.constantFrom<unknown>(null, 'text', 7, ['x']);

function valueFor(field: L1Field, depth: number): fc.Arbitrary<unknown> {
  const nested = () => depth < 2 ? objectOf(field.type!, depth + 1) : fc.constant({});
  switch (field.shape) {
    case Shape.PLAIN: return fc.constantFrom<unknown>('x', 0, true, null, { a: 1 }, ['a']);
    case Shape.STRUCT: return fc.oneof({ arbitrary: nested(), weight: 4 }, { arbitrary: ODD, weight: 1 });
    case Shape.STRUCTS: {
      const item = fc.oneof({ arbitrary: nested(), weight: 4 }, { arbitrary: fc.constantFrom(undefined, null), weight: 1 });
      return fc.oneof(fc.array(item, { maxLength: 2 }), ODD, fc.constant([, {}] as unknown)); // eslint-disable-line no-sparse-arrays
    }
    case Shape.LIST: return fc.constantFrom<unknown>([], ['a', 'b'], null, 'text', [, 'a']); // eslint-disable-line no-sparse-arrays
    case Shape.VALUE: return fc.constantFrom<unknown>({ value: 'x' }, { value: 3 }, null, 5);
    case Shape.DATE: return fc.constantFrom<unknown>(new Date(0), null, '2020-01-01');
    case Shape.MAP: return fc.oneof(mapOf(fc.constantFrom(undefined, null, 'v', 1)), ODD);
    case Shape.MAP_VALUE: return fc.oneof(mapOf(fc.constantFrom<unknown>(undefined, null, { value: '1' }, 'x')), ODD);
    case Shape.MAP_STRUCT: return mapOf(fc.oneof(nested(), fc.constantFrom(undefined, null)));
    default: return mapOf(fc.constantFrom<unknown>(undefined, null, ['a'], 'text'));
  }
}

function objectOf(fields: ReadonlyArray<L1Field>, depth: number): fc.Arbitrary<unknown> {
  return fc.record(Object.fromEntries(fields.map(f => [f.prop, valueFor(f, depth)])), { requiredKeys: [] });
}

describe('l1ToJson', () => {
  test('every generated function of cdk8s-plus\'s Kubernetes module is read, but the recursive JSON schema and those that nest it', () => {
    const unread = Object.keys(K8S).filter(k => k.startsWith('toJson_')).map(k => k.slice('toJson_'.length)).filter(t => l1Fields(K8S, t) === null);
    expect(unread.sort()).toEqual([
      'CustomResourceDefinitionSpec', 'CustomResourceDefinitionVersion', 'CustomResourceValidation', 'JsonSchemaProps',
      'KubeCustomResourceDefinitionListProps', 'KubeCustomResourceDefinitionProps',
    ]);
  });

  test.each([...USED, ...RARER])('%s: the generated function\'s result or error, for any input', (type) => {
    const fields = l1Fields(K8S, type);
    expect(fields).not.toBeNull();
    fc.assert(fc.property(fc.oneof({ arbitrary: objectOf(fields!, 0), weight: 9 }, { arbitrary: fc.constantFrom<unknown>(undefined, null, 'text'), weight: 1 }), (input) => {
      expect(outcome(() => l1ToJson(K8S, type, input))).toBe(outcome(() => generated(type, input)));
    }), { numRuns: 300 });
  });

  test('a real pod spec: the same JSON, key order included', () => {
    const spec: K8s.PodSpec = {
      containers: [{
        name: 'web',
        image: 'nginx',
        ports: [{ containerPort: 80 }],
        resources: { limits: { cpu: K8s.Quantity.fromString('1') }, requests: { memory: K8s.Quantity.fromString('64Mi') } },
        livenessProbe: { httpGet: { port: K8s.IntOrString.fromNumber(80), path: '/' } },
      }],
      hostIpc: true,
      setHostnameAsFqdn: false,
      nodeSelector: { zone: 'a', 1: 'x' },
      volumes: [{ name: 'd', downwardApi: { items: [{ path: 'p', fieldRef: { fieldPath: 'metadata.name' } }] } }],
    };
    const fast = outcome(() => l1ToJson(K8S, 'PodSpec', spec));
    expect(fast).toBe(outcome(() => generated('PodSpec', spec)));
    expect(fast).toContain('"hostIPC":true');
    expect(fast).toContain('"downwardAPI"');
  });

  test('a function of another shape is called as it is; a missing one is an internal error', () => {
    const calls: unknown[] = [];
    const mod: L1Module = { toJson_Odd: (v: unknown) => { calls.push(v); return { odd: true }; } };
    expect(l1ToJson(mod, 'Odd', { a: 1 })).toEqual({ odd: true });
    expect(calls).toEqual([{ a: 1 }]);
    expect(() => l1ToJson(mod, 'Missing', {})).toThrow('internal: no toJson_Missing in the L1 module');
  });
});
