/**
 * The paths in the messages of the install's walks over plain data
 * (`plainData`, `unsafeTextIssue`), which build a path only for what they
 * report (`trailPath`): lists, nested maps, keys, and the start path.
 */
import { trailPath } from '../../src/base/json';
import { plainData, unsafeTextIssue } from '../../src/install/plain';
import { errorOf } from '../corpus/harness';

const problem = (path: string, value: unknown, what: string) => new Error(`${path} ${String(value)}: ${what}`);
const messageOf = (fn: () => unknown): string => (errorOf(fn) as Error | undefined)?.message ?? '(no error)';

describe('trailPath', () => {
  test('keys join with dots, indices in brackets, after the start path', () => {
    expect(trailPath([])).toBe('');
    expect(trailPath([], 'values')).toBe('values');
    expect(trailPath(['a', 0, 'b', 1, 2])).toBe('a[0].b[1][2]');
    expect(trailPath([0, 'a'])).toBe('[0].a');
    expect(trailPath(['a', 'b.c'], 'values')).toBe('values.a.b.c');
  });
});

describe('plainData', () => {
  test('names the path of the first bad value, in lists and maps, after the start path', () => {
    expect(messageOf(() => plainData({ a: [1, { b: NaN }] }, 'values', problem))).toBe('values.a[1].b NaN: is not a finite number');
    expect(messageOf(() => plainData({ a: [1, { b: NaN }] }, '', problem))).toBe('a[1].b NaN: is not a finite number');
    expect(messageOf(() => plainData([[0, () => 1]], 'list', problem))).toMatch(/^list\[0\]\[1\] .*: is a function/);
    expect(messageOf(() => plainData({ m: new Map() }, 'v', problem))).toBe('v.m [object Map]: is a Map, not a plain map');
    const cycle: { [k: string]: unknown } = { x: { y: 1 } };
    (cycle.x as { [k: string]: unknown }).z = cycle;
    expect(messageOf(() => plainData(cycle, 'v', problem))).toBe('v.x.z (cycle): contains itself (a cycle)');
  });

  test('a bad value after good siblings is named alone (the path does not keep the siblings)', () => {
    expect(messageOf(() => plainData({ a: { b: 1, c: [1, 2] }, d: [{ e: 1 }, { f: Infinity }] }, 'v', problem))).toBe('v.d[1].f Infinity: is not a finite number');
  });

  test('copies plain data with the same keys and values', () => {
    const copied = plainData({ a: [1, 'x', null, undefined, { b: true }], u: undefined }, 'v', problem);
    expect(JSON.parse(JSON.stringify(copied))).toEqual({ a: [1, 'x', null, null, { b: true }] });
  });
});

describe('unsafeTextIssue', () => {
  test('names the path of the first value or key with a control character', () => {
    expect(unsafeTextIssue({ a: ['ok', { b: 'x\u0007' }] }, 'props')?.path).toBe('props.a[1].b');
    expect(unsafeTextIssue({ a: { 'k\u0001': 'v' } }, 'props')?.path).toBe('props.a.k\u0001');
    expect(unsafeTextIssue({ a: { b: 'ok', c: ['ok'] }, d: ['ok', 'ok', 'y\u007f'] }, '')?.path).toBe('d[2]');
    expect(unsafeTextIssue({ a: ['ok', { b: 'fine' }] }, 'props')).toBeUndefined();
  });
});
