import { applyDocs } from '../api/docs/docs';
import { KindModel, VersionModel } from '../api/model';
import { JsonObject } from '../base/json';
import { KruiseVersion } from '../version';
import { versionData } from '../versions/registry';

/** Where the CRD conversion webhook (StatefulSet) is served. */
export interface ConversionService {
  readonly name: string;
  readonly namespace: string;
}

/** Options of {@link crdManifest}. */
export interface CrdManifestOptions {
  /** The webhook Service that serves `/convert`. */
  readonly conversionService: ConversionService;
  /** Annotations of the CRD (the upstream controller-gen marker, cert-manager injection...). */
  readonly annotations?: { [key: string]: string };
  /** Labels of the CRD. */
  readonly labels?: { [key: string]: string };
}

/** The CRD's metadata.name: `<plural>.<group>`. */
export function crdName(model: KindModel): string {
  return `${model.plural}.${model.group}`;
}

function versionManifest(model: KindModel, v: VersionModel): JsonObject {
  const out: JsonObject = {};
  if (v.printerColumns && v.printerColumns.length > 0) {
    out.additionalPrinterColumns = v.printerColumns.map(c => {
      const col: JsonObject = {};
      if (c.description !== undefined) col.description = c.description;
      if (c.format !== undefined) col.format = c.format;
      col.jsonPath = c.jsonPath;
      col.name = c.name;
      if (c.priority !== undefined) col.priority = c.priority;
      col.type = c.type;
      return col;
    });
  }
  out.name = v.name;
  out.schema = { openAPIV3Schema: model.docs ? applyDocs(v.schema, model.docs(), v.name) : JSON.parse(JSON.stringify(v.schema)) };
  out.served = v.served;
  out.storage = v.storage;
  const sub: JsonObject = {};
  if (v.scale) {
    sub.scale = {
      ...(v.scale.labelSelectorPath ? { labelSelectorPath: v.scale.labelSelectorPath } : {}),
      specReplicasPath: v.scale.specReplicasPath,
      statusReplicasPath: v.scale.statusReplicasPath,
    };
  }
  if (v.statusSubresource) sub.status = {};
  if (Object.keys(sub).length > 0) out.subresources = sub;
  return out;
}

/** A CustomResourceDefinition as plain JSON. */
export interface CrdManifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: JsonObject;
  readonly spec: JsonObject;
}

/**
 * The apiextensions.k8s.io/v1 CustomResourceDefinition of a kind, as a plain
 * object (keys in the order `kubectl get -o yaml` prints them).
 */
export function crdManifest(model: KindModel, options: CrdManifestOptions): CrdManifest {
  const metadata: JsonObject = {};
  if (options.annotations && Object.keys(options.annotations).length > 0) metadata.annotations = { ...options.annotations };
  if (options.labels && Object.keys(options.labels).length > 0) metadata.labels = { ...options.labels };
  metadata.name = crdName(model);

  const names: JsonObject = {};
  if (model.categories && model.categories.length > 0) names.categories = [...model.categories];
  names.kind = model.kind;
  names.listKind = model.listKind ?? `${model.kind}List`;
  names.plural = model.plural;
  if (model.shortNames && model.shortNames.length > 0) names.shortNames = [...model.shortNames];
  names.singular = model.singular;

  const spec: JsonObject = {};
  if (model.conversionWebhook) {
    spec.conversion = {
      strategy: 'Webhook',
      webhook: {
        clientConfig: {
          service: { name: options.conversionService.name, namespace: options.conversionService.namespace, path: '/convert' },
        },
        conversionReviewVersions: ['v1', 'v1beta1'],
      },
    };
  }
  spec.group = model.group;
  spec.names = names;
  spec.scope = model.scope;
  spec.versions = model.versions.map(v => versionManifest(model, v));

  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata,
    spec,
  };
}

/** The kinds of a Kruise version, optionally with EphemeralJob. */
export function modelsFor(version: KruiseVersion, includeEphemeralJob: boolean): KindModel[] {
  return versionData(version.version).kinds.filter(k => k.inChart || includeEphemeralJob);
}
