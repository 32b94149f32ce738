import { ApiObject, App } from 'cdk8s';
import { IConstruct, IValidation } from 'constructs';
import { assignInstall, governance, Governance, IKruiseInstall, chartOf } from './governance';
import { objectMetadataProblems } from './object-rules';
import { checkPeerCopies } from './peer-copies';
import { isKruiseObject, ObjectFinding, reviewObjects } from './review';
import { withLinearOrder } from './synth-order';
import { withDirectYaml } from './synth-yaml';
import { gateFindings } from '../admission/gates';
import { Finding } from '../admission/types';
import { isJsonObject, JsonObject, objectOr, stringOr } from '../base/json';
import { apiGroupOf } from '../base/names';
import { KruiseVersion } from '../version';
import { FeatureGate } from '../versions/feature-gates';

/** One finding of the review of an app (see {@link KruiseReview.findings}). */
export interface KruiseReviewFinding {
  /** Construct path of the object (its `ApiObject`). */
  readonly constructPath: string;
  /** apiVersion of the object as emitted. */
  readonly apiVersion: string;
  /** kind of the object as emitted. */
  readonly kind: string;
  /**
   * Namespace of the object as emitted.
   * @default - none (cluster-scoped, or the namespace of the kubectl context)
   */
  readonly namespace?: string;
  /**
   * Name of the object as emitted.
   * @default - none
   */
  readonly name?: string;
  /** Field path, e.g. `spec.updateStrategy.maxSurge` (empty for the whole object). */
  readonly path: string;
  /** What is wrong. */
  readonly message: string;
  /**
   * How to fix it.
   * @default - no fix given
   */
  readonly fix?: string;
  /** Rule id, e.g. `CloneSet/in-place-only-max-surge`, `schema/pruned`, `gates/sidecar-terminator`. */
  readonly rule: string;
  /** `error` (synthesis fails: Kruise or the API server rejects the object) or `warning` (accepted, but odd). */
  readonly severity: string;
}

/** Core kinds that can carry a knob needing a Kruise feature gate (pod-bearing, or deletion-protectable), `group/Kind`. */
const GATE_CARRIERS = new Set([
  '/Pod', 'apps/Deployment', 'apps/StatefulSet', 'apps/DaemonSet', 'apps/ReplicaSet', '/ReplicationController',
  'batch/Job', 'batch/CronJob', '/Namespace', '/Service', 'networking.k8s.io/Ingress',
  'apiextensions.k8s.io/CustomResourceDefinition',
]);

/** The API groups of Kruise's own kinds (the ones this review admits). */
const KRUISE_GROUPS = new Set(['apps.kruise.io', 'policy.kruise.io']);

/** The review of each app, by root construct. */
const REVIEWS = new WeakMap<IConstruct, KruiseReview>();

/**
 * The objects of one group (see reviewApp), in review order, as parallel lists:
 * an app has thousands of objects, and the review keeps these until the next one.
 */
interface GroupObjects {
  readonly objs: ApiObject[];
  /** Each object's rendering. */
  readonly jsons: JsonObject[];
}

/**
 * The synth-time review of every Kruise object in a cdk8s app, however it was
 * made: this library's constructs, the L1 classes, `Include`, a plain
 * `ApiObject`, after JSON patches (the review reads each object as it will be
 * emitted). Each object is checked against the CRD schema of its Kruise
 * version (nothing may be pruned), Kruise's admission rules (defaulting, then
 * validation, as Kruise's webhooks do on create) and the feature gates its
 * labels, annotations and env vars need; pod-bearing core objects (Pod,
 * Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob) and the kinds
 * Kruise protects from deletion get the gate checks too.
 *
 * Errors fail synthesis, one line per finding on the object's construct path:
 * `<Kind> <namespace>/<name>: <field>: <message> [<rule>]; <fix>`. Warnings
 * (accepted by Kruise, but odd) are recorded as `warning` metadata on the
 * object's construct and listed by {@link KruiseReview.findings}.
 *
 * The review is on in every app that holds a construct of this library (an
 * install, `KruiseCrds`, `Kruise.fromExisting()`, any Kruise L2). An app
 * without any (say, only L1 classes or `Include`d YAML) turns it on with
 * `KruiseReview.of(app)`.
 *
 * Which install governs an object (its version and feature gates): the one
 * assigned with {@link KruiseReview.assignInstall} to the object or an
 * enclosing construct; else the install in the object's chart; else the only
 * install in the app. With none, objects are reviewed for the default Kruise
 * version and gate rules are skipped (declare an install managed elsewhere
 * with `Kruise.fromExisting()`). With several and no way to choose, the
 * review fails and says how to assign one.
 */
export class KruiseReview {
  /**
   * The review of the app `scope` belongs to, turned on if it was not.
   * @param scope any construct of the app (the app itself, a chart, ...)
   */
  public static of(scope: IConstruct): KruiseReview {
    const root = scope.node.root;
    let review = REVIEWS.get(root);
    if (!review) {
      review = new KruiseReview(root);
      REVIEWS.set(root, review);
    }
    return review;
  }

  private readonly root: IConstruct;
  private strict = false;
  /** Each object's rendering in the last review (undefined before the first). */
  private rendered?: Map<ApiObject, JsonObject>;
  /** The errors of each object that has any, in the last review. */
  private errors = new Map<ApiObject, string[]>();
  private lastFindings: KruiseReviewFinding[] = [];
  private readonly hooked = new WeakSet<ApiObject>();
  private readonly warned = new WeakMap<ApiObject, Set<string>>();
  private readonly hookedCharts = new WeakSet<IConstruct>();
  private chartErrors = new Map<IConstruct, string[]>();
  /** The last review of each group (see review()). */
  private lastGroups = new Map<IKruiseInstall | undefined, GroupReview>();
  /** What runs before each review, with the app's constructs (see _beforeReview()). */
  private readonly beforeReview: Array<(constructs: IConstruct[]) => void> = [];
  /**
   * Set while one `synth()` / `synthYaml()` of the app runs; `rootErrors` once
   * that synthesis has reviewed the app (see scopeSyntheses()).
   */
  private synthesis?: { rootErrors?: string[] };

  private constructor(root: IConstruct) {
    this.root = root;
    // The root's validations run first (cdk8s validates in pre-order): the
    // whole app is reviewed at once, and each object's validation then reports
    // its own findings under its own construct path.
    root.node.addValidation({ validate: () => this.review() });
    this.scopeSyntheses();
  }

  /**
   * cdk8s validates the whole app once per synthesis and then once more for
   * each chart it renders (`App._synthChart`), with nothing but cdk8s between
   * those validations. Within one `synth()` / `synthYaml()` of the app, the
   * first review is the review: the later validations of the same synthesis
   * report its results instead of rendering and comparing every object again
   * (the renderings it handed over are what the synthesis then emits). Each
   * new synthesis, and every `chart.toJson()` made outside one, reviews afresh.
   * The synthesis orders its objects in linear time (see synth-order.ts) and
   * writes its YAML with the direct writer (see synth-yaml.ts).
   */
  private scopeSyntheses(): void {
    const app = this.root;
    if (!(app instanceof App)) return;
    const synthYaml = app.synthYaml;
    const synth = app.synth;
    const scoped = <T>(run: () => T): T => {
      if (this.synthesis) return run(); // a synthesis inside a synthesis (from a validation): the outer one scopes it
      this.synthesis = {};
      try {
        return withLinearOrder(() => withDirectYaml(run));
      } finally {
        this.synthesis = undefined;
      }
    };
    Object.defineProperty(app, 'synthYaml', { configurable: true, writable: true, value: () => scoped(() => synthYaml.call(app)) });
    Object.defineProperty(app, 'synth', { configurable: true, writable: true, value: () => scoped(() => synth.call(app)) });
  }

  /**
   * Makes `install` govern every object under `scope` (a chart, or any
   * construct), e.g. in a fleet app that declares several installs.
   */
  public assignInstall(scope: IConstruct, install: IKruiseInstall): void {
    if (scope.node.root !== this.root) {
      throw new Error(`${scope.node.path}: this construct belongs to another app than the review; use KruiseReview.of(scope)`);
    }
    assignInstall(scope, install);
  }

  /** Fail synthesis on warnings as well as on errors (for CI). */
  public failOnWarnings(): void {
    this.strict = true;
  }

  /** Every finding of the last review (errors and warnings), in construct order. */
  public get findings(): KruiseReviewFinding[] {
    return [...this.lastFindings];
  }

  /**
   * Runs `task` before each review (once per synthesis, as the synthesis
   * begins, before cdk8s orders the objects), with the app's constructs in
   * construct order: synth-time work that needs the whole app shares the
   * review's walk over it (see settleOrder in install-registry.ts).
   * @internal
   */
  public _beforeReview(task: (constructs: IConstruct[]) => void): void {
    this.beforeReview.push(task);
  }

  /**
   * The object as the current review rendered it (so that other synth-time
   * checks need not render it again); undefined when it was not reviewed.
   * @internal
   */
  public _renderedJson(apiObject: ApiObject): JsonObject | undefined {
    return this.rendered?.get(apiObject);
  }

  /**
   * The errors the review found on `apiObject`, reviewing first when none has
   * run yet (the object validated on its own, without the root): its
   * validation (see hook()).
   * @internal
   */
  public _errorsOf(apiObject: ApiObject): string[] {
    if (!this.rendered) this.review();
    return this.errors.get(apiObject) ?? [];
  }

  /**
   * Reviews the whole app (see `reviewObjects`, the same review kruise-lint
   * runs), one group of objects per governing install; each object then
   * reports its own errors (the root only those of objects outside any chart).
   */
  private review(): string[] {
    const reviewed = this.synthesis?.rootErrors;
    if (reviewed) return reviewed; // reviewed already in this synthesis (see scopeSyntheses())
    const rootErrors = this.reviewApp();
    if (this.synthesis) this.synthesis.rootErrors = rootErrors;
    return rootErrors;
  }

  /** The review itself (see review()). */
  private reviewApp(): string[] {
    const rendered = new Map<ApiObject, JsonObject>();
    const errorsOf = new Map<ApiObject, string[]>();
    const findings: KruiseReviewFinding[] = [];
    const chartErrors = new Map<IConstruct, string[]>();
    const ambiguousCharts = new Set<IConstruct>();

    // Render each candidate once, grouped by governing install (an install's
    // objects are one cluster's: they are each other's peers).
    interface Group extends GroupObjects { readonly govs: Governance[] }
    const groups = new Map<IKruiseInstall | undefined, Group>();
    const constructs = this.root.node.findAll();
    for (const task of this.beforeReview) task(constructs);
    for (const c of constructs) {
      if (!ApiObject.isApiObject(c)) continue;
      const obj = c as ApiObject;
      const kruise = KRUISE_GROUPS.has(apiGroupOf(obj.apiVersion));
      if (!kruise && !GATE_CARRIERS.has(`${apiGroupOf(obj.apiVersion)}/${obj.kind}`)) continue;
      const gov = governance(obj);
      if (!kruise && gov.reason === 'none') continue; // gate rules are skipped without an install
      let json: JsonObject;
      takeBack(obj); // a review renders afresh
      try {
        json = objectOr(obj.toJson());
      } catch {
        continue; // synthesis reports the same error
      }
      let group = groups.get(gov.install);
      if (!group) groups.set(gov.install, group = { objs: [], jsons: [], govs: [] });
      group.objs.push(obj);
      group.jsons.push(json);
      group.govs.push(gov);
    }

    const reviewed = new Map<IKruiseInstall | undefined, GroupReview>();
    for (const [install, group] of groups) {
      const version = install?.version ?? KruiseVersion.V1_7;
      const gate = install ? (name: string) => {
        const g = knownGate(name);
        return g ? install.isEnabled(g) : undefined;
      } : undefined;
      const offGates = install ? FeatureGate.all().filter(g => !install.isEnabled(g)) : [];
      // cdk8s validates the app again for each chart it renders (synthYaml, chart.toJson()): a group
      // whose objects render as they did in the last review, under the same install settings, has
      // the same findings, so they are taken from that review instead of checking again.
      const key = `${version.version} ${install ? FeatureGate.all().map(g => install.isEnabled(g) ? '1' : '0').join('') : '-'}`;
      const last = this.lastGroups.get(install);
      // The peers are a list of their own: the admission engine indexes it for the review's time only.
      const found = last && last.key === key && sameObjects(last, group)
        ? last.found
        : reviewObjects(group.jsons.slice(), { version: version.version, gate, duplicates: 'error' });
      reviewed.set(install, { key, objs: group.objs, jsons: group.jsons, found });
      const byIndex = new Map<number, Finding[]>();
      for (const f of found) {
        const list = byIndex.get(f.index) ?? [];
        list.push({ path: f.path, message: f.message, fix: f.fix, rule: f.rule, severity: f.severity });
        byIndex.set(f.index, list);
      }

      group.objs.forEach((obj, index) => {
        const json = group.jsons[index];
        const gov = group.govs[index];
        const own = byIndex.get(index) ?? [];
        const kruise = isKruiseObject(json);
        // The API server's metadata rules, unless Kruise's admission of the kind
        // already reported on the metadata (it validates ObjectMeta for most kinds).
        if (kruise && !own.some(f => f.path === 'metadata' || f.path.startsWith('metadata.'))) {
          for (const p of objectMetadataProblems(json)) {
            own.push({ path: p.path, message: p.message, fix: p.fix, rule: 'apiserver/metadata', severity: 'error' });
          }
        }
        const errors: string[] = [];
        const warnings: string[] = [];
        const meta = objectOr(json.metadata);
        const namespace = stringOr(meta.namespace);
        const name = stringOr(meta.name);
        const kind = stringOr(json.kind) ?? obj.kind;
        const where = `${kind} ${namespace !== undefined ? `${namespace}/` : ''}${String(meta.name ?? '(unnamed)')}`;
        for (const raw of own) {
          // Gate findings: the fix names the install and how to turn the gate on there.
          const f = withInstallFix(raw, install, offGates);
          const line = `${where}: ${f.path || '(object)'}: ${f.message} [${f.rule}]${f.fix ? `; ${f.fix}` : ''}`;
          if (f.severity === 'error' || this.strict) errors.push(line);
          else warnings.push(line);
          findings.push({
            constructPath: obj.node.path,
            apiVersion: stringOr(json.apiVersion) ?? obj.apiVersion,
            kind,
            namespace,
            name,
            path: f.path,
            message: f.message,
            fix: f.fix,
            rule: f.rule,
            severity: f.severity,
          });
        }
        // Several installs could govern the object and none was chosen: said once per chart,
        // for Kruise objects (their version matters) and objects with a knob that needs a gate.
        if (gov.reason === 'ambiguous' && (kruise || gateFindings(json, { version: version.version, gate: () => false }).length > 0)) {
          const chart = chartOf(obj) ?? this.root;
          if (!ambiguousCharts.has(chart)) {
            ambiguousCharts.add(chart);
            const candidates = (gov.candidates ?? []).map(i => i.node.path).join(', ');
            chartErrors.set(chart, [...(chartErrors.get(chart) ?? []),
              `several Kruise installs could govern the Kruise objects of ${chart.node.path || 'the app'} (${candidates}) and none is declared in this chart [review/ambiguous-install]; `
              + 'choose one with KruiseReview.of(app).assignInstall(chart, install), or declare the install in this chart (Kruise.fromExisting() for one managed elsewhere)']);
          }
        }
        rendered.set(obj, json);
        if (errors.length > 0) errorsOf.set(obj, errors);
        this.recordWarnings(obj, warnings);
        this.hook(obj);
      });
    }
    for (const chart of chartErrors.keys()) this.hookChart(chart);
    if (chartErrors.size === 0 && errorsOf.size === 0) handOver(rendered);
    this.rendered = rendered;
    this.errors = errorsOf;
    this.lastGroups = reviewed;
    this.chartErrors = chartErrors;
    this.lastFindings = findings;
    return chartErrors.get(this.root) ?? [];
  }

  /** Adds `warnings` as `warning` metadata of `obj` (each once). */
  private recordWarnings(obj: ApiObject, warnings: string[]): void {
    if (warnings.length === 0) return;
    let done = this.warned.get(obj);
    if (!done) {
      done = new Set();
      this.warned.set(obj, done);
    }
    for (const w of warnings) {
      if (done.has(w)) continue;
      done.add(w);
      obj.node.addMetadata('warning', w);
    }
  }

  /** Makes `obj` report its own errors (once per object). */
  private hook(obj: ApiObject): void {
    if (this.hooked.has(obj)) return;
    this.hooked.add(obj);
    obj.node.addValidation(new ObjectErrors(this, obj));
  }

  private hookChart(chart: IConstruct): void {
    if (this.hookedCharts.has(chart)) return;
    this.hookedCharts.add(chart);
    if (chart === this.root) return; // reported by the root below
    chart.node.addValidation({ validate: () => this.chartErrors.get(chart) ?? [] });
  }
}

/** An object's validation: its errors in the review (one small object per ApiObject, no closure). */
class ObjectErrors implements IValidation {
  public constructor(private readonly review: KruiseReview, private readonly obj: ApiObject) {}

  public validate(): string[] {
    return this.review._errorsOf(this.obj);
  }
}

/**
 * Hands the review's renderings to the synthesis that runs the review, so that
 * each object is rendered once per synthesis: cdk8s renders every object again
 * right after the validations (`_synthChart`, `synthYaml`: validate, then
 * `toJson()` of each object), and nothing changes an object in between. The
 * next `toJson()` of each reviewed object returns the JSON the review checked
 * (so what is emitted is exactly what was reviewed), once; renderings the
 * synthesis did not take are dropped when the synchronous synthesis is over
 * (a microtask), and a later `toJson()` renders afresh. Only after a review
 * without errors: a synthesis that fails renders nothing.
 */
function handOver(rendered: Map<ApiObject, JsonObject>): void {
  const handed: ApiObject[] = [];
  for (const [obj, json] of rendered) {
    if (Object.prototype.hasOwnProperty.call(obj, 'toJson')) continue; // its author gave it a toJson of its own
    Object.defineProperty(obj, 'toJson', { configurable: true, writable: true, value: handedToJson });
    HANDED.set(obj, json);
    handed.push(obj);
  }
  if (handed.length > 0) queueMicrotask(() => handed.forEach(takeBack));
}

/** The renderings handed over: each object's next `toJson()` returns its own (see handOver). */
const HANDED = new WeakMap<ApiObject, JsonObject>();

/**
 * The `toJson` of an object with a rendering handed over: that rendering,
 * once. One function for all of them (an app has thousands), not a closure each.
 */
function handedToJson(this: ApiObject): JsonObject {
  const json = HANDED.get(this);
  takeBack(this);
  // None handed over (the function copied onto another object): the object's own class renders it.
  return json ?? (Object.getPrototypeOf(this) as ApiObject).toJson.call(this);
}

/** Drops the rendering handed over for `obj`, if any: its next `toJson()` renders afresh. */
function takeBack(obj: ApiObject): void {
  if (!HANDED.delete(obj)) return;
  Reflect.deleteProperty(obj, 'toJson');
}

const WARNED = new WeakMap<IConstruct, Set<string>>();

/**
 * Records a synth-time warning on `scope` (as `warning` metadata, like the
 * review's own warnings): for constructs whose props Kruise accepts but that
 * are probably not what was meant. Each message is recorded once.
 */
export function addSynthWarning(scope: IConstruct, message: string): void {
  let done = WARNED.get(scope);
  if (!done) {
    done = new Set();
    WARNED.set(scope, done);
  }
  if (done.has(message)) return;
  done.add(message);
  scope.node.addMetadata('warning', message);
}

/** The review of the app of `scope`, turned on (for the library's own constructs). */
export function enableReview(scope: IConstruct): KruiseReview {
  checkPeerCopies(scope.node.scope ?? scope);
  return KruiseReview.of(scope);
}

/**
 * The JSON of `apiObject` as the running review rendered it, or a fresh
 * rendering when it was not reviewed (checks that read the emitted object
 * use this, so that each object is rendered once per synthesis).
 */
export function renderedJson(apiObject: ApiObject): JsonObject {
  return REVIEWS.get(apiObject.node.root)?._renderedJson(apiObject) ?? objectOr(apiObject.toJson());
}

/** A gate finding's fix, made concrete: the install's path and how to turn the gate on there. */
function withInstallFix(f: Finding, install: IKruiseInstall | undefined, offGates: FeatureGate[]): Finding {
  if (!install) return f;
  const gate = offGates.find(g => new RegExp(`\\b${g.name}\\b`).test(f.message));
  if (!gate) return f;
  return {
    ...f,
    message: f.message.replace(/the Kruise install that runs (this object|it)/, `the Kruise install at ${install.node.path}`),
    fix: install.howToEnable(gate),
  };
}

function knownGate(name: string): FeatureGate | undefined {
  try {
    return FeatureGate.of(name);
  } catch {
    return undefined;
  }
}

/** The review of the objects one install governs. */
interface GroupReview extends GroupObjects {
  /** The Kruise version and the install's gate settings it ran with. */
  readonly key: string;
  readonly found: ReadonlyArray<ObjectFinding>;
}

/** Whether `b` holds the same objects as `a`, in the same order, rendered alike. */
function sameObjects(a: GroupObjects, b: GroupObjects): boolean {
  if (a.objs.length !== b.objs.length) return false;
  for (let i = 0; i < a.objs.length; i++) {
    if (a.objs[i] !== b.objs[i] || !sameJson(a.jsons[i], b.jsons[i])) return false;
  }
  return true;
}

/** Deep equality of two JSON values, key order included (messages may follow it). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (!isJsonObject(a) || !isJsonObject(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    if (ka[i] !== kb[i] || !sameJson(a[ka[i]], b[ka[i]])) return false;
  }
  return true;
}

