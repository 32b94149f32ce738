import { Chart, Duration, Testing } from 'cdk8s';
import { FeatureGate, KruiseVersion } from '../../src';
import * as fragments from '../../src/api/fragments';
import { arr, instanceOf, int32, int64, mapOf, obj, Schema, str, strList } from '../../src/api/schema';
import { POD_FIELD_CHECKS, POD_FIELD_SHAPES, podFieldIssue } from '../../src/install/pod-fields';
import { KRUISE_PROPS_SHAPE, checkPropsShape } from '../../src/install/props-shape';
import { checkAgainstSchema, findingError, NamedCheck } from '../../src/validation/check-against-schema';

const THING = obj({ name: str(), size: int32({ minimum: 1, maximum: 9 }), mode: str({ enum: ['Fast', 'Slow'] }), tags: strList() }, ['name'], { 'x-kruise-check': 'thing' });
const CHECKS: { [name: string]: NamedCheck } = {
  thing: { what: 'a thing', fixes: { name: 'name the thing' }, object: (v, path) => v.name === 'bad' ? { path: `${path}.name`, value: v.name, problem: 'is bad', fix: 'pick another' } : undefined },
};
const check = (v: unknown, s: Schema = THING) => checkAgainstSchema(v, s, 'x', { checks: CHECKS });

describe('checkAgainstSchema', () => {
  test('what the schema says: types, unknown keys with the closest one, required, enum, ranges', () => {
    expect(check({ name: 'a', size: 3, mode: 'Fast', tags: ['t'] })).toBeUndefined();
    expect(check({ name: 'a', sise: 3 })).toEqual({ path: 'x.sise', value: 3, problem: 'is not a field of a thing', fix: "did you mean 'size'?" });
    expect(check({ name: 'a', zzzzzz: 3 })?.fix).toBe('use name, size, mode, tags');
    expect(check({ size: 3 })).toEqual({ path: 'x.name', value: undefined, problem: 'is required in a thing', fix: 'name the thing' });
    expect(check({ name: 'a', mode: 'fast' })).toMatchObject({ problem: 'is not one of Fast, Slow', fix: "did you mean 'Fast'?" });
    expect(check({ name: 'a', mode: 'zzzzzzzz' })).toMatchObject({ problem: 'is not a valid value', fix: 'use one of Fast, Slow' });
    expect(check({ name: 'a', size: 0 })).toMatchObject({ path: 'x.size', problem: 'is out of range', fix: 'use 1 to 9' });
    expect(check({ name: 'a', size: 2 ** 40 })).toMatchObject({ problem: 'is out of range for a 32-bit integer, which the API server rejects' });
    expect(checkAgainstSchema(1e30, int64(), 'n')?.problem).toBe('is out of range for a 64-bit integer, which the API server rejects');
    expect(check({ name: 'a', size: 1.5 })).toMatchObject({ problem: 'is not a whole number' });
    expect(check({ name: 'a', tags: 't' })).toMatchObject({ path: 'x.tags', problem: 'is not a list' });
    expect(check({ name: 'a', tags: [null] })).toMatchObject({ path: 'x.tags[0]', problem: 'is an empty list entry, which the API server rejects' });
    expect(check({ name: 7 })).toEqual({ path: 'x.name', value: 7, problem: 'is not a string', fix: "quote it, e.g. '7'" });
    expect(check([])).toMatchObject({ problem: 'is not a thing (a map)' });
  });

  test('named rules run after the structure; null and undefined are unset', () => {
    expect(check({ name: 'bad' })).toMatchObject({ path: 'x.name', problem: 'is bad' });
    expect(check({ name: 'bad', size: 0 })).toMatchObject({ path: 'x.size' });
    expect(check(undefined)).toBeUndefined();
    expect(check(null)).toBeUndefined();
    expect(check({ name: 'a', size: null })).toBeUndefined();
  });

  test('maps must be plain objects; prototype keys are unknown keys', () => {
    expect(checkAgainstSchema(new Map(), mapOf(str()), 'm')).toMatchObject({ problem: 'is not an object (a map)' });
    expect(check(JSON.parse('{"name":"a","__proto__":1}'))?.path).toBe('x.__proto__');
    expect(check({ name: 'a', toString: 1 })?.problem).toBe('is not a field of a thing');
  });

  test('a check or class name missing from the tables is a bug, not a pass', () => {
    expect(() => checkAgainstSchema({}, obj({}, undefined, { 'x-kruise-check': 'nope' }), 'x')).toThrow(/no named check 'nope'/);
    expect(() => checkAgainstSchema(1, instanceOf('Nope'), 'x')).toThrow(/no library class 'Nope'/);
  });

  test('findingError is the one message format', () => {
    expect(findingError('c/k', check({ size: 3 })!).message).toBe('c/k: x.name (unset): is required in a thing; name the thing');
  });
});

describe('the model fragments as pod-field schemas', () => {
  const names = (s: unknown, out = new Set<string>()): Set<string> => {
    if (Array.isArray(s)) {s.forEach(x => names(x, out));} else if (s && typeof s === 'object') {
      for (const [k, v] of Object.entries(s)) {
        if (k === 'x-kruise-check') out.add(String(v));
        names(v, out);
      }
    }
    return out;
  };

  test('every named check the fragments use is in the table, and every entry is used', () => {
    const used = names(POD_FIELD_SHAPES);
    for (const n of used) expect(POD_FIELD_CHECKS).toHaveProperty([n]);
    expect([...used].sort()).toEqual(Object.keys(POD_FIELD_CHECKS).sort());
  });

  test('the CRD form of every fragment carries no prop-check keywords', () => {
    for (const [name, f] of Object.entries(fragments)) {
      if (typeof f !== 'function') continue;
      const json = JSON.stringify((f as () => Schema)());
      expect({ name, checks: /x-kruise-/.test(json) }).toEqual({ name, checks: false });
    }
  });

  test('API-server rules of the table', () => {
    expect(podFieldIssue('r', { limits: { cpu: '1' }, requests: { cpu: '2' } }, 'resources')?.problem).toBe('is more than the limit "1", which the API server rejects');
    expect(podFieldIssue('r', { limits: { cpus: '1' } }, 'resources')).toMatchObject({ path: 'r.limits.cpus', fix: "did you mean 'cpu'?" });
    expect(podFieldIssue('r', { limits: { cpu: true } }, 'resources')?.problem).toBe('is not a quantity');
    expect(podFieldIssue('r', { claims: [{ request: 'a' }] }, 'resources')).toMatchObject({ path: 'r.claims[0].name', problem: 'is required in a resource claim' });
    expect(podFieldIssue('t', [{ operator: 'Exists', value: 'v' }], 'tolerations')?.path).toBe('t[0].value');
    expect(podFieldIssue('t', [{ effect: 'NoSchedul' }], 'tolerations')?.fix).toBe("did you mean 'NoSchedule'?");
    expect(podFieldIssue('e', [{ name: 'A', valueFrom: {} }], 'env')?.problem).toBe('must name exactly one source');
    expect(podFieldIssue('e', [{ name: 'A', valueFrom: { secretKeyRef: { name: 's', key: '' } } }], 'env')?.problem).toBe('is required in a Secret key reference');
    expect(podFieldIssue('e', [{ name: 'A', valueFrom: { fieldRef: {} } }], 'env')).toMatchObject({ path: 'e[0].valueFrom.fieldRef.fieldPath', problem: 'is required in a field reference' });
    const term = (t: unknown) => ({ requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [t] } });
    expect(podFieldIssue('n', term({ matchExpressions: [{ key: 'k', operator: 'Gt', values: ['x'] }] }), 'nodeAffinity')?.problem).toBe('must be one integer for operator Gt');
    expect(podFieldIssue('n', term({ matchExpressions: [{ key: 'k' }] }), 'nodeAffinity')).toMatchObject({ problem: 'is required in a node selector requirement', fix: 'use one of In, NotIn, Exists, DoesNotExist, Gt, Lt' });
    expect(podFieldIssue('n', { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } }, 'nodeAffinity')).toMatchObject({ problem: 'is empty', fix: 'give at least one node selector term' });
    expect(podFieldIssue('n', { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 5 }] }, 'nodeAffinity')).toBeUndefined();
    const anti = (t: unknown) => ({ podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [t] } });
    expect(podFieldIssue('a', anti({ topologyKey: '' }), 'affinity')).toMatchObject({ problem: 'is required in a pod affinity term' });
    expect(podFieldIssue('a', anti({ topologyKey: 'k', labelSelector: { matchLabels: { 'a b': 'x' } } }), 'affinity')).toMatchObject({ path: 'a.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchLabels.a b', problem: 'is not a valid label key' });
    expect(podFieldIssue('a', anti({ topologyKey: 'k', labelSelector: { matchExpressions: [{ key: 'k', operator: 'Gt', values: ['1'] }] } }), 'affinity')?.problem).toBe('is not one of In, NotIn, Exists, DoesNotExist');
  });

  test('the checks form adds to the CRD form and takes nothing away', () => {
    const strip = (s: unknown): unknown => JSON.parse(JSON.stringify(s, (k, v) => k === 'x-kruise-check' || k === 'enum' || k === 'minimum' || k === 'maximum' || k === 'minItems' ? undefined : v));
    expect(strip(fragments.toleration('checks'))).toEqual(fragments.toleration());
    expect(strip(fragments.labelSelector({}, 'checks'))).toEqual(fragments.labelSelector());
    expect(strip(fragments.nodeSelectorTerm('checks'))).toEqual(fragments.nodeSelectorTerm());
    expect(strip(arr(fragments.envVar('checks')))).toEqual(arr(fragments.envVar()));
  });
});

describe('the props of Kruise on the same walker (PROPS_VOICE, library classes)', () => {
  const props = (p: unknown) => {
    try {
      checkPropsShape('c/k', p);
      return undefined;
    } catch (e) {
      return (e as Error).message;
    }
  };

  test('library class values', () => {
    expect(props({ webhookTimeout: 30 })).toBe('c/k: webhookTimeout 30: is a number; give a cdk8s Duration, e.g. Duration.seconds(30)');
    expect(props({ webhookTimeout: Duration.seconds(5), version: KruiseVersion.V1_7, crdsScope: new Chart(Testing.app(), 'x') })).toBeUndefined();
    expect(props({ version: '1.7' })).toBe('c/k: version "1.7": is a string; give a KruiseVersion, e.g. KruiseVersion.V1_7');
    expect(props({ featureGates: [FeatureGate.IMAGE_PULL_JOB.enable(), 'PodWebhook=false'] })).toMatch(/^c\/k: featureGates .*: is a list; give a list of gate settings, e\.g\. \[FeatureGate\.IMAGE_PULL_JOB\.enable\(\)\]$/);
    expect(props({ manager: { podDisruptionBudget: { minAvailable: 1 } } })).toBe('c/k: manager.podDisruptionBudget.minAvailable 1: is a number; give an IntOrPercent, e.g. IntOrPercent.percent(50)');
    expect(props({ certManager: { issuer: { name: 'x' } } })).toMatch(/certManager\.issuer .*: is a map; give a CertManagerIssuer/);
  });

  test('maps must be plain, lists are checked one level, nulls are no default', () => {
    expect(props({ manager: { nodeSelector: new Map() } })).toBe('c/k: manager.nodeSelector Map(0): is a Map; give a map of strings');
    expect(props({ manager: { tolerations: [null] } })).toBe('c/k: manager.tolerations [null]: is a list; give a list');
    expect(props({ manager: { tolerations: [{ anything: 1 }], resources: { limits: {} } } })).toBeUndefined();
    expect(props({ daemon: { port: null } })).toBe('c/k: daemon.port null: is null; give a number, or leave it out for the default');
    expect(props({ daemon: { credentialProvider: { pluginHostPth: '/x' } } })).toBe("c/k: daemon.credentialProvider.pluginHostPth \"/x\": is not a prop here; did you mean 'daemon.credentialProvider.pluginHostPath'?");
    expect(props({ _chartValue: {} })).toMatch(/is not a prop here; the props are: version, /);
  });

  test('the table is the model schema type: every group is an object node, every leaf a type or a library class', () => {
    const leaves = (s: Schema, path: string): string[] => s.properties
      ? Object.entries(s.properties).flatMap(([k, v]) => leaves(v, `${path}.${k}`))
      : [s.type === undefined && s['x-kruise-class'] === undefined ? path : ''].filter(Boolean);
    expect(leaves(KRUISE_PROPS_SHAPE, 'props')).toEqual([]);
  });
});
