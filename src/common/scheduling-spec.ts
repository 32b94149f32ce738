/**
 * Scheduling terms as props take them: a cdk8s-plus-28 `NodeTaintQuery` or
 * `NodeLabelQuery`, or the same thing as plain values (for apps on another
 * cdk8s-plus major, whose classes TypeScript will not accept in place of
 * these).
 */
import * as kplus from 'cdk8s-plus-28';
import { nodeLabelQueryJson, nodeTaintQueryJson } from './cdk8s-internals';
import { showValue } from '../base/show-value';

/** A toleration as plain values (the Kubernetes API's `Toleration`). */
export interface TolerationSpec {
  /** The taint key tolerated; with operator Exists and no key, every taint. @default - every key */
  readonly key?: string;
  /** `Equal` or `Exists`. @default - Kubernetes' default, Equal */
  readonly operator?: string;
  /** The taint value (with operator Equal). @default - none */
  readonly value?: string;
  /** `NoSchedule`, `PreferNoSchedule` or `NoExecute`. @default - every effect */
  readonly effect?: string;
  /** How long a NoExecute taint is tolerated before eviction, in seconds. @default - forever */
  readonly tolerationSeconds?: number;
}

/** A node selector requirement as plain values (the Kubernetes API's `NodeSelectorRequirement`). */
export interface NodeSelectorRequirementSpec {
  /** The node label key (or field, in matchFields). */
  readonly key: string;
  /** `In`, `NotIn`, `Exists`, `DoesNotExist`, `Gt` or `Lt`. */
  readonly operator: string;
  /** The values (for In, NotIn, Gt and Lt). @default - none */
  readonly values?: string[];
}

/** A toleration as the API takes it. */
export interface TolerationJson {
  readonly key?: string;
  readonly operator?: string;
  readonly value?: string;
  readonly effect?: string;
  readonly tolerationSeconds?: number;
}

/** A node selector requirement as the API takes it. */
export interface NodeSelectorRequirementJson {
  readonly key: string;
  readonly operator: string;
  readonly values?: string[];
}

const TOLERATION_OPERATORS = ['Equal', 'Exists'];
const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const NODE_SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'];

function isPlainObject(v: unknown): v is { [key: string]: unknown } {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function optionalString(v: unknown): boolean {
  return v === undefined || typeof v === 'string';
}

/**
 * A toleration prop as the API takes it. Throws a plain `Error` naming the
 * value when plain values are malformed; callers wrap it with the construct
 * path and the field.
 */
export function tolerationToJson(toleration: kplus.NodeTaintQuery | TolerationSpec): TolerationJson {
  if (toleration instanceof kplus.NodeTaintQuery) {
    const json = nodeTaintQueryJson(toleration);
    return plainToleration(json);
  }
  return plainToleration(toleration);
}

function plainToleration(t: unknown): TolerationJson {
  if (!isPlainObject(t)) {
    throw new Error(`a toleration is a NodeTaintQuery or { key, operator, value, effect, tolerationSeconds }, not ${showValue(t)}`);
  }
  const { key, operator, value, effect, tolerationSeconds } = t;
  if (!optionalString(key) || !optionalString(value)) {
    throw new Error(`key and value of a toleration are strings, not ${showValue(t)}`);
  }
  if (operator !== undefined && !TOLERATION_OPERATORS.includes(operator as string)) {
    throw new Error(`operator ${showValue(operator)} is not one of ${TOLERATION_OPERATORS.join(', ')}`);
  }
  if (effect !== undefined && !TAINT_EFFECTS.includes(effect as string)) {
    throw new Error(`effect ${showValue(effect)} is not one of ${TAINT_EFFECTS.join(', ')}`);
  }
  if (tolerationSeconds !== undefined && !Number.isInteger(tolerationSeconds)) {
    throw new Error(`tolerationSeconds ${showValue(tolerationSeconds)} is not a whole number`);
  }
  return {
    key: key as string | undefined,
    operator: operator as string | undefined,
    value: value as string | undefined,
    effect: effect as string | undefined,
    tolerationSeconds: tolerationSeconds as number | undefined,
  };
}

/**
 * A node selector requirement prop as the API takes it. Throws a plain
 * `Error` naming the value when plain values are malformed; callers wrap it
 * with the construct path and the field.
 */
export function nodeSelectorRequirementToJson(requirement: kplus.NodeLabelQuery | NodeSelectorRequirementSpec): NodeSelectorRequirementJson {
  if (requirement instanceof kplus.NodeLabelQuery) {
    return plainRequirement(nodeLabelQueryJson(requirement));
  }
  return plainRequirement(requirement);
}

function plainRequirement(r: unknown): NodeSelectorRequirementJson {
  if (!isPlainObject(r)) {
    throw new Error(`a node selector requirement is a NodeLabelQuery or { key, operator, values }, not ${showValue(r)}`);
  }
  const { key, operator, values } = r;
  if (typeof key !== 'string' || key === '') {
    throw new Error(`a node selector requirement needs a key, not ${showValue(key)}`);
  }
  if (!NODE_SELECTOR_OPERATORS.includes(operator as string)) {
    throw new Error(`operator ${showValue(operator)} is not one of ${NODE_SELECTOR_OPERATORS.join(', ')}`);
  }
  if (values !== undefined && (!Array.isArray(values) || values.some(v => typeof v !== 'string'))) {
    throw new Error(`values must be a list of strings, not ${showValue(values)}`);
  }
  return { key, operator: operator as string, values: values === undefined ? undefined : [...values as string[]] };
}
