import { Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
import { wholeSeconds } from '../common/value-checks';
import { invalid } from '../validation/errors';

/** When a job (BroadcastJob, ImagePullJob, ImageListPullJob) counts as finished. */
export enum JobCompletionPolicyType {
  /** The job finishes once every target (node) has completed, or at its deadline. */
  ALWAYS = 'Always',
  /** The job never finishes: it keeps running on targets (nodes) that appear later. */
  NEVER = 'Never',
}

/** Options of {@link JobCompletionPolicy.always}. */
export interface JobCompletionAlwaysOptions {
  /**
   * How long the job may run, counted from its start, before Kruise stops it
   * and marks it failed. A whole number of seconds, more than zero.
   * @default - no deadline
   */
  readonly activeDeadline?: Duration;
  /**
   * How long a finished job is kept before Kruise deletes it. A whole number
   * of seconds; zero deletes it at once.
   * @default - the job is kept until someone deletes it
   */
  readonly ttlAfterFinished?: Duration;
}

/**
 * The completion policy of a Kruise job (`spec.completionPolicy`) of
 * BroadcastJob, ImagePullJob and ImageListPullJob.
 *
 * A deadline and a TTL exist only with `always()`: Kruise rejects them with
 * Never, so `never()` takes neither.
 *
 * @see https://openkruise.io/docs/user-manuals/broadcastjob#completionpolicy
 */
export class JobCompletionPolicy {
  /** The job finishes when every target has completed (optionally with a deadline and a TTL). */
  public static always(options: JobCompletionAlwaysOptions = {}): JobCompletionPolicy {
    return new JobCompletionPolicy(JobCompletionPolicyType.ALWAYS, options);
  }

  /** The job never finishes and keeps serving targets that appear later. */
  public static never(): JobCompletionPolicy {
    return new JobCompletionPolicy(JobCompletionPolicyType.NEVER, {});
  }

  private constructor(
    /** Always or Never. */
    public readonly type: JobCompletionPolicyType,
    private readonly options: JobCompletionAlwaysOptions,
  ) {}

  /** @internal */
  public _toKube(scope: IConstruct, field: string): CompletionPolicyJson {
    const deadline = wholeSeconds(scope, `${field}.activeDeadlineSeconds`, this.options.activeDeadline);
    if (deadline === 0) {
      throw invalid(scope, `${field}.activeDeadlineSeconds`, 0, 'a zero deadline stops the job before it starts', 'give a deadline of at least one second or omit it');
    }
    return {
      type: this.type,
      activeDeadlineSeconds: deadline,
      ttlSecondsAfterFinished: wholeSeconds(scope, `${field}.ttlSecondsAfterFinished`, this.options.ttlAfterFinished),
    };
  }
}

/** A completion policy as the API takes it (the shape of each job kind's generated type). */
type CompletionPolicyJson = {
  readonly type: JobCompletionPolicyType;
  readonly activeDeadlineSeconds?: number;
  readonly ttlSecondsAfterFinished?: number;
};
