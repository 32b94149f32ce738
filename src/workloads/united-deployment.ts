import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { AdvancedStatefulSet, AdvancedStatefulSetSpecOptions, PvcRetention, PvcRetentionPolicy } from './advanced-stateful-set';
import { CloneSet, CloneSetSpecOptions } from './clone-set';
import { requireKruiseVersion } from './kruise-version-check';
import { KruiseWorkload, KruiseWorkloadProps } from './kruise-workload';
import { VolumeClaimTemplateOptions, VolumeClaimTemplates } from './volume-claim-templates';
import { isJsonObject, JsonObject } from '../base/json';
import { LABEL_RULE } from '../base/names';
import { deploymentStrategyJson } from '../common/cdk8s-internals';
import { IntOrPercent } from '../common/int-or-percent';
import { intOrString, l1Json } from '../common/l1-values';
import { checkDnsLabel } from '../common/object-meta';
import { NodeSelectorRequirementSpec, nodeSelectorRequirementToJson, TolerationSpec, tolerationToJson } from '../common/scheduling-spec';
import { wholeSeconds } from '../common/value-checks';
import {
  toJson_CloneSetSpec, toJson_UnitedDeploymentSpec, UnitedDeploymentSpec, UnitedDeploymentSpecTopologySubsets,
  UnitedDeploymentSpecTopologySubsetsMaxReplicas, UnitedDeploymentSpecTopologySubsetsMinReplicas, UnitedDeploymentSpecTopologySubsetsReplicas,
} from '../imports/apps.kruise.io';
import { invalid } from '../validation/errors';
import { KruiseVersion } from '../version';

/** The workload kind each subset of a UnitedDeployment is made of (the key under `spec.template`). */
export enum UnitedDeploymentTemplateKind {
  /** Kruise Advanced StatefulSet (`advancedStatefulSetTemplate`). */
  ADVANCED_STATEFUL_SET = 'advancedStatefulSetTemplate',
  /** Kruise CloneSet (`cloneSetTemplate`). */
  CLONE_SET = 'cloneSetTemplate',
  /** Kubernetes StatefulSet (`statefulSetTemplate`). */
  STATEFUL_SET = 'statefulSetTemplate',
  /** Kubernetes Deployment (`deploymentTemplate`). */
  DEPLOYMENT = 'deploymentTemplate',
}

/** Metadata of the subset workloads a UnitedDeployment creates. */
export interface UnitedDeploymentTemplateOptions {
  /**
   * Labels of each subset workload (`template.<kind>.metadata.labels`).
   * Kruise requires the UnitedDeployment's selector to match them for
   * StatefulSet, Advanced StatefulSet and Deployment templates, so for those
   * the selector's matchLabels are always included.
   * @default - the selector's matchLabels for StatefulSet, Advanced StatefulSet
   * and Deployment templates (what Kruise requires); none for CloneSet
   */
  readonly labels?: { [key: string]: string };
  /** Annotations of each subset workload. @default - none */
  readonly annotations?: { [key: string]: string };
}

/**
 * An Advanced StatefulSet subset template. No replicas (the UnitedDeployment
 * sets them per subset) and no partition (set it per subset with `addSubset`).
 */
export interface UnitedDeploymentAdvancedStatefulSetOptions extends UnitedDeploymentTemplateOptions, AdvancedStatefulSetSpecOptions {}

/**
 * A CloneSet subset template. No replicas (the UnitedDeployment sets them per
 * subset) and no partition (set it per subset with `addSubset`).
 */
export interface UnitedDeploymentCloneSetOptions extends UnitedDeploymentTemplateOptions, CloneSetSpecOptions {}

/** A Kubernetes StatefulSet subset template (no replicas, no partition). */
export interface UnitedDeploymentStatefulSetOptions extends UnitedDeploymentTemplateOptions {
  /** The governing (headless) Service. @default - none */
  readonly serviceName?: string;
  /** Start pods one by one in ordinal order, or all at once. @default - Kubernetes' default, OrderedReady */
  readonly podManagementPolicy?: kplus.PodManagementPolicy;
  /** How long a new pod must be ready to count as available. @default - 0 */
  readonly minReady?: Duration;
  /** Old revisions to keep. @default - Kubernetes' default, 10 */
  readonly revisionHistoryLimit?: number;
  /** What happens to the PVCs of volume claim templates. @default - Kubernetes' default, Retain */
  readonly pvcRetentionPolicy?: PvcRetentionPolicy;
  /**
   * PersistentVolumeClaim templates, as Kubernetes objects. For typed ones
   * with a volume to mount, use `UnitedDeployment.addVolumeClaimTemplate()`.
   * @default - none
   */
  readonly volumeClaimTemplates?: { [key: string]: unknown }[];
}

/** A Kubernetes Deployment subset template (no replicas). */
export interface UnitedDeploymentDeploymentOptions extends UnitedDeploymentTemplateOptions {
  /** How pods are replaced. @default - Kubernetes' default, a 25%/25% rolling update */
  readonly strategy?: kplus.DeploymentStrategy;
  /** How long a new pod must be ready to count as available. @default - 0 */
  readonly minReady?: Duration;
  /** How long a rollout may make no progress before it counts as failed. @default - Kubernetes' default, 10 minutes */
  readonly progressDeadline?: Duration;
  /** Old revisions to keep. @default - Kubernetes' default, 10 */
  readonly revisionHistoryLimit?: number;
}

/** The options of any template kind (each kind reads its own). */
type UnitedDeploymentTemplateAllOptions = UnitedDeploymentAdvancedStatefulSetOptions | UnitedDeploymentCloneSetOptions
| UnitedDeploymentStatefulSetOptions | UnitedDeploymentDeploymentOptions;

/**
 * The workload each subset of a UnitedDeployment is made of
 * (`spec.template`). The pods (containers, volumes, scheduling) are
 * configured on the UnitedDeployment itself, as on any cdk8s-plus workload.
 * @see https://openkruise.io/docs/user-manuals/uniteddeployment
 */
export class UnitedDeploymentTemplate {
  /** Subsets are Kruise Advanced StatefulSets. */
  public static advancedStatefulSet(options: UnitedDeploymentAdvancedStatefulSetOptions = {}): UnitedDeploymentTemplate {
    return new UnitedDeploymentTemplate(UnitedDeploymentTemplateKind.ADVANCED_STATEFUL_SET, options);
  }

  /** Subsets are Kruise CloneSets. */
  public static cloneSet(options: UnitedDeploymentCloneSetOptions = {}): UnitedDeploymentTemplate {
    return new UnitedDeploymentTemplate(UnitedDeploymentTemplateKind.CLONE_SET, options);
  }

  /** Subsets are Kubernetes StatefulSets. */
  public static statefulSet(options: UnitedDeploymentStatefulSetOptions = {}): UnitedDeploymentTemplate {
    return new UnitedDeploymentTemplate(UnitedDeploymentTemplateKind.STATEFUL_SET, options);
  }

  /** Subsets are Kubernetes Deployments. */
  public static deployment(options: UnitedDeploymentDeploymentOptions = {}): UnitedDeploymentTemplate {
    return new UnitedDeploymentTemplate(UnitedDeploymentTemplateKind.DEPLOYMENT, options);
  }

  private constructor(
    /** The workload kind. */
    public readonly kind: UnitedDeploymentTemplateKind,
    /** @internal */
    public readonly _options: UnitedDeploymentTemplateAllOptions) {}
}

/**
 * One subset of a UnitedDeployment: a slice of the pods on a pool of nodes.
 * Give `replicas`, or `minReplicas`/`maxReplicas`, the same way on every subset.
 * @see https://openkruise.io/docs/user-manuals/uniteddeployment
 */
export interface UnitedDeploymentSubset {
  /** Subset name (a DNS label, unique in the UnitedDeployment). */
  readonly name: string;
  /**
   * Node label requirements of the subset's pods (`nodeSelectorTerm.matchExpressions`):
   * cdk8s-plus-28 `NodeLabelQuery` objects, or the same as plain values
   * (`{ key, operator, values }`, for apps on another cdk8s-plus major).
   * @default - no node requirements
   */
  readonly nodeSelectorTerm?: Array<kplus.NodeLabelQuery | NodeSelectorRequirementSpec>;
  /**
   * Taints the subset's pods tolerate: cdk8s-plus-28 `NodeTaintQuery` objects,
   * or the same as plain values (`{ key, operator, value, effect, tolerationSeconds }`).
   * @default - none
   */
  readonly tolerations?: Array<kplus.NodeTaintQuery | TolerationSpec>;
  /**
   * Pods of this subset (a count, or a percentage of `replicas`). Exclusive
   * with minReplicas/maxReplicas.
   * @default - the pods the other subsets leave
   */
  readonly replicas?: IntOrPercent;
  /** At least this many pods (elastic subsets). Exclusive with replicas. @default - 0 */
  readonly minReplicas?: IntOrPercent;
  /** At most this many pods (elastic subsets; one subset must be unbounded). Exclusive with replicas. @default - unbounded */
  readonly maxReplicas?: IntOrPercent;
  /**
   * A strategic merge patch applied to this subset's workload, e.g.
   * `{ metadata: { labels: { zone: 'a' } } }` or container resources.
   * @default - none
   * @see https://openkruise.io/docs/user-manuals/uniteddeployment#subset-patch
   */
  readonly patch?: { [key: string]: unknown };
  /**
   * Pods of this subset kept at the old revision during an update
   * (`updateStrategy.manualUpdate.partitions`).
   * @default - none (0)
   * @see https://openkruise.io/docs/user-manuals/uniteddeployment#manual-update-strategy
   */
  readonly partition?: number;
}

/** The schedule strategy types of a UnitedDeployment (`spec.topology.scheduleStrategy.type`). */
export enum UnitedDeploymentScheduleType {
  /** Pods stay in the subset they were given, even when they cannot be scheduled there. */
  FIXED = 'Fixed',
  /** Pods that cannot be scheduled in their subset are moved to a subset with room. */
  ADAPTIVE = 'Adaptive',
}

/** Options of {@link UnitedDeploymentScheduleStrategy.adaptive}. */
export interface UnitedDeploymentAdaptiveOptions {
  /**
   * How long a pod may stay unschedulable in its subset before Kruise moves
   * it to another subset (whole seconds).
   * @default - Kruise's default, 30 seconds
   */
  readonly rescheduleCritical?: Duration;
  /**
   * How long a subset counts as unschedulable (and gets no pods moved to it)
   * after a pod could not be scheduled there (whole seconds).
   * @default - Kruise's default, 300 seconds
   */
  readonly unschedulableLast?: Duration;
}

/**
 * How a UnitedDeployment places pods among its subsets
 * (`spec.topology.scheduleStrategy`; Kruise 1.8 and later).
 * @see https://openkruise.io/docs/user-manuals/uniteddeployment
 */
export class UnitedDeploymentScheduleStrategy {
  /** Pods stay in the subset they were given (Kruise's default). */
  public static fixed(): UnitedDeploymentScheduleStrategy {
    return new UnitedDeploymentScheduleStrategy(UnitedDeploymentScheduleType.FIXED, undefined);
  }

  /**
   * Pods that stay unschedulable in their subset are moved to a subset with
   * room; a subset that failed to schedule a pod is skipped for a while.
   */
  public static adaptive(options: UnitedDeploymentAdaptiveOptions = {}): UnitedDeploymentScheduleStrategy {
    return new UnitedDeploymentScheduleStrategy(UnitedDeploymentScheduleType.ADAPTIVE, options);
  }

  private constructor(
    /** The strategy type. */
    public readonly type: UnitedDeploymentScheduleType,
    private readonly adaptiveOptions: UnitedDeploymentAdaptiveOptions | undefined) {}

  /** @internal */
  public _toKube(scope: Construct): ScheduleStrategyJson {
    const o = this.adaptiveOptions;
    const field = 'spec.topology.scheduleStrategy.adaptive';
    const adaptive = o && {
      rescheduleCriticalSeconds: wholeSeconds(scope, `${field}.rescheduleCriticalSeconds`, o.rescheduleCritical),
      unschedulableLastSeconds: wholeSeconds(scope, `${field}.unschedulableLastSeconds`, o.unschedulableLast),
    };
    const given = adaptive && Object.values(adaptive).some(v => v !== undefined);
    return { type: this.type, adaptive: given ? adaptive : undefined };
  }
}

/** `topology.scheduleStrategy` as the API takes it (Kruise 1.8; not in the generated 1.7 type). */
interface ScheduleStrategyJson {
  readonly type: UnitedDeploymentScheduleType;
  readonly adaptive?: { rescheduleCriticalSeconds?: number; unschedulableLastSeconds?: number };
}

/** Properties of {@link UnitedDeployment}. */
export interface UnitedDeploymentProps extends KruiseWorkloadProps {
  /** The workload kind of the subsets and its settings. */
  readonly template: UnitedDeploymentTemplate;
  /**
   * Desired pods over all subsets. Required when a subset uses a percentage
   * or min/max replicas, or when some subset has no replicas.
   * @default - the sum of the subsets' replicas
   */
  readonly replicas?: number;
  /** Old revisions to keep. @default - Kruise's default, 10 */
  readonly revisionHistoryLimit?: number;
  /** Subsets; more with `addSubset()`. @default - none */
  readonly subsets?: UnitedDeploymentSubset[];
  /**
   * How pods are placed among the subsets (Kruise 1.8 and later).
   * @default - Kruise's default, fixed
   * @see https://openkruise.io/docs/user-manuals/uniteddeployment
   */
  readonly scheduleStrategy?: UnitedDeploymentScheduleStrategy;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * OpenKruise UnitedDeployment: one pod template spread over subsets (node
 * pools), each a StatefulSet, Advanced StatefulSet, CloneSet or Deployment
 * that Kruise creates and sizes.
 *
 * The UnitedDeployment is a cdk8s-plus workload: its containers, volumes,
 * pod metadata and scheduling form the pod template of every subset. Its
 * selector (`select()`, or the default address label) is also the selector
 * of the subset workloads.
 *
 * @see https://openkruise.io/docs/user-manuals/uniteddeployment
 */
export class UnitedDeployment extends KruiseWorkload {
  /** The UnitedDeployment resource type, for RBAC. */
  public readonly resourceType = 'uniteddeployments';

  /** Desired pods over all subsets. */
  public readonly replicas?: number;
  /** The subset workload template. */
  public readonly template: UnitedDeploymentTemplate;

  private readonly props: UnitedDeploymentProps;
  private readonly subsetList: UnitedDeploymentSubset[] = [];
  private readonly claimTemplates?: VolumeClaimTemplates;

  public constructor(scope: Construct, id: string, props: UnitedDeploymentProps) {
    super(scope, id, { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'UnitedDeployment' }, props);
    if (typeof props?.template?.kind !== 'string' || typeof props.template._options !== 'object') {
      throw invalid(this, 'spec.template', props?.template, 'Kruise requires exactly one subset workload template', 'give template: UnitedDeploymentTemplate.cloneSet({...}), advancedStatefulSet(), statefulSet() or deployment()');
    }
    this.props = props;
    this.replicas = props.replicas;
    this.template = props.template;
    if (props.replicas !== undefined && (!Number.isInteger(props.replicas) || props.replicas < 0)) {
      throw invalid(this, 'spec.replicas', props.replicas, 'replicas must be a whole number >= 0', 'set replicas to 0 or more');
    }
    if (props.revisionHistoryLimit !== undefined && (!Number.isInteger(props.revisionHistoryLimit) || props.revisionHistoryLimit < 0)) {
      throw invalid(this, 'spec.revisionHistoryLimit', props.revisionHistoryLimit, 'revisionHistoryLimit must be a whole number >= 0', 'set it to 0 or more');
    }
    if (props.restartPolicy !== undefined && props.restartPolicy !== 'Always') {
      throw invalid(this, 'spec.template.spec.restartPolicy', props.restartPolicy, 'the pods of UnitedDeployment subsets must restart Always', 'remove restartPolicy');
    }
    const kind = props.template.kind;
    const o = props.template._options;
    if (kind !== UnitedDeploymentTemplateKind.DEPLOYMENT) {
      this.claimTemplates = new VolumeClaimTemplates(this, `${this.templatePath}.spec.volumeClaimTemplates`, (o as UnitedDeploymentStatefulSetOptions).volumeClaimTemplates);
    }
    if (kind === UnitedDeploymentTemplateKind.ADVANCED_STATEFUL_SET) {
      const partition = (o as AdvancedStatefulSetSpecOptions).updateStrategy?.partition;
      if (partition !== undefined) {
        throw invalid(this, `${this.templatePath}.spec.updateStrategy.rollingUpdate.partition`, partition, 'Kruise rejects a partition in the template: the UnitedDeployment sets one per subset', 'give addSubset({ partition }) instead');
      }
      AdvancedStatefulSet._prepare(this, o as AdvancedStatefulSetSpecOptions, `${this.templatePath}.spec`);
    }
    // A partition in a CloneSet template is accepted by Kruise (the UnitedDeployment
    // overwrites it per subset); the review warns.
    this.renderTemplateFields(); // rules of the template that need no later input fail here
    if (props.scheduleStrategy !== undefined && !(props.scheduleStrategy instanceof UnitedDeploymentScheduleStrategy)) {
      throw invalid(this, 'spec.topology.scheduleStrategy', props.scheduleStrategy, 'not a UnitedDeploymentScheduleStrategy', 'use UnitedDeploymentScheduleStrategy.fixed() or UnitedDeploymentScheduleStrategy.adaptive()');
    }
    const scheduleStrategy = props.scheduleStrategy?._toKube(this);
    requireKruiseVersion(this, KruiseVersion.V1_8, 'spec.topology.scheduleStrategy', () => scheduleStrategy);
    for (const s of props.subsets ?? []) this.addSubset(s);
    // The selector against the template labels, and the subset replicas
    // (exclusive forms, percentages, sums): Kruise's rules, checked by the
    // app's review on the emitted object.
  }

  /** Adds a subset. Names must be unique DNS labels. */
  public addSubset(subset: UnitedDeploymentSubset): void {
    const i = this.subsetList.length;
    const field = `spec.topology.subsets[${i}]`;
    if (!DNS_LABEL.test(subset.name) || subset.name.length > 63) {
      throw invalid(this, `${field}.name`, subset.name, 'subset names must be DNS labels (they name the subset workloads)', 'use lower-case letters, digits and dashes, at most 63 characters');
    }
    if (this.subsetList.some(s => s.name === subset.name)) {
      throw invalid(this, `${field}.name`, subset.name, 'subset names must be unique', 'give each subset its own name');
    }
    if (subset.replicas !== undefined && (subset.minReplicas !== undefined || subset.maxReplicas !== undefined)) {
      throw invalid(this, `${field}.replicas`, subset.replicas.toJson(), 'replicas and minReplicas/maxReplicas are mutually exclusive', 'give either replicas or minReplicas/maxReplicas');
    }
    const { minReplicas: min, maxReplicas: max } = subset;
    if (min && max && min.isPercent === max.isPercent && min.value > max.value) {
      throw invalid(this, `${field}.minReplicas`, min.toJson(), `minReplicas is above maxReplicas (${JSON.stringify(max.toJson())})`, 'lower minReplicas or raise maxReplicas');
    }
    if (subset.partition !== undefined && (!Number.isInteger(subset.partition) || subset.partition < 0)) {
      throw invalid(this, `spec.updateStrategy.manualUpdate.partitions.${subset.name}`, subset.partition, 'a partition must be a whole number >= 0', 'set it to 0 or more');
    }
    this.subsetJson(subset, field); // bad node requirements or tolerations fail here
    this.subsetList.push({ ...subset });
  }

  /** A subset as the API takes it; throws on malformed plain node requirements or tolerations. */
  private subsetJson(s: UnitedDeploymentSubset, field: string): UnitedDeploymentSpecTopologySubsets {
    const matchExpressions = (s.nodeSelectorTerm ?? []).map((q, i) => {
      try {
        return nodeSelectorRequirementToJson(q);
      } catch (e) {
        throw invalid(this, `${field}.nodeSelectorTerm.matchExpressions[${i}]`, q, (e as Error).message,
          "give a NodeLabelQuery (Node.labeled(...)), or { key, operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt', values }");
      }
    });
    const tolerations = (s.tolerations ?? []).map((t, i) => {
      try {
        return tolerationToJson(t);
      } catch (e) {
        throw invalid(this, `${field}.tolerations[${i}]`, t, (e as Error).message,
          "give a NodeTaintQuery (NodeTaintQuery.is(...)), or { key, operator: 'Equal' | 'Exists', value, effect, tolerationSeconds }");
      }
    });
    return {
      name: s.name,
      nodeSelectorTerm: matchExpressions.length > 0 ? { matchExpressions } : undefined,
      tolerations: tolerations.length > 0 ? tolerations : undefined,
      replicas: intOrString(UnitedDeploymentSpecTopologySubsetsReplicas, s.replicas),
      minReplicas: intOrString(UnitedDeploymentSpecTopologySubsetsMinReplicas, s.minReplicas),
      maxReplicas: intOrString(UnitedDeploymentSpecTopologySubsetsMaxReplicas, s.maxReplicas),
      patch: s.patch,
    };
  }

  /** The subsets. */
  public get subsets(): UnitedDeploymentSubset[] {
    return [...this.subsetList];
  }

  /**
   * Adds a PersistentVolumeClaim template to the subset workloads (not for
   * Deployment templates) and returns the volume to mount in containers.
   */
  public addVolumeClaimTemplate(name: string, options: VolumeClaimTemplateOptions = {}): kplus.Volume {
    if (!this.claimTemplates) {
      throw invalid(this, `${this.templatePath}.spec.volumeClaimTemplates`, name, 'Deployments have no volume claim templates', 'use a StatefulSet, Advanced StatefulSet or CloneSet template');
    }
    return this.claimTemplates.add(name, options);
  }

  /**
   * The generated type serves all but two parts: `template` (each kind's
   * template spec is its own kind's spec, rendered with that kind's
   * converter) and Kruise 1.8's `topology.scheduleStrategy`.
   */
  protected renderSpec(): { [key: string]: unknown } {
    const subsets = this.subsetList.map((s, i) => this.subsetJson(s, `spec.topology.subsets[${i}]`));
    const partitioned = this.subsetList.filter(s => s.partition !== undefined);
    const scheduleStrategy = this.props.scheduleStrategy?._toKube(this);
    const spec: UnitedDeploymentSpec = {
      replicas: this.props.replicas,
      revisionHistoryLimit: this.props.revisionHistoryLimit,
      selector: this._selector(),
      topology: subsets.length > 0 ? { subsets } : undefined,
      updateStrategy: partitioned.length > 0 ? {
        type: 'Manual',
        manualUpdate: { partitions: Object.fromEntries(partitioned.map(s => [s.name, s.partition!])) },
      } : undefined,
    };
    const json = l1Json(toJson_UnitedDeploymentSpec(spec));
    json.template = this.renderTemplate();
    if (scheduleStrategy) json.topology = { ...(isJsonObject(json.topology) ? json.topology : {}), scheduleStrategy };
    return json;
  }

  private get templatePath(): string {
    return `spec.template.${this.props.template.kind}`;
  }

  /** @internal */
  protected _podTemplatePath(): string {
    return `${this.templatePath}.spec.template`;
  }

  /** `spec.template`: the one subset workload template. */
  private renderTemplate(): JsonObject {
    const kind = this.props.template.kind;
    const pod = this._podTemplate();
    this.claimTemplates?.stripPodVolumes(pod.spec);
    const selector = this._selector();
    const o = this.props.template._options;
    const field = `${this.templatePath}.spec`;
    let spec: JsonObject;
    switch (kind) {
      case UnitedDeploymentTemplateKind.ADVANCED_STATEFUL_SET:
        spec = AdvancedStatefulSet._specJson({ selector, template: pod, ...this.advancedStatefulSetFields(field, o) });
        break;
      case UnitedDeploymentTemplateKind.CLONE_SET:
        spec = l1Json(toJson_CloneSetSpec({
          selector, template: pod, ...CloneSet._renderFields(this, field, o as CloneSetSpecOptions, this.claimTemplates),
        }));
        break;
      // Kubernetes StatefulSet and Deployment specs: the API's own types, kept as JSON.
      case UnitedDeploymentTemplateKind.STATEFUL_SET:
        spec = { selector, template: pod, ...this.renderStatefulSetFields(field, o as UnitedDeploymentStatefulSetOptions) };
        break;
      default:
        spec = { selector, template: pod, ...this.renderDeploymentFields(field, o as UnitedDeploymentDeploymentOptions) };
    }
    return { [kind]: { metadata: this.templateMetadata(), spec } };
  }

  /** The kind-specific fields of the template's spec (checks only: the rules that need no later input). */
  private renderTemplateFields(): void {
    const o = this.props.template._options;
    const field = `${this.templatePath}.spec`;
    switch (this.props.template.kind) {
      case UnitedDeploymentTemplateKind.ADVANCED_STATEFUL_SET:
        this.advancedStatefulSetFields(field, o);
        break;
      case UnitedDeploymentTemplateKind.CLONE_SET:
        CloneSet._renderFields(this, field, o as CloneSetSpecOptions, this.claimTemplates);
        break;
      case UnitedDeploymentTemplateKind.STATEFUL_SET:
        this.renderStatefulSetFields(field, o as UnitedDeploymentStatefulSetOptions);
        break;
      default:
        this.renderDeploymentFields(field, o as UnitedDeploymentDeploymentOptions);
    }
  }

  /** The Advanced StatefulSet fields of the template (the kind says the options are an Advanced StatefulSet's). */
  private advancedStatefulSetFields(field: string, options: UnitedDeploymentTemplateAllOptions) {
    const o = options as UnitedDeploymentAdvancedStatefulSetOptions;
    return AdvancedStatefulSet._renderFields(this, field, o, o.reserveOrdinals ?? [], this.claimTemplates);
  }

  private renderStatefulSetFields(field: string, o: UnitedDeploymentStatefulSetOptions): JsonObject {
    checkRevisionHistoryLimit(this, field, o.revisionHistoryLimit);
    if (o.serviceName !== undefined) checkDnsLabel(this, `${field}.serviceName`, o.serviceName, 'Service name', `${LABEL_RULE}, e.g. 'web-headless'`);
    const retentions = Object.values(PvcRetention) as string[];
    for (const when of ['whenDeleted', 'whenScaled'] as const) {
      const v = o.pvcRetentionPolicy?.[when];
      if (v !== undefined && !retentions.includes(v)) {
        throw invalid(this, `${field}.persistentVolumeClaimRetentionPolicy.${when}`, v, 'Kubernetes accepts Retain or Delete', 'use PvcRetention.RETAIN or PvcRetention.DELETE');
      }
    }
    return {
      serviceName: o.serviceName,
      podManagementPolicy: o.podManagementPolicy,
      minReadySeconds: wholeSeconds(this, `${field}.minReadySeconds`, o.minReady),
      revisionHistoryLimit: o.revisionHistoryLimit,
      persistentVolumeClaimRetentionPolicy: o.pvcRetentionPolicy && {
        whenDeleted: o.pvcRetentionPolicy.whenDeleted,
        whenScaled: o.pvcRetentionPolicy.whenScaled,
      },
      volumeClaimTemplates: this.claimTemplates?.render(),
    };
  }

  private renderDeploymentFields(field: string, o: UnitedDeploymentDeploymentOptions): JsonObject {
    checkRevisionHistoryLimit(this, field, o.revisionHistoryLimit);
    return {
      strategy: o.strategy && deploymentStrategyJson(o.strategy),
      minReadySeconds: wholeSeconds(this, `${field}.minReadySeconds`, o.minReady),
      progressDeadlineSeconds: wholeSeconds(this, `${field}.progressDeadlineSeconds`, o.progressDeadline),
      revisionHistoryLimit: o.revisionHistoryLimit,
    };
  }

  /** Metadata of the subset workloads: the given labels, plus (where Kruise requires it) the selector's matchLabels. */
  private templateMetadata(): JsonObject | undefined {
    const o: UnitedDeploymentTemplateOptions = this.props.template._options;
    const needsLabels = this.props.template.kind !== UnitedDeploymentTemplateKind.CLONE_SET;
    const labels = needsLabels ? { ...this._selector().matchLabels, ...o.labels } : o.labels;
    const metadata = {
      labels: labels && Object.keys(labels).length > 0 ? { ...labels } : undefined,
      annotations: o.annotations && { ...o.annotations },
    };
    return metadata.labels || metadata.annotations ? metadata : undefined;
  }
}

function checkRevisionHistoryLimit(scope: Construct, field: string, value: number | undefined): void {
  if (value !== undefined && (!Number.isInteger(value) || value < 0)) {
    throw invalid(scope, `${field}.revisionHistoryLimit`, value, 'revisionHistoryLimit must be a whole number >= 0', 'set it to 0 or more');
  }
}
