import { ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';
import { WorkloadTarget } from './workload-target';
import { KruiseResource } from '../common/kruise-resource';
import { addSynthCheck } from '../common/synth-check';
import { PersistentPodStateSpec, toJson_PersistentPodStateSpec } from '../imports/apps.kruise.io';
import { invalid } from '../validation/errors';

/** When a pod's recorded state is dropped. */
export enum PersistentPodStateRetentionPolicy {
  /** When the workload scales the pod away (Kruise's default). */
  WHEN_SCALED = 'WhenScaled',
  /** Only when the workload is deleted. */
  WHEN_DELETED = 'WhenDeleted',
}

/** A weighted topology preference (`preferredPersistentTopology[]`). */
export interface PersistentTopologyPreference {
  /** 1-100; heavier preferences count more. */
  readonly weight: number;
  /** Node label keys whose values a recreated pod should keep (e.g. `kubernetes.io/hostname`). */
  readonly nodeTopologyKeys: string[];
}

/** Properties of {@link PersistentPodState}. */
export interface PersistentPodStateProps {
  /** Metadata (name, namespace, labels, annotations). @default - a generated name, the chart's namespace */
  readonly metadata?: ApiObjectMetadata;
  /** The workload: a StatefulSet (apps or apps.kruise.io), in the same namespace. */
  readonly target: WorkloadTarget;
  /**
   * Node label keys whose values a recreated pod must keep
   * (`requiredPersistentTopology.nodeTopologyKeys`). This or
   * preferredPersistentTopology is required.
   * @default - none
   */
  readonly requiredPersistentTopology?: string[];
  /** Node label keys whose values a recreated pod should keep, weighted. @default - none */
  readonly preferredPersistentTopology?: PersistentTopologyPreference[];
  /** Pod annotations to restore on recreated pods (keys). @default - none */
  readonly persistentPodAnnotations?: string[];
  /** When a pod's recorded state is dropped. @default - Kruise's default, WhenScaled */
  readonly retentionPolicy?: PersistentPodStateRetentionPolicy;
  /**
   * The target's kind is not a StatefulSet but is listed in
   * `PPS_Watch_Custom_Workload_WhiteList` of ConfigMap kruise-configuration.
   * Otherwise such a target is an error.
   * @default false
   */
  readonly customWorkloadWhitelisted?: boolean;
}

/**
 * OpenKruise PersistentPodState: records where (node topology) and with which
 * annotations the pods of a StatefulSet ran, and makes recreated pods keep them.
 * Works through Kruise's pod webhook (feature gate PodWebhook).
 *
 * @see https://openkruise.io/docs/user-manuals/persistentpodstate
 */
export class PersistentPodState extends KruiseResource {
  /** The PersistentPodState resource type, for RBAC. */
  public readonly resourceType = 'persistentpodstates';
  /** The workload. */
  public readonly target: WorkloadTarget;

  private readonly props: PersistentPodStateProps;

  public constructor(scope: Construct, id: string, props: PersistentPodStateProps) {
    super(scope, id, { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'PersistentPodState', metadata: props.metadata });
    this.props = props;
    this.target = props.target;
    if (typeof props.target?._toKube !== 'function') {
      throw invalid(this, 'spec.targetRef', props.target, 'Kruise needs the StatefulSet whose pods keep their state', "give target: WorkloadTarget.fromResource(statefulSet) or WorkloadTarget.of('apps/v1', 'StatefulSet', 'web')");
    }
    const required = props.requiredPersistentTopology;
    const preferred = props.preferredPersistentTopology;
    if ((required === undefined || required.length === 0) && (preferred === undefined || preferred.length === 0)) {
      throw invalid(this, 'spec.requiredPersistentTopology', required, 'Kruise needs requiredPersistentTopology or preferredPersistentTopology', 'give node label keys in one of them, e.g. [\'kubernetes.io/hostname\']');
    }
    if (required && required.length === 0) {
      throw invalid(this, 'spec.requiredPersistentTopology.nodeTopologyKeys', [], 'an empty list requires nothing', 'give node label keys or leave it unset');
    }
    (preferred ?? []).forEach((p, i) => {
      if (!Number.isInteger(p.weight) || p.weight < 1 || p.weight > 100) {
        throw invalid(this, `spec.preferredPersistentTopology[${i}].weight`, p.weight, 'weights run from 1 to 100', 'use a whole number between 1 and 100');
      }
      if (p.nodeTopologyKeys.length === 0) {
        throw invalid(this, `spec.preferredPersistentTopology[${i}].preference.nodeTopologyKeys`, [], 'an empty preference prefers nothing', 'give node label keys');
      }
    });
    const annotations = props.persistentPodAnnotations ?? [];
    if (new Set(annotations).size !== annotations.length) {
      throw invalid(this, 'spec.persistentPodAnnotations', annotations, 'duplicates are not allowed', 'list each key once');
    }
    // Feature gates: checked by the app's review (Kruise's admission rules, src/admission/gates.ts).
    addSynthCheck(this);
  }

  protected renderSpec(): { [key: string]: unknown } {
    const p = this.props;
    const spec: PersistentPodStateSpec = {
      targetRef: this.target._toKube(),
      requiredPersistentTopology: p.requiredPersistentTopology && { nodeTopologyKeys: [...p.requiredPersistentTopology] },
      preferredPersistentTopology: p.preferredPersistentTopology?.map(t => ({
        weight: t.weight,
        preference: { nodeTopologyKeys: [...t.nodeTopologyKeys] },
      })),
      persistentPodAnnotations: p.persistentPodAnnotations?.map(key => ({ key })),
      persistentPodStateRetentionPolicy: p.retentionPolicy,
    };
    return toJson_PersistentPodStateSpec(spec) ?? {};
  }

  /** The construct's own checks at synth (see addSynthCheck). @internal */
  public _checkAtSynth(): string[] {
    const errors: string[] = [];
    const t = this.target;
    if (!this.props.customWorkloadWhitelisted && !(t.kind === 'StatefulSet' && ['apps', 'apps.kruise.io'].includes(t.group))) {
      errors.push(invalid(this, 'spec.targetRef', t._toKube(), 'Kruise keeps pod state for StatefulSets (apps or apps.kruise.io) only', 'target a StatefulSet, or list the kind in PPS_Watch_Custom_Workload_WhiteList of ConfigMap kruise-configuration and set customWorkloadWhitelisted').message);
    }
    const ns = t._namespaceProblem(this, this.apiObject, 'spec.targetRef');
    if (ns) errors.push(ns);
    // One PersistentPodState per workload: Kruise's rule, checked by the app's review against the app's objects.
    return errors;
  }
}
