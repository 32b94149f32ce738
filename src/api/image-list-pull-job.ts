import { imageListPullJobDocs } from './docs/image-list-pull-job';
import { imagePullJobSpecWith } from './image-pull-job';
import { ageColumn, KindModel } from './model';
import { arr, dateTime, int32, obj, root, Schema, str, strList } from './schema';

function imageListPullJobStatus(): Schema {
  return obj({
    active: int32(),
    completed: int32(),
    completionTime: dateTime(),
    desired: int32(),
    failedImageStatuses: arr(obj({ imagePullJob: str(), message: str(), name: str() })),
    startTime: dateTime(),
    succeeded: int32(),
  }, ['desired']);
}

/** ImageListPullJob: pulls a list of images, one ImagePullJob per image. */
export const imageListPullJobModel: KindModel = {
  group: 'apps.kruise.io',
  kind: 'ImageListPullJob',
  plural: 'imagelistpulljobs',
  singular: 'imagelistpulljob',
  scope: 'Namespaced',
  inChart: true,
  docs: imageListPullJobDocs,
  versions: [{
    name: 'v1alpha1',
    served: true,
    storage: true,
    schema: root(
      imagePullJobSpecWith({ images: strList() }, ['completionPolicy', 'images']),
      imageListPullJobStatus(),
      { description: 'ImageListPullJob pre-pulls several images on the selected nodes.' },
    ),
    statusSubresource: true,
    printerColumns: [
      { name: 'TOTAL', type: 'integer', jsonPath: '.status.desired', description: 'Images to pull.' },
      { name: 'SUCCEEDED', type: 'integer', jsonPath: '.status.succeeded', description: 'Images pulled everywhere they should be.' },
      { name: 'COMPLETED', type: 'integer', jsonPath: '.status.completed', description: 'Image pull jobs that finished.' },
      ageColumn(),
    ],
  }],
};
