import { Duration } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { BroadcastJobOptions, checkBroadcastJobOptions, checkBroadcastJobPodLabels, checkJobPod, jobPodProps, renderBroadcastJobSpec } from './broadcast-job';
import { checkJobName } from './job-name';
import { JsonObject } from '../base/json';
import { cronScheduleProblem } from '../base/schedule';
import { timeZoneProblem } from '../base/time-zone';
import { l1Json } from '../common/l1-values';
import { checkWholeNumber, wholeSeconds } from '../common/value-checks';
import { AdvancedCronJobSpec, AdvancedCronJobSpecConcurrencyPolicy, toJson_AdvancedCronJobSpec } from '../imports/apps.kruise.io';
import { invalid } from '../validation/errors';
import { KruiseWorkload, KruiseWorkloadProps, PodTemplateJson } from '../workloads/kruise-workload';

/** What an AdvancedCronJob does when a run is due while the previous one still runs. */
export enum AdvancedCronJobConcurrencyPolicy {
  /** Start the new run anyway. */
  ALLOW = 'Allow',
  /** Skip the new run. */
  FORBID = 'Forbid',
  /** Stop the running job and start the new one. */
  REPLACE = 'Replace',
}

/** The kind of job an AdvancedCronJob creates. */
export enum AdvancedCronJobTemplateType {
  /** A Kruise BroadcastJob (`spec.template.broadcastJobTemplate`). */
  BROADCAST_JOB = 'BroadcastJob',
  /** A Kubernetes batch/v1 Job (`spec.template.jobTemplate`). */
  JOB = 'Job',
}

/** Options of {@link AdvancedCronJobTemplate.job}: the batch/v1 JobSpec besides the pod template. */
export interface AdvancedCronJobJobOptions {
  /**
   * Labels of the Jobs created.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Annotations of the Jobs created.
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
  /**
   * How long each Job may run before Kubernetes stops it.
   * @default - no deadline
   */
  readonly activeDeadline?: Duration;
  /**
   * Retries before a Job is marked failed.
   * @default - Kubernetes' default, 6
   */
  readonly backoffLimit?: number;
  /**
   * Successful pods needed for a Job to complete.
   * @default - Kubernetes' default, 1
   */
  readonly completions?: number;
  /**
   * Pods of a Job that may run at the same time.
   * @default - Kubernetes' default, 1
   */
  readonly parallelism?: number;
  /**
   * How long a finished Job is kept before it is deleted.
   * @default - kept (subject to the history limits)
   */
  readonly ttlAfterFinished?: Duration;
}

/**
 * What an AdvancedCronJob creates on schedule (`spec.template`): exactly one
 * of a BroadcastJob template or a batch Job template, so Kruise's rule "one
 * template" holds by construction. The pod template is the AdvancedCronJob's
 * own (its containers, volumes, scheduling).
 *
 * @see https://openkruise.io/docs/user-manuals/advancedcronjob
 */
export class AdvancedCronJobTemplate {
  /**
   * Create a BroadcastJob on each run (one pod per eligible node).
   *
   * The created BroadcastJobs carry no labels of their own: the upstream CRD
   * types `broadcastJobTemplate.metadata` as an object without fields, so the
   * API server would drop any.
   */
  public static broadcastJob(options: BroadcastJobOptions = {}): AdvancedCronJobTemplate {
    return new AdvancedCronJobTemplate(AdvancedCronJobTemplateType.BROADCAST_JOB, options, {});
  }

  /** Create a Kubernetes Job on each run. */
  public static job(options: AdvancedCronJobJobOptions = {}): AdvancedCronJobTemplate {
    return new AdvancedCronJobTemplate(AdvancedCronJobTemplateType.JOB, {}, options);
  }

  private constructor(
    /** The kind of job created. */
    public readonly type: AdvancedCronJobTemplateType,
    private readonly broadcast: BroadcastJobOptions,
    private readonly job: AdvancedCronJobJobOptions,
  ) {}

  /** @internal */
  public _check(scope: IConstruct): void {
    if (this.type === AdvancedCronJobTemplateType.BROADCAST_JOB) {
      checkBroadcastJobOptions(scope, 'spec.template.broadcastJobTemplate.spec', this.broadcast);
      return;
    }
    const field = 'spec.template.jobTemplate.spec';
    const j = this.job;
    checkWholeNumber(scope, `${field}.backoffLimit`, j.backoffLimit, 0, 'give the number of retries, 0 or more');
    checkWholeNumber(scope, `${field}.completions`, j.completions, 1, 'give the number of successful pods needed, 1 or more');
    checkWholeNumber(scope, `${field}.parallelism`, j.parallelism, 0, 'give the number of pods that may run at once, 0 or more');
    const deadline = wholeSeconds(scope, `${field}.activeDeadlineSeconds`, j.activeDeadline);
    if (deadline === 0) {
      throw invalid(scope, `${field}.activeDeadlineSeconds`, 0, 'Kubernetes requires a deadline above zero', 'give at least one second or omit it');
    }
    wholeSeconds(scope, `${field}.ttlSecondsAfterFinished`, j.ttlAfterFinished);
  }

  /** @internal */
  public _toKube(scope: IConstruct, podTemplate: PodTemplateJson): JsonObject {
    if (this.type === AdvancedCronJobTemplateType.BROADCAST_JOB) {
      return { broadcastJobTemplate: { spec: renderBroadcastJobSpec(scope, 'spec.template.broadcastJobTemplate.spec', this.broadcast, podTemplate) } };
    }
    const j = this.job;
    const field = 'spec.template.jobTemplate.spec';
    const hasMetadata = j.labels !== undefined || j.annotations !== undefined;
    return {
      jobTemplate: {
        metadata: hasMetadata ? { labels: j.labels && { ...j.labels }, annotations: j.annotations && { ...j.annotations } } : undefined,
        spec: {
          template: podTemplate,
          activeDeadlineSeconds: wholeSeconds(scope, `${field}.activeDeadlineSeconds`, j.activeDeadline),
          backoffLimit: j.backoffLimit,
          completions: j.completions,
          parallelism: j.parallelism,
          ttlSecondsAfterFinished: wholeSeconds(scope, `${field}.ttlSecondsAfterFinished`, j.ttlAfterFinished),
        },
      },
    };
  }
}

/**
 * Properties of {@link AdvancedCronJob}.
 *
 * The pod template is configured on the AdvancedCronJob itself (containers,
 * volumes, scheduling), as for a cdk8s-plus CronJob. `restartPolicy` defaults
 * to Never: the Jobs and BroadcastJobs it creates reject Always.
 */
export interface AdvancedCronJobProps extends KruiseWorkloadProps {
  /**
   * When to run, in cron syntax: five fields (minute hour day-of-month month
   * day-of-week) or a descriptor such as `@hourly` or `@every 1h30m`. May
   * start with `TZ=<zone> ` or `CRON_TZ=<zone> ` unless `timeZone` is set.
   * @see https://pkg.go.dev/github.com/robfig/cron/v3
   */
  readonly schedule: string;
  /**
   * What to create on each run: `AdvancedCronJobTemplate.broadcastJob({...})`
   * or `AdvancedCronJobTemplate.job({...})`.
   */
  readonly template: AdvancedCronJobTemplate;
  /**
   * IANA time zone of the schedule, e.g. `Europe/Berlin`.
   * @default - the time zone of kruise-manager
   */
  readonly timeZone?: string;
  /**
   * What to do when a run is due while the previous one still runs.
   * @default - Kruise's default, Allow
   */
  readonly concurrencyPolicy?: AdvancedCronJobConcurrencyPolicy;
  /**
   * How late a missed run may still start.
   * @default - no limit
   */
  readonly startingDeadline?: Duration;
  /**
   * Finished successful jobs to keep.
   * @default - Kruise's default, 3
   */
  readonly successfulJobsHistoryLimit?: number;
  /**
   * Failed jobs to keep.
   * @default - Kruise's default, 1
   */
  readonly failedJobsHistoryLimit?: number;
  /**
   * Suspend the schedule (runs already started continue).
   * @default false
   */
  readonly paused?: boolean;
}

/**
 * OpenKruise AdvancedCronJob: a cron schedule that creates Kubernetes Jobs or
 * Kruise BroadcastJobs.
 *
 * @see https://openkruise.io/docs/user-manuals/advancedcronjob
 */
export class AdvancedCronJob extends KruiseWorkload {
  /** The AdvancedCronJob resource type, for RBAC. */
  public readonly resourceType = 'advancedcronjobs';

  /** The cron schedule. */
  public readonly schedule: string;
  /** What each run creates. */
  public readonly template: AdvancedCronJobTemplate;

  private readonly props: AdvancedCronJobProps;

  public constructor(scope: Construct, id: string, props: AdvancedCronJobProps) {
    super(scope, id, { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'AdvancedCronJob' }, jobPodProps(props));
    this.props = props;
    this.schedule = props.schedule;
    this.template = props.template;
    checkJobName(this, 'AdvancedCronJob', props.metadata?.name);
    if (!props.template) {
      throw invalid(this, 'spec.template', undefined, 'Kruise requires exactly one template', 'give template: AdvancedCronJobTemplate.broadcastJob({...}) or AdvancedCronJobTemplate.job({...})');
    }
    const kind = props.template.type === AdvancedCronJobTemplateType.BROADCAST_JOB ? 'BroadcastJob' : 'Job';
    checkJobPod(this, kind, props);
    const problem = cronScheduleProblem(props.schedule ?? '');
    if (problem) {
      throw invalid(this, 'spec.schedule', props.schedule, `not a valid cron schedule: ${problem}`, "write five fields such as '*/5 * * * *', or a descriptor such as '@hourly' or '@every 1h'");
    }
    if (props.timeZone !== undefined) {
      const tz = timeZoneProblem(props.timeZone);
      if (tz) {
        throw invalid(this, 'spec.timeZone', props.timeZone, `not a valid time zone: ${tz}`, "use an IANA name such as 'Europe/Berlin' or 'UTC'");
      }
      if (props.schedule.includes('TZ')) {
        throw invalid(this, 'spec.schedule', props.schedule, 'Kruise rejects a TZ= or CRON_TZ= prefix in the schedule together with timeZone', 'keep one: remove the prefix or the timeZone prop');
      }
    }
    wholeSeconds(this, 'spec.startingDeadlineSeconds', props.startingDeadline);
    concurrencyPolicy(this, props.concurrencyPolicy);
    checkWholeNumber(this, 'spec.successfulJobsHistoryLimit', props.successfulJobsHistoryLimit, 0, 'give the number of jobs to keep, 0 or more');
    checkWholeNumber(this, 'spec.failedJobsHistoryLimit', props.failedJobsHistoryLimit, 0, 'give the number of jobs to keep, 0 or more');
    props.template._check(this);
    if (props.template.type === AdvancedCronJobTemplateType.BROADCAST_JOB) {
      checkBroadcastJobPodLabels(this, () => this.podMetadata.toJson().labels);
    }
  }

  /** @internal */
  protected _podTemplatePath(): string {
    return this.props.template.type === AdvancedCronJobTemplateType.BROADCAST_JOB
      ? 'spec.template.broadcastJobTemplate.spec.template'
      : 'spec.template.jobTemplate.spec.template';
  }

  /**
   * Built as the generated type; the job template (a Kubernetes JobTemplate,
   * or a BroadcastJob spec rendered with BroadcastJob's own converter) is
   * added as JSON.
   */
  protected renderSpec(): { [key: string]: unknown } {
    const p = this.props;
    const spec: AdvancedCronJobSpec = {
      schedule: p.schedule,
      timeZone: p.timeZone,
      concurrencyPolicy: concurrencyPolicy(this, p.concurrencyPolicy),
      startingDeadlineSeconds: wholeSeconds(this, 'spec.startingDeadlineSeconds', p.startingDeadline),
      successfulJobsHistoryLimit: p.successfulJobsHistoryLimit,
      failedJobsHistoryLimit: p.failedJobsHistoryLimit,
      paused: p.paused,
      template: {},
    };
    const json = l1Json(toJson_AdvancedCronJobSpec(spec));
    json.template = p.template._toKube(this, this._podTemplate());
    return json;
  }
}

/** The generated type's value for a concurrency policy. */
function concurrencyPolicy(scope: IConstruct, policy: AdvancedCronJobConcurrencyPolicy | undefined):
  AdvancedCronJobSpecConcurrencyPolicy | undefined {
  if (policy === undefined) return undefined;
  const value = Object.values(AdvancedCronJobSpecConcurrencyPolicy).find(v => v === policy.valueOf());
  if (value === undefined) {
    throw invalid(scope, 'spec.concurrencyPolicy', policy, 'Kruise accepts Allow, Forbid or Replace', 'use an AdvancedCronJobConcurrencyPolicy value');
  }
  return value;
}
