/**
 * SidecarSet (see sidecar-set.ts): the defaulting Kruise runs before admission (containers, probes, volumes, strategy).
 */
import { arrayOr, at, isJsonObject, JsonObject, objectOr } from '../../base/json';
import { str, isSet } from '../core/go-values';

// ---------------------------------------------------------------------------------------------
// Defaulting (apis/apps/defaults SetDefaultsSidecarSet, as far as verdicts depend on it)
// ---------------------------------------------------------------------------------------------

/** Kubernetes' ObjectFieldSelector default: apiVersion v1. */
function defaultFieldRef(ref: unknown): void {
  if (isJsonObject(ref) && !ref.apiVersion) ref.apiVersion = 'v1';
}

function defaultHttpGet(h: unknown): void {
  if (!isJsonObject(h)) return;
  if (!h.path) h.path = '/';
  if (!h.scheme) h.scheme = 'HTTP';
}

/** Kubernetes' probe defaults, which Kruise applies to a sidecar's liveness and readiness probes (not its startup probe). */
function defaultProbe(p: unknown): void {
  if (!isJsonObject(p)) return;
  if (!p.timeoutSeconds) p.timeoutSeconds = 1;
  if (!p.periodSeconds) p.periodSeconds = 10;
  if (!p.successThreshold) p.successThreshold = 1;
  if (!p.failureThreshold) p.failureThreshold = 3;
  defaultHttpGet(p.httpGet);
}

/** Kubernetes' container defaults (SetDefaults_Container) and the probe/lifecycle defaults Kruise adds for sidecars. */
function defaultContainer(c: JsonObject): void {
  if (!c.imagePullPolicy) {
    const image = str(c.image);
    const lastPart = image.slice(image.lastIndexOf('/') + 1);
    const tag = lastPart.includes(':') && !image.includes('@') ? lastPart.slice(lastPart.indexOf(':') + 1) : '';
    c.imagePullPolicy = !image.includes('@') && (tag === '' || tag === 'latest') ? 'Always' : 'IfNotPresent';
  }
  if (!c.terminationMessagePath) c.terminationMessagePath = '/dev/termination-log';
  if (!c.terminationMessagePolicy) c.terminationMessagePolicy = 'File';
  for (const p of arrayOr(c.ports)) if (isJsonObject(p) && !p.protocol) p.protocol = 'TCP';
  for (const e of arrayOr(c.env)) defaultFieldRef(at(e, 'valueFrom', 'fieldRef'));
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  for (const hook of ['postStart', 'preStop']) defaultHttpGet(at(c, 'lifecycle', hook, 'httpGet'));
}

function defaultSidecarContainer(c: unknown, injectPolicy: string): void {
  if (!isJsonObject(c)) return;
  if (!c.podInjectPolicy) c.podInjectPolicy = injectPolicy;
  if (!isJsonObject(c.upgradeStrategy)) c.upgradeStrategy = {};
  const upgradeStrategy = objectOr(c.upgradeStrategy);
  if (!upgradeStrategy.upgradeType) upgradeStrategy.upgradeType = 'ColdUpgrade';
  if (!isJsonObject(c.shareVolumePolicy)) c.shareVolumePolicy = {};
  const shareVolumePolicy = objectOr(c.shareVolumePolicy);
  if (!shareVolumePolicy.type) shareVolumePolicy.type = 'disabled';
  // (A sourceContainerNameFrom without a fieldRef crashes this step upstream: rule 14 reports it from the original.)
  for (const t of arrayOr(c.transferEnv)) defaultFieldRef(at(t, 'sourceContainerNameFrom', 'fieldRef'));
  defaultContainer(c);
}

/** Volume source keys: a volume with none of them becomes an emptyDir. */
function hasVolumeSource(v: JsonObject): boolean {
  return Object.keys(v).some(k => k !== 'name' && isSet(v[k]));
}

/** Kubernetes' volume defaults (SetDefaultPodVolumes), so that two SidecarSets' volumes compare as Kruise compares them. */
function defaultVolume(v: unknown): void {
  if (!isJsonObject(v)) return;
  if (!hasVolumeSource(v)) v.emptyDir = {};
  const set = (o: unknown, key: string, value: unknown) => {
    if (isJsonObject(o) && !isSet(o[key])) o[key] = value;
  };
  set(v.hostPath, 'type', '');
  for (const k of ['secret', 'configMap', 'downwardAPI', 'projected']) set(v[k], 'defaultMode', 420);
  set(v.iscsi, 'iscsiInterface', 'default');
  if (isJsonObject(v.rbd)) {
    set(v.rbd, 'pool', 'rbd');
    set(v.rbd, 'user', 'admin');
    set(v.rbd, 'keyring', '/etc/ceph/keyring');
  }
  if (isJsonObject(v.azureDisk)) {
    set(v.azureDisk, 'cachingMode', 'ReadWrite');
    set(v.azureDisk, 'fsType', 'ext4');
    set(v.azureDisk, 'readOnly', false);
    set(v.azureDisk, 'kind', 'Shared');
  }
  if (isJsonObject(v.scaleIO)) {
    set(v.scaleIO, 'storageMode', 'ThinProvisioned');
    set(v.scaleIO, 'fsType', 'xfs');
  }
  for (const item of arrayOr(at(v, 'downwardAPI', 'items'))) defaultFieldRef(at(item, 'fieldRef'));
  for (const s of arrayOr(at(v, 'projected', 'sources'))) {
    if (!isJsonObject(s)) continue;
    for (const item of arrayOr(at(s, 'downwardAPI', 'items'))) defaultFieldRef(at(item, 'fieldRef'));
    set(s.serviceAccountToken, 'expirationSeconds', 3600);
  }
}

/** Kruise's mutating webhook for SidecarSet (SetDefaultsSidecarSet). */
export function defaults(obj: JsonObject): JsonObject {
  if (!isJsonObject(obj)) return obj;
  if (!isJsonObject(obj.spec)) obj.spec = {};
  const spec = objectOr(obj.spec);
  if (!isJsonObject(spec.updateStrategy)) spec.updateStrategy = {};
  const strategy = objectOr(spec.updateStrategy);
  if (!strategy.type) strategy.type = 'RollingUpdate';
  if (!isSet(strategy.maxUnavailable)) strategy.maxUnavailable = 1;
  if (!isSet(strategy.partition)) strategy.partition = 0;
  for (const c of arrayOr(spec.initContainers)) defaultSidecarContainer(c, 'AfterAppContainer');
  for (const c of arrayOr(spec.containers)) defaultSidecarContainer(c, 'BeforeAppContainer');
  for (const v of arrayOr(spec.volumes)) defaultVolume(v);
  if (!isSet(spec.revisionHistoryLimit)) spec.revisionHistoryLimit = 10;
  for (const p of arrayOr(spec.patchPodMetadata)) if (isJsonObject(p) && !p.patchPolicy) p.patchPolicy = 'Retain';
  const revision = at(spec, 'injectionStrategy', 'revision');
  if (isJsonObject(revision) && !revision.policy) revision.policy = 'Always';
  return obj;
}
