import { IConstruct } from 'constructs';
import { checkLabelValue, checkQualifiedName, checkStringMapOf } from '../common/object-meta';
import { invalid } from '../validation/errors';

// How a Kruise workload updates its pods: in place or not (PodUpdatePolicy),
// by the controller or on deletion (WorkloadUpdateType), in which order
// (UpdatePriority) and spread over which labels (scatter terms).

/**
 * How a Kruise workload replaces a pod whose template changed (CloneSet's
 * `updateStrategy.type`, Advanced StatefulSet's `rollingUpdate.podUpdatePolicy`).
 */
export enum PodUpdatePolicy {
  /** Delete the pod and create a new one. */
  RECREATE = 'ReCreate',
  /** Update in place when only images (or env from metadata) change, else recreate. */
  IN_PLACE_IF_POSSIBLE = 'InPlaceIfPossible',
  /** Only update in place; other changes are rejected. */
  IN_PLACE_ONLY = 'InPlaceOnly',
}

/** `spec.updateStrategy.type` of an Advanced StatefulSet or Advanced DaemonSet. */
export enum WorkloadUpdateType {
  /** The controller updates pods. */
  ROLLING_UPDATE = 'RollingUpdate',
  /** Pods are updated only when deleted by someone else. */
  ON_DELETE = 'OnDelete',
}

/** `priorityStrategy` as the API takes it (the shape of every kind's generated type). */
export interface PriorityStrategyJson {
  readonly weightPriority?: Array<{ weight: number; matchSelector: { matchLabels: { [key: string]: string } } }>;
  readonly orderPriority?: Array<{ orderedKey: string }>;
}

/** One weighted term of an update priority: pods matching the selector get the weight. */
export interface PriorityWeightTerm {
  /** 0-100; heavier pods update first. */
  readonly weight: number;
  /** Pods this weight applies to (labels they must carry). */
  readonly matchLabels: { [key: string]: string };
}

/**
 * The order in which pods are updated (`priorityStrategy`): by weight of
 * label selectors, or by the value of pod labels. The two are exclusive.
 *
 * @see https://openkruise.io/docs/user-manuals/cloneset#priority-strategy
 */
export class UpdatePriority {
  /** Pods matching heavier terms update first (weights 0-100). */
  public static weighted(terms: PriorityWeightTerm[]): UpdatePriority {
    return new UpdatePriority(terms, undefined);
  }

  /** Pods with a larger integer value of these label keys (in order) update first. */
  public static ordered(labelKeys: string[]): UpdatePriority {
    return new UpdatePriority(undefined, labelKeys);
  }

  private constructor(private readonly weights?: PriorityWeightTerm[], private readonly keys?: string[]) {}

  /** @internal */
  public _toKube(scope: IConstruct, field: string): PriorityStrategyJson {
    if (this.weights) {
      if (this.weights.length === 0) throw invalid(scope, `${field}.weightPriority`, [], 'an empty weighted priority has no effect', 'give at least one term or omit the priority');
      this.weights.forEach((t, i) => {
        if (!Number.isInteger(t.weight) || t.weight < 0 || t.weight > 100) {
          throw invalid(scope, `${field}.weightPriority[${i}].weight`, t.weight, 'Kruise accepts weights from 0 to 100', 'use a whole number between 0 and 100');
        }
        checkStringMapOf(scope, `${field}.weightPriority[${i}].matchSelector.matchLabels`, t.matchLabels, 'labels');
      });
      return { weightPriority: this.weights.map(t => ({ weight: t.weight, matchSelector: { matchLabels: { ...t.matchLabels } } })) };
    }
    const keys = this.keys ?? [];
    if (keys.length === 0) throw invalid(scope, `${field}.orderPriority`, [], 'an empty ordered priority has no effect', 'give at least one label key or omit the priority');
    keys.forEach((k, i) => checkQualifiedName(scope, `${field}.orderPriority[${i}].orderedKey`, k, 'label key'));
    return { orderPriority: keys.map(orderedKey => ({ orderedKey })) };
  }
}

/** A label key/value whose pods an update spreads out (`scatterStrategy`). */
export interface ScatterTerm {
  readonly key: string;
  readonly value: string;
}

/**
 * Renders scatter terms. A key may appear with several values; Kruise rejects
 * the same key=value pair twice.
 */
export function renderScatter(scope: IConstruct, field: string, terms: ScatterTerm[] | undefined): ScatterTerm[] | undefined {
  if (!terms) return undefined;
  const seen = new Set<string>();
  terms.forEach((t, i) => {
    checkQualifiedName(scope, `${field}[${i}].key`, t.key, 'label key');
    checkLabelValue(scope, `${field}[${i}].value`, t.value);
    const pair = `${t.key}=${t.value}`;
    if (seen.has(pair)) {
      throw invalid(scope, `${field}[${i}]`, pair, 'Kruise rejects the same scatter term twice', 'list each key=value pair once');
    }
    seen.add(pair);
  });
  return terms.map(t => ({ key: t.key, value: t.value }));
}
