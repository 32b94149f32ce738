import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { generateImports, linearConverters, nameVersions } from '../scripts/import-crds';
import { KruiseSchemaValidator } from '../src';
import { CloneSet, StatefulSetV1Alpha1, StatefulSetV1Beta1, toJson_CloneSetSpec, toJson_NodeImageSpec } from '../src/imports/apps.kruise.io';
import { PodUnavailableBudget } from '../src/imports/policy.kruise.io';

describe('generated L1 classes (src/imports)', () => {
  test('are up to date with the API model (regenerate with `npx projen import`)', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'imports-drift-'));
    try {
      const files = generateImports(out);
      expect(files.sort()).toEqual(fs.readdirSync(path.join(__dirname, '..', 'src', 'imports')).sort());
      for (const f of files) {
        const committed = fs.readFileSync(path.join(__dirname, '..', 'src', 'imports', f), 'utf8');
        const fresh = fs.readFileSync(path.join(out, f), 'utf8');
        expect({ file: f, same: committed === fresh }).toEqual({ file: f, same: true });
      }
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  test('both Advanced StatefulSet versions have classes whose names say which', () => {
    expect(StatefulSetV1Alpha1.GVK).toEqual({ apiVersion: 'apps.kruise.io/v1alpha1', kind: 'StatefulSet' });
    expect(StatefulSetV1Beta1.GVK).toEqual({ apiVersion: 'apps.kruise.io/v1beta1', kind: 'StatefulSet' });
  });

  test('renaming touches identifiers only', () => {
    expect(nameVersions("export class StatefulSet extends X { kind: 'StatefulSet'; p: StatefulSetSpec; q: toJson_StatefulSetProps; r: StatefulSetV1Beta1 }"))
      .toBe("export class StatefulSetV1Alpha1 extends X { kind: 'StatefulSet'; p: StatefulSetV1Alpha1Spec; q: toJson_StatefulSetV1Alpha1Props; r: StatefulSetV1Beta1 }");
  });

  test('converters drop undefined values in one pass, keeping key order and map values', () => {
    const labels: { [key: string]: string } = {};
    for (let i = 0; i < 20000; i++) labels[`k${i}`] = `v${i}`;
    const json = toJson_CloneSetSpec({
      replicas: 2,
      minReadySeconds: undefined,
      selector: { matchLabels: labels },
      template: {},
      revisionHistoryLimit: 3,
    });
    expect(Object.keys(json!)).toEqual(['replicas', 'revisionHistoryLimit', 'selector', 'template']);
    expect(Object.keys((json!.selector as { matchLabels: object }).matchLabels)).toHaveLength(20000);
    expect(toJson_NodeImageSpec({ images: { nginx: { tags: [{ tag: '1.25', version: 2 }] } } }))
      .toEqual({ images: { nginx: { tags: [{ tag: '1.25', version: 2 }] } } });
    // An own key named __proto__ (JSON.parse makes one) stays a key, as the generator's spread kept it.
    const odd = toJson_CloneSetSpec({ selector: { matchLabels: JSON.parse('{"__proto__":"x","a":"b"}') }, template: {} });
    expect(Object.entries((odd!.selector as { matchLabels: object }).matchLabels)).toEqual([['__proto__', 'x'], ['a', 'b']]);
  });

  test('the reduce rewrite is exact and refuses code of another shape', () => {
    const generated = "import { X } from 'x';\nfunction toJson_A(obj) {\n  const result = {\n"
      + "    'm': ((obj.m) === undefined) ? undefined : (Object.entries(obj.m).reduce((r, i) => (i[1] === undefined) ? r : ({ ...r, [i[0]]: toJson_B(i[1]) }), {})),\n"
      + '  };\n  return Object.entries(result).reduce((r, i) => (i[1] === undefined) ? r : ({ ...r, [i[0]]: i[1] }), {});\n}\nexport function toJson_C() {}\n';
    const out = linearConverters(generated);
    expect(out).toContain("'m': ((obj.m) === undefined) ? undefined : (definedEntries(obj.m, (v) => toJson_B(v))),");
    expect(out).toContain('return definedEntries(result, (v) => v);');
    expect(out.indexOf("import { definedEntries } from '../base/json';")).toBeGreaterThan(out.indexOf("from 'x';"));
    expect(out).not.toContain('.reduce(');
    expect(() => linearConverters(generated.replace('({ ...r, [i[0]]: i[1] })', '({ ...r, [i[0]]: i[1], })')))
      .toThrow(/no longer have the expected filter/);
    expect(() => linearConverters('export function toJson_A(obj) { return obj; }')).toThrow(/expected filter/);
  });

  test('objects built with the L1 classes validate against the model', () => {
    const chart = new Chart(Testing.app(), 'l1');
    const validator = KruiseSchemaValidator.forVersion();
    new CloneSet(chart, 'cs', {
      metadata: { name: 'web' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } } } },
    });
    new StatefulSetV1Beta1(chart, 'sts', {
      metadata: { name: 'db' },
      spec: { selector: { matchLabels: { app: 'db' } }, template: {}, ordinals: { start: 3 } },
    });
    new PodUnavailableBudget(chart, 'pub', { metadata: { name: 'pub' }, spec: { selector: { matchLabels: { app: 'web' } } } });
    const manifests = Testing.synth(chart);
    expect(manifests).toHaveLength(3);
    for (const m of manifests) expect(validator.validate(m)).toEqual([]);
  });
});
