import { ApiObject, Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { KindModel } from '../api/model';
import { KruiseVersion } from '../version';
import { CrdManifest, crdManifest, modelsFor } from './build';

import { clusterScoped } from '../common/cluster-scoped';
import { PlainBodyApiObject } from '../common/plain-body-object';
import { PRECOMPUTED_CRDS } from '../common/precomputed-crds';
import { invalid } from '../validation/errors';
import { chartOf } from '../validation/governance';
import { enableReview } from '../validation/kruise-review';
import { addCheckedPlain } from '../validation/object-checks';
import { checkPeerCopies } from '../validation/peer-copies';
import { DEFAULT_KRUISE_NAMESPACE } from '../versions/namespace';
import { versionData } from '../versions/registry';

/**
 * The annotation upstream's CRDs carry (the generator that wrote them). Kept so
 * that the output equals the chart's; it has no effect on the API server.
 */
const UPSTREAM_CRD_ANNOTATIONS: { [key: string]: string } = { 'controller-gen.kubebuilder.io/version': 'v0.14.0' };

const DEFAULT_WEBHOOK_SERVICE = 'kruise-webhook-service';

/** Properties of {@link KruiseCrds}. */
export interface KruiseCrdsProps {
  /**
   * The Kruise release whose CRDs to emit.
   * @default KruiseVersion.V1_7
   */
  readonly version?: KruiseVersion;

  /**
   * Also emit the EphemeralJob CRD, which the Kruise source defines but the
   * charts (1.7.5, 1.8.3) do not ship. `true`: always; `false`: never.
   * @default - only when the app holds an `EphemeralJob` construct that these
   * CRDs serve (one in the same chart, or any when these are the app's only CRDs)
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
 * By default the 17 CRDs the version's chart ships (1.7.5 or 1.8.3); EphemeralJob's on request, or when
 * the app holds an `EphemeralJob`. A subset cannot be chosen: kruise-manager
 * needs all of them.
 *
 * A chart never gets the same CRD twice: a second `KruiseCrds` in a chart that
 * already has them (for example next to a `Kruise`, which emits its own) only
 * adds the CRDs the chart lacks, such as EphemeralJob's. Installs in different
 * charts (a fleet) each keep their own.
 *
 * @see https://openkruise.io/docs/installation
 */
export class KruiseCrds extends Construct {
  /** The Kruise release these CRDs belong to. */
  public readonly version: KruiseVersion;

  private readonly objects = new Map<string, ApiObject>();
  private readonly namespace: string;
  private readonly serviceName: string;
  private readonly ephemeralJob?: boolean;

  public constructor(scope: Construct, id: string, props: KruiseCrdsProps = {}) {
    checkPeerCopies(scope);
    super(scope, id);
    enableReview(this); // the app's Kruise objects are reviewed at synth
    this.version = props.version ?? KruiseVersion.V1_7;
    this.namespace = props.webhookNamespace ?? DEFAULT_KRUISE_NAMESPACE;
    this.serviceName = props.webhookServiceName ?? DEFAULT_WEBHOOK_SERVICE;
    this.ephemeralJob = props.includeEphemeralJob;
    const withEphemeralJob = props.includeEphemeralJob ?? pendingEphemeralJobsServedBy(this);
    for (const model of modelsFor(this.version, withEphemeralJob)) this.emit(model);
    const all = CRDS_OF_APP.get(this.node.root) ?? [];
    all.push(this);
    CRDS_OF_APP.set(this.node.root, all);
  }

  /**
   * Adds the EphemeralJob CRD (once). The `EphemeralJob` construct calls this on
   * the CRDs that serve it, unless `includeEphemeralJob` is false.
   */
  public addEphemeralJob(): void {
    if (this.ephemeralJob === false || this.objects.has('EphemeralJob')) return;
    for (const model of modelsFor(this.version, true)) {
      if (!model.inChart) this.emit(model);
    }
  }

  /** Emits the CRD of `model`, unless this chart already has it. */
  private emit(model: KindModel): void {
    const chart = chartOf(this);
    const inChart = chart ? CRDS_OF_CHART.get(chart) ?? new Map<string, { obj: ApiObject; version: KruiseVersion }>() : undefined;
    const existing = inChart?.get(model.kind);
    if (existing) {
      if (existing.version !== this.version) {
        throw invalid(this, 'version', this.version.version,
          `the chart already has the ${model.kind} CRD of Kruise ${existing.version.version} (${existing.obj.node.path}); a cluster runs one Kruise version`,
          'use one version for the CRDs of a chart, or put the other install in a chart of its own');
      }
      this.objects.set(model.kind, existing.obj);
      return;
    }
    const manifest = sharedManifest(this.version.version, model, this.serviceName, this.namespace);
    const { apiVersion, kind, metadata, ...body } = manifest;
    // The spec is plain data: it skips cdk8s's per-value resolution (see PlainBodyApiObject).
    const obj = clusterScoped(new PlainBodyApiObject(this, model.plural, { apiVersion, kind, metadata: { ...metadata } }, body));
    this.objects.set(model.kind, obj);
    if (chart && inChart) {
      inChart.set(model.kind, { obj, version: this.version });
      CRDS_OF_CHART.set(chart, inChart);
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
      throw invalid(this, 'crdOf(kind)', kind, `no CRD for this kind in Kruise ${this.version.version}`, `use one of ${[...this.objects.keys()].join(', ')}`);
    }
    return obj;
  }
}

/** The CRDs emitted into each chart, by kind (a chart never gets one twice). */
const CRDS_OF_CHART = new WeakMap<Chart, Map<string, { obj: ApiObject; version: KruiseVersion }>>();

/** Every KruiseCrds of each app (keyed by the root construct). */
const CRDS_OF_APP = new WeakMap<IConstruct, KruiseCrds[]>();

/** The EphemeralJobs of each app that no KruiseCrds served yet. */
const PENDING_EPHEMERAL_JOBS = new WeakMap<IConstruct, IConstruct[]>();

/**
 * The CRDs that serve a custom resource at `scope`: those in its chart, else
 * the app's only ones; undefined when there are none (or several elsewhere).
 */
function crdsServing(scope: IConstruct): KruiseCrds | undefined {
  const all = CRDS_OF_APP.get(scope.node.root) ?? [];
  const chart = chartOf(scope);
  return all.find(c => chartOf(c) === chart) ?? (all.length === 1 ? all[0] : undefined);
}

/** Whether an EphemeralJob declared before `crds` is served by it (same chart, or it is the app's first CRDs). */
function pendingEphemeralJobsServedBy(crds: KruiseCrds): boolean {
  const pending = PENDING_EPHEMERAL_JOBS.get(crds.node.root) ?? [];
  const first = (CRDS_OF_APP.get(crds.node.root) ?? []).length === 0;
  return pending.some(job => chartOf(job) === chartOf(crds) || first);
}

/**
 * Called by the EphemeralJob construct: the CRDs that serve it emit the
 * EphemeralJob CRD (chart 1.7.5 does not ship it). When no CRDs exist yet, the
 * first `KruiseCrds` of the app (or one in the job's chart) will include it.
 * @internal
 */
export function requireEphemeralJobCrd(job: IConstruct): void {
  const crds = crdsServing(job);
  if (crds) {
    crds.addEphemeralJob();
    return;
  }
  const pending = PENDING_EPHEMERAL_JOBS.get(job.node.root) ?? [];
  pending.push(job);
  PENDING_EPHEMERAL_JOBS.set(job.node.root, pending);
}

/**
 * CRD manifests are built once per process (per kind model and conversion
 * webhook Service) and shared by every `KruiseCrds`: PlainBodyApiObject copies
 * them on output and never changes them. Those of the default Service come
 * from the build when it made them (see PRECOMPUTED_CRDS).
 */
const MANIFESTS = new WeakMap<KindModel, Map<string, CrdManifest>>();

function sharedManifest(line: string, model: KindModel, serviceName: string, namespace: string): CrdManifest {
  const byService = MANIFESTS.get(model) ?? new Map<string, CrdManifest>();
  MANIFESTS.set(model, byService);
  const key = `${namespace}/${serviceName}`;
  let manifest = byService.get(key);
  if (manifest === undefined) {
    const isDefault = serviceName === DEFAULT_WEBHOOK_SERVICE && namespace === DEFAULT_KRUISE_NAMESPACE;
    const pre = isDefault ? PRECOMPUTED_CRDS?.[line]?.[model.kind] : undefined;
    if (pre) {
      // Checked for unsafe text by the build, frozen here: the review's walk
      // and the copy skip the spec, and its YAML is the build's.
      addCheckedPlain(pre.manifest.spec, { indent: '  ', text: pre.specYaml }, true);
      manifest = pre.manifest;
    } else {
      manifest = crdManifestOf(model, serviceName, namespace);
    }
    byService.set(key, manifest);
  }
  return manifest;
}

function crdManifestOf(model: KindModel, serviceName: string, namespace: string): CrdManifest {
  return crdManifest(model, { conversionService: { name: serviceName, namespace }, annotations: UPSTREAM_CRD_ANNOTATIONS });
}

/**
 * The CRD manifests of the default webhook Service for every kind of every
 * Kruise line, as the build precomputes them (scripts/build-cli.js).
 * @internal
 */
export function defaultCrdManifests(lines: readonly string[]): { [line: string]: { [kind: string]: CrdManifest } } {
  const out: { [line: string]: { [kind: string]: CrdManifest } } = {};
  for (const line of lines) {
    out[line] = {};
    for (const model of versionData(line).kinds) out[line][model.kind] = crdManifestOf(model, DEFAULT_WEBHOOK_SERVICE, DEFAULT_KRUISE_NAMESPACE);
  }
  return out;
}
