/** Descriptions of ImagePullJob and ImageListPullJob (apps.kruise.io/v1alpha1). */
import { at, DocTable, KindDocs } from './docs';
import { completionPolicyDocs, sandboxConfigDocs, selectorDocs } from './fragments';
import { once } from '../../base/once';

const GATES = 'Needs the KruiseDaemon and ImagePullJobGate feature gates (the chart turns ImagePullJobGate on).';

/** The spec fields both image pull jobs share (ImagePullJobTemplate). */
export function pullJobSpecDocs(list: boolean): DocTable {
  const job = list ? 'ImageListPullJob' : 'ImagePullJob';
  return {
    'spec': list
      ? `Desired state of the ImageListPullJob: images to pull and the nodes to pull them on; it creates one ImagePullJob per image. ${GATES}`
      : `Desired state of the ImagePullJob: one image and the nodes kruise-daemon pulls it on. ${GATES}`,
    ...at('spec.completionPolicy', completionPolicyDocs(job, 'Always')),
    'spec.imagePullPolicy': 'Always (pull even when the node has the image) or IfNotPresent (the default, set by the defaulting webhook for ImagePullJob).',
    'spec.parallelism': 'Nodes pulling at the same time, as a count or a percentage; 1 by default, and 0 pauses the job.',
    ...at('spec.podSelector', selectorDocs('Pull on the nodes where pods with these labels run; excludes selector.')),
    'spec.pullPolicy': 'Retries and timeout of each node\'s pull; defaults apply when unset.',
    'spec.pullPolicy.backoffLimit': 'Retries on a node before its pull counts as failed; the defaulting webhook sets 3.',
    'spec.pullPolicy.timeoutSeconds': 'Seconds one pull attempt may take; the defaulting webhook sets 600.',
    'spec.pullSecrets': 'Names of Secrets in the job\'s namespace with registry credentials, handed to the runtime for the pull.',
    ...at('spec.sandboxConfig', sandboxConfigDocs()),
    ...at('spec.selector', selectorDocs('Nodes to pull on, by label or by name (one or the other); excludes podSelector. Unset means every node.')),
    'spec.selector.names': 'Node names to pull on, without duplicates; excludes the label fields.',
  };
}

const statusDocs = (): DocTable => ({
  'status': 'Observed state of the ImagePullJob, written by the controller.',
  'status.active': 'Nodes pulling now.',
  'status.completionTime': 'When the job finished (RFC 3339, UTC).',
  'status.desired': 'Nodes that should pull the image.',
  'status.failed': 'Nodes where the pull failed.',
  'status.failedNodes': 'Names of the nodes where the pull failed.',
  'status.message': 'Human-readable summary of the progress.',
  'status.startTime': 'When the controller started the job (RFC 3339, UTC).',
  'status.succeeded': 'Nodes where the image is now present.',
});

export const imagePullJobDocs = once((): KindDocs => ({
  fields: {
    ...pullJobSpecDocs(false),
    'spec.image': 'Image to pull, as a full reference (registry/repository with a tag or a digest); required.',
    ...statusDocs(),
  },
}));
