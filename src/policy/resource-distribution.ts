import { ApiObject, ApiObjectMetadata, ApiObjectMetadataDefinition } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct, IConstruct } from 'constructs';
import { createCustomResource, DNS1123_LABEL, DNS1123_SUBDOMAIN, requireNonEmptySelector, SelectorJson } from '../common/custom-resource';
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
  public static fromManifest(manifest: { [key: string]: any }): DistributedResource {
    return new DistributedResource(undefined, manifest);
  }

  private constructor(private readonly construct: IConstruct | undefined, private readonly manifest: { [key: string]: any } | undefined) {}

  /** @internal */
  public _toKube(scope: IConstruct): any {
    let obj: any;
    if (this.construct) {
      obj = JSON.parse(JSON.stringify(ApiObject.of(this.construct).toJson()));
      // The copies land in the target namespaces (Kruise ignores a namespace here).
      if (obj.metadata) delete obj.metadata.namespace;
    } else {
      obj = JSON.parse(JSON.stringify(this.manifest ?? {}));
    }
    const field = 'spec.resource';
    if (obj.apiVersion !== 'v1' || !DISTRIBUTABLE.includes(obj.kind)) {
      throw invalid(scope, field, `${obj.apiVersion}/${obj.kind}`, 'ResourceDistribution distributes Secrets and ConfigMaps (apiVersion v1) only', 'distribute a Secret or a ConfigMap');
    }
    const name = obj.metadata?.name;
    if (typeof name !== 'string' || name.length > 253 || !DNS1123_SUBDOMAIN.test(name)) {
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
  /** Distribute to the namespaces whose labels match. @default - none */
  readonly namespaceLabelSelector?: kplus.LabelSelector;
}

/**
 * OpenKruise ResourceDistribution: copies one Secret or ConfigMap into many
 * namespaces and keeps the copies in sync. Cluster-scoped; needs the feature
 * gate ResourceDistributionGate.
 *
 * @see https://openkruise.io/docs/user-manuals/resourcedistribution
 */
export class ResourceDistribution extends Construct {
  /** The ResourceDistribution resource type, for RBAC. */
  public readonly resourceType = 'resourcedistributions';

  private readonly apiObject: ApiObject;
  private readonly props: ResourceDistributionProps;
  private readonly included: string[] = [];
  private readonly excluded: string[] = [];
  private readonly labelSelector?: SelectorJson;

  public constructor(scope: Construct, id: string, props: ResourceDistributionProps) {
    super(scope, id);
    this.props = props;
    if (typeof props.resource?._toKube !== 'function') {
      throw invalid(this, 'spec.resource', props.resource, 'Kruise needs the Secret or ConfigMap to distribute', 'give resource: DistributedResource.fromSecret(...), fromConfigMap(...) or fromManifest(...)');
    }
    this.labelSelector = props.namespaceLabelSelector && requireNonEmptySelector(this, 'spec.targets.namespaceLabelSelector', props.namespaceLabelSelector);
    props.resource._toKube(this); // a wrong kind or name fails now
    this.apiObject = createCustomResource(this, {
      apiVersion: 'apps.kruise.io/v1alpha1',
      kind: 'ResourceDistribution',
      metadata: props.metadata,
      clusterScoped: true,
      spec: () => this.renderSpec(),
    });
    for (const ns of props.includedNamespaces ?? []) this.addIncludedNamespace(ns);
    for (const ns of props.excludedNamespaces ?? []) this.addExcludedNamespace(ns);
    // Feature gates: checked by the app's review (Kruise's admission rules, src/admission/gates.ts).
    this.node.addValidation({ validate: () => this.validateAtSynth() });
  }

  /** Metadata of the ResourceDistribution. */
  public get metadata(): ApiObjectMetadataDefinition {
    return this.apiObject.metadata;
  }

  /** The name of the ResourceDistribution. */
  public get name(): string {
    return this.apiObject.name;
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
    if (typeof namespace !== 'string' || namespace.length > 63 || !DNS1123_LABEL.test(namespace)) {
      throw invalid(this, `${field}[${list.length}].name`, namespace, 'not a namespace name (lower-case RFC 1123 label)', 'give a valid namespace name');
    }
    // Kruise accepts a namespace listed twice; it is emitted once.
    if (!list.includes(namespace)) list.push(namespace);
  }

  private renderSpec(): any {
    const list = (names: string[]) => names.length > 0 ? { list: names.map(name => ({ name })) } : undefined;
    return {
      resource: this.props.resource._toKube(this),
      targets: {
        allNamespaces: this.props.allNamespaces,
        includedNamespaces: list(this.included),
        excludedNamespaces: list(this.excluded),
        namespaceLabelSelector: this.labelSelector,
      },
    };
  }

  private validateAtSynth(): string[] {
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
