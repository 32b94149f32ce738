import { KruiseVersion } from '../version';
import { versionData } from './registry';

/** Maturity of a feature gate. */
export enum FeatureGateStage {
  /** Off by default unless noted; may change or go away. */
  ALPHA = 'ALPHA',
  /** Usually on by default. */
  BETA = 'BETA',
  /** Not a gate of this library's Kruise versions (a `custom()` gate). */
  UNKNOWN = 'UNKNOWN',
}

/** The gates of every known Kruise version, filled by the FeatureGate constants as they are created. */
const KNOWN: FeatureGate[] = [];

/** The gate data of a version (defaults, stages, rules live in src/versions). */
function gatesOf(version: KruiseVersion) {
  return versionData(version.version);
}

/** The first known version that has a gate. */
function firstVersionWith(name: string): KruiseVersion | undefined {
  return KruiseVersion.all().find(v => gatesOf(v).gates.has(name));
}

/** A feature gate set on or off: `FeatureGate.IMAGE_PULL_JOB.enable()`. */
export interface FeatureGateSetting {
  /** The gate. */
  readonly gate: FeatureGate;
  /** On or off. */
  readonly enabled: boolean;
}

/**
 * A kruise-manager/kruise-daemon feature gate (`--feature-gates`).
 *
 * An open set: the constants are the gates of every Kruise version this
 * library knows (28 in 1.7, 32 in 1.8) plus the meta gates `ALL_ALPHA`/`ALL_BETA`;
 * `custom()` passes any other name through unchecked. A gate's default and stage
 * can differ between versions: `defaultIn(version)`, `stageIn(version)`;
 * `defaultEnabled` and `stage` are those of the first version that has it.
 *
 * @see https://openkruise.io/docs/user-manuals/featuregates
 */
export class FeatureGate {
  /**
   * `PodWebhook`: Kruise's pod admission webhook, which pod-level features (readiness gate injection, PodUnavailableBudget, WorkloadSpread, SidecarSet injection) rely on.
   * Kruise's default: on; stage BETA.
   * When off, it forces off: `KruisePodReadinessGate`, `PodUnavailableBudgetDeleteGate`, `PodUnavailableBudgetUpdateGate`, `WorkloadSpread`, `SidecarSetPatchPodMetadataDefaultsAllowed`, `EnhancedLivenessProbe` (and in 1.8 `EnablePodProbeMarkerOnServerless`).
   */
  public static readonly POD_WEBHOOK = FeatureGate.known('PodWebhook');
  /**
   * `KruiseDaemon`: Runs kruise-daemon on every node; it pulls images, recreates containers and runs node-side probes.
   * Kruise's default: on; stage BETA.
   * When off, it forces off: `PreDownloadImageForInPlaceUpdate`, `DaemonWatchingPod`, `InPlaceUpdateEnvFromMetadata`, `PreDownloadImageForDaemonSetUpdate`, `PodProbeMarkerGate`, `SidecarTerminator`, `ImagePullJobGate`, `EnhancedLivenessProbe`.
   */
  public static readonly KRUISE_DAEMON = FeatureGate.known('KruiseDaemon');
  /**
   * `DaemonWatchingPod`: Lets kruise-daemon watch the pods of its node, for in-place update and container launch priority work on the node.
   * Kruise's default: on; stage BETA.
   * Forced off when `KruiseDaemon` is off.
   */
  public static readonly DAEMON_WATCHING_POD = FeatureGate.known('DaemonWatchingPod');
  /**
   * `CloneSetShortHash`: CloneSet pods carry the short revision hash in their revision label, so the label stays within 63 characters.
   * Kruise's default: off; stage ALPHA.
   */
  public static readonly CLONE_SET_SHORT_HASH = FeatureGate.known('CloneSetShortHash');
  /**
   * `KruisePodReadinessGate`: Adds the `KruisePodReady` readiness gate to every pod that the pod webhook sees, not only to Kruise workloads' pods.
   * Kruise's default: off; stage ALPHA.
   * Forced off when `PodWebhook` is off.
   */
  public static readonly KRUISE_POD_READINESS_GATE = FeatureGate.known('KruisePodReadinessGate');
  /**
   * `PreDownloadImageForInPlaceUpdate`: Pulls a CloneSet's or Advanced StatefulSet's new images on the nodes of its pods before an in-place update (it uses ImagePullJobs).
   * Kruise's default: off; stage ALPHA.
   * Forced off when `KruiseDaemon` is off.
   * When on, it forces on: `ImagePullJobGate`.
   */
  public static readonly PRE_DOWNLOAD_IMAGE_FOR_IN_PLACE_UPDATE = FeatureGate.known('PreDownloadImageForInPlaceUpdate');
  /**
   * `CloneSetPartitionRollback`: Lets a CloneSet roll pods back to the current revision when more pods run the update revision than replicas minus partition allow.
   * Kruise's default: off; stage ALPHA.
   */
  public static readonly CLONE_SET_PARTITION_ROLLBACK = FeatureGate.known('CloneSetPartitionRollback');
  /**
   * `ResourcesDeletionProtection`: Honours the `policy.kruise.io/delete-protection` label on namespaces, CRDs and workloads.
   * Kruise's default: on in 1.7 (stage ALPHA); **off** in 1.8 (stage BETA).
   * When off, it forces off: `DeletionProtectionForCRDCascadingGate`.
   */
  public static readonly RESOURCES_DELETION_PROTECTION = FeatureGate.known('ResourcesDeletionProtection');
  /**
   * `WorkloadSpread`: WorkloadSpread: spreading a workload's pods over subsets (zones, node pools) through the pod webhook.
   * Kruise's default: on; stage ALPHA in 1.7, BETA in 1.8.
   * Forced off when `PodWebhook` is off.
   */
  public static readonly WORKLOAD_SPREAD = FeatureGate.known('WorkloadSpread');
  /**
   * `PodUnavailableBudgetDeleteGate`: PodUnavailableBudget guards pod deletion and eviction.
   * Kruise's default: on; stage ALPHA in 1.7, BETA in 1.8.
   * Forced off when `PodWebhook` is off.
   */
  public static readonly POD_UNAVAILABLE_BUDGET_DELETE = FeatureGate.known('PodUnavailableBudgetDeleteGate');
  /**
   * `PodUnavailableBudgetUpdateGate`: PodUnavailableBudget also guards in-place updates of pods.
   * Kruise's default: off; stage ALPHA.
   * Forced off when `PodWebhook` is off.
   */
  public static readonly POD_UNAVAILABLE_BUDGET_UPDATE = FeatureGate.known('PodUnavailableBudgetUpdateGate');
  /**
   * `TemplateNoDefaults`: Stops Kruise's defaulting webhook from filling defaults into the pod templates and volume claim templates of workloads.
   * Kruise's default: off; stage ALPHA.
   */
  public static readonly TEMPLATE_NO_DEFAULTS = FeatureGate.known('TemplateNoDefaults');
  /**
   * `InPlaceUpdateEnvFromMetadata`: In-place updates also cover env vars taken from pod labels or annotations through the downward API.
   * Kruise's default: on; stage ALPHA in 1.7, BETA in 1.8.
   * Forced off when `KruiseDaemon` is off.
   */
  public static readonly IN_PLACE_UPDATE_ENV_FROM_METADATA = FeatureGate.known('InPlaceUpdateEnvFromMetadata');
  /**
   * `StatefulSetAutoDeletePVC`: Advanced StatefulSet honours `persistentVolumeClaimRetentionPolicy`, deleting claims on scale-down or deletion.
   * Kruise's default: on; stage ALPHA in 1.7, BETA in 1.8.
   */
  public static readonly STATEFUL_SET_AUTO_DELETE_PVC = FeatureGate.known('StatefulSetAutoDeletePVC');
  /**
   * `SidecarSetPatchPodMetadataDefaultsAllowed`: Lets any SidecarSet use `patchPodMetadata` without a whitelist in the kruise-configuration ConfigMap.
   * Kruise's default: off; stage ALPHA.
   * Forced off when `PodWebhook` is off.
   */
  public static readonly SIDECAR_SET_PATCH_POD_METADATA_DEFAULTS_ALLOWED = FeatureGate.known('SidecarSetPatchPodMetadataDefaultsAllowed');
  /**
   * `SidecarTerminator`: Stops a Job pod's sidecar containers once its main containers have exited (the `KRUISE_TERMINATE_SIDECAR_WHEN_JOB_EXIT` env var).
   * Kruise's default: off; stage ALPHA.
   * Forced off when `KruiseDaemon` is off.
   */
  public static readonly SIDECAR_TERMINATOR = FeatureGate.known('SidecarTerminator');
  /**
   * `PodProbeMarkerGate`: PodProbeMarker: custom probes run by kruise-daemon whose results become pod conditions, labels or annotations.
   * Kruise's default: on; stage ALPHA in 1.7, BETA in 1.8.
   * Forced off when `KruiseDaemon` is off.
   */
  public static readonly POD_PROBE_MARKER = FeatureGate.known('PodProbeMarkerGate');
  /**
   * `PreDownloadImageForDaemonSetUpdate`: Pulls an Advanced DaemonSet's new images on its nodes before the update.
   * Kruise's default: off; stage ALPHA.
   * Forced off when `KruiseDaemon` is off.
   * When on, it forces on: `ImagePullJobGate`.
   */
  public static readonly PRE_DOWNLOAD_IMAGE_FOR_DAEMON_SET_UPDATE = FeatureGate.known('PreDownloadImageForDaemonSetUpdate');
  /**
   * `CloneSetEventHandlerOptimization`: Makes the CloneSet controller requeue less often on pod updates (less work on big clusters).
   * Kruise's default: off; stage ALPHA.
   */
  public static readonly CLONE_SET_EVENT_HANDLER_OPTIMIZATION = FeatureGate.known('CloneSetEventHandlerOptimization');
  /**
   * `PreparingUpdateAsUpdate`: CloneSet and Advanced StatefulSet count pods in the PreparingUpdate lifecycle state as updated when they work out revisions while scaling.
   * Kruise's default: off; stage ALPHA.
   */
  public static readonly PREPARING_UPDATE_AS_UPDATE = FeatureGate.known('PreparingUpdateAsUpdate');
  /**
   * `ImagePullJobGate`: ImagePullJob and ImageListPullJob: pulling images on chosen nodes ahead of time.
   * Kruise's default: off (chart 1.7.5 turns it on in its default `featureGates` value); stage ALPHA.
   * Forced off when `KruiseDaemon` is off.
   * Forced on when `PreDownloadImageForInPlaceUpdate` or `PreDownloadImageForDaemonSetUpdate` is on.
   */
  public static readonly IMAGE_PULL_JOB = FeatureGate.known('ImagePullJobGate');
  /**
   * `ResourceDistributionGate`: ResourceDistribution: copying a Secret or ConfigMap into many namespaces.
   * Kruise's default: off; stage ALPHA.
   */
  public static readonly RESOURCE_DISTRIBUTION = FeatureGate.known('ResourceDistributionGate');
  /**
   * `DeletionProtectionForCRDCascadingGate`: Lets the `Cascading` deletion protection of a CRD refuse its deletion while custom resources of it exist.
   * Kruise's default: off; stage ALPHA.
   * Forced off when `ResourcesDeletionProtection` is off.
   */
  public static readonly DELETION_PROTECTION_FOR_CRD_CASCADING = FeatureGate.known('DeletionProtectionForCRDCascadingGate');
  /**
   * `EnhancedLivenessProbe`: Runs liveness probes marked for it in kruise-daemon, which restarts containers gently instead of the kubelet.
   * Kruise's default: off; stage ALPHA.
   * Forced off when `PodWebhook` or `KruiseDaemon` is off.
   */
  public static readonly ENHANCED_LIVENESS_PROBE = FeatureGate.known('EnhancedLivenessProbe');
  /**
   * `RecreatePodWhenChangeVCTInCloneSetGate`: Recreates CloneSet pods when its volumeClaimTemplates change, so new pods get new claims.
   * Kruise's default: off; stage ALPHA.
   */
  public static readonly RECREATE_POD_WHEN_CHANGE_VCT_IN_CLONE_SET = FeatureGate.known('RecreatePodWhenChangeVCTInCloneSetGate');
  /**
   * `StatefulSetStartOrdinal`: Advanced StatefulSet honours `spec.ordinals.start`, numbering pods from a chosen ordinal.
   * Kruise's default: off; stage ALPHA.
   */
  public static readonly STATEFUL_SET_START_ORDINAL = FeatureGate.known('StatefulSetStartOrdinal');
  /**
   * `PodIndexLabel`: Adds the `apps.kubernetes.io/pod-index` label with the ordinal to Advanced StatefulSet pods.
   * Kruise's default: on; stage BETA.
   */
  public static readonly POD_INDEX_LABEL = FeatureGate.known('PodIndexLabel');
  /**
   * `EnableExternalCerts`: kruise-manager uses webhook certificates made elsewhere (e.g. by cert-manager) instead of writing its own.
   * Kruise's default: off; stage ALPHA.
   */
  public static readonly ENABLE_EXTERNAL_CERTS = FeatureGate.known('EnableExternalCerts');
  /**
   * `StatefulSetAutoResizePVCGate` (Kruise 1.8 and later): Advanced StatefulSet resizes existing claims when
   * `volumeClaimTemplates` grow and `volumeClaimUpdateStrategy.type` is `OnPodRollingUpdate`; the chart then
   * lets kruise-manager read StorageClasses.
   * Kruise's default: off; stage ALPHA.
   */
  public static readonly STATEFUL_SET_AUTO_RESIZE_PVC = FeatureGate.known('StatefulSetAutoResizePVCGate');
  /**
   * `ForceDeleteTimeoutExpectationGate` (Kruise 1.8 and later): controllers stop waiting for an expected
   * pod or claim event after a timeout, so a lost event no longer blocks a workload.
   * Kruise's default: off; stage ALPHA.
   */
  public static readonly FORCE_DELETE_TIMEOUT_EXPECTATION = FeatureGate.known('ForceDeleteTimeoutExpectationGate');
  /**
   * `InPlaceWorkloadVerticalScaling` (Kruise 1.8 and later): CloneSet and Advanced StatefulSet change
   * container resources in place (Kubernetes in-place pod resize) instead of recreating pods.
   * Kruise's default: off; stage ALPHA.
   */
  public static readonly IN_PLACE_WORKLOAD_VERTICAL_SCALING = FeatureGate.known('InPlaceWorkloadVerticalScaling');
  /**
   * `EnablePodProbeMarkerOnServerless` (Kruise 1.8 and later): PodProbeMarker probes reach pods on
   * serverless nodes (virtual kubelet) through pod annotations instead of kruise-daemon.
   * Kruise's default: off; stage ALPHA.
   * Forced off when `PodWebhook` is off.
   */
  public static readonly ENABLE_POD_PROBE_MARKER_ON_SERVERLESS = FeatureGate.known('EnablePodProbeMarkerOnServerless');

  /** Meta gate: sets every ALPHA gate that is not set explicitly. */
  public static readonly ALL_ALPHA = new FeatureGate('AllAlpha', false, FeatureGateStage.UNKNOWN, true, true);
  /** Meta gate: sets every BETA gate that is not set explicitly. */
  public static readonly ALL_BETA = new FeatureGate('AllBeta', false, FeatureGateStage.UNKNOWN, true, true);

  /**
   * The gates of a Kruise version, in upstream order (28 in 1.7, 32 in 1.8).
   * @param version default KruiseVersion.V1_7
   */
  public static all(version?: KruiseVersion): FeatureGate[] {
    const gates = gatesOf(version ?? KruiseVersion.V1_7).gates;
    return [...gates.keys()].map(name => KNOWN.find(g => g.name === name)!);
  }

  /**
   * The known gate with this name (also `AllAlpha`/`AllBeta`).
   * @throws for a name no known Kruise version has, suggesting the closest known one.
   */
  public static of(name: string): FeatureGate {
    if (name === 'AllAlpha') return FeatureGate.ALL_ALPHA;
    if (name === 'AllBeta') return FeatureGate.ALL_BETA;
    const found = KNOWN.find(g => g.name === name);
    if (!found) {
      const suggestion = closest(name, [...KNOWN.map(g => g.name), 'AllAlpha', 'AllBeta']);
      throw new Error(`unknown feature gate '${name}'${suggestion ? `; did you mean '${suggestion}'?` : ''} (use FeatureGate.custom('${name}') for a gate this library does not know)`);
    }
    return found;
  }

  /**
   * A gate this library does not know (for example one of a newer Kruise).
   * It is passed to kruise-manager unchecked and takes part in no dependency rule.
   */
  public static custom(name: string, defaultEnabled: boolean = false): FeatureGate {
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name)) {
      throw new Error(`feature gate name '${name}' is not valid: use letters and digits only, e.g. 'MyGate'`);
    }
    const known = [...KNOWN, FeatureGate.ALL_ALPHA, FeatureGate.ALL_BETA].find(g => g.name.toLowerCase() === name.toLowerCase());
    if (known) {
      throw new Error(`FeatureGate.custom('${name}'): ${known.isMeta ? 'Kruise' : `Kruise ${known.since.version}`} has this gate as '${known.name}'; use FeatureGate.of('${known.name}') (or its constant) so that Kruise's dependency rules apply`);
    }
    return new FeatureGate(name, defaultEnabled, FeatureGateStage.UNKNOWN, false, false);
  }

  private static known(name: string): FeatureGate {
    const since = firstVersionWith(name);
    if (!since) throw new Error(`FeatureGate '${name}' is in no Kruise version's gate data (src/versions)`);
    const data = gatesOf(since).gates.get(name)!;
    const g = new FeatureGate(name, data.default, data.stage as FeatureGateStage, true, false);
    KNOWN.push(g);
    return g;
  }

  private constructor(
    /** The name kruise-manager knows it by. */
    public readonly name: string,
    /** Whether Kruise turns it on when nobody sets it. */
    public readonly defaultEnabled: boolean,
    /** ALPHA, BETA, or UNKNOWN for custom gates. */
    public readonly stage: FeatureGateStage,
    /** Whether this library knows the gate (false for `custom()`). */
    public readonly isKnown: boolean,
    /** Whether this is AllAlpha/AllBeta. */
    public readonly isMeta: boolean,
  ) {}

  /**
   * The first Kruise version that has this gate.
   * @throws for custom and meta gates
   */
  public get since(): KruiseVersion {
    const v = this.isKnown && !this.isMeta ? firstVersionWith(this.name) : undefined;
    if (!v) throw new Error(`feature gate '${this.name}' is not a gate of a Kruise version this library knows`);
    return v;
  }

  /** Whether `version` of Kruise has this gate (true for meta and custom gates, which are passed through). */
  public isIn(version: KruiseVersion): boolean {
    return !this.isKnown || this.isMeta || gatesOf(version).gates.has(this.name);
  }

  /**
   * Whether Kruise `version` turns this gate on when nobody sets it.
   * @throws when that version does not have the gate
   */
  public defaultIn(version: KruiseVersion): boolean {
    if (!this.isKnown || this.isMeta) return this.defaultEnabled;
    return this.dataIn(version).default;
  }

  /**
   * The gate's stage in Kruise `version`.
   * @throws when that version does not have the gate
   */
  public stageIn(version: KruiseVersion): FeatureGateStage {
    if (!this.isKnown || this.isMeta) return this.stage;
    return this.dataIn(version).stage as FeatureGateStage;
  }

  private dataIn(version: KruiseVersion) {
    const data = gatesOf(version).gates.get(this.name);
    if (!data) throw new Error(unknownInVersion(this, version));
    return data;
  }

  /** This gate, on. */
  public enable(): FeatureGateSetting {
    return { gate: this, enabled: true };
  }

  /** This gate, off. */
  public disable(): FeatureGateSetting {
    return { gate: this, enabled: false };
  }
}


/** Why a gate cannot be used with a version (names both versions). */
function unknownInVersion(gate: FeatureGate, version: KruiseVersion): string {
  const has = KruiseVersion.all().filter(v => gatesOf(v).gates.has(gate.name)).map(v => v.version);
  const later = has.find(v => KruiseVersion.of(v).atLeast(version));
  const hint = later
    ? `it is a gate of Kruise ${has.join(', ')}; use KruiseVersion.V${later.replace('.', '_')} or drop the gate`
    : `Kruise ${has.join(', ')} had it; drop the gate`;
  return `feature gate '${gate.name}' is not a gate of Kruise ${version.version}: ${hint}`;
}

/** The gates of an install after Kruise's own rules ran. */
export class ResolvedFeatureGates {
  /**
   * Resolves settings the way kruise-manager does: explicit settings win,
   * AllAlpha/AllBeta fill the unset gates of their stage, defaults fill the
   * rest, then the dependency rules force gates on or off.
   *
   * @param settings in the order they appear on the command line
   * @param context where to point in error messages (construct path or values key)
   * @param version the Kruise version whose defaults and rules apply; default KruiseVersion.V1_7
   * @throws when a gate the settings turn on is forced off by a dependency, or
   * the version does not have a gate the settings name
   */
  public static resolve(settings: FeatureGateSetting[], context: string = 'featureGates', version?: KruiseVersion): ResolvedFeatureGates {
    return new ResolvedFeatureGates(settings, context, version ?? KruiseVersion.V1_7);
  }

  /** The `--feature-gates` value: the settings in order, `Name=true|false`, comma-separated. */
  public readonly flag: string;
  /** Gates a rule turned on although nobody asked (one sentence each). */
  public readonly forcedOn: string[] = [];
  /** Gates a rule turned off that were on by default (one sentence each). */
  public readonly forcedOff: string[] = [];

  private readonly state = new Map<string, boolean>();
  private readonly explicit = new Map<string, boolean>();

  private constructor(
    public readonly settings: FeatureGateSetting[],
    context: string,
    /** The Kruise version whose defaults and rules were applied. */
    public readonly version: KruiseVersion,
  ) {
    for (const s of settings) {
      if (!s.gate.isIn(version)) throw new Error(`${context}: ${unknownInVersion(s.gate, version)}`);
    }
    const data = gatesOf(version);
    const seen = new Map<string, boolean>();
    for (const s of settings) {
      const previous = seen.get(s.gate.name);
      if (previous !== undefined && previous !== s.enabled) {
        throw new Error(`${context}: feature gate '${s.gate.name}' is set both to ${previous} and to ${s.enabled}; set it once`);
      }
      seen.set(s.gate.name, s.enabled);
    }
    this.flag = settings.map(s => `${s.gate.name}=${s.enabled}`).join(',');

    const meta = new Map<FeatureGateStage, boolean>();
    for (const s of settings) {
      if (s.gate === FeatureGate.ALL_ALPHA) meta.set(FeatureGateStage.ALPHA, s.enabled);
      else if (s.gate === FeatureGate.ALL_BETA) meta.set(FeatureGateStage.BETA, s.enabled);
      else this.explicit.set(s.gate.name, s.enabled);
    }
    for (const [name, g] of data.gates) {
      this.state.set(name, this.explicit.get(name) ?? meta.get(g.stage as FeatureGateStage) ?? g.default);
    }
    for (const s of settings) {
      if (!s.gate.isKnown && !s.gate.isMeta) this.state.set(s.gate.name, s.enabled);
    }

    for (const [parent, children] of data.rules.forcedOffWhenDisabled) {
      if (this.state.get(parent)) continue;
      for (const child of children) {
        if (this.explicit.get(child) === true) {
          throw new Error(`${context}: feature gate '${child}' is enabled, but '${parent}' is disabled and Kruise then forces '${child}' off; enable '${parent}' or stop enabling '${child}'`);
        }
        if (this.state.get(child)) {
          this.forcedOff.push(`'${child}' is off because '${parent}' is disabled`);
          this.state.set(child, false);
        }
      }
    }
    for (const [parent, children] of data.rules.forcedOnWhenEnabled) {
      if (!this.state.get(parent)) continue;
      for (const child of children) {
        if (this.explicit.get(child) === false) {
          throw new Error(`${context}: feature gate '${child}' is disabled, but '${parent}' is enabled and Kruise then forces '${child}' on; disable '${parent}' or stop disabling '${child}'`);
        }
        if (!this.state.get(child)) {
          this.forcedOn.push(`'${child}' is on because '${parent}' is enabled`);
          this.state.set(child, true);
        }
      }
    }
  }

  /** Whether the gate is on once Kruise's rules ran. */
  public isEnabled(gate: FeatureGate): boolean {
    return this.state.get(gate.name) ?? (gate.isKnown ? false : gate.defaultEnabled);
  }

  /** Whether the settings name this gate explicitly (AllAlpha/AllBeta do not count). */
  public isExplicit(gate: FeatureGate): boolean {
    return this.explicit.has(gate.name);
  }
}

/**
 * Parses a chart-style `featureGates` string (`A=true,B=false`).
 * @param context where to point in error messages
 * @param version the chart's Kruise version (its gates are the known names)
 */
export function parseFeatureGates(value: string, context: string, version: KruiseVersion = KruiseVersion.V1_7): FeatureGateSetting[] {
  if (value === '') return [];
  if (value.trim() === '') {
    throw new Error(`${context}: ${JSON.stringify(value)} is blank, and kruise-manager exits on a --feature-gates entry without '='; use "" for no gates, or Name=true entries`);
  }
  return value.split(',').map((part, i) => {
    if (part.trim() === '') {
      throw new Error(`${context}: entry ${i + 1} of '${value}' is empty; remove the stray comma`);
    }
    const m = /^\s*([^=\s]+)\s*=\s*(\S*)\s*$/.exec(part);
    if (!m) {
      throw new Error(`${context}: '${part.trim()}' is not of the form Name=true or Name=false`);
    }
    const [, name, raw] = m;
    // kruise-manager reads the value with Go's strconv.ParseBool
    const on = GO_TRUE.includes(raw) ? true : GO_FALSE.includes(raw) ? false : undefined;
    if (on === undefined) {
      throw new Error(`${context}: feature gate '${name}' has value '${raw}'; use true or false`);
    }
    const known = [...gatesOf(version).gates.keys(), 'AllAlpha', 'AllBeta'];
    if (!known.includes(name)) {
      const elsewhere = KNOWN.find(g => g.name === name);
      if (elsewhere) throw new Error(`${context}: ${unknownInVersion(elsewhere, version)}`);
      const suggestion = closest(name, known);
      throw new Error(`${context}: unknown feature gate '${name}'; ${suggestion ? `did you mean '${suggestion}'?` : `Kruise ${version.version} has no such gate (see https://openkruise.io/docs/user-manuals/featuregates)`}`);
    }
    const gate = FeatureGate.of(name);
    return on ? gate.enable() : gate.disable();
  });
}

/** What Go's strconv.ParseBool reads as true and as false. */
const GO_TRUE = ['1', 't', 'T', 'TRUE', 'true', 'True'];
const GO_FALSE = ['0', 'f', 'F', 'FALSE', 'false', 'False'];

/** The closest name by edit distance, when it is close enough to be a typo. */
export function closest(name: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(name.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return best !== undefined && bestDistance <= Math.max(3, Math.floor(name.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/** A gate whose default differs between two versions and that an install leaves to the default. */
export interface ChangedDefault {
  readonly gate: FeatureGate;
  readonly before: boolean;
  readonly after: boolean;
  /** What the change means (from the version data), when known. */
  readonly note?: string;
}

/**
 * The gates whose default differs in `resolved.version` from `previous`, that
 * the settings do not set (neither by name nor through AllAlpha/AllBeta for the
 * gate's stage): the install relies on the changed default.
 */
export function reliedOnChangedDefaults(resolved: ResolvedFeatureGates, previous: KruiseVersion): ChangedDefault[] {
  const version = resolved.version;
  const metaStages = new Set<FeatureGateStage>(resolved.settings.filter(s => s.gate.isMeta)
    .map(s => s.gate === FeatureGate.ALL_ALPHA ? FeatureGateStage.ALPHA : FeatureGateStage.BETA));
  const notes = KruiseVersion.all().filter(v => v.atLeast(previous) && version.atLeast(v) && v !== previous).map(v => gatesOf(v).gateNotes);
  const out: ChangedDefault[] = [];
  for (const gate of FeatureGate.all(version)) {
    if (!gate.isIn(previous) || resolved.isExplicit(gate) || metaStages.has(gate.stageIn(version))) continue;
    const before = gate.defaultIn(previous);
    const after = gate.defaultIn(version);
    if (before === after) continue;
    const note = notes.map(n => n[gate.name]).filter(n => n !== undefined).pop();
    out.push(note === undefined ? { gate, before, after } : { gate, before, after, note });
  }
  return out;
}
