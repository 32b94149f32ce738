import { upstreamExamples } from './upstream-examples';
import { admit } from '../../../src/admission/engine';
import { AdmissionContext, Finding } from '../../../src/admission/types';
import { describeWithReference } from '../../util/reference';

const ctx: AdmissionContext = { version: '1.7' };

function pub(spec: Record<string, any> = {}, opts: { name?: string; namespace?: string; annotations?: Record<string, string> } = {}): any {
  return {
    apiVersion: 'policy.kruise.io/v1alpha1',
    kind: 'PodUnavailableBudget',
    metadata: { name: opts.name ?? 'web-pub', namespace: opts.namespace ?? 'apps', ...(opts.annotations ? { annotations: opts.annotations } : {}) },
    spec: { selector: { matchLabels: { app: 'web' } }, maxUnavailable: '25%', ...spec },
  };
}

const errors = (f: Finding[]) => f.filter(x => x.severity === 'error');
const has = (f: Finding[], rule: string, path: string) => expect(f).toEqual(expect.arrayContaining([expect.objectContaining({ rule, path })]));

describe('PodUnavailableBudget admission', () => {
  test('a minimal valid PodUnavailableBudget has no findings', () => {
    expect(admit(pub(), ctx)).toEqual([]);
  });

  test('PodUnavailableBudget rule 1 (gate PodUnavailableBudgetDeleteGate or UpdateGate) denies when both are off', () => {
    const f = admit(pub(), { ...ctx, gate: () => false });
    has(errors(f), 'PodUnavailableBudget/feature-gate', 'kind');
  });

  test('PodUnavailableBudget rule 1 (gate PodUnavailableBudgetDeleteGate or UpdateGate) allows either gate on, or an unknown install', () => {
    const only = (on: string) => (g: string) => g === on;
    expect(errors(admit(pub(), { ...ctx, gate: only('PodUnavailableBudgetDeleteGate') }))).toEqual([]);
    expect(errors(admit(pub(), { ...ctx, gate: only('PodUnavailableBudgetUpdateGate') }))).toEqual([]);
    expect(errors(admit(pub(), { ...ctx, gate: g => (g === 'PodUnavailableBudgetDeleteGate' ? false : undefined) }))).toEqual([]);
    expect(errors(admit(pub(), ctx))).toEqual([]);
  });

  test('PodUnavailableBudget rule 2 (kruise.io/pub-protect-operations a comma list of UPDATE, DELETE, EVICT) denies unknown or spaced items', () => {
    for (const value of ['DELETE,PATCH', 'DELETE, EVICT', '', 'delete']) {
      const f = admit(pub({}, { annotations: { 'kruise.io/pub-protect-operations': value } }), ctx);
      has(errors(f), 'PodUnavailableBudget/protect-operations', 'metadata.annotations["kruise.io/pub-protect-operations"]');
    }
  });

  test('PodUnavailableBudget rule 2 (kruise.io/pub-protect-operations a comma list of UPDATE, DELETE, EVICT) allows the three', () => {
    expect(admit(pub({}, { annotations: { 'kruise.io/pub-protect-operations': 'UPDATE,DELETE,EVICT' } }), ctx)).toEqual([]);
    expect(admit(pub({}, { annotations: { 'kruise.io/pub-protect-operations': 'EVICT' } }), ctx)).toEqual([]);
  });

  test('PodUnavailableBudget rule 3 (pub.kruise.io/protect-total-replicas an int32) denies a non-integer and an overflow', () => {
    for (const value of ['ten', '1.5', '2147483648', '']) {
      const f = admit(pub({}, { annotations: { 'pub.kruise.io/protect-total-replicas': value } }), ctx);
      has(errors(f), 'PodUnavailableBudget/protect-total-replicas', 'metadata.annotations["pub.kruise.io/protect-total-replicas"]');
    }
  });

  test('PodUnavailableBudget rule 3 (pub.kruise.io/protect-total-replicas an int32) allows any int32, signed included', () => {
    for (const value of ['10', '+3', '-1', '2147483647']) {
      expect(admit(pub({}, { annotations: { 'pub.kruise.io/protect-total-replicas': value } }), ctx)).toEqual([]);
    }
  });

  test('PodUnavailableBudget rule 4 (selector XOR targetRef) denies neither and both', () => {
    has(errors(admit(pub({ selector: undefined }), ctx)), 'PodUnavailableBudget/selector-or-target', 'spec');
    const both = pub({ targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' } });
    has(errors(admit(both, ctx)), 'PodUnavailableBudget/selector-or-target', 'spec');
  });

  test('PodUnavailableBudget rule 4 (selector XOR targetRef) allows a targetRef alone', () => {
    const f = admit(pub({ selector: undefined, targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' } }), ctx);
    expect(f).toEqual([]);
  });

  test('PodUnavailableBudget rule 5 (targetRef fields non-empty, apiVersion parses) denies an empty kind and a bad apiVersion', () => {
    const noKind = admit(pub({ selector: undefined, targetRef: { apiVersion: 'apps/v1', name: 'web' } }), ctx);
    has(errors(noKind), 'PodUnavailableBudget/target-ref', 'spec.targetRef');
    const badVersion = admit(pub({ selector: undefined, targetRef: { apiVersion: 'apps/v1/x', kind: 'Deployment', name: 'web' } }), ctx);
    has(errors(badVersion), 'PodUnavailableBudget/target-ref', 'spec.targetRef.apiVersion');
  });

  test('PodUnavailableBudget rule 5 (targetRef fields non-empty, apiVersion parses) allows any kind, custom ones included', () => {
    const f = admit(pub({ selector: undefined, targetRef: { apiVersion: 'example.com/v1', kind: 'GameServerSet', name: 'web' } }), ctx);
    expect(f).toEqual([]);
  });

  test('PodUnavailableBudget rule 6 (selector valid, non-empty) denies an empty selector and a bad operator', () => {
    has(errors(admit(pub({ selector: {} }), ctx)), 'PodUnavailableBudget/selector', 'spec.selector');
    const bad = admit(pub({ selector: { matchExpressions: [{ key: 'app', operator: 'Equals', values: ['web'] }] } }), ctx);
    has(errors(bad), 'PodUnavailableBudget/selector', 'spec.selector.matchExpressions[0].operator');
  });

  test('PodUnavailableBudget rule 6 (selector valid, non-empty) allows matchExpressions', () => {
    expect(admit(pub({ selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }] } }), ctx)).toEqual([]);
  });

  test('PodUnavailableBudget rule 7 (maxUnavailable XOR minAvailable) denies neither and both', () => {
    has(errors(admit(pub({ maxUnavailable: undefined }), ctx)), 'PodUnavailableBudget/budget-required', 'spec');
    has(errors(admit(pub({ minAvailable: 2 }), ctx)), 'PodUnavailableBudget/budget-required', 'spec');
  });

  test('PodUnavailableBudget rule 7 (maxUnavailable XOR minAvailable) allows minAvailable alone', () => {
    expect(admit(pub({ maxUnavailable: undefined, minAvailable: 2 }), ctx)).toEqual([]);
  });

  test('PodUnavailableBudget rule 8 (an int >= 0 or a percentage <= 100%) denies negatives, over 100%, plain numeric strings', () => {
    for (const v of [-1, '101%', '5', '-5%', '+5%', 1.5]) {
      has(errors(admit(pub({ maxUnavailable: v }), ctx)), 'PodUnavailableBudget/budget-value', 'spec.maxUnavailable');
    }
    has(errors(admit(pub({ maxUnavailable: undefined, minAvailable: '150%' }), ctx)), 'PodUnavailableBudget/budget-value', 'spec.minAvailable');
  });

  test('PodUnavailableBudget rule 8 (an int >= 0 or a percentage <= 100%) allows 0, 0% and 100%', () => {
    for (const v of [0, '0%', '100%', 7]) {
      expect(admit(pub({ maxUnavailable: v }), ctx)).toEqual([]);
    }
  });

  test('PodUnavailableBudget rule 9 (no other PUB with the same targetRef) denies the later of two over one workload', () => {
    const ref = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' };
    const a = pub({ selector: undefined, targetRef: ref }, { name: 'a' });
    const b = pub({ selector: undefined, targetRef: { ...ref, apiVersion: 'apps/v1beta2' } }, { name: 'b' });
    const peers = [a, b];
    has(errors(admit(b, { ...ctx, peers })), 'PodUnavailableBudget/no-overlap', 'spec.targetRef');
    expect(errors(admit(a, { ...ctx, peers }))).toEqual([]);
  });

  test('PodUnavailableBudget rule 9 (no loosely overlapping selector) denies overlapping selectors in one namespace', () => {
    const a = pub({ selector: { matchLabels: { app: 'web' } } }, { name: 'a' });
    const b = pub({ selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }] } }, { name: 'b' });
    const f = admit(b, { ...ctx, peers: [a, b] });
    has(errors(f), 'PodUnavailableBudget/no-overlap', 'spec.selector');
    expect(errors(f)[0].message).toContain('"a"');
  });

  test('PodUnavailableBudget rule 9 (no loosely overlapping selector) allows different keys, other namespaces and a selector beside a targetRef', () => {
    const a = pub({ selector: { matchLabels: { app: 'web' } } }, { name: 'a' });
    const differentKeys = pub({ selector: { matchLabels: { app: 'web', tier: 'front' } } }, { name: 'b' });
    const otherNs = pub({}, { name: 'c', namespace: 'other' });
    const byRef = pub({ selector: undefined, targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' } }, { name: 'd' });
    const disjoint = pub({ selector: { matchLabels: { app: 'api' } } }, { name: 'e' });
    const peers = [a, differentKeys, otherNs, byRef, disjoint];
    for (const o of [differentKeys, otherNs, byRef, disjoint]) expect(errors(admit(o, { ...ctx, peers }))).toEqual([]);
  });
});

describeWithReference('PodUnavailableBudget admission of the upstream examples', (dir) => {
  test('every upstream PodUnavailableBudget example (1.7 and 1.8 manuals and samples) is admitted without errors', () => {
    // the samples' fragments (an unknown spec.foo and no required fields) are invalid on purpose
    const examples = upstreamExamples(dir, 'PodUnavailableBudget').filter(e => e.obj.spec?.foo === undefined);
    expect(examples.length).toBeGreaterThan(0);
    for (const e of examples) {
      const found = admit(e.obj, { version: e.version, peers: e.peers }).filter(f => f.severity === 'error');
      expect({ file: e.file, errors: found }).toEqual({ file: e.file, errors: [] });
    }
  });
});
