/**
 * Kubernetes name rules (apimachinery util/validation and the generic
 * ObjectMeta validation), over plain JSON values.
 */
import { isJsonObject } from '../../base/json';
import { Report } from '../types';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const C_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The longest DNS-1123 label (63). */
export const DNS_LABEL_MAX = 63;
/** The longest DNS-1123 subdomain (253). */
export const DNS_SUBDOMAIN_MAX = 253;
/** The most bytes all annotations of one object may take together (256 KiB). */
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

/** `s` quoted for a message (JSON, so control characters and non-strings show). */
export function show(v: unknown): string {
  if (v === undefined) return 'undefined';
  try {
    const s = JSON.stringify(v);
    if (s === undefined) return String(v);
    return s.length > 120 ? `${s.slice(0, 117)}...` : s;
  } catch {
    return String(v);
  }
}

/** Why `s` is not a DNS-1123 label (k8s IsDNS1123Label), or undefined when it is one. */
export function dnsLabelProblem(s: unknown): string | undefined {
  if (typeof s !== 'string') return `must be a string, not ${show(s)}`;
  if (s.length > DNS_LABEL_MAX) return `must be no more than ${DNS_LABEL_MAX} characters (${show(s)} has ${s.length})`;
  if (!DNS_LABEL.test(s)) {
    return `${show(s)} is not a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit`;
  }
  return undefined;
}

/** Why `s` is not a DNS-1123 subdomain (k8s IsDNS1123Subdomain), or undefined when it is one. */
export function dnsSubdomainProblem(s: unknown): string | undefined {
  if (typeof s !== 'string') return `must be a string, not ${show(s)}`;
  if (s.length > DNS_SUBDOMAIN_MAX) return `must be no more than ${DNS_SUBDOMAIN_MAX} characters (${show(s)} has ${s.length})`;
  if (!DNS_SUBDOMAIN.test(s)) {
    return `${show(s)} is not a DNS-1123 subdomain: lowercase letters, digits, '-' and '.', each dot-separated part starting and ending with a letter or digit`;
  }
  return undefined;
}

/**
 * Why `s` is not a qualified name (k8s IsQualifiedName: an optional DNS
 * subdomain prefix and '/', then a name of at most 63 characters of
 * letters, digits, '-', '_' and '.', starting and ending alphanumeric).
 */
export function qualifiedNameProblem(s: unknown): string | undefined {
  if (typeof s !== 'string') return `must be a string, not ${show(s)}`;
  const parts = s.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0];
  } else if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (prefix.length === 0) return `${show(s)} has an empty prefix before '/'`;
    const p = dnsSubdomainProblem(prefix);
    if (p) return `the prefix of ${show(s)} ${p.startsWith('must') ? p : `is invalid: ${p}`}`;
  } else {
    return `${show(s)} is not a qualified name: at most one '/' (an optional DNS subdomain prefix, then a name)`;
  }
  if (name.length === 0) return `${show(s)} has an empty name part`;
  if (name.length > DNS_LABEL_MAX) return `the name part of ${show(s)} must be no more than ${DNS_LABEL_MAX} characters`;
  if (!QUALIFIED_NAME_PART.test(name)) {
    return `${show(s)} is not a qualified name: letters, digits, '-', '_' and '.', starting and ending with a letter or digit, with an optional DNS subdomain prefix and '/'`;
  }
  return undefined;
}

/** Why `s` is not a valid label value (k8s IsValidLabelValue; empty is valid), or undefined. */
export function labelValueProblem(s: unknown): string | undefined {
  if (typeof s !== 'string') return `must be a string, not ${show(s)}`;
  if (s.length > DNS_LABEL_MAX) return `must be no more than ${DNS_LABEL_MAX} characters (${show(s)} has ${s.length})`;
  if (!LABEL_VALUE.test(s)) {
    return `${show(s)} is not a valid label value: empty, or letters, digits, '-', '_' and '.', starting and ending with a letter or digit`;
  }
  return undefined;
}

/** Why `s` is not a C identifier (k8s IsCIdentifier), or undefined. */
export function cIdentifierProblem(s: unknown): string | undefined {
  if (typeof s !== 'string') return `must be a string, not ${show(s)}`;
  if (!C_IDENTIFIER.test(s)) return `${show(s)} is not a C identifier: letters, digits and '_', not starting with a digit`;
  return undefined;
}

/** k8s maskTrailingDash: a generateName may end in "-"; upstream checks it with its last two characters replaced by "a". */
export function maskTrailingDash(s: string): string {
  return s.length > 1 && s.endsWith('-') ? `${s.slice(0, -2)}a` : s;
}

/** Labels (k8s ValidateLabels): keys qualified names, values label values. Non-objects are left to the schema check. */
export function validateLabels(labels: unknown, path: string, rule: string, report: Report): void {
  if (!isJsonObject(labels)) return;
  for (const [k, v] of Object.entries(labels)) {
    const kp = qualifiedNameProblem(k);
    if (kp) report.error(rule, `${path}[${show(k)}]`, `label key ${kp}`, 'use a key like "app" or "example.com/tier"');
    if (typeof v !== 'string') continue; // the schema check reports non-strings
    const vp = labelValueProblem(v);
    if (vp) report.error(rule, `${path}[${show(k)}]`, `the value of label ${show(k)}: ${vp}`, 'use at most 63 letters, digits, "-", "_" or ".", starting and ending alphanumeric');
  }
}

/** Annotations (k8s ValidateAnnotations): keys qualified names (checked lowercased), 256 KiB in total. */
export function validateAnnotations(annotations: unknown, path: string, rule: string, report: Report): void {
  if (!isJsonObject(annotations)) return;
  let total = 0;
  for (const [k, v] of Object.entries(annotations)) {
    const kp = qualifiedNameProblem(k.toLowerCase());
    if (kp) report.error(rule, `${path}[${show(k)}]`, `annotation key ${kp}`, 'use a key like "example.com/note"');
    total += Buffer.byteLength(k, 'utf8') + (typeof v === 'string' ? Buffer.byteLength(v, 'utf8') : 0);
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT) {
    report.error(rule, path, `annotations take ${total} bytes, more than the ${TOTAL_ANNOTATION_SIZE_LIMIT} bytes (256 KiB) allowed`, 'move large data out of annotations (e.g. into a ConfigMap)');
  }
}

/**
 * k8s ValidateOwnerReferences: apiVersion with a version, kind, name and uid
 * set; at most one controller reference.
 */
export function validateOwnerReferences(refs: unknown, path: string, rule: string, report: Report): void {
  if (!Array.isArray(refs)) return;
  let controller: string | undefined;
  refs.forEach(ref => {
    if (!isJsonObject(ref)) return;
    const apiVersion = typeof ref.apiVersion === 'string' ? ref.apiVersion : '';
    // schema.FromAPIVersionAndKind: "group/version" or "version"; more than one '/' leaves the version empty.
    const parts = apiVersion.split('/');
    const version = parts.length === 1 ? parts[0] : parts.length === 2 ? parts[1] : '';
    if (version === '') report.error(rule, `${path}.apiVersion`, `owner reference apiVersion ${show(apiVersion)} has no version`, 'use e.g. "apps/v1"');
    for (const f of ['kind', 'name', 'uid']) {
      if (typeof ref[f] !== 'string' || ref[f] === '') report.error(rule, `${path}.${f}`, `an owner reference needs a ${f}`, `set ${f}`);
    }
    if (ref.controller === true) {
      const current = `${String(ref.kind ?? '')}/${String(ref.name ?? '')}`;
      if (controller !== undefined) {
        report.error(rule, path, `only one owner reference can be the controller, but ${controller} and ${current} both are`, 'set controller: true on one reference only');
      } else {
        controller = current;
      }
    }
  });
}

/** Options of {@link validateObjectMeta}. */
export interface ObjectMetaOptions {
  /**
   * The name rule (k8s ValidateNameFunc): the problem in words, or undefined.
   * A generateName is checked with its trailing '-' masked.
   * @default dnsSubdomainProblem
   */
  readonly name?: (name: string) => string | undefined;
  /**
   * Whether finalizers without a '/' must be one of the standard Kubernetes
   * ones (core ValidateObjectMeta, as opposed to apimachinery's generic one).
   * @default false
   */
  readonly kubeFinalizers?: boolean;
}

const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

/**
 * ObjectMeta at CREATE (k8s ValidateObjectMeta): name or generateName required
 * and valid, namespace (when set) a DNS label, generation, labels, annotations,
 * owner references, finalizers. The namespace is never required nor forbidden:
 * before admission the API server fills it from the request (namespaced kinds)
 * or clears it (cluster-scoped kinds).
 */
export function validateObjectMeta(meta: unknown, path: string, rule: string, report: Report, opts: ObjectMetaOptions = {}): void {
  const nameRule = opts.name ?? dnsSubdomainProblem;
  const m: Record<string, unknown> = isJsonObject(meta) ? meta : {};
  const name = m.name;
  const generateName = m.generateName;
  if (typeof generateName === 'string' && generateName !== '') {
    const p = nameRule(maskTrailingDash(generateName));
    if (p) report.error(rule, `${path}.generateName`, `generateName ${show(generateName)}: ${p}`);
  }
  if (typeof name === 'string' && name !== '') {
    const p = nameRule(name);
    if (p) report.error(rule, `${path}.name`, `name ${show(name)}: ${p}`, 'use lowercase letters, digits, "-" and "."');
  } else if (!(typeof generateName === 'string' && generateName !== '')) {
    report.error(rule, `${path}.name`, 'name or generateName is required', 'set metadata.name');
  }
  const ns = m.namespace;
  if (typeof ns === 'string' && ns !== '') {
    const p = dnsLabelProblem(ns);
    if (p) report.error(rule, `${path}.namespace`, `namespace ${show(ns)}: ${p}`);
  }
  if (typeof m.generation === 'number' && m.generation < 0) {
    report.error(rule, `${path}.generation`, `generation must not be negative, but is ${m.generation}`, 'remove metadata.generation');
  }
  validateLabels(m.labels, `${path}.labels`, rule, report);
  validateAnnotations(m.annotations, `${path}.annotations`, rule, report);
  validateOwnerReferences(m.ownerReferences, `${path}.ownerReferences`, rule, report);
  if (Array.isArray(m.finalizers)) {
    m.finalizers.forEach((f, i) => {
      if (typeof f !== 'string') return;
      const fp = `${path}.finalizers[${i}]`;
      const p = qualifiedNameProblem(f);
      if (p) {report.error(rule, fp, `finalizer ${p}`);} else if (opts.kubeFinalizers && !f.includes('/') && !STANDARD_FINALIZERS.has(f)) {
        report.error(rule, fp, `finalizer ${show(f)} is neither a standard finalizer name nor fully qualified`, 'use a domain-prefixed name like "example.com/cleanup"');
      }
    });
    if (m.finalizers.includes('orphan') && m.finalizers.includes('foregroundDeletion')) {
      report.error(rule, `${path}.finalizers`, 'finalizers "orphan" and "foregroundDeletion" cannot both be set', 'keep one of them');
    }
  }
}
