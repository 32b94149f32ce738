import { App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { EphemeralJob, Kruise, KruiseCrds } from '../../src';

function crdNames(manifests: any[]): string[] {
  return manifests.filter(m => m.kind === 'CustomResourceDefinition').map(m => m.metadata.name);
}

describe('CRDs are never emitted twice in a chart', () => {
  test('Kruise plus KruiseCrds with EphemeralJob next to it: 18 CRDs, each once', () => {
    const chart = new Chart(Testing.app(), 'platform');
    new Kruise(chart, 'kruise');
    const extra = new KruiseCrds(chart, 'crds', { includeEphemeralJob: true });
    const names = crdNames(Testing.synth(chart));
    expect(names).toHaveLength(18);
    expect(new Set(names).size).toBe(18);
    expect(names).toContain('ephemeraljobs.apps.kruise.io');
    // The second set still answers for every kind, with the object the chart has.
    expect(extra.crdOf('CloneSet').name).toBe('clonesets.apps.kruise.io');
    expect(extra.crds).toHaveLength(18);
  });

  test('two KruiseCrds in one chart: 17 CRDs', () => {
    const chart = new Chart(Testing.app(), 'platform');
    new KruiseCrds(chart, 'a');
    new KruiseCrds(chart, 'b');
    expect(crdNames(Testing.synth(chart))).toHaveLength(17);
  });

  test('a fleet: each chart keeps its own CRDs', () => {
    const app = Testing.app();
    const dev = new Chart(app, 'dev');
    const prod = new Chart(app, 'prod');
    new Kruise(dev, 'kruise');
    new Kruise(prod, 'kruise');
    expect(crdNames(Testing.synth(dev))).toHaveLength(17);
    expect(crdNames(Testing.synth(prod))).toHaveLength(17);
  });

  test('Kruise with includeEphemeralJobCrd emits 18; false and unset emit 17', () => {
    const count = (include?: boolean) => {
      const chart = new Chart(new App(), 'c');
      new Kruise(chart, 'kruise', { includeEphemeralJobCrd: include });
      return crdNames(Testing.synth(chart)).length;
    };
    expect(count(true)).toBe(18);
    expect(count(false)).toBe(17);
    expect(count(undefined)).toBe(17);
  });

  test('addEphemeralJob() adds the CRD once', () => {
    const chart = new Chart(Testing.app(), 'c');
    const crds = new KruiseCrds(chart, 'crds');
    crds.addEphemeralJob();
    crds.addEphemeralJob();
    expect(crdNames(Testing.synth(chart)).filter(n => n.startsWith('ephemeraljobs'))).toHaveLength(1);
  });
});

describe('the EphemeralJob CRD comes with the app\'s EphemeralJobs', () => {
  const job = (chart: Chart) => new EphemeralJob(chart, 'debug', {
    selector: kplus.LabelSelector.of({ labels: { app: 'web' } }),
    containers: [{ name: 'debug', image: 'busybox:1.36' }],
  });

  test('an EphemeralJob after the install: 18 CRDs', () => {
    const chart = new Chart(Testing.app(), 'c');
    new Kruise(chart, 'kruise');
    job(chart);
    expect(crdNames(Testing.synth(chart))).toContain('ephemeraljobs.apps.kruise.io');
  });

  test('an EphemeralJob before the install, in another chart: the install emits the CRD', () => {
    const app = Testing.app();
    job(new Chart(app, 'apps'));
    const infra = new Chart(app, 'infra');
    new Kruise(infra, 'kruise');
    expect(crdNames(Testing.synth(infra))).toContain('ephemeraljobs.apps.kruise.io');
  });

  test('includeEphemeralJobCrd: false keeps it out', () => {
    const chart = new Chart(Testing.app(), 'c');
    new Kruise(chart, 'kruise', { includeEphemeralJobCrd: false });
    job(chart);
    expect(crdNames(Testing.synth(chart))).not.toContain('ephemeraljobs.apps.kruise.io');
  });

  test('no EphemeralJob: the chart\'s 17', () => {
    const chart = new Chart(Testing.app(), 'c');
    new Kruise(chart, 'kruise');
    expect(crdNames(Testing.synth(chart))).toHaveLength(17);
  });
});
