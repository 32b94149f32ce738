import { ephemeralJobDocs } from './docs/ephemeral-job';
import { conditions, labelSelector } from './fragments';
import { ageColumn, KindModel } from './model';
import { bool, dateTime, int32, int64, obj, preserved, root, Schema, str } from './schema';

function ephemeralJobSpec(): Schema {
  return obj({
    activeDeadlineSeconds: int64(),
    parallelism: int32(),
    paused: bool(),
    replicas: int32(),
    selector: labelSelector(),
    template: obj({ ephemeralContainers: preserved() }, ['ephemeralContainers']),
    ttlSecondsAfterFinished: int32(),
  }, ['selector', 'template']);
}

function ephemeralJobStatus(): Schema {
  return obj({
    completionTime: dateTime(),
    conditions: conditions({ lastProbeTime: true }),
    failed: int32(),
    match: int32(),
    phase: str(),
    running: int32(),
    startTime: dateTime(),
    succeeded: int32(),
    waiting: int32(),
  });
}

/** EphemeralJob: injects ephemeral containers into matching pods. Not shipped by chart 1.7.5. */
export const ephemeralJobModel: KindModel = {
  group: 'apps.kruise.io',
  kind: 'EphemeralJob',
  plural: 'ephemeraljobs',
  singular: 'ephemeraljob',
  shortNames: ['ejob'],
  scope: 'Namespaced',
  inChart: false,
  docs: ephemeralJobDocs,
  versions: [{
    name: 'v1alpha1',
    served: true,
    storage: true,
    schema: root(ephemeralJobSpec(), ephemeralJobStatus(), { description: 'EphemeralJob adds ephemeral containers to the pods it selects.' }),
    statusSubresource: true,
    printerColumns: [
      { name: 'STATUS', type: 'string', jsonPath: '.status.phase', description: 'Phase of the job.' },
      { name: 'MATCH', type: 'integer', jsonPath: '.status.match', description: 'Pods the selector matches.' },
      { name: 'SUCCEED', type: 'integer', jsonPath: '.status.succeeded', description: 'Pods whose ephemeral containers succeeded.' },
      { name: 'FAILED', type: 'integer', jsonPath: '.status.failed', description: 'Pods whose ephemeral containers failed.' },
      { name: 'RUNNING', type: 'integer', jsonPath: '.status.running', description: 'Pods with ephemeral containers running.' },
      { name: 'WAITING', type: 'integer', jsonPath: '.status.waiting', description: 'Pods with ephemeral containers waiting.' },
      ageColumn(),
    ],
  }],
};
