import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { KruiseWorkload, KruiseWorkloadProps } from './kruise-workload';
import { renderLifecycle, WorkloadLifecycle } from './lifecycle';
import { ImagePreDownloadOptions, KruisePodKnobs } from './pod-knobs';
import { PodUpdatePolicy, renderScatter, ScatterTerm, UpdatePriority } from './update-strategy';
import { VolumeClaimTemplateOptions, VolumeClaimTemplates } from './volume-claim-templates';
import { setImagePreDownload } from './workload-knobs';
import { IntOrPercent } from '../common/int-or-percent';
import { intOrString, l1Json } from '../common/l1-values';
import { checkObjectName } from '../common/object-meta';
import { requireUnique, wholeSeconds } from '../common/value-checks';
import {
  CloneSetSpec, CloneSetSpecScaleStrategyMaxUnavailable, CloneSetSpecUpdateStrategy, CloneSetSpecUpdateStrategyMaxSurge,
  CloneSetSpecUpdateStrategyMaxUnavailable, CloneSetSpecUpdateStrategyPartition, toJson_CloneSetSpec,
} from '../imports/apps.kruise.io';
import { invalid } from '../validation/errors';

/** Options common to every CloneSet update strategy. */
export interface CloneSetUpdateOptions {
  /** Pods (count or percent) kept at the old revision. @default - none (0) */
  readonly partition?: IntOrPercent;
  /** Pods that may be unavailable during the update. @default - Kruise's default, 20% */
  readonly maxUnavailable?: IntOrPercent;
  /** Extra pods created above replicas during the update (0 with InPlaceOnly). @default - Kruise's default, 0 */
  readonly maxSurge?: IntOrPercent;
  /** Stop updating pods. @default false */
  readonly paused?: boolean;
  /** Which pods update first. @default - Kruise's default order */
  readonly priority?: UpdatePriority;
  /** Label key/values whose pods the update spreads out. @default - none */
  readonly scatter?: ScatterTerm[];
}

/** Options of the in-place CloneSet update strategies. */
export interface CloneSetInPlaceUpdateOptions extends CloneSetUpdateOptions {
  /** Time between marking a pod not-ready and updating it in place. @default - no grace period */
  readonly gracePeriod?: Duration;
}

/**
 * The update strategy of a CloneSet (`spec.updateStrategy`).
 * @see https://openkruise.io/docs/user-manuals/cloneset#update-strategy
 */
export class CloneSetUpdateStrategy {
  /** Recreate pods on update. */
  public static recreate(options: CloneSetUpdateOptions = {}): CloneSetUpdateStrategy {
    return new CloneSetUpdateStrategy(PodUpdatePolicy.RECREATE, options);
  }

  /** Update in place when possible, else recreate. */
  public static inPlaceIfPossible(options: CloneSetInPlaceUpdateOptions = {}): CloneSetUpdateStrategy {
    return new CloneSetUpdateStrategy(PodUpdatePolicy.IN_PLACE_IF_POSSIBLE, options);
  }

  /** Update in place only (image changes); maxSurge must come to 0 pods. */
  public static inPlaceOnly(options: CloneSetInPlaceUpdateOptions = {}): CloneSetUpdateStrategy {
    return new CloneSetUpdateStrategy(PodUpdatePolicy.IN_PLACE_ONLY, options);
  }

  private constructor(public readonly type: PodUpdatePolicy, private readonly options: CloneSetInPlaceUpdateOptions) {}

  /** @internal */
  public _toKube(scope: Construct, field: string = 'spec.updateStrategy'): CloneSetSpecUpdateStrategy {
    const o = this.options;
    // Kruise rejects a maxSurge that comes to more than 0 pods with InPlaceOnly;
    // a count says so at once, a percentage depends on replicas (the review
    // judges it on the emitted object, as it does maxUnavailable/maxSurge both
    // below one pod, which Kruise accepts with 0 replicas).
    if (this.type === PodUpdatePolicy.IN_PLACE_ONLY && o.maxSurge !== undefined && !o.maxSurge.isPercent && !o.maxSurge.isZero) {
      throw invalid(scope, `${field}.maxSurge`, o.maxSurge.toJson(), 'Kruise rejects a maxSurge above 0 with InPlaceOnly', 'remove maxSurge (or set it to 0), or use CloneSetUpdateStrategy.inPlaceIfPossible()');
    }
    return {
      type: this.type,
      partition: intOrString(CloneSetSpecUpdateStrategyPartition, o.partition),
      maxUnavailable: intOrString(CloneSetSpecUpdateStrategyMaxUnavailable, o.maxUnavailable),
      maxSurge: intOrString(CloneSetSpecUpdateStrategyMaxSurge, o.maxSurge),
      paused: o.paused,
      priorityStrategy: o.priority?._toKube(scope, `${field}.priorityStrategy`),
      scatterStrategy: renderScatter(scope, `${field}.scatterStrategy`, o.scatter),
      inPlaceUpdateStrategy: o.gracePeriod ? { gracePeriodSeconds: wholeSeconds(scope, `${field}.inPlaceUpdateStrategy.gracePeriodSeconds`, o.gracePeriod) } : undefined,
    };
  }
}

/** The scale strategy of a CloneSet (`spec.scaleStrategy`). */
export interface CloneSetScaleStrategy {
  /** Pods that may be unavailable while scaling up. @default - no limit */
  readonly maxUnavailable?: IntOrPercent;
  /** Names of pods to delete first when scaling down (unique). @default - none */
  readonly podsToDelete?: string[];
  /** Do not reuse the PVCs of deleted pods. @default false */
  readonly disablePvcReuse?: boolean;
}

/**
 * The CloneSet spec fields other than replicas, selector and pod template
 * (shared with UnitedDeployment's CloneSet template).
 */
export interface CloneSetSpecOptions {
  /**
   * How long a new pod must be ready to count as available.
   * @default - 0
   * @see https://openkruise.io/docs/user-manuals/cloneset
   */
  readonly minReady?: Duration;
  /** Old revisions to keep. @default - Kruise's default, 10 */
  readonly revisionHistoryLimit?: number;
  /**
   * How pods are updated.
   * @default - Kruise's default, ReCreate
   * @see https://openkruise.io/docs/user-manuals/cloneset#update-strategy
   */
  readonly updateStrategy?: CloneSetUpdateStrategy;
  /**
   * How pods are scaled.
   * @default - none
   * @see https://openkruise.io/docs/user-manuals/cloneset#scale-features
   */
  readonly scaleStrategy?: CloneSetScaleStrategy;
  /**
   * Lifecycle hooks.
   * @default - none
   * @see https://openkruise.io/docs/user-manuals/cloneset#lifecycle-hook
   */
  readonly lifecycle?: WorkloadLifecycle;
  /**
   * PersistentVolumeClaim templates, as Kubernetes objects (kept as written,
   * like upstream's schema). For typed templates with a volume to mount, use
   * `addVolumeClaimTemplate()`.
   * @default - none
   * @see https://openkruise.io/docs/user-manuals/cloneset#support-pvc-template
   */
  readonly volumeClaimTemplates?: { [key: string]: unknown }[];
}

/** The CloneSet spec fields `CloneSet._renderFields` renders. */
type CloneSetFields = Omit<CloneSetSpec, 'replicas' | 'selector' | 'template'>;

/** Properties of {@link CloneSet}. */
export interface CloneSetProps extends KruiseWorkloadProps, CloneSetSpecOptions {
  /** Desired pods. @default - unset (Kruise's default, 1) */
  readonly replicas?: number;
}

/**
 * OpenKruise CloneSet: stateless pods with in-place update, partitions and
 * scale strategies.
 *
 * @see https://openkruise.io/docs/user-manuals/cloneset
 */
export class CloneSet extends KruiseWorkload {
  /**
   * The CloneSet fields of `options` as the API takes them; throws on rule
   * violations. `field` is the API path of the spec.
   * @internal
   */
  public static _renderFields(scope: Construct, field: string, o: CloneSetSpecOptions, claimTemplates?: VolumeClaimTemplates): CloneSetFields {
    (o.scaleStrategy?.podsToDelete ?? []).forEach((pod, i) => checkObjectName(scope, `${field}.scaleStrategy.podsToDelete[${i}]`, pod, 'pod name'));
    requireUnique(scope, `${field}.scaleStrategy.podsToDelete`, o.scaleStrategy?.podsToDelete, 'list each pod once');
    if (o.revisionHistoryLimit !== undefined && (!Number.isInteger(o.revisionHistoryLimit) || o.revisionHistoryLimit < 0)) {
      throw invalid(scope, `${field}.revisionHistoryLimit`, o.revisionHistoryLimit, 'revisionHistoryLimit must be a whole number >= 0', 'set it to 0 or more');
    }
    return {
      minReadySeconds: wholeSeconds(scope, `${field}.minReadySeconds`, o.minReady),
      revisionHistoryLimit: o.revisionHistoryLimit,
      updateStrategy: o.updateStrategy?._toKube(scope, `${field}.updateStrategy`),
      scaleStrategy: o.scaleStrategy && {
        maxUnavailable: intOrString(CloneSetSpecScaleStrategyMaxUnavailable, o.scaleStrategy.maxUnavailable),
        podsToDelete: o.scaleStrategy.podsToDelete,
        disablePvcReuse: o.scaleStrategy.disablePvcReuse,
      },
      lifecycle: renderLifecycle(o.lifecycle),
      volumeClaimTemplates: claimTemplates ? claimTemplates.render() : o.volumeClaimTemplates,
    };
  }

  /** The CloneSet resource type, for RBAC. */
  public readonly resourceType = 'clonesets';

  /** Desired pods. */
  public readonly replicas?: number;
  /** The update strategy. */
  public readonly updateStrategy?: CloneSetUpdateStrategy;

  private readonly props: CloneSetProps;
  private readonly claimTemplates: VolumeClaimTemplates;

  public constructor(scope: Construct, id: string, props: CloneSetProps = {}) {
    super(scope, id, { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'CloneSet' }, props);
    this.props = props;
    this.replicas = props.replicas;
    this.updateStrategy = props.updateStrategy;
    if (props.replicas !== undefined && (!Number.isInteger(props.replicas) || props.replicas < 0)) {
      throw invalid(this, 'spec.replicas', props.replicas, 'replicas must be a whole number >= 0', 'set replicas to 0 or more');
    }
    if (props.restartPolicy !== undefined && props.restartPolicy !== 'Always') {
      throw invalid(this, 'spec.template.spec.restartPolicy', props.restartPolicy, 'CloneSet pods must restart Always', 'remove restartPolicy');
    }
    this.claimTemplates = new VolumeClaimTemplates(this, 'spec.volumeClaimTemplates', props.volumeClaimTemplates);
    CloneSet._renderFields(this, 'spec', props); // rules that need no later input fail here, at construction
    // The selector (non-empty, matching the template labels): Kruise's rule, checked by the app's review on the emitted object.
  }

  /**
   * Adds a PersistentVolumeClaim template (each pod gets its own claim) and
   * returns the volume to mount in containers (`container.mount(path, volume)`).
   * @see https://openkruise.io/docs/user-manuals/cloneset#support-pvc-template
   */
  public addVolumeClaimTemplate(name: string, options: VolumeClaimTemplateOptions = {}): kplus.Volume {
    return this.claimTemplates.add(name, options);
  }

  /**
   * Tunes the image pre-download Kruise runs before in-place updates
   * (annotations `apps.kruise.io/image-predownload-*` on this workload).
   * Needs the PreDownloadImageForInPlaceUpdate gate (off by default). Kruise 0.9+ (minUpdatedReadyPods 1.1+).
   *
   * @see https://openkruise.io/docs/user-manuals/cloneset#pre-download-image-for-in-place-update
   */
  public configureImagePreDownload(options: ImagePreDownloadOptions): void {
    setImagePreDownload(this, this.apiObject.metadata, options);
  }

  /**
   * Does not count pods in PreparingDelete (held by a preDelete hook) as
   * replicas when this CloneSet scales, so replacements are created at once
   * (label `apps.kruise.io/cloneset-scaling-exclude-preparing-delete: "true"`).
   * Kruise 1.3+.
   *
   * @see https://openkruise.io/docs/user-manuals/cloneset#scale-up-with-preparingdelete-pods
   */
  public excludePreparingDeleteFromScaling(): void {
    this.apiObject.metadata.addLabel(KruisePodKnobs.CLONESET_SCALING_EXCLUDE_PREPARING_DELETE_LABEL, 'true');
  }

  protected renderSpec(): { [key: string]: unknown } {
    return l1Json(toJson_CloneSetSpec(this.spec()));
  }

  private spec(): CloneSetSpec {
    const template = this._podTemplate();
    this.claimTemplates.stripPodVolumes(template.spec);
    return {
      replicas: this.props.replicas,
      selector: this._selector(),
      template,
      ...CloneSet._renderFields(this, 'spec', this.props, this.claimTemplates),
    };
  }
}
