/**
 * `kubectl apply -f dist/` applies files in name order: charts that hold Kruise
 * custom resources must come after the chart that holds the install and the
 * CRDs, whatever the chart names and the declaration order.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { CloneSet, Kruise } from '../../src';

/** The objects of every file `app.synth()` wrote, in the order kubectl reads the folder. */
function appliedInOrder(build: (app: App) => void): { files: string[]; objects: any[] } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'chart-order-'));
  const app = new App({ outdir });
  build(app);
  app.synth();
  const files = fs.readdirSync(outdir).filter(f => f.endsWith('.yaml')).sort();
  const objects = files.flatMap(f => parseAllDocuments(fs.readFileSync(path.join(outdir, f), 'utf8')).map(d => d.toJSON()));
  return { files, objects };
}

function expectCrdsFirst(objects: any[]): void {
  const firstCloneSet = objects.findIndex(o => o.kind === 'CloneSet');
  const crd = objects.findIndex(o => o.kind === 'CustomResourceDefinition' && o.metadata.name === 'clonesets.apps.kruise.io');
  const manager = objects.findIndex(o => o.kind === 'Deployment' && o.metadata.name === 'kruise-controller-manager');
  expect(firstCloneSet).toBeGreaterThan(-1);
  expect(crd).toBeGreaterThan(-1);
  expect(crd).toBeLessThan(firstCloneSet);
  expect(manager).toBeLessThan(firstCloneSet);
}

test('workloads in a chart named before the install chart come after it', () => {
  const { files, objects } = appliedInOrder(app => {
    new Kruise(new Chart(app, 'kruise'), 'kruise');
    new CloneSet(new Chart(app, 'apps'), 'web', { containers: [{ name: 'web', image: 'nginx:1.27' }] });
  });
  expect(files).toEqual(['0000-kruise.k8s.yaml', '0001-apps.k8s.yaml']);
  expectCrdsFirst(objects);
});

test('workloads declared before the install still come after it', () => {
  const { objects } = appliedInOrder(app => {
    const apps = new Chart(app, 'apps');
    new CloneSet(apps, 'web', { containers: [{ name: 'web', image: 'nginx:1.27' }] });
    new Kruise(new Chart(app, 'kruise'), 'kruise');
  });
  expectCrdsFirst(objects);
});

test('CRDs in a chart of their own (crdsScope): workloads come after them too', () => {
  const { files, objects } = appliedInOrder(app => {
    const crds = new Chart(app, 'z-crds');
    new Kruise(new Chart(app, 'operator'), 'kruise', { crdsScope: crds });
    new CloneSet(new Chart(app, 'apps'), 'web', { containers: [{ name: 'web', image: 'nginx:1.27' }] });
  });
  expect(files.indexOf(files.find(f => f.endsWith('-apps.k8s.yaml'))!)).toBe(files.length - 1);
  expectCrdsFirst(objects);
});

test('one chart: no chart numbering, custom resources after the install', () => {
  const { files, objects } = appliedInOrder(app => {
    const chart = new Chart(app, 'platform');
    new CloneSet(chart, 'web', { containers: [{ name: 'web', image: 'nginx:1.27' }] });
    new Kruise(chart, 'kruise');
  });
  expect(files).toEqual(['platform.k8s.yaml']);
  expectCrdsFirst(objects);
});
