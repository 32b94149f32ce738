import { at, isJsonObject, JsonObject, objectOr } from '../../base/json';
import { parseIntOrPercent } from '../core/intstr';
import { show } from '../core/names';
import { isEmptySelector, selectorRequirementsByKey, selectorsLooseOverlap, validateLabelSelector } from '../core/selector';
import { AdmissionContext, KindAdmission, Report } from '../types';
import { earlierConflictingPeer, groupOfApiVersion, PeerKeys } from './peers';
import { str, isSet } from '../core/go-values';

/*
 * PodUnavailableBudget (policy.kruise.io/v1alpha1): Kruise's validating
 * webhook on CREATE (ADMISSION.md, PodUnavailableBudget, rules 1-9). Kruise has
 * no mutating webhook for this kind.
 */

const KIND = 'PodUnavailableBudget';
const GROUP = 'policy.kruise.io';
const PROTECT_OPERATIONS = 'kruise.io/pub-protect-operations';
const PROTECT_TOTAL_REPLICAS = 'pub.kruise.io/protect-total-replicas';
const OPERATIONS = ['UPDATE', 'DELETE', 'EVICT'];

/** Whether `v` is an object or a list: rule 9 reads a targetRef or selector of either shape (a list's fields read as empty). */
const isObjectOrList = (v: unknown): v is object => v !== null && typeof v === 'object';

/** Go's strconv.ParseInt(s, 10, 32) succeeds: optional sign, decimal digits, within int32. */
function isInt32(s: string): boolean {
  if (!/^[+-]?[0-9]+$/.test(s)) return false;
  const n = BigInt(s);
  return n >= -2147483648n && n <= 2147483647n;
}

function validateBudget(v: unknown, path: string, report: Report): void {
  const rule = `${KIND}/budget-value`;
  // k8s ValidatePositiveIntOrPercent: a percentage is digits and '%' (IsValidPercent), no sign.
  const parsed = typeof v === 'string' && !/^[0-9]+%$/.test(v) ? undefined : parseIntOrPercent(v);
  if (parsed === undefined) {
    report.error(rule, path, `${path} ${JSON.stringify(v)} is neither an integer nor a percentage`,
      'Use a non-negative integer (e.g. 1) or a percentage string (e.g. "25%")');
  } else if (parsed.value < 0) {
    report.error(rule, path, `${path} ${JSON.stringify(v)} is negative`, 'Use a value of 0 or more');
  } else if (parsed.percent && parsed.value > 100) {
    report.error(rule, path, `${path} ${JSON.stringify(v)} is more than 100%`, 'Use a percentage from 0% to 100%');
  }
}

/**
 * Index keys for rule 9. A budget with a targetRef is filed under its target
 * (group, kind, name). A budget with a selector is filed under the keys its
 * selector constrains (loosely overlapping selectors constrain the same keys),
 * then by the requirement on the first of them: under each value of an In
 * (which only a selector allowing that value, or one without an In there, can
 * overlap), or under "not In"; and always under "all".
 */
function overlapKeys(spec: unknown): { filed: string[]; lookup: string[] } {
  const ref = at(spec, 'targetRef');
  const sel = at(spec, 'selector');
  const filed: string[] = [];
  const lookup: string[] = [];
  if (isObjectOrList(ref)) {
    const target = JSON.stringify(['ref', groupOfApiVersion(str(at(ref, 'apiVersion'))) ?? null, str(at(ref, 'kind')), str(at(ref, 'name'))]);
    filed.push(target);
    lookup.push(target);
  }
  if (isObjectOrList(sel)) {
    const requirements = selectorRequirementsByKey(sel);
    const keys = [...requirements.keys()].sort();
    const base = JSON.stringify(['selector', keys]);
    filed.push(`${base}all`);
    const first = keys.length > 0 ? requirements.get(keys[0]) : undefined;
    if (first === undefined) {
      lookup.push(`${base}all`);
    } else if (first.operator === 'In') {
      for (const v of first.values) {
        filed.push(`${base}=${JSON.stringify(v)}`);
        lookup.push(`${base}=${JSON.stringify(v)}`);
      }
      lookup.push(`${base}*`);
    } else {
      filed.push(`${base}*`);
      lookup.push(`${base}all`);
    }
  }
  return { filed, lookup };
}

function validate(obj: JsonObject, ctx: AdmissionContext, report: Report, original: JsonObject): void {
  // Rule 1: PodUnavailableBudgetDeleteGate or PodUnavailableBudgetUpdateGate.
  const del = ctx.gate?.('PodUnavailableBudgetDeleteGate');
  const upd = ctx.gate?.('PodUnavailableBudgetUpdateGate');
  if (del === false && upd === false) {
    report.error(`${KIND}/feature-gate`, 'kind',
      'Kruise rejects every PodUnavailableBudget while both PodUnavailableBudgetDeleteGate and PodUnavailableBudgetUpdateGate are off',
      'Turn on PodUnavailableBudgetDeleteGate (on by default) or PodUnavailableBudgetUpdateGate in the Kruise install');
  }

  const annotations = at(obj, 'metadata', 'annotations');
  if (isJsonObject(annotations)) {
    // Rule 2: a comma-separated list of UPDATE, DELETE, EVICT (no spaces, no empty items).
    const ops = annotations[PROTECT_OPERATIONS];
    if (typeof ops === 'string') {
      const bad = ops.split(',').filter(op => !OPERATIONS.includes(op));
      if (bad.length > 0) {
        report.error(`${KIND}/protect-operations`, `metadata.annotations[${show(PROTECT_OPERATIONS)}]`,
          `annotation ${PROTECT_OPERATIONS} "${ops}" holds ${bad.map(b => JSON.stringify(b)).join(', ')}, which ${bad.length === 1 ? 'is not an operation' : 'are not operations'} Kruise knows`,
          'Use a comma-separated list of UPDATE, DELETE and EVICT with no spaces, e.g. "DELETE,EVICT"');
      }
    }
    // Rule 3: a 32-bit integer.
    const total = annotations[PROTECT_TOTAL_REPLICAS];
    if (typeof total === 'string' && !isInt32(total)) {
      report.error(`${KIND}/protect-total-replicas`, `metadata.annotations[${show(PROTECT_TOTAL_REPLICAS)}]`,
        `annotation ${PROTECT_TOTAL_REPLICAS} "${total}" is not a 32-bit integer`,
        'Write the total number of replicas as a decimal integer, e.g. "10"');
    }
  }

  const spec = objectOr(obj.spec);
  const selector = spec.selector;
  const ref = spec.targetRef;
  // Rule 4: exactly one of selector and targetRef.
  if (!isSet(selector) && !isSet(ref)) {
    report.error(`${KIND}/selector-or-target`, 'spec',
      'spec sets neither selector nor targetRef, so the budget protects no pods',
      'Set spec.targetRef to the workload (e.g. {apiVersion: apps.kruise.io/v1alpha1, kind: CloneSet, name: web}) or spec.selector to its pod labels');
  } else if (isSet(selector) && isSet(ref)) {
    report.error(`${KIND}/selector-or-target`, 'spec',
      'spec sets both selector and targetRef; they are mutually exclusive',
      'Keep only one of spec.selector and spec.targetRef');
  } else if (isSet(ref)) {
    // Rule 5: targetRef fields set, apiVersion parses.
    const r = objectOr(ref);
    const missing = ['apiVersion', 'kind', 'name'].filter(f => str(r[f]) === '');
    if (missing.length > 0) {
      report.error(`${KIND}/target-ref`, 'spec.targetRef',
        `spec.targetRef needs apiVersion, kind and name; ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} empty`,
        'Point spec.targetRef at the workload, e.g. {apiVersion: apps/v1, kind: Deployment, name: web}');
    }
    if (groupOfApiVersion(str(r.apiVersion)) === undefined) {
      report.error(`${KIND}/target-ref`, 'spec.targetRef.apiVersion',
        `spec.targetRef.apiVersion "${str(r.apiVersion)}" is not a valid group/version`,
        'Use group/version, e.g. apps/v1');
    }
  } else {
    // Rule 6: a valid, non-empty selector.
    validateLabelSelector(selector, 'spec.selector', `${KIND}/selector`, report);
    if (isEmptySelector(selector)) {
      report.error(`${KIND}/selector`, 'spec.selector',
        'spec.selector is empty; Kruise does not accept a budget over every pod of the namespace',
        'Give spec.selector matchLabels or matchExpressions that pick the protected pods');
    }
  }

  // Rule 7 and 8: exactly one of maxUnavailable and minAvailable, an int >= 0 or a percentage <= 100%.
  const maxU = spec.maxUnavailable;
  const minA = spec.minAvailable;
  if (!isSet(maxU) && !isSet(minA)) {
    report.error(`${KIND}/budget-required`, 'spec',
      'spec sets neither maxUnavailable nor minAvailable',
      'Set spec.maxUnavailable (e.g. "25%") or spec.minAvailable (e.g. 2)');
  } else if (isSet(maxU) && isSet(minA)) {
    report.error(`${KIND}/budget-required`, 'spec',
      'spec sets both maxUnavailable and minAvailable; they are mutually exclusive',
      'Keep only one of spec.maxUnavailable and spec.minAvailable');
  } else if (isSet(maxU)) {
    validateBudget(maxU, 'spec.maxUnavailable', report);
  } else {
    validateBudget(minA, 'spec.minAvailable', report);
  }

  // Rule 9: no other budget in the namespace over the same workload or loosely overlapping pods (cluster state).
  const refSet = isObjectOrList(ref);
  const selSet = isObjectOrList(selector);
  if (refSet !== selSet) {
    const other: unknown = earlierConflictingPeer(original, GROUP, KIND, ctx, (peer: unknown) => {
      const pref = at(peer, 'spec', 'targetRef');
      const psel = at(peer, 'spec', 'selector');
      if (refSet && isObjectOrList(pref)) {
        return groupOfApiVersion(str(at(pref, 'apiVersion'))) === groupOfApiVersion(str(at(ref, 'apiVersion')))
          && str(at(pref, 'kind')) === str(at(ref, 'kind')) && str(at(pref, 'name')) === str(at(ref, 'name'));
      }
      if (selSet && isObjectOrList(psel)) return selectorsLooseOverlap(selector, psel);
      return false;
    }, pubKeys(spec));
    if (other !== undefined) {
      const otherName = str(at(other, 'metadata', 'name'));
      if (refSet) {
        report.error(`${KIND}/no-overlap`, 'spec.targetRef',
          `PodUnavailableBudget "${otherName}" in the same namespace already targets ${str(at(ref, 'kind'))} "${str(at(ref, 'name'))}"`,
          'Keep one PodUnavailableBudget per workload');
      } else {
        report.error(`${KIND}/no-overlap`, 'spec.selector',
          `spec.selector overlaps the selector of PodUnavailableBudget "${otherName}" in the same namespace`,
          'Make the selectors of budgets in one namespace pick disjoint pods, or merge the budgets');
      }
    }
  }
}

function pubKeys(spec: JsonObject): PeerKeys {
  return { id: 'PodUnavailableBudget/overlap', keysOf: (peer: unknown) => overlapKeys(at(peer, 'spec')).filed, lookup: overlapKeys(spec).lookup };
}

/** PodUnavailableBudget: Kruise's CREATE-time admission (ADMISSION.md, PodUnavailableBudget). */
export const podUnavailableBudgetAdmission: KindAdmission = {
  group: GROUP,
  kind: KIND,
  validate,
};
