/** Descriptions of PersistentPodState (apps.kruise.io/v1alpha1). */
import { at, DocTable, KindDocs } from './docs';
import { targetReferenceDocs } from './fragments';
import { once } from '../../base/once';

const specDocs = (): DocTable => ({
  'spec': 'Desired state of the PersistentPodState: what to record about a StatefulSet\'s pods so a recreated pod gets the same node topology and annotations.',
  'spec.persistentPodAnnotations': 'Pod annotations to record and put back on a recreated pod of the same name.',
  'spec.persistentPodAnnotations[]': 'One annotation to keep.',
  'spec.persistentPodAnnotations[].key': 'Annotation key.',
  'spec.persistentPodStateRetentionPolicy': 'When a pod\'s record is dropped: WhenScaled (default: when a scale-in removes the pod) or WhenDeleted (only when the workload is deleted).',
  'spec.preferredPersistentTopology': 'Node labels a recreated pod should, with a weight, land on the same values of (such as a zone); at least one of the two topology fields is required.',
  'spec.preferredPersistentTopology[]': 'Node label keys and the weight of keeping their values.',
  'spec.preferredPersistentTopology[].preference': 'Node label keys whose values the pod prefers to keep.',
  'spec.preferredPersistentTopology[].preference.nodeTopologyKeys': 'Node label keys, such as topology.kubernetes.io/zone.',
  'spec.preferredPersistentTopology[].weight': 'Weight of the preference, 1 to 100.',
  'spec.requiredPersistentTopology': 'Node labels a recreated pod must land on the same values of; at least one of the two topology fields is required.',
  'spec.requiredPersistentTopology.nodeTopologyKeys': 'Node label keys, such as kubernetes.io/hostname.',
  ...at('spec.targetRef', targetReferenceDocs('The workload whose pods are recorded: a StatefulSet (apps or apps.kruise.io) or a kind whitelisted in the kruise-configuration ConfigMap. Required, immutable, one per workload.')),
});

const statusDocs = (): DocTable => ({
  'status': 'The recorded pod states, written by the controller.',
  'status.observedGeneration': 'The metadata.generation this status reflects.',
  'status.podStates': 'Recorded state per pod name, taken when the pod was ready.',
  'status.podStates{}': 'The recorded state of one pod.',
  'status.podStates{}.annotations': 'The recorded annotations.',
  'status.podStates{}.nodeName': 'Node the pod ran on.',
  'status.podStates{}.nodeTopologyLabels': 'Values of the topology node labels on that node, such as kubernetes.io/hostname=node-1.',
});

export const persistentPodStateDocs = once((): KindDocs => ({ fields: { ...specDocs(), ...statusDocs() } }));
