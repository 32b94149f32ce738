/** Descriptions of AdvancedCronJob (apps.kruise.io/v1alpha1). */
import { broadcastJobSpecDocs } from './broadcast-job';
import { at, DocTable, KindDocs, mount } from './docs';
import { objectReferenceDocs } from './fragments';
import { once } from '../../base/once';

const BCJ = 'spec.template.broadcastJobTemplate';

const specDocs = (): DocTable => ({
  'spec': 'Desired state of the AdvancedCronJob: a cron schedule and the Job or BroadcastJob to create at each tick.',
  'spec.concurrencyPolicy': 'Allow (default, defaulting webhook) lets runs overlap; Forbid skips a tick while the previous run is active; Replace stops the active run and starts the new one.',
  'spec.failedJobsHistoryLimit': 'Failed jobs to keep, at least 0; the defaulting webhook sets 1.',
  'spec.paused': 'When true no new jobs are created; running ones continue. False by default.',
  'spec.schedule': 'When to run, in standard five-field cron syntax (minute hour day-of-month month day-of-week) or a predefined descriptor (hourly, daily, weekly...). Required; a CRON_TZ or TZ prefix cannot be combined with timeZone.',
  'spec.startingDeadlineSeconds': 'Seconds after a missed tick during which the job may still start; missed runs beyond it count as failed. At least 0; unset means no deadline.',
  'spec.successfulJobsHistoryLimit': 'Successful jobs to keep, at least 0; the defaulting webhook sets 3.',
  'spec.template': 'The job to create: exactly one of jobTemplate and broadcastJobTemplate.',
  [BCJ]: 'A BroadcastJob to create at each tick.',
  [`${BCJ}.metadata`]: 'Labels and annotations of the created BroadcastJobs.',
  ...mount(broadcastJobSpecDocs(), 'spec', `${BCJ}.spec`),
  [`${BCJ}.spec`]: 'Spec of the created BroadcastJobs.',
  'spec.template.jobTemplate': 'A batch/v1 Job template (metadata and spec) to create at each tick; kept without schema validation.',
  'spec.timeZone': 'IANA time zone of the schedule, such as Europe/Paris; not Local. Unset uses the time zone of kruise-manager.',
});

const statusDocs = (): DocTable => ({
  'status': 'Observed state of the AdvancedCronJob, written by the controller.',
  ...at('status.active', { '': 'References to the jobs running now.' }),
  ...at('status.active[]', objectReferenceDocs('A running Job or BroadcastJob.')),
  'status.lastScheduleTime': 'When a job was last created (RFC 3339).',
  'status.type': 'Kind of job the template creates: Job or BroadcastJob.',
});

export const advancedCronJobDocs = once((): KindDocs => ({ fields: { ...specDocs(), ...statusDocs() } }));
