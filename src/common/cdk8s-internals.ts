/**
 * Every use of cdk8s and cdk8s-plus internals in the library, in one place:
 * the `_`-prefixed methods (marked internal upstream, so they may change in
 * any release), private fields, and the deep import of cdk8s-plus's generated
 * Kubernetes types, whose conversions to JSON go through l1-to-json.ts (which
 * reads their source; code of another shape falls back to the generated
 * functions). A cdk8s or cdk8s-plus upgrade that breaks one of them breaks
 * this file's tests (test/common/cdk8s-internals.test.ts, and
 * test/base/l1-to-json.test.ts for the source shapes), not the constructs.
 *
 * Each function returns the API's JSON (field names as Kubernetes spells
 * them, no undefined values).
 */
import { ApiObjectMetadataDefinition, App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import type * as K8s from 'cdk8s-plus-28/lib/imports/k8s';
import { at, JsonObject } from '../base/json';
import { L1Module, l1ToJson } from '../base/l1-to-json';

let k8sModule: typeof K8s | undefined;
/**
 * cdk8s-plus's generated Kubernetes types (a 2.7 MB module, ~100 ms to load),
 * required on first use: an install or a lint never needs them.
 */
function k8s(): typeof K8s {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return k8sModule ??= require('cdk8s-plus-28/lib/imports/k8s') as typeof K8s;
}

/** The types cdk8s-plus's Kubernetes module converts to JSON (`toJson_<type>`). */
type KubeType = { [K in keyof typeof K8s]: K extends `toJson_${infer T}` ? T : never }[keyof typeof K8s];

/**
 * cdk8s-plus's `k8s.toJson_<type>(value)`: the same JSON, without the
 * generated code's intermediate objects (see l1-to-json.ts).
 */
function kubeJson(type: KubeType, value: unknown): unknown {
  return l1ToJson(k8s() as unknown as L1Module, type, value);
}

/** The manifests of one chart, as `app.synth()` would write them (dependency order, validations run). */
export function synthChartJson(chart: Chart): JsonObject[] {
  return App._synthChart(chart) as JsonObject[];
}

/** cdk8s's private fields of an object's metadata. */
interface MetadataInternals {
  readonly name?: string;
  readonly namespace?: string;
  readonly labels: unknown;
  readonly annotations: unknown;
  readonly finalizers: unknown;
  readonly ownerReferences: unknown;
  readonly _additionalAttributes: { [key: string]: unknown };
}

/**
 * What cdk8s's `ApiObjectMetadataDefinition.toJson()` resolves and then
 * sanitizes: the metadata's fields as cdk8s keeps them (private upstream),
 * the named ones over the other attributes given, as cdk8s merges them. The
 * keys come in another order than cdk8s gathers them in: its rendering sorts
 * them. Undefined when `toJson()` is not cdk8s's own (a subclass or a patched
 * instance renders its own way).
 */
export function metadataFields(metadata: ApiObjectMetadataDefinition): { [key: string]: unknown } | undefined {
  if (metadata.toJson !== ApiObjectMetadataDefinition.prototype.toJson) return undefined;
  const m = metadata as unknown as MetadataInternals;
  const fields: { [key: string]: unknown } = {
    name: m.name,
    namespace: m.namespace,
    annotations: m.annotations,
    finalizers: m.finalizers,
    ownerReferences: m.ownerReferences,
    labels: m.labels,
  };
  // Not a spread: cdk8s deletes a key from the attributes object, and copying
  // such an object whole is several times slower than reading its few keys.
  const attributes = m._additionalAttributes;
  for (const k of Object.keys(attributes)) {
    if (!Object.prototype.hasOwnProperty.call(fields, k)) fields[k] = attributes[k];
  }
  return fields;
}

/** A workload's pod spec as cdk8s-plus renders it (before the library removes cdk8s-plus's unrequested defaults). */
export function podSpecJson(workload: kplus.Workload): JsonObject {
  return kubeJson('PodSpec', workload._toPodSpec()) as JsonObject;
}

/** A workload's label selector as cdk8s-plus renders it (`matchLabels`, `matchExpressions`). */
export function workloadSelectorJson(workload: kplus.Workload): JsonObject {
  return kubeJson('LabelSelector', workload._toLabelSelector()) as JsonObject;
}

/** A cdk8s-plus label selector. */
export function labelSelectorJson(selector: kplus.LabelSelector): JsonObject {
  return kubeJson('LabelSelector', selector._toKube()) as JsonObject;
}

/** A cdk8s-plus container. */
export function containerJson(container: kplus.Container): JsonObject {
  return kubeJson('Container', container._toKube()) as JsonObject;
}

/** A cdk8s-plus volume. */
export function volumeJson(volume: kplus.Volume): JsonObject {
  return kubeJson('Volume', volume._toKube()) as JsonObject;
}

/**
 * A cdk8s-plus probe on its own. cdk8s-plus renders probes for a container
 * (a probe without a port takes the container's); here there is none.
 */
export function probeJson(probe: kplus.Probe): JsonObject {
  return kubeJson('Probe', probe._toKube({ portNumber: undefined } as unknown as kplus.Container)) as JsonObject;
}

/** A cdk8s-plus node label query, as a node selector requirement. */
export function nodeLabelQueryJson(query: kplus.NodeLabelQuery): JsonObject {
  return kubeJson('NodeSelectorRequirement', query._toKube()) as JsonObject;
}

/** A cdk8s-plus node taint query, as a toleration. */
export function nodeTaintQueryJson(query: kplus.NodeTaintQuery): JsonObject {
  return kubeJson('Toleration', query._toKube()) as JsonObject;
}

/** A cdk8s-plus deployment strategy. */
export function deploymentStrategyJson(strategy: kplus.DeploymentStrategy): JsonObject {
  return kubeJson('DeploymentStrategy', strategy._toKube()) as JsonObject;
}

/**
 * What the user gave a cdk8s-plus probe, as cdk8s-plus keeps it (private
 * fields): the tcpSocket port (undefined when the probe falls back on the
 * container's port) and the failure threshold (undefined when cdk8s-plus
 * renders its own default, 3).
 */
export function probeGivenOptions(probe: kplus.Probe): { readonly tcpSocketPort: unknown; readonly failureThreshold: unknown } {
  return { tcpSocketPort: at(probe, 'tcpSocketOptions', 'port'), failureThreshold: at(probe, 'probeOptions', 'failureThreshold') };
}
