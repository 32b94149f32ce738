import { persistentPodStateDocs } from './docs/persistent-pod-state';
import { targetReference } from './fragments';
import { KindModel } from './model';
import { arr, int32, int64, mapOf, obj, root, Schema, str, strList, strMap } from './schema';

/** NodeTopologyTerm: node label keys whose values the pod should keep. */
function nodeTopologyTerm(): Schema {
  return obj({ nodeTopologyKeys: strList() }, ['nodeTopologyKeys']);
}

function persistentPodStateSpec(): Schema {
  return obj({
    persistentPodAnnotations: arr(obj({ key: str() }, ['key'])),
    persistentPodStateRetentionPolicy: str(),
    preferredPersistentTopology: arr(obj({ preference: nodeTopologyTerm(), weight: int32() }, ['preference', 'weight'])),
    requiredPersistentTopology: nodeTopologyTerm(),
    targetRef: targetReference(),
  }, ['targetRef']);
}

function persistentPodStateStatus(): Schema {
  return obj({
    observedGeneration: int64(),
    podStates: mapOf(obj({ annotations: strMap(), nodeName: str(), nodeTopologyLabels: strMap() })),
  }, ['observedGeneration']);
}

/** PersistentPodState: keeps node topology and annotations of a workload's pods across recreation. */
export const persistentPodStateModel: KindModel = {
  group: 'apps.kruise.io',
  kind: 'PersistentPodState',
  plural: 'persistentpodstates',
  singular: 'persistentpodstate',
  scope: 'Namespaced',
  inChart: true,
  docs: persistentPodStateDocs,
  versions: [{
    name: 'v1alpha1',
    served: true,
    storage: true,
    schema: root(persistentPodStateSpec(), persistentPodStateStatus(), { description: 'PersistentPodState records pod state (topology, annotations) to restore it when pods are recreated.' }),
    statusSubresource: true,
  }],
};
