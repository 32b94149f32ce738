import { imagePullJobDocs } from './docs/image-pull-job';
import { completionPolicy, labelSelector, sandboxConfig } from './fragments';
import { ageColumn, KindModel } from './model';
import { dateTime, int32, intOrString, obj, root, Schema, str, strList } from './schema';

/** PullPolicy of the image pull jobs: retries and the timeout of one pull. */
export function imagePullJobPullPolicy(): Schema {
  return obj({ backoffLimit: int32(), timeoutSeconds: int32() });
}

/** ImagePullJobNodeSelector: a label selector that may also list node names. */
export function imagePullJobNodeSelector(): Schema {
  return labelSelector({ names: strList() });
}

/**
 * The spec of an image pull job: the ImagePullJobTemplate fields shared by
 * ImagePullJob and ImageListPullJob, plus what to pull (`image` or `images`).
 */
export function imagePullJobSpecWith(images: { [name: string]: Schema }, required: string[]): Schema {
  return obj({
    ...images,
    completionPolicy: completionPolicy(),
    imagePullPolicy: str(),
    parallelism: intOrString(),
    podSelector: labelSelector(),
    pullPolicy: imagePullJobPullPolicy(),
    pullSecrets: strList(),
    sandboxConfig: sandboxConfig(),
    selector: imagePullJobNodeSelector(),
  }, required);
}

function imagePullJobStatus(): Schema {
  return obj({
    active: int32(),
    completionTime: dateTime(),
    desired: int32(),
    failed: int32(),
    failedNodes: strList(),
    message: str(),
    startTime: dateTime(),
    succeeded: int32(),
  }, ['desired']);
}

/** ImagePullJob: pulls one image on a set of nodes. */
export const imagePullJobModel: KindModel = {
  group: 'apps.kruise.io',
  kind: 'ImagePullJob',
  plural: 'imagepulljobs',
  singular: 'imagepulljob',
  scope: 'Namespaced',
  inChart: true,
  docs: imagePullJobDocs,
  versions: [{
    name: 'v1alpha1',
    served: true,
    storage: true,
    schema: root(
      imagePullJobSpecWith({ image: str() }, ['completionPolicy', 'image']),
      imagePullJobStatus(),
      { description: 'ImagePullJob pre-pulls an image on the selected nodes.' },
    ),
    statusSubresource: true,
    printerColumns: [
      { name: 'TOTAL', type: 'integer', jsonPath: '.status.desired', description: 'Nodes to pull on.' },
      { name: 'ACTIVE', type: 'integer', jsonPath: '.status.active', description: 'Pulls in progress.' },
      { name: 'SUCCEED', type: 'integer', jsonPath: '.status.succeeded', description: 'Nodes that pulled the image.' },
      { name: 'FAILED', type: 'integer', jsonPath: '.status.failed', description: 'Nodes that failed to pull.' },
      ageColumn(),
      { name: 'MESSAGE', type: 'string', jsonPath: '.status.message', description: 'Latest status message.' },
    ],
  }],
};
