// Internal helpers of the install constructs. Not exported from index.ts.
import type { Duration } from 'cdk8s';
import type { k8s } from 'cdk8s-plus-28';
import { closest, FeatureGate, ResolvedFeatureGates } from './feature-gates';
import type { KruiseProps } from './kruise';
import { isApiGroup, isDns1123Label, isDns1123Subdomain, isLabelValue, isQualifiedName, LABEL_VALUE_RULE, QUALIFIED_NAME_RULE } from './name-rules';
import { compareQuantityValues, parseQuantity as parseBaseQuantity, quantityToNumber } from '../base/quantity';

/**
 * The plain JSON of a value typed with the cdk8s-plus-28 L1 interfaces
 * (`k8s.NodeAffinity`, `k8s.Toleration`, ...): their property names are the
 * Kubernetes field names, so only `Quantity`/`IntOrString` instances need
 * converting (to their `value`). Only types are imported from cdk8s-plus-28,
 * so the install path does not load it.
 */
export function toPlain(value: any, where: string, stack: Set<object> = new Set()): any {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && !Number.isFinite(value)) throw plainError(where, value, 'is not a finite number', 'give a finite number');
  if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') {
    throw plainError(where, value, `is a ${typeof value}, which a Kubernetes field cannot hold`, 'give plain data');
  }
  if (typeof value !== 'object') return value;
  if (stack.has(value)) throw plainError(where, '(cycle)', 'contains itself (a cycle)', 'give a tree of plain values');
  if (stack.size > 512) throw plainError(where, '...', 'nests more than 512 levels deep', 'flatten it');
  if (Array.isArray(value)) {
    stack.add(value);
    try {
      return value.map((v, i) => toPlain(v, `${where}[${i}]`, stack));
    } finally {
      stack.delete(value);
    }
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    if ('value' in value && (typeof value.value === 'string' || typeof value.value === 'number')) {
      return value.value; // k8s.Quantity, k8s.IntOrString
    }
    throw plainError(where, value, `is a ${value.constructor?.name ?? 'object'}, which cannot be rendered`, 'use plain objects, k8s.Quantity or k8s.IntOrString');
  }
  const out: any = {};
  stack.add(value);
  try {
    for (const [k, v] of Object.entries(value)) {
      const p = toPlain(v, `${where}.${k}`, stack);
      if (p !== undefined) out[k] = p;
    }
  } finally {
    stack.delete(value);
  }
  return out;
}

/** An error of toPlain(); `issue` lets callers that name fields by prop path report it as an Issue. */
function plainError(where: string, value: unknown, problem: string, fix: string): Error {
  const colon = where.indexOf(': ');
  const path = colon >= 0 ? where.slice(colon + 2) : where;
  return Object.assign(new Error(`${where} ${showValue(value)} ${problem}; ${fix}`), { issue: { path, value, problem, fix } as Issue });
}

/** A stand-in for `k8s.Quantity` (which has a private constructor) used by the helm adapter. */
export class RawQuantity {
  public constructor(public readonly value: string | number) {}
}

/** A `k8s.Quantity` holding `value` as given (string or number), without loading cdk8s-plus-28. */
export function quantity(value: string | number): k8s.Quantity {
  return new RawQuantity(value) as unknown as k8s.Quantity;
}

/** Whether a map/list/string is empty the way Go templates see it (`if`/`with` false). */
export function isEmpty(value: any): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return value === '' || value === false || value === 0;
}

/**
 * A Duration in Go's `time.ParseDuration` syntax using its largest exact unit
 * (`0`, `30s`, `5m`, `1h`, `90m`, `1500ms`), for flags such as `--sync-period`.
 */
export function goFlagDuration(d: Duration): string {
  const ms = Math.round(d.toMilliseconds({ integral: false }));
  if (ms === 0) return '0';
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

/**
 * What `Kruise.fromHelmValues` carries over from the chart's text templates where
 * the typed model would render differently (the chart tests feature gates with
 * `contains` on the raw string, and passes some strings through verbatim).
 * Keyed by object identity; invisible to the public (jsii) API.
 */
export interface ChartCompat {
  /** `--feature-gates` exactly as the values give it. */
  readonly featureGatesFlag: string;
  /** `not (contains "KruiseDaemon=false" featureGates)`. */
  readonly daemon: boolean;
  /** `not (contains "PodWebhook=false" featureGates)`. */
  readonly podWebhooks: boolean;
  /** `contains "EnableExternalCerts=true"` or `contains "AllAlpha=true"`. */
  readonly externalCerts: boolean;
  /** `--sync-period` exactly as the values give it. */
  readonly syncPeriod: string;
}

const COMPAT = new WeakMap<object, ChartCompat>();

/** Attaches chart-compat data to an object (props or resolved gates). */
export function attachChartCompat<T extends object>(target: T, compat: ChartCompat): T {
  COMPAT.set(target, compat);
  return target;
}

/** The chart-compat data attached to an object, if any. */
export function chartCompatOf(target: object | undefined): ChartCompat | undefined {
  return target ? COMPAT.get(target) : undefined;
}

/** The `--feature-gates` value of resolved gates (the chart's raw string when built from values). */
export function featureGatesFlag(gates: ResolvedFeatureGates): string {
  return chartCompatOf(gates)?.featureGatesFlag ?? gates.flag;
}

/** Validates a TCP port number. */
export function checkPort(where: string, prop: string, port: number): number {
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${where}: ${prop} ${showValue(port)} is not a port number; use an integer from 1 to 65535`);
  }
  return port;
}

/** Validates a klog verbosity (`--v`). */
export function checkLogLevel(where: string, prop: string, level: number): number {
  if (!Number.isInteger(level) || level < 0 || level > 10) {
    throw new Error(`${where}: ${prop} ${showValue(level)} is not a log level; use an integer from 0 to 10 (the chart's default is 4)`);
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
  for (const [k, v] of Object.entries(map ?? {})) out[k] = v;
  return out;
}

/** The cert-manager annotations whose value is `<namespace>/<name>`. */
export const CA_INJECTION_ANNOTATIONS = ['cert-manager.io/inject-ca-from', 'cert-manager.io/inject-ca-from-secret'];

/** The first problem of a map of labels or annotations, or undefined. */
export function stringMapIssue(prop: string, map: { [key: string]: string } | undefined, kind: 'labels' | 'annotations'): Issue | undefined {
  for (const [k, v] of Object.entries(map ?? {})) {
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

// ---------------------------------------------------------------- issues

/**
 * One input problem: the field (a dotted path from the props or values root),
 * the bad value, what is wrong and the fix. Rendered as
 * `<construct path>: <path> <value> <problem>; <fix>` for props and as
 * `values: '<path>' <value> <problem>; <fix>` for chart values.
 */
export interface Issue {
  readonly path: string;
  readonly value: unknown;
  readonly problem: string;
  readonly fix: string;
}

/** Keys whose values messages never show (passwords, tokens, keys, Secret data). */
const SECRET_KEY = /pass(word|wd|phrase)?$|secret$|token$|credentials?$|^auth$|apikey$|api[-_]key$|private[-_]?key$|^(data|stringData)$|^\.dockerconfigjson$/i;

/** A string with `user:password@` (in URLs and image references) masked. */
export function maskUserinfo(s: string): string {
  return s.replace(/((?:^|\/\/|\s)[^\s/@:]+):[^\s/@]*@/g, '$1:***@');
}

// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text with control characters, bidi controls and lone surrogates written as `\xNN` / `\uNNNN`. */
export function escapeControls(text: string): string {
  return text.replace(CONTROLS, c => {
    const n = c.charCodeAt(0);
    return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
  });
}

/**
 * A value as messages show it: JSON-like and shortened to 80 characters, with
 * NaN and Infinity as such, `(unset)` for undefined, `(a Lazy value)`,
 * `(a function)`, `Map(n)`, `(cycle)`; values of secret-like keys (password,
 * token, secret, data...) and `user:password@` in strings masked as `***`;
 * control characters escaped.
 */
export function showValue(value: unknown): string {
  if (value === undefined) return '(unset)';
  let s: string;
  try {
    s = render(value, new Set(), 0);
  } catch {
    s = '(a value that cannot be shown)';
  }
  s = escapeControls(s);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

function render(v: unknown, seen: Set<object>, depth: number): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'undefined': return '(unset)';
    case 'string': return JSON.stringify(maskUserinfo(v));
    case 'number': return Object.is(v, -0) ? '0' : String(v);
    case 'boolean': return String(v);
    case 'bigint': return `${v}n`;
    case 'symbol': return '(a symbol)';
    case 'function': return '(a function)';
  }
  const o = v as object;
  if (seen.has(o)) return '(cycle)';
  if (depth > 6) return '...';
  const proto = Object.getPrototypeOf(o);
  if (proto !== Object.prototype && proto !== null && !Array.isArray(o)) {
    const name = (o as any).constructor?.name;
    if (name === 'Lazy' || typeof (o as any).produce === 'function') return '(a Lazy value)';
    if (o instanceof Map) return `Map(${o.size})`;
    if (o instanceof Set) return `Set(${o.size})`;
    if (o instanceof Date) return Number.isNaN(o.getTime()) ? '(an invalid Date)' : JSON.stringify(o.toISOString());
    if ('value' in o && (typeof (o as any).value === 'string' || typeof (o as any).value === 'number')) return render((o as any).value, seen, depth);
    return `(a ${typeof name === 'string' && name ? name : 'object'})`;
  }
  seen.add(o);
  try {
    if (Array.isArray(o)) return `[${o.map(x => x === undefined ? 'null' : render(x, seen, depth + 1)).join(',')}]`;
    const parts: string[] = [];
    for (const k of Object.keys(o)) {
      const x = (o as any)[k];
      if (x === undefined) continue;
      parts.push(`${JSON.stringify(k)}:${SECRET_KEY.test(k) && x !== null && x !== '' ? '"***"' : render(x, seen, depth + 1)}`);
      if (parts.join(',').length > 200) break;
    }
    return `{${parts.join(',')}}`;
  } finally {
    seen.delete(o);
  }
}

/**
 * Characters the library refuses in any string it would write to YAML through
 * `app.synth()`: C0 controls but tab, LF and CR; DEL; C1 controls (NEL
 * included); U+2028/U+2029; U+FEFF, U+FFFE, U+FFFF; lone surrogates. cdk8s's
 * YAML writer leaves some of them raw, and Go YAML readers (kubectl, helm,
 * Argo CD, Flux) reject or rewrite them.
 */
// eslint-disable-next-line no-control-regex
export const YAML_UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The issue of the first string (or map key) holding a YAML_UNSAFE character, walking plain data. */
export function unsafeTextIssue(value: unknown, path: string): Issue | undefined {
  const seen = new Set<object>();
  const visit = (v: unknown, p: string): Issue | undefined => {
    if (typeof v === 'string') {
      const m = YAML_UNSAFE.exec(v);
      return m ? textIssue(p, v, m[0]) : undefined;
    }
    if (typeof v !== 'object' || v === null || seen.has(v)) return undefined;
    const proto = Object.getPrototypeOf(v);
    if (!Array.isArray(v) && proto !== Object.prototype && proto !== null) {
      const inner = (v as any).value; // k8s.Quantity, IntOrString
      return typeof inner === 'string' ? visit(inner, p) : undefined;
    }
    seen.add(v);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const issue = visit(v[i], `${p}[${i}]`);
        if (issue) return issue;
      }
      return undefined;
    }
    for (const k of Object.keys(v)) {
      const kp = p ? `${p}.${k}` : k;
      const m = YAML_UNSAFE.exec(k);
      if (m) return textIssue(kp, k, m[0]);
      const issue = visit((v as any)[k], kp);
      if (issue) return issue;
    }
    return undefined;
  };
  return visit(value, path);
}

function textIssue(path: string, value: string, ch: string): Issue {
  const cp = `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  return {
    path,
    value,
    problem: `holds the character ${cp}, which YAML readers such as kubectl, helm and Argo CD reject or change`,
    fix: 'remove it (or write the text without control characters)',
  };
}

/** A scalar as the text a user would quote; `text` for maps, lists and the like. */
export function quotable(v: unknown): string {
  return typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' ? String(v) : v === null ? 'null' : 'text';
}

/** Whether a key names a secret (its value is masked in messages). */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/**
 * A deep copy of untrusted plain data (chart values, props from JavaScript)
 * with null-prototype maps, or an error naming the path: cycles, Maps, Sets,
 * class instances, functions, symbols, bigints, NaN and Infinity, nesting
 * deeper than 512.
 */
export function plainData(value: unknown, path: string, problem: (path: string, value: unknown, what: string, fix: string) => Error): unknown {
  const stack = new Set<object>();
  const copy = (v: unknown, p: string, depth: number): unknown => {
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw problem(p, v, 'is not a finite number', 'give a finite number');
      return Object.is(v, -0) ? 0 : v;
    }
    if (typeof v !== 'object') throw problem(p, v, `is ${typeof v === 'undefined' ? 'undefined' : `a ${typeof v}`}, which chart values cannot hold`, 'give a string, number, boolean, null, list or map');
    if (depth > 512) throw problem(p, '...', 'nests more than 512 levels deep', 'flatten it');
    if (stack.has(v)) throw problem(p, '(cycle)', 'contains itself (a cycle)', 'give a tree of plain values');
    const isList = Array.isArray(v);
    const proto = Object.getPrototypeOf(v);
    if (!isList && proto !== Object.prototype && proto !== null) {
      const name = (v as any).constructor?.name ?? 'object';
      throw problem(p, v, `is a ${name}, not a plain map`, v instanceof Map ? 'pass a plain object, e.g. Object.fromEntries(map)' : 'give a plain object');
    }
    stack.add(v);
    try {
      if (isList) {
        const out: unknown[] = [];
        for (let i = 0; i < (v as unknown[]).length; i++) {
          const x = (v as unknown[])[i];
          out.push(x === undefined ? null : copy(x, `${p}[${i}]`, depth + 1));
        }
        return out;
      }
      const out: { [k: string]: unknown } = Object.create(null);
      for (const k of Object.keys(v)) {
        const x = (v as any)[k];
        if (x === undefined) continue;
        out[k] = copy(x, p ? `${p}.${k}` : k, depth + 1);
      }
      return out;
    } finally {
      stack.delete(v);
    }
  };
  return copy(value, path, 0);
}

/** The error of a props issue: `<where>: <path> <value> <problem>; <fix>`. */
export function issueError(where: string, issue: Issue): Error {
  return new Error(`${where}: ${escapeControls(issue.path)} ${showValue(issue.value)} ${issue.problem}; ${issue.fix}`);
}

// ---------------------------------------------------------------- pod fields (resources, tolerations, affinity, env)

/** A small structural schema of the Kubernetes pod fields the install takes as plain objects. */
type Shape =
  | { readonly t: 'object'; readonly what: string; readonly fields: () => { [key: string]: Shape }; readonly rule?: (v: any, path: string) => Issue | undefined }
  | { readonly t: 'list'; readonly of: Shape; readonly nonEmpty?: string }
  | { readonly t: 'string'; readonly oneOf?: string[]; readonly check?: (s: string) => { problem: string; fix: string } | undefined }
  | { readonly t: 'int'; readonly min?: number; readonly max?: number; readonly int64?: boolean }
  | { readonly t: 'bool' }
  | { readonly t: 'quantity' }
  | { readonly t: 'map'; readonly what: string; readonly key: (k: string) => { problem: string; fix: string } | undefined; readonly of: Shape };

const STRING: Shape = { t: 'string' };
const STRINGS: Shape = { t: 'list', of: STRING };
const BOOL: Shape = { t: 'bool' };
const QUALIFIED: Shape = { t: 'string', check: s => isQualifiedName(s) ? undefined : { problem: 'is not a valid label key', fix: `${QUALIFIED_NAME_RULE}, e.g. 'kubernetes.io/hostname'` } };
const WEIGHT: Shape = { t: 'int', min: 1, max: 100 };

const SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];
const INT32_MAX = 2147483647;
const INT32_MIN = -2147483648;

function requirementRule(what: string, operators: string[]) {
  return (v: any, path: string): Issue | undefined => {
    if (v.key === undefined || v.key === '') return { path: `${path}.key`, value: v.key, problem: `is required in ${what}`, fix: 'give the label key the requirement tests' };
    if (v.operator === undefined) return { path: `${path}.operator`, value: undefined, problem: `is required in ${what}`, fix: `use one of ${operators.join(', ')}` };
    const values: any[] = v.values ?? [];
    if ((v.operator === 'In' || v.operator === 'NotIn') && values.length === 0) {
      return { path: `${path}.values`, value: v.values ?? [], problem: `is empty, but operator ${v.operator} needs values`, fix: 'list at least one value' };
    }
    if ((v.operator === 'Exists' || v.operator === 'DoesNotExist') && values.length > 0) {
      return { path: `${path}.values`, value: v.values, problem: `is set, but operator ${v.operator} takes no values`, fix: 'remove values' };
    }
    if ((v.operator === 'Gt' || v.operator === 'Lt') && (values.length !== 1 || !/^-?\d+$/.test(values[0]))) {
      return { path: `${path}.values`, value: v.values, problem: `must be one integer for operator ${v.operator}`, fix: 'give a single whole number as a string, e.g. [\'3\']' };
    }
    return undefined;
  };
}

const NODE_SELECTOR_REQUIREMENT: Shape = {
  t: 'object',
  what: 'a node selector requirement',
  fields: () => ({ key: QUALIFIED, operator: { t: 'string', oneOf: [...SELECTOR_OPERATORS, 'Gt', 'Lt'] }, values: STRINGS }),
  rule: requirementRule('a node selector requirement', [...SELECTOR_OPERATORS, 'Gt', 'Lt']),
};
/** matchFields: the API server supports only `metadata.name`, with In or NotIn and exactly one value. */
const NODE_FIELD_REQUIREMENT: Shape = {
  t: 'object',
  what: 'a node field selector requirement',
  fields: () => ({
    key: { t: 'string', check: s => s === 'metadata.name' ? undefined : { problem: 'is not a node field the API server can select on', fix: 'matchFields supports only metadata.name; select on labels with matchExpressions' } },
    operator: { t: 'string', oneOf: ['In', 'NotIn'] },
    values: STRINGS,
  }),
  rule: (v, path) => {
    if (v.key === undefined) return { path: `${path}.key`, value: undefined, problem: 'is required in a node field selector requirement', fix: 'use metadata.name' };
    if (v.operator === undefined) return { path: `${path}.operator`, value: undefined, problem: 'is required in a node field selector requirement', fix: 'use In or NotIn' };
    if (!Array.isArray(v.values) || v.values.length !== 1) return { path: `${path}.values`, value: v.values ?? [], problem: 'must hold exactly one node name for matchFields', fix: 'give one node name, or use matchExpressions on kubernetes.io/hostname' };
    return undefined;
  },
};
const NODE_SELECTOR_TERM: Shape = {
  t: 'object',
  what: 'a node selector term',
  fields: () => ({ matchExpressions: { t: 'list', of: NODE_SELECTOR_REQUIREMENT }, matchFields: { t: 'list', of: NODE_FIELD_REQUIREMENT } }),
};
const NODE_AFFINITY: Shape = {
  t: 'object',
  what: 'a node affinity',
  fields: () => ({
    requiredDuringSchedulingIgnoredDuringExecution: {
      t: 'object',
      what: 'a node selector',
      fields: () => ({ nodeSelectorTerms: { t: 'list', of: NODE_SELECTOR_TERM, nonEmpty: 'give at least one node selector term' } }),
      rule: (v, path) => v.nodeSelectorTerms === undefined
        ? { path: `${path}.nodeSelectorTerms`, value: undefined, problem: 'is required', fix: 'give at least one node selector term' } : undefined,
    },
    preferredDuringSchedulingIgnoredDuringExecution: {
      t: 'list',
      of: {
        t: 'object',
        what: 'a preferred scheduling term',
        fields: () => ({ weight: WEIGHT, preference: NODE_SELECTOR_TERM }),
        rule: (v, path) => v.weight === undefined ? { path: `${path}.weight`, value: undefined, problem: 'is required', fix: 'give a weight from 1 to 100' } : undefined,
      },
    },
  }),
};
const LABEL_SELECTOR: Shape = {
  t: 'object',
  what: 'a label selector',
  fields: () => ({
    matchLabels: { t: 'map', what: 'a map of labels', key: labelKeyProblem, of: { t: 'string', check: labelValueProblem } },
    matchExpressions: { t: 'list', of: { t: 'object', what: 'a label selector requirement', fields: () => ({ key: QUALIFIED, operator: { t: 'string', oneOf: SELECTOR_OPERATORS }, values: STRINGS }), rule: requirementRule('a label selector requirement', SELECTOR_OPERATORS) } },
  }),
};
const POD_AFFINITY_TERM: Shape = {
  t: 'object',
  what: 'a pod affinity term',
  fields: () => ({
    labelSelector: LABEL_SELECTOR,
    namespaceSelector: LABEL_SELECTOR,
    namespaces: STRINGS,
    topologyKey: STRING,
    matchLabelKeys: STRINGS,
    mismatchLabelKeys: STRINGS,
  }),
  rule: (v, path) => !v.topologyKey ? { path: `${path}.topologyKey`, value: v.topologyKey, problem: 'is required in a pod affinity term', fix: 'give a node label key such as \'kubernetes.io/hostname\'' }
    : walk(v.topologyKey, QUALIFIED, `${path}.topologyKey`),
};
const POD_AFFINITY: Shape = {
  t: 'object',
  what: 'a pod affinity',
  fields: () => ({
    requiredDuringSchedulingIgnoredDuringExecution: { t: 'list', of: POD_AFFINITY_TERM },
    preferredDuringSchedulingIgnoredDuringExecution: {
      t: 'list',
      of: {
        t: 'object',
        what: 'a weighted pod affinity term',
        fields: () => ({ weight: WEIGHT, podAffinityTerm: POD_AFFINITY_TERM }),
        rule: (v, path) => v.weight === undefined ? { path: `${path}.weight`, value: undefined, problem: 'is required', fix: 'give a weight from 1 to 100' }
          : v.podAffinityTerm === undefined ? { path: `${path}.podAffinityTerm`, value: undefined, problem: 'is required', fix: 'give the pod affinity term' } : undefined,
      },
    },
  }),
};
const AFFINITY: Shape = {
  t: 'object',
  what: 'an affinity',
  fields: () => ({ nodeAffinity: NODE_AFFINITY, podAffinity: POD_AFFINITY, podAntiAffinity: POD_AFFINITY }),
};

const TOLERATION: Shape = {
  t: 'object',
  what: 'a toleration',
  fields: () => ({
    key: { t: 'string', check: s => s === '' || isQualifiedName(s) ? undefined : { problem: 'is not a valid taint key', fix: QUALIFIED_NAME_RULE } },
    operator: { t: 'string', oneOf: ['Exists', 'Equal'] },
    value: { t: 'string', check: labelValueProblem },
    effect: { t: 'string', oneOf: ['', 'NoSchedule', 'PreferNoSchedule', 'NoExecute'] },
    tolerationSeconds: { t: 'int', int64: true },
  }),
  rule: (v, path) => {
    const op = v.operator ?? 'Equal';
    if (op === 'Exists' && v.value !== undefined && v.value !== '') {
      return { path: `${path}.value`, value: v.value, problem: 'is set, but operator Exists matches every value', fix: 'remove value, or use operator Equal' };
    }
    if ((v.key === undefined || v.key === '') && op !== 'Exists') {
      return { path: `${path}.operator`, value: v.operator ?? '(Equal)', problem: 'must be Exists when the key is empty (a toleration of every taint)', fix: 'give a key, or use operator Exists' };
    }
    if (v.tolerationSeconds !== undefined && v.effect !== 'NoExecute') {
      return { path: `${path}.tolerationSeconds`, value: v.tolerationSeconds, problem: 'only applies to effect NoExecute', fix: 'set effect: NoExecute or remove tolerationSeconds' };
    }
    return undefined;
  },
};

const KEY_REF = (what: string): Shape => ({
  t: 'object',
  what,
  fields: () => ({ name: { t: 'string', check: s => isDns1123Subdomain(s) ? undefined : { problem: 'is not a valid object name', fix: 'use a lowercase DNS name such as \'app-config\'' } }, key: STRING, optional: BOOL }),
  rule: (v, path) => !v.key ? { path: `${path}.key`, value: v.key, problem: 'is required', fix: 'give the key to read' } : undefined,
});
const ENV_VAR: Shape = {
  t: 'object',
  what: 'an environment variable',
  fields: () => ({
    name: { t: 'string', check: s => /^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(s) ? undefined : { problem: 'is not a valid environment variable name', fix: 'use letters, digits, \'_\', \'-\' and \'.\', not starting with a digit, e.g. \'HTTPS_PROXY\'' } },
    value: STRING,
    valueFrom: {
      t: 'object',
      what: 'an env source',
      fields: () => ({
        fieldRef: { t: 'object', what: 'a field reference', fields: () => ({ apiVersion: STRING, fieldPath: STRING }) },
        resourceFieldRef: { t: 'object', what: 'a resource field reference', fields: () => ({ containerName: STRING, resource: STRING, divisor: { t: 'quantity' } }) },
        configMapKeyRef: KEY_REF('a ConfigMap key reference'),
        secretKeyRef: KEY_REF('a Secret key reference'),
      }),
      rule: (v, path) => Object.keys(v).length !== 1
        ? { path, value: v, problem: 'must name exactly one source', fix: 'give one of fieldRef, resourceFieldRef, configMapKeyRef and secretKeyRef' } : undefined,
    },
  }),
  rule: (v, path) => {
    if (v.name === undefined || v.name === '') return { path: `${path}.name`, value: v.name, problem: 'is required', fix: 'give the variable a name, e.g. HTTPS_PROXY' };
    if (v.value !== undefined && v.valueFrom !== undefined) return { path: `${path}.valueFrom`, value: v.valueFrom, problem: 'is set together with value', fix: 'give value or valueFrom, not both' };
    return undefined;
  },
};

const RESOURCE_NAMES = ['cpu', 'memory', 'ephemeral-storage'];
const RESOURCE_LIST: Shape = {
  t: 'map',
  what: 'a resource list',
  key: k => RESOURCE_NAMES.includes(k) || /^hugepages-/.test(k) || (k.includes('/') && isQualifiedName(k)) ? undefined : {
    problem: 'is not a container resource',
    fix: closest(k, RESOURCE_NAMES) ? `did you mean '${closest(k, RESOURCE_NAMES)}'?` : 'use cpu, memory, ephemeral-storage, hugepages-<size> or an extended resource such as \'nvidia.com/gpu\'',
  },
  of: { t: 'quantity' },
};
const RESOURCES: Shape = {
  t: 'object',
  what: 'resource requirements',
  fields: () => ({ limits: RESOURCE_LIST, requests: RESOURCE_LIST, claims: { t: 'list', of: { t: 'object', what: 'a resource claim', fields: () => ({ name: STRING, request: STRING }) } } }),
  rule: (v, path) => {
    for (const [name, request] of Object.entries<any>(v.requests ?? {})) {
      const limit = v.limits?.[name];
      if (limit === undefined) continue;
      if (compareQuantities(request, limit) > 0) {
        return { path: `${path}.requests.${name}`, value: request, problem: `is more than the limit ${showValue(limit)}, which the API server rejects`, fix: 'lower the request or raise the limit' };
      }
    }
    return undefined;
  },
};

function labelKeyProblem(k: string): { problem: string; fix: string } | undefined {
  return isQualifiedName(k) ? undefined : { problem: 'is not a valid label key', fix: QUALIFIED_NAME_RULE };
}

function labelValueProblem(v: string): { problem: string; fix: string } | undefined {
  return isLabelValue(v) ? undefined : { problem: 'is not a valid label value', fix: LABEL_VALUE_RULE };
}

/** The shapes of the plain pod fields the install takes. */
export const POD_FIELD_SHAPES = {
  resources: RESOURCES,
  tolerations: { t: 'list', of: TOLERATION } as Shape,
  nodeAffinity: NODE_AFFINITY,
  affinity: AFFINITY,
  env: { t: 'list', of: ENV_VAR } as Shape,
};

/**
 * The first problem of a plain pod field (`POD_FIELD_SHAPES`), or undefined:
 * unknown keys (with the closest known one), wrong types, bad enum values,
 * quantities, label keys and values, and the API server's rules on
 * tolerations, selector requirements, weights and requests above limits.
 */
export function podFieldIssue(path: string, value: unknown, field: keyof typeof POD_FIELD_SHAPES): Issue | undefined {
  return walk(value, POD_FIELD_SHAPES[field], path);
}

function walk(v: any, shape: Shape, path: string): Issue | undefined {
  if (v === undefined || v === null) return undefined;
  switch (shape.t) {
    case 'object': {
      if (typeof v !== 'object' || Array.isArray(v)) return { path, value: v, problem: `is not ${shape.what} (a map)`, fix: 'write it as a map of its fields' };
      const fields = shape.fields();
      for (const [k, x] of Object.entries(v)) {
        const f = Object.prototype.hasOwnProperty.call(fields, k) ? fields[k] : undefined;
        if (!f) {
          const guess = closest(k, Object.keys(fields));
          return { path: `${path}.${k}`, value: x, problem: `is not a field of ${shape.what}`, fix: guess ? `did you mean '${guess}'?` : `use ${Object.keys(fields).join(', ')}` };
        }
        const issue = walk(x, f, `${path}.${k}`);
        if (issue) return issue;
      }
      return shape.rule?.(v, path);
    }
    case 'list': {
      if (!Array.isArray(v)) return { path, value: v, problem: 'is not a list', fix: 'write a list' };
      if (shape.nonEmpty && v.length === 0) return { path, value: v, problem: 'is empty', fix: shape.nonEmpty };
      for (let i = 0; i < v.length; i++) {
        if (v[i] === null || v[i] === undefined) return { path: `${path}[${i}]`, value: null, problem: 'is an empty list entry, which the API server rejects', fix: 'remove it' };
        const issue = walk(v[i], shape.of, `${path}[${i}]`);
        if (issue) return issue;
      }
      return undefined;
    }
    case 'map': {
      if (typeof v !== 'object' || Array.isArray(v)) return { path, value: v, problem: `is not ${shape.what} (a map)`, fix: 'write a map' };
      for (const [k, x] of Object.entries(v)) {
        const kp = shape.key(k);
        if (kp) return { path: `${path}.${k}`, value: x, ...kp };
        const issue = walk(x, shape.of, `${path}.${k}`);
        if (issue) return issue;
      }
      return undefined;
    }
    case 'string': {
      if (typeof v !== 'string') return { path, value: v, problem: 'is not a string', fix: `quote it, e.g. '${quotable(v)}'` };
      if (shape.oneOf && !shape.oneOf.includes(v)) {
        const listed = shape.oneOf.filter(o => o !== '').join(', ');
        const guess = closest(v, shape.oneOf.filter(o => o !== ''));
        return guess
          ? { path, value: v, problem: `is not one of ${listed}`, fix: `did you mean '${guess}'?` }
          : { path, value: v, problem: 'is not a valid value', fix: `use one of ${listed}` };
      }
      const p = shape.check?.(v);
      return p ? { path, value: v, ...p } : undefined;
    }
    case 'int':
      if (typeof v !== 'number' || !Number.isInteger(v)) return { path, value: v, problem: 'is not a whole number', fix: 'give a whole number' };
      if (shape.int64 ? (v >= 2 ** 63 || v < -(2 ** 63)) : (v > INT32_MAX || v < INT32_MIN)) {
        return { path, value: v, problem: `is out of range for a ${shape.int64 ? '64' : '32'}-bit integer, which the API server rejects`, fix: `use a whole number from ${shape.min ?? (shape.int64 ? '-9223372036854775808' : INT32_MIN)} to ${shape.max ?? (shape.int64 ? '9223372036854775807' : INT32_MAX)}` };
      }
      if ((shape.min !== undefined && v < shape.min) || (shape.max !== undefined && v > shape.max)) {
        return { path, value: v, problem: 'is out of range', fix: `use ${shape.min} to ${shape.max}` };
      }
      return undefined;
    case 'bool':
      return typeof v === 'boolean' ? undefined : { path, value: v, problem: 'is not a boolean', fix: 'use true or false' };
    case 'quantity': {
      const q = parseQuantity(v);
      if (q === undefined) return { path, value: v, problem: 'is not a quantity', fix: 'use a number with an optional suffix such as 100m, 0.5, 256Mi or 1Gi' };
      if (q < 0) return { path, value: v, problem: 'is negative', fix: 'use 0 or more' };
      return undefined;
    }
  }
}

/**
 * Compares two valid quantities exactly (negative, zero or positive): `9m`
 * equals `0.009`, `2E` (exa) is more than `2E3` (2000). Uses the bottom
 * layer's faithful Kubernetes quantity parser; 0 when either is not a quantity.
 */
export function compareQuantities(a: string | number, b: string | number): number {
  return compareQuantityValues(a, b) ?? 0;
}

/** The value of a Kubernetes quantity (`100m`, `1Gi`, `2E`, `1e3`, a number), or undefined when it is not one. */
export function parseQuantity(q: unknown): number | undefined {
  if (q === null || q === undefined) return undefined;
  const parsed = parseBaseQuantity(q);
  if (!parsed) return undefined;
  const n = quantityToNumber(parsed);
  return Number.isFinite(n) ? n : undefined;
}

// ---------------------------------------------------------------- install contradictions

/** The ports of kruise-manager and kruise-daemon, for the host-network clash checks. */
export interface InstallPorts {
  readonly managerHostNetwork: boolean;
  readonly manager: Array<[string, number]>;
  readonly daemon?: { readonly port: [string, number]; readonly pprof?: [string, string] };
}

/** The port of a `host:port` address, or undefined. */
export function addressPort(address: string): number | undefined {
  if (typeof address !== 'string') return undefined;
  const m = /^(?:\[[0-9A-Za-z:.%_-]*\]|[^\s:[\]]*):(\d{1,5})$/.exec(address);
  return m ? Number(m[1]) : undefined;
}

/**
 * Port contradictions of an install: the daemon's pprof address on its own
 * port, and (with manager host networking) a manager port that kruise-daemon,
 * always in the host network on every node, also listens on.
 */
export function portIssue(p: InstallPorts): Issue | undefined {
  if (p.daemon?.pprof) {
    const [pprofKey, addr] = p.daemon.pprof;
    const port = addressPort(addr);
    // (an address without a port is kruise-daemon's own check, KruiseDaemon and the chart values adapter report it)
    if (port !== undefined && (port < 1 || port > 65535)) {
      return { path: pprofKey, value: addr, problem: 'is not an address', fix: 'use host:port with a port from 1 to 65535, e.g. localhost:10222' };
    }
    if (port !== undefined && port === p.daemon.port[1]) {
      return { path: pprofKey, value: addr, problem: `uses the port of ${p.daemon.port[0]} (${port}), so kruise-daemon would listen on it twice`, fix: 'give pprof or kruise-daemon another port' };
    }
  }
  if (p.managerHostNetwork && p.daemon) {
    const daemonPorts: Array<[string, number]> = [p.daemon.port];
    const pprofPort = p.daemon.pprof ? addressPort(p.daemon.pprof[1]) : undefined;
    if (p.daemon.pprof && pprofPort !== undefined) daemonPorts.push([p.daemon.pprof[0], pprofPort]);
    for (const [key, port] of p.manager) {
      const clash = daemonPorts.find(([, d]) => d === port);
      if (clash) {
        return {
          path: key,
          value: port,
          problem: `is also kruise-daemon's port (${clash[0]}), and with host networking kruise-manager shares the node's network with kruise-daemon, which runs on every node`,
          fix: 'give kruise-manager another port',
        };
      }
    }
  }
  return undefined;
}

/**
 * Contradictions and structure of `KruiseProps` that the constructs of the
 * install cannot see one by one. Meant to be called by the `Kruise`
 * constructor right after the feature gates are resolved:
 * `checkKruiseProps(where, props, this.featureGates);`.
 * Throws `<where>: <prop path> <value> <problem>; <fix>`.
 */
export function checkKruiseProps(where: string, props: KruiseProps, gates: ResolvedFeatureGates): void {
  const issue = kruisePropsIssue(props, gates);
  if (issue) throw issueError(where, issue);
}

/** The first issue of `checkKruiseProps`, or undefined. */
export function kruisePropsIssue(props: KruiseProps, gates: ResolvedFeatureGates): Issue | undefined {
  const chart = chartCompatOf(props) !== undefined; // built by Kruise.fromHelmValues: values carry every default
  const on = chartGates(gates);
  const ns = props.namespace ?? 'kruise-system';
  const m = props.manager ?? {};
  const d = props.daemon ?? {};

  // daemonConfigNamespace (DaemonConfigNamespace.CREATE = 'CREATE') supersedes createDaemonConfigNamespace.
  const daemonConfigMode: string | undefined = (props as any).daemonConfigNamespace;
  const createsDaemonConfig = daemonConfigMode !== undefined ? daemonConfigMode === 'CREATE' : (props.createDaemonConfigNamespace ?? true);
  if (ns === 'kruise-daemon-config' && (props.createNamespace ?? true) && createsDaemonConfig) {
    return { path: 'namespace', value: ns, problem: 'is also the namespace kruise-daemon reads pull secrets from, which the install creates too, so the Namespace would be emitted twice', fix: 'install into another namespace such as \'kruise-system\', or set createDaemonConfigNamespace: false' };
  }
  for (const [i, g] of (props.roleListGroups ?? []).entries()) {
    if (typeof g !== 'string' || !isApiGroup(g)) {
      return { path: `roleListGroups[${i}]`, value: g, problem: 'is not an API group', fix: 'use \'*\', \'\' (the core group) or a group such as \'apps.kruise.io\'' };
    }
  }
  const fields: Array<[string, unknown, keyof typeof POD_FIELD_SHAPES]> = [
    ['manager.resources', m.resources, 'resources'],
    ['manager.nodeAffinity', m.nodeAffinity, 'nodeAffinity'],
    ['manager.tolerations', m.tolerations, 'tolerations'],
    ['daemon.resources', d.resources, 'resources'],
    ['daemon.affinity', d.affinity, 'affinity'],
    ['daemon.extraEnv', d.extraEnv, 'env'],
  ];
  for (const [path, value, shape] of fields) {
    let plain: unknown;
    try {
      plain = toPlain(value, path);
    } catch (e) {
      const issue = (e as { issue?: Issue }).issue;
      if (issue) return issue;
      throw e;
    }
    const issue = podFieldIssue(path, plain, shape);
    if (issue) return issue;
  }
  const policies: { [name: string]: string } = (props as any).webhookFailurePolicies ?? {};
  const failing = POD_WEBHOOKS.filter(name => (policies[name] ?? 'Fail') === 'Fail');
  if (m.replicas === 0 && on.podWebhooks && failing.length > 0) {
    return podWebhookOutage('manager.replicas', 'turn FeatureGate.POD_WEBHOOK off', failing);
  }
  const certAnnotations = props.externalCertsAnnotations ?? {};
  if (Object.keys(certAnnotations).length > 0 && !on.externalCerts) {
    return externalCertsWithoutGate('externalCertsAnnotations', certAnnotations, 'add FeatureGate.ENABLE_EXTERNAL_CERTS.enable() to featureGates (or use certManager)');
  }
  const inject = certAnnotations['cert-manager.io/inject-ca-from'];
  const expected = `${ns}/kruise-webhook-certs`;
  if (props.certManager && inject !== undefined && inject !== expected) {
    return {
      path: 'externalCertsAnnotations[\'cert-manager.io/inject-ca-from\']',
      value: inject,
      problem: `contradicts certManager, which injects the CA of its Certificate ${expected}`,
      fix: 'drop the annotation (certManager sets it) or drop certManager',
    };
  }
  if (!on.daemon && !chart && Object.values(d).some(x => x !== undefined)) {
    return { path: 'daemon', value: d, problem: 'is set, but the KruiseDaemon feature gate is off, so no kruise-daemon is emitted and these settings would be lost', fix: 'drop daemon, or stop disabling FeatureGate.KRUISE_DAEMON' };
  }
  const pprof = d.enablePprof ?? true;
  return portIssue({
    managerHostNetwork: m.hostNetwork ?? false,
    manager: [['manager.webhookPort', m.webhookPort ?? 9876], ['manager.metricsPort', m.metricsPort ?? 8080], ['manager.healthProbePort', m.healthProbePort ?? 8000]],
    daemon: on.daemon ? { port: ['daemon.port', d.port ?? 10221], pprof: pprof ? ['daemon.pprofAddr', d.pprofAddr ?? 'localhost:10222'] : undefined } : undefined,
  });
}

/** The pod webhooks of the install (all failurePolicy Fail in the chart). */
export const POD_WEBHOOKS = ['mpod.kb.io', 'vpod.kb.io', 'vpodeviction.kb.io'];

/** The issue of zero manager replicas while pod webhooks with failurePolicy Fail are on. */
export function podWebhookOutage(path: string, gateFix: string, failing: string[] = POD_WEBHOOKS): Issue {
  return {
    path,
    value: 0,
    problem: `leaves the pod webhooks with failurePolicy Fail (${failing.join(', ')}) without a server, so the API server would reject pod operations in every namespace but kube-system and the Kruise namespace`,
    fix: `run at least 1 replica, or ${gateFix}`,
  };
}

/** The issue of external-certs annotations while kruise-manager manages its own certificate. */
export function externalCertsWithoutGate(path: string, annotations: { [key: string]: string }, fix: string): Issue {
  return {
    path,
    value: annotations,
    problem: 'are set, but the EnableExternalCerts gate is off, so kruise-manager writes its own CA into the webhook configurations and fights the tool these annotations call in',
    fix: `${fix}, or drop the annotations`,
  };
}

/** The install's view of the three gates the chart tests by string (chart-compat aware). */
export function chartGates(gates: ResolvedFeatureGates): { daemon: boolean; podWebhooks: boolean; externalCerts: boolean } {
  const compat = chartCompatOf(gates);
  if (compat) return { daemon: compat.daemon, podWebhooks: compat.podWebhooks, externalCerts: compat.externalCerts };
  return {
    daemon: gates.isEnabled(FeatureGate.KRUISE_DAEMON),
    podWebhooks: gates.isEnabled(FeatureGate.POD_WEBHOOK),
    externalCerts: gates.isEnabled(FeatureGate.ENABLE_EXTERNAL_CERTS),
  };
}
