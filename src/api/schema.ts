/**
 * A small vocabulary for writing structural OpenAPI v3 schemas the way the
 * Kubernetes API server understands them (apiextensions.k8s.io/v1
 * `JSONSchemaProps`). The Kruise API model in this folder is written with it.
 *
 * Internal: not part of the jsii API (the `x-kubernetes-*` keys are not valid
 * jsii property names). Everything returned is a fresh plain object, so a
 * fragment can be reused in many places without aliasing.
 */

/** apiextensions.k8s.io/v1 JSONSchemaProps, as far as this project uses it. */
export interface Schema {
  'type'?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  'format'?: string;
  'description'?: string;
  'properties'?: { [name: string]: Schema };
  'required'?: string[];
  'items'?: Schema;
  'additionalProperties'?: Schema;
  'anyOf'?: Schema[];
  'enum'?: unknown[];
  'default'?: unknown;
  'minimum'?: number;
  'maximum'?: number;
  'minLength'?: number;
  'maxLength'?: number;
  'minItems'?: number;
  'maxItems'?: number;
  'pattern'?: string;
  'nullable'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  'x-kubernetes-map-type'?: 'atomic' | 'granular';
  'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  'x-kubernetes-list-map-keys'?: string[];
  /**
   * Prop checks only, never in a CRD (only the `'checks'` form of a fragment
   * sets it): the name of an entry in the checker's table of rules a schema
   * cannot say, such as requests at most the limits, or how a message names
   * the value ('a toleration'). See src/validation/check-against-schema.ts.
   */
  'x-kruise-check'?: string;
  /**
   * Prop checks only, never in a CRD: the value is an instance of a library
   * class (a cdk8s Duration, a KruiseVersion, a construct...), which no JSON
   * schema type describes. The checker's table of classes recognises it by
   * this name. A node with it has no `type`.
   */
  'x-kruise-class'?: string;
}

/** Extra keywords any helper accepts (description, enum, default, ranges...). */
export type Extra = Omit<Schema, 'type' | 'properties' | 'items' | 'additionalProperties'>;

function withExtra(base: Schema, extra?: Extra): Schema {
  return extra ? { ...base, ...extra } : base;
}

/** `type: string`. */
export function str(extra?: Extra): Schema {
  return withExtra({ type: 'string' }, extra);
}

/** `type: string, format: date-time` (metav1.Time). */
export function dateTime(extra?: Extra): Schema {
  return withExtra({ type: 'string', format: 'date-time' }, extra);
}

/** `type: integer, format: int32`. */
export function int32(extra?: Extra): Schema {
  return withExtra({ type: 'integer', format: 'int32' }, extra);
}

/** `type: integer, format: int64`. */
export function int64(extra?: Extra): Schema {
  return withExtra({ type: 'integer', format: 'int64' }, extra);
}

/** `type: integer` with no format. */
export function integer(extra?: Extra): Schema {
  return withExtra({ type: 'integer' }, extra);
}

/** `type: number`. */
export function num(extra?: Extra): Schema {
  return withExtra({ type: 'number' }, extra);
}

/** `type: boolean`. */
export function bool(extra?: Extra): Schema {
  return withExtra({ type: 'boolean' }, extra);
}

/** Options of {@link obj}. */
export interface ObjOptions extends Extra {
  /** `x-kubernetes-map-type: atomic` and friends go through Extra; this is sugar. */
  readonly atomic?: boolean;
}

/**
 * `type: object` with the given properties. `required` lists the names the
 * server demands.
 */
export function obj(properties: { [name: string]: Schema }, required?: string[], extra?: ObjOptions): Schema {
  const s: Schema = { type: 'object', properties };
  if (required && required.length > 0) {
    s.required = [...required];
  }
  if (extra) {
    const { atomic, ...rest } = extra;
    Object.assign(s, rest);
    if (atomic) {
      s['x-kubernetes-map-type'] = 'atomic';
    }
  }
  return s;
}

/** `type: array` of the given items. */
export function arr(items: Schema, extra?: Extra): Schema {
  return withExtra({ type: 'array', items }, extra);
}

/** `type: array` of strings. */
export function strList(extra?: Extra): Schema {
  return arr(str(), extra);
}

/** `type: object` whose values all have the given schema. */
export function mapOf(values: Schema, extra?: Extra): Schema {
  return withExtra({ type: 'object', additionalProperties: values }, extra);
}

/** `type: object` with string values (labels, annotations, node selectors). */
export function strMap(extra?: Extra): Schema {
  return mapOf(str(), extra);
}

/** intstr.IntOrString: an integer or a string such as "25%". */
export function intOrString(extra?: Extra): Schema {
  return withExtra({ 'anyOf': [{ type: 'integer' }, { type: 'string' }], 'x-kubernetes-int-or-string': true }, extra);
}

/**
 * A value of a library class (prop checks only: `x-kruise-class`), for the
 * props of the install that take a Duration, a KruiseVersion, a construct...
 */
export function instanceOf(className: string, extra?: Extra): Schema {
  return withExtra({ 'x-kruise-class': className }, extra);
}

/**
 * A subtree the server keeps as it is, without validating it
 * (`x-kubernetes-preserve-unknown-fields`). Kruise keeps pod templates this way.
 * With `typed: true` it also says `type: object`.
 */
export function preserved(typed: boolean = false, extra?: Extra): Schema {
  const s: Schema = typed ? { type: 'object' } : {};
  s['x-kubernetes-preserve-unknown-fields'] = true;
  return withExtra(s, extra);
}

/** `metadata: {type: object}` as controller-gen writes it for a root object. */
export function rootMetadata(): Schema {
  return { type: 'object' };
}

/**
 * The root of a kind's schema: apiVersion, kind, metadata, then spec and status
 * (either may be omitted).
 */
export function root(spec?: Schema, status?: Schema, extra?: Extra): Schema {
  const properties: { [name: string]: Schema } = {
    apiVersion: str(),
    kind: str(),
    metadata: rootMetadata(),
  };
  if (spec) properties.spec = spec;
  if (status) properties.status = status;
  return obj(properties, undefined, extra);
}

/** A deep copy of a schema (fragments are plain data). */
export function clone<T>(s: T): T {
  return JSON.parse(JSON.stringify(s));
}
