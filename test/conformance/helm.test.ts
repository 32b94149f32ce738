import * as fs from 'fs';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { Kruise, KruiseVersion } from '../../src';
import { compareObjectSets, helmObjects } from '../util/helm';
import { describeWithReferenceFor, readYamlDocs } from '../util/reference';

/** The helm cases and the --kube-version each was rendered with (undefined: helm's default). */
const CASES: Array<{ name: string; kubeVersion?: string }> = [
  { name: 'default' },
  { name: 'kube-1.26', kubeVersion: '1.26' },
  { name: 'credential-provider' },
  { name: 'custom-install' },
  { name: 'external-certs' },
  { name: 'logging-json' },
  { name: 'no-webhook-no-daemon' },
];

for (const version of [KruiseVersion.V1_7, KruiseVersion.V1_8]) {
  describeWithReferenceFor(version.version, `helm conformance: Kruise.fromHelmValues equals helm template of chart ${version.chartVersion}`, (ref) => {
    const total = CASES.length;
    const equal: string[] = [];

    CASES.forEach((c, i) => {
      test(`helm case ${i + 1} of ${total}: ${c.name}`, () => {
        const dir = path.join(ref, 'helm', c.name);
        const values = readYamlDocs(path.join(dir, 'values.yaml'))[0] ?? {};
        const expected = helmObjects(path.join(dir, 'rendered.yaml'));
        const chart = new Chart(Testing.app(), 'helm');
        Kruise.fromHelmValues(chart, 'kruise', values, { kubeVersion: c.kubeVersion, version });
        const ours = Testing.synth(chart);
        expect(compareObjectSets(ours, expected)).toEqual([]);
        expect(ours.length).toBe(expected.length);
        equal.push(c.name);
      });
    });

    test('new Kruise(chart, "kruise") with no props equals the default case', () => {
      const expected = helmObjects(path.join(ref, 'helm', 'default', 'rendered.yaml'));
      const chart = new Chart(Testing.app(), 'typed');
      new Kruise(chart, 'kruise', version === KruiseVersion.V1_7 ? {} : { version });
      expect(compareObjectSets(Testing.synth(chart), expected)).toEqual([]);
    });

    test('the comparison is strict: types, missing and extra objects are reported', () => {
      const obj = (cpu: any) => ({ apiVersion: 'v1', kind: 'X', metadata: { name: 'a' }, spec: { cpu } });
      expect(compareObjectSets([obj('0')], [obj(0)])).toEqual(['v1/X//a/spec/cpu: expected 0, got "0"']);
      expect(compareObjectSets([], [obj(0)])).toEqual(['missing object v1/X//a']);
      expect(compareObjectSets([obj(0), { ...obj(0), metadata: { name: 'b' } }], [obj(0)])).toEqual(['unexpected object v1/X//b']);
    });

    test('the cases cover every helm folder of the reference', () => {
      const folders = fs.readdirSync(path.join(ref, 'helm')).filter(f => fs.statSync(path.join(ref, 'helm', f)).isDirectory()).sort();
      expect(folders).toEqual(CASES.map(c => c.name).sort());
    });

    afterAll(() => {
    // eslint-disable-next-line no-console
      console.log(`helm conformance (chart ${version.chartVersion}): ${equal.length} of ${total} cases equal${equal.length < total ? ` (not equal: ${CASES.map(c => c.name).filter(n => !equal.includes(n)).join(', ')})` : ''}`);
    });
  });
}
