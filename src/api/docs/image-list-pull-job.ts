/** Descriptions of ImageListPullJob (apps.kruise.io/v1alpha1). */
import { DocTable, KindDocs } from './docs';
import { pullJobSpecDocs } from './image-pull-job';
import { once } from '../../base/once';

const statusDocs = (): DocTable => ({
  'status': 'Observed state of the ImageListPullJob, written by the controller.',
  'status.active': 'ImagePullJobs of this list that are running.',
  'status.completed': 'ImagePullJobs of this list that have finished.',
  'status.completionTime': 'When every ImagePullJob of the list had finished (RFC 3339, UTC).',
  'status.desired': 'ImagePullJobs to run: one per image.',
  'status.failedImageStatuses': 'Images whose pull failed on at least one node.',
  'status.failedImageStatuses[]': 'One image with failed nodes and the ImagePullJob that pulled it.',
  'status.failedImageStatuses[].imagePullJob': 'Name of the ImagePullJob of this image.',
  'status.failedImageStatuses[].message': 'Progress summary of that ImagePullJob.',
  'status.failedImageStatuses[].name': 'The image.',
  'status.startTime': 'When the controller started the job (RFC 3339, UTC).',
  'status.succeeded': 'ImagePullJobs that finished with the image on every node they targeted.',
});

export const imageListPullJobDocs = once((): KindDocs => ({
  fields: {
    ...pullJobSpecDocs(true),
    'spec.images': 'Images to pull, 1 to 255 full references without duplicates; required.',
    ...statusDocs(),
  },
}));
