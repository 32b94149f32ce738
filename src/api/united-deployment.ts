import { cloneSetSpec } from './clone-set';
import { unitedDeploymentDocs } from './docs/united-deployment';
import { labelSelector, nodeSelectorTerm, toleration } from './fragments';
import { ageColumn, KindModel } from './model';
import { arr, dateTime, int32, int64, intOrString, mapOf, obj, preserved, root, Schema, str } from './schema';
import { statefulSetSpecV1beta1 } from './stateful-set';

/**
 * A workload template of UnitedDeployment: metadata kept as it is, and the
 * workload's spec (typed for Kruise workloads, kept as it is for core ones).
 */
export function unitedDeploymentWorkloadTemplate(spec: Schema): Schema {
  return obj({ metadata: preserved(), spec }, ['spec']);
}

/** SubsetTemplate: one of the four workload kinds each subset is made of. */
export function unitedDeploymentSubsetTemplate(): Schema {
  return obj({
    advancedStatefulSetTemplate: unitedDeploymentWorkloadTemplate(statefulSetSpecV1beta1()),
    cloneSetTemplate: unitedDeploymentWorkloadTemplate(cloneSetSpec()),
    deploymentTemplate: unitedDeploymentWorkloadTemplate(preserved()),
    statefulSetTemplate: unitedDeploymentWorkloadTemplate(preserved()),
  });
}

/** Subset: a named slice of the pods, scheduled by node selector and tolerations. */
export function unitedDeploymentSubset(): Schema {
  return obj({
    maxReplicas: intOrString(),
    minReplicas: intOrString(),
    name: str(),
    nodeSelectorTerm: nodeSelectorTerm(),
    patch: preserved(),
    replicas: intOrString(),
    tolerations: arr(toleration()),
  }, ['name']);
}

/** UnitedDeploymentUpdateStrategy: manual partitions per subset. */
export function unitedDeploymentUpdateStrategy(): Schema {
  return obj({
    manualUpdate: obj({ partitions: mapOf(int32()) }),
    type: str(),
  });
}

function unitedDeploymentSpec(): Schema {
  return obj({
    replicas: int32(),
    revisionHistoryLimit: int32(),
    selector: labelSelector(),
    template: unitedDeploymentSubsetTemplate(),
    topology: obj({ subsets: arr(unitedDeploymentSubset()) }),
    updateStrategy: unitedDeploymentUpdateStrategy(),
  }, ['selector']);
}

/** UnitedDeploymentCondition: unlike most conditions, nothing is required. */
function unitedDeploymentConditions(): Schema {
  return arr(obj({ lastTransitionTime: dateTime(), message: str(), reason: str(), status: str(), type: str() }));
}

function unitedDeploymentStatus(): Schema {
  return obj({
    collisionCount: int32(),
    conditions: unitedDeploymentConditions(),
    currentRevision: str(),
    labelSelector: str(),
    observedGeneration: int64(),
    readyReplicas: int32(),
    replicas: int32(),
    subsetReplicas: mapOf(int32()),
    updateStatus: obj({ currentPartitions: mapOf(int32()), updatedRevision: str() }),
    updatedReadyReplicas: int32(),
    updatedReplicas: int32(),
  }, ['currentRevision', 'replicas', 'updatedReplicas']);
}

/** UnitedDeployment: one workload split into subsets across node pools. */
export const unitedDeploymentModel: KindModel = {
  group: 'apps.kruise.io',
  kind: 'UnitedDeployment',
  plural: 'uniteddeployments',
  singular: 'uniteddeployment',
  shortNames: ['ud'],
  scope: 'Namespaced',
  inChart: true,
  docs: unitedDeploymentDocs,
  versions: [{
    name: 'v1alpha1',
    served: true,
    storage: true,
    schema: root(unitedDeploymentSpec(), unitedDeploymentStatus(), { description: 'UnitedDeployment spreads the pods of one workload template over several subsets.' }),
    statusSubresource: true,
    scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas', labelSelectorPath: '.status.labelSelector' },
    printerColumns: [
      { name: 'DESIRED', type: 'integer', jsonPath: '.spec.replicas', description: 'Desired pods over all subsets.' },
      { name: 'CURRENT', type: 'integer', jsonPath: '.status.replicas', description: 'Pods that exist now.' },
      { name: 'UPDATED', type: 'integer', jsonPath: '.status.updatedReplicas', description: 'Pods at the update revision.' },
      { name: 'READY', type: 'integer', jsonPath: '.status.readyReplicas', description: 'Ready pods.' },
      ageColumn(),
    ],
  }],
};
