/**
 * The constructs' checks of the API server's object rules (names,
 * namespaces, labels, annotations): they throw `invalid()` naming the
 * construct. The rules themselves, over plain JSON, are
 * validation/object-rules.ts. Shared by the L2 constructs; not exported from
 * index.ts.
 */
import { ApiObjectMetadata } from 'cdk8s';
import { IConstruct } from 'constructs';
import { isDns1123Label, isLabelValue, isObjectName, isQualifiedName, LABEL_RULE, LABEL_VALUE_RULE, QUALIFIED_NAME_RULE, SUBDOMAIN_RULE } from '../base/names';
import { invalid } from '../validation/errors';
import { mapFindings, metadataFindings } from '../validation/object-rules';

/**
 * Throws for the first problem of `metadata` as given to a construct (name,
 * namespace, label and annotation keys and values).
 */
export function checkObjectMetadata(scope: IConstruct, metadata: ApiObjectMetadata | undefined): void {
  const [first] = metadataFindings(metadata);
  if (first) throw invalid(scope, first.field, first.value, first.problem, first.fix);
}

/**
 * `metadata` without keys whose value is undefined: cdk8s spreads the given
 * metadata over the generated name, so `{ name: undefined }` would emit an
 * object without a name.
 */
export function definedMetadata(metadata: ApiObjectMetadata | undefined): ApiObjectMetadata | undefined {
  if (!metadata) return metadata;
  return Object.fromEntries(Object.entries(metadata).filter(([, v]) => v !== undefined)) as ApiObjectMetadata;
}

/** Throws unless `map` is a valid map of labels (`kind` labels) or annotations at `field`. */
export function checkStringMapOf(scope: IConstruct, field: string, map: { [k: string]: string } | undefined, kind: 'labels' | 'annotations'): void {
  const [first] = mapFindings(field, map, kind);
  if (first) throw invalid(scope, first.field, first.value, first.problem, first.fix);
}

/** Throws unless `key` is a qualified name (label key, annotation key, condition type). */
export function checkQualifiedName(scope: IConstruct, field: string, key: string, what: string): void {
  if (!isQualifiedName(key)) throw invalid(scope, field, key, `not a valid ${what}`, QUALIFIED_NAME_RULE);
}

/** Throws unless `value` is a label value. */
export function checkLabelValue(scope: IConstruct, field: string, value: string): void {
  if (!isLabelValue(value)) throw invalid(scope, field, value, 'not a valid label value', LABEL_VALUE_RULE);
}

/** Throws unless `name` is a DNS-1123 label (`what` says which name, e.g. 'container name'). */
export function checkDnsLabel(scope: IConstruct, field: string, name: string, what: string, fix: string = LABEL_RULE): void {
  if (!isDns1123Label(name)) throw invalid(scope, field, name, `not a valid ${what} (a lowercase RFC 1123 label)`, fix);
}

/** Throws unless `name` is a DNS-1123 subdomain (an object name). */
export function checkObjectName(scope: IConstruct, field: string, name: string, what: string, example = 'web'): void {
  if (!isObjectName(name)) throw invalid(scope, field, name, `not a valid ${what} (a lowercase RFC 1123 subdomain)`, `${SUBDOMAIN_RULE}, e.g. '${example}'`);
}

