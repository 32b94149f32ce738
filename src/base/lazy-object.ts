/**
 * Plain data that is made only when something reads it: a frozen plain
 * object whose content `make` builds on the first operation that looks at
 * it (a property read, `Object.keys`, `in`, `JSON.stringify`...). Until then
 * it costs nothing but the proxy; afterwards it behaves as the deep-frozen
 * object `make` returned (same keys, same values, frozen all the way down).
 *
 * Identity needs no content: the object can be a key of a WeakMap or a
 * WeakSet (the YAML writer's precomputed text, the review's checked data)
 * and be passed around without being made. The kruise-synth bundle uses it
 * for the precomputed CRD specs, which its default run writes from their
 * precomputed YAML without reading them.
 *
 * Limits, as for any proxy: `structuredClone` rejects it, and `util.inspect`
 * shows `{}` until it is made. Only the kruise-synth bundle, whose objects
 * never reach a user, uses it.
 */
import { deepFreeze } from './json';

const LAZY = new WeakSet<object>();

/** Whether `v` came from {@link lazyFrozenObject} (it freezes itself when made). */
export function isLazyFrozen(v: object): boolean {
  return LAZY.has(v);
}

/** The traps that look at an object's content; each makes it first. `getPrototypeOf` is left out: the target's is the made object's (`Object.prototype`). */
const TRAPS = ['get', 'has', 'ownKeys', 'getOwnPropertyDescriptor', 'defineProperty', 'deleteProperty', 'set', 'isExtensible', 'preventExtensions', 'setPrototypeOf'] as const;

/** The plain object `make` returns, made on first look and then deep-frozen (see the top of this file). */
export function lazyFrozenObject<T extends object>(make: () => T): T {
  const target = {} as Record<PropertyKey, unknown>;
  let made = false;
  const fill = (): void => {
    if (made) return;
    const real = make() as Record<PropertyKey, unknown>;
    if (Object.getPrototypeOf(real) !== Object.prototype) throw new Error('internal: lazyFrozenObject makes plain objects only');
    for (const k of Object.keys(real)) target[k] = deepFreeze(real[k]);
    Object.freeze(target);
    made = true;
  };
  const handler: ProxyHandler<Record<PropertyKey, unknown>> = {};
  for (const trap of TRAPS) {
    (handler as Record<string, unknown>)[trap] = (...args: unknown[]) => {
      fill();
      return (Reflect[trap] as (...a: unknown[]) => unknown)(...args);
    };
  }
  const proxy = new Proxy(target, handler);
  LAZY.add(proxy);
  return proxy as T;
}
