import * as fs from 'fs';
import * as path from 'path';
import { lint } from '../../src/cli-lint';
import { readInputs } from '../../src/cli-lint-read';
import { LintResult } from '../../src/cli-lint-types';
import { listReference, describeWithReference, readYamlDocs } from '../util/reference';

/**
 * kruise-lint over the reference: the upstream docs examples, the release-note
 * seed examples and the rendered helm cases get no error; the upstream samples
 * that are fragments get exactly their schema errors.
 */

/**
 * Docs examples Kruise 1.7 itself rejects: the user manuals show fragments
 * (a SidecarSet with only an updateStrategy, no name), placeholders
 * (`type: disabled | enabled`) and combinations the webhook refuses. Each entry
 * is `LINE RULE PATH` of an error the rules give, checked against upstream's
 * webhook code; any other error, or one of these going away, fails the test
 * (then check the rule, and update this list only when the rule is right).
 */
const KNOWN_REJECTED: Record<string, string[]> = {
  // pkg/webhook/imagepulljob/validating: names and a label selector together are refused
  'imagepulljob.yaml': ['8 ImagePullJob/selector spec.selector', '31 ImageListPullJob/selector spec.selector'],
  // the second SidecarSet is an updateStrategy fragment: no selector, no containers
  'log-container-sidecarset.yaml': ['68 SidecarSet/selector spec.selector', '68 SidecarSet/containers-required spec'],
  // the probe sets neither podConditionType nor markerPolicy (validatePodProbeMarker)
  'podprobemarker.yaml': ['45 PodProbeMarker/probe-result spec.probes[0]'],
  'sidecarset.yaml': [
    // a placeholder shareVolumePolicy type, and a volume named nginx.conf (not a DNS-1123 label) that the mount then misses
    '63 SidecarSet/share-volume-policy spec.containers[0].shareVolumePolicy.type',
    '73 SidecarSet/containers spec.volumes[0].name',
    '60 SidecarSet/containers spec.containers[0].volumeMounts[0].name',
    // five updateStrategy fragments without selector or containers, the last two without a name either
    ...[81, 90, 99, 108, 119, 128, 143].flatMap(l => [`${l} SidecarSet/selector spec.selector`, `${l} SidecarSet/containers-required spec`]),
    '126 SidecarSet/name metadata.name',
    '141 SidecarSet/name metadata.name',
  ],
};

/**
 * kruise-manager's gates for the features the docs examples show: the chart's
 * default plus ResourceDistribution's gate. (Not AllAlpha: that also turns on
 * TemplateNoDefaults, under which Kruise fills in no pod defaults and the
 * examples' short pod templates are rightly refused.)
 */
const DOCS_GATES = 'ImagePullJobGate=true,ResourceDistributionGate=true';

const io = { stdout: () => undefined, stderr: () => undefined };

function gatesOf(flag: string | undefined): (name: string) => boolean | undefined {
  // The CLI's own reading of --feature-gates / values (exercised end to end in test/cli/lint.test.ts).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fg = require('../../src/versions/feature-gates');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const hv = require('../../src/install/helm-values');
  const settings = flag !== undefined ? fg.parseFeatureGates(flag, 'test') : hv.kruisePropsFromHelmValues({}).featureGates;
  const resolved = fg.ResolvedFeatureGates.resolve(settings);
  return (name: string) => {
    try {
      return resolved.isEnabled(fg.FeatureGate.of(name));
    } catch {
      return undefined;
    }
  };
}

function lintFiles(files: string[], gates?: string): LintResult {
  return lint(readInputs(files, io), { version: '1.7', gate: gatesOf(gates) });
}

/** The errors of a run, one readable line each. */
function errorsOf(r: LintResult): string[] {
  return r.findings.filter(f => f.severity === 'error').map(f => `${path.basename(f.file)}:${f.line}: ${f.kind} ${f.name}: ${f.path}: ${f.message} [${f.rule}]`);
}

describeWithReference('kruise-lint conformance: the reference examples and helm cases lint clean', (ref) => {
  const docs = listReference(ref, 'docs-examples');
  const seed = path.join(ref, 'seed-examples.yaml');
  const helmCases = fs.readdirSync(path.join(ref, 'helm')).filter(c => fs.existsSync(path.join(ref, 'helm', c, 'rendered.yaml'))).sort();
  const clean: string[] = [];
  const dirty: string[] = [];
  let objects = 0;

  test('the reference has 38 docs objects, 2 seed objects and 7 helm cases', () => {
    const r = lintFiles([...docs, seed], DOCS_GATES);
    expect(r.kruiseObjects).toBe(40);
    expect(helmCases).toHaveLength(7);
  });

  test.each(docs.map(f => [path.basename(f), f]))('docs example %s: no errors with the features it shows turned on, but those Kruise gives its fragments', (name, file) => {
    const r = lintFiles([file], DOCS_GATES);
    objects += r.objects;
    const errors = r.findings.filter(f => f.severity === 'error');
    (errors.length === 0 ? clean : dirty).push(`docs-examples/${name}${errors.length ? ` (${errors.length} known rejections)` : ''}`);
    expect(errors.map(f => `${f.line} ${f.rule} ${f.path}`).sort()).toEqual([...KNOWN_REJECTED[name] ?? []].sort());
  });

  test('seed examples: no errors', () => {
    const r = lintFiles([seed], DOCS_GATES);
    objects += r.objects;
    const errors = errorsOf(r);
    (errors.length === 0 ? clean : dirty).push('seed-examples.yaml');
    expect(errors).toEqual([]);
  });

  test.each(helmCases.map(c => [c]))('helm case %s: the rendered chart lints clean with that case\'s values', (c) => {
    const dir = path.join(ref, 'helm', c);
    const values = readYamlDocs(path.join(dir, 'values.yaml'))[0] ?? {};
    // The gates of the case's values, read the way the CLI reads --values.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const hv = require('../../src/install/helm-values');
    const flag = (hv.kruisePropsFromHelmValues(values).featureGates ?? []).map((s: any) => `${s.gate.name}=${s.enabled}`).join(',');
    const r = lintFiles([path.join(dir, 'rendered.yaml')], flag);
    objects += r.objects;
    const errors = errorsOf(r);
    (errors.length === 0 ? clean : dirty).push(`helm/${c}`);
    expect(errors).toEqual([]);
  });

  test("with the chart's default gates, the docs examples get only feature-gate errors more", () => {
    const key = (f: { file: string; line: number; rule: string; path: string }) => `${path.basename(f.file)}:${f.line} ${f.rule} ${f.path}`;
    const byDefault = lintFiles([...docs, seed]).findings.filter(f => f.severity === 'error');
    const withGates = new Set(lintFiles([...docs, seed], DOCS_GATES).findings.filter(f => f.severity === 'error').map(key));
    const extra = byDefault.filter(f => !withGates.has(key(f)));
    expect(extra.length).toBeGreaterThan(0); // ResourceDistribution needs ResourceDistributionGate, off by default
    for (const f of extra) expect(`${key(f)}: ${f.message}`).toMatch(/feature gate/i);
    expect([...withGates].filter(k => !byDefault.some(f => key(f) === k))).toEqual([]);
  });

  describe('upstream samples', () => {
    const samples = listReference(ref, 'samples');
    const isFragment = (file: string) => 'foo' in (readYamlDocs(file)[0]?.spec ?? {});
    const upstreamCrds = new Map<string, any>(listReference(ref, 'crds').map(f => {
      const crd = readYamlDocs(f)[0];
      return [`${crd.spec.group}:${crd.spec.names.kind}`, crd];
    }));

    test('12 samples: 4 fragments', () => {
      expect(samples).toHaveLength(12);
      expect(samples.filter(isFragment)).toHaveLength(4);
    });

    test.each(samples.filter(f => !isFragment(f)).map(f => [path.basename(f), f]))('%s: no errors', (_n, file) => {
      expect(errorsOf(lintFiles([file], DOCS_GATES))).toEqual([]);
    });

    test.each(samples.filter(isFragment).map(f => [path.basename(f), f]))('%s: exit 1 with spec.foo pruned and each missing required field, at their lines', (_n, file) => {
      const doc = readYamlDocs(file)[0];
      const [group, version] = doc.apiVersion.split('/');
      const crd = upstreamCrds.get(`${group}:${doc.kind}`);
      const required: string[] = crd.spec.versions.find((v: any) => v.name === version).schema.openAPIV3Schema.properties.spec.required;
      const missing = required.filter(k => !(k in doc.spec));
      expect(missing.length).toBeGreaterThan(0);
      const r = lintFiles([file]);
      const schema = r.findings.filter(f => f.rule.startsWith('schema/')).map(f => `${f.rule} ${f.path}`).sort();
      expect(schema).toEqual(['schema/pruned spec.foo', ...missing.map(k => `schema/required spec.${k}`)].sort());
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      const foo = r.findings.find(f => f.path === 'spec.foo')!;
      expect(lines[foo.line - 1]).toMatch(/^\s*foo:/);
      // A missing field points at its parent, spec.
      for (const f of r.findings.filter(x => x.rule === 'schema/required')) expect(lines[f.line - 1]).toMatch(/^spec:/);
      expect(r.findings.some(f => f.severity === 'error')).toBe(true);
    });
  });

  afterAll(() => {
    const total = clean.length + dirty.length;
    // eslint-disable-next-line no-console
    console.log(`lint conformance: ${clean.length} of ${total} inputs without errors (${objects} objects)${dirty.length ? `; with errors: ${dirty.join(', ')}` : ''}`);
  });
});
