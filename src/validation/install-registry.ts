import { ApiObject, Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
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

/** The custom resources of each app, as the objects they emit. */
const CUSTOM_RESOURCES = new WeakMap<IConstruct, ApiObject[]>();

/** Per install: the construct its custom resources depend on (see orderAfter). */
const ORDER_BARRIERS = new WeakMap<IKruiseInstall, Construct>();

/**
 * Records an install so that workloads of the same app can find it. Custom
 * resources already declared in the same chart are made to depend on it, so
 * they are emitted after its CRDs whatever the declaration order.
 */
export function registerInstall(install: IKruiseInstall): void {
  const root = install.node.root;
  const list = INSTALLS.get(root) ?? [];
  list.push(install);
  INSTALLS.set(root, list);
  for (const cr of CUSTOM_RESOURCES.get(root) ?? []) orderAfter(cr, install);
}

/**
 * Records a Kruise custom resource (the object an L2 construct emits): it is
 * emitted after the install of its own chart, whether that install is declared
 * before or after it. Installs in other charts are left alone (a dependency
 * between charts would change the chart file names cdk8s writes).
 */
export function registerCustomResource(cr: ApiObject): void {
  const root = cr.node.root;
  const list = CUSTOM_RESOURCES.get(root) ?? [];
  list.push(cr);
  CUSTOM_RESOURCES.set(root, list);
  for (const install of INSTALLS.get(root) ?? []) orderAfter(cr, install);
}

/**
 * Makes `cr` come after every object of `install`. cdk8s turns a dependency on
 * a construct into one edge per object under it, so depending on the install
 * itself would cost (custom resources) x (install objects) edges. Instead each
 * custom resource depends on one barrier construct (it emits nothing), and the
 * barrier depends on the install's objects once: the same order, linear edges.
 */
function orderAfter(cr: ApiObject, install: IKruiseInstall): void {
  const chartOf = (c: IConstruct) => {
    try {
      return Chart.of(c);
    } catch {
      return undefined;
    }
  };
  const chart = chartOf(cr);
  if (chart === undefined || chart !== chartOf(install)) return;
  let barrier = ORDER_BARRIERS.get(install);
  if (barrier === undefined) {
    // Made on first use, when the install's objects exist (its constructor
    // creates them all); an install without custom resources gets none.
    barrier = new Construct(install, 'CustomResourceOrder');
    for (const o of install.node.findAll()) {
      if (ApiObject.isApiObject(o)) barrier.node.addDependency(o);
    }
    ORDER_BARRIERS.set(install, barrier);
  }
  cr.node.addDependency(barrier);
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
