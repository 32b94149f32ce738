import { App, Chart, Testing } from 'cdk8s';
import { Kruise, KruiseCrds } from '../../src';

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
