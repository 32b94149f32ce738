import { arrayOr, at, isJsonObject, JsonObject, objectOr } from '../../base/json';
import { dnsLabelProblem, show, validateObjectMeta } from '../core/names';
import { podOptionsFor, validatePodTemplateSpec } from '../core/pod';
import { validateNodeSelectorTerm, validateTolerations } from '../core/scheduling';
import { selectorMatches } from '../core/selector';
import { AdmissionContext, KindAdmission, Report } from '../types';
import { validateTemplateForStatefulSet } from './advanced-stateful-set';
import { checkWorkloadSelector, hasRequirements } from './workload-selector';
import { isSet, unsetString } from '../core/go-values';

/**
 * UnitedDeployment: Kruise's CREATE-time admission (ADMISSION.md,
 * UnitedDeployment, rules 1-19; upstream
 * pkg/webhook/uniteddeployment/validating/uniteddeployment_validation.go).
 * Kruise's defaulting of a UnitedDeployment changes no verdict.
 */

const K = 'UnitedDeployment';
/** Rule ids, by the rule numbers of ADMISSION.md. */
export const UNITED_DEPLOYMENT_RULES = {
  metadata: `${K}/metadata`, // 1
  replicas: `${K}/replicas-nonnegative`, // 2
  selector: `${K}/selector`, // 3
  oneTemplate: `${K}/one-template`, // 4
  selectorMatches: `${K}/selector-matches-template`, // 5
  podTemplate: `${K}/pod-template`, // 6
  stsReplicas: `${K}/statefulset-template-replicas-unset`, // 7
  stsPartition: `${K}/statefulset-template-partition-unset`, // 8
  deploymentReplicas: `${K}/deployment-template-replicas-unset`, // 9
  subsetReplicas: `${K}/subset-replicas`, // 10
  subsetMinMax: `${K}/subset-min-max-replicas`, // 11
  replicasOrCapacity: `${K}/subset-replicas-or-capacity`, // 12
  capacity: `${K}/subset-capacity`, // 13
  replicasSum: `${K}/subset-replicas-sum`, // 14
  replicasRequired: `${K}/subset-replicas-required`, // 15
  subsetName: `${K}/subset-name`, // 16
  nodeSelectorTerm: `${K}/subset-node-selector-term`, // 17
  tolerations: `${K}/subset-tolerations`, // 18
  partitions: `${K}/manual-update-partitions`, // 19
  /** A warning: what the controller overwrites in a cloneSetTemplate, which Kruise does not validate. */
  cloneSetOverridden: `${K}/clone-set-template-overridden`,
} as const;

const TEMPLATE_KINDS = ['statefulSetTemplate', 'advancedStatefulSetTemplate', 'cloneSetTemplate', 'deploymentTemplate'];
/** The controller's stand-in for an unset subset maxReplicas. */
const UNBOUNDED_MAX_REPLICAS = 1000000;

/**
 * The controller's ParseSubsetReplicas: an int >= 0, or (when the
 * UnitedDeployment's replicas is set) a whole percentage 0-100% of it,
 * rounded half up. `{ value }` or `{ problem }`; `{}` for values of the
 * wrong type (left to the schema check).
 */
function parseSubsetReplicas(udReplicas: number | undefined, v: unknown): { value?: number; problem?: string } {
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) return {};
    return v < 0 ? { problem: `${v} is negative` } : { value: v };
  }
  if (typeof v !== 'string') return {};
  if (udReplicas === undefined) return { problem: `a percentage such as ${show(v)} needs spec.replicas, which is unset` };
  if (!v.endsWith('%')) return { problem: `${show(v)} is neither an integer nor a percentage` };
  const num = v.slice(0, -1);
  // Go strconv.ParseInt(s, 10, 32)
  if (!/^[+-]?[0-9]+$/.test(num) || Number(num) > 2147483647 || Number(num) < -2147483648) {
    return { problem: `${show(v)} is not a whole percentage` };
  }
  const p = Number(num);
  if (p < 0 || p > 100) return { problem: `${show(v)} is outside 0%-100%` };
  return { value: Math.floor((udReplicas * p) / 100 + 0.5) };
}

function validateSubsetReplicas(expected: number | undefined, subsets: unknown[], report: Report): void {
  const R = UNITED_DEPLOYMENT_RULES;
  const P = 'spec.topology.subsets';
  let sumReplicas = 0;
  let sumMin = 0;
  let sumMax = 0;
  let countReplicas = 0;
  let countMax = 0;
  let hasReplicas = false;
  let hasCapacity = false;
  subsets.forEach((raw, i) => {
    const s = objectOr(raw);
    let replicas = 0;
    if (isSet(s.replicas)) {
      countReplicas++;
      hasReplicas = true;
      const r = parseSubsetReplicas(expected, s.replicas);
      if (r.problem) {
        report.error(R.subsetReplicas, `${P}[${i}].replicas`, `subset replicas ${r.problem}`,
          'use a number of pods, or a percentage such as "50%" together with spec.replicas');
      }
      replicas = r.value ?? 0;
    }
    sumReplicas += replicas;
    let min = 0;
    if (isSet(s.minReplicas)) {
      hasCapacity = true;
      const r = parseSubsetReplicas(expected, s.minReplicas);
      if (r.problem) report.error(R.subsetMinMax, `${P}[${i}].minReplicas`, `subset minReplicas ${r.problem}`, 'use a number of pods, or a percentage with spec.replicas');
      min = r.value ?? 0;
    }
    sumMin += min;
    let max = UNBOUNDED_MAX_REPLICAS;
    if (isSet(s.maxReplicas)) {
      countMax++;
      hasCapacity = true;
      const r = parseSubsetReplicas(expected, s.maxReplicas);
      if (r.problem) report.error(R.subsetMinMax, `${P}[${i}].maxReplicas`, `subset maxReplicas ${r.problem}`, 'use a number of pods, or a percentage with spec.replicas');
      max = r.value ?? 0;
    }
    sumMax += max;
    if (min > max) {
      report.error(R.subsetMinMax, `${P}[${i}].minReplicas`, `subset minReplicas ${show(s.minReplicas)} comes to more than maxReplicas ${show(s.maxReplicas)}`,
        'make minReplicas at most maxReplicas');
    }
  });

  if (hasReplicas && hasCapacity) {
    report.error(R.replicasOrCapacity, P, 'subsets set replicas and minReplicas/maxReplicas together; a UnitedDeployment uses one or the other',
      'give subsets either replicas, or minReplicas/maxReplicas');
    return;
  }
  if (hasCapacity) {
    if (expected === undefined) {
      report.error(R.capacity, P, 'subsets set minReplicas/maxReplicas, which need spec.replicas', 'set spec.replicas');
    }
    if (countMax >= subsets.length) {
      report.error(R.capacity, P, 'every subset sets maxReplicas; at least one must leave it unset to take the remaining pods',
        'remove maxReplicas from one subset');
    }
    if (sumMin > sumMax) {
      report.error(R.capacity, P, `the subsets' minReplicas add up to ${sumMin}, more than their maxReplicas (${sumMax})`,
        'lower minReplicas or raise maxReplicas');
    }
  } else if (expected !== undefined) {
    if (sumReplicas > expected) {
      report.error(R.replicasSum, P, `the subsets' replicas add up to ${sumReplicas}, more than spec.replicas (${expected})`,
        'lower the subset replicas or raise spec.replicas');
    }
    if (countReplicas > 0 && countReplicas === subsets.length && sumReplicas !== expected) {
      report.error(R.replicasSum, P, `every subset sets replicas, and they add up to ${sumReplicas} instead of spec.replicas (${expected})`,
        'make the subset replicas add up to spec.replicas, or leave one subset without replicas');
    }
  } else if (countReplicas !== subsets.length) {
    report.error(R.replicasRequired, P, 'spec.replicas is unset, so every subset must set replicas', 'set spec.replicas, or replicas on every subset');
  }
}

function validateSubsetTemplate(template: JsonObject, sel: unknown, selectorOk: boolean, ctx: AdmissionContext, report: Report): void {
  const R = UNITED_DEPLOYMENT_RULES;
  const P = 'spec.template';
  const present = TEMPLATE_KINDS.filter(k => isSet(template[k]));
  if (present.length === 0) {
    report.error(R.oneTemplate, P, 'a UnitedDeployment needs one of statefulSetTemplate, advancedStatefulSetTemplate, cloneSetTemplate or deploymentTemplate',
      'add the template of the workload each subset runs');
  } else if (present.length > 1) {
    report.error(R.oneTemplate, P, `a UnitedDeployment takes only one workload template, but sets ${present.join(', ')}`, 'keep one of them');
  }
  warnCloneSetOverrides(template.cloneSetTemplate, report);
  if (!selectorOk) return;

  // The first present of StatefulSet, Advanced StatefulSet and Deployment is validated; a CloneSet template is not.
  const kind = ['statefulSetTemplate', 'advancedStatefulSetTemplate', 'deploymentTemplate'].find(k => isSet(template[k]));
  if (kind === undefined) return;
  const t = template[kind];
  if (!isJsonObject(t)) return;
  const tp = `${P}.${kind}`;
  const labels = objectOr(at(t, 'metadata', 'labels'));
  // 5. A missing selector matches nothing (reported as missing where it is read).
  if (isSet(sel) && !selectorMatches(sel, labels)) {
    report.error(R.selectorMatches, `${tp}.metadata.labels`, `the selector ${show(sel)} does not match the ${kind} labels ${show(labels)}`,
      `give ${kind}.metadata the labels the selector asks for`);
  }
  const spec = objectOr(t.spec);
  const podTemplate = objectOr(spec.template);
  if (kind === 'deploymentTemplate') {
    // 9.
    if (isSet(spec.replicas)) {
      report.error(R.deploymentReplicas, `${tp}.spec.replicas`, `replicas ${show(spec.replicas)} in deploymentTemplate would not be used; the subsets decide replicas`,
        'remove replicas from the template');
    }
    // 6. k8s ValidatePodTemplateSpecForReplicaSet
    const pp = `${tp}.spec.template`;
    if (hasRequirements(sel)) {
      const plabels = objectOr(at(podTemplate, 'metadata', 'labels'));
      if (!selectorMatches(sel, plabels)) {
        report.error(R.podTemplate, `${pp}.metadata.labels`, `the selector ${show(sel)} does not match the pod template labels ${show(plabels)}`,
          'give the pod template the labels the selector asks for');
      }
    }
    validatePodTemplateSpec(spec.template, pp, R.podTemplate, report, podOptionsFor(ctx));
    const ps = objectOr(podTemplate.spec);
    if (typeof ps.restartPolicy === 'string' && ps.restartPolicy !== '' && ps.restartPolicy !== 'Always') {
      report.error(R.podTemplate, `${pp}.spec.restartPolicy`, `restartPolicy ${show(ps.restartPolicy)} is not supported: Deployment pods always restart`,
        'remove restartPolicy or set it to Always');
    }
    if (isSet(ps.activeDeadlineSeconds)) {
      report.error(R.podTemplate, `${pp}.spec.activeDeadlineSeconds`, `activeDeadlineSeconds ${show(ps.activeDeadlineSeconds)} is not supported in a Deployment`,
        'remove activeDeadlineSeconds from the pod template');
    }
    return;
  }
  // 7-8.
  if (isSet(spec.replicas)) {
    report.error(R.stsReplicas, `${tp}.spec.replicas`, `replicas ${show(spec.replicas)} in ${kind} would not be used; the subsets decide replicas`,
      'remove replicas from the template');
  }
  const us = objectOr(spec.updateStrategy);
  const partition = at(us, 'rollingUpdate', 'partition');
  if (us.type === 'RollingUpdate' && isSet(partition)) {
    report.error(R.stsPartition, `${tp}.spec.updateStrategy.rollingUpdate.partition`,
      `partition ${show(partition)} in ${kind} would not be used; the UnitedDeployment sets partitions per subset`,
      'remove the partition, and use spec.updateStrategy.manualUpdate.partitions');
  }
  // 6. k8s ValidatePodTemplateSpecForStatefulSet: labels and annotations only.
  validateTemplateForStatefulSet(sel, podTemplate, `${tp}.spec.template`, R.podTemplate, report);
}

/**
 * Kruise admits replicas and a partition in a cloneSetTemplate, but the
 * controller sets both on every subset's CloneSet (replicas from the
 * topology, the partition from manualUpdate.partitions).
 */
function warnCloneSetOverrides(cst: unknown, report: Report): void {
  const spec = at(cst, 'spec');
  if (!isJsonObject(spec)) return;
  const P = 'spec.template.cloneSetTemplate.spec';
  if (isSet(spec.replicas)) {
    report.warning(UNITED_DEPLOYMENT_RULES.cloneSetOverridden, `${P}.replicas`,
      `replicas ${show(spec.replicas)} in cloneSetTemplate is ignored: the UnitedDeployment sets each subset's replicas`,
      'remove replicas; set spec.replicas and the subsets\' replicas instead');
  }
  const partition = at(spec, 'updateStrategy', 'partition');
  if (isSet(partition)) {
    report.warning(UNITED_DEPLOYMENT_RULES.cloneSetOverridden, `${P}.updateStrategy.partition`,
      `partition ${show(partition)} in cloneSetTemplate is ignored: the UnitedDeployment sets each subset's partition`,
      'remove the partition, and use spec.updateStrategy.manualUpdate.partitions');
  }
}

function validateUnitedDeployment(obj: JsonObject, ctx: AdmissionContext, report: Report): void {
  const R = UNITED_DEPLOYMENT_RULES;
  validateObjectMeta(obj.metadata, 'metadata', R.metadata, report, { kubeFinalizers: true });
  const spec = objectOr(obj.spec);

  // 2.
  const replicas = typeof spec.replicas === 'number' && Number.isInteger(spec.replicas) ? spec.replicas : undefined;
  if (replicas !== undefined && replicas < 0) {
    report.error(R.replicas, 'spec.replicas', `replicas ${replicas} is negative`, 'set replicas to 0 or more');
  }

  // 3.
  const sel = spec.selector;
  const selectorOk = checkWorkloadSelector(sel, 'a UnitedDeployment', 'template', { required: R.selector, valid: R.selector, notEmpty: R.selector }, report);

  // 4-9.
  validateSubsetTemplate(objectOr(spec.template), sel, selectorOk, ctx, report);

  // 10-15. A negative spec.replicas counts as unset here, as upstream's -1 sentinel does.
  const subsets = arrayOr(at(spec, 'topology', 'subsets'));
  validateSubsetReplicas(replicas === undefined || replicas === -1 ? undefined : replicas, subsets, report);

  // 16-18.
  const names = new Set<unknown>();
  subsets.forEach((raw, i) => {
    const s = objectOr(raw);
    const sp = `spec.topology.subsets[${i}]`;
    if (unsetString(s.name)) {
      report.error(R.subsetName, `${sp}.name`, 'a subset needs a name', 'name the subset (a DNS label, e.g. "zone-a")');
    } else {
      if (names.has(s.name)) {
        report.error(R.subsetName, `${sp}.name`, `subset name ${show(s.name)} is used twice`, 'give every subset its own name');
      }
      const p = dnsLabelProblem(s.name);
      if (p) report.error(R.subsetName, `${sp}.name`, `subset name ${p}`, 'use a DNS label, e.g. "zone-a"');
    }
    names.add(s.name ?? '');
    if (isJsonObject(s.nodeSelectorTerm)) validateNodeSelectorTerm(s.nodeSelectorTerm, `${sp}.nodeSelectorTerm`, R.nodeSelectorTerm, report);
    if (isSet(s.tolerations)) validateTolerations(s.tolerations, `${sp}.tolerations`, R.tolerations, report);
  });

  // 19.
  const partitions = at(spec, 'updateStrategy', 'manualUpdate', 'partitions');
  if (isJsonObject(partitions)) {
    for (const name of Object.keys(partitions)) {
      if (!names.has(name)) {
        report.error(R.partitions, `spec.updateStrategy.manualUpdate.partitions[${show(name)}]`, `manualUpdate.partitions names subset ${show(name)}, which does not exist`,
          `use one of the subset names: ${[...names].map(show).join(', ') || '(none)'}`);
      }
    }
  }
}

export const unitedDeploymentAdmission: KindAdmission = {
  group: 'apps.kruise.io',
  kind: 'UnitedDeployment',
  validate: (obj, ctx, report) => validateUnitedDeployment(obj, ctx, report),
};
