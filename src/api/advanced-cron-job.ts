import { broadcastJobSpec } from './broadcast-job';
import { advancedCronJobDocs } from './docs/advanced-cron-job';
import { objectReference, template } from './fragments';
import { ageColumn, KindModel } from './model';
import { arr, bool, dateTime, int32, int64, obj, root, rootMetadata, Schema, str } from './schema';

/** CronJobTemplate: either a batch Job template or a BroadcastJob template. */
function cronJobTemplate(): Schema {
  return obj({
    broadcastJobTemplate: obj({ metadata: rootMetadata(), spec: broadcastJobSpec() }),
    jobTemplate: template(),
  });
}

function advancedCronJobSpec(): Schema {
  return obj({
    concurrencyPolicy: str({ enum: ['Allow', 'Forbid', 'Replace'] }),
    failedJobsHistoryLimit: int32(),
    paused: bool(),
    schedule: str({ minLength: 0 }),
    startingDeadlineSeconds: int64(),
    successfulJobsHistoryLimit: int32(),
    template: cronJobTemplate(),
    timeZone: str(),
  }, ['schedule', 'template']);
}

function advancedCronJobStatus(): Schema {
  return obj({
    active: arr(objectReference()),
    lastScheduleTime: dateTime(),
    type: str(),
  });
}

/** AdvancedCronJob: a cron schedule for Jobs or BroadcastJobs. */
export const advancedCronJobModel: KindModel = {
  group: 'apps.kruise.io',
  kind: 'AdvancedCronJob',
  plural: 'advancedcronjobs',
  singular: 'advancedcronjob',
  shortNames: ['acj'],
  scope: 'Namespaced',
  inChart: true,
  docs: advancedCronJobDocs,
  versions: [{
    name: 'v1alpha1',
    served: true,
    storage: true,
    schema: root(advancedCronJobSpec(), advancedCronJobStatus(), { description: 'AdvancedCronJob creates Jobs or BroadcastJobs on a cron schedule.' }),
    statusSubresource: true,
    printerColumns: [
      { name: 'Schedule', type: 'string', jsonPath: '.spec.schedule', description: 'The cron schedule.' },
      { name: 'Type', type: 'string', jsonPath: '.status.type', description: 'Kind of job the template creates.' },
      { name: 'LastScheduleTime', type: 'date', jsonPath: '.status.lastScheduleTime', description: 'When a job was last started.' },
      ageColumn(),
    ],
  }],
};
