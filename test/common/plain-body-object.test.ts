/**
 * PlainBodyApiObject skips cdk8s's per-value resolution for plain data; its
 * output must be what a plain ApiObject with the same content gives.
 */
import * as v8 from 'v8';
import { ApiObject, ApiObjectMetadata, App, Chart, IResolver, JsonPatch, Lazy, ResolutionContext, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { CloneSet, KruiseCrds } from '../../src';
import { PlainBodyApiObject } from '../../src/common/plain-body-object';

const BODY = () => ({
  spec: { zeta: 1, alpha: { b: [1, null, { d: 'x', c: undefined }], a: true }, gone: null, list: [] },
  data: { key: 'value' },
});

function pair(app: App = Testing.app()) {
  const chart = new Chart(app, 'c');
  const fast = new PlainBodyApiObject(chart, 'fast', { apiVersion: 'v1', kind: 'Thing', metadata: { name: 'fast', labels: { l: '1' } } }, BODY);
  const plain = new ApiObject(chart, 'plain', { apiVersion: 'v1', kind: 'Thing', metadata: { name: 'fast', labels: { l: '1' } }, ...BODY() });
  return { fast, plain };
}

/** Replaces one string wherever it appears, as a user's resolver might. */
class MirrorResolver implements IResolver {
  public resolve(context: ResolutionContext): void {
    if (typeof context.value === 'string' && context.value.startsWith('nginx')) context.replaceValue(`mirror.example.com/${context.value}`);
    if (context.value === 'apps.kruise.io') context.replaceValue('apps.kruise.example');
  }
}

/** Map keys that sort differently by code unit, by number and by locale, and one that cdk8s treats specially. */
const KEY = fc.constantFrom('a', 'B', 'b', '_x', '\u00e9', '10', '9', '0', 'z.y/x', 'app.kubernetes.io/name', 'a-b', 'a.b', 'constructor', '__proto__');
/** Metadata values: plain data with nulls, empty lists and maps (at any depth) that cdk8s drops. */
const VALUE = fc.letrec<{ value: unknown }>(tie => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(null, undefined, '', 'x', 0, 7, true, false),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(KEY, tie('value'), { maxKeys: 3 }),
  ),
})).value;
const STRINGS = fc.dictionary(KEY, fc.constantFrom('', 'v', 'a b', '1'), { maxKeys: 4 });
const METADATA: fc.Arbitrary<ApiObjectMetadata> = fc.record({
  name: fc.constantFrom('n', 'web-1'), // given: the two objects' generated names would differ
  namespace: fc.constantFrom('ns', ''),
  labels: STRINGS,
  annotations: STRINGS,
  finalizers: fc.array(fc.constantFrom('a/b', 'x'), { maxLength: 2 }),
  ownerReferences: fc.array(fc.record({ apiVersion: fc.constant('v1'), kind: fc.constant('K'), name: fc.constant('o'), uid: fc.constantFrom('u', '') }), { maxLength: 2 }),
  generateName: VALUE,
  extra: VALUE,
}, { requiredKeys: ['name'] }) as fc.Arbitrary<ApiObjectMetadata>;
/** What is added after construction, through cdk8s's metadata API. */
const ADDED = fc.record({ labels: STRINGS, annotations: STRINGS, attributes: fc.dictionary(KEY, VALUE, { maxKeys: 2 }) });

/** toJson() of an object, or the error it throws with the construct path left out. */
function rendered(o: ApiObject): string {
  try {
    return JSON.stringify(o.toJson(), (_k, v) => v === undefined ? '<undefined>' : v);
  } catch (e) {
    return `error: ${(e as Error).message.replace(`'${o.node.path}' with name '${o.name}'`, "'PATH' with name 'NAME'")}`;
  }
}

describe('PlainBodyApiObject', () => {
  test('metadata comes out as cdk8s renders it, for any plain metadata and any additions', () => {
    fc.assert(fc.property(METADATA, ADDED, (metadata, added) => {
      const chart = new Chart(Testing.app(), 'c');
      const fast = new PlainBodyApiObject(chart, 'fast', { apiVersion: 'v1', kind: 'Thing', metadata }, { spec: { a: 1 } });
      const plain = new ApiObject(chart, 'plain', { apiVersion: 'v1', kind: 'Thing', metadata, spec: { a: 1 } });
      for (const o of [fast, plain]) {
        for (const [k, v] of Object.entries(added.labels)) o.metadata.addLabel(k, v);
        for (const [k, v] of Object.entries(added.annotations)) o.metadata.addAnnotation(k, v);
        for (const [k, v] of Object.entries(added.attributes)) o.metadata.add(k, v);
      }
      expect(rendered(fast)).toBe(rendered(plain));
    }), { numRuns: 400 });
  });

  test('metadata holding a Lazy, or on a patched metadata object, is left to cdk8s', () => {
    const chart = new Chart(Testing.app(), 'c');
    const obj = new PlainBodyApiObject(chart, 'o', { apiVersion: 'v1', kind: 'Thing', metadata: { labels: { l: Lazy.any({ produce: () => 'lazy' }) as unknown as string } } }, {});
    expect(obj.toJson().metadata).toMatchObject({ labels: { l: 'lazy' } });
    obj.metadata.toJson = () => ({ name: 'mine' });
    expect(obj.toJson().metadata).toEqual({ name: 'mine' });
  });

  test('gives the same JSON as a plain ApiObject: sorted keys, no null or undefined, same key order', () => {
    const { fast, plain } = pair();
    expect(JSON.stringify(fast.toJson())).toBe(JSON.stringify(plain.toJson()));
  });

  test('keys sort as cdk8s sorts them (UTF-16 order), in small maps and large ones', () => {
    const keys = ['b', 'B', 'a', '_x', '\u00e9', '10', '9', 'z.y/x', 'Z', '-', 'aa', 'a-b', 'a.b', '0'];
    const small = Object.fromEntries(keys.slice(0, 7).reverse().map((k, i) => [k, i]));
    const large = Object.fromEntries([...keys, ...keys.map(k => `${k}2`)].reverse().map((k, i) => [k, { [k]: i, a: 1 }]));
    const chart = new Chart(Testing.app(), 'c');
    const fast = new PlainBodyApiObject(chart, 'fast', { apiVersion: 'v1', kind: 'Thing' }, { spec: { small, large } });
    const plain = new ApiObject(chart, 'plain', { apiVersion: 'v1', kind: 'Thing', spec: { small, large } });
    expect(JSON.stringify(fast.toJson().spec)).toBe(JSON.stringify(plain.toJson().spec));
  });

  test('JSON patches apply to the body, as on a plain ApiObject', () => {
    const { fast, plain } = pair();
    for (const o of [fast, plain]) o.addJsonPatch(JsonPatch.add('/spec/alpha/new', 2), JsonPatch.remove('/data'), JsonPatch.add('/extra', 'x'));
    expect(JSON.stringify(fast.toJson())).toBe(JSON.stringify(plain.toJson()));
    expect(fast.toJson()).toMatchObject({ spec: { alpha: { new: 2 } } });
  });

  test('a Lazy or token inside the body is resolved', () => {
    const chart = new Chart(Testing.app(), 'c');
    const obj = new PlainBodyApiObject(chart, 'o', { apiVersion: 'v1', kind: 'Thing' }, () => ({
      spec: { replicas: Lazy.any({ produce: () => 3 }), image: { resolve: () => 'nginx:1.27' } },
    }));
    expect(obj.toJson().spec).toEqual({ image: 'nginx:1.27', replicas: 3 });
  });

  test('a value cdk8s cannot render fails as it does, naming the construct', () => {
    const chart = new Chart(Testing.app(), 'c');
    class Opaque { public readonly x = 1; }
    const obj = new PlainBodyApiObject(chart, 'o', { apiVersion: 'v1', kind: 'Thing' }, () => ({ spec: { thing: new Opaque() } }));
    const plain = new ApiObject(chart, 'p', { apiVersion: 'v1', kind: 'Thing', spec: { thing: new Opaque() } });
    const message = (o: ApiObject) => {
      try {
        o.toJson();
      } catch (e) {
        return (e as Error).message.replace(`'${o.node.path}' with name '${o.name}'`, "'PATH' with name 'NAME'");
      }
      return 'no error';
    };
    expect(message(obj)).toBe("Failed serializing construct at path 'PATH' with name 'NAME': Error: can't render non-simple object of type 'Opaque'");
    expect(message(obj)).toBe(message(plain));
  });

  test('renderings of one shape share one hidden class, however many objects render (no per-object map)', () => {
    // V8 gives an object literal that starts with a spread of another object its own hidden class
    // (map, descriptors, key cache) once the spread's site has seen several shapes: ~300 bytes for
    // each object of an app. %HaveSameMap tells; the flag is only on while the checker compiles.
    v8.setFlagsFromString('--allow-natives-syntax');
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    const haveSameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: unknown, b: unknown) => boolean;
    v8.setFlagsFromString('--no-allow-natives-syntax');
    const chart = new Chart(Testing.app(), 'c');
    const bodies = [{ spec: { replicas: 1 } }, { data: { key: 'v' } }, { rules: [], spec: { paused: true } }];
    const objects = Array.from({ length: 300 }, (_, i) => new PlainBodyApiObject(chart, `o${i}`, {
      apiVersion: `example.com/v${i % 4}`,
      kind: `Kind${i % 5}`,
      metadata: i % 2 === 0 ? { name: `o${i}` } : { name: `o${i}`, labels: { app: `o${i}` } },
    }, bodies[i % 3]));
    const shapes: unknown[] = [];
    for (const json of objects.map(o => o.toJson())) {
      if (!shapes.some(s => haveSameMap(s, json))) shapes.push(json);
    }
    expect(shapes.length).toBe(bodies.length);
  });

  test('an app\'s own resolvers still see every value of the body (CRDs and custom resources)', () => {
    const app = Testing.app({ resolvers: [new MirrorResolver()] });
    const chart = new Chart(app, 'c');
    new KruiseCrds(chart, 'crds');
    new CloneSet(chart, 'web', { containers: [{ name: 'web', image: 'nginx:1.27' }] });
    const out = Testing.synth(chart);
    expect(out.find(o => o.kind === 'CloneSet').spec.template.spec.containers[0].image).toBe('mirror.example.com/nginx:1.27');
    expect(out.find(o => o.metadata.name === 'clonesets.apps.kruise.io').spec.group).toBe('apps.kruise.example');
  });
});
