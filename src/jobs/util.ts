import { Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
import { IMAGE_REFERENCE_FIX, imageReferenceProblem } from '../base/image-ref';
import { checkObjectMetadata } from '../common/object-meta';
import { invalid } from '../validation/errors';

// The pure checks live in the bottom layer (src/base), where the admission
// engine reaches them too; re-exported for the construct folders that import them from here.
export { imageReferenceProblem } from '../base/image-ref';
export { cronScheduleProblem } from '../base/schedule';
export { timeZoneProblem } from '../base/time-zone';

// Helpers shared by the job constructs; not part of the public API.

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

/**
 * Kruise's name rule for BroadcastJob and AdvancedCronJob: letters, digits and
 * '-', at most 63 characters. Checked when the name is given explicitly.
 * @internal
 */
export function checkJobName(scope: IConstruct, kind: string, name: string | undefined): void {
  if (name === undefined) return;
  if (!/^[a-zA-Z0-9-]+$/.test(name)) {
    throw invalid(scope, 'metadata.name', name, `Kruise accepts ${kind} names of letters, digits and '-' only`, "rename it, e.g. replace '.' and '_' with '-'");
  }
  if (name.length > 63) {
    throw invalid(scope, 'metadata.name', name, `Kruise accepts ${kind} names of at most 63 characters (this one has ${name.length})`, 'use a shorter name');
  }
  checkObjectMetadata(scope, { name });
}

/** Throws when `image` is not a valid image reference. @internal */
export function checkImageReference(scope: IConstruct, field: string, image: string): void {
  const problem = imageReferenceProblem(image);
  if (problem) {
    throw invalid(scope, field, image, `not a valid image reference: ${problem}`, IMAGE_REFERENCE_FIX);
  }
}
