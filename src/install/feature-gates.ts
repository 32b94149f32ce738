/** Maturity of a feature gate. */
export enum FeatureGateStage {
  /** Off by default unless noted; may change or go away. */
  ALPHA = 'ALPHA',
  /** Usually on by default. */
  BETA = 'BETA',
  /** Not a gate of this library's Kruise versions (a `custom()` gate). */
  UNKNOWN = 'UNKNOWN',
}

/** The gates of Kruise 1.7, filled by the FeatureGate constants as they are created. */
const KNOWN: FeatureGate[] = [];

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
 * An open set: the constants are the 28 gates of Kruise 1.7 plus the meta gates
 * `ALL_ALPHA`/`ALL_BETA`; `custom()` passes any other name through unchecked.
 *
 * @see https://openkruise.io/docs/user-manuals/featuregates
 */
export class FeatureGate {
  public static readonly POD_WEBHOOK = FeatureGate.known('PodWebhook', true, FeatureGateStage.BETA);
  public static readonly KRUISE_DAEMON = FeatureGate.known('KruiseDaemon', true, FeatureGateStage.BETA);
  public static readonly DAEMON_WATCHING_POD = FeatureGate.known('DaemonWatchingPod', true, FeatureGateStage.BETA);
  public static readonly CLONE_SET_SHORT_HASH = FeatureGate.known('CloneSetShortHash', false, FeatureGateStage.ALPHA);
  public static readonly KRUISE_POD_READINESS_GATE = FeatureGate.known('KruisePodReadinessGate', false, FeatureGateStage.ALPHA);
  public static readonly PRE_DOWNLOAD_IMAGE_FOR_IN_PLACE_UPDATE = FeatureGate.known('PreDownloadImageForInPlaceUpdate', false, FeatureGateStage.ALPHA);
  public static readonly CLONE_SET_PARTITION_ROLLBACK = FeatureGate.known('CloneSetPartitionRollback', false, FeatureGateStage.ALPHA);
  public static readonly RESOURCES_DELETION_PROTECTION = FeatureGate.known('ResourcesDeletionProtection', true, FeatureGateStage.ALPHA);
  public static readonly WORKLOAD_SPREAD = FeatureGate.known('WorkloadSpread', true, FeatureGateStage.ALPHA);
  public static readonly POD_UNAVAILABLE_BUDGET_DELETE = FeatureGate.known('PodUnavailableBudgetDeleteGate', true, FeatureGateStage.ALPHA);
  public static readonly POD_UNAVAILABLE_BUDGET_UPDATE = FeatureGate.known('PodUnavailableBudgetUpdateGate', false, FeatureGateStage.ALPHA);
  public static readonly TEMPLATE_NO_DEFAULTS = FeatureGate.known('TemplateNoDefaults', false, FeatureGateStage.ALPHA);
  public static readonly IN_PLACE_UPDATE_ENV_FROM_METADATA = FeatureGate.known('InPlaceUpdateEnvFromMetadata', true, FeatureGateStage.ALPHA);
  public static readonly STATEFUL_SET_AUTO_DELETE_PVC = FeatureGate.known('StatefulSetAutoDeletePVC', true, FeatureGateStage.ALPHA);
  public static readonly SIDECAR_SET_PATCH_POD_METADATA_DEFAULTS_ALLOWED = FeatureGate.known('SidecarSetPatchPodMetadataDefaultsAllowed', false, FeatureGateStage.ALPHA);
  public static readonly SIDECAR_TERMINATOR = FeatureGate.known('SidecarTerminator', false, FeatureGateStage.ALPHA);
  public static readonly POD_PROBE_MARKER = FeatureGate.known('PodProbeMarkerGate', true, FeatureGateStage.ALPHA);
  public static readonly PRE_DOWNLOAD_IMAGE_FOR_DAEMON_SET_UPDATE = FeatureGate.known('PreDownloadImageForDaemonSetUpdate', false, FeatureGateStage.ALPHA);
  public static readonly CLONE_SET_EVENT_HANDLER_OPTIMIZATION = FeatureGate.known('CloneSetEventHandlerOptimization', false, FeatureGateStage.ALPHA);
  public static readonly PREPARING_UPDATE_AS_UPDATE = FeatureGate.known('PreparingUpdateAsUpdate', false, FeatureGateStage.ALPHA);
  public static readonly IMAGE_PULL_JOB = FeatureGate.known('ImagePullJobGate', false, FeatureGateStage.ALPHA);
  public static readonly RESOURCE_DISTRIBUTION = FeatureGate.known('ResourceDistributionGate', false, FeatureGateStage.ALPHA);
  public static readonly DELETION_PROTECTION_FOR_CRD_CASCADING = FeatureGate.known('DeletionProtectionForCRDCascadingGate', false, FeatureGateStage.ALPHA);
  public static readonly ENHANCED_LIVENESS_PROBE = FeatureGate.known('EnhancedLivenessProbe', false, FeatureGateStage.ALPHA);
  public static readonly RECREATE_POD_WHEN_CHANGE_VCT_IN_CLONE_SET = FeatureGate.known('RecreatePodWhenChangeVCTInCloneSetGate', false, FeatureGateStage.ALPHA);
  public static readonly STATEFUL_SET_START_ORDINAL = FeatureGate.known('StatefulSetStartOrdinal', false, FeatureGateStage.ALPHA);
  public static readonly POD_INDEX_LABEL = FeatureGate.known('PodIndexLabel', true, FeatureGateStage.BETA);
  public static readonly ENABLE_EXTERNAL_CERTS = FeatureGate.known('EnableExternalCerts', false, FeatureGateStage.ALPHA);

  /** Meta gate: sets every ALPHA gate that is not set explicitly. */
  public static readonly ALL_ALPHA = new FeatureGate('AllAlpha', false, FeatureGateStage.UNKNOWN, true, true);
  /** Meta gate: sets every BETA gate that is not set explicitly. */
  public static readonly ALL_BETA = new FeatureGate('AllBeta', false, FeatureGateStage.UNKNOWN, true, true);

  /** The 28 gates of Kruise 1.7, in upstream order. */
  public static all(): FeatureGate[] {
    return [...KNOWN];
  }

  /**
   * The known gate with this name (also `AllAlpha`/`AllBeta`).
   * @throws for a name Kruise 1.7 does not have, suggesting the closest known one.
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
      throw new Error(`FeatureGate.custom('${name}'): Kruise 1.7 has this gate as '${known.name}'; use FeatureGate.of('${known.name}') (or its constant) so that Kruise's dependency rules apply`);
    }
    return new FeatureGate(name, defaultEnabled, FeatureGateStage.UNKNOWN, false, false);
  }

  private static known(name: string, defaultEnabled: boolean, stage: FeatureGateStage): FeatureGate {
    const g = new FeatureGate(name, defaultEnabled, stage, true, false);
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

  /** This gate, on. */
  public enable(): FeatureGateSetting {
    return { gate: this, enabled: true };
  }

  /** This gate, off. */
  public disable(): FeatureGateSetting {
    return { gate: this, enabled: false };
  }
}


/**
 * The dependency rules kruise-manager applies after parsing `--feature-gates`
 * (SetDefaultFeatureGates in Kruise 1.7).
 */
const FORCED_OFF_WHEN_DISABLED: Array<[string, string[]]> = [
  ['PodWebhook', ['KruisePodReadinessGate', 'PodUnavailableBudgetDeleteGate', 'PodUnavailableBudgetUpdateGate', 'WorkloadSpread', 'SidecarSetPatchPodMetadataDefaultsAllowed', 'EnhancedLivenessProbe']],
  ['KruiseDaemon', ['PreDownloadImageForInPlaceUpdate', 'DaemonWatchingPod', 'InPlaceUpdateEnvFromMetadata', 'PreDownloadImageForDaemonSetUpdate', 'PodProbeMarkerGate', 'SidecarTerminator', 'ImagePullJobGate', 'EnhancedLivenessProbe']],
  ['ResourcesDeletionProtection', ['DeletionProtectionForCRDCascadingGate']],
];
const FORCED_ON_WHEN_ENABLED: Array<[string, string[]]> = [
  ['PreDownloadImageForInPlaceUpdate', ['ImagePullJobGate']],
  ['PreDownloadImageForDaemonSetUpdate', ['ImagePullJobGate']],
];

/** The gates of an install after Kruise's own rules ran. */
export class ResolvedFeatureGates {
  /**
   * Resolves settings the way kruise-manager does: explicit settings win,
   * AllAlpha/AllBeta fill the unset gates of their stage, defaults fill the
   * rest, then the dependency rules force gates on or off.
   *
   * @param settings in the order they appear on the command line
   * @param context where to point in error messages (construct path or values key)
   * @throws when a gate the settings turn on is forced off by a dependency
   */
  public static resolve(settings: FeatureGateSetting[], context: string = 'featureGates'): ResolvedFeatureGates {
    return new ResolvedFeatureGates(settings, context);
  }

  /** The `--feature-gates` value: the settings in order, `Name=true|false`, comma-separated. */
  public readonly flag: string;
  /** Gates a rule turned on although nobody asked (one sentence each). */
  public readonly forcedOn: string[] = [];
  /** Gates a rule turned off that were on by default (one sentence each). */
  public readonly forcedOff: string[] = [];

  private readonly state = new Map<string, boolean>();
  private readonly explicit = new Map<string, boolean>();

  private constructor(public readonly settings: FeatureGateSetting[], context: string) {
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
    for (const g of FeatureGate.all()) {
      this.state.set(g.name, this.explicit.get(g.name) ?? meta.get(g.stage) ?? g.defaultEnabled);
    }
    for (const s of settings) {
      if (!s.gate.isKnown && !s.gate.isMeta) this.state.set(s.gate.name, s.enabled);
    }

    for (const [parent, children] of FORCED_OFF_WHEN_DISABLED) {
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
    for (const [parent, children] of FORCED_ON_WHEN_ENABLED) {
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
    return this.state.get(gate.name) ?? gate.defaultEnabled;
  }

  /** Whether the settings name this gate explicitly (AllAlpha/AllBeta do not count). */
  public isExplicit(gate: FeatureGate): boolean {
    return this.explicit.has(gate.name);
  }
}

/**
 * Parses a chart-style `featureGates` string (`A=true,B=false`).
 * @param context where to point in error messages
 */
export function parseFeatureGates(value: string, context: string): FeatureGateSetting[] {
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
    const known = [...KNOWN.map(g => g.name), 'AllAlpha', 'AllBeta'];
    if (!known.includes(name)) {
      const suggestion = closest(name, known);
      throw new Error(`${context}: unknown feature gate '${name}'; ${suggestion ? `did you mean '${suggestion}'?` : 'Kruise 1.7 has no such gate (see https://openkruise.io/docs/user-manuals/featuregates)'}`);
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
