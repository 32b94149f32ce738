import { earlierConflictingPeer, findPeer, groupOfApiVersion, namespaceOf } from './peers';
import { arrayOr, at, isJsonObject, JsonObject, objectOr } from '../../base/json';
import { str, isSet } from '../core/go-values';
import { show } from '../core/names';
import { podOptionsFor, validatePodSpec } from '../core/pod';
import { validateNodeSelectorTerm, validatePreferredSchedulingTerms, validateTolerations } from '../core/scheduling';
import { validateLabelSelector } from '../core/selector';
import { AdmissionContext, atLeast, Finding, KindAdmission, Report } from '../types';

/*
 * WorkloadSpread (apps.kruise.io/v1alpha1): Kruise's validating webhook on
 * CREATE (ADMISSION.md, WorkloadSpread, rules 1-19). Kruise has no mutating
 * webhook for this kind. 1.8 adds spec.targetFilter (ADMISSION-DELTA.md WS-1)
 * and validates CloneSet subset patches with the volumeClaimTemplates as
 * volumes (WS-2).
 */

const KIND = 'WorkloadSpread';
const GROUP = 'apps.kruise.io';

/** The workload kinds Kruise supports without configuration, and the API groups each may come from. */
const BUILT_IN_TARGETS: Record<string, string[]> = {
  CloneSet: ['apps.kruise.io'],
  Deployment: ['apps'],
  ReplicaSet: ['apps'],
  Job: ['batch'],
  StatefulSet: ['apps', 'apps.kruise.io'],
};

/** Kruise's bound on one failed-scheduling round (300 s) less 5 s, shared by the subsets after the first. */
const RESCHEDULE_BUDGET_SECONDS = 295;
const INT32_MAX = 2147483647;


/**
 * A subset's maxReplicas as Kruise reads it (the deprecated
 * intstr.GetValueFromIntOrPercent at total 100): an integer is a count; a
 * string is a percentage once every '%' is removed, so `"50"` is 50% too.
 * Undefined when it does not parse.
 */
function readMaxReplicas(v: unknown): { percent: boolean; value: number } | undefined {
  if (typeof v === 'number') return Number.isInteger(v) ? { percent: false, value: v } : undefined;
  if (typeof v === 'string') {
    const s = v.replace(/%/g, '');
    if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
    const n = Number(s);
    return Number.isSafeInteger(n) ? { percent: true, value: n } : undefined;
  }
  return undefined;
}

/** Rule 2 and 3: the target workload. Returns the group when the reference is complete and parses. */
function validateTargetRef(ref: unknown, report: Report): string | undefined {
  if (!isSet(ref)) {
    report.error(`${KIND}/target-ref`, 'spec.targetRef', 'spec.targetRef is missing; a WorkloadSpread spreads the pods of one workload',
      'Set spec.targetRef, e.g. {apiVersion: apps.kruise.io/v1alpha1, kind: CloneSet, name: web}');
    return undefined;
  }
  const r = objectOr(ref);
  const missing = ['apiVersion', 'kind', 'name'].filter(f => str(r[f]) === '');
  if (missing.length > 0) {
    report.error(`${KIND}/target-ref`, 'spec.targetRef',
      `spec.targetRef needs apiVersion, kind and name; ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} empty`,
      'Set spec.targetRef, e.g. {apiVersion: apps.kruise.io/v1alpha1, kind: CloneSet, name: web}');
    return undefined;
  }
  const apiVersion = str(r.apiVersion);
  const kind = str(r.kind);
  const group = groupOfApiVersion(apiVersion);
  const rule = `${KIND}/target-kind`;
  if (group === undefined) {
    report.error(rule, 'spec.targetRef.apiVersion', `spec.targetRef.apiVersion "${apiVersion}" is not a valid group/version`,
      'Use group/version, e.g. apps/v1');
    return undefined;
  }
  const groups = BUILT_IN_TARGETS[kind];
  if (groups === undefined) {
    report.warning(rule, 'spec.targetRef',
      `spec.targetRef points at ${kind} of group "${group}"; Kruise accepts it only when the kruise-configuration ConfigMap lists it in WorkloadSpread_Watch_Custom_Workload_WhiteList`,
      'Target a CloneSet, Deployment, ReplicaSet, Job or StatefulSet, or add the workload to WorkloadSpread_Watch_Custom_Workload_WhiteList');
  } else if (!groups.includes(group)) {
    report.error(rule, 'spec.targetRef.apiVersion',
      `spec.targetRef.apiVersion "${apiVersion}" is not an API group of ${kind} (${groups.join(' or ')})`,
      `Use ${groups.map(g => `${g}/...`).join(' or ')} for a ${kind}`);
  }
  return group;
}

/** Rules 4-14: the subsets. */
function validateSubsets(obj: JsonObject, ctx: AdmissionContext, report: Report, targetKind: string, workload: JsonObject | undefined): void {
  const subsets = arrayOr(at(obj, 'spec', 'subsets'));
  // Rule 4: at least one subset.
  if (subsets.length === 0) {
    report.error(`${KIND}/subsets-required`, 'spec.subsets', 'spec.subsets is empty; a WorkloadSpread needs at least one subset',
      'Add a subset, e.g. {name: zone-a, requiredNodeSelectorTerm: {...}, maxReplicas: 3}');
    return;
  }
  const names = new Set<string>();
  let firstType: 'int' | 'percent' | undefined;
  let percentSum = 0;
  let stopped = false; // Kruise stops at the first maxReplicas problem
  subsets.forEach((raw, i) => {
    const path = `spec.subsets[${i}]`;
    const subset = objectOr(raw);
    // Rule 5: a unique name.
    const name = str(subset.name);
    if (name === '') {
      report.error(`${KIND}/subset-name`, `${path}.name`, `${path}.name is empty`, 'Name the subset, e.g. zone-a');
    } else if (names.has(name)) {
      report.error(`${KIND}/subset-name`, `${path}.name`, `subset name "${name}" is used twice`, 'Give every subset its own name');
    }
    names.add(name);
    // Rules 6-8: node selection and tolerations as Kubernetes validates them.
    if (isSet(subset.requiredNodeSelectorTerm)) {
      validateNodeSelectorTerm(subset.requiredNodeSelectorTerm, `${path}.requiredNodeSelectorTerm`, `${KIND}/required-node-selector-term`, report);
    }
    if (isSet(subset.preferredNodeSelectorTerms)) {
      validatePreferredSchedulingTerms(subset.preferredNodeSelectorTerms, `${path}.preferredNodeSelectorTerms`, `${KIND}/preferred-node-selector-terms`, report);
    }
    if (isSet(subset.tolerations)) {
      validateTolerations(subset.tolerations, `${path}.tolerations`, `${KIND}/tolerations`, report);
    }
    // Rule 9: the patch merged into the workload's pod template (only when the workload is among the peers).
    if (isSet(subset.patch) && workload !== undefined) {
      validatePatch(subset.patch, `${path}.patch`, workload, ctx, report);
    }
    // Rules 10-13: maxReplicas.
    if (stopped || !isSet(subset.maxReplicas)) return;
    const v = subset.maxReplicas;
    const type = typeof v === 'string' ? 'percent' : 'int';
    const mpath = `${path}.maxReplicas`;
    if (firstType === undefined) {
      firstType = type;
    } else if (type !== firstType) {
      report.error(`${KIND}/max-replicas-type`, mpath,
        `${mpath} ${show(v)} is ${type === 'int' ? 'a count' : 'a percentage'}, but an earlier subset's is ${firstType === 'int' ? 'a count' : 'a percentage'}`,
        'Give every subset\'s maxReplicas the same form: all counts or all percentages');
      stopped = true;
      return;
    }
    if (targetKind === 'StatefulSet' && type !== 'int') {
      report.error(`${KIND}/max-replicas-statefulset`, mpath, `${mpath} ${show(v)} is a percentage, but the target is a StatefulSet`,
        'Use an integer maxReplicas for a StatefulSet');
      stopped = true;
      return;
    }
    const parsed = readMaxReplicas(v);
    if (parsed === undefined || parsed.value < 0) {
      report.error(`${KIND}/max-replicas-value`, mpath, `${mpath} ${show(v)} is not ${parsed === undefined ? 'an integer or a percentage' : '0 or more'}`,
        'Use a count of 0 or more (e.g. 3) or a percentage (e.g. "50%")');
      stopped = true;
      return;
    }
    if (parsed.percent) {
      percentSum += parsed.value;
      if (percentSum > 100) {
        report.error(`${KIND}/max-replicas-sum`, mpath, `the subsets' maxReplicas add up to ${percentSum}% by ${mpath}, more than 100%`,
          'Make the percentages add up to 100% at most');
        stopped = true;
      }
    }
  });
  // Rule 14: percentages add up to 100% unless the last subset is unbounded.
  const last = subsets[subsets.length - 1];
  if (!stopped && firstType === 'percent' && percentSum < 100 && isJsonObject(last) && isSet(last.maxReplicas)) {
    report.error(`${KIND}/max-replicas-sum`, 'spec.subsets[0].maxReplicas',
      `the subsets' maxReplicas add up to ${percentSum}%, and the last subset is bounded, so ${100 - percentSum}% of the pods have no subset`,
      'Make the percentages add up to 100%, or leave the last subset\'s maxReplicas unset');
  }
}

/** Rules 15-18: scheduleStrategy. */
function validateScheduleStrategy(spec: JsonObject, report: Report): void {
  const strategy = objectOr(spec.scheduleStrategy);
  const type = strategy.type ?? '';
  // Rule 15: "" | Fixed | Adaptive.
  if (type !== '' && type !== 'Fixed' && type !== 'Adaptive') {
    report.error(`${KIND}/schedule-strategy-type`, 'spec.scheduleStrategy.type',
      `spec.scheduleStrategy.type ${show(type)} is not Fixed or Adaptive`, 'Use Fixed (the default) or Adaptive');
  }
  if (!isSet(strategy.adaptive)) return;
  // Rule 16: adaptive settings need type Adaptive.
  if (type !== 'Adaptive') {
    report.error(`${KIND}/schedule-strategy-adaptive`, 'spec.scheduleStrategy.type',
      `spec.scheduleStrategy.adaptive is set, but type is ${show(type)}, not Adaptive`,
      'Set spec.scheduleStrategy.type to Adaptive, or remove adaptive');
  }
  const subsets = arrayOr(spec.subsets);
  // Rule 17: with more than one subset, the last one is unbounded.
  const last = subsets[subsets.length - 1];
  if (subsets.length > 1 && isJsonObject(last) && isSet(last.maxReplicas)) {
    report.error(`${KIND}/schedule-strategy-adaptive`, `spec.subsets[${subsets.length - 1}].maxReplicas`,
      'the last subset sets maxReplicas, but an Adaptive strategy needs it unbounded to take the pods no other subset can place',
      'Remove maxReplicas from the last subset');
  }
  // Rule 18: rescheduleCriticalSeconds in [0, 295 / (subsets - 1)].
  const seconds = at(strategy, 'adaptive', 'rescheduleCriticalSeconds');
  if (typeof seconds === 'number') {
    const max = subsets.length > 1 ? Math.trunc(RESCHEDULE_BUDGET_SECONDS / (subsets.length - 1)) : INT32_MAX;
    if (seconds < 0 || seconds > max) {
      report.error(`${KIND}/reschedule-critical-seconds`, 'spec.scheduleStrategy.adaptive.rescheduleCriticalSeconds',
        `spec.scheduleStrategy.adaptive.rescheduleCriticalSeconds ${seconds} is outside 0-${max} (295 s shared by the ${subsets.length - 1} subsets after the first)`,
        `Use 0 to ${max} seconds`);
    }
  }
}

// ---------------------------------------------------------------------------
// Rule 9: strategic merge patch of a subset's patch into the workload's pod template

/** Lists of a Pod that strategic merge patch merges by key (k8s core/v1 patchMergeKey); others are replaced. */
const MERGE_KEYS: Record<string, string> = (() => {
  const keys: Record<string, string> = {
    'metadata.ownerReferences': 'uid',
    'spec.volumes': 'name',
    'spec.imagePullSecrets': 'name',
    'spec.hostAliases': 'ip',
    'spec.topologySpreadConstraints': 'topologyKey',
    'spec.schedulingGates': 'name',
    'spec.resourceClaims': 'name',
  };
  for (const c of ['containers', 'initContainers', 'ephemeralContainers']) {
    keys[`spec.${c}`] = 'name';
    keys[`spec.${c}[].ports`] = 'containerPort';
    keys[`spec.${c}[].env`] = 'name';
    keys[`spec.${c}[].volumeMounts`] = 'mountPath';
    keys[`spec.${c}[].volumeDevices`] = 'devicePath';
  }
  return keys;
})();
/** Lists of scalars that strategic merge patch unites (patchStrategy merge without a key). */
const UNION_LISTS = new Set(['metadata.finalizers']);

class MergeError extends Error {}

const DELETE = Symbol('delete');

/**
 * A patch value placed where the original has nothing: nulls dropped (as
 * strategic merge patch ignores unmatched nulls) and directive keys dropped
 * (decoding into a Pod ignores them).
 */
function clean(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(clean);
  return isJsonObject(v) ? cleanMap(v) : v;
}

/** {@link clean} of an object. */
function cleanMap(v: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [k, x] of Object.entries(v)) {
    if (k.startsWith('$') || x === null) continue;
    out[k] = clean(x);
  }
  return out;
}

function mergeMap(orig: JsonObject, patch: JsonObject, path: string): JsonObject | typeof DELETE {
  if (patch.$patch === 'delete') return DELETE;
  if (patch.$patch === 'replace') return cleanMap(patch);
  const out: JsonObject = { ...orig };
  for (const [k, v] of Object.entries(patch)) {
    const kpath = path === '' ? k : `${path}.${k}`;
    if (k.startsWith('$deleteFromPrimitiveList/')) {
      const field = k.slice('$deleteFromPrimitiveList/'.length);
      const list = out[field];
      if (Array.isArray(list) && Array.isArray(v)) out[field] = arrayOr(list).filter(e => !arrayOr(v).includes(e));
      continue;
    }
    if (k.startsWith('$')) continue; // $patch, $retainKeys, $setElementOrder/...: ordering and pruning only
    const current = out[k];
    if (v === null) {
      delete out[k];
    } else if (isJsonObject(v) && isJsonObject(current)) {
      const merged = mergeMap(current, v, kpath);
      if (merged === DELETE) delete out[k];
      else out[k] = merged;
    } else if (Array.isArray(v) && Array.isArray(current)) {
      out[k] = mergeList(arrayOr(current), arrayOr(v), kpath);
    } else {
      // Where the template has nothing (or another type), the patch value is taken as it is.
      out[k] = clean(v);
    }
  }
  const retainKeys = patch.$retainKeys;
  if (Array.isArray(retainKeys)) {
    for (const k of Object.keys(out)) if (!arrayOr(retainKeys).includes(k)) delete out[k];
  }
  return out;
}

/** The patch list's items, each an object with a `$patch` directive or the merge `key`; otherwise a MergeError. */
function keyedItems(list: unknown[], path: string, key: string): JsonObject[] {
  return list.map(e => {
    if (isJsonObject(e) && (e.$patch !== undefined || key in e)) return e;
    throw new MergeError(`an item of ${path} has no ${key}, the key strategic merge patch matches its items by`);
  });
}

function mergeList(orig: unknown[], patch: unknown[], path: string): unknown[] {
  const key = MERGE_KEYS[path];
  if (key === undefined) {
    if (UNION_LISTS.has(path)) return [...orig, ...patch.filter(e => !orig.includes(e))];
    return patch.map(clean);
  }
  if (patch.some(e => isJsonObject(e) && e.$patch === 'replace')) {
    return patch.filter(e => !(isJsonObject(e) && e.$patch === 'replace')).map(clean);
  }
  const out = [...orig];
  for (const p of keyedItems(patch, path, key)) {
    const pos = out.findIndex(e => isJsonObject(e) && e[key] === p[key]);
    const found = pos >= 0 ? out[pos] : undefined;
    if (p.$patch === 'delete') {
      if (pos >= 0) out.splice(pos, 1);
    } else if (isJsonObject(found)) {
      const merged = mergeMap(found, p, `${path}[]`);
      if (merged === DELETE) out.splice(pos, 1);
      else out[pos] = merged;
    } else {
      out.push(cleanMap(p));
    }
  }
  return out;
}

/**
 * The pod template of a workload among the peers that Kruise would find for
 * the target (same namespace and name, kind in the group the target names);
 * undefined when none is reviewed, or for a StatefulSet, whose template
 * Kruise never reads (the lookup passes a nil object and fails).
 */
function findWorkload(obj: JsonObject, ref: JsonObject, group: string, ctx: AdmissionContext): JsonObject | undefined {
  const kind = str(ref.kind);
  if (kind === 'StatefulSet' || BUILT_IN_TARGETS[kind] === undefined) return undefined;
  const workload: unknown = findPeer(ctx, group, kind, namespaceOf(obj), str(ref.name));
  return isJsonObject(workload) ? workload : undefined;
}

/** The key of a WorkloadSpread's target for the one-per-workload index: group, kind and name (none when targetRef is not an object). */
function targetKeys(ws: unknown): string[] {
  const ref = at(ws, 'spec', 'targetRef');
  if (!isJsonObject(ref)) return [];
  return [JSON.stringify([groupOfApiVersion(str(ref.apiVersion)) ?? null, str(ref.kind), str(ref.name)])];
}

function findingKey(f: Finding): string {
  return `${f.path}\u0000${f.message}`;
}

function validatePatch(patch: unknown, path: string, workload: JsonObject, ctx: AdmissionContext, report: Report): void {
  const rule = `${KIND}/subset-patch`;
  const template = objectOr(at(workload, 'spec', 'template'));
  const workloadName = `${String(workload.kind)} "${String(at(workload, 'metadata', 'name'))}"`;
  if (!isJsonObject(patch)) {
    report.error(rule, path, `${path} is not an object, so it cannot be merged into the pod template of ${workloadName}`,
      'Write the patch as a partial pod: {metadata: {labels: ...}, spec: {containers: [{name: ..., ...}]}}');
    return;
  }
  let merged: JsonObject | typeof DELETE;
  try {
    merged = mergeMap(structuredClone(template), patch, '');
  } catch (e) {
    if (!(e instanceof MergeError)) throw e;
    report.error(rule, path, `${path} does not merge into the pod template of ${workloadName}: ${e.message}`,
      'Give every list item the field it is matched by (e.g. name for containers)');
    return;
  }
  const mergedSpec = merged === DELETE ? {} : merged.spec;
  // The CloneSet webhook validates the template with the volumeClaimTemplates as volumes; this check does so
  // only from 1.8 on (WS-2), so in 1.7 any patch of a CloneSet whose containers mount a claim is rejected.
  const vcts = workload.kind === 'CloneSet'
    ? arrayOr(at(workload, 'spec', 'volumeClaimTemplates')).map(t => str(at(t, 'metadata', 'name'))).filter(n => n !== '') : [];
  const workloadOpts = podOptionsFor(ctx, vcts.length > 0 ? { extraVolumeNames: vcts } : {});
  const patchOpts = atLeast(ctx, '1.8') ? workloadOpts : podOptionsFor(ctx);
  // Only what the patch (or the check itself) brings in: problems of the workload's own template are its own findings.
  const before = new Report();
  validatePodSpec(template.spec, `${path}.spec`, rule, before, workloadOpts);
  const known = new Set(before.findings.map(findingKey));
  const after = new Report();
  validatePodSpec(mergedSpec, `${path}.spec`, rule, after, patchOpts);
  for (const f of after.findings) {
    if (known.has(findingKey(f))) continue;
    const message = `with this patch, the pod of ${workloadName} is invalid: ${f.message}`;
    if (f.severity === 'error') report.error(f.rule, f.path, message, f.fix);
    else report.warning(f.rule, f.path, message, f.fix);
  }
}

// ---------------------------------------------------------------------------

function validate(obj: JsonObject, ctx: AdmissionContext, report: Report, original: JsonObject): void {
  // Rule 1: the WorkloadSpread gate.
  if (ctx.gate?.('WorkloadSpread') === false) {
    report.error(`${KIND}/feature-gate`, 'kind', 'Kruise rejects every WorkloadSpread while the WorkloadSpread feature gate is off',
      'Turn on WorkloadSpread (on by default) in the Kruise install');
  }
  const spec = objectOr(obj.spec);
  const ref = objectOr(spec.targetRef);
  const group = validateTargetRef(spec.targetRef, report);
  const workload = group !== undefined && (BUILT_IN_TARGETS[str(ref.kind)] ?? []).includes(group)
    ? findWorkload(obj, ref, group, ctx) : undefined;
  validateSubsets(obj, ctx, report, str(ref.kind), workload);
  validateScheduleStrategy(spec, report);

  // 1.8 (WS-1): targetFilter.selector converts to a selector.
  const filterSelector = at(spec, 'targetFilter', 'selector');
  if (atLeast(ctx, '1.8') && isSet(filterSelector)) {
    validateLabelSelector(filterSelector, 'spec.targetFilter.selector', `${KIND}/target-filter`, report);
  }

  // Rule 19: one WorkloadSpread per workload per namespace (cluster state, from the reviewed peers).
  if (group !== undefined) {
    const other: unknown = earlierConflictingPeer(original, GROUP, KIND, ctx, (peer: unknown) => {
      const pref = at(peer, 'spec', 'targetRef');
      return isJsonObject(pref) && groupOfApiVersion(str(pref.apiVersion)) === group && str(pref.kind) === str(ref.kind)
        && str(pref.name) === str(ref.name);
    }, { id: 'WorkloadSpread/target', keysOf: targetKeys, lookup: [JSON.stringify([group, str(ref.kind), str(ref.name)])] });
    if (other !== undefined) {
      report.error(`${KIND}/one-per-workload`, 'spec.targetRef',
        `WorkloadSpread "${str(at(other, 'metadata', 'name'))}" in the same namespace already targets ${str(ref.kind)} "${str(ref.name)}"`,
        'Keep one WorkloadSpread per workload: merge the subsets into one');
    }
  }
}

/** WorkloadSpread: Kruise's CREATE-time admission (ADMISSION.md, WorkloadSpread). */
export const workloadSpreadAdmission: KindAdmission = {
  group: GROUP,
  kind: KIND,
  validate,
};
