import { Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
import { IMAGE_REFERENCE_FIX, imageReferenceProblem } from '../base/image-ref';
import { invalid } from '../validation/errors';

// Checks of construct props that the L2 constructs share (jobs, workloads,
// policies, sidecars): each throws invalid(), naming the construct, the field,
// the value and the fix. Not part of the public API.

/**
 * A Duration as whole seconds (undefined stays undefined); throws for a
 * fraction of a second.
 * @internal
 */
export function wholeSeconds(scope: IConstruct | string, field: string, duration: Duration | undefined): number | undefined {
  if (duration === undefined) return undefined;
  const ms = duration.toMilliseconds({ integral: false });
  if (ms % 1000 !== 0) {
    throw invalid(scope, field, `${ms}ms`, 'the API takes whole seconds', 'use a whole number of seconds, e.g. Duration.seconds(30)');
  }
  return ms / 1000;
}

/** Throws unless `value` is undefined or a whole number >= min. @internal */
export function checkWholeNumber(scope: IConstruct, field: string, value: number | undefined, min: number, fix: string): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < min) {
    throw invalid(scope, field, value, `must be a whole number >= ${min}`, fix);
  }
}

/** Throws when `image` is not a valid image reference. @internal */
export function checkImageReference(scope: IConstruct, field: string, image: string): void {
  const problem = imageReferenceProblem(image);
  if (problem) {
    throw invalid(scope, field, image, `not a valid image reference: ${problem}`, IMAGE_REFERENCE_FIX);
  }
}

/** Throws when `values` holds a duplicate. */
export function requireUnique(scope: IConstruct, field: string, values: readonly (string | number)[] | undefined, fix: string): void {
  const seen = new Set<string | number>();
  (values ?? []).forEach((v, i) => {
    if (seen.has(v)) throw invalid(scope, `${field}[${i}]`, v, 'duplicates are not allowed', fix);
    seen.add(v);
  });
}
