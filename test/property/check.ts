/** Shared checks of the property tests. */
import { Chart, Testing } from 'cdk8s';
import { coreObjectProblems, nestedKubernetesProblems } from './k8s-models';
import { KruiseSchemaValidator } from '../../src';

/** The seed of every property (reproducible runs); change it to explore, keep it fixed in CI. */
export const SEED = 42;

const validator = KruiseSchemaValidator.forVersion();

/**
 * Builds into chart `test` of a fresh app, runs the construct validations as
 * `cdk8s synth` does, synthesizes, and checks the output: Kruise objects
 * against the CRD schema with nothing pruned, the Kubernetes parts nested in
 * them and the core objects against kubernetes-models, and no `undefined`
 * anywhere. Throws (with every problem) otherwise. Returns the manifests.
 */
export function synthChecked(build: (chart: Chart) => unknown, skipKinds: string[] = []): any[] {
  const app = Testing.app();
  const chart = new Chart(app, 'test');
  build(chart);
  const errors = app.node.findAll().flatMap(c => c.node.validate().map(e => `[${c.node.path}] ${e}`));
  // the message App.synth() gives
  if (errors.length > 0) throw new Error(`Validation failed with the following errors:\n  ${errors.join('\n  ')}`);
  const manifests = Testing.synth(chart);
  const text = JSON.stringify(manifests);
  if (text.includes('undefined')) throw new Error(`"undefined" in the output: ${text.slice(Math.max(0, text.indexOf('undefined') - 200), text.indexOf('undefined') + 50)}`);
  const problems: string[] = [];
  for (const m of manifests) {
    if (skipKinds.includes(m.kind)) continue;
    if (validator.handles(m.apiVersion, m.kind)) {
      problems.push(...validator.validate(m, { requireName: true }).map(p => `${m.kind}/${m.metadata?.name} ${p.path}: ${p.message}`));
      problems.push(...nestedKubernetesProblems(m));
    } else {
      problems.push(...coreObjectProblems(m));
    }
  }
  if (problems.length > 0) throw new Error(`invalid output:\n${problems.join('\n')}`);
  return manifests;
}

/**
 * Asserts that `fn` throws a construct error: a plain Error (never a
 * TypeError or RangeError) whose message starts with `prefix` (a construct
 * path or `values:`), or cdk8s's synth-time validation failure whose first
 * line names a construct under `prefix`; and never the word `undefined`.
 */
export function expectConstructError(fn: () => unknown, prefix: string): void {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  if (error === undefined) throw new Error('no error: the invalid input was accepted');
  if (!(error instanceof Error) || error.constructor !== Error) {
    throw new Error(`not a construct error but ${(error as any)?.constructor?.name}: ${(error as any)?.message ?? error}\n${(error as any)?.stack ?? ''}`);
  }
  const m = error.message;
  const ok = m.startsWith(`${prefix}:`) || m.startsWith(`${prefix}/`) || m.startsWith(`Validation failed with the following errors:\n  [${prefix}`);
  if (!ok) throw new Error(`the message does not start with ${prefix}: ${m}`);
  if (/\bundefined\b/.test(m)) throw new Error(`the message says "undefined": ${m}`);
}
