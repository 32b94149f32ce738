/** Descriptions of BroadcastJob (apps.kruise.io/v1alpha1). */
import { at, DocTable, KindDocs } from './docs';
import { completionPolicyDocs, conditionsDocs } from './fragments';
import { once } from '../../base/once';

/** The `spec` of a BroadcastJob (also mounted in AdvancedCronJob's broadcastJobTemplate). */
export const broadcastJobSpecDocs = (): DocTable => ({
  'spec': 'Desired state of the BroadcastJob: the pod to run to completion on every eligible node.',
  ...at('spec.completionPolicy', completionPolicyDocs('job', 'Always')),
  'spec.completionPolicy.activeDeadlineSeconds': 'Seconds from the start after which an unfinished job is stopped and marked failed; positive, and only with type Always.',
  'spec.completionPolicy.ttlSecondsAfterFinished': 'Seconds after the job completes or fails before it is deleted (with its pods); unset keeps it. Only with type Always.',
  'spec.failurePolicy': 'What the job does when one of its pods fails.',
  'spec.failurePolicy.restartLimit': 'Times a failed pod is retried before it counts as failed.',
  'spec.failurePolicy.type': 'FailFast (default, defaulting webhook: the job fails at the first failed pod), Continue (carry on with the other nodes) or Pause (pause the job).',
  'spec.parallelism': 'Most pods running at once, as a count or a percentage of the desired pods; unset means no limit (the defaulting webhook writes the int32 maximum).',
  'spec.paused': 'When true no new pods are created; running ones continue. False by default.',
  'spec.template': 'Pod template run on each node. restartPolicy must be set to Never or OnFailure (left unset it defaults to Always, which is rejected); the broadcastjob-name and broadcastjob-controller-uid labels are reserved.',
});

const statusDocs = (): DocTable => ({
  'status': 'Observed state of the BroadcastJob, written by the controller.',
  'status.active': 'Pods running now.',
  'status.completionTime': 'When the job finished (RFC 3339, UTC).',
  ...at('status.conditions', conditionsDocs('job', { lastProbeTime: true })),
  'status.conditions[].type': 'Complete or Failed.',
  'status.desired': 'Pods the job should run: usually the number of nodes that fit the template.',
  'status.failed': 'Pods that ended in phase Failed.',
  'status.phase': 'Phase of the job: running, completed, failed or paused.',
  'status.startTime': 'When the controller started the job (RFC 3339, UTC).',
  'status.succeeded': 'Pods that ended in phase Succeeded.',
});

export const broadcastJobDocs = once((): KindDocs => ({ fields: { ...broadcastJobSpecDocs(), ...statusDocs() } }));
