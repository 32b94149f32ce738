import { cloneSetDocs } from './docs/clone-set';
import { conditions, inPlaceUpdateStrategy, labelSelector, lifecycle, priorityStrategy, scatterStrategy, template } from './fragments';
import { ageColumn, KindModel, templateContainerColumns } from './model';
import { bool, int32, int64, intOrString, obj, preserved, root, Schema, str, strList } from './schema';

/** CloneSetScaleStrategy (also used by UnitedDeployment's CloneSet template). */
export function cloneSetScaleStrategy(): Schema {
  return obj({ disablePVCReuse: bool(), maxUnavailable: intOrString(), podsToDelete: strList() });
}

/** CloneSetUpdateStrategy. */
export function cloneSetUpdateStrategy(): Schema {
  return obj({
    inPlaceUpdateStrategy: inPlaceUpdateStrategy(),
    maxSurge: intOrString(),
    maxUnavailable: intOrString(),
    partition: intOrString(),
    paused: bool(),
    priorityStrategy: priorityStrategy(),
    scatterStrategy: scatterStrategy(),
    type: str(),
  });
}

/** CloneSetSpec (also embedded in UnitedDeployment's cloneSetTemplate). */
export function cloneSetSpec(): Schema {
  return obj({
    lifecycle: lifecycle(),
    minReadySeconds: int32(),
    replicas: int32(),
    revisionHistoryLimit: int32(),
    scaleStrategy: cloneSetScaleStrategy(),
    selector: labelSelector(),
    template: template(),
    updateStrategy: cloneSetUpdateStrategy(),
    volumeClaimTemplates: preserved(),
  }, ['selector', 'template'], { description: 'The desired state of the CloneSet.' });
}

function cloneSetStatus(): Schema {
  return obj({
    availableReplicas: int32(),
    collisionCount: int32(),
    conditions: conditions(),
    currentRevision: str(),
    expectedUpdatedReplicas: int32(),
    labelSelector: str(),
    observedGeneration: int64(),
    readyReplicas: int32(),
    replicas: int32(),
    updateRevision: str(),
    updatedAvailableReplicas: int32(),
    updatedReadyReplicas: int32(),
    updatedReplicas: int32(),
  }, ['availableReplicas', 'readyReplicas', 'replicas', 'updatedReadyReplicas', 'updatedReplicas']);
}

/** CloneSet: stateless workload with in-place update, partition and scale strategies. */
export const cloneSetModel: KindModel = {
  group: 'apps.kruise.io',
  kind: 'CloneSet',
  plural: 'clonesets',
  singular: 'cloneset',
  shortNames: ['clone'],
  scope: 'Namespaced',
  inChart: true,
  docs: cloneSetDocs,
  versions: [{
    name: 'v1alpha1',
    served: true,
    storage: true,
    schema: root(cloneSetSpec(), cloneSetStatus(), { description: 'CloneSet manages a set of identical pods with in-place update.' }),
    statusSubresource: true,
    scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas', labelSelectorPath: '.status.labelSelector' },
    printerColumns: [
      { name: 'DESIRED', type: 'integer', jsonPath: '.spec.replicas', description: 'Desired pods.' },
      { name: 'UPDATED', type: 'integer', jsonPath: '.status.updatedReplicas', description: 'Pods at the update revision.' },
      { name: 'UPDATED_READY', type: 'integer', jsonPath: '.status.updatedReadyReplicas', description: 'Pods at the update revision and ready.' },
      { name: 'READY', type: 'integer', jsonPath: '.status.readyReplicas', description: 'Ready pods.' },
      { name: 'TOTAL', type: 'integer', jsonPath: '.status.replicas', description: 'All pods.' },
      ageColumn(),
      ...templateContainerColumns(),
      { name: 'SELECTOR', type: 'string', jsonPath: '.status.labelSelector', priority: 1, description: 'The label selector, as a string.' },
    ],
  }],
};
