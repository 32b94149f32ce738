import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { IConstruct } from 'constructs';
import { isObjectName, SUBDOMAIN_RULE, apiGroupOf } from '../base/names';
import { namespaceOf } from '../common/custom-resource';
import { invalid } from '../validation/errors';

/**
 * The workload a policy applies to (`spec.targetRef`: apiVersion, kind,
 * name): a construct of this app (a CloneSet, an AdvancedStatefulSet, a
 * cdk8s-plus Deployment or StatefulSet, ...) or any object by name.
 *
 * Used by WorkloadSpread, PodUnavailableBudget and PersistentPodState.
 */
export class WorkloadTarget {
  /**
   * A workload of this app. Its apiVersion, kind and name are read at synth;
   * it must be in the same namespace as the policy.
   */
  public static fromResource(resource: kplus.IResource): WorkloadTarget {
    return new WorkloadTarget(undefined, resource);
  }

  /**
   * Any workload, by apiVersion, kind and name (e.g. an Argo Rollout:
   * `WorkloadTarget.of('argoproj.io/v1alpha1', 'Rollout', 'web')`).
   */
  public static of(apiVersion: string, kind: string, name: string): WorkloadTarget {
    const ref = { apiVersion, kind, name };
    for (const [field, value] of Object.entries(ref)) {
      if (typeof value !== 'string' || value.trim() === '') {
        throw new Error(`WorkloadTarget.of(${JSON.stringify(apiVersion)}, ${JSON.stringify(kind)}, ${JSON.stringify(name)}): ${field} is empty; give the target's ${field}`);
      }
    }
    if (!/^([a-z0-9.-]+\/)?v[0-9a-z]+$/.test(apiVersion)) {
      throw new Error(`WorkloadTarget.of(${JSON.stringify(apiVersion)}, ...): '${apiVersion}' is not an apiVersion; use group/version such as 'apps/v1' (or 'v1' for the core group)`);
    }
    if (!/^[A-Z][A-Za-z0-9]*$/.test(kind)) {
      throw new Error(`WorkloadTarget.of(${JSON.stringify(apiVersion)}, ${JSON.stringify(kind)}, ...): '${kind}' is not a kind; use the UpperCamelCase kind such as 'Deployment'`);
    }
    if (!isObjectName(name)) {
      throw new Error(`WorkloadTarget.of(${JSON.stringify(apiVersion)}, ${JSON.stringify(kind)}, ${JSON.stringify(name)}): '${name}' is not an object name; ${SUBDOMAIN_RULE}`);
    }
    return new WorkloadTarget(ref, undefined);
  }

  private constructor(
    private readonly ref: { apiVersion: string; kind: string; name: string } | undefined,
    private readonly resource: kplus.IResource | undefined,
  ) {}

  /** The target's apiVersion. */
  public get apiVersion(): string {
    return this.ref?.apiVersion ?? this.resource!.apiVersion;
  }

  /** The target's kind. */
  public get kind(): string {
    return this.ref?.kind ?? this.resource!.kind;
  }

  /** The target's name. */
  public get name(): string {
    return this.ref?.name ?? this.resource!.name;
  }

  /** The API group of the target (`` for the core group). */
  public get group(): string {
    return apiGroupOf(this.apiVersion);
  }

  /** Whether two targets name the same workload (group, kind and name; the version does not matter). */
  public sameWorkloadAs(other: WorkloadTarget): boolean {
    return this.group === other.group && this.kind === other.kind && this.name === other.name;
  }

  /** @internal */
  public _toKube(): { apiVersion: string; kind: string; name: string } {
    return { apiVersion: this.apiVersion, kind: this.kind, name: this.name };
  }

  /**
   * A synth-time problem when the target is a construct in another namespace
   * than the policy (a targetRef can only name a workload of its own namespace).
   * @internal
   */
  public _namespaceProblem(policy: IConstruct, policyObject: ApiObject, field: string): string | undefined {
    if (!this.resource) return undefined;
    let targetObject: ApiObject | undefined;
    try {
      targetObject = ApiObject.of(this.resource);
    } catch {
      return undefined;
    }
    const mine = namespaceOf(policyObject) ?? 'default';
    const theirs = namespaceOf(targetObject) ?? 'default';
    if (mine === theirs) return undefined;
    return invalid(policy, field, this._toKube(), `${this.kind} ${this.name} is in namespace '${theirs}' but this object is in '${mine}', and a targetRef only reaches its own namespace`, 'create both in the same namespace').message;
  }
}
