/**
 * The admission engine's vocabulary: what Kruise's webhooks would say about a
 * plain Kubernetes object, as findings. Bottom layer: this folder imports
 * nothing from the construct layers (install, workloads, jobs, policy,
 * sidecars, gitops) and nothing from cdk8s or constructs.
 */
import { JsonObject } from '../base/json';

/** `error`: Kruise rejects the object. `warning`: Kruise accepts it, but it is odd. */
export type Severity = 'error' | 'warning';

/** One thing the engine has to say about an object. */
export interface Finding {
  /** Field path in the object, dotted with [i] indexes: `spec.updateStrategy.maxSurge`. */
  readonly path: string;
  /** What is wrong, in one sentence that stands on its own (no trailing period needed). */
  readonly message: string;
  /** How to fix it, when there is a clear fix. */
  readonly fix?: string;
  /** Rule id: `<Kind>/<short-kebab-name>`, e.g. `CloneSet/selector-matches-template`. */
  readonly rule: string;
  readonly severity: Severity;
}

/**
 * What a rule may know beyond the object itself.
 */
export interface AdmissionContext {
  /** The Kruise release line, `major.minor` (e.g. `1.7`, `1.8`). */
  readonly version: string;
  /**
   * Whether a feature gate is on in the install that governs the object, after
   * Kruise's forcing rules; `undefined` when no install is known (then gate
   * rules report nothing).
   */
  readonly gate?: (name: string) => boolean | undefined;
  /**
   * The other objects reviewed together with this one (an app, or the files
   * kruise-lint reads), for the rules that upstream checks against cluster
   * state (one WorkloadSpread per workload, overlapping PUBs, ...). Objects
   * are plain JSON as written (before defaulting). The rules index the array
   * once per review (the index is kept with the array): neither it nor its
   * objects may change while objects are admitted against it. Entries are
   * unchecked (a file may hold a scalar where an object belongs).
   */
  readonly peers?: ReadonlyArray<unknown>;
}

/** Collects the findings of one object. Rules write through it. */
export class Report {
  public readonly findings: Finding[] = [];

  /** Kruise rejects the object. */
  public error(rule: string, path: string, message: string, fix?: string): void {
    this.findings.push(fix === undefined ? { path, message, rule, severity: 'error' } : { path, message, fix, rule, severity: 'error' });
  }

  /** Kruise accepts the object, but it is probably not what was meant. */
  public warning(rule: string, path: string, message: string, fix?: string): void {
    this.findings.push(fix === undefined ? { path, message, rule, severity: 'warning' } : { path, message, fix, rule, severity: 'warning' });
  }

  /** Whether any error was reported so far. */
  public get hasErrors(): boolean {
    return this.findings.some(f => f.severity === 'error');
  }
}

/**
 * The admission of one Kruise kind: Kruise's defaulting where it changes a
 * verdict, then its CREATE-time validation.
 */
export interface KindAdmission {
  /** API group, e.g. `apps.kruise.io`. */
  readonly group: string;
  /** Kind, e.g. `CloneSet`. */
  readonly kind: string;
  /**
   * Kruise's mutating webhook, as far as it changes a verdict. Receives a deep
   * copy it may change in place; returns the defaulted object.
   */
  readonly defaults?: (obj: JsonObject, ctx: AdmissionContext) => JsonObject;
  /**
   * The validating webhook's CREATE-time rules over the defaulted object
   * (`obj`); `original` is the object as written (before defaulting), for
   * messages that should quote what the user wrote.
   */
  readonly validate: (obj: JsonObject, ctx: AdmissionContext, report: Report, original: JsonObject) => void;
}

/** Whether `ctx.version` is at least `version` (both `major.minor`). */
export function atLeast(ctx: AdmissionContext, version: string): boolean {
  const [a1, a2] = ctx.version.split('.').map(Number);
  const [b1, b2] = version.split('.').map(Number);
  return a1 > b1 || (a1 === b1 && a2 >= b2);
}
