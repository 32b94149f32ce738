/**
 * How the CRD schemas become ajv validators, shared by the runtime
 * (KruiseSchemaValidator) and the build step that precompiles them
 * (scripts/build-validators.js writes lib/validation/generated/*.js).
 *
 * ajv itself is loaded only when a schema has to be compiled at run time: with
 * the precompiled validators in place, validating needs ajv's small runtime
 * helpers only.
 *
 * @internal
 */
import * as fs from 'fs';
import * as path from 'path';
import type Ajv from 'ajv';
import type { Options, SchemaObject, ValidateFunction } from 'ajv';
import { KindModel, VersionModel } from '../api/model';
import { Schema } from '../api/schema';
import { runBundle } from '../base/code-cache';

export const INT32_MIN = -2147483648;
export const INT32_MAX = 2147483647;

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** The OpenAPI formats the Kruise schemas use, as ajv format definitions. */
export const FORMATS = {
  'int32': { type: 'number' as const, validate: (n: number) => Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX },
  'int64': { type: 'number' as const, validate: (n: number) => Number.isSafeInteger(n) },
  'date-time': { type: 'string' as const, validate: (s: string) => RFC3339.test(s) },
};

/** Kubernetes' schema extensions: annotations for ajv, nothing to check. */
const EXTENSIONS = ['x-kubernetes-int-or-string', 'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-embedded-resource',
  'x-kubernetes-map-type', 'x-kubernetes-list-type', 'x-kubernetes-list-map-keys'];

/**
 * An ajv instance set up for the Kruise schemas. `code` adds ajv code options
 * (the build step asks for source and for the formats module).
 */
export function newAjv(code: Options['code'] = {}): Ajv {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const AjvClass: typeof Ajv = require('ajv').default;
  // Code optimisation halves what compiling the 19 schemas costs and changes nothing measurable in validation.
  const ajv = new AjvClass({ allErrors: true, strict: false, validateFormats: true, verbose: true, code: { optimize: false, ...code } });
  for (const kw of EXTENSIONS) ajv.addKeyword({ keyword: kw, schemaType: ['boolean', 'string', 'array'] });
  for (const [name, format] of Object.entries(FORMATS)) ajv.addFormat(name, format);
  return ajv;
}

/**
 * The schema as ajv reads it: descriptions dropped (they can hold anything),
 * and `nullable: true` turned into a type list that admits null.
 */
export function toAjv(s: Schema): SchemaObject {
  const out: SchemaObject = {};
  for (const [k, v] of Object.entries(s)) {
    if (k === 'description') continue;
    if (k === 'properties') {
      out.properties = Object.fromEntries(Object.entries(s.properties ?? {}).map(([name, sub]) => [name, toAjv(sub)]));
    } else if (k === 'items' || k === 'additionalProperties') {
      const sub = k === 'items' ? s.items : s.additionalProperties;
      if (sub) out[k] = toAjv(sub);
    } else if (k === 'anyOf') {
      out.anyOf = (s.anyOf ?? []).map(toAjv);
    } else if (k !== 'nullable') {
      out[k] = v;
    }
  }
  if (s.nullable) {
    if (out.type) out.type = [out.type, 'null'];
    if (out.enum) out.enum = [...out.enum, null];
  }
  return out;
}

/** The file name (without `.js`) of a version's precompiled validator. */
export function validatorModuleName(model: KindModel, version: VersionModel): string {
  return `${model.group}_${version.name}_${model.kind}`;
}

/**
 * A fingerprint (FNV-1a, 32 bits) of what ajv compiles: a precompiled
 * validator is used only when it was made from the schema the model has now.
 */
export function schemaFingerprint(ajvSchema: SchemaObject): string {
  /* eslint-disable no-bitwise */
  const text = JSON.stringify(ajvSchema);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
  /* eslint-enable no-bitwise */
}

/** The variable that makes a run write the code caches of the validators it loads (scripts/build-validators.js sets it). */
export const VALIDATOR_CACHE_ENV = 'KRUISE_VALIDATORS_WRITE_CODE_CACHE';

/** What a precompiled validator module exports. */
interface PrecompiledValidator {
  readonly fingerprint: string;
  readonly validate: ValidateFunction;
}

/**
 * The file of the precompiled validator `name` made from a schema with this
 * fingerprint: one module per schema, named by its fingerprint, so that the
 * module of another schema (another Kruise version's, a stale one) is never
 * loaded only to be found not to fit.
 */
export function precompiledFile(name: string, fingerprint: string): string {
  return `${name}-${fingerprint}.js`;
}

/**
 * The precompiled validator `name` in `dir`, when there is one made from
 * `ajvSchema` (same fingerprint); otherwise undefined.
 */
export function loadPrecompiled(dir: string, name: string, ajvSchema: SchemaObject): ValidateFunction | undefined {
  const fingerprint = schemaFingerprint(ajvSchema);
  const file = path.join(dir, precompiledFile(name, fingerprint));
  if (!fs.existsSync(file)) return undefined;
  // With the code cache the build made beside it: compiling a validator's one large function costs more than running it.
  const mod = runBundle(file, VALIDATOR_CACHE_ENV) as PrecompiledValidator;
  return mod.fingerprint === fingerprint ? mod.validate : undefined;
}
