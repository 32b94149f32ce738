import { ApiObject, Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { enableReview } from './kruise-review';
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
  enableReview(install);
  const root = install.node.root;
  const list = INSTALLS.get(root) ?? [];
  list.push(install);
  INSTALLS.set(root, list);
  for (const cr of CUSTOM_RESOURCES.get(root) ?? []) orderAfter(cr, install);
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
  for (const install of INSTALLS.get(root) ?? []) orderAfter(cr, install);
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
  const installs = INSTALLS.get(install.node.root) ?? [];
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

/** Installs chosen explicitly for a scope (see assignInstall). */
const ASSIGNED = new WeakMap<IConstruct, IKruiseInstall>();

/**
 * Makes `install` govern every object under `scope` (a chart, or any
 * construct), whatever the default choice would be. The nearest assignment
 * above an object wins.
 */
export function assignInstall(scope: IConstruct, install: IKruiseInstall): void {
  if (scope.node.root !== install.node.root) {
    throw new Error(`${scope.node.path}: the Kruise install at ${install.node.path} belongs to another app; assign an install of the same app`);
  }
  ASSIGNED.set(scope, install);
}

/** Which install governs an object (see {@link governance}). */
export interface Governance {
  /** The install, when one governs the object. */
  readonly install?: IKruiseInstall;
  /** How it was chosen, for messages. */
  readonly reason: 'assigned' | 'same-chart' | 'only-install' | 'none' | 'ambiguous';
  /** When several installs could govern the object and none was chosen: the candidates. */
  readonly candidates?: IKruiseInstall[];
}

function chartOrUndefined(c: IConstruct): Chart | undefined {
  try {
    return Chart.of(c);
  } catch {
    return undefined;
  }
}

/**
 * The Kruise install that governs the object at `scope` (its version and
 * feature gates decide the object's review):
 * 1. the install assigned to `scope` or its nearest ancestor (`assignInstall`,
 *    public as `KruiseReview.assignInstall`);
 * 2. else the install declared in the object's chart (or, for nested charts,
 *    in the nearest enclosing chart that declares one);
 * 3. else the only install in the app;
 * 4. else none: with no install, objects are reviewed for the default Kruise
 *    version and gate rules are skipped; with several installs in other
 *    charts the choice is ambiguous and the review reports it, saying how to
 *    assign one.
 * Several installs in one chart are ambiguous too.
 */
export function governance(scope: IConstruct): Governance {
  for (let c: IConstruct | undefined = scope; c; c = c.node.scope) {
    const assigned = ASSIGNED.get(c);
    if (assigned) return { install: assigned, reason: 'assigned' };
  }
  const list = INSTALLS.get(scope.node.root) ?? [];
  if (list.length === 0) return { reason: 'none' };
  for (let chart = chartOrUndefined(scope); chart; chart = chart.node.scope ? chartOrUndefined(chart.node.scope) : undefined) {
    const here = list.filter(i => chartOrUndefined(i) === chart);
    if (here.length === 1) return { install: here[0], reason: 'same-chart' };
    if (here.length > 1) return { reason: 'ambiguous', candidates: here };
  }
  if (list.length === 1) return { install: list[0], reason: 'only-install' };
  return { reason: 'ambiguous', candidates: [...list] };
}

/**
 * The install that governs the object at `scope` (see {@link governance});
 * undefined when none does or the choice is ambiguous.
 */
export function findInstall(scope: IConstruct): IKruiseInstall | undefined {
  return governance(scope).install;
}
