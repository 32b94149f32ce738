import { JsonObject, arrayOr, at, isJsonObject, integerOr } from '../../base/json';
import { scaledValue } from '../core/intstr';
import { dnsLabelProblem, show, validateAnnotations, validateLabels, validateObjectMeta } from '../core/names';
import { validatePodSpecificAnnotations } from '../core/pod';
import { AdmissionContext, KindAdmission, Report, atLeast } from '../types';
import { validatePriorityStrategy } from './clone-set';
import { checkWorkloadSelector, hasRequirements, validateSelectorMatchesTemplate } from './workload-selector';
import { childObject, unsetString, isSet } from '../core/go-values';

/**
 * Advanced StatefulSet (kind StatefulSet, apps.kruise.io v1alpha1 and
 * v1beta1): Kruise's defaulting and CREATE-time admission (ADMISSION.md,
 * Advanced StatefulSet, rules 1-21; upstream
 * pkg/webhook/statefulset/validating/statefulset_validation.go and
 * apis/apps/defaults/v1beta1.go). A v1alpha1 object is first converted to
 * v1beta1, as Kruise's webhooks do.
 */

const K = 'AdvancedStatefulSet';
/** Rule ids, by the rule numbers of ADMISSION.md. */
export const ADVANCED_STATEFUL_SET_RULES = {
  metadata: `${K}/metadata`, // 1
  podManagementPolicy: `${K}/pod-management-policy`, // 2
  reserveOrdinalsUnique: `${K}/reserve-ordinals-unique`, // 3 (1.7 only)
  reserveOrdinalsNonNegative: `${K}/reserve-ordinals-nonnegative`, // 4
  reserveOrdinalsRange: `${K}/reserve-ordinals-range`, // 1.8 (ASTS-1)
  scaleMaxUnavailable: `${K}/scale-strategy-max-unavailable`, // 5
  updateType: `${K}/update-strategy-type`, // 6
  onDelete: `${K}/on-delete-without-rolling-update`, // 7
  partition: `${K}/partition-nonnegative`, // 8
  minReadySeconds: `${K}/min-ready-seconds`, // 9
  maxUnavailable: `${K}/max-unavailable`, // 10
  maxUnavailableParallel: `${K}/max-unavailable-needs-parallel`, // 11
  podUpdatePolicy: `${K}/pod-update-policy`, // 12
  inPlaceReadinessGate: `${K}/in-place-readiness-gate`, // 13
  unorderedParallel: `${K}/unordered-update-needs-parallel`, // 14
  unorderedPriority: `${K}/unordered-update-priority-strategy`, // 15
  pvcRetention: `${K}/pvc-retention-policy`, // 16
  replicas: `${K}/replicas-nonnegative`, // 17
  selector: `${K}/selector`, // 18
  template: `${K}/template-metadata`, // 19
  restartPolicy: `${K}/restart-policy-always`, // 20
  activeDeadline: `${K}/no-active-deadline-seconds`, // 21
} as const;

/** Kruise's MaxMinReadySeconds for rollingUpdate.minReadySeconds. */
const MAX_MIN_READY_SECONDS = 300;
const POD_UPDATE_POLICIES = ['ReCreate', 'InPlaceIfPossible', 'InPlaceOnly'];
const RETENTION_TYPES = ['Retain', 'Delete'];
const AUTO_DELETE_PVC_GATE = 'StatefulSetAutoDeletePVC';

/** The fields Kruise's v1alpha1 -> v1beta1 conversion carries (apis/apps/v1alpha1/statefulset_conversion.go). */
function convertV1alpha1(obj: JsonObject): void {
  if (!isJsonObject(obj.spec)) return;
  const s = obj.spec;
  const spec: JsonObject = {};
  for (const k of ['replicas', 'selector', 'template', 'volumeClaimTemplates', 'serviceName', 'podManagementPolicy', 'revisionHistoryLimit']) {
    if (s[k] !== undefined) spec[k] = s[k];
  }
  const us = isJsonObject(s.updateStrategy) ? s.updateStrategy : {};
  const updateStrategy: JsonObject = us.type === undefined ? {} : { type: us.type };
  spec.updateStrategy = updateStrategy;
  if (isJsonObject(us.rollingUpdate)) {
    const ru = us.rollingUpdate;
    const out: JsonObject = {};
    for (const k of ['partition', 'maxUnavailable', 'podUpdatePolicy', 'paused', 'inPlaceUpdateStrategy', 'minReadySeconds']) {
      if (ru[k] !== undefined) out[k] = ru[k];
    }
    if (isJsonObject(ru.unorderedUpdate)) {
      out.unorderedUpdate = ru.unorderedUpdate.priorityStrategy === undefined ? {} : { priorityStrategy: ru.unorderedUpdate.priorityStrategy };
    }
    updateStrategy.rollingUpdate = out;
  }
  obj.spec = spec;
}

/** Kruise's SetDefaultsStatefulSet (after the v1alpha1 conversion), for the fields that change a verdict. */
function defaultStatefulSet(obj: JsonObject, ctx: AdmissionContext): JsonObject {
  if (typeof obj.apiVersion === 'string' && obj.apiVersion.endsWith('/v1alpha1')) convertV1alpha1(obj);
  const spec = childObject(obj, 'spec');
  if (!spec) return obj;
  if (unsetString(spec.podManagementPolicy)) spec.podManagementPolicy = 'OrderedReady';
  const us = childObject(spec, 'updateStrategy');
  if (us) {
    if (unsetString(us.type)) us.type = 'RollingUpdate';
    if (us.type === 'RollingUpdate') {
      const ru = childObject(us, 'rollingUpdate');
      if (ru) {
        if (!isSet(ru.partition)) ru.partition = 0;
        if (!isSet(ru.maxUnavailable)) ru.maxUnavailable = 1;
        if (unsetString(ru.podUpdatePolicy)) ru.podUpdatePolicy = 'ReCreate';
        if (!isSet(ru.minReadySeconds)) ru.minReadySeconds = 0;
      }
    }
  }
  // The gate is on by default; only a known-off gate leaves the policy as written.
  if (ctx.gate?.(AUTO_DELETE_PVC_GATE) !== false) {
    const p = childObject(spec, 'persistentVolumeClaimRetentionPolicy');
    if (p) {
      if (unsetString(p.whenDeleted)) p.whenDeleted = 'Retain';
      if (unsetString(p.whenScaled)) p.whenScaled = 'Retain';
    }
  }
  if (!isSet(spec.replicas)) spec.replicas = 1;
  return obj;
}

/** Go strconv.Atoi on a 64-bit platform: the value, or undefined when it fails (syntax or range). */
function goAtoi(s: string): bigint | undefined {
  if (!/^[+-]?\d+$/.test(s)) return undefined;
  const v = BigInt(s);
  return v > 9223372036854775807n || v < -9223372036854775808n ? undefined : v;
}

function validateReserveOrdinals(spec: JsonObject, ctx: AdmissionContext, report: Report): void {
  const R = ADVANCED_STATEFUL_SET_RULES;
  if (!Array.isArray(spec.reserveOrdinals)) return;
  const items = arrayOr(spec.reserveOrdinals);
  const P = 'spec.reserveOrdinals';
  if (atLeast(ctx, '1.8')) {
    // 1.8: ints or "start-end" ranges; no duplicate check (ASTS-1..3).
    items.forEach((it, i) => {
      if (typeof it === 'number') {
        if (Number.isInteger(it) && it < 0) {
          report.error(R.reserveOrdinalsNonNegative, `${P}[${i}]`, `reserveOrdinals item ${it} is negative`, 'reserve ordinals of 0 or more');
        }
      } else if (typeof it === 'string') {
        const m = /^(\d+)-(\d+)$/.exec(it);
        const start = m ? goAtoi(m[1]) : undefined;
        const end = m ? goAtoi(m[2]) : undefined;
        if (!m || start === undefined || end === undefined) {
          report.error(R.reserveOrdinalsRange, `${P}[${i}]`, `reserveOrdinals item ${show(it)} is not a range "start-end" of two whole numbers`,
            'use an integer such as 3, or a range such as "3-5"');
        } else if (start > end) {
          report.error(R.reserveOrdinalsRange, `${P}[${i}]`, `reserveOrdinals range ${show(it)} starts after it ends`, 'write the range as "low-high"');
        }
      }
    });
    return;
  }
  const ints = items.filter((it): it is number => typeof it === 'number' && Number.isInteger(it));
  const dups = ints.filter((v, i) => ints.indexOf(v) !== i);
  if (dups.length > 0) {
    report.error(R.reserveOrdinalsUnique, P, `reserveOrdinals lists ${[...new Set(dups)].join(', ')} more than once`, 'list each ordinal once');
  }
  items.forEach((it, i) => {
    if (typeof it === 'number' && Number.isInteger(it) && it < 0) {
      report.error(R.reserveOrdinalsNonNegative, `${P}[${i}]`, `reserveOrdinals item ${it} is negative`, 'reserve ordinals of 0 or more');
    }
  });
}

/**
 * Kruise's validateMaxUnavailableField (rules 10 and 11; rule 5 for
 * scaleStrategy): a non-negative int or a whole percentage, resolving to at
 * least 1 of 1; anything but the int 1 needs podManagementPolicy Parallel.
 */
function validateMaxUnavailable(v: unknown, spec: JsonObject, path: string, rule: string, parallelRule: string, report: Report): void {
  if (typeof v === 'string' && !/^[0-9]+%$/.test(v)) {
    report.error(rule, path, `maxUnavailable ${show(v)} is neither a non-negative integer nor a percentage`, 'use an integer such as 2 or a percentage such as "20%"');
  } else if (typeof v === 'number' && Number.isInteger(v) && v < 0) {
    report.error(rule, path, `maxUnavailable ${v} is negative`, 'use 1 or more');
  } else {
    const n = scaledValue(v, 1, true);
    if (n !== undefined && n < 1) {
      report.error(rule, path, `maxUnavailable ${show(v)} allows less than 1 unavailable pod, so no update could proceed`, 'use 1 or more, or a percentage above 0%');
    }
  }
  if (spec.podManagementPolicy !== 'Parallel' && v !== 1 && (typeof v === 'number' || typeof v === 'string')) {
    report.error(parallelRule, path, `maxUnavailable ${show(v)} only works with podManagementPolicy Parallel (it is ${show(spec.podManagementPolicy)})`,
      'set spec.podManagementPolicy to Parallel, or maxUnavailable to 1');
  }
}

function validateRollingUpdate(spec: JsonObject, ru: JsonObject, report: Report): void {
  const R = ADVANCED_STATEFUL_SET_RULES;
  const P = 'spec.updateStrategy.rollingUpdate';
  const partition = integerOr(ru.partition);
  if (partition !== undefined && partition < 0) {
    report.error(R.partition, `${P}.partition`, `partition ${partition} is negative`, 'use a partition of 0 or more');
  }
  const mrs = integerOr(ru.minReadySeconds);
  if (mrs !== undefined && mrs < 0) {
    report.error(R.minReadySeconds, `${P}.minReadySeconds`, `minReadySeconds ${mrs} is negative`, 'use 0 to 300 seconds');
  } else if (mrs !== undefined && mrs > MAX_MIN_READY_SECONDS) {
    report.error(R.minReadySeconds, `${P}.minReadySeconds`, `minReadySeconds ${mrs} is more than ${MAX_MIN_READY_SECONDS} seconds`, 'use 0 to 300 seconds');
  }
  if (!isSet(ru.maxUnavailable)) {
    report.error(R.maxUnavailable, `${P}.maxUnavailable`, 'rollingUpdate.maxUnavailable is required', 'set maxUnavailable, e.g. 1');
  } else {
    validateMaxUnavailable(ru.maxUnavailable, spec, `${P}.maxUnavailable`, R.maxUnavailable, R.maxUnavailableParallel, report);
  }

  const pup = ru.podUpdatePolicy;
  if (pup === 'InPlaceIfPossible' || pup === 'InPlaceOnly') {
    const gates = arrayOr(at(spec, 'template', 'spec', 'readinessGates'));
    if (!gates.some(g => isJsonObject(g) && g.conditionType === 'InPlaceUpdateReady')) {
      report.error(R.inPlaceReadinessGate, 'spec.template.spec.readinessGates',
        `podUpdatePolicy ${pup} needs the readiness gate InPlaceUpdateReady in the pod template`,
        'add { conditionType: InPlaceUpdateReady } to spec.template.spec.readinessGates');
    }
  } else if (pup !== 'ReCreate') {
    report.error(R.podUpdatePolicy, `${P}.podUpdatePolicy`, `podUpdatePolicy ${show(pup)} is not one of ${POD_UPDATE_POLICIES.join(', ')}`,
      'use ReCreate, InPlaceIfPossible or InPlaceOnly');
  }

  if (ru.unorderedUpdate !== undefined && ru.unorderedUpdate !== null) {
    if (spec.podManagementPolicy !== 'Parallel') {
      report.error(R.unorderedParallel, `${P}.unorderedUpdate`, `unorderedUpdate only works with podManagementPolicy Parallel (it is ${show(spec.podManagementPolicy)})`,
        'set spec.podManagementPolicy to Parallel, or remove unorderedUpdate');
    }
    if (isJsonObject(ru.unorderedUpdate)) {
      validatePriorityStrategy(ru.unorderedUpdate.priorityStrategy, `${P}.unorderedUpdate.priorityStrategy`, R.unorderedPriority, report);
    }
  }
}

function validateStatefulSet(obj: JsonObject, ctx: AdmissionContext, report: Report): void {
  const R = ADVANCED_STATEFUL_SET_RULES;
  validateObjectMeta(obj.metadata, 'metadata', R.metadata, report, { name: dnsLabelProblem, kubeFinalizers: true });
  const spec = isJsonObject(obj.spec) ? obj.spec : {};

  // 2.
  const pmp = spec.podManagementPolicy;
  if (pmp !== 'OrderedReady' && pmp !== 'Parallel') {
    report.error(R.podManagementPolicy, 'spec.podManagementPolicy', `podManagementPolicy ${show(pmp)} is not OrderedReady or Parallel`,
      'use OrderedReady (the default) or Parallel');
  }
  // 3-4.
  validateReserveOrdinals(spec, ctx, report);
  // 5.
  if (isJsonObject(spec.scaleStrategy) && spec.scaleStrategy.maxUnavailable !== undefined && spec.scaleStrategy.maxUnavailable !== null) {
    validateMaxUnavailable(spec.scaleStrategy.maxUnavailable, spec, 'spec.scaleStrategy.maxUnavailable', R.scaleMaxUnavailable, R.scaleMaxUnavailable, report);
  }
  // 6-15.
  const us = isJsonObject(spec.updateStrategy) ? spec.updateStrategy : {};
  if (us.type === 'OnDelete') {
    if (us.rollingUpdate !== undefined && us.rollingUpdate !== null) {
      report.error(R.onDelete, 'spec.updateStrategy.rollingUpdate', 'rollingUpdate is only allowed with update strategy type RollingUpdate, not OnDelete',
        'remove rollingUpdate, or use type RollingUpdate');
    }
  } else if (us.type === 'RollingUpdate') {
    if (isJsonObject(us.rollingUpdate)) validateRollingUpdate(spec, us.rollingUpdate, report);
  } else {
    report.error(R.updateType, 'spec.updateStrategy.type', `update strategy type ${show(us.type)} is not RollingUpdate or OnDelete`,
      'use RollingUpdate (the default) or OnDelete');
  }
  // 16.
  const pol = spec.persistentVolumeClaimRetentionPolicy;
  if (isJsonObject(pol)) {
    for (const k of ['whenDeleted', 'whenScaled']) {
      if (unsetString(pol[k])) {
        // Only reachable with StatefulSetAutoDeletePVC off: the gate's defaulting fills empty values with Retain.
        report.error(R.pvcRetention, `spec.persistentVolumeClaimRetentionPolicy.${k}`,
          `${k} is unset, and with the feature gate StatefulSetAutoDeletePVC off Kruise does not default it to Retain`,
          `set ${k} to Retain or Delete`);
      } else if (typeof pol[k] !== 'string' || !RETENTION_TYPES.includes(pol[k])) {
        report.error(R.pvcRetention, `spec.persistentVolumeClaimRetentionPolicy.${k}`, `${k} ${show(pol[k])} is not Retain or Delete`,
          `set ${k} to Retain or Delete`);
      }
    }
  }
  // 17.
  const replicas = integerOr(spec.replicas);
  if (replicas !== undefined && replicas < 0) {
    report.error(R.replicas, 'spec.replicas', `replicas ${replicas} is negative`, 'set replicas to 0 or more');
  }

  // 18-19.
  const sel = spec.selector;
  const selectorOk = checkWorkloadSelector(sel, 'an Advanced StatefulSet', 'pod template', { required: R.selector, valid: R.selector, notEmpty: R.selector }, report);
  const template = isJsonObject(spec.template) ? spec.template : {};
  if (selectorOk) validateTemplateForStatefulSet(sel, template, 'spec.template', R.template, report);

  // 20-21.
  const tspec = isJsonObject(template.spec) ? template.spec : {};
  if (typeof tspec.restartPolicy === 'string' && tspec.restartPolicy !== '' && tspec.restartPolicy !== 'Always') {
    report.error(R.restartPolicy, 'spec.template.spec.restartPolicy', `restartPolicy ${show(tspec.restartPolicy)} is not supported: StatefulSet pods always restart`,
      'remove restartPolicy or set it to Always');
  }
  if (tspec.activeDeadlineSeconds !== undefined && tspec.activeDeadlineSeconds !== null) {
    report.error(R.activeDeadline, 'spec.template.spec.activeDeadlineSeconds', `activeDeadlineSeconds ${show(tspec.activeDeadlineSeconds)} is not supported in a StatefulSet`,
      'remove activeDeadlineSeconds from the pod template');
  }
}

/**
 * k8s ValidatePodTemplateSpecForStatefulSet (apps validation, 1.28): the
 * template labels match a non-empty selector, and the template's labels and
 * annotations are valid. The pod spec itself is not validated.
 */
export function validateTemplateForStatefulSet(sel: unknown, template: JsonObject, path: string, rule: string, report: Report): void {
  // A missing selector is reported where it is read; an empty one matches everything.
  if (hasRequirements(sel)) {
    validateSelectorMatchesTemplate(sel, template, `${path}.metadata.labels`, rule, report);
  }
  const meta = isJsonObject(template.metadata) ? template.metadata : {};
  validateLabels(meta.labels, `${path}.metadata.labels`, rule, report);
  validateAnnotations(meta.annotations, `${path}.metadata.annotations`, rule, report);
  validatePodSpecificAnnotations(meta.annotations, template.spec, `${path}.metadata.annotations`, rule, report);
}

export const advancedStatefulSetAdmission: KindAdmission = {
  group: 'apps.kruise.io',
  kind: 'StatefulSet',
  defaults: defaultStatefulSet,
  validate: (obj, ctx, report) => validateStatefulSet(obj, ctx, report),
};
