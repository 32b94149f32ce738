/**
 * Pod templates and pod specs as k8s 1.28 pkg/apis/core/validation checks
 * them when Kruise calls ValidatePodTemplateSpec / ValidatePodSpec (with
 * Kruise's DefaultPodValidationOptions), over plain JSON values.
 * Conservative: a value is reported only when Kubernetes certainly rejects it.
 */
import { dnsLabelProblem, show, validateAnnotations, validateLabels } from './names';
import { arr, isObj } from './util';
import { Report } from '../types';

/** Options of the pod validators. */
export interface PodValidationOptions {
  /** Volume names that mounts may use besides spec.volumes (e.g. a StatefulSet's volumeClaimTemplates). */
  readonly extraVolumeNames?: string[];
  /** The restart policy to assume when spec.restartPolicy is not set (Kubernetes defaults it to Always). */
  readonly restartPolicy?: string;
}

/** k8s ValidatePodSpecificAnnotations over a template's annotations. */
export function validatePodSpecificAnnotations(
  _annotations: unknown, _spec: unknown, _path: string, _rule: string, _report: Report, _opts: PodValidationOptions = {},
): void {
  // deepened below
}

/** k8s ValidatePodTemplateSpec: template metadata (labels, annotations) and the pod spec. */
export function validatePodTemplateSpec(template: unknown, path: string, rule: string, report: Report, opts: PodValidationOptions = {}): void {
  if (!isObj(template)) return;
  const meta = isObj(template.metadata) ? template.metadata : {};
  validateLabels(meta.labels, `${path}.metadata.labels`, rule, report);
  validateAnnotations(meta.annotations, `${path}.metadata.annotations`, rule, report);
  validatePodSpecificAnnotations(meta.annotations, template.spec, `${path}.metadata.annotations`, rule, report, opts);
  validatePodSpec(template.spec, `${path}.spec`, rule, report, opts);
}

/** k8s ValidatePodSpec. */
export function validatePodSpec(spec: unknown, path: string, rule: string, report: Report, opts: PodValidationOptions = {}): void {
  const s = isObj(spec) ? spec : {};
  validateVolumes(s.volumes, `${path}.volumes`, rule, report, opts);
  validateContainers(s.containers, `${path}.containers`, rule, report, opts);
}

/** Regular containers (k8s validateContainers): at least one, names unique DNS labels, image set. */
export function validateContainers(containers: unknown, path: string, rule: string, report: Report, _opts: PodValidationOptions = {}): void {
  const list = arr(containers);
  if (list.length === 0) {
    report.error(rule, path, 'a pod needs at least one container', 'add a container with a name and an image');
    return;
  }
  const seen = new Set<string>();
  list.forEach((c, i) => {
    if (!isObj(c)) return;
    const p = `${path}[${i}]`;
    if (typeof c.name !== 'string' || c.name === '') {
      report.error(rule, `${p}.name`, 'container name is required', 'give the container a name');
    } else {
      const np = dnsLabelProblem(c.name);
      if (np) report.error(rule, `${p}.name`, `container name ${np}`);
      if (seen.has(c.name)) report.error(rule, `${p}.name`, `container name ${show(c.name)} is used twice`, 'give each container a distinct name');
      seen.add(c.name);
    }
    if (typeof c.image !== 'string' || c.image === '') {
      report.error(rule, `${p}.image`, 'container image is required', 'set an image, e.g. "nginx:1.25"');
    }
  });
}

/** Volumes (k8s ValidateVolumes): names unique DNS labels, exactly one source each. */
export function validateVolumes(_volumes: unknown, _path: string, _rule: string, _report: Report, _opts: PodValidationOptions = {}): void {
  // deepened below
}

/** A container's env (k8s ValidateEnv). */
export function validateEnv(_env: unknown, _path: string, _rule: string, _report: Report, _opts: PodValidationOptions = {}): void {
  // deepened below
}

/** A container's resources (k8s ValidateResourceRequirements). */
export function validateResources(_resources: unknown, _path: string, _rule: string, _report: Report, _opts: PodValidationOptions = {}): void {
  // deepened below
}

/** A probe (k8s validateProbe). */
export function validateProbe(_probe: unknown, _path: string, _rule: string, _report: Report, _opts: PodValidationOptions = {}): void {
  // deepened below
}
