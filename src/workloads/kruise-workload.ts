import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { KruisePodKnobs } from './pod-knobs';
import { arrayOr, at, isJsonObject, JsonObject, objectOr, objectsOr } from '../base/json';
import { podSpecJson, workloadSelectorJson } from '../common/cdk8s-internals';
import { checkObjectMetadata, definedMetadata } from '../common/object-meta';
import { PlainBodyApiObject } from '../common/plain-body-object';
import { SelectorJson } from '../common/selector';
import { addSynthCheck } from '../common/synth-check';
import { registerCustomResource } from '../validation/install-registry';
import { addSynthWarning, renderedJson } from '../validation/kruise-review';
import { podTemplateErrors } from '../validation/object-rules';

/** The label cdk8s-plus puts on every pod (`cdk8s.io/metadata.addr`). */
const ADDRESS_LABEL = kplus.Pod.ADDRESS_LABEL;

/** The container props each container was created with (to tell what the user set). */
const CONTAINER_PROPS = new WeakMap<kplus.Container, kplus.ContainerProps>();

/** Properties shared by every Kruise workload with a pod template. */
export interface KruiseWorkloadProps extends kplus.WorkloadProps {
  /**
   * Pod readiness gates (condition types), e.g. `InPlaceUpdateReady`.
   * cdk8s-plus has no such option, so the Kruise workloads add it.
   * @default - none
   */
  readonly readinessGates?: string[];
}

/** A pod template as the API takes it. */
export interface PodTemplateJson {
  readonly metadata: JsonObject;
  readonly spec: JsonObject;
}

/** apiVersion and kind of a Kruise resource. */
export interface KruiseGvk {
  readonly apiVersion: string;
  readonly kind: string;
}

/** Renderings whose pod template warnings a workload has recorded (see the validation in KruiseWorkload). */
const CHECKED_RENDERINGS = new WeakSet<JsonObject>();

/**
 * Base of the Kruise workloads whose pods come from a template (CloneSet,
 * Advanced StatefulSet, Advanced DaemonSet, BroadcastJob). Built on
 * cdk8s-plus's `Workload`, so containers, volumes, env, probes and scheduling
 * work as they do for a cdk8s-plus Deployment.
 *
 * No unrequested defaults: cdk8s-plus fills in resource limits, security
 * contexts, `automountServiceAccountToken: false`, `imagePullPolicy: Always`
 * and other pod fields the user did not ask for. Kruise workloads drop every
 * such field the user did not set, so the pod is what the user wrote (and the
 * cluster's defaults apply). Give the prop explicitly to get a value. With
 * `select: false`, the pod label `cdk8s.io/metadata.addr` is dropped too,
 * unless something selects the pods through it (`toPodSelectorConfig()`:
 * affinity, services, network policies).
 *
 * The emitted object is a plain `ApiObject` (reach it with `ApiObject.of()`),
 * so JSON patches are never dropped.
 */
export abstract class KruiseWorkload extends kplus.Workload {
  /** The emitted custom resource. */
  protected readonly apiObject: ApiObject;

  /** `apiObject`, as the class it is. */
  private readonly resource: PlainBodyApiObject;
  private readonly podProps: KruiseWorkloadProps;
  private readonly extraReadinessGates: string[];
  private addressLabelUsed = false;

  protected constructor(scope: Construct, id: string, gvk: KruiseGvk, props: KruiseWorkloadProps) {
    super(scope, id, props);
    this.podProps = props;
    // BroadcastJob and AdvancedCronJob check their names with Kruise's stricter rule first (checkJobName).
    const ownNameRule = gvk.kind === 'BroadcastJob' || gvk.kind === 'AdvancedCronJob';
    checkObjectMetadata(this, ownNameRule && props.metadata ? { ...props.metadata, name: undefined } : props.metadata);
    this.extraReadinessGates = [...(props.readinessGates ?? [])];
    this.apiObject = this.resource = new PlainBodyApiObject(this, 'Resource', {
      apiVersion: gvk.apiVersion,
      kind: gvk.kind,
      metadata: definedMetadata(props.metadata),
    }, this);
    registerCustomResource(this.apiObject);
    addSynthCheck(this);
  }

  /**
   * The workload's own checks at synth (see addSynthCheck): a pod needs a
   * container; pod template problems Kruise admits become warnings.
   * @internal
   */
  public _checkAtSynth(): string[] {
    const pod = this._podTemplatePath();
    if (this.containers.length === 0) {
      return [`${pod}.spec.containers []: a pod needs at least one container; add one with the containers prop or addContainer()`];
    }
    // Metadata, schema, Kruise's admission rules (the pod template
    // included) and gates: the app's review, on the emitted object.
    // What Kruise admits but pods cannot run with is a warning: any pod
    // template problem where Kruise does not validate the pod spec
    // (Advanced StatefulSet), else image references no registry serves
    // (Kubernetes accepts any image string; the kubelet cannot pull them).
    const json = renderedJson(this.apiObject);
    // A later validation of the same synthesis gets the same rendering: its warnings are recorded.
    if (CHECKED_RENDERINGS.has(json)) return [];
    CHECKED_RENDERINGS.add(json);
    const template = at(json, ...pod.split('.'));
    const admitted = this._podSpecAdmitted();
    for (const w of podTemplateErrors(pod, template)) {
      if (!admitted) addSynthWarning(this, `${w} (Kruise accepts the ${this.apiObject.kind}, but the API server rejects its pods)`);
      else if (w.includes('not a valid image reference')) addSynthWarning(this, `${w} (Kubernetes accepts it, but no pod can pull it)`);
    }
    return [];
  }

  /**
   * Whether Kruise's admission validates this kind's pod spec (Advanced
   * StatefulSet's does not: only the template's labels and annotations).
   * @internal
   */
  protected _podSpecAdmitted(): boolean {
    return true;
  }

  /**
   * The API path of the pod template in the emitted object (for messages).
   * @internal
   */
  protected _podTemplatePath(): string {
    return 'spec.template';
  }

  /** Adds a container (cdk8s-plus props). */
  public addContainer(cont: kplus.ContainerProps): kplus.Container {
    const c = super.addContainer(cont);
    CONTAINER_PROPS.set(c, cont);
    return c;
  }

  /** Adds an init container (cdk8s-plus props); `restartPolicy: ALWAYS` makes it a native sidecar. */
  public addInitContainer(cont: kplus.ContainerProps): kplus.Container {
    const c = super.addInitContainer(cont);
    CONTAINER_PROPS.set(c, cont);
    return c;
  }

  /** Adds a pod readiness gate (condition type). Duplicates are ignored. */
  public addReadinessGate(conditionType: string): void {
    if (!this.extraReadinessGates.includes(conditionType)) this.extraReadinessGates.push(conditionType);
  }

  /**
   * Adds the `InPlaceUpdateReady` readiness gate to the pod template, so
   * Kruise can take pods out of service during in-place updates. Required by
   * Advanced StatefulSet in-place updates; CloneSet adds it itself. Kruise 0.3+.
   *
   * @see https://openkruise.io/docs/core-concepts/inplace-update
   */
  public addInPlaceUpdateReadinessGate(): void {
    this.addReadinessGate(KruisePodKnobs.IN_PLACE_UPDATE_READY);
  }

  /** The readiness gates of the pod template. */
  public get readinessGates(): string[] {
    return [...this.extraReadinessGates];
  }

  /**
   * Selecting this workload's pods (affinity, services, network policies)
   * uses cdk8s-plus's address label; the pod template then keeps it even with
   * `select: false`.
   */
  public toPodSelectorConfig(): kplus.PodSelectorConfig {
    this.addressLabelUsed = true;
    return super.toPodSelectorConfig();
  }

  /** The spec of the custom resource as the API takes it (rendered lazily at synth). */
  protected abstract renderSpec(): { [key: string]: unknown };

  /**
   * The emitted object's body: its spec (see renderSpec()).
   * @internal
   */
  public _renderBody(): { [key: string]: unknown } {
    return { spec: this.renderSpec() };
  }

  /** The label selector (`matchLabels`/`matchExpressions`) of the workload. */
  protected renderSelector(): { [key: string]: unknown } {
    return { ...this._selector() };
  }

  /** The pod template: metadata and spec, without cdk8s-plus's unrequested defaults. */
  protected renderPodTemplate(): { [key: string]: unknown } {
    return { ...this._podTemplate() };
  }

  /**
   * The label selector as the API takes it.
   * @internal
   */
  protected _selector(): SelectorJson {
    const json = workloadSelectorJson(this);
    const out: { -readonly [K in keyof SelectorJson]: SelectorJson[K] } = {};
    // cdk8s-plus renders labels as strings and expressions as { key, operator, values? }.
    if (isJsonObject(json.matchLabels)) out.matchLabels = json.matchLabels as { [key: string]: string };
    if (Array.isArray(json.matchExpressions)) {
      out.matchExpressions = objectsOr(json.matchExpressions).map(e => e.values === undefined
        ? { key: String(e.key), operator: String(e.operator) }
        : { key: String(e.key), operator: String(e.operator), values: arrayOr(e.values).map(String) });
    }
    return out;
  }

  /**
   * The pod template: metadata and spec, without cdk8s-plus's unrequested defaults.
   * @internal
   */
  protected _podTemplate(): PodTemplateJson {
    const spec = podSpecJson(this);
    neutraliseDefaults(spec, this.podProps, this.containers, this.initContainers);
    if (this.extraReadinessGates.length > 0) {
      spec.readinessGates = this.extraReadinessGates.map(conditionType => ({ conditionType }));
    }
    const metadata: JsonObject = { ...objectOr(this.resource.renderMetadata(this.podMetadata)) };
    // cdk8s-plus labels every pod with its construct address. With `select: false`
    // nothing selects by it unless toPodSelectorConfig() was asked for (affinity,
    // services, policies), so the label is dropped: the pod is what the user wrote.
    if (!(ADDRESS_LABEL in this.matchLabels) && !this.addressLabelUsed && isJsonObject(metadata.labels)) {
      const labels = { ...metadata.labels };
      delete labels[ADDRESS_LABEL];
      if (Object.keys(labels).length > 0) metadata.labels = labels;
      else delete metadata.labels;
    }
    return { metadata, spec };
  }
}

/**
 * Drops the fields cdk8s-plus renders on its own when the user did not set the
 * corresponding prop. Mutates `spec`, a pod spec in Kubernetes JSON form (as
 * `k8s.toJson_PodSpec` gives it: API field names, plain quantities).
 */
export function neutraliseDefaults(spec: JsonObject, podProps: kplus.AbstractPodProps, containers: kplus.Container[],
  initContainers: kplus.Container[]): void {
  const dns = podProps.dns;
  const unset: Array<[string, unknown]> = [
    ['securityContext', podProps.securityContext],
    ['automountServiceAccountToken', podProps.automountServiceAccountToken],
    ['restartPolicy', podProps.restartPolicy],
    ['hostNetwork', podProps.hostNetwork],
    ['terminationGracePeriodSeconds', podProps.terminationGracePeriod],
    ['dnsPolicy', dns?.policy],
    ['setHostnameAsFQDN', dns?.hostnameAsFQDN],
  ];
  for (const [field, given] of unset) {
    if (given === undefined) delete spec[field];
  }
  const strip = (rendered: unknown, conts: kplus.Container[]) => {
    (Array.isArray(rendered) ? rendered : []).forEach((c: unknown, i) => {
      if (!isJsonObject(c)) return;
      const p = CONTAINER_PROPS.get(conts[i]) ?? {} as kplus.ContainerProps;
      if (p.resources === undefined) delete c.resources;
      if (p.securityContext === undefined) delete c.securityContext;
      if (p.imagePullPolicy === undefined) delete c.imagePullPolicy;
      if (p.startup === undefined) delete c.startupProbe; // cdk8s-plus adds a TCP startup probe for any port
    });
  };
  strip(spec.containers, containers);
  strip(spec.initContainers, initContainers);
}

/**
 * Records the props a container was created with, so that `neutraliseDefaults`
 * can tell what the user set. For containers built outside a KruiseWorkload
 * (e.g. the sidecars of a SidecarSet).
 */
export function recordContainerProps(container: kplus.Container, props: kplus.ContainerProps): void {
  CONTAINER_PROPS.set(container, props);
}
