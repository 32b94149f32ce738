import { arrayOr, at, isJsonObject, JsonObject, objectOr } from '../../base/json';
import { AdmissionContext, KindAdmission, Report } from '../types';
import { findPeer, namespaceOf } from './peers';
import { str, isSet } from '../core/go-values';

/*
 * ContainerRecreateRequest (apps.kruise.io/v1alpha1): Kruise has no validating
 * webhook for this kind; its mutating webhook rejects on CREATE
 * (ADMISSION.md, ContainerRecreateRequest, rules 1-10). It checks one thing
 * at a time and stops at the first problem; every check below rejects on its
 * own, so reporting them all gives the same verdict.
 */

const KIND = 'ContainerRecreateRequest';
const MIN_DEADLINE_SECONDS = 3;


function validate(obj: JsonObject, ctx: AdmissionContext, report: Report): void {
  // Rule 1: the KruiseDaemon gate (the daemon recreates the containers).
  if (ctx.gate?.('KruiseDaemon') === false) {
    report.error(`${KIND}/feature-gate`, 'kind',
      'Kruise rejects every ContainerRecreateRequest while the KruiseDaemon feature gate is off',
      'Turn on KruiseDaemon (on by default) in the Kruise install');
  }

  const spec = objectOr(obj.spec);

  // Rule 2: podName.
  const podName = str(spec.podName);
  if (podName === '') {
    report.error(`${KIND}/pod-name-required`, 'spec.podName',
      'spec.podName is empty; the request must name the pod whose containers are recreated',
      'Set spec.podName to the name of a running pod in the same namespace');
  }

  // Rule 3: at least one container.
  const containers = arrayOr(spec.containers);
  if (containers.length === 0) {
    report.error(`${KIND}/containers-required`, 'spec.containers',
      'spec.containers is empty; the request must list the containers to recreate',
      'List the containers by name, e.g. containers: [{name: app}]');
  }

  // Rule 4: activeDeadlineSeconds at least 3.
  const deadline = spec.activeDeadlineSeconds;
  if (typeof deadline === 'number' && deadline < MIN_DEADLINE_SECONDS) {
    report.error(`${KIND}/active-deadline`, 'spec.activeDeadlineSeconds',
      `spec.activeDeadlineSeconds ${deadline} is less than ${MIN_DEADLINE_SECONDS}`,
      `Use at least ${MIN_DEADLINE_SECONDS} seconds, or leave it unset for no deadline`);
  }

  // Rule 5 and 6: strategy grace periods non-negative, failurePolicy "" | Fail | Ignore.
  const strategy = objectOr(spec.strategy);
  for (const field of ['terminationGracePeriodSeconds', 'unreadyGracePeriodSeconds']) {
    const v = strategy[field];
    if (typeof v === 'number' && v < 0) {
      report.error(`${KIND}/grace-period`, `spec.strategy.${field}`,
        `spec.strategy.${field} ${v} is negative`, 'Use 0 or more seconds');
    }
  }
  const policy = strategy.failurePolicy;
  if (isSet(policy) && policy !== '' && policy !== 'Fail' && policy !== 'Ignore') {
    report.error(`${KIND}/failure-policy`, 'spec.strategy.failurePolicy',
      `spec.strategy.failurePolicy ${JSON.stringify(policy)} is not Fail or Ignore`,
      'Use Fail (the default: stop at the first container that fails) or Ignore (go on with the next)');
  }

  // Rule 8 and 9: no container twice; preStop, ports and statusContext are filled by Kruise, never by the user.
  const seen = new Set<string>();
  containers.forEach((c, i) => {
    if (!isJsonObject(c)) return;
    const name = str(c.name);
    if (seen.has(name)) {
      report.error(`${KIND}/container-unique`, `spec.containers[${i}].name`,
        `container "${name}" is listed more than once`, 'List each container once');
    }
    seen.add(name);
    for (const field of ['preStop', 'ports', 'statusContext']) {
      // Kruise rejects any value it decodes as set, an empty list or object included; only null passes.
      if (isSet(c[field])) {
        report.error(`${KIND}/read-only-fields`, `spec.containers[${i}].${field}`,
          `spec.containers[${i}].${field} is set, but Kruise fills it in from the pod`,
          `Remove ${field}; Kruise copies it from the pod when the request is created`);
      }
    }
  });

  // Rule 7 and 10: the pod exists, is active and scheduled, and has the containers (cluster state, from the peers).
  if (podName !== '') checkPod(obj, podName, containers, ctx, report);
}

/** Rule 7 and 10 against a Pod of that name among the reviewed objects; nothing when the pod is not among them. */
function checkPod(obj: JsonObject, podName: string, containers: unknown[], ctx: AdmissionContext, report: Report): void {
  const pod: unknown = findPeer(ctx, '', 'Pod', namespaceOf(obj), podName);
  if (pod === undefined) return;
  const phase = at(pod, 'status', 'phase');
  // A pod Kruise's SidecarTerminator ended still takes requests (to stop its sidecars).
  const conditions = arrayOr(at(pod, 'status', 'conditions'));
  const sidecarTerminated = conditions.some(c => at(c, 'type') === 'SidecarTerminated');
  const deleting = isSet(at(pod, 'metadata', 'deletionTimestamp'));
  if ((phase === 'Succeeded' || phase === 'Failed' || deleting) && !sidecarTerminated) {
    report.error(`${KIND}/pod-active`, 'spec.podName',
      `pod "${podName}" is not active (${deleting ? 'being deleted' : `phase ${String(phase)}`}), and Kruise recreates containers only in active pods`,
      'Point spec.podName at a running pod');
  } else if (str(at(pod, 'spec', 'nodeName')) === '') {
    report.warning(`${KIND}/pod-active`, 'spec.podName',
      `pod "${podName}" is not scheduled yet; Kruise rejects the request until the pod runs on a node`,
      'Create the ContainerRecreateRequest after the pod is running');
  }
  const names = (list: unknown) => arrayOr(list).map(c => str(at(c, 'name')));
  const podContainers = names(at(pod, 'spec', 'containers'));
  const initContainers = names(at(pod, 'spec', 'initContainers'));
  containers.forEach((c, i) => {
    if (!isJsonObject(c)) return;
    const name = str(c.name);
    if (podContainers.includes(name)) return;
    if (initContainers.includes(name)) {
      // Kruise looks the container's ID up in status.containerStatuses, which never holds init containers.
      report.error(`${KIND}/container-in-pod`, `spec.containers[${i}].name`,
        `container "${name}" is an init container of pod "${podName}"; Kruise recreates only the pod's containers`,
        'Name one of the pod\'s containers');
    } else {
      report.error(`${KIND}/container-in-pod`, `spec.containers[${i}].name`,
        `container "${name}" is not a container of pod "${podName}" (it has ${podContainers.map(n => JSON.stringify(n)).join(', ') || 'none'})`,
        'Name one of the pod\'s containers');
    }
  });
}

/** ContainerRecreateRequest: Kruise's CREATE-time admission (ADMISSION.md, ContainerRecreateRequest). */
export const containerRecreateRequestAdmission: KindAdmission = {
  group: 'apps.kruise.io',
  kind: KIND,
  validate,
};
