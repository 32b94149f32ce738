// The plain Kubernetes pod fields the install takes (resources, tolerations,
// node affinity, affinity, env), checked against the model's fragments in
// their checks form (src/api/fragments.ts) by the one schema walker
// (src/validation/check-against-schema.ts). This file holds the table of what
// a schema cannot say: how messages name each value, the API server's rules
// across fields, and the name rules of keys and values.
import type { Issue } from './issues';
import { affinity, envVar, LABEL_SELECTOR_OPERATORS, NODE_SELECTOR_OPERATORS, nodeAffinity, resourceRequirements, toleration } from '../api/fragments';
import { arr, Schema } from '../api/schema';
import { arrayOr, at, JsonObject, objectOr } from '../base/json';
import { isDns1123Subdomain, isLabelValue, isQualifiedName, LABEL_VALUE_RULE, QUALIFIED_NAME_RULE } from '../base/names';
import { compareQuantityValues, parseQuantity, quantityToNumber } from '../base/quantity';
import { showValue } from '../base/show-value';
import { checkAgainstSchema, Finding, NamedCheck, Problem } from '../validation/check-against-schema';
import { closest } from '../versions/feature-gates';

const RESOURCE_NAMES = ['cpu', 'memory', 'ephemeral-storage'];

/** The operator/values pairs of selector requirements (the API server's rule). */
function requirementValues(v: JsonObject, path: string): Finding | undefined {
  const values = arrayOr(v.values);
  if ((v.operator === 'In' || v.operator === 'NotIn') && values.length === 0) {
    return { path: `${path}.values`, value: v.values ?? [], problem: `is empty, but operator ${v.operator} needs values`, fix: 'list at least one value' };
  }
  if ((v.operator === 'Exists' || v.operator === 'DoesNotExist') && values.length > 0) {
    return { path: `${path}.values`, value: v.values, problem: `is set, but operator ${v.operator} takes no values`, fix: 'remove values' };
  }
  if ((v.operator === 'Gt' || v.operator === 'Lt') && (values.length !== 1 || !/^-?\d+$/.test(String(values[0])))) {
    return { path: `${path}.values`, value: v.values, problem: `must be one integer for operator ${v.operator}`, fix: 'give a single whole number as a string, e.g. [\'3\']' };
  }
  return undefined;
}

const TOPOLOGY_KEY_FIX = 'give a node label key such as \'kubernetes.io/hostname\'';

function qualifiedNameProblem(s: string): Problem | undefined {
  return isQualifiedName(s) ? undefined : { problem: 'is not a valid label key', fix: `${QUALIFIED_NAME_RULE}, e.g. 'kubernetes.io/hostname'` };
}

function labelKeyProblem(k: string): Problem | undefined {
  return isQualifiedName(k) ? undefined : { problem: 'is not a valid label key', fix: QUALIFIED_NAME_RULE };
}

function labelValueProblem(v: string): Problem | undefined {
  return isLabelValue(v) ? undefined : { problem: 'is not a valid label value', fix: LABEL_VALUE_RULE };
}

/** The value of a quantity as a finite number, or undefined when it is not one (or too large for a number). */
function quantityNumber(v: unknown): number | undefined {
  const q = parseQuantity(v);
  const n = q ? quantityToNumber(q) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

const KEY_SELECTOR = (what: string): NamedCheck => ({
  what,
  fixes: { key: 'give the key to read' },
  object: (v, path) => v.key === '' ? { path: `${path}.key`, value: v.key, problem: `is required in ${what}`, fix: 'give the key to read' } : undefined,
});

/**
 * What the fragments' schemas cannot say, by `x-kruise-check` name: how a
 * message names the value, the fix for a missing field, and the API server's
 * rules (operator/values pairs, toleration Exists/value, exactly one
 * valueFrom source, requests at most the limits, name rules).
 */
export const POD_FIELD_CHECKS: { readonly [name: string]: NamedCheck } = {
  qualifiedName: { string: qualifiedNameProblem },
  topologyKey: { string: s => s === '' ? { problem: 'is required in a pod affinity term', fix: TOPOLOGY_KEY_FIX } : qualifiedNameProblem(s) },
  labelValue: { string: labelValueProblem },
  labels: { what: 'a map of labels', key: labelKeyProblem },
  taintKey: { string: s => s === '' || isQualifiedName(s) ? undefined : { problem: 'is not a valid taint key', fix: QUALIFIED_NAME_RULE } },
  objectName: { string: s => isDns1123Subdomain(s) ? undefined : { problem: 'is not a valid object name', fix: 'use a lowercase DNS name such as \'app-config\'' } },
  envVarName: {
    string: s => /^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(s) ? undefined
      : { problem: 'is not a valid environment variable name', fix: 'use letters, digits, \'_\', \'-\' and \'.\', not starting with a digit, e.g. \'HTTPS_PROXY\'' },
  },
  nodeField: { string: s => s === 'metadata.name' ? undefined : { problem: 'is not a node field the API server can select on', fix: 'matchFields supports only metadata.name; select on labels with matchExpressions' } },
  quantity: {
    value: v => {
      const q = quantityNumber(v);
      if (q === undefined) return { problem: 'is not a quantity', fix: 'use a number with an optional suffix such as 100m, 0.5, 256Mi or 1Gi' };
      return q < 0 ? { problem: 'is negative', fix: 'use 0 or more' } : undefined;
    },
  },
  labelSelectorRequirement: {
    what: 'a label selector requirement',
    fixes: { key: 'give the label key the requirement tests', operator: `use one of ${LABEL_SELECTOR_OPERATORS.join(', ')}` },
    object: requirementValues,
  },
  nodeSelectorRequirement: {
    what: 'a node selector requirement',
    fixes: { key: 'give the label key the requirement tests', operator: `use one of ${NODE_SELECTOR_OPERATORS.join(', ')}` },
    object: requirementValues,
  },
  nodeFieldSelectorRequirement: {
    what: 'a node field selector requirement',
    fixes: { key: 'use metadata.name', operator: 'use In or NotIn' },
    object: (v, path) => !Array.isArray(v.values) || v.values.length !== 1
      ? { path: `${path}.values`, value: v.values ?? [], problem: 'must hold exactly one node name for matchFields', fix: 'give one node name, or use matchExpressions on kubernetes.io/hostname' } : undefined,
  },
  labelSelector: { what: 'a label selector' },
  nodeSelectorTerm: { what: 'a node selector term' },
  nodeSelector: { what: 'a node selector', fixes: { nodeSelectorTerms: 'give at least one node selector term' } },
  preferredSchedulingTerm: { what: 'a preferred scheduling term', fixes: { weight: 'give a weight from 1 to 100' } },
  nodeAffinity: { what: 'a node affinity' },
  podAffinityTerm: { what: 'a pod affinity term', fixes: { topologyKey: TOPOLOGY_KEY_FIX } },
  weightedPodAffinityTerm: { what: 'a weighted pod affinity term', fixes: { weight: 'give a weight from 1 to 100', podAffinityTerm: 'give the pod affinity term' } },
  podAffinity: { what: 'a pod affinity' },
  affinity: { what: 'an affinity' },
  toleration: {
    what: 'a toleration',
    object: (v, path) => {
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
  },
  envVar: {
    what: 'an environment variable',
    fixes: { name: 'give the variable a name, e.g. HTTPS_PROXY' },
    object: (v, path) => v.value !== undefined && v.valueFrom !== undefined
      ? { path: `${path}.valueFrom`, value: v.valueFrom, problem: 'is set together with value', fix: 'give value or valueFrom, not both' } : undefined,
  },
  envVarSource: {
    what: 'an env source',
    object: (v, path) => Object.keys(v).length !== 1
      ? { path, value: v, problem: 'must name exactly one source', fix: 'give one of fieldRef, resourceFieldRef, configMapKeyRef and secretKeyRef' } : undefined,
  },
  objectFieldSelector: { what: 'a field reference', fixes: { fieldPath: 'give the pod field to read, e.g. spec.nodeName' } },
  resourceFieldSelector: { what: 'a resource field reference', fixes: { resource: 'give the resource to read, e.g. limits.memory' } },
  configMapKeySelector: KEY_SELECTOR('a ConfigMap key reference'),
  secretKeySelector: KEY_SELECTOR('a Secret key reference'),
  resourceList: {
    what: 'a resource list',
    key: k => RESOURCE_NAMES.includes(k) || /^hugepages-/.test(k) || (k.includes('/') && isQualifiedName(k)) ? undefined : {
      problem: 'is not a container resource',
      fix: closest(k, RESOURCE_NAMES) ? `did you mean '${closest(k, RESOURCE_NAMES)}'?` : 'use cpu, memory, ephemeral-storage, hugepages-<size> or an extended resource such as \'nvidia.com/gpu\'',
    },
  },
  resourceClaim: { what: 'a resource claim', fixes: { name: 'give the name of a claim of the pod' } },
  resourceRequirements: {
    what: 'resource requirements',
    object: (v, path) => {
      for (const [name, request] of Object.entries(objectOr(v.requests))) {
        const limit = at(v.limits, name);
        if (limit === undefined) continue;
        if ((compareQuantityValues(request, limit) ?? 0) > 0) {
          return { path: `${path}.requests.${name}`, value: request, problem: `is more than the limit ${showValue(limit)}, which the API server rejects`, fix: 'lower the request or raise the limit' };
        }
      }
      return undefined;
    },
  },
};

/** The schemas of the plain pod fields the install takes: the model's fragments, checks form. */
export const POD_FIELD_SHAPES: { readonly [field in 'resources' | 'tolerations' | 'nodeAffinity' | 'affinity' | 'env']: Schema } = {
  resources: resourceRequirements('checks'),
  tolerations: arr(toleration('checks')),
  nodeAffinity: nodeAffinity('checks'),
  affinity: affinity('checks'),
  env: arr(envVar('checks')),
};

/**
 * The first problem of a plain pod field (`POD_FIELD_SHAPES`), or undefined:
 * unknown keys (with the closest known one), wrong types, bad enum values,
 * quantities, label keys and values, and the API server's rules on
 * tolerations, selector requirements, weights and requests above limits.
 */
export function podFieldIssue(path: string, value: unknown, field: keyof typeof POD_FIELD_SHAPES): Issue | undefined {
  return checkAgainstSchema(value, POD_FIELD_SHAPES[field], path, { checks: POD_FIELD_CHECKS });
}
