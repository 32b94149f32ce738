/** Descriptions of CloneSet (apps.kruise.io/v1alpha1). */
import { at, DocTable, KindDocs } from './docs';
import { conditionsDocs, inPlaceUpdateStrategyDocs, lifecycleDocs, priorityStrategyDocs, scatterStrategyDocs, selectorDocs } from './fragments';
import { once } from '../../base/once';

/** The `spec` of a CloneSet (also mounted in UnitedDeployment's cloneSetTemplate). */
export const cloneSetSpecDocs = (): DocTable => ({
  'spec': 'Desired state of the CloneSet: pod template, replica count, scale and update rules.',
  ...at('spec.lifecycle', lifecycleDocs('CloneSet')),
  'spec.minReadySeconds': 'Seconds a new or updated pod must stay ready, with no container crashing, before it counts as available; 0 by default.',
  'spec.replicas': 'Number of pods wanted, at least 0; the defaulting webhook sets 1.',
  'spec.revisionHistoryLimit': 'How many old ControllerRevisions to keep; the defaulting webhook sets 10.',
  'spec.scaleStrategy': 'How pods are added and removed.',
  'spec.scaleStrategy.disablePVCReuse': 'When true a recreated pod gets new claims instead of reusing those its predecessor left behind; false by default.',
  'spec.scaleStrategy.maxUnavailable': 'During a scale-out, stop creating pods while this many (count or percentage of replicas) are unavailable; unset means no limit.',
  'spec.scaleStrategy.podsToDelete': 'Names of pods to delete now; if replicas is lowered at the same time these go first, otherwise they are replaced. No duplicates; names of missing pods are dropped.',
  ...at('spec.selector', selectorDocs('Labels that pick the pods of this CloneSet; required, non-empty, immutable, and must match the template labels.')),
  'spec.template': 'Pod template of every pod. restartPolicy must be Always and activeDeadlineSeconds unset.',
  'spec.updateStrategy': 'How pods move to a new revision when the template changes.',
  ...at('spec.updateStrategy.inPlaceUpdateStrategy', inPlaceUpdateStrategyDocs()),
  'spec.updateStrategy.maxSurge': 'Extra pods allowed above replicas while updating or deleting listed pods: a count or a percentage (rounded up); the defaulting webhook sets 0. Must be 0 with type InPlaceOnly.',
  'spec.updateStrategy.maxUnavailable': 'Pods that may be unavailable at once while updating or scaling: a count or a percentage (rounded up, down when maxSurge is set); the defaulting webhook sets 20%. With replicas above 0 it and maxSurge cannot both be 0.',
  'spec.updateStrategy.partition': 'Pods to keep on the old revision (count or percentage, rounded up); replicas minus partition pods are updated. The defaulting webhook sets 0; lower it step by step for a canary.',
  'spec.updateStrategy.paused': 'When true no pod is updated (scaling continues); false by default.',
  ...at('spec.updateStrategy.priorityStrategy', priorityStrategyDocs()),
  ...at('spec.updateStrategy.scatterStrategy', scatterStrategyDocs()),
  'spec.updateStrategy.type': 'ReCreate (default, set by the defaulting webhook: delete and create the pod), InPlaceIfPossible (patch in place when only images or metadata changed, else recreate) or InPlaceOnly (in place or not at all).',
  'spec.volumeClaimTemplates': 'PersistentVolumeClaims created for each pod; a claim is deleted with its pod. Kept without schema validation.',
});

const statusDocs = (): DocTable => ({
  'status': 'Observed state of the CloneSet, written by the controller.',
  'status.availableReplicas': 'Pods that have been ready for at least minReadySeconds.',
  'status.collisionCount': 'Times the hash of a new revision collided with an existing ControllerRevision name; used to make names unique.',
  ...at('status.conditions', conditionsDocs('CloneSet')),
  'status.currentRevision': 'Revision of the pods not yet updated.',
  'status.expectedUpdatedReplicas': 'Pods that should reach updateRevision: replicas minus the resolved partition.',
  'status.labelSelector': 'The spec selector as a string; the scale subresource exposes it to autoscalers.',
  'status.observedGeneration': 'The metadata.generation this status reflects.',
  'status.readyReplicas': 'Pods whose Ready condition is True.',
  'status.replicas': 'Pods the controller has created and not yet deleted.',
  'status.updateRevision': 'Revision the pods are being updated to (the template as it is now).',
  'status.updatedAvailableReplicas': 'Pods at updateRevision that have been ready for at least minReadySeconds.',
  'status.updatedReadyReplicas': 'Pods at updateRevision whose Ready condition is True.',
  'status.updatedReplicas': 'Pods at updateRevision.',
});

export const cloneSetDocs = once((): KindDocs => ({ fields: { ...cloneSetSpecDocs(), ...statusDocs() } }));
