// A structural check of the plain Kubernetes pod fields the install takes
// (resources, tolerations, node affinity, affinity, env).
import { closest } from './feature-gates';
import type { Issue } from './issues';
import { isDns1123Subdomain, isLabelValue, isQualifiedName, LABEL_VALUE_RULE, QUALIFIED_NAME_RULE } from './name-rules';
import { arrayOr, at, isJsonObject, JsonObject, objectOr } from '../base/json';
import { compareQuantityValues, parseQuantity, quantityToNumber } from '../base/quantity';
import { quotable, showValue } from '../base/show-value';


/** A small structural schema of the Kubernetes pod fields the install takes as plain objects. */
type Shape =
  | { readonly t: 'object'; readonly what: string; readonly fields: () => { [key: string]: Shape }; readonly rule?: (v: JsonObject, path: string) => Issue | undefined }
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
  return (v: JsonObject, path: string): Issue | undefined => {
    if (v.key === undefined || v.key === '') return { path: `${path}.key`, value: v.key, problem: `is required in ${what}`, fix: 'give the label key the requirement tests' };
    if (v.operator === undefined) return { path: `${path}.operator`, value: undefined, problem: `is required in ${what}`, fix: `use one of ${operators.join(', ')}` };
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
    for (const [name, request] of Object.entries(objectOr(v.requests))) {
      const limit = at(v.limits, name);
      if (limit === undefined) continue;
      if ((compareQuantityValues(request, limit) ?? 0) > 0) {
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

function walk(v: unknown, shape: Shape, path: string): Issue | undefined {
  if (v === undefined || v === null) return undefined;
  switch (shape.t) {
    case 'object': {
      if (!isJsonObject(v)) return { path, value: v, problem: `is not ${shape.what} (a map)`, fix: 'write it as a map of its fields' };
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
      const q = quantityNumber(v);
      if (q === undefined) return { path, value: v, problem: 'is not a quantity', fix: 'use a number with an optional suffix such as 100m, 0.5, 256Mi or 1Gi' };
      if (q < 0) return { path, value: v, problem: 'is negative', fix: 'use 0 or more' };
      return undefined;
    }
  }
}

/** The value of a quantity as a finite number, or undefined when it is not one (or too large for a number). */
function quantityNumber(v: unknown): number | undefined {
  const q = parseQuantity(v);
  const n = q ? quantityToNumber(q) : NaN;
  return Number.isFinite(n) ? n : undefined;
}
