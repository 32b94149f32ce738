/**
 * Node scheduling inputs as plain values: a node selector requirement and a
 * toleration, taken where props also accept cdk8s-plus-28's `NodeLabelQuery`
 * and `NodeTaintQuery` (an app on another cdk8s-plus major cannot pass those
 * classes, TypeScript sees them as different types).
 */
import * as kplus from 'cdk8s-plus-28';
import { nodeLabelQueryJson, nodeTaintQueryJson } from './cdk8s-internals';
import { showValue } from '../base/show-value';

/** One requirement on node labels, as plain values (the Kubernetes API's `NodeSelectorRequirement`). */
export interface NodeSelectorRequirementSpec {
  /** The node label key. */
  readonly key: string;
  /** `In`, `NotIn`, `Exists`, `DoesNotExist`, `Gt` or `Lt`. */
  readonly operator: string;
  /**
   * The values: one or more for `In` and `NotIn`, exactly one integer for
   * `Gt` and `Lt`, none for `Exists` and `DoesNotExist`.
   * @default - none
   */
  readonly values?: string[];
}

/** A toleration of node taints, as plain values (the Kubernetes API's `Toleration`). */
export interface TolerationSpec {
  /** The taint key to tolerate; empty or unset tolerates every key (operator `Exists` only). @default - every key */
  readonly key?: string;
  /** `Equal` (the taint's value must equal `value`) or `Exists` (any value). @default "Equal" */
  readonly operator?: string;
  /** The taint value to match (operator `Equal` only). @default - the empty value */
  readonly value?: string;
  /** The taint effect to tolerate: `NoSchedule`, `PreferNoSchedule` or `NoExecute`. @default - every effect */
  readonly effect?: string;
  /** How long the pod stays bound after a `NoExecute` taint appears, in seconds. @default - forever */
  readonly tolerationSeconds?: number;
}

/** A node selector requirement as the API takes it. */
export interface NodeSelectorRequirementJson {
  readonly key: string;
  readonly operator: string;
  readonly values?: string[];
}

/** A toleration as the API takes it. */
export interface TolerationJson {
  readonly effect?: string;
  readonly key?: string;
  readonly operator?: string;
  readonly tolerationSeconds?: number;
  readonly value?: string;
}

const NODE_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'];
const TOLERATION_OPERATORS = ['Equal', 'Exists'];
const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/**
 * A node selector requirement as the API takes it, from a cdk8s-plus-28
 * `NodeLabelQuery` or plain values. Throws a plain `Error` naming the value
 * when plain values are malformed; callers wrap it with the construct path.
 */
export function nodeSelectorRequirementToJson(q: kplus.NodeLabelQuery | NodeSelectorRequirementSpec): NodeSelectorRequirementJson {
  if (q instanceof kplus.NodeLabelQuery) {
    const json = nodeLabelQueryJson(q);
    const values = json.values as string[] | undefined;
    return values === undefined
      ? { key: String(json.key), operator: String(json.operator) }
      : { key: String(json.key), operator: String(json.operator), values: [...values] };
  }
  if (q === null || typeof q !== 'object' || Array.isArray(q)) {
    throw new Error(`a node selector requirement is a NodeLabelQuery or { key, operator, values? }, not ${showValue(q)}`);
  }
  if (typeof q.key !== 'string' || q.key === '') {
    throw new Error(`a node selector requirement needs a non-empty string key, not ${showValue(q.key)}`);
  }
  if (typeof q.operator !== 'string' || !NODE_OPERATORS.includes(q.operator)) {
    throw new Error(`node selector operator must be one of ${NODE_OPERATORS.join(', ')}, not ${showValue(q.operator)}`);
  }
  const values = q.values;
  if (values !== undefined && (!Array.isArray(values) || values.some(v => typeof v !== 'string'))) {
    throw new Error(`node selector values must be a list of strings, not ${showValue(values)}`);
  }
  const n = values?.length ?? 0;
  if ((q.operator === 'In' || q.operator === 'NotIn') && n === 0) {
    throw new Error(`node selector operator ${q.operator} (key ${showValue(q.key)}) needs at least one value`);
  }
  if ((q.operator === 'Exists' || q.operator === 'DoesNotExist') && n > 0) {
    throw new Error(`node selector operator ${q.operator} (key ${showValue(q.key)}) takes no values, not ${showValue(values)}`);
  }
  if ((q.operator === 'Gt' || q.operator === 'Lt') && (n !== 1 || !/^-?[0-9]+$/.test(values![0]))) {
    throw new Error(`node selector operator ${q.operator} (key ${showValue(q.key)}) takes exactly one integer value, not ${showValue(values)}`);
  }
  return values === undefined
    ? { key: q.key, operator: q.operator }
    : { key: q.key, operator: q.operator, values: [...values] };
}

/**
 * A toleration as the API takes it, from a cdk8s-plus-28 `NodeTaintQuery` or
 * plain values. Throws a plain `Error` naming the value when plain values are
 * malformed; callers wrap it with the construct path.
 */
export function tolerationToJson(t: kplus.NodeTaintQuery | TolerationSpec): TolerationJson {
  if (t instanceof kplus.NodeTaintQuery) {
    const json = nodeTaintQueryJson(t);
    return dropUndefined({
      effect: json.effect as string | undefined,
      key: json.key as string | undefined,
      operator: json.operator as string | undefined,
      tolerationSeconds: json.tolerationSeconds as number | undefined,
      value: json.value as string | undefined,
    });
  }
  if (t === null || typeof t !== 'object' || Array.isArray(t)) {
    throw new Error(`a toleration is a NodeTaintQuery or { key?, operator?, value?, effect?, tolerationSeconds? }, not ${showValue(t)}`);
  }
  for (const field of ['key', 'operator', 'value', 'effect'] as const) {
    if (t[field] !== undefined && typeof t[field] !== 'string') {
      throw new Error(`toleration ${field} must be a string, not ${showValue(t[field])}`);
    }
  }
  if (t.operator !== undefined && !TOLERATION_OPERATORS.includes(t.operator)) {
    throw new Error(`toleration operator must be Equal or Exists, not ${showValue(t.operator)}`);
  }
  if (t.effect !== undefined && t.effect !== '' && !EFFECTS.includes(t.effect)) {
    throw new Error(`toleration effect must be one of ${EFFECTS.join(', ')}, not ${showValue(t.effect)}`);
  }
  if ((t.key === undefined || t.key === '') && t.operator !== 'Exists') {
    throw new Error(`a toleration without a key tolerates every taint and needs operator Exists, not ${showValue(t.operator)}`);
  }
  if (t.operator === 'Exists' && t.value !== undefined && t.value !== '') {
    throw new Error(`a toleration with operator Exists matches any value and takes none, not ${showValue(t.value)}`);
  }
  const seconds = t.tolerationSeconds;
  if (seconds !== undefined) {
    if (typeof seconds !== 'number' || !Number.isInteger(seconds)) {
      throw new Error(`tolerationSeconds must be a whole number of seconds, not ${showValue(seconds)}`);
    }
    if (t.effect !== 'NoExecute') {
      throw new Error(`tolerationSeconds ${seconds} only applies to effect NoExecute, not ${showValue(t.effect)}`);
    }
  }
  return dropUndefined({ effect: t.effect, key: t.key, operator: t.operator, tolerationSeconds: seconds, value: t.value });
}

function dropUndefined<T extends object>(o: T): T {
  const out: Partial<T> = {};
  for (const k of Object.keys(o) as Array<keyof T>) {
    if (o[k] !== undefined) out[k] = o[k];
  }
  return out as T;
}
