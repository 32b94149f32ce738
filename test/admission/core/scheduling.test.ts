import { validateNodeSelector, validateNodeSelectorTerm, validatePreferredSchedulingTerms, validateTolerations } from '../../../src/admission/core/scheduling';
import { Report } from '../../../src/admission/types';

const R = 'Test/scheduling';
function run(f: (r: Report) => void) {
  const r = new Report();
  f(r);
  return r.findings;
}
const errors = (f: ReturnType<typeof run>) => f.filter(x => x.severity === 'error').map(x => x.path);

describe('validateNodeSelectorTerm', () => {
  const term = (e: object) => run(r => validateNodeSelectorTerm({ matchExpressions: [e] }, 't', R, r));

  test('allow: each operator with the right number of values', () => {
    expect(run(r => validateNodeSelectorTerm({
      matchExpressions: [
        { key: 'topology.kubernetes.io/zone', operator: 'In', values: ['a'] },
        { key: 'x', operator: 'NotIn', values: ['a', 'b'] },
        { key: 'gpu', operator: 'Exists' },
        { key: 'spot', operator: 'DoesNotExist' },
        { key: 'cores', operator: 'Gt', values: ['4'] },
        { key: 'cores', operator: 'Lt', values: ['-2'] },
      ],
      matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1'] }],
    }, 't', R, r))).toEqual([]);
  });

  test('deny: In/NotIn without values', () => {
    expect(errors(term({ key: 'a', operator: 'In' }))).toEqual(['t.matchExpressions[0].values']);
    expect(errors(term({ key: 'a', operator: 'NotIn', values: [] }))).toEqual(['t.matchExpressions[0].values']);
  });

  test('deny: Exists/DoesNotExist with values', () => {
    expect(errors(term({ key: 'a', operator: 'Exists', values: ['x'] }))).toEqual(['t.matchExpressions[0].values']);
  });

  test('deny: Gt/Lt without exactly one value', () => {
    expect(errors(term({ key: 'a', operator: 'Gt', values: ['1', '2'] }))).toEqual(['t.matchExpressions[0].values']);
    expect(errors(term({ key: 'a', operator: 'Lt' }))).toEqual(['t.matchExpressions[0].values']);
  });

  test('warn only: Gt with a non-integer value (Kubernetes admits it; the term then matches nothing)', () => {
    const f = term({ key: 'a', operator: 'Gt', values: ['four'] });
    expect(errors(f)).toEqual([]);
    expect(f.map(x => [x.severity, x.path])).toEqual([['warning', 't.matchExpressions[0].values[0]']]);
  });

  test('deny: unknown operator and invalid key', () => {
    expect(errors(term({ key: 'a', operator: 'Equals', values: ['x'] }))).toEqual(['t.matchExpressions[0].operator']);
    expect(errors(term({ key: 'bad key', operator: 'Exists' }))).toEqual(['t.matchExpressions[0].key']);
    expect(errors(term({ operator: 'Exists' }))).toEqual(['t.matchExpressions[0].key']);
  });

  test('deny: matchFields other than metadata.name, other operators, not exactly one value, bad node name', () => {
    const f = run(r => validateNodeSelectorTerm({
      matchFields: [
        { key: 'metadata.labels', operator: 'In', values: ['x'] },
        { key: 'metadata.name', operator: 'Exists' },
        { key: 'metadata.name', operator: 'In', values: ['a', 'b'] },
        { key: 'metadata.name', operator: 'NotIn', values: ['Bad_Node'] },
      ],
    }, 't', R, r));
    expect(errors(f)).toEqual([
      't.matchFields[0].key', 't.matchFields[1].operator', 't.matchFields[2].values', 't.matchFields[3].values[0]',
    ]);
  });

  test('validateNodeSelector requires at least one term', () => {
    expect(errors(run(r => validateNodeSelector({ nodeSelectorTerms: [] }, 'ns', R, r)))).toEqual(['ns.nodeSelectorTerms']);
    expect(run(r => validateNodeSelector({ nodeSelectorTerms: [{}] }, 'ns', R, r))).toEqual([]);
  });

  test('malformed input does not throw', () => {
    for (const t of [null, 5, { matchExpressions: 'x' }, { matchExpressions: [null, 3] }, { matchFields: [{}] }]) {
      expect(() => run(r => validateNodeSelectorTerm(t, 't', R, r))).not.toThrow();
    }
  });
});

describe('validatePreferredSchedulingTerms', () => {
  test('allow: weights 1 and 100', () => {
    expect(run(r => validatePreferredSchedulingTerms([
      { weight: 1, preference: { matchExpressions: [{ key: 'a', operator: 'Exists' }] } },
      { weight: 100, preference: {} },
    ], 'p', R, r))).toEqual([]);
  });

  test('deny: weight 0, 101 or missing; the preference term is validated', () => {
    const f = run(r => validatePreferredSchedulingTerms([
      { weight: 0, preference: {} },
      { weight: 101, preference: {} },
      { preference: {} },
      { weight: 5, preference: { matchExpressions: [{ key: 'a', operator: 'In' }] } },
    ], 'p', R, r));
    expect(errors(f)).toEqual(['p[0].weight', 'p[1].weight', 'p[2].weight', 'p[3].preference.matchExpressions[0].values']);
  });
});

describe('validateTolerations', () => {
  const tol = (t: object) => errors(run(r => validateTolerations([t], 'tol', R, r)));

  test('allow: the usual shapes', () => {
    expect(run(r => validateTolerations([
      { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' },
      { key: 'dedicated', value: 'gpu' },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 },
      { operator: 'Exists' },
      { key: 'x', operator: 'Exists', effect: 'PreferNoSchedule' },
    ], 'tol', R, r))).toEqual([]);
  });

  test('deny: an empty key needs operator Exists', () => {
    expect(tol({ operator: 'Equal', value: 'x' })).toEqual(['tol[0].operator']);
    expect(tol({ value: '' })).toEqual(['tol[0].operator']);
  });

  test('deny: operator Exists with a value', () => {
    expect(tol({ key: 'a', operator: 'Exists', value: 'x' })).toEqual(['tol[0].operator']);
  });

  test('deny: unknown operator, invalid key, invalid value', () => {
    expect(tol({ key: 'a', operator: 'In', value: 'x' })).toEqual(['tol[0].operator']);
    expect(tol({ key: 'bad key', operator: 'Exists' })).toEqual(['tol[0].key']);
    expect(tol({ key: 'a', operator: 'Equal', value: 'bad value' })).toEqual(['tol[0].operator']);
  });

  test('deny: unknown effect; tolerationSeconds without NoExecute', () => {
    expect(tol({ key: 'a', operator: 'Exists', effect: 'NoScheduleNoAdmit' })).toEqual(['tol[0].effect']);
    expect(tol({ key: 'a', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 5 })).toEqual(['tol[0].effect']);
    expect(tol({ key: 'a', operator: 'Exists', tolerationSeconds: 5 })).toEqual(['tol[0].effect']);
  });
});
