import { KRUISE_1_7_KINDS } from '../../src/api/kinds';
import { int32, obj, str } from '../../src/api/schema';
import { applyModelDelta, applySchemaChange, knownVersions, versionData } from '../../src/versions/registry';
import { VersionDelta } from '../../src/versions/types';

const delta = (model: VersionDelta['model']): VersionDelta => ({ version: '9.9', base: '1.8', chartVersion: '9.9.0', imageTag: 'v9.9.0', model, gates: {} });

describe('versions as data', () => {
  test('1.7 is the base; 1.8 a delta over it', () => {
    expect(knownVersions()).toEqual(['1.7', '1.8']);
    expect(versionData('1.7').kinds).toBe(KRUISE_1_7_KINDS);
    expect(versionData('1.8').base).toBe('1.7');
    expect(versionData('1.8').gates.size).toBe(32);
    expect(versionData('1.7').gates.size).toBe(28);
    expect(() => versionData('1.9')).toThrow(/'1.9' is not known; known: 1.7, 1.8/);
  });

  test('kinds the delta does not touch are the same objects (13 of 18); the model of 1.7 is not changed', () => {
    const v17 = versionData('1.7').kinds;
    const v18 = versionData('1.8').kinds;
    const shared = v18.filter((k, i) => k === v17[i]).map(k => k.kind);
    expect(shared).toHaveLength(13);
    expect(shared).not.toContain('WorkloadSpread');
    const ws17 = v17.find(k => k.kind === 'WorkloadSpread')!.versions[0].schema.properties!.spec.properties!;
    expect(ws17.targetFilter).toBeUndefined();
  });

  test('changes at a wrong path or over an existing field fail, naming the version, kind and path', () => {
    const root = obj({ spec: obj({ a: str() }, ['a']) });
    expect(() => applySchemaChange(root, { op: 'add', path: 'spec.x.y', schema: str() }, 'K 9.9')).toThrow(/K 9.9: no schema at 'spec.x.y' \(stops at 'x'\)/);
    expect(() => applySchemaChange(root, { op: 'add', path: 'spec.a', schema: str() }, 'K')).toThrow(/'spec.a' exists already/);
    expect(() => applySchemaChange(root, { op: 'set', path: 'spec.b', keywords: { default: 1 } }, 'K')).toThrow(/no schema at 'spec.b' to set/);
    applySchemaChange(root, { op: 'remove', path: 'spec.a' }, 'K');
    expect(root).toEqual({ type: 'object', properties: { spec: { type: 'object', properties: {} } } });
  });

  test('a later version can add a served version, move storage, remove a field and join the chart (what 1.9 needs)', () => {
    const kinds = applyModelDelta(versionData('1.8').kinds, delta({
      fields: [{ kind: 'UnitedDeployment', version: 'v1alpha1', schema: [{ op: 'remove', path: 'spec.topology.scheduleStrategy.adaptive.unschedulableLastSeconds' }] }],
      serving: [
        { kind: 'SidecarSet', addVersion: { name: 'v1beta1', from: 'v1alpha1', served: true, storage: false, schema: [{ op: 'add', path: 'spec.customVersion', schema: str() }, { op: 'remove', path: 'spec.namespace' }] }, storageVersion: 'v1beta1', conversionWebhook: true },
        { kind: 'EphemeralJob', inChart: true },
      ],
    }));
    const ss = kinds.find(k => k.kind === 'SidecarSet')!;
    expect(ss.versions.map(v => [v.name, v.served, v.storage])).toEqual([['v1alpha1', true, false], ['v1beta1', true, true]]);
    expect(ss.conversionWebhook).toBe(true);
    expect(ss.versions[1].schema.properties!.spec.properties!.customVersion).toEqual(str());
    expect(ss.versions[1].schema.properties!.spec.properties!.namespace).toBeUndefined();
    expect(ss.versions[0].schema.properties!.spec.properties!.namespace).toBeDefined();
    const adaptive = kinds.find(k => k.kind === 'UnitedDeployment')!.versions[0].schema.properties!.spec.properties!.topology.properties!.scheduleStrategy.properties!.adaptive;
    expect(Object.keys(adaptive.properties!)).toEqual(['rescheduleCriticalSeconds']);
    expect(adaptive.properties!.rescheduleCriticalSeconds).toMatchObject(int32());
    expect(kinds.find(k => k.kind === 'EphemeralJob')!.inChart).toBe(true);
    expect(() => applyModelDelta(versionData('1.8').kinds, delta({ fields: [{ kind: 'Nope', version: 'v1' }] }))).toThrow(/names kind 'Nope', which Kruise 1.8 does not have/);
  });
});
