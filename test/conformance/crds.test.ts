import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { stripKeys, structuralDiff } from './structural-diff';
import { KruiseCrds } from '../../src';
import { describeWithReference, listReference, readYamlDocs } from '../util/reference';

const IGNORE = new Set(['description']);

describeWithReference('CRD conformance against upstream Kruise 1.7', (ref) => {
  const upstream = listReference(ref, 'crds').map(f => readYamlDocs(f)[0]);
  const chart = new Chart(Testing.app(), 'crds');
  const crds = new KruiseCrds(chart, 'kruise', { includeEphemeralJob: true });
  const ours = new Map<string, any>(crds.crds.map(o => [o.name, o.toJson()]));
  const total = upstream.length;
  const equal: string[] = [];

  test('the library emits exactly the upstream CRD names', () => {
    expect([...ours.keys()].sort()).toEqual(upstream.map(u => u.metadata.name).sort());
    expect(total).toBe(18);
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
    console.log(`CRD conformance: ${equal.length} of ${total} CRDs equal upstream (${path.basename(ref)})`);
  });
});
