/** Descriptions of Advanced DaemonSet (apps.kruise.io/v1alpha1). */
import { at, DocTable, KindDocs } from './docs';
import { conditionsDocs, lifecycleDocs, selectorDocs } from './fragments';
import { once } from '../../base/once';

const RU = 'spec.updateStrategy.rollingUpdate';

/** The `spec` of an Advanced DaemonSet. */
export const daemonSetSpecDocs = (): DocTable => ({
  'spec': 'Desired state of the Advanced DaemonSet: the pod to run on each eligible node and how it is rolled out.',
  'spec.burstReplicas': 'Most pods the controller creates in one sync, as a count or a percentage of nodes; limits the burst on large clusters. The defaulting webhook sets 250.',
  ...at('spec.lifecycle', lifecycleDocs('DaemonSet')),
  'spec.lifecycle': 'Hooks that hold pods before deletion (preDelete) and before they turn normal (preNormal); inPlaceUpdate is rejected for DaemonSets.',
  'spec.lifecycle.inPlaceUpdate': 'Not supported for DaemonSets: admission rejects it.',
  'spec.minReadySeconds': 'Seconds a new pod must stay ready, with no container crashing, before it counts as available; at least 0, 0 by default.',
  'spec.revisionHistoryLimit': 'How many old ControllerRevisions to keep for rollback, at least 0; the defaulting webhook sets 10.',
  ...at('spec.selector', selectorDocs('Labels that pick the pods of this DaemonSet; non-empty, immutable, and must match the template labels.')),
  'spec.template': 'Pod template; one pod from it runs on every node its node selector and affinity allow. restartPolicy must be Always and activeDeadlineSeconds unset.',
  'spec.updateStrategy': 'How pods move to a new revision when the template changes.',
  [RU]: 'Parameters of the RollingUpdate type; required with it.',
  [`${RU}.maxSurge`]: 'Nodes that may run an updated pod next to the old one while it becomes available: a count or a percentage of nodes (rounded up, at least 1). Cannot be combined with a non-zero maxUnavailable; 0 unless set.',
  [`${RU}.maxUnavailable`]: 'Nodes whose pod may be unavailable at once during the update: a count or a percentage of nodes (rounded up). Exactly one of it and maxSurge must be non-zero; 1 when both are unset (defaulting webhook).',
  [`${RU}.partition`]: 'Pods to keep on the old revision, at least 0; 0 by default. A value of the desired pod count or more updates nothing.',
  [`${RU}.paused`]: 'When true the rollout stops where it is; false by default.',
  [`${RU}.rollingUpdateType`]: 'Standard (default, set by the defaulting webhook: delete then create, or surge first), or InPlaceIfPossible (patch the pod in place when only images or metadata changed; needs maxSurge 0). Surging is deprecated: the defaulting webhook turns it into Standard with maxSurge 1 and maxUnavailable 0 unless set.',
  ...at(`${RU}.selector`, selectorDocs('When set, only pods on nodes whose labels match are updated.')),
  'spec.updateStrategy.type': 'RollingUpdate (default, defaulting webhook) or OnDelete (a pod is updated only when you delete it).',
});

const statusDocs = (): DocTable => ({
  'status': 'Observed state of the Advanced DaemonSet, written by the controller.',
  'status.collisionCount': 'Times the hash of a new revision collided with an existing ControllerRevision name; used to make names unique.',
  ...at('status.conditions', conditionsDocs('DaemonSet')),
  'status.currentNumberScheduled': 'Eligible nodes that run at least one pod of this DaemonSet.',
  'status.daemonSetHash': 'Hash (controller-revision-hash label value) of the latest revision.',
  'status.desiredNumberScheduled': 'Nodes that should run the pod.',
  'status.numberAvailable': 'Eligible nodes whose pod has been ready for at least minReadySeconds.',
  'status.numberMisscheduled': 'Nodes that run a pod of this DaemonSet although they should not.',
  'status.numberReady': 'Eligible nodes whose pod is ready.',
  'status.numberUnavailable': 'Eligible nodes with no available pod.',
  'status.observedGeneration': 'The metadata.generation this status reflects.',
  'status.updatedNumberScheduled': 'Nodes that run a pod at the latest revision.',
});

export const daemonSetDocs = once((): KindDocs => ({ fields: { ...daemonSetSpecDocs(), ...statusDocs() } }));
