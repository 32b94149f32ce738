import { arrayOr, at, isJsonObject, JsonObject, objectOr, stringOr } from '../../base/json';
import { isSet, unsetString } from '../core/go-values';
import { dnsLabelProblem, show } from '../core/names';
import { validateContainers } from '../core/pod';
import { AdmissionContext, atLeast, Finding, KindAdmission, Report } from '../types';

/*
 * EphemeralJob (apps.kruise.io/v1alpha1): Kruise's CREATE-time admission
 * (ADMISSION.md, EphemeralJob, rules 1-5). Kruise validates
 * spec.template.ephemeralContainers with its own copy of Kubernetes'
 * ephemeral-container checks. No defaulting webhook exists for this kind, so
 * what Kubernetes would default for a pod (terminationMessagePolicy,
 * imagePullPolicy) must be written out. The CRD keeps the containers as
 * unknown fields, so the API server checks nothing inside them: a value of
 * the wrong type fails Kruise's decoding.
 */

const KIND = 'EphemeralJob';

/**
 * The container fields an ephemeral container may not set (everything
 * outside Kruise's allow list): ports, resources, probes, lifecycle, and the
 * fields of Kubernetes 1.28's container that the list does not name
 * (resizePolicy, restartPolicy).
 */
const FORBIDDEN_FIELDS = ['ports', 'resources', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle', 'resizePolicy', 'restartPolicy'];
/** String fields whose JSON must be a string for Kruise to decode the container. */
const STRING_FIELDS = ['name', 'image', 'terminationMessagePolicy', 'imagePullPolicy', 'workingDir', 'terminationMessagePath', 'targetContainerName'];
const TERMINATION_MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];

/**
 * Whether a field holds a value Go would see as set (differs from its zero
 * value): any non-null value, even `[]` or `{}`, for the slices and pointers;
 * for the resources struct, any non-null member (an empty `limits: {}` map counts).
 */
function isSetField(field: string, v: unknown): boolean {
  if (!isSet(v)) return false;
  if (field === 'resources') return isJsonObject(v) && Object.values(v).some(isSet);
  return true;
}

/**
 * Kubernetes' container checks that Kruise's ephemeral-container validation
 * shares with regular containers (env, envFrom, securityContext): the core
 * container validator run on a container holding only `fields` (and valid
 * placeholders for what it requires), its findings moved to the real path.
 */
function checkWithCore(fields: Record<string, unknown>, path: string, rule: string, report: Report): void {
  const scratch = new Report();
  const container = { name: 'ephemeral', image: 'placeholder', terminationMessagePolicy: 'File', imagePullPolicy: 'IfNotPresent', ...fields };
  validateContainers([container], 'c', rule, scratch, { notDefaulted: true });
  for (const f of scratch.findings) {
    const moved: Finding = { ...f, path: f.path.startsWith('c[0]') ? `${path}${f.path.slice('c[0]'.length)}` : path };
    report.findings.push(moved);
  }
}

function validate(obj: JsonObject, ctx: AdmissionContext, report: Report): void {
  const template = objectOr(at(obj, 'spec', 'template'));
  const containers = template.ephemeralContainers;
  if (!isSet(containers)) return;
  const base = 'spec.template.ephemeralContainers';
  if (!Array.isArray(containers)) {
    report.error(`${KIND}/container`, base, `ephemeralContainers must be a list of containers, not ${show(containers)}; Kruise cannot decode it`,
      'write ephemeralContainers as a list of container objects');
    return;
  }
  const names = new Set<string>();
  containers.forEach((c: unknown, i: number) => {
    const p = `${base}[${i}]`;
    if (!isJsonObject(c)) {
      report.error(`${KIND}/container`, p, `an ephemeral container must be an object, not ${show(c)}; Kruise cannot decode it`,
        'write the container as an object with name, image, imagePullPolicy and terminationMessagePolicy');
      return;
    }
    const typed = STRING_FIELDS.filter(f => c[f] !== undefined && c[f] !== null && typeof c[f] !== 'string');
    for (const f of typed) {
      report.error(`${KIND}/container`, `${p}.${f}`, `${f} must be a string, not ${show(c[f])}; Kruise cannot decode the container`);
    }
    if (typed.length > 0) return;

    // Rule 1: name, image, terminationMessagePolicy, env, imagePullPolicy. (Each is a string, null or absent here.)
    const name = stringOr(c.name) ?? '';
    if (name === '') {
      report.error(`${KIND}/container-name`, `${p}.name`, 'the ephemeral container has no name', 'name it, e.g. "debugger"');
    } else {
      const problem = dnsLabelProblem(name);
      if (problem) report.error(`${KIND}/container-name`, `${p}.name`, `container name ${problem}`, "use lowercase letters, digits and '-', e.g. \"debugger\"");
    }
    const image = stringOr(c.image) ?? '';
    if (image === '') {
      report.error(`${KIND}/container-image`, `${p}.image`, `ephemeral container ${show(name)} has no image`, 'set an image, e.g. "busybox:1.36"');
    }
    const tmp = stringOr(c.terminationMessagePolicy) ?? '';
    if (tmp === '') {
      report.error(`${KIND}/termination-message-policy`, `${p}.terminationMessagePolicy`,
        `ephemeral container ${show(name)} has no terminationMessagePolicy; no webhook defaults it for an EphemeralJob`,
        'set terminationMessagePolicy: File (what Kubernetes defaults elsewhere)');
    } else if (!TERMINATION_MESSAGE_POLICIES.includes(tmp)) {
      report.error(`${KIND}/termination-message-policy`, `${p}.terminationMessagePolicy`,
        `terminationMessagePolicy ${show(tmp)} is not supported`, `use one of ${TERMINATION_MESSAGE_POLICIES.join(', ')}`);
    }
    checkWithCore({ env: c.env, envFrom: c.envFrom }, p, `${KIND}/container-env`, report);
    // Nothing defaults a fieldRef's apiVersion here, and Kubernetes requires it.
    arrayOr(c.env).forEach((e, j) => {
      const ref = at(e, 'valueFrom', 'fieldRef');
      const apiVersionPath = `${p}.env[${j}].valueFrom.fieldRef.apiVersion`;
      if (isJsonObject(ref) && unsetString(ref.apiVersion)
        && !report.findings.some(f => f.path === apiVersionPath && f.severity === 'error')) {
        report.error(`${KIND}/container-env`, apiVersionPath, 'the fieldRef has no apiVersion; no webhook defaults it for an EphemeralJob', 'set apiVersion: v1');
      }
    });
    const pull = stringOr(c.imagePullPolicy) ?? '';
    if (pull === '') {
      report.error(`${KIND}/image-pull-policy`, `${p}.imagePullPolicy`,
        `ephemeral container ${show(name)} has no imagePullPolicy; no webhook defaults it for an EphemeralJob`,
        'set imagePullPolicy: IfNotPresent (or Always, Never)');
    } else if (!PULL_POLICIES.includes(pull)) {
      report.error(`${KIND}/image-pull-policy`, `${p}.imagePullPolicy`, `imagePullPolicy ${show(pull)} is not supported`, `use one of ${PULL_POLICIES.join(', ')}`);
    }

    // Rule 1, securityContext (Kubernetes' ValidateSecurityContext); from 1.8 (Kubernetes 1.30's check, with
    // Kruise passing hostUsers = true; ADMISSION-DELTA EJ-1) procMount Unmasked is refused.
    checkWithCore({ securityContext: c.securityContext }, p, `${KIND}/security-context`, report);
    if (atLeast(ctx, '1.8') && at(c, 'securityContext', 'procMount') === 'Unmasked') {
      report.error(`${KIND}/security-context`, `${p}.securityContext.procMount`,
        'procMount Unmasked needs a pod with hostUsers: false, and Kruise 1.8 validates ephemeral containers as if hostUsers were true',
        'use procMount Default (or leave it out)');
    }

    // Rule 2: no whitespace around the image.
    if (image !== image.trim()) {
      report.error(`${KIND}/image-whitespace`, `${p}.image`, `image ${show(image)} has leading or trailing whitespace`, `write it as ${show(image.trim())}`);
    }

    // Rule 3: names unique among the ephemeral containers.
    if (names.has(name)) {
      report.error(`${KIND}/container-names-unique`, `${p}.name`, `ephemeral container name ${show(name)} is used twice`, 'give each ephemeral container its own name');
    }
    names.add(name);

    // Rule 4: fields an ephemeral container may not set. (The ports' own checks add nothing here: any port is refused.)
    for (const f of FORBIDDEN_FIELDS) {
      if (isSetField(f, c[f])) {
        report.error(`${KIND}/forbidden-fields`, `${p}.${f}`, `${f} cannot be set on an ephemeral container`, `remove ${f}`);
      }
    }

    // Rule 5: no subPath / subPathExpr in volume mounts.
    if (Array.isArray(c.volumeMounts)) {
      arrayOr(c.volumeMounts).forEach((m, j) => {
        if (!isJsonObject(m)) return;
        for (const f of ['subPath', 'subPathExpr']) {
          if (typeof m[f] === 'string' && m[f] !== '') {
            report.error(`${KIND}/no-subpath`, `${p}.volumeMounts[${j}].${f}`, `${f} cannot be set on an ephemeral container's volume mount`,
              `mount the whole volume and remove ${f}`);
          }
        }
      });
    }
  });
}

/** EphemeralJob: Kruise's CREATE-time admission (ADMISSION.md, EphemeralJob); Kruise has no defaulting webhook for it. */
export const ephemeralJobAdmission: KindAdmission = {
  group: 'apps.kruise.io',
  kind: KIND,
  validate,
};
