import { workloadSpreadDocs } from './docs/workload-spread';
import { conditions, nodeSelectorTerm, podTimeMap, preferredSchedulingTerm, targetReference, toleration } from './fragments';
import { KindModel } from './model';
import { arr, bool, int32, int64, intOrString, mapOf, obj, preserved, root, Schema, str } from './schema';

/** WorkloadSpreadSubset: one domain the workload's pods are spread over. */
function workloadSpreadSubset(): Schema {
  return obj({
    maxReplicas: intOrString(),
    name: str(),
    patch: preserved(),
    preferredNodeSelectorTerms: arr(preferredSchedulingTerm()),
    requiredNodeSelectorTerm: nodeSelectorTerm(),
    tolerations: arr(toleration()),
  }, ['name']);
}

function workloadSpreadSpec(): Schema {
  return obj({
    scheduleStrategy: obj({
      adaptive: obj({ disableSimulationSchedule: bool(), rescheduleCriticalSeconds: int32() }),
      type: str({ enum: ['Adaptive', 'Fixed', ''] }),
    }),
    subsets: arr(workloadSpreadSubset()),
    targetRef: targetReference(),
  }, ['subsets', 'targetRef']);
}

/** WorkloadSpreadSubsetStatus (listed per subset, and per subset per revision). */
function subsetStatus(): Schema {
  return obj({
    conditions: conditions(),
    creatingPods: podTimeMap(),
    deletingPods: podTimeMap(),
    missingReplicas: int32(),
    name: str(),
    replicas: int32(),
  }, ['missingReplicas', 'name', 'replicas']);
}

function workloadSpreadStatus(): Schema {
  return obj({
    observedGeneration: int64(),
    subsetStatuses: arr(subsetStatus()),
    versionedSubsetStatuses: mapOf(arr(subsetStatus())),
  });
}

/** WorkloadSpread: spreads a workload's pods over subsets of nodes with per-subset limits. */
export const workloadSpreadModel: KindModel = {
  group: 'apps.kruise.io',
  kind: 'WorkloadSpread',
  plural: 'workloadspreads',
  singular: 'workloadspread',
  shortNames: ['ws'],
  scope: 'Namespaced',
  docs: workloadSpreadDocs,
  inChart: true,
  versions: [{
    name: 'v1alpha1',
    served: true,
    storage: true,
    schema: root(workloadSpreadSpec(), workloadSpreadStatus(), { description: 'WorkloadSpread spreads the pods of a workload over node subsets.' }),
    statusSubresource: true,
    printerColumns: [
      { name: 'WorkloadName', type: 'string', jsonPath: '.spec.targetRef.name', description: 'Name of the target workload.' },
      { name: 'WorkloadKind', type: 'string', jsonPath: '.spec.targetRef.kind', description: 'Kind of the target workload.' },
      { name: 'Adaptive', type: 'boolean', jsonPath: '.spec.scheduleStrategy.type[?(@ == "Adaptive")]', description: 'Whether the schedule strategy is Adaptive.' },
      { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp', description: 'Time since the object was created.' },
    ],
  }],
};
