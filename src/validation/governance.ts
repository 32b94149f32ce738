import { Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { KruiseVersion } from '../version';
import { invalid } from './errors';
import { FeatureGate } from '../versions/feature-gates';

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

/** The installs of each app (keyed by the app's root construct), in declaration order. */
const INSTALLS = new WeakMap<IConstruct, IKruiseInstall[]>();

/** Records `install` in its app's list (see install-registry's registerInstall). */
export function addInstall(install: IKruiseInstall): void {
  const root = install.node.root;
  const list = INSTALLS.get(root) ?? [];
  list.push(install);
  INSTALLS.set(root, list);
}

/** The installs of the app whose root is `root`. */
export function installsOf(root: IConstruct): readonly IKruiseInstall[] {
  return INSTALLS.get(root) ?? [];
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
    throw invalid(scope, 'install', install.node.path, 'this Kruise install belongs to another app', 'assign an install of the same app');
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

/** The chart `c` is in, or undefined when it is in none (where `Chart.of` throws). */
export function chartOf(c: IConstruct): Chart | undefined {
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
  for (let chart = chartOf(scope); chart; chart = chart.node.scope ? chartOf(chart.node.scope) : undefined) {
    const here = list.filter(i => chartOf(i) === chart);
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
