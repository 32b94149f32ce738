import { matchingBlocks, normalise, quickRatio, sequenceRatio, similarity } from './similarity';

// Expected values are what CPython's difflib.SequenceMatcher(None, a, b).ratio() returns.
describe('sequenceRatio (difflib SequenceMatcher.ratio)', () => {
  test.each([
    ['abcd', 'bcde', 0.75],
    ['the quick brown fox', 'the quick brown dog', 0.8947368421052632],
    ['', '', 1],
    ['a', '', 0],
    ['private Thread currentThread;', 'private volatile Thread currentThread;', 0.8656716417910447],
    [
      'the maximum number of pods that can be unavailable during the update, as an absolute number or a percentage of the desired replicas; percentages round up, and the defaulting webhook sets twenty percent when the field is left empty by the user of the set',
      'maximum number of pods that may be unavailable while updating or scaling, given as a count or a percent of desired pods; a percent is rounded up unless max surge is positive, in which case it is rounded down, and the default is twenty percent overall',
      0.34592445328031807,
    ],
  ])('ratio(%j, %j) = %d', (a, b, expected) => {
    expect(sequenceRatio(a, b)).toBeCloseTo(expected, 12);
  });

  test('autojunk: characters in more than 1% + 1 of a 200+ character b never start a match', () => {
    // Five letters over 300 characters: every one is popular, so difflib finds nothing.
    const a = 'abcde '.repeat(50);
    const b = 'edcba '.repeat(45);
    expect(b.length).toBeGreaterThanOrEqual(200);
    expect(sequenceRatio(a, b)).toBe(0);
    // Under 200 characters the same letters match (CPython: 0.2).
    expect(sequenceRatio(a.slice(0, 60), b.slice(0, 60))).toBeCloseTo(0.2, 12);
  });

  test('matching blocks are merged and cover the common text', () => {
    expect(matchingBlocks('abxcd', 'abcd')).toEqual([[0, 0, 2], [3, 2, 2]]);
  });

  test('quickRatio bounds the ratio from above', () => {
    for (const [a, b] of [['abcd', 'dcba'], ['hello world', 'world hello'], ['kruise', 'cruise']]) {
      expect(quickRatio(a, b)).toBeGreaterThanOrEqual(sequenceRatio(a, b));
    }
  });

  test('normalise lowercases and collapses whitespace and punctuation', () => {
    expect(normalise('  Max-Surge:  25% (of   replicas).')).toBe('max surge 25 of replicas');
    expect(similarity('Pods, to DELETE!', 'pods to delete')).toBe(1);
  });
});
