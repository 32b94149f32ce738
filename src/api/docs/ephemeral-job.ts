/** Descriptions of EphemeralJob (apps.kruise.io/v1alpha1; not shipped by chart 1.7.5). */
import { at, DocTable, KindDocs } from './docs';
import { conditionsDocs, selectorDocs } from './fragments';
import { once } from '../../base/once';

const specDocs = (): DocTable => ({
  'spec': 'Desired state of the EphemeralJob: ephemeral containers to add to the running pods it selects (for debugging). The chart ships neither this CRD nor its webhook.',
  'spec.activeDeadlineSeconds': 'Seconds from the start after which the job stops and its unfinished containers count as failed; positive.',
  'spec.parallelism': 'Most pods running the ephemeral containers at the same time.',
  'spec.paused': 'When true no further pods get the containers; false by default.',
  'spec.replicas': 'How many of the matched pods get the containers (a canary); unset, or more than match, means all of them.',
  ...at('spec.selector', selectorDocs('Labels of the pods, in the job\'s namespace, that get the ephemeral containers; required.')),
  'spec.template': 'What to add to each pod.',
  'spec.template.ephemeralContainers': 'core EphemeralContainer objects, with unique DNS-label names and an image; ports, resources, probes, lifecycle and volume subPaths are not allowed. Kept without schema validation.',
  'spec.ttlSecondsAfterFinished': 'Seconds after the job finishes before it is deleted; unset keeps it.',
});

const statusDocs = (): DocTable => ({
  'status': 'Observed state of the EphemeralJob, written by the controller.',
  'status.completionTime': 'When the job finished (RFC 3339, UTC).',
  ...at('status.conditions', conditionsDocs('job', { lastProbeTime: true })),
  'status.conditions[].type': 'Initialized, MatchedEmpty, JobSucceeded, JobFailed or JobError.',
  'status.failed': 'Pods whose ephemeral containers failed.',
  'status.match': 'Pods the selector matches.',
  'status.phase': 'Waiting, Running, Paused, Succeeded, Failed, Error or Unknown.',
  'status.running': 'Pods whose ephemeral containers are running.',
  'status.startTime': 'When the controller started the job (RFC 3339, UTC).',
  'status.succeeded': 'Pods whose ephemeral containers succeeded.',
  'status.waiting': 'Pods whose ephemeral containers have not started yet.',
});

export const ephemeralJobDocs = once((): KindDocs => ({ fields: { ...specDocs(), ...statusDocs() } }));
