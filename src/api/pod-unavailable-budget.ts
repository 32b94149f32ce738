import { podUnavailableBudgetDocs } from './docs/pod-unavailable-budget';
import { labelSelector, podTimeMap } from './fragments';
import { KindModel } from './model';
import { int32, int64, intOrString, obj, root, Schema, str } from './schema';

function podUnavailableBudgetSpec(): Schema {
  return obj({
    maxUnavailable: intOrString(),
    minAvailable: intOrString(),
    selector: labelSelector(),
    targetRef: obj({ apiVersion: str(), kind: str(), name: str() }),
  });
}

function podUnavailableBudgetStatus(): Schema {
  return obj({
    currentAvailable: int32(),
    desiredAvailable: int32(),
    disruptedPods: podTimeMap(),
    observedGeneration: int64(),
    totalReplicas: int32(),
    unavailableAllowed: int32(),
    unavailablePods: podTimeMap(),
  }, ['currentAvailable', 'desiredAvailable', 'totalReplicas', 'unavailableAllowed']);
}

/** PodUnavailableBudget: limits how many pods of a set may be unavailable at once. */
export const podUnavailableBudgetModel: KindModel = {
  group: 'policy.kruise.io',
  kind: 'PodUnavailableBudget',
  plural: 'podunavailablebudgets',
  singular: 'podunavailablebudget',
  shortNames: ['pub'],
  scope: 'Namespaced',
  inChart: true,
  docs: podUnavailableBudgetDocs,
  versions: [{
    name: 'v1alpha1',
    served: true,
    storage: true,
    schema: root(podUnavailableBudgetSpec(), podUnavailableBudgetStatus(), { description: 'PodUnavailableBudget guards pods against too many voluntary disruptions at once.' }),
    statusSubresource: true,
    printerColumns: [
      { name: 'Allowed', type: 'integer', jsonPath: '.status.unavailableAllowed', description: 'Pods that may still be made unavailable.' },
      { name: 'Current', type: 'integer', jsonPath: '.status.currentAvailable', description: 'Pods available now.' },
      { name: 'Desired', type: 'integer', jsonPath: '.status.desiredAvailable', description: 'Pods that must stay available.' },
      { name: 'Total', type: 'integer', jsonPath: '.status.totalReplicas', description: 'Pods covered.' },
    ],
  }],
};
