import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { KruiseWorkload, KruiseWorkloadProps } from './kruise-workload';
import { renderLifecycle, WorkloadLifecycle } from './lifecycle';
import { ImagePreDownloadOptions } from './pod-knobs';
import { WorkloadUpdateType } from './update-strategy';
import { setImagePreDownload } from './workload-knobs';
import { IntOrPercent } from '../common/int-or-percent';
import { intOrString, l1Json } from '../common/l1-values';
import { LabelSelectorSpec, selectorToJson } from '../common/selector';
import { wholeSeconds } from '../common/value-checks';
import {
  DaemonSetSpec, DaemonSetSpecBurstReplicas, DaemonSetSpecUpdateStrategy, DaemonSetSpecUpdateStrategyRollingUpdateMaxSurge,
  DaemonSetSpecUpdateStrategyRollingUpdateMaxUnavailable, toJson_DaemonSetSpec,
} from '../imports/apps.kruise.io';
import { invalid } from '../validation/errors';

/** How an Advanced DaemonSet rolls pods out (`rollingUpdate.rollingUpdateType`). */
export enum AdvancedDaemonSetRollingUpdateType {
  /** Delete the old pod and create a new one (or surge a new one first, with maxSurge). */
  STANDARD = 'Standard',
  /** Update in place when only images (or env from metadata) change, else recreate. */
  IN_PLACE_IF_POSSIBLE = 'InPlaceIfPossible',
}

/** Options of the rolling updates of an Advanced DaemonSet. */
export interface AdvancedDaemonSetRollingUpdateOptions {
  /**
   * Nodes whose pod may be unavailable during the update. Exclusive with a
   * non-zero maxSurge.
   * @default - Kruise's default, 1 (when maxSurge is unset too)
   */
  readonly maxUnavailable?: IntOrPercent;
  /**
   * Nodes that may run an extra, updated pod before the old one goes.
   * Exclusive with a non-zero maxUnavailable; not with in-place updates.
   * @default - none (0)
   * @see https://openkruise.io/docs/user-manuals/advanceddaemonset#rolling-update-type
   */
  readonly maxSurge?: IntOrPercent;
  /**
   * Nodes whose pod stays at the old revision.
   * @default - none (0)
   * @see https://openkruise.io/docs/user-manuals/advanceddaemonset#partition
   */
  readonly partition?: number;
  /**
   * Stop updating pods.
   * @default false
   * @see https://openkruise.io/docs/user-manuals/advanceddaemonset#paused
   */
  readonly paused?: boolean;
  /**
   * Update only the pods on nodes with these labels (`rollingUpdate.selector`):
   * a cdk8s-plus-28 `LabelSelector`, or the same as plain values
   * (`{ matchLabels, matchExpressions }`, for apps on another cdk8s-plus major).
   * @default - all nodes
   * @see https://openkruise.io/docs/user-manuals/advanceddaemonset#selector
   */
  readonly nodeSelector?: kplus.LabelSelector | LabelSelectorSpec;
}

/**
 * The update strategy of an Advanced DaemonSet (`spec.updateStrategy`).
 * @see https://openkruise.io/docs/user-manuals/advanceddaemonset
 */
export class AdvancedDaemonSetUpdateStrategy {
  /** A standard rolling update: recreate pods, at most maxUnavailable at a time. */
  public static rollingUpdate(options: AdvancedDaemonSetRollingUpdateOptions = {}): AdvancedDaemonSetUpdateStrategy {
    return new AdvancedDaemonSetUpdateStrategy(WorkloadUpdateType.ROLLING_UPDATE, AdvancedDaemonSetRollingUpdateType.STANDARD, options);
  }

  /** A standard rolling update that starts the new pod before the old one stops (`maxSurge`). */
  public static surge(surge: IntOrPercent, options: AdvancedDaemonSetRollingUpdateOptions = {}): AdvancedDaemonSetUpdateStrategy {
    return new AdvancedDaemonSetUpdateStrategy(WorkloadUpdateType.ROLLING_UPDATE, AdvancedDaemonSetRollingUpdateType.STANDARD,
      { ...options, maxSurge: surge });
  }

  /** Update pods in place when possible (no maxSurge). */
  public static inPlaceIfPossible(options: AdvancedDaemonSetRollingUpdateOptions = {}): AdvancedDaemonSetUpdateStrategy {
    return new AdvancedDaemonSetUpdateStrategy(WorkloadUpdateType.ROLLING_UPDATE, AdvancedDaemonSetRollingUpdateType.IN_PLACE_IF_POSSIBLE,
      options);
  }

  /** Pods are updated only when something else deletes them. */
  public static onDelete(): AdvancedDaemonSetUpdateStrategy {
    return new AdvancedDaemonSetUpdateStrategy(WorkloadUpdateType.ON_DELETE, undefined, undefined);
  }

  private constructor(
    /** The update type. */
    public readonly type: WorkloadUpdateType,
    /** The rolling update type (undefined with OnDelete). */
    public readonly rollingUpdateType: AdvancedDaemonSetRollingUpdateType | undefined,
    private readonly options: AdvancedDaemonSetRollingUpdateOptions | undefined) {}

  /** @internal */
  public _toKube(scope: Construct, field: string): DaemonSetSpecUpdateStrategy {
    const o = this.options;
    if (!o) return { type: this.type };
    const ru = `${field}.rollingUpdate`;
    for (const [key, v] of [['maxUnavailable', o.maxUnavailable], ['maxSurge', o.maxSurge]] as const) {
      if (v?.isPercent && v.value > 100) {
        throw invalid(scope, `${ru}.${key}`, v.toJson(), 'Kruise rejects a percentage above 100% for an Advanced DaemonSet', 'use at most IntOrPercent.percent(100)');
      }
    }
    const hasUnavailable = o.maxUnavailable !== undefined && !o.maxUnavailable.isZero;
    const hasSurge = o.maxSurge !== undefined && !o.maxSurge.isZero;
    if (hasUnavailable && hasSurge) {
      throw invalid(scope, `${ru}.maxSurge`, o.maxSurge!.toJson(), 'maxSurge may not be set when maxUnavailable is non-zero', 'give only one of maxUnavailable and maxSurge (AdvancedDaemonSetUpdateStrategy.surge() for a surge)');
    }
    if (!hasUnavailable && !hasSurge && (o.maxUnavailable !== undefined || o.maxSurge !== undefined)) {
      throw invalid(scope, `${ru}.maxUnavailable`, o.maxUnavailable?.toJson() ?? 0, 'maxUnavailable and maxSurge are both zero, so no pod could ever be updated', 'let one of them be at least 1 (or 1%)');
    }
    if (this.rollingUpdateType === AdvancedDaemonSetRollingUpdateType.IN_PLACE_IF_POSSIBLE && hasSurge) {
      throw invalid(scope, `${ru}.maxSurge`, o.maxSurge!.toJson(), 'maxSurge must be 0 for rollingUpdateType InPlaceIfPossible', 'remove maxSurge or use AdvancedDaemonSetUpdateStrategy.surge()');
    }
    if (o.partition !== undefined && (!Number.isInteger(o.partition) || o.partition < 0)) {
      throw invalid(scope, `${ru}.partition`, o.partition, 'partition must be a whole number >= 0', 'set it to 0 or more');
    }
    let selector;
    try {
      selector = selectorToJson(o.nodeSelector);
    } catch (e) {
      throw invalid(scope, `${ru}.selector`, o.nodeSelector, (e as Error).message,
        'give a LabelSelector, or { matchLabels: { key: value }, matchExpressions: [{ key, operator, values }] }');
    }
    return {
      type: this.type,
      rollingUpdate: {
        rollingUpdateType: this.rollingUpdateType,
        maxUnavailable: intOrString(DaemonSetSpecUpdateStrategyRollingUpdateMaxUnavailable, o.maxUnavailable),
        maxSurge: intOrString(DaemonSetSpecUpdateStrategyRollingUpdateMaxSurge, o.maxSurge),
        partition: o.partition,
        paused: o.paused,
        selector: selector && (selector.matchLabels || selector.matchExpressions) ? selector : undefined,
      },
    };
  }
}

/** Properties of {@link AdvancedDaemonSet}. */
export interface AdvancedDaemonSetProps extends KruiseWorkloadProps {
  /**
   * Pods created at once when many are missing (a number or a percentage).
   * @default - Kruise's default, 250
   */
  readonly burstReplicas?: IntOrPercent;
  /** How long a new pod must be ready to count as available. @default - 0 */
  readonly minReady?: Duration;
  /** Old revisions to keep. @default - Kruise's default, 10 */
  readonly revisionHistoryLimit?: number;
  /**
   * How pods are updated.
   * @default - Kruise's default, a standard rolling update with maxUnavailable 1
   * @see https://openkruise.io/docs/user-manuals/advanceddaemonset
   */
  readonly updateStrategy?: AdvancedDaemonSetUpdateStrategy;
  /**
   * Lifecycle hooks: preDelete (and preNormal, which the schema carries);
   * Kruise rejects inPlaceUpdate for DaemonSets.
   * @default - none
   * @see https://openkruise.io/docs/user-manuals/advanceddaemonset#lifecycle-hook
   */
  readonly lifecycle?: WorkloadLifecycle;
}

/**
 * OpenKruise Advanced DaemonSet (`apps.kruise.io` DaemonSet): one pod per
 * node, with partitioned, surging, node-selective and in-place rollouts.
 *
 * @see https://openkruise.io/docs/user-manuals/advanceddaemonset
 */
export class AdvancedDaemonSet extends KruiseWorkload {
  /** The Advanced DaemonSet resource type, for RBAC. */
  public readonly resourceType = 'daemonsets';

  /** The update strategy. */
  public readonly updateStrategy?: AdvancedDaemonSetUpdateStrategy;

  private readonly props: AdvancedDaemonSetProps;

  public constructor(scope: Construct, id: string, props: AdvancedDaemonSetProps = {}) {
    super(scope, id, { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'DaemonSet' }, props);
    this.props = props;
    this.updateStrategy = props.updateStrategy;
    if (props.restartPolicy !== undefined && props.restartPolicy !== 'Always') {
      throw invalid(this, 'spec.template.spec.restartPolicy', props.restartPolicy, 'DaemonSet pods must restart Always', 'remove restartPolicy');
    }
    if (props.revisionHistoryLimit !== undefined && (!Number.isInteger(props.revisionHistoryLimit) || props.revisionHistoryLimit < 0)) {
      throw invalid(this, 'spec.revisionHistoryLimit', props.revisionHistoryLimit, 'revisionHistoryLimit must be a whole number >= 0', 'set it to 0 or more');
    }
    if (props.lifecycle?.inPlaceUpdate !== undefined) {
      throw invalid(this, 'spec.lifecycle.inPlaceUpdate', props.lifecycle.inPlaceUpdate, 'Kruise does not support the inPlaceUpdate hook for DaemonSets', 'remove lifecycle.inPlaceUpdate (preDelete is supported)');
    }
    wholeSeconds(this, 'spec.minReadySeconds', props.minReady);
    props.updateStrategy?._toKube(this, 'spec.updateStrategy'); // rules that need no later input fail here
    // The selector (non-empty, matching the template labels): Kruise's rule, checked by the app's review on the emitted object.
  }

  /**
   * Tunes the image pre-download Kruise runs before updates
   * (annotations `apps.kruise.io/image-predownload-*` on this workload).
   * Needs the PreDownloadImageForDaemonSetUpdate gate (off by default). Kruise 0.9+ (minUpdatedReadyPods 1.1+).
   *
   * @see https://openkruise.io/docs/user-manuals/cloneset#pre-download-image-for-in-place-update
   */
  public configureImagePreDownload(options: ImagePreDownloadOptions): void {
    setImagePreDownload(this, this.apiObject.metadata, options);
  }

  protected renderSpec(): { [key: string]: unknown } {
    return l1Json(toJson_DaemonSetSpec(this.spec()));
  }

  private spec(): DaemonSetSpec {
    const p = this.props;
    return {
      selector: this._selector(),
      template: this._podTemplate(),
      burstReplicas: intOrString(DaemonSetSpecBurstReplicas, p.burstReplicas),
      minReadySeconds: wholeSeconds(this, 'spec.minReadySeconds', p.minReady),
      revisionHistoryLimit: p.revisionHistoryLimit,
      updateStrategy: p.updateStrategy?._toKube(this, 'spec.updateStrategy'),
      lifecycle: renderLifecycle(p.lifecycle),
    };
  }
}
