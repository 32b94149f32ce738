/** Descriptions of Advanced StatefulSet (apps.kruise.io v1alpha1 and v1beta1). */
import { at, DocTable, KindDocs } from './docs';
import { conditionsDocs, inPlaceUpdateStrategyDocs, lifecycleDocs, priorityStrategyDocs, selectorDocs } from './fragments';
import { once } from '../../base/once';

/** The `spec` of an Advanced StatefulSet (also mounted in UnitedDeployment's advancedStatefulSetTemplate). */
export const statefulSetSpecDocs = (): DocTable => ({
  'spec': 'Desired state of the Advanced StatefulSet: pod template, replica count, identity and update rules.',
  'spec.podManagementPolicy': 'OrderedReady (default, set by the defaulting webhook): pods start and stop one at a time in ordinal order, each waiting for the previous to be ready; Parallel: all at once.',
  'spec.replicas': 'Number of pods wanted, at least 0; the defaulting webhook sets 1.',
  'spec.revisionHistoryLimit': 'How many old ControllerRevisions to keep for rollback; 10 by default (defaulting webhook).',
  ...at('spec.selector', selectorDocs('Labels that pick the pods of this set; required, non-empty, immutable, and must match the template labels.')),
  'spec.serviceName': 'Headless Service that gives the pods their stable DNS names (pod-N.<serviceName>.<namespace>.svc); the Service is not created for you.',
  'spec.template': 'Pod template; each pod gets its own ordinal identity. restartPolicy must be Always and activeDeadlineSeconds unset.',
  'spec.updateStrategy': 'How pods move to a new revision when the template changes.',
  'spec.updateStrategy.type': 'RollingUpdate (default, defaulting webhook) or OnDelete (a pod is updated only when you delete it; rollingUpdate must then be unset).',
  'spec.updateStrategy.rollingUpdate': 'Parameters of the RollingUpdate type.',
  ...at('spec.updateStrategy.rollingUpdate.inPlaceUpdateStrategy', inPlaceUpdateStrategyDocs()),
  'spec.updateStrategy.rollingUpdate.maxUnavailable': 'Pods that may be unavailable at once during the update: a count or a percentage of replicas (rounded down, at least 1); the defaulting webhook sets 1. Values other than 1 need podManagementPolicy Parallel.',
  'spec.updateStrategy.rollingUpdate.minReadySeconds': 'Seconds an updated pod must stay ready before the next one is updated, 0 to 300; the defaulting webhook sets 0.',
  'spec.updateStrategy.rollingUpdate.partition': 'Ordinal at and above which pods are updated; pods below keep the old revision. With unorderedUpdate it is the number of pods kept on the old revision. At least 0; the defaulting webhook sets 0.',
  'spec.updateStrategy.rollingUpdate.paused': 'When true the update stops where it is (scaling continues); false by default.',
  'spec.updateStrategy.rollingUpdate.podUpdatePolicy': 'ReCreate (default, set by the defaulting webhook: delete and create the pod), InPlaceIfPossible (patch in place when only images or metadata changed, otherwise recreate) or InPlaceOnly (in place or not at all). In-place policies need the InPlaceUpdateReady readiness gate in the template.',
  'spec.updateStrategy.rollingUpdate.unorderedUpdate': 'Update pods in a priority order rather than by descending ordinal; needs podManagementPolicy Parallel.',
  ...at('spec.updateStrategy.rollingUpdate.unorderedUpdate.priorityStrategy', priorityStrategyDocs()),
  'spec.volumeClaimTemplates': 'PersistentVolumeClaims created once per pod and bound to its ordinal; each needs a volumeMount of the same name in the template. Kept without schema validation.',
  ...at('spec.lifecycle', lifecycleDocs('StatefulSet')),
  'spec.ordinals': 'Numbering of the pods\' ordinals. Needs the StatefulSetStartOrdinal feature gate (off by default).',
  'spec.ordinals.start': 'Ordinal of the first pod; pods are numbered from start to start + replicas - 1 (reserved ordinals skipped); 0 by default.',
  'spec.persistentVolumeClaimRetentionPolicy': 'What happens to the claims of volumeClaimTemplates when the set is deleted or scaled in. Needs the StatefulSetAutoDeletePVC feature gate (on by default).',
  'spec.persistentVolumeClaimRetentionPolicy.whenDeleted': 'Retain (default, set by the defaulting webhook) keeps the claims when the set is deleted; Delete removes them.',
  'spec.persistentVolumeClaimRetentionPolicy.whenScaled': 'Retain (default, set by the defaulting webhook) keeps the claims of pods removed by a scale-in; Delete removes them.',
  'spec.reserveOrdinals': 'Ordinals the controller skips: no pod is created with them and replicas counts only the others (reserve 1 in a set of 3 and you get 0, 2 and 3). Unique integers, at least 0.',
  'spec.scaleStrategy': 'How pods are created and removed when replicas changes.',
  'spec.scaleStrategy.maxUnavailable': 'Pods that may be unavailable at once while scaling: a count or a percentage of replicas (rounded down); needs podManagementPolicy Parallel.',
});

/** The `status` of an Advanced StatefulSet (also UnitedDeployment's subsets reuse none of it). */
const statusDocs = (): DocTable => ({
  'status': 'Observed state of the Advanced StatefulSet, written by the controller.',
  'status.availableReplicas': 'Pods that have been ready for at least minReadySeconds.',
  'status.collisionCount': 'Times the hash of a new revision collided with an existing ControllerRevision name; used to make names unique.',
  ...at('status.conditions', conditionsDocs('StatefulSet')),
  'status.currentReplicas': 'Pods at the current revision (currentRevision).',
  'status.currentRevision': 'Revision of the pods below the partition (the ordinals from 0 to currentReplicas - 1).',
  'status.labelSelector': 'The spec selector as a string; the scale subresource exposes it to autoscalers.',
  'status.observedGeneration': 'The metadata.generation this status reflects.',
  'status.readyReplicas': 'Pods whose Ready condition is True.',
  'status.replicas': 'Pods the controller has created and not yet deleted.',
  'status.updateRevision': 'Revision the pods are being updated to (the template as it is now).',
  'status.updatedReplicas': 'Pods at updateRevision.',
  'status.updatedAvailableReplicas': 'Pods at updateRevision that have been ready for at least minReadySeconds.',
  'status.updatedReadyReplicas': 'Pods at updateRevision whose Ready condition is True.',
});

export const statefulSetDocs = once((): KindDocs => ({
  fields: { ...statefulSetSpecDocs(), ...statusDocs() },
  apiVersions: {
    v1alpha1: { 'spec.updateStrategy.rollingUpdate.maxUnavailable': 'Pods that may be unavailable at once during the update: a count or a percentage of replicas (rounded down, at least 1); the defaulting webhook sets 1. Values other than 1 need podManagementPolicy Parallel. This version is converted to v1beta1, which is stored.' },
  },
}));
