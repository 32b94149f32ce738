/**
 * The API server's rules on every object's metadata (name, namespace, labels,
 * annotations) and on pod templates (container names, images, ports), which
 * the Kruise CRD schemas do not check (pod templates are
 * `x-kubernetes-preserve-unknown-fields`), over plain JSON: findings for the
 * review, lines for synth-time validations. The constructs' throwing checks
 * (common/object-meta.ts) build on them. Not exported from index.ts.
 */
import { IMAGE_REFERENCE_FIX, imageReferenceProblem } from '../base/image-ref';
import { arrayOr, at, isJsonObject, objectOr } from '../base/json';
import { isDns1123Label, isLabelValue, isObjectName, isQualifiedName, LABEL_RULE, LABEL_VALUE_RULE, QUALIFIED_NAME_RULE, SUBDOMAIN_RULE } from '../base/names';
import { showValue } from '../base/show-value';

/** The fix for a bad object name. */
export const OBJECT_NAME_FIX = `${SUBDOMAIN_RULE}, e.g. 'web'`;
/** The fix for a bad namespace. */
export const NAMESPACE_FIX = `${LABEL_RULE}, e.g. 'default'`;
/** The fix for a bad container name. */
export const CONTAINER_NAME_FIX = `${LABEL_RULE}, e.g. 'app'`;

/** A field and what is wrong with it, rendered by `invalid()`. */
export interface Finding {
  readonly field: string;
  readonly value: unknown;
  readonly problem: string;
  readonly fix: string;
}

/** The problems of an object's metadata (name, namespace, labels, annotations), first first. */
export function metadataFindings(metadata: unknown, field = 'metadata'): Finding[] {
  const out: Finding[] = [];
  if (!isJsonObject(metadata)) return out;
  const meta = metadata;
  if (meta.name !== undefined && !isObjectName(meta.name as string)) {
    out.push({ field: `${field}.name`, value: meta.name, problem: 'Kubernetes requires object names to be lowercase RFC 1123 subdomains', fix: OBJECT_NAME_FIX });
  }
  if (meta.namespace !== undefined && !isDns1123Label(meta.namespace as string)) {
    out.push({ field: `${field}.namespace`, value: meta.namespace, problem: 'not a namespace name (a lowercase RFC 1123 label)', fix: NAMESPACE_FIX });
  }
  out.push(...mapFindings(`${field}.labels`, meta.labels, 'labels'));
  out.push(...mapFindings(`${field}.annotations`, meta.annotations, 'annotations'));
  return out;
}

/** The problems of a map of labels or annotations. */
export function mapFindings(field: string, map: unknown, kind: 'labels' | 'annotations'): Finding[] {
  const out: Finding[] = [];
  for (const [k, v] of Object.entries(isJsonObject(map) ? map : {})) {
    if (k === 'constructor') {
      out.push({ field: `${field}.constructor`, value: v, problem: 'cdk8s cannot render a map with the key \'constructor\' (its resolver reads it as the object\'s class)', fix: 'use another key' });
    } else if (!isQualifiedName(k)) {
      out.push({ field: `${field}[${JSON.stringify(k)}]`, value: v, problem: `not a valid ${kind === 'labels' ? 'label' : 'annotation'} key`, fix: QUALIFIED_NAME_RULE });
    } else if (typeof v !== 'string') {
      out.push({ field: `${field}.${k}`, value: v, problem: `${kind} values are strings`, fix: `quote the value, e.g. '${String(v)}'` });
    } else if (kind === 'labels' && !isLabelValue(v)) {
      out.push({ field: `${field}.${k}`, value: v, problem: 'not a valid label value', fix: LABEL_VALUE_RULE });
    }
  }
  return out;
}

/** A synth-time finding as cdk8s reports it after `[<construct path>]`: `<field> <value>: <problem>; <fix>`. */
function line(f: Finding): string {
  return `${f.field} ${showValue(f.value)}: ${f.problem}; ${f.fix}`;
}

/** Synth-time problems of a rendered object's metadata, as `<field> <value>: <problem>; <fix>` lines. */
export function objectMetadataErrors(json: unknown): string[] {
  return metadataFindings(at(json, 'metadata')).map(line);
}

/**
 * The API server's rules on a rendered object's metadata (name, namespace,
 * label and annotation keys and values) as findings: field path, problem (with
 * the value) and fix.
 */
export function objectMetadataProblems(json: unknown): Array<{ path: string; message: string; fix: string }> {
  return metadataFindings(at(json, 'metadata')).map(f => ({ path: f.field, message: `${showValue(f.value)}: ${f.problem}`, fix: f.fix }));
}

/**
 * Synth-time problems of a rendered pod template (`{ metadata, spec }`) at
 * `field` (its API path, e.g. `spec.template`): labels and annotations,
 * readiness gates, container and init container names (unique RFC 1123
 * labels), images (valid references) and ports (1-65535).
 */
export function podTemplateErrors(field: string, template: unknown): string[] {
  const found: Finding[] = [];
  found.push(...mapFindings(`${field}.metadata.labels`, at(template, 'metadata', 'labels'), 'labels'));
  found.push(...mapFindings(`${field}.metadata.annotations`, at(template, 'metadata', 'annotations'), 'annotations'));
  const spec = objectOr(at(template, 'spec'));
  arrayOr(spec.readinessGates).forEach((g, i) => {
    const conditionType = at(g, 'conditionType');
    if (!isQualifiedName(conditionType as string)) {
      found.push({ field: `${field}.spec.readinessGates[${i}].conditionType`, value: conditionType, problem: 'not a valid condition type', fix: QUALIFIED_NAME_RULE });
    }
  });
  const seen = new Set<unknown>();
  for (const list of ['initContainers', 'containers']) {
    arrayOr(spec[list]).map(objectOr).forEach((c, i) => {
      const where = `${field}.spec.${list}[${i}]`;
      if (!isDns1123Label(c.name as string)) {
        found.push({ field: `${where}.name`, value: c.name, problem: 'not a valid container name (a lowercase RFC 1123 label)', fix: CONTAINER_NAME_FIX });
      } else if (seen.has(c.name)) {
        found.push({ field: `${where}.name`, value: c.name, problem: 'container names must be unique across containers and initContainers', fix: 'give each container its own name' });
      }
      seen.add(c.name);
      const image = typeof c.image === 'string' ? imageReferenceProblem(c.image) : 'the image is not a string';
      if (image) {
        found.push({ field: `${where}.image`, value: c.image, problem: `not a valid image reference: ${image}`, fix: IMAGE_REFERENCE_FIX });
      }
      arrayOr(c.ports).map(objectOr).forEach((p, j) => {
        for (const key of ['containerPort', 'hostPort']) {
          const n = p[key];
          if (n !== undefined && (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 65535)) {
            found.push({ field: `${where}.ports[${j}].${key}`, value: n, problem: 'not a port number', fix: 'use a whole number from 1 to 65535' });
          }
        }
      });
    });
  }
  return found.map(line);
}
