// Internal helpers shared by the install constructs: the Kubernetes name rules
// (from the bottom layer) and error messages. Not exported from index.ts.
import { IConstruct } from 'constructs';
import { invalid } from '../validation/errors';

// The name rules live in the bottom layer; re-exported for the folders that import them from here.
export { isApiGroup, isDns1123Label, isDns1123Subdomain, isLabelValue, isObjectName, isQualifiedName, LABEL_RULE, LABEL_VALUE_RULE, QUALIFIED_NAME_RULE, SUBDOMAIN_RULE } from '../base/names';

/** `invalid()` under its older name (cert-manager.ts still calls it): `<path>: <prop> <value>: <problem>; <fix>`. */
export function propError(scope: IConstruct, prop: string, value: unknown, problem: string, fix: string): Error {
  return invalid(scope, prop, value, problem, fix);
}

// Go durations moved to the bottom layer; re-exported for the folders that import them from here.
export { goDuration } from '../base/go-duration';
