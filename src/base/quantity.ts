/**
 * Kubernetes resource quantities (apimachinery api/resource.Quantity): the
 * parser follows the upstream scanner character for character, including
 * its corner cases, and values are kept exactly as a whole number of
 * nano-units (a BigInt), the precision Kubernetes itself keeps.
 *
 * Grammar: an optional sign, digits with an optional fraction (`1`, `1.5`,
 * `.5`, `1.`), then a suffix: binary `Ki Mi Gi Ti Pi Ei` (powers of 1024),
 * decimal `n u m k M G T P E` or none, or an exponent `e`/`E` followed by an
 * integer (`2e3` is 2000, while `2E` is 2 exa).
 *
 * Bottom layer: imports nothing.
 */

/** How a quantity was written: Kubernetes keeps it for printing. */
export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

/** A parsed quantity. */
export interface Quantity {
  /** The text parsed (surrounding whitespace removed). */
  readonly text: string;
  /**
   * The value times 10^9, exact. Kubernetes rounds a value with more than 9
   * decimal places away from zero to the next nano-unit (`0.1n` is `1n`),
   * and caps binary-suffixed values at 2^63-1; both are applied here.
   */
  readonly nanos: bigint;
  /** The suffix family. */
  readonly format: QuantityFormat;
}

const DECIMAL_SUFFIXES: Record<string, number> = { 'n': -9, 'u': -6, 'm': -3, '': 0, 'k': 3, 'M': 6, 'G': 9, 'T': 12, 'P': 15, 'E': 18 };
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Ti: 40, Gi: 30, Pi: 50, Ei: 60 };
const SUFFIX_CHARS = 'eEinumkKMGTP';
const MAX_INT64 = (2n ** 63n) - 1n;
const INT64_MIN = -(2n ** 63n);
/** Above this power of ten the value is not materialised (it would take megabytes); nobody writes such quantities. */
const MAX_POWER = 10000;

interface Scanned {
  readonly positive: boolean;
  readonly value: string;
  readonly num: string;
  readonly denom: string;
  readonly suffix: string;
}

const isDigit = (c: string) => c >= '0' && c <= '9';

/** The upstream scanner (parseQuantityString): splits sign, numerator, fraction and suffix; undefined on a malformed string. */
function scan(str: string): Scanned | undefined {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (pos < end) {
    if (str[0] === '-') {
      positive = false;
      pos++;
    } else if (str[0] === '+') {
      pos++;
    }
  }
  // leading zeros
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return { positive, value: '0', num: '0', denom: '', suffix: '' };
  let i = pos;
  while (i < end && isDigit(str[i])) i++;
  let num = str.slice(pos, i);
  if (i >= end) return { positive, value: str, num: num === '' ? '0' : num, denom: '', suffix: '' };
  pos = i;
  if (num === '') num = '0';
  let denom = '';
  if (str[pos] === '.') {
    pos++;
    i = pos;
    while (i < end && isDigit(str[i])) i++;
    denom = str.slice(pos, i);
    if (i >= end) return { positive, value: str, num, denom, suffix: '' };
    pos = i;
  }
  const value = str.slice(0, pos);
  const suffixStart = pos;
  i = pos;
  while (i < end && SUFFIX_CHARS.includes(str[i])) i++;
  if (i >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart) };
  pos = i;
  if (str[pos] === '-' || str[pos] === '+') pos++;
  i = pos;
  while (i < end && isDigit(str[i])) i++;
  if (i >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart) };
  return undefined;
}

/** The upstream suffix reader: base and exponent, or undefined for an unknown suffix. */
function interpret(suffix: string): { base: 2 | 10; exponent: number; format: QuantityFormat } | undefined {
  if (Object.prototype.hasOwnProperty.call(DECIMAL_SUFFIXES, suffix)) return { base: 10, exponent: DECIMAL_SUFFIXES[suffix], format: 'DecimalSI' };
  if (Object.prototype.hasOwnProperty.call(BINARY_SUFFIXES, suffix)) return { base: 2, exponent: BINARY_SUFFIXES[suffix], format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E')) {
    // Go strconv.ParseInt(s, 10, 64), then a cast to int32.
    const m = /^[+-]?[0-9]+$/.exec(suffix.slice(1));
    if (!m) return undefined;
    const e = BigInt(suffix.slice(1));
    if (e > MAX_INT64 || e < INT64_MIN) return undefined;
    return { base: 10, exponent: Number(BigInt.asIntN(32, e)), format: 'DecimalExponent' };
  }
  return undefined;
}

/** `n / d` rounded away from zero (d > 0). */
function divAwayFromZero(n: bigint, d: bigint): bigint {
  const q = n / d;
  return q * d === n ? q : n < 0n ? q - 1n : q + 1n;
}

/**
 * Parses a quantity string exactly as resource.ParseQuantity does (no
 * whitespace trimming): undefined when Kubernetes rejects it. Upstream
 * corner cases are kept: `"+"`, `"-"`, `"."` and `"Ki"` are zero, `"1."` is
 * one, while `""`, `"e-10"` and `"Ei"` are rejected.
 */
export function parseQuantityString(str: string): Quantity | undefined {
  if (str.length === 0) return undefined;
  if (str === '0') return { text: str, nanos: 0n, format: 'DecimalSI' };
  const s = scan(str);
  if (!s) return undefined;
  const suf = interpret(s.suffix);
  if (!suf) return undefined;
  const { base, exponent, format } = suf;
  let precision: number;
  if (base === 10) {
    precision = 18 - (s.num.length + s.denom.length);
  } else if (exponent >= 0 && s.denom.length === 0) {
    precision = 15 - s.num.length - Math.trunc((exponent * 3) / 10) - 1;
  } else {
    precision = -1;
  }
  const fastPath = precision >= 0 && (base === 2 ? 0 : exponent) - s.denom.length >= -9;
  // Off the fast path upstream re-reads the numeric text, which needs a digit.
  if (!fastPath && !/[0-9]/.test(s.value)) return undefined;
  const digits = BigInt(s.num + s.denom);
  let nanos: bigint;
  if (base === 10) {
    const power = Math.min(exponent - s.denom.length + 9, MAX_POWER);
    if (power >= 0) {
      nanos = digits * 10n ** BigInt(power);
    } else if (digits === 0n) {
      nanos = 0n;
    } else if (-power > s.num.length + s.denom.length + 1) {
      nanos = 1n; // far below a nano: rounded up to one
    } else {
      nanos = divAwayFromZero(digits, 10n ** BigInt(-power));
    }
  } else {
    const scaled = digits * (2n ** BigInt(exponent)) * 1000000000n;
    nanos = divAwayFromZero(scaled, 10n ** BigInt(s.denom.length));
    const cap = MAX_INT64 * 1000000000n;
    if (nanos > cap) nanos = cap;
  }
  if (!s.positive) nanos = -nanos;
  if (nanos === 0n) nanos = 0n; // no negative zero (BigInt has none, kept for clarity)
  return { text: str, nanos, format };
}

/**
 * Reads a quantity as it appears in a JSON object (Quantity.UnmarshalJSON):
 * a string (surrounding whitespace trimmed) or a number. `null` is the zero
 * quantity, as upstream. Anything else, or a malformed string, is undefined.
 */
export function parseQuantity(q: unknown): Quantity | undefined {
  if (q === null) return { text: '0', nanos: 0n, format: 'DecimalSI' };
  if (typeof q === 'number') {
    if (!Number.isFinite(q)) return undefined;
    return parseQuantityString(String(q));
  }
  if (typeof q !== 'string') return undefined;
  return parseQuantityString(q.trim());
}

/** Orders two quantities: negative when a < b, 0 when equal, positive when a > b (always -1, 0 or 1). */
export function compareQuantities(a: Quantity, b: Quantity): number {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

/** Orders two raw values as quantities; undefined when either does not parse. */
export function compareQuantityValues(a: unknown, b: unknown): number | undefined {
  const qa = parseQuantity(a);
  const qb = parseQuantity(b);
  return qa && qb ? compareQuantities(qa, qb) : undefined;
}

/** -1, 0 or 1. */
export function quantitySign(q: Quantity): number {
  return q.nanos < 0n ? -1 : q.nanos > 0n ? 1 : 0;
}

/** Quantity.Value(): the value rounded up (away from zero) to a whole number. */
export function quantityValue(q: Quantity): bigint {
  return divAwayFromZero(q.nanos, 1000000000n);
}

/** Quantity.MilliValue(): the value in thousandths, rounded up (away from zero). */
export function quantityMilliValue(q: Quantity): bigint {
  return divAwayFromZero(q.nanos, 1000000n);
}

/** The value as a float (approximate, for messages and ratios); never NaN. */
export function quantityToNumber(q: Quantity): number {
  return Number(q.nanos) / 1e9;
}
