// Internal helpers shared by the install constructs: the Kubernetes name rules
// (from the bottom layer) and Go durations. Not exported from index.ts.

// The name rules live in the bottom layer; re-exported for the folders that import them from here.
export { isApiGroup, isDns1123Label, isDns1123Subdomain, isLabelValue, isObjectName, isQualifiedName, LABEL_RULE, LABEL_VALUE_RULE, QUALIFIED_NAME_RULE, SUBDOMAIN_RULE } from '../base/names';

// Go durations moved to the bottom layer; re-exported for the folders that import them from here.
export { goDuration } from '../base/go-duration';
