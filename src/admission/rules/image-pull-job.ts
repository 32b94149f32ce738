import { IMAGE_REFERENCE_FIX, imageReferenceProblem } from '../../base/image-ref';
import { arrayOr, at, isJsonObject, JsonObject, objectOr } from '../../base/json';
import { isSet, unsetString } from '../core/go-values';
import { show } from '../core/names';
import { validateLabelSelector } from '../core/selector';
import { AdmissionContext, atLeast, KindAdmission, Report } from '../types';

/*
 * ImagePullJob (apps.kruise.io/v1alpha1): Kruise's defaulting and CREATE-time
 * admission (ADMISSION.md, ImagePullJob, rules 1-6). Upstream stops at the
 * first problem; every problem is reported here, which gives the same verdict.
 * The selector, podSelector and completion-policy checks are shared with
 * ImageListPullJob, whose webhook repeats them.
 */

const KIND = 'ImagePullJob';

/**
 * Kruise's mutating webhook for ImagePullJob and ImageListPullJob, as far as
 * it changes a verdict: an unset completionPolicy.type becomes Always, an
 * unset pullPolicy.timeoutSeconds 600.
 */
export function defaultPullJob(obj: JsonObject): JsonObject {
  if (!isJsonObject(obj)) return obj;
  if (!isJsonObject(obj.spec)) obj.spec = {};
  const spec = objectOr(obj.spec);
  if (!isJsonObject(spec.completionPolicy)) spec.completionPolicy = {};
  const completionPolicy = objectOr(spec.completionPolicy);
  if (unsetString(completionPolicy.type)) {
    completionPolicy.type = 'Always';
  }
  if (!isJsonObject(spec.pullPolicy)) spec.pullPolicy = {};
  const pullPolicy = objectOr(spec.pullPolicy);
  if (!isSet(pullPolicy.timeoutSeconds)) pullPolicy.timeoutSeconds = 600;
  return obj;
}

/**
 * Rule 1: the webhook refuses every ImagePullJob / ImageListPullJob unless the
 * gates KruiseDaemon and ImagePullJobGate are on (an unknown install reports nothing).
 */
export function checkPullJobGates(kind: string, ctx: AdmissionContext, report: Report): void {
  for (const gate of ['KruiseDaemon', 'ImagePullJobGate']) {
    if (ctx.gate?.(gate) === false) {
      report.error(`${kind}/feature-gates`, 'kind', `Kruise refuses every ${kind} while the feature gate ${gate} is off`,
        `turn the feature gate ${gate} on in the Kruise install (featureGates: ${gate}=true)`);
    }
  }
}

/**
 * Rules 2-4: the node selector (names or a label selector, not both; names
 * unique; the label selector valid) and the pod selector (not with a node
 * selector; valid).
 */
export function checkPullJobSelectors(kind: string, spec: JsonObject, report: Report): void {
  const selector = spec.selector;
  if (isSet(selector)) {
    const sel = objectOr(selector);
    const hasLabels = isSet(sel.matchLabels) || isSet(sel.matchExpressions);
    if (hasLabels && isSet(sel.names)) {
      report.error(`${kind}/selector`, 'spec.selector',
        'spec.selector sets both names and a label selector (matchLabels/matchExpressions); Kruise takes one or the other',
        'select the nodes either by names or by labels');
    }
    if (hasLabels) validateLabelSelector(sel, 'spec.selector', `${kind}/selector`, report);
    if (Array.isArray(sel.names)) {
      const seen = new Set<unknown>();
      arrayOr(sel.names).forEach((n, i) => {
        if (seen.has(n)) {
          report.error(`${kind}/selector-names-unique`, `spec.selector.names[${i}]`, `node name ${show(n)} is listed twice in spec.selector.names`,
            'list each node once');
        }
        seen.add(n);
      });
    }
  }
  const podSelector = spec.podSelector;
  if (isSet(podSelector)) {
    if (isSet(selector)) {
      report.error(`${kind}/pod-selector`, 'spec.podSelector',
        'spec sets both selector (nodes) and podSelector; Kruise takes one or the other',
        'pull on the nodes of the selected pods (podSelector) or on the selected nodes (selector), not both');
    }
    validateLabelSelector(podSelector, 'spec.podSelector', `${kind}/pod-selector`, report);
  }
}

/** Rule 6 (ImageListPullJob 9): completionPolicy.type Always or Never; Never takes no deadline and no TTL. */
/**
 * Kruise 1.8's rule of ImagePullJobs: with completionPolicy Always, an
 * activeDeadlineSeconds shorter than pullPolicy.timeoutSeconds. Returns both
 * when that is so.
 */
export function deadlineBelowTimeout(spec: JsonObject): { deadline: number; timeout: number } | undefined {
  const policy = objectOr(spec.completionPolicy);
  const deadline = policy.activeDeadlineSeconds;
  const timeout = at(spec, 'pullPolicy', 'timeoutSeconds');
  return policy.type === 'Always' && typeof deadline === 'number' && typeof timeout === 'number' && timeout > deadline ? { deadline, timeout } : undefined;
}

export function checkPullJobCompletionPolicy(kind: string, spec: JsonObject, report: Report): void {
  const policy = objectOr(spec.completionPolicy);
  const rule = `${kind}/completion-policy`;
  switch (policy.type) {
    case 'Always':
      break;
    case 'Never':
      for (const f of ['activeDeadlineSeconds', 'ttlSecondsAfterFinished']) {
        if (isSet(policy[f])) {
          report.error(rule, `spec.completionPolicy.${f}`,
            `completionPolicy ${f} is set with completionPolicy.type Never; it works only with Always`,
            `remove ${f}, or use completionPolicy.type Always`);
        }
      }
      break;
    default:
      report.error(rule, 'spec.completionPolicy.type', `completionPolicy.type ${show(policy.type)} is not one Kruise knows`,
        'use Always (the default) or Never');
  }
}

function validate(obj: JsonObject, ctx: AdmissionContext, report: Report): void {
  const spec = objectOr(obj.spec);
  checkPullJobGates(KIND, ctx, report);
  checkPullJobSelectors(KIND, spec, report);

  // Rule 5: a non-empty, valid image reference.
  const image = spec.image;
  if (unsetString(image)) {
    report.error(`${KIND}/image`, 'spec.image', 'spec.image is empty; an ImagePullJob pulls one image', 'set spec.image, e.g. "nginx:1.25"');
  } else if (typeof image === 'string') {
    const problem = imageReferenceProblem(image);
    if (problem) {
      report.error(`${KIND}/image`, 'spec.image', `spec.image ${show(image)} is not a valid image reference: ${problem}`,
        IMAGE_REFERENCE_FIX);
    }
  }

  checkPullJobCompletionPolicy(KIND, spec, report);

  // 1.8 (ADMISSION-DELTA IPJ-1): with completionPolicy Always, a deadline shorter than the pull timeout.
  if (atLeast(ctx, '1.8')) {
    const below = deadlineBelowTimeout(spec);
    if (below) {
      const { deadline, timeout } = below;
      report.error(`${KIND}/deadline-covers-timeout`, 'spec.completionPolicy.activeDeadlineSeconds',
        `completionPolicy.activeDeadlineSeconds ${deadline} is shorter than pullPolicy.timeoutSeconds ${timeout}`,
        `raise activeDeadlineSeconds to at least ${timeout}, or lower pullPolicy.timeoutSeconds (it defaults to 600)`);
    }
  }
}

/** ImagePullJob: Kruise's defaulting and CREATE-time admission (ADMISSION.md, ImagePullJob). */
export const imagePullJobAdmission: KindAdmission = {
  group: 'apps.kruise.io',
  kind: KIND,
  defaults: defaultPullJob,
  validate,
};
