/**
 * Table-driven runner for the cases of Kruise's own webhook tests
 * (release-1.7 pkg/webhook/<kind>/validating/*_test.go), each rewritten by
 * hand as a plain object and run through admit() on the CREATE path.
 */
import { admit } from '../../../src/admission/engine';
import { AdmissionContext, Finding } from '../../../src/admission/types';

export interface UpstreamCase {
  /** The upstream test function and case name it mirrors. */
  readonly name: string;
  /** The object as it would reach Kruise's CREATE path. */
  readonly obj: any;
  /** The verdict Kruise's test expects. */
  readonly verdict: 'allowed' | 'denied';
  /** For denials: the rule id we expect to carry the error. */
  readonly rule?: string;
  /** For denials: field paths that must each carry an error (when upstream's test names them). */
  readonly paths?: string[];
  /** Context (default: Kruise 1.7, no gates, no peers). */
  readonly ctx?: AdmissionContext;
  /**
   * For denials that depend on what the review cannot see (Kruise's
   * configuration, cluster objects): the reason, and `rule` is then expected
   * as a warning instead of an error, as the contract asks.
   */
  readonly warnBecause?: string;
  /** Why this case does not apply to the CREATE path (then it is skipped). */
  readonly skip?: string;
}

const CTX: AdmissionContext = { version: '1.7' };

function describeErrors(findings: Finding[]): string {
  return findings.map(f => `${f.rule} at ${f.path}: ${f.message}`).join('\n');
}

/** Registers one jest test per case. */
export function runUpstreamCases(cases: UpstreamCase[]): void {
  for (const c of cases) {
    if (c.skip !== undefined) {
      test.skip(`${c.name} [${c.verdict}; not on the CREATE path: ${c.skip}]`, () => undefined);
      continue;
    }
    if (c.warnBecause !== undefined) {
      test(`${c.name} [${c.verdict}; a warning here: ${c.warnBecause}]`, () => {
        const findings = admit(c.obj, c.ctx ?? CTX);
        expect(describeErrors(findings.filter(f => f.severity === 'error'))).toBe('');
        expect(findings.filter(f => f.severity === 'warning').map(f => f.rule)).toContain(c.rule);
      });
      continue;
    }
    test(`${c.name} is ${c.verdict}`, () => {
      const errors = admit(c.obj, c.ctx ?? CTX).filter(f => f.severity === 'error');
      if (c.verdict === 'allowed') {
        expect(describeErrors(errors)).toBe('');
      } else {
        expect(errors.length).toBeGreaterThan(0);
        if (c.rule !== undefined) expect(errors.map(f => f.rule)).toContain(c.rule);
        for (const p of c.paths ?? []) expect(errors.map(f => f.path)).toContain(p);
      }
    });
  }
}

/** A deep copy of `base` with `patch` merged in (objects merged, everything else replaced; undefined deletes). */
export function merge<T>(base: T, patch: any): T {
  const out: any = structuredClone(base);
  for (const [k, v] of Object.entries(patch ?? {})) {
    if (v === undefined) delete out[k];
    else if (v !== null && typeof v === 'object' && !Array.isArray(v) && out[k] !== null && typeof out[k] === 'object' && !Array.isArray(out[k])) out[k] = merge(out[k], v);
    else out[k] = structuredClone(v);
  }
  return out;
}
