/**
 * Builders of minimal valid plain objects for admission tests. Each returns a
 * fresh object, so tests may change it freely.
 */
import { admit } from '../../src/admission/engine';
import { AdmissionContext, Finding } from '../../src/admission/types';

/** A container with a name and an image, plus any fields given. */
export function container(name = 'app', extra: Record<string, any> = {}): Record<string, any> {
  return { name, image: 'nginx:1.25', ...extra };
}

/** A pod spec with the given containers (default: one `app` container), plus any fields given. */
export function podSpec(containers: Array<Record<string, any>> = [container()], extra: Record<string, any> = {}): Record<string, any> {
  return { containers, ...extra };
}

/** A pod template with the given labels and a one-container spec (or the spec given). */
export function podTemplate(labels: Record<string, string> = { app: 'demo' }, spec: Record<string, any> = podSpec()): Record<string, any> {
  return { metadata: { labels: { ...labels } }, spec };
}

/** A label selector matching exactly the given labels. */
export function selector(labels: Record<string, string> = { app: 'demo' }): Record<string, any> {
  return { matchLabels: { ...labels } };
}

/** Object metadata with a name (and a namespace, unless `namespace` is undefined). */
export function meta(name = 'demo', namespace: string | undefined = 'default'): Record<string, any> {
  return namespace === undefined ? { name } : { name, namespace };
}

/** A toleration of one taint key. */
export function toleration(key = 'dedicated', extra: Record<string, any> = {}): Record<string, any> {
  return { key, operator: 'Exists', effect: 'NoSchedule', ...extra };
}

/** A node selector term requiring a node label to be one of the values. */
export function nodeSelectorTerm(key = 'topology.kubernetes.io/zone', values: string[] = ['zone-a']): Record<string, any> {
  return { matchExpressions: [{ key, operator: 'In', values }] };
}

/** A volume of the given source (default: an emptyDir). */
export function volume(name = 'data', source: Record<string, any> = { emptyDir: {} }): Record<string, any> {
  return { name, ...source };
}

/** The default context: Kruise 1.7, no gates known, no peers. */
export const CTX_17: AdmissionContext = { version: '1.7' };
/** Kruise 1.8, no gates known, no peers. */
export const CTX_18: AdmissionContext = { version: '1.8' };

/** A context whose gates are the given map (other gates undefined). */
export function ctxWithGates(gates: Record<string, boolean>, version = '1.7', peers?: any[]): AdmissionContext {
  return { version, gate: name => gates[name], peers };
}

/** admit() at 1.7 (or the context given). */
export function review(obj: any, ctx: AdmissionContext = CTX_17): Finding[] {
  return admit(obj, ctx);
}

/** The errors only. */
export function errorsOf(findings: Finding[]): Finding[] {
  return findings.filter(f => f.severity === 'error');
}

/** The errors Kruise's webhooks return for `obj` at 1.7 (or the context given). */
export function errors(obj: any, ctx: AdmissionContext = CTX_17): Finding[] {
  return errorsOf(admit(obj, ctx));
}

/** Asserts that Kruise denies `obj` with `rule` at `path`; returns that finding. */
export function expectDenied(obj: any, rule: string, path: string, ctx: AdmissionContext = CTX_17): Finding {
  const errs = errors(obj, ctx);
  expect(errs).toEqual(expect.arrayContaining([expect.objectContaining({ rule, path, severity: 'error' })]));
  return errs.find(e => e.rule === rule && e.path === path)!;
}

/** Asserts that Kruise admits `obj` (no errors); returns all its findings (warnings included). */
export function expectAdmitted(obj: any, ctx: AdmissionContext = CTX_17): Finding[] {
  const findings = admit(obj, ctx);
  expect(errorsOf(findings)).toEqual([]);
  return findings;
}

/** The findings of one rule id. */
export function byRule(findings: Finding[], rule: string): Finding[] {
  return findings.filter(f => f.rule === rule);
}
