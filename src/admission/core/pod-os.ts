/**
 * OS rules of a pod spec: fields a Linux pod or a Windows pod may not set, and Windows HostProcess pods.
 */
import { JsonObject, arrayOr, isJsonObject } from '../../base/json';
import { Report } from '../types';
import { isSet } from './go-values';
import { PodValidationOptions, k130 } from './pod-options';

/** Every container of the pod spec with its path (k8s VisitContainersWithPath: init, regular, ephemeral). */
function containersWithPaths(s: JsonObject, path: string): Array<[JsonObject, string]> {
  const out: Array<[JsonObject, string]> = [];
  for (const field of ['initContainers', 'containers', 'ephemeralContainers']) {
    arrayOr(s[field]).forEach((c, i) => { if (isJsonObject(c)) out.push([c, `${path}.${field}[${i}]`]); });
  }
  return out;
}

/** k8s validateLinux: a linux pod sets no Windows options. */
export function validateLinuxOnly(s: JsonObject, path: string, rule: string, report: Report): void {
  const fix = 'drop windowsOptions, or set os.name: windows';
  if (isJsonObject(s.securityContext) && isSet(s.securityContext.windowsOptions)) {
    report.error(rule, `${path}.securityContext.windowsOptions`, 'windowsOptions cannot be set for a pod whose os.name is linux', fix);
  }
  for (const [c, cp] of containersWithPaths(s, path)) {
    if (isJsonObject(c.securityContext) && isSet(c.securityContext.windowsOptions)) {
      report.error(rule, `${cp}.securityContext.windowsOptions`, 'windowsOptions cannot be set for a pod whose os.name is linux', fix);
    }
  }
}

/**
 * k8s validateWindows: a windows pod sets none of the Linux-only fields.
 * A field counts as set when it is present at all (Go pointers), even as
 * false; hostPID and hostIPC count when true.
 */
export function validateWindowsOnly(s: JsonObject, path: string, rule: string, report: Report, opts: PodValidationOptions): void {
  const forbid = (p: string, what: string) =>
    report.error(rule, p, `${what} cannot be set for a pod whose os.name is windows`, `drop ${what}, or set os.name: linux`);
  const sc = isJsonObject(s.securityContext) ? s.securityContext : {};
  const scp = `${path}.securityContext`;
  if (k130(opts) && isSet(sc.appArmorProfile)) forbid(`${scp}.appArmorProfile`, 'appArmorProfile');
  if (isSet(sc.seLinuxOptions)) forbid(`${scp}.seLinuxOptions`, 'seLinuxOptions');
  if (isSet(s.hostUsers)) forbid(`${path}.hostUsers`, 'hostUsers');
  if (s.hostPID === true) forbid(`${path}.hostPID`, 'hostPID');
  if (s.hostIPC === true) forbid(`${path}.hostIPC`, 'hostIPC');
  if (isSet(sc.seccompProfile)) forbid(`${scp}.seccompProfile`, 'seccompProfile');
  if (isSet(sc.fsGroup)) forbid(`${scp}.fsGroup`, 'fsGroup');
  if (isSet(sc.fsGroupChangePolicy)) forbid(`${scp}.fsGroupChangePolicy`, 'fsGroupChangePolicy');
  if (arrayOr(sc.sysctls).length > 0) forbid(`${scp}.sysctls`, 'sysctls');
  if (isSet(s.shareProcessNamespace)) forbid(`${path}.shareProcessNamespace`, 'shareProcessNamespace');
  if (isSet(sc.runAsUser)) forbid(`${scp}.runAsUser`, 'runAsUser');
  if (isSet(sc.runAsGroup)) forbid(`${scp}.runAsGroup`, 'runAsGroup');
  if (isSet(sc.supplementalGroups)) forbid(`${scp}.supplementalGroups`, 'supplementalGroups');
  const containerFields = ['seLinuxOptions', 'seccompProfile', 'capabilities', 'readOnlyRootFilesystem', 'privileged', 'allowPrivilegeEscalation', 'procMount', 'runAsUser', 'runAsGroup'];
  if (k130(opts)) containerFields.unshift('appArmorProfile');
  for (const [c, cp] of containersWithPaths(s, path)) {
    if (!isJsonObject(c.securityContext)) continue;
    for (const f of containerFields) {
      if (isSet(c.securityContext[f])) forbid(`${cp}.securityContext.${f}`, f);
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
export function validateWindowsHostProcess(s: JsonObject, path: string, rule: string, report: Report): void {
  const hostProcessOf = (sc: unknown): boolean | undefined =>
    (isJsonObject(sc) && isJsonObject(sc.windowsOptions) && typeof sc.windowsOptions.hostProcess === 'boolean' ? sc.windowsOptions.hostProcess : undefined);
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
