import { IConstruct } from 'constructs';
import { apiObjectsIn, installPartOf } from './object-parts';
import { apiGroupOf } from '../base/names';
import { DeletionProtection } from '../common/deletion-protection';
import { invalid } from '../validation/errors';
import { KruisePodKnobs } from '../workloads/pod-knobs';

/** Options of {@link WorkloadDeletionProtection.protectAll}. */
export interface ProtectWorkloadsOptions {
  /**
   * Also protect the built-in Deployments and StatefulSets (`apps/v1`) of the scope.
   * @default false
   */
  readonly includeBuiltInWorkloads?: boolean;
}

const KRUISE_WORKLOADS = ['CloneSet', 'StatefulSet', 'UnitedDeployment'];
const BUILT_IN_WORKLOADS = ['Deployment', 'StatefulSet'];

/**
 * Deletion protection (`policy.kruise.io/delete-protection`) for every workload of
 * a scope at once, through `KruisePodKnobs.protectFromDeletion` (which also makes
 * synthesis fail when the targeted Kruise install has the
 * `ResourcesDeletionProtection` gate off).
 *
 * Protected kinds: CloneSet, Advanced StatefulSet and UnitedDeployment, and with
 * `includeBuiltInWorkloads` Deployments and StatefulSets. `CASCADING` rejects the
 * deletion while `replicas > 0` (scale to zero first); `ALWAYS` rejects it until
 * the label is removed. The install's own objects are skipped (use
 * `KruiseProps.deletionProtection` for the namespace and CRDs), and so are objects
 * that already carry the label.
 *
 * Like `ArgoCdProfile.applyTo()`, it labels the objects that exist when it is called.
 *
 * @see https://openkruise.io/docs/user-manuals/deletionprotection
 */
export class WorkloadDeletionProtection {
  /**
   * Labels every workload in `scope` (see the class docs).
   * @returns the number of objects labelled
   */
  public static protectAll(scope: IConstruct, mode: DeletionProtection, options: ProtectWorkloadsOptions = {}): number {
    if (!Object.values(DeletionProtection).includes(mode)) {
      throw invalid(scope, 'mode', mode, 'not a deletion protection mode', 'use DeletionProtection.ALWAYS or DeletionProtection.CASCADING');
    }
    let count = 0;
    for (const obj of apiObjectsIn(scope)) {
      if (installPartOf(obj)) continue;
      const group = apiGroupOf(obj.apiVersion);
      const kruise = group === 'apps.kruise.io' && KRUISE_WORKLOADS.includes(obj.kind);
      const builtIn = options.includeBuiltInWorkloads === true && group === 'apps' && BUILT_IN_WORKLOADS.includes(obj.kind);
      if (!kruise && !builtIn) continue;
      if (obj.metadata.getLabel(KruisePodKnobs.DELETE_PROTECTION_LABEL) !== undefined) continue;
      KruisePodKnobs.protectFromDeletion(obj, mode);
      count++;
    }
    return count;
  }

  private constructor() {}
}
