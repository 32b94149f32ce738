import { nodeImageDocs } from './docs/node-image';
import { objectReference, sandboxConfig } from './fragments';
import { ageColumn, KindModel } from './model';
import { arr, dateTime, int32, int64, mapOf, obj, root, Schema, str } from './schema';

/** ImageTagPullPolicy: retries, timeouts and lifetime of one tag's pull. */
function imageTagPullPolicy(): Schema {
  return obj({ activeDeadlineSeconds: int64(), backoffLimit: int32(), timeoutSeconds: int32(), ttlSecondsAfterFinished: int32() });
}

/** ImageTagSpec: one tag to pull and who asked for it. */
function imageTagSpec(): Schema {
  return obj({
    createdAt: dateTime(),
    imagePullPolicy: str(),
    ownerReferences: arr(objectReference()),
    pullPolicy: imageTagPullPolicy(),
    tag: str(),
    version: int64(),
  }, ['tag']);
}

/** ImageSpec: the tags of one image, with secrets and sandbox settings. */
function imageSpec(): Schema {
  return obj({
    pullSecrets: arr(obj({ name: str(), namespace: str() })),
    sandboxConfig: sandboxConfig(),
    tags: arr(imageTagSpec()),
  }, ['tags']);
}

function nodeImageSpec(): Schema {
  return obj({ images: mapOf(imageSpec()) });
}

/** ImageTagStatus: pull progress of one tag on the node. */
function imageTagStatus(): Schema {
  return obj({
    completionTime: dateTime(),
    imageID: str(),
    message: str(),
    phase: str(),
    progress: int32(),
    startTime: dateTime(),
    tag: str(),
    version: int64(),
  }, ['phase', 'tag']);
}

function nodeImageStatus(): Schema {
  return obj({
    desired: int32(),
    failed: int32(),
    firstSyncStatus: obj({ message: str(), status: str(), syncAt: dateTime() }),
    imageStatuses: mapOf(obj({ tags: arr(imageTagStatus()) }, ['tags'])),
    pulling: int32(),
    succeeded: int32(),
  }, ['desired']);
}

/** NodeImage: the images kruise-daemon should pull on one node (one per node). */
export const nodeImageModel: KindModel = {
  group: 'apps.kruise.io',
  kind: 'NodeImage',
  plural: 'nodeimages',
  singular: 'nodeimage',
  scope: 'Cluster',
  inChart: true,
  docs: nodeImageDocs,
  versions: [{
    name: 'v1alpha1',
    served: true,
    storage: true,
    schema: root(nodeImageSpec(), nodeImageStatus(), { description: 'NodeImage lists the images to pull on a node and their pull state.' }),
    statusSubresource: true,
    printerColumns: [
      { name: 'DESIRED', type: 'integer', jsonPath: '.status.desired', description: 'Image tags to pull.' },
      { name: 'PULLING', type: 'integer', jsonPath: '.status.pulling', description: 'Tags being pulled.' },
      { name: 'SUCCEED', type: 'integer', jsonPath: '.status.succeeded', description: 'Tags pulled.' },
      { name: 'FAILED', type: 'integer', jsonPath: '.status.failed', description: 'Tags that failed to pull.' },
      ageColumn(),
    ],
  }],
};
