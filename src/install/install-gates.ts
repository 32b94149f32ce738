// How the install's objects read the feature gates, as explicit data: the
// typed gates for `new Kruise(...)`, the chart's text tests for
// `Kruise.fromHelmValues(...)`. Not exported from index.ts.
import { FeatureGate, FeatureGateSetting, ResolvedFeatureGates } from '../versions/feature-gates';

/**
 * The gate settings of an install that sets none, as the chart's templates
 * set them: `ImagePullJobGate=true` (the `featureGates` default of KruiseProps
 * and of each of the install's parts).
 */
export function defaultGateSettings(): FeatureGateSetting[] {
  return [FeatureGate.IMAGE_PULL_JOB.enable()];
}

/** The default gate settings, resolved, for a part of the install at construct path `where` given none. */
export function defaultResolvedGates(where: string): ResolvedFeatureGates {
  return ResolvedFeatureGates.resolve(defaultGateSettings(), `${where}: featureGates`);
}

/**
 * What `Kruise.fromHelmValues` reads from the values beyond `KruiseProps`:
 * the strings the chart's templates pass through verbatim (and test with
 * `contains`), where the typed model would render differently.
 */
export interface ChartValuesText {
  /** `featureGates` exactly as the values give it. */
  readonly featureGates: string;
  /** `manager.resyncPeriod` exactly as the values give it (`--sync-period`). */
  readonly resyncPeriod: string;
}

/** The feature gates as the install's objects read them. */
export interface InstallGates {
  /** The `--feature-gates` value of kruise-manager and kruise-daemon. */
  readonly flag: string;
  /** Whether kruise-daemon is emitted (the KruiseDaemon gate). */
  readonly daemon: boolean;
  /** Whether the pod webhooks are emitted (the PodWebhook gate). */
  readonly podWebhooks: boolean;
  /** Whether certificates come from outside (EnableExternalCerts): no webhook Secret, no certs role. */
  readonly externalCerts: boolean;
  /** The gates the version's extra manager RBAC rules depend on, by name. */
  readonly enabled: (gateName: string) => boolean;
}

/** The gates of a typed install: Kruise's own rules, resolved. */
export function typedGates(gates: ResolvedFeatureGates): InstallGates {
  return {
    flag: gates.flag,
    daemon: gates.isEnabled(FeatureGate.KRUISE_DAEMON),
    podWebhooks: gates.isEnabled(FeatureGate.POD_WEBHOOK),
    externalCerts: gates.isEnabled(FeatureGate.ENABLE_EXTERNAL_CERTS),
    enabled: name => gates.isEnabled(FeatureGate.of(name)),
  };
}

/**
 * The gates of an install from chart values: the chart passes `featureGates`
 * through verbatim and tests its text (`contains "KruiseDaemon=false"`, ...).
 */
export function chartTextGates(featureGates: string): InstallGates {
  return {
    flag: featureGates,
    daemon: !featureGates.includes('KruiseDaemon=false'),
    podWebhooks: !featureGates.includes('PodWebhook=false'),
    externalCerts: featureGates.includes('EnableExternalCerts=true') || featureGates.includes('AllAlpha=true'),
    enabled: name => featureGates.includes(`${name}=true`),
  };
}

/** The install's gates: the chart's text when the props came from values, else the typed gates. */
export function installGates(gates: ResolvedFeatureGates, chart: ChartValuesText | undefined): InstallGates {
  return chart ? chartTextGates(chart.featureGates) : typedGates(gates);
}
