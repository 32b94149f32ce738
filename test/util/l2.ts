/**
 * Shared assertions for L2 construct tests: every Kruise object a test
 * synthesizes must validate against the library's CRD schemas with nothing
 * pruned (on top of the construct's own synth-time validation).
 */
import { Chart, Testing } from 'cdk8s';
import { ExistingKruise } from '../../src/install/existing';
import { KruiseSchemaValidator } from '../../src/validation/schema-validator';
import { FeatureGate } from '../../src/versions/feature-gates';

const validator = KruiseSchemaValidator.forVersion();

/**
 * The messages of every failing construct validation in the app of `chart`
 * (what `App.synth()` runs and `Testing.synth()` does not).
 */
export function validationErrors(chart: Chart): string[] {
  return chart.node.root.node.findAll().flatMap(c => c.node.validate());
}

/**
 * Runs the construct validations (admission rules, gates, schema) as
 * `App.synth()` does, asserts none fails, synthesizes, and asserts every
 * Kruise object is schema-valid with nothing pruned.
 */
export function synthValid(chart: Chart): any[] {
  expect(validationErrors(chart)).toEqual([]);
  const manifests = Testing.synth(chart);
  for (const m of manifests) {
    if (validator.handles(m.apiVersion, m.kind)) {
      expect({ object: `${m.kind}/${m.metadata?.name}`, problems: validator.validate(m, { requireName: true }) })
        .toEqual({ object: `${m.kind}/${m.metadata?.name}`, problems: [] });
    }
  }
  return manifests;
}

/** A fresh chart in a fresh app. */
export function newChart(): Chart {
  return new Chart(Testing.app(), 'test');
}

/**
 * Lists every path where `expected` has a value that `actual` lacks or holds
 * differently (lists compared item by item, same length). Extra fields in
 * `actual` are allowed.
 */
export function missingFrom(actual: any, expected: any, path = ''): string[] {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
    return expected.flatMap((e, i) => missingFrom(actual[i], e, `${path}[${i}]`));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return [`${path}: expected an object, got ${JSON.stringify(actual)}`];
    return Object.keys(expected).flatMap(k => missingFrom(actual[k], expected[k], path ? `${path}.${k}` : k));
  }
  return actual === expected ? [] : [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
}

/**
 * The two tests of a feature-gate dependency: with the gate off in the
 * targeted install, synth fails with a message matching `failure`; with it on,
 * every validation passes. `build` adds the construct under test to the chart.
 */
export function describeGateDependency(title: string, gate: FeatureGate, build: (chart: Chart) => void, failure: RegExp): void {
  describe(title, () => {
    test('off: synth fails naming the gate', () => {
      const chart = newChart();
      new ExistingKruise(chart, 'kruise', { featureGates: [gate.disable()] });
      build(chart);
      expect(validationErrors(chart).join('\n')).toMatch(failure);
    });

    test('on: passes', () => {
      const chart = newChart();
      new ExistingKruise(chart, 'kruise', { featureGates: [gate.enable()] });
      build(chart);
      expect(validationErrors(chart)).toEqual([]);
    });
  });
}
