import { JsonObject, arrayOr, objectOr, isJsonObject, integerOr } from '../../base/json';
import { childObject, isSet, unsetString } from '../core/go-values';
import { scaledValue } from '../core/intstr';
import { show, validateObjectMeta } from '../core/names';
import { podOptionsFor, validatePodTemplateSpec } from '../core/pod';
import { validateLabelSelector } from '../core/selector';
import { AdmissionContext, KindAdmission, Report } from '../types';
import { checkWorkloadSelector, hasRequirements, validateSelectorMatchesTemplate } from './workload-selector';

/**
 * CloneSet: Kruise's defaulting and CREATE-time admission (ADMISSION.md,
 * CloneSet, rules 1-17; upstream pkg/webhook/cloneset/validating/validation.go
 * and apis/apps/defaults SetDefaultsCloneSet).
 */

const K = 'CloneSet';
/** Rule ids, by the rule numbers of ADMISSION.md. */
export const CLONE_SET_RULES = {
  metadata: `${K}/metadata`, // 1
  replicas: `${K}/replicas-nonnegative`, // 2
  selectorRequired: `${K}/selector-required`, // 3
  selectorValid: `${K}/selector-valid`, // 4
  selectorNotEmpty: `${K}/selector-not-empty`, // 5
  selectorMatches: `${K}/selector-matches-template`, // 6
  podTemplate: `${K}/pod-template`, // 7
  restartPolicy: `${K}/restart-policy-always`, // 8
  activeDeadline: `${K}/no-active-deadline-seconds`, // 9
  podsToDeleteUnique: `${K}/pods-to-delete-unique`, // 10
  podsToDeleteExist: `${K}/pods-to-delete-owned`, // 11
  updateType: `${K}/update-strategy-type`, // 12
  partition: `${K}/partition`, // 13
  priority: `${K}/priority-strategy`, // 14
  scatter: `${K}/scatter-strategy`, // 15
  budgets: `${K}/max-unavailable-max-surge`, // 16
  budgetsBothZero: `${K}/update-budget-not-zero`, // 17
} as const;

const UPDATE_TYPES = ['ReCreate', 'InPlaceIfPossible', 'InPlaceOnly'];
/** Kruise's DefaultCloneSetMaxUnavailable. */
const DEFAULT_MAX_UNAVAILABLE = '20%';


/** Kruise's SetDefaultsCloneSet, for the fields that change a verdict. */
function defaultCloneSet(obj: JsonObject): JsonObject {
  const spec = childObject(obj, 'spec');
  if (!spec) return obj;
  if (!isSet(spec.replicas)) spec.replicas = 1;
  const us = childObject(spec, 'updateStrategy');
  if (!us) return obj;
  if (unsetString(us.type)) us.type = 'ReCreate';
  if (!isSet(us.partition)) us.partition = 0;
  if (!isSet(us.maxUnavailable)) us.maxUnavailable = DEFAULT_MAX_UNAVAILABLE;
  if (!isSet(us.maxSurge)) us.maxSurge = 0;
  return obj;
}

/** Whether a label selector converts (metav1.LabelSelectorAsSelector succeeds): checked quietly. */
export function selectorConverts(sel: unknown): boolean {
  const scratch = new Report();
  validateLabelSelector(sel, 'selector', 'scratch', scratch);
  return !scratch.hasErrors;
}

/**
 * Whether a label selector has requirements (matchLabels or
 * matchExpressions). A missing one has none: Go's zero-valued LabelSelector.
 */
/**
 * Kruise's UpdatePriorityStrategy.FieldsValidation (apis/apps/pub): the first
 * problem only, reported at `path` (CloneSet rule 14, Advanced StatefulSet rule 15).
 */
export function validatePriorityStrategy(ps: unknown, path: string, rule: string, report: Report): void {
  if (!isJsonObject(ps)) return;
  const weights = arrayOr(ps.weightPriority);
  const orders = arrayOr(ps.orderPriority);
  if (weights.length > 0 && orders.length > 0) {
    report.error(rule, path, 'priorityStrategy sets both weightPriority and orderPriority; only one of them can be used',
      'keep either weightPriority or orderPriority');
    return;
  }
  for (let i = 0; i < weights.length; i++) {
    const w = objectOr(weights[i]);
    const weight = integerOr(w.weight) ?? 0;
    if (weight < 0 || weight > 100) {
      report.error(rule, `${path}.weightPriority[${i}].weight`, `priority weight ${show(w.weight)} is outside the range 0-100`,
        'use a weight between 1 and 100');
      return;
    }
    if (!hasRequirements(w.matchSelector)) {
      report.error(rule, `${path}.weightPriority[${i}].matchSelector`, 'a weightPriority term has an empty matchSelector',
        'give the term matchLabels or matchExpressions that pick the pods it weighs');
      return;
    }
    if (!selectorConverts(w.matchSelector)) {
      report.error(rule, `${path}.weightPriority[${i}].matchSelector`, `the matchSelector ${show(w.matchSelector)} is not a valid label selector`,
        'use valid label keys and values, and In/NotIn with values or Exists/DoesNotExist without');
      return;
    }
  }
  for (let i = 0; i < orders.length; i++) {
    const o = objectOr(orders[i]);
    if (typeof o.orderedKey !== 'string' || o.orderedKey.length === 0) {
      report.error(rule, `${path}.orderPriority[${i}].orderedKey`, 'an orderPriority term has an empty orderedKey',
        'set orderedKey to the pod label whose value orders the update');
      return;
    }
  }
}

/**
 * Go's strconv.ParseFloat on the number part of a percentage, as far as it
 * can be decided here: a number, `null` when ParseFloat rejects it, and
 * `undefined` for the forms whose result depends on the platform or is not
 * modelled (hexadecimal floats, digit separators, Inf, NaN).
 */
function goParseFloat(s: string): number | null | undefined {
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return Number(s);
  if (/^[+-]?(inf|infinity|nan)$/i.test(s) || /^[+-]?0[xX]/.test(s) || s.includes('_')) return undefined;
  return null;
}

/**
 * Kruise's util.GetScaledValueFromIntOrPercent (unlike the k8s one, the
 * percentage may be fractional: Go ParseFloat): `{ value }`, `{ problem }`, or
 * `{}` when the outcome cannot be decided here.
 */
function kruiseScaledValue(v: unknown, total: number): { value?: number; problem?: string } {
  if (typeof v === 'number') return Number.isInteger(v) ? { value: v } : {};
  if (typeof v !== 'string') return {};
  if (!v.endsWith('%')) return { problem: 'a string is not a percentage' };
  const f = goParseFloat(v.slice(0, -1));
  if (f === null) return { problem: `${show(v.slice(0, -1))} is not a number` };
  if (f === undefined) return {};
  if (!Number.isFinite(f)) return { problem: `${show(v.slice(0, -1))} is out of the range of a float64` };
  return { value: Math.ceil((f * total) / 100) };
}

function validateCloneSet(obj: JsonObject, ctx: AdmissionContext, report: Report): void {
  const R = CLONE_SET_RULES;
  validateObjectMeta(obj.metadata, 'metadata', R.metadata, report, { kubeFinalizers: true });
  const spec = isJsonObject(obj.spec) ? obj.spec : {};

  // 2. replicas (defaulted to 1)
  const replicas = integerOr(spec.replicas) ?? 0;
  if (replicas < 0) {
    report.error(R.replicas, 'spec.replicas', `replicas ${replicas} is negative`, 'set replicas to 0 or more');
  }

  // 3-6. selector
  const sel = spec.selector;
  // Kruise validates the pod template whenever the selector converts (a missing one converts too).
  const selectorOk = checkWorkloadSelector(sel, 'a CloneSet', 'pod template', { required: R.selectorRequired, valid: R.selectorValid, notEmpty: R.selectorNotEmpty }, report);
  const template = isJsonObject(spec.template) ? spec.template : {};
  const tspec = isJsonObject(template.spec) ? template.spec : {};
  if (selectorOk) {
    if (hasRequirements(sel)) {
      validateSelectorMatchesTemplate(sel, template, 'spec.template.metadata.labels', R.selectorMatches, report);
    }
    // 7.
    validateTemplateWithClaims(spec.template, spec.volumeClaimTemplates, ctx, report);
  }

  // 8-9.
  if (typeof tspec.restartPolicy === 'string' && tspec.restartPolicy !== '' && tspec.restartPolicy !== 'Always') {
    report.error(R.restartPolicy, 'spec.template.spec.restartPolicy', `restartPolicy ${show(tspec.restartPolicy)} is not supported: CloneSet pods always restart`,
      'remove restartPolicy or set it to Always');
  }
  if (tspec.activeDeadlineSeconds !== undefined && tspec.activeDeadlineSeconds !== null) {
    report.error(R.activeDeadline, 'spec.template.spec.activeDeadlineSeconds', `activeDeadlineSeconds ${show(tspec.activeDeadlineSeconds)} is not supported in a CloneSet`,
      'remove activeDeadlineSeconds from the pod template');
  }

  validateScaleStrategy(isJsonObject(spec.scaleStrategy) ? spec.scaleStrategy : {}, report);
  validateUpdateStrategy(isJsonObject(spec.updateStrategy) ? spec.updateStrategy : {}, replicas, ctx, report);
}

/**
 * Rule 7: core ValidatePodTemplateSpec on the template with every
 * volumeClaimTemplate appended as a PVC volume of its name, as Kruise mocks
 * them (so a claim named like a template volume is a duplicate, and a claim
 * name must be a valid volume name). Findings about an appended volume are
 * reported at its volumeClaimTemplate.
 */
function validateTemplateWithClaims(template: unknown, claims: unknown, ctx: AdmissionContext, report: Report): void {
  const vcts = arrayOr(claims);
  if (vcts.length === 0 || !isJsonObject(template) || (template.spec !== undefined && !isJsonObject(template.spec))) {
    validatePodTemplateSpec(template, 'spec.template', CLONE_SET_RULES.podTemplate, report, podOptionsFor(ctx));
    return;
  }
  const spec = isJsonObject(template.spec) ? template.spec : {};
  const volumes = arrayOr(spec.volumes);
  const mocked = vcts.map(v => {
    const name = isJsonObject(v) && isJsonObject(v.metadata) && typeof v.metadata.name === 'string' ? v.metadata.name : '';
    return { name, persistentVolumeClaim: { claimName: name } };
  });
  const scratch = new Report();
  validatePodTemplateSpec({ ...template, spec: { ...spec, volumes: [...volumes, ...mocked] } }, 'spec.template', CLONE_SET_RULES.podTemplate, scratch, podOptionsFor(ctx));
  for (const f of scratch.findings) {
    const m = /^spec\.template\.spec\.volumes\[(\d+)\](.*)$/.exec(f.path);
    let path = f.path;
    if (m && Number(m[1]) >= volumes.length) {
      const i = Number(m[1]) - volumes.length;
      path = `spec.volumeClaimTemplates[${i}].metadata.name`;
    }
    if (f.severity === 'error') report.error(f.rule, path, f.message, f.fix);
    else report.warning(f.rule, path, f.message, f.fix);
  }
}

function validateScaleStrategy(ss: JsonObject, report: Report): void {
  const R = CLONE_SET_RULES;
  const names = arrayOr(ss.podsToDelete);
  const seen = new Set<unknown>();
  const dups: unknown[] = [];
  for (const n of names) {
    if (seen.has(n) && !dups.includes(n)) dups.push(n);
    seen.add(n);
  }
  if (dups.length > 0) {
    report.error(R.podsToDeleteUnique, 'spec.scaleStrategy.podsToDelete', `podsToDelete lists ${dups.map(show).join(', ')} more than once`,
      'list each pod once');
    return;
  }
  // Kruise looks every name up in the cluster: the pod must exist, not be
  // terminating, and be controlled by this CloneSet (by UID). A CloneSet being
  // created controls no pods yet, so a CREATE with podsToDelete is always
  // refused; as an update of an existing CloneSet (how GitOps applies it) the
  // verdict depends on pods the review cannot see. The contract reports
  // cluster-state rules only from peers, so this is a warning.
  names.forEach((n: unknown, i: number) => {
    report.warning(R.podsToDeleteExist, `spec.scaleStrategy.podsToDelete[${i}]`,
      `podsToDelete names pod ${show(n)}: Kruise refuses this when the CloneSet is created (it controls no pods yet), and accepts it on an update only if the pod exists, is not terminating and belongs to this CloneSet`,
      'create the CloneSet without podsToDelete, and list pods to delete only in later updates');
  });
}

function validateUpdateStrategy(us: JsonObject, replicas: number, _ctx: AdmissionContext, report: Report): void {
  const R = CLONE_SET_RULES;
  const P = 'spec.updateStrategy';
  // 12. type (defaulted to ReCreate)
  if (typeof us.type !== 'string' || !UPDATE_TYPES.includes(us.type)) {
    report.error(R.updateType, `${P}.type`, `update strategy type ${show(us.type)} is not one of ${UPDATE_TYPES.join(', ')}`,
      'use ReCreate, InPlaceIfPossible or InPlaceOnly');
  }

  // 13. partition (defaulted to 0)
  const part = kruiseScaledValue(us.partition, replicas);
  if (part.problem) {
    report.error(R.partition, `${P}.partition`, `partition ${show(us.partition)} is neither an integer nor a percentage: ${part.problem}`,
      'use an integer such as 3 or a percentage such as "20%"');
  } else if (part.value !== undefined && part.value < 0) {
    report.error(R.partition, `${P}.partition`, `partition ${show(us.partition)} comes to ${part.value} pods, which is negative`,
      'use a partition of 0 or more');
  }

  // 14-15.
  validatePriorityStrategy(us.priorityStrategy, `${P}.priorityStrategy`, R.priority, report);
  validateScatterStrategy(us.scatterStrategy, `${P}.scatterStrategy`, report);

  // 16. maxUnavailable / maxSurge (defaulted to 20% and 0)
  let maxUnavailable = 0;
  if (us.maxUnavailable !== undefined && us.maxUnavailable !== null) {
    const v = scaledValue(us.maxUnavailable, replicas, true);
    if (v === undefined) {
      report.error(R.budgets, `${P}.maxUnavailable`, `maxUnavailable ${show(us.maxUnavailable)} is neither an integer nor a whole percentage`,
        'use an integer such as 1 or a percentage such as "20%"');
    } else {
      maxUnavailable = v;
      if (typeof us.maxUnavailable === 'string' && percentOver100(us.maxUnavailable)) {
        report.warning(R.budgets, `${P}.maxUnavailable`, `maxUnavailable ${show(us.maxUnavailable)} is above 100%; Kruise accepts it, but no more than all pods can be unavailable`,
          'use at most "100%"');
      }
    }
  }
  let maxSurge = 0;
  if (us.maxSurge !== undefined && us.maxSurge !== null) {
    const v = scaledValue(us.maxSurge, replicas, true);
    if (v === undefined) {
      report.error(R.budgets, `${P}.maxSurge`, `maxSurge ${show(us.maxSurge)} is neither an integer nor a whole percentage`,
        'use an integer such as 1 or a percentage such as "20%"');
    } else {
      maxSurge = v;
      if (us.type === 'InPlaceOnly' && maxSurge > 0) {
        report.error(R.budgets, `${P}.maxSurge`, `maxSurge ${show(us.maxSurge)} cannot be used with update strategy type InPlaceOnly`,
          'set maxSurge to 0, or use InPlaceIfPossible');
      }
    }
  }

  // 17.
  if (replicas > 0 && maxUnavailable < 1 && maxSurge < 1) {
    report.error(R.budgetsBothZero, `${P}.maxUnavailable`,
      `maxUnavailable ${budget(us.maxUnavailable, replicas)} and maxSurge ${budget(us.maxSurge, replicas)} both come to less than 1 of ${replicas} pods, so no update could proceed`,
      'let at least one pod be unavailable (maxUnavailable) or surge (maxSurge); maxSurge defaults to 0');
  }
}

/** A budget as the rule-17 message shows it: the value, and what Kruise counts it as when that differs. */
function budget(v: unknown, replicas: number): string {
  const n = scaledValue(v, replicas, true);
  if (n === undefined) return `${show(v)} (unreadable, counted as 0)`;
  return typeof v === 'number' ? show(v) : `${show(v)} (${n} pods)`;
}

/** Whether an int-or-percent string is a percentage above 100. */
function percentOver100(s: string): boolean {
  const m = /^\+?0*(\d+)%$/.exec(s);
  return m !== null && Number(m[1]) > 100;
}

/** Kruise's UpdateScatterStrategy.FieldsValidation: the first problem only. */
function validateScatterStrategy(scatter: unknown, path: string, report: Report): void {
  const terms = arrayOr(scatter);
  const seen = new Set<string>();
  for (let i = 0; i < terms.length; i++) {
    const t = objectOr(terms[i]);
    const key = typeof t.key === 'string' ? t.key : '';
    const value = typeof t.value === 'string' ? t.value : '';
    if (key === '') {
      report.error(CLONE_SET_RULES.scatter, `${path}[${i}].key`, 'a scatterStrategy term has an empty key', 'set key to a pod label key');
      return;
    }
    const id = `${key}:${value}`;
    if (seen.has(id)) {
      report.error(CLONE_SET_RULES.scatter, `${path}[${i}]`, `scatterStrategy lists key=${key} value=${value} twice`, 'list each key and value pair once');
      return;
    }
    seen.add(id);
  }
}

export const cloneSetAdmission: KindAdmission = {
  group: 'apps.kruise.io',
  kind: 'CloneSet',
  defaults: defaultCloneSet,
  validate: (obj, ctx, report) => validateCloneSet(obj, ctx, report),
};
