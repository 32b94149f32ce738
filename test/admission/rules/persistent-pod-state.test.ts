import { upstreamExamples } from './upstream-examples';
import { admit } from '../../../src/admission/engine';
import { AdmissionContext, Finding } from '../../../src/admission/types';
import { describeWithReference } from '../../util/reference';

const ctx: AdmissionContext = { version: '1.7' };

function pps(spec: Record<string, any> = {}, name = 'web-state', namespace = 'apps'): any {
  return {
    apiVersion: 'apps.kruise.io/v1alpha1',
    kind: 'PersistentPodState',
    metadata: { name, namespace },
    spec: {
      targetRef: { apiVersion: 'apps.kruise.io/v1beta1', kind: 'StatefulSet', name: 'web' },
      requiredPersistentTopology: { nodeTopologyKeys: ['topology.kubernetes.io/zone'] },
      ...spec,
    },
  };
}

const errors = (f: Finding[]) => f.filter(x => x.severity === 'error');
const warnings = (f: Finding[]) => f.filter(x => x.severity === 'warning');
const has = (f: Finding[], rule: string, path: string) => expect(f).toEqual(expect.arrayContaining([expect.objectContaining({ rule, path })]));

describe('PersistentPodState admission', () => {
  test('a minimal valid PersistentPodState has no findings', () => {
    expect(admit(pps(), ctx)).toEqual([]);
  });

  test('PersistentPodState rule 1 (targetRef apiVersion/kind/name non-empty) denies an empty name', () => {
    const f = admit(pps({ targetRef: { apiVersion: 'apps/v1', kind: 'StatefulSet', name: '' } }), ctx);
    has(errors(f), 'PersistentPodState/target-ref-required', 'spec.targetRef');
    expect(errors(f)[0].message).toContain('name');
  });

  test('PersistentPodState rule 1 (targetRef apiVersion/kind/name non-empty) denies a missing targetRef', () => {
    const f = admit(pps({ targetRef: undefined }), ctx);
    has(errors(f), 'PersistentPodState/target-ref-required', 'spec.targetRef');
  });

  test('PersistentPodState rule 1 (targetRef apiVersion/kind/name non-empty) allows a complete reference', () => {
    expect(errors(admit(pps({ targetRef: { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db' } }), ctx))).toEqual([]);
  });

  test('PersistentPodState rule 2 (StatefulSet or the whitelist) warns for another kind: Kruise decides from its configuration', () => {
    const f = admit(pps({ targetRef: { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'CloneSet', name: 'web' } }), ctx);
    expect(errors(f)).toEqual([]);
    has(warnings(f), 'PersistentPodState/target-ref-kind', 'spec.targetRef');
  });

  test('PersistentPodState rule 2 (StatefulSet or the whitelist) warns for a StatefulSet of a foreign group', () => {
    const f = admit(pps({ targetRef: { apiVersion: 'example.com/v1', kind: 'StatefulSet', name: 'web' } }), ctx);
    has(warnings(f), 'PersistentPodState/target-ref-kind', 'spec.targetRef');
  });

  test('PersistentPodState rule 2 (StatefulSet or the whitelist) denies an apiVersion that does not parse', () => {
    const f = admit(pps({ targetRef: { apiVersion: 'a/b/c', kind: 'StatefulSet', name: 'web' } }), ctx);
    has(errors(f), 'PersistentPodState/target-ref-kind', 'spec.targetRef.apiVersion');
  });

  test('PersistentPodState rule 2 (StatefulSet or the whitelist) allows StatefulSets of apps and apps.kruise.io silently', () => {
    for (const apiVersion of ['apps/v1', 'apps.kruise.io/v1beta1', 'apps.kruise.io/v1alpha1']) {
      expect(admit(pps({ targetRef: { apiVersion, kind: 'StatefulSet', name: 'web' } }), ctx)).toEqual([]);
    }
  });

  test('PersistentPodState rule 3 (required or preferred topology) denies neither', () => {
    const f = admit(pps({ requiredPersistentTopology: undefined }), ctx);
    has(errors(f), 'PersistentPodState/topology-required', 'spec');
  });

  test('PersistentPodState rule 3 (required or preferred topology) denies an empty preferred list alone', () => {
    const f = admit(pps({ requiredPersistentTopology: undefined, preferredPersistentTopology: [] }), ctx);
    has(errors(f), 'PersistentPodState/topology-required', 'spec');
  });

  test('PersistentPodState rule 3 (required or preferred topology) allows a preferred topology alone', () => {
    const f = admit(pps({
      requiredPersistentTopology: undefined,
      preferredPersistentTopology: [{ weight: 100, preference: { nodeTopologyKeys: ['kubernetes.io/hostname'] } }],
    }), ctx);
    expect(f).toEqual([]);
  });

  test('PersistentPodState rule 4 (one per workload per namespace) denies the second of two over the same StatefulSet', () => {
    const first = pps({}, 'first');
    const second = pps({ targetRef: { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web' } }, 'second');
    // apps/v1 vs apps.kruise.io/v1beta1: different groups, so no conflict
    expect(errors(admit(second, { ...ctx, peers: [first, second] }))).toEqual([]);
    const third = pps({}, 'third');
    const peers = [first, second, third];
    const f = admit(third, { ...ctx, peers });
    has(errors(f), 'PersistentPodState/one-per-workload', 'spec.targetRef');
    expect(errors(f)[0].message).toContain('"first"');
    // Kruise admits the first one created
    expect(errors(admit(first, { ...ctx, peers }))).toEqual([]);
  });

  test('PersistentPodState rule 4 (one per workload per namespace) allows the same workload in another namespace or another name', () => {
    const a = pps({}, 'a', 'ns1');
    const b = pps({}, 'b', 'ns2');
    const c = pps({ targetRef: { apiVersion: 'apps.kruise.io/v1beta1', kind: 'StatefulSet', name: 'other' } }, 'c', 'ns1');
    expect(errors(admit(b, { ...ctx, peers: [a, b, c] }))).toEqual([]);
    expect(errors(admit(c, { ...ctx, peers: [a, b, c] }))).toEqual([]);
  });

  test('PersistentPodState rule 4 (one per workload per namespace) counts every peer when the object is not among them', () => {
    const other = pps({}, 'other');
    has(errors(admit(pps(), { ...ctx, peers: [other] })), 'PersistentPodState/one-per-workload', 'spec.targetRef');
  });
});

describeWithReference('PersistentPodState admission of the upstream examples', (dir) => {
  test('every upstream PersistentPodState example (1.7 and 1.8 manuals and samples) is admitted without errors', () => {
    // the samples' fragments (an unknown spec.foo and no required fields) are invalid on purpose
    const examples = upstreamExamples(dir, 'PersistentPodState').filter(e => e.obj.spec?.foo === undefined);
    expect(examples.length).toBeGreaterThan(0);
    for (const e of examples) {
      const found = admit(e.obj, { version: e.version, peers: e.peers }).filter(f => f.severity === 'error');
      expect({ file: e.file, errors: found }).toEqual({ file: e.file, errors: [] });
    }
  });
});
