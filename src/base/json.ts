// Plain JSON as the library reads it: parsed YAML, rendered objects, chart
// values. Values are `unknown` until a reader has checked them, so a wrong
// type in the input is a finding or an error, never a crash. Bottom layer.

/** A JSON object whose values have not been checked yet. */
export interface JsonObject {
  [key: string]: unknown;
}

/** Whether `v` is a JSON object (not null, not an array). */
export function isJsonObject(v: unknown): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** `v` when it is a JSON object, else an empty one (Go's zero value for a struct). */
export function objectOr(v: unknown): JsonObject {
  return isJsonObject(v) ? v : {};
}

/** `v` when it is an array, else an empty one (Go's zero value for a slice). */
export function arrayOr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** `v` when it is an array of JSON objects; entries that are not objects read as empty ones. */
export function objectsOr(v: unknown): JsonObject[] {
  return arrayOr(v).map(objectOr);
}

/** `v` when it is a string, else undefined. */
export function stringOr(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** `v` when it is a finite number, else undefined. */
export function numberOr(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** Whether `v` is a whole number (an int field as Go decodes it from JSON). */
export function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

/** `v` when it is a whole number, else undefined. */
export function integerOr(v: unknown): number | undefined {
  return isInt(v) ? v : undefined;
}

/** The value at a dotted path of keys (`spec.template.spec`), or undefined where the path leaves the objects. */
export function at(v: unknown, ...keys: string[]): unknown {
  let cur = v;
  for (const k of keys) {
    if (!isJsonObject(cur)) return undefined;
    cur = cur[k];
  }
  return cur;
}

/**
 * The path `start` plus the keys and indices of `trail`, as the library's
 * messages write paths: `spec.template[0].name`. A walk over plain data keeps
 * such a trail and makes the path only for what it reports (most data has
 * nothing to report, and a path per key of a large map is most of the walk).
 */
export function trailPath(trail: ReadonlyArray<string | number>, start: string = ''): string {
  let path = start;
  for (const step of trail) path = typeof step === 'number' ? `${path}[${step}]` : path ? `${path}.${step}` : step;
  return path;
}

/** The path of `key` below `path` as messages write it: `spec.replicas`, or `key` alone at the top. */
export function childPath(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/** Freezes `v` and everything in it; returns `v`. */
export function deepFreeze<V>(v: V): V {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k]);
  }
  return v;
}

/**
 * The entries of `obj` whose values are defined, in order, each value mapped
 * by `f`: one pass. The generated L1 converters (src/imports) call it in place
 * of `cdk8s import`'s reduce, which copied the whole object for every entry
 * (scripts/import-crds.ts rewrites them). An own key `__proto__` stays a key,
 * as the reduce's computed key kept it.
 */
export function definedEntries<T>(obj: { readonly [key: string]: T | undefined }, f: (v: T) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined) { continue; }
    if (k === '__proto__') {
      Object.defineProperty(out, k, { value: f(v), enumerable: true, writable: true, configurable: true });
    } else {
      out[k] = f(v);
    }
  }
  return out;
}

/** Thrown inside {@link cloneJson} when a value is not a plain JSON tree. */
class NotPlainJson extends Error {}

function copyTree(v: unknown, seen: Set<object>): unknown {
  if (typeof v === 'function' || typeof v === 'symbol') throw new NotPlainJson();
  if (v === null || typeof v !== 'object') return v;
  if (seen.has(v)) throw new NotPlainJson(); // shared or cyclic: structuredClone keeps the sharing
  seen.add(v);
  if (Array.isArray(v)) {
    const out = new Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = copyTree(v[i], seen);
    return out;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) throw new NotPlainJson();
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) out[k] = copyTree((v as Record<string, unknown>)[k], seen);
  return out;
}

/**
 * A deep copy of `v`, the same as `structuredClone(v)`, made several times
 * faster for what the admission engine copies: a tree of plain objects, arrays
 * and primitives. Anything else (a shared or cyclic node, a Date, a Map, a
 * function...) is left to `structuredClone`, with its sharing and its errors.
 */
export function cloneJson<T>(v: T): T {
  try {
    return copyTree(v, new Set()) as T;
  } catch (e) {
    if (e instanceof NotPlainJson) return structuredClone(v);
    throw e;
  }
}
