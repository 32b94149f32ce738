/**
 * Plain JSON as Kruise's Go code sees it: a field that is absent reads as its
 * zero value, and defaulting creates the structs it fills in. (The readers
 * every layer shares are in src/base/json.ts.)
 */
import { JsonObject, isJsonObject } from '../../base/json';

/**
 * For defaulting: the object at `parent[key]`, put there as `{}` first when
 * the field is absent (undefined or null: Go's zero-valued struct); undefined
 * when the field holds something else (left to the schema check).
 */
export function childObject(parent: JsonObject, key: string): JsonObject | undefined {
  if (parent[key] === undefined || parent[key] === null) parent[key] = {};
  const v = parent[key];
  return isJsonObject(v) ? v : undefined;
}

/** For defaulting: the object at `parent[key]`, replaced by `{}` when the field holds anything else. */
export function ownObject(parent: JsonObject, key: string): JsonObject {
  const v = parent[key];
  if (isJsonObject(v)) return v;
  const fresh: JsonObject = {};
  parent[key] = fresh;
  return fresh;
}

/** Whether a JSON field is set: present and not null (Go: a non-nil pointer, slice or map). */
export function isSet<T>(v: T): v is NonNullable<T> {
  return v !== undefined && v !== null;
}

/** Whether a string field is missing, null or empty (a field the mutating webhook fills in). */
export function unsetString(v: unknown): boolean {
  return v === undefined || v === null || v === '';
}

/** `v` as a string, or '' when it is not one (Go's zero value). */
export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}
