import { JsonObject, at, isJsonObject } from '../../base/json';
import { cronScheduleProblem } from '../../base/schedule';
import { timeZoneProblem } from '../../base/time-zone';
import { show, validateObjectMeta } from '../core/names';
import { podOptionsFor, validatePodTemplateSpec } from '../core/pod';
import { AdmissionContext, KindAdmission, Report } from '../types';
import { kruiseJobNameProblem } from './broadcast-job';
import { isSet, unsetString } from '../core/go-values';

/*
 * AdvancedCronJob (apps.kruise.io/v1alpha1): Kruise's defaulting and
 * CREATE-time admission (ADMISSION.md, AdvancedCronJob, rules 1-9).
 */

const KIND = 'AdvancedCronJob';

/** The pod spec of a job or BroadcastJob template (`template.spec.template.spec`), if it is there. */
function podSpecOf(jobTemplate: unknown): JsonObject | undefined {
  const pod = at(jobTemplate, 'spec', 'template', 'spec');
  return isJsonObject(pod) ? pod : undefined;
}

/**
 * The mutating webhook, as far as it changes a verdict: unless the gate
 * TemplateNoDefaults is on, both templates' pods get Kubernetes' pod
 * defaults, so an unset restartPolicy becomes Always.
 */
function defaults(obj: JsonObject, ctx: AdmissionContext): JsonObject {
  const template = at(obj, 'spec', 'template');
  if (!isJsonObject(template)) return obj;
  if (ctx.gate?.('TemplateNoDefaults') === true) return obj;
  for (const key of ['jobTemplate', 'broadcastJobTemplate']) {
    const pod = podSpecOf(template[key]);
    if (pod && !pod.restartPolicy) pod.restartPolicy = 'Always';
  }
  return obj;
}

function validate(obj: JsonObject, ctx: AdmissionContext, report: Report): void {
  // Rule 1: ObjectMeta, with Kruise's name rule.
  validateObjectMeta(obj.metadata, 'metadata', `${KIND}/name`, report, { name: kruiseJobNameProblem(KIND) });

  const spec = isJsonObject(obj.spec) ? obj.spec : {};
  const schedule = spec.schedule;
  const timeZone = spec.timeZone;
  // Rule 2: a schedule.
  if (unsetString(schedule)) {
    report.error(`${KIND}/schedule-required`, 'spec.schedule', 'spec.schedule is empty', "set a cron schedule, e.g. '*/5 * * * *' or '@hourly'");
  } else if (typeof schedule !== 'string') {
    report.error(`${KIND}/schedule`, 'spec.schedule', `spec.schedule ${show(schedule)} is not a string`, "write the schedule as a string, e.g. '0 3 * * *'");
  } else {
    // Rule 3: robfig/cron ParseStandard.
    const problem = cronScheduleProblem(schedule);
    if (problem) {
      report.error(`${KIND}/schedule`, 'spec.schedule', `spec.schedule ${show(schedule)} is not a valid cron schedule: ${problem}`,
        "write five fields such as '*/5 * * * *', or a descriptor such as '@hourly' or '@every 1h'");
    }
    // Rule 4: a TZ in the schedule, and a timeZone.
    if (schedule.includes('TZ') && isSet(timeZone)) {
      report.error(`${KIND}/schedule-time-zone`, 'spec.schedule',
        `spec.schedule ${show(schedule)} contains "TZ" while spec.timeZone is set; Kruise refuses both together`,
        'keep one: remove the TZ= or CRON_TZ= prefix, or spec.timeZone');
    }
  }

  // Rules 5 and 6: exactly one template; its pod template valid.
  const template = isJsonObject(spec.template) ? spec.template : {};
  const present = ['jobTemplate', 'broadcastJobTemplate'].filter(k => isSet(template[k]));
  if (present.length !== 1) {
    report.error(`${KIND}/one-template`, 'spec.template',
      present.length === 0 ? 'spec.template has neither jobTemplate nor broadcastJobTemplate' : 'spec.template has both jobTemplate and broadcastJobTemplate',
      'give exactly one of spec.template.jobTemplate and spec.template.broadcastJobTemplate');
  }
  for (const key of present) {
    const t = template[key];
    const podTemplate = isJsonObject(t) && isJsonObject(t.spec) ? t.spec.template : undefined;
    const path = `spec.template.${key}.spec.template`;
    // Kruise's validator does not default the template itself: with TemplateNoDefaults on, nothing has.
    const notDefaulted = ctx.gate?.('TemplateNoDefaults') === true;
    const scratch = new Report();
    validatePodTemplateSpec(isJsonObject(podTemplate) ? podTemplate : {}, path, `${KIND}/pod-template`, scratch, podOptionsFor(ctx, { notDefaulted }));
    for (const f of scratch.findings) {
      report.findings.push(notDefaulted ? { ...f, message: `${f.message} (the gate TemplateNoDefaults is on, so Kruise does not fill in the pod defaults)` } : f);
    }
    // Accepted but bound to fail: the jobs Kruise creates from the template are refused.
    const restartPolicy = podSpecOf(t)?.restartPolicy;
    if (restartPolicy !== 'Never' && restartPolicy !== 'OnFailure' && (restartPolicy !== undefined || key === 'jobTemplate')) {
      const [child, judge] = key === 'jobTemplate' ? ['Job', 'the API server'] : ['BroadcastJob', 'Kruise'];
      report.warning(`${KIND}/child-restart-policy`, `${path}.spec.restartPolicy`,
        `the pod restartPolicy is ${restartPolicy === undefined ? 'unset (Always)' : show(restartPolicy)}; Kruise admits the AdvancedCronJob, but ${judge} refuses every ${child} it creates (it accepts only Never or OnFailure)`,
        'set restartPolicy to Never or OnFailure');
    }
  }

  // Rules 7 and 8: non-negative deadline and history limits.
  for (const field of ['startingDeadlineSeconds', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit']) {
    const v = spec[field];
    if (typeof v === 'number' && v < 0) {
      report.error(`${KIND}/${field === 'startingDeadlineSeconds' ? 'starting-deadline' : 'history-limits'}`, `spec.${field}`,
        `spec.${field} is ${v}; it must be 0 or more`, `set spec.${field} to 0 or more, or leave it out`);
    }
  }

  // Rule 9: an explicit IANA time zone.
  if (isSet(timeZone)) {
    const problem = typeof timeZone === 'string' ? timeZoneProblem(timeZone) : 'it is not a string';
    if (problem) {
      report.error(`${KIND}/time-zone`, 'spec.timeZone', `spec.timeZone ${show(timeZone)} is not a valid time zone: ${problem}`,
        "use an IANA name such as 'Europe/Berlin' or 'UTC', or leave timeZone out");
    }
  }
}

/** AdvancedCronJob: Kruise's defaulting and CREATE-time admission (ADMISSION.md, AdvancedCronJob). */
export const advancedCronJobAdmission: KindAdmission = {
  group: 'apps.kruise.io',
  kind: KIND,
  defaults,
  validate,
};
