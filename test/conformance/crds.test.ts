import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { stripKeys, structuralDiff } from './structural-diff';
import { KruiseCrds, KruiseVersion } from '../../src';
import { describeWithReferenceFor, listReference, readYamlDocs } from '../util/reference';

const IGNORE = new Set(['description']);

for (const version of [KruiseVersion.V1_7, KruiseVersion.V1_8]) {
  describeWithReferenceFor(version.version, `CRD conformance against upstream Kruise ${version.version}`, (ref) => {
    const upstream = listReference(ref, 'crds').map(f => readYamlDocs(f)[0]);
    const chart = new Chart(Testing.app(), 'crds');
    const crds = new KruiseCrds(chart, 'kruise', { version, includeEphemeralJob: true });
    const ours = new Map<string, any>(crds.crds.map(o => [o.name, o.toJson()]));
    const total = upstream.length;
    const equal: string[] = [];

    test('the library emits exactly the upstream CRD names', () => {
      expect([...ours.keys()].sort()).toEqual(upstream.map(u => u.metadata.name).sort());
      expect(total).toBe(18);
    });

    test('17 by default, EphemeralJob on request', () => {
      const plain = new KruiseCrds(new Chart(Testing.app(), 'plain'), 'kruise', { version });
      expect(plain.names).toHaveLength(17);
      expect(plain.names).not.toContain('ephemeraljobs.apps.kruise.io');
    });

    upstream.forEach((u, i) => {
      test(`CRD ${i + 1} of ${total}: ${u.metadata.name} equals upstream (descriptions aside)`, () => {
        const mine = ours.get(u.metadata.name);
        expect(mine).toBeDefined();
        const diffs = [
          ...structuralDiff(stripKeys(mine.spec, IGNORE), stripKeys(u.spec, IGNORE), 'spec'),
          ...structuralDiff(mine.metadata, u.metadata, 'metadata'),
          ...structuralDiff({ apiVersion: mine.apiVersion, kind: mine.kind }, { apiVersion: u.apiVersion, kind: u.kind }),
        ];
        expect(diffs).toEqual([]);
        equal.push(u.metadata.name);
      });
    });

    afterAll(() => {
      // eslint-disable-next-line no-console
      console.log(`CRD conformance (Kruise ${version.version}): ${equal.length} of ${total} CRDs equal upstream (${path.basename(ref)})`);
    });
  });
}
