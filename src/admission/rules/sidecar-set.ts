
import { peerCache } from './peers';
import { checkConflicts } from './sidecar-set-conflicts';
import { defaults } from './sidecar-set-defaults';
import { GROUP, KIND } from './sidecar-set-kind';
import { arrayOr, at, isJsonObject, JsonObject, objectOr } from '../../base/json';
import { str, isSet } from '../core/go-values';
import { show, qualifiedNameProblem, validateAnnotations, validateObjectMeta } from '../core/names';
import { podOptionsFor, validatePodSpec } from '../core/pod';
import { isEmptySelector, selectorMatches, validateLabelSelector } from '../core/selector';
import { AdmissionContext, atLeast, KindAdmission, Report } from '../types';

/*
 * SidecarSet (apps.kruise.io/v1alpha1, cluster-scoped): Kruise's defaulting and
 * CREATE-time admission (ADMISSION.md, SidecarSet, rules 1-18; 1.8 changes from
 * ADMISSION-DELTA §2). Rule ids `SidecarSet/<name>`; each check below names its
 * rule number.
 */

const NAME_MAX = 63;
/** The kruise-configuration key that lists which pod annotations SidecarSets may patch. */
const PATCH_WHITELIST_KEY = 'SidecarSet_PatchPodMetadata_WhiteList';
const PATCH_GATE = 'SidecarSetPatchPodMetadataDefaultsAllowed';

function sidecarSetNameProblem(name: string): string | undefined {
  if (!/^[a-zA-Z0-9-]+$/.test(name)) return "Kruise accepts SidecarSet names of letters, digits and '-' only";
  if (name.length > NAME_MAX) return `Kruise accepts SidecarSet names of at most ${NAME_MAX} characters (this one has ${name.length})`;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

/** Kruise's validateSelector for SidecarSets: a valid label selector that selects by something. */
function checkSelector(sel: unknown, path: string, rule: string, report: Report): void {
  if (!isJsonObject(sel)) {
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
function checkUpdateStrategy(strategy: JsonObject, ctx: AdmissionContext, report: Report): void {
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
  if (isJsonObject(priority)) {
    const rule = `${KIND}/update-priority`;
    const weights = arrayOr(priority.weightPriority);
    const orders = arrayOr(priority.orderPriority);
    if (weights.length > 0 && orders.length > 0) {
      report.error(rule, `${base}.priorityStrategy`, 'priorityStrategy sets both weightPriority and orderPriority; Kruise takes one of them',
        'keep weightPriority or orderPriority');
    }
    weights.forEach((w, i) => {
      const p = `${base}.priorityStrategy.weightPriority[${i}]`;
      const term = objectOr(w);
      if (typeof term.weight === 'number' && (term.weight < 0 || term.weight > 100)) {
        report.error(rule, `${p}.weight`, `weight ${term.weight} is outside 0-100`, 'use a weight from 0 to 100');
      }
      if (!isJsonObject(term.matchSelector) || isEmptySelector(term.matchSelector)) {
        report.error(rule, `${p}.matchSelector`, 'the weight term has no matchSelector; Kruise refuses an empty one', 'select pods by labels, e.g. {matchLabels: {tier: canary}}');
      } else {
        validateLabelSelector(term.matchSelector, `${p}.matchSelector`, rule, report);
      }
    });
    orders.forEach((o, i) => {
      if (!isJsonObject(o) || str(o.orderedKey) === '') {
        report.error(rule, `${base}.priorityStrategy.orderPriority[${i}].orderedKey`, 'the order term has no orderedKey', 'name the pod label whose value orders the update');
      }
    });
  }
  if (Array.isArray(strategy.scatterStrategy)) {
    const seen = new Set<string>();
    arrayOr(strategy.scatterStrategy).forEach((t, i) => {
      const term = objectOr(t);
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
  const bracket = s.indexOf("['");
  if (bracket <= 0) return undefined;
  return [s.slice(0, bracket), s.slice(bracket + 2)];
}

/** Rule 14: a transferEnv fieldRef names a pod label or annotation: `metadata.labels['k']` / `metadata.annotations['k']` of apiVersion v1. */
function checkTransferEnv(container: JsonObject, written: unknown, p: string, report: Report): void {
  const rule = `${KIND}/transfer-env`;
  const writtenList = arrayOr(at(written, 'transferEnv'));
  arrayOr(container.transferEnv).forEach((t, j) => {
    const from = at(t, 'sourceContainerNameFrom');
    if (!isJsonObject(from)) return;
    const base = `${p}.transferEnv[${j}].sourceContainerNameFrom.fieldRef`;
    const wt = writtenList[j];
    if (isJsonObject(at(wt, 'sourceContainerNameFrom')) && !isJsonObject(at(wt, 'sourceContainerNameFrom', 'fieldRef'))) {
      report.error(rule, base, 'sourceContainerNameFrom has no fieldRef; Kruise\'s defaulting webhook fails on it, so the SidecarSet is refused',
        "set fieldRef, e.g. {fieldPath: \"metadata.labels['sidecar-source']\"}, or use sourceContainerName");
      return;
    }
    const ref = from.fieldRef;
    if (!isJsonObject(ref)) return;
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
function checkStartupProbe(c: JsonObject, p: string, rule: string, report: Report): void {
  const probe = c.startupProbe;
  if (!isJsonObject(probe)) return;
  if (!isSet(probe.successThreshold) || probe.successThreshold === 0) {
    report.error(rule, `${p}.startupProbe.successThreshold`,
      'the startup probe has no successThreshold; Kruise does not default it for a SidecarSet, and Kubernetes requires 1', 'set successThreshold: 1');
  }
  const httpGet = probe.httpGet;
  if (isJsonObject(httpGet)) {
    if (str(httpGet.path) === '') {
      report.error(rule, `${p}.startupProbe.httpGet.path`, 'the startup probe\'s httpGet has no path; Kruise does not default it for a SidecarSet', "set path, e.g. '/healthz'");
    }
    if (!isSet(httpGet.scheme)) {
      report.error(rule, `${p}.startupProbe.httpGet.scheme`, 'the startup probe\'s httpGet has no scheme; Kruise does not default it for a SidecarSet', 'set scheme: HTTP (or HTTPS)');
    }
  }
}

/** Rule 15: Kubernetes' pod validation over a pod made of the SidecarSet's init containers, containers and volumes. */
function checkContainers(spec: JsonObject, ctx: AdmissionContext, report: Report): void {
  const rule = `${KIND}/containers`;
  const containers = arrayOr(spec.containers);
  const initContainers = arrayOr(spec.initContainers);
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
      if (!isJsonObject(c)) return;
      const p = `spec.${key}[${i}]`;
      if (key === 'containers' || c.restartPolicy === 'Always') checkStartupProbe(c, p, rule, report);
      // 1.8 (ADMISSION-DELTA K8S-3, procMount Unmasked needs hostUsers false): the core check, with the 1.8 options.
    });
  }
}

/** The kruise-configuration ConfigMap among the reviewed objects, if any (the first). */
function kruiseConfiguration(ctx: AdmissionContext): JsonObject | undefined {
  return peerCache(ctx, 'SidecarSet/kruise-configuration', (peers: ReadonlyArray<unknown>) => peers.find((p): p is JsonObject => isJsonObject(p)
    && p.kind === 'ConfigMap' && p.apiVersion === 'v1' && at(p, 'metadata', 'name') === 'kruise-configuration'));
}

/** Whether a ControllerRevision named `name` is among the reviewed objects (rule 6). */
function hasControllerRevision(ctx: AdmissionContext, name: string): boolean {
  return peerCache(ctx, 'SidecarSet/controller-revisions', (peers: ReadonlyArray<unknown>) => {
    const names = new Set<string>();
    for (const p of peers) {
      const revisionName = at(p, 'metadata', 'name');
      if (isJsonObject(p) && p.kind === 'ControllerRevision' && typeof revisionName === 'string') names.add(revisionName);
    }
    return names;
  }).has(name);
}

/**
 * Rule 16: patching pod annotations needs the whitelist in the
 * kruise-configuration ConfigMap (read when it is among the reviewed objects),
 * or, without a whitelist, the gate SidecarSetPatchPodMetadataDefaultsAllowed.
 */
function checkPatchWhitelist(obj: JsonObject, patches: JsonObject[], ctx: AdmissionContext, report: Report): void {
  const rule = `${KIND}/patch-pod-metadata-allowed`;
  const path = 'spec.patchPodMetadata';
  const gate = ctx.gate?.(PATCH_GATE);
  const config = kruiseConfiguration(ctx);
  const raw = at(config, 'data', PATCH_WHITELIST_KEY);
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
  let whitelist: unknown;
  try {
    whitelist = JSON.parse(raw);
  } catch {
    report.error(rule, path, `the ${PATCH_WHITELIST_KEY} entry of kruise-configuration is not valid JSON, so Kruise refuses any patchPodMetadata`, 'fix the ConfigMap entry');
    return;
  }
  const patterns: RegExp[] = [];
  for (const r of arrayOr(at(whitelist, 'rules'))) {
    if (!isJsonObject(r)) continue;
    if (isSet(r.selector) && !selectorMatches(r.selector, at(obj, 'metadata', 'labels'))) continue;
    for (const expr of arrayOr(r.allowedAnnotationKeyExprs)) {
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
    for (const key of Object.keys(objectOr(patch.annotations))) {
      if (!patterns.some(re => re.test(key))) {
        report.error(rule, `${path}[${i}].annotations[${show(key)}]`, `annotation ${show(key)} is not allowed by ${PATCH_WHITELIST_KEY} in kruise-configuration`,
          'allow the key in kruise-configuration, or do not patch it');
      }
    }
  });
}

/** Rule 17: each patch has valid annotations and a policy; no annotation key in two patches. */
function checkPatches(patches: JsonObject[], report: Report): void {
  const rule = `${KIND}/patch-pod-metadata`;
  const keys = new Set<string>();
  patches.forEach((patch, i) => {
    const p = `spec.patchPodMetadata[${i}]`;
    const annotations = objectOr(patch.annotations);
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

function validate(obj: JsonObject, ctx: AdmissionContext, report: Report, original: JsonObject): void {
  // Rule 1: ObjectMeta, with Kruise's name rule. A SidecarSet is cluster-scoped: the API server clears any
  // metadata.namespace before admission, so it is not checked.
  const meta = isJsonObject(obj.metadata) ? { ...obj.metadata, namespace: undefined } : obj.metadata;
  validateObjectMeta(meta, 'metadata', `${KIND}/name`, report, { name: sidecarSetNameProblem });

  const spec = objectOr(obj.spec);
  const strategy = objectOr(spec.updateStrategy);
  const initContainers = arrayOr(spec.initContainers);
  const containers = arrayOr(spec.containers);

  // Rule 2: native sidecars (init containers with restartPolicy Always) cannot be updated in place.
  initContainers.forEach(c => {
    if (isJsonObject(c) && c.restartPolicy === 'Always' && strategy.type === 'RollingUpdate') {
      const written = at(original, 'spec', 'updateStrategy', 'type');
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
  const revision = at(spec, 'injectionStrategy', 'revision');
  if (isJsonObject(revision)) {
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
    if (!(typeof revision.policy === 'string' && policies.includes(revision.policy))) {
      const since18 = revision.policy === 'Partial' && !atLeast(ctx, '1.8') ? ' (Kruise 1.8 adds it)' : '';
      report.error(`${KIND}/injection-revision-policy`, `${rp}.policy`, `injection revision policy ${show(revision.policy)} is not supported by Kruise ${ctx.version}${since18}`,
        `use ${policies.join(' or ')}${since18 ? ', or an install of Kruise 1.8' : ''}`);
    }
  }

  // Rules 8-10 (and 1.8 SS-2).
  checkUpdateStrategy(strategy, ctx, report);

  // Rule 11: at least one container or init container.
  if (initContainers.length === 0 && containers.length === 0) {
    report.error(`${KIND}/containers-required`, 'spec', 'the SidecarSet has neither containers nor initContainers', 'add the sidecar container to inject');
  } else {
    const written = arrayOr(at(original, 'spec', 'containers'));
    containers.forEach((c, i) => {
      if (!isJsonObject(c)) return;
      const p = `spec.containers[${i}]`;
      // Rule 12.
      if (c.podInjectPolicy !== 'BeforeAppContainer' && c.podInjectPolicy !== 'AfterAppContainer') {
        report.error(`${KIND}/pod-inject-policy`, `${p}.podInjectPolicy`, `podInjectPolicy ${show(c.podInjectPolicy)} is not supported`,
          'use BeforeAppContainer (the default) or AfterAppContainer');
      }
      // Rule 13.
      const share = at(c, 'shareVolumePolicy', 'type');
      if (share !== 'enabled' && share !== 'disabled') {
        report.error(`${KIND}/share-volume-policy`, `${p}.shareVolumePolicy.type`, `shareVolumePolicy.type ${show(share)} is not supported`,
          'use disabled (the default) or enabled, in lowercase');
      }
      // Rule 14.
      checkTransferEnv(c, written[i], p, report);
    });
    // A fieldRef-less sourceContainerNameFrom also fails the defaulting of init containers.
    const writtenInit = arrayOr(at(original, 'spec', 'initContainers'));
    initContainers.forEach((c, i) => {
      const w = writtenInit[i];
      if (!isJsonObject(c) || !isJsonObject(w)) return;
      arrayOr(w.transferEnv).forEach((t, j) => {
        if (isJsonObject(at(t, 'sourceContainerNameFrom')) && !isJsonObject(at(t, 'sourceContainerNameFrom', 'fieldRef'))) {
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
  const patches = arrayOr(spec.patchPodMetadata).filter(isJsonObject);
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
