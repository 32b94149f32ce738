import { ApiObject, Chart, YamlOutputType } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { addInstall, installsOf, IKruiseInstall } from './governance';
import { enableReview } from './kruise-review';

export { assignInstall, findInstall, governance } from './governance';
export type { Governance, IKruiseInstall } from './governance';

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
  enableReview(install);
  addInstall(install);
  for (const cr of CUSTOM_RESOURCES.get(install.node.root) ?? []) orderAfter(cr, install);
}

/**
 * Records a Kruise custom resource (the object an L2 construct emits): it is
 * emitted after the install of its own chart, whether that install is declared
 * before or after it. In a chart without an install, the chart comes after
 * the chart of the app's only install (and of its CRDs), so the files cdk8s
 * writes apply in order (cdk8s then numbers them: `0000-kruise.k8s.yaml`,
 * `0001-apps.k8s.yaml`).
 */
export function registerCustomResource(cr: ApiObject): void {
  enableReview(cr);
  const root = cr.node.root;
  const list = CUSTOM_RESOURCES.get(root) ?? [];
  list.push(cr);
  CUSTOM_RESOURCES.set(root, list);
  for (const install of installsOf(root)) orderAfter(cr, install);
}

function chartOrUndefinedOf(c: IConstruct): Chart | undefined {
  try {
    return Chart.of(c);
  } catch {
    return undefined;
  }
}

/**
 * Makes `cr` come after every object of `install`. cdk8s turns a dependency on
 * a construct into one edge per object under it, so depending on the install
 * itself would cost (custom resources) x (install objects) edges. Instead each
 * custom resource depends on one barrier construct (it emits nothing), and the
 * barrier depends on the install's objects once: the same order, linear edges.
 * A custom resource in another chart orders its chart instead (see
 * registerCustomResource), when `install` is the one that governs it.
 */
function orderAfter(cr: ApiObject, install: IKruiseInstall): void {
  const chart = chartOrUndefinedOf(cr);
  const installChart = chartOrUndefinedOf(install);
  if (chart === undefined || installChart === undefined) return;
  if (chart !== installChart) {
    orderChartAfter(chart, install, installChart);
    return;
  }
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

/** Chart pairs already ordered (a chart of custom resources after an install's chart). */
const ORDERED_CHARTS = new WeakMap<Chart, Set<Chart>>();

/**
 * Orders `chart` (custom resources, no install of its own) after the charts of
 * `install` and of its CRDs, when `install` governs it: the app's only
 * install. With several installs in other charts (a fleet) nothing is ordered;
 * `assignInstall` and the charts' own order decide.
 */
function orderChartAfter(chart: Chart, install: IKruiseInstall, installChart: Chart): void {
  // Only with one file per chart (cdk8s's default), where the file names give the order. With
  // one folder per chart (KruiseFluxLayout, fleets), the folder names are paths other objects
  // refer to (Flux Kustomizations), and a chart dependency would number them.
  const root = install.node.root as { yamlOutputType?: YamlOutputType };
  if (root.yamlOutputType !== undefined && root.yamlOutputType !== YamlOutputType.FILE_PER_CHART) return;
  const installs = installsOf(install.node.root);
  if (installs.some(i => chartOrUndefinedOf(i) === chart)) return; // its own install governs it
  if (installs.length !== 1) return;
  const crds: IConstruct | undefined = (install as { crds?: IConstruct }).crds;
  const targets = [installChart, ...(crds ? [chartOrUndefinedOf(crds)] : [])];
  const done = ORDERED_CHARTS.get(chart) ?? new Set<Chart>();
  for (const target of targets) {
    if (target === undefined || target === chart || done.has(target)) continue;
    chart.addDependency(target);
    done.add(target);
  }
  ORDERED_CHARTS.set(chart, done);
}

