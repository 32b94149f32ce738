import * as kplus from 'cdk8s-plus-28';
import { Construct, IConstruct } from 'constructs';
import { JobCompletionPolicy } from './completion-policy';
import { checkJobName } from './job-name';
import { JsonObject } from '../base/json';
import { IntOrPercent } from '../common/int-or-percent';
import { intOrString, l1Json } from '../common/l1-values';
import { checkWholeNumber } from '../common/value-checks';
import { BroadcastJobSpec, BroadcastJobSpecParallelism, toJson_BroadcastJobSpec } from '../imports/apps.kruise.io';
import { invalid } from '../validation/errors';
import { addSynthWarning } from '../validation/kruise-review';
import { KruiseWorkload, KruiseWorkloadProps, PodTemplateJson } from '../workloads/kruise-workload';

/** What a BroadcastJob does when its pods fail. */
export enum BroadcastJobFailurePolicyType {
  /** Keep going: the job continues on other nodes and can still complete. */
  CONTINUE = 'Continue',
  /** Mark the job failed as soon as a pod fails (after `restartLimit` restarts). */
  FAIL_FAST = 'FailFast',
  /** Pause the job (as if `paused: true`) when a pod fails. */
  PAUSE = 'Pause',
}

/**
 * How a BroadcastJob reacts to failed pods (`spec.failurePolicy`).
 * @see https://openkruise.io/docs/user-manuals/broadcastjob#failurepolicy
 */
export interface BroadcastJobFailurePolicy {
  /**
   * What to do on failure.
   * @default - Kruise's default, FailFast
   */
  readonly type?: BroadcastJobFailurePolicyType;
  /**
   * Pod restarts allowed in total before the job counts as failed.
   * @default - Kruise's default, 0
   */
  readonly restartLimit?: number;
}

/**
 * The BroadcastJob settings besides the pod template; shared by
 * {@link BroadcastJob} and the BroadcastJob template of an AdvancedCronJob.
 */
export interface BroadcastJobOptions {
  /**
   * Pods (count, or percent of the eligible nodes) that may run at the same time.
   * @default - Kruise's default: no limit
   * @see https://openkruise.io/docs/user-manuals/broadcastjob#parallelism
   */
  readonly parallelism?: IntOrPercent;
  /**
   * When the job is finished: `JobCompletionPolicy.always({ activeDeadline, ttlAfterFinished })`
   * or `JobCompletionPolicy.never()` (keeps running on nodes added later).
   * @default - Kruise's default, Always without deadline or TTL
   * @see https://openkruise.io/docs/user-manuals/broadcastjob#completionpolicy
   */
  readonly completionPolicy?: JobCompletionPolicy;
  /**
   * What happens when pods fail.
   * @default - Kruise's default, FailFast with no restarts
   */
  readonly failurePolicy?: BroadcastJobFailurePolicy;
  /**
   * Stop creating pods (running pods keep running).
   * @default false
   */
  readonly paused?: boolean;
}

/**
 * Properties of {@link BroadcastJob}.
 *
 * `restartPolicy` defaults to Never here, as for a cdk8s-plus Job: Kruise
 * rejects BroadcastJob pods with Always (the Kubernetes default), so a value
 * must be emitted. Give `RestartPolicy.ON_FAILURE` to restart failed pods in place.
 */
export interface BroadcastJobProps extends KruiseWorkloadProps, BroadcastJobOptions {}

/** Labels the BroadcastJob controller sets itself; Kruise rejects templates that preset them. */
const RESERVED_POD_LABELS = ['broadcastjob-name', 'broadcastjob-controller-uid'];

/**
 * OpenKruise BroadcastJob: runs one pod of the template to completion on
 * every eligible node (a DaemonSet for jobs). Which nodes are eligible comes
 * from the pod's scheduling (node selectors, affinity, tolerations).
 *
 * The pods restart Never by default (see {@link BroadcastJobProps}). A
 * BroadcastJob has no label selector, so `select` is not available.
 *
 * @see https://openkruise.io/docs/user-manuals/broadcastjob
 */
export class BroadcastJob extends KruiseWorkload {
  /** The BroadcastJob resource type, for RBAC. */
  public readonly resourceType = 'broadcastjobs';

  /** The completion policy, when one was given. */
  public readonly completionPolicy?: JobCompletionPolicy;

  private readonly props: BroadcastJobProps;

  public constructor(scope: Construct, id: string, props: BroadcastJobProps = {}) {
    super(scope, id, { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'BroadcastJob' }, jobPodProps(props));
    this.props = props;
    this.completionPolicy = props.completionPolicy;
    checkJobName(this, 'BroadcastJob', props.metadata?.name);
    checkJobPod(this, 'BroadcastJob', props);
    checkBroadcastJobOptions(this, 'spec', props);
  }

  protected renderSpec(): { [key: string]: unknown } {
    return renderBroadcastJobSpec(this, 'spec', this.props, this._podTemplate());
  }
}

/**
 * The workload props of a job pod: no selector and restartPolicy Never
 * unless given.
 * @internal
 */
export function jobPodProps<T extends KruiseWorkloadProps>(props: T): T {
  return { ...props, select: props.select ?? false, restartPolicy: props.restartPolicy ?? kplus.RestartPolicy.NEVER };
}

/**
 * Rules on the pod of a job kind: restartPolicy Never or OnFailure; no selector.
 * @internal
 */
export function checkJobPod(workload: kplus.Workload, kind: string, props: KruiseWorkloadProps): void {
  if (props.restartPolicy === kplus.RestartPolicy.ALWAYS) {
    throw invalid(workload, 'spec.template.spec.restartPolicy', props.restartPolicy, `${kind} pods must restart Never or OnFailure (Kruise rejects Always)`, 'use RestartPolicy.NEVER (the default here) or RestartPolicy.ON_FAILURE');
  }
  if (props.select === true) {
    throw invalid(workload, 'select', true, `a ${kind} has no label selector`, 'remove select (the pods are found by their owner reference)');
  }
  workload.node.addValidation({
    validate: () => {
      const used = Object.keys(workload.matchLabels).length > 0 || workload.matchExpressions.length > 0;
      return used ? [`select(): a ${kind} has no label selector, so the selector would be dropped; remove the select() call`] : [];
    },
  });
}

/**
 * Construction-time checks of the BroadcastJob options.
 * @internal
 */
export function checkBroadcastJobOptions(scope: IConstruct, field: string, o: BroadcastJobOptions): void {
  // parallelism 0 is accepted by Kruise (no pod runs until it is raised); the review warns.
  checkWholeNumber(scope, `${field}.failurePolicy.restartLimit`, o.failurePolicy?.restartLimit, 0, 'give the number of restarts allowed, 0 or more');
  o.completionPolicy?._toKube(scope, `${field}.completionPolicy`);
}

/**
 * For the BroadcastJob template of an AdvancedCronJob: Kruise accepts the
 * AdvancedCronJob, but rejects each BroadcastJob it then creates when the pod
 * template presets the controller's own labels; a warning at synth says so.
 * (A BroadcastJob's own template is checked by the review's admission rules.)
 * @internal
 */
export function checkBroadcastJobPodLabels(workload: IConstruct, labels: () => { [key: string]: string } | undefined): void {
  workload.node.addValidation({
    validate: () => {
      for (const k of Object.keys(labels() ?? {}).filter(l => RESERVED_POD_LABELS.includes(l))) {
        addSynthWarning(workload, `spec.template.broadcastJobTemplate.spec.template.metadata.labels.${k}: the BroadcastJob controller sets this label itself, so Kruise rejects every BroadcastJob this AdvancedCronJob creates; remove it`);
      }
      return [];
    },
  });
}

/**
 * The BroadcastJobSpec for the given options and rendered pod template, as
 * the API takes it (built as the generated type, converted with its converter).
 * @internal
 */
export function renderBroadcastJobSpec(scope: IConstruct, field: string, o: BroadcastJobOptions, template: PodTemplateJson): JsonObject {
  return l1Json(toJson_BroadcastJobSpec(broadcastJobSpec(scope, field, o, template)));
}

function broadcastJobSpec(scope: IConstruct, field: string, o: BroadcastJobOptions, template: PodTemplateJson): BroadcastJobSpec {
  return {
    parallelism: intOrString(BroadcastJobSpecParallelism, o.parallelism),
    template,
    completionPolicy: o.completionPolicy?._toKube(scope, `${field}.completionPolicy`),
    failurePolicy: o.failurePolicy && { type: o.failurePolicy.type, restartLimit: o.failurePolicy.restartLimit },
    paused: o.paused,
  };
}
