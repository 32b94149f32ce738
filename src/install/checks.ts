// Checks of single install props: namespaces, ports, log levels, label and annotation maps, addresses.
import type { IConstruct } from 'constructs';
import type { Issue } from './issues';
import { issueError } from './issues';
import { isDns1123Label, isDns1123Subdomain, isLabelValue, isQualifiedName, LABEL_RULE, LABEL_VALUE_RULE, QUALIFIED_NAME_RULE } from '../base/names';
import { quotable } from '../base/show-value';
import { invalid } from '../validation/errors';
import { DEFAULT_KRUISE_NAMESPACE } from '../versions/namespace';

/** The namespace a part of the install runs in: `namespace`, else the default (kruise-system); a value that is no namespace name throws. */
export function checkNamespace(where: IConstruct | string, prop: string, namespace: string | undefined): string {
  const ns = namespace ?? DEFAULT_KRUISE_NAMESPACE;
  if (!isDns1123Label(ns)) {
    throw invalid(where, prop, ns, 'is not a valid namespace name', `${LABEL_RULE}, e.g. '${DEFAULT_KRUISE_NAMESPACE}'`);
  }
  return ns;
}

/** Validates a TCP port number. */
export function checkPort(where: string, prop: string, port: number): number {
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw invalid(where, prop, port, 'is not a port number', 'use an integer from 1 to 65535');
  }
  return port;
}

/** Validates a klog verbosity (`--v`). */
export function checkLogLevel(where: string, prop: string, level: number): number {
  if (!Number.isInteger(level) || level < 0 || level > 10) {
    throw invalid(where, prop, level, 'is not a log level', "use an integer from 0 to 10 (the chart's default is 4)");
  }
  return level;
}

/**
 * Validates a map of strings: every key a qualified name (`[prefix/]name`),
 * every value a string; for `labels` (node selectors, labels) every value a
 * label value; for `annotations` the values of the cert-manager CA-injection
 * annotations `<namespace>/<name>`. The kind defaults to `labels` for props
 * named `...nodeSelector` or `...labels`, else `annotations`.
 */
export function checkStringMap(where: string, prop: string, map: { [key: string]: string } | undefined,
  kind: 'labels' | 'annotations' = /(nodeSelector|labels)$/i.test(prop) ? 'labels' : 'annotations'): { [key: string]: string } {
  const issue = stringMapIssue(prop, map, kind);
  if (issue) throw issueError(where, issue);
  const out: { [key: string]: string } = {};
  if (map) for (const k of Object.keys(map)) out[k] = map[k];
  return out;
}

/** The cert-manager annotations whose value is `<namespace>/<name>`. */
export const CA_INJECTION_ANNOTATIONS = ['cert-manager.io/inject-ca-from', 'cert-manager.io/inject-ca-from-secret'];

/** The first problem of a map of labels or annotations, or undefined. */
export function stringMapIssue(prop: string, map: { [key: string]: string } | undefined, kind: 'labels' | 'annotations'): Issue | undefined {
  if (!map) return undefined;
  for (const k of Object.keys(map)) { // not Object.entries: no pair per key of a large map
    const v = map[k];
    if (k === 'constructor') {
      return { path: `${prop}['${k}']`, value: v, problem: 'has the key \'constructor\', which cdk8s cannot render (its resolver reads it as the object\'s class)', fix: 'use another key' };
    }
    if (typeof v !== 'string') {
      return { path: `${prop}['${k}']`, value: v, problem: 'is not a string', fix: `quote the value, e.g. '${quotable(v)}'` };
    }
    if (!isQualifiedName(k)) {
      return { path: `${prop}['${k}']`, value: v, problem: `has an invalid ${kind === 'labels' ? 'label' : 'annotation'} key`, fix: `${QUALIFIED_NAME_RULE}, e.g. 'example.com/team'` };
    }
    if (kind === 'labels' && !isLabelValue(v)) {
      return { path: `${prop}['${k}']`, value: v, problem: 'is not a valid label value', fix: LABEL_VALUE_RULE };
    }
    if (kind === 'annotations' && CA_INJECTION_ANNOTATIONS.includes(k) && !isNamespacedName(v)) {
      return { path: `${prop}['${k}']`, value: v, problem: 'is not <namespace>/<name>', fix: `name the cert-manager ${k.endsWith('secret') ? 'Secret' : 'Certificate'} with its namespace, e.g. 'kruise-system/kruise-webhook-certs'` };
    }
  }
  return undefined;
}

/** `<namespace>/<name>` with a valid namespace and object name. */
export function isNamespacedName(value: string): boolean {
  const parts = typeof value === 'string' ? value.split('/') : [];
  return parts.length === 2 && isDns1123Label(parts[0]) && isDns1123Subdomain(parts[1]);
}

/** The port of a `host:port` address, or undefined. */
export function addressPort(address: string): number | undefined {
  if (typeof address !== 'string') return undefined;
  const m = /^(?:\[[0-9A-Za-z:.%_-]*\]|[^\s:[\]]*):(\d{1,5})$/.exec(address);
  return m ? Number(m[1]) : undefined;
}
