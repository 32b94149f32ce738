/**
 * Cron schedules as Kruise's AdvancedCronJob webhook parses them: robfig/cron
 * v3 `ParseStandard` (five fields or a descriptor, an optional `TZ=`/`CRON_TZ=`
 * prefix). Bottom layer: imports only its siblings.
 */
import { loadLocationProblem } from './time-zone';

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
/** Go's int (64 bits): strconv.Atoi fails beyond it. */
const GO_INT_MAX = 9223372036854775807n;
/** Nanoseconds per unit of a Go duration. */
const DURATION_UNITS: { [unit: string]: number } = { ns: 1, us: 1e3, µs: 1e3, μs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** Why Go's time.ParseDuration rejects `s`, or undefined when it parses. */
export function goDurationProblem(s: string): string | undefined {
  let rest = s;
  if (rest.startsWith('-') || rest.startsWith('+')) rest = rest.slice(1);
  if (rest === '0') return undefined;
  if (rest === '') return `'${s}' is not a duration such as 90s, 5m or 1h30m`;
  let total = 0;
  const part = /^(\d*)(?:\.(\d*))?(ns|us|µs|μs|ms|s|m|h)/;
  while (rest.length > 0) {
    const m = part.exec(rest);
    if (!m || (m[1] === '' && (m[2] === undefined || m[2] === ''))) return `'${s}' is not a duration such as 90s, 5m or 1h30m`;
    total += Number(`${m[1] || '0'}.${m[2] ?? ''}0`) * DURATION_UNITS[m[3]];
    rest = rest.slice(m[0].length);
  }
  if (total > 9223372036854775807) return `'${s}' is longer than the longest Go duration (about 292 years)`;
  return undefined;
}

function cronInt(text: string, bounds: CronBounds): number | string {
  const named = bounds.names?.[text.toLowerCase()];
  if (named !== undefined) return named;
  if (!/^[+-]?\d+$/.test(text)) return `'${text}' is not a number${bounds.names ? ' or a name' : ''} in the ${bounds.name} field`;
  const big = BigInt(text);
  if (big > GO_INT_MAX || big < -GO_INT_MAX - 1n) return `${text} is out of range in the ${bounds.name} field`;
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
    if (lowAndHigh.length === 1) end = b.max;
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
 * (`@hourly`, `@every 1h30m`, ...), optionally after `TZ=<zone> ` or
 * `CRON_TZ=<zone> ` (a zone Go's time.LoadLocation loads: `UTC`, `Local`, an
 * empty zone and IANA names).
 */
export function cronScheduleProblem(schedule: string): string | undefined {
  let spec = schedule;
  if (spec.trim().length === 0) return 'the schedule is empty';
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
    const space = spec.indexOf(' ');
    if (space === -1) return 'a TZ= or CRON_TZ= prefix must be followed by a space and the schedule';
    const zone = spec.slice(spec.indexOf('=') + 1, space);
    const tz = loadLocationProblem(zone);
    if (tz) return `bad time zone '${zone}': ${tz}`;
    spec = spec.slice(space).trim();
  }
  if (spec.startsWith('@')) {
    if (DESCRIPTORS.includes(spec)) return undefined;
    if (spec.startsWith('@every ')) return goDurationProblem(spec.slice('@every '.length));
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
