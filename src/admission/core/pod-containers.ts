/**
 * Containers of a pod spec: ports, env, lifecycle handlers, probes, resources and volume mounts.
 */
import { str, isSet, unsetString } from './go-values';
import { JsonObject, arrayOr, isJsonObject, isInt } from '../../base/json';
import { parseQuantity, Quantity, quantityMilliValue, quantitySign } from '../../base/quantity';
import { Report } from '../types';
import { dnsLabelProblem, dnsSubdomainProblem, maskTrailingDash, qualifiedNameProblem, show } from './names';
import { DOWNWARD_LABELS, ENV_FIELD_PATHS, MOUNT_PROPAGATIONS, PROTOCOLS, PULL_POLICIES, RESOURCE_FIELD_PATHS, STANDARD_CONTAINER_RESOURCES, TERMINATION_MESSAGE_POLICIES } from './pod-allowed-values';
import { checkEnum, checkLocalDescendingPath, checkNonNegative, checkPortNumOrName, configMapKeyProblem, envVarNameProblem, hasBacksteps, portNameProblem } from './pod-field-checks';
import { InternalOptions, PodValidationOptions, k130 } from './pod-options';
import { validateContainerSecurityContext } from './pod-security';

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
  const list = arrayOr(containers);
  if (list.length === 0) {
    report.error(rule, path, 'a pod needs at least one container', 'add a container with a name and an image');
    return;
  }
  const seen = new Set<string>();
  list.forEach((c, i) => {
    if (!isJsonObject(c)) return;
    const p = `${path}[${i}]`;
    validateContainerCommon(c, p, rule, report, o);
    const name = str(c.name);
    if (seen.has(name)) report.error(rule, `${p}.name`, `container name ${show(name)} is used twice`, 'give each container a distinct name');
    seen.add(name);
    validateLifecycle(c.lifecycle, `${p}.lifecycle`, rule, report, o);
    validateProbe(c.livenessProbe, `${p}.livenessProbe`, rule, report, { ...o, probeKind: 'liveness' } as ProbeOptions);
    validateProbe(c.readinessProbe, `${p}.readinessProbe`, rule, report, { ...o, probeKind: 'readiness' } as ProbeOptions);
    validateProbe(c.startupProbe, `${p}.startupProbe`, rule, report, { ...o, probeKind: 'startup' } as ProbeOptions);
    if (isSet(c.restartPolicy)) {
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
  const names = new Set<string>(arrayOr(containers).filter(isJsonObject).map(c => str(c.name)));
  arrayOr(initContainers).forEach((c, i) => {
    if (!isJsonObject(c)) return;
    const p = `${path}[${i}]`;
    validateContainerCommon(c, p, rule, report, o);
    let sidecar = false;
    if (isSet(c.restartPolicy)) {
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
        if (isSet(c[f])) report.error(rule, `${p}.${f}`, `${f} may not be set on an init container unless it is a sidecar (restartPolicy: Always)`, `remove ${f}, or make it a sidecar with restartPolicy: Always`);
      }
    }
    if (arrayOr(c.resizePolicy).length > 0) report.error(rule, `${p}.resizePolicy`, 'resizePolicy must not be set on init containers', 'remove resizePolicy');
  });
}

/** AccumulateUniqueHostPorts: the same protocol/hostIP/hostPort twice. */
function checkHostPortConflicts(containers: unknown[], path: string, rule: string, report: Report, offset = 0): void {
  const seen = new Set<string>();
  containers.forEach((c, i) => {
    if (!isJsonObject(c)) return;
    arrayOr(c.ports).forEach((p, j) => {
      if (!isJsonObject(p) || !isInt(p.hostPort) || p.hostPort === 0) return;
      const key = `${unsetString(p.protocol) ? 'TCP' : str(p.protocol)}/${str(p.hostIP)}/${p.hostPort}`;
      if (seen.has(key)) report.error(rule, `${path}[${i + offset}].ports[${j}].hostPort`, `host port ${key} is used twice`, 'use a different hostPort');
      seen.add(key);
    });
  });
}

/** validateContainerCommon: name, image, termination message policy, ports, env, envFrom, mounts, devices, pull policy, resources. */
function validateContainerCommon(c: JsonObject, p: string, rule: string, report: Report, opts: InternalOptions): void {
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
  arrayOr(c.resizePolicy).forEach((r, i) => {
    if (!isJsonObject(r)) return;
    checkEnum(r.resourceName, ['cpu', 'memory'], `${p}.resizePolicy[${i}].resourceName`, 'resize resource', rule, report);
    checkEnum(r.restartPolicy, ['NotRequired', 'RestartContainer'], `${p}.resizePolicy[${i}].restartPolicy`, 'resize restartPolicy', rule, report);
    if (k130(opts) && opts.podRestartPolicy === 'Never' && r.restartPolicy !== 'NotRequired') {
      report.error(rule, `${p}.resizePolicy`, `resize restartPolicy ${show(r.restartPolicy ?? '')} must be NotRequired when the pod restartPolicy is Never`, 'use restartPolicy: NotRequired');
    }
  });
}

/** validateContainerPorts. */
function validatePorts(ports: unknown, path: string, rule: string, report: Report): void {
  const names = new Set<string>();
  arrayOr(ports).forEach((port, i) => {
    if (!isJsonObject(port)) return;
    const p = `${path}[${i}]`;
    if (typeof port.name === 'string' && port.name !== '') {
      const np = portNameProblem(port.name);
      if (np) report.error(rule, `${p}.name`, np, "use at most 15 lowercase letters, digits and '-', with at least one letter");
      else if (names.has(port.name)) report.error(rule, `${p}.name`, `port name ${show(port.name)} is used twice in this container`, 'give each port a distinct name');
      else names.add(port.name);
    }
    const cp = port.containerPort;
    if (!isSet(cp) || cp === 0) {
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
  arrayOr(env).forEach((e, i) => {
    if (!isJsonObject(e)) return;
    const p = `${path}[${i}]`;
    if (unsetString(e.name)) {
      report.error(rule, `${p}.name`, 'environment variable name is required', 'set a name');
    } else if (typeof e.name === 'string') {
      const np = envVarNameProblem(e.name);
      if (np) report.error(rule, `${p}.name`, np, 'use letters, digits, "_", "-" and ".", not starting with a digit');
    }
    if (!isSet(e.valueFrom)) return;
    const vf = isJsonObject(e.valueFrom) ? e.valueFrom : {};
    const vp = `${p}.valueFrom`;
    let sources = 0;
    if (isSet(vf.fieldRef)) {
      sources++;
      validateFieldRef(vf.fieldRef, ENV_FIELD_PATHS, `${vp}.fieldRef`, rule, report);
    }
    if (isSet(vf.resourceFieldRef)) {
      sources++;
      validateResourceFieldRef(vf.resourceFieldRef, false, `${vp}.resourceFieldRef`, rule, report);
    }
    for (const k of ['configMapKeyRef', 'secretKeyRef']) {
      if (!isSet(vf[k])) continue;
      sources++;
      const ref = isJsonObject(vf[k]) ? vf[k] : {};
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
export function validateFieldRef(ref: unknown, allowed: string[], path: string, rule: string, report: Report): void {
  if (!isJsonObject(ref)) return;
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
export function validateResourceFieldRef(ref: unknown, volume: boolean, path: string, rule: string, report: Report): void {
  if (!isJsonObject(ref)) return;
  const resource = str(ref.resource);
  if (volume && unsetString(ref.containerName)) {
    report.error(rule, `${path}.containerName`, 'resourceFieldRef in a volume needs a containerName', 'name the container whose resources to expose');
  } else if (resource === '') {
    report.error(rule, `${path}.resource`, 'resourceFieldRef needs a resource', `use one of ${RESOURCE_FIELD_PATHS.join(', ')}`);
  } else if (!RESOURCE_FIELD_PATHS.includes(resource) && !resource.startsWith('requests.hugepages-') && !resource.startsWith('limits.hugepages-')) {
    report.error(rule, `${path}.resource`, `resource ${show(resource)} is not supported`, `use one of ${RESOURCE_FIELD_PATHS.join(', ')}`);
  }
  if (!isSet(ref.divisor)) return;
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
  arrayOr(envFrom).forEach((e, i) => {
    if (!isJsonObject(e)) return;
    const p = `${path}[${i}]`;
    if (typeof e.prefix === 'string' && e.prefix !== '') {
      const pp = envVarNameProblem(e.prefix);
      if (pp) report.error(rule, `${p}.prefix`, `prefix ${pp}`);
    }
    let sources = 0;
    for (const k of ['configMapRef', 'secretRef']) {
      if (!isSet(e[k])) continue;
      sources++;
      const ref = isJsonObject(e[k]) ? e[k] : {};
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
function validateVolumeMounts(c: JsonObject, path: string, rule: string, report: Report, opts: InternalOptions): void {
  const volumes = opts.volumes ?? new Map((opts.extraVolumeNames ?? []).map(n => [n, 'persistentVolumeClaim']));
  const devices = new Map<string, unknown>();
  arrayOr(c.volumeDevices).filter(isJsonObject).forEach(d => devices.set(str(d.name), d.devicePath ?? ''));
  const devicePaths = new Set([...devices.values()]);
  const mounts = new Map<string, unknown>();
  arrayOr(c.volumeMounts).filter(isJsonObject).forEach(m => mounts.set(str(m.name), m.mountPath ?? ''));
  const mountPathsOfAll = new Set([...mounts.values()]);
  const mountPaths = new Set<unknown>();
  const privileged = isJsonObject(c.securityContext) && c.securityContext.privileged === true;
  arrayOr(c.volumeMounts).forEach((m, i) => {
    if (!isJsonObject(m)) return;
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
    if (k130(opts) && isSet(m.recursiveReadOnly)) {
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
  arrayOr(c.volumeDevices).forEach((d, i) => {
    if (!isJsonObject(d)) return;
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
  if (!isJsonObject(lifecycle)) return;
  // k8s 1.30 adds the sleep handler; 1.28's types drop it, so a sleep-only handler is empty there.
  const kinds = k130(opts) ? ['exec', 'httpGet', 'tcpSocket', 'sleep'] : ['exec', 'httpGet', 'tcpSocket'];
  for (const h of ['postStart', 'preStop']) {
    if (isSet(lifecycle[h])) validateHandler(lifecycle[h], kinds, `${path}.${h}`, rule, report, opts.gracePeriod ?? 30);
  }
}

/** validateHandler: exactly one handler type, each valid. */
function validateHandler(handler: unknown, kinds: string[], path: string, rule: string, report: Report, gracePeriod = 30): void {
  const h = isJsonObject(handler) ? handler : {};
  let count = 0;
  for (const k of kinds) {
    if (!isSet(h[k])) continue;
    if (count > 0) {
      report.error(rule, `${path}.${k}`, `only one handler type may be set, but ${k} comes after another`, `keep one of ${kinds.join(', ')}`);
      continue;
    }
    count++;
    const v = isJsonObject(h[k]) ? h[k] : {};
    const p = `${path}.${k}`;
    if (k === 'exec') {
      if (arrayOr(v.command).length === 0) report.error(rule, `${p}.command`, 'an exec handler needs a command', 'set command, e.g. ["sh", "-c", "..."]');
    } else if (k === 'httpGet') {
      // path and scheme are defaulted ("/" and HTTP) by the mutating webhook.
      checkPortNumOrName(v.port ?? 0, `${p}.port`, rule, report);
      checkEnum(v.scheme, ['HTTP', 'HTTPS'], `${p}.scheme`, 'scheme', rule, report);
      arrayOr(v.httpHeaders).forEach(hd => {
        if (!isJsonObject(hd) || typeof hd.name !== 'string') return;
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
    const sleepOnly = isJsonObject(handler) && isSet(handler.sleep) && !kinds.includes('sleep');
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
  if (!isSet(probe)) return;
  const pr = isJsonObject(probe) ? probe : {};
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
  if (kind === 'readiness' && isSet(pr.terminationGracePeriodSeconds)) {
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
  if (!isJsonObject(resources)) return;
  const limits = isJsonObject(resources.limits) ? resources.limits : undefined;
  const requests = isJsonObject(resources.requests) ? resources.requests : undefined;
  const hasCpuMem = (l?: Record<string, unknown>) => !!l && ('cpu' in l || 'memory' in l);
  const hasHuge = (l?: Record<string, unknown>) => !!l && Object.keys(l).some(k => k.startsWith('hugepages-'));
  validateResourceList(limits, undefined, `${path}.limits`, rule, report, 'limits');
  validateResourceList(requests, limits, `${path}.requests`, rule, report, 'requests');
  if (!hasCpuMem(limits) && !hasCpuMem(requests) && (hasHuge(limits) || hasHuge(requests))) {
    report.error(rule, path, 'hugepages need a cpu or memory request or limit', 'add a memory request/limit');
  }
  const claimNames = (opts as InternalOptions).claimNames ?? new Set<string>();
  const seen = new Set<string>();
  arrayOr(resources.claims).forEach((c, i) => {
    if (!isJsonObject(c)) return;
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

export function validateResourceList(
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
