/**
 * Construct validations (`node.addValidation`) run in `App.synth()`, not in
 * `Testing.synth()`. These helpers run them the way `App.synth()` does.
 */
import { Chart } from 'cdk8s';
import { synthValid, validationErrors } from './l2';

export { validationErrors };

/** Same as `synthValid` (kept for the tests that import it from here). */
export function synthChecked(chart: Chart): any[] {
  return synthValid(chart);
}

/** The one manifest of `kind` in the chart (asserts there is exactly one). */
export function only(manifests: any[], kind: string): any {
  const found = manifests.filter(m => m.kind === kind);
  expect(found.length).toBe(1);
  return found[0];
}
