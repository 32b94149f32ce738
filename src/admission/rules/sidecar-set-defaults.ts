/**
 * SidecarSet (see sidecar-set.ts): the defaulting Kruise runs before admission (containers, probes, volumes, strategy).
 */
import { isSet } from './sidecar-set-shared';
import { arr, isObj, str } from '../core/util';

// ---------------------------------------------------------------------------------------------
// Defaulting (apis/apps/defaults SetDefaultsSidecarSet, as far as verdicts depend on it)
// ---------------------------------------------------------------------------------------------

/** Kubernetes' ObjectFieldSelector default: apiVersion v1. */
function defaultFieldRef(ref: unknown): void {
  if (isObj(ref) && !ref.apiVersion) ref.apiVersion = 'v1';
}

function defaultHttpGet(h: unknown): void {
  if (!isObj(h)) return;
  if (!h.path) h.path = '/';
  if (!h.scheme) h.scheme = 'HTTP';
}

/** Kubernetes' probe defaults, which Kruise applies to a sidecar's liveness and readiness probes (not its startup probe). */
function defaultProbe(p: unknown): void {
  if (!isObj(p)) return;
  if (!p.timeoutSeconds) p.timeoutSeconds = 1;
  if (!p.periodSeconds) p.periodSeconds = 10;
  if (!p.successThreshold) p.successThreshold = 1;
  if (!p.failureThreshold) p.failureThreshold = 3;
  defaultHttpGet(p.httpGet);
}

/** Kubernetes' container defaults (SetDefaults_Container) and the probe/lifecycle defaults Kruise adds for sidecars. */
function defaultContainer(c: Record<string, any>): void {
  if (!c.imagePullPolicy) {
    const image = str(c.image);
    const lastPart = image.slice(image.lastIndexOf('/') + 1);
    const tag = lastPart.includes(':') && !image.includes('@') ? lastPart.slice(lastPart.indexOf(':') + 1) : '';
    c.imagePullPolicy = !image.includes('@') && (tag === '' || tag === 'latest') ? 'Always' : 'IfNotPresent';
  }
  if (!c.terminationMessagePath) c.terminationMessagePath = '/dev/termination-log';
  if (!c.terminationMessagePolicy) c.terminationMessagePolicy = 'File';
  for (const p of arr(c.ports)) if (isObj(p) && !p.protocol) p.protocol = 'TCP';
  for (const e of arr(c.env)) if (isObj(e) && isObj(e.valueFrom)) defaultFieldRef(e.valueFrom.fieldRef);
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  if (isObj(c.lifecycle)) {
    for (const hook of ['postStart', 'preStop']) if (isObj(c.lifecycle[hook])) defaultHttpGet(c.lifecycle[hook].httpGet);
  }
}

function defaultSidecarContainer(c: unknown, injectPolicy: string): void {
  if (!isObj(c)) return;
  if (!c.podInjectPolicy) c.podInjectPolicy = injectPolicy;
  if (!isObj(c.upgradeStrategy)) c.upgradeStrategy = {};
  if (!c.upgradeStrategy.upgradeType) c.upgradeStrategy.upgradeType = 'ColdUpgrade';
  if (!isObj(c.shareVolumePolicy)) c.shareVolumePolicy = {};
  if (!c.shareVolumePolicy.type) c.shareVolumePolicy.type = 'disabled';
  // (A sourceContainerNameFrom without a fieldRef crashes this step upstream: rule 14 reports it from the original.)
  for (const t of arr(c.transferEnv)) if (isObj(t) && isObj(t.sourceContainerNameFrom)) defaultFieldRef(t.sourceContainerNameFrom.fieldRef);
  defaultContainer(c);
}

/** Volume source keys: a volume with none of them becomes an emptyDir. */
function hasVolumeSource(v: Record<string, any>): boolean {
  return Object.keys(v).some(k => k !== 'name' && isSet(v[k]));
}

/** Kubernetes' volume defaults (SetDefaultPodVolumes), so that two SidecarSets' volumes compare as Kruise compares them. */
function defaultVolume(v: unknown): void {
  if (!isObj(v)) return;
  if (!hasVolumeSource(v)) v.emptyDir = {};
  const set = (o: unknown, key: string, value: unknown) => {
    if (isObj(o) && !isSet(o[key])) o[key] = value;
  };
  set(v.hostPath, 'type', '');
  for (const k of ['secret', 'configMap', 'downwardAPI', 'projected']) set(v[k], 'defaultMode', 420);
  set(v.iscsi, 'iscsiInterface', 'default');
  if (isObj(v.rbd)) {
    set(v.rbd, 'pool', 'rbd');
    set(v.rbd, 'user', 'admin');
    set(v.rbd, 'keyring', '/etc/ceph/keyring');
  }
  if (isObj(v.azureDisk)) {
    set(v.azureDisk, 'cachingMode', 'ReadWrite');
    set(v.azureDisk, 'fsType', 'ext4');
    set(v.azureDisk, 'readOnly', false);
    set(v.azureDisk, 'kind', 'Shared');
  }
  if (isObj(v.scaleIO)) {
    set(v.scaleIO, 'storageMode', 'ThinProvisioned');
    set(v.scaleIO, 'fsType', 'xfs');
  }
  if (isObj(v.downwardAPI)) for (const item of arr(v.downwardAPI.items)) if (isObj(item)) defaultFieldRef(item.fieldRef);
  if (isObj(v.projected)) {
    for (const s of arr(v.projected.sources)) {
      if (!isObj(s)) continue;
      if (isObj(s.downwardAPI)) for (const item of arr(s.downwardAPI.items)) if (isObj(item)) defaultFieldRef(item.fieldRef);
      set(s.serviceAccountToken, 'expirationSeconds', 3600);
    }
  }
}

/** Kruise's mutating webhook for SidecarSet (SetDefaultsSidecarSet). */
export function defaults(obj: any): any {
  if (!isObj(obj)) return obj;
  if (!isObj(obj.spec)) obj.spec = {};
  const spec = obj.spec;
  if (!isObj(spec.updateStrategy)) spec.updateStrategy = {};
  const strategy = spec.updateStrategy;
  if (!strategy.type) strategy.type = 'RollingUpdate';
  if (!isSet(strategy.maxUnavailable)) strategy.maxUnavailable = 1;
  if (!isSet(strategy.partition)) strategy.partition = 0;
  for (const c of arr(spec.initContainers)) defaultSidecarContainer(c, 'AfterAppContainer');
  for (const c of arr(spec.containers)) defaultSidecarContainer(c, 'BeforeAppContainer');
  for (const v of arr(spec.volumes)) defaultVolume(v);
  if (!isSet(spec.revisionHistoryLimit)) spec.revisionHistoryLimit = 10;
  for (const p of arr(spec.patchPodMetadata)) if (isObj(p) && !p.patchPolicy) p.patchPolicy = 'Retain';
  if (isObj(spec.injectionStrategy) && isObj(spec.injectionStrategy.revision) && !spec.injectionStrategy.revision.policy) {
    spec.injectionStrategy.revision.policy = 'Always';
  }
  return obj;
}
