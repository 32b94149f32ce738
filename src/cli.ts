#!/usr/bin/env node
/**
 * kruise-synth: the OpenKruise install as multi-document YAML, from the same
 * values the chart of that Kruise version takes (1.7.5 or 1.8.3).
 *
 *   kruise-synth [--kruise-version X.Y] [--values FILE]... [--set KEY=VALUE]... [--kube-version X.Y] [--output FILE]
 *   kruise-synth --kruise-version X.Y --upgrade-from X.Y [--values FILE]... [--set KEY=VALUE]...
 *
 * Exit 0 on success; exit 2 with one line on stderr for bad input, and then
 * nothing is written (an existing --output file stays as it was).
 *
 * Only the install path is loaded here (no cdk8s-plus), to keep start-up short.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { parse } from 'yaml';
import { Kruise } from './install/kruise';
import { formatUpgradeReport, installWarnings, upgradeReport } from './install/upgrade-report';
import { KruiseVersion } from './version';
import { toYamlDocuments } from './yaml-out';

const USAGE = `usage: kruise-synth [--kruise-version X.Y] [--values FILE]... [--set KEY=VALUE[,KEY=VALUE]]... [--kube-version X.Y] [--output FILE]
       kruise-synth --kruise-version X.Y --upgrade-from X.Y [--values FILE]... [--set KEY=VALUE]...

Prints the OpenKruise install (the chart of that version, equivalent) as multi-document YAML.

      --kruise-version X.Y  the Kruise version: 1.7 (chart 1.7.5, the default) or 1.8 (chart 1.8.3)
      --upgrade-from X.Y    print what changes for this install from version X.Y to --kruise-version
                            (objects added, removed and changed, by field; gate defaults that change
                            behaviour) instead of the YAML

  -f, --values FILE     a chart values file (YAML); repeatable, later files win
      --set KEY=VALUE   set a value by dotted key (e.g. manager.replicas=3); repeatable,
                        later wins; several assignments may be joined with commas.
                        VALUE: true/false -> boolean, an integer -> number, null -> drops
                        the chart default of that key, {a,b} -> list of strings, anything else -> string.
                        Escape a literal comma or dot in a value or key with a backslash;
                        KEY may index lists: imagePullSecrets[0].name=regcred
      --kube-version X.Y the Kubernetes version to render for (like helm --kube-version)
  -o, --output FILE     write to FILE instead of standard output
  -h, --help            show this help
`;

/** A user error: reported as one line, exit code 2. */
export class UsageError extends Error {}

/** Where the CLI writes; injectable for tests. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

interface Options {
  values: any;
  kruiseVersion?: KruiseVersion;
  upgradeFrom?: KruiseVersion;
  kubeVersion?: string;
  output?: string;
  help: boolean;
}

/** Runs the CLI; returns the exit code. */
export function main(argv: string[], io: CliIo = { stdout: t => process.stdout.write(t), stderr: t => process.stderr.write(t) }): number {
  try {
    const opts = parseArgs(argv);
    if (opts.help) {
      io.stdout(USAGE);
      return 0;
    }
    const warnings: string[] = [];
    const yaml = opts.upgradeFrom
      ? formatUpgradeReport(upgradeReport(opts.values, opts.upgradeFrom, opts.kruiseVersion ?? KruiseVersion.V1_7, { kubeVersion: opts.kubeVersion }))
      : synthesize(opts.values, opts.kubeVersion, opts.kruiseVersion, warnings);
    for (const w of warnings) io.stderr(`kruise-synth: warning: ${oneLine(w)}\n`);
    if (opts.output) {
      writeAtomically(opts.output, yaml);
    } else {
      io.stdout(yaml);
    }
    return 0;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    io.stderr(`kruise-synth: ${oneLine(message)}\n`);
    return 2;
  }
}

/** The install YAML for the given chart values (the install's warnings are appended to `warnings`). */
export function synthesize(values: any, kubeVersion?: string, version?: KruiseVersion, warnings: string[] = []): string {
  const app = new App({ outdir: '.' });
  const chart = new Chart(app, 'kruise');
  const kruise = Kruise.fromHelmValues(chart, 'kruise', values, { kubeVersion, version });
  warnings.push(...installWarnings(kruise));
  // cdk8s's own synthesis (dependency order, validations), then a fast writer
  // for the plain JSON it produces (see yaml-out.ts).
  return toYamlDocuments(App._synthChart(chart));
}

function parseArgs(argv: string[]): Options {
  const opts: Options = { values: {}, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const next = (): string => {
      if (inline !== undefined) return inline;
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '-h':
      case '--help':
        opts.help = true;
        break;
      case '-f':
      case '--values':
        opts.values = mergeValues(opts.values, readValuesFile(next()));
        break;
      case '--set':
        for (const assignment of splitUnescaped(next(), ',')) {
          opts.values = applySet(opts.values, assignment);
        }
        break;
      case '--kube-version': {
        const v = next();
        if (!/^v?\d+\.\d+(\.\d+)?$/.test(v)) {
          throw new UsageError(`--kube-version '${v}' is not a Kubernetes version; use X.Y such as 1.28`);
        }
        opts.kubeVersion = v.replace(/^v/, '').split('.').slice(0, 2).join('.');
        break;
      }
      case '--kruise-version':
        opts.kruiseVersion = kruiseVersion(flag, next());
        break;
      case '--upgrade-from':
        opts.upgradeFrom = kruiseVersion(flag, next());
        break;
      case '-o':
      case '--output':
        opts.output = next();
        if (opts.output === '') throw new UsageError('--output needs a file name');
        break;
      default:
        throw new UsageError(`unknown argument '${arg}'; see kruise-synth --help`);
    }
  }
  if (opts.upgradeFrom && !opts.kruiseVersion) {
    throw new UsageError(`--upgrade-from ${opts.upgradeFrom.version} needs --kruise-version, the version to upgrade to (e.g. --kruise-version 1.8)`);
  }
  return opts;
}

function kruiseVersion(flag: string, value: string): KruiseVersion {
  const line = /^v?(\d+\.\d+)(\.\d+)?$/.exec(value)?.[1];
  const known = KruiseVersion.all().map(v => v.version);
  if (!line || !known.includes(line)) {
    throw new UsageError(`${flag} '${value}' is not a Kruise version this tool knows; use ${known.join(' or ')}`);
  }
  return KruiseVersion.of(line);
}

function readValuesFile(file: string): any {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read values file '${file}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let doc: any;
  try {
    doc = parse(text);
  } catch (e) {
    // The parser's message ends with a code frame after a blank line; keep the sentence with the position.
    const reason = (e as Error).message.split('\n')[0].replace(/:\s*$/, '');
    throw new UsageError(`values file '${file}' is not valid YAML: ${reason}`);
  }
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    throw new UsageError(`values file '${file}' must hold a map of values, not ${Array.isArray(doc) ? 'a list' : typeof doc}`);
  }
  return doc;
}

/**
 * Helm's merge of user values: maps merge key by key, anything else is
 * replaced. A null is kept: it tells the chart-values adapter to drop that
 * key's default, as helm does.
 */
export function mergeValues(base: any, over: any): any {
  if (!isMap(base) || !isMap(over)) return over;
  const out: any = { ...base };
  for (const [k, v] of Object.entries(over)) {
    out[k] = isMap(out[k]) && isMap(v) ? mergeValues(out[k], v) : v;
  }
  return out;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Applies one `KEY=VALUE` of --set to the values. */
export function applySet(values: any, assignment: string): any {
  const eq = indexOfUnescaped(assignment, '=');
  if (eq <= 0) throw new UsageError(`--set '${assignment}' is not KEY=VALUE`);
  const key = assignment.slice(0, eq);
  const raw = unescape(assignment.slice(eq + 1));
  const segments = splitUnescaped(key, '.').map(unescape);
  if (segments.some(s => s === '')) throw new UsageError(`--set key '${key}' has an empty part`);
  const value = parseSetValue(raw);
  const out = isMap(values) ? structuredClone(values) : {};
  let node: any = out;
  segments.forEach((segment, idx) => {
    const m = /^(.*?)((\[\d+\])+)$/.exec(segment);
    const name = m ? m[1] : segment;
    const indexes = m ? [...m[2].matchAll(/\[(\d+)\]/g)].map(x => Number(x[1])) : [];
    const last = idx === segments.length - 1;
    const steps: Array<string | number> = [name, ...indexes];
    steps.forEach((step, j) => {
      const final = last && j === steps.length - 1;
      if (final) {
        node[step] = value;
        return;
      }
      const wantList = typeof steps[j + 1] === 'number';
      if (wantList ? !Array.isArray(node[step]) : !isMap(node[step])) node[step] = wantList ? [] : {};
      node = node[step];
    });
  });
  return out;
}

function parseSetValue(raw: string): any {
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  if (raw === 'null') return null;
  if (/^-?(0|[1-9]\d*)$/.test(raw) && Number.isSafeInteger(Number(raw))) return Number(raw);
  const list = /^\{(.*)\}$/.exec(raw);
  if (list) return list[1] === '' ? [] : list[1].split(',').map(s => s.trim());
  return raw;
}

function indexOfUnescaped(s: string, ch: string): number {
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === ch) return i;
  }
  return -1;
}

function splitUnescaped(s: string, sep: string): string[] {
  const parts: string[] = [];
  let current = '';
  let braces = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length) {
      current += c + s[++i];
    } else if (c === '{') {
      braces++;
      current += c;
    } else if (c === '}') {
      braces = Math.max(0, braces - 1);
      current += c;
    } else if (c === sep && braces === 0) {
      parts.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  parts.push(current);
  return parts;
}

function unescape(s: string): string {
  return s.replace(/\\(.)/g, '$1');
}

function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, '; ').trim();
}

/** Writes next to the target then renames, so a failure never leaves a partial file. */
function writeAtomically(file: string, content: string): void {
  const dir = path.dirname(path.resolve(file));
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(tmp, content);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw new UsageError(`cannot write '${file}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** The process entry: runs main() and keeps a closed pipe (`| head`) from becoming a crash. */
export function run(argv: string[]): number {
  return main(argv, {
    stdout: text => {
      // Set up only when writing there: touching process.stdout costs start-up time.
      process.stdout.on('error', (e: NodeJS.ErrnoException) => {
        if (e.code === 'EPIPE') process.exit(0);
        throw e;
      });
      process.stdout.write(text);
    },
    stderr: text => process.stderr.write(text),
  });
}

if (require.main === module) {
  process.exitCode = run(process.argv.slice(2));
}
