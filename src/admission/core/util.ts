/** Small readers for plain JSON values, shared by the core validators. */

/** Whether `v` is a JSON object (not null, not an array). */
export function isObj(v: unknown): v is Record<string, any> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** `v` as an array, or an empty one when it is not an array. */
export function arr(v: unknown): any[] {
  return Array.isArray(v) ? v : [];
}

/** `v` as a string, or '' when it is not one (Go's zero value). */
export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** Whether `v` is a whole number. */
export function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}
