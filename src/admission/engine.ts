import { KIND_ADMISSIONS } from './registry';
import { AdmissionContext, Finding, KindAdmission, Report } from './types';
import { isJsonObject, cloneJson } from '../base/json';
import { apiGroupOf } from '../base/names';

/** The admission of `apiVersion`'s group and `kind`, or undefined for kinds Kruise does not admit. */
export function admissionFor(apiVersion: unknown, kind: unknown): KindAdmission | undefined {
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return undefined;
  return KIND_ADMISSIONS.get(`${apiGroupOf(apiVersion)}/${kind}`);
}

/**
 * Runs Kruise's defaulting and CREATE-time admission on one plain object.
 * Objects of other kinds get no findings. Never throws on malformed input:
 * a rule that meets a value of the wrong type reports it (or leaves it to the
 * schema check) instead.
 */
export function admit(obj: unknown, ctx: AdmissionContext): Finding[] {
  if (!isJsonObject(obj)) return [];
  const admission = admissionFor(obj.apiVersion, obj.kind);
  if (!admission) return [];
  const report = new Report();
  const defaulted = admission.defaults ? admission.defaults(cloneJson(obj), ctx) : obj;
  admission.validate(defaulted, ctx, report, obj);
  return report.findings;
}
