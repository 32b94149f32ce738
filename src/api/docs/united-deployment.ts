/** Descriptions of UnitedDeployment (apps.kruise.io/v1alpha1). */
import { cloneSetSpecDocs } from './clone-set';
import { at, DocTable, KindDocs, mount } from './docs';
import { conditionsDocs, nodeSelectorTermDocs, selectorDocs, tolerationsDocs } from './fragments';
import { statefulSetSpecDocs } from './stateful-set';
import { once } from '../../base/once';

const ASTS = 'spec.template.advancedStatefulSetTemplate';
const CS = 'spec.template.cloneSetTemplate';
const SUBSET = 'spec.topology.subsets[]';

const specDocs = (): DocTable => ({
  'spec': 'Desired state of the UnitedDeployment: one workload template and the subsets its pods are split into.',
  'spec.replicas': 'Total pods over all subsets, at least 0. When unset every subset must set its own replicas; it cannot be combined with subset replicas as well as min/maxReplicas.',
  'spec.revisionHistoryLimit': 'How many old ControllerRevisions to keep; the defaulting webhook sets 10.',
  ...at('spec.selector', selectorDocs('Labels that pick the pods; required, non-empty, and must match the labels of the workload template.')),
  'spec.template': 'The workload each subset is made of: exactly one of the four templates must be set.',
  [ASTS]: 'Each subset is an Advanced StatefulSet built from this template.',
  [`${ASTS}.metadata`]: 'Labels and annotations of the generated Advanced StatefulSets.',
  ...mount(statefulSetSpecDocs(), 'spec', `${ASTS}.spec`),
  [`${ASTS}.spec`]: 'Spec of the generated Advanced StatefulSets; replicas and the rolling-update partition must stay unset, the UnitedDeployment sets them per subset.',
  [`${ASTS}.spec.replicas`]: 'Must stay unset: the UnitedDeployment sets each subset\'s replicas.',
  [`${ASTS}.spec.updateStrategy.rollingUpdate.partition`]: 'Must stay unset: the UnitedDeployment sets it from updateStrategy.manualUpdate.partitions.',
  [CS]: 'Each subset is a CloneSet built from this template.',
  [`${CS}.metadata`]: 'Labels and annotations of the generated CloneSets.',
  ...mount(cloneSetSpecDocs(), 'spec', `${CS}.spec`),
  [`${CS}.spec`]: 'Spec of the generated CloneSets; the UnitedDeployment sets replicas and partition per subset. Kruise does not validate this template at admission.',
  [`${CS}.spec.replicas`]: 'Set by the UnitedDeployment for each subset; leave it unset.',
  'spec.template.deploymentTemplate': 'Each subset is an apps/v1 Deployment built from this template; replicas must stay unset.',
  'spec.template.deploymentTemplate.metadata': 'Labels and annotations of the generated Deployments.',
  'spec.template.deploymentTemplate.spec': 'An apps/v1 DeploymentSpec, kept without schema validation.',
  'spec.template.statefulSetTemplate': 'Each subset is an apps/v1 StatefulSet built from this template; replicas and partition must stay unset.',
  'spec.template.statefulSetTemplate.metadata': 'Labels and annotations of the generated StatefulSets.',
  'spec.template.statefulSetTemplate.spec': 'An apps/v1 StatefulSetSpec, kept without schema validation.',
  'spec.topology': 'How the pods are split over subsets.',
  'spec.topology.subsets': 'The subsets, in priority order: minReplicas are satisfied first-to-last, and a scale-in empties the last ones first.',
  [SUBSET]: 'A named group of pods, each group one workload scheduled onto its own nodes.',
  [`${SUBSET}.maxReplicas`]: 'Upper bound of the subset\'s pods (count or percentage), at least minReplicas; unset means no bound. Leave it unset on at least one subset so scaling cannot stall.',
  [`${SUBSET}.minReplicas`]: 'Lower bound of the subset\'s pods (count or percentage), filled before other subsets get more; the defaulting webhook sets 0 when subsets use min/maxReplicas. Needs spec.replicas and no subset replicas.',
  [`${SUBSET}.name`]: 'Subset name, a DNS label unique in the UnitedDeployment; the subset workload is named <ud-name>-<subset-name>-<random>. Required.',
  ...at(`${SUBSET}.nodeSelectorTerm`, nodeSelectorTermDocs('Nodes the subset\'s pods go to; merged into the template\'s node affinity. Immutable.')),
  [`${SUBSET}.patch`]: 'A strategic-merge patch applied to the subset\'s workload template; it wins over replicas, nodeSelectorTerm and tolerations when it sets them too.',
  [`${SUBSET}.replicas`]: 'Pods in this subset: a count (at least 0) or a percentage (0 to 100%) of spec.replicas. When unset the controller shares the remaining pods evenly among unset subsets. Excludes min/maxReplicas.',
  ...at(`${SUBSET}.tolerations`, tolerationsDocs('Tolerations added to the subset\'s pods. Immutable.')),
  'spec.updateStrategy': 'How the subsets are updated when the template changes.',
  'spec.updateStrategy.manualUpdate': 'Parameters of the Manual type.',
  'spec.updateStrategy.manualUpdate.partitions': 'Partition of each subset\'s workload, by subset name (which must exist): the pods kept on the old revision there.',
  'spec.updateStrategy.type': 'Manual, the only type: per-subset partitions control the update; set by the defaulting webhook.',
});

const statusDocs = (): DocTable => ({
  'status': 'Observed state of the UnitedDeployment, written by the controller.',
  'status.collisionCount': 'Times the hash of a new revision collided with an existing ControllerRevision name; used to make names unique.',
  ...at('status.conditions', conditionsDocs('UnitedDeployment')),
  'status.currentRevision': 'Revision of the template the subsets were last fully rolled out to.',
  'status.labelSelector': 'The spec selector as a string; the scale subresource exposes it to autoscalers.',
  'status.observedGeneration': 'The metadata.generation this status reflects.',
  'status.readyReplicas': 'Ready pods over all subsets.',
  'status.replicas': 'Pods over all subsets.',
  'status.subsetReplicas': 'Pods the controller assigned to each subset, by subset name.',
  'status.updateStatus': 'Progress of the update.',
  'status.updateStatus.currentPartitions': 'Partition currently applied to each subset\'s workload, by subset name.',
  'status.updateStatus.updatedRevision': 'Revision of the template being rolled out.',
  'status.updatedReadyReplicas': 'Pods at the latest revision that are ready.',
  'status.updatedReplicas': 'Pods at the latest revision.',
});

export const unitedDeploymentDocs = once((): KindDocs => ({ fields: { ...specDocs(), ...statusDocs() } }));
