import { broadcastJobDocs } from './docs/broadcast-job';
import { completionPolicy, conditions, template } from './fragments';
import { ageColumn, KindModel } from './model';
import { bool, dateTime, int32, intOrString, obj, root, Schema, str } from './schema';

/** BroadcastJob's FailurePolicy: how many pod restarts before the job fails. */
function broadcastJobFailurePolicy(): Schema {
  return obj({ restartLimit: int32(), type: str() });
}

/** BroadcastJobSpec (also embedded in AdvancedCronJob's broadcastJobTemplate). */
export function broadcastJobSpec(): Schema {
  return obj({
    completionPolicy: completionPolicy(),
    failurePolicy: broadcastJobFailurePolicy(),
    parallelism: intOrString(),
    paused: bool(),
    template: template(),
  }, ['template']);
}

function broadcastJobStatus(): Schema {
  return obj({
    active: int32(),
    completionTime: dateTime(),
    conditions: conditions({ lastProbeTime: true }),
    desired: int32(),
    failed: int32(),
    phase: str(),
    startTime: dateTime(),
    succeeded: int32(),
  });
}

/** BroadcastJob: runs one pod of a template on every eligible node. */
export const broadcastJobModel: KindModel = {
  group: 'apps.kruise.io',
  kind: 'BroadcastJob',
  plural: 'broadcastjobs',
  singular: 'broadcastjob',
  shortNames: ['bcj'],
  scope: 'Namespaced',
  inChart: true,
  docs: broadcastJobDocs,
  versions: [{
    name: 'v1alpha1',
    served: true,
    storage: true,
    schema: root(broadcastJobSpec(), broadcastJobStatus(), { description: 'BroadcastJob runs a pod to completion on each matching node.' }),
    statusSubresource: true,
    printerColumns: [
      { name: 'Desired', type: 'integer', jsonPath: '.status.desired', description: 'Nodes the job should run on.' },
      { name: 'Active', type: 'integer', jsonPath: '.status.active', description: 'Pods still running.' },
      { name: 'Succeeded', type: 'integer', jsonPath: '.status.succeeded', description: 'Pods that finished successfully.' },
      { name: 'Failed', type: 'integer', jsonPath: '.status.failed', description: 'Pods that failed.' },
      ageColumn(),
    ],
  }],
};
