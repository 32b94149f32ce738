/**
 * Time zone names as Go's time.LoadLocation reads them inside kruise-manager
 * (which embeds the IANA database: a zone name is a case-sensitive file path
 * in it). Bottom layer: imports nothing.
 */

/**
 * Why `name` is not an explicit IANA time zone name, or undefined when it is
 * one. Stricter than LoadLocation for `''` and `'Local'` (both load, as UTC
 * and the controller's zone): this is the check of a `timeZone` field, where
 * Kruise rejects both. A `TZ=` prefix in a schedule uses {@link loadLocationProblem}.
 */
export function timeZoneProblem(name: string): string | undefined {
  if (name.length === 0) return 'the time zone is empty';
  if (name.toLowerCase() === 'local') return "'Local' is the controller's own zone; Kruise requires an explicit IANA time zone";
  return ianaNameProblem(name);
}

/**
 * Why Go's `time.LoadLocation(name)` fails, or undefined when it succeeds:
 * `''` and `'UTC'` are UTC, `'Local'` is the process's zone, anything else
 * must name a zone of the IANA database, exactly (case-sensitive).
 */
export function loadLocationProblem(name: string): string | undefined {
  if (name === '' || name === 'UTC' || name === 'Local') return undefined;
  return ianaNameProblem(name);
}

function ianaNameProblem(name: string): string | undefined {
  if (name.includes('..') || name.startsWith('/') || name.startsWith('\\')) return 'it is not an IANA time zone name';
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return 'it is not an IANA time zone name';
  }
  if (resolved !== name && resolved.toLowerCase() === name.toLowerCase()) {
    return `IANA names are case-sensitive; did you mean '${resolved}'?`;
  }
  if (name.split('/').some(part => !/^[A-Z]/.test(part))) {
    return 'IANA names are case-sensitive and each part starts with a capital letter';
  }
  return undefined;
}
