/**
 * L2 tests under a given Kruise version: a chart governed by an install of
 * that version, and synthesis checked against that version's CRDs.
 */
import { Chart, Testing } from 'cdk8s';
import { validationErrors } from './l2';
import { ExistingKruise } from '../../src/install/existing';
import { KruiseSchemaValidator } from '../../src/validation/schema-validator';
import { KruiseVersion } from '../../src/version';
import { FeatureGateSetting } from '../../src/versions/feature-gates';

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

/** The Kruise lines that have a reference folder (kruise-<line>) and an L2 examples table. */
export const REFERENCE_LINES = ['1.7', '1.8'];

/**
 * A fresh chart for building a docs example of `line`: the default version
 * (1.7) needs no install; a later line gets an install of that version.
 */
export function chartFor(line: string, featureGates?: FeatureGateSetting[]): Chart {
  const version = KruiseVersion.of(line);
  if (version === KruiseVersion.V1_7 && featureGates === undefined) return new Chart(Testing.app(), 'test');
  return chartUnder(version, featureGates);
}

/** `synthValidUnder` for the version of `line`. */
export function synthValidFor(chart: Chart, line: string): any[] {
  return synthValidUnder(chart, KruiseVersion.of(line));
}
