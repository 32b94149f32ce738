import { ApiObject, ApiObjectMetadataDefinition, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { IConstruct } from 'constructs';
import * as knobs from '../admission/gates';
import { containerJson } from '../common/cdk8s-internals';
import { DeletionProtection } from '../common/deletion-protection';
import { IntOrPercent } from '../common/int-or-percent';
import { invalid } from '../validation/errors';

/** A label or annotation (or env var) Kruise reads: its key and the value to set. */
export interface KruiseKnobEntry {
  /** The label/annotation key or env var name. */
  readonly key: string;
  /** The value. */
  readonly value: string;
}

/** Lifecycle states Kruise writes to `lifecycle.apps.kruise.io/state`. */
export enum PodLifecycleState {
  /** Created, waiting for the preNormal hook. */
  PREPARING_NORMAL = 'PreparingNormal',
  /** Serving. */
  NORMAL = 'Normal',
  /** Waiting for the inPlaceUpdate hook before an in-place update. */
  PREPARING_UPDATE = 'PreparingUpdate',
  /** Being updated in place. */
  UPDATING = 'Updating',
  /** Updated in place, waiting for the inPlaceUpdate hook to finish. */
  UPDATED = 'Updated',
  /** Waiting for the preDelete hook before deletion. */
  PREPARING_DELETE = 'PreparingDelete',
}

/** Options of {@link KruisePodKnobs.terminateSidecarWhenJobExits}. */
export interface SidecarTerminatorOptions {
  /**
   * On virtual-kubelet nodes, where Kruise cannot stop a container, Kruise
   * replaces the sidecar's image in place with this one, which must exit
   * with code 0 (`KRUISE_TERMINATE_SIDECAR_WHEN_JOB_EXIT_WITH_IMAGE`).
   * @default - not set
   */
  readonly exitImage?: string;
  /**
   * Let the job pod succeed whatever exit code the stopped sidecar returns
   * (`KRUISE_TERMINATE_SIDECAR_IGNORE_EXIT_CODE`, Kruise 1.7.4+). Kruise marks
   * the pod finished before stopping the sidecar, so resources the sidecar
   * still holds may be handed out early; see the Kruise docs.
   * @default false
   */
  readonly ignoreExitCode?: boolean;
}

/** Options of `configureImagePreDownload()` (CloneSet, AdvancedStatefulSet, AdvancedDaemonSet). */
export interface ImagePreDownloadOptions {
  /**
   * Nodes pulling the new images at the same time.
   * @default - Kruise's default, 1
   */
  readonly parallelism?: number;
  /**
   * Timeout of each pull (whole seconds).
   * @default - Kruise's default, 10 minutes
   */
  readonly timeout?: Duration;
  /**
   * Updated pods (count or percent) that must be ready before pre-download
   * starts (Kruise 1.1+).
   * @default - pre-download starts at once
   */
  readonly minUpdatedReadyPods?: IntOrPercent;
}

/** Options of {@link KruisePodKnobs.autoGeneratePersistentPodState}. */
export interface PersistentPodStateAutoOptions {
  /**
   * Node topology keys a recreated pod must land on again (e.g. `kubernetes.io/hostname`).
   * @default - none (give this or preferredTopologyKeys)
   */
  readonly requiredTopologyKeys?: string[];
  /**
   * Node topology keys a recreated pod prefers to land on again.
   * @default - none (give this or requiredTopologyKeys)
   */
  readonly preferredTopologyKeys?: string[];
  /**
   * Pod annotation keys whose values are kept across recreation (Kruise 1.4+).
   * @default - none
   */
  readonly persistentPodAnnotations?: string[];
}

/**
 * Typed helpers for the pod-level and object-level settings Kruise reads from
 * env vars, labels, annotations and readiness gates (none of which has a
 * field in any API). Each helper sets the exact key and value Kruise expects
 * and checks what can be checked at construction. The feature gate a knob
 * needs is checked by the app's review (`KruiseReview`) on the emitted
 * objects, whether the knob was set here or written by hand: synthesis fails
 * when the governing Kruise install has it off.
 *
 * Helpers that change a pod template take the cdk8s-plus workload (or pod);
 * helpers that label an object take any construct whose default child is an
 * `ApiObject` (cdk8s-plus resources, this library's L2s, plain ApiObjects).
 * Knobs that only one Kruise workload kind reads are methods of that kind:
 * `KruiseWorkload.addInPlaceUpdateReadinessGate()`,
 * `CloneSet.excludePreparingDeleteFromScaling()` and
 * `configureImagePreDownload()` on CloneSet, AdvancedStatefulSet and AdvancedDaemonSet.
 * Labels that operators set on live pods (specified-delete, lifecycle state,
 * unavailable) are returned as key/value pairs.
 *
 * @see https://openkruise.io/docs/
 */
export class KruisePodKnobs {
  /** Env var with a container's launch priority (Kruise 1.0+). */
  public static readonly CONTAINER_PRIORITY_ENV = knobs.CONTAINER_PRIORITY_ENV;
  /** Pod annotation that starts containers in their list order (Kruise 1.0+). */
  public static readonly CONTAINER_LAUNCH_PRIORITY_ANNOTATION = knobs.CONTAINER_LAUNCH_PRIORITY_ANNOTATION;
  /** Env var marking a Job sidecar Kruise stops when the main containers exit (Kruise 1.4+). */
  public static readonly TERMINATE_SIDECAR_ENV = knobs.TERMINATE_SIDECAR_ENV;
  /** Env var with the image a sidecar is switched to on virtual-kubelet nodes (Kruise 1.4+). */
  public static readonly TERMINATE_SIDECAR_WITH_IMAGE_ENV = knobs.TERMINATE_SIDECAR_WITH_IMAGE_ENV;
  /** Env var: ignore the stopped sidecar's exit code (Kruise 1.7.4+). */
  public static readonly TERMINATE_SIDECAR_IGNORE_EXIT_CODE_ENV = 'KRUISE_TERMINATE_SIDECAR_IGNORE_EXIT_CODE';
  /** Readiness gate of in-place updates (Kruise 0.3+); see `KruiseWorkload.addInPlaceUpdateReadinessGate()`. */
  public static readonly IN_PLACE_UPDATE_READY = 'InPlaceUpdateReady';
  /** Pod label: delete this pod first when scaling down (Kruise 0.7+). */
  public static readonly SPECIFIED_DELETE_LABEL = 'apps.kruise.io/specified-delete';
  /** Pod label holding the lifecycle-hook state (Kruise 0.7+). */
  public static readonly LIFECYCLE_STATE_LABEL = 'lifecycle.apps.kruise.io/state';
  /** Prefix of pod labels that mark a pod unavailable (Kruise 1.3+). */
  public static readonly UNAVAILABLE_POD_LABEL_PREFIX = 'unavailable-pod.kruise.io/';
  /** Object label blocking deletion (Kruise 0.9+). */
  public static readonly DELETE_PROTECTION_LABEL = knobs.DELETE_PROTECTION_LABEL;
  /** Workload annotation: image pre-download parallelism (Kruise 0.9+). */
  public static readonly IMAGE_PREDOWNLOAD_PARALLELISM_ANNOTATION = knobs.IMAGE_PREDOWNLOAD_ANNOTATIONS[0];
  /** Workload annotation: image pre-download pull timeout in seconds (Kruise 0.9+). */
  public static readonly IMAGE_PREDOWNLOAD_TIMEOUT_ANNOTATION = knobs.IMAGE_PREDOWNLOAD_ANNOTATIONS[1];
  /** Workload annotation: updated ready pods before pre-download starts (Kruise 1.1+). */
  public static readonly IMAGE_PREDOWNLOAD_MIN_UPDATED_READY_PODS_ANNOTATION = knobs.IMAGE_PREDOWNLOAD_ANNOTATIONS[2];
  /** CloneSet label: do not count PreparingDelete pods when scaling (Kruise 1.3+); see `CloneSet.excludePreparingDeleteFromScaling()`. */
  public static readonly CLONESET_SCALING_EXCLUDE_PREPARING_DELETE_LABEL = 'apps.kruise.io/cloneset-scaling-exclude-preparing-delete';
  /** Pod annotation exempting the pod from PodUnavailableBudgets (Kruise 1.0+). */
  public static readonly PUB_NO_PROTECT_ANNOTATION = 'pub.kruise.io/no-protect';
  /** StatefulSet annotation: create a PersistentPodState automatically (Kruise 1.2+). */
  public static readonly AUTO_GENERATE_PERSISTENT_POD_STATE_ANNOTATION = 'kruise.io/auto-generate-persistent-pod-state';
  /** StatefulSet annotation: required persistent topology keys (Kruise 1.2+). */
  public static readonly REQUIRED_PERSISTENT_TOPOLOGY_ANNOTATION = 'kruise.io/required-persistent-topology';
  /** StatefulSet annotation: preferred persistent topology keys (Kruise 1.2+). */
  public static readonly PREFERRED_PERSISTENT_TOPOLOGY_ANNOTATION = 'kruise.io/preferred-persistent-topology';
  /** StatefulSet annotation: pod annotations kept across recreation (Kruise 1.4+). */
  public static readonly PERSISTENT_POD_ANNOTATIONS_ANNOTATION = 'kruise.io/persistent-pod-annotations';
  /** SidecarSet label pinning a custom version (Kruise 1.3+). */
  public static readonly SIDECARSET_CUSTOM_VERSION_LABEL = 'apps.kruise.io/sidecarset-custom-version';
  /** Pod annotation handing liveness probes to kruise-daemon (Kruise 1.7+). */
  public static readonly USING_ENHANCED_LIVENESS_ANNOTATION = knobs.USING_ENHANCED_LIVENESS_ANNOTATION;
  /** WorkloadSpread annotation: do not patch the metadata of existing pods (Kruise 1.3+). */
  public static readonly WORKLOADSPREAD_IGNORE_PATCH_ANNOTATION = 'workloadspread.kruise.io/ignore-patch-existing-pods-metadata';

  // ---------------------------------------------------------------- container launch priority

  /**
   * Start the pod's containers in their list order: each container starts
   * once the ones before it are running (annotation
   * `apps.kruise.io/container-launch-priority: Ordered`). Overrides per-container
   * priorities. Kruise 1.0+; needs the PodWebhook gate (on by default).
   *
   * @see https://openkruise.io/docs/user-manuals/containerlaunchpriority
   */
  public static orderContainerLaunch(pod: kplus.AbstractPod): void {
    podMetadataOf(pod).addAnnotation(KruisePodKnobs.CONTAINER_LAUNCH_PRIORITY_ANNOTATION, 'Ordered');
  }

  /**
   * Give a container a launch priority (env `KRUISE_CONTAINER_PRIORITY`):
   * containers with a higher priority start before those with a lower one
   * (unset counts as 0). Kruise 1.0+; needs the PodWebhook gate (on by default).
   *
   * @param pod the workload or pod the container belongs to
   * @param container a container of `pod`
   * @param priority -2147483647 to 2147483647
   * @see https://openkruise.io/docs/user-manuals/containerlaunchpriority
   */
  public static setContainerLaunchPriority(pod: kplus.AbstractPod, container: kplus.Container, priority: number): void {
    checkContainerOf(pod, container);
    if (!Number.isInteger(priority) || priority < -2147483647 || priority > 2147483647) {
      throw invalid(pod, `containers[${container.name}].env.${KruisePodKnobs.CONTAINER_PRIORITY_ENV}`, priority, 'Kruise accepts whole numbers from -2147483647 to 2147483647', 'use a whole number in that range');
    }
    container.env.addVariable(KruisePodKnobs.CONTAINER_PRIORITY_ENV, kplus.EnvValue.fromValue(String(priority)));
    pod.node.addValidation({
      validate: () => podMetadataOf(pod).toJson().annotations?.[KruisePodKnobs.CONTAINER_LAUNCH_PRIORITY_ANNOTATION] === 'Ordered'
        ? [`containers[${container.name}].env.${KruisePodKnobs.CONTAINER_PRIORITY_ENV}: Kruise ignores container priorities when the pod has ${KruisePodKnobs.CONTAINER_LAUNCH_PRIORITY_ANNOTATION}: Ordered; use one of orderContainerLaunch() and setContainerLaunchPriority()`]
        : [],
    });
  }

  // ---------------------------------------------------------------- job sidecar terminator

  /**
   * Mark a container of a job pod as a sidecar that Kruise stops once the
   * main containers have exited, so the job can complete (env
   * `KRUISE_TERMINATE_SIDECAR_WHEN_JOB_EXIT=true`, plus the options' env vars).
   * Kruise 1.4+; needs the SidecarTerminator gate (off by default) and kruise-daemon.
   * The pod must restart Never or OnFailure.
   *
   * @param pod a job workload (cdk8s-plus Job, BroadcastJob, ...) or pod
   * @param container the sidecar, a container of `pod`
   * @see https://openkruise.io/docs/user-manuals/jobsidecarterminator
   */
  public static terminateSidecarWhenJobExits(pod: kplus.AbstractPod, container: kplus.Container, options: SidecarTerminatorOptions = {}): void {
    checkContainerOf(pod, container);
    if (pod.restartPolicy === kplus.RestartPolicy.ALWAYS) {
      throw invalid(pod, 'spec.template.spec.restartPolicy', 'Always', 'the sidecar terminator ignores pods that restart Always (they never finish)', 'use it on job pods, which restart Never or OnFailure');
    }
    const env = container.env;
    env.addVariable(KruisePodKnobs.TERMINATE_SIDECAR_ENV, kplus.EnvValue.fromValue('true'));
    if (options.exitImage !== undefined) {
      if (options.exitImage.trim().length === 0) {
        throw invalid(pod, `containers[${container.name}].env.${KruisePodKnobs.TERMINATE_SIDECAR_WITH_IMAGE_ENV}`, options.exitImage, 'an empty image is ignored by Kruise', 'give an image that exits with code 0, or omit exitImage');
      }
      env.addVariable(KruisePodKnobs.TERMINATE_SIDECAR_WITH_IMAGE_ENV, kplus.EnvValue.fromValue(options.exitImage));
    }
    if (options.ignoreExitCode) {
      env.addVariable(KruisePodKnobs.TERMINATE_SIDECAR_IGNORE_EXIT_CODE_ENV, kplus.EnvValue.fromValue('true'));
    }
  }

  // ---------------------------------------------------------------- labels set on live pods

  /**
   * The pod label that makes CloneSet (and Advanced StatefulSet since 1.7.2)
   * delete this pod first (`apps.kruise.io/specified-delete: "true"`).
   * Set it on a running pod (`kubectl label pod ...`), not on a template.
   * Kruise 0.7+.
   *
   * @see https://openkruise.io/docs/user-manuals/cloneset#selective-pod-deletion
   */
  public static specifiedDeleteLabel(): KruiseKnobEntry {
    return { key: KruisePodKnobs.SPECIFIED_DELETE_LABEL, value: 'true' };
  }

  /**
   * The lifecycle-state label Kruise maintains on pods with lifecycle hooks
   * (`lifecycle.apps.kruise.io/state`), e.g. to select only Normal pods in a
   * Service or to find pods in PreparingDelete. Kruise 0.7+.
   *
   * @see https://openkruise.io/docs/user-manuals/cloneset#lifecycle-hook
   */
  public static lifecycleStateLabel(state: PodLifecycleState): KruiseKnobEntry {
    return { key: KruisePodKnobs.LIFECYCLE_STATE_LABEL, value: state };
  }

  /**
   * A label marking a pod unavailable (`unavailable-pod.kruise.io/<name>: "true"`):
   * PodUnavailableBudget counts it as unavailable. Set it on a running pod
   * (e.g. during maintenance), not on a template. Kruise 1.3+.
   *
   * @param name the label's name part (letters, digits, '-', '_', '.'; at most 63 characters)
   */
  public static unavailablePodLabel(name: string): KruiseKnobEntry {
    if (!/^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/.test(name)) {
      throw invalid('KruisePodKnobs.unavailablePodLabel', 'name', name, 'not a valid label name part', "use letters, digits, '-', '_' and '.', starting and ending with a letter or digit, at most 63 characters");
    }
    return { key: `${KruisePodKnobs.UNAVAILABLE_POD_LABEL_PREFIX}${name}`, value: 'true' };
  }

  // ---------------------------------------------------------------- deletion protection

  /**
   * Protect an object from deletion (label `policy.kruise.io/delete-protection`).
   * Kruise intercepts deletes of Namespaces, CRDs, Deployments, ReplicaSets,
   * StatefulSets, CloneSets, Advanced StatefulSets, UnitedDeployments,
   * Services and Ingresses (the last two since Kruise 1.6); other kinds throw.
   * Kruise 0.9+; needs the ResourcesDeletionProtection gate (on in 1.7), and
   * for Cascading on a CRD the DeletionProtectionForCRDCascadingGate gate.
   *
   * @param resource a cdk8s-plus resource, Kruise L2 or ApiObject
   * @see https://openkruise.io/docs/user-manuals/deletionprotection
   */
  public static protectFromDeletion(resource: IConstruct, mode: DeletionProtection): void {
    const obj = apiObjectOf(resource, 'protectFromDeletion');
    if (!knobs.DELETION_PROTECTED_KINDS.includes(knobs.groupKind(obj))) {
      throw invalid(resource, `metadata.labels.${KruisePodKnobs.DELETE_PROTECTION_LABEL}`, mode, `Kruise does not intercept the deletion of ${obj.kind} (${obj.apiVersion}), so the label would protect nothing`, 'protect a Namespace, CRD, Deployment, ReplicaSet, StatefulSet, CloneSet, Advanced StatefulSet, UnitedDeployment, Service or Ingress');
    }
    obj.metadata.addLabel(KruisePodKnobs.DELETE_PROTECTION_LABEL, mode);
  }

  // ---------------------------------------------------------------- PodUnavailableBudget

  /**
   * Exempt the pods of a workload (or a pod) from every PodUnavailableBudget
   * (pod annotation `pub.kruise.io/no-protect: "true"`). Kruise 1.0+.
   *
   * @see https://openkruise.io/docs/user-manuals/podunavailablebudget
   */
  public static exemptFromPodUnavailableBudget(pod: kplus.AbstractPod): void {
    podMetadataOf(pod).addAnnotation(KruisePodKnobs.PUB_NO_PROTECT_ANNOTATION, 'true');
  }

  // ---------------------------------------------------------------- PersistentPodState

  /**
   * Let Kruise create a PersistentPodState for a StatefulSet or Advanced
   * StatefulSet, so recreated pods return to the same node topology
   * (annotations `kruise.io/auto-generate-persistent-pod-state`,
   * `kruise.io/{required,preferred}-persistent-topology` and
   * `kruise.io/persistent-pod-annotations`). Kruise 1.2+ (pod annotations 1.4+).
   *
   * @see https://openkruise.io/docs/user-manuals/persistentpodstate
   */
  public static autoGeneratePersistentPodState(statefulSet: IConstruct, options: PersistentPodStateAutoOptions): void {
    const obj = apiObjectOf(statefulSet, 'autoGeneratePersistentPodState');
    if (obj.kind !== 'StatefulSet' || !['apps/v1', 'apps.kruise.io/v1beta1', 'apps.kruise.io/v1alpha1'].includes(obj.apiVersion)) {
      throw invalid(statefulSet, `metadata.annotations.${KruisePodKnobs.AUTO_GENERATE_PERSISTENT_POD_STATE_ANNOTATION}`, obj.kind, 'Kruise generates PersistentPodStates only for StatefulSets and Advanced StatefulSets', 'apply it to one of those');
    }
    const required = options.requiredTopologyKeys ?? [];
    const preferred = options.preferredTopologyKeys ?? [];
    if (required.length === 0 && preferred.length === 0) {
      throw invalid(statefulSet, `metadata.annotations.${KruisePodKnobs.REQUIRED_PERSISTENT_TOPOLOGY_ANNOTATION}`, undefined, 'Kruise generates nothing without a required or preferred topology', "give requiredTopologyKeys or preferredTopologyKeys, e.g. ['kubernetes.io/hostname']");
    }
    const join = (field: string, keys: string[]) => {
      keys.forEach((k, i) => {
        if (k.length === 0 || k.includes(',')) throw invalid(statefulSet, `${field}[${i}]`, k, 'keys are joined with commas, so a key must be non-empty and contain none', 'give plain keys');
      });
      return keys.join(',');
    };
    obj.metadata.addAnnotation(KruisePodKnobs.AUTO_GENERATE_PERSISTENT_POD_STATE_ANNOTATION, 'true');
    if (required.length > 0) obj.metadata.addAnnotation(KruisePodKnobs.REQUIRED_PERSISTENT_TOPOLOGY_ANNOTATION, join('requiredTopologyKeys', required));
    if (preferred.length > 0) obj.metadata.addAnnotation(KruisePodKnobs.PREFERRED_PERSISTENT_TOPOLOGY_ANNOTATION, join('preferredTopologyKeys', preferred));
    const kept = options.persistentPodAnnotations ?? [];
    if (kept.length > 0) obj.metadata.addAnnotation(KruisePodKnobs.PERSISTENT_POD_ANNOTATIONS_ANNOTATION, join('persistentPodAnnotations', kept));
  }

  // ---------------------------------------------------------------- SidecarSet

  /**
   * Pin a SidecarSet's custom version (label `apps.kruise.io/sidecarset-custom-version`),
   * which Kruise records in the SidecarSet's revisions so that
   * `spec.injectionStrategy.revision.customVersion` can refer to it. Kruise 1.3+.
   *
   * @see https://openkruise.io/docs/user-manuals/sidecarset#sidecarset-pod-injection-with-specific-revision
   */
  public static pinSidecarSetCustomVersion(sidecarSet: IConstruct, version: string): void {
    const obj = apiObjectOf(sidecarSet, 'pinSidecarSetCustomVersion');
    if (kruiseKind(obj) !== 'SidecarSet') {
      throw invalid(sidecarSet, `metadata.labels.${KruisePodKnobs.SIDECARSET_CUSTOM_VERSION_LABEL}`, obj.kind, 'only SidecarSet reads this label', 'apply it to a SidecarSet');
    }
    if (!/^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)$/.test(version)) {
      throw invalid(sidecarSet, `metadata.labels.${KruisePodKnobs.SIDECARSET_CUSTOM_VERSION_LABEL}`, version, 'not a valid label value', "use letters, digits, '-', '_' and '.', starting and ending with a letter or digit, at most 63 characters");
    }
    obj.metadata.addLabel(KruisePodKnobs.SIDECARSET_CUSTOM_VERSION_LABEL, version);
  }

  // ---------------------------------------------------------------- enhanced liveness

  /**
   * Hand the pod's liveness probes to kruise-daemon, which restarts failing
   * containers through ContainerRecreateRequests instead of the kubelet
   * (pod annotation `apps.kruise.io/using-enhanced-liveness: "true"`). At
   * least one container needs a liveness probe. Kruise 1.7+; needs the
   * EnhancedLivenessProbe gate (off by default).
   *
   * @see https://openkruise.io/docs/user-manuals/enhancedlivenessprobe
   */
  public static useEnhancedLivenessProbe(pod: kplus.AbstractPod): void {
    podMetadataOf(pod).addAnnotation(KruisePodKnobs.USING_ENHANCED_LIVENESS_ANNOTATION, 'true');
    pod.node.addValidation({
      validate: () => pod.containers.some(c => containerJson(c).livenessProbe !== undefined)
        ? []
        : [`metadata.annotations.${KruisePodKnobs.USING_ENHANCED_LIVENESS_ANNOTATION} "true": no container has a liveness probe, so the annotation does nothing; give a container a liveness probe or remove useEnhancedLivenessProbe()`],
    });
  }

  // ---------------------------------------------------------------- WorkloadSpread

  /**
   * Stop a WorkloadSpread from patching the metadata of pods that existed
   * before it (annotation `workloadspread.kruise.io/ignore-patch-existing-pods-metadata: "true"`).
   * Kruise 1.3+.
   *
   * @see https://openkruise.io/docs/user-manuals/workloadspread
   */
  public static ignorePatchExistingPodsMetadata(workloadSpread: IConstruct): void {
    const obj = apiObjectOf(workloadSpread, 'ignorePatchExistingPodsMetadata');
    if (kruiseKind(obj) !== 'WorkloadSpread') {
      throw invalid(workloadSpread, `metadata.annotations.${KruisePodKnobs.WORKLOADSPREAD_IGNORE_PATCH_ANNOTATION}`, obj.kind, 'only WorkloadSpread reads this annotation', 'apply it to a WorkloadSpread');
    }
    obj.metadata.addAnnotation(KruisePodKnobs.WORKLOADSPREAD_IGNORE_PATCH_ANNOTATION, 'true');
  }

  private constructor() {}
}

/** The metadata of the pods of a workload, or of a pod. */
function podMetadataOf(pod: kplus.AbstractPod): ApiObjectMetadataDefinition {
  if (pod instanceof kplus.Workload) return pod.podMetadata;
  if (pod instanceof kplus.Pod) return pod.metadata;
  throw invalid(pod, 'metadata', pod.constructor.name, 'not a workload or a pod', 'pass a cdk8s-plus workload (Deployment, Job, ...), a Kruise workload or a Pod');
}

/** Throws unless `container` is one of the regular containers of `pod`. */
function checkContainerOf(pod: kplus.AbstractPod, container: kplus.Container): void {
  if (!pod.containers.includes(container)) {
    throw invalid(pod, 'spec.containers', container.name, 'this container is not a (regular) container of the workload', 'pass the Container that addContainer() returned on this workload');
  }
}

/** The ApiObject a construct emits (its default child). */
function apiObjectOf(construct: IConstruct, helper: string): ApiObject {
  try {
    return ApiObject.of(construct);
  } catch {
    throw invalid(construct, 'metadata', construct.node.path, `${helper}() needs a construct that emits one Kubernetes object`, 'pass a cdk8s-plus resource, a Kruise L2 or an ApiObject');
  }
}

/** The kind of a Kruise object (apps.kruise.io / policy.kruise.io), or undefined. */
function kruiseKind(obj: ApiObject): string | undefined {
  return obj.apiVersion.startsWith('apps.kruise.io/') || obj.apiVersion.startsWith('policy.kruise.io/') ? obj.kind : undefined;
}
