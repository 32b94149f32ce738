import { ApiObjectMetadata, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { isObjectName } from '../base/names';
import { KruiseResource } from '../common/kruise-resource';
import { checkDnsLabel } from '../common/object-meta';
import { ContainerRecreateRequestSpec, toJson_ContainerRecreateRequestSpec } from '../imports/apps.kruise.io';
import { invalid } from '../validation/errors';
import { CONTAINER_NAME_FIX } from '../validation/object-rules';

/** Kruise rejects deadlines shorter than this. */
const MIN_DEADLINE_SECONDS = 3;

/** What a ContainerRecreateRequest does when a container fails to recreate. */
export enum ContainerRecreateFailurePolicy {
  /** Stop and mark the request failed (Kruise's default). */
  FAIL = 'Fail',
  /** Go on with the next container. */
  IGNORE = 'Ignore',
}

/** How containers are recreated (`spec.strategy`). */
export interface ContainerRecreateStrategy {
  /** What happens when a container fails to recreate. @default - Kruise's default, Fail */
  readonly failurePolicy?: ContainerRecreateFailurePolicy;
  /** Recreate the next container only once the previous one is recreated. @default false */
  readonly orderedRecreate?: boolean;
  /** Kill the container even if the previous one is still starting. @default false */
  readonly forceRecreate?: boolean;
  /** Time the containers get to stop gracefully (whole seconds). @default - the pod's terminationGracePeriodSeconds */
  readonly terminationGracePeriod?: Duration;
  /** Time the pod is marked not ready before the containers are stopped (whole seconds). @default - none */
  readonly unreadyGracePeriod?: Duration;
  /** Time a recreated container must run and be ready to count as recreated (whole seconds). @default - 0 */
  readonly minStarted?: Duration;
}

/** Properties of {@link ContainerRecreateRequest}. */
export interface ContainerRecreateRequestProps {
  /** Metadata (name, namespace: the pod's). @default - a generated name, the chart's namespace */
  readonly metadata?: ApiObjectMetadata;
  /** The pod whose containers are recreated (it must be running when the request is created). */
  readonly podName: string;
  /**
   * Names of the containers to recreate (more with addContainer()). Their
   * preStop hooks and ports are copied from the pod by Kruise; the API
   * rejects them in the request.
   * @default - none (at least one is required)
   */
  readonly containers?: string[];
  /** How containers are recreated. @default - Kruise's defaults */
  readonly strategy?: ContainerRecreateStrategy;
  /** Time after which an unfinished request fails (at least 3 s, whole seconds). @default - no deadline */
  readonly activeDeadline?: Duration;
  /** Time after which a finished request is deleted (whole seconds). @default - kept */
  readonly ttlAfterFinished?: Duration;
}

/**
 * OpenKruise ContainerRecreateRequest: asks kruise-daemon to restart (recreate)
 * some containers of a running pod, keeping the pod, its IP and volumes.
 * Needs the feature gate KruiseDaemon.
 *
 * @see https://openkruise.io/docs/user-manuals/containerrecreaterequest
 */
export class ContainerRecreateRequest extends KruiseResource {
  /** The ContainerRecreateRequest resource type, for RBAC. */
  public readonly resourceType = 'containerrecreaterequests';
  /** The pod. */
  public readonly podName: string;

  private readonly props: ContainerRecreateRequestProps;
  private readonly containerNames: string[] = [];

  public constructor(scope: Construct, id: string, props: ContainerRecreateRequestProps) {
    super(scope, id, { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'ContainerRecreateRequest', metadata: props.metadata });
    this.props = props;
    this.podName = props.podName;
    if (!isObjectName(props.podName)) {
      throw invalid(this, 'spec.podName', props.podName, 'not a pod name', 'give the name of the running pod');
    }
    const seconds = (field: string, d: Duration | undefined, min: number) => {
      if (d === undefined) return;
      let s: number;
      try {
        s = d.toSeconds();
      } catch {
        throw invalid(this, field, d.toHumanString(), 'Kruise takes whole seconds', 'use a whole number of seconds');
      }
      if (s < min) {
        throw invalid(this, field, s, min > 0 ? `Kruise rejects less than ${min} seconds` : 'must not be negative', `give at least ${min} seconds`);
      }
    };
    seconds('spec.activeDeadlineSeconds', props.activeDeadline, MIN_DEADLINE_SECONDS);
    seconds('spec.ttlSecondsAfterFinished', props.ttlAfterFinished, 0);
    seconds('spec.strategy.terminationGracePeriodSeconds', props.strategy?.terminationGracePeriod, 0);
    seconds('spec.strategy.unreadyGracePeriodSeconds', props.strategy?.unreadyGracePeriod, 0);
    seconds('spec.strategy.minStartedSeconds', props.strategy?.minStarted, 0);
    for (const c of props.containers ?? []) this.addContainer(c);
    // Feature gates: checked by the app's review (Kruise's admission rules, src/admission/gates.ts).
    // At least one container: Kruise's rule, checked by the app's review on the emitted object.
  }

  /** The containers to recreate. */
  public get containers(): string[] {
    return [...this.containerNames];
  }

  /** Adds a container (of the pod) to recreate. Each container once. */
  public addContainer(name: string): void {
    const field = `spec.containers[${this.containerNames.length}].name`;
    if (typeof name !== 'string' || name === '') {
      throw invalid(this, field, name, 'a container needs a name', 'give the name of a container of the pod');
    }
    checkDnsLabel(this, field, name, 'container name', CONTAINER_NAME_FIX);
    if (this.containerNames.includes(name)) {
      throw invalid(this, field, name, 'Kruise cannot recreate a container twice in one request', 'list each container once');
    }
    this.containerNames.push(name);
  }

  protected renderSpec(): { [key: string]: unknown } {
    const p = this.props;
    const s = p.strategy;
    const spec: ContainerRecreateRequestSpec = {
      podName: p.podName,
      containers: this.containerNames.map(name => ({ name })),
      strategy: s && {
        failurePolicy: s.failurePolicy,
        orderedRecreate: s.orderedRecreate,
        forceRecreate: s.forceRecreate,
        terminationGracePeriodSeconds: s.terminationGracePeriod?.toSeconds(),
        unreadyGracePeriodSeconds: s.unreadyGracePeriod?.toSeconds(),
        minStartedSeconds: s.minStarted?.toSeconds(),
      },
      activeDeadlineSeconds: p.activeDeadline?.toSeconds(),
      ttlSecondsAfterFinished: p.ttlAfterFinished?.toSeconds(),
    };
    return toJson_ContainerRecreateRequestSpec(spec) ?? {};
  }
}
