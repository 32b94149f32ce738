/**
 * Internal helpers for the Kruise kinds without a pod template (SidecarSet, the
 * policy kinds, the pull and ephemeral jobs): the emitted `ApiObject` and label selectors (the
 * selector-overlap rules of Kruise's webhooks are the admission engine's,
 * src/admission/core/selector.ts). Not exported from index.ts.
 */
import { ApiObject, ApiObjectMetadata, Chart, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct, IConstruct } from 'constructs';
import { checkObjectMetadata, definedMetadata } from './object-meta';
import { BodyRenderer, PlainBodyApiObject } from './plain-body-object';
import { LabelSelectorSpec, SelectorJson, selectorToJson } from './selector';
import { invalid } from '../validation/errors';
import { registerCustomResource } from '../validation/install-registry';

/** What {@link createCustomResource} needs. */
export interface CustomResourceOptions {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata?: ApiObjectMetadata;
  /** Cluster-scoped kinds carry no namespace (not even the chart's). */
  readonly clusterScoped?: boolean;
  /** Renders the fields besides apiVersion, kind and metadata (the spec) as JSON, at synth. */
  readonly body: BodyRenderer;
}

/**
 * Creates the plain `ApiObject` child 'Resource' (so `ApiObject.of()` and JSON
 * patches reach it), with the spec rendered lazily. The app's review checks
 * it at synth (metadata, CRD schema, Kruise's admission rules, gates).
 */
export function createCustomResource(scope: Construct, options: CustomResourceOptions): ApiObject {
  checkObjectMetadata(scope, options.metadata);
  if (options.clusterScoped && options.metadata?.namespace !== undefined) {
    throw invalid(scope, 'metadata.namespace', options.metadata.namespace,
      `${options.kind} is cluster-scoped, so it has no namespace`, 'remove metadata.namespace');
  }
  const apiObject = new PlainBodyApiObject(scope, 'Resource', {
    apiVersion: options.apiVersion,
    kind: options.kind,
    metadata: definedMetadata(options.metadata),
  }, options.body);
  if (options.clusterScoped && apiObject.metadata.namespace !== undefined) {
    // cdk8s gives every object its chart's namespace; a cluster-scoped one has none.
    apiObject.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
  }
  registerCustomResource(apiObject);
  return apiObject;
}

/** The namespace an object of a namespaced kind lands in (its own, else its chart's). */
export function namespaceOf(apiObject: ApiObject): string | undefined {
  return apiObject.metadata.namespace ?? Chart.of(apiObject).namespace;
}

/**
 * A selector prop as the API takes it (empty lists and maps left out);
 * undefined for none. Malformed plain values fail with the construct path and
 * the field.
 */
export function selectorJsonOf(scope: IConstruct, field: string,
  selector: kplus.LabelSelector | LabelSelectorSpec | undefined): SelectorJson | undefined {
  try {
    return selectorToJson(selector);
  } catch (e) {
    throw invalid(scope, field, selector, (e as Error).message,
      'give a kplus.LabelSelector or { matchLabels: { key: \'value\' }, matchExpressions: [{ key, operator, values }] }');
  }
}

/** Whether a selector selects nothing in particular (Kruise rejects empty selectors). */
export function isEmptySelector(selector: SelectorJson | undefined): boolean {
  return !selector || (Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0);
}

/** Throws when the selector is empty (Kruise rejects `{}` for `field`) or malformed. */
export function requireNonEmptySelector(scope: IConstruct, field: string, selector: kplus.LabelSelector | LabelSelectorSpec): SelectorJson {
  const json = selectorJsonOf(scope, field, selector);
  if (json === undefined || isEmptySelector(json)) {
    throw invalid(scope, field, {}, 'Kruise rejects an empty selector', 'select by at least one label, e.g. LabelSelector.of({ labels: { app: \'web\' } })');
  }
  return json;
}
