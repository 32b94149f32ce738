// Plain values of the install: rendering typed L1 values to JSON, copying
// untrusted plain data, and refusing text that YAML readers would mangle.
import type { k8s } from 'cdk8s-plus-28';
import { Issue, issueError } from './issues';
import { trailPath } from '../base/json';
import type { JsonObject } from '../base/json';
import { showValue } from '../base/show-value';
import { YAML_UNSAFE } from '../base/yaml-text';

/**
 * The plain JSON of a value typed with the cdk8s-plus-28 L1 interfaces
 * (`k8s.NodeAffinity`, `k8s.Toleration`, ...): their property names are the
 * Kubernetes field names, so only `Quantity`/`IntOrString` instances need
 * converting (to their `value`). Only types are imported from cdk8s-plus-28,
 * so the install path does not load it.
 */
export function toPlain(value: unknown, where: string, stack: Set<object> = new Set()): unknown {
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
    const inner: unknown = Reflect.get(value, 'value');
    if ('value' in value && (typeof inner === 'string' || typeof inner === 'number')) {
      return inner; // k8s.Quantity, k8s.IntOrString
    }
    throw plainError(where, value, `is a ${className(value) ?? 'object'}, which cannot be rendered`, 'use plain objects, k8s.Quantity or k8s.IntOrString');
  }
  const out: JsonObject = {};
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

/**
 * An error of toPlain() (`where` is `<construct path>: <field>`, or just the field);
 * `issue` lets callers that name fields by prop path report it as an Issue.
 */
function plainError(where: string, value: unknown, problem: string, fix: string): Error {
  const colon = where.indexOf(': ');
  const path = colon >= 0 ? where.slice(colon + 2) : where;
  const issue: Issue = { path, value, problem, fix };
  return Object.assign(colon >= 0 ? issueError(where.slice(0, colon), issue) : new Error(`${where} ${showValue(value)}: ${problem}; ${fix}`), { issue });
}

/** A stand-in for `k8s.Quantity` (which has a private constructor) used by the helm adapter. */
export class RawQuantity {
  public constructor(public readonly value: string | number) {}
}

/** A `k8s.Quantity` holding `value` as given (string or number), without loading cdk8s-plus-28. */
export function quantity(value: string | number): k8s.Quantity {
  return new RawQuantity(value) as unknown as k8s.Quantity;
}

/** The class name of an object (`constructor.name`), if it has one. */
export function className(v: object): string | undefined {
  const ctor: unknown = Reflect.get(v, 'constructor');
  const name: unknown = typeof ctor === 'function' ? ctor.name : undefined;
  return typeof name === 'string' ? name : undefined;
}


/** The issue of the first string (or map key) holding a YAML_UNSAFE character, walking plain data. */
export function unsafeTextIssue(value: unknown, path: string): Issue | undefined {
  const seen = new Set<object>();
  const trail: Array<string | number> = []; // the keys and indices below `path` (see trailPath)
  const visit = (v: unknown): Issue | undefined => {
    if (typeof v === 'string') {
      const m = YAML_UNSAFE.exec(v);
      return m ? textIssue(trailPath(trail, path), v, m[0]) : undefined;
    }
    if (typeof v !== 'object' || v === null || seen.has(v)) return undefined;
    const proto = Object.getPrototypeOf(v);
    if (!Array.isArray(v) && proto !== Object.prototype && proto !== null) {
      const inner: unknown = Reflect.get(v, 'value'); // k8s.Quantity, IntOrString
      return typeof inner === 'string' ? visit(inner) : undefined;
    }
    seen.add(v);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        trail.push(i);
        const issue = visit(v[i]);
        if (issue) return issue;
        trail.pop();
      }
      return undefined;
    }
    for (const k of Object.keys(v)) {
      trail.push(k);
      const m = YAML_UNSAFE.exec(k);
      if (m) return textIssue(trailPath(trail, path), k, m[0]);
      const issue = visit((v as { [key: string]: unknown })[k]);
      if (issue) return issue;
      trail.pop();
    }
    return undefined;
  };
  return visit(value);
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

/**
 * A deep copy of untrusted plain data (chart values, props from JavaScript)
 * with null-prototype maps, or an error naming the path: cycles, Maps, Sets,
 * class instances, functions, symbols, bigints, NaN and Infinity, nesting
 * deeper than 512.
 */
export function plainData(value: unknown, path: string, problem: (path: string, value: unknown, what: string, fix: string) => Error): unknown {
  const stack = new Set<object>();
  const trail: Array<string | number> = []; // the keys and indices below `path` (see trailPath)
  const here = () => trailPath(trail, path);
  const copy = (v: unknown, depth: number): unknown => {
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw problem(here(), v, 'is not a finite number', 'give a finite number');
      return Object.is(v, -0) ? 0 : v;
    }
    if (typeof v !== 'object') throw problem(here(), v, `is ${typeof v === 'undefined' ? 'undefined' : `a ${typeof v}`}, which chart values cannot hold`, 'give a string, number, boolean, null, list or map');
    if (depth > 512) throw problem(here(), '...', 'nests more than 512 levels deep', 'flatten it');
    if (stack.has(v)) throw problem(here(), '(cycle)', 'contains itself (a cycle)', 'give a tree of plain values');
    const isList = Array.isArray(v);
    const proto = Object.getPrototypeOf(v);
    if (!isList && proto !== Object.prototype && proto !== null) {
      const name = className(v) ?? 'object';
      throw problem(here(), v, `is a ${name}, not a plain map`, v instanceof Map ? 'pass a plain object, e.g. Object.fromEntries(map)' : 'give a plain object');
    }
    stack.add(v);
    try {
      if (isList) {
        const out: unknown[] = [];
        for (let i = 0; i < (v as unknown[]).length; i++) {
          const x = (v as unknown[])[i];
          trail.push(i);
          out.push(x === undefined ? null : copy(x, depth + 1));
          trail.pop();
        }
        return out;
      }
      const out: { [k: string]: unknown } = Object.create(null);
      for (const k of Object.keys(v)) {
        const x = (v as { [key: string]: unknown })[k];
        if (x === undefined) continue;
        trail.push(k);
        out[k] = copy(x, depth + 1);
        trail.pop();
      }
      return out;
    } finally {
      stack.delete(v);
    }
  };
  return copy(value, 0);
}
