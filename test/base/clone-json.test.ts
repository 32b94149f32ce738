import { cloneJson } from '../../src/base/json';

describe('cloneJson (the engine\'s copy before defaulting): the same as structuredClone', () => {
  test('a plain JSON tree is copied deeply, undefined members and null prototypes included', () => {
    const bare = Object.create(null);
    bare.x = 1;
    const tree = { a: [1, 'two', null, true, { b: { c: [] } }], d: undefined, e: bare, f: -0, g: 10n };
    const copy = cloneJson(tree);
    expect(copy).toEqual(structuredClone(tree));
    expect(Object.keys(copy)).toEqual(['a', 'd', 'e', 'f', 'g']);
    expect(copy.a).not.toBe(tree.a);
    expect(copy.a[4]).not.toBe(tree.a[4]);
    expect(Object.getPrototypeOf(copy.e)).toBe(Object.prototype);
    expect(Object.is(copy.f, -0)).toBe(true);
  });

  test('shared and cyclic nodes keep their sharing (as structuredClone does), so defaulting one place changes both', () => {
    const shared = { name: 'c' };
    const obj: any = { spec: { initContainers: [shared], containers: [shared] } };
    obj.self = obj;
    const copy = cloneJson(obj);
    expect(copy.spec.initContainers[0]).toBe(copy.spec.containers[0]);
    expect(copy.spec.containers[0]).not.toBe(shared);
    expect(copy.self).toBe(copy);
  });

  test('other values go to structuredClone: a Date stays a Date, a function throws its DataCloneError', () => {
    const when = new Date(0);
    expect(cloneJson({ when }).when).toEqual(when);
    expect(cloneJson({ when }).when).not.toBe(when);
    expect(() => cloneJson({ f: () => 1 })).toThrow(/could not be cloned/);
  });
});
