import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { requireKruiseVersion } from './kruise-version-check';
import { KruiseWorkload, KruiseWorkloadProps } from './kruise-workload';
import { renderLifecycle, WorkloadLifecycle } from './lifecycle';
import { ImagePreDownloadOptions } from './pod-knobs';
import { PodUpdatePolicy, UpdatePriority, WorkloadUpdateType } from './update-strategy';
import { VolumeClaimTemplateOptions, VolumeClaimTemplates } from './volume-claim-templates';
import { setImagePreDownload } from './workload-knobs';
import { JsonObject } from '../base/json';
import { LABEL_RULE } from '../base/names';
import { IntOrPercent } from '../common/int-or-percent';
import { intOrString, l1Json } from '../common/l1-values';
import { checkDnsLabel } from '../common/object-meta';
import { requireUnique, wholeSeconds } from '../common/value-checks';
import {
  StatefulSetV1Beta1Spec, StatefulSetV1Beta1SpecScaleStrategyMaxUnavailable, StatefulSetV1Beta1SpecUpdateStrategy,
  StatefulSetV1Beta1SpecUpdateStrategyRollingUpdateMaxUnavailable, toJson_StatefulSetV1Beta1Spec,
} from '../imports/apps.kruise.io';
import { invalid } from '../validation/errors';
import { KruiseVersion } from '../version';

/** The readiness gate Kruise needs in the pod template for in-place updates. */
const IN_PLACE_UPDATE_READY = 'InPlaceUpdateReady';

/** The longest `rollingUpdate.minReadySeconds` Kruise accepts. */
const MAX_MIN_READY_SECONDS = 300;

/** The served versions of the Advanced StatefulSet API. */
export enum AdvancedStatefulSetApiVersion {
  /** `apps.kruise.io/v1beta1`, the stored version (all features). */
  V1BETA1 = 'apps.kruise.io/v1beta1',
  /**
   * `apps.kruise.io/v1alpha1`, still served (converted by Kruise's webhook).
   * Has no lifecycle, ordinals, reserveOrdinals, scaleStrategy or PVC retention.
   */
  V1ALPHA1 = 'apps.kruise.io/v1alpha1',
}

/** What happens to the PVCs of an Advanced StatefulSet's volume claim templates. */
export enum PvcRetention {
  /** Keep the PVCs. */
  RETAIN = 'Retain',
  /** Delete the PVCs. */
  DELETE = 'Delete',
}

/**
 * When the PVCs created from volume claim templates are deleted
 * (`spec.persistentVolumeClaimRetentionPolicy`).
 */
export interface PvcRetentionPolicy {
  /** When the Advanced StatefulSet is deleted. @default - Kruise's default, Retain */
  readonly whenDeleted?: PvcRetention;
  /** When the Advanced StatefulSet scales down. @default - Kruise's default, Retain */
  readonly whenScaled?: PvcRetention;
}

/** Update pods in any order instead of by ordinal (`rollingUpdate.unorderedUpdate`); needs Parallel. */
export interface AdvancedStatefulSetUnorderedUpdate {
  /** Which pods update first. @default - no priority */
  readonly priority?: UpdatePriority;
}

/** Options of the RollingUpdate strategy of an Advanced StatefulSet. */
export interface AdvancedStatefulSetRollingUpdateOptions {
  /**
   * Pods with an ordinal below this number stay at the old revision.
   * @default - Kruise's default, 0
   */
  readonly partition?: number;
  /**
   * Pods that may be unavailable during the update (at least 1; values
   * other than 1 need `PodManagementPolicy.PARALLEL`).
   * @default - Kruise's default, 1
   * @see https://openkruise.io/docs/user-manuals/advancedstatefulset#maxunavailable
   */
  readonly maxUnavailable?: IntOrPercent;
  /** Stop updating pods. @default false */
  readonly paused?: boolean;
  /**
   * Recreate pods or update them in place. The in-place policies add the
   * `InPlaceUpdateReady` readiness gate to the pod template (Kruise requires it).
   * @default - Kruise's default, ReCreate
   * @see https://openkruise.io/docs/user-manuals/advancedstatefulset#in-place-update
   */
  readonly podUpdatePolicy?: PodUpdatePolicy;
  /**
   * Time between marking a pod not-ready and updating it in place
   * (`inPlaceUpdateStrategy.gracePeriodSeconds`).
   * @default - no grace period
   */
  readonly gracePeriod?: Duration;
  /**
   * How long an updated pod must be ready before the next one updates
   * (at most 5 minutes).
   * @default - 0
   */
  readonly minReady?: Duration;
  /**
   * Update pods in any order, optionally by priority (needs Parallel).
   * @default - by ordinal, highest first
   * @see https://openkruise.io/docs/user-manuals/advancedstatefulset#update-sequence
   */
  readonly unorderedUpdate?: AdvancedStatefulSetUnorderedUpdate;
}

/**
 * The update strategy of an Advanced StatefulSet (`spec.updateStrategy`).
 * @see https://openkruise.io/docs/user-manuals/advancedstatefulset
 */
export class AdvancedStatefulSetUpdateStrategy {
  /** The controller updates pods, by ordinal or in the given order. */
  public static rollingUpdate(options: AdvancedStatefulSetRollingUpdateOptions = {}): AdvancedStatefulSetUpdateStrategy {
    return new AdvancedStatefulSetUpdateStrategy(WorkloadUpdateType.ROLLING_UPDATE, options);
  }

  /** Pods are updated only when something else deletes them (no rolling update options). */
  public static onDelete(): AdvancedStatefulSetUpdateStrategy {
    return new AdvancedStatefulSetUpdateStrategy(WorkloadUpdateType.ON_DELETE, undefined);
  }

  private constructor(
    /** The update type. */
    public readonly type: WorkloadUpdateType,
    private readonly options: AdvancedStatefulSetRollingUpdateOptions | undefined) {}

  /** Whether pods are updated in place (InPlaceIfPossible or InPlaceOnly). */
  public get inPlace(): boolean {
    const p = this.options?.podUpdatePolicy;
    return p === PodUpdatePolicy.IN_PLACE_IF_POSSIBLE || p === PodUpdatePolicy.IN_PLACE_ONLY;
  }

  /** The partition, if one was given. */
  public get partition(): number | undefined {
    return this.options?.partition;
  }

  /** @internal */
  public _toKube(scope: Construct, field: string, policy: kplus.PodManagementPolicy | undefined): StatefulSetV1Beta1SpecUpdateStrategy {
    const o = this.options;
    if (!o) return { type: this.type };
    const ru = `${field}.rollingUpdate`;
    if (o.partition !== undefined && (!Number.isInteger(o.partition) || o.partition < 0)) {
      throw invalid(scope, `${ru}.partition`, o.partition, 'partition must be a whole number >= 0', 'set it to 0 or more');
    }
    if (o.maxUnavailable !== undefined) checkMaxUnavailable(scope, `${ru}.maxUnavailable`, o.maxUnavailable, policy);
    const policies = Object.values(PodUpdatePolicy) as string[];
    if (o.podUpdatePolicy !== undefined && !policies.includes(o.podUpdatePolicy)) {
      throw invalid(scope, `${ru}.podUpdatePolicy`, o.podUpdatePolicy, `Kruise accepts ${policies.join(', ')}`, 'use a PodUpdatePolicy value');
    }
    const minReady = wholeSeconds(scope, `${ru}.minReadySeconds`, o.minReady);
    if (minReady !== undefined && minReady > MAX_MIN_READY_SECONDS) {
      throw invalid(scope, `${ru}.minReadySeconds`, minReady, `Kruise accepts at most ${MAX_MIN_READY_SECONDS} seconds`, 'use Duration.minutes(5) or less');
    }
    if (o.unorderedUpdate !== undefined && policy !== kplus.PodManagementPolicy.PARALLEL) {
      throw invalid(scope, `${ru}.unorderedUpdate`, policy ?? 'OrderedReady (default)', 'unorderedUpdate only works with podManagementPolicy Parallel', 'set podManagementPolicy: PodManagementPolicy.PARALLEL or remove unorderedUpdate');
    }
    const rollingUpdate = {
      partition: o.partition,
      maxUnavailable: intOrString(StatefulSetV1Beta1SpecUpdateStrategyRollingUpdateMaxUnavailable, o.maxUnavailable),
      paused: o.paused,
      podUpdatePolicy: o.podUpdatePolicy,
      inPlaceUpdateStrategy: o.gracePeriod ? { gracePeriodSeconds: wholeSeconds(scope, `${ru}.inPlaceUpdateStrategy.gracePeriodSeconds`, o.gracePeriod) } : undefined,
      minReadySeconds: minReady,
      unorderedUpdate: o.unorderedUpdate && {
        priorityStrategy: o.unorderedUpdate.priority?._toKube(scope, `${ru}.unorderedUpdate.priorityStrategy`),
      },
    };
    const given = Object.values(rollingUpdate).some(v => v !== undefined);
    return { type: this.type, rollingUpdate: given ? rollingUpdate : undefined };
  }
}

/** Rule 11: maxUnavailable resolves to at least 1, and other values than 1 need Parallel. */
function checkMaxUnavailable(scope: Construct, field: string, value: IntOrPercent, policy: kplus.PodManagementPolicy | undefined): void {
  if (value.isZero) {
    throw invalid(scope, field, value.toJson(), 'maxUnavailable must allow at least 1 pod, or nothing could ever update', 'use 1 or more (or a percentage above 0)');
  }
  if (policy !== kplus.PodManagementPolicy.PARALLEL && (value.isPercent || value.value !== 1)) {
    throw invalid(scope, field, value.toJson(), `Kruise accepts maxUnavailable other than 1 only with podManagementPolicy Parallel (this one is ${policy ?? 'OrderedReady, the default'})`,
      'set podManagementPolicy: PodManagementPolicy.PARALLEL or use IntOrPercent.count(1)');
  }
}

/**
 * One item of `spec.reserveOrdinals`: a single ordinal, or (Kruise 1.8 and
 * later) a range of ordinals, both ends included, written `"first-last"`.
 * @see https://openkruise.io/docs/user-manuals/advancedstatefulset#reserve-ordinals
 */
export class ReserveOrdinal {
  /** One ordinal (a whole number >= 0); any Kruise version. */
  public static of(ordinal: number): ReserveOrdinal {
    checkOrdinal('ReserveOrdinal.of()', 'ordinal', ordinal);
    return new ReserveOrdinal(ordinal, ordinal, false);
  }

  /**
   * The ordinals from `first` to `last`, both included (`"2-4"` reserves
   * 2, 3 and 4). Needs Kruise 1.8 or later.
   */
  public static range(first: number, last: number): ReserveOrdinal {
    checkOrdinal('ReserveOrdinal.range()', 'first', first);
    checkOrdinal('ReserveOrdinal.range()', 'last', last);
    if (first > last) {
      throw invalid('ReserveOrdinal.range()', 'first', first, `the range starts after its end (${last}), and Kruise rejects it`, `use ReserveOrdinal.range(${last}, ${first})`);
    }
    return new ReserveOrdinal(first, last, true);
  }

  private constructor(
    /** The first ordinal reserved. */
    public readonly first: number,
    /** The last ordinal reserved (equal to `first` for a single ordinal). */
    public readonly last: number,
    /** Whether this is a range (a string item, Kruise 1.8+) rather than one ordinal. */
    public readonly isRange: boolean) {}

  /** The item as the API takes it: a number, or a `"first-last"` string for a range. */
  public toJson(): number | string {
    return this.isRange ? `${this.first}-${this.last}` : this.first;
  }
}

function checkOrdinal(where: string, name: string, n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw invalid(where, name, n, 'ordinals are whole numbers >= 0', 'use 0 or more');
  }
}

/** When the PVCs of an Advanced StatefulSet follow changes of its volume claim templates (`spec.volumeClaimUpdateStrategy.type`). */
export enum VolumeClaimUpdateType {
  /** The claims are updated as their pods are, during the rolling update. */
  ON_POD_ROLLING_UPDATE = 'OnPodRollingUpdate',
  /** The claims change only when they are deleted and created again (the behaviour before Kruise 1.8). */
  ON_DELETE = 'OnDelete',
}

/**
 * How an Advanced StatefulSet updates the PVCs of its volume claim templates
 * when the templates change (`spec.volumeClaimUpdateStrategy`; Kruise 1.8 and
 * later). Kruise acts on it only with the feature gate
 * StatefulSetAutoResizePVCGate (off by default), which also sets an unset
 * type to OnDelete.
 * @see https://openkruise.io/docs/user-manuals/advancedstatefulset
 */
export class VolumeClaimUpdateStrategy {
  /** Update the claims along with their pods during the rolling update. */
  public static onPodRollingUpdate(): VolumeClaimUpdateStrategy {
    return new VolumeClaimUpdateStrategy(VolumeClaimUpdateType.ON_POD_ROLLING_UPDATE);
  }

  /** Leave existing claims alone; they change only when deleted. */
  public static onDelete(): VolumeClaimUpdateStrategy {
    return new VolumeClaimUpdateStrategy(VolumeClaimUpdateType.ON_DELETE);
  }

  private constructor(
    /** The update type. */
    public readonly type: VolumeClaimUpdateType) {}

  /** The strategy as the API takes it. */
  public toJson(): VolumeClaimUpdateStrategyJson {
    return { type: this.type };
  }
}

/** `volumeClaimUpdateStrategy` as the API takes it. */
export interface VolumeClaimUpdateStrategyJson {
  /** The update type. */
  readonly type: VolumeClaimUpdateType;
}

/**
 * The spec fields `AdvancedStatefulSet._renderFields` renders: the generated
 * type (Kruise 1.7's schema) and what Kruise 1.8 added, which it lacks.
 */
type AdvancedStatefulSetFields = Omit<StatefulSetV1Beta1Spec, 'replicas' | 'selector' | 'template' | 'reserveOrdinals'> & {
  /** Ordinals, and (Kruise 1.8) ranges as `"first-last"` strings. */
  readonly reserveOrdinals?: Array<number | string>;
  /** Kruise 1.8's `volumeClaimUpdateStrategy`. */
  readonly volumeClaimUpdateStrategy?: VolumeClaimUpdateStrategyJson;
};

/** The scale strategy of an Advanced StatefulSet (`spec.scaleStrategy`). */
export interface AdvancedStatefulSetScaleStrategy {
  /**
   * Pods that may be unavailable while scaling (at least 1; values other
   * than 1 need `PodManagementPolicy.PARALLEL`).
   * @default - no limit
   * @see https://openkruise.io/docs/user-manuals/advancedstatefulset#scaling-with-rate-limiting
   */
  readonly maxUnavailable?: IntOrPercent;
}

/**
 * The Advanced StatefulSet spec fields other than replicas, selector and pod
 * template (shared with UnitedDeployment's Advanced StatefulSet template).
 */
export interface AdvancedStatefulSetSpecOptions {
  /**
   * The governing (headless) Service that gives pods their DNS names.
   * @default - none
   */
  readonly serviceName?: string;
  /**
   * Start pods one by one in ordinal order, or all at once.
   * @default - Kruise's default, OrderedReady
   */
  readonly podManagementPolicy?: kplus.PodManagementPolicy;
  /**
   * How pods are updated.
   * @default - Kruise's default, a rolling update that recreates pods
   * @see https://openkruise.io/docs/user-manuals/advancedstatefulset
   */
  readonly updateStrategy?: AdvancedStatefulSetUpdateStrategy;
  /**
   * How pods are scaled (v1beta1 only).
   * @default - none
   */
  readonly scaleStrategy?: AdvancedStatefulSetScaleStrategy;
  /**
   * Ordinals that get no pod (unique, >= 0; v1beta1 only). More with `addReserveOrdinals()`.
   * @default - none
   * @see https://openkruise.io/docs/user-manuals/advancedstatefulset#reserve-ordinals
   */
  readonly reserveOrdinals?: number[];
  /**
   * More `spec.reserveOrdinals` items, after `reserveOrdinals`: ranges
   * (`ReserveOrdinal.range(2, 4)`, Kruise 1.8 and later) or single ordinals
   * (`ReserveOrdinal.of(7)`). Overlaps and repeats are allowed (Kruise 1.8
   * accepts them). v1beta1 only. More with `addReserveOrdinalRanges()`.
   * @default - none
   * @see https://openkruise.io/docs/user-manuals/advancedstatefulset#reserve-ordinals
   */
  readonly reserveOrdinalRanges?: ReserveOrdinal[];
  /**
   * How the PVCs follow changes of the volume claim templates (v1beta1
   * only; Kruise 1.8 and later). Kruise acts on it only with the feature gate
   * StatefulSetAutoResizePVCGate.
   * @default - unset (with the gate on, Kruise sets OnDelete)
   * @see https://openkruise.io/docs/user-manuals/advancedstatefulset
   */
  readonly volumeClaimUpdateStrategy?: VolumeClaimUpdateStrategy;
  /**
   * The ordinal of the first pod (`spec.ordinals.start`; v1beta1 only). Needs
   * the feature gate StatefulSetStartOrdinal (off by default).
   * @default - 0
   * @see https://openkruise.io/docs/user-manuals/advancedstatefulset
   */
  readonly startOrdinal?: number;
  /**
   * What happens to the PVCs of volume claim templates on delete and scale
   * down (v1beta1 only). Needs the feature gate StatefulSetAutoDeletePVC (on by default).
   * @default - Kruise's default, Retain in both cases
   */
  readonly pvcRetentionPolicy?: PvcRetentionPolicy;
  /**
   * Lifecycle hooks (v1beta1 only).
   * @default - none
   * @see https://openkruise.io/docs/user-manuals/advancedstatefulset#lifecycle-hook
   */
  readonly lifecycle?: WorkloadLifecycle;
  /**
   * PersistentVolumeClaim templates, as Kubernetes objects (kept as written,
   * like upstream's schema). For typed templates with a volume to mount, use
   * `addVolumeClaimTemplate()`.
   * @default - none
   */
  readonly volumeClaimTemplates?: { [key: string]: unknown }[];
  /** Old revisions to keep. @default - Kruise's default, 10 */
  readonly revisionHistoryLimit?: number;
}

/**
 * Ask Kruise to create a PersistentPodState for this Advanced StatefulSet
 * (the `kruise.io/*-persistent-*` annotations), so that recreated pods keep
 * their node topology. Give required or preferred keys (or both).
 * @see https://openkruise.io/docs/user-manuals/persistentpodstate
 */
export interface AutoPersistentPodState {
  /** Node label keys a recreated pod must match (`kruise.io/required-persistent-topology`). @default - none */
  readonly requiredTopologyKeys?: string[];
  /** Node label keys a recreated pod should match (`kruise.io/preferred-persistent-topology`). @default - none */
  readonly preferredTopologyKeys?: string[];
  /** Pod annotation keys to keep across recreation (`kruise.io/persistent-pod-annotations`). @default - none */
  readonly podAnnotations?: string[];
}

/** Properties of {@link AdvancedStatefulSet}. */
export interface AdvancedStatefulSetProps extends KruiseWorkloadProps, AdvancedStatefulSetSpecOptions {
  /** Desired pods. @default - unset (Kruise's default, 1) */
  readonly replicas?: number;
  /**
   * The API version to emit. v1alpha1 is still served and lacks the v1beta1
   * fields (construction fails if one is set).
   * @default AdvancedStatefulSetApiVersion.V1BETA1
   */
  readonly apiVersion?: AdvancedStatefulSetApiVersion;
  /**
   * Let Kruise generate a PersistentPodState for these pods.
   * @default - none
   * @see https://openkruise.io/docs/user-manuals/persistentpodstate
   */
  readonly persistentPodState?: AutoPersistentPodState;
}

/** v1beta1-only spec fields and their props. */
const V1BETA1_ONLY: Array<[keyof AdvancedStatefulSetSpecOptions, string]> = [
  ['scaleStrategy', 'scaleStrategy'],
  ['reserveOrdinals', 'reserveOrdinals'],
  ['reserveOrdinalRanges', 'reserveOrdinals'],
  ['volumeClaimUpdateStrategy', 'volumeClaimUpdateStrategy'],
  ['startOrdinal', 'ordinals'],
  ['pvcRetentionPolicy', 'persistentVolumeClaimRetentionPolicy'],
  ['lifecycle', 'lifecycle'],
];

/**
 * OpenKruise Advanced StatefulSet (`apps.kruise.io` StatefulSet): a
 * StatefulSet with in-place update, parallel and unordered rollouts, reserved
 * ordinals, a start ordinal, scale rate limits and lifecycle hooks.
 *
 * With an in-place `podUpdatePolicy`, the `InPlaceUpdateReady` readiness gate
 * is added to the pod template: Kruise rejects in-place updates without it and,
 * unlike CloneSet's, the Advanced StatefulSet webhook does not add it.
 * Switching an existing set to in-place therefore changes its template once.
 *
 * @see https://openkruise.io/docs/user-manuals/advancedstatefulset
 */
export class AdvancedStatefulSet extends KruiseWorkload {
  /**
   * Checks `o` against Kruise's rules and renders its fields as the API takes
   * them. `field` is the API path of the spec.
   * @internal
   */
  public static _renderFields(scope: Construct, field: string, o: AdvancedStatefulSetSpecOptions, reserveOrdinals: number[],
    claimTemplates?: VolumeClaimTemplates, reserveOrdinalRanges: ReserveOrdinal[] = o.reserveOrdinalRanges ?? []): AdvancedStatefulSetFields {
    if (o.serviceName !== undefined) checkDnsLabel(scope, `${field}.serviceName`, o.serviceName, 'Service name', `${LABEL_RULE}, e.g. 'web-headless'`);
    const policies = Object.values(kplus.PodManagementPolicy) as string[];
    if (o.podManagementPolicy !== undefined && !policies.includes(o.podManagementPolicy)) {
      throw invalid(scope, `${field}.podManagementPolicy`, o.podManagementPolicy, `Kruise accepts ${policies.join(' or ')}`, 'use PodManagementPolicy.ORDERED_READY or PodManagementPolicy.PARALLEL');
    }
    reserveOrdinals.forEach((n, i) => {
      if (!Number.isInteger(n) || n < 0) {
        throw invalid(scope, `${field}.reserveOrdinals[${i}]`, n, 'reserved ordinals must be whole numbers >= 0', 'use 0 or more');
      }
    });
    requireUnique(scope, `${field}.reserveOrdinals`, reserveOrdinals, 'reserve each ordinal once');
    reserveOrdinalRanges.forEach((r, i) => {
      if (!(r instanceof ReserveOrdinal)) {
        throw invalid(scope, `${field}.reserveOrdinals[${reserveOrdinals.length + i}]`, r, 'not a ReserveOrdinal', 'use ReserveOrdinal.range(first, last) or ReserveOrdinal.of(ordinal)');
      }
    });
    const vcus = o.volumeClaimUpdateStrategy;
    if (vcus !== undefined && !(vcus instanceof VolumeClaimUpdateStrategy)) {
      throw invalid(scope, `${field}.volumeClaimUpdateStrategy`, vcus, 'not a VolumeClaimUpdateStrategy', 'use VolumeClaimUpdateStrategy.onPodRollingUpdate() or VolumeClaimUpdateStrategy.onDelete()');
    }
    const reserved = [...reserveOrdinals, ...reserveOrdinalRanges.map(r => r.toJson())];
    if (o.startOrdinal !== undefined && (!Number.isInteger(o.startOrdinal) || o.startOrdinal < 0)) {
      throw invalid(scope, `${field}.ordinals.start`, o.startOrdinal, 'the start ordinal must be a whole number >= 0', 'use 0 or more');
    }
    if (o.revisionHistoryLimit !== undefined && (!Number.isInteger(o.revisionHistoryLimit) || o.revisionHistoryLimit < 0)) {
      throw invalid(scope, `${field}.revisionHistoryLimit`, o.revisionHistoryLimit, 'revisionHistoryLimit must be a whole number >= 0', 'set it to 0 or more');
    }
    const retentions = Object.values(PvcRetention) as string[];
    for (const when of ['whenDeleted', 'whenScaled'] as const) {
      const v = o.pvcRetentionPolicy?.[when];
      if (v !== undefined && !retentions.includes(v)) {
        throw invalid(scope, `${field}.persistentVolumeClaimRetentionPolicy.${when}`, v, 'Kruise accepts Retain or Delete', 'use PvcRetention.RETAIN or PvcRetention.DELETE');
      }
    }
    const scaleMaxUnavailable = o.scaleStrategy?.maxUnavailable;
    if (scaleMaxUnavailable !== undefined) {
      checkMaxUnavailable(scope, `${field}.scaleStrategy.maxUnavailable`, scaleMaxUnavailable, o.podManagementPolicy);
    }
    return {
      serviceName: o.serviceName,
      podManagementPolicy: o.podManagementPolicy,
      updateStrategy: o.updateStrategy?._toKube(scope, `${field}.updateStrategy`, o.podManagementPolicy),
      scaleStrategy: o.scaleStrategy && { maxUnavailable: intOrString(StatefulSetV1Beta1SpecScaleStrategyMaxUnavailable, scaleMaxUnavailable) },
      reserveOrdinals: reserved.length > 0 ? reserved : undefined,
      ordinals: o.startOrdinal !== undefined ? { start: o.startOrdinal } : undefined,
      persistentVolumeClaimRetentionPolicy: o.pvcRetentionPolicy && {
        whenDeleted: o.pvcRetentionPolicy.whenDeleted,
        whenScaled: o.pvcRetentionPolicy.whenScaled,
      },
      lifecycle: renderLifecycle(o.lifecycle),
      volumeClaimTemplates: claimTemplates ? claimTemplates.render() : o.volumeClaimTemplates,
      revisionHistoryLimit: o.revisionHistoryLimit,
      volumeClaimUpdateStrategy: vcus?.toJson(),
    };
  }

  /**
   * Adds the in-place readiness gate that the options `o` need to `workload`
   * (the set itself, or a UnitedDeployment), and the Kruise version checks of
   * the fields a later version added. `field` is the API path of the spec;
   * `ranges` gives the reserveOrdinals ranges at synth. Feature gates are
   * checked by the app's review (src/admission/gates.ts).
   * @internal
   */
  public static _prepare(workload: KruiseWorkload, o: AdvancedStatefulSetSpecOptions, field = 'spec',
    ranges: () => ReserveOrdinal[] = () => o.reserveOrdinalRanges ?? []): void {
    requireKruiseVersion(workload, KruiseVersion.V1_8, `${field}.volumeClaimUpdateStrategy`, () => o.volumeClaimUpdateStrategy?.toJson());
    requireKruiseVersion(workload, KruiseVersion.V1_8, `${field}.reserveOrdinals`, () => {
      const strings = ranges().filter(r => r.isRange).map(r => r.toJson());
      return strings.length > 0 ? strings : undefined;
    }, 'reserve single ordinals (reserveOrdinals, or ReserveOrdinal.of())');
    if (o.updateStrategy?.inPlace) workload.addReadinessGate(IN_PLACE_UPDATE_READY);
  }

  /**
   * A spec as the API takes it. The v1beta1 converter serves v1alpha1 too:
   * the fields only v1beta1 has are refused for v1alpha1 at construction.
   * The fields Kruise 1.8 added are not in the generated (1.7) type and
   * are added as they are.
   * @internal
   */
  public static _specJson(spec: AdvancedStatefulSetFields & Pick<StatefulSetV1Beta1Spec, 'replicas' | 'selector' | 'template'>): JsonObject {
    const { reserveOrdinals, volumeClaimUpdateStrategy, ...typed } = spec;
    const json = l1Json(toJson_StatefulSetV1Beta1Spec(typed));
    if (reserveOrdinals !== undefined) json.reserveOrdinals = [...reserveOrdinals];
    if (volumeClaimUpdateStrategy !== undefined) json.volumeClaimUpdateStrategy = { ...volumeClaimUpdateStrategy };
    return json;
  }

  /** The Advanced StatefulSet resource type, for RBAC. */
  public readonly resourceType = 'statefulsets';

  /** Desired pods. */
  public readonly replicas?: number;
  /** The update strategy. */
  public readonly updateStrategy?: AdvancedStatefulSetUpdateStrategy;

  private readonly props: AdvancedStatefulSetProps;
  private readonly reserved: number[];
  private readonly reservedRanges: ReserveOrdinal[];
  private readonly claimTemplates: VolumeClaimTemplates;

  public constructor(scope: Construct, id: string, props: AdvancedStatefulSetProps = {}) {
    const apiVersion = props.apiVersion ?? AdvancedStatefulSetApiVersion.V1BETA1;
    super(scope, id, { apiVersion, kind: 'StatefulSet' }, props);
    this.props = props;
    this.replicas = props.replicas;
    this.updateStrategy = props.updateStrategy;
    this.reserved = [...(props.reserveOrdinals ?? [])];
    this.reservedRanges = [...(props.reserveOrdinalRanges ?? [])];
    if (apiVersion === AdvancedStatefulSetApiVersion.V1ALPHA1) {
      for (const [prop, field] of V1BETA1_ONLY) {
        if (props[prop] !== undefined) {
          throw invalid(this, `spec.${field}`, props[prop], 'the field does not exist in apps.kruise.io/v1alpha1', `remove ${prop} or emit AdvancedStatefulSetApiVersion.V1BETA1`);
        }
      }
    }
    if (props.replicas !== undefined && (!Number.isInteger(props.replicas) || props.replicas < 0)) {
      throw invalid(this, 'spec.replicas', props.replicas, 'replicas must be a whole number >= 0', 'set replicas to 0 or more');
    }
    if (props.restartPolicy !== undefined && props.restartPolicy !== 'Always') {
      throw invalid(this, 'spec.template.spec.restartPolicy', props.restartPolicy, 'Advanced StatefulSet pods must restart Always', 'remove restartPolicy');
    }
    this.claimTemplates = new VolumeClaimTemplates(this, 'spec.volumeClaimTemplates', props.volumeClaimTemplates);
    AdvancedStatefulSet._renderFields(this, 'spec', props, this.reserved, undefined, this.reservedRanges); // rules that need no later input fail here
    AdvancedStatefulSet._prepare(this, props, 'spec', () => this.reservedRanges);
    this.addPersistentPodStateAnnotations(props.persistentPodState);
    // The selector (non-empty, matching the template labels): Kruise's rule, checked by the app's review on the emitted object.
  }

  /**
   * Reserves ordinals: no pod gets them (v1beta1 only).
   * @see https://openkruise.io/docs/user-manuals/advancedstatefulset#reserve-ordinals
   */
  public addReserveOrdinals(...ordinals: number[]): void {
    if (this.apiVersion === AdvancedStatefulSetApiVersion.V1ALPHA1.valueOf()) {
      throw invalid(this, 'spec.reserveOrdinals', ordinals, 'the field does not exist in apps.kruise.io/v1alpha1', 'emit AdvancedStatefulSetApiVersion.V1BETA1');
    }
    const next = [...this.reserved, ...ordinals];
    AdvancedStatefulSet._renderFields(this, 'spec', this.props, next, undefined, this.reservedRanges);
    this.reserved.push(...ordinals);
  }

  /**
   * Reserves ranges of ordinals (`ReserveOrdinal.range(2, 4)`, Kruise 1.8 and
   * later) or single ordinals, after the ones already reserved (v1beta1 only).
   * @see https://openkruise.io/docs/user-manuals/advancedstatefulset#reserve-ordinals
   */
  public addReserveOrdinalRanges(...ranges: ReserveOrdinal[]): void {
    if (this.apiVersion === AdvancedStatefulSetApiVersion.V1ALPHA1.valueOf()) {
      throw invalid(this, 'spec.reserveOrdinals', ranges.map(r => r?.toJson?.()), 'the field does not exist in apps.kruise.io/v1alpha1', 'emit AdvancedStatefulSetApiVersion.V1BETA1');
    }
    AdvancedStatefulSet._renderFields(this, 'spec', this.props, this.reserved, undefined, [...this.reservedRanges, ...ranges]);
    this.reservedRanges.push(...ranges);
  }

  /** The reserved ordinals given as numbers (`reserveOrdinals`, `addReserveOrdinals()`). */
  public get reserveOrdinals(): number[] {
    return [...this.reserved];
  }

  /** The reserved ordinals given as ReserveOrdinal items (`reserveOrdinalRanges`, `addReserveOrdinalRanges()`). */
  public get reserveOrdinalRanges(): ReserveOrdinal[] {
    return [...this.reservedRanges];
  }

  /**
   * Kruise admits an Advanced StatefulSet without validating its pod spec.
   * @internal
   */
  protected _podSpecAdmitted(): boolean {
    return false;
  }

  /**
   * Adds a PersistentVolumeClaim template (each pod gets its own claim) and
   * returns the volume to mount in containers (`container.mount(path, volume)`).
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

  protected renderSpec(): { [key: string]: unknown } {
    const template = this._podTemplate();
    this.claimTemplates.stripPodVolumes(template.spec);
    const fields = AdvancedStatefulSet._renderFields(this, 'spec', this.props, this.reserved, this.claimTemplates, this.reservedRanges);
    return AdvancedStatefulSet._specJson({ replicas: this.props.replicas, selector: this._selector(), template, ...fields });
  }


  private addPersistentPodStateAnnotations(pps: AutoPersistentPodState | undefined): void {
    if (!pps) return;
    const required = pps.requiredTopologyKeys ?? [];
    const preferred = pps.preferredTopologyKeys ?? [];
    if (required.length === 0 && preferred.length === 0) {
      throw invalid(this, 'metadata.annotations', pps, 'Kruise generates a PersistentPodState only with required or preferred topology keys', 'give requiredTopologyKeys or preferredTopologyKeys');
    }
    for (const [name, keys] of [['requiredTopologyKeys', required], ['preferredTopologyKeys', preferred], ['podAnnotations', pps.podAnnotations ?? []]] as const) {
      keys.forEach((k, i) => {
        if (k.length === 0 || k.includes(',')) {
          throw invalid(this, `persistentPodState.${name}[${i}]`, k, 'keys are joined with commas in an annotation, so a key may be neither empty nor hold a comma', 'give one key per entry');
        }
      });
    }
    this.metadata.addAnnotation('kruise.io/auto-generate-persistent-pod-state', 'true');
    if (required.length > 0) this.metadata.addAnnotation('kruise.io/required-persistent-topology', required.join(','));
    if (preferred.length > 0) this.metadata.addAnnotation('kruise.io/preferred-persistent-topology', preferred.join(','));
    if ((pps.podAnnotations ?? []).length > 0) this.metadata.addAnnotation('kruise.io/persistent-pod-annotations', pps.podAnnotations!.join(','));
  }
}
