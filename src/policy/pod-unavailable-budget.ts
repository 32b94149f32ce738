import { ApiObjectMetadata } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { WorkloadTarget } from './workload-target';
import { requireNonEmptySelector } from '../common/custom-resource';
import { IntOrPercent } from '../common/int-or-percent';
import { KruiseResource } from '../common/kruise-resource';
import { LabelSelectorSpec, SelectorJson } from '../common/selector';
import { addSynthCheck } from '../common/synth-check';
import {
  PodUnavailableBudgetSpec, PodUnavailableBudgetSpecMaxUnavailable, PodUnavailableBudgetSpecMinAvailable, toJson_PodUnavailableBudgetSpec,
} from '../imports/policy.kruise.io';
import { invalid } from '../validation/errors';

/** Annotation listing the protected operations. */
const PROTECT_OPERATIONS = 'kruise.io/pub-protect-operations';
/** Annotation overriding the replica count the budget is computed from. */
const PROTECT_TOTAL_REPLICAS = 'pub.kruise.io/protect-total-replicas';

/** A pod operation a PodUnavailableBudget guards. */
export enum PubOperation {
  /** Deleting pods (feature gate PodUnavailableBudgetDeleteGate). */
  DELETE = 'DELETE',
  /** Evicting pods (feature gate PodUnavailableBudgetDeleteGate). */
  EVICT = 'EVICT',
  /** In-place updates of pods (feature gate PodUnavailableBudgetUpdateGate, off by default). */
  UPDATE = 'UPDATE',
}

/**
 * The budget: pods that may be unavailable, or pods that must stay available
 * (exclusive), as a count or a percentage (at most 100%).
 * @see https://openkruise.io/docs/user-manuals/podunavailablebudget
 */
export class PodUnavailableBudgetLimit {
  /** At most this many selected pods may be unavailable (`spec.maxUnavailable`). */
  public static maxUnavailable(value: IntOrPercent): PodUnavailableBudgetLimit {
    return new PodUnavailableBudgetLimit('maxUnavailable', value);
  }

  /** At least this many selected pods must stay available (`spec.minAvailable`). */
  public static minAvailable(value: IntOrPercent): PodUnavailableBudgetLimit {
    return new PodUnavailableBudgetLimit('minAvailable', value);
  }

  private constructor(
    /** `maxUnavailable` or `minAvailable`. */
    public readonly field: string,
    /** The limit. */
    public readonly value: IntOrPercent,
  ) {}
}

/** Properties of {@link PodUnavailableBudget}. */
export interface PodUnavailableBudgetProps {
  /** Metadata (name, namespace, labels, annotations). @default - a generated name, the chart's namespace */
  readonly metadata?: ApiObjectMetadata;
  /** The budget. */
  readonly budget: PodUnavailableBudgetLimit;
  /**
   * The guarded pods, by label: a `kplus.LabelSelector` or plain
   * `{ matchLabels, matchExpressions }`. Exclusive with target; immutable once applied.
   * @default - use target
   */
  readonly selector?: kplus.LabelSelector | LabelSelectorSpec;
  /** The guarded pods, by workload (any kind with a scale subresource). Exclusive with selector; immutable once applied. @default - use selector */
  readonly target?: WorkloadTarget;
  /**
   * The operations guarded (annotation `kruise.io/pub-protect-operations`).
   * @default - Kruise's default: all of them (UPDATE only takes effect with PodUnavailableBudgetUpdateGate on)
   */
  readonly protectOperations?: PubOperation[];
  /**
   * The replica count percentages are computed from, instead of the
   * workload's (annotation `pub.kruise.io/protect-total-replicas`).
   * @default - the workload's replicas
   */
  readonly protectTotalReplicas?: number;
}

/**
 * OpenKruise PodUnavailableBudget (policy.kruise.io): like a
 * PodDisruptionBudget, but also guards deletion and in-place updates.
 *
 * Needs the feature gate PodUnavailableBudgetDeleteGate (for DELETE/EVICT)
 * and PodUnavailableBudgetUpdateGate when UPDATE is listed in protectOperations.
 *
 * @see https://openkruise.io/docs/user-manuals/podunavailablebudget
 */
export class PodUnavailableBudget extends KruiseResource {
  /** The PodUnavailableBudget resource type, for RBAC. */
  public readonly resourceType = 'podunavailablebudgets';
  /** The workload guarded, when given by target. */
  public readonly target?: WorkloadTarget;

  private readonly selectorJson?: SelectorJson;
  private readonly props: PodUnavailableBudgetProps;

  public constructor(scope: Construct, id: string, props: PodUnavailableBudgetProps) {
    super(scope, id, { apiVersion: 'policy.kruise.io/v1alpha1', kind: 'PodUnavailableBudget', metadata: props.metadata });
    this.props = props;
    this.target = props.target;
    if (typeof props.budget?.field !== 'string' || typeof props.budget.value?.toJson !== 'function') {
      throw invalid(this, 'spec.maxUnavailable', props.budget, 'Kruise needs the budget', 'give budget: PodUnavailableBudgetLimit.maxUnavailable(...) or PodUnavailableBudgetLimit.minAvailable(...)');
    }
    if (props.selector && props.target) {
      throw invalid(this, 'spec.selector', props.target._toKube(), 'selector and targetRef are mutually exclusive', 'give only one of selector and target');
    }
    if (!props.selector && !props.target) {
      throw invalid(this, 'spec.selector', undefined, 'Kruise needs the pods to guard', 'give a selector or a target');
    }
    this.selectorJson = props.selector && requireNonEmptySelector(this, 'spec.selector', props.selector);
    const ops = props.protectOperations;
    if (ops !== undefined) {
      if (ops.length === 0) {
        throw invalid(this, `metadata.annotations.${PROTECT_OPERATIONS}`, [], 'an empty list would be read as "all operations"', 'list at least one operation, or leave protectOperations unset');
      }
      ops.forEach(op => {
        if (!Object.values(PubOperation).includes(op)) {
          throw invalid(this, `metadata.annotations.${PROTECT_OPERATIONS}`, op, 'Kruise accepts DELETE, EVICT and UPDATE', 'use PubOperation.DELETE, EVICT or UPDATE');
        }
      });
      if (new Set(ops).size !== ops.length) {
        throw invalid(this, `metadata.annotations.${PROTECT_OPERATIONS}`, ops, 'duplicates are not allowed', 'list each operation once');
      }
    }
    const total = props.protectTotalReplicas;
    if (total !== undefined && (!Number.isInteger(total) || total < 0 || total > 2147483647)) {
      throw invalid(this, `metadata.annotations.${PROTECT_TOTAL_REPLICAS}`, total, 'must be a whole number >= 0 (int32)', 'give the replica count');
    }

    if (ops) this.apiObject.metadata.addAnnotation(PROTECT_OPERATIONS, ops.join(','));
    if (total !== undefined) this.apiObject.metadata.addAnnotation(PROTECT_TOTAL_REPLICAS, String(total));

    // Feature gates: checked by the app's review (Kruise's admission rules, src/admission/gates.ts).
    addSynthCheck(this);
  }

  protected renderSpec(): { [key: string]: unknown } {
    const b = this.props.budget;
    const value = b.value.toJson() as number | string;
    const spec: PodUnavailableBudgetSpec = {
      selector: this.selectorJson,
      targetRef: this.target?._toKube(),
      ...(b.field === 'minAvailable'
        ? { minAvailable: typeof value === 'number' ? PodUnavailableBudgetSpecMinAvailable.fromNumber(value) : PodUnavailableBudgetSpecMinAvailable.fromString(value) }
        : { maxUnavailable: typeof value === 'number' ? PodUnavailableBudgetSpecMaxUnavailable.fromNumber(value) : PodUnavailableBudgetSpecMaxUnavailable.fromString(value) }),
    };
    return toJson_PodUnavailableBudgetSpec(spec) ?? {};
  }

  /** The construct's own checks at synth (see addSynthCheck). @internal */
  public _checkAtSynth(): string[] {
    const errors: string[] = [];
    const ns = this.target?._namespaceProblem(this, this.apiObject, 'spec.targetRef');
    if (ns) errors.push(ns);
    // One budget per workload / per pod: Kruise's rule, checked by the app's review against the app's objects.
    return errors;
  }
}
