import { isLazyFrozen, lazyFrozenObject } from '../../src/base/lazy-object';

function counted() {
  let calls = 0;
  const obj = lazyFrozenObject(() => {
    calls++;
    return { b: 1, a: { list: [1, { x: 'y' }] } };
  });
  return { obj, calls: () => calls };
}

describe('lazyFrozenObject', () => {
  test('is not made by identity, typeof, Array.isArray, its prototype or a WeakMap/WeakSet', () => {
    const { obj, calls } = counted();
    const seen = new WeakSet<object>([obj]);
    const texts = new WeakMap<object, string>([[obj, 'text']]);
    expect(seen.has(obj)).toBe(true);
    expect(texts.get(obj)).toBe('text');
    expect(typeof obj).toBe('object');
    expect(Array.isArray(obj)).toBe(false);
    expect(Object.getPrototypeOf(obj)).toBe(Object.prototype);
    expect(isLazyFrozen(obj)).toBe(true);
    expect(calls()).toBe(0);
  });

  test('is made once, by the first look inside, and then is the deep-frozen object', () => {
    const { obj, calls } = counted();
    expect(Object.keys(obj)).toEqual(['b', 'a']);
    expect(calls()).toBe(1);
    expect(obj).toEqual({ b: 1, a: { list: [1, { x: 'y' }] } });
    expect(JSON.stringify(obj)).toBe('{"b":1,"a":{"list":[1,{"x":"y"}]}}');
    expect(Object.isFrozen(obj)).toBe(true);
    expect(Object.isFrozen(obj.a.list[1])).toBe(true);
    expect(() => { 'use strict'; (obj as { b: number }).b = 2; }).toThrow(TypeError);
    expect(Reflect.deleteProperty(obj, 'b')).toBe(false);
    expect(calls()).toBe(1);
  });

  test.each([
    ['a property read', (o: Record<string, unknown>) => o.b],
    ['in', (o: Record<string, unknown>) => 'b' in o],
    ['Object.isFrozen', (o: Record<string, unknown>) => Object.isFrozen(o)],
    ['a spread', (o: Record<string, unknown>) => ({ ...o })],
    ['for...in', (o: Record<string, unknown>) => { for (const k in o) return k; return undefined; }],
  ])('%s makes it', (_name, look) => {
    const { obj, calls } = counted();
    look(obj as unknown as Record<string, unknown>);
    expect(calls()).toBe(1);
    expect({ ...obj }).toEqual({ b: 1, a: { list: [1, { x: 'y' }] } });
  });

  test('objects not made by it are not lazy', () => {
    expect(isLazyFrozen({})).toBe(false);
    expect(isLazyFrozen(new Proxy({}, {}))).toBe(false);
  });

  test('makes plain objects only', () => {
    const obj = lazyFrozenObject(() => new Map() as unknown as object);
    expect(() => Object.keys(obj)).toThrow(/plain objects only/);
  });
});
