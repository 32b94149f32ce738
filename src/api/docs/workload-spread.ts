/** Descriptions of WorkloadSpread (apps.kruise.io/v1alpha1). */
import { at, DocTable, KindDocs } from './docs';
import { conditionsDocs, nodeSelectorTermDocs, preferredSchedulingTermsDocs, targetReferenceDocs, tolerationsDocs } from './fragments';
import { once } from '../../base/once';

function subsetStatusDocs(): DocTable {
  return {
    '': 'Pod counts of one subset.',
    ...at('conditions', conditionsDocs('subset')),
    'creatingPods': 'Pods the webhook has placed in this subset but the controller has not seen yet: pod name to the time the webhook handled the creation (RFC 3339).',
    'deletingPods': 'Pods the webhook has seen deleted from this subset but the controller has not yet accounted for: pod name to the time of deletion.',
    'missingReplicas': 'Pods the subset still lacks to reach maxReplicas; 0 when it is full, -1 when it has no maxReplicas.',
    'name': 'Name of the subset.',
    'replicas': 'Active pods in the subset, as last observed.',
  };
}

const specDocs = (): DocTable => ({
  'spec': 'Desired state of the WorkloadSpread: the workload it shapes and the subsets its pods are spread over. Needs the WorkloadSpread feature gate (on by default).',
  'spec.scheduleStrategy': 'What happens when a pod cannot be scheduled in its subset.',
  'spec.scheduleStrategy.adaptive': 'Settings of the Adaptive type; only allowed with it.',
  'spec.scheduleStrategy.adaptive.disableSimulationSchedule': 'When true the webhook skips its simple resource-fit check of a subset\'s nodes before placing a pod there; false by default.',
  'spec.scheduleStrategy.adaptive.rescheduleCriticalSeconds': 'Seconds a pod may stay unschedulable before the controller moves it to a later subset with room; 0 up to 295 divided by (subsets - 1).',
  'spec.scheduleStrategy.type': 'Fixed (default: pods stay in their subset even when unschedulable) or Adaptive (pods that cannot be scheduled are moved to another subset; the last subset must then have no maxReplicas).',
  'spec.subsets': 'Subsets in priority order: new pods fill the first subset up to its maxReplicas, then the next; deletion starts from the last. At least one.',
  'spec.subsets[]': 'A group of nodes and the most pods the workload may run there.',
  'spec.subsets[].maxReplicas': 'Most pods in this subset: a count (at least 0; the only form for StatefulSet targets) or a percentage of the workload\'s replicas, all subsets using the same form, percentages summing to at most 100. Unset means unlimited.',
  'spec.subsets[].name': 'Subset name, required and unique in the WorkloadSpread.',
  'spec.subsets[].patch': 'A strategic-merge patch applied to pods placed in this subset (labels, resources, env...); the patched pod template must stay valid.',
  ...at('spec.subsets[].preferredNodeSelectorTerms', preferredSchedulingTermsDocs('Node preferences added to the pods of this subset.')),
  ...at('spec.subsets[].requiredNodeSelectorTerm', nodeSelectorTermDocs('Nodes the subset\'s pods must run on; added to their required node affinity.')),
  ...at('spec.subsets[].tolerations', tolerationsDocs('Tolerations added to the pods of this subset.')),
  ...at('spec.targetRef', targetReferenceDocs('The workload whose pods are spread: a CloneSet, Deployment, ReplicaSet, Job or StatefulSet (apps or apps.kruise.io), or a kind whitelisted in the kruise-configuration ConfigMap. Required, immutable, one WorkloadSpread per workload.')),
});

const statusDocs = (): DocTable => ({
  'status': 'Observed state of the WorkloadSpread, written by the controller and the pod webhook.',
  'status.observedGeneration': 'The metadata.generation this status reflects.',
  'status.subsetStatuses': 'Pod counts per subset, in the order of spec.subsets.',
  ...at('status.subsetStatuses[]', subsetStatusDocs()),
  'status.versionedSubsetStatuses': 'Pod counts per subset for each revision of the workload, by revision, so a rolling update that creates new pods before deleting old ones is counted right.',
  'status.versionedSubsetStatuses{}': 'Pod counts per subset for one revision.',
  ...at('status.versionedSubsetStatuses{}[]', subsetStatusDocs()),
});

export const workloadSpreadDocs = once((): KindDocs => ({ fields: { ...specDocs(), ...statusDocs() } }));
