/**
 * Shared pieces of the pod validators (see pod.ts): options, allowed values, and small field checks.
 */
import { AdmissionContext, Report } from '../types';
import { show } from './names';
import { isInt } from '../../base/json';

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
export function k130(opts: PodValidationOptions): boolean {
  const [major, minor] = (opts.kruiseVersion ?? '1.7').split('.').map(Number);
  return major > 1 || (major === 1 && minor >= 8);
}

export const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
export const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
export const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
export const TERMINATION_MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'];
export const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
export const HOST_PATH_TYPES = ['', 'DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice'];
export const MOUNT_PROPAGATIONS = ['Bidirectional', 'HostToContainer', 'None'];
export const WHEN_UNSATISFIABLE = ['DoNotSchedule', 'ScheduleAnyway'];
export const NODE_INCLUSION_POLICIES = ['Ignore', 'Honor'];
export const PREEMPTION_POLICIES = ['PreemptLowerPriority', 'Never'];
export const ENV_FIELD_PATHS = ['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs'];
export const VOLUME_FIELD_PATHS = ['metadata.name', 'metadata.namespace', 'metadata.labels', 'metadata.annotations', 'metadata.uid'];
/** Field labels the downward API converts (ConvertDownwardAPIFieldLabel, v1). */
export const DOWNWARD_LABELS = [
  'metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName',
  'spec.restartPolicy', 'spec.serviceAccountName', 'spec.schedulerName', 'status.phase', 'status.hostIP', 'status.hostIPs',
  'status.podIP', 'status.podIPs', 'spec.host',
];
export const RESOURCE_FIELD_PATHS = ['limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage'];
export const STANDARD_CONTAINER_RESOURCES = ['cpu', 'memory', 'ephemeral-storage'];
/** The volume sources of k8s.io/api v0.28 (JSON names). */
export const VOLUME_SOURCES = [
  'emptyDir', 'hostPath', 'gitRepo', 'gcePersistentDisk', 'awsElasticBlockStore', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'flocker', 'persistentVolumeClaim', 'rbd', 'cinder', 'cephfs', 'quobyte', 'downwardAPI', 'fc', 'flexVolume', 'configMap',
  'azureFile', 'vsphereVolume', 'photonPersistentDisk', 'portworxVolume', 'azureDisk', 'storageos', 'projected', 'scaleIO',
  'csi', 'ephemeral',
];
const FILE_MODE_FIX = 'use an octal mode from 0000 to 0777 (0 to 511 in decimal)';


export function checkEnum(v: unknown, allowed: string[], path: string, what: string, rule: string, report: Report): void {
  if (typeof v !== 'string' || v === '') return;
  if (!allowed.includes(v)) report.error(rule, path, `${what} ${show(v)} is not supported`, `use one of ${allowed.join(', ')}`);
}

export function checkMode(v: unknown, path: string, rule: string, report: Report): void {
  if (isInt(v) && (v < 0 || v > 0o777)) report.error(rule, path, `file mode ${v} is out of range`, FILE_MODE_FIX);
}

/** k8s ValidateNonnegativeField for an optional integer. */
export function checkNonNegative(v: unknown, path: string, what: string, rule: string, report: Report): void {
  if (isInt(v) && v < 0) report.error(rule, path, `${what} must not be negative, but is ${v}`, 'use 0 or more');
}

/** `..` as a path element (validatePathNoBacksteps). */
export function hasBacksteps(p: string): boolean {
  return p.split('/').includes('..');
}

/** validateLocalDescendingPath: relative, no `..` element. */
export function checkLocalDescendingPath(p: string, path: string, rule: string, report: Report): void {
  if (p.startsWith('/')) report.error(rule, path, `path ${show(p)} must be relative`, 'drop the leading "/"');
  if (hasBacksteps(p)) report.error(rule, path, `path ${show(p)} must not contain ".."`);
}

/** validateLocalNonReservedPath: also must not start with `..`. */
export function checkLocalNonReservedPath(p: string, path: string, rule: string, report: Report): void {
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
export function checkPortNumOrName(port: unknown, path: string, rule: string, report: Report): void {
  if (typeof port === 'number') {
    if (!Number.isInteger(port) || port < 1 || port > 65535) report.error(rule, path, `port ${port} must be between 1 and 65535`, 'use a port number from 1 to 65535 or a named port');
  } else if (typeof port === 'string') {
    const p = portNameProblem(port);
    if (p) report.error(rule, path, p, 'use a port number or the name of a container port');
  }
}

export interface InternalOptions extends PodValidationOptions {
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

const MAX_ID = 2147483647;

export function checkId(v: unknown, path: string, what: string, rule: string, report: Report): void {
  if (isInt(v) && (v < 0 || v > MAX_ID)) report.error(rule, path, `${what} ${v} must be between 0 and ${MAX_ID}`);
}
