import { containerRecreateRequestDocs } from './docs/container-recreate-request';
import { execAction, httpGetAction, tcpSocketAction } from './fragments';
import { ageColumn, KindModel } from './model';
import { arr, bool, dateTime, int32, int64, obj, root, Schema, str } from './schema';

/** core ContainerPort. */
function containerPort(): Schema {
  return obj({
    containerPort: int32(),
    hostIP: str(),
    hostPort: int32(),
    name: str(),
    protocol: str({ default: 'TCP' }),
  }, ['containerPort']);
}

/** ProbeHandler of the preStop hook (exec, httpGet or tcpSocket). */
function preStopHandler(): Schema {
  return obj({ exec: execAction(), httpGet: httpGetAction(), tcpSocket: tcpSocketAction() });
}

/** ContainerRecreateRequestContainer. */
function recreateContainer(): Schema {
  return obj({
    name: str(),
    ports: arr(containerPort()),
    preStop: preStopHandler(),
    statusContext: obj({ containerID: str(), restartCount: int32() }, ['containerID', 'restartCount']),
  }, ['name']);
}

function containerRecreateRequestSpec(): Schema {
  return obj({
    activeDeadlineSeconds: int64(),
    containers: arr(recreateContainer()),
    podName: str(),
    strategy: obj({
      failurePolicy: str(),
      forceRecreate: bool(),
      minStartedSeconds: int32(),
      orderedRecreate: bool(),
      terminationGracePeriodSeconds: int64(),
      unreadyGracePeriodSeconds: int64(),
    }),
    ttlSecondsAfterFinished: int32(),
  }, ['containers', 'podName']);
}

function containerRecreateRequestStatus(): Schema {
  return obj({
    completionTime: dateTime(),
    containerRecreateStates: arr(obj({ isKilled: bool(), message: str(), name: str(), phase: str() }, ['name', 'phase'])),
    message: str(),
    phase: str(),
  }, ['phase']);
}

/** ContainerRecreateRequest: asks the node daemon to restart some containers of a pod. */
export const containerRecreateRequestModel: KindModel = {
  group: 'apps.kruise.io',
  kind: 'ContainerRecreateRequest',
  plural: 'containerrecreaterequests',
  singular: 'containerrecreaterequest',
  shortNames: ['crr'],
  scope: 'Namespaced',
  inChart: true,
  docs: containerRecreateRequestDocs,
  versions: [{
    name: 'v1alpha1',
    served: true,
    storage: true,
    schema: root(containerRecreateRequestSpec(), containerRecreateRequestStatus(), { description: 'ContainerRecreateRequest restarts selected containers of a running pod.' }),
    statusSubresource: true,
    printerColumns: [
      { name: 'PHASE', type: 'string', jsonPath: '.status.phase', description: 'Phase of the request.' },
      { name: 'POD', type: 'string', jsonPath: '.spec.podName', description: 'Target pod.' },
      { name: 'NODE', type: 'string', jsonPath: '.metadata.labels.crr\\.apps\\.kruise\\.io/node-name', description: 'Node of the target pod.' },
      ageColumn(),
    ],
  }],
};
