import { Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { FeatureGate } from '../install/feature-gates';
import { KruiseVersion } from '../version';

/**
 * What workload constructs need to know about the Kruise install that will run
 * them: its version, its resolved feature gates and the Kubernetes version.
 * Implemented by `Kruise` (an install in the same app) and by
 * `Kruise.fromExisting()` (an install managed elsewhere).
 */
export interface IKruiseInstall extends IConstruct {
  /** The Kruise release. */
  readonly version: KruiseVersion;
  /** The Kubernetes version of the cluster, `X.Y`. */
  readonly kubernetesVersion: string;
  /** Whether the gate is on once Kruise's own rules ran. */
  isEnabled(gate: FeatureGate): boolean;
  /** How a user turns the gate on for this install (one sentence). */
  howToEnable(gate: FeatureGate): string;
}

const INSTALLS = new WeakMap<IConstruct, IKruiseInstall[]>();

/** Records an install so that workloads of the same app can find it. */
export function registerInstall(install: IKruiseInstall): void {
  const root = install.node.root;
  const list = INSTALLS.get(root) ?? [];
  list.push(install);
  INSTALLS.set(root, list);
}

/**
 * The install a workload targets: the one in the workload's own chart, else
 * the only one in the app; undefined when there is none (or several in other
 * charts: then no gate check runs, see the README).
 */
export function findInstall(scope: IConstruct): IKruiseInstall | undefined {
  const list = INSTALLS.get(scope.node.root) ?? [];
  if (list.length === 0) return undefined;
  let chart: Chart | undefined;
  try {
    chart = Chart.of(scope);
  } catch {
    chart = undefined;
  }
  const sameChart = chart ? list.filter(i => Chart.of(i) === chart) : [];
  if (sameChart.length > 0) return sameChart[0];
  return list.length === 1 ? list[0] : undefined;
}
