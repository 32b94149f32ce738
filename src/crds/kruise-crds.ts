import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { KRUISE_1_7_KINDS } from '../api/kinds';
import { KindModel } from '../api/model';
import { KruiseVersion } from '../version';
import { crdManifest } from './build';
import { PlainBodyApiObject } from '../common/plain-body-object';
import { enableReview } from '../validation/kruise-review';

/**
 * The annotation upstream's CRDs carry (the generator that wrote them). Kept so
 * that the output equals the chart's; it has no effect on the API server.
 */
const UPSTREAM_CRD_ANNOTATIONS: { [key: string]: string } = { 'controller-gen.kubebuilder.io/version': 'v0.14.0' };

/** Properties of {@link KruiseCrds}. */
export interface KruiseCrdsProps {
  /**
   * The Kruise release whose CRDs to emit.
   * @default KruiseVersion.V1_7
   */
  readonly version?: KruiseVersion;

  /**
   * Also emit the EphemeralJob CRD, which the Kruise source defines but chart
   * 1.7.5 does not ship.
   * @default false
   */
  readonly includeEphemeralJob?: boolean;

  /**
   * Namespace of the `kruise-webhook-service` that serves the StatefulSet CRD's
   * conversion webhook (the namespace Kruise is installed in).
   * @default 'kruise-system'
   */
  readonly webhookNamespace?: string;

  /**
   * Name of the webhook Service that serves CRD conversion.
   * @default 'kruise-webhook-service'
   */
  readonly webhookServiceName?: string;
}

/**
 * The CustomResourceDefinitions of OpenKruise, generated from this library's
 * API model.
 *
 * By default the 17 CRDs chart 1.7.5 ships; EphemeralJob's on request. A subset
 * cannot be chosen: kruise-manager needs all of them.
 *
 * @see https://openkruise.io/docs/installation
 */
export class KruiseCrds extends Construct {
  /** The Kruise release these CRDs belong to. */
  public readonly version: KruiseVersion;

  private readonly objects = new Map<string, ApiObject>();

  public constructor(scope: Construct, id: string, props: KruiseCrdsProps = {}) {
    super(scope, id);
    enableReview(this); // the app's Kruise objects are reviewed at synth
    this.version = props.version ?? KruiseVersion.V1_7;
    const namespace = props.webhookNamespace ?? 'kruise-system';
    const serviceName = props.webhookServiceName ?? 'kruise-webhook-service';
    for (const model of modelsFor(this.version, props.includeEphemeralJob ?? false)) {
      const manifest = sharedManifest(model, serviceName, namespace);
      const { apiVersion, kind, metadata, ...body } = manifest;
      // The spec is plain data: it skips cdk8s's per-value resolution (see PlainBodyApiObject).
      const obj = new PlainBodyApiObject(this, model.plural, { apiVersion, kind, metadata: { ...metadata } }, body);
      this.objects.set(model.kind, obj);
    }
  }

  /** The CRD objects, sorted by name. */
  public get crds(): ApiObject[] {
    return [...this.objects.values()];
  }

  /** The names of the emitted CRDs (`<plural>.<group>`), sorted. */
  public get names(): string[] {
    return this.crds.map(o => o.name);
  }

  /**
   * The CRD of a kind, e.g. `crdOf('StatefulSet')` (or `crdOf('PodUnavailableBudget')`).
   * @throws when this set has no CRD for the kind.
   */
  public crdOf(kind: string): ApiObject {
    const obj = this.objects.get(kind);
    if (!obj) {
      throw new Error(`${this.node.path}: no CRD for kind '${kind}' in Kruise ${this.version.version}; known kinds: ${[...this.objects.keys()].join(', ')}`);
    }
    return obj;
  }
}

/**
 * CRD manifests are built once per process (per kind model and conversion
 * webhook Service) and shared by every `KruiseCrds`: PlainBodyApiObject copies
 * them on output and never changes them.
 */
const MANIFESTS = new WeakMap<KindModel, Map<string, any>>();

function sharedManifest(model: KindModel, serviceName: string, namespace: string): any {
  const byService = MANIFESTS.get(model) ?? new Map<string, any>();
  MANIFESTS.set(model, byService);
  const key = `${namespace}/${serviceName}`;
  let manifest = byService.get(key);
  if (manifest === undefined) {
    manifest = crdManifest(model, { conversionService: { name: serviceName, namespace }, annotations: UPSTREAM_CRD_ANNOTATIONS });
    byService.set(key, manifest);
  }
  return manifest;
}

/** The kinds of a Kruise version, optionally with EphemeralJob. */
export function modelsFor(version: KruiseVersion, includeEphemeralJob: boolean): KindModel[] {
  void version; // 1.7 is the only line modelled so far.
  return KRUISE_1_7_KINDS.filter(k => k.inChart || includeEphemeralJob);
}

