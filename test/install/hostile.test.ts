/**
 * The install's library API against hostile input: values and props from
 * JavaScript (Maps, cycles, nulls, wrong types, prototype keys), numbers
 * beyond their wire types, quantities, duplicate installs, control characters
 * on the way to `app.synth()`, and messages that mask secrets and show NaN,
 * Infinity and Lazy values as such.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Lazy, Testing } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { Kruise } from '../../src';
import { compareQuantityValues, parseQuantity as parseBaseQuantity, quantityToNumber } from '../../src/base/quantity';
import { maskUserinfo, showValue } from '../../src/base/show-value';

const parseQuantity = (q: string): number => quantityToNumber(parseBaseQuantity(q)!);
const compareQuantities = (a: string, b: string): number | undefined => compareQuantityValues(a, b);
import { KRUISE_PROPS_SHAPE } from '../../src/install/props-shape';

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect((e as Error).constructor).toBe(Error); // a message, never a TypeError or RangeError
    return (e as Error).message;
  }
  return '(no error)';
}

function values(v: unknown): string {
  return messageOf(() => {
    const app = Testing.app();
    Kruise.fromHelmValues(new Chart(app, 'test'), 'kruise', v);
    app.synthYaml();
  });
}

function props(p: unknown): string {
  return messageOf(() => {
    const app = Testing.app();
    new Kruise(new Chart(app, 'test'), 'kruise', p as any);
    app.synthYaml();
  });
}

describe('values from JavaScript', () => {
  test('a Map is refused, not read as {}', () => {
    expect(values(new Map([['manager', { replicas: 3 }]]))).toBe('values: must be a map of chart values, got a Map; pass a plain object, e.g. Object.fromEntries(map)');
    expect(values({ manager: new Map() })).toBe('values: manager Map(0): is a Map, not a plain map; pass a plain object, e.g. Object.fromEntries(map)');
  });

  test('cyclic values are a message', () => {
    const v: any = { manager: { nodeSelector: {} } };
    v.manager.nodeSelector.self = v;
    expect(values(v)).toBe('values: manager.nodeSelector.self "(cycle)": contains itself (a cycle); give a tree of plain values');
  });

  test('NaN, Infinity and functions are messages that show them as such', () => {
    expect(values({ manager: { replicas: NaN } })).toBe('values: manager.replicas NaN: is not a finite number; give a finite number');
    expect(values({ manager: { replicas: -Infinity } })).toBe('values: manager.replicas -Infinity: is not a finite number; give a finite number');
    expect(values({ manager: { replicas: () => 2 } })).toMatch(/^values: manager\.replicas \(a function\): is a function, which chart values cannot hold/);
  });

  test('prototype keys are unknown keys like any other', () => {
    for (const key of ['toString', 'constructor', 'hasOwnProperty', '__proto__', 'valueOf']) {
      expect(values(JSON.parse(`{"manager": {"${key}": 1}}`))).toMatch(new RegExp(`^values: manager\\.${key} 1: is not a key of the chart's values`));
    }
    expect(values(JSON.parse('{"__proto__": {"certManager": true}}'))).toMatch(/^values: __proto__ /);
    expect(({} as any).certManager).toBeUndefined();
  });

  test('null list entries are refused', () => {
    expect(values({ imagePullSecrets: [null, { name: 'a' }] })).toBe('values: imagePullSecrets[0] null: is an empty list entry, which the API server rejects; remove it');
    expect(values({ manager: { tolerations: [null] } })).toBe('values: manager.tolerations[0] null: is an empty list entry, which the API server rejects; remove it');
    expect(values({ installation: { roleListGroups: ['apps', null] } })).toBe('values: installation.roleListGroups[1] null: is an empty list entry; give a string, e.g. "apps"');
  });

  test('numbers are checked against their wire types', () => {
    expect(values({ manager: { replicas: 2 ** 31 } })).toBe('values: manager.replicas 2147483648: is out of range for a 32-bit integer; use a whole number up to 2147483647, e.g. manager.replicas: 2');
    expect(values({ manager: { tolerations: [{ key: 'a', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 1e30 }] } }))
      .toBe('values: manager.tolerations[0].tolerationSeconds 1e+30: is out of range for a 64-bit integer, which the API server rejects; use a whole number from -9223372036854775808 to 9223372036854775807');
    expect(values({ manager: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 2 ** 40, preference: {} }] } } })).toMatch(/weight 1099511627776: is out of range for a 32-bit integer/);
  });

  test('node selector keys and matchFields follow the API server', () => {
    const term = (t: object) => ({ manager: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [t] } } } });
    expect(values(term({ matchExpressions: [{ key: 'not a key', operator: 'Exists' }] }))).toMatch(/matchExpressions\[0\]\.key "not a key": is not a valid label key/);
    expect(values(term({ matchFields: [{ key: 'metadata.labels', operator: 'In', values: ['x'] }] }))).toMatch(/matchFields\[0\]\.key "metadata\.labels": is not a node field the API server can select on; matchFields supports only metadata\.name/);
    expect(values(term({ matchFields: [{ key: 'metadata.name', operator: 'Exists' }] }))).toMatch(/operator "Exists": is not a valid value; use one of In, NotIn/);
    expect(values(term({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a', 'b'] }] }))).toMatch(/must hold exactly one node name/);
    expect(values(term({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1'] }] }))).toBe('(no error)');
  });

  test('feature gates: blank refused, Go booleans accepted, chart-tested gates spelled exactly', () => {
    expect(values({ featureGates: ' ' })).toMatch(/is blank, and kruise-manager exits/);
    expect(values({ featureGates: 'ImagePullJobGate=TRUE' })).toBe('(no error)');
    expect(values({ featureGates: 'ImagePullJobGate=1,ResourceDistributionGate=t' })).toBe('(no error)');
    expect(values({ featureGates: 'KruiseDaemon=False' })).toMatch(/spells the KruiseDaemon gate as 'KruiseDaemon=False'/);
  });

  test('Go duration overflow, socketFile "..", IPv6 pprof address', () => {
    expect(values({ manager: { resyncPeriod: '2562048h' } })).toMatch(/is longer than a Go duration can hold/);
    expect(values({ manager: { resyncPeriod: '2562047h' } })).toBe('(no error)');
    expect(values({ daemon: { socketFile: '..' } })).toMatch(/ daemon\.socketFile "\.\.": is not a file name/);
    expect(values({ daemon: { socketFile: '.' } })).toMatch(/is not a file name/);
    expect(values({ daemon: { pprofAddr: '[::1]:10222' } })).toBe('(no error)');
    expect(values({ daemon: { pprofAddr: '[::1]:99999' } })).toMatch(/is not an address/);
  });

  test('control characters never reach app.synth(): refused with the key, escaped in the message', () => {
    expect(values({ serviceAccount: { annotations: { 'example.com/a': 'x\u007fy' } } }))
      .toBe('values: serviceAccount.annotations.example.com/a "x\\x7fy": holds the character U+007F, which YAML readers such as kubectl, helm and Argo CD reject or change; remove it (or write the text without control characters)');
    expect(values({ serviceAccount: { annotations: { 'a\u001b': 'x' } } })).toMatch(/^values: serviceAccount\.annotations\.a\\x1b "a\\u001b": holds the character U\+001B/);
    expect(values({ serviceAccount: { annotations: { 'example.com/a': '\ufffe' } } })).toMatch(/U\+FFFE/);
    // tab and newline are fine, and app.synth() output parses with a strict YAML 1.2 parser
    const app = Testing.app();
    Kruise.fromHelmValues(new Chart(app, 'test'), 'kruise', { serviceAccount: { annotations: { 'example.com/a': 'line1\nline2\tx' } } });
    for (const d of parseAllDocuments(app.synthYaml(), { strict: true, uniqueKeys: true })) expect(d.errors).toEqual([]);
  });

  test('Kubernetes older than the chart supports is refused', () => {
    expect(values({})).toBe('(no error)');
    expect(messageOf(() => Kruise.fromHelmValues(new Chart(Testing.app(), 'test'), 'kruise', {}, { kubeVersion: '1.15' })))
      .toBe('test/kruise: kubernetesVersion "1.15": is older than Kubernetes 1.18, the oldest chart 1.7.5 supports (its kubeVersion is >= 1.18.0-0); use 1.18 or later');
  });
});

describe('props from JavaScript', () => {
  test('null props and wrong types are messages naming the prop', () => {
    expect(props(null)).toBe('test/kruise: props null: is null, not a map of props; pass an object such as {} (or nothing) for the defaults');
    expect(props({ manager: null })).toBe("test/kruise: manager null: is null, not a map of props; set the props under 'manager' or leave it out");
    expect(props({ namespace: 5 })).toBe('test/kruise: namespace 5: is a number; give a string');
    expect(props({ createNamespace: 'false' })).toBe('test/kruise: createNamespace "false": is a string; give true or false');
    expect(props({ manager: { replicas: '3' } })).toBe('test/kruise: manager.replicas "3": is a string; give a number');
    expect(props({ manager: { replicas: NaN } })).toBe('test/kruise: manager.replicas NaN: is not a finite number; give a whole number');
    expect(props({ roleListGroups: 'apps' })).toBe('test/kruise: roleListGroups "apps": is a string; give a list of strings');
    expect(props({ image: { pullSecrets: [null] } })).toBe('test/kruise: image.pullSecrets [null]: is a list; give a list of strings');
  });

  test('unknown and prototype prop names are errors', () => {
    expect(props({ namespce: 'x' })).toBe("test/kruise: namespce \"x\": is not a prop here; did you mean 'namespace'?");
    expect(props(JSON.parse('{"toString": 1}'))).toMatch(/^test\/kruise: toString 1: is not a prop here/);
    expect(props({ manager: JSON.parse('{"constructor": 1}') })).toMatch(/^test\/kruise: manager\.constructor 1: is not a prop here/);
  });

  test('the shape table lists every KruiseProps prop', () => {
    const src = fs.readFileSync(path.join(__dirname, '..', '..', 'src', 'install', 'props.ts'), 'utf8');
    const body = /export interface KruiseProps \{([\s\S]*?)\n\}/.exec(src)![1];
    const declared = [...body.matchAll(/^ {2}readonly (\w+)\?/gm)].map(m => m[1]).sort();
    expect(Object.keys(KRUISE_PROPS_SHAPE.properties ?? {}).sort()).toEqual(declared);
  });

  test('two Kruise installs in one chart are refused', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'test');
    new Kruise(chart, 'a');
    expect(messageOf(() => new Kruise(chart, 'b'))).toMatch(/^test\/b: is a second Kruise install in the chart of test\/a, and the two would emit the same cluster-wide objects/);
  });

  test('control characters in props are refused', () => {
    expect(props({ serviceAccountAnnotations: { 'example.com/a': 'x\u0085' } })).toMatch(/^test\/kruise: serviceAccountAnnotations\.example\.com\/a "x\\x85": holds the character U\+0085/);
  });
});

describe('quantities', () => {
  test('every suffix, and the E suffix apart from exponents', () => {
    expect(parseQuantity('1Ei')).toBe(2 ** 60);
    expect(parseQuantity('2E')).toBe(2e18);
    expect(parseQuantity('2E3')).toBe(2000);
    expect(parseQuantity('2e-3')).toBe(0.002);
    expect(parseQuantity('1.5Pi')).toBe(1.5 * 2 ** 50);
    expect(compareQuantities('1Ei', '1E')).toBe(1);
    expect(compareQuantities('2E', '2')).toBe(1);
    expect(compareQuantities('1E3', '1k')).toBe(0);
    expect(compareQuantities('1.5Ei', '1Ei')).toBe(1);
    expect(values({ manager: { resources: { requests: { memory: '2E' }, limits: { memory: '1Ei' } } } })).toMatch(/is more than the limit "1Ei"/);
    expect(values({ manager: { resources: { requests: { memory: '1Ei' }, limits: { memory: '2E' } } } })).toBe('(no error)');
  });
});

describe('messages', () => {
  test('NaN, Infinity, Lazy, functions and cycles are shown as such', () => {
    expect(showValue(NaN)).toBe('NaN');
    expect(showValue([Infinity, -Infinity])).toBe('[Infinity,-Infinity]');
    expect(showValue(Lazy.any({ produce: () => 1 }))).toBe('(a Lazy value)');
    expect(showValue({ f: () => 1 })).toBe('{"f":(a function)}');
    const c: any = { a: 1 };
    c.self = c;
    expect(showValue(c)).toBe('{"a":1,"self":(cycle)}');
    expect(showValue(new Map([[1, 2]]))).toBe('Map(1)');
  });

  test('secret-like fields and URL credentials are masked', () => {
    expect(showValue({ name: 'regcred', password: 'hunter2', token: 't' })).toBe('{"name":"regcred","password":"***","token":"***"}');
    expect(showValue({ data: { k: 'v' }, stringData: { k: 'v' }, clientSecret: 's' })).toBe('{"data":"***","stringData":"***","clientSecret":"***"}');
    expect(maskUserinfo('https://user:pw@registry.example.com/x')).toBe('https://user:***@registry.example.com/x');
    expect(maskUserinfo('user:pw@registry.example.com/x')).toBe('user:***@registry.example.com/x');
    expect(showValue('user:pw@registry.example.com/kruise')).toBe('"user:***@registry.example.com/kruise"');
  });

  test('control characters are escaped', () => {
    expect(showValue('a\u001b[2J\u007f\u009b')).toBe('"a\\u001b[2J\\x7f\\x9b"');
  });

  test('fromHelmValues works in an App without Testing', () => {
    const app = new App({ outdir: os.tmpdir() });
    Kruise.fromHelmValues(new Chart(app, 'c'), 'kruise', JSON.parse('{"manager":{"replicas":3}}'));
    expect(app.synthYaml()).toMatch(/replicas: 3/);
  });
});
