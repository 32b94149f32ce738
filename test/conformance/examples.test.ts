import * as path from 'path';
import { KruiseSchemaValidator, ProblemKind } from '../../src';
import { describeWithReference, listReference, readYamlDocs } from '../util/reference';

const validator = KruiseSchemaValidator.forVersion();

describeWithReference('upstream CRs validate against the library CRDs', (ref) => {
  const docs = [
    ...listReference(ref, 'docs-examples').flatMap(f => readYamlDocs(f).map((d, i) => ({ file: path.basename(f), i, d }))),
  ];
  const seed = readYamlDocs(path.join(ref, 'seed-examples.yaml')).map((d, i) => ({ file: 'seed-examples.yaml', i, d }));

  test('there are 38 docs examples and 2 seed examples', () => {
    expect(docs.length).toBe(38);
    expect(seed.length).toBe(2);
  });

  test.each([...docs, ...seed].map(x => [`${x.file}#${x.i} ${x.d.kind}/${x.d.metadata?.name}`, x.d]))('%s: valid, nothing pruned', (_name, doc) => {
    expect(validator.validate(doc)).toEqual([]);
  });

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

function byPath(a: { path: string }, b: { path: string }): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}
