import { Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
import { checkObjectMetadata } from '../common/object-meta';
import { invalid } from '../validation/errors';

// Helpers shared by the job constructs; not part of the public API.

/**
 * A Duration as whole seconds (undefined stays undefined); throws for a
 * fraction of a second.
 * @internal
 */
export function wholeSeconds(scope: IConstruct | string, field: string, duration: Duration | undefined): number | undefined {
  if (duration === undefined) return undefined;
  const ms = duration.toMilliseconds({ integral: false });
  if (ms % 1000 !== 0) {
    throw invalid(scope, field, `${ms}ms`, 'the API takes whole seconds', 'use a whole number of seconds, e.g. Duration.seconds(30)');
  }
  return ms / 1000;
}

/** Throws unless `value` is undefined or a whole number >= min. @internal */
export function checkWholeNumber(scope: IConstruct, field: string, value: number | undefined, min: number, fix: string): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < min) {
    throw invalid(scope, field, value, `must be a whole number >= ${min}`, fix);
  }
}

/**
 * Kruise's name rule for BroadcastJob and AdvancedCronJob: letters, digits and
 * '-', at most 63 characters. Checked when the name is given explicitly.
 * @internal
 */
export function checkJobName(scope: IConstruct, kind: string, name: string | undefined): void {
  if (name === undefined) return;
  if (!/^[a-zA-Z0-9-]+$/.test(name)) {
    throw invalid(scope, 'metadata.name', name, `Kruise accepts ${kind} names of letters, digits and '-' only`, "rename it, e.g. replace '.' and '_' with '-'");
  }
  if (name.length > 63) {
    throw invalid(scope, 'metadata.name', name, `Kruise accepts ${kind} names of at most 63 characters (this one has ${name.length})`, 'use a shorter name');
  }
  checkObjectMetadata(scope, { name });
}

// --- image references (docker/distribution `reference.ParseNormalizedNamed`, which Kruise's webhooks use) ---

const ALNUM = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]+)';
const PATH_COMPONENT = `${ALNUM}(?:${SEPARATOR}${ALNUM})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^((?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const DIGEST_LENGTHS: { [algorithm: string]: number } = { sha256: 64, sha384: 96, sha512: 128 };

/**
 * Why `image` is not a valid image reference, or undefined when it is. Follows
 * the rules Kruise applies (`NormalizeImageRef`): `[registry[:port]/]path[:tag][@digest]`,
 * a lowercase repository path, at most 255 characters for the name.
 * @internal
 */
export function imageReferenceProblem(image: string): string | undefined {
  if (image.length === 0) return 'the image is empty';
  if (/^[a-f0-9]{64}$/.test(image)) return 'a 64-character hex string is an image ID, not a reference';
  const slash = image.indexOf('/');
  const first = slash === -1 ? '' : image.slice(0, slash);
  const hasDomain = slash !== -1 && (/[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first);
  const remainder = hasDomain ? image.slice(slash + 1) : image;
  const repository = remainder.split(/[:@]/)[0];
  if (repository.toLowerCase() !== repository) return `the repository path '${repository}' must be lowercase`;
  const m = REFERENCE.exec(image);
  if (!m) return 'it is not of the form [registry[:port]/]path[:tag][@algorithm:digest]';
  if (m[1].length > 255) return `the name is ${m[1].length} characters long; at most 255 are allowed`;
  if (m[3]) {
    const [algorithm, hex] = m[3].split(':');
    const expected = DIGEST_LENGTHS[algorithm];
    if (expected === undefined) return `the digest algorithm '${algorithm}' is not supported (use sha256, sha384 or sha512)`;
    if (hex.length !== expected) return `a ${algorithm} digest has ${expected} hex characters, not ${hex.length}`;
  }
  return undefined;
}

/** Throws when `image` is not a valid image reference. @internal */
export function checkImageReference(scope: IConstruct, field: string, image: string): void {
  const problem = imageReferenceProblem(image);
  if (problem) {
    throw invalid(scope, field, image, `not a valid image reference: ${problem}`, "write it like 'nginx:1.25', 'registry.example.com:5000/team/app:v1' or 'app@sha256:<64 hex>'");
  }
}

// --- time zones (Go's time.LoadLocation, as Kruise's AdvancedCronJob webhook calls it) ---

/**
 * Why `name` is not an IANA time zone name Kruise accepts, or undefined.
 * @internal
 */
export function timeZoneProblem(name: string): string | undefined {
  if (name.length === 0) return 'the time zone is empty';
  if (name.toLowerCase() === 'local') return "'Local' is the controller's own zone; Kruise requires an explicit IANA time zone";
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

// --- cron schedules (robfig/cron v3 `ParseStandard`, as Kruise's AdvancedCronJob webhook calls it) ---

interface CronBounds {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: { [name: string]: number };
}

const MONTHS = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const DAYS = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const CRON_FIELDS: CronBounds[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day of week', min: 0, max: 6, names: DAYS },
];
const DESCRIPTORS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];
const GO_DURATION = /^[-+]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/;

function cronInt(text: string, bounds: CronBounds): number | string {
  const named = bounds.names?.[text.toLowerCase()];
  if (named !== undefined) return named;
  if (!/^[+-]?\d+$/.test(text)) return `'${text}' is not a number${bounds.names ? ' or a name' : ''} in the ${bounds.name} field`;
  const n = Number(text);
  if (n < 0) return `negative number ${n} in the ${bounds.name} field`;
  return n;
}

function cronRangeProblem(expr: string, b: CronBounds): string | undefined {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  let start: number;
  let end: number;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = b.min;
    end = b.max;
  } else {
    const s = cronInt(lowAndHigh[0], b);
    if (typeof s === 'string') return s;
    start = s;
    if (lowAndHigh.length === 1) {
      end = start;
    } else if (lowAndHigh.length === 2) {
      const e = cronInt(lowAndHigh[1], b);
      if (typeof e === 'string') return e;
      end = e;
    } else {
      return `too many hyphens in '${expr}' (${b.name} field)`;
    }
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    const st = cronInt(rangeAndStep[1], { name: b.name, min: 0, max: Number.MAX_SAFE_INTEGER });
    if (typeof st === 'string') return st;
    step = st;
    if (lowAndHigh.length === 1 && lowAndHigh[0] !== '*' && lowAndHigh[0] !== '?') end = b.max;
  } else if (rangeAndStep.length > 2) {
    return `too many slashes in '${expr}' (${b.name} field)`;
  }
  if (start < b.min) return `${start} is below the minimum ${b.min} of the ${b.name} field`;
  if (end > b.max) return `${end} is above the maximum ${b.max} of the ${b.name} field`;
  if (start > end) return `the range '${expr}' starts after it ends (${b.name} field)`;
  if (step === 0) return `the step in '${expr}' must be a positive number (${b.name} field)`;
  return undefined;
}

/**
 * Why `schedule` is not a cron schedule Kruise accepts, or undefined: five
 * fields (minute hour day-of-month month day-of-week), or a descriptor
 * (`@hourly`, `@every 1h30m`, ...), optionally after `TZ=<zone> ` or `CRON_TZ=<zone> `.
 * @internal
 */
export function cronScheduleProblem(schedule: string): string | undefined {
  let spec = schedule;
  if (spec.trim().length === 0) return 'the schedule is empty';
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
    const space = spec.indexOf(' ');
    if (space === -1) return 'a TZ= or CRON_TZ= prefix must be followed by a space and the schedule';
    const zone = spec.slice(spec.indexOf('=') + 1, space);
    const tz = timeZoneProblem(zone);
    if (tz) return `bad time zone '${zone}': ${tz}`;
    spec = spec.slice(space).trim();
  }
  if (spec.startsWith('@')) {
    if (DESCRIPTORS.includes(spec)) return undefined;
    if (spec.startsWith('@every ')) {
      const d = spec.slice('@every '.length);
      return GO_DURATION.test(d) || d === '0' ? undefined : `'${d}' is not a duration such as 90s, 5m or 1h30m`;
    }
    return `unknown descriptor '${spec}' (use ${DESCRIPTORS.join(', ')} or '@every <duration>')`;
  }
  const fields = spec.split(/\s+/).filter(f => f.length > 0);
  if (fields.length !== 5) return `expected exactly 5 fields (minute hour day-of-month month day-of-week), found ${fields.length}`;
  for (let i = 0; i < 5; i++) {
    for (const expr of fields[i].split(',').filter(e => e.length > 0)) {
      const p = cronRangeProblem(expr, CRON_FIELDS[i]);
      if (p) return p;
    }
  }
  return undefined;
}
