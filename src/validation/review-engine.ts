/**
 * The heavy part of the review, loaded on first use (see `review.ts`): the
 * CRD schema check (with its validators) and Kruise's admission engine. Only
 * Kruise objects need them, so an app or a file without any (kruise-synth of
 * the default install, for one) never loads this module; the kruise-synth
 * bundle keeps it in a file of its own (scripts/build-cli.js).
 *
 * What crosses this boundary is plain data (objects, strings, findings). The
 * separate bundle takes the API model, the Kruise versions and the bottom
 * layer from the compiled library (an app has them loaded already) and
 * carries its own copies of the rest.
 */
import { admit } from '../admission/engine';
import { AdmissionContext, Finding } from '../admission/types';
import { KruiseVersion } from '../version';
import { KruiseSchemaValidator, ProblemKind } from './schema-validator';

/** Rule ids of the schema check, by problem kind. */
export const SCHEMA_RULES: Readonly<Record<ProblemKind, string>> = {
  [ProblemKind.INVALID]: 'schema/invalid',
  [ProblemKind.REQUIRED]: 'schema/required',
  [ProblemKind.PRUNED]: 'schema/pruned',
  [ProblemKind.UNKNOWN_KIND]: 'schema/unknown-kind',
};

/** The schema findings of a Kruise object against the CRDs of Kruise `version` (`major.minor`). */
export function schemaFindings(object: unknown, version: string): Finding[] {
  return KruiseSchemaValidator.forVersion(KruiseVersion.of(version)).validate(object).map(p => ({
    path: p.path,
    message: p.message,
    rule: SCHEMA_RULES[p.kind],
    severity: 'error' as const,
  }));
}

/** Kruise's defaulting and CREATE-time admission of a Kruise object. */
export function admissionFindings(object: unknown, ctx: AdmissionContext): Finding[] {
  return admit(object, ctx);
}
