/** Helpers for the install construct tests. */
import { Chart, Testing } from 'cdk8s';
import { Kruise, KruiseProps, HelmValuesOptions } from '../../src';

export interface SynthResult {
  readonly kruise: Kruise;
  readonly manifests: any[];
  /** The one object of this kind (and name); fails the test when there is not exactly one. */
  one(kind: string, name?: string): any;
  /** All objects of this kind. */
  all(kind: string): any[];
}

function result(kruise: Kruise, chart: Chart): SynthResult {
  const manifests = Testing.synth(chart);
  const all = (kind: string) => manifests.filter(m => m.kind === kind);
  return {
    kruise,
    manifests,
    all,
    one(kind: string, name?: string) {
      const found = all(kind).filter(m => name === undefined || m.metadata.name === name);
      if (found.length !== 1) throw new Error(`expected one ${kind}${name ? ` ${name}` : ''}, found ${found.length}`);
      return found[0];
    },
  };
}

/** `new Kruise(chart, 'kruise', props)` synthesized. */
export function synthKruise(props?: KruiseProps): SynthResult {
  const chart = new Chart(Testing.app(), 'test');
  return result(new Kruise(chart, 'kruise', props), chart);
}

/** `Kruise.fromHelmValues(chart, 'kruise', values, options)` synthesized. */
export function synthValues(values: any, options?: HelmValuesOptions): SynthResult {
  const chart = new Chart(Testing.app(), 'test');
  return result(Kruise.fromHelmValues(chart, 'kruise', values, options), chart);
}

/** The manager container of a synthesized install. */
export function managerContainer(r: SynthResult): any {
  return r.one('Deployment', 'kruise-controller-manager').spec.template.spec.containers[0];
}

/** The daemon container of a synthesized install. */
export function daemonContainer(r: SynthResult): any {
  return r.one('DaemonSet', 'kruise-daemon').spec.template.spec.containers[0];
}
