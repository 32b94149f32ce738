/**
 * Pod and container security: pod-specific annotations, seccomp and AppArmor (annotations and fields), pod and container security contexts, Windows options.
 */
import { JsonObject, arrayOr, isJsonObject } from '../../base/json';
import { Report } from '../types';
import { str, isSet, unsetString } from './go-values';
import { dnsSubdomainProblem, show } from './names';
import { checkEnum, checkId, checkLocalDescendingPath, hasBacksteps } from './pod-field-checks';
import { InternalOptions, PodValidationOptions, k130 } from './pod-options';
import { validateTolerations } from './scheduling';

/** The annotations Kubernetes reads on pods (k8s ValidatePodSpecificAnnotations, with Kruise's options). */
export function validatePodSpecificAnnotations(
  annotations: unknown, spec: unknown, path: string, rule: string, report: Report, _opts: PodValidationOptions = {},
): void {
  if (!isJsonObject(annotations)) return;
  const s = isJsonObject(spec) ? spec : {};
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
    [...arrayOr(s.containers), ...arrayOr(s.initContainers), ...arrayOr(s.ephemeralContainers)].filter(isJsonObject).map(c => c.name),
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
  if (!isJsonObject(annotations) || !isJsonObject(spec)) return;
  const check = (annotation: unknown, field: unknown, p: string) => {
    if (typeof annotation !== 'string' || !isJsonObject(field)) return;
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
  if (isJsonObject(spec.securityContext)) {
    check(annotations['seccomp.security.alpha.kubernetes.io/pod'], spec.securityContext.seccompProfile, `${specPath}.securityContext.seccompProfile`);
  }
  for (const list of ['initContainers', 'containers', 'ephemeralContainers']) {
    arrayOr(spec[list]).forEach((c, i) => {
      if (!isJsonObject(c) || !isJsonObject(c.securityContext)) return;
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
export function validateAppArmorAnnotationsAndFields(annotations: unknown, spec: unknown, specPath: string, rule: string, report: Report): void {
  if (!isJsonObject(annotations) || !isJsonObject(spec)) return;
  if (isJsonObject(spec.os) && spec.os.name === 'windows') return;
  const podProfile = isJsonObject(spec.securityContext) ? spec.securityContext.appArmorProfile : undefined;
  for (const list of ['initContainers', 'containers', 'ephemeralContainers']) {
    arrayOr(spec[list]).forEach((c, i) => {
      if (!isJsonObject(c)) return;
      const own = isJsonObject(c.securityContext) ? c.securityContext.appArmorProfile : undefined;
      const profile = isJsonObject(own) ? own : podProfile;
      if (!isJsonObject(profile)) return;
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

/** validateSeccompProfileField. */
function validateSeccompProfile(sp: unknown, path: string, rule: string, report: Report): void {
  if (!isJsonObject(sp)) return;
  const type = sp.type;
  if (unsetString(type)) {
    report.error(rule, `${path}.type`, 'seccompProfile needs a type', 'use RuntimeDefault, Unconfined or Localhost');
  } else {
    checkEnum(type, ['Localhost', 'RuntimeDefault', 'Unconfined'], `${path}.type`, 'seccompProfile type', rule, report);
  }
  if (type === 'Localhost') {
    if (!isSet(sp.localhostProfile)) report.error(rule, `${path}.localhostProfile`, 'a Localhost seccompProfile needs localhostProfile', 'set the profile path relative to the kubelet seccomp root');
    else if (typeof sp.localhostProfile === 'string') checkLocalDescendingPath(sp.localhostProfile, `${path}.localhostProfile`, rule, report);
  } else if (isSet(sp.localhostProfile)) {
    report.error(rule, `${path}.localhostProfile`, 'localhostProfile can only be set when the seccomp type is Localhost', 'drop localhostProfile or use type: Localhost');
  }
}

/** validatePodSpecSecurityContext (v1 keeps hostPID and shareProcessNamespace on the spec). */
/** k8s 1.30 ValidateAppArmorProfileField. */
function validateAppArmorProfile(profile: unknown, p: string, rule: string, report: Report): void {
  if (!isJsonObject(profile)) return;
  switch (profile.type) {
    case 'Localhost': {
      const lp = profile.localhostProfile;
      if (!isSet(lp)) {
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
      if (isSet(profile.localhostProfile)) report.error(rule, `${p}.localhostProfile`, 'localhostProfile can only be set when the AppArmor type is Localhost', 'drop localhostProfile');
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

export function validatePodSecurityContext(s: JsonObject, path: string, rule: string, report: Report, opts: PodValidationOptions): void {
  if (s.shareProcessNamespace === true && s.hostPID === true) {
    report.error(rule, `${path}.securityContext.shareProcessNamespace`, 'shareProcessNamespace and hostPID cannot both be enabled', 'drop one of them');
  }
  const sc = s.securityContext;
  if (!isJsonObject(sc)) return;
  const p = `${path}.securityContext`;
  checkId(sc.fsGroup, `${p}.fsGroup`, 'fsGroup', rule, report);
  checkId(sc.runAsUser, `${p}.runAsUser`, 'runAsUser', rule, report);
  checkId(sc.runAsGroup, `${p}.runAsGroup`, 'runAsGroup', rule, report);
  arrayOr(sc.supplementalGroups).forEach((g, i) => checkId(g, `${p}.supplementalGroups[${i}]`, 'supplemental group', rule, report));
  const names = new Set<string>();
  arrayOr(sc.sysctls).forEach((sy, i) => {
    if (!isJsonObject(sy)) return;
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
  if (isSet(sc.fsGroupChangePolicy)) {
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
  if (!isJsonObject(wo)) return;
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
export function validateContainerSecurityContext(sc: unknown, p: string, rule: string, report: Report, opts: InternalOptions): void {
  if (!isJsonObject(sc)) return;
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
    const add = isJsonObject(sc.capabilities) ? arrayOr(sc.capabilities.add) : [];
    if (add.includes('CAP_SYS_ADMIN')) {
      report.error(rule, p, 'allowPrivilegeEscalation false cannot be set with capability CAP_SYS_ADMIN added', 'drop CAP_SYS_ADMIN or allowPrivilegeEscalation: false');
    }
  }
}
