/**
 * Property-based tests of the 16 L2 constructs (fast-check, fixed seed):
 * random valid props always synthesize to objects that validate against the
 * CRD schema with nothing pruned (and their pod templates against the
 * Kubernetes schema); random invalid props always fail with a construct error;
 * random values of the declared types never crash.
 */
import { Chart } from 'cdk8s';
import fc from 'fast-check';
import { KINDS, KindSpec, labelKey } from './arbitraries';
import { expectConstructError, SEED, synthChecked } from './check';

const VALID_RUNS = 150;
const INVALID_RUNS = 100;
const FUZZ_RUNS = 100;

/** Numeric props of each kind, fuzzed with any number. */
const NUMBERS: { [kind: string]: string[] } = {
  CloneSet: ['replicas', 'revisionHistoryLimit'],
  AdvancedStatefulSet: ['replicas', 'startOrdinal', 'revisionHistoryLimit'],
  AdvancedDaemonSet: ['revisionHistoryLimit'],
  SidecarSet: ['revisionHistoryLimit'],
  AdvancedCronJob: ['successfulJobsHistoryLimit', 'failedJobsHistoryLimit'],
  UnitedDeployment: ['replicas', 'revisionHistoryLimit'],
  PodUnavailableBudget: ['protectTotalReplicas'],
  ImagePullJob: ['parallelism'],
  ImageListPullJob: ['parallelism'],
  EphemeralJob: ['replicas', 'parallelism'],
};
const CLUSTER_SCOPED = ['SidecarSet', 'ResourceDistribution'];

const junkString = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.constantFrom('', ' ', '-', 'A', 'a.b', 'a/b', 'a..b', 'x'.repeat(70), 'y'.repeat(260), '__proto__', 'constructor', '${x}', 'nginx:latest'),
).filter(s => !s.includes('undefined'));
const junkNumber = fc.oneof(fc.integer({ min: -1e6, max: 1e6 }), fc.double(), fc.constantFrom(NaN, Infinity, -Infinity, -0, 2 ** 31, 2 ** 53, 0.5));

/** Mutations that set a random value of the declared type somewhere. */
function fuzzMutations(spec: KindSpec): Array<fc.Arbitrary<(p: any) => any>> {
  const out: Array<fc.Arbitrary<(p: any) => any>> = [
    junkString.map(n => (p: any) => ({ ...p, metadata: { ...p.metadata, name: n } })),
    fc.dictionary(junkString, junkString, { maxKeys: 2, noNullPrototype: true })
      .map(l => (p: any) => ({ ...p, metadata: { ...p.metadata, labels: l } })),
    fc.dictionary(labelKey, junkString, { maxKeys: 2, noNullPrototype: true })
      .map(a => (p: any) => ({ ...p, metadata: { ...p.metadata, annotations: a } })),
  ];
  if (!CLUSTER_SCOPED.includes(spec.kind)) out.push(junkString.map(n => (p: any) => ({ ...p, metadata: { ...p.metadata, namespace: n } })));
  for (const key of NUMBERS[spec.kind] ?? []) out.push(junkNumber.map(n => (p: any) => ({ ...p, [key]: n })));
  out.push(fc.tuple(junkString, junkString).map(([name, image]) => (p: any) => p.containers
    ? { ...p, containers: [{ ...p.containers[0], name, image }, ...p.containers.slice(1)] }
    : p));
  return out;
}

describe.each(KINDS.map(k => [k.kind, k] as [string, KindSpec]))('%s', (kind, spec) => {
  const build = (props: any) => (chart: Chart) => spec.build(chart, 'x', props);

  test(`${kind}: ${VALID_RUNS} random valid props validate`, () => {
    fc.assert(fc.property(spec.valid, props => {
      synthChecked(build(props));
    }), { seed: SEED, numRuns: VALID_RUNS });
  });

  test(`${kind}: ${INVALID_RUNS} random invalid props give a construct error`, () => {
    fc.assert(fc.property(spec.valid, fc.oneof(...spec.invalid), (props, mutate) => {
      expectConstructError(() => synthChecked(build(mutate(props))), 'test/x');
    }), { seed: SEED, numRuns: INVALID_RUNS });
  });

  test(`${kind}: ${FUZZ_RUNS} random values of the declared types never crash`, () => {
    fc.assert(fc.property(spec.valid, fc.oneof(...fuzzMutations(spec)), (props, mutate) => {
      let accepted = false;
      try {
        synthChecked(build(mutate(props)));
        accepted = true;
      } catch {
        // rejected: it must be a construct error
      }
      if (!accepted) expectConstructError(() => synthChecked(build(mutate(props))), 'test/x');
    }), { seed: SEED, numRuns: FUZZ_RUNS });
  });
});
