/**
 * The bad-input corpus: one table per area, each row an input the library must
 * reject with one exact message (the construct path or values key, the bad
 * value, and the fix). Shared runners; the tables live beside this file.
 */
import { App, Chart, Testing } from 'cdk8s';
import { parse } from 'yaml';
import { Kruise, KruiseProps } from '../../src';

/** One corpus row: what is fed in, and the exact message expected back. */
export interface BadInput {
  readonly name: string;
  readonly run: () => unknown;
  readonly expected: string;
}

/** The error `fn` throws, or undefined. */
export function errorOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}

/**
 * Asserts that `fn` throws a plain Error (not a TypeError, RangeError, ...)
 * whose message is exactly `expected`, and that the message names no
 * `undefined` and carries no stack-like line.
 */
export function expectExactError(fn: () => unknown, expected: string): void {
  const e = errorOf(fn);
  expect(e).toBeInstanceOf(Error);
  expect((e as Error).constructor).toBe(Error);
  expect((e as Error).message).toBe(expected);
  expect((e as Error).message).not.toMatch(/\bundefined\b|\bat .*\.[jt]s:\d+/);
}

/** A fresh app and a chart `test` in it. */
export function newApp(): { app: App; chart: Chart } {
  const app = Testing.app();
  return { app, chart: new Chart(app, 'test') };
}

/** `new Kruise(chart, 'kruise', props)` synthesized the way `cdk8s synth` does (validations included). */
export function installRow(name: string, props: KruiseProps | (() => KruiseProps), expected: string): BadInput {
  return {
    name,
    expected,
    run: () => {
      const { app, chart } = newApp();
      new Kruise(chart, 'kruise', typeof props === 'function' ? props() : props);
      return app.synthYaml();
    },
  };
}

/** `Kruise.fromHelmValues()` of values given as an object or as YAML text. */
export function valuesRow(name: string, values: any, expected: string): BadInput {
  return {
    name,
    expected,
    run: () => {
      const { app, chart } = newApp();
      Kruise.fromHelmValues(chart, 'kruise', typeof values === 'string' ? parse(values) : values);
      return app.synthYaml();
    },
  };
}

/** An L2 construct built in chart `test` and synthesized (construction errors and synth-time validations). */
export function l2Row(name: string, build: (chart: Chart) => unknown, expected: string): BadInput {
  return {
    name,
    expected,
    run: () => {
      const { app, chart } = newApp();
      build(chart);
      return app.synthYaml();
    },
  };
}

/** The message cdk8s gives for failing synth-time validations: one `[path] message` line each. */
export function synthFailure(...lines: string[]): string {
  return `Validation failed with the following errors:\n  ${lines.join('\n  ')}`;
}
