import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Duration, Testing, YamlOutputType } from 'cdk8s';
import { synthFlux } from '../../examples/flux/main';
import { CloneSet, DeletionProtection, Kruise, KruiseFluxLayout } from '../../src';
import { synthValid } from '../util/l2';
import { schemaCheck } from '../util/models';
import { readYamlDocs } from '../util/reference';

const folderApp = () => new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'flux-')), yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE });

/** The objects of every file in a folder. */
const readFolder = (dir: string) => fs.readdirSync(dir).sort().flatMap(f => readYamlDocs(path.join(dir, f)));

describe('KruiseFluxLayout', () => {
  test('four charts: CRDs, operator, workloads, Kustomizations; together they are the whole install', () => {
    const app = folderApp();
    const layout = new KruiseFluxLayout(app, { path: './dist/flux' });
    const crds = Testing.synth(layout.crdsChart);
    const operator = Testing.synth(layout.operatorChart);
    expect(crds.map(m => m.kind)).toEqual(Array(17).fill('CustomResourceDefinition'));
    expect(operator.filter(m => m.kind === 'CustomResourceDefinition')).toEqual([]);
    expect(operator.map(m => m.kind)).toEqual(expect.arrayContaining(['Namespace', 'Deployment', 'DaemonSet', 'MutatingWebhookConfiguration']));
    expect(Testing.synth(layout.workloadsChart!)).toEqual([]);
    expect(layout.kruise.crds!.node.scope).toBe(layout.crdsChart);

    // Apart from the Flux prune annotation on the CRDs, the same objects as one install.
    const single = new Chart(Testing.app(), 'x');
    new Kruise(single, 'kruise');
    const whole = Testing.synth(single);
    const strip = (m: any) => {
      const copy = JSON.parse(JSON.stringify(m));
      if (copy.metadata.annotations) delete copy.metadata.annotations[KruiseFluxLayout.PRUNE_ANNOTATION];
      return copy;
    };
    expect([...crds, ...operator].map(strip)).toEqual(expect.arrayContaining(whole));
    expect(crds.length + operator.length).toBe(whole.length);
  });

  test('the Kustomizations: a dependsOn chain, the CRDs never pruned, wait for health', () => {
    const layout = new KruiseFluxLayout(folderApp(), { path: './dist/flux/' });
    const ks = Testing.synth(layout.fluxChart);
    expect(ks.map(k => k.metadata)).toEqual([
      { name: 'kruise-crds', namespace: 'flux-system' },
      { name: 'kruise-operator', namespace: 'flux-system' },
      { name: 'kruise-workloads', namespace: 'flux-system' },
    ]);
    expect(ks[0].spec).toEqual({
      interval: '10m', path: './dist/flux/kruise-crds', prune: false, sourceRef: { kind: 'GitRepository', name: 'flux-system' }, timeout: '5m', wait: true,
    });
    expect(ks[1].spec.dependsOn).toEqual([{ name: 'kruise-crds' }]);
    expect(ks[1].spec.prune).toBe(true);
    expect(ks[2].spec).toEqual({
      dependsOn: [{ name: 'kruise-operator' }],
      interval: '10m',
      path: './dist/flux/kruise-workloads',
      prune: true,
      sourceRef: { kind: 'GitRepository', name: 'flux-system' },
      timeout: '5m',
      wait: true,
    });
    for (const k of ks) expect(k.apiVersion).toBe('kustomize.toolkit.fluxcd.io/v1');
    for (const crd of Testing.synth(layout.crdsChart)) expect(crd.metadata.annotations[KruiseFluxLayout.PRUNE_ANNOTATION]).toBe('disabled');
    expect(layout.kustomizations).toHaveLength(3);
  });

  test('options: prefix, no workloads unit, source, namespace, interval, timeout, Kruise props', () => {
    const layout = new KruiseFluxLayout(folderApp(), {
      path: 'clusters/prod/kruise',
      namePrefix: 'ok-',
      workloads: false,
      sourceRef: { kind: 'OCIRepository', name: 'platform', namespace: 'sources' },
      fluxNamespace: 'gitops',
      interval: Duration.hours(1),
      timeout: Duration.minutes(15),
      kruise: { namespace: 'openkruise', deletionProtection: { crds: DeletionProtection.ALWAYS } },
    });
    const ks = Testing.synth(layout.fluxChart);
    expect(ks.map(k => k.metadata.name)).toEqual(['ok-crds', 'ok-operator']);
    expect(ks[1].spec).toEqual({
      dependsOn: [{ name: 'ok-crds' }],
      interval: '1h',
      path: 'clusters/prod/kruise/ok-operator',
      prune: true,
      sourceRef: { kind: 'OCIRepository', name: 'platform', namespace: 'sources' },
      timeout: '15m',
      wait: true,
    });
    expect(ks[0].metadata.namespace).toBe('gitops');
    expect(layout.workloadsChart).toBeUndefined();
    expect(layout.kruise.namespace).toBe('openkruise');
    expect(Testing.synth(layout.crdsChart).every(c => c.metadata.labels['policy.kruise.io/delete-protection'] === 'Always')).toBe(true);
  });

  test('bad input names the prop, the value and the fix', () => {
    expect(() => new KruiseFluxLayout(Testing.app(), { path: 'x' })).toThrow(/^KruiseFluxLayout: app\.yamlOutputType "FILE_PER_CHART": Flux reads each Kustomization from its own directory.*; create the App with yamlOutputType: YamlOutputType\.FOLDER_PER_CHART_FILE_PER_RESOURCE/);
    expect(() => new KruiseFluxLayout(folderApp(), { path: '/abs' })).toThrow(/path "\/abs": not a path inside the repository/);
    expect(() => new KruiseFluxLayout(folderApp(), { path: 'x', namePrefix: 'Kruise_' })).toThrow(/namePrefix "Kruise_": does not make valid names/);
    expect(() => new KruiseFluxLayout(folderApp(), { path: 'x', kruise: { manageCrds: false } })).toThrow(/kruise\.manageCrds false: the layout has a CRD unit/);
    expect(() => new KruiseFluxLayout(folderApp(), { path: 'x', sourceRef: { kind: 'HelmRepository' } })).toThrow(/sourceRef\.kind "HelmRepository": not a Flux source kind/);
    expect(() => new KruiseFluxLayout(folderApp(), { path: 'x', interval: Duration.millis(10) })).toThrow(/interval "10 millis": not a whole number of seconds/);
    const app = folderApp();
    expect(() => new KruiseFluxLayout(app, { path: 'x', kruise: { crdsScope: new Chart(app, 'c') } })).toThrow(/kruise\.crdsScope "c": the layout places the CRDs itself/);
  });

  test('workloads in the workloads chart find the install in the operator chart (gate checks apply)', () => {
    const layout = new KruiseFluxLayout(folderApp(), { path: 'dist' });
    new CloneSet(layout.workloadsChart!, 'web', { containers: [{ name: 'web', image: 'nginx:1.27' }] });
    expect(synthValid(layout.workloadsChart!).map(m => m.kind)).toEqual(['CloneSet']);
  });
});

describe('examples/flux', () => {
  let outdir: string;
  beforeAll(() => {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'flux-example-'));
    synthFlux(outdir);
  });

  test('writes one folder per unit', () => {
    expect(fs.readdirSync(outdir).sort()).toEqual(['kruise-crds', 'kruise-flux', 'kruise-operator', 'kruise-workloads']);
    expect(readFolder(path.join(outdir, 'kruise-crds'))).toHaveLength(17);
    expect(readFolder(path.join(outdir, 'kruise-workloads')).map(m => `${m.kind}/${m.metadata.name}`)).toEqual(['CloneSet/web']);
  });

  test('the Kustomizations point at the unit folders', () => {
    const ks = readFolder(path.join(outdir, 'kruise-flux'));
    for (const k of ks) {
      const folder = k.spec.path.replace('./dist/flux/', '');
      expect(fs.existsSync(path.join(outdir, folder))).toBe(true);
    }
    expect(ks.map(k => k.spec.dependsOn?.[0]?.name)).toEqual([undefined, 'kruise-crds', 'kruise-operator']);
  });

  test('every core object validates with nothing pruned; the workload is protected', () => {
    const operator = readFolder(path.join(outdir, 'kruise-operator'));
    const crds = readFolder(path.join(outdir, 'kruise-crds'));
    expect(schemaCheck([...crds, ...operator])).toEqual({ problems: [], unchecked: [] });
    const [web] = readFolder(path.join(outdir, 'kruise-workloads'));
    expect(web.metadata.labels['policy.kruise.io/delete-protection']).toBe('Cascading');
    expect(operator.find(m => m.kind === 'Deployment').spec.template.spec.priorityClassName).toBe('system-cluster-critical');
  });
});
