/**
 * L2 tests under a given Kruise version: a chart governed by an install of
 * that version, and synthesis checked against that version's CRDs.
 */
import { Chart, Testing } from 'cdk8s';
import { validationErrors } from './l2';
import { ExistingKruise } from '../../src/install/existing';
import { FeatureGateSetting } from '../../src/install/feature-gates';
import { KruiseSchemaValidator } from '../../src/validation/schema-validator';
import { KruiseVersion } from '../../src/version';

/** A fresh chart whose workloads are governed by an install (`test/kruise`) of `version`. */
export function chartUnder(version: KruiseVersion, featureGates?: FeatureGateSetting[]): Chart {
  const chart = new Chart(Testing.app(), 'test');
  new ExistingKruise(chart, 'kruise', { version, featureGates });
  return chart;
}

/**
 * Runs the construct validations as `App.synth()` does and asserts none
 * fails, synthesizes, and asserts every Kruise object validates against the
 * CRDs of `version` with nothing pruned. Returns the manifests.
 */
export function synthValidUnder(chart: Chart, version: KruiseVersion): any[] {
  expect(validationErrors(chart)).toEqual([]);
  const validator = KruiseSchemaValidator.forVersion(version);
  const manifests = Testing.synth(chart);
  for (const m of manifests) {
    if (validator.handles(m.apiVersion, m.kind)) {
      expect({ object: `${m.kind}/${m.metadata?.name}`, problems: validator.validate(m, { requireName: true }) })
        .toEqual({ object: `${m.kind}/${m.metadata?.name}`, problems: [] });
    }
  }
  return manifests;
}
