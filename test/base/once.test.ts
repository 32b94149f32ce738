import { once } from '../../src/base/once';

describe('once', () => {
  test('makes the value on the first call only, and returns it from then on', () => {
    let calls = 0;
    const get = once(() => ({ n: ++calls }));
    expect(calls).toBe(0);
    const first = get();
    expect(get()).toBe(first);
    expect(calls).toBe(1);
  });

  test('keeps a made value that is undefined (made is not the same as defined)', () => {
    let calls = 0;
    const get = once(() => {
      calls++;
      return undefined;
    });
    get();
    get();
    expect(calls).toBe(1);
  });

  test('a make that throws is tried again on the next call', () => {
    let calls = 0;
    const get = once(() => {
      if (++calls === 1) throw new Error('first');
      return calls;
    });
    expect(() => get()).toThrow('first');
    expect(get()).toBe(2);
    expect(get()).toBe(2);
  });
});
