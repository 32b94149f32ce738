import { JsonObject, at, stringOr, isJsonObject } from '../../base/json';
import { ownObject, unsetString } from '../core/go-values';
import { parseIntOrPercent } from '../core/intstr';
import { show, validateObjectMeta } from '../core/names';
import { podOptionsFor, validatePodTemplateSpec } from '../core/pod';
import { AdmissionContext, KindAdmission, Report } from '../types';

/*
 * BroadcastJob (apps.kruise.io/v1alpha1): Kruise's defaulting and CREATE-time
 * admission (ADMISSION.md, BroadcastJob, rules 1-6).
 */

const KIND = 'BroadcastJob';
/** Labels the BroadcastJob controller puts on its pods; a template may not preset them. */
const RESERVED_LABELS = ['broadcastjob-name', 'broadcastjob-controller-uid'];
const NAME_MAX = 63;

/**
 * Kruise's name rule for BroadcastJob and AdvancedCronJob names (and
 * generateNames): letters (either case), digits and '-', at most 63 characters.
 */
export function kruiseJobNameProblem(kind: string): (name: string) => string | undefined {
  return (name: string) => {
    if (!/^[a-zA-Z0-9-]+$/.test(name)) return `Kruise accepts ${kind} names of letters, digits and '-' only`;
    if (name.length > NAME_MAX) return `Kruise accepts ${kind} names of at most ${NAME_MAX} characters (this one has ${name.length})`;
    return undefined;
  };
}

/**
 * The mutating webhook, as far as it changes a verdict. Unless the gate
 * TemplateNoDefaults is on, the pod template gets Kubernetes' pod defaults
 * first, so an unset restartPolicy becomes Always (which rule 4 refuses)
 * before the BroadcastJob default OnFailure could apply. An unset
 * completionPolicy.type becomes Always.
 */
function defaults(obj: JsonObject, ctx: AdmissionContext): JsonObject {
  const spec = ownObject(obj, 'spec');
  const policy = ownObject(spec, 'completionPolicy');
  if (!policy.type) policy.type = 'Always';
  const pod = ownObject(ownObject(spec, 'template'), 'spec');
  if (unsetString(pod.restartPolicy)) {
    pod.restartPolicy = ctx.gate?.('TemplateNoDefaults') === true ? 'OnFailure' : 'Always';
  }
  return obj;
}

function validate(obj: JsonObject, ctx: AdmissionContext, report: Report, original: JsonObject): void {
  // Rule 1: ObjectMeta, with Kruise's name rule.
  validateObjectMeta(obj.metadata, 'metadata', `${KIND}/name`, report, { name: kruiseJobNameProblem(KIND) });

  const spec = isJsonObject(obj.spec) ? obj.spec : {};
  const policy = isJsonObject(spec.completionPolicy) ? spec.completionPolicy : {};
  // Rules 2 and 3: completionPolicy Never takes no TTL and no deadline.
  if (policy.type === 'Never') {
    for (const [field, rule] of [['ttlSecondsAfterFinished', 'never-without-ttl'], ['activeDeadlineSeconds', 'never-without-deadline']]) {
      if (policy[field] !== undefined && policy[field] !== null) {
        report.error(`${KIND}/${rule}`, `spec.completionPolicy.${field}`,
          `completionPolicy.${field} is set with completionPolicy.type Never; it works only with Always`,
          `remove ${field}, or use completionPolicy.type Always`);
      }
    }
  }

  const template = isJsonObject(spec.template) ? spec.template : {};
  const pod = isJsonObject(template.spec) ? template.spec : {};
  // Rule 4: the pods' restartPolicy Never or OnFailure.
  if (pod.restartPolicy !== 'Never' && pod.restartPolicy !== 'OnFailure') {
    const written = at(original, 'spec', 'template', 'spec', 'restartPolicy');
    const unset = unsetString(written);
    report.error(`${KIND}/restart-policy`, 'spec.template.spec.restartPolicy',
      unset
        ? 'the pod template sets no restartPolicy, and Kruise defaults it to Always (the pod defaults run before the BroadcastJob default OnFailure), which a BroadcastJob refuses'
        : `restartPolicy ${show(pod.restartPolicy)} is not allowed for a BroadcastJob's pods`,
      'set spec.template.spec.restartPolicy to Never or OnFailure');
  }

  // Rule 5: the controller's own pod labels may not be preset.
  const labels = isJsonObject(template.metadata) && isJsonObject(template.metadata.labels) ? template.metadata.labels : {};
  for (const key of RESERVED_LABELS) {
    if (typeof labels[key] === 'string' && labels[key] !== '') {
      report.error(`${KIND}/reserved-labels`, `spec.template.metadata.labels[${show(key)}]`,
        `the pod template presets label ${show(key)}, which the BroadcastJob controller sets on its pods`, `remove the ${key} label`);
    }
  }

  // Rule 6: the pod template (Kubernetes' ValidatePodTemplateSpec on the defaulted template).
  validatePodTemplateSpec(template, 'spec.template', `${KIND}/pod-template`, report, podOptionsFor(ctx, { restartPolicy: stringOr(pod.restartPolicy) }));

  // Accepted but odd: a parallelism with which no pod ever runs, or one the controller cannot read.
  const parallelism = spec.parallelism;
  if (parallelism !== undefined && parallelism !== null) {
    const p = parseIntOrPercent(parallelism);
    if (p === undefined) {
      report.warning(`${KIND}/parallelism`, 'spec.parallelism',
        `parallelism ${show(parallelism)} is neither a whole number nor a percentage; Kruise admits it, but the controller cannot read it and runs no pods`,
        'use a number such as 10 or a percentage such as "50%"');
    } else if (p.value <= 0) {
      report.warning(`${KIND}/parallelism`, 'spec.parallelism',
        `parallelism ${show(parallelism)} lets no pod run at a time; Kruise admits it, but the job never progresses`,
        'use a positive parallelism, or leave it out for no limit');
    }
  }
}

/** BroadcastJob: Kruise's defaulting and CREATE-time admission (ADMISSION.md, BroadcastJob). */
export const broadcastJobAdmission: KindAdmission = {
  group: 'apps.kruise.io',
  kind: KIND,
  defaults,
  validate,
};
