// Internal helpers of the install constructs. Not exported from index.ts.
import type { Duration } from 'cdk8s';
import type { k8s } from 'cdk8s-plus-28';
import { FeatureGate, ResolvedFeatureGates } from './feature-gates';

/**
 * The plain JSON of a value typed with the cdk8s-plus-28 L1 interfaces
 * (`k8s.NodeAffinity`, `k8s.Toleration`, ...): their property names are the
 * Kubernetes field names, so only `Quantity`/`IntOrString` instances need
 * converting (to their `value`). Only types are imported from cdk8s-plus-28,
 * so the install path does not load it.
 */
export function toPlain(value: any, where: string): any {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.map((v, i) => toPlain(v, `${where}[${i}]`));
  if (typeof value !== 'object') return value;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    if ('value' in value && (typeof value.value === 'string' || typeof value.value === 'number')) {
      return value.value; // k8s.Quantity, k8s.IntOrString
    }
    throw new Error(`${where}: cannot render an object of type '${value.constructor?.name}'; use plain objects, k8s.Quantity or k8s.IntOrString`);
  }
  const out: any = {};
  for (const [k, v] of Object.entries(value)) {
    const p = toPlain(v, `${where}.${k}`);
    if (p !== undefined) out[k] = p;
  }
  return out;
}

/** A stand-in for `k8s.Quantity` (which has a private constructor) used by the helm adapter. */
export class RawQuantity {
  public constructor(public readonly value: string | number) {}
}

/** A `k8s.Quantity` holding `value` as given (string or number), without loading cdk8s-plus-28. */
export function quantity(value: string | number): k8s.Quantity {
  return new RawQuantity(value) as unknown as k8s.Quantity;
}

/** Whether a map/list/string is empty the way Go templates see it (`if`/`with` false). */
export function isEmpty(value: any): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return value === '' || value === false || value === 0;
}

/**
 * A Duration in Go's `time.ParseDuration` syntax using its largest exact unit
 * (`0`, `30s`, `5m`, `1h`, `90m`, `1500ms`), for flags such as `--sync-period`.
 */
export function goFlagDuration(d: Duration): string {
  const ms = Math.round(d.toMilliseconds({ integral: false }));
  if (ms === 0) return '0';
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

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

/** Validates a TCP port number. */
export function checkPort(where: string, prop: string, port: number): number {
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${where}: ${prop} ${JSON.stringify(port)} is not a port number; use an integer from 1 to 65535`);
  }
  return port;
}

/** Validates a klog verbosity (`--v`). */
export function checkLogLevel(where: string, prop: string, level: number): number {
  if (!Number.isInteger(level) || level < 0 || level > 10) {
    throw new Error(`${where}: ${prop} ${JSON.stringify(level)} is not a log level; use an integer from 0 to 10 (the chart's default is 4)`);
  }
  return level;
}

/** Validates a map of strings (labels, annotations, node selectors). */
export function checkStringMap(where: string, prop: string, map: { [key: string]: string } | undefined): { [key: string]: string } {
  const out: { [key: string]: string } = {};
  for (const [k, v] of Object.entries(map ?? {})) {
    if (typeof v !== 'string') {
      throw new Error(`${where}: ${prop}['${k}'] ${JSON.stringify(v)} is not a string; quote the value, e.g. '${String(v)}'`);
    }
    out[k] = v;
  }
  return out;
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
