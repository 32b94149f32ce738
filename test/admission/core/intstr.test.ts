import { parseIntOrPercent, scaledValue } from '../../../src/admission/core/intstr';

describe('parseIntOrPercent (k8s intstr as GetScaledValueFromIntOrPercent reads it)', () => {
  test('allow: integers and "N%" strings (Go Atoi: optional sign)', () => {
    expect(parseIntOrPercent(3)).toEqual({ percent: false, value: 3 });
    expect(parseIntOrPercent(0)).toEqual({ percent: false, value: 0 });
    expect(parseIntOrPercent(-2)).toEqual({ percent: false, value: -2 });
    expect(parseIntOrPercent('25%')).toEqual({ percent: true, value: 25 });
    expect(parseIntOrPercent('+5%')).toEqual({ percent: true, value: 5 });
    expect(parseIntOrPercent('-5%')).toEqual({ percent: true, value: -5 });
    expect(parseIntOrPercent('120%')).toEqual({ percent: true, value: 120 });
  });

  test('deny: plain numeric strings, fractions, empty and odd values', () => {
    for (const v of ['3', '1.5%', '%', ' 5%', '5 %', '', 1.5, 2 ** 31, true, null, undefined, {}, '0x5%']) {
      expect(parseIntOrPercent(v)).toBeUndefined();
    }
  });
});

describe('scaledValue (intstr.GetScaledValueFromIntOrPercent)', () => {
  test('integers are returned as is; percentages of the total round up or down', () => {
    expect(scaledValue(2, 10, true)).toBe(2);
    expect(scaledValue('25%', 10, true)).toBe(3);
    expect(scaledValue('25%', 10, false)).toBe(2);
    expect(scaledValue('100%', 7, false)).toBe(7);
    expect(scaledValue('0%', 7, true)).toBe(0);
    expect(scaledValue('-10%', 10, false)).toBe(-1);
  });

  test('invalid values give undefined', () => {
    expect(scaledValue('3', 10, true)).toBeUndefined();
    expect(scaledValue(undefined, 10, true)).toBeUndefined();
  });
});
