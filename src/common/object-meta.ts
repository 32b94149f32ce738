/**
 * Internal checks of the Kubernetes rules the API server applies to every
 * object (names, namespaces, labels, annotations) and to pod templates
 * (container names, images, ports), which the Kruise CRD schemas do not check
 * (pod templates are `x-kubernetes-preserve-unknown-fields`). Shared by the L2
 * constructs; not exported from index.ts.
 */
import { ApiObjectMetadata } from 'cdk8s';
import { IConstruct } from 'constructs';
import { imageReferenceProblem } from '../base/image-ref';
import { isDns1123Label, isLabelValue, isObjectName, isQualifiedName, LABEL_RULE, LABEL_VALUE_RULE, QUALIFIED_NAME_RULE, SUBDOMAIN_RULE } from '../base/names';
import { invalid, show } from '../validation/errors';

/** The fix for a bad object name. */
export const OBJECT_NAME_FIX = `${SUBDOMAIN_RULE}, e.g. 'web'`;
/** The fix for a bad namespace. */
export const NAMESPACE_FIX = `${LABEL_RULE}, e.g. 'default'`;
/** The fix for a bad container name. */
export const CONTAINER_NAME_FIX = `${LABEL_RULE}, e.g. 'app'`;

/** A field and what is wrong with it, rendered by `invalid()`. */
interface Finding {
  readonly field: string;
  readonly value: unknown;
  readonly problem: string;
  readonly fix: string;
}

/** The problems of an object's metadata (name, namespace, labels, annotations), first first. */
function metadataFindings(meta: { name?: unknown; namespace?: unknown; labels?: { [k: string]: unknown }; annotations?: { [k: string]: unknown } } | undefined, field = 'metadata'): Finding[] {
  const out: Finding[] = [];
  if (!meta) return out;
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
function mapFindings(field: string, map: { [k: string]: unknown } | undefined, kind: 'labels' | 'annotations'): Finding[] {
  const out: Finding[] = [];
  for (const [k, v] of Object.entries(map ?? {})) {
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

/**
 * Throws for the first problem of `metadata` as given to a construct (name,
 * namespace, label and annotation keys and values).
 */
export function checkObjectMetadata(scope: IConstruct, metadata: ApiObjectMetadata | undefined): void {
  const [first] = metadataFindings(metadata as any);
  if (first) throw invalid(scope, first.field, first.value, first.problem, first.fix);
}

/**
 * `metadata` without keys whose value is undefined: cdk8s spreads the given
 * metadata over the generated name, so `{ name: undefined }` would emit an
 * object without a name.
 */
export function definedMetadata(metadata: ApiObjectMetadata | undefined): ApiObjectMetadata | undefined {
  if (!metadata) return metadata;
  return Object.fromEntries(Object.entries(metadata).filter(([, v]) => v !== undefined)) as ApiObjectMetadata;
}

/** Throws unless `map` is a valid map of labels (`kind` labels) or annotations at `field`. */
export function checkStringMapOf(scope: IConstruct, field: string, map: { [k: string]: string } | undefined, kind: 'labels' | 'annotations'): void {
  const [first] = mapFindings(field, map, kind);
  if (first) throw invalid(scope, first.field, first.value, first.problem, first.fix);
}

/** Throws unless `key` is a qualified name (label key, annotation key, condition type). */
export function checkQualifiedName(scope: IConstruct, field: string, key: string, what: string): void {
  if (!isQualifiedName(key)) throw invalid(scope, field, key, `not a valid ${what}`, QUALIFIED_NAME_RULE);
}

/** Throws unless `value` is a label value. */
export function checkLabelValue(scope: IConstruct, field: string, value: string): void {
  if (!isLabelValue(value)) throw invalid(scope, field, value, 'not a valid label value', LABEL_VALUE_RULE);
}

/** Throws unless `name` is a DNS-1123 label (`what` says which name, e.g. 'container name'). */
export function checkDnsLabel(scope: IConstruct, field: string, name: string, what: string, fix: string = LABEL_RULE): void {
  if (!isDns1123Label(name)) throw invalid(scope, field, name, `not a valid ${what} (a lowercase RFC 1123 label)`, fix);
}

/** Throws unless `name` is a DNS-1123 subdomain (an object name). */
export function checkObjectName(scope: IConstruct, field: string, name: string, what: string, example = 'web'): void {
  if (!isObjectName(name)) throw invalid(scope, field, name, `not a valid ${what} (a lowercase RFC 1123 subdomain)`, `${SUBDOMAIN_RULE}, e.g. '${example}'`);
}

/** A synth-time finding as cdk8s reports it after `[<construct path>]`: `<field> <value>: <problem>; <fix>`. */
function line(f: Finding): string {
  return `${f.field} ${show(f.value)}: ${f.problem}; ${f.fix}`;
}

/** Synth-time problems of a rendered object's metadata, as `<field> <value>: <problem>; <fix>` lines. */
export function objectMetadataErrors(json: any): string[] {
  return metadataFindings(json?.metadata).map(line);
}

/**
 * The API server's rules on a rendered object's metadata (name, namespace,
 * label and annotation keys and values) as findings: field path, problem (with
 * the value) and fix.
 */
export function objectMetadataProblems(json: any): Array<{ path: string; message: string; fix: string }> {
  return metadataFindings(json?.metadata).map(f => ({ path: f.field, message: `${show(f.value)}: ${f.problem}`, fix: f.fix }));
}

/**
 * Synth-time problems of a rendered pod template (`{ metadata, spec }`) at
 * `field` (its API path, e.g. `spec.template`): labels and annotations,
 * readiness gates, container and init container names (unique RFC 1123
 * labels), images (valid references) and ports (1-65535).
 */
export function podTemplateErrors(field: string, template: any): string[] {
  const found: Finding[] = [];
  found.push(...mapFindings(`${field}.metadata.labels`, template?.metadata?.labels, 'labels'));
  found.push(...mapFindings(`${field}.metadata.annotations`, template?.metadata?.annotations, 'annotations'));
  const spec = template?.spec ?? {};
  (spec.readinessGates ?? []).forEach((g: any, i: number) => {
    if (!isQualifiedName(g?.conditionType)) {
      found.push({ field: `${field}.spec.readinessGates[${i}].conditionType`, value: g?.conditionType, problem: 'not a valid condition type', fix: QUALIFIED_NAME_RULE });
    }
  });
  const seen = new Set<string>();
  for (const list of ['initContainers', 'containers']) {
    (spec[list] ?? []).forEach((c: any, i: number) => {
      const at = `${field}.spec.${list}[${i}]`;
      if (!isDns1123Label(c.name)) {
        found.push({ field: `${at}.name`, value: c.name, problem: 'not a valid container name (a lowercase RFC 1123 label)', fix: CONTAINER_NAME_FIX });
      } else if (seen.has(c.name)) {
        found.push({ field: `${at}.name`, value: c.name, problem: 'container names must be unique across containers and initContainers', fix: 'give each container its own name' });
      }
      seen.add(c.name);
      const image = typeof c.image === 'string' ? imageReferenceProblem(c.image) : 'the image is not a string';
      if (image) {
        found.push({ field: `${at}.image`, value: c.image, problem: `not a valid image reference: ${image}`, fix: "write it like 'nginx:1.25', 'registry.example.com:5000/team/app:v1' or 'app@sha256:<64 hex>'" });
      }
      (c.ports ?? []).forEach((p: any, j: number) => {
        for (const key of ['containerPort', 'hostPort']) {
          const n = p[key];
          if (n !== undefined && (!Number.isInteger(n) || n < 1 || n > 65535)) {
            found.push({ field: `${at}.ports[${j}].${key}`, value: n, problem: 'not a port number', fix: 'use a whole number from 1 to 65535' });
          }
        }
      });
    });
  }
  return found.map(line);
}
