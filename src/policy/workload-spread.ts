import { ApiObjectMetadata, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct, IConstruct } from 'constructs';
import { WorkloadTarget } from './workload-target';
import { isJsonObject, JsonObject } from '../base/json';
import { selectorJsonOf } from '../common/custom-resource';
import { IntOrPercent } from '../common/int-or-percent';
import { KruiseResource } from '../common/kruise-resource';
import { checkStringMapOf } from '../common/object-meta';
import {
  NodeSelectorRequirementJson, nodeSelectorRequirementToJson, NodeSelectorRequirementSpec, TolerationJson, TolerationSpec, tolerationToJson,
} from '../common/scheduling-spec';
import { LabelSelectorSpec } from '../common/selector';
import { addSynthCheck } from '../common/synth-check';
import { wholeSeconds } from '../common/value-checks';
import {
  toJson_WorkloadSpreadSpec, WorkloadSpreadSpec, WorkloadSpreadSpecScheduleStrategy, WorkloadSpreadSpecScheduleStrategyType,
  WorkloadSpreadSpecSubsetsMaxReplicas, WorkloadSpreadSpecSubsetsRequiredNodeSelectorTerm,
} from '../imports/apps.kruise.io';
import { invalid } from '../validation/errors';
import { KruiseVersion } from '../version';
import { requireKruiseVersion } from '../workloads/kruise-version-check';

/** Annotation: do not patch the metadata of pods that exist when the WorkloadSpread is created. */
const IGNORE_PATCH_EXISTING_PODS = 'workloadspread.kruise.io/ignore-patch-existing-pods-metadata';

/**
 * A node selector term (`requiredNodeSelectorTerm`, or the preference of a
 * preferred term): requirements ANDed. Each requirement is a
 * `kplus.NodeLabelQuery` or plain `{ key, operator, values }`.
 */
export interface WorkloadSpreadNodeSelectorTerm {
  /** Requirements on node labels. @default - none */
  readonly matchExpressions?: Array<kplus.NodeLabelQuery | NodeSelectorRequirementSpec>;
  /** Requirements on node fields (e.g. `metadata.name`). @default - none */
  readonly matchFields?: Array<kplus.NodeLabelQuery | NodeSelectorRequirementSpec>;
}

/** A weighted node preference (`preferredNodeSelectorTerms[]`). */
export interface WorkloadSpreadPreferredTerm {
  /** 1-100; heavier preferences count more. */
  readonly weight: number;
  /** The nodes preferred. */
  readonly preference: WorkloadSpreadNodeSelectorTerm;
}

/** One domain the workload's pods are spread over (`spec.subsets[]`). */
export interface WorkloadSpreadSubsetOptions {
  /** Unique among the subsets. */
  readonly name: string;
  /** Nodes this subset's pods must run on. @default - none */
  readonly requiredNodeSelectorTerm?: WorkloadSpreadNodeSelectorTerm;
  /** Nodes this subset's pods prefer. @default - none */
  readonly preferredNodeSelectorTerms?: WorkloadSpreadPreferredTerm[];
  /**
   * Taints this subset's pods tolerate: `kplus.NodeTaintQuery` objects or
   * plain `{ key, operator, value, effect, tolerationSeconds }`.
   * @default - none
   */
  readonly tolerations?: Array<kplus.NodeTaintQuery | TolerationSpec>;
  /**
   * Most pods in this subset: all subsets with a limit use the same form
   * (count or percent); percentages add up to at most 100%, and to exactly
   * 100% unless the last subset has no limit. StatefulSets take counts only.
   * @default - no limit
   */
  readonly maxReplicas?: IntOrPercent;
  /** Labels put on this subset's pods (`patch.metadata.labels`). @default - none */
  readonly podLabels?: { [key: string]: string };
  /** Annotations put on this subset's pods (`patch.metadata.annotations`). @default - none */
  readonly podAnnotations?: { [key: string]: string };
  /**
   * Any other strategic-merge patch of this subset's pods, as a plain object
   * (e.g. `{ spec: { containers: [{ name: 'main', resources: {...} }] } }`);
   * podLabels and podAnnotations are merged into it.
   * @default - none
   */
  readonly patch?: { [key: string]: unknown };
}

/** Options of {@link WorkloadSpreadScheduleStrategy.adaptive}. */
export interface WorkloadSpreadAdaptiveOptions {
  /**
   * How long a pod may stay unschedulable in a subset before it is moved to
   * a subset with room (whole seconds, at most 295 s / (subsets - 1)).
   * @default - Kruise's default, 30 seconds
   */
  readonly rescheduleCritical?: Duration;
  /** Skip the webhook's simulated scheduling when picking a subset. @default false */
  readonly disableSimulationSchedule?: boolean;
}

/**
 * How pods are placed among the subsets (`spec.scheduleStrategy`).
 * @see https://openkruise.io/docs/user-manuals/workloadspread#schedule-strategy
 */
export class WorkloadSpreadScheduleStrategy {
  /** Pods stay in the subset they were put in, even if unschedulable (Kruise's default). */
  public static fixed(): WorkloadSpreadScheduleStrategy {
    return new WorkloadSpreadScheduleStrategy('Fixed', undefined);
  }

  /**
   * Pods that cannot be scheduled in their subset move to the next one with
   * room; with options and several subsets, the last subset must have no
   * maxReplicas (Kruise's rule).
   */
  public static adaptive(options: WorkloadSpreadAdaptiveOptions = {}): WorkloadSpreadScheduleStrategy {
    return new WorkloadSpreadScheduleStrategy('Adaptive', options);
  }

  private constructor(
    /** `Fixed` or `Adaptive`. */
    public readonly type: string,
    private readonly adaptiveOptions: WorkloadSpreadAdaptiveOptions | undefined,
  ) {}

  /** @internal */
  public _toKube(scope: IConstruct | string = 'WorkloadSpreadScheduleStrategy.adaptive()'): WorkloadSpreadSpecScheduleStrategy {
    const o = this.adaptiveOptions;
    const adaptive = o && (o.rescheduleCritical !== undefined || o.disableSimulationSchedule !== undefined)
      ? { rescheduleCriticalSeconds: wholeSeconds(scope, 'spec.scheduleStrategy.adaptive.rescheduleCriticalSeconds', o.rescheduleCritical), disableSimulationSchedule: o.disableSimulationSchedule }
      : undefined;
    const type = this.type === 'Adaptive' ? WorkloadSpreadSpecScheduleStrategyType.ADAPTIVE : WorkloadSpreadSpecScheduleStrategyType.FIXED;
    return { type, adaptive };
  }
}

/**
 * Spread only part of the target's pods (`spec.targetFilter`; Kruise 1.8 and
 * later), e.g. the workers of a training job whose other pods run elsewhere.
 * @see https://openkruise.io/docs/user-manuals/workloadspread
 */
export interface WorkloadSpreadTargetFilter {
  /**
   * The pods the WorkloadSpread manages (a `kplus.LabelSelector` or plain
   * `{ matchLabels, matchExpressions }`); the target's other pods are left alone.
   * @default - all pods of the target
   */
  readonly selector?: kplus.LabelSelector | LabelSelectorSpec;
  /**
   * Where the target object holds the replica counts of the selected pods,
   * as dot-separated paths (e.g. `spec.tfReplicaSpecs.Worker.replicas`);
   * their sum is the number of pods spread.
   * @default - the target's own replica count
   */
  readonly replicasPaths?: string[];
}

/** Properties of {@link WorkloadSpread}. */
export interface WorkloadSpreadProps {
  /** Metadata (name, namespace, labels, annotations). @default - a generated name, the chart's namespace */
  readonly metadata?: ApiObjectMetadata;
  /**
   * The workload whose pods are spread: a CloneSet, Deployment, ReplicaSet,
   * Job, or StatefulSet (apps or Kruise's), in the same namespace.
   */
  readonly target: WorkloadTarget;
  /** Subsets (more with addSubset()). @default - none (at least one is required) */
  readonly subsets?: WorkloadSpreadSubsetOptions[];
  /** How pods are placed among the subsets. @default - Kruise's default, fixed */
  readonly scheduleStrategy?: WorkloadSpreadScheduleStrategy;
  /**
   * Spread only the target's pods that match a selector (Kruise 1.8 and later).
   * @default - all pods of the target
   * @see https://openkruise.io/docs/user-manuals/workloadspread
   */
  readonly targetFilter?: WorkloadSpreadTargetFilter;
  /**
   * Do not patch the metadata of pods that exist when the WorkloadSpread is
   * created (annotation `workloadspread.kruise.io/ignore-patch-existing-pods-metadata`).
   * @default false
   */
  readonly ignorePatchExistingPodsMetadata?: boolean;
  /**
   * The target's kind is not one Kruise supports natively but is listed in
   * `WorkloadSpread_Watch_Custom_Workload_WhiteList` of ConfigMap
   * kruise-configuration. Otherwise such a target is an error.
   * @default false
   */
  readonly customWorkloadWhitelisted?: boolean;
}

/** Kinds WorkloadSpread supports without the custom-workload whitelist: kind -> API groups. */
const SUPPORTED_TARGETS: { [kind: string]: string[] } = {
  CloneSet: ['apps.kruise.io'],
  Deployment: ['apps'],
  ReplicaSet: ['apps'],
  Job: ['batch'],
  StatefulSet: ['apps', 'apps.kruise.io'],
};

/**
 * OpenKruise WorkloadSpread: spreads the pods of a workload over subsets of
 * nodes (zones, node pools, virtual nodes) with per-subset limits and pod
 * patches, without changing the workload.
 *
 * @see https://openkruise.io/docs/user-manuals/workloadspread
 */
export class WorkloadSpread extends KruiseResource {
  /** The WorkloadSpread resource type, for RBAC. */
  public readonly resourceType = 'workloadspreads';
  /** The workload whose pods are spread. */
  public readonly target: WorkloadTarget;

  private readonly props: WorkloadSpreadProps;
  private readonly subsets: WorkloadSpreadSubsetOptions[] = [];

  public constructor(scope: Construct, id: string, props: WorkloadSpreadProps) {
    super(scope, id, { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'WorkloadSpread', metadata: props.metadata });
    this.props = props;
    this.target = props.target;
    if (typeof props.target?._toKube !== 'function') {
      throw invalid(this, 'spec.targetRef', props.target, 'Kruise needs the workload whose pods are spread', "give target: WorkloadTarget.fromResource(workload) or WorkloadTarget.of('apps/v1', 'Deployment', 'web')");
    }
    const rc = props.scheduleStrategy?._toKube(this).adaptive?.rescheduleCriticalSeconds;
    if (rc !== undefined && rc < 0) {
      throw invalid(this, 'spec.scheduleStrategy.adaptive.rescheduleCriticalSeconds', rc, 'must not be negative', 'give 0 or more seconds');
    }
    if (props.ignorePatchExistingPodsMetadata) this.apiObject.metadata.addAnnotation(IGNORE_PATCH_EXISTING_PODS, 'true');
    for (const s of props.subsets ?? []) this.addSubset(s);
    // Feature gates: checked by the app's review (Kruise's admission rules, src/admission/gates.ts).
    (props.targetFilter?.replicasPaths ?? []).forEach((path, i) => {
      if (typeof path !== 'string' || path === '') {
        throw invalid(this, `spec.targetFilter.replicasPathList[${i}]`, path, 'a replicas path names a field of the target', "give a dot-separated path such as 'spec.replicas'");
      }
    });
    selectorJsonOf(this, 'spec.targetFilter.selector', props.targetFilter?.selector); // malformed plain values fail now
    requireKruiseVersion(this, KruiseVersion.V1_8, 'spec.targetFilter', () => this.renderTargetFilter());
    addSynthCheck(this);
  }

  /** Adds a subset (after the existing ones; order matters: pods fill subsets in order). */
  public addSubset(subset: WorkloadSpreadSubsetOptions): void {
    const i = this.subsets.length;
    const field = `spec.subsets[${i}]`;
    if (typeof subset.name !== 'string' || subset.name === '') {
      throw invalid(this, `${field}.name`, subset.name, 'every subset needs a name', 'give the subset a name');
    }
    if (this.subsets.some(s => s.name === subset.name)) {
      throw invalid(this, `${field}.name`, subset.name, 'subset names must be unique', 'give each subset its own name');
    }
    (subset.preferredNodeSelectorTerms ?? []).forEach((t, j) => {
      if (!Number.isInteger(t.weight) || t.weight < 1 || t.weight > 100) {
        throw invalid(this, `${field}.preferredNodeSelectorTerms[${j}].weight`, t.weight, 'weights run from 1 to 100', 'use a whole number between 1 and 100');
      }
    });
    const max = subset.maxReplicas;
    if (max) {
      const first = this.subsets.find(s => s.maxReplicas)?.maxReplicas;
      if (first && first.isPercent !== max.isPercent) {
        throw invalid(this, `${field}.maxReplicas`, max.toJson(), `Kruise needs the maxReplicas of all subsets in one form, and an earlier subset uses ${first.isPercent ? 'a percentage' : 'a count'}`, 'use IntOrPercent.count() everywhere or IntOrPercent.percent() everywhere');
      }
      if (max.isPercent) {
        const sum = this.percentSum() + max.value;
        if (sum > 100) {
          throw invalid(this, `${field}.maxReplicas`, max.toJson(), `the subsets' percentages add up to ${sum}%, more than 100%`, 'lower the percentages');
        }
      }
    }
    checkStringMapOf(this, `${field}.patch.metadata.labels`, subset.podLabels, 'labels');
    checkStringMapOf(this, `${field}.patch.metadata.annotations`, subset.podAnnotations, 'annotations');
    this.renderPatch(field, subset); // conflicts fail now
    this.renderScheduling(field, subset); // malformed plain terms fail now
    this.subsets.push(subset);
  }

  private percentSum(): number {
    return this.subsets.reduce((sum, s) => sum + (s.maxReplicas?.isPercent ? s.maxReplicas.value : 0), 0);
  }

  private renderPatch(field: string, s: WorkloadSpreadSubsetOptions): JsonObject | undefined {
    if (!s.patch && !s.podLabels && !s.podAnnotations) return undefined;
    const copy: unknown = JSON.parse(JSON.stringify(s.patch ?? {}));
    if (!isJsonObject(copy)) {
      throw invalid(this, `${field}.patch`, s.patch, 'a pod patch is an object', 'give a strategic-merge patch such as { metadata: { labels: { tier: \'edge\' } } }');
    }
    const patch = copy;
    const merge = (key: 'labels' | 'annotations', values?: { [k: string]: string }) => {
      if (!values) return;
      const metadata = isJsonObject(patch.metadata) ? patch.metadata : {};
      patch.metadata = metadata;
      const existing = isJsonObject(metadata[key]) ? metadata[key] : {};
      for (const [k, v] of Object.entries(values)) {
        if (existing[k] !== undefined && existing[k] !== v) {
          throw invalid(this, `${field}.patch.metadata.${key}`, k, `pod${key === 'labels' ? 'Labels' : 'Annotations'} and patch set this key to different values`, 'set it in one place');
        }
        existing[k] = v;
      }
      metadata[key] = existing;
    };
    merge('labels', s.podLabels);
    merge('annotations', s.podAnnotations);
    return patch;
  }

  /** A subset's node selector terms and tolerations as the API takes them. */
  private renderScheduling(field: string, s: WorkloadSpreadSubsetOptions): {
    requiredNodeSelectorTerm?: WorkloadSpreadSpecSubsetsRequiredNodeSelectorTerm;
    preferredNodeSelectorTerms?: Array<{ weight: number; preference: WorkloadSpreadSpecSubsetsRequiredNodeSelectorTerm }>;
    tolerations?: TolerationJson[];
  } {
    return {
      requiredNodeSelectorTerm: s.requiredNodeSelectorTerm && this.renderTerm(`${field}.requiredNodeSelectorTerm`, s.requiredNodeSelectorTerm),
      preferredNodeSelectorTerms: s.preferredNodeSelectorTerms?.map((t, j) => ({
        weight: t.weight,
        preference: this.renderTerm(`${field}.preferredNodeSelectorTerms[${j}].preference`, t.preference),
      })),
      tolerations: s.tolerations?.map((t, j) => {
        try {
          return tolerationToJson(t);
        } catch (e) {
          throw invalid(this, `${field}.tolerations[${j}]`, t, (e as Error).message, 'give a kplus.NodeTaintQuery or { key, operator: \'Equal\' | \'Exists\', value, effect }');
        }
      }),
    };
  }

  private renderTerm(field: string, term: WorkloadSpreadNodeSelectorTerm): WorkloadSpreadSpecSubsetsRequiredNodeSelectorTerm {
    const requirements = (key: 'matchExpressions' | 'matchFields'): NodeSelectorRequirementJson[] | undefined =>
      term[key]?.map((q, k) => {
        try {
          return nodeSelectorRequirementToJson(q);
        } catch (e) {
          throw invalid(this, `${field}.${key}[${k}]`, q, (e as Error).message, 'give a kplus.NodeLabelQuery or { key, operator: \'In\' | \'NotIn\' | \'Exists\' | \'DoesNotExist\' | \'Gt\' | \'Lt\', values }');
        }
      });
    return { matchExpressions: requirements('matchExpressions'), matchFields: requirements('matchFields') };
  }

  protected renderSpec(): { [key: string]: unknown } {
    const spec: WorkloadSpreadSpec = {
      targetRef: this.target._toKube(),
      subsets: this.subsets.map((s, i) => {
        const max = s.maxReplicas?.toJson() as number | string | undefined;
        return {
          name: s.name,
          ...this.renderScheduling(`spec.subsets[${i}]`, s),
          maxReplicas: max === undefined ? undefined : typeof max === 'number'
            ? WorkloadSpreadSpecSubsetsMaxReplicas.fromNumber(max) : WorkloadSpreadSpecSubsetsMaxReplicas.fromString(max),
          patch: this.renderPatch(`spec.subsets[${i}]`, s),
        };
      }),
      scheduleStrategy: this.props.scheduleStrategy?._toKube(this),
    };
    // targetFilter is Kruise 1.8's: the L1 types (generated from the 1.7 model) do not have it.
    const targetFilter = this.renderTargetFilter();
    return { ...toJson_WorkloadSpreadSpec(spec), ...(targetFilter && { targetFilter }) };
  }

  private renderTargetFilter(): JsonObject | undefined {
    const f = this.props.targetFilter;
    if (!f) return undefined;
    const paths = f.replicasPaths ?? [];
    return {
      selector: selectorJsonOf(this, 'spec.targetFilter.selector', f.selector),
      replicasPathList: paths.length > 0 ? [...paths] : undefined,
    };
  }

  /** The construct's own checks at synth (see addSynthCheck). @internal */
  public _checkAtSynth(): string[] {
    // Kruise's own rules (subsets required, maxReplicas forms and sums, the
    // adaptive strategy, target API groups, one WorkloadSpread per workload)
    // are checked by the app's review on the emitted objects. Here: what only
    // this construct knows.
    const errors: string[] = [];
    const t = this.target;
    // A kind Kruise does not spread by default needs the whitelist of
    // kruise-configuration, which the review cannot see (it warns); the
    // customWorkloadWhitelisted prop says whether there is one.
    if (!this.props.customWorkloadWhitelisted && SUPPORTED_TARGETS[t.kind] === undefined) {
      errors.push(invalid(this, 'spec.targetRef', t._toKube(), 'Kruise spreads CloneSet, Deployment, ReplicaSet, Job and StatefulSet (apps or apps.kruise.io) only', 'target one of those, or list the kind in WorkloadSpread_Watch_Custom_Workload_WhiteList of ConfigMap kruise-configuration and set customWorkloadWhitelisted').message);
    }
    const nsProblem = t._namespaceProblem(this, this.apiObject, 'spec.targetRef');
    if (nsProblem) errors.push(nsProblem);
    return errors;
  }
}
