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
import { CloneSet, Kruise, KruiseWebhookCertificate } from '../../src';

/** An emitted object, as far as these tests read it. */
interface Emitted {
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly annotations?: Record<string, string> };
}

/** The objects of every file `app.synth()` wrote, in the order kubectl reads the folder. */
function appliedInOrder(build: (app: App) => void): { files: string[]; objects: Emitted[] } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'chart-order-'));
  const app = new App({ outdir });
  build(app);
  app.synth();
  const files = fs.readdirSync(outdir).filter(f => f.endsWith('.yaml')).sort();
  const objects = files.flatMap(f => parseAllDocuments(fs.readFileSync(path.join(outdir, f), 'utf8')).map(d => d.toJSON() as Emitted));
  return { files, objects };
}

function expectCrdsFirst(objects: Emitted[]): void {
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

describe('cert-manager objects (KruiseWebhookCertificate) come after the Namespace they land in', () => {
  /** Index of the first object of `kind` (optionally named `name`) in apply order. */
  function at(objects: Emitted[], kind: string, name?: string): number {
    const i = objects.findIndex(o => o.kind === kind && (name === undefined || o.metadata.name === name));
    expect(i).toBeGreaterThan(-1);
    return i;
  }
  function expectNamespaceFirst(objects: Emitted[], namespace = 'kruise-system'): void {
    const ns = at(objects, 'Namespace', namespace);
    expect(ns).toBeLessThan(at(objects, 'Issuer'));
    expect(ns).toBeLessThan(at(objects, 'Certificate'));
    // The webhook configurations carry the annotation that names this Certificate.
    const webhook = objects.find(o => o.kind === 'MutatingWebhookConfiguration');
    expect(webhook?.metadata.annotations?.['cert-manager.io/inject-ca-from']).toBe(`${namespace}/kruise-webhook-certs`);
  }

  test('in a chart named before the install chart, declared after the install', () => {
    const { files, objects } = appliedInOrder(app => {
      new Kruise(new Chart(app, 'kruise'), 'kruise', { certManager: { createCertificate: false } });
      new KruiseWebhookCertificate(new Chart(app, 'certs'), 'cert');
    });
    expect(files).toEqual(['0000-kruise.k8s.yaml', '0001-certs.k8s.yaml']);
    expectNamespaceFirst(objects);
  });

  test('in a chart named before the install chart, declared before the install', () => {
    const { files, objects } = appliedInOrder(app => {
      new KruiseWebhookCertificate(new Chart(app, 'certs'), 'cert', { namespace: 'kruise' });
      new Kruise(new Chart(app, 'kruise'), 'kruise', { namespace: 'kruise', certManager: { createCertificate: false } });
    });
    expect(files).toEqual(['0000-kruise.k8s.yaml', '0001-certs.k8s.yaml']);
    expectNamespaceFirst(objects, 'kruise');
  });

  test('in a chart named after the install chart: it stays after it', () => {
    const { files, objects } = appliedInOrder(app => {
      new KruiseWebhookCertificate(new Chart(app, 'z-certs'), 'cert');
      new Kruise(new Chart(app, 'kruise'), 'kruise', { certManager: { createCertificate: false } });
    });
    expect(files).toEqual(['0000-kruise.k8s.yaml', '0001-z-certs.k8s.yaml']);
    expectNamespaceFirst(objects);
  });

  test('in the install chart, declared before the install: after its Namespace', () => {
    const { files, objects } = appliedInOrder(app => {
      const chart = new Chart(app, 'platform');
      new KruiseWebhookCertificate(chart, 'cert');
      new Kruise(chart, 'kruise', { certManager: { createCertificate: false } });
    });
    expect(files).toEqual(['platform.k8s.yaml']);
    expectNamespaceFirst(objects);
  });

  test('made by the install (certManager): after its Namespace, one file', () => {
    const { files, objects } = appliedInOrder(app => {
      new Kruise(new Chart(app, 'kruise'), 'kruise', { certManager: {} });
    });
    expect(files).toEqual(['kruise.k8s.yaml']);
    expectNamespaceFirst(objects);
  });

  test('two installs (a fleet), each with its own certificate: charts are not reordered', () => {
    const { files } = appliedInOrder(app => {
      new Kruise(new Chart(app, 'cluster-a'), 'kruise', { certManager: {} });
      new Kruise(new Chart(app, 'cluster-b'), 'kruise', { certManager: {}, createNamespace: false });
    });
    expect(files).toEqual(['cluster-a.k8s.yaml', 'cluster-b.k8s.yaml']);
  });

  test('for a namespace no install emits, charts are not reordered', () => {
    const { files } = appliedInOrder(app => {
      new Kruise(new Chart(app, 'kruise'), 'kruise', { createNamespace: false, certManager: { createCertificate: false } });
      new KruiseWebhookCertificate(new Chart(app, 'certs'), 'cert');
    });
    expect(files).toEqual(['certs.k8s.yaml', 'kruise.k8s.yaml']);
  });

  test('an install chart the user put after the certificate chart is left so, without a cycle', () => {
    const { files } = appliedInOrder(app => {
      const certs = new Chart(app, 'certs');
      const kruise = new Chart(app, 'kruise');
      kruise.addDependency(certs);
      new Kruise(kruise, 'kruise', { certManager: { createCertificate: false } });
      new KruiseWebhookCertificate(certs, 'cert');
    });
    expect(files).toEqual(['0000-certs.k8s.yaml', '0001-kruise.k8s.yaml']);
  });
});
