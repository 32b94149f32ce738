import { ApiObject, Chart, YamlOutputType } from 'cdk8s';
import { Construct, Dependable, IConstruct, IDependable } from 'constructs';
import { addInstall, installsOf, IKruiseInstall, chartOf } from './governance';
import { enableReview } from './kruise-review';


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
  for (const objects of CERT_MANAGER_OBJECTS.get(install.node.root) ?? []) orderCertManagerObjects(objects);
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

/**
 * Makes `cr` come after every object of `install`. cdk8s turns a dependency on
 * a construct into one edge per object under it, so depending on the install
 * itself would cost (custom resources) x (install objects) edges. Instead a
 * custom resource depends on one barrier construct (it emits nothing), and the
 * barrier depends on the install's objects once; whether a custom resource
 * needs that dependency is settled at synthesis (see settleOrder). A custom resource
 * in another chart orders its chart instead (see registerCustomResource), when
 * `install` is the one that governs it.
 */
function orderAfter(cr: ApiObject, install: IKruiseInstall): void {
  const chart = chartOf(cr);
  const installChart = chartOf(install);
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
  const root = cr.node.root;
  let pending = ORDER_PENDING.get(root);
  if (pending === undefined) {
    pending = new Map();
    ORDER_PENDING.set(root, pending);
    const settle = pending;
    enableReview(root)._beforeReview(constructs => settleOrder(settle, constructs));
  }
  const first = pending.get(cr);
  let last: BarrierDependency | undefined;
  for (let d = first; d; d = d.next) {
    if (d.barrier === barrier) return;
    last = d;
  }
  const dep = new BarrierDependency(barrier);
  cr.node.addDependency(dep); // now: its place among the object's dependencies is the one cdk8s follows
  if (last) last.next = dep;
  else pending.set(cr, dep);
}

/**
 * A custom resource's dependency on a barrier, which each synthesis turns on
 * or off (see settleOrder): the barrier while needed, else nothing. On until
 * a synthesis settles it (what cdk8s would order before one is right).
 */
class BarrierDependency implements IDependable {
  public needed = true;
  /** The same custom resource's dependency on another install's barrier, if any (a chain: most have one). */
  public next: BarrierDependency | undefined = undefined;
  public constructor(public readonly barrier: Construct) {
    // Its own trait: one small object per custom resource (thousands in a large app), no closure.
    Dependable.implement(this, this);
  }

  /** What cdk8s follows at each synthesis: the barrier while needed, else nothing. */
  public get dependencyRoots(): IConstruct[] {
    return this.needed ? [this.barrier] : [];
  }
}

/** Per app: each custom resource to emit after the objects of one or more installs, with its first barrier dependency. */
const ORDER_PENDING = new WeakMap<IConstruct, Map<ApiObject, BarrierDependency>>();

/**
 * Gives the custom resources their barrier dependencies as each synthesis
 * begins, before cdk8s orders the objects (it runs before each review, with
 * the app's constructs in construct order: see KruiseReview._beforeReview()).
 *
 * Every custom resource depending on the barrier would be correct, but cdk8s
 * orders objects by walking, for each dependency and again for each object it
 * places, everything the object depends on, so each such dependency costs a
 * walk over all the install's objects, several times per synthesis: for
 * thousands of custom resources, most of the synthesis. cdk8s places the
 * objects that nothing depends on in construct order, each after what it
 * depends on; so once one such custom resource of a chart depends on the
 * barrier, the install's objects are placed before it, and every later such
 * custom resource comes after them without a dependency of its own. So, in
 * construct order, the custom resources depend on the barrier up to and
 * including the first one nothing depends on, and after it only those that
 * something depends on (something could place them earlier). Each keeps the
 * place among its dependencies it got when it was ordered after the install,
 * so the order of the objects is the same as with a dependency for each.
 */
function settleOrder(pending: ReadonlyMap<ApiObject, BarrierDependency>, constructs: IConstruct[]): void {
  const dependants = new Map<IConstruct, IConstruct[]>();
  const byBarrier = new Map<Construct, Array<{ readonly cr: ApiObject; readonly dep: BarrierDependency }>>(); // in construct order
  for (const c of constructs) {
    for (const target of c.node.dependencies) {
      const list = dependants.get(target);
      if (list) list.push(c);
      else dependants.set(target, [c]);
    }
    for (let dep = pending.get(c as ApiObject); dep; dep = dep.next) {
      const entry = { cr: c as ApiObject, dep };
      const list = byBarrier.get(dep.barrier);
      if (list) list.push(entry);
      else byBarrier.set(dep.barrier, [entry]);
    }
  }
  for (const entries of byBarrier.values()) {
    let anchored = false;
    for (const { cr, dep } of entries) {
      const free = !dependedOnInChart(cr, dependants);
      dep.needed = !anchored || !free;
      if (free) anchored = true;
    }
  }
}

/**
 * Whether something in the chart of `cr` depends on it or on a construct
 * holding it (cdk8s turns a dependency on a construct into one on each object
 * under it): then cdk8s may place it before its turn.
 */
function dependedOnInChart(cr: ApiObject, dependants: ReadonlyMap<IConstruct, IConstruct[]>): boolean {
  const chart = Chart.of(cr); // it has one: orderAfter() orders only custom resources in the install's chart
  return cr.node.scopes.some(scope => (dependants.get(scope) ?? []).some(source => source.node.scopes.includes(chart)));
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
  if (installs.some(i => chartOf(i) === chart)) return; // its own install governs it
  if (installs.length !== 1) return;
  const crds: IConstruct | undefined = (install as { crds?: IConstruct }).crds;
  const targets = [installChart, ...(crds ? [chartOf(crds)] : [])];
  const done = ORDERED_CHARTS.get(chart) ?? new Set<Chart>();
  for (const target of targets) {
    if (target === undefined || target === chart || done.has(target)) continue;
    chart.addDependency(target);
    done.add(target);
  }
  ORDERED_CHARTS.set(chart, done);
}


/** Per app: the cert-manager objects the library emits (KruiseWebhookCertificate), with their namespace. */
const CERT_MANAGER_OBJECTS = new WeakMap<IConstruct, CertManagerObjects[]>();

interface CertManagerObjects {
  /** The construct whose ApiObjects are the Certificate and the Issuer. */
  readonly owner: Construct;
  /** The namespace they land in: the Kruise namespace. */
  readonly namespace: string;
  /** Whether an ordering was already added (it is added once). */
  ordered: boolean;
}

/**
 * Records the cert-manager objects of a Kruise webhook certificate (the
 * Certificate and its Issuer, under `owner`, in `namespace`). They come after
 * the Namespace object of the install they serve, whether declared before or
 * after it and whichever chart holds them.
 *
 * Only the Namespace must come first: `kubectl apply` refuses a Certificate or
 * an Issuer in a namespace that does not exist yet. The other way round
 * nothing is needed: cert-manager's CA injector fills the webhook
 * configurations and the StatefulSet CRD whenever the Certificate's Secret
 * appears, and kruise-manager reads that Secret through the API (it mounts no
 * volume of it) and waits for it. Ordering after the install's whole chart
 * keeps the files in the install-first order of custom resources.
 */
export function registerCertManagerObjects(owner: Construct, namespace: string): void {
  const root = owner.node.root;
  const entry: CertManagerObjects = { owner, namespace, ordered: false };
  const list = CERT_MANAGER_OBJECTS.get(root) ?? [];
  list.push(entry);
  CERT_MANAGER_OBJECTS.set(root, list);
  orderCertManagerObjects(entry);
}

/** Whether `c` is an install (has IKruiseInstall's methods), registered yet or not. */
function isInstallShaped(c: IConstruct): boolean {
  const m = c as { isEnabled?: unknown; howToEnable?: unknown };
  return typeof m.isEnabled === 'function' && typeof m.howToEnable === 'function';
}

/** The Namespace object an install emits for `namespace`, if it does. */
function namespaceObjectOf(install: IKruiseInstall, namespace: string): ApiObject | undefined {
  const emitted = install as { namespace?: unknown; namespaceObject?: unknown };
  if (emitted.namespace !== namespace || !ApiObject.isApiObject(emitted.namespaceObject)) return undefined;
  return emitted.namespaceObject;
}

/**
 * Orders cert-manager objects after the Namespace of the install they serve:
 * the install that emits the Namespace of their namespace, in their chart if
 * one does, else the app's only such install (with several in other charts, a
 * fleet, nothing is ordered). In the same chart the objects depend on the
 * Namespace object; in another chart their chart depends on the install's
 * chart, as for custom resources (one file per chart only), unless that would
 * make a cycle (the install's chart already comes after theirs, or holds it).
 */
function orderCertManagerObjects(entry: CertManagerObjects): void {
  const { owner, namespace } = entry;
  if (entry.ordered) return;
  // Inside an install (Kruise's certManager prop): it declares its Namespace first. Told by
  // shape, as Kruise registers itself only after its constructor made the certificate.
  if (owner.node.scopes.some(s => s !== owner && isInstallShaped(s))) return;
  const installs = installsOf(owner.node.root);
  const chart = chartOf(owner);
  if (chart === undefined) return;
  const candidates = installs
    .map(install => namespaceObjectOf(install, namespace))
    .filter((o): o is ApiObject => o !== undefined);
  const here = candidates.filter(o => chartOf(o) === chart);
  if (here.length === 1) {
    owner.node.addDependency(here[0]);
    entry.ordered = true;
    return;
  }
  if (here.length > 1 || candidates.length !== 1) return;
  const target = chartOf(candidates[0]);
  const outputType = (owner.node.root as { yamlOutputType?: YamlOutputType }).yamlOutputType;
  if (target === undefined || (outputType !== undefined && outputType !== YamlOutputType.FILE_PER_CHART)) return;
  // A chart holding its child: cdk8s writes the child first, so this order already holds (or
  // cannot be had without a cycle, when the install's chart holds the objects' chart).
  if (chart.node.scopes.includes(target) || target.node.scopes.includes(chart)) return;
  if (chartDependsOn(target, chart)) return;
  chart.addDependency(target);
  entry.ordered = true;
}

/** Whether chart `from` already comes after chart `to` through explicit dependencies. */
function chartDependsOn(from: Chart, to: Chart): boolean {
  const seen = new Set<Chart>();
  const stack: Chart[] = [from];
  while (stack.length > 0) {
    const c = stack.pop()!;
    if (c === to) return true;
    if (seen.has(c)) continue;
    seen.add(c);
    for (const dep of c.node.findAll()) {
      for (const d of dep.node.dependencies) {
        const dc = chartOf(d);
        if (dc !== undefined && dc !== c) stack.push(dc);
      }
    }
  }
  return false;
}
