import { daemonSetDocs } from './docs/daemon-set';
import { conditions, labelSelector, lifecycle, template } from './fragments';
import { ageColumn, KindModel, templateContainerColumns } from './model';
import { bool, int32, int64, intOrString, obj, root, Schema, str } from './schema';

/** RollingUpdateDaemonSet: surge/unavailable, partition and the node selector of a rollout. */
export function daemonSetRollingUpdate(): Schema {
  return obj({
    maxSurge: intOrString(),
    maxUnavailable: intOrString(),
    partition: int32(),
    paused: bool(),
    rollingUpdateType: str(),
    selector: labelSelector(),
  });
}

/** DaemonSetUpdateStrategy. */
export function daemonSetUpdateStrategy(): Schema {
  return obj({ rollingUpdate: daemonSetRollingUpdate(), type: str() });
}

/** DaemonSetSpec. */
export function daemonSetSpec(): Schema {
  return obj({
    burstReplicas: intOrString(),
    lifecycle: lifecycle(),
    minReadySeconds: int32(),
    revisionHistoryLimit: int32(),
    selector: labelSelector(),
    template: template(),
    updateStrategy: daemonSetUpdateStrategy(),
  }, ['selector', 'template']);
}

function daemonSetStatus(): Schema {
  return obj({
    collisionCount: int32(),
    conditions: conditions(),
    currentNumberScheduled: int32(),
    daemonSetHash: str(),
    desiredNumberScheduled: int32(),
    numberAvailable: int32(),
    numberMisscheduled: int32(),
    numberReady: int32(),
    numberUnavailable: int32(),
    observedGeneration: int64(),
    updatedNumberScheduled: int32(),
  }, ['currentNumberScheduled', 'daemonSetHash', 'desiredNumberScheduled', 'numberMisscheduled', 'numberReady', 'updatedNumberScheduled']);
}

/** Advanced DaemonSet: one pod per node, with partitioned, surging and in-place rollouts. */
export const daemonSetModel: KindModel = {
  group: 'apps.kruise.io',
  kind: 'DaemonSet',
  plural: 'daemonsets',
  singular: 'daemonset',
  shortNames: ['daemon', 'ads'],
  scope: 'Namespaced',
  inChart: true,
  docs: daemonSetDocs,
  versions: [{
    name: 'v1alpha1',
    served: true,
    storage: true,
    schema: root(daemonSetSpec(), daemonSetStatus(), { description: 'Advanced DaemonSet runs a pod on each eligible node.' }),
    statusSubresource: true,
    printerColumns: [
      { name: 'DESIRED', type: 'integer', jsonPath: '.status.desiredNumberScheduled', description: 'Nodes that should run the pod.' },
      { name: 'CURRENT', type: 'integer', jsonPath: '.status.currentNumberScheduled', description: 'Nodes running the pod.' },
      { name: 'READY', type: 'integer', jsonPath: '.status.numberReady', description: 'Nodes with a ready pod.' },
      { name: 'UP-TO-DATE', type: 'integer', jsonPath: '.status.updatedNumberScheduled', description: 'Nodes running the updated pod.' },
      { name: 'AVAILABLE', type: 'integer', jsonPath: '.status.numberAvailable', description: 'Nodes with an available pod.' },
      ageColumn(),
      ...templateContainerColumns(),
    ],
  }],
};
