/**
 * metav1.LabelSelector: validation (metav1 ValidateLabelSelector and what
 * LabelSelectorAsSelector rejects), matching, and Kruise's two overlap tests
 * (pkg/util/selector.go), over plain JSON values.
 */
import { labelValueProblem, qualifiedNameProblem, show, validateLabels } from './names';
import { arrayOr, isJsonObject } from '../../base/json';
import { Report } from '../types';

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

interface Requirement {
  readonly key: string;
  readonly operator: string;
  readonly values: string[];
}

/** The selector's matchLabels as string pairs (non-string values dropped). */
function matchLabelsOf(sel: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isJsonObject(sel) || !isJsonObject(sel.matchLabels)) return out;
  for (const [k, v] of Object.entries(sel.matchLabels)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** The selector's matchExpressions, malformed entries read as empty fields. */
function expressionsOf(sel: unknown): Requirement[] {
  if (!isJsonObject(sel)) return [];
  return arrayOr(sel.matchExpressions).map(e => {
    const o = isJsonObject(e) ? e : {};
    return {
      key: typeof o.key === 'string' ? o.key : '',
      operator: typeof o.operator === 'string' ? o.operator : '',
      values: arrayOr(o.values).filter((x): x is string => typeof x === 'string'),
    };
  });
}

/** Options of {@link validateLabelSelector}. */
export interface LabelSelectorOptions {
  /**
   * Skip the label-value check of matchExpressions values (metav1
   * LabelSelectorValidationOptions.AllowInvalidLabelValueInSelector; Kruise
   * sets it for pod affinity terms).
   * @default false
   */
  readonly allowInvalidLabelValues?: boolean;
}

/**
 * metav1 ValidateLabelSelector (default options: values are checked as label
 * values) plus what LabelSelectorAsSelector rejects, which is the same set of
 * problems. A missing selector reports nothing (callers that require one say so).
 */
export function validateLabelSelector(sel: unknown, path: string, rule: string, report: Report, opts: LabelSelectorOptions = {}): void {
  if (!isJsonObject(sel)) return;
  validateLabels(sel.matchLabels, `${path}.matchLabels`, rule, report);
  arrayOr(sel.matchExpressions).forEach((e, i) => {
    const p = `${path}.matchExpressions[${i}]`;
    if (!isJsonObject(e)) return;
    const values = arrayOr(e.values);
    switch (e.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) {
          report.error(rule, `${p}.values`, `operator ${e.operator} needs at least one value`, 'list the label values to match in values');
        }
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) {
          report.error(rule, `${p}.values`, `operator ${e.operator} takes no values, but ${show(values)} is set`, 'remove values');
        }
        break;
      default:
        report.error(rule, `${p}.operator`, `${show(e.operator)} is not a valid selector operator`, `use one of ${OPERATORS.join(', ')}`);
    }
    const kp = qualifiedNameProblem(typeof e.key === 'string' ? e.key : '');
    if (kp) report.error(rule, `${p}.key`, `selector key ${kp}`, 'use a label key like "app"');
    values.forEach((v, j) => {
      if (typeof v !== 'string' || opts.allowInvalidLabelValues) return;
      const vp = labelValueProblem(v);
      if (vp) report.error(rule, `${p}.values[${j}]`, `selector value ${vp}`);
    });
  });
}

/** Whether the selector selects everything: an object with no matchLabels and no matchExpressions. */
export function isEmptySelector(sel: unknown): boolean {
  if (!isJsonObject(sel)) return false;
  const ml = isJsonObject(sel.matchLabels) ? Object.keys(sel.matchLabels).length : 0;
  const me = arrayOr(sel.matchExpressions).length;
  return ml + me === 0;
}

/**
 * Whether `labels` satisfy the selector (metav1.LabelSelectorAsSelector then
 * Matches). A missing selector matches nothing; an empty one everything;
 * an invalid operator matches nothing.
 */
export function selectorMatches(sel: unknown, labels: unknown): boolean {
  if (!isJsonObject(sel)) return false;
  const l: Record<string, unknown> = isJsonObject(labels) ? labels : {};
  const has = (k: string) => Object.prototype.hasOwnProperty.call(l, k);
  for (const [k, v] of Object.entries(matchLabelsOf(sel))) {
    if (!has(k) || l[k] !== v) return false;
  }
  for (const r of expressionsOf(sel)) {
    switch (r.operator) {
      case 'In':
        if (!has(r.key) || !r.values.includes(l[r.key] as string)) return false;
        break;
      case 'NotIn':
        if (has(r.key) && r.values.includes(l[r.key] as string)) return false;
        break;
      case 'Exists':
        if (!has(r.key)) return false;
        break;
      case 'DoesNotExist':
        if (has(r.key)) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

const ALL = 'ALL';

/** The values `s1` allows per key as Kruise's isDisjoint collects them, with its "ALL" marker for Exists. */
function matchedValues(s1: unknown): Map<string, string[]> {
  const matched = new Map<string, string[]>();
  for (const [k, v] of Object.entries(matchLabelsOf(s1))) matched.set(k, [v]);
  for (const r of expressionsOf(s1)) {
    if (r.operator === 'In') {
      for (const v of r.values) matched.set(r.key, [...(matched.get(r.key) ?? []), v]);
    } else if (r.operator === 'Exists') {
      matched.set(r.key, [ALL]);
    }
  }
  return matched;
}

/**
 * The keys a selector pins to a finite set of values as {@link selectorsOverlap}
 * reads them (matchLabels and In values; a key with an Exists, or a value
 * spelled like Kruise's "ALL" marker, is not pinned). For indexes: two
 * selectors that pin a common key to disjoint value sets never overlap.
 */
export function pinnedSelectorValues(sel: unknown): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [k, values] of matchedValues(sel)) if (!values.includes(ALL)) out.set(k, values);
  return out;
}

/** Kruise isDisjoint (one direction of IsSelectorOverlapping), with its "ALL" marker for Exists. */
function isDisjoint(s1: unknown, s2: unknown): boolean {
  const matched = matchedValues(s1);
  for (const [k, v] of Object.entries(matchLabelsOf(s2))) {
    const values = matched.get(k);
    if (values && !values.includes(ALL) && !values.includes(v)) return true;
  }
  for (const r of expressionsOf(s2)) {
    const values = matched.get(r.key);
    switch (r.operator) {
      case 'In':
        if (values && !values.includes(ALL) && !sliceOverlaps(values, r.values)) return true;
        break;
      case 'NotIn':
        if (values && sliceContains(r.values, values)) return true;
        break;
      case 'Exists':
        if (!values) return true;
        break;
      case 'DoesNotExist':
        if (values) return true;
        break;
      default:
    }
  }
  return false;
}

function sliceOverlaps(a: string[], b: string[]): boolean {
  return b.some(x => a.includes(x));
}

/** Whether `a` contains every element of `b`. */
function sliceContains(a: string[], b: string[]): boolean {
  return b.every(x => a.includes(x));
}

/**
 * Kruise util.IsSelectorOverlapping: the selectors overlap unless one of them
 * pins a key the other excludes (a=b vs a=c, a In [b] vs a NotIn [b], a
 * Exists vs a DoesNotExist...). Selectors on different keys overlap.
 */
export function selectorsOverlap(a: unknown, b: unknown): boolean {
  return !(isDisjoint(a, b) || isDisjoint(b, a));
}

/**
 * The selector's requirements per key as {@link selectorsLooseOverlap} reads
 * them (matchLabels as In [value], overriding an expression on the same key;
 * of two expressions on one key the last). Two selectors overlap loosely only
 * when these have the same keys.
 */
export function selectorRequirementsByKey(sel: unknown): ReadonlyMap<string, { readonly operator: string; readonly values: readonly string[] }> {
  return toExpressions(sel);
}

function toExpressions(sel: unknown): Map<string, Requirement> {
  const out = new Map<string, Requirement>();
  for (const r of expressionsOf(sel)) out.set(r.key, r);
  for (const [k, v] of Object.entries(matchLabelsOf(sel))) out.set(k, { key: k, operator: 'In', values: [v] });
  return out;
}

function expressionsOverlap(e1: Requirement, e2: Requirement): boolean {
  switch (e1.operator) {
    case 'In':
      return e2.operator === 'Exists'
        || (e2.operator === 'In' && sliceOverlaps(e2.values, e1.values))
        || (e2.operator === 'NotIn' && !sliceContains(e2.values, e1.values));
    case 'Exists':
      return e2.operator === 'In' || e2.operator === 'NotIn' || e2.operator === 'Exists';
    case 'NotIn':
      return e2.operator === 'Exists' || e2.operator === 'DoesNotExist' || e2.operator === 'NotIn'
        || (e2.operator === 'In' && !sliceContains(e1.values, e2.values));
    case 'DoesNotExist':
      return e2.operator === 'DoesNotExist' || e2.operator === 'NotIn';
    default:
      return false;
  }
}

/**
 * Kruise util.IsSelectorLooseOverlap: both selectors constrain exactly the
 * same keys, and on every key their requirements can hold together (matchLabels
 * read as In [value]). Selectors on different keys do not loosely overlap.
 */
export function selectorsLooseOverlap(a: unknown, b: unknown): boolean {
  const m1 = toExpressions(a);
  const m2 = toExpressions(b);
  for (const [k, e1] of m1) {
    const e2 = m2.get(k);
    if (!e2 || !expressionsOverlap(e1, e2)) return false;
  }
  for (const [k, e2] of m2) {
    const e1 = m1.get(k);
    if (!e1 || !expressionsOverlap(e2, e1)) return false;
  }
  return true;
}
