/** Small readers for plain JSON values, shared by the core validators. */
import { JsonObject, arrayOr, isJsonObject } from '../../base/json';

/** Whether `v` is a JSON object (not null, not an array). */
export function isObj(v: unknown): v is JsonObject {
  return isJsonObject(v);
}

/** `v` as an array, or an empty one when it is not an array. */
export function arr(v: unknown): unknown[] {
  return arrayOr(v);
}

/**
 * For defaulting: the object at `parent[key]`, put there as `{}` first when
 * the field is absent (undefined or null: Go's zero-valued struct); undefined
 * when the field holds something else (left to the schema check).
 */
export function childObject(parent: JsonObject, key: string): JsonObject | undefined {
  if (parent[key] === undefined || parent[key] === null) parent[key] = {};
  const v = parent[key];
  return isObj(v) ? v : undefined;
}

/** For defaulting: the object at `parent[key]`, replaced by `{}` when the field holds anything else. */
export function ownObject(parent: JsonObject, key: string): JsonObject {
  const v = parent[key];
  if (isObj(v)) return v;
  const fresh: JsonObject = {};
  parent[key] = fresh;
  return fresh;
}

/** `v` as a string, or '' when it is not one (Go's zero value). */
export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** Whether `v` is a whole number. */
export function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
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
