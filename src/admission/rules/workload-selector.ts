/**
 * The selector rules Kruise's workload webhooks share: CloneSet (rules 3-6),
 * Advanced StatefulSet (18-19) and UnitedDeployment (3) each require
 * `spec.selector`, validate it as a label selector, reject an empty one, and
 * (CloneSet and Advanced StatefulSet) check it against the template's labels.
 */
import { at, isJsonObject, objectOr } from '../../base/json';
import { isSet } from '../core/go-values';
import { show } from '../core/names';
import { isEmptySelector, selectorMatches, validateLabelSelector } from '../core/selector';
import { Report } from '../types';

/** Whether a selector selects something: an object with at least one label or expression. */
export function hasRequirements(sel: unknown): boolean {
  return isJsonObject(sel) && !isEmptySelector(sel);
}

/** The rule ids a workload reports its selector findings under. */
export interface SelectorRules {
  /** `spec.selector` is missing. */
  readonly required: string;
  /** It is not a valid label selector. */
  readonly valid: string;
  /** It selects nothing. */
  readonly notEmpty: string;
}

/**
 * `spec.selector` of a workload: present, a valid label selector, and not
 * empty. `workload` names the kind with its article ('a CloneSet'),
 * `templateNoun` what the fix points at ('pod template'). Returns whether the
 * selector converts (no error of its own: a missing one converts too), which is
 * when Kruise goes on to validate the template against it.
 */
export function checkWorkloadSelector(sel: unknown, workload: string, templateNoun: string, rules: SelectorRules, report: Report): boolean {
  const fix = `set spec.selector.matchLabels to labels of the ${templateNoun}`;
  if (!isSet(sel)) {
    report.error(rules.required, 'spec.selector', `${workload} needs a selector`, fix);
    return true;
  }
  const before = report.findings.length;
  validateLabelSelector(sel, 'spec.selector', rules.valid, report);
  const converts = !report.findings.slice(before).some(f => f.severity === 'error');
  if (!hasRequirements(sel)) {
    report.error(rules.notEmpty, 'spec.selector', `the selector is empty; ${workload} needs a selector that picks its own pods`, fix);
  }
  return converts;
}

/** CloneSet rule 6 and its kin: the selector matches the template's labels. */
export function validateSelectorMatchesTemplate(sel: unknown, template: unknown, path: string, rule: string, report: Report): void {
  const labels = objectOr(at(template, 'metadata', 'labels'));
  if (!selectorMatches(sel, labels)) {
    report.error(rule, path, `the selector ${show(sel)} does not match the template labels ${show(labels)}`,
      'give the pod template the labels the selector asks for');
  }
}
