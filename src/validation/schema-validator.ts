import { existsSync } from 'fs';
import { join as joinPath } from 'path';
import type Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { INT32_MAX, INT32_MIN, loadPrecompiled, newAjv, toAjv, validatorModuleName } from './ajv-setup';
import { KindModel, VersionModel } from '../api/model';
import { Schema } from '../api/schema';
import { arrayOr, isJsonObject, JsonObject, stringOr, childPath } from '../base/json';
import { modelsFor } from '../crds/build';
import { KruiseVersion } from '../version';

/** What kind of problem a {@link ValidationProblem} is. */
export enum ProblemKind {
  /** A value the API server rejects (wrong type, enum, range, pattern, format). */
  INVALID = 'invalid',
  /** A required field is missing. */
  REQUIRED = 'required',
  /** A field the API server silently drops (unknown field, or null where null is not allowed). */
  PRUNED = 'pruned',
  /** The apiVersion/kind is not a Kruise kind, or not a served version of it. */
  UNKNOWN_KIND = 'unknown-kind',
}

/** One finding of {@link KruiseSchemaValidator.validate}. */
export interface ValidationProblem {
  /** The field, as a dotted path with `[i]` for list items, e.g. `spec.updateStrategy.maxSurge`. */
  readonly path: string;
  /** What went wrong. */
  readonly kind: ProblemKind;
  /** A sentence a person can act on. */
  readonly message: string;
}

/** Options of {@link KruiseSchemaValidator.validate}. */
export interface ValidateOptions {
  /**
   * Also require `metadata.name` (or `generateName`), as the API server does
   * for a create. Off by default: the CRD schema alone does not demand it, and
   * fragments (patches, documentation snippets) lack it.
   * @default false
   */
  readonly requireName?: boolean;
}

/** The fields of metav1.ObjectMeta; anything else under `metadata` is pruned by the server. */
const OBJECT_META_FIELDS = new Set([
  'name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp',
  'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields',
]);

/**
 * Validates custom resources against the CRD schemas of this library's Kruise
 * API model the way the API server does: it first prunes what the schema does
 * not know (and reports every pruned field, since that is silently lost data),
 * then checks types, required fields, enums, ranges, patterns, formats,
 * int-or-string and nullable on what is left.
 *
 * Compiled schemas are cached per process. The build precompiles them
 * (lib/validation/generated); a schema is compiled at run time only when its
 * precompiled validator is missing or was made from a different schema.
 */
export class KruiseSchemaValidator {
  /**
   * A validator for the kinds of a Kruise version (all 18, EphemeralJob included).
   * @param version the Kruise release; default KruiseVersion.V1_7
   */
  public static forVersion(version?: KruiseVersion): KruiseSchemaValidator {
    const v = version ?? KruiseVersion.V1_7;
    let validator = VALIDATORS.get(v.version);
    if (!validator) {
      validator = new KruiseSchemaValidator(v);
      VALIDATORS.set(v.version, validator);
    }
    return validator;
  }

  /**
   * Renders problems as one line each: `<path>: <message>`.
   */
  public static format(problems: ValidationProblem[]): string {
    return problems.map(p => `${p.path}: ${p.message}`).join('\n');
  }

  private readonly models: KindModel[];
  private readonly compiled = new Map<string, ValidateFunction>();
  private ajv?: Ajv;

  private constructor(public readonly version: KruiseVersion) {
    this.models = modelsFor(version, true);
  }

  /** Whether `apiVersion`/`kind` names a served version of a Kruise kind. */
  public handles(apiVersion: string, kind: string): boolean {
    return this.lookup(apiVersion, kind) !== undefined;
  }

  /**
   * All problems of one manifest (a plain object as it would be sent to the
   * API server). An empty list means the server accepts it unchanged.
   */
  public validate(manifest: unknown, options: ValidateOptions = {}): ValidationProblem[] {
    if (!isJsonObject(manifest)) {
      return [{ path: '', kind: ProblemKind.INVALID, message: `a manifest must be an object, got ${describe(manifest)}` }];
    }
    const found = this.lookup(manifest.apiVersion, manifest.kind);
    if (!found) {
      return [{
        path: 'apiVersion',
        kind: ProblemKind.UNKNOWN_KIND,
        message: `${describe(manifest.apiVersion)}/${describe(manifest.kind)} is not a served Kruise ${this.version.version} kind`,
      }];
    }
    const { model, version } = found;
    const problems: ValidationProblem[] = [];
    const pruned = prune(manifest, version.schema, '', problems, true);
    problems.push(...metadataProblems(isJsonObject(pruned) ? pruned.metadata : undefined, options.requireName ?? false));
    const validate = this.compile(model, version);
    if (!validate(pruned)) {
      problems.push(...translate(validate.errors ?? []));
    }
    return problems;
  }

  private lookup(apiVersion: unknown, kind: unknown): { model: KindModel; version: VersionModel } | undefined {
    if (typeof apiVersion !== 'string' || typeof kind !== 'string') return undefined;
    const slash = apiVersion.indexOf('/');
    if (slash < 0) return undefined;
    const group = apiVersion.slice(0, slash);
    const name = apiVersion.slice(slash + 1);
    const model = this.models.find(m => m.group === group && m.kind === kind);
    const version = model?.versions.find(v => v.name === name && v.served);
    return model && version ? { model, version } : undefined;
  }

  private compile(model: KindModel, version: VersionModel): ValidateFunction {
    const key = `${model.group}/${version.name}/${model.kind}`;
    let fn = this.compiled.get(key);
    if (!fn) {
      const schema = toAjv(version.schema);
      fn = loadPrecompiled(GENERATED, validatorModuleName(model, version), schema) ?? (this.ajv ??= newAjv()).compile(schema);
      this.compiled.set(key, fn);
    }
    return fn;
  }
}

const VALIDATORS = new Map<string, KruiseSchemaValidator>();

/**
 * Where the build writes the precompiled validators (scripts/build-validators.js):
 * lib/validation/generated, beside this module; from the CLI bundles
 * (lib/kruise-lint.js, lib/kruise-synth-review.js), whose `__dirname` is lib/,
 * under validation/.
 */
const GENERATED = [joinPath(__dirname, 'generated'), joinPath(__dirname, 'validation', 'generated')].find(dir => existsSync(dir)) ?? joinPath(__dirname, 'generated');

/**
 * Returns `value` with everything the API server would prune removed, and
 * records each removal in `problems`. Copies only what changes: `value` itself
 * comes back when nothing is pruned, as for most objects.
 */
function prune(value: unknown, schema: Schema, path: string, problems: ValidationProblem[], isRoot = false): unknown {
  if (Array.isArray(value)) {
    if (!schema.items || schema.type !== 'array') return value;
    const items = schema.items;
    let out: unknown[] | undefined; // made on the first change: most objects lose nothing
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      // The server rejects a null list item (unless nullable); the type check reports it.
      const pruned = item === null || typeof item !== 'object' ? item : prune(item, items, `${path}[${i}]`, problems);
      if (pruned !== item && out === undefined) out = value.slice(0, i);
      if (out !== undefined) out.push(pruned);
    }
    return out ?? value;
  }
  if (!isJsonObject(value)) return value;
  // Only object schemas prune; a type mismatch is left for the type check to report.
  const objectSchema = schema.type === 'object' || (schema.type === undefined && (schema.properties !== undefined || schema.additionalProperties !== undefined || schema['x-kubernetes-preserve-unknown-fields'] === true));
  if (!objectSchema) return value;

  const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true;
  const embedded = schema['x-kubernetes-embedded-resource'] === true || isRoot;
  const props = schema.properties ?? {};
  const keys = Object.keys(value);
  let out: JsonObject | undefined; // made on the first change, from the keys kept so far
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const child = value[key];
    // Own keys only: `constructor`, `toString` or `__proto__` are unknown fields like any other.
    const own: Schema | undefined = Object.prototype.hasOwnProperty.call(props, key) ? props[key] : undefined;
    const childSchema: Schema | undefined = own ?? schema.additionalProperties;
    let kept: unknown = child;
    if (embedded && (key === 'apiVersion' || key === 'kind') && !childSchema) {
      kept = child;
    } else if (embedded && key === 'metadata') {
      kept = pruneMetadata(child, path ? `${path}.${key}` : key, problems);
    } else if (!childSchema) {
      if (!preserve) {
        problems.push({ path: path ? `${path}.${key}` : key, kind: ProblemKind.PRUNED, message: `unknown field ${JSON.stringify(key)} would be dropped by the API server (the ${describeSchemaOwner(path)} schema has no such field)` });
        if (out === undefined) out = keptSoFar(value, keys, i);
        continue;
      }
    } else if (child === null && !childSchema.nullable) {
      problems.push({ path: path ? `${path}.${key}` : key, kind: ProblemKind.PRUNED, message: 'null would be dropped by the API server (the field is not nullable); omit it or give a value' });
      if (out === undefined) out = keptSoFar(value, keys, i);
      continue;
    } else if (child !== null && typeof child === 'object') {
      kept = prune(child, childSchema, path ? `${path}.${key}` : key, problems);
    }
    if (kept !== child && out === undefined) out = keptSoFar(value, keys, i);
    if (out !== undefined) out[key] = kept;
  }
  return out ?? value;
}

/** A copy of the first `upTo` keys of `value` (all kept unchanged until then). */
function keptSoFar(value: JsonObject, keys: string[], upTo: number): JsonObject {
  const out: JsonObject = {};
  for (let j = 0; j < upTo; j++) out[keys[j]] = value[keys[j]];
  return out;
}

/** ObjectMeta as the server keeps it: unknown fields dropped (and reported). Returns `meta` itself when nothing is dropped. */
function pruneMetadata(meta: unknown, path: string, problems: ValidationProblem[]): unknown {
  if (!isJsonObject(meta)) return meta;
  const unknown = Object.keys(meta).filter(key => !OBJECT_META_FIELDS.has(key));
  if (unknown.length === 0) return meta;
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(meta)) {
    if (OBJECT_META_FIELDS.has(key)) {
      out[key] = child;
    } else {
      problems.push({ path: `${path}.${key}`, kind: ProblemKind.PRUNED, message: `unknown field ${JSON.stringify(key)} would be dropped by the API server (not a field of ObjectMeta)` });
    }
  }
  return out;
}

function metadataProblems(meta: unknown, requireName: boolean): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  if (meta === undefined) {
    return requireName ? [{ path: 'metadata.name', kind: ProblemKind.REQUIRED, message: 'Required value: name or generateName is required' }] : [];
  }
  if (!isJsonObject(meta)) {
    return [{ path: 'metadata', kind: ProblemKind.INVALID, message: `must be an object, got ${describe(meta)}` }];
  }
  if (requireName && meta.name === undefined && meta.generateName === undefined) {
    problems.push({ path: 'metadata.name', kind: ProblemKind.REQUIRED, message: 'Required value: name or generateName is required' });
  }
  for (const key of ['name', 'generateName', 'namespace']) {
    if (meta[key] !== undefined && typeof meta[key] !== 'string') {
      problems.push({ path: `metadata.${key}`, kind: ProblemKind.INVALID, message: `must be a string, got ${describe(meta[key])}` });
    }
  }
  for (const key of ['labels', 'annotations']) {
    const m = meta[key];
    if (m === undefined) continue;
    if (!isJsonObject(m)) {
      problems.push({ path: `metadata.${key}`, kind: ProblemKind.INVALID, message: `must be a map of strings, got ${describe(m)}` });
      continue;
    }
    for (const [k, v] of Object.entries(m)) {
      if (typeof v !== 'string') {
        problems.push({ path: `metadata.${key}.${k}`, kind: ProblemKind.INVALID, message: `must be a string, got ${describe(v)}` });
      }
    }
  }
  return problems;
}

/** Turns ajv's errors into problems, one per field. */
function translate(errors: ErrorObject[]): ValidationProblem[] {
  const out: ValidationProblem[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    // int-or-string: report the anyOf once, not each branch.
    if (/\/anyOf\/\d+\//.test(e.schemaPath)) continue;
    const path = pointerToPath(e.instancePath);
    const params: JsonObject = e.params;
    let problem: ValidationProblem;
    switch (e.keyword) {
      case 'required': {
        problem = { path: childPath(path, stringOr(params.missingProperty) ?? ''), kind: ProblemKind.REQUIRED, message: 'Required value' };
        break;
      }
      case 'anyOf':
        problem = { path, kind: ProblemKind.INVALID, message: `must be an integer or a string, got ${describe(e.data)}` };
        break;
      case 'type':
        problem = { path, kind: ProblemKind.INVALID, message: `must be of type ${[params.type].flat().join(' or ')}, got ${describe(e.data)}` };
        break;
      case 'enum':
        problem = { path, kind: ProblemKind.INVALID, message: `Unsupported value ${describe(e.data)}: supported values: ${arrayOr(params.allowedValues).map(describe).join(', ')}` };
        break;
      case 'format':
        problem = { path, kind: ProblemKind.INVALID, message: formatMessage(String(params.format), e.data) };
        break;
      default:
        problem = { path, kind: ProblemKind.INVALID, message: `${e.message ?? 'is invalid'}, got ${describe(e.data)}` };
    }
    // One message per field: a fraction in an int32 fails both type and format.
    const key = problem.kind === ProblemKind.INVALID ? `${problem.path}|invalid` : `${problem.path}|${problem.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(problem);
    }
  }
  return out;
}

function formatMessage(format: string, data: unknown): string {
  switch (format) {
    case 'int32': return `must be a 32-bit integer (${INT32_MIN}..${INT32_MAX}), got ${describe(data)}`;
    case 'int64': return `must be a 64-bit integer that JavaScript can represent exactly, got ${describe(data)}`;
    case 'date-time': return `must be an RFC 3339 date-time such as 2024-01-02T15:04:05Z, got ${describe(data)}`;
    default: return `must match format ${format}, got ${describe(data)}`;
  }
}

function pointerToPath(pointer: string): string {
  if (!pointer) return '';
  let out = '';
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^\d+$/.test(seg) ? `[${seg}]` : (out ? `.${seg}` : seg);
  }
  return out;
}

function describeSchemaOwner(path: string): string {
  return path ? `'${path}'` : 'top-level';
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
