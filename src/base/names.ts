// Kubernetes name rules (RFC 1123 labels and subdomains, object names, label
// keys and values, API groups) and the fixes messages give for them. Pure (the bottom layer).

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** RFC 1123 label (namespaces, most names that end up in DNS): at most 63 characters. */
export function isDns1123Label(value: string): boolean {
  return typeof value === 'string' && value.length <= 63 && DNS1123_LABEL.test(value);
}

/** RFC 1123 subdomain (object names such as Issuer or ConfigMap): dot-separated labels, at most 253 characters. */
export function isDns1123Subdomain(value: string): boolean {
  return typeof value === 'string'
    && value.length > 0
    && value.length <= 253
    && value.split('.').every(l => l.length <= 63 && DNS1123_LABEL.test(l));
}

/**
 * A Kubernetes object name (`IsDNS1123Subdomain` of apimachinery): dot-separated
 * RFC 1123 labels, at most 253 characters in all (unlike a DNS name, a part may
 * be longer than 63).
 */
export function isObjectName(value: string): boolean {
  return typeof value === 'string' && value.length > 0 && value.length <= 253 && OBJECT_NAME.test(value);
}

const OBJECT_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * Kubernetes qualified name (label and annotation keys, condition types):
 * `[prefix/]name`, the prefix a DNS subdomain, the name at most 63 letters,
 * digits, '-', '_' and '.', starting and ending with a letter or digit.
 */
export function isQualifiedName(key: unknown): key is string {
  if (typeof key !== 'string') return false;
  const parts = key.split('/');
  if (parts.length > 2) return false;
  if (parts.length === 2 && !isObjectName(parts[0])) return false;
  const name = parts[parts.length - 1];
  return name.length > 0 && name.length <= 63 && QUALIFIED_NAME_PART.test(name);
}

/** A label value: empty, or at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit. */
export function isLabelValue(value: unknown): value is string {
  return typeof value === 'string' && (value === '' || (value.length <= 63 && QUALIFIED_NAME_PART.test(value)));
}

/** An API group as RBAC rules take it: `*`, `` (the core group) or a DNS subdomain. */
export function isApiGroup(value: string): boolean {
  return value === '*' || value === '' || isObjectName(value);
}

/** The API group of an apiVersion: `apps/v1` -> `apps`, `v1` (the core group) -> ``. */
export function apiGroupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

const QUALIFIED_NAME_PART = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

export const LABEL_RULE = 'use lowercase letters, digits and \'-\', starting and ending with a letter or digit, at most 63 characters';
export const QUALIFIED_NAME_RULE = 'use [prefix/]name: an optional DNS subdomain prefix, and a name of at most 63 letters, digits, \'-\', \'_\' and \'.\' that starts and ends with a letter or digit';
export const LABEL_VALUE_RULE = 'use at most 63 letters, digits, \'-\', \'_\' and \'.\', starting and ending with a letter or digit (or an empty string)';
export const SUBDOMAIN_RULE = 'use lowercase letters, digits, \'-\' and \'.\', each dot-separated part starting and ending with a letter or digit, at most 253 characters';
