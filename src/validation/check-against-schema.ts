/**
 * One walker for the install's prop checks: a plain value against a fragment
 * of the model's `Schema` (src/api/schema.ts). It reports the first problem as
 * a `Finding` (path, value, problem, fix), which `findingError` turns into the
 * library's one message format (`invalid()`).
 *
 * What the schema says is checked here: `type` (with int-or-string),
 * `properties` (unknown keys get the closest known one), `required`, `enum`,
 * `minimum`/`maximum`, the int32/int64 range of `format`, `items`,
 * `minItems`, `additionalProperties` (a map must be a plain object). What it
 * cannot say comes from two tables the caller passes:
 * - `checks`, by the node's `x-kruise-check` name: how messages name the value
 *   (`what`), the fix for a missing required field, and rules on a whole
 *   object (requests at most the limits...), a string (a label key), a map key
 *   (a resource name) or the value itself (a quantity);
 * - `classes`, by the node's `x-kruise-class` name: library class instances
 *   (a cdk8s Duration...), which no JSON type describes.
 * `pattern` and lengths are left to named checks, whose messages say the rule
 * in words. A check or class name missing from the tables is a bug and throws.
 *
 * The wording of type and unknown-key problems comes from a `Voice`:
 * `KUBERNETES_VOICE` (the default) speaks of Kubernetes JSON given as props;
 * the props of `Kruise` have their own (src/install/props-shape.ts).
 */
import { invalid } from './errors';
import type { Schema } from '../api/schema';
import { isJsonObject, JsonObject, childPath } from '../base/json';
import { quotable } from '../base/show-value';
import { closest } from '../versions/feature-gates';

/** One problem of a value: the field (a dotted path), the bad value, what is wrong, the fix. */
export interface Finding {
  readonly path: string;
  readonly value: unknown;
  readonly problem: string;
  readonly fix: string;
}

/** A problem without its place (named checks of strings, keys and values). */
export interface Problem {
  readonly problem: string;
  readonly fix: string;
}

/** An entry of the table of named checks (`x-kruise-check`). */
export interface NamedCheck {
  /** How messages name a value of the node, e.g. 'a toleration'. */
  readonly what?: string;
  /** The fix for a required field (or a list below `minItems`) that is missing, by field name. */
  readonly fixes?: { readonly [field: string]: string };
  /** Replaces the type check: the whole value (a quantity may be a number or a string). */
  readonly value?: (v: unknown) => Problem | undefined;
  /** A string, after its type and enum. */
  readonly string?: (s: string) => Problem | undefined;
  /** Each key of a map (`additionalProperties`), before its value. */
  readonly key?: (k: string) => Problem | undefined;
  /** An object, after its fields and required ones: the API server's rules across fields. */
  readonly object?: (v: JsonObject, path: string) => Finding | undefined;
}

/** An entry of the table of library classes (`x-kruise-class`). */
export interface LibraryClass {
  /** Whether a value is an instance. */
  readonly is: (v: unknown) => boolean;
  /** How a fix names an instance, e.g. 'a cdk8s Duration, e.g. Duration.seconds(30)'. */
  readonly text: string;
  /** How a fix names a list of instances. */
  readonly listText?: string;
}

/** The wording of type and unknown-key problems, and how deep containers are walked. */
export interface Voice {
  /** Whether null means unset (Kubernetes JSON) or is checked like any value. */
  readonly nulls: 'unset' | 'checked';
  /**
   * Whether lists and maps are walked one level only: a list item of the wrong
   * type is reported on the whole list, map values are left to later checks.
   */
  readonly shallow: boolean;
  /** The problem of a value whose type is not the node's. */
  wrongType(node: Schema, value: unknown, path: string, what: string | undefined): Finding;
  /** The problem of a key the node has no property for. */
  unknownKey(key: string, value: unknown, path: string, parent: string, known: string[], what: string | undefined): Finding;
}

/** The tables and voice of a walk. */
export interface SchemaCheckOptions {
  readonly checks?: { readonly [name: string]: NamedCheck };
  readonly classes?: { readonly [name: string]: LibraryClass };
  /** @default KUBERNETES_VOICE */
  readonly voice?: Voice;
}

const INT32: [number, number] = [-2147483648, 2147483647];

/** The voice of Kubernetes JSON given as props (resources, tolerations, affinity, env...). */
export const KUBERNETES_VOICE: Voice = {
  nulls: 'unset',
  shallow: false,
  wrongType(node, value, path, what) {
    switch (typeOf(node)) {
      case 'object':
        return { path, value, problem: `is not ${what ?? 'an object'} (a map)`, fix: node.properties ? 'write it as a map of its fields' : 'write a map' };
      case 'array': return { path, value, problem: 'is not a list', fix: 'write a list' };
      case 'string': return { path, value, problem: 'is not a string', fix: `quote it, e.g. '${quotable(value)}'` };
      case 'integer': return { path, value, problem: 'is not a whole number', fix: 'give a whole number' };
      case 'boolean': return { path, value, problem: 'is not a boolean', fix: 'use true or false' };
      case 'int-or-string': return { path, value, problem: 'is not a whole number or a string', fix: 'give a whole number or a string' };
      default: return { path, value, problem: 'is not a number', fix: 'give a number' };
    }
  },
  unknownKey(key, value, path, _parent, known, what) {
    const guess = closest(key, known);
    return { path, value, problem: `is not a field of ${what ?? 'this object'}`, fix: guess ? `did you mean '${guess}'?` : `use ${known.join(', ')}` };
  },
};

/** The first problem of `value` against `schema` at `path`, or undefined. `undefined` is always fine (unset). */
export function checkAgainstSchema(value: unknown, schema: Schema, path: string, options: SchemaCheckOptions = {}): Finding | undefined {
  return new Walk(options).node(value, schema, path, undefined);
}

/** The error of a finding: `<where>: <path> <value>: <problem>; <fix>` (`invalid()`). */
export function findingError(where: string, finding: Finding): Error {
  return invalid(where, finding.path, finding.value, finding.problem, finding.fix);
}

/** The JSON type a node asks for: its `type`, 'int-or-string', or undefined for any value. */
export function typeOf(node: Schema): Schema['type'] | 'int-or-string' | undefined {
  return node['x-kubernetes-int-or-string'] ? 'int-or-string' : node.type;
}

class Walk {
  private readonly voice: Voice;
  constructor(private readonly options: SchemaCheckOptions) {
    this.voice = options.voice ?? KUBERNETES_VOICE;
  }

  /** `hint`: the parent's fix for this field when it is missing or empty. */
  node(v: unknown, s: Schema, path: string, hint: string | undefined): Finding | undefined {
    if (v === undefined || (v === null && this.voice.nulls === 'unset')) return undefined;
    const named = this.named(s);
    const what = named?.what;
    if (named?.value) {
      const p = named.value(v);
      return p ? { path, value: v, ...p } : undefined;
    }
    if (!this.fits(s, v)) return this.voice.wrongType(s, v, path, what);
    if (Array.isArray(v)) return this.list(v, s, path, hint, what);
    if (isJsonObject(v)) return this.object(v, s, path, named);
    if (typeof v === 'string') return this.string(v, s, path, named);
    if (typeof v === 'number') return this.number(v, s, path);
    return undefined;
  }

  /** Whether `v` has the node's type (or is an instance of its class). */
  fits(s: Schema, v: unknown): boolean {
    const cls = s['x-kruise-class'];
    if (cls !== undefined) return this.libraryClass(cls).is(v);
    switch (typeOf(s)) {
      case undefined: return true;
      case 'object': return isJsonObject(v) && (s.additionalProperties === undefined || isPlainObject(v));
      case 'array': return Array.isArray(v);
      case 'string': return typeof v === 'string';
      case 'boolean': return typeof v === 'boolean';
      case 'integer': return typeof v === 'number' && Number.isInteger(v);
      case 'number': return typeof v === 'number';
      case 'int-or-string': return typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v));
    }
  }

  private list(v: unknown[], s: Schema, path: string, hint: string | undefined, what: string | undefined): Finding | undefined {
    if (s.minItems !== undefined && v.length < s.minItems) {
      return { path, value: v, problem: v.length === 0 ? 'is empty' : `has fewer than ${s.minItems} entries`, fix: hint ?? `give at least ${s.minItems}` };
    }
    for (let i = 0; i < v.length; i++) {
      const item = v[i];
      if (this.voice.shallow) {
        if (item === null || item === undefined || (s.items && !this.fits(s.items, item))) return this.voice.wrongType(s, v, path, what);
        continue;
      }
      if (item === null || item === undefined) return { path: `${path}[${i}]`, value: null, problem: 'is an empty list entry, which the API server rejects', fix: 'remove it' };
      const f = s.items ? this.node(item, s.items, `${path}[${i}]`, undefined) : undefined;
      if (f) return f;
    }
    return undefined;
  }

  private object(v: JsonObject, s: Schema, path: string, named: NamedCheck | undefined): Finding | undefined {
    const props = s.properties;
    if (props) {
      for (const [k, x] of Object.entries(v)) {
        const at = childPath(path, k);
        if (!Object.prototype.hasOwnProperty.call(props, k)) return this.voice.unknownKey(k, x, at, path, Object.keys(props), named?.what);
        const f = this.node(x, props[k], at, named?.fixes?.[k]);
        if (f) return f;
      }
      for (const r of s.required ?? []) {
        if (v[r] === undefined) {
          return { path: childPath(path, r), value: undefined, problem: named?.what ? `is required in ${named.what}` : 'is required', fix: named?.fixes?.[r] ?? `give ${r}` };
        }
      }
    } else if (s.additionalProperties) {
      for (const [k, x] of Object.entries(v)) {
        const at = childPath(path, k);
        const p = named?.key?.(k);
        if (p) return { path: at, value: x, ...p };
        if (this.voice.shallow) continue;
        const f = this.node(x, s.additionalProperties, at, undefined);
        if (f) return f;
      }
    }
    return named?.object?.(v, path);
  }

  private string(v: string, s: Schema, path: string, named: NamedCheck | undefined): Finding | undefined {
    if (s.enum && !s.enum.includes(v)) {
      const options = s.enum.filter((o): o is string => typeof o === 'string' && o !== '');
      const guess = closest(v, options);
      return guess
        ? { path, value: v, problem: `is not one of ${options.join(', ')}`, fix: `did you mean '${guess}'?` }
        : { path, value: v, problem: 'is not a valid value', fix: `use one of ${options.join(', ')}` };
    }
    const p = named?.string?.(v);
    return p ? { path, value: v, ...p } : undefined;
  }

  private number(v: number, s: Schema, path: string): Finding | undefined {
    if (!Number.isFinite(v)) return { path, value: v, problem: 'is not a finite number', fix: 'give a whole number' };
    const bits = s.format === 'int64' ? 64 : s.format === 'int32' ? 32 : undefined;
    if (bits === 64 && (v >= 2 ** 63 || v < -(2 ** 63))) {
      return { path, value: v, problem: 'is out of range for a 64-bit integer, which the API server rejects', fix: `use a whole number from ${s.minimum ?? '-9223372036854775808'} to ${s.maximum ?? '9223372036854775807'}` };
    }
    if (bits === 32 && (v < INT32[0] || v > INT32[1])) {
      return { path, value: v, problem: 'is out of range for a 32-bit integer, which the API server rejects', fix: `use a whole number from ${s.minimum ?? INT32[0]} to ${s.maximum ?? INT32[1]}` };
    }
    if ((s.minimum !== undefined && v < s.minimum) || (s.maximum !== undefined && v > s.maximum)) {
      return { path, value: v, problem: 'is out of range', fix: s.minimum !== undefined && s.maximum !== undefined ? `use ${s.minimum} to ${s.maximum}` : s.minimum !== undefined ? `use ${s.minimum} or more` : `use ${s.maximum} or less` };
    }
    return undefined;
  }

  private named(s: Schema): NamedCheck | undefined {
    const name = s['x-kruise-check'];
    if (name === undefined) return undefined;
    const c = this.options.checks?.[name];
    if (!c) throw new Error(`check-against-schema: no named check '${name}' in the table (a bug)`);
    return c;
  }

  private libraryClass(name: string): LibraryClass {
    const c = this.options.classes?.[name];
    if (!c) throw new Error(`check-against-schema: no library class '${name}' in the table (a bug)`);
    return c;
  }
}

/** A plain object (`{}` or `Object.create(null)`), not a class instance, Map or array. */
export function isPlainObject(v: unknown): v is JsonObject {
  if (!isJsonObject(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
