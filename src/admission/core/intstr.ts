/**
 * Kubernetes IntOrString as a count or a percentage (apimachinery intstr).
 */

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** A parsed int-or-percent: `{ percent: false, value: 3 }` for `3`, `{ percent: true, value: 25 }` for `"25%"`. */
export interface IntOrPercent {
  readonly percent: boolean;
  readonly value: number;
}

/**
 * Parses a value the way intstr.GetScaledValueFromIntOrPercent reads it: an
 * integer (int32 in JSON), or a string of an integer followed by `%` (Go
 * strconv.Atoi before the `%`: an optional sign, then digits). A plain
 * numeric string such as `"3"` is not valid there, so it gives undefined, as
 * does anything else (floats, booleans, `"%"`, `"1.5%"`).
 */
export function parseIntOrPercent(v: unknown): IntOrPercent | undefined {
  if (typeof v === 'number') {
    if (!Number.isInteger(v) || v < INT32_MIN || v > INT32_MAX) return undefined;
    return { percent: false, value: v };
  }
  if (typeof v === 'string') {
    const m = /^([+-]?[0-9]+)%$/.exec(v);
    if (!m) return undefined;
    const n = Number(m[1]);
    // Go's Atoi works on the platform int (64 bits); beyond that it fails.
    if (!Number.isSafeInteger(n)) return undefined;
    return { percent: true, value: n };
  }
  return undefined;
}

/**
 * intstr.GetScaledValueFromIntOrPercent: an integer as is, a percentage of
 * `total` rounded up or down. Undefined when `v` is not a valid int-or-percent.
 */
export function scaledValue(v: unknown, total: number, roundUp: boolean): number | undefined {
  const p = parseIntOrPercent(v);
  if (!p) return undefined;
  if (!p.percent) return p.value;
  const x = (p.value * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}
