import * as fs from 'fs';
import * as path from 'path';
import { KruiseSchemaValidator, KruiseVersion, ProblemKind } from '../../src';
import { describeWithReferenceFor, listReference, readYamlDocs } from '../util/reference';

/**
 * The upstream CRs of each Kruise line, and what the library must make of
 * them. `docs`: complete CRs from that line's user manuals; `seed`: CRs of the
 * release notes kept beside them (1.7 only: the 1.8 docs include both).
 * `l2`: the kinds with an L2 construct, whose examples the kind's own test
 * builds with the L2 API under an install of that line (see the tests named in
 * L2_TESTS); the other kinds (NodeImage) are validated only.
 */
const LINES: ReadonlyArray<{ line: string; docs: number; seed: number; newIn?: string[] }> = [
  { line: '1.7', docs: 38, seed: 2 },
  {
    line: '1.8',
    docs: 42,
    seed: 0,
    // Objects of the 1.8 docs that are in no 1.7 reference file (docs or seed), by file#index.
    newIn: ['elastic-deployment.yaml#1', 'sidecarset.yaml#3', 'workloadspread.yaml#0'],
  },
];

/** The test file that builds the docs examples of each kind with its L2, per line (REFERENCE_LINES there). */
const L2_TESTS: { [kind: string]: string } = {
  AdvancedCronJob: 'jobs/advanced-cron-job.test.ts',
  BroadcastJob: 'jobs/broadcast-job.test.ts',
  CloneSet: 'workloads/clone-set.test.ts',
  ContainerRecreateRequest: 'policy/container-recreate-request.test.ts',
  ImageListPullJob: 'jobs/image-pull-job.test.ts',
  ImagePullJob: 'jobs/image-pull-job.test.ts',
  PersistentPodState: 'policy/persistent-pod-state.test.ts',
  PodProbeMarker: 'policy/pod-probe-marker.test.ts',
  PodUnavailableBudget: 'policy/pod-unavailable-budget.test.ts',
  ResourceDistribution: 'policy/resource-distribution.test.ts',
  SidecarSet: 'sidecars/sidecar-set.test.ts',
  StatefulSet: 'workloads/advanced-stateful-set.test.ts',
  UnitedDeployment: 'workloads/united-deployment.test.ts',
  WorkloadSpread: 'policy/workload-spread.test.ts',
};

/** Kinds of the docs examples without an L2 construct. */
const NO_L2 = ['NodeImage'];

interface Example { readonly file: string; readonly i: number; readonly d: any }

function examplesOf(ref: string): { docs: Example[]; seed: Example[] } {
  const docs = listReference(ref, 'docs-examples').flatMap(f => readYamlDocs(f).map((d, i) => ({ file: path.basename(f), i, d })));
  const seedFile = path.join(ref, 'seed-examples.yaml');
  const seed = fs.existsSync(seedFile) ? readYamlDocs(seedFile).map((d, i) => ({ file: 'seed-examples.yaml', i, d })) : [];
  return { docs, seed };
}

for (const { line, docs: docCount, seed: seedCount, newIn } of LINES) {
  describeWithReferenceFor(line, `Kruise ${line}: upstream CRs validate against the library CRDs`, (ref) => {
    const validator = KruiseSchemaValidator.forVersion(KruiseVersion.of(line));
    const { docs, seed } = examplesOf(ref);

    test(`there are ${docCount} docs examples and ${seedCount} seed examples`, () => {
      expect(docs.length).toBe(docCount);
      expect(seed.length).toBe(seedCount);
    });

    let valid = 0;
    test.each([...docs, ...seed].map(x => [`${x.file}#${x.i} ${x.d.kind}/${x.d.metadata?.name}`, x.d]))('%s: valid, nothing pruned', (_name, doc) => {
      expect(validator.validate(doc)).toEqual([]);
      valid++;
    });

    afterAll(() => {
      // eslint-disable-next-line no-console
      console.log(`examples conformance (Kruise ${line}): ${valid} of ${docs.length + seed.length} upstream examples valid with nothing pruned (${docs.length} docs, ${seed.length} seed)`);
    });

    test('every kind of the examples has an L2 whose test builds them for this line, or is listed as having none', () => {
      const kinds = [...new Set([...docs, ...seed].map(x => x.d.kind))].sort();
      expect(kinds.filter(k => !(k in L2_TESTS) && !NO_L2.includes(k))).toEqual([]);
      for (const kind of kinds.filter(k => k in L2_TESTS)) {
        const source = fs.readFileSync(path.join(__dirname, '..', L2_TESTS[kind]), 'utf8');
        // The kind's test runs its docs-example block once per line of REFERENCE_LINES.
        expect({ kind, perLine: /for \(const line of REFERENCE_LINES\)/.test(source) }).toEqual({ kind, perLine: true });
      }
    });

    if (newIn) {
      test(`the examples new in ${line} (not in the previous line's reference) are exactly: ${newIn.join(', ')}`, () => {
        const prev = LINES[LINES.findIndex(l => l.line === line) - 1].line;
        const prevDir = path.join(path.dirname(ref), `kruise-${prev}`);
        const before = new Set([...examplesOf(prevDir).docs, ...examplesOf(prevDir).seed].map(x => JSON.stringify(x.d)));
        expect(docs.filter(x => !before.has(JSON.stringify(x.d))).map(x => `${x.file}#${x.i}`)).toEqual(newIn);
      });
    }

    describe('samples', () => {
      const samples = listReference(ref, 'samples').map(f => ({ file: path.basename(f), doc: readYamlDocs(f)[0] }));
      const upstreamCrds = new Map<string, any>(listReference(ref, 'crds').map(f => {
        const crd = readYamlDocs(f)[0];
        return [`${crd.spec.group}:${crd.spec.names.kind}`, crd];
      }));
      const isFragment = (doc: any) => doc.spec && 'foo' in doc.spec;

      test('12 samples: 8 valid, 4 fragments', () => {
        expect(samples.length).toBe(12);
        expect(samples.filter(s => isFragment(s.doc)).length).toBe(4);
      });

      test.each(samples.filter(s => !isFragment(s.doc)).map(s => [s.file, s.doc]))('%s is accepted', (_f, doc) => {
        expect(validator.validate(doc)).toEqual([]);
      });

      test.each(samples.filter(s => isFragment(s.doc)).map(s => [s.file, s.doc]))('%s: exactly its missing required fields and spec.foo pruned', (_f, doc) => {
        const [group, version] = doc.apiVersion.split('/');
        const crd = upstreamCrds.get(`${group}:${doc.kind}`);
        const specSchema = crd.spec.versions.find((v: any) => v.name === version).schema.openAPIV3Schema.properties.spec;
        const missing = (specSchema.required as string[]).filter(r => !(r in doc.spec));
        expect(missing.length).toBeGreaterThan(0);
        const expected = [
          { path: 'spec.foo', kind: ProblemKind.PRUNED },
          ...missing.map(r => ({ path: `spec.${r}`, kind: ProblemKind.REQUIRED })),
        ];
        const got = validator.validate(doc).map(p => ({ path: p.path, kind: p.kind }));
        expect(got.sort(byPath)).toEqual(expected.sort(byPath));
      });
    });
  });
}

function byPath(a: { path: string }, b: { path: string }): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}
