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
import { parseQuantity, Quantity, quantityMilliValue, quantitySign } from '../../base/quantity';
import { AdmissionContext, Report } from '../types';
import {
  dnsLabelProblem, dnsSubdomainProblem, labelValueProblem, maskTrailingDash, qualifiedNameProblem, show,
  validateAnnotations, validateLabels,
} from './names';
import { validateNodeSelector, validatePreferredSchedulingTerms, validateTolerations } from './scheduling';
import { validateLabelSelector } from './selector';
import { arr, isInt, isObj, str } from './util';

/** Options of the pod validators. */
export interface PodValidationOptions {
  /** Volume names that mounts may use besides spec.volumes (e.g. a StatefulSet's volumeClaimTemplates mocked as volumes). */
  readonly extraVolumeNames?: string[];
  /**
   * The pod restart policy to check instead of spec.restartPolicy when that is
   * unset (Kubernetes defaults it to Always). Only its validity is checked here;
   * kind rules that require a particular policy check it themselves.
   */
  readonly restartPolicy?: string;
  /**
   * The spec is a Pod's own (core ValidatePodCreate, as SidecarSet checks its
   * containers): images must not have surrounding whitespace.
   * @default false
   */
  readonly forPod?: boolean;
  /**
   * The spec did not go through Kruise's pod defaulting (SetDefaultPodSpec),
   * e.g. an AdvancedCronJob or BroadcastJob template with Kruise's
   * TemplateNoDefaults gate on: then the fields defaulting would fill are
   * required as Kubernetes requires them (restartPolicy, dnsPolicy,
   * imagePullPolicy, terminationMessagePolicy, port protocol, probe
   * successThreshold, httpGet path and scheme, fieldRef apiVersion, a volume
   * source, a projected token's expirationSeconds).
   * @default false
   */
  readonly notDefaulted?: boolean;
  /**
   * The Kruise release line that admits the object (`ctx.version`, `major.minor`).
   * Kruise 1.8 validates pods with the k8s 1.30 library, which knows more
   * fields and checks more (ADMISSION-DELTA §9: lifecycle sleep, recursiveReadOnly
   * mounts, procMount Unmasked, AppArmor fields, namespaced sysctls with host
   * namespaces, token paths, affinity matchLabelKeys, resize policies, cluster
   * trust bundles, claim data source groups).
   * @default '1.7'
   */
  readonly kruiseVersion?: string;
}

/**
 * The pod validation options for an admission context: its Kruise version
 * (which selects the k8s 1.28 or 1.30 rules), plus the options given.
 */
export function podOptionsFor(ctx: AdmissionContext, extra: PodValidationOptions = {}): PodValidationOptions {
  return { kruiseVersion: ctx.version, ...extra };
}

/** Whether the k8s 1.30 validation library applies (Kruise 1.8 and later). */
function k130(opts: PodValidationOptions): boolean {
  const [major, minor] = (opts.kruiseVersion ?? '1.7').split('.').map(Number);
  return major > 1 || (major === 1 && minor >= 8);
}

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const TERMINATION_MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'];
const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const HOST_PATH_TYPES = ['', 'DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice'];
const MOUNT_PROPAGATIONS = ['Bidirectional', 'HostToContainer', 'None'];
const WHEN_UNSATISFIABLE = ['DoNotSchedule', 'ScheduleAnyway'];
const NODE_INCLUSION_POLICIES = ['Ignore', 'Honor'];
const PREEMPTION_POLICIES = ['PreemptLowerPriority', 'Never'];
const ENV_FIELD_PATHS = ['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs'];
const VOLUME_FIELD_PATHS = ['metadata.name', 'metadata.namespace', 'metadata.labels', 'metadata.annotations', 'metadata.uid'];
/** Field labels the downward API converts (ConvertDownwardAPIFieldLabel, v1). */
const DOWNWARD_LABELS = [
  'metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName',
  'spec.restartPolicy', 'spec.serviceAccountName', 'spec.schedulerName', 'status.phase', 'status.hostIP', 'status.hostIPs',
  'status.podIP', 'status.podIPs', 'spec.host',
];
const RESOURCE_FIELD_PATHS = ['limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage'];
const STANDARD_CONTAINER_RESOURCES = ['cpu', 'memory', 'ephemeral-storage'];
/** The volume sources of k8s.io/api v0.28 (JSON names). */
const VOLUME_SOURCES = [
  'emptyDir', 'hostPath', 'gitRepo', 'gcePersistentDisk', 'awsElasticBlockStore', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'flocker', 'persistentVolumeClaim', 'rbd', 'cinder', 'cephfs', 'quobyte', 'downwardAPI', 'fc', 'flexVolume', 'configMap',
  'azureFile', 'vsphereVolume', 'photonPersistentDisk', 'portworxVolume', 'azureDisk', 'storageos', 'projected', 'scaleIO',
  'csi', 'ephemeral',
];
const FILE_MODE_FIX = 'use an octal mode from 0000 to 0777 (0 to 511 in decimal)';

/** Whether a JSON value was given (not missing, not null). */
const given = (v: unknown) => v !== undefined && v !== null;
/** Whether a defaulted string field is missing or empty (the mutating webhook fills it). */
const unsetString = (v: unknown) => v === undefined || v === null || v === '';

function checkEnum(v: unknown, allowed: string[], path: string, what: string, rule: string, report: Report): void {
  if (typeof v !== 'string' || v === '') return;
  if (!allowed.includes(v)) report.error(rule, path, `${what} ${show(v)} is not supported`, `use one of ${allowed.join(', ')}`);
}

function checkMode(v: unknown, path: string, rule: string, report: Report): void {
  if (isInt(v) && (v < 0 || v > 0o777)) report.error(rule, path, `file mode ${v} is out of range`, FILE_MODE_FIX);
}

/** k8s ValidateNonnegativeField for an optional integer. */
function checkNonNegative(v: unknown, path: string, what: string, rule: string, report: Report): void {
  if (isInt(v) && v < 0) report.error(rule, path, `${what} must not be negative, but is ${v}`, 'use 0 or more');
}

/** `..` as a path element (validatePathNoBacksteps). */
function hasBacksteps(p: string): boolean {
  return p.split('/').includes('..');
}

/** validateLocalDescendingPath: relative, no `..` element. */
function checkLocalDescendingPath(p: string, path: string, rule: string, report: Report): void {
  if (p.startsWith('/')) report.error(rule, path, `path ${show(p)} must be relative`, 'drop the leading "/"');
  if (hasBacksteps(p)) report.error(rule, path, `path ${show(p)} must not contain ".."`);
}

/** validateLocalNonReservedPath: also must not start with `..`. */
function checkLocalNonReservedPath(p: string, path: string, rule: string, report: Report): void {
  checkLocalDescendingPath(p, path, rule, report);
  if (p.startsWith('..') && !p.startsWith('../')) report.error(rule, path, `path ${show(p)} must not start with ".."`);
}

/** Why `s` is not an environment variable name (k8s 1.28 IsEnvVarName), or undefined. */
export function envVarNameProblem(s: string): string | undefined {
  if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(s)) {
    return `${show(s)} is not a valid environment variable name: letters, digits, '_', '-' and '.', not starting with a digit`;
  }
  return chDirProblem(s);
}

function chDirProblem(s: string): string | undefined {
  if (s === '.' || s === '..') return `${show(s)} must not be '.' or '..'`;
  if (s.startsWith('..')) return `${show(s)} must not start with '..'`;
  return undefined;
}

/** Why `s` is not a ConfigMap/Secret key (k8s IsConfigMapKey), or undefined. */
export function configMapKeyProblem(s: string): string | undefined {
  if (s.length > 253) return `${show(s)} must be no more than 253 characters`;
  if (!/^[-._a-zA-Z0-9]+$/.test(s)) return `${show(s)} is not a valid key: letters, digits, '-', '_' and '.'`;
  return chDirProblem(s);
}

/** Why `s` is not an IANA service (port) name (k8s IsValidPortName), or undefined. */
export function portNameProblem(s: string): string | undefined {
  const problems: string[] = [];
  if (s.length > 15) problems.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(s)) problems.push("must contain only lowercase letters, digits and '-'");
  if (!/[a-z]/.test(s)) problems.push('must contain at least one letter');
  if (s.includes('--')) problems.push("must not contain '--'");
  if (s.startsWith('-') || s.endsWith('-')) problems.push("must not begin or end with '-'");
  return problems.length ? `port name ${show(s)} ${problems.join(', ')}` : undefined;
}

/** k8s ValidatePortNumOrName for a JSON int-or-string port. */
function checkPortNumOrName(port: unknown, path: string, rule: string, report: Report): void {
  if (typeof port === 'number') {
    if (!Number.isInteger(port) || port < 1 || port > 65535) report.error(rule, path, `port ${port} must be between 1 and 65535`, 'use a port number from 1 to 65535 or a named port');
  } else if (typeof port === 'string') {
    const p = portNameProblem(port);
    if (p) report.error(rule, path, p, 'use a port number or the name of a container port');
  }
}

/** The annotations Kubernetes reads on pods (k8s ValidatePodSpecificAnnotations, with Kruise's options). */
export function validatePodSpecificAnnotations(
  annotations: unknown, spec: unknown, path: string, rule: string, report: Report, _opts: PodValidationOptions = {},
): void {
  if (!isObj(annotations)) return;
  const s = isObj(spec) ? spec : {};
  const key = (k: string) => `${path}[${show(k)}]`;
  if (Object.prototype.hasOwnProperty.call(annotations, 'kubernetes.io/config.mirror') && unsetString(s.nodeName)) {
    report.error(rule, key('kubernetes.io/config.mirror'), 'the mirror pod annotation needs spec.nodeName', 'remove the kubernetes.io/config.mirror annotation');
  }
  const tolerations = annotations['scheduler.alpha.kubernetes.io/tolerations'];
  if (typeof tolerations === 'string' && tolerations !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(tolerations);
    } catch {
      parsed = undefined;
    }
    if (!Array.isArray(parsed)) {
      report.error(rule, key('scheduler.alpha.kubernetes.io/tolerations'), 'the tolerations annotation is not a JSON list of tolerations', 'use spec.tolerations instead');
    } else {
      validateTolerations(parsed, key('scheduler.alpha.kubernetes.io/tolerations'), rule, report);
    }
  }
  const containerNames = new Set(
    [...arr(s.containers), ...arr(s.initContainers), ...arr(s.ephemeralContainers)].filter(isObj).map(c => c.name),
  );
  for (const [k, v] of Object.entries(annotations)) {
    if (typeof v !== 'string') continue;
    if (k === 'seccomp.security.alpha.kubernetes.io/pod' || k.startsWith('container.seccomp.security.alpha.kubernetes.io/')) {
      const ok = ['runtime/default', 'docker/default', 'unconfined'].includes(v)
        || (v.startsWith('localhost/') && !v.slice('localhost/'.length).startsWith('/') && !hasBacksteps(v.slice('localhost/'.length)));
      if (!ok) report.error(rule, key(k), `${show(v)} is not a valid seccomp profile`, 'use runtime/default, unconfined or localhost/<relative path>');
    }
    if (k.startsWith('container.apparmor.security.beta.kubernetes.io/')) {
      const c = k.slice('container.apparmor.security.beta.kubernetes.io/'.length);
      if (!containerNames.has(c)) report.error(rule, key(k), `the AppArmor annotation names container ${show(c)}, which the pod does not have`, 'use the name of one of the containers');
      if (!(v === '' || v === 'runtime/default' || v === 'unconfined' || v.startsWith('localhost/'))) {
        report.error(rule, key(k), `${show(v)} is not a valid AppArmor profile`, 'use runtime/default, unconfined or localhost/<profile>');
      }
    }
  }
}

/**
 * k8s validateSeccompAnnotationsAndFields: where both a seccomp annotation and
 * a seccompProfile field are set (pod or container), they must agree.
 */
export function validateSeccompAnnotationsAndFields(annotations: unknown, spec: unknown, specPath: string, rule: string, report: Report): void {
  if (!isObj(annotations) || !isObj(spec)) return;
  const check = (annotation: unknown, field: unknown, p: string) => {
    if (typeof annotation !== 'string' || !isObj(field)) return;
    const bad = (sub: string, what: string) =>
      report.error(rule, `${p}.${sub}`, `the seccomp ${what} in the annotation (${show(annotation)}) and in the seccompProfile field must match`, 'make them agree, or drop the deprecated annotation');
    switch (field.type) {
      case 'Unconfined':
        if (annotation !== 'unconfined') bad('type', 'type');
        break;
      case 'RuntimeDefault':
        if (annotation !== 'runtime/default' && annotation !== 'docker/default') bad('type', 'type');
        break;
      case 'Localhost':
        if (!annotation.startsWith('localhost/')) bad('type', 'type');
        else if (field.localhostProfile !== annotation.slice('localhost/'.length)) bad('localhostProfile', 'profile');
        break;
      default:
    }
  };
  if (isObj(spec.securityContext)) {
    check(annotations['seccomp.security.alpha.kubernetes.io/pod'], spec.securityContext.seccompProfile, `${specPath}.securityContext.seccompProfile`);
  }
  for (const list of ['initContainers', 'containers', 'ephemeralContainers']) {
    arr(spec[list]).forEach((c, i) => {
      if (!isObj(c) || !isObj(c.securityContext)) return;
      check(annotations[`container.seccomp.security.alpha.kubernetes.io/${str(c.name)}`], c.securityContext.seccompProfile,
        `${specPath}.${list}[${i}].securityContext.seccompProfile`);
    });
  }
}

/**
 * k8s 1.30 validateAppArmorAnnotationsAndFieldsMatchOnCreate (gate AppArmorFields,
 * on by default): a container's AppArmor profile (its own, else the pod's) must
 * agree with its deprecated annotation. Not for Windows pods.
 */
function validateAppArmorAnnotationsAndFields(annotations: unknown, spec: unknown, specPath: string, rule: string, report: Report): void {
  if (!isObj(annotations) || !isObj(spec)) return;
  if (isObj(spec.os) && spec.os.name === 'windows') return;
  const podProfile = isObj(spec.securityContext) ? spec.securityContext.appArmorProfile : undefined;
  for (const list of ['initContainers', 'containers', 'ephemeralContainers']) {
    arr(spec[list]).forEach((c, i) => {
      if (!isObj(c)) return;
      const own = isObj(c.securityContext) ? c.securityContext.appArmorProfile : undefined;
      const profile = isObj(own) ? own : podProfile;
      if (!isObj(profile)) return;
      const annotation = annotations[`container.apparmor.security.beta.kubernetes.io/${str(c.name)}`];
      if (typeof annotation !== 'string') return;
      const p = `${specPath}.${list}[${i}].securityContext.appArmorProfile`;
      const bad = (sub: string) => report.error(rule, `${p}.${sub}`, `the AppArmor ${sub === 'type' ? 'type' : 'profile'} of the annotation (${show(annotation)}) and of the appArmorProfile field must match`, 'make them agree, or drop the deprecated annotation');
      switch (profile.type) {
        case 'Unconfined':
          if (annotation !== 'unconfined') bad('type');
          break;
        case 'RuntimeDefault':
          if (annotation !== 'runtime/default') bad('type');
          break;
        case 'Localhost':
          if (!annotation.startsWith('localhost/')) bad('type');
          else if (profile.localhostProfile !== annotation.slice('localhost/'.length)) bad('localhostProfile');
          break;
        default:
      }
    });
  }
}

/**
 * k8s ValidatePodTemplateSpec: template labels and annotations, the pod
 * annotations Kubernetes reads, the pod spec, and no ephemeral containers.
 */
export function validatePodTemplateSpec(template: unknown, path: string, rule: string, report: Report, opts: PodValidationOptions = {}): void {
  if (!isObj(template)) return;
  const meta = isObj(template.metadata) ? template.metadata : {};
  validateLabels(meta.labels, `${path}.metadata.labels`, rule, report);
  validateAnnotations(meta.annotations, `${path}.metadata.annotations`, rule, report);
  validatePodSpecificAnnotations(meta.annotations, template.spec, `${path}.metadata.annotations`, rule, report, opts);
  validatePodSpec(template.spec, `${path}.spec`, rule, report, opts);
  validateSeccompAnnotationsAndFields(meta.annotations, template.spec, `${path}.spec`, rule, report);
  if (k130(opts)) validateAppArmorAnnotationsAndFields(meta.annotations, template.spec, `${path}.spec`, rule, report);
  if (isObj(template.spec) && arr(template.spec.ephemeralContainers).length > 0) {
    report.error(rule, `${path}.spec.ephemeralContainers`, 'ephemeral containers are not allowed in a pod template', 'remove ephemeralContainers');
  }
}

/** k8s ValidatePodSpec. */
export function validatePodSpec(spec: unknown, path: string, rule: string, report: Report, opts: PodValidationOptions = {}): void {
  const s = isObj(spec) ? spec : {};
  const volumes = volumeNames(s.volumes, opts);
  validateVolumes(s.volumes, `${path}.volumes`, rule, report, opts);
  const claimNames = new Set(arr(s.resourceClaims).filter(isObj).map(c => str(c.name)));
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
  arr(s.readinessGates).forEach((g, i) => {
    if (!isObj(g)) return;
    const p = qualifiedNameProblem(str(g.conditionType));
    if (p) report.error(rule, `${path}.readinessGates[${i}].conditionType`, `readiness gate condition type ${p}`);
  });
  const gates = new Set<string>();
  arr(s.schedulingGates).forEach((g, i) => {
    if (!isObj(g)) return;
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
  if (arr(s.tolerations).length > 0) validateTolerations(s.tolerations, `${path}.tolerations`, rule, report);
  validateHostAliases(s.hostAliases, `${path}.hostAliases`, rule, report);
  if (s.preemptionPolicy !== undefined && s.preemptionPolicy !== null) {
    checkEnum(s.preemptionPolicy, PREEMPTION_POLICIES, `${path}.preemptionPolicy`, 'preemptionPolicy', rule, report);
  }
  if (isObj(s.overhead)) validateResourceList(s.overhead, undefined, `${path}.overhead`, rule, report, 'limits');
  if (opts.forPod) {
    // ValidatePodCreate: checks only pods get, not templates.
    if (unsetString(s.serviceAccountName)) {
      arr(s.volumes).forEach((v, i) => {
        if (!isObj(v) || !isObj(v.projected)) return;
        arr(v.projected.sources).forEach((src, j) => {
          if (isObj(src) && given(src.serviceAccountToken)) {
            report.error(rule, `${path}.volumes[${i}].projected.sources[${j}].serviceAccountToken`, 'a serviceAccountToken projection needs spec.serviceAccountName', 'set serviceAccountName');
          }
        });
      });
    }
    if (typeof s.nodeName === 'string' && s.nodeName !== '' && arr(s.schedulingGates).length > 0) {
      report.error(rule, `${path}.nodeName`, 'nodeName cannot be set while schedulingGates remain', 'drop nodeName or the scheduling gates');
    }
    if (arr(s.ephemeralContainers).length > 0) {
      report.error(rule, `${path}.ephemeralContainers`, 'ephemeral containers cannot be set when a pod is created', 'remove ephemeralContainers');
    }
  }
  if (isObj(s.os)) {
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

/** Every container of the pod spec with its path (k8s VisitContainersWithPath: init, regular, ephemeral). */
function containersWithPaths(s: Record<string, any>, path: string): Array<[Record<string, any>, string]> {
  const out: Array<[Record<string, any>, string]> = [];
  for (const field of ['initContainers', 'containers', 'ephemeralContainers']) {
    arr(s[field]).forEach((c, i) => { if (isObj(c)) out.push([c, `${path}.${field}[${i}]`]); });
  }
  return out;
}

/** k8s validateLinux: a linux pod sets no Windows options. */
function validateLinuxOnly(s: Record<string, any>, path: string, rule: string, report: Report): void {
  const fix = 'drop windowsOptions, or set os.name: windows';
  if (isObj(s.securityContext) && given(s.securityContext.windowsOptions)) {
    report.error(rule, `${path}.securityContext.windowsOptions`, 'windowsOptions cannot be set for a pod whose os.name is linux', fix);
  }
  for (const [c, cp] of containersWithPaths(s, path)) {
    if (isObj(c.securityContext) && given(c.securityContext.windowsOptions)) {
      report.error(rule, `${cp}.securityContext.windowsOptions`, 'windowsOptions cannot be set for a pod whose os.name is linux', fix);
    }
  }
}

/**
 * k8s validateWindows: a windows pod sets none of the Linux-only fields.
 * A field counts as set when it is present at all (Go pointers), even as
 * false; hostPID and hostIPC count when true.
 */
function validateWindowsOnly(s: Record<string, any>, path: string, rule: string, report: Report, opts: PodValidationOptions): void {
  const forbid = (p: string, what: string) =>
    report.error(rule, p, `${what} cannot be set for a pod whose os.name is windows`, `drop ${what}, or set os.name: linux`);
  const sc = isObj(s.securityContext) ? s.securityContext : {};
  const scp = `${path}.securityContext`;
  if (k130(opts) && given(sc.appArmorProfile)) forbid(`${scp}.appArmorProfile`, 'appArmorProfile');
  if (given(sc.seLinuxOptions)) forbid(`${scp}.seLinuxOptions`, 'seLinuxOptions');
  if (given(s.hostUsers)) forbid(`${path}.hostUsers`, 'hostUsers');
  if (s.hostPID === true) forbid(`${path}.hostPID`, 'hostPID');
  if (s.hostIPC === true) forbid(`${path}.hostIPC`, 'hostIPC');
  if (given(sc.seccompProfile)) forbid(`${scp}.seccompProfile`, 'seccompProfile');
  if (given(sc.fsGroup)) forbid(`${scp}.fsGroup`, 'fsGroup');
  if (given(sc.fsGroupChangePolicy)) forbid(`${scp}.fsGroupChangePolicy`, 'fsGroupChangePolicy');
  if (arr(sc.sysctls).length > 0) forbid(`${scp}.sysctls`, 'sysctls');
  if (given(s.shareProcessNamespace)) forbid(`${path}.shareProcessNamespace`, 'shareProcessNamespace');
  if (given(sc.runAsUser)) forbid(`${scp}.runAsUser`, 'runAsUser');
  if (given(sc.runAsGroup)) forbid(`${scp}.runAsGroup`, 'runAsGroup');
  if (given(sc.supplementalGroups)) forbid(`${scp}.supplementalGroups`, 'supplementalGroups');
  const containerFields = ['seLinuxOptions', 'seccompProfile', 'capabilities', 'readOnlyRootFilesystem', 'privileged', 'allowPrivilegeEscalation', 'procMount', 'runAsUser', 'runAsGroup'];
  if (k130(opts)) containerFields.unshift('appArmorProfile');
  for (const [c, cp] of containersWithPaths(s, path)) {
    if (!isObj(c.securityContext)) continue;
    for (const f of containerFields) {
      if (given(c.securityContext[f])) forbid(`${cp}.securityContext.${f}`, f);
    }
  }
}

/**
 * k8s validateWindowsHostProcessPod (whatever os.name says): hostProcess set
 * on the pod and on a container must agree; if any container is a
 * hostProcess container (its own setting, else the pod's), all must be, and
 * the pod must use the host network. (Kruise runs with privileged containers
 * allowed, so the cluster-policy check never fires.)
 */
function validateWindowsHostProcess(s: Record<string, any>, path: string, rule: string, report: Report): void {
  const hostProcessOf = (sc: unknown): boolean | undefined =>
    (isObj(sc) && isObj(sc.windowsOptions) && typeof sc.windowsOptions.hostProcess === 'boolean' ? sc.windowsOptions.hostProcess : undefined);
  const pod = hostProcessOf(s.securityContext);
  let count = 0;
  let hostProcessCount = 0;
  for (const [c, cp] of containersWithPaths(s, path)) {
    count++;
    const own = hostProcessOf(c.securityContext);
    if (pod !== undefined && own !== undefined && pod !== own) {
      report.error(rule, `${cp}.securityContext.windowsOptions.hostProcess`, `hostProcess ${own} differs from the pod's hostProcess ${pod}; when both are set they must be equal`,
        'set hostProcess in one place, or make them equal');
    }
    if (own === true || (own === undefined && pod === true)) hostProcessCount++;
  }
  if (hostProcessCount === 0) return;
  if (hostProcessCount !== count) {
    report.error(rule, path, 'some containers are Windows hostProcess containers and some are not; if one is, all must be',
      'make every container a hostProcess container (set it in the pod securityContext), or none');
  }
  if (s.hostNetwork !== true) {
    report.error(rule, `${path}.hostNetwork`, 'a pod with Windows hostProcess containers must set hostNetwork: true', 'set hostNetwork: true');
  }
}

interface InternalOptions extends PodValidationOptions {
  /** The valid volumes (plus extraVolumeNames) by name, with their source kind, computed by validatePodSpec. */
  readonly volumes?: Map<string, string>;
  readonly claimNames?: Set<string>;
  /** The pod's termination grace period after defaulting (bounds lifecycle sleep, k8s 1.30). */
  readonly gracePeriod?: number;
  /** spec.hostUsers after defaulting (true unless false). */
  readonly hostUsers?: boolean;
  /** The pod restartPolicy after defaulting. */
  readonly podRestartPolicy?: string;
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
  arr(volumes).forEach((v, i) => {
    if (!isObj(v)) return;
    const before = scratch.findings.length;
    validateVolume(v, `v[${i}]`, 'x', scratch, seen, k130(opts));
    const sourceless = opts.notDefaulted && !VOLUME_SOURCES.some(k => given(v[k]));
    if (scratch.findings.length === before && !sourceless && typeof v.name === 'string') {
      names.set(v.name, VOLUME_SOURCES.find(k => given(v[k])) ?? 'emptyDir');
    }
    if (typeof v.name === 'string') seen.add(v.name);
  });
  return names;
}

/**
 * What Kubernetes requires of the fields Kruise's pod defaulting would fill,
 * for specs that were not defaulted ({@link PodValidationOptions.notDefaulted}).
 */
function reportUndefaulted(s: Record<string, any>, path: string, rule: string, report: Report, opts: PodValidationOptions): void {
  const required = (p: string, what: string, fix: string) =>
    report.error(rule, p, `${what} is required (Kruise does not default this pod template)`, fix);
  if (unsetString(s.restartPolicy) && opts.restartPolicy === undefined) required(`${path}.restartPolicy`, 'restartPolicy', 'set restartPolicy, e.g. Always');
  if (unsetString(s.dnsPolicy)) required(`${path}.dnsPolicy`, 'dnsPolicy', 'set dnsPolicy: ClusterFirst');
  const handler = (h: unknown, p: string) => {
    if (!isObj(h) || !isObj(h.httpGet)) return;
    if (unsetString(h.httpGet.path)) required(`${p}.httpGet.path`, 'httpGet.path', 'set path, e.g. "/"');
    if (unsetString(h.httpGet.scheme)) required(`${p}.httpGet.scheme`, 'httpGet.scheme', 'set scheme: HTTP');
  };
  const fieldRef = (ref: unknown, p: string) => {
    if (isObj(ref) && unsetString(ref.apiVersion)) required(`${p}.apiVersion`, 'fieldRef.apiVersion', 'set apiVersion: v1');
  };
  for (const list of ['containers', 'initContainers']) {
    arr(s[list]).forEach((c, i) => {
      if (!isObj(c)) return;
      const p = `${path}.${list}[${i}]`;
      if (unsetString(c.terminationMessagePolicy)) required(`${p}.terminationMessagePolicy`, 'terminationMessagePolicy', 'set terminationMessagePolicy: File');
      if (unsetString(c.imagePullPolicy)) required(`${p}.imagePullPolicy`, 'imagePullPolicy', 'set imagePullPolicy, e.g. IfNotPresent');
      arr(c.ports).forEach((port, j) => {
        if (isObj(port) && unsetString(port.protocol)) required(`${p}.ports[${j}].protocol`, 'protocol', 'set protocol: TCP');
      });
      arr(c.env).forEach((e, j) => {
        if (isObj(e) && isObj(e.valueFrom)) fieldRef(e.valueFrom.fieldRef, `${p}.env[${j}].valueFrom.fieldRef`);
      });
      for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
        const pr = c[probe];
        if (!isObj(pr)) continue;
        handler(pr, `${p}.${probe}`);
        const sidecarOrRegular = list === 'containers' || c.restartPolicy === 'Always';
        if (probe !== 'readinessProbe' && sidecarOrRegular && (pr.successThreshold === undefined || pr.successThreshold === null || pr.successThreshold === 0)) {
          report.error(rule, `${p}.${probe}.successThreshold`, `a ${probe.replace('Probe', '')} probe's successThreshold must be 1 (Kruise does not default this pod template)`, 'set successThreshold: 1');
        }
      }
      if (isObj(c.lifecycle)) {
        handler(c.lifecycle.postStart, `${p}.lifecycle.postStart`);
        handler(c.lifecycle.preStop, `${p}.lifecycle.preStop`);
      }
    });
  }
  arr(s.volumes).forEach((v, i) => {
    if (!isObj(v)) return;
    const p = `${path}.volumes[${i}]`;
    if (!VOLUME_SOURCES.some(k => given(v[k]))) required(p, 'a volume source', 'set a source such as emptyDir: {}');
    if (isObj(v.downwardAPI)) arr(v.downwardAPI.items).forEach((f, j) => isObj(f) && fieldRef(f.fieldRef, `${p}.downwardAPI.items[${j}].fieldRef`));
    if (isObj(v.projected)) {
      arr(v.projected.sources).forEach((src, j) => {
        if (!isObj(src)) return;
        const sp = `${p}.projected.sources[${j}]`;
        if (isObj(src.downwardAPI)) arr(src.downwardAPI.items).forEach((f, k) => isObj(f) && fieldRef(f.fieldRef, `${sp}.downwardAPI.items[${k}].fieldRef`));
        if (isObj(src.serviceAccountToken) && !given(src.serviceAccountToken.expirationSeconds)) {
          required(`${sp}.serviceAccountToken.expirationSeconds`, 'expirationSeconds', 'set expirationSeconds: 3600');
        }
      });
    }
  });
}

function validateHostNetworkPorts(s: Record<string, any>, path: string, rule: string, report: Report): void {
  if (s.hostNetwork !== true) return;
  arr(s.containers).forEach((c, i) => {
    if (!isObj(c)) return;
    arr(c.ports).forEach((p, j) => {
      if (!isObj(p)) return;
      const hp = isInt(p.hostPort) ? p.hostPort : 0;
      const cp = isInt(p.containerPort) ? p.containerPort : 0;
      // Kruise validates templates with ResourceIsPod, and k8s 1.28 does not default hostPort in templates,
      // so an unset hostPort is rejected too (openkruise/kruise#1985).
      if (hp !== cp) {
        report.error(rule, `${path}.containers[${i}].ports[${j}].hostPort`,
          `hostPort ${hp} must match containerPort ${cp} when hostNetwork is true (Kruise 1.7 checks templates as pods, so an unset hostPort counts as 0)`,
          `set hostPort: ${cp}`);
      }
    });
  });
}

function validateAffinity(affinity: unknown, path: string, rule: string, report: Report, opts: PodValidationOptions): void {
  if (!isObj(affinity)) return;
  const na = affinity.nodeAffinity;
  if (isObj(na)) {
    if (given(na.requiredDuringSchedulingIgnoredDuringExecution)) {
      validateNodeSelector(na.requiredDuringSchedulingIgnoredDuringExecution, `${path}.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution`, rule, report);
    }
    validatePreferredSchedulingTerms(na.preferredDuringSchedulingIgnoredDuringExecution, `${path}.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution`, rule, report);
  }
  for (const kind of ['podAffinity', 'podAntiAffinity']) {
    const pa = affinity[kind];
    if (!isObj(pa)) continue;
    const base = `${path}.${kind}`;
    arr(pa.requiredDuringSchedulingIgnoredDuringExecution).forEach((t, i) =>
      validatePodAffinityTerm(t, `${base}.requiredDuringSchedulingIgnoredDuringExecution[${i}]`, rule, report, opts));
    arr(pa.preferredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
      if (!isObj(t)) return;
      const p = `${base}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
      if (!isInt(t.weight) || t.weight < 1 || t.weight > 100) {
        if (t.weight === undefined || t.weight === null || isInt(t.weight)) report.error(rule, `${p}.weight`, `weight ${show(t.weight)} must be in the range 1-100`, 'set a weight from 1 to 100');
      }
      validatePodAffinityTerm(t.podAffinityTerm, `${p}.podAffinityTerm`, rule, report, opts);
    });
  }
}

function validatePodAffinityTerm(term: unknown, path: string, rule: string, report: Report, opts: PodValidationOptions): void {
  if (!isObj(term)) return;
  if (k130(opts)) validateAffinityLabelKeys(term, path, rule, report);
  // Kruise sets AllowInvalidLabelValueInSelector: selector values are not checked.
  validateLabelSelector(term.labelSelector, `${path}.labelSelector`, rule, report, { allowInvalidLabelValues: true });
  validateLabelSelector(term.namespaceSelector, `${path}.namespaceSelector`, rule, report, { allowInvalidLabelValues: true });
  arr(term.namespaces).forEach(ns => {
    if (typeof ns !== 'string') return;
    const p = dnsLabelProblem(ns);
    if (p) report.error(rule, `${path}.namespace`, `namespace ${p}`);
  });
  const key = str(term.topologyKey);
  if (key === '') {
    report.error(rule, `${path}.topologyKey`, 'topologyKey is required', 'set a node label key such as "kubernetes.io/hostname"');
  } else {
    const p = qualifiedNameProblem(key);
    if (p) report.error(rule, `${path}.topologyKey`, `topologyKey ${p}`);
  }
}

/** k8s 1.30 validateMatchLabelKeysAndMismatchLabelKeys (fields that 1.28's types drop). */
function validateAffinityLabelKeys(term: Record<string, any>, path: string, rule: string, report: Report): void {
  const sel = term.labelSelector;
  const match = arr(term.matchLabelKeys);
  const mismatch = arr(term.mismatchLabelKeys);
  for (const [field, keys] of [['matchLabelKeys', match], ['mismatchLabelKeys', mismatch]] as const) {
    if (keys.length === 0) continue;
    if (!isObj(sel)) {
      report.error(rule, `${path}.${field}`, `${field} needs a labelSelector`, `add a labelSelector or drop ${field}`);
      continue;
    }
    keys.forEach((k, i) => {
      if (typeof k !== 'string') return;
      const kp = qualifiedNameProblem(k);
      if (kp) report.error(rule, `${path}.${field}[${i}]`, `label key ${kp}`);
    });
  }
  if (isObj(sel)) {
    const index = new Map<string, number>();
    match.forEach((k, i) => typeof k === 'string' && index.set(k, i));
    const selKeys = new Set<string>(isObj(sel.matchLabels) ? Object.keys(sel.matchLabels) : []);
    arr(sel.matchExpressions).filter(isObj).forEach(e => {
      const key = str(e.key);
      const i = index.get(key);
      // Upstream reports it at the term path with the key's index (a quirk kept here).
      if (i !== undefined && selKeys.has(key)) report.error(rule, `${path}[${i}]`, `${show(key)} is in both matchLabelKeys and labelSelector`, 'keep it in one place');
      selKeys.add(key);
    });
  }
  const mismatchSet = new Set(mismatch);
  match.forEach((k, i) => {
    if (mismatchSet.has(k)) report.error(rule, `${path}.matchLabelKeys[${i}]`, `${show(k)} is in both matchLabelKeys and mismatchLabelKeys`, 'keep it in one of them');
  });
}

function validateDnsConfig(s: Record<string, any>, path: string, rule: string, report: Report): void {
  const cfg = s.dnsConfig;
  if (s.dnsPolicy === 'None') {
    if (!isObj(cfg)) {
      report.error(rule, `${path}.dnsConfig`, 'dnsPolicy None needs a dnsConfig', 'add dnsConfig with at least one nameserver');
      return;
    }
    if (arr(cfg.nameservers).length === 0) {
      report.error(rule, `${path}.dnsConfig.nameservers`, 'dnsPolicy None needs at least one nameserver', 'list a nameserver IP in dnsConfig.nameservers');
      return;
    }
  }
  if (!isObj(cfg)) return;
  const ns = arr(cfg.nameservers);
  if (ns.length > 3) report.error(rule, `${path}.dnsConfig.nameservers`, `at most 3 nameservers are allowed, not ${ns.length}`);
  ns.forEach((n, i) => {
    if (typeof n === 'string' && !isIp(n)) report.error(rule, `${path}.dnsConfig.nameservers[${i}]`, `nameserver ${show(n)} is not an IP address`);
  });
  const searches = arr(cfg.searches).filter((x): x is string => typeof x === 'string');
  if (searches.length > 32) report.error(rule, `${path}.dnsConfig.searches`, `at most 32 search domains are allowed, not ${searches.length}`);
  if (searches.join(' ').length > 2048) report.error(rule, `${path}.dnsConfig.searches`, 'the search list must not have more than 2048 characters');
  arr(cfg.searches).forEach((d, i) => {
    if (typeof d !== 'string') return;
    const p = dnsSubdomainProblem(d.endsWith('.') ? d.slice(0, -1) : d);
    if (p) report.error(rule, `${path}.dnsConfig.searches[${i}]`, `search domain ${p}`);
  });
  arr(cfg.options).forEach((o, i) => {
    if (isObj(o) && str(o.name) === '') report.error(rule, `${path}.dnsConfig.options[${i}]`, 'a DNS option needs a name');
  });
}

/** Go net.ParseIP (also accepting IPv4 with leading zeros, as ParseIPSloppy does). */
function isIp(s: string): boolean {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (v4) return v4.slice(1).every(x => Number(x) <= 255);
  if (!s.includes(':') || /[^0-9a-fA-F:.]/.test(s)) return false;
  const dbl = s.split('::');
  if (dbl.length > 2) return false;
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const parts = [...groups(dbl[0]), ...(dbl.length === 2 ? groups(dbl[1]) : [])];
  let count = 0;
  for (let i = 0; i < parts.length; i++) {
    const g = parts[i];
    if (g.includes('.')) {
      if (i !== parts.length - 1 || !isIp(g) || g.includes(':')) return false;
      count += 2;
    } else if (/^[0-9a-fA-F]{1,4}$/.test(g)) {
      count += 1;
    } else {
      return false;
    }
  }
  return dbl.length === 2 ? count < 8 : count === 8;
}

function validateHostAliases(aliases: unknown, path: string, rule: string, report: Report): void {
  arr(aliases).forEach((a, i) => {
    if (!isObj(a)) return;
    if ((a.ip === undefined || typeof a.ip === 'string') && !isIp(str(a.ip))) {
      report.error(rule, `${path}[${i}].ip`, `host alias ip ${show(a.ip ?? '')} is not an IP address`, 'set ip to an IPv4 or IPv6 address');
    }
    arr(a.hostnames).forEach((h, j) => {
      if (typeof h !== 'string') return;
      const p = dnsSubdomainProblem(h);
      if (p) report.error(rule, `${path}[${i}].hostnames[${j}]`, `hostname ${p}`);
    });
  });
}

function validateTopologySpreadConstraints(constraints: unknown, path: string, rule: string, report: Report): void {
  const list = arr(constraints);
  list.forEach((c, i) => {
    if (!isObj(c)) return;
    const p = `${path}[${i}]`;
    if (c.maxSkew === undefined || c.maxSkew === null || (isInt(c.maxSkew) && c.maxSkew <= 0)) {
      report.error(rule, `${p}.maxSkew`, `maxSkew ${show(c.maxSkew)} must be greater than 0`, 'set maxSkew to 1 or more');
    }
    if (str(c.topologyKey) === '') report.error(rule, `${p}.topologyKey`, 'topologyKey is required', 'set a node label key such as "topology.kubernetes.io/zone"');
    const wu = c.whenUnsatisfiable;
    if (wu === undefined || wu === null || (typeof wu === 'string' && !WHEN_UNSATISFIABLE.includes(wu))) {
      report.error(rule, `${p}.whenUnsatisfiable`, `whenUnsatisfiable ${show(wu)} is not supported`, `use one of ${WHEN_UNSATISFIABLE.join(', ')}`);
    }
    for (const later of list.slice(i + 1)) {
      if (isObj(later) && later.topologyKey === c.topologyKey && later.whenUnsatisfiable === c.whenUnsatisfiable) {
        report.error(rule, `${p}.{topologyKey, whenUnsatisfiable}`, `the pair {${str(c.topologyKey)}, ${str(wu)}} is repeated in a later constraint`, 'merge the constraints');
        break;
      }
    }
    if (given(c.minDomains)) {
      if (isInt(c.minDomains) && c.minDomains <= 0) report.error(rule, `${p}.minDomains`, `minDomains ${c.minDomains} must be greater than 0`);
      if (wu !== 'DoNotSchedule') report.error(rule, `${p}.minDomains`, `minDomains needs whenUnsatisfiable DoNotSchedule, not ${show(wu)}`, 'drop minDomains or use DoNotSchedule');
    }
    for (const f of ['nodeAffinityPolicy', 'nodeTaintsPolicy']) {
      if (typeof c[f] === 'string' && !NODE_INCLUSION_POLICIES.includes(c[f])) {
        report.error(rule, `${p}.${f}`, `${f} ${show(c[f])} is not supported`, `use one of ${NODE_INCLUSION_POLICIES.join(', ')}, or leave it unset`);
      }
    }
    const keys = arr(c.matchLabelKeys);
    if (keys.length > 0) {
      const sel = c.labelSelector;
      const selKeys = new Set<string>();
      if (isObj(sel)) {
        if (isObj(sel.matchLabels)) Object.keys(sel.matchLabels).forEach(k => selKeys.add(k));
        arr(sel.matchExpressions).filter(isObj).forEach(e => selKeys.add(str(e.key)));
      } else {
        report.error(rule, `${p}.matchLabelKeys`, 'matchLabelKeys needs a labelSelector', 'add a labelSelector or drop matchLabelKeys');
      }
      keys.forEach((k, j) => {
        if (typeof k !== 'string') return;
        const kp = qualifiedNameProblem(k);
        if (kp) report.error(rule, `${p}.matchLabelKeys[${j}]`, `label key ${kp}`);
        if (selKeys.has(k)) report.error(rule, `${p}.matchLabelKeys[${j}]`, `${show(k)} is in both matchLabelKeys and labelSelector`, 'keep it in one of them');
      });
    }
    // Kruise sets AllowInvalidTopologySpreadConstraintLabelSelector: labelSelector is not validated.
  });
}

/**
 * Regular containers (k8s validateContainers): at least one; each valid
 * (name, image, ports, env, envFrom, mounts, pull and termination-message
 * policies, resources, security context); names unique; probes; lifecycle;
 * no restartPolicy; no host port used twice. Called outside
 * validatePodSpec, volume mounts are checked against opts.extraVolumeNames
 * only (pass the pod's volume names there).
 */
export function validateContainers(containers: unknown, path: string, rule: string, report: Report, opts: PodValidationOptions = {}): void {
  const o = opts as InternalOptions;
  const list = arr(containers);
  if (list.length === 0) {
    report.error(rule, path, 'a pod needs at least one container', 'add a container with a name and an image');
    return;
  }
  const seen = new Set<string>();
  list.forEach((c, i) => {
    if (!isObj(c)) return;
    const p = `${path}[${i}]`;
    validateContainerCommon(c, p, rule, report, o);
    const name = str(c.name);
    if (seen.has(name)) report.error(rule, `${p}.name`, `container name ${show(name)} is used twice`, 'give each container a distinct name');
    seen.add(name);
    validateLifecycle(c.lifecycle, `${p}.lifecycle`, rule, report, o);
    validateProbe(c.livenessProbe, `${p}.livenessProbe`, rule, report, { ...o, probeKind: 'liveness' } as ProbeOptions);
    validateProbe(c.readinessProbe, `${p}.readinessProbe`, rule, report, { ...o, probeKind: 'readiness' } as ProbeOptions);
    validateProbe(c.startupProbe, `${p}.startupProbe`, rule, report, { ...o, probeKind: 'startup' } as ProbeOptions);
    if (given(c.restartPolicy)) {
      report.error(rule, `${p}.restartPolicy`, 'restartPolicy may only be set on init containers', 'remove restartPolicy from this container');
    }
  });
  checkHostPortConflicts(list, path, rule, report);
}

/**
 * Init containers (k8s validateInitContainers): each valid; names unique across
 * init and regular containers; restartPolicy only Always (a native sidecar);
 * lifecycle and probes only on sidecars.
 */
export function validateInitContainers(
  initContainers: unknown, containers: unknown, path: string, rule: string, report: Report, opts: PodValidationOptions = {},
): void {
  const o = opts as InternalOptions;
  const names = new Set<string>(arr(containers).filter(isObj).map(c => str(c.name)));
  arr(initContainers).forEach((c, i) => {
    if (!isObj(c)) return;
    const p = `${path}[${i}]`;
    validateContainerCommon(c, p, rule, report, o);
    let sidecar = false;
    if (given(c.restartPolicy)) {
      if (c.restartPolicy !== 'Always') {
        report.error(rule, `${p}.restartPolicy`, `an init container's restartPolicy may only be Always (a sidecar), not ${show(c.restartPolicy)}`, 'use restartPolicy: Always or remove it');
      }
      sidecar = c.restartPolicy === 'Always';
    }
    const name = str(c.name);
    if (names.has(name)) {
      report.error(rule, `${p}.name`, `container name ${show(name)} is already used by another container or init container`, 'give each container a distinct name');
    } else if (name !== '') {
      names.add(name);
    }
    checkHostPortConflicts([c], path, rule, report, i);
    if (sidecar) {
      validateLifecycle(c.lifecycle, `${p}.lifecycle`, rule, report, o);
      validateProbe(c.livenessProbe, `${p}.livenessProbe`, rule, report, { ...o, probeKind: 'liveness' } as ProbeOptions);
      validateProbe(c.readinessProbe, `${p}.readinessProbe`, rule, report, { ...o, probeKind: 'readiness' } as ProbeOptions);
      validateProbe(c.startupProbe, `${p}.startupProbe`, rule, report, { ...o, probeKind: 'startup' } as ProbeOptions);
    } else {
      for (const f of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe']) {
        if (given(c[f])) report.error(rule, `${p}.${f}`, `${f} may not be set on an init container unless it is a sidecar (restartPolicy: Always)`, `remove ${f}, or make it a sidecar with restartPolicy: Always`);
      }
    }
    if (arr(c.resizePolicy).length > 0) report.error(rule, `${p}.resizePolicy`, 'resizePolicy must not be set on init containers', 'remove resizePolicy');
  });
}

/** AccumulateUniqueHostPorts: the same protocol/hostIP/hostPort twice. */
function checkHostPortConflicts(containers: any[], path: string, rule: string, report: Report, offset = 0): void {
  const seen = new Set<string>();
  containers.forEach((c, i) => {
    if (!isObj(c)) return;
    arr(c.ports).forEach((p, j) => {
      if (!isObj(p) || !isInt(p.hostPort) || p.hostPort === 0) return;
      const key = `${unsetString(p.protocol) ? 'TCP' : str(p.protocol)}/${str(p.hostIP)}/${p.hostPort}`;
      if (seen.has(key)) report.error(rule, `${path}[${i + offset}].ports[${j}].hostPort`, `host port ${key} is used twice`, 'use a different hostPort');
      seen.add(key);
    });
  });
}

/** validateContainerCommon: name, image, termination message policy, ports, env, envFrom, mounts, devices, pull policy, resources. */
function validateContainerCommon(c: Record<string, any>, p: string, rule: string, report: Report, opts: InternalOptions): void {
  if (unsetString(c.name)) {
    report.error(rule, `${p}.name`, 'container name is required', 'give the container a name');
  } else if (typeof c.name === 'string') {
    const np = dnsLabelProblem(c.name);
    if (np) report.error(rule, `${p}.name`, `container name ${np}`, 'use lowercase letters, digits and "-", at most 63 characters');
  }
  if (unsetString(c.image)) {
    report.error(rule, `${p}.image`, 'container image is required', 'set an image, e.g. "nginx:1.25"');
  } else if (opts.forPod && typeof c.image === 'string' && c.image.trim() !== c.image) {
    report.error(rule, `${p}.image`, `image ${show(c.image)} must not have leading or trailing whitespace`, 'trim the image reference');
  }
  checkEnum(c.terminationMessagePolicy, TERMINATION_MESSAGE_POLICIES, `${p}.terminationMessagePolicy`, 'terminationMessagePolicy', rule, report);
  validatePorts(c.ports, `${p}.ports`, rule, report);
  validateEnv(c.env, `${p}.env`, rule, report, opts);
  validateEnvFrom(c.envFrom, `${p}.envFrom`, rule, report);
  validateVolumeMounts(c, `${p}.volumeMounts`, rule, report, opts);
  checkEnum(c.imagePullPolicy, PULL_POLICIES, `${p}.imagePullPolicy`, 'imagePullPolicy', rule, report);
  validateResources(c.resources, `${p}.resources`, rule, report, opts);
  validateContainerSecurityContext(c.securityContext, `${p}.securityContext`, rule, report, opts);
  arr(c.resizePolicy).forEach((r, i) => {
    if (!isObj(r)) return;
    checkEnum(r.resourceName, ['cpu', 'memory'], `${p}.resizePolicy[${i}].resourceName`, 'resize resource', rule, report);
    checkEnum(r.restartPolicy, ['NotRequired', 'RestartContainer'], `${p}.resizePolicy[${i}].restartPolicy`, 'resize restartPolicy', rule, report);
    if (k130(opts) && opts.podRestartPolicy === 'Never' && r.restartPolicy !== 'NotRequired') {
      report.error(rule, `${p}.resizePolicy`, `resize restartPolicy ${show(r.restartPolicy ?? '')} must be NotRequired when the pod restartPolicy is Never`, 'use restartPolicy: NotRequired');
    }
  });
}

const MAX_ID = 2147483647;

function checkId(v: unknown, path: string, what: string, rule: string, report: Report): void {
  if (isInt(v) && (v < 0 || v > MAX_ID)) report.error(rule, path, `${what} ${v} must be between 0 and ${MAX_ID}`);
}

/** validateSeccompProfileField. */
function validateSeccompProfile(sp: unknown, path: string, rule: string, report: Report): void {
  if (!isObj(sp)) return;
  const type = sp.type;
  if (unsetString(type)) {
    report.error(rule, `${path}.type`, 'seccompProfile needs a type', 'use RuntimeDefault, Unconfined or Localhost');
  } else {
    checkEnum(type, ['Localhost', 'RuntimeDefault', 'Unconfined'], `${path}.type`, 'seccompProfile type', rule, report);
  }
  if (type === 'Localhost') {
    if (!given(sp.localhostProfile)) report.error(rule, `${path}.localhostProfile`, 'a Localhost seccompProfile needs localhostProfile', 'set the profile path relative to the kubelet seccomp root');
    else if (typeof sp.localhostProfile === 'string') checkLocalDescendingPath(sp.localhostProfile, `${path}.localhostProfile`, rule, report);
  } else if (given(sp.localhostProfile)) {
    report.error(rule, `${path}.localhostProfile`, 'localhostProfile can only be set when the seccomp type is Localhost', 'drop localhostProfile or use type: Localhost');
  }
}

/** validatePodSpecSecurityContext (v1 keeps hostPID and shareProcessNamespace on the spec). */
/** k8s 1.30 ValidateAppArmorProfileField. */
function validateAppArmorProfile(profile: unknown, p: string, rule: string, report: Report): void {
  if (!isObj(profile)) return;
  switch (profile.type) {
    case 'Localhost': {
      const lp = profile.localhostProfile;
      if (!given(lp)) {
        report.error(rule, `${p}.localhostProfile`, 'a Localhost AppArmor profile needs localhostProfile', 'name the profile loaded on the node');
      } else if (typeof lp === 'string') {
        if (lp.trim() !== lp) report.error(rule, `${p}.localhostProfile`, `localhostProfile ${show(lp)} must not be padded with whitespace`, 'trim it');
        else if (lp === '') report.error(rule, `${p}.localhostProfile`, 'a Localhost AppArmor profile needs a non-empty localhostProfile');
        if (Buffer.byteLength(lp, 'utf8') > 4095) report.error(rule, `${p}.localhostProfile`, 'localhostProfile must be at most 4095 bytes');
      }
      break;
    }
    case 'RuntimeDefault':
    case 'Unconfined':
      if (given(profile.localhostProfile)) report.error(rule, `${p}.localhostProfile`, 'localhostProfile can only be set when the AppArmor type is Localhost', 'drop localhostProfile');
      break;
    case undefined:
    case null:
    case '':
      report.error(rule, `${p}.type`, 'appArmorProfile needs a type', 'use RuntimeDefault, Unconfined or Localhost');
      break;
    default:
      if (typeof profile.type === 'string') report.error(rule, `${p}.type`, `AppArmor type ${show(profile.type)} is not supported`, 'use RuntimeDefault, Unconfined or Localhost');
  }
}

/** The sysctl namespace of a name (k8s utilsysctl.GetNamespace): net, ipc, or undefined. */
function sysctlNamespace(name: string): 'net' | 'ipc' | undefined {
  const first = name.search(/[./]/);
  const n = first >= 0 && name[first] === '/' ? name.replace(/[./]/g, c => (c === '/' ? '.' : '/')) : name;
  if (n === 'kernel.sem' || n.startsWith('kernel.shm') || n.startsWith('kernel.msg') || n.startsWith('fs.mqueue.')) return 'ipc';
  if (n.startsWith('net.')) return 'net';
  return undefined;
}

function validatePodSecurityContext(s: Record<string, any>, path: string, rule: string, report: Report, opts: PodValidationOptions): void {
  if (s.shareProcessNamespace === true && s.hostPID === true) {
    report.error(rule, `${path}.securityContext.shareProcessNamespace`, 'shareProcessNamespace and hostPID cannot both be enabled', 'drop one of them');
  }
  const sc = s.securityContext;
  if (!isObj(sc)) return;
  const p = `${path}.securityContext`;
  checkId(sc.fsGroup, `${p}.fsGroup`, 'fsGroup', rule, report);
  checkId(sc.runAsUser, `${p}.runAsUser`, 'runAsUser', rule, report);
  checkId(sc.runAsGroup, `${p}.runAsGroup`, 'runAsGroup', rule, report);
  arr(sc.supplementalGroups).forEach((g, i) => checkId(g, `${p}.supplementalGroups[${i}]`, 'supplemental group', rule, report));
  const names = new Set<string>();
  arr(sc.sysctls).forEach((sy, i) => {
    if (!isObj(sy)) return;
    const name = str(sy.name);
    const np = `${p}.sysctls[${i}].name`;
    if (name === '') {report.error(rule, np, 'a sysctl needs a name');} else if (name.length > 253 || !/^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$/.test(name)) {
      report.error(rule, np, `${show(name)} is not a valid sysctl name`, 'use a name like "net.core.somaxconn"');
    } else if (names.has(name)) {
      report.error(rule, np, `sysctl ${show(name)} is set twice`, 'set each sysctl once');
    }
    if (k130(opts)) {
      const ns = sysctlNamespace(name);
      if (ns === 'net' && s.hostNetwork === true) report.error(rule, np, `sysctl ${show(name)} may not be set when hostNetwork is true`, 'drop the sysctl or hostNetwork');
      if (ns === 'ipc' && s.hostIPC === true) report.error(rule, np, `sysctl ${show(name)} may not be set when hostIPC is true`, 'drop the sysctl or hostIPC');
    }
    names.add(name);
  });
  if (given(sc.fsGroupChangePolicy)) {
    if (typeof sc.fsGroupChangePolicy === 'string' && !['OnRootMismatch', 'Always'].includes(sc.fsGroupChangePolicy)) {
      report.error(rule, `${p}.fsGroupChangePolicy`, `fsGroupChangePolicy ${show(sc.fsGroupChangePolicy)} is not supported`, 'use OnRootMismatch or Always');
    }
  }
  validateSeccompProfile(sc.seccompProfile, `${p}.seccompProfile`, rule, report);
  if (k130(opts)) validateAppArmorProfile(sc.appArmorProfile, `${p}.appArmorProfile`, rule, report);
  validateWindowsOptions(sc.windowsOptions, `${p}.windowsOptions`, rule, report);
}

/** A NetBIOS domain: 1-15 characters, none of \ / : * ? " < > |, not starting with a dot. */
const NETBIOS_DOMAIN = /^[^\\/:*?"<>|.][^\\/:*?"<>|]{0,14}$/;
/** A DNS domain as Windows user names take it (either case). */
const DNS_DOMAIN = /^[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?(\.[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?)*$/;

/**
 * k8s validateWindowsSecurityContextOptions (pod and container security
 * contexts, whatever os.name says): the GMSA credential spec name is a
 * DNS-1123 subdomain, the inline spec is non-empty and at most 64 KiB, and
 * runAsUserName is [DOMAIN\]USER with a NetBIOS or DNS domain under 256
 * characters and a user of 1-104 characters, not only dots and spaces,
 * without control characters or any of " / \ : ; | = , + * ? < > @ [ ].
 */
function validateWindowsOptions(wo: unknown, p: string, rule: string, report: Report): void {
  if (!isObj(wo)) return;
  if (typeof wo.gmsaCredentialSpecName === 'string') {
    const np = dnsSubdomainProblem(wo.gmsaCredentialSpecName);
    if (np) report.error(rule, `${p}.gmsaCredentialSpecName`, `gmsaCredentialSpecName ${np}`, 'use the name of a GMSACredentialSpec resource');
  }
  if (typeof wo.gmsaCredentialSpec === 'string') {
    if (wo.gmsaCredentialSpec === '') {
      report.error(rule, `${p}.gmsaCredentialSpec`, 'gmsaCredentialSpec must not be an empty string', 'drop it, or give the credential spec JSON');
    } else if (Buffer.byteLength(wo.gmsaCredentialSpec, 'utf8') > 64 * 1024) {
      report.error(rule, `${p}.gmsaCredentialSpec`, 'gmsaCredentialSpec must be under 64 KiB', 'reference a GMSACredentialSpec resource with gmsaCredentialSpecName instead');
    }
  }
  const name = wo.runAsUserName;
  if (typeof name !== 'string') return;
  const bad = (why: string) => report.error(rule, `${p}.runAsUserName`, `runAsUserName ${show(name)} ${why}`, 'use USER or DOMAIN\\USER, e.g. "ContainerUser"');
  if (name === '') return bad('must not be empty');
  if (/[\x00-\x1f\x7f]/.test(name)) return bad('must not contain control characters');
  const parts = name.split('\\');
  if (parts.length > 2) return bad('must not contain more than one backslash');
  const [domain, user] = parts.length === 2 ? parts : ['', parts[0]];
  if (Buffer.byteLength(domain, 'utf8') >= 256) bad('has a domain of 256 characters or more');
  if (parts.length === 2 && !(NETBIOS_DOMAIN.test(domain) || DNS_DOMAIN.test(domain))) bad('has a domain that is neither a NetBIOS nor a DNS name');
  const userLength = Buffer.byteLength(user, 'utf8');
  if (userLength === 0) bad('has an empty user');
  else if (userLength > 104) bad('has a user longer than 104 characters');
  if (/^[. ]+$/.test(user)) bad('has a user of only periods or spaces');
  if (/["/\\:;|=,+*?<>@[\]]/.test(user)) bad('has a user with one of the characters " / \\ : ; | = , + * ? < > @ [ ]');
}

/**
 * ValidateSecurityContext of a container. Privileged containers are allowed:
 * kruise-manager runs with --allow-privileged (default true).
 */
function validateContainerSecurityContext(sc: unknown, p: string, rule: string, report: Report, opts: InternalOptions): void {
  if (!isObj(sc)) return;
  validateWindowsOptions(sc.windowsOptions, `${p}.windowsOptions`, rule, report);
  if (k130(opts)) {
    if (sc.procMount === 'Unmasked' && opts.hostUsers !== false) {
      report.error(rule, `${p}.procMount`, 'procMount Unmasked needs the pod to set hostUsers: false', 'set spec.hostUsers: false, or use procMount Default');
    }
    validateAppArmorProfile(sc.appArmorProfile, `${p}.appArmorProfile`, rule, report);
  }
  checkId(sc.runAsUser, `${p}.runAsUser`, 'runAsUser', rule, report);
  checkId(sc.runAsGroup, `${p}.runAsGroup`, 'runAsGroup', rule, report);
  if (typeof sc.procMount === 'string') checkEnum(sc.procMount === '' ? '""' : sc.procMount, ['Default', 'Unmasked'], `${p}.procMount`, 'procMount', rule, report);
  validateSeccompProfile(sc.seccompProfile, `${p}.seccompProfile`, rule, report);
  if (sc.allowPrivilegeEscalation === false) {
    if (sc.privileged === true) {
      report.error(rule, p, 'allowPrivilegeEscalation false and privileged true cannot be set together', 'drop one of them');
    }
    const add = isObj(sc.capabilities) ? arr(sc.capabilities.add) : [];
    if (add.includes('CAP_SYS_ADMIN')) {
      report.error(rule, p, 'allowPrivilegeEscalation false cannot be set with capability CAP_SYS_ADMIN added', 'drop CAP_SYS_ADMIN or allowPrivilegeEscalation: false');
    }
  }
}

/** validateContainerPorts. */
function validatePorts(ports: unknown, path: string, rule: string, report: Report): void {
  const names = new Set<string>();
  arr(ports).forEach((port, i) => {
    if (!isObj(port)) return;
    const p = `${path}[${i}]`;
    if (typeof port.name === 'string' && port.name !== '') {
      const np = portNameProblem(port.name);
      if (np) report.error(rule, `${p}.name`, np, "use at most 15 lowercase letters, digits and '-', with at least one letter");
      else if (names.has(port.name)) report.error(rule, `${p}.name`, `port name ${show(port.name)} is used twice in this container`, 'give each port a distinct name');
      else names.add(port.name);
    }
    const cp = port.containerPort;
    if (cp === undefined || cp === null || cp === 0) {
      report.error(rule, `${p}.containerPort`, 'containerPort is required', 'set the port the container listens on (1-65535)');
    } else if (isInt(cp) && (cp < 1 || cp > 65535)) {
      report.error(rule, `${p}.containerPort`, `containerPort ${cp} must be between 1 and 65535`);
    }
    if (isInt(port.hostPort) && port.hostPort !== 0 && (port.hostPort < 1 || port.hostPort > 65535)) {
      report.error(rule, `${p}.hostPort`, `hostPort ${port.hostPort} must be between 1 and 65535`, 'use 1-65535, or leave hostPort unset');
    }
    checkEnum(port.protocol, PROTOCOLS, `${p}.protocol`, 'protocol', rule, report);
  });
}

/** A container's env (k8s ValidateEnv): names, and valueFrom with exactly one source. */
export function validateEnv(env: unknown, path: string, rule: string, report: Report, _opts: PodValidationOptions = {}): void {
  arr(env).forEach((e, i) => {
    if (!isObj(e)) return;
    const p = `${path}[${i}]`;
    if (unsetString(e.name)) {
      report.error(rule, `${p}.name`, 'environment variable name is required', 'set a name');
    } else if (typeof e.name === 'string') {
      const np = envVarNameProblem(e.name);
      if (np) report.error(rule, `${p}.name`, np, 'use letters, digits, "_", "-" and ".", not starting with a digit');
    }
    if (!given(e.valueFrom)) return;
    const vf = isObj(e.valueFrom) ? e.valueFrom : {};
    const vp = `${p}.valueFrom`;
    let sources = 0;
    if (given(vf.fieldRef)) {
      sources++;
      validateFieldRef(vf.fieldRef, ENV_FIELD_PATHS, `${vp}.fieldRef`, rule, report);
    }
    if (given(vf.resourceFieldRef)) {
      sources++;
      validateResourceFieldRef(vf.resourceFieldRef, false, `${vp}.resourceFieldRef`, rule, report);
    }
    for (const k of ['configMapKeyRef', 'secretKeyRef']) {
      if (!given(vf[k])) continue;
      sources++;
      const ref = isObj(vf[k]) ? vf[k] : {};
      const np = dnsSubdomainProblem(str(ref.name));
      if (np) report.error(rule, `${vp}.${k}.name`, `${k} name ${np}`, `set the name of the ${k === 'secretKeyRef' ? 'Secret' : 'ConfigMap'}`);
      if (unsetString(ref.key)) {
        report.error(rule, `${vp}.${k}.key`, `${k} needs a key`, 'set the key to read');
      } else if (typeof ref.key === 'string') {
        const kp = configMapKeyProblem(ref.key);
        if (kp) report.error(rule, `${vp}.${k}.key`, kp);
      }
    }
    if (sources === 0) {
      report.error(rule, vp, 'valueFrom must set one of fieldRef, resourceFieldRef, configMapKeyRef or secretKeyRef', 'set exactly one source');
    } else if (typeof e.value === 'string' && e.value !== '') {
      report.error(rule, vp, 'valueFrom may not be set together with a non-empty value', 'drop value or valueFrom');
    } else if (sources > 1) {
      report.error(rule, vp, `valueFrom sets ${sources} sources; only one is allowed`, 'keep exactly one of fieldRef, resourceFieldRef, configMapKeyRef, secretKeyRef');
    }
  });
}

/** validateObjectFieldSelector (apiVersion defaults to v1). */
function validateFieldRef(ref: unknown, allowed: string[], path: string, rule: string, report: Report): void {
  if (!isObj(ref)) return;
  const apiVersion = unsetString(ref.apiVersion) ? 'v1' : ref.apiVersion;
  const fp = ref.fieldPath;
  if (unsetString(fp)) {
    report.error(rule, `${path}.fieldPath`, 'fieldRef needs a fieldPath', `use one of ${allowed.join(', ')}`);
    return;
  }
  if (typeof fp !== 'string' || typeof apiVersion !== 'string') return;
  if (apiVersion !== 'v1') {
    report.error(rule, `${path}.fieldPath`, `fieldRef apiVersion ${show(apiVersion)} is not supported`, 'use apiVersion v1');
    return;
  }
  const sub = /^(metadata\.(?:labels|annotations))\['(.*)'\]$/.exec(fp);
  if (sub) {
    const kp = qualifiedNameProblem(sub[1] === 'metadata.annotations' ? sub[2].toLowerCase() : sub[2]);
    if (kp) report.error(rule, path, `fieldPath subscript ${kp}`);
    return;
  }
  const internal = fp === 'spec.host' ? 'spec.nodeName' : fp;
  if (!DOWNWARD_LABELS.includes(fp) || !allowed.includes(internal)) {
    report.error(rule, `${path}.fieldPath`, `fieldPath ${show(fp)} is not supported here`, `use one of ${allowed.join(', ')}, or metadata.labels['<key>'] / metadata.annotations['<key>']`);
  }
}

const DIVISORS_CPU = ['1m', '1'];
const DIVISORS_BYTES = ['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei'];

/** validateContainerResourceFieldSelector. */
function validateResourceFieldRef(ref: unknown, volume: boolean, path: string, rule: string, report: Report): void {
  if (!isObj(ref)) return;
  const resource = str(ref.resource);
  if (volume && unsetString(ref.containerName)) {
    report.error(rule, `${path}.containerName`, 'resourceFieldRef in a volume needs a containerName', 'name the container whose resources to expose');
  } else if (resource === '') {
    report.error(rule, `${path}.resource`, 'resourceFieldRef needs a resource', `use one of ${RESOURCE_FIELD_PATHS.join(', ')}`);
  } else if (!RESOURCE_FIELD_PATHS.includes(resource) && !resource.startsWith('requests.hugepages-') && !resource.startsWith('limits.hugepages-')) {
    report.error(rule, `${path}.resource`, `resource ${show(resource)} is not supported`, `use one of ${RESOURCE_FIELD_PATHS.join(', ')}`);
  }
  if (!given(ref.divisor)) return;
  const d = parseQuantity(ref.divisor);
  if (!d) {
    report.error(rule, `${path}.divisor`, `divisor ${show(ref.divisor)} is not a valid quantity`);
    return;
  }
  if (d.nanos === 0n) return;
  const canon = canonicalUnit(d);
  let allowed: string[] | undefined;
  if (resource === 'limits.cpu' || resource === 'requests.cpu') allowed = DIVISORS_CPU;
  else if (/^(limits|requests)\.(memory|ephemeral-storage|hugepages-)/.test(resource)) allowed = DIVISORS_BYTES;
  if (allowed && (canon === undefined || !allowed.includes(canon))) {
    report.error(rule, `${path}.divisor`, `divisor ${show(ref.divisor)} is not supported for ${resource}`, `use one of ${allowed.join(', ')}`);
  }
}

/**
 * The text Quantity.String() prints for `q` when that is one of the unit
 * divisors (1m, 1, 1k..1E, 1Ki..1Ei), or undefined otherwise.
 */
function canonicalUnit(q: Quantity): string | undefined {
  const n = q.nanos;
  const NANO = 1000000000n;
  if (q.format === 'DecimalExponent') return n === NANO ? '1' : undefined;
  if (q.format === 'BinarySI' && n >= 1024n * NANO) {
    const bin = ['Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
    for (let i = 0; i < bin.length; i++) if (n === 2n ** BigInt(10 * (i + 1)) * NANO) return `1${bin[i]}`;
    return undefined;
  }
  const dec: Array<[string, bigint]> = [['1m', 1000000n], ['1', NANO], ['1k', 10n ** 12n], ['1M', 10n ** 15n], ['1G', 10n ** 18n], ['1T', 10n ** 21n], ['1P', 10n ** 24n], ['1E', 10n ** 27n]];
  return dec.find(([, v]) => v === n)?.[0];
}

/** ValidateEnvFrom. */
function validateEnvFrom(envFrom: unknown, path: string, rule: string, report: Report): void {
  arr(envFrom).forEach((e, i) => {
    if (!isObj(e)) return;
    const p = `${path}[${i}]`;
    if (typeof e.prefix === 'string' && e.prefix !== '') {
      const pp = envVarNameProblem(e.prefix);
      if (pp) report.error(rule, `${p}.prefix`, `prefix ${pp}`);
    }
    let sources = 0;
    for (const k of ['configMapRef', 'secretRef']) {
      if (!given(e[k])) continue;
      sources++;
      const ref = isObj(e[k]) ? e[k] : {};
      if (unsetString(ref.name)) {
        report.error(rule, `${p}.${k}.name`, `${k} needs a name`, `set the name of the ${k === 'secretRef' ? 'Secret' : 'ConfigMap'}`);
      } else if (typeof ref.name === 'string') {
        const np = dnsSubdomainProblem(maskTrailingDash(ref.name));
        if (np) report.error(rule, `${p}.${k}.name`, `${k} name ${np}`);
      }
    }
    if (sources === 0) report.error(rule, path, `envFrom[${i}] must set configMapRef or secretRef`, 'set one of them');
    else if (sources > 1) report.error(rule, path, `envFrom[${i}] sets both configMapRef and secretRef`, 'use one envFrom entry per source');
  });
}

/** ValidateVolumeMounts and ValidateVolumeDevices (names must be volumes, paths unique, devices on claims). */
function validateVolumeMounts(c: Record<string, any>, path: string, rule: string, report: Report, opts: InternalOptions): void {
  const volumes = opts.volumes ?? new Map((opts.extraVolumeNames ?? []).map(n => [n, 'persistentVolumeClaim']));
  const devices = new Map<string, unknown>();
  arr(c.volumeDevices).filter(isObj).forEach(d => devices.set(str(d.name), d.devicePath ?? ''));
  const devicePaths = new Set([...devices.values()]);
  const mounts = new Map<string, unknown>();
  arr(c.volumeMounts).filter(isObj).forEach(m => mounts.set(str(m.name), m.mountPath ?? ''));
  const mountPathsOfAll = new Set([...mounts.values()]);
  const mountPaths = new Set<unknown>();
  const privileged = isObj(c.securityContext) && c.securityContext.privileged === true;
  arr(c.volumeMounts).forEach((m, i) => {
    if (!isObj(m)) return;
    const p = `${path}[${i}]`;
    const name = str(m.name);
    if (name === '') report.error(rule, `${p}.name`, 'a volume mount needs a name', 'set it to the name of a volume in spec.volumes');
    if (!volumes.has(name)) {
      report.error(rule, `${p}.name`, `volume mount ${show(name)} does not name a (valid) volume of the pod`, `add a volume named ${show(name)} to spec.volumes, or mount one that exists`);
    }
    if (unsetString(m.mountPath)) report.error(rule, `${p}.mountPath`, 'a volume mount needs a mountPath', 'set the path inside the container');
    if (mountPaths.has(m.mountPath ?? '')) report.error(rule, `${p}.mountPath`, `mountPath ${show(m.mountPath ?? '')} is used by another mount of this container`, 'mount each path once');
    mountPaths.add(m.mountPath ?? '');
    if (devices.has(name)) report.error(rule, `${p}.name`, `volume ${show(name)} is also used in volumeDevices`, 'use a volume either as a mount or as a device');
    if (devicePaths.has(m.mountPath ?? '')) report.error(rule, `${p}.mountPath`, `mountPath ${show(m.mountPath ?? '')} is also a devicePath`);
    if (typeof m.subPath === 'string' && m.subPath !== '') checkLocalDescendingPath(m.subPath, `${p}.subPath`, rule, report);
    if (typeof m.subPathExpr === 'string' && m.subPathExpr !== '') {
      if (typeof m.subPath === 'string' && m.subPath !== '') report.error(rule, `${p}.subPathExpr`, 'subPathExpr and subPath are mutually exclusive', 'keep one of them');
      checkLocalDescendingPath(m.subPathExpr, `${p}.subPathExpr`, rule, report);
    }
    if (k130(opts) && given(m.recursiveReadOnly)) {
      if (m.recursiveReadOnly === 'Enabled' || m.recursiveReadOnly === 'IfPossible') {
        if (m.readOnly !== true) report.error(rule, `${p}.recursiveReadOnly`, `recursiveReadOnly ${m.recursiveReadOnly} needs readOnly: true`, 'set readOnly: true');
        if (typeof m.mountPropagation === 'string' && m.mountPropagation !== 'None') {
          report.error(rule, `${p}.recursiveReadOnly`, `recursiveReadOnly ${m.recursiveReadOnly} needs mountPropagation None or unset`, 'drop mountPropagation');
        }
      } else if (m.recursiveReadOnly !== 'Disabled') {
        report.error(rule, `${p}.recursiveReadOnly`, `recursiveReadOnly ${show(m.recursiveReadOnly)} is not supported`, 'use Disabled, IfPossible or Enabled');
      }
    }
    if (typeof m.mountPropagation === 'string') {
      checkEnum(m.mountPropagation === '' ? '""' : m.mountPropagation, MOUNT_PROPAGATIONS, `${p}.mountPropagation`, 'mountPropagation', rule, report);
      if (m.mountPropagation === 'Bidirectional' && !privileged) {
        report.error(rule, `${p}.mountPropagation`, 'Bidirectional mount propagation needs a privileged container', 'use HostToContainer, or set securityContext.privileged: true');
      }
    }
  });
  const devPath = path.replace(/volumeMounts$/, 'volumeDevices');
  const devNames = new Set<string>();
  const devPaths = new Set<unknown>();
  arr(c.volumeDevices).forEach((d, i) => {
    if (!isObj(d)) return;
    const p = `${devPath}[${i}]`;
    const name = str(d.name);
    const dp = d.devicePath ?? '';
    const kind = volumes.get(name);
    if (name === '') report.error(rule, `${p}.name`, 'a volume device needs a name', 'set it to the name of a claim volume');
    if (devNames.has(name)) report.error(rule, `${p}.name`, `volume device ${show(name)} is listed twice`, 'list each device once');
    if (kind === undefined) {
      report.error(rule, `${p}.name`, `volume device ${show(name)} does not name a (valid) volume of the pod`, `add a persistentVolumeClaim volume named ${show(name)}`);
    } else if (kind !== 'persistentVolumeClaim' && kind !== 'ephemeral') {
      report.error(rule, `${p}.name`, `volume device ${show(name)} is a ${kind} volume; block devices need a persistentVolumeClaim or ephemeral volume`, 'use a claim-backed volume');
    }
    if (unsetString(d.devicePath)) report.error(rule, `${p}.devicePath`, 'a volume device needs a devicePath', 'set the device path inside the container');
    if (devPaths.has(dp)) report.error(rule, `${p}.devicePath`, `devicePath ${show(dp)} is used twice`, 'give each device its own path');
    if (typeof dp === 'string' && dp !== '' && hasBacksteps(dp)) report.error(rule, `${p}.devicePath`, `devicePath ${show(dp)} must not contain ".."`);
    else devPaths.add(dp);
    if (mounts.has(name)) report.error(rule, `${p}.name`, `volume ${show(name)} is also used in volumeMounts`, 'use a volume either as a mount or as a device');
    if (mountPathsOfAll.has(dp)) report.error(rule, `${p}.devicePath`, `devicePath ${show(dp)} is also a mountPath`, 'use distinct paths');
    if (name !== '') devNames.add(name);
  });
}

/** Lifecycle handlers (validateLifecycle): each of postStart/preStop has exactly one handler. */
function validateLifecycle(lifecycle: unknown, path: string, rule: string, report: Report, opts: InternalOptions): void {
  if (!isObj(lifecycle)) return;
  // k8s 1.30 adds the sleep handler; 1.28's types drop it, so a sleep-only handler is empty there.
  const kinds = k130(opts) ? ['exec', 'httpGet', 'tcpSocket', 'sleep'] : ['exec', 'httpGet', 'tcpSocket'];
  for (const h of ['postStart', 'preStop']) {
    if (given(lifecycle[h])) validateHandler(lifecycle[h], kinds, `${path}.${h}`, rule, report, opts.gracePeriod ?? 30);
  }
}

/** validateHandler: exactly one handler type, each valid. */
function validateHandler(handler: unknown, kinds: string[], path: string, rule: string, report: Report, gracePeriod = 30): void {
  const h = isObj(handler) ? handler : {};
  let count = 0;
  for (const k of kinds) {
    if (!given(h[k])) continue;
    if (count > 0) {
      report.error(rule, `${path}.${k}`, `only one handler type may be set, but ${k} comes after another`, `keep one of ${kinds.join(', ')}`);
      continue;
    }
    count++;
    const v = isObj(h[k]) ? h[k] : {};
    const p = `${path}.${k}`;
    if (k === 'exec') {
      if (arr(v.command).length === 0) report.error(rule, `${p}.command`, 'an exec handler needs a command', 'set command, e.g. ["sh", "-c", "..."]');
    } else if (k === 'httpGet') {
      // path and scheme are defaulted ("/" and HTTP) by the mutating webhook.
      checkPortNumOrName(v.port ?? 0, `${p}.port`, rule, report);
      checkEnum(v.scheme, ['HTTP', 'HTTPS'], `${p}.scheme`, 'scheme', rule, report);
      arr(v.httpHeaders).forEach(hd => {
        if (!isObj(hd) || typeof hd.name !== 'string') return;
        if (!/^[-A-Za-z0-9]+$/.test(hd.name)) report.error(rule, `${p}.httpHeaders`, `HTTP header name ${show(hd.name)} is invalid`, "use letters, digits and '-'");
      });
    } else if (k === 'tcpSocket') {
      checkPortNumOrName(v.port ?? 0, `${p}.port`, rule, report);
    } else if (k === 'grpc') {
      checkPortNumOrName(isInt(v.port) ? v.port : 0, `${p}.port`, rule, report);
    } else if (k === 'sleep') {
      const secs = isInt(v.seconds) ? v.seconds : 0;
      if (secs <= 0 || secs > gracePeriod) {
        report.error(rule, `${p}`, `sleep seconds ${secs} must be greater than 0 and at most terminationGracePeriodSeconds (${gracePeriod})`, 'sleep for less than the grace period');
      }
    }
  }
  if (count === 0) {
    const sleepOnly = isObj(handler) && given(handler.sleep) && !kinds.includes('sleep');
    report.error(rule, path, `a handler type is required: one of ${kinds.join(', ')}${sleepOnly ? ' (Kruise 1.7 does not know the sleep handler)' : ''}`,
      sleepOnly ? 'use exec with a sleep command, or Kruise 1.8' : `set one of ${kinds.join(', ')}`);
  }
}

interface ProbeOptions extends PodValidationOptions {
  readonly probeKind?: 'liveness' | 'readiness' | 'startup';
}

/**
 * A probe (k8s validateProbe): exactly one handler (exec, httpGet, tcpSocket,
 * grpc), non-negative timings, terminationGracePeriodSeconds > 0 when set;
 * liveness and startup probes need successThreshold 1 (0 is defaulted to 1),
 * readiness probes may not set terminationGracePeriodSeconds. The probe kind
 * comes from the last path element (`livenessProbe`...) unless given in opts.
 */
export function validateProbe(probe: unknown, path: string, rule: string, report: Report, opts: PodValidationOptions = {}): void {
  if (!given(probe)) return;
  const pr = isObj(probe) ? probe : {};
  const kind = (opts as ProbeOptions).probeKind
    ?? (path.endsWith('livenessProbe') ? 'liveness' : path.endsWith('readinessProbe') ? 'readiness' : path.endsWith('startupProbe') ? 'startup' : undefined);
  validateHandler(pr, ['exec', 'httpGet', 'tcpSocket', 'grpc'], path, rule, report);
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    checkNonNegative(pr[f], `${path}.${f}`, f, rule, report);
  }
  if (isInt(pr.terminationGracePeriodSeconds) && pr.terminationGracePeriodSeconds <= 0) {
    report.error(rule, `${path}.terminationGracePeriodSeconds`, `terminationGracePeriodSeconds must be greater than 0, not ${pr.terminationGracePeriodSeconds}`, 'use 1 or more, or leave it unset');
  }
  if ((kind === 'liveness' || kind === 'startup') && isInt(pr.successThreshold) && pr.successThreshold !== 0 && pr.successThreshold !== 1) {
    report.error(rule, `${path}.successThreshold`, `a ${kind} probe's successThreshold must be 1, not ${pr.successThreshold}`, 'set successThreshold: 1 or leave it unset');
  }
  if (kind === 'readiness' && given(pr.terminationGracePeriodSeconds)) {
    report.error(rule, `${path}.terminationGracePeriodSeconds`, 'terminationGracePeriodSeconds must not be set on a readiness probe', 'remove it');
  }
}

/**
 * A container's resources (k8s ValidateResourceRequirements): names are
 * standard container resources (cpu, memory, ephemeral-storage, hugepages-*)
 * or qualified extended resources; values valid non-negative quantities
 * (integers for extended resources); requests <= limits; requests equal to
 * limits for hugepages and extended resources, whose limits are required;
 * hugepages need cpu or memory. Hugepage values need not divide the page
 * size (Kruise's AllowIndivisibleHugePagesValues).
 */
export function validateResources(resources: unknown, path: string, rule: string, report: Report, opts: PodValidationOptions = {}): void {
  if (!isObj(resources)) return;
  const limits = isObj(resources.limits) ? resources.limits : undefined;
  const requests = isObj(resources.requests) ? resources.requests : undefined;
  const hasCpuMem = (l?: Record<string, unknown>) => !!l && ('cpu' in l || 'memory' in l);
  const hasHuge = (l?: Record<string, unknown>) => !!l && Object.keys(l).some(k => k.startsWith('hugepages-'));
  validateResourceList(limits, undefined, `${path}.limits`, rule, report, 'limits');
  validateResourceList(requests, limits, `${path}.requests`, rule, report, 'requests');
  if (!hasCpuMem(limits) && !hasCpuMem(requests) && (hasHuge(limits) || hasHuge(requests))) {
    report.error(rule, path, 'hugepages need a cpu or memory request or limit', 'add a memory request/limit');
  }
  const claimNames = (opts as InternalOptions).claimNames ?? new Set<string>();
  const seen = new Set<string>();
  arr(resources.claims).forEach((c, i) => {
    if (!isObj(c)) return;
    const name = str(c.name);
    if (name === '') {
      report.error(rule, `${path}.claims[${i}]`, 'a resource claim reference needs a name');
      return;
    }
    if (seen.has(name)) report.error(rule, `${path}.claims[${i}]`, `resource claim ${show(name)} is listed twice`);
    seen.add(name);
    if (!claimNames.has(name)) report.error(rule, `${path}.claims[${i}]`, `resource claim ${show(name)} is not in spec.resourceClaims`, 'add it to spec.resourceClaims');
  });
}

/** Why a container resource name is invalid (validateContainerResourceName), or undefined. */
export function containerResourceNameProblem(name: string): string | undefined {
  const qp = qualifiedNameProblem(name);
  if (qp) return `resource name ${qp}`;
  if (!name.includes('/')) {
    if (!STANDARD_CONTAINER_RESOURCES.includes(name) && !name.startsWith('hugepages-')) {
      return `${show(name)} is not a standard container resource (cpu, memory, ephemeral-storage, hugepages-<size>) and not fully qualified`;
    }
    return undefined;
  }
  if (name.includes('kubernetes.io/')) return undefined;
  if (name.startsWith('requests.') || qualifiedNameProblem(`requests.${name}`)) {
    return `${show(name)} does not follow the extended resource name standard`;
  }
  return undefined;
}

const isNative = (name: string) => !name.includes('/') || name.includes('kubernetes.io/');
const overcommitAllowed = (name: string) => isNative(name) && !name.startsWith('hugepages-');
const isExtended = (name: string) => !isNative(name) && !name.startsWith('requests.') && !qualifiedNameProblem(`requests.${name}`);

function validateResourceList(
  list: Record<string, unknown> | undefined, limits: Record<string, unknown> | undefined, path: string, rule: string, report: Report, kind: 'limits' | 'requests',
): void {
  if (!list) return;
  for (const [name, raw] of Object.entries(list)) {
    const p = `${path}[${show(name)}]`;
    const np = containerResourceNameProblem(name);
    if (np) report.error(rule, p, np, 'use cpu, memory, ephemeral-storage, hugepages-<size>, or a domain-prefixed extended resource');
    const q = parseQuantity(raw);
    if (!q) {
      report.error(rule, p, `${show(raw)} is not a valid quantity`, 'write a quantity such as "500m", "1", "256Mi" or "2Gi"');
      continue;
    }
    if (quantitySign(q) < 0) report.error(rule, p, `${show(raw)} must not be negative`, 'use 0 or more');
    if (isExtended(name) && quantityMilliValue(q) % 1000n !== 0n) {
      report.error(rule, p, `${show(raw)} must be a whole number for extended resource ${show(name)}`, 'use an integer');
    }
    if (kind !== 'requests') continue;
    const limRaw = limits && Object.prototype.hasOwnProperty.call(limits, name) ? limits[name] : undefined;
    if (limRaw !== undefined) {
      const lim = parseQuantity(limRaw);
      if (!lim) continue;
      if (q.nanos !== lim.nanos && !overcommitAllowed(name)) {
        report.error(rule, path, `the ${name} request ${show(raw)} must equal its limit ${show(limRaw)}`, `set the ${name} request and limit to the same value`);
      } else if (q.nanos > lim.nanos) {
        report.error(rule, path, `the ${name} request ${show(raw)} is more than its limit ${show(limRaw)}`, 'lower the request or raise the limit');
      }
    } else if (!overcommitAllowed(name)) {
      report.error(rule, path.replace(/requests$/, 'limits'), `${name} is requested but has no limit; it cannot be overcommitted`, `set limits[${show(name)}] equal to the request`);
    }
  }
}

/** Volumes (k8s ValidateVolumes): names unique DNS labels, at most one source each, common sources checked. */
export function validateVolumes(volumes: unknown, path: string, rule: string, report: Report, opts: PodValidationOptions = {}): void {
  const seen = new Set<string>();
  arr(volumes).forEach((v, i) => {
    if (!isObj(v)) return;
    validateVolume(v, `${path}[${i}]`, rule, report, seen, k130(opts));
    if (typeof v.name === 'string') seen.add(v.name);
  });
}

function validateVolume(v: Record<string, any>, p: string, rule: string, report: Report, seen: Set<string>, lib130: boolean): void {
  const name = str(v.name);
  const sources = VOLUME_SOURCES.filter(k => given(v[k]));
  // No source at all is defaulted to emptyDir by the mutating webhook.
  sources.slice(1).forEach(k => report.error(rule, `${p}.${k}`, `volume ${show(name)} sets more than one source (${sources.join(', ')})`, 'keep exactly one volume source'));
  const src = sources[0];
  if (src) validateVolumeSource(src, isObj(v[src]) ? v[src] : {}, `${p}.${src}`, rule, report, lib130);
  if (name === '') {
    report.error(rule, `${p}.name`, 'a volume needs a name', 'set a name (a DNS label)');
  } else {
    const np = dnsLabelProblem(name);
    if (np) report.error(rule, `${p}.name`, `volume name ${np}`);
  }
  if (seen.has(name)) report.error(rule, `${p}.name`, `volume name ${show(name)} is used twice`, 'give each volume a distinct name');
}

function validateKeyToPath(items: unknown, path: string, rule: string, report: Report, paths?: Set<string>, owner?: string): void {
  arr(items).forEach((it, i) => {
    if (!isObj(it)) return;
    const p = `${path}[${i}]`;
    if (unsetString(it.key)) report.error(rule, `${p}.key`, 'an item needs a key', 'set the key to project');
    const ip = str(it.path);
    if (ip === '') report.error(rule, `${p}.path`, 'an item needs a path', 'set the relative file path');
    else checkLocalNonReservedPath(ip, `${p}.path`, rule, report);
    checkMode(it.mode, `${p}.mode`, rule, report);
    if (paths && ip !== '') {
      if (paths.has(ip)) report.error(rule, path.replace(/\.sources\[\d+\].*$/, ''), `projected path ${show(ip)} (from ${show(owner)}) conflicts with another source`, 'give each projected file a distinct path');
      paths.add(ip);
    }
  });
}

function validateDownwardApiItems(items: unknown, path: string, rule: string, report: Report, paths?: Set<string>, projectedPath?: string): void {
  arr(items).forEach((f, i) => {
    if (!isObj(f)) return;
    const p = `${path}[${i}]`;
    const fp = str(f.path);
    if (fp === '') report.error(rule, `${p}.path`, 'a downward API file needs a path');
    else checkLocalNonReservedPath(fp, `${p}.path`, rule, report);
    if (given(f.fieldRef)) {
      validateFieldRef(f.fieldRef, VOLUME_FIELD_PATHS, `${p}.fieldRef`, rule, report);
      if (given(f.resourceFieldRef)) report.error(rule, p, 'fieldRef and resourceFieldRef cannot both be set', 'keep one of them');
    } else if (given(f.resourceFieldRef)) {
      validateResourceFieldRef(f.resourceFieldRef, true, `${p}.resourceFieldRef`, rule, report);
    } else {
      report.error(rule, p, 'a downward API file needs fieldRef or resourceFieldRef', 'set one of them');
    }
    checkMode(f.mode, `${p}.mode`, rule, report);
    if (paths && fp !== '') {
      if (paths.has(fp)) report.error(rule, projectedPath ?? path, `projected path ${show(fp)} conflicts with another source`, 'give each projected file a distinct path');
      paths.add(fp);
    }
  });
}

function validateVolumeSource(kind: string, s: Record<string, any>, p: string, rule: string, report: Report, lib130: boolean): void {
  switch (kind) {
    case 'emptyDir':
      if (given(s.sizeLimit)) {
        const q = parseQuantity(s.sizeLimit);
        if (!q) report.error(rule, `${p}.sizeLimit`, `${show(s.sizeLimit)} is not a valid quantity`, 'write a size such as "1Gi"');
        else if (quantitySign(q) < 0) report.error(rule, `${p}.sizeLimit`, `sizeLimit ${show(s.sizeLimit)} must not be negative`);
      }
      checkEnum(s.medium, ['', 'Memory', 'HugePages'], `${p}.medium`, 'medium', rule, report);
      break;
    case 'hostPath':
      if (unsetString(s.path)) {
        report.error(rule, `${p}.path`, 'hostPath needs a path', 'set the path on the node');
        break;
      }
      if (typeof s.path === 'string' && hasBacksteps(s.path)) report.error(rule, `${p}.path`, `path ${show(s.path)} must not contain ".."`);
      if (typeof s.type === 'string' && !HOST_PATH_TYPES.includes(s.type)) {
        report.error(rule, `${p}.type`, `hostPath type ${show(s.type)} is not supported`, `use one of ${HOST_PATH_TYPES.filter(t => t).join(', ')}, or leave it empty`);
      }
      break;
    case 'secret':
      if (unsetString(s.secretName)) report.error(rule, `${p}.secretName`, 'a secret volume needs secretName', 'set the name of the Secret');
      checkMode(s.defaultMode, `${p}.defaultMode`, rule, report);
      validateKeyToPath(s.items, `${p}.items`, rule, report);
      break;
    case 'configMap':
      if (unsetString(s.name)) report.error(rule, `${p}.name`, 'a configMap volume needs a name', 'set the name of the ConfigMap');
      checkMode(s.defaultMode, `${p}.defaultMode`, rule, report);
      validateKeyToPath(s.items, `${p}.items`, rule, report);
      break;
    case 'persistentVolumeClaim':
      if (unsetString(s.claimName)) report.error(rule, `${p}.claimName`, 'a persistentVolumeClaim volume needs claimName', 'set the name of the PVC');
      break;
    case 'nfs':
      if (unsetString(s.server)) report.error(rule, `${p}.server`, 'an nfs volume needs a server');
      if (unsetString(s.path)) report.error(rule, `${p}.path`, 'an nfs volume needs a path');
      if (typeof s.path !== 'string' || !s.path.startsWith('/')) report.error(rule, `${p}.path`, `nfs path ${show(s.path ?? '')} must be absolute`, 'start the path with "/"');
      break;
    case 'downwardAPI':
      checkMode(s.defaultMode, `${p}.defaultMode`, rule, report);
      validateDownwardApiItems(s.items, `${p}.items`, rule, report);
      break;
    case 'projected': {
      checkMode(s.defaultMode, `${p}.defaultMode`, rule, report);
      const paths = new Set<string>();
      arr(s.sources).forEach((src, i) => {
        if (!isObj(src)) return;
        const sp = `${p}.sources[${i}]`;
        let n = 0;
        for (const k of ['secret', 'configMap']) {
          if (!given(src[k])) continue;
          n++;
          const ref = isObj(src[k]) ? src[k] : {};
          if (unsetString(ref.name)) report.error(rule, `${sp}.${k}.name`, `a projected ${k} needs a name`);
          validateKeyToPath(ref.items, `${sp}.${k}.items`, rule, report, paths, str(ref.name));
        }
        if (given(src.downwardAPI)) {
          n++;
          validateDownwardApiItems(isObj(src.downwardAPI) ? src.downwardAPI.items : [], `${sp}.downwardAPI.items`, rule, report, paths, p);
        }
        if (given(src.serviceAccountToken)) {
          n++;
          const t = isObj(src.serviceAccountToken) ? src.serviceAccountToken : {};
          if (isInt(t.expirationSeconds) && t.expirationSeconds < 600) {
            report.error(rule, `${sp}.serviceAccountToken.expirationSeconds`, `expirationSeconds ${t.expirationSeconds} is less than 10 minutes`, 'use 600 or more (default 3600)');
          }
          if (isInt(t.expirationSeconds) && t.expirationSeconds > 2 ** 32) {
            report.error(rule, `${sp}.serviceAccountToken.expirationSeconds`, `expirationSeconds ${t.expirationSeconds} is more than 2^32 seconds`);
          }
          if (unsetString(t.path)) report.error(rule, `${p}.path`, 'a serviceAccountToken projection needs a path', 'set the file path of the token');
          else if (lib130 && typeof t.path === 'string') checkLocalNonReservedPath(t.path, `${p}.path`, rule, report);
        }
        if (lib130 && given(src.clusterTrustBundle)) {
          // k8s 1.30 only: 1.28's types drop the field (the source is then empty, which 1.28 accepts).
          n++;
          const b = isObj(src.clusterTrustBundle) ? src.clusterTrustBundle : {};
          const bp = `${sp}.clusterTrustBundlePEM`;
          if (given(b.name) && given(b.signerName)) {report.error(rule, bp, 'a clusterTrustBundle source may use name or signerName, not both', 'keep one of them');} else if (given(b.name)) {
            if (b.name === '') report.error(rule, `${bp}.name`, 'clusterTrustBundle name must not be empty');
            if (given(b.labelSelector)) report.error(rule, `${bp}.labelSelector`, 'labelSelector must be unset when name is set', 'drop labelSelector');
          } else if (given(b.signerName)) {
            if (b.signerName === '') report.error(rule, `${bp}.signerName`, 'clusterTrustBundle signerName must not be empty');
            validateLabelSelector(b.labelSelector, `${bp}.labelSelector`, rule, report);
          } else {
            report.error(rule, bp, 'a clusterTrustBundle source needs name or signerName', 'set one of them');
          }
          const tp = str(b.path);
          if (tp === '') report.error(rule, `${bp}.path`, 'a clusterTrustBundle source needs a path', 'set the file path');
          checkLocalNonReservedPath(tp, `${bp}.path`, rule, report);
          if (paths.has(tp)) report.error(rule, p, `projected path ${show(tp)} conflicts with another source`, 'give each projected file a distinct path');
          paths.add(tp);
        }
        if (n > 1) report.error(rule, sp, 'a projection source may set only one of secret, configMap, downwardAPI, serviceAccountToken, clusterTrustBundle', 'split it into several sources');
      });
      break;
    }
    case 'csi': {
      const d = str(s.driver);
      if (d === '') {report.error(rule, `${p}.driver`, 'a csi volume needs a driver', 'set the CSI driver name');} else if (d.length > 63) {report.error(rule, `${p}.driver`, `csi driver ${show(d)} must be no more than 63 characters`);} else {
        const dp = dnsSubdomainProblem(d.toLowerCase());
        if (dp) report.error(rule, `${p}.driver`, `csi driver ${dp}`);
      }
      if (given(s.nodePublishSecretRef)) {
        const ref = isObj(s.nodePublishSecretRef) ? s.nodePublishSecretRef : {};
        if (unsetString(ref.name)) report.error(rule, `${p}.nodePublishSecretRef.name`, 'nodePublishSecretRef needs a name');
        else if (typeof ref.name === 'string' && dnsSubdomainProblem(ref.name)) report.error(rule, `${p}.name`, `nodePublishSecretRef name ${dnsSubdomainProblem(ref.name)}`);
      }
      break;
    }
    case 'ephemeral':
      if (!given(s.volumeClaimTemplate)) {
        report.error(rule, `${p}.volumeClaimTemplate`, 'an ephemeral volume needs a volumeClaimTemplate', 'add volumeClaimTemplate with a PVC spec');
      } else if (isObj(s.volumeClaimTemplate)) {
        validateEphemeralClaimTemplate(s.volumeClaimTemplate, `${p}.volumeClaimTemplate`, rule, report, lib130);
      }
      break;
    default:
      // Other sources are rare; their details are left to Kubernetes.
  }
}

const TEMPLATE_META_FORBIDDEN = [
  'name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp',
  'deletionTimestamp', 'deletionGracePeriodSeconds', 'ownerReferences', 'finalizers', 'managedFields',
];
const ACCESS_MODES = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'];

/** Whether a JSON value is set to something other than Go's zero value. */
function nonZero(v: unknown): boolean {
  if (v === undefined || v === null || v === '' || v === 0 || v === false) return false;
  if (Array.isArray(v)) return v.length > 0;
  return true;
}

/**
 * ValidatePersistentVolumeClaimTemplate (generic ephemeral volumes): metadata
 * only labels and annotations, and the claim spec (access modes, a positive
 * storage request, class name, volume mode, selector).
 */
function validateEphemeralClaimTemplate(t: Record<string, any>, p: string, rule: string, report: Report, lib130: boolean): void {
  const meta = isObj(t.metadata) ? t.metadata : {};
  validateAnnotations(meta.annotations, `${p}.metadata.annotations`, rule, report);
  validateLabels(meta.labels, `${p}.metadata.labels`, rule, report);
  for (const f of TEMPLATE_META_FORBIDDEN) {
    if (nonZero(meta[f])) report.error(rule, `${p}.metadata.${f}`, `${f} cannot be set in a volume claim template`, `remove metadata.${f}; the claim is named after the pod and volume`);
  }
  validatePvcSpec(t.spec, `${p}.spec`, rule, report, { kruiseVersion: lib130 ? '1.8' : '1.7' });
}

/** ValidatePersistentVolumeClaimSpec (k8s 1.28, ReadWriteOncePod allowed); exported for volumeClaimTemplates rules. */
export function validatePvcSpec(pvcSpec: unknown, p: string, rule: string, report: Report, opts: PodValidationOptions = {}): void {
  const spec = isObj(pvcSpec) ? pvcSpec : {};
  const modes = arr(spec.accessModes);
  if (modes.length === 0) report.error(rule, `${p}.accessModes`, 'at least one access mode is required', 'set accessModes, e.g. ["ReadWriteOnce"]');
  if (given(spec.selector)) validateLabelSelector(spec.selector, `${p}.selector`, rule, report);
  modes.forEach(m => {
    if (typeof m === 'string' && !ACCESS_MODES.includes(m)) report.error(rule, `${p}.accessModes`, `access mode ${show(m)} is not supported`, `use ${ACCESS_MODES.join(', ')}`);
  });
  if (modes.includes('ReadWriteOncePod') && modes.some(m => m !== 'ReadWriteOncePod' && ACCESS_MODES.includes(m))) {
    report.error(rule, `${p}.accessModes`, 'ReadWriteOncePod cannot be combined with other access modes', 'use ReadWriteOncePod alone');
  }
  const res = isObj(spec.resources) ? spec.resources : {};
  const requests = isObj(res.requests) ? res.requests : {};
  const sp = `${p}.resources[storage]`;
  if (!Object.prototype.hasOwnProperty.call(requests, 'storage')) {
    report.error(rule, sp, 'a storage request is required', 'set resources.requests.storage, e.g. "1Gi"');
  } else {
    const q = parseQuantity(requests.storage);
    if (!q) report.error(rule, sp, `${show(requests.storage)} is not a valid quantity`, 'write a size such as "1Gi"');
    else if (quantitySign(q) <= 0) report.error(rule, sp, `the storage request ${show(requests.storage)} must be greater than zero`, 'request a positive size');
  }
  if (typeof spec.storageClassName === 'string' && spec.storageClassName !== '') {
    const cp = dnsSubdomainProblem(spec.storageClassName);
    if (cp) report.error(rule, `${p}.storageClassName`, `storageClassName ${cp}`);
  }
  if (typeof spec.volumeMode === 'string' && !['Block', 'Filesystem'].includes(spec.volumeMode)) {
    report.error(rule, `${p}.volumeMode`, `volumeMode ${show(spec.volumeMode)} is not supported`, 'use Filesystem or Block');
  }
  const ds = spec.dataSource;
  const dsr = spec.dataSourceRef;
  for (const [field, ref] of [['dataSource', ds], ['dataSourceRef', dsr]] as const) {
    if (!isObj(ref)) continue;
    const rp = `${p}.${field}`;
    if (unsetString(ref.name)) report.error(rule, `${rp}.name`, `${field} needs a name`);
    if (unsetString(ref.kind)) report.error(rule, `${rp}.kind`, `${field} needs a kind`);
    const group = str(ref.apiGroup);
    if (group === '' && ref.kind !== 'PersistentVolumeClaim') {
      report.error(rule, rp, `${field} kind ${show(ref.kind ?? '')} needs an apiGroup; only PersistentVolumeClaim is in the core group`, 'set apiGroup, e.g. snapshot.storage.k8s.io');
    }
    if (group !== '' && k130(opts)) {
      const gp = dnsSubdomainProblem(group);
      if (gp) report.error(rule, `${rp}.apiGroup`, `apiGroup ${gp}`);
    }
    if (field === 'dataSourceRef' && typeof ref.namespace === 'string' && ref.namespace !== '') {
      const np = dnsLabelProblem(ref.namespace);
      if (np) report.error(rule, `${rp}.namespace`, `namespace ${np}`);
    }
  }
  if (isObj(dsr) && typeof dsr.namespace === 'string' && dsr.namespace !== '') {
    if (isObj(ds)) report.error(rule, p, 'dataSource may not be set when dataSourceRef.namespace is set', 'drop dataSource');
  } else if (isObj(ds) && isObj(dsr)) {
    const same = (ds.apiGroup ?? null) === (dsr.apiGroup ?? null) && ds.kind === dsr.kind && ds.name === dsr.name;
    if (!same) report.error(rule, p, 'dataSource must match dataSourceRef', 'make them equal, or set only dataSourceRef');
  }
}

/** Whether `v` is a valid label value; re-exported for kind rules that check pod label values. */
export function isLabelValue(v: unknown): boolean {
  return typeof v === 'string' && labelValueProblem(v) === undefined;
}
