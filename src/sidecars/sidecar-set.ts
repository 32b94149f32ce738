import { ApiObjectMetadata } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { JsonObject, objectsOr } from '../base/json';
import { containerJson, volumeJson } from '../common/cdk8s-internals';
import { requireNonEmptySelector } from '../common/custom-resource';
import { IntOrPercent } from '../common/int-or-percent';
import { KruiseResource } from '../common/kruise-resource';
import { checkDnsLabel } from '../common/object-meta';
import { LabelSelectorSpec, SelectorJson } from '../common/selector';
import { addSynthCheck } from '../common/synth-check';
import { checkImageReference } from '../common/value-checks';
import {
  SidecarSetSpec, SidecarSetSpecContainers, SidecarSetSpecContainersUpgradeStrategy, SidecarSetSpecUpdateStrategy,
  SidecarSetSpecUpdateStrategyMaxUnavailable, SidecarSetSpecUpdateStrategyPartition, toJson_SidecarSetSpec,
} from '../imports/apps.kruise.io';
import { invalid } from '../validation/errors';
import { requireGate } from '../validation/gates';
import { findInstall } from '../validation/governance';
import { CONTAINER_NAME_FIX, NAMESPACE_FIX } from '../validation/object-rules';
import { FeatureGate } from '../versions/feature-gates';
import { compareKubernetesVersions, DEFAULT_KUBERNETES_VERSION } from '../versions/kubernetes';
import { neutraliseDefaults, recordContainerProps } from '../workloads/kruise-workload';
import { renderScatter, ScatterTerm, UpdatePriority } from '../workloads/update-strategy';

/** Label that pins a SidecarSet revision for `injectionStrategy.revision.customVersion`. */
const CUSTOM_VERSION_LABEL = 'apps.kruise.io/sidecarset-custom-version';

/** Where Kruise puts a sidecar among the pod's containers. */
export enum SidecarInjectPolicy {
  /** In front of the app containers (Kruise's default). */
  BEFORE_APP_CONTAINER = 'BeforeAppContainer',
  /** After the app containers. */
  AFTER_APP_CONTAINER = 'AfterAppContainer',
}

/** Whether a sidecar also mounts the volumes of the pod's other containers. */
export enum SidecarShareVolumePolicy {
  /** Mount the volumeMounts of the pod's (non-sidecar) containers too. */
  ENABLED = 'enabled',
  /** Only the sidecar's own mounts (Kruise's default). */
  DISABLED = 'disabled',
}

/**
 * How a sidecar container is upgraded in the pods it was injected into
 * (`upgradeStrategy`).
 * @see https://openkruise.io/docs/user-manuals/sidecarset#hot-upgrade-sidecar
 */
export class SidecarUpgradeStrategy {
  /** Stop the old container and start the new one (Kruise's default). */
  public static coldUpgrade(): SidecarUpgradeStrategy {
    return new SidecarUpgradeStrategy('ColdUpgrade', undefined);
  }

  /**
   * Run the new version beside the old one and switch over, for stateful
   * sidecars such as proxies.
   * @param emptyImage an image that behaves like the sidecar (same command,
   * probes) but does no work, used for the idle twin container
   */
  public static hotUpgrade(emptyImage: string): SidecarUpgradeStrategy {
    if (typeof emptyImage !== 'string' || emptyImage.trim() === '') {
      throw new Error('SidecarUpgradeStrategy.hotUpgrade(\'\'): hot upgrade needs hotUpgradeEmptyImage; give the image of an idle twin of the sidecar');
    }
    return new SidecarUpgradeStrategy('HotUpgrade', emptyImage);
  }

  private constructor(
    /** `ColdUpgrade` or `HotUpgrade`. */
    public readonly upgradeType: string,
    /** The empty image of a hot upgrade. */
    public readonly hotUpgradeEmptyImage?: string,
  ) {}

  /** @internal */
  public _toKube(): SidecarSetSpecContainersUpgradeStrategy {
    return { upgradeType: this.upgradeType, hotUpgradeEmptyImage: this.hotUpgradeEmptyImage };
  }
}

/** A field of the pod (downward API), e.g. `metadata.labels['app']`. */
export interface SidecarFieldRef {
  /** The field path. */
  readonly fieldPath: string;
  /** Version of the schema the path is written in. @default - unset (the API server's default, v1) */
  readonly apiVersion?: string;
}

/**
 * An environment variable copied from another container of the pod into the
 * sidecar (`transferEnv`). Give exactly one of `sourceContainerName` and
 * `sourceContainerNameFrom`, and exactly one of `envName` and `envNames`.
 */
export interface SidecarTransferEnv {
  /** The container to copy from. @default - use sourceContainerNameFrom */
  readonly sourceContainerName?: string;
  /** A pod field holding the container's name. @default - use sourceContainerName */
  readonly sourceContainerNameFrom?: SidecarFieldRef;
  /** The variable to copy. @default - use envNames */
  readonly envName?: string;
  /** Several variables to copy. @default - use envName */
  readonly envNames?: string[];
}

/** Kruise's options of an injected init container (on top of cdk8s-plus's). */
export interface SidecarSetInitContainerProps extends kplus.ContainerProps {
  /**
   * Also mount the volumes of the pod's other containers.
   * @default - Kruise's default, disabled
   */
  readonly shareVolumePolicy?: SidecarShareVolumePolicy;
  /**
   * Environment variables copied from other containers of the pod.
   * @default - none
   */
  readonly transferEnv?: SidecarTransferEnv[];
}

/** Kruise's options of an injected sidecar container (on top of cdk8s-plus's). */
export interface SidecarSetContainerProps extends SidecarSetInitContainerProps {
  /**
   * Where the sidecar goes among the pod's containers.
   * @default - Kruise's default, BeforeAppContainer
   */
  readonly podInjectPolicy?: SidecarInjectPolicy;
  /**
   * How the sidecar is upgraded in running pods.
   * @default - Kruise's default, cold upgrade
   */
  readonly upgradeStrategy?: SidecarUpgradeStrategy;
}

/** Options of {@link SidecarSetUpdateStrategy.rollingUpdate}. */
export interface SidecarSetRollingUpdateOptions {
  /** Pods (count or percent) kept at the old sidecar version. @default - Kruise's default, 0 */
  readonly partition?: IntOrPercent;
  /** Pods whose sidecars may be unavailable at once (not 0). @default - Kruise's default, 1 */
  readonly maxUnavailable?: IntOrPercent;
  /**
   * Only update the pods this selector matches (canary): a
   * `kplus.LabelSelector` or plain `{ matchLabels, matchExpressions }`.
   * @default - all selected pods
   */
  readonly selector?: kplus.LabelSelector | LabelSelectorSpec;
  /** Stop updating injected pods (new pods still get the latest sidecars). @default false */
  readonly paused?: boolean;
  /** Which pods update first. @default - Kruise's default order */
  readonly priority?: UpdatePriority;
  /** Label key/values whose pods the update spreads out. @default - none */
  readonly scatter?: ScatterTerm[];
}

/**
 * How a SidecarSet updates the sidecars of pods it already injected
 * (`spec.updateStrategy`).
 * @see https://openkruise.io/docs/user-manuals/sidecarset#sidecarset-update-strategy
 */
export class SidecarSetUpdateStrategy {
  /** Update injected pods in place, in batches (Kruise's default when no native sidecar is present). */
  public static rollingUpdate(options: SidecarSetRollingUpdateOptions = {}): SidecarSetUpdateStrategy {
    return new SidecarSetUpdateStrategy('RollingUpdate', options);
  }

  /** Never update injected pods; only new pods get the new sidecars. */
  public static notUpdate(): SidecarSetUpdateStrategy {
    return new SidecarSetUpdateStrategy('NotUpdate', {});
  }

  private constructor(
    /** `RollingUpdate` or `NotUpdate`. */
    public readonly type: string,
    private readonly options: SidecarSetRollingUpdateOptions,
  ) {}

  /** @internal */
  public _toKube(scope: Construct): SidecarSetSpecUpdateStrategy {
    const o = this.options;
    const field = 'spec.updateStrategy';
    const partition = o.partition?.toJson() as number | string | undefined;
    const maxUnavailable = o.maxUnavailable?.toJson() as number | string | undefined;
    // maxUnavailable 0 is accepted by Kruise (no sidecar is updated until it is
    // raised); the review warns.
    return {
      type: this.type,
      partition: partition === undefined ? undefined : typeof partition === 'number'
        ? SidecarSetSpecUpdateStrategyPartition.fromNumber(partition) : SidecarSetSpecUpdateStrategyPartition.fromString(partition),
      maxUnavailable: maxUnavailable === undefined ? undefined : typeof maxUnavailable === 'number'
        ? SidecarSetSpecUpdateStrategyMaxUnavailable.fromNumber(maxUnavailable)
        : SidecarSetSpecUpdateStrategyMaxUnavailable.fromString(maxUnavailable),
      selector: o.selector && requireNonEmptySelector(scope, `${field}.selector`, o.selector),
      paused: o.paused,
      priorityStrategy: o.priority?._toKube(scope, `${field}.priorityStrategy`),
      scatterStrategy: renderScatter(scope, `${field}.scatterStrategy`, o.scatter),
    };
  }
}

/** Which SidecarSet revision new pods get. */
export enum SidecarSetInjectRevisionPolicy {
  /** Always inject the given revision (the only policy of Kruise 1.7). */
  ALWAYS = 'Always',
  /**
   * Inject the given revision into some new pods and the latest into the
   * rest, following the update strategy's partition and selector (Kruise 1.8
   * and later).
   */
  PARTIAL = 'Partial',
}

/**
 * A pinned revision for injection (`injectionStrategy.revision`). Give
 * `revisionName` or `customVersion` (or both).
 */
export interface SidecarSetInjectionRevision {
  /** Name of a ControllerRevision of this SidecarSet. @default - use customVersion */
  readonly revisionName?: string;
  /**
   * The `apps.kruise.io/sidecarset-custom-version` label value of a stored
   * revision. @default - use revisionName
   */
  readonly customVersion?: string;
  /** How the revision is applied. @default - Kruise's default, Always */
  readonly policy?: SidecarSetInjectRevisionPolicy;
}

/** How a SidecarSet injects into new pods (`spec.injectionStrategy`). */
export interface SidecarSetInjectionStrategy {
  /** Stop injecting into new pods (injected sidecars keep being updated). @default false */
  readonly paused?: boolean;
  /** Inject a stored revision instead of the latest. @default - the latest */
  readonly revision?: SidecarSetInjectionRevision;
}

/** How `patchPodMetadata` treats annotations the pod already has. */
export enum SidecarSetPatchPolicy {
  /** Keep the pod's value. */
  RETAIN = 'Retain',
  /** Overwrite the pod's value. */
  OVERWRITE = 'Overwrite',
  /** Merge the JSON value into the pod's. */
  MERGE_PATCH_JSON = 'MergePatchJson',
}

/** Annotations a SidecarSet puts on the pods it injects (`spec.patchPodMetadata[]`). */
export interface SidecarSetPodMetadataPatch {
  /** The annotations (at least one; each key in one patch only). */
  readonly annotations: { [key: string]: string };
  /** What happens when the pod already has the annotation (Kruise requires a policy). */
  readonly patchPolicy: SidecarSetPatchPolicy;
}

/**
 * An object of the pod's namespace, by name (the Kubernetes API's
 * `LocalObjectReference`), e.g. an image pull Secret: `{ name: 'regcred' }`.
 */
export interface LocalObjectReferenceSpec {
  /** The object's name. */
  readonly name: string;
}

/** Properties of {@link SidecarSet}. */
export interface SidecarSetProps {
  /** Metadata (name, labels, annotations); no namespace: SidecarSet is cluster-scoped. @default - a generated name */
  readonly metadata?: ApiObjectMetadata;
  /** The pods to inject into (not empty): a `kplus.LabelSelector` or plain `{ matchLabels, matchExpressions }`. */
  readonly selector: kplus.LabelSelector | LabelSelectorSpec;
  /** Only inject into pods of this namespace. Exclusive with namespaceSelector. @default - all namespaces */
  readonly namespace?: string;
  /**
   * Only inject into pods of the namespaces this selector matches (a
   * `kplus.LabelSelector` or plain `{ matchLabels, matchExpressions }`).
   * Exclusive with namespace.
   * @default - all namespaces
   */
  readonly namespaceSelector?: kplus.LabelSelector | LabelSelectorSpec;
  /** Sidecar containers (more with addContainer()). @default - none */
  readonly containers?: SidecarSetContainerProps[];
  /** Init containers; `restartPolicy: ContainerRestartPolicy.ALWAYS` makes a native sidecar (more with addInitContainer()). @default - none */
  readonly initContainers?: SidecarSetInitContainerProps[];
  /** Volumes for the sidecars; volumes the containers mount are added on their own. @default - none */
  readonly volumes?: kplus.Volume[];
  /** Secrets to pull the sidecar images with: `kplus.ISecret` objects or plain `{ name }`. @default - none */
  readonly imagePullSecrets?: Array<kplus.ISecret | LocalObjectReferenceSpec>;
  /** How new pods are injected. @default - Kruise's default: inject the latest revision */
  readonly injectionStrategy?: SidecarSetInjectionStrategy;
  /**
   * How injected pods are updated. With a native sidecar (an init container
   * with restartPolicy Always) only `notUpdate()` is possible in Kruise 1.7.
   * @default - RollingUpdate (Kruise's default); NotUpdate, emitted, when there is a native sidecar
   */
  readonly updateStrategy?: SidecarSetUpdateStrategy;
  /** Old revisions to keep. @default - Kruise's default, 10 */
  readonly revisionHistoryLimit?: number;
  /**
   * This revision's custom version (label `apps.kruise.io/sidecarset-custom-version`),
   * which `injectionStrategy.revision.customVersion` of a later revision can pin.
   * @default - none
   */
  readonly customVersion?: string;
  /**
   * The keys of `patchPodMetadata` are allowed by the
   * `SidecarSet_PatchPodMetadata_WhiteList` of ConfigMap kruise-configuration.
   * Otherwise Kruise only accepts patchPodMetadata with the feature gate
   * SidecarSetPatchPodMetadataDefaultsAllowed on, which synth then checks.
   * @default false
   */
  readonly patchPodMetadataWhitelisted?: boolean;
  /**
   * The cluster runs Kubernetes 1.28 with the (alpha) `SidecarContainers`
   * feature gate on. Native sidecars need Kubernetes 1.29+; on 1.28 without
   * the gate the API server drops `restartPolicy` from init containers, the
   * sidecar becomes an ordinary init container that never exits, and pods
   * never start. So synth fails on 1.28 unless this says the gate is on.
   * @default false
   */
  readonly sidecarContainersGateEnabled?: boolean;
}

/** One sidecar or init container and the props it was created with. */
interface SidecarEntry {
  readonly container: kplus.Container;
  readonly props: SidecarSetContainerProps;
}

/**
 * OpenKruise SidecarSet: injects sidecar (and init) containers into the pods
 * its selector matches, and upgrades them in place. Cluster-scoped.
 *
 * Containers are cdk8s-plus containers (env, probes, mounts work as for a
 * Deployment), without cdk8s-plus's unrequested defaults (resources, security
 * context, imagePullPolicy, startup probe).
 *
 * @see https://openkruise.io/docs/user-manuals/sidecarset
 */
export class SidecarSet extends KruiseResource {
  /** The SidecarSet resource type, for RBAC. */
  public readonly resourceType = 'sidecarsets';

  private readonly props: SidecarSetProps;
  private readonly selectorJson: SelectorJson;
  private readonly namespaceSelectorJson?: SelectorJson;
  private readonly _containers: SidecarEntry[] = [];
  private readonly _initContainers: SidecarEntry[] = [];
  private readonly _volumes: kplus.Volume[] = [];
  private readonly _imagePullSecrets: string[] = [];
  private readonly _patches: SidecarSetPodMetadataPatch[] = [];

  public constructor(scope: Construct, id: string, props: SidecarSetProps) {
    super(scope, id, { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'SidecarSet', metadata: props.metadata, clusterScoped: true });
    this.props = props;
    if (props.metadata?.name !== undefined) checkName(this, props.metadata.name);
    this.selectorJson = requireNonEmptySelector(this, 'spec.selector', props.selector);
    if (props.namespace !== undefined) checkDnsLabel(this, 'spec.namespace', props.namespace, 'namespace name', NAMESPACE_FIX);
    if (props.namespace !== undefined && props.namespaceSelector !== undefined) {
      throw invalid(this, 'spec.namespace', props.namespace, 'namespace and namespaceSelector are mutually exclusive', 'give only one of them');
    }
    if (props.namespaceSelector) this.namespaceSelectorJson = requireNonEmptySelector(this, 'spec.namespaceSelector', props.namespaceSelector);
    if (props.revisionHistoryLimit !== undefined && (!Number.isInteger(props.revisionHistoryLimit) || props.revisionHistoryLimit < 0)) {
      throw invalid(this, 'spec.revisionHistoryLimit', props.revisionHistoryLimit, 'must be a whole number >= 0', 'give 0 or more');
    }
    const revision = props.injectionStrategy?.revision;
    if (revision && !revision.revisionName && !revision.customVersion) {
      throw invalid(this, 'spec.injectionStrategy.revision', revision, 'Kruise needs revisionName or customVersion to find the revision', 'give one of them');
    }
    props.updateStrategy?._toKube(this); // fails now for rules that need no later input

    if (props.customVersion !== undefined) this.apiObject.metadata.addLabel(CUSTOM_VERSION_LABEL, props.customVersion);

    for (const c of props.initContainers ?? []) this.addInitContainer(c);
    for (const c of props.containers ?? []) this.addContainer(c);
    for (const v of props.volumes ?? []) this.addVolume(v);
    for (const s of props.imagePullSecrets ?? []) this.addImagePullSecret(s);

    // Feature gates, and the Partial policy under a Kruise 1.7 install: checked by the
    // app's review (Kruise's admission rules for the governing install's version).
    addSynthCheck(this);
  }

  /** The sidecar containers. */
  public get containers(): kplus.Container[] {
    return this._containers.map(e => e.container);
  }

  /** The init containers (native sidecars among them). */
  public get initContainers(): kplus.Container[] {
    return this._initContainers.map(e => e.container);
  }

  /** Whether an init container is a native sidecar (`restartPolicy: Always`). */
  public get hasNativeSidecar(): boolean {
    return this._initContainers.some(e => e.props.restartPolicy === kplus.ContainerRestartPolicy.ALWAYS);
  }

  /** Adds a sidecar container. Names must be unique across containers and init containers. */
  public addContainer(props: SidecarSetContainerProps): kplus.Container {
    const field = `spec.containers[${this._containers.length}]`;
    if (props.restartPolicy !== undefined) {
      throw invalid(this, `${field}.restartPolicy`, props.restartPolicy, 'only init containers take a restartPolicy', 'use addInitContainer() for a native sidecar, or remove restartPolicy');
    }
    const c = this.makeContainer(field, props);
    this._containers.push({ container: c, props });
    return c;
  }

  /**
   * Adds an init container, injected when a pod is created. With
   * `restartPolicy: ContainerRestartPolicy.ALWAYS` it is a native sidecar
   * (Kubernetes 1.29+), which Kruise 1.7 cannot update in place.
   */
  public addInitContainer(props: SidecarSetInitContainerProps): kplus.Container {
    const field = `spec.initContainers[${this._initContainers.length}]`;
    const p = props as SidecarSetContainerProps;
    if (p.podInjectPolicy !== undefined || p.upgradeStrategy !== undefined) {
      throw invalid(this, field, props.name, 'podInjectPolicy and upgradeStrategy apply to sidecar containers only', 'remove them, or use addContainer()');
    }
    if (props.restartPolicy === kplus.ContainerRestartPolicy.ALWAYS && this.props.updateStrategy?.type === 'RollingUpdate') {
      throw invalid(this, `${field}.restartPolicy`, props.restartPolicy,
        'Kruise 1.7 cannot update native sidecars (init containers with restartPolicy Always) in place, so it rejects them with a RollingUpdate strategy',
        'use SidecarSetUpdateStrategy.notUpdate() or leave updateStrategy unset');
    }
    const c = this.makeContainer(field, props);
    this._initContainers.push({ container: c, props });
    return c;
  }

  /** Adds a volume for the sidecars. Volumes the containers mount are added on their own. */
  public addVolume(volume: kplus.Volume): void {
    const same = this.collectVolumes().find(v => v.name === volume.name);
    if (same === volume) {
      if (!this._volumes.includes(volume)) this._volumes.push(volume);
      return;
    }
    if (same) {
      throw invalid(this, 'spec.volumes', volume.name, 'two different volumes have this name', 'give each volume its own name');
    }
    this._volumes.push(volume);
  }

  /** Adds a secret to pull the sidecar images with: a `kplus.ISecret` or plain `{ name }`. */
  public addImagePullSecret(secret: kplus.ISecret | LocalObjectReferenceSpec): void {
    const field = `spec.imagePullSecrets[${this._imagePullSecrets.length}].name`;
    const name: unknown = secret !== null && typeof secret === 'object' ? secret.name : undefined;
    if (typeof name !== 'string' || name === '') {
      throw invalid(this, field, secret, 'an image pull secret is named', 'give a kplus.ISecret or { name: \'regcred\' }');
    }
    if (this._imagePullSecrets.includes(name)) {
      throw invalid(this, 'spec.imagePullSecrets', name, 'this secret is listed already', 'add each secret once');
    }
    this._imagePullSecrets.push(name);
  }

  /**
   * Adds annotations to put on the injected pods. Kruise accepts them only
   * when the keys are whitelisted in ConfigMap kruise-configuration (say so
   * with `patchPodMetadataWhitelisted`) or the feature gate
   * SidecarSetPatchPodMetadataDefaultsAllowed is on (checked at synth).
   */
  public addPatchPodMetadata(patch: SidecarSetPodMetadataPatch): void {
    const field = `spec.patchPodMetadata[${this._patches.length}]`;
    const keys = Object.keys(patch.annotations ?? {});
    if (keys.length === 0) {
      throw invalid(this, `${field}.annotations`, {}, 'Kruise rejects a patch without annotations', 'give at least one annotation');
    }
    if (!Object.values(SidecarSetPatchPolicy).includes(patch.patchPolicy)) {
      throw invalid(this, `${field}.patchPolicy`, patch.patchPolicy, 'Kruise requires a patch policy', 'use SidecarSetPatchPolicy.RETAIN, OVERWRITE or MERGE_PATCH_JSON');
    }
    for (const key of keys) {
      if (this._patches.some(p => Object.prototype.hasOwnProperty.call(p.annotations, key))) {
        throw invalid(this, `${field}.annotations`, key, 'this annotation is patched already by an earlier patch', 'patch each annotation key once');
      }
    }
    if (this._patches.length === 0 && !this.props.patchPodMetadataWhitelisted) {
      requireGate(this, FeatureGate.SIDECAR_SET_PATCH_POD_METADATA_DEFAULTS_ALLOWED,
        `SidecarSet ${this.node.path} spec.patchPodMetadata (with no whitelist entry in kruise-configuration; set patchPodMetadataWhitelisted if there is one)`);
    }
    this._patches.push({ annotations: { ...patch.annotations }, patchPolicy: patch.patchPolicy });
  }

  private makeContainer(field: string, props: SidecarSetContainerProps): kplus.Container {
    if (props.name === undefined || props.name === '') {
      throw invalid(this, `${field}.name`, props.name, 'a sidecar needs its own name (cdk8s-plus would call it "main", which clashes with app containers)', 'give the container a name');
    }
    checkDnsLabel(this, `${field}.name`, props.name, 'container name', CONTAINER_NAME_FIX);
    const all = [...this._containers, ...this._initContainers];
    if (all.some(e => e.container.name === props.name)) {
      throw invalid(this, `${field}.name`, props.name, 'container names must be unique across containers and initContainers', 'give each container its own name');
    }
    if (typeof props.image !== 'string' || props.image === '') {
      throw invalid(this, `${field}.image`, props.image, 'a sidecar container needs an image (Kruise injects it into the pods as it is)', "give image, e.g. 'envoyproxy/envoy:v1.30.1'");
    }
    checkImageReference(this, `${field}.image`, props.image);
    checkTransferEnv(this, `${field}.transferEnv`, props.transferEnv);
    const c = new kplus.Container(props);
    recordContainerProps(c, props);
    const known = this.collectVolumes();
    for (const mount of c.mounts) {
      if (known.some(v => v.name === mount.volume.name && v !== mount.volume)) {
        throw invalid(this, 'spec.volumes', mount.volume.name, `container ${c.name} mounts a different volume with the name of another`, 'give each volume its own name');
      }
    }
    return c;
  }

  /** The core container as cdk8s-plus renders it, without cdk8s-plus's unrequested defaults. */
  private renderCoreContainer(entry: SidecarEntry): JsonObject {
    const { container, props } = entry;
    const json = containerJson(container);
    neutraliseDefaults({ containers: [json] }, {}, [container], []);
    if (props.startup === undefined) delete json.startupProbe; // cdk8s-plus adds a TCP startup probe for any port
    return json;
  }

  /** The SidecarSet fields of a container (the L1 types only these: the schema keeps the core Container unvalidated). */
  private renderSidecarFields(entry: SidecarEntry): SidecarSetSpecContainers {
    const { props } = entry;
    return {
      podInjectPolicy: props.podInjectPolicy,
      shareVolumePolicy: props.shareVolumePolicy && { type: props.shareVolumePolicy },
      transferEnv: props.transferEnv?.map(t => ({
        sourceContainerName: t.sourceContainerName,
        sourceContainerNameFrom: t.sourceContainerNameFrom && {
          fieldRef: { apiVersion: t.sourceContainerNameFrom.apiVersion, fieldPath: t.sourceContainerNameFrom.fieldPath },
        },
        envName: t.envName,
        envNames: t.envNames && [...t.envNames],
      })),
      upgradeStrategy: props.upgradeStrategy?._toKube(),
    };
  }

  /** Explicit volumes, then those the containers mount (by name; a name clash is an error). */
  private collectVolumes(): kplus.Volume[] {
    const out = [...this._volumes];
    for (const entry of [...this._initContainers, ...this._containers]) {
      for (const mount of entry.container.mounts) {
        const v = mount.volume;
        const same = out.find(x => x.name === v.name);
        if (same && same !== v) {
          throw invalid(this, 'spec.volumes', v.name, `container ${entry.container.name} mounts a different volume with the name of another`, 'give each volume its own name');
        }
        if (!same) out.push(v);
      }
    }
    return out;
  }

  private renderUpdateStrategy(): SidecarSetSpecUpdateStrategy | undefined {
    if (this.props.updateStrategy) return this.props.updateStrategy._toKube(this);
    // Kruise would default to RollingUpdate, which it rejects with native sidecars.
    return this.hasNativeSidecar ? { type: 'NotUpdate' } : undefined;
  }

  protected renderSpec(): { [key: string]: unknown } {
    const p = this.props;
    const volumes = this.collectVolumes();
    const inj = p.injectionStrategy;
    const spec: SidecarSetSpec = {
      selector: this.selectorJson,
      namespace: p.namespace,
      namespaceSelector: this.namespaceSelectorJson,
      initContainers: this._initContainers.length > 0 ? this._initContainers.map(e => this.renderSidecarFields(e)) : undefined,
      containers: this._containers.length > 0 ? this._containers.map(e => this.renderSidecarFields(e)) : undefined,
      volumes: volumes.length > 0 ? volumes.map(v => volumeJson(v)) : undefined,
      imagePullSecrets: this._imagePullSecrets.length > 0 ? this._imagePullSecrets.map(name => ({ name })) : undefined,
      injectionStrategy: inj && {
        paused: inj.paused,
        revision: inj.revision && {
          revisionName: inj.revision.revisionName,
          customVersion: inj.revision.customVersion,
          policy: inj.revision.policy,
        },
      },
      updateStrategy: this.renderUpdateStrategy(),
      patchPodMetadata: this._patches.length > 0
        ? this._patches.map(x => ({ annotations: { ...x.annotations }, patchPolicy: x.patchPolicy }))
        : undefined,
      revisionHistoryLimit: p.revisionHistoryLimit,
    };
    const json = toJson_SidecarSetSpec(spec) ?? {};
    // Each container: the core fields as cdk8s-plus renders them, then the SidecarSet fields.
    const withCore = (entries: SidecarEntry[], rendered: unknown) => entries.length === 0 ? undefined
      : objectsOr(rendered).map((sidecarFields, i) => ({ ...this.renderCoreContainer(entries[i]), ...sidecarFields }));
    return {
      ...json,
      initContainers: withCore(this._initContainers, json.initContainers),
      containers: withCore(this._containers, json.containers),
    };
  }

  /** The construct's own checks at synth (see addSynthCheck). @internal */
  public _checkAtSynth(): string[] {
    // Kruise's own rules (name, containers required, container and volume
    // clashes with other SidecarSets) are checked by the app's review on the
    // emitted object; these are the checks only this construct can make.
    return this.nativeSidecarVersionErrors();
  }

  /** Native sidecars need Kubernetes 1.29+, or 1.28 with the SidecarContainers gate. */
  private nativeSidecarVersionErrors(): string[] {
    const index = this._initContainers.findIndex(e => e.props.restartPolicy === kplus.ContainerRestartPolicy.ALWAYS);
    if (index < 0) return [];
    const install = findInstall(this);
    const version = install?.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION;
    const source = install ? `the Kruise install at ${install.node.path} declares Kubernetes ${version}` : `no Kruise install is declared, so Kubernetes ${version} is assumed`;
    const field = `spec.initContainers[${index}].restartPolicy`;
    if (compareKubernetesVersions(version, '1.29') >= 0) return [];
    if (compareKubernetesVersions(version, '1.28') < 0) {
      return [invalid(this, field, 'Always', `native sidecars need Kubernetes 1.29+ (1.28 with the SidecarContainers feature gate), but ${source}`, 'upgrade the cluster (and its kubernetesVersion), or drop restartPolicy and use a regular sidecar container').message];
    }
    if (this.props.sidecarContainersGateEnabled) return [];
    return [invalid(this, field, 'Always', `native sidecars on Kubernetes 1.28 need the alpha SidecarContainers feature gate (without it the API server drops restartPolicy and pods never start), and ${source}`, 'set sidecarContainersGateEnabled: true if the cluster has the gate on, or upgrade to 1.29+').message];
  }

}

function nameError(scope: Construct, name: string): string | undefined {
  if (!/^[a-zA-Z0-9-]+$/.test(name)) {
    return invalid(scope, 'metadata.name', name, 'Kruise only accepts SidecarSet names of letters, digits and \'-\'', 'rename it, e.g. without dots').message;
  }
  if (name.length > 63) {
    return invalid(scope, 'metadata.name', name, `Kruise accepts SidecarSet names of at most 63 characters (this one has ${name.length})`, 'use a shorter name').message;
  }
  return undefined;
}

function checkName(scope: Construct, name: string): void {
  const problem = nameError(scope, name);
  if (problem) throw new Error(problem);
}

function checkTransferEnv(scope: Construct, field: string, envs: SidecarTransferEnv[] | undefined): void {
  (envs ?? []).forEach((t, i) => {
    const f = `${field}[${i}]`;
    if ((t.sourceContainerName === undefined) === (t.sourceContainerNameFrom === undefined)) {
      throw invalid(scope, f, t, 'give exactly one of sourceContainerName and sourceContainerNameFrom', 'name the source container, or the pod field that holds its name');
    }
    if ((t.envName === undefined) === (t.envNames === undefined || t.envNames.length === 0)) {
      throw invalid(scope, f, t, 'give exactly one of envName and envNames', 'name the variable(s) to copy');
    }
  });
}
