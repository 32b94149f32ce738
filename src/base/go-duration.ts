// Durations written in Go's `time.ParseDuration` syntax. Pure (the bottom
// layer): takes anything with cdk8s Duration's `toMilliseconds`, without importing cdk8s.

/** A duration as cdk8s's `Duration` gives it: in milliseconds. */
export interface MillisecondsDuration {
  toMilliseconds(opts?: { integral?: boolean }): number;
}

/**
 * A duration in Go's `time.ParseDuration` syntax, compact: `12h`, `1h30m`, `90s`,
 * `1.5s`, `0s` (the form cert-manager and the kubelet document and accept).
 */
export function goDuration(d: MillisecondsDuration): string {
  let ms = Math.round(d.toMilliseconds({ integral: false }));
  if (ms === 0) return '0s';
  const h = Math.floor(ms / 3_600_000);
  ms -= h * 3_600_000;
  const m = Math.floor(ms / 60_000);
  ms -= m * 60_000;
  const s = Math.floor(ms / 1000);
  ms -= s * 1000;
  let out = '';
  if (h) out += `${h}h`;
  if (m) out += `${m}m`;
  if (s || ms) out += ms ? `${s}.${String(ms).padStart(3, '0').replace(/0+$/, '')}s` : `${s}s`;
  return out;
}

/**
 * A Duration in Go's `time.ParseDuration` syntax using its largest exact unit
 * (`0`, `30s`, `5m`, `1h`, `90m`, `1500ms`), for flags such as `--sync-period`.
 */
export function goFlagDuration(d: MillisecondsDuration): string {
  const ms = Math.round(d.toMilliseconds({ integral: false }));
  if (ms === 0) return '0';
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}
