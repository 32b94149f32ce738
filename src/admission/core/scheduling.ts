import { str, isSet } from './go-values';
import { dnsSubdomainProblem, labelValueProblem, qualifiedNameProblem, show } from './names';
import { arrayOr, isJsonObject, isInt } from '../../base/json';
/**
 * Node selection and tolerations, as k8s 1.28 pkg/apis/core/validation checks
 * them (ValidateNodeSelectorTerm, ValidatePreferredSchedulingTerms,
 * ValidateTolerations), over plain JSON values.
 */
import { Report } from '../types';

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

function validateNodeSelectorRequirement(req: unknown, path: string, rule: string, report: Report): void {
  if (!isJsonObject(req)) return;
  const op = req.operator;
  const values = arrayOr(req.values);
  switch (op) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) report.error(rule, `${path}.values`, `operator ${op} needs at least one value`, 'list the node label values in values');
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) report.error(rule, `${path}.values`, `operator ${op} takes no values, but ${show(values)} is set`, 'remove values');
      break;
    case 'Gt':
    case 'Lt':
      if (values.length !== 1) {
        report.error(rule, `${path}.values`, `operator ${op} needs exactly one value, not ${values.length}`, 'give one integer value, e.g. values: ["3"]');
      } else if (typeof values[0] === 'string' && !/^[+-]?[0-9]+$/.test(values[0])) {
        // Kubernetes admits it; the scheduler then fails to parse it and the term matches no node.
        report.warning(rule, `${path}.values[0]`, `operator ${op} compares integers, but ${show(values[0])} is not one, so the term matches no node`, 'use an integer such as "3"');
      }
      break;
    default:
      report.error(rule, `${path}.operator`, `${show(op)} is not a valid node selector operator`, 'use one of In, NotIn, Exists, DoesNotExist, Gt, Lt');
  }
  const kp = qualifiedNameProblem(str(req.key));
  if (kp) report.error(rule, `${path}.key`, `node selector key ${kp}`, 'use a node label key like "kubernetes.io/hostname"');
}

function validateNodeFieldSelectorRequirement(req: unknown, path: string, rule: string, report: Report): void {
  if (!isJsonObject(req)) return;
  const op = req.operator;
  const values = arrayOr(req.values);
  if (op === 'In' || op === 'NotIn') {
    if (values.length !== 1) report.error(rule, `${path}.values`, `a node field selector with operator ${op} needs exactly one value, not ${values.length}`, 'give one node name');
  } else {
    report.error(rule, `${path}.operator`, `${show(op)} is not a valid node field selector operator`, 'use In or NotIn');
  }
  if (req.key !== 'metadata.name') {
    report.error(rule, `${path}.key`, `${show(req.key)} is not a valid node field selector key`, 'use "metadata.name"');
  } else {
    values.forEach((v, i) => {
      if (typeof v !== 'string') return;
      const p = dnsSubdomainProblem(v);
      if (p) report.error(rule, `${path}.values[${i}]`, `node name ${p}`);
    });
  }
}

/** k8s ValidateNodeSelectorTerm: each matchExpressions and matchFields requirement. */
export function validateNodeSelectorTerm(term: unknown, path: string, rule: string, report: Report): void {
  if (!isJsonObject(term)) return;
  arrayOr(term.matchExpressions).forEach((r, i) => validateNodeSelectorRequirement(r, `${path}.matchExpressions[${i}]`, rule, report));
  arrayOr(term.matchFields).forEach((r, i) => validateNodeFieldSelectorRequirement(r, `${path}.matchFields[${i}]`, rule, report));
}

/** k8s ValidateNodeSelector (required node affinity): at least one term, each a valid term. */
export function validateNodeSelector(sel: unknown, path: string, rule: string, report: Report): void {
  if (!isJsonObject(sel)) return;
  const terms = arrayOr(sel.nodeSelectorTerms);
  if (terms.length === 0) {
    report.error(rule, `${path}.nodeSelectorTerms`, 'nodeSelectorTerms must have at least one term', 'add a term, or drop requiredDuringSchedulingIgnoredDuringExecution');
  }
  terms.forEach((t, i) => validateNodeSelectorTerm(t, `${path}.nodeSelectorTerms[${i}]`, rule, report));
}

/** k8s ValidatePreferredSchedulingTerms: weight 1..100 and a valid preference term each. */
export function validatePreferredSchedulingTerms(terms: unknown, path: string, rule: string, report: Report): void {
  arrayOr(terms).forEach((t, i) => {
    if (!isJsonObject(t)) return;
    const w = t.weight;
    if (!isSet(w) || (isInt(w) && (w < 1 || w > 100))) {
      report.error(rule, `${path}[${i}].weight`, `weight ${show(w)} must be in the range 1-100`, 'set a weight from 1 to 100');
    }
    validateNodeSelectorTerm(t.preference, `${path}[${i}].preference`, rule, report);
  });
}

/** k8s ValidateTolerations. */
export function validateTolerations(tolerations: unknown, path: string, rule: string, report: Report): void {
  arrayOr(tolerations).forEach((t, i) => {
    if (!isJsonObject(t)) return;
    const p = `${path}[${i}]`;
    const key = str(t.key);
    const op = t.operator ?? '';
    const effect = str(t.effect);
    const value = str(t.value);
    if (key.length > 0) {
      const kp = qualifiedNameProblem(key);
      if (kp) report.error(rule, `${p}.key`, `toleration key ${kp}`, 'use a taint key like "node.kubernetes.io/unreachable"');
    }
    if (key.length === 0 && op !== 'Exists') {
      report.error(rule, `${p}.operator`, `operator ${show(op)} needs a key: with an empty key the operator must be Exists (tolerate every taint)`, 'set a key, or use operator: Exists');
    }
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && effect !== 'NoExecute') {
      report.error(rule, `${p}.effect`, `tolerationSeconds is set, so effect must be NoExecute, not ${show(effect)}`, 'set effect: NoExecute, or drop tolerationSeconds');
    }
    if (op === 'Equal' || op === '') {
      const vp = labelValueProblem(value);
      if (vp) report.error(rule, `${p}.operator`, `toleration value ${vp}`);
    } else if (op === 'Exists') {
      if (value.length > 0) report.error(rule, `${p}.operator`, `operator Exists takes no value, but value is ${show(value)}`, 'remove value, or use operator: Equal');
    } else {
      report.error(rule, `${p}.operator`, `${show(op)} is not a toleration operator`, 'use Equal or Exists');
    }
    if (effect.length > 0 && !TAINT_EFFECTS.includes(effect)) {
      report.error(rule, `${p}.effect`, `${show(effect)} is not a taint effect`, `use one of ${TAINT_EFFECTS.join(', ')}, or leave it empty for all`);
    }
  });
}
