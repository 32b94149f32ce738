import { show, qualifiedNameProblem, validateAnnotations, validateObjectMeta } from '../core/names';
import { podOptionsFor, validatePodSpec } from '../core/pod';
import { isEmptySelector, pinnedSelectorValues, selectorMatches, selectorsOverlap, validateLabelSelector } from '../core/selector';
import { arr, cloneJson, isObj, str } from '../core/util';
import { AdmissionContext, atLeast, KindAdmission, Report } from '../types';
import { peerCache, peerPosition } from './peers';

/*
 * SidecarSet (apps.kruise.io/v1alpha1, cluster-scoped): Kruise's defaulting and
 * CREATE-time admission (ADMISSION.md, SidecarSet, rules 1-18; 1.8 changes from
 * ADMISSION-DELTA §2). Rule ids `SidecarSet/<name>`; each check below names its
 * rule number.
 */

const KIND = 'SidecarSet';
const GROUP = 'apps.kruise.io';
const NAME_MAX = 63;
/** The kruise-configuration key that lists which pod annotations SidecarSets may patch. */
const PATCH_WHITELIST_KEY = 'SidecarSet_PatchPodMetadata_WhiteList';
const PATCH_GATE = 'SidecarSetPatchPodMetadataDefaultsAllowed';

function isSet(v: unknown): boolean {
  return v !== undefined && v !== null;
}

function sidecarSetNameProblem(name: string): string | undefined {
  if (!/^[a-zA-Z0-9-]+$/.test(name)) return "Kruise accepts SidecarSet names of letters, digits and '-' only";
  if (name.length > NAME_MAX) return `Kruise accepts SidecarSet names of at most ${NAME_MAX} characters (this one has ${name.length})`;
  return undefined;
}

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
function defaults(obj: any): any {
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

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

/** Kruise's validateSelector for SidecarSets: a valid label selector that selects by something. */
function checkSelector(sel: unknown, path: string, rule: string, report: Report): void {
  if (!isObj(sel)) {
    report.error(rule, path, `${path} must be a label selector object, not ${show(sel)}`);
    return;
  }
  validateLabelSelector(sel, path, rule, report);
  if (isEmptySelector(sel)) {
    report.error(rule, path, `${path} is empty; Kruise refuses an empty selector for a SidecarSet`,
      'select by at least one label (matchLabels or matchExpressions)');
  }
}

/** Kubernetes' ValidatePositiveIntOrPercent: an int >= 0, or a string of digits and '%'. */
function positiveIntOrPercentProblem(v: unknown): string | undefined {
  if (typeof v === 'string') return /^[0-9]+%$/.test(v) ? undefined : `${show(v)} is not a percentage such as "20%"`;
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) return `${v} is not a whole number`;
    return v < 0 ? `${v} is negative` : undefined;
  }
  return `${show(v)} is neither a whole number nor a percentage`;
}

/** Rules 8-10 (and 1.8's SS-2): the RollingUpdate strategy's selector, partition, maxUnavailable, priority and scatter. */
function checkUpdateStrategy(strategy: Record<string, any>, ctx: AdmissionContext, report: Report): void {
  if (strategy.type !== 'RollingUpdate') return;
  const base = 'spec.updateStrategy';
  // 1.8 (SS-2): a partition that is "set" (a string, or an int other than 0) together with a selector.
  const partitionSet = typeof strategy.partition === 'string' || (typeof strategy.partition === 'number' && strategy.partition !== 0);
  if (atLeast(ctx, '1.8') && partitionSet && isSet(strategy.selector)) {
    report.error(`${KIND}/partition-with-selector`, base,
      `updateStrategy sets both partition ${show(strategy.partition)} and a selector; Kruise 1.8 refuses them together`,
      'roll out either to the pods the selector picks, or by partition, not both');
  }
  if (isSet(strategy.selector)) checkSelector(strategy.selector, `${base}.selector`, `${KIND}/update-selector`, report);
  for (const [field, rule] of [['partition', 'partition'], ['maxUnavailable', 'max-unavailable']]) {
    if (!isSet(strategy[field])) continue;
    const problem = positiveIntOrPercentProblem(strategy[field]);
    if (problem) {
      report.error(`${KIND}/${rule}`, `${base}.${field}`, `updateStrategy.${field}: ${problem}`,
        'use a whole number >= 0 or a percentage such as "20%"');
    }
  }
  const mu = strategy.maxUnavailable;
  if (mu === 0 || (typeof mu === 'string' && /^0+%$/.test(mu))) {
    report.warning(`${KIND}/max-unavailable`, `${base}.maxUnavailable`,
      `updateStrategy.maxUnavailable ${show(mu)}: Kruise admits it, but then no pod is ever updated`,
      'use at least 1 (the default) or a positive percentage');
  }
  // Rule 10: priority and scatter strategies (FieldsValidation).
  const priority = strategy.priorityStrategy;
  if (isObj(priority)) {
    const rule = `${KIND}/update-priority`;
    const weights = arr(priority.weightPriority);
    const orders = arr(priority.orderPriority);
    if (weights.length > 0 && orders.length > 0) {
      report.error(rule, `${base}.priorityStrategy`, 'priorityStrategy sets both weightPriority and orderPriority; Kruise takes one of them',
        'keep weightPriority or orderPriority');
    }
    weights.forEach((w, i) => {
      const p = `${base}.priorityStrategy.weightPriority[${i}]`;
      const term = isObj(w) ? w : {};
      if (typeof term.weight === 'number' && (term.weight < 0 || term.weight > 100)) {
        report.error(rule, `${p}.weight`, `weight ${term.weight} is outside 0-100`, 'use a weight from 0 to 100');
      }
      if (!isObj(term.matchSelector) || isEmptySelector(term.matchSelector)) {
        report.error(rule, `${p}.matchSelector`, 'the weight term has no matchSelector; Kruise refuses an empty one', 'select pods by labels, e.g. {matchLabels: {tier: canary}}');
      } else {
        validateLabelSelector(term.matchSelector, `${p}.matchSelector`, rule, report);
      }
    });
    orders.forEach((o, i) => {
      if (!isObj(o) || str(o.orderedKey) === '') {
        report.error(rule, `${base}.priorityStrategy.orderPriority[${i}].orderedKey`, 'the order term has no orderedKey', 'name the pod label whose value orders the update');
      }
    });
  }
  if (Array.isArray(strategy.scatterStrategy)) {
    const seen = new Set<string>();
    strategy.scatterStrategy.forEach((t: unknown, i: number) => {
      const term = isObj(t) ? t : {};
      const p = `${base}.scatterStrategy[${i}]`;
      if (str(term.key) === '') {
        report.error(`${KIND}/update-scatter`, `${p}.key`, 'the scatter term has no key', 'name the pod label to scatter by');
        return;
      }
      const id = `${str(term.key)}:${str(term.value)}`;
      if (seen.has(id)) {
        report.error(`${KIND}/update-scatter`, p, `the scatter term ${show(term.key)}=${show(str(term.value))} is given twice`, 'list each key and value once');
      }
      seen.add(id);
    });
  }
}

/**
 * Go's fieldpath.SplitMaybeSubscriptedPath: `metadata.labels['k']` as
 * `['metadata.labels', 'k']`, or undefined when the path has no subscript.
 */
function splitSubscript(path: string): [string, string] | undefined {
  if (!path.endsWith("']")) return undefined;
  const s = path.slice(0, -2);
  const at = s.indexOf("['");
  if (at <= 0) return undefined;
  return [s.slice(0, at), s.slice(at + 2)];
}

/** Rule 14: a transferEnv fieldRef names a pod label or annotation: `metadata.labels['k']` / `metadata.annotations['k']` of apiVersion v1. */
function checkTransferEnv(container: Record<string, any>, written: unknown, p: string, report: Report): void {
  const rule = `${KIND}/transfer-env`;
  const writtenList = isObj(written) ? arr(written.transferEnv) : [];
  arr(container.transferEnv).forEach((t, j) => {
    if (!isObj(t) || !isObj(t.sourceContainerNameFrom)) return;
    const base = `${p}.transferEnv[${j}].sourceContainerNameFrom.fieldRef`;
    const wt = writtenList[j];
    if (isObj(wt) && isObj(wt.sourceContainerNameFrom) && !isObj(wt.sourceContainerNameFrom.fieldRef)) {
      report.error(rule, base, 'sourceContainerNameFrom has no fieldRef; Kruise\'s defaulting webhook fails on it, so the SidecarSet is refused',
        "set fieldRef, e.g. {fieldPath: \"metadata.labels['sidecar-source']\"}, or use sourceContainerName");
      return;
    }
    const ref = t.sourceContainerNameFrom.fieldRef;
    if (!isObj(ref)) return;
    const fieldPath = str(ref.fieldPath);
    if (str(ref.apiVersion) === '') {
      report.error(rule, `${base}.apiVersion`, 'the fieldRef has no apiVersion', 'set apiVersion: v1');
      return;
    }
    if (fieldPath === '') {
      report.error(rule, `${base}.fieldPath`, 'the fieldRef has no fieldPath', "set fieldPath, e.g. \"metadata.labels['sidecar-source']\"");
      return;
    }
    const fix = "use metadata.labels['<key>'] or metadata.annotations['<key>']";
    if (ref.apiVersion !== 'v1') {
      report.error(rule, `${base}.apiVersion`, `fieldRef apiVersion ${show(ref.apiVersion)} is not supported; only v1 is`, 'set apiVersion: v1');
      return;
    }
    const split = splitSubscript(fieldPath);
    if (!split || (split[0] !== 'metadata.labels' && split[0] !== 'metadata.annotations')) {
      report.error(rule, `${base}.fieldPath`,
        `fieldPath ${show(fieldPath)} is not supported here; a SidecarSet reads the source container's name only from a pod label or annotation`, fix);
      return;
    }
    const [where, key] = split;
    const problem = qualifiedNameProblem(where === 'metadata.annotations' ? key.toLowerCase() : key);
    if (problem) report.error(rule, base, `the ${where === 'metadata.labels' ? 'label' : 'annotation'} key in ${show(fieldPath)}: ${problem}`, fix);
  });
}

/** Kruise does not default a sidecar's startup probe, and Kubernetes then requires successThreshold 1 and an httpGet path and scheme. */
function checkStartupProbe(c: Record<string, any>, p: string, rule: string, report: Report): void {
  const probe = c.startupProbe;
  if (!isObj(probe)) return;
  if (!isSet(probe.successThreshold) || probe.successThreshold === 0) {
    report.error(rule, `${p}.startupProbe.successThreshold`,
      'the startup probe has no successThreshold; Kruise does not default it for a SidecarSet, and Kubernetes requires 1', 'set successThreshold: 1');
  }
  if (isObj(probe.httpGet)) {
    if (str(probe.httpGet.path) === '') {
      report.error(rule, `${p}.startupProbe.httpGet.path`, 'the startup probe\'s httpGet has no path; Kruise does not default it for a SidecarSet', "set path, e.g. '/healthz'");
    }
    if (!isSet(probe.httpGet.scheme)) {
      report.error(rule, `${p}.startupProbe.httpGet.scheme`, 'the startup probe\'s httpGet has no scheme; Kruise does not default it for a SidecarSet', 'set scheme: HTTP (or HTTPS)');
    }
  }
}

/** Rule 15: Kubernetes' pod validation over a pod made of the SidecarSet's init containers, containers and volumes. */
function checkContainers(spec: Record<string, any>, ctx: AdmissionContext, report: Report): void {
  const rule = `${KIND}/containers`;
  const containers = arr(spec.containers);
  const initContainers = arr(spec.initContainers);
  // Kruise validates a fake pod; with no containers it adds one ("test", busybox) so that the pod is complete.
  const fakePod = {
    initContainers,
    containers: containers.length > 0 ? containers
      : [{ name: 'test', image: 'busybox', imagePullPolicy: 'IfNotPresent', terminationMessagePolicy: 'File' }],
    volumes: spec.volumes,
    restartPolicy: 'Always',
    dnsPolicy: 'ClusterFirst',
    serviceAccountName: 'default',
  };
  // From 1.8 the fake pod is validated with Kubernetes 1.30's rules. The container and volume schemas of the
  // SidecarSet CRD keep unknown fields, so the 1.30 fields (sleep, recursiveReadOnly, ...) reach the webhook.
  validatePodSpec(fakePod, 'spec', rule, report, podOptionsFor(ctx, { forPod: true }));
  for (const [list, key] of [[initContainers, 'initContainers'], [containers, 'containers']] as const) {
    list.forEach((c, i) => {
      if (!isObj(c)) return;
      const p = `spec.${key}[${i}]`;
      if (key === 'containers' || c.restartPolicy === 'Always') checkStartupProbe(c, p, rule, report);
      // 1.8 (ADMISSION-DELTA K8S-3, procMount Unmasked needs hostUsers false): the core check, with the 1.8 options.
    });
  }
}

/** The kruise-configuration ConfigMap among the reviewed objects, if any (the first). */
function kruiseConfiguration(ctx: AdmissionContext): Record<string, any> | undefined {
  return peerCache(ctx, 'SidecarSet/kruise-configuration', peers => peers.find(p => isObj(p) && p.kind === 'ConfigMap' && p.apiVersion === 'v1'
    && isObj(p.metadata) && p.metadata.name === 'kruise-configuration'));
}

/** Whether a ControllerRevision named `name` is among the reviewed objects (rule 6). */
function hasControllerRevision(ctx: AdmissionContext, name: string): boolean {
  return peerCache(ctx, 'SidecarSet/controller-revisions', peers => new Set(peers
    .filter(p => isObj(p) && p.kind === 'ControllerRevision' && isObj(p.metadata) && typeof p.metadata.name === 'string')
    .map(p => p.metadata.name as string))).has(name);
}

/**
 * Rule 16: patching pod annotations needs the whitelist in the
 * kruise-configuration ConfigMap (read when it is among the reviewed objects),
 * or, without a whitelist, the gate SidecarSetPatchPodMetadataDefaultsAllowed.
 */
function checkPatchWhitelist(obj: any, patches: Record<string, any>[], ctx: AdmissionContext, report: Report): void {
  const rule = `${KIND}/patch-pod-metadata-allowed`;
  const path = 'spec.patchPodMetadata';
  const gate = ctx.gate?.(PATCH_GATE);
  const config = kruiseConfiguration(ctx);
  const raw = config && isObj(config.data) ? config.data[PATCH_WHITELIST_KEY] : undefined;
  if (typeof raw !== 'string') {
    if (config && gate === false) {
      report.error(rule, path, `the kruise-configuration ConfigMap has no ${PATCH_WHITELIST_KEY} entry and the gate ${PATCH_GATE} is off, so Kruise refuses any patchPodMetadata`,
        `list the annotation keys in ${PATCH_WHITELIST_KEY} of kruise-configuration, or turn on the gate ${PATCH_GATE}`);
    } else if (gate !== true) {
      report.warning(rule, path,
        `Kruise admits patchPodMetadata only when the ${PATCH_WHITELIST_KEY} entry of the kruise-configuration ConfigMap allows these annotation keys, or when there is no such entry and the gate ${PATCH_GATE} is on`,
        `allow the keys in kruise-configuration, or turn on the gate ${PATCH_GATE}`);
    }
    return;
  }
  let whitelist: any;
  try {
    whitelist = JSON.parse(raw);
  } catch {
    report.error(rule, path, `the ${PATCH_WHITELIST_KEY} entry of kruise-configuration is not valid JSON, so Kruise refuses any patchPodMetadata`, 'fix the ConfigMap entry');
    return;
  }
  const patterns: RegExp[] = [];
  for (const r of arr(isObj(whitelist) ? whitelist.rules : undefined)) {
    if (!isObj(r)) continue;
    if (isSet(r.selector) && !selectorMatches(r.selector, obj?.metadata?.labels)) continue;
    for (const expr of arr(r.allowedAnnotationKeyExprs)) {
      try {
        patterns.push(new RegExp(str(expr)));
      } catch {
        return; // Go's regexp syntax differs from JavaScript's in places: say nothing rather than guess.
      }
    }
  }
  if (patterns.length === 0) {
    if (gate === false) {
      report.error(rule, path, `no rule of ${PATCH_WHITELIST_KEY} in kruise-configuration applies to this SidecarSet and the gate ${PATCH_GATE} is off`,
        `allow the keys in kruise-configuration, or turn on the gate ${PATCH_GATE}`);
    } else if (gate === undefined) {
      report.warning(rule, path, `no rule of ${PATCH_WHITELIST_KEY} in kruise-configuration applies to this SidecarSet; Kruise admits it only with the gate ${PATCH_GATE} on`,
        `allow the keys in kruise-configuration, or turn on the gate ${PATCH_GATE}`);
    }
    return;
  }
  patches.forEach((patch, i) => {
    for (const key of Object.keys(isObj(patch.annotations) ? patch.annotations : {})) {
      if (!patterns.some(re => re.test(key))) {
        report.error(rule, `${path}[${i}].annotations[${show(key)}]`, `annotation ${show(key)} is not allowed by ${PATCH_WHITELIST_KEY} in kruise-configuration`,
          'allow the key in kruise-configuration, or do not patch it');
      }
    }
  });
}

/** Rule 17: each patch has valid annotations and a policy; no annotation key in two patches. */
function checkPatches(patches: Record<string, any>[], report: Report): void {
  const rule = `${KIND}/patch-pod-metadata`;
  const keys = new Set<string>();
  patches.forEach((patch, i) => {
    const p = `spec.patchPodMetadata[${i}]`;
    const annotations = isObj(patch.annotations) ? patch.annotations : {};
    if (Object.keys(annotations).length === 0) {
      report.error(rule, `${p}.annotations`, 'the patch has no annotations', 'give the annotations to patch, or remove the entry');
    } else {
      validateAnnotations(annotations, `${p}.annotations`, rule, report);
    }
    if (str(patch.patchPolicy) === '') {
      report.error(rule, `${p}.patchPolicy`, 'the patch has no patchPolicy', 'set patchPolicy: Retain, Overwrite or MergePatchJson');
    }
    for (const key of Object.keys(annotations)) {
      if (keys.has(key)) {
        report.error(rule, `${p}.annotations[${show(key)}]`, `annotation ${show(key)} is patched by an earlier entry too`, 'patch each annotation in one entry only');
      }
      keys.add(key);
    }
  });
}

/** Whether two JSON values are equal as Go would decode them (key order and null members ignored). */
function jsonEqual(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  }
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a).filter(k => isSet(a[k]));
    const kb = Object.keys(b).filter(k => isSet(b[k]));
    return ka.length === kb.length && ka.every(k => jsonEqual(a[k], b[k]));
  }
  return a === b;
}

/** The labels of a Namespace among the reviewed objects (the first of that name), or undefined when it is not there. */
function namespaceLabels(ctx: AdmissionContext, name: string): Record<string, unknown> | undefined {
  const namespaces = peerCache(ctx, 'SidecarSet/namespaces', peers => {
    const out = new Map<string, Record<string, unknown>>();
    for (const p of peers) {
      if (!isObj(p) || p.kind !== 'Namespace' || p.apiVersion !== 'v1' || !isObj(p.metadata) || typeof p.metadata.name !== 'string') continue;
      if (!out.has(p.metadata.name)) out.set(p.metadata.name, isObj(p.metadata.labels) ? p.metadata.labels : {});
    }
    return out;
  });
  return namespaces.get(name);
}

/** Kruise's isSidecarSetNamespaceOverlapping (an unknown namespace matches no selector, as a failed lookup does upstream). */
function namespacesOverlap(a: Record<string, any>, b: Record<string, any>, ctx: AdmissionContext): boolean {
  const an = str(a.namespace);
  const bn = str(b.namespace);
  if (an !== '' && bn !== '' && an !== bn) return false;
  const as = a.namespaceSelector;
  const bs = b.namespaceSelector;
  if (isSet(as) && isSet(bs) && !selectorsOverlap(as, bs)) return false;
  const inNamespace = (ns: string, sel: unknown) => {
    const labels = namespaceLabels(ctx, ns);
    return labels !== undefined && isSet(sel) && selectorMatches(sel, labels);
  };
  if (an !== '' && isSet(bs) && !inNamespace(an, bs)) return false;
  // Upstream tests the other SidecarSet's namespace against the other's own (absent) selector here, which never matches.
  if (bn !== '' && isSet(as) && !inNamespace(bn, bs)) return false;
  return true;
}

function isSidecarSet(p: any): boolean {
  return isObj(p) && p.kind === KIND && typeof p.apiVersion === 'string' && p.apiVersion.split('/')[0] === GROUP;
}

/**
 * The reviewed SidecarSets, indexed for rule 18. SidecarSets limited to two
 * different namespaces never overlap (namespacesOverlap), so they are grouped
 * by spec.namespace. Two selectors that pin a common key to disjoint value
 * sets never overlap (pinnedSelectorValues), so within a group each
 * SidecarSet is filed under one key its selector pins (the one most
 * SidecarSets pin), by value; a SidecarSet that pins no key is a wildcard.
 */
interface SidecarSetIndex {
  readonly peers: ReadonlyArray<any>;
  /** Per spec.namespace (`''` for none): the SidecarSets by selector. */
  readonly byNamespace: Map<string, SelectorBuckets>;
  /** The first position of a SidecarSet of each name. */
  readonly firstByName: Map<string, number>;
  /** The SidecarSets defaulted as Kruise stores them, by position (filled on demand). */
  readonly defaulted: Map<number, any>;
  /** Every SidecarSet's position, ascending. */
  readonly all: number[];
  /** Which SidecarSets hold each name rule 18 compares (built on first use). */
  holders?: Holders;
}

/** Per init container name, container name, volume name and Overwrite/MergePatchJson-patched annotation: the positions of the SidecarSets that have it, ascending. */
interface Holders {
  readonly initContainers: Map<string, number[]>;
  readonly containers: Map<string, number[]>;
  readonly volumes: Map<string, number[]>;
  readonly annotations: Map<string, number[]>;
}

interface SelectorBuckets {
  /** How many SidecarSets the buckets hold. */
  size: number;
  /** Positions of the SidecarSets whose selector pins no key (they may overlap anything). */
  readonly wildcard: number[];
  /** Per filing key: every SidecarSet filed under it, and those by pinned value. */
  readonly byKey: Map<string, { all: number[]; byValue: Map<string, number[]> }>;
}

function sidecarSetIndex(ctx: AdmissionContext): SidecarSetIndex {
  return peerCache(ctx, 'SidecarSet/overlap', (peers) => {
    const sets: Array<[number, string, Map<string, string[]>]> = [];
    const firstByName = new Map<string, number>();
    const frequency = new Map<string, number>();
    peers.forEach((p, i) => {
      if (!isSidecarSet(p)) return;
      const name = str(p.metadata?.name);
      if (!firstByName.has(name)) firstByName.set(name, i);
      // Defaulting leaves the selector and the namespace as written (a spec that is not an object becomes {}).
      const spec = isObj(p.spec) ? p.spec : {};
      const pinned = pinnedSelectorValues(spec.selector);
      for (const k of pinned.keys()) frequency.set(k, (frequency.get(k) ?? 0) + 1);
      sets.push([i, str(spec.namespace), pinned]);
    });
    const index: SidecarSetIndex = { peers, byNamespace: new Map(), firstByName, defaulted: new Map(), all: sets.map(([i]) => i) };
    for (const [i, namespace, pinned] of sets) {
      let buckets = index.byNamespace.get(namespace);
      if (!buckets) index.byNamespace.set(namespace, buckets = { size: 0, wildcard: [], byKey: new Map() });
      buckets.size++;
      let key: string | undefined;
      for (const k of pinned.keys()) {
        if (key === undefined || frequency.get(k)! > frequency.get(key)! || (frequency.get(k) === frequency.get(key) && k < key)) key = k;
      }
      if (key === undefined) {
        buckets.wildcard.push(i);
        continue;
      }
      let entry = buckets.byKey.get(key);
      if (!entry) buckets.byKey.set(key, entry = { all: [], byValue: new Map() });
      entry.all.push(i);
      for (const v of new Set(pinned.get(key))) {
        const list = entry.byValue.get(v);
        if (list) list.push(i);
        else entry.byValue.set(v, [i]);
      }
    }
    return index;
  });
}

/**
 * The positions before `end` of the SidecarSets that may overlap a SidecarSet
 * limited to `namespace` (`''` for none) with `selector`, ascending: all but
 * those limited to another namespace, and those filed under a key `selector`
 * pins with none of its values.
 */
function overlapCandidates(index: SidecarSetIndex, namespace: string, selector: unknown, end: number): number[] {
  const pinned = pinnedSelectorValues(selector);
  const out = new Set<number>();
  const take = (list: readonly number[] | undefined) => {
    for (const i of list ?? []) {
      if (i >= end) break;
      out.add(i);
    }
  };
  for (const buckets of bucketsFor(index, namespace)) {
    take(buckets.wildcard);
    for (const [key, entry] of buckets.byKey) {
      const values = pinned.get(key);
      if (values === undefined) take(entry.all);
      else for (const v of values) take(entry.byValue.get(v));
    }
  }
  return [...out].sort((a, b) => a - b);
}

/** The buckets of the SidecarSets that a SidecarSet limited to `namespace` (`''` for none) may overlap. */
function bucketsFor(index: SidecarSetIndex, namespace: string): SelectorBuckets[] {
  if (namespace === '') return [...index.byNamespace.values()];
  return [index.byNamespace.get(''), index.byNamespace.get(namespace)].filter((b): b is SelectorBuckets => b !== undefined);
}

/** An upper bound of the number of {@link overlapCandidates}: the lengths of the lists it would take. */
function overlapCandidateBound(index: SidecarSetIndex, namespace: string, selector: unknown): number {
  const pinned = pinnedSelectorValues(selector);
  let n = 0;
  for (const buckets of bucketsFor(index, namespace)) {
    n += buckets.size;
    // Under a key the selector pins, only the lists of its values are taken.
    for (const [key, values] of pinned) {
      const entry = buckets.byKey.get(key);
      if (entry === undefined) continue;
      n -= entry.all.length;
      for (const v of values) n += entry.byValue.get(v)?.length ?? 0;
    }
  }
  return n;
}

function holdersOf(index: SidecarSetIndex): Holders {
  if (index.holders) return index.holders;
  const holders: Holders = { initContainers: new Map(), containers: new Map(), volumes: new Map(), annotations: new Map() };
  const add = (map: Map<string, number[]>, name: string, i: number) => {
    const list = map.get(name);
    if (!list) map.set(name, [i]);
    else if (list[list.length - 1] !== i) list.push(i);
  };
  for (const i of index.all) {
    const spec = defaultedPeer(index, i).spec;
    for (const c of arr(spec.initContainers)) if (isObj(c)) add(holders.initContainers, str(c.name), i);
    for (const c of arr(spec.containers)) if (isObj(c)) add(holders.containers, str(c.name), i);
    for (const v of arr(spec.volumes)) if (isObj(v)) add(holders.volumes, str(v.name), i);
    for (const patch of arr(spec.patchPodMetadata)) {
      if (!isObj(patch) || patch.patchPolicy === 'Retain') continue;
      for (const key of Object.keys(isObj(patch.annotations) ? patch.annotations : {})) add(holders.annotations, key, i);
    }
  }
  index.holders = holders;
  return holders;
}

/** What rule 18 compares a SidecarSet with: per name, the last earlier overlapping SidecarSet that has it (its name, and the volume or the patch policy). */
interface ConflictMaps {
  readonly initNames: Map<string, string>;
  readonly names: Map<string, string>;
  readonly volumes: Map<string, [string, unknown]>;
  readonly annotations: Map<string, [string, string]>;
}

/** The maps of rule 18 from the list of the earlier overlapping SidecarSets (defaulted), in order: the last one wins. */
function conflictMapsOf(earlier: readonly any[]): ConflictMaps {
  const maps: ConflictMaps = { initNames: new Map(), names: new Map(), volumes: new Map(), annotations: new Map() };
  for (const other of earlier) {
    const otherName = str(other.metadata?.name);
    for (const c of arr(other.spec.initContainers)) if (isObj(c)) maps.initNames.set(str(c.name), otherName);
    for (const c of arr(other.spec.containers)) if (isObj(c)) maps.names.set(str(c.name), otherName);
    for (const v of arr(other.spec.volumes)) if (isObj(v)) maps.volumes.set(str(v.name), [otherName, v]);
    for (const patch of arr(other.spec.patchPodMetadata)) {
      if (!isObj(patch) || patch.patchPolicy === 'Retain') continue;
      for (const key of Object.keys(isObj(patch.annotations) ? patch.annotations : {})) {
        maps.annotations.set(key, [otherName, str(patch.patchPolicy)]);
      }
    }
  }
  return maps;
}

/**
 * The same maps, restricted to the names `spec` has, found from the other
 * end: for each name, the SidecarSets that have it, from the last before
 * `end` back to the first that overlaps. Fast when overlapping SidecarSets
 * are many (then the first tried usually overlaps); undefined when more than
 * `budget` overlap tests would be needed.
 */
function conflictMapsByName(index: SidecarSetIndex, spec: Record<string, any>, name: string, end: number,
  overlaps: (other: any) => boolean, budget: number): ConflictMaps | undefined {
  const holders = holdersOf(index);
  const tested = new Map<number, boolean>();
  let left = budget;
  /** The last overlapping SidecarSet in `list` before `end`, -1 when none, undefined when over budget. */
  const lastOverlapping = (list: readonly number[] | undefined): number | undefined => {
    if (list === undefined) return -1;
    let hi = list.length;
    for (let lo = 0; lo < hi;) {
      const mid = Math.floor((lo + hi) / 2);
      if (list[mid] < end) lo = mid + 1;
      else hi = mid;
    }
    for (let k = hi - 1; k >= 0; k--) {
      const i = list[k];
      let ok = tested.get(i);
      if (ok === undefined) {
        if (--left < 0) return undefined;
        const other = defaultedPeer(index, i);
        ok = str(other.metadata?.name) !== name && overlaps(other);
        tested.set(i, ok);
      }
      if (ok) return i;
    }
    return -1;
  };
  const maps: ConflictMaps = { initNames: new Map(), names: new Map(), volumes: new Map(), annotations: new Map() };
  const nameOf = (i: number) => str(defaultedPeer(index, i).metadata?.name);
  const byContainerName = [
    [arr(spec.initContainers), holders.initContainers, maps.initNames],
    [arr(spec.containers), holders.containers, maps.names],
  ] as const;
  for (const [list, holding, map] of byContainerName) {
    for (const c of list) {
      if (!isObj(c) || map.has(str(c.name))) continue;
      const i = lastOverlapping(holding.get(str(c.name)));
      if (i === undefined) return undefined;
      if (i >= 0) map.set(str(c.name), nameOf(i));
    }
  }
  for (const v of arr(spec.volumes)) {
    if (!isObj(v) || maps.volumes.has(str(v.name))) continue;
    const i = lastOverlapping(holders.volumes.get(str(v.name)));
    if (i === undefined) return undefined;
    if (i < 0) continue;
    const theirs = arr(defaultedPeer(index, i).spec.volumes).filter(w => isObj(w) && str(w.name) === str(v.name));
    maps.volumes.set(str(v.name), [nameOf(i), theirs[theirs.length - 1]]);
  }
  for (const patch of arr(spec.patchPodMetadata)) {
    if (!isObj(patch) || patch.patchPolicy === 'Retain') continue;
    for (const key of Object.keys(isObj(patch.annotations) ? patch.annotations : {})) {
      if (maps.annotations.has(key)) continue;
      const i = lastOverlapping(holders.annotations.get(key));
      if (i === undefined) return undefined;
      if (i < 0) continue;
      const theirs = arr(defaultedPeer(index, i).spec.patchPodMetadata)
        .filter(q => isObj(q) && q.patchPolicy !== 'Retain' && isObj(q.annotations) && Object.keys(q.annotations).includes(key));
      maps.annotations.set(key, [nameOf(i), str(theirs[theirs.length - 1].patchPolicy)]);
    }
  }
  return maps;
}

function defaultedPeer(index: SidecarSetIndex, i: number): any {
  let d = index.defaulted.get(i);
  if (d === undefined) index.defaulted.set(i, d = defaults(cloneJson(index.peers[i])));
  return d;
}

/**
 * Rule 18: no init container or container name, no differing volume of the
 * same name and no Overwrite-patched annotation shared with another SidecarSet
 * that can select the same pods. Cluster state: checked against the reviewed
 * SidecarSets that would exist before this one.
 */
function checkConflicts(obj: any, spec: Record<string, any>, ctx: AdmissionContext, report: Report, original: any): void {
  const index = sidecarSetIndex(ctx);
  const name = str(obj?.metadata?.name);
  let at = peerPosition(ctx, original);
  if (at < 0) at = index.firstByName.get(name) ?? -1;
  const end = at < 0 ? Number.MAX_SAFE_INTEGER : at;
  if (!isSet(spec.selector)) return;
  const overlaps = (p: any) => namespacesOverlap(spec, p.spec, ctx) && selectorsOverlap(spec.selector, p.spec.selector);
  // Two exact ways to the same maps: from the selector index's candidates (cheap when they are few), or name by
  // name from the last SidecarSet that has it (cheap when many overlap); the second gives up past the first's cost.
  const namespace = str(spec.namespace);
  const bound = overlapCandidateBound(index, namespace, spec.selector);
  const maps = (bound > 32 ? conflictMapsByName(index, spec, name, end, overlaps, bound) : undefined)
    ?? conflictMapsOf(overlapCandidates(index, namespace, spec.selector, end)
      .filter(i => str(index.peers[i].metadata?.name) !== name)
      .map(i => defaultedPeer(index, i))
      .filter(overlaps));
  const rule = `${KIND}/conflicts`;
  const { initNames, names, volumes, annotations } = maps;
  for (const [list, key, seen] of [[arr(spec.initContainers), 'initContainers', initNames], [arr(spec.containers), 'containers', names]] as const) {
    list.forEach((c, i) => {
      if (!isObj(c)) return;
      const other = seen.get(str(c.name));
      if (other !== undefined) {
        report.error(rule, `spec.${key}[${i}].name`, `SidecarSet ${show(other)}, which can select the same pods, already injects a container named ${show(c.name)}`,
          'rename the container, or make the two SidecarSets select different pods');
      }
    });
  }
  arr(spec.volumes).forEach((v, i) => {
    if (!isObj(v)) return;
    const other = volumes.get(str(v.name));
    if (other !== undefined && !jsonEqual(v, other[1])) {
      report.error(rule, `spec.volumes[${i}]`, `SidecarSet ${show(other[0])}, which can select the same pods, defines volume ${show(v.name)} differently`,
        'define the volume the same way in both SidecarSets, or rename it');
    }
  });
  arr(spec.patchPodMetadata).forEach((patch, i) => {
    if (!isObj(patch) || patch.patchPolicy === 'Retain') return;
    for (const key of Object.keys(isObj(patch.annotations) ? patch.annotations : {})) {
      const other = annotations.get(key);
      if (other !== undefined && (patch.patchPolicy === 'Overwrite' || other[1] === 'Overwrite')) {
        report.error(rule, `spec.patchPodMetadata[${i}].annotations[${show(key)}]`,
          `SidecarSet ${show(other[0])}, which can select the same pods, also patches annotation ${show(key)}, and one of the two overwrites it`,
          'patch the annotation from one SidecarSet only, or use Retain in both');
      }
    }
  });
}

function validate(obj: any, ctx: AdmissionContext, report: Report, original: any): void {
  // Rule 1: ObjectMeta, with Kruise's name rule. A SidecarSet is cluster-scoped: the API server clears any
  // metadata.namespace before admission, so it is not checked.
  const meta = isObj(obj?.metadata) ? { ...obj.metadata, namespace: undefined } : obj?.metadata;
  validateObjectMeta(meta, 'metadata', `${KIND}/name`, report, { name: sidecarSetNameProblem });

  const spec: Record<string, any> = isObj(obj?.spec) ? obj.spec : {};
  const strategy: Record<string, any> = isObj(spec.updateStrategy) ? spec.updateStrategy : {};
  const initContainers = arr(spec.initContainers);
  const containers = arr(spec.containers);

  // Rule 2: native sidecars (init containers with restartPolicy Always) cannot be updated in place.
  initContainers.forEach(c => {
    if (isObj(c) && c.restartPolicy === 'Always' && strategy.type === 'RollingUpdate') {
      const written = original?.spec?.updateStrategy?.type;
      report.error(`${KIND}/native-sidecar-update`, 'spec.updateStrategy.type',
        `init container ${show(c.name)} is a native sidecar (restartPolicy Always), which Kruise cannot update in place, and updateStrategy.type is RollingUpdate${written ? '' : ' (the default)'}`,
        'set spec.updateStrategy.type: NotUpdate');
    }
  });

  // Rule 3: a valid, non-empty selector.
  if (!isSet(spec.selector)) {
    report.error(`${KIND}/selector`, 'spec.selector', 'spec.selector is missing; a SidecarSet must select the pods it injects into',
      'select pods by label, e.g. {matchLabels: {app: web}}');
  } else {
    checkSelector(spec.selector, 'spec.selector', `${KIND}/selector`, report);
  }

  // Rule 4: namespace or namespaceSelector; the namespaceSelector valid and non-empty.
  if (str(spec.namespace) !== '' && isSet(spec.namespaceSelector)) {
    report.error(`${KIND}/namespace-selector`, 'spec.namespaceSelector', 'spec sets both namespace and namespaceSelector; Kruise takes one or the other',
      'keep namespace (one namespace) or namespaceSelector (namespaces by label)');
  } else if (isSet(spec.namespaceSelector)) {
    checkSelector(spec.namespaceSelector, 'spec.namespaceSelector', `${KIND}/namespace-selector`, report);
  }

  // Rules 5-7: a pinned injection revision.
  const revision = isObj(spec.injectionStrategy) ? spec.injectionStrategy.revision : undefined;
  if (isObj(revision)) {
    const rp = 'spec.injectionStrategy.revision';
    if (!isSet(revision.revisionName) && !isSet(revision.customVersion)) {
      report.error(`${KIND}/injection-revision`, rp, 'injectionStrategy.revision gives neither revisionName nor customVersion',
        'name the ControllerRevision (revisionName) or the custom version (customVersion) to inject');
    } else {
      // Rule 6 is cluster state: the ControllerRevision must exist in Kruise's namespace.
      const byName = typeof revision.revisionName === 'string' && hasControllerRevision(ctx, revision.revisionName);
      if (!byName) {
        report.warning(`${KIND}/injection-revision-exists`, rp,
          `Kruise admits the pinned revision only if a matching ControllerRevision exists in its namespace (${isSet(revision.revisionName) ? `named ${show(revision.revisionName)}` : `with custom version ${show(revision.customVersion)}`}); a new SidecarSet usually has none`,
          'pin a revision only once the SidecarSet exists and has that revision');
      }
    }
    const policies = atLeast(ctx, '1.8') ? ['Always', 'Partial'] : ['Always'];
    if (!policies.includes(revision.policy)) {
      report.error(`${KIND}/injection-revision-policy`, `${rp}.policy`, `injection revision policy ${show(revision.policy)} is not supported by Kruise ${ctx.version}`,
        `use ${policies.join(' or ')}`);
    }
  }

  // Rules 8-10 (and 1.8 SS-2).
  checkUpdateStrategy(strategy, ctx, report);

  // Rule 11: at least one container or init container.
  if (initContainers.length === 0 && containers.length === 0) {
    report.error(`${KIND}/containers-required`, 'spec', 'the SidecarSet has neither containers nor initContainers', 'add the sidecar container to inject');
  } else {
    const written = isObj(original?.spec) ? arr(original.spec.containers) : [];
    containers.forEach((c, i) => {
      if (!isObj(c)) return;
      const p = `spec.containers[${i}]`;
      // Rule 12.
      if (c.podInjectPolicy !== 'BeforeAppContainer' && c.podInjectPolicy !== 'AfterAppContainer') {
        report.error(`${KIND}/pod-inject-policy`, `${p}.podInjectPolicy`, `podInjectPolicy ${show(c.podInjectPolicy)} is not supported`,
          'use BeforeAppContainer (the default) or AfterAppContainer');
      }
      // Rule 13.
      const share = isObj(c.shareVolumePolicy) ? c.shareVolumePolicy.type : undefined;
      if (share !== 'enabled' && share !== 'disabled') {
        report.error(`${KIND}/share-volume-policy`, `${p}.shareVolumePolicy.type`, `shareVolumePolicy.type ${show(share)} is not supported`,
          'use disabled (the default) or enabled, in lowercase');
      }
      // Rule 14.
      checkTransferEnv(c, written[i], p, report);
    });
    // A fieldRef-less sourceContainerNameFrom also fails the defaulting of init containers.
    const writtenInit = isObj(original?.spec) ? arr(original.spec.initContainers) : [];
    initContainers.forEach((c, i) => {
      if (!isObj(c) || !isObj(writtenInit[i])) return;
      arr(writtenInit[i].transferEnv).forEach((t, j) => {
        if (isObj(t) && isObj(t.sourceContainerNameFrom) && !isObj(t.sourceContainerNameFrom.fieldRef)) {
          report.error(`${KIND}/transfer-env`, `spec.initContainers[${i}].transferEnv[${j}].sourceContainerNameFrom.fieldRef`,
            'sourceContainerNameFrom has no fieldRef; Kruise\'s defaulting webhook fails on it, so the SidecarSet is refused',
            'set fieldRef, or use sourceContainerName');
        }
      });
    });
    // Rule 15.
    checkContainers(spec, ctx, report);
  }

  // Rules 16 and 17: patchPodMetadata.
  const patches = arr(spec.patchPodMetadata).filter(isObj);
  if (patches.length > 0) {
    checkPatchWhitelist(obj, patches, ctx, report);
    checkPatches(patches, report);
  }

  // Rule 18: conflicts with other SidecarSets (cluster state, from the reviewed peers).
  checkConflicts(obj, spec, ctx, report, original);
}

/** SidecarSet: Kruise's defaulting and CREATE-time admission (ADMISSION.md, SidecarSet). */
export const sidecarSetAdmission: KindAdmission = {
  group: GROUP,
  kind: KIND,
  defaults,
  validate,
};
