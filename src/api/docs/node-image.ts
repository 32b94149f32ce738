/** Descriptions of NodeImage (apps.kruise.io/v1alpha1, cluster-scoped, one per node). */
import { at, DocTable, KindDocs } from './docs';
import { objectReferenceDocs, sandboxConfigDocs } from './fragments';
import { once } from '../../base/once';

const TAG = 'spec.images{}.tags[]';
const ST = 'status.imageStatuses{}.tags[]';

const specDocs = (): DocTable => ({
  'spec': 'Images kruise-daemon should pull on the node named like this object. Written by the image pull controllers; rarely edited by hand.',
  'spec.images': 'Images to pull, by image name without tag (at most 256).',
  'spec.images{}': 'The tags of one image to pull, with the credentials to pull them.',
  'spec.images{}.pullSecrets': 'Registry credentials for this image.',
  'spec.images{}.pullSecrets[]': 'A Secret, by namespace and name.',
  'spec.images{}.pullSecrets[].name': 'Name of the Secret.',
  'spec.images{}.pullSecrets[].namespace': 'Namespace of the Secret.',
  ...at('spec.images{}.sandboxConfig', sandboxConfigDocs()),
  'spec.images{}.tags': 'Tags of this image to pull.',
  [TAG]: 'One tag to pull and its pull settings.',
  [`${TAG}.createdAt`]: 'When this tag was added (RFC 3339); the defaulting webhook fills it in.',
  [`${TAG}.imagePullPolicy`]: 'Always or IfNotPresent (default).',
  ...at(`${TAG}.ownerReferences`, { '': 'The objects (ImagePullJobs) that asked for this tag; the tag is dropped when none is left.' }),
  ...at(`${TAG}.ownerReferences[]`, objectReferenceDocs('An object that asked for this tag.')),
  [`${TAG}.pullPolicy`]: 'Retries, timeouts and lifetime of this pull; defaults apply when unset.',
  [`${TAG}.pullPolicy.activeDeadlineSeconds`]: 'Seconds after which an unfinished pull is abandoned; unset means never.',
  [`${TAG}.pullPolicy.backoffLimit`]: 'Retries before the pull counts as failed; the defaulting webhook sets 3.',
  [`${TAG}.pullPolicy.timeoutSeconds`]: 'Seconds one pull attempt may take; the defaulting webhook sets 600.',
  [`${TAG}.pullPolicy.ttlSecondsAfterFinished`]: 'Seconds after the pull finishes before the tag is removed from this list; unset keeps it.',
  [`${TAG}.tag`]: 'The tag to pull; required.',
  [`${TAG}.version`]: 'Counter raised each time this tag\'s request changes, so kruise-daemon can tell a new request from one it has handled.',
});

const statusDocs = (): DocTable => ({
  'status': 'Pull progress on the node, written by kruise-daemon.',
  'status.desired': 'Tags to pull.',
  'status.failed': 'Tags whose pull failed.',
  'status.firstSyncStatus': 'When all pulls requested at the node\'s first sync had finished; lets other systems wait for a new node to be warmed up.',
  'status.firstSyncStatus.message': 'Details of the first sync.',
  'status.firstSyncStatus.status': 'Succeeded or Failed.',
  'status.firstSyncStatus.syncAt': 'When the first sync finished (RFC 3339).',
  'status.imageStatuses': 'Pull state per image name.',
  'status.imageStatuses{}': 'Pull state of the tags of one image.',
  'status.imageStatuses{}.tags': 'Pull state per tag.',
  [ST]: 'Pull state of one tag on this node.',
  [`${ST}.completionTime`]: 'When the pull finished (RFC 3339, UTC).',
  [`${ST}.imageID`]: 'ID of the pulled image.',
  [`${ST}.message`]: 'Details of the pull, such as an error.',
  [`${ST}.phase`]: 'Waiting, Pulling, Succeeded or Failed.',
  [`${ST}.progress`]: 'Percent pulled, 0 to 100; may go back after a retry.',
  [`${ST}.startTime`]: 'When kruise-daemon started the pull (RFC 3339, UTC).',
  [`${ST}.tag`]: 'The tag.',
  [`${ST}.version`]: 'Which spec version of the tag kruise-daemon last acted on.',
  'status.pulling': 'Tags being pulled.',
  'status.succeeded': 'Tags pulled.',
});

export const nodeImageDocs = once((): KindDocs => ({ fields: { ...specDocs(), ...statusDocs() } }));
