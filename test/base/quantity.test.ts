import {
  compareQuantities, compareQuantityValues, parseQuantity, parseQuantityString, Quantity, quantityMilliValue, quantitySign,
  quantityToNumber, quantityValue,
} from '../../src/base/quantity';

const NANO = 1000000000n;
/** The parsed value in nano-units, or undefined when the text is rejected. */
const nanos = (s: unknown) => parseQuantity(s)?.nanos;
const q = (s: string): Quantity => {
  const r = parseQuantity(s);
  if (!r) throw new Error(`test setup: ${s} does not parse`);
  return r;
};

describe('parseQuantity: the k8s resource.Quantity grammar', () => {
  test.each([
    ['1', 1n * NANO],
    ['0', 0n],
    ['+1', 1n * NANO],
    ['-1', -1n * NANO],
    ['.5', NANO / 2n],
    ['5.', 5n * NANO],
    ['00012', 12n * NANO],
    ['1.5', 1500000000n],
    ['100m', 100000000n],
    ['1u', 1000n],
    ['1n', 1n],
    ['1k', 1000n * NANO],
    ['1M', 10n ** 6n * NANO],
    ['1G', 10n ** 9n * NANO],
    ['1T', 10n ** 12n * NANO],
    ['1P', 10n ** 15n * NANO],
    ['2E', 2n * 10n ** 18n * NANO],
    ['1Ki', 1024n * NANO],
    ['1Mi', 1048576n * NANO],
    ['1.5Gi', 1610612736n * NANO],
    ['1Ei', 2n ** 60n * NANO],
    ['-0.5Gi', -536870912n * NANO],
    ['1.Gi', 2n ** 30n * NANO],
    ['2e3', 2000n * NANO],
    ['2E3', 2000n * NANO],
    ['1e+3', 1000n * NANO],
    ['1e-3', 1000000n],
    ['1.5e3', 1500n * NANO],
    ['1e-9', 1n],
  ])('%s parses to its exact value', (text, expected) => {
    expect(nanos(text)).toBe(expected);
  });

  test('keeps the suffix family: DecimalSI, BinarySI, DecimalExponent', () => {
    expect(q('2E').format).toBe('DecimalSI');
    expect(q('1Ei').format).toBe('BinarySI');
    expect(q('2e3').format).toBe('DecimalExponent');
    expect(q('1').format).toBe('DecimalSI');
  });

  test.each([
    [''],
    ['1.2.3'],
    ['1 Gi'],
    ['1K'], // capital K is no suffix
    ['1ki'],
    ['1mi'],
    ['1e'], // an exponent needs digits
    ['1e+'],
    ['1Ee3'],
    ['1e3.5'],
    ['1e1e1'],
    ['k3'],
    ['--1'],
    ['1Gi '], // no trimming at this level (parseQuantityString)
    ['abc'],
    ['0x10'],
    ['e-10'], // no digits on the slow path
    ['Ei'],
    ['Pi'],
  ])('%j is rejected', text => {
    expect(parseQuantityString(text)).toBeUndefined();
  });

  test('upstream corner cases that Kubernetes accepts as zero: "+", "-", ".", "Ki", "Ti", "0e-10"', () => {
    // The upstream scanner returns zero when it runs out of characters after a
    // sign, and reads a missing numerator as 0; the slow path (which needs a
    // digit) is taken only for "Ei"/"Pi" and tiny exponents.
    for (const s of ['+', '-', '.', 'Ki', 'Ti', '0e-10']) expect(nanos(s)).toBe(0n);
  });

  test('rounds values below a nano-unit away from zero, as Kubernetes does', () => {
    expect(nanos('0.1n')).toBe(1n);
    expect(nanos('-0.1n')).toBe(-1n);
    expect(nanos('1e-10')).toBe(1n);
    expect(nanos('1e-300')).toBe(1n);
    expect(nanos('123456789.123456789123')).toBe(123456789123456790n);
    expect(nanos('0.0000000001')).toBe(1n);
  });

  test('keeps more than 18 digits exactly', () => {
    expect(nanos('12345678901234567890')).toBe(12345678901234567890n * NANO);
  });

  test('caps binary-suffixed values at 2^63-1 like Kubernetes, but not decimal ones', () => {
    expect(nanos('16Ei')).toBe((2n ** 63n - 1n) * NANO);
    expect(nanos('-16Ei')).toBe(-(2n ** 63n - 1n) * NANO);
    expect(nanos('16E')).toBe(16n * 10n ** 18n * NANO);
  });

  test('huge exponents do not hang and still order correctly', () => {
    const big = q('1e100000');
    expect(compareQuantities(big, q('1e100'))).toBe(1);
  });

  test('reads JSON values: trimmed strings, numbers, null as zero; other types are undefined', () => {
    expect(nanos(' 1Gi ')).toBe(2n ** 30n * NANO);
    expect(nanos(0.5)).toBe(NANO / 2n);
    expect(nanos(3)).toBe(3n * NANO);
    expect(nanos(1e21)).toBe(10n ** 21n * NANO);
    expect(nanos(null)).toBe(0n);
    for (const v of [undefined, true, {}, [], NaN, Infinity]) expect(parseQuantity(v)).toBeUndefined();
  });
});

describe('compareQuantities: exact ordering', () => {
  test.each([
    ['1Gi', '1024Mi', 0],
    ['1Gi', '1073741824', 0],
    ['1e3', '1k', 0],
    ['1E', '1e18', 0],
    ['1G', '1Gi', -1],
    ['500m', '1', -1],
    ['0.5', '500m', 0],
    ['-1', '0', -1],
    ['2', '1999m', 1],
    ['1.5Gi', '1536Mi', 0],
    ['100n', '0.1u', 0],
  ])('%s vs %s is %d', (a, b, expected) => {
    expect(compareQuantities(q(a), q(b))).toBe(expected);
    expect(compareQuantities(q(b), q(a))).toBe(-expected || 0);
  });

  test('compareQuantityValues reads raw values and is undefined when one does not parse', () => {
    expect(compareQuantityValues('1Gi', 1073741824)).toBe(0);
    expect(compareQuantityValues('1Gi', '1 Gi')).toBeUndefined();
    expect(compareQuantityValues(undefined, '1')).toBeUndefined();
  });
});

describe('quantity helpers', () => {
  test('sign, Value() and MilliValue() round away from zero like Kubernetes', () => {
    expect(quantitySign(q('-1m'))).toBe(-1);
    expect(quantitySign(q('0'))).toBe(0);
    expect(quantitySign(q('1n'))).toBe(1);
    expect(quantityValue(q('1500m'))).toBe(2n);
    expect(quantityValue(q('-1500m'))).toBe(-2n);
    expect(quantityMilliValue(q('1.0001'))).toBe(1001n);
    expect(quantityMilliValue(q('2'))).toBe(2000n);
  });

  test('quantityToNumber is a float approximation and never NaN', () => {
    expect(quantityToNumber(q('1.5Gi'))).toBe(1610612736);
    expect(quantityToNumber(q('250m'))).toBe(0.25);
    expect(Number.isNaN(quantityToNumber(q('1e100000')))).toBe(false);
  });
});
