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
import { App, Chart } from 'cdk8s';
import { isJsonObject, JsonObject, objectOr } from './base/json';
import { assertNotAnInput, CliIoError, commandLine, Input, oneSafeLine, processStdio, readInput, writeOutput, writeStderr, writeStdout } from './cli-io';
import { synthChartJson } from './common/cdk8s-internals';
import { nullProto, SET_KINDS, SetApplier, SetError, SetKind } from './install/helm-set';
import { Kruise } from './install/kruise';
import { formatUpgradeReport, installWarnings, upgradeReport } from './install/upgrade-report';
import { mergeValues, parseValuesYaml, ValuesYamlError } from './install/values-yaml';
import { KruiseVersion } from './version';
import { toYamlDocuments } from './yaml-out';


const USAGE = `usage: kruise-synth [--kruise-version X.Y] [--values FILE]... [--set KEY=VALUE]... [--kube-version X.Y] [--output FILE]
       kruise-synth --kruise-version X.Y --upgrade-from X.Y [--values FILE]... [--set KEY=VALUE]...

Prints the OpenKruise install (the chart of that version, equivalent) as multi-document YAML.
Values are read and applied as helm 3.16 does (docs/security.md lists the differences).

      --kruise-version X.Y   the Kruise version: 1.7 (chart 1.7.5, the default) or 1.8 (chart 1.8.3)
      --upgrade-from X.Y     print what changes for this install from version X.Y to --kruise-version
                             (objects added, removed and changed, by field; gate defaults that change
                             behaviour) instead of the YAML

  -f, --values FILE          a chart values file (YAML; '-' reads standard input); repeatable,
                             later files win. At most 16 MiB, UTF-8, one document.
      --set KEY=VALUE        set a value by dotted key (e.g. manager.replicas=3); repeatable.
                             VALUE: true/false (any case) -> boolean, a whole number -> number,
                             null -> drops the chart default of that key, {a,b} -> list,
                             anything else -> string. Several assignments may be joined with
                             commas; escape a literal comma, dot or '=' with a backslash.
                             KEY may index lists (at most [65536]): imagePullSecrets[0].name=regcred
      --set-string KEY=VALUE like --set, every value a string
      --set-json KEY=JSON    like --set, the value JSON: --set-json 'externalCerts.annotations={"a":"b"}'
      --set-file KEY=FILE    like --set, the value the text of FILE
      --set-literal KEY=VAL  one assignment, VAL taken verbatim (commas and backslashes included)
                             All values files apply first, then --set-json, --set, --set-string,
                             --set-file and --set-literal (helm's order), each in the order given.
      --kube-version X.Y     the Kubernetes version to render for (like helm --kube-version; 1.18 or later)
  -o, --output FILE          write to FILE instead of standard output: the complete output or,
                             on any error, the old file unchanged (a symlink is written through)
  -h, --help                 show this help
      --version              show the version

Exit status: 0 on success, 2 on bad input or a failed write (one line on standard error).
`;

/** A user error: reported as one line, exit code 2. */
export class UsageError extends Error {}

/** Where the CLI writes; injectable for tests. `stdout` returns 'closed' when the reader went away. */
export interface CliIo {
  stdout(text: string): void | 'ok' | 'closed';
  stderr(text: string): void;
}

interface Options {
  valuesFiles: string[];
  sets: Array<[SetKind, string]>;
  kubeVersion?: string;
  kruiseVersion?: KruiseVersion;
  upgradeFrom?: KruiseVersion;
  output?: string;
  help: boolean;
  version: boolean;
}

const DEFAULT_IO: CliIo = { stdout: writeStdout, stderr: writeStderr };

/** Runs the CLI; returns the exit code. */
export function main(argv: string[], io: CliIo = DEFAULT_IO): number {
  try {
    const opts = parseArgs(argv);
    if (opts.help) {
      io.stdout(USAGE);
      return 0;
    }
    if (opts.version) {
      const versions = KruiseVersion.all().map(v => `OpenKruise ${v.version} (chart ${v.chartVersion})`).join(', ');
      io.stdout(`kruise-synth ${packageVersion()}: ${versions}; default ${KruiseVersion.V1_7.version}\n`);
      return 0;
    }
    const inputs: Input[] = [];
    const values = readValues(opts, inputs);
    if (opts.output) assertNotAnInput(opts.output, inputs);
    const warnings: string[] = [];
    const yaml = opts.upgradeFrom
      ? formatUpgradeReport(upgradeReport(values, opts.upgradeFrom, opts.kruiseVersion ?? KruiseVersion.V1_7, { kubeVersion: opts.kubeVersion }))
      : synthesize(values, opts.kubeVersion, opts.kruiseVersion, warnings);
    for (const w of warnings) io.stderr(`kruise-synth: warning: ${oneSafeLine(w)}\n`);
    if (opts.output) {
      writeOutput(opts.output, yaml);
    } else {
      io.stdout(yaml);
    }
    return 0;
  } catch (e) {
    io.stderr(`kruise-synth: ${errorLine(e)}\n`);
    return 2;
  }
}

/** One terminal-safe line for any error; an unexpected one (a bug) says so. */
function errorLine(e: unknown): string {
  if (e instanceof UsageError || e instanceof CliIoError || e instanceof SetError || e instanceof ValuesYamlError) return oneSafeLine(e.message);
  if (e instanceof RangeError && /call stack/i.test(e.message)) return 'the values are nested too deeply (or refer to themselves); flatten them';
  if (e instanceof Error && e.constructor === Error) return oneSafeLine(e.message); // the library's input errors
  const name = e instanceof Error ? e.constructor.name : typeof e;
  const message = e instanceof Error ? e.message : String(e);
  return oneSafeLine(`internal error (${name}: ${message}); please report it with the command line that caused it`);
}

function packageVersion(): string {
  try {
    // lib/cli.js and lib/kruise-synth.js both sit one level below package.json
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('../package.json').version;
  } catch {
    return 'unknown';
  }
}

/** Reads the values files and applies the set flags in helm's order. */
function readValues(opts: Options, inputs: Input[]): JsonObject {
  let values: JsonObject = Object.create(null);
  let stdinUsed = false;
  for (const file of opts.valuesFiles) {
    if (file === '-') {
      if (stdinUsed) throw new UsageError('--values - (standard input) is given twice; standard input can be read once');
      stdinUsed = true;
    }
    const input = readInput(file, 'values file');
    inputs.push(input);
    const source = file === '-' ? 'values from standard input' : `values file '${file}'`;
    values = mergeValues(values, parseValuesYaml(input.text, source));
  }
  const applier = new SetApplier(values, file => {
    const input = readInput(file, '--set-file file');
    inputs.push(input);
    return input.text;
  });
  for (const kind of SET_KINDS) {
    for (const [k, arg] of opts.sets) {
      if (k === kind) applier.apply(kind, arg);
    }
  }
  return values;
}

/** The install YAML for the given chart values (the install's warnings are appended to `warnings`). */
export function synthesize(values: unknown, kubeVersion?: string, version?: KruiseVersion, warnings: string[] = []): string {
  const app = new App({ outdir: '.' });
  const chart = new Chart(app, 'kruise');
  const kruise = Kruise.fromHelmValues(chart, 'kruise', values, { kubeVersion, version });
  warnings.push(...installWarnings(kruise));
  // cdk8s's own synthesis (dependency order, validations), then a fast writer
  // for the plain JSON it produces (see yaml-out.ts).
  return toYamlDocuments(synthChartJson(chart));
}

function parseArgs(argv: string[]): Options {
  const opts: Options = { valuesFiles: [], sets: [], help: false, version: false };
  for (const { arg, flag, next } of commandLine(argv, f => new UsageError(`${f} needs a value`))) {
    switch (flag) {
      case '-h':
      case '--help':
        opts.help = true;
        break;
      case '--version':
        opts.version = true;
        break;
      case '--kruise-version':
        opts.kruiseVersion = kruiseVersion(flag, next());
        break;
      case '--upgrade-from':
        opts.upgradeFrom = kruiseVersion(flag, next());
        break;
      case '-f':
      case '--values':
        opts.valuesFiles.push(next());
        break;
      case '--set':
      case '--set-string':
      case '--set-json':
      case '--set-file':
      case '--set-literal':
        opts.sets.push([flag.slice(2) as SetKind, next()]);
        break;
      case '--kube-version': {
        const v = next();
        if (!/^v?\d{1,4}\.\d{1,4}(\.\d{1,6})?$/.test(v)) {
          throw new UsageError(`--kube-version '${v}' is not a Kubernetes version; use X.Y such as 1.28`);
        }
        opts.kubeVersion = v.replace(/^v/, '').split('.').slice(0, 2).map(Number).join('.');
        const [major, minor] = opts.kubeVersion.split('.').map(Number);
        if (major < 1 || (major === 1 && minor < 18)) {
          throw new UsageError(`--kube-version '${v}' is older than 1.18, the oldest Kubernetes chart 1.7.5 installs on (its kubeVersion is >= 1.18.0-0); use 1.18 or later`);
        }
        break;
      }
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
    throw new UsageError(`${flag} '${oneSafeLine(value)}' is not a Kruise version this tool knows; use ${known.join(' or ')}`);
  }
  return KruiseVersion.of(line);
}

/** Applies one `--set` argument (`KEY=VALUE[,KEY=VALUE]...`) to a copy of the values (for tests and scripts). */
export function applySet(values: unknown, assignment: string, kind: SetKind = 'set'): JsonObject {
  const out = objectOr(nullProto(isJsonObject(values) ? values : {}));
  new SetApplier(out).apply(kind, assignment);
  return out;
}

/** The process entry: runs main() on the process's output (a closed pipe, as with `| head`, ends the output quietly). */
export function run(argv: string[]): number {
  return main(argv, processStdio());
}

if (require.main === module) {
  process.exitCode = run(process.argv.slice(2));
}
