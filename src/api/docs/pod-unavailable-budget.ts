/** Descriptions of PodUnavailableBudget (policy.kruise.io/v1alpha1). */
import { at, DocTable, KindDocs } from './docs';
import { selectorDocs, targetReferenceDocs } from './fragments';
import { once } from '../../base/once';

const specDocs = (): DocTable => ({
  'spec': 'Desired state of the budget: the pods it guards and how many may be unavailable. Kruise\'s pod webhook then refuses deletions, evictions and in-place updates that would break it. Needs the PodUnavailableBudgetDeleteGate (on by default) or PodUnavailableBudgetUpdateGate feature gate.',
  'spec.maxUnavailable': 'Most guarded pods that may be unavailable after an operation: a count (at least 0) or a percentage up to 100%. Set exactly one of it and minAvailable.',
  'spec.minAvailable': 'Fewest guarded pods that must stay available after an operation: a count (at least 0) or a percentage up to 100%. Set exactly one of it and maxUnavailable.',
  ...at('spec.selector', selectorDocs('Labels of the guarded pods; set exactly one of selector and targetRef. Non-empty and immutable; no two budgets in a namespace may overlap.')),
  ...at('spec.targetRef', targetReferenceDocs('The workload whose pods are guarded; set exactly one of selector and targetRef. Immutable.')),
});

const statusDocs = (): DocTable => ({
  'status': 'Observed state of the budget, written by the controller and the pod webhook.',
  'status.currentAvailable': 'Guarded pods available now.',
  'status.desiredAvailable': 'Guarded pods that must stay available.',
  'status.disruptedPods': 'Pods whose deletion or eviction the webhook allowed but the controller has not seen yet: pod name to the time it was allowed (RFC 3339).',
  'status.observedGeneration': 'The metadata.generation this status reflects; the counts are only trustworthy when it matches.',
  'status.totalReplicas': 'Pods the budget counts (the workload\'s replicas, or the pub.kruise.io/protect-total-replicas annotation when set).',
  'status.unavailableAllowed': 'How many more guarded pods may be made unavailable now.',
  'status.unavailablePods': 'Pods being updated in place, by name with the time they were allowed; each leaves the map once it is ready again.',
});

export const podUnavailableBudgetDocs = once((): KindDocs => ({ fields: { ...specDocs(), ...statusDocs() } }));
