/** Descriptions of ContainerRecreateRequest (apps.kruise.io/v1alpha1). */
import { at, DocTable, KindDocs } from './docs';
import { handlerDocs } from './fragments';
import { once } from '../../base/once';

const C = 'spec.containers[]';
const COPIED = 'Copied from the pod by the webhook when the request is created; read-only, do not set it.';

const specDocs = (): DocTable => ({
  'spec': 'Desired state of the ContainerRecreateRequest: which containers of which pod kruise-daemon restarts, and how. Needs the KruiseDaemon feature gate.',
  'spec.activeDeadlineSeconds': 'Seconds after which an unfinished request is stopped and marked failed; at least 3 when set.',
  'spec.containers': 'Containers to recreate; at least one, each named once.',
  [C]: 'A container of the pod to recreate.',
  [`${C}.name`]: 'Name of a container of the pod (spec.containers); it must be running.',
  [`${C}.ports`]: `The container's ports, so the preStop hook can resolve named ports. ${COPIED}`,
  [`${C}.ports[]`]: 'A port of the container.',
  [`${C}.ports[].containerPort`]: 'Port number on the pod IP, 1 to 65535.',
  [`${C}.ports[].hostIP`]: 'Host IP the host port binds to.',
  [`${C}.ports[].hostPort`]: 'Port number on the node, 1 to 65535.',
  [`${C}.ports[].name`]: 'Port name (IANA service name), unique in the pod.',
  [`${C}.ports[].protocol`]: 'TCP (default), UDP or SCTP.',
  [`${C}.preStop`]: `The container's preStop hook, run before it is stopped. ${COPIED}`,
  ...at(`${C}.preStop`, handlerDocs()),
  [`${C}.statusContext`]: `The container instance being replaced, so a restart that already happened is not repeated. ${COPIED}`,
  [`${C}.statusContext.containerID`]: 'Runtime ID of the container, such as containerd://<id>.',
  [`${C}.statusContext.restartCount`]: 'Restart count of the container when the request was made.',
  'spec.podName': 'Name of the pod, in the request\'s namespace; required. The pod must exist, be running and be scheduled.',
  'spec.strategy': 'How the containers are stopped and when the request counts as done.',
  'spec.strategy.failurePolicy': 'Fail (default: stop at the first container that fails to recreate) or Ignore (go on with the others).',
  'spec.strategy.forceRecreate': 'When true a container is killed even if it is still starting; false by default.',
  'spec.strategy.minStartedSeconds': 'Seconds a recreated container must be started and ready before it counts as recreated; 0 by default.',
  'spec.strategy.orderedRecreate': 'When true containers are recreated one after another, each waiting for the previous; false recreates them together.',
  'spec.strategy.terminationGracePeriodSeconds': 'Seconds a container gets to stop gracefully, at least 0 (0 kills at once); unset uses the pod\'s terminationGracePeriodSeconds.',
  'spec.strategy.unreadyGracePeriodSeconds': 'Seconds the pod is marked not ready before the preStop hook runs and the containers stop, at least 0.',
  'spec.ttlSecondsAfterFinished': 'Seconds after the request finishes before it is deleted; unset keeps it.',
});

const statusDocs = (): DocTable => ({
  'status': 'Observed state of the request, written by kruise-daemon and the controller.',
  'status.completionTime': 'When the request finished (RFC 3339, UTC).',
  'status.containerRecreateStates': 'Progress per container.',
  'status.containerRecreateStates[]': 'Where the recreation of one container stands.',
  'status.containerRecreateStates[].isKilled': 'True once kruise-daemon has stopped the old container.',
  'status.containerRecreateStates[].message': 'Human-readable details of this container\'s state.',
  'status.containerRecreateStates[].name': 'The container.',
  'status.containerRecreateStates[].phase': 'Pending, Recreating, Succeeded or Failed.',
  'status.message': 'Human-readable details of the request\'s state.',
  'status.phase': 'Pending, Recreating or Completed.',
});

export const containerRecreateRequestDocs = once((): KindDocs => ({ fields: { ...specDocs(), ...statusDocs() } }));
