import { ApiObject, ApiObjectMetadata } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct, IConstruct } from 'constructs';
import { at, isJsonObject, JsonObject } from '../base/json';
import { isDns1123Label, isObjectName } from '../base/names';
import { requireNonEmptySelector } from '../common/custom-resource';
import { KruiseResource } from '../common/kruise-resource';
import { LabelSelectorSpec, SelectorJson } from '../common/selector';
import { addSynthCheck } from '../common/synth-check';
import { ResourceDistributionSpec, toJson_ResourceDistributionSpec } from '../imports/apps.kruise.io';
import { invalid } from '../validation/errors';

/** Kinds ResourceDistribution distributes. */
const DISTRIBUTABLE = ['Secret', 'ConfigMap'];

/**
 * The object a ResourceDistribution copies into namespaces: a Secret or a
 * ConfigMap (Kruise distributes nothing else).
 * @see https://openkruise.io/docs/user-manuals/resourcedistribution
 */
export class DistributedResource {
  /**
   * A cdk8s-plus ConfigMap of this app. Its data is read at synth; its
   * namespace is dropped (the copies go to the target namespaces). The
   * ConfigMap itself is still emitted where it was defined.
   */
  public static fromConfigMap(configMap: kplus.ConfigMap): DistributedResource {
    return new DistributedResource(configMap, undefined);
  }

  /**
   * A cdk8s-plus Secret of this app. Its data is read at synth; its namespace
   * is dropped. The Secret itself is still emitted where it was defined
   * (emit it into a chart you do not deploy if only the copies should exist).
   */
  public static fromSecret(secret: kplus.Secret): DistributedResource {
    return new DistributedResource(secret, undefined);
  }

  /**
   * A Secret or ConfigMap as a plain manifest (`apiVersion: v1`, a
   * `metadata.name`, no namespace). Anything else is an error.
   */
  public static fromManifest(manifest: { [key: string]: unknown }): DistributedResource {
    return new DistributedResource(undefined, manifest);
  }

  private constructor(private readonly construct: IConstruct | undefined, private readonly manifest: { [key: string]: unknown } | undefined) {}

  /** @internal */
  public _toKube(scope: IConstruct): JsonObject {
    const field = 'spec.resource';
    // A deep copy: the manifest is read at synth, and the output must not share it.
    const copy: unknown = JSON.parse(JSON.stringify(this.construct ? ApiObject.of(this.construct).toJson() : this.manifest ?? {}));
    if (!isJsonObject(copy)) {
      throw invalid(scope, field, copy, 'the resource must be a manifest object', 'give a Secret or ConfigMap manifest');
    }
    const obj = copy;
    // The copies land in the target namespaces (Kruise ignores a namespace here).
    if (this.construct && isJsonObject(obj.metadata)) delete obj.metadata.namespace;
    if (obj.apiVersion !== 'v1' || typeof obj.kind !== 'string' || !DISTRIBUTABLE.includes(obj.kind)) {
      throw invalid(scope, field, `${obj.apiVersion}/${obj.kind}`, 'ResourceDistribution distributes Secrets and ConfigMaps (apiVersion v1) only', 'distribute a Secret or a ConfigMap');
    }
    const name = at(obj, 'metadata', 'name');
    if (typeof name !== 'string' || !isObjectName(name)) {
      throw invalid(scope, `${field}.metadata.name`, name, 'the resource needs a valid name (lower-case RFC 1123 subdomain)', 'give metadata.name, e.g. \'app-config\'');
    }
    // A namespace given here is accepted and ignored: Kruise writes each copy
    // into its target namespace.
    return obj;
  }
}

/** Properties of {@link ResourceDistribution}. */
export interface ResourceDistributionProps {
  /** Metadata (name, labels, annotations); no namespace: ResourceDistribution is cluster-scoped. @default - a generated name */
  readonly metadata?: ApiObjectMetadata;
  /** The Secret or ConfigMap to distribute. */
  readonly resource: DistributedResource;
  /** Distribute to every namespace (except kube-system and kube-public). @default false */
  readonly allNamespaces?: boolean;
  /** Namespaces to distribute to (more with addIncludedNamespace()). @default - none */
  readonly includedNamespaces?: string[];
  /** Namespaces never to distribute to; wins over every other target (more with addExcludedNamespace()). @default - none */
  readonly excludedNamespaces?: string[];
  /**
   * Distribute to the namespaces whose labels match: a `kplus.LabelSelector`
   * or plain `{ matchLabels, matchExpressions }`.
   * @default - none
   */
  readonly namespaceLabelSelector?: kplus.LabelSelector | LabelSelectorSpec;
}

/**
 * OpenKruise ResourceDistribution: copies one Secret or ConfigMap into many
 * namespaces and keeps the copies in sync. Cluster-scoped; needs the feature
 * gate ResourceDistributionGate.
 *
 * @see https://openkruise.io/docs/user-manuals/resourcedistribution
 */
export class ResourceDistribution extends KruiseResource {
  /** The ResourceDistribution resource type, for RBAC. */
  public readonly resourceType = 'resourcedistributions';

  private readonly props: ResourceDistributionProps;
  private readonly included: string[] = [];
  private readonly excluded: string[] = [];
  private readonly labelSelector?: SelectorJson;

  public constructor(scope: Construct, id: string, props: ResourceDistributionProps) {
    super(scope, id, { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'ResourceDistribution', metadata: props.metadata, clusterScoped: true });
    this.props = props;
    if (typeof props.resource?._toKube !== 'function') {
      throw invalid(this, 'spec.resource', props.resource, 'Kruise needs the Secret or ConfigMap to distribute', 'give resource: DistributedResource.fromSecret(...), fromConfigMap(...) or fromManifest(...)');
    }
    this.labelSelector = props.namespaceLabelSelector && requireNonEmptySelector(this, 'spec.targets.namespaceLabelSelector', props.namespaceLabelSelector);
    props.resource._toKube(this); // a wrong kind or name fails now
    for (const ns of props.includedNamespaces ?? []) this.addIncludedNamespace(ns);
    for (const ns of props.excludedNamespaces ?? []) this.addExcludedNamespace(ns);
    // Feature gates: checked by the app's review (Kruise's admission rules, src/admission/gates.ts).
    addSynthCheck(this);
  }

  /** Adds a namespace to distribute to (adding it again changes nothing). */
  public addIncludedNamespace(namespace: string): void {
    this.addNamespace(this.included, 'spec.targets.includedNamespaces.list', namespace);
  }

  /** Adds a namespace never to distribute to (adding it again changes nothing). */
  public addExcludedNamespace(namespace: string): void {
    this.addNamespace(this.excluded, 'spec.targets.excludedNamespaces.list', namespace);
  }

  private addNamespace(list: string[], field: string, namespace: string): void {
    if (!isDns1123Label(namespace)) {
      throw invalid(this, `${field}[${list.length}].name`, namespace, 'not a namespace name (lower-case RFC 1123 label)', 'give a valid namespace name');
    }
    // Kruise accepts a namespace listed twice; it is emitted once.
    if (!list.includes(namespace)) list.push(namespace);
  }

  protected renderSpec(): { [key: string]: unknown } {
    const list = (names: string[]) => names.length > 0 ? { list: names.map(name => ({ name })) } : undefined;
    const spec: ResourceDistributionSpec = {
      resource: this.props.resource._toKube(this),
      targets: {
        allNamespaces: this.props.allNamespaces,
        includedNamespaces: list(this.included),
        excludedNamespaces: list(this.excluded),
        namespaceLabelSelector: this.labelSelector,
      },
    };
    return toJson_ResourceDistributionSpec(spec) ?? {};
  }

  /** The construct's own checks at synth (see addSynthCheck). @internal */
  public _checkAtSynth(): string[] {
    const errors: string[] = [];
    try {
      this.props.resource._toKube(this);
    } catch (e) {
      errors.push((e as Error).message);
    }
    // Empty targets are accepted by Kruise (nothing is distributed); the review warns.
    return errors;
  }
}
