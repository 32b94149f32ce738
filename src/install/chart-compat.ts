// The side channel from Kruise.fromHelmValues to the install constructs.
import { FeatureGate, ResolvedFeatureGates } from './feature-gates';

/**
 * What `Kruise.fromHelmValues` carries over from the chart's text templates where
 * the typed model would render differently (the chart tests feature gates with
 * `contains` on the raw string, and passes some strings through verbatim).
 * Keyed by object identity; invisible to the public (jsii) API.
 */
export interface ChartCompat {
  /** `--feature-gates` exactly as the values give it. */
  readonly featureGatesFlag: string;
  /** `not (contains "KruiseDaemon=false" featureGates)`. */
  readonly daemon: boolean;
  /** `not (contains "PodWebhook=false" featureGates)`. */
  readonly podWebhooks: boolean;
  /** `contains "EnableExternalCerts=true"` or `contains "AllAlpha=true"`. */
  readonly externalCerts: boolean;
  /** `--sync-period` exactly as the values give it. */
  readonly syncPeriod: string;
}

const COMPAT = new WeakMap<object, ChartCompat>();

/** Attaches chart-compat data to an object (props or resolved gates). */
export function attachChartCompat<T extends object>(target: T, compat: ChartCompat): T {
  COMPAT.set(target, compat);
  return target;
}

/** The chart-compat data attached to an object, if any. */
export function chartCompatOf(target: object | undefined): ChartCompat | undefined {
  return target ? COMPAT.get(target) : undefined;
}

/** The `--feature-gates` value of resolved gates (the chart's raw string when built from values). */
export function featureGatesFlag(gates: ResolvedFeatureGates): string {
  return chartCompatOf(gates)?.featureGatesFlag ?? gates.flag;
}

/** The install's view of the three gates the chart tests by string (chart-compat aware). */
export function chartGates(gates: ResolvedFeatureGates): { daemon: boolean; podWebhooks: boolean; externalCerts: boolean } {
  const compat = chartCompatOf(gates);
  if (compat) return { daemon: compat.daemon, podWebhooks: compat.podWebhooks, externalCerts: compat.externalCerts };
  return {
    daemon: gates.isEnabled(FeatureGate.KRUISE_DAEMON),
    podWebhooks: gates.isEnabled(FeatureGate.POD_WEBHOOK),
    externalCerts: gates.isEnabled(FeatureGate.ENABLE_EXTERNAL_CERTS),
  };
}
