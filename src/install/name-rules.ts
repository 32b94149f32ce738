// Internal helpers shared by the install constructs: the Kubernetes name rules
// (from the bottom layer) and error messages. Not exported from index.ts.
import { IConstruct } from 'constructs';

// The name rules live in the bottom layer; re-exported for the folders that import them from here.
export { isApiGroup, isDns1123Label, isDns1123Subdomain, isLabelValue, isObjectName, isQualifiedName, LABEL_RULE, LABEL_VALUE_RULE, QUALIFIED_NAME_RULE, SUBDOMAIN_RULE } from '../base/names';

/**
 * An error naming the construct path, the prop, the bad value and the fix:
 * `<path>: <prop> '<value>' <problem>; <fix>`.
 */
export function propError(scope: IConstruct, prop: string, value: unknown, problem: string, fix: string): Error {
  const shown = typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
  return new Error(`${scope.node.path}: ${prop} ${shown} ${problem}; ${fix}`);
}

// Go durations moved to the bottom layer; re-exported for the folders that import them from here.
export { goDuration } from '../base/go-duration';
