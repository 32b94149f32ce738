import { Construct } from 'constructs';
import { invalid } from '../validation/errors';
import { IKruiseInstall } from '../validation/governance';
import { registerInstall } from '../validation/install-registry';
import { KruiseVersion } from '../version';
import { defaultGateSettings } from './install-gates';
import { FeatureGate, FeatureGateSetting, ResolvedFeatureGates } from '../versions/feature-gates';
import { compareKubernetesVersions, DEFAULT_KUBERNETES_VERSION, MIN_KUBERNETES_VERSION } from '../versions/kubernetes';

/** Properties of {@link ExistingKruise}. */
export interface ExistingKruiseProps {
  /**
   * The Kruise release running in the cluster.
   * @default KruiseVersion.V1_7
   */
  readonly version?: KruiseVersion;
  /**
   * The feature gates that install was started with (as its `--feature-gates`).
   * @default - the chart's default: ImagePullJobGate on
   */
  readonly featureGates?: FeatureGateSetting[];
  /**
   * The cluster's Kubernetes version, `X.Y`.
   * @default '1.31'
   */
  readonly kubernetesVersion?: string;
}

/**
 * A Kruise install managed elsewhere (another repo, another chart), declared
 * so that the workloads of this app are checked against its version and
 * feature gates. Emits nothing. Create it with `Kruise.fromExisting()` or
 * directly.
 */
export class ExistingKruise extends Construct implements IKruiseInstall {
  public readonly version: KruiseVersion;
  public readonly kubernetesVersion: string;
  /** The gates after Kruise's own rules ran. */
  public readonly featureGates: ResolvedFeatureGates;

  public constructor(scope: Construct, id: string, props: ExistingKruiseProps = {}) {
    super(scope, id);
    this.version = props.version ?? KruiseVersion.V1_7;
    this.kubernetesVersion = checkKubernetesVersion(this.node.path, props.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION);
    this.featureGates = ResolvedFeatureGates.resolve(props.featureGates ?? defaultGateSettings(), `${this.node.path}: featureGates`, this.version);
    registerInstall(this);
  }

  public isEnabled(gate: FeatureGate): boolean {
    return this.featureGates.isEnabled(gate);
  }

  public howToEnable(gate: FeatureGate): string {
    return `add FeatureGate.${constantName(gate)}.enable() to the featureGates of Kruise.fromExisting() (and start that install with --feature-gates=${gate.name}=true)`;
  }
}

/** `X.Y` (a leading v and a patch are dropped); throws otherwise. */
export function checkKubernetesVersion(where: string, version: string): string {
  const m = /^v?(\d+)\.(\d+)(\.\d+)?$/.exec(version);
  if (!m) {
    throw invalid(where, 'kubernetesVersion', version, 'is not a Kubernetes version', "use X.Y such as '1.28'");
  }
  const v = `${Number(m[1])}.${Number(m[2])}`;
  if (compareKubernetesVersions(v, MIN_KUBERNETES_VERSION) < 0) {
    throw invalid(where, 'kubernetesVersion', version, `is older than Kubernetes ${MIN_KUBERNETES_VERSION}, the oldest chart 1.7.5 supports (its kubeVersion is >= 1.18.0-0)`, `use ${MIN_KUBERNETES_VERSION} or later`);
  }
  return v;
}

/** The name of the FeatureGate constant for a gate (for messages). */
export function constantName(gate: FeatureGate): string {
  for (const [key, value] of Object.entries(FeatureGate)) {
    if (value === gate) return key;
  }
  return `custom('${gate.name}')`;
}
