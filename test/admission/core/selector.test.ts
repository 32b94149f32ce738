import {
  isEmptySelector, selectorMatches, selectorsLooseOverlap, selectorsOverlap, validateLabelSelector,
} from '../../../src/admission/core/selector';
import { Report } from '../../../src/admission/types';

const R = 'Test/selector';
function run(sel: unknown, opts = {}) {
  const r = new Report();
  validateLabelSelector(sel, 'spec.selector', R, r, opts);
  return r.findings;
}

describe('validateLabelSelector', () => {
  test('allow: matchLabels and every operator used correctly', () => {
    expect(run({
      matchLabels: { app: 'web' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['a', 'b'] },
        { key: 'x', operator: 'NotIn', values: ['c'] },
        { key: 'example.com/y', operator: 'Exists' },
        { key: 'z', operator: 'DoesNotExist', values: [] },
      ],
    })).toEqual([]);
    expect(run(undefined)).toEqual([]);
    expect(run({})).toEqual([]);
  });

  test('deny: In/NotIn without values', () => {
    const f = run({ matchExpressions: [{ key: 'a', operator: 'In' }, { key: 'b', operator: 'NotIn', values: [] }] });
    expect(f.map(x => x.path)).toEqual(['spec.selector.matchExpressions[0].values', 'spec.selector.matchExpressions[1].values']);
  });

  test('deny: Exists/DoesNotExist with values', () => {
    expect(run({ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] })[0].path).toBe('spec.selector.matchExpressions[0].values');
  });

  test('deny: an unknown operator, a bad key, a bad value, a bad matchLabels entry', () => {
    const f = run({
      matchLabels: { app: 'bad value' },
      matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }, { key: 'bad key', operator: 'Exists' }, { key: 'c', operator: 'In', values: ['-x'] }],
    });
    expect(f.map(x => x.path)).toEqual([
      'spec.selector.matchLabels["app"]',
      'spec.selector.matchExpressions[0].operator',
      'spec.selector.matchExpressions[1].key',
      'spec.selector.matchExpressions[2].values[0]',
    ]);
    expect(f.every(x => x.rule === R && x.severity === 'error')).toBe(true);
  });

  test('allowInvalidLabelValues skips the value check only', () => {
    const sel = { matchExpressions: [{ key: 'c', operator: 'In', values: ['-x'] }, { key: 'bad key', operator: 'Exists' }] };
    expect(run(sel, { allowInvalidLabelValues: true }).map(x => x.path)).toEqual(['spec.selector.matchExpressions[1].key']);
  });

  test('a missing key is reported, malformed entries do not throw', () => {
    expect(run({ matchExpressions: [{ operator: 'Exists' }] })[0].path).toBe('spec.selector.matchExpressions[0].key');
    expect(() => run({ matchExpressions: [null, 5, { values: 'x' }], matchLabels: [] })).not.toThrow();
  });
});

describe('isEmptySelector / selectorMatches', () => {
  test('empty selectors select everything, a missing one nothing', () => {
    expect(isEmptySelector({})).toBe(true);
    expect(isEmptySelector({ matchLabels: {}, matchExpressions: [] })).toBe(true);
    expect(isEmptySelector({ matchLabels: { a: 'b' } })).toBe(false);
    expect(isEmptySelector(undefined)).toBe(false);
    expect(selectorMatches({}, { any: 'thing' })).toBe(true);
    expect(selectorMatches(undefined, { any: 'thing' })).toBe(false);
  });

  test('matchLabels and each operator', () => {
    const labels = { app: 'web', tier: 'front' };
    expect(selectorMatches({ matchLabels: { app: 'web' } }, labels)).toBe(true);
    expect(selectorMatches({ matchLabels: { app: 'db' } }, labels)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['front', 'back'] }] }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['front'] }] }, labels)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'app', operator: 'Exists' }] }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, labels)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'app', operator: 'Bogus' }] }, labels)).toBe(false);
    expect(selectorMatches({ matchLabels: { app: 'web' } }, undefined)).toBe(false);
  });
});

describe('selectorsOverlap (Kruise util.IsSelectorOverlapping)', () => {
  const ml = (o: Record<string, string>) => ({ matchLabels: o });
  const ex = (key: string, operator: string, values?: string[]) => ({ matchExpressions: [{ key, operator, values }] });

  test('disjoint: the same key pinned to different values', () => {
    expect(selectorsOverlap(ml({ a: 'b' }), ml({ a: 'c' }))).toBe(false);
    expect(selectorsOverlap(ml({ a: 'b', c: 'd', e: 'f' }), ml({ a: 'x', c: 'd', e: 'f' }))).toBe(false);
    expect(selectorsOverlap(ex('a', 'In', ['b', 'c']), ex('a', 'NotIn', ['b', 'c', 'd']))).toBe(false);
    expect(selectorsOverlap(ml({ a: 'b' }), ex('a', 'DoesNotExist'))).toBe(false);
    expect(selectorsOverlap(ex('a', 'In', ['x']), ex('a', 'In', ['y']))).toBe(false);
  });

  test('overlapping: different keys, shared values, Exists', () => {
    expect(selectorsOverlap(ml({ a: 'b' }), ml({ c: 'd' }))).toBe(true);
    expect(selectorsOverlap(ex('a', 'In', ['x', 'y']), ml({ a: 'y' }))).toBe(true);
    expect(selectorsOverlap(ex('a', 'Exists'), ml({ a: 'anything' }))).toBe(true);
    expect(selectorsOverlap({}, ml({ a: 'b' }))).toBe(true);
    // Upstream quirk: a NotIn on a key the other side does not pin is no conflict.
    expect(selectorsOverlap(ex('a', 'NotIn', ['b']), ex('a', 'DoesNotExist'))).toBe(true);
  });

  test('Exists on one side and a missing key on the other is disjoint (upstream reads it one-sided)', () => {
    expect(selectorsOverlap(ml({ x: 'y' }), ex('a', 'Exists'))).toBe(false);
  });
});

describe('selectorsLooseOverlap (Kruise util.IsSelectorLooseOverlap)', () => {
  const ex = (key: string, operator: string, values?: string[]) => ({ matchExpressions: [{ key, operator, values }] });

  test('different key sets never loosely overlap', () => {
    expect(selectorsLooseOverlap({ matchLabels: { a: 'b' } }, { matchLabels: { c: 'd' } })).toBe(false);
    expect(selectorsLooseOverlap({ matchLabels: { a: 'b', c: 'd' } }, { matchLabels: { a: 'b' } })).toBe(false);
  });

  test('the same keys with compatible requirements overlap', () => {
    expect(selectorsLooseOverlap({ matchLabels: { a: 'b' } }, { matchLabels: { a: 'b' } })).toBe(true);
    expect(selectorsLooseOverlap(ex('a', 'In', ['b', 'c']), ex('a', 'Exists'))).toBe(true);
    expect(selectorsLooseOverlap(ex('a', 'In', ['b', 'c']), ex('a', 'NotIn', ['b']))).toBe(true);
    expect(selectorsLooseOverlap(ex('a', 'NotIn', ['b']), ex('a', 'DoesNotExist'))).toBe(true);
    expect(selectorsLooseOverlap({}, {})).toBe(true);
  });

  test('the same keys with incompatible requirements do not', () => {
    expect(selectorsLooseOverlap({ matchLabels: { a: 'b' } }, { matchLabels: { a: 'c' } })).toBe(false);
    expect(selectorsLooseOverlap(ex('a', 'In', ['b', 'c']), ex('a', 'NotIn', ['b', 'c']))).toBe(false);
    expect(selectorsLooseOverlap(ex('a', 'Exists'), ex('a', 'DoesNotExist'))).toBe(false);
  });
});
