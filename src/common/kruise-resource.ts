import { ApiObject, ApiObjectMetadata } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { createCustomResource } from './custom-resource';

/** What a {@link KruiseResource} emits: its kind and metadata. */
export interface KruiseResourceProps {
  /** apiVersion of the emitted object, e.g. `apps.kruise.io/v1alpha1`. */
  readonly apiVersion: string;
  /** Kind of the emitted object, e.g. `SidecarSet`. */
  readonly kind: string;
  /** Metadata (name, namespace, labels, annotations). @default - a generated name, the chart's namespace */
  readonly metadata?: ApiObjectMetadata;
  /** The kind is cluster-scoped: the object carries no namespace (not even the chart's). @default false */
  readonly clusterScoped?: boolean;
}

/**
 * The base of the Kruise constructs without a pod template (SidecarSet, the
 * policy kinds, the pull and ephemeral jobs): a cdk8s-plus `Resource`, so
 * `metadata`, `name`, `apiVersion`, `apiGroup`, `kind` and RBAC grants
 * (`Role.allow(...)`, `resource.permissions.grantRead(...)`) work as for
 * cdk8s-plus's own resources.
 *
 * The emitted object is the plain `ApiObject` child 'Resource' (so
 * `ApiObject.of()` and JSON patches reach it); its spec is rendered at synth
 * by `renderSpec()`, and the app's review checks it (metadata, CRD schema,
 * Kruise's admission rules, feature gates).
 */
export abstract class KruiseResource extends kplus.Resource {
  /** The emitted custom resource. */
  protected readonly apiObject: ApiObject;

  public constructor(scope: Construct, id: string, props: KruiseResourceProps) {
    super(scope, id);
    this.apiObject = createCustomResource(this, {
      apiVersion: props.apiVersion,
      kind: props.kind,
      metadata: props.metadata,
      clusterScoped: props.clusterScoped,
      body: this,
    });
  }

  /**
   * The emitted object's body: its spec (see renderSpec()).
   * @internal
   */
  public _renderBody(): { [key: string]: unknown } {
    return { spec: this.renderSpec() };
  }

  /** The spec of the emitted object, as JSON; called at synth. */
  protected abstract renderSpec(): { [key: string]: unknown };
}
