#!/usr/bin/env node
/**
 * kruise-lint: Kruise's own rules for any YAML (hand-written files, `helm
 * template` or `kustomize build` output), for GitOps pipelines.
 *
 *   kruise-lint [--kruise-version X.Y] [--feature-gates GATES] [--values FILE]...
 *               [--format text|json|sarif|junit|github] PATH...
 *
 * Every Kruise object read gets the schema, admission and gate checks of
 * validation/review.ts; other objects get only the gate check of the labels,
 * annotations and env vars Kruise reads on them, and are counted as skipped.
 *
 * Exit 0 without errors (warnings allowed), 1 with at least one error, 2 on bad
 * usage or input that cannot be read or parsed (one line on stderr).
 */
import type { Finding } from './admission/types';
import { at, JsonObject, objectOr, stringOr } from './base/json';
import { commandLine, oneSafeLine, processStdio, readInput } from './cli-io';
import { render } from './cli-lint-format';
import { defaultIo, lineOf, readInputs } from './cli-lint-read';
import { DEFAULT_LIMITS, FORMATS, Format, LintFinding, LintIo, LintLimits, LintResult, SourcedObject, UsageError } from './cli-lint-types';
import { isKruiseObject, ObjectFinding, reviewObjects } from './validation/review';
import { KruiseVersion } from './version';


const USAGE = `usage: kruise-lint [options] PATH...

Checks the Kruise objects in YAML files against Kruise's own rules: the CRD
schema (fields the API server would drop included), Kruise's admission webhooks
and its feature gates. Other objects are skipped.

PATH is a file, a directory (searched for *.yaml and *.yml) or - for standard
input. Multi-document YAML, kind: List, helm template and kustomize build output
are read.

      --kruise-version X.Y   the Kruise release the objects go to (default 1.7)
      --feature-gates GATES  kruise-manager's gates, e.g. ImagePullJobGate=true,SidecarTerminator=true
  -f, --values FILE          a Kruise chart values file; its featureGates key sets the gates
                             (repeatable, later files win; --feature-gates wins over it).
                             Default: the chart's default gates
      --format FORMAT        text (default), json, sarif, junit or github
  -h, --help                 show this help

Exit status: 0 no errors (warnings allowed), 1 errors found, 2 bad usage or unreadable input.
`;

interface Options {
  version: string;
  featureGates?: string;
  valuesFiles: string[];
  format: Format;
  paths: string[];
  help: boolean;
}

/** Runs the CLI; returns the exit code. */
export function main(argv: string[], io: LintIo = defaultIo, limits: LintLimits = DEFAULT_LIMITS): number {
  try {
    const opts = parseArgs(argv);
    if (opts.help) {
      io.stdout(USAGE);
      return 0;
    }
    const gate = gatesFor(opts);
    const objects = readInputs(opts.paths, io, limits);
    const result = lint(objects, { version: opts.version, gate });
    const { out, summary } = render(result, opts.format, opts.version);
    io.stdout(out);
    if (summary) io.stderr(summary);
    return result.findings.some(f => f.severity === 'error') ? 1 : 0;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    io.stderr(`kruise-lint: ${oneSafeLine(message)}\n`);
    return 2;
  }
}

/** Reviews sourced objects; findings carry file, line and object identity. */
export function lint(objects: SourcedObject[], ctx: { version?: string; gate?: (name: string) => boolean | undefined }): LintResult {
  const plain = objects.map(o => o.object);
  let reviewed: ObjectFinding[];
  try {
    reviewed = reviewObjects(plain, ctx);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const findings = reviewed.map(f => toLintFinding(objects[f.index], f, f.index));
  const files = new Set(objects.map(o => o.file));
  return {
    findings,
    files: files.size,
    objects: objects.length,
    kruiseObjects: plain.filter(isKruiseObject).length,
    reviewed: objects.map(o => ({ file: o.file, line: o.line, ...identity(o.object), kruise: isKruiseObject(o.object) })),
  };
}

function toLintFinding(src: SourcedObject, f: Finding, objectIndex: number): LintFinding {
  const id = identity(src.object);
  return {
    file: src.file,
    line: lineOf(src, f.path),
    apiVersion: stringOr(at(src.object, 'apiVersion')) ?? '',
    kind: id.kind,
    namespace: id.namespace,
    name: id.name,
    path: f.path,
    message: f.message,
    ...(f.fix !== undefined ? { fix: f.fix } : {}),
    rule: f.rule,
    severity: f.severity,
    objectIndex,
  };
}

function identity(obj: unknown): { kind: string; namespace: string; name: string } {
  const meta = objectOr(at(obj, 'metadata'));
  const generateName = stringOr(meta.generateName);
  const name = stringOr(meta.name) || (generateName ? `${generateName}*` : '');
  return { kind: stringOr(at(obj, 'kind')) ?? '', namespace: stringOr(meta.namespace) ?? '', name };
}

// ---------------------------------------------------------------------------
// Arguments and gates

function parseArgs(argv: string[]): Options {
  const opts: Options = { version: '1.7', valuesFiles: [], format: 'text', paths: [], help: false };
  let onlyPaths = false;
  for (const { arg, flag, next } of commandLine(argv, f => new UsageError(`${f} needs a value`))) {
    if (onlyPaths || arg === '-' || !arg.startsWith('-')) {
      opts.paths.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPaths = true;
      continue;
    }
    switch (flag) {
      case '-h':
      case '--help':
        opts.help = true;
        break;
      case '--kruise-version': {
        const v = next();
        const m = /^v?(\d+)\.(\d+)(\.\d+)?$/.exec(v);
        const known = KruiseVersion.all().map(k => k.version);
        if (!m || !known.includes(`${m[1]}.${m[2]}`)) {
          throw new UsageError(`--kruise-version '${oneSafeLine(v)}' is not a Kruise version this tool knows; use ${known.join(' or ')}`);
        }
        opts.version = `${m[1]}.${m[2]}`;
        break;
      }
      case '--feature-gates':
        opts.featureGates = next();
        break;
      case '-f':
      case '--values':
        opts.valuesFiles.push(next());
        break;
      case '--format': {
        const v = next();
        if (!(FORMATS as readonly string[]).includes(v)) {
          throw new UsageError(`--format '${v}' is not one of ${FORMATS.join(', ')}`);
        }
        opts.format = v as Format;
        break;
      }
      default:
        throw new UsageError(`unknown argument '${arg}'; see kruise-lint --help`);
    }
  }
  if (!opts.help && opts.paths.length === 0) {
    throw new UsageError('no input: give files, directories or - for standard input; see kruise-lint --help');
  }
  return opts;
}

/**
 * The gate function of the install the objects go to: `--feature-gates` if
 * given, else the `featureGates` of the values files (read as
 * Kruise.fromHelmValues reads them, every key checked), else the chart's
 * default gates.
 */
function gatesFor(opts: Options): (name: string) => boolean | undefined {
  // Loaded here: the chart-values adapter is not needed for anything else.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fg: typeof import('./versions/feature-gates') = require('./versions/feature-gates');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const hv: typeof import('./install/helm-values') = require('./install/helm-values');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const vy: typeof import('./install/values-yaml') = require('./install/values-yaml');
  let settings: import('./versions/feature-gates').FeatureGateSetting[];
  const version = KruiseVersion.of(opts.version);
  try {
    if (opts.featureGates !== undefined) {
      settings = fg.parseFeatureGates(opts.featureGates, '--feature-gates', version);
    } else {
      let values: unknown = Object.create(null);
      for (const file of opts.valuesFiles) values = vy.mergeValues(values, readValuesFile(vy, file));
      settings = hv.kruisePropsFromHelmValues(values, { version }).featureGates ?? [];
    }
    const resolved = fg.ResolvedFeatureGates.resolve(settings, opts.featureGates !== undefined ? '--feature-gates' : 'values: featureGates', version);
    return name => {
      let gate;
      try {
        gate = fg.FeatureGate.of(name);
      } catch {
        return undefined;
      }
      return resolved.isEnabled(gate);
    };
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError((e as Error).message);
  }
}

function readValuesFile(vy: typeof import('./install/values-yaml'), file: string): JsonObject {
  return vy.parseValuesYaml(readInput(file, 'values file').text, `values file '${file}'`);
}

/** The process entry: runs main() on the process's output (a closed pipe, as with `| head`, ends the output quietly). */
export function run(argv: string[]): number {
  return main(argv, processStdio());
}

if (require.main === module) {
  process.exitCode = run(process.argv.slice(2));
}
