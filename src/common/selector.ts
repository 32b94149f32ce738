/**
 * Label selectors as props take them: a cdk8s-plus-28 `LabelSelector`, or the
 * same thing as plain values (for apps on another cdk8s-plus major, whose
 * `LabelSelector` class TypeScript will not accept in place of this one).
 */
import * as kplus from 'cdk8s-plus-28';
import { labelSelectorJson } from './cdk8s-internals';
import { showValue } from '../base/show-value';

/** One requirement of a label selector, as plain values. */
export interface LabelSelectorRequirementSpec {
  /** The label key. */
  readonly key: string;
  /** `In`, `NotIn`, `Exists` or `DoesNotExist`. */
  readonly operator: string;
  /** The values (for `In` and `NotIn`). @default - none */
  readonly values?: string[];
}

/**
 * A label selector as plain values (the Kubernetes API's `LabelSelector`).
 * Use it where a cdk8s-plus-28 `LabelSelector` object cannot be passed.
 */
export interface LabelSelectorSpec {
  /** Labels the objects must carry. @default - none */
  readonly matchLabels?: { [key: string]: string };
  /** Requirements the objects' labels must meet. @default - none */
  readonly matchExpressions?: LabelSelectorRequirementSpec[];
}

/** A label selector as the API takes it. */
export interface SelectorJson {
  readonly matchLabels?: { [key: string]: string };
  readonly matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
}

/** Whether `selector` is a cdk8s-plus-28 `LabelSelector` (rather than plain values). */
export function isPlusLabelSelector(selector: unknown): selector is kplus.LabelSelector {
  return selector instanceof kplus.LabelSelector;
}

/**
 * A selector prop as the API takes it (empty lists and maps left out);
 * undefined for none. Throws a plain `Error` naming the value when plain
 * values are malformed; callers wrap it with the construct path.
 */
export function selectorToJson(selector: kplus.LabelSelector | LabelSelectorSpec | undefined): SelectorJson | undefined {
  if (selector === undefined) return undefined;
  const json = isPlusLabelSelector(selector) ? labelSelectorJson(selector) : plainSelector(selector);
  const out: { matchLabels?: { [key: string]: string }; matchExpressions?: SelectorJson['matchExpressions'] } = {};
  const labels = json.matchLabels as { [key: string]: string } | undefined;
  if (labels && Object.keys(labels).length > 0) out.matchLabels = { ...labels };
  const expressions = json.matchExpressions as LabelSelectorRequirementSpec[] | undefined;
  if (expressions && expressions.length > 0) {
    out.matchExpressions = expressions.map(e => e.values === undefined
      ? { key: e.key, operator: e.operator }
      : { key: e.key, operator: e.operator, values: [...e.values] });
  }
  return out;
}

function plainSelector(selector: LabelSelectorSpec): { matchLabels?: unknown; matchExpressions?: unknown } {
  if (selector === null || typeof selector !== 'object' || Array.isArray(selector)) {
    throw new Error(`a label selector is a LabelSelector or { matchLabels, matchExpressions }, not ${showValue(selector)}`);
  }
  const labels = selector.matchLabels;
  if (labels !== undefined && (labels === null || typeof labels !== 'object' || Array.isArray(labels)
    || Object.values(labels).some(v => typeof v !== 'string'))) {
    throw new Error(`matchLabels must map label keys to string values, not ${showValue(labels)}`);
  }
  const expressions = selector.matchExpressions;
  if (expressions !== undefined && (!Array.isArray(expressions) || expressions.some(e => e === null || typeof e !== 'object'
    || typeof e.key !== 'string' || typeof e.operator !== 'string'
    || (e.values !== undefined && (!Array.isArray(e.values) || e.values.some(v => typeof v !== 'string')))))) {
    throw new Error(`matchExpressions must be a list of { key, operator, values? } with strings, not ${showValue(expressions)}`);
  }
  return { matchLabels: labels, matchExpressions: expressions };
}
