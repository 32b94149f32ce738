import { arrayOr, at, JsonObject, objectOr } from '../../base/json';
import { str, isSet } from '../core/go-values';
import { qualifiedNameProblem, validateAnnotations, validateLabels } from '../core/names';
import { isEmptySelector, validateLabelSelector } from '../core/selector';
import { AdmissionContext, KindAdmission, Report } from '../types';

/*
 * PodProbeMarker (apps.kruise.io/v1alpha1): Kruise's validating webhook on
 * CREATE (ADMISSION.md, PodProbeMarker, rules 1-10), as on branch release-1.7
 * (tcpSocket probes may not set a host). Kruise stops at the first problem of
 * a probe; each check below rejects on its own, so reporting them all gives the
 * same verdict.
 */

const KIND = 'PodProbeMarker';

/** Pod condition types Kubernetes or Kruise already own; a probe may not be named after one. */
const NATIVE_CONDITIONS = ['PodScheduled', 'Initialized', 'Ready', 'ContainersReady', 'KruisePodReady', 'InPlaceUpdateReady'];


/** k8s IsValidPortName (an IANA service name): the problem in words, or undefined. */
function portNameProblem(s: string): string | undefined {
  if (s.length > 15) return 'is longer than 15 characters';
  if (!/^[-a-z0-9]+$/.test(s)) return 'may hold only lower-case letters, digits and hyphens';
  if (!/[a-z]/.test(s)) return 'needs at least one letter';
  if (s.includes('--')) return 'may not hold two hyphens in a row';
  if (s.startsWith('-') || s.endsWith('-')) return 'may not begin or end with a hyphen';
  return undefined;
}

/** Rule 6: exactly one of exec (with a command) and tcpSocket (no host, a valid port); httpGet is not supported. */
function validateHandler(probe: JsonObject, path: string, report: Report): void {
  const rule = `${KIND}/probe-handler`;
  const handlers = ['exec', 'httpGet', 'tcpSocket'].filter(h => isSet(probe[h]));
  if (handlers.length === 0) {
    report.error(rule, path,
      `${path} has no exec or tcpSocket handler`,
      'Give the probe an exec command (e.g. exec: {command: [cat, /tmp/ready]}) or a tcpSocket port');
    return;
  }
  for (const extra of handlers.slice(1)) {
    report.error(rule, `${path}.${extra}`,
      `${path} sets ${handlers.join(' and ')}; a probe takes exactly one handler`,
      `Remove ${extra}`);
  }
  const first = handlers[0];
  if (first === 'exec') {
    const command = at(probe, 'exec', 'command');
    if (!Array.isArray(command) || command.length === 0) {
      report.error(rule, `${path}.exec.command`,
        `${path}.exec has no command`, 'Set exec.command, e.g. [cat, /tmp/ready]');
    }
  } else if (first === 'httpGet') {
    report.error(rule, `${path}.httpGet`,
      `${path} uses httpGet, which Kruise's probes do not support`,
      'Use an exec probe (e.g. curl in the container) or a tcpSocket probe');
  } else {
    const tcp = objectOr(probe.tcpSocket);
    if (str(tcp.host) !== '') {
      report.error(rule, `${path}.tcpSocket.host`,
        `${path}.tcpSocket.host "${str(tcp.host)}" is set; Kruise probes only the pod's own address`,
        'Remove tcpSocket.host');
    }
    const port = tcp.port;
    if (typeof port === 'string') {
      const problem = portNameProblem(port);
      if (problem !== undefined) {
        report.error(rule, `${path}.tcpSocket.port`,
          `${path}.tcpSocket.port "${port}" is not a valid port name: it ${problem}`,
          'Use a port number from 1 to 65535 or the name of a container port');
      }
    } else if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
      report.error(rule, `${path}.tcpSocket.port`,
        `${path}.tcpSocket.port ${JSON.stringify(port ?? 0)} is not a port number from 1 to 65535`,
        'Use a port number from 1 to 65535 or the name of a container port');
    }
  }
}

function validateProbe(probe: JsonObject, path: string, report: Report): void {
  validateHandler(probe, path, report);
  // Rule 7: the timing fields are not negative.
  for (const field of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    const v = probe[field];
    if (typeof v === 'number' && v < 0) {
      report.error(`${KIND}/probe-timing`, `${path}.${field}`, `${path}.${field} ${v} is negative`, 'Use 0 or more');
    }
  }
}

/** Rule 10: a state Succeeded or Failed, labels or annotations to set, both valid. */
function validateMarkerPolicy(policy: unknown, path: string, report: Report): void {
  const rule = `${KIND}/marker-policy`;
  const p = objectOr(policy);
  if (p.state !== 'Succeeded' && p.state !== 'Failed') {
    report.error(rule, `${path}.state`,
      `${path}.state ${JSON.stringify(p.state ?? '')} is not Succeeded or Failed`,
      'Use state Succeeded (the probe passes) or Failed (it fails)');
    return;
  }
  const labels = objectOr(p.labels);
  const annotations = objectOr(p.annotations);
  if (Object.keys(labels).length === 0 && Object.keys(annotations).length === 0) {
    report.error(rule, path,
      `${path} sets neither labels nor annotations, so it marks nothing`,
      'Give the policy the labels or annotations to put on the pod');
    return;
  }
  validateLabels(p.labels, `${path}.labels`, rule, report);
  validateAnnotations(p.annotations, `${path}.annotations`, rule, report);
}

function validate(obj: JsonObject, ctx: AdmissionContext, report: Report): void {
  // Rule 1: PodProbeMarkerGate and KruiseDaemon.
  for (const gate of ['PodProbeMarkerGate', 'KruiseDaemon']) {
    if (ctx.gate?.(gate) === false) {
      report.error(`${KIND}/feature-gate`, 'kind',
        `Kruise rejects every PodProbeMarker while the ${gate} feature gate is off`,
        `Turn on ${gate} in the Kruise install`);
    }
  }

  const spec = objectOr(obj.spec);

  // Rule 2: a valid, non-empty selector.
  if (!isSet(spec.selector)) {
    report.error(`${KIND}/selector`, 'spec.selector',
      'spec.selector is missing; a PodProbeMarker must select its pods',
      'Set spec.selector.matchLabels to the labels of the pods to probe');
  } else {
    validateLabelSelector(spec.selector, 'spec.selector', `${KIND}/selector`, report);
    if (isEmptySelector(spec.selector)) {
      report.error(`${KIND}/selector`, 'spec.selector',
        'spec.selector is empty; Kruise does not accept a PodProbeMarker over every pod of the namespace',
        'Give spec.selector matchLabels or matchExpressions');
    }
  }

  // Rule 3: at least one probe.
  const probes = arrayOr(spec.probes);
  if (probes.length === 0) {
    report.error(`${KIND}/probes-required`, 'spec.probes',
      'spec.probes is empty', 'Add a probe: {name, containerName, probe: {exec: ...}, podConditionType or markerPolicy}');
    return;
  }

  const names = new Set<string>();
  const conditionTypes = new Set<string>();
  probes.forEach((raw, i) => {
    const path = `spec.probes[${i}]`;
    const p = objectOr(raw);
    const name = str(p.name);
    // Rule 4: a name, without '#', not a native condition type, unique.
    if (name === '') {
      report.error(`${KIND}/probe-name`, `${path}.name`, `${path}.name is empty`, 'Name the probe, e.g. healthy');
    } else if (name.includes('#')) {
      report.error(`${KIND}/probe-name`, `${path}.name`, `${path}.name "${name}" holds '#'`, 'Remove the \'#\' from the name');
    } else if (NATIVE_CONDITIONS.includes(name)) {
      report.error(`${KIND}/probe-name`, `${path}.name`,
        `${path}.name "${name}" is a pod condition type Kubernetes or Kruise already uses`, 'Choose another name');
    } else if (names.has(name)) {
      report.error(`${KIND}/probe-name`, `${path}.name`, `probe name "${name}" is used twice`, 'Give every probe its own name');
    }
    names.add(name);

    // Rule 5: containerName.
    if (str(p.containerName) === '') {
      report.error(`${KIND}/container-name`, `${path}.containerName`,
        `${path}.containerName is empty`, 'Set containerName to the container the probe runs in');
    }

    // Rules 6 and 7.
    validateProbe(objectOr(p.probe), `${path}.probe`, report);

    // Rule 8: a podConditionType or a markerPolicy.
    const conditionType = str(p.podConditionType);
    const policies = arrayOr(p.markerPolicy);
    if (conditionType === '' && policies.length === 0) {
      report.error(`${KIND}/probe-result`, path,
        `${path} sets neither podConditionType nor markerPolicy, so its result goes nowhere`,
        'Set podConditionType (e.g. game.io/healthy) or a markerPolicy');
      return;
    }

    // Rule 9: podConditionType unique and a qualified name.
    if (conditionType !== '') {
      if (conditionTypes.has(conditionType)) {
        report.error(`${KIND}/pod-condition-type`, `${path}.podConditionType`,
          `podConditionType "${conditionType}" is used by two probes`, 'Give every probe its own podConditionType');
      } else {
        conditionTypes.add(conditionType);
        const problem = qualifiedNameProblem(conditionType);
        if (problem !== undefined) {
          report.error(`${KIND}/pod-condition-type`, `${path}.podConditionType`,
            `${path}.podConditionType "${conditionType}" is not a valid condition type: ${problem}`,
            'Use a label-style name, e.g. game.io/healthy');
        }
      }
    }

    // Rule 10: markerPolicy states unique, each policy valid.
    const states = new Set<string>();
    policies.forEach((policy, j) => {
      const ppath = `${path}.markerPolicy[${j}]`;
      const state = str(at(policy, 'state'));
      if (states.has(state)) {
        report.error(`${KIND}/marker-policy`, `${ppath}.state`,
          `markerPolicy state "${state}" appears twice in ${path}`, 'Keep one policy per state');
        return;
      }
      states.add(state);
      validateMarkerPolicy(policy, ppath, report);
    });
  });
}

/** PodProbeMarker: Kruise's CREATE-time admission (ADMISSION.md, PodProbeMarker). */
export const podProbeMarkerAdmission: KindAdmission = {
  group: 'apps.kruise.io',
  kind: KIND,
  validate,
};
