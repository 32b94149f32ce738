/**
 * Pod templates and pod specs as k8s 1.28 pkg/apis/core/validation checks
 * them when Kruise calls ValidatePodTemplateSpec / ValidatePodSpec with its
 * DefaultPodValidationOptions (ResourceIsPod, AllowInvalidPodDeletionCost,
 * AllowIndivisibleHugePagesValues, AllowInvalidLabelValueInSelector,
 * AllowHostIPsField, AllowInvalidTopologySpreadConstraintLabelSelector).
 *
 * Inputs are plain JSON as users write them. Kruise's mutating webhooks run
 * k8s pod defaulting (SetDefaultPodSpec) before validation, so fields that
 * defaulting fills (restartPolicy, dnsPolicy, imagePullPolicy,
 * terminationMessagePolicy, port protocol, probe thresholds, httpGet path and
 * scheme, a volume without source becoming emptyDir, fieldRef apiVersion) are
 * accepted when missing or empty. Conservative: a value is reported only when
 * Kubernetes certainly rejects it; wrong-typed values are left to the schema
 * check. Never throws.
 */
import { JsonObject, arrayOr, isJsonObject, isInt } from '../../base/json';
import { Report } from '../types';
import { str, isSet, unsetString } from './go-values';
import { dnsLabelProblem, dnsSubdomainProblem, qualifiedNameProblem, show, validateAnnotations, validateLabels } from './names';
import { DNS_POLICIES, PREEMPTION_POLICIES, RESTART_POLICIES, VOLUME_SOURCES } from './pod-allowed-values';
import { validateContainers, validateInitContainers, validateResourceList } from './pod-containers';
import { checkEnum } from './pod-field-checks';
import { InternalOptions, PodValidationOptions, k130 } from './pod-options';
import { validateLinuxOnly, validateWindowsHostProcess, validateWindowsOnly } from './pod-os';
import { validateAffinity, validateDnsConfig, validateHostAliases, validateHostNetworkPorts, validateTopologySpreadConstraints } from './pod-scheduling';
import { validateAppArmorAnnotationsAndFields, validatePodSecurityContext, validatePodSpecificAnnotations, validateSeccompAnnotationsAndFields } from './pod-security';
import { validateVolume, validateVolumes } from './pod-volumes';
import { validateTolerations } from './scheduling';

export { containerResourceNameProblem, validateContainers, validateEnv, validateInitContainers, validateProbe, validateResources } from './pod-containers';
export { validatePodSpecificAnnotations, validateSeccompAnnotationsAndFields } from './pod-security';
export { configMapKeyProblem, envVarNameProblem, portNameProblem } from './pod-field-checks';
export type { PodValidationOptions } from './pod-options';
export { podOptionsFor } from './pod-options';
export { validatePvcSpec, validateVolumes } from './pod-volumes';

/**
 * k8s ValidatePodTemplateSpec: template labels and annotations, the pod
 * annotations Kubernetes reads, the pod spec, and no ephemeral containers.
 */
export function validatePodTemplateSpec(template: unknown, path: string, rule: string, report: Report, opts: PodValidationOptions = {}): void {
  if (!isJsonObject(template)) return;
  const meta = isJsonObject(template.metadata) ? template.metadata : {};
  validateLabels(meta.labels, `${path}.metadata.labels`, rule, report);
  validateAnnotations(meta.annotations, `${path}.metadata.annotations`, rule, report);
  validatePodSpecificAnnotations(meta.annotations, template.spec, `${path}.metadata.annotations`, rule, report, opts);
  validatePodSpec(template.spec, `${path}.spec`, rule, report, opts);
  validateSeccompAnnotationsAndFields(meta.annotations, template.spec, `${path}.spec`, rule, report);
  if (k130(opts)) validateAppArmorAnnotationsAndFields(meta.annotations, template.spec, `${path}.spec`, rule, report);
  if (isJsonObject(template.spec) && arrayOr(template.spec.ephemeralContainers).length > 0) {
    report.error(rule, `${path}.spec.ephemeralContainers`, 'ephemeral containers are not allowed in a pod template', 'remove ephemeralContainers');
  }
}

/** k8s ValidatePodSpec. */
export function validatePodSpec(spec: unknown, path: string, rule: string, report: Report, opts: PodValidationOptions = {}): void {
  const s = isJsonObject(spec) ? spec : {};
  const volumes = volumeNames(s.volumes, opts);
  validateVolumes(s.volumes, `${path}.volumes`, rule, report, opts);
  const claimNames = new Set(arrayOr(s.resourceClaims).filter(isJsonObject).map(c => str(c.name)));
  const internal: InternalOptions = {
    ...opts,
    volumes,
    claimNames,
    gracePeriod: isInt(s.terminationGracePeriodSeconds) ? s.terminationGracePeriodSeconds : (opts.notDefaulted ? 0 : 30),
    hostUsers: s.hostUsers !== false,
    podRestartPolicy: unsetString(s.restartPolicy) ? (opts.restartPolicy ?? (opts.notDefaulted ? '' : 'Always')) : str(s.restartPolicy),
  };
  validateContainers(s.containers, `${path}.containers`, rule, report, internal);
  validateInitContainers(s.initContainers, s.containers, `${path}.initContainers`, rule, report, internal);
  validateHostNetworkPorts(s, path, rule, report);
  if (opts.notDefaulted) reportUndefaulted(s, path, rule, report, opts);
  const restartPolicy = unsetString(s.restartPolicy) ? opts.restartPolicy : s.restartPolicy;
  checkEnum(restartPolicy, RESTART_POLICIES, `${path}.restartPolicy`, 'restartPolicy', rule, report);
  checkEnum(s.dnsPolicy, DNS_POLICIES, `${path}.dnsPolicy`, 'dnsPolicy', rule, report);
  validateLabels(s.nodeSelector, `${path}.nodeSelector`, rule, report);
  // imagePullSecrets: k8s checks that only name is set, which JSON cannot violate (unknown keys are dropped when decoding).
  validateAffinity(s.affinity, `${path}.affinity`, rule, report, opts);
  validateDnsConfig(s, path, rule, report);
  arrayOr(s.readinessGates).forEach((g, i) => {
    if (!isJsonObject(g)) return;
    const p = qualifiedNameProblem(str(g.conditionType));
    if (p) report.error(rule, `${path}.readinessGates[${i}].conditionType`, `readiness gate condition type ${p}`);
  });
  const gates = new Set<string>();
  arrayOr(s.schedulingGates).forEach((g, i) => {
    if (!isJsonObject(g)) return;
    const name = str(g.name);
    const p = qualifiedNameProblem(name);
    if (p) report.error(rule, `${path}.schedulingGates[${i}]`, `scheduling gate name ${p}`);
    if (gates.has(name)) report.error(rule, `${path}.schedulingGates[${i}]`, `scheduling gate ${show(name)} is listed twice`, 'list each gate once');
    gates.add(name);
  });
  validateTopologySpreadConstraints(s.topologySpreadConstraints, `${path}.topologySpreadConstraints`, rule, report);
  validatePodSecurityContext(s, path, rule, report, opts);
  if (s.hostUsers === false) {
    for (const f of ['hostNetwork', 'hostPID', 'hostIPC']) {
      if (s[f] === true) report.error(rule, `${path}.${f}`, `${f} is forbidden when hostUsers is false`, `drop ${f} or hostUsers: false`);
    }
  }
  const nameField = (field: string, problem: (v: string) => string | undefined, what: string) => {
    const v = s[field];
    if (typeof v === 'string' && v !== '') {
      const p = problem(v);
      if (p) report.error(rule, `${path}.${field}`, `${what} ${p}`);
    }
  };
  nameField('serviceAccountName', dnsSubdomainProblem, 'serviceAccountName');
  nameField('nodeName', dnsSubdomainProblem, 'nodeName');
  nameField('hostname', dnsLabelProblem, 'hostname');
  nameField('subdomain', dnsLabelProblem, 'subdomain');
  nameField('priorityClassName', dnsSubdomainProblem, 'priorityClassName');
  nameField('runtimeClassName', dnsSubdomainProblem, 'runtimeClassName');
  if (isInt(s.activeDeadlineSeconds) && (s.activeDeadlineSeconds < 1 || s.activeDeadlineSeconds > 2147483647)) {
    report.error(rule, `${path}.activeDeadlineSeconds`, `activeDeadlineSeconds ${s.activeDeadlineSeconds} must be between 1 and 2147483647`, 'use a positive number of seconds, or leave it unset');
  }
  if (isInt(s.terminationGracePeriodSeconds) && s.terminationGracePeriodSeconds < 0) {
    // k8s 1.28 does not validate it (the pod strategy turns a negative period into 1 when pods are created): a warning only.
    report.warning(rule, `${path}.terminationGracePeriodSeconds`,
      `terminationGracePeriodSeconds is negative (${s.terminationGracePeriodSeconds}); Kubernetes accepts it but creates the pods with 1 second`, 'use 0 or more seconds');
  }
  if (arrayOr(s.tolerations).length > 0) validateTolerations(s.tolerations, `${path}.tolerations`, rule, report);
  validateHostAliases(s.hostAliases, `${path}.hostAliases`, rule, report);
  if (s.preemptionPolicy !== undefined && s.preemptionPolicy !== null) {
    checkEnum(s.preemptionPolicy, PREEMPTION_POLICIES, `${path}.preemptionPolicy`, 'preemptionPolicy', rule, report);
  }
  if (isJsonObject(s.overhead)) validateResourceList(s.overhead, undefined, `${path}.overhead`, rule, report, 'limits');
  if (opts.forPod) {
    // ValidatePodCreate: checks only pods get, not templates.
    if (unsetString(s.serviceAccountName)) {
      arrayOr(s.volumes).forEach((v, i) => {
        if (!isJsonObject(v) || !isJsonObject(v.projected)) return;
        arrayOr(v.projected.sources).forEach((src, j) => {
          if (isJsonObject(src) && isSet(src.serviceAccountToken)) {
            report.error(rule, `${path}.volumes[${i}].projected.sources[${j}].serviceAccountToken`, 'a serviceAccountToken projection needs spec.serviceAccountName', 'set serviceAccountName');
          }
        });
      });
    }
    if (typeof s.nodeName === 'string' && s.nodeName !== '' && arrayOr(s.schedulingGates).length > 0) {
      report.error(rule, `${path}.nodeName`, 'nodeName cannot be set while schedulingGates remain', 'drop nodeName or the scheduling gates');
    }
    if (arrayOr(s.ephemeralContainers).length > 0) {
      report.error(rule, `${path}.ephemeralContainers`, 'ephemeral containers cannot be set when a pod is created', 'remove ephemeralContainers');
    }
  }
  if (isJsonObject(s.os)) {
    const os = s.os.name;
    if (unsetString(os)) {
      report.error(rule, `${path}.os.name`, 'os needs a name', 'set os.name to linux or windows, or drop os');
    } else if (typeof os === 'string' && os !== 'linux' && os !== 'windows') {
      report.error(rule, `${path}.os.name`, `os.name ${show(os)} is not supported`, 'use linux or windows');
    } else if (os === 'linux') {
      validateLinuxOnly(s, path, rule, report);
    } else if (os === 'windows') {
      validateWindowsOnly(s, path, rule, report, opts);
    }
  }
  validateWindowsHostProcess(s, path, rule, report);
}

/**
 * The volumes mounts and devices may refer to, by name, with their source kind:
 * valid spec.volumes entries (as k8s keeps only those) and
 * opts.extraVolumeNames (mocked claims, so persistentVolumeClaim).
 */
function volumeNames(volumes: unknown, opts: PodValidationOptions): Map<string, string> {
  const scratch = new Report();
  const names = new Map<string, string>((opts.extraVolumeNames ?? []).map(n => [n, 'persistentVolumeClaim']));
  const seen = new Set<string>();
  arrayOr(volumes).forEach((v, i) => {
    if (!isJsonObject(v)) return;
    const before = scratch.findings.length;
    validateVolume(v, `v[${i}]`, 'x', scratch, seen, k130(opts));
    const sourceless = opts.notDefaulted && !VOLUME_SOURCES.some(k => isSet(v[k]));
    if (scratch.findings.length === before && !sourceless && typeof v.name === 'string') {
      names.set(v.name, VOLUME_SOURCES.find(k => isSet(v[k])) ?? 'emptyDir');
    }
    if (typeof v.name === 'string') seen.add(v.name);
  });
  return names;
}

/**
 * What Kubernetes requires of the fields Kruise's pod defaulting would fill,
 * for specs that were not defaulted ({@link PodValidationOptions.notDefaulted}).
 */
function reportUndefaulted(s: JsonObject, path: string, rule: string, report: Report, opts: PodValidationOptions): void {
  const required = (p: string, what: string, fix: string) =>
    report.error(rule, p, `${what} is required (Kruise does not default this pod template)`, fix);
  if (unsetString(s.restartPolicy) && opts.restartPolicy === undefined) required(`${path}.restartPolicy`, 'restartPolicy', 'set restartPolicy, e.g. Always');
  if (unsetString(s.dnsPolicy)) required(`${path}.dnsPolicy`, 'dnsPolicy', 'set dnsPolicy: ClusterFirst');
  const handler = (h: unknown, p: string) => {
    if (!isJsonObject(h) || !isJsonObject(h.httpGet)) return;
    if (unsetString(h.httpGet.path)) required(`${p}.httpGet.path`, 'httpGet.path', 'set path, e.g. "/"');
    if (unsetString(h.httpGet.scheme)) required(`${p}.httpGet.scheme`, 'httpGet.scheme', 'set scheme: HTTP');
  };
  const fieldRef = (ref: unknown, p: string) => {
    if (isJsonObject(ref) && unsetString(ref.apiVersion)) required(`${p}.apiVersion`, 'fieldRef.apiVersion', 'set apiVersion: v1');
  };
  for (const list of ['containers', 'initContainers']) {
    arrayOr(s[list]).forEach((c, i) => {
      if (!isJsonObject(c)) return;
      const p = `${path}.${list}[${i}]`;
      if (unsetString(c.terminationMessagePolicy)) required(`${p}.terminationMessagePolicy`, 'terminationMessagePolicy', 'set terminationMessagePolicy: File');
      if (unsetString(c.imagePullPolicy)) required(`${p}.imagePullPolicy`, 'imagePullPolicy', 'set imagePullPolicy, e.g. IfNotPresent');
      arrayOr(c.ports).forEach((port, j) => {
        if (isJsonObject(port) && unsetString(port.protocol)) required(`${p}.ports[${j}].protocol`, 'protocol', 'set protocol: TCP');
      });
      arrayOr(c.env).forEach((e, j) => {
        if (isJsonObject(e) && isJsonObject(e.valueFrom)) fieldRef(e.valueFrom.fieldRef, `${p}.env[${j}].valueFrom.fieldRef`);
      });
      for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
        const pr = c[probe];
        if (!isJsonObject(pr)) continue;
        handler(pr, `${p}.${probe}`);
        const sidecarOrRegular = list === 'containers' || c.restartPolicy === 'Always';
        if (probe !== 'readinessProbe' && sidecarOrRegular && (!isSet(pr.successThreshold) || pr.successThreshold === 0)) {
          report.error(rule, `${p}.${probe}.successThreshold`, `a ${probe.replace('Probe', '')} probe's successThreshold must be 1 (Kruise does not default this pod template)`, 'set successThreshold: 1');
        }
      }
      if (isJsonObject(c.lifecycle)) {
        handler(c.lifecycle.postStart, `${p}.lifecycle.postStart`);
        handler(c.lifecycle.preStop, `${p}.lifecycle.preStop`);
      }
    });
  }
  arrayOr(s.volumes).forEach((v, i) => {
    if (!isJsonObject(v)) return;
    const p = `${path}.volumes[${i}]`;
    if (!VOLUME_SOURCES.some(k => isSet(v[k]))) required(p, 'a volume source', 'set a source such as emptyDir: {}');
    if (isJsonObject(v.downwardAPI)) arrayOr(v.downwardAPI.items).forEach((f, j) => isJsonObject(f) && fieldRef(f.fieldRef, `${p}.downwardAPI.items[${j}].fieldRef`));
    if (isJsonObject(v.projected)) {
      arrayOr(v.projected.sources).forEach((src, j) => {
        if (!isJsonObject(src)) return;
        const sp = `${p}.projected.sources[${j}]`;
        if (isJsonObject(src.downwardAPI)) arrayOr(src.downwardAPI.items).forEach((f, k) => isJsonObject(f) && fieldRef(f.fieldRef, `${sp}.downwardAPI.items[${k}].fieldRef`));
        if (isJsonObject(src.serviceAccountToken) && !isSet(src.serviceAccountToken.expirationSeconds)) {
          required(`${sp}.serviceAccountToken.expirationSeconds`, 'expirationSeconds', 'set expirationSeconds: 3600');
        }
      });
    }
  });
}
