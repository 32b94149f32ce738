import { JsonObject, arrayOr, at, isJsonObject } from '../../base/json';
import { show, validateObjectMeta } from '../core/names';
import { podOptionsFor, validatePodTemplateSpec } from '../core/pod';
import { selectorMatches, validateLabelSelector } from '../core/selector';
import { AdmissionContext, KindAdmission, Report, atLeast } from '../types';
import { hasRequirements } from './workload-selector';
import { childObject, isSet, unsetString } from '../core/go-values';

/**
 * Advanced DaemonSet (kind DaemonSet, apps.kruise.io): Kruise's defaulting
 * and CREATE-time admission (ADMISSION.md, Advanced DaemonSet, rules 1-17;
 * upstream pkg/webhook/daemonset/validating/daemonset_validation.go and
 * apis/apps/defaults SetDefaultsDaemonSet).
 */

const K = 'AdvancedDaemonSet';
/** Rule ids, by the rule numbers of ADMISSION.md. */
export const ADVANCED_DAEMON_SET_RULES = {
  metadata: `${K}/metadata`, // 1
  selectorValid: `${K}/selector-valid`, // 2
  selectorMatches: `${K}/selector-matches-template`, // 3
  selectorNotEmpty: `${K}/selector-not-empty`, // 4
  podTemplate: `${K}/pod-template`, // 5
  readOnlyDisks: `${K}/read-only-persistent-disks`, // 6
  restartPolicy: `${K}/restart-policy-always`, // 7
  activeDeadline: `${K}/no-active-deadline-seconds`, // 8
  minReadySeconds: `${K}/min-ready-seconds-nonnegative`, // 9
  updateType: `${K}/update-strategy-type`, // 10
  budgets: `${K}/max-unavailable-max-surge`, // 11
  notBothSet: `${K}/not-both-unavailable-and-surge`, // 12
  notBothZero: `${K}/not-both-zero`, // 13
  rollingUpdateType: `${K}/rolling-update-type`, // 14
  partition: `${K}/partition-nonnegative`, // 15
  revisionHistoryLimit: `${K}/revision-history-limit-nonnegative`, // 16
  inPlaceUpdateHook: `${K}/no-in-place-update-hook`, // 17
  /** Warnings: values Kruise admits but reads differently from how they look. */
  oddBudget: `${K}/budget-read-as-zero`,
  surgingDeprecated: `${K}/surging-deprecated`,
} as const;

const ROLLING_UPDATE_TYPES = ['Standard', 'InPlaceIfPossible', 'Surging'];

/** Kruise's SetDefaultsDaemonSet, for the fields that change a verdict. */
function defaultDaemonSet(obj: JsonObject): JsonObject {
  const spec = childObject(obj, 'spec');
  if (!spec) return obj;
  const us = childObject(spec, 'updateStrategy');
  if (!us) return obj;
  if (unsetString(us.type)) us.type = 'RollingUpdate';
  if (us.type === 'RollingUpdate') {
    const ru = childObject(us, 'rollingUpdate');
    if (!ru) return obj;
    // The deprecated Surging type becomes Standard with a surge of 1.
    if (ru.type === 'Surging') {
      if (!isSet(ru.maxSurge)) ru.maxSurge = 1;
      if (!isSet(ru.maxUnavailable)) ru.maxUnavailable = 0;
    }
    if (unsetString(ru.type) || ru.type === 'Surging') ru.type = 'Standard';
    if (!isSet(ru.maxUnavailable) && !isSet(ru.maxSurge)) {
      ru.maxUnavailable = 1;
      ru.maxSurge = 0;
    }
  }
  return obj;
}

/** Go strconv.Atoi as intstr.IntValue uses it: the value, 0 on a syntax error, clamped on overflow. */
function atoiOrZero(s: string): number {
  if (!/^[+-]?[0-9]+$/.test(s)) return 0;
  const n = Number(s);
  return Number.isFinite(n) ? n : 0;
}

/**
 * The DaemonSet webhook's getIntOrPercentValue: a whole percentage's number,
 * an int's value, and for any other string what intstr.IntValue makes of it
 * (Atoi, 0 when that fails).
 */
function intOrPercentValue(v: unknown): number {
  if (typeof v === 'number') return Number.isInteger(v) ? v : 0;
  if (typeof v !== 'string') return 0;
  if (/^[0-9]+%$/.test(v)) return atoiOrZero(v.slice(0, -1));
  return atoiOrZero(v);
}

/** k8s ValidatePositiveIntOrPercent + IsNotMoreThan100Percent on a non-zero budget. */
function validateBudget(v: unknown, path: string, report: Report): void {
  const R = ADVANCED_DAEMON_SET_RULES;
  if (typeof v === 'string') {
    if (!/^[0-9]+%$/.test(v)) {
      report.error(R.budgets, path, `${show(v)} is neither an integer nor a whole percentage such as "10%"`, 'use an integer such as 1 or a percentage such as "10%"');
    } else if (Number(v.slice(0, -1)) > 100) {
      report.error(R.budgets, path, `${show(v)} is more than 100%`, 'use at most "100%"');
    }
  } else if (typeof v === 'number' && v < 0) {
    report.error(R.budgets, path, `${v} is negative`, 'use 0 or more');
  }
}

function validateRollingUpdate(ru: JsonObject, report: Report): void {
  const R = ADVANCED_DAEMON_SET_RULES;
  const P = 'spec.updateStrategy.rollingUpdate';
  for (const k of ['maxUnavailable', 'maxSurge']) {
    const v = ru[k];
    if (typeof v === 'string' && !/^[0-9]+%$/.test(v) && intOrPercentValue(v) === 0 && !/^[+-]?0+$/.test(v)) {
      report.warning(R.oddBudget, `${P}.${k}`, `${k} ${show(v)} is neither an integer nor a whole percentage; Kruise admits it and reads it as 0`,
        'use an integer such as 1 or a percentage such as "10%"');
    }
  }
  let hasUnavailable = false;
  let hasSurge = false;
  if (isSet(ru.maxUnavailable) && intOrPercentValue(ru.maxUnavailable) !== 0) {
    hasUnavailable = true;
    validateBudget(ru.maxUnavailable, `${P}.maxUnavailable`, report);
  }
  if (isSet(ru.maxSurge) && intOrPercentValue(ru.maxSurge) !== 0) {
    hasSurge = true;
    validateBudget(ru.maxSurge, `${P}.maxSurge`, report);
  }
  if (hasUnavailable && hasSurge) {
    report.error(R.notBothSet, `${P}.maxSurge`, `maxSurge ${show(ru.maxSurge)} may not be set when maxUnavailable (${show(ru.maxUnavailable)}) is non-zero`,
      'set one of maxUnavailable and maxSurge to 0');
  } else if (!hasUnavailable && !hasSurge) {
    report.error(R.notBothZero, `${P}.maxUnavailable`,
      `maxUnavailable ${show(ru.maxUnavailable)} and maxSurge ${show(ru.maxSurge)} are both zero (or unset), so no update could proceed`,
      'set maxUnavailable (e.g. 1) or maxSurge above 0');
  }

  switch (ru.type) {
    case undefined:
    case null:
    case '':
    case 'Standard':
      break;
    case 'InPlaceIfPossible':
      if (hasSurge) {
        report.error(R.rollingUpdateType, `${P}.maxSurge`, `maxSurge ${show(ru.maxSurge)} must be 0 for rollingUpdate type InPlaceIfPossible`,
          'set maxSurge to 0 and use maxUnavailable');
      }
      break;
    case 'Surging': // defaulted to Standard before validation; kept for fidelity
      if (hasUnavailable) {
        report.error(R.rollingUpdateType, `${P}.maxUnavailable`, 'maxUnavailable must be 0 for rollingUpdate type Surging', 'set maxUnavailable to 0');
      }
      break;
    default:
      report.error(R.rollingUpdateType, `${P}.type`, `rollingUpdate type ${show(ru.type)} is not one of ${ROLLING_UPDATE_TYPES.join(', ')}`,
        'use Standard (the default) or InPlaceIfPossible');
  }

  if (typeof ru.partition === 'number' && ru.partition < 0) {
    report.error(R.partition, `${P}.partition`, `partition ${ru.partition} is negative`, 'use a partition of 0 or more');
  }
}

function validateDaemonSet(obj: JsonObject, ctx: AdmissionContext, report: Report, original: JsonObject): void {
  const R = ADVANCED_DAEMON_SET_RULES;
  const written = at(original, 'spec', 'updateStrategy');
  if (isJsonObject(written) && (unsetString(written.type) || written.type === 'RollingUpdate')
    && isJsonObject(written.rollingUpdate) && written.rollingUpdate.type === 'Surging') {
    report.warning(R.surgingDeprecated, 'spec.updateStrategy.rollingUpdate.type',
      'rollingUpdate type Surging is deprecated: Kruise turns it into Standard (with maxSurge 1 and maxUnavailable 0 unless set)',
      'use type Standard with maxSurge set and maxUnavailable 0');
  }
  // The generic ObjectMeta validation (not core's): finalizer names are not restricted further.
  validateObjectMeta(obj.metadata, 'metadata', R.metadata, report);
  const spec = isJsonObject(obj.spec) ? obj.spec : {};
  const template = isJsonObject(spec.template) ? spec.template : {};
  const tmeta = isJsonObject(template.metadata) ? template.metadata : {};
  const tspec = isJsonObject(template.spec) ? template.spec : {};

  // 2-4. A missing selector converts to one that matches nothing.
  const sel = spec.selector;
  const before = report.findings.length;
  if (isSet(sel)) validateLabelSelector(sel, 'spec.selector', R.selectorValid, report);
  const converts = !report.findings.slice(before).some(f => f.severity === 'error');
  if (converts) {
    const labels = isJsonObject(tmeta.labels) ? tmeta.labels : {};
    if (!isSet(sel)) {
      report.error(R.selectorMatches, 'spec.selector', 'a DaemonSet needs a selector (without one it matches no pods, not even its own)',
        'set spec.selector.matchLabels to labels of the pod template');
    } else if (hasRequirements(sel) && !selectorMatches(sel, labels)) {
      report.error(R.selectorMatches, 'spec.template.metadata.labels', `the selector ${show(sel)} does not match the template labels ${show(labels)}`,
        'give the pod template the labels the selector asks for');
    }
  }
  if (isSet(sel) && !hasRequirements(sel)) {
    report.error(R.selectorNotEmpty, 'spec.selector', 'the selector is empty; a DaemonSet needs a selector that picks its own pods',
      'set spec.selector.matchLabels to labels of the pod template');
  }

  // 5.
  validatePodTemplateSpec(spec.template, 'spec.template', R.podTemplate, report, podOptionsFor(ctx));

  // 6. Writable GCE persistent disks (k8s 1.28; 1.8's k8s 1.30 skips this check by default).
  if (!atLeast(ctx, '1.8')) {
    arrayOr(tspec.volumes).forEach((v, i) => {
      if (isJsonObject(v) && isJsonObject(v.gcePersistentDisk) && v.gcePersistentDisk.readOnly !== true) {
        report.error(R.readOnlyDisks, `spec.template.spec.volumes[${i}].gcePersistentDisk.readOnly`,
          `volume ${show(v.name)} mounts a GCE persistent disk read-write, but a DaemonSet's pods run on many nodes and a GCE disk can only be shared read-only`,
          'set gcePersistentDisk.readOnly to true');
      }
    });
  }

  // 7-9.
  if (typeof tspec.restartPolicy === 'string' && tspec.restartPolicy !== '' && tspec.restartPolicy !== 'Always') {
    report.error(R.restartPolicy, 'spec.template.spec.restartPolicy', `restartPolicy ${show(tspec.restartPolicy)} is not supported: DaemonSet pods always restart`,
      'remove restartPolicy or set it to Always');
  }
  if (isSet(tspec.activeDeadlineSeconds)) {
    report.error(R.activeDeadline, 'spec.template.spec.activeDeadlineSeconds', `activeDeadlineSeconds ${show(tspec.activeDeadlineSeconds)} is not supported in a DaemonSet`,
      'remove activeDeadlineSeconds from the pod template');
  }
  if (typeof spec.minReadySeconds === 'number' && spec.minReadySeconds < 0) {
    report.error(R.minReadySeconds, 'spec.minReadySeconds', `minReadySeconds ${spec.minReadySeconds} is negative`, 'use 0 or more');
  }

  // 10-15.
  const us = isJsonObject(spec.updateStrategy) ? spec.updateStrategy : {};
  if (us.type === 'RollingUpdate') {
    if (!isJsonObject(us.rollingUpdate)) {
      report.error(R.updateType, 'spec.updateStrategy.rollingUpdate', 'update strategy RollingUpdate needs rollingUpdate', 'set spec.updateStrategy.rollingUpdate');
    } else {
      validateRollingUpdate(us.rollingUpdate, report);
    }
  } else if (us.type !== 'OnDelete') {
    report.error(R.updateType, 'spec.updateStrategy.type', `update strategy type ${show(us.type)} is not RollingUpdate or OnDelete`,
      'use RollingUpdate (the default) or OnDelete');
  }

  // 16-17.
  if (typeof spec.revisionHistoryLimit === 'number' && spec.revisionHistoryLimit < 0) {
    report.error(R.revisionHistoryLimit, 'spec.revisionHistoryLimit', `revisionHistoryLimit ${spec.revisionHistoryLimit} is negative`, 'use 0 or more');
  }
  if (isJsonObject(spec.lifecycle) && isSet(spec.lifecycle.inPlaceUpdate)) {
    report.error(R.inPlaceUpdateHook, 'spec.lifecycle.inPlaceUpdate', 'the inPlaceUpdate lifecycle hook is not supported for DaemonSets',
      'remove spec.lifecycle.inPlaceUpdate (preDelete is supported)');
  }
}

export const advancedDaemonSetAdmission: KindAdmission = {
  group: 'apps.kruise.io',
  kind: 'DaemonSet',
  defaults: obj => defaultDaemonSet(obj),
  validate: (obj, ctx, report, original) => validateDaemonSet(obj, ctx, report, original),
};
