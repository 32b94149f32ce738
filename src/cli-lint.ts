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
import * as fs from 'fs';
import * as path from 'path';
import type { Document } from 'yaml';
import type { Finding } from './admission/types';
import { INPUT_LIMIT_BYTES, oneSafeLine, readInput, terminalSafe, writeStderr, writeStdout } from './cli-io';
import { parseFastYaml } from './lint-yaml';
import { isKruiseObject, ObjectFinding, reviewObjects } from './validation/review';

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

/** The output formats. */
export const FORMATS = ['text', 'json', 'sarif', 'junit', 'github'] as const;
export type Format = typeof FORMATS[number];

/** A user error: reported as one line, exit code 2. */
export class UsageError extends Error {}

/** Where the CLI reads and writes; injectable for tests. */
export interface LintIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** The text of a file, or of standard input for `-`, at most `limit` bytes (cli-io's readInput by default). */
  read?(name: string, limit: number): string;
}

/** Limits against hostile or runaway input. */
export interface LintLimits {
  /** Bytes read in all, over every input (each input is also held to cli-io's INPUT_LIMIT_BYTES). */
  readonly maxBytes: number;
  /** Aliases one YAML document may resolve (the billion-laughs guard). */
  readonly maxAliasCount: number;
  /** Directory depth followed. */
  readonly maxDepth: number;
  /** Levels of `kind: List` inside `kind: List`. */
  readonly maxListDepth: number;
  /** Nesting of maps and lists in one document. */
  readonly maxNesting: number;
}

export const DEFAULT_LIMITS: LintLimits = {
  maxBytes: 64 * 1024 * 1024,
  maxAliasCount: 100,
  maxDepth: 32,
  maxListDepth: 8,
  maxNesting: 512,
};

interface Options {
  version: string;
  featureGates?: string;
  valuesFiles: string[];
  format: Format;
  paths: string[];
  help: boolean;
}

/** One YAML document of an input, with where it starts. */
interface Chunk {
  readonly file: string;
  readonly text: string;
  /** 1-based line of the chunk's first line in the file. */
  readonly startLine: number;
  /** The parsed document, for mapping field paths to lines (parsed on first use when the fast reader read the values). */
  doc?: Document;
  lines?: number[];
}

/** An object read from the input, and where it came from. */
export interface SourcedObject {
  readonly object: any;
  readonly file: string;
  /** The line of the object's first line (its document start, or its list item). */
  readonly line: number;
  readonly chunk?: Chunk;
  /** Path of the object inside its document (`items[2]` for a List item), as path segments. */
  readonly prefix: ReadonlyArray<string | number>;
}

/** A finding as printed. */
export interface LintFinding {
  readonly file: string;
  readonly line: number;
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly path: string;
  readonly message: string;
  readonly fix?: string;
  readonly rule: string;
  readonly severity: 'error' | 'warning';
  /** Index of the object in `LintResult.reviewed`. */
  readonly objectIndex: number;
}

/** What a lint run found. */
export interface LintResult {
  readonly findings: LintFinding[];
  readonly files: number;
  readonly objects: number;
  readonly kruiseObjects: number;
  /** Every object read, in order (findings point into it), for the JUnit report. */
  readonly reviewed: ReadonlyArray<{ file: string; line: number; kind: string; namespace: string; name: string; kruise: boolean }>;
}

const defaultIo: LintIo = {
  stdout: t => process.stdout.write(t),
  stderr: t => process.stderr.write(t),
};

function readDefault(name: string, limit: number): string {
  return readInput(name, name === '-' ? 'input' : 'input file', limit).text;
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
    apiVersion: typeof src.object.apiVersion === 'string' ? src.object.apiVersion : '',
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

function identity(obj: any): { kind: string; namespace: string; name: string } {
  const isObj = obj !== null && typeof obj === 'object' && !Array.isArray(obj);
  const meta = isObj && obj.metadata !== null && typeof obj.metadata === 'object' ? obj.metadata : {};
  const str = (v: unknown) => typeof v === 'string' ? v : '';
  const name = str(meta.name) || (str(meta.generateName) ? `${meta.generateName}*` : '');
  return { kind: isObj ? str(obj.kind) : '', namespace: str(meta.namespace), name };
}

// ---------------------------------------------------------------------------
// Arguments and gates

function parseArgs(argv: string[]): Options {
  const opts: Options = { version: '1.7', valuesFiles: [], format: 'text', paths: [], help: false };
  let onlyPaths = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (onlyPaths || arg === '-' || !arg.startsWith('-')) {
      opts.paths.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPaths = true;
      continue;
    }
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
      case '--kruise-version': {
        const v = next();
        const m = /^v?(\d+)\.(\d+)(\.\d+)?$/.exec(v);
        if (!m) throw new UsageError(`--kruise-version '${v}' is not a Kruise version; use X.Y such as 1.7`);
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
  let settings: import('./versions/feature-gates').FeatureGateSetting[];
  try {
    if (opts.featureGates !== undefined) {
      settings = fg.parseFeatureGates(opts.featureGates, '--feature-gates');
    } else {
      let values: any = Object.create(null);
      for (const file of opts.valuesFiles) values = mergeValues(values, readValuesFile(file));
      settings = hv.kruisePropsFromHelmValues(values).featureGates ?? [];
    }
    const resolved = fg.ResolvedFeatureGates.resolve(settings, opts.featureGates !== undefined ? '--feature-gates' : 'values: featureGates');
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

function readValuesFile(file: string): any {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parseValuesYaml }: typeof import('./install/values-yaml') = require('./install/values-yaml');
  return parseValuesYaml(readInput(file, 'values file').text, `values file '${file}'`);
}

/** Helm's merge of values files: maps merge key by key, anything else is replaced. */
function mergeValues(base: any, over: any): any {
  if (!isMap(base) || !isMap(over)) return over;
  // Null-prototype maps, as the values reader makes them: `__proto__` is an ordinary key.
  const out: any = Object.assign(Object.create(null), base);
  for (const [k, v] of Object.entries(over)) {
    out[k] = isMap(out[k]) && isMap(v) ? mergeValues(out[k], v) : v;
  }
  return out;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// ---------------------------------------------------------------------------
// Reading input

/** Reads every PATH into sourced objects. */
export function readInputs(paths: string[], io: LintIo, limits: LintLimits = DEFAULT_LIMITS): SourcedObject[] {
  const budget = { left: limits.maxBytes };
  const files: string[] = [];
  const seen = new Set<string>();
  let stdinRead = false;
  for (const p of paths) {
    if (p === '-') {
      if (stdinRead) throw new UsageError("'-' (standard input) is given twice");
      stdinRead = true;
      files.push('-');
      continue;
    }
    collectFiles(p, files, seen, limits, 0);
  }
  const out: SourcedObject[] = [];
  const read = io.read ?? readDefault;
  for (const file of files) {
    if (budget.left <= 0) throw new UsageError(`the inputs are larger than ${limits.maxBytes} bytes in all; lint them in parts`);
    const text = read(file, Math.min(INPUT_LIMIT_BYTES, budget.left));
    budget.left -= Buffer.byteLength(text);
    out.push(...parseObjects(text, file === '-' ? '<stdin>' : file, limits));
  }
  return out;
}

function collectFiles(p: string, files: string[], seen: Set<string>, limits: LintLimits, depth: number): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(p);
  } catch (e) {
    throw new UsageError(`cannot read '${p}': ${errno(e)}`);
  }
  let real: string;
  try {
    real = fs.realpathSync(p);
  } catch {
    real = path.resolve(p);
  }
  if (seen.has(real)) return;
  seen.add(real);
  if (!stat.isDirectory()) {
    files.push(p);
    return;
  }
  if (depth >= limits.maxDepth) throw new UsageError(`'${p}' is nested more than ${limits.maxDepth} directories deep`);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(p, { withFileTypes: true });
  } catch (e) {
    throw new UsageError(`cannot read directory '${p}': ${errno(e)}`);
  }
  for (const entry of entries.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) {
    const child = path.join(p, entry.name);
    if (entry.isDirectory() || (entry.isSymbolicLink() && isDirectory(child))) {
      collectFiles(child, files, seen, limits, depth + 1);
    } else if (/\.ya?ml$/i.test(entry.name)) {
      collectFiles(child, files, seen, limits, depth + 1);
    }
  }
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function errno(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e as Error).message;
}

/**
 * The objects of one input: each YAML document's object, the items of a
 * `kind: List`; empty documents are dropped, anything else that is not a map
 * is kept as-is (the review skips it, and it counts as a non-Kruise object).
 */
export function parseObjects(text: string, file: string, limits: LintLimits = DEFAULT_LIMITS): SourcedObject[] {
  const out: SourcedObject[] = [];
  for (const { text: chunkText, startLine } of splitDocuments(text.replace(/^\uFEFF/, ''))) {
    // Most manifests take the fast reader; anything it declines goes to the full parser (which reports errors).
    const tooDeep = () => new UsageError(`${file}:${startLine}: this YAML document nests maps and lists more than ${limits.maxNesting} levels deep; flatten it`);
    let value: any;
    let chunk: Chunk;
    let docLine: number;
    try {
      const fast = parseFastYaml(chunkText);
      if (fast) {
        value = fast.value;
        chunk = { file, text: chunkText, startLine };
        docLine = startLine + fast.firstLine - 1;
      } else {
        const doc = parseYamlDocument(chunkText);
        if (doc.errors.length > 0) {
          const e = doc.errors[0];
          if (/call stack/i.test(e.message)) throw tooDeep();
          const line = startLine + lineAt(chunkText, e.pos[0]) - 1;
          throw new UsageError(`${file}:${line}: not valid YAML: ${firstLine(e.message)}`);
        }
        const dup = duplicateKey(doc);
        if (dup) {
          const line = startLine + lineAt(chunkText, dup.offset) - 1;
          throw new UsageError(`${file}:${line}: not valid YAML: the key ${JSON.stringify(dup.key)} appears twice in one map (the API server would keep only one); keep one`);
        }
        try {
          value = doc.toJS({ maxAliasCount: limits.maxAliasCount });
        } catch (e) {
          if (e instanceof RangeError) throw e;
          throw new UsageError(`${file}:${startLine}: cannot read this YAML document: ${firstLine((e as Error).message)}`);
        }
        chunk = { file, text: chunkText, startLine, doc };
        docLine = doc.contents && doc.contents.range ? startLine + lineAt(chunkText, doc.contents.range[0]) - 1 : startLine;
      }
    } catch (e) {
      if (e instanceof RangeError) throw tooDeep();
      throw e;
    }
    const shape = valueProblem(value, limits.maxNesting);
    if (shape === 'deep') throw tooDeep();
    if (shape === 'non-finite') {
      throw new UsageError(`${file}:${startLine}: this YAML document holds .inf or .nan, which JSON and so the API server cannot take; quote it if it is text`);
    }
    if (value === null || value === undefined) continue;
    expandLists(value, [], chunk, docLine, out, limits.maxListDepth);
  }
  return out;
}

/** Whether `value` nests maps and lists more than `max` levels deep, or holds a number JSON cannot (walked without recursion). */
function valueProblem(value: unknown, max: number): 'deep' | 'non-finite' | undefined {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (typeof v === 'number' && !Number.isFinite(v)) return 'non-finite';
    if (v === null || typeof v !== 'object') continue;
    if (d >= max) return 'deep';
    for (const child of Object.values(v as object)) stack.push([child, d + 1]);
  }
  return undefined;
}

/**
 * The `yaml` library's document of one chunk, read as Kubernetes reads
 * manifests (go-yaml v2 through sigs.k8s.io/yaml): the YAML 1.1 schema
 * (`yes`/`on` booleans, `0644` octal, merge keys) without its timestamps and
 * sexagesimal numbers, which Kubernetes keeps as strings.
 */
export function parseYamlDocument(text: string): Document {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const yaml: typeof import('yaml') = require('yaml');
  return yaml.parseDocument(text, {
    version: '1.1',
    schema: 'yaml-1.1',
    customTags: tags => tags.filter(t => (t as any).tag !== 'tag:yaml.org,2002:timestamp' && (t as any).format !== 'TIME'),
    merge: true,
    prettyErrors: false,
    keepSourceTokens: false,
    // Duplicate keys are found by duplicateKey() in linear time (the library compares keys pairwise).
    uniqueKeys: false,
  });
}

/** The first key that appears twice in one map of `doc` (scalar keys; one set per map, no recursion). */
function duplicateKey(doc: Document): { key: string; offset: number } | undefined {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { isMap: isYamlMap, isSeq, isPair, isScalar }: typeof import('yaml') = require('yaml');
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node: any = stack.pop();
    if (isYamlMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items as any[]) {
        if (isScalar(pair.key)) {
          const k = pair.key.value === null ? '' : String(pair.key.value);
          if (seen.has(k)) return { key: k, offset: pair.key.range?.[0] ?? 0 };
          seen.add(k);
        }
        stack.push(pair.key, pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items as any[]) stack.push(isPair(item) ? item.value : item);
    }
  }
  return undefined;
}

function expandLists(value: any, prefix: Array<string | number>, chunk: Chunk, line: number, out: SourcedObject[], depthLeft: number): void {
  const isList = isMap(value) && typeof value.kind === 'string' && /List$/.test(value.kind) && Array.isArray(value.items) && depthLeft > 0;
  if (!isList) {
    out.push({ object: value, file: chunk.file, line, chunk, prefix });
    return;
  }
  (value.items as any[]).forEach((item, i) => {
    if (item === null || item === undefined) return;
    const itemPrefix = [...prefix, 'items', i];
    const itemLine = locateLine(chunk, itemPrefix, []) ?? line;
    expandLists(item, itemPrefix, chunk, itemLine, out, depthLeft - 1);
  });
}

/**
 * Splits a YAML stream at its document markers (`---` and `...` at the start
 * of a line, which YAML forbids inside content), keeping each document's
 * first line number. Comments and directives (`%YAML`) before a `---` stay
 * with the document it starts.
 */
export function splitDocuments(text: string): Array<{ text: string; startLine: number }> {
  const out: Array<{ text: string; startLine: number }> = [];
  let start = 0;
  let startLine = 1;
  let hasMarker = false;
  let hasContent = false;
  let line = 1;
  let pos = 0;
  const push = (end: number) => {
    if (end > start) out.push({ text: text.slice(start, end), startLine });
  };
  for (;;) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl < 0 ? text.length : nl;
    const marker = markerAt(text, pos, lineEnd);
    if (marker === '---') {
      if (hasMarker || hasContent) {
        push(pos);
        start = pos;
        startLine = line;
      }
      hasMarker = true;
      hasContent = !/^\s*(#.*)?$/.test(text.slice(pos + 3, lineEnd));
    } else if (marker === '...') {
      push(lineEnd);
      start = lineEnd + 1;
      startLine = line + 1;
      hasMarker = false;
      hasContent = false;
    } else if (!hasContent) {
      const l = text.slice(pos, lineEnd);
      const directive = !hasMarker && l.startsWith('%');
      if (!directive && !/^\s*(#.*)?$/.test(l)) hasContent = true;
    }
    if (nl < 0) break;
    pos = nl + 1;
    line++;
  }
  push(text.length);
  return out;
}

/** `---` or `...` when the line at `pos` is a document marker. */
function markerAt(text: string, pos: number, lineEnd: number): string | undefined {
  const c0 = text.charCodeAt(pos);
  if (c0 !== 45 && c0 !== 46) return undefined;
  const m = text.slice(pos, pos + 3);
  if (m !== '---' && m !== '...') return undefined;
  const after = text.charCodeAt(pos + 3);
  return pos + 3 >= lineEnd || after === 32 || after === 9 || after === 13 ? m : undefined;
}

// ---------------------------------------------------------------------------
// Field paths to lines

/** The line of a finding: of its field when the document has it, else of the deepest part of it there, else of the object. */
function lineOf(src: SourcedObject, fieldPath: string): number {
  if (!src.chunk) return src.line;
  return locateLine(src.chunk, src.prefix, parseFieldPath(fieldPath)) ?? src.line;
}

/**
 * Splits a finding path (`spec.containers[0].env[1].name`,
 * `metadata.labels['app.kubernetes.io/name']`) into segments. Dotted segments
 * stay joined in one string, since map keys may hold dots; the walk matches
 * them against the keys that exist.
 */
export function parseFieldPath(p: string): Array<string | number | { key: string }> {
  const out: Array<string | number | { key: string }> = [];
  let i = 0;
  let current = '';
  while (i < p.length) {
    const c = p[i];
    if (c === '[') {
      const close = p.indexOf(']', i);
      const inner = close < 0 ? '' : p.slice(i + 1, close);
      if (/^\d+$/.test(inner)) {
        if (current) out.push(current);
        current = '';
        out.push(Number(inner));
        i = close + 1;
        continue;
      }
      const q = /^(['"])(.*)\1$/.exec(inner);
      if (q) {
        if (current) out.push(current);
        current = '';
        out.push({ key: q[2] });
        i = close + 1;
        continue;
      }
    }
    if (c === '.' && current === '') {
      i++;
      continue;
    }
    current += c;
    i++;
  }
  if (current) out.push(current);
  return out;
}

/** Walks the YAML nodes along `prefix` then `segments`; the line of the deepest field found. */
function locateLine(chunk: Chunk, prefix: ReadonlyArray<string | number>, segments: Array<string | number | { key: string }>): number | undefined {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { isMap: isYamlMap, isSeq, isAlias, isScalar }: typeof import('yaml') = require('yaml');
  const doc = chunk.doc ??= parseYamlDocument(chunk.text);
  let node: any = doc.contents;
  let offset: number | undefined = node?.range?.[0];
  const resolve = (n: any) => isAlias(n) ? n.resolve(doc) : n;
  const steps: Array<string | number | { key: string }> = [...prefix.map(s => typeof s === 'string' ? { key: s } : s), ...segments];
  for (let s = 0; s < steps.length && node; s++) {
    const step = steps[s];
    node = resolve(node);
    if (typeof step === 'number') {
      if (!isSeq(node)) break;
      const item = (node as any).items[step];
      if (!item) break;
      node = item;
      offset = resolve(item)?.range?.[0] ?? offset;
      continue;
    }
    if (!isYamlMap(node)) break;
    const pairs: any[] = (node as any).items;
    if (typeof step === 'object') {
      const pair = pairs.find(p => isScalar(p.key) && String(p.key.value) === step.key);
      if (!pair) break;
      offset = pair.key.range?.[0] ?? offset;
      node = pair.value;
      continue;
    }
    // A dotted run: the longest key that starts it.
    let best: any;
    let bestKey = '';
    for (const p of pairs) {
      if (!isScalar(p.key)) continue;
      const k = String(p.key.value);
      if (k.length > bestKey.length && (step === k || step.startsWith(`${k}.`))) {
        best = p;
        bestKey = k;
      }
    }
    if (!best) break;
    offset = best.key.range?.[0] ?? offset;
    node = best.value;
    if (bestKey.length < step.length) {
      steps.splice(s + 1, 0, step.slice(bestKey.length + 1));
    }
  }
  if (offset === undefined) return undefined;
  return chunk.startLine + lineAt(chunk.text, offset, chunk) - 1;
}

/** The 1-based line of `offset` in `text`. */
function lineAt(text: string, offset: number, cache?: { lines?: number[] }): number {
  let lines = cache?.lines;
  if (!lines) {
    lines = [];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines.push(i);
    if (cache) cache.lines = lines;
  }
  let lo = 0;
  let hi = lines.length;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (lines[mid] < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo + 1;
}

// ---------------------------------------------------------------------------
// Output

/** The report in a format, and the summary line (for stderr; text and github put it in `out`). */
export function render(result: LintResult, format: Format, version: string): { out: string; summary?: string } {
  const summary = summaryLine(result);
  switch (format) {
    case 'json':
      return { out: `${JSON.stringify(result.findings.map(jsonFinding), null, 2)}\n`, summary };
    case 'sarif':
      return { out: `${JSON.stringify(sarif(result, version), null, 2)}\n`, summary };
    case 'junit':
      return { out: junit(result), summary };
    case 'github':
      return { out: result.findings.map(githubLine).join('') + terminalSafe(summary.trimEnd()) + '\n' };
    default:
      return { out: result.findings.map(textLine).join('') + summary };
  }
}

function summaryLine(r: LintResult): string {
  const errors = r.findings.filter(f => f.severity === 'error').length;
  const warnings = r.findings.length - errors;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  const other = r.objects - r.kruiseObjects;
  return `kruise-lint: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}; ${plural(r.kruiseObjects, 'Kruise object')} checked,`
    + ` ${plural(other, 'other object')} skipped (gate labels, annotations and env only) in ${plural(r.files, 'file')}\n`;
}

function who(f: LintFinding): string {
  const name = f.name || '(unnamed)';
  return `${f.kind || '(no kind)'} ${f.namespace ? `${f.namespace}/` : ''}${name}`;
}

function messageWithFix(f: LintFinding): string {
  return f.fix ? `${f.message}; ${f.fix}` : f.message;
}

function textLine(f: LintFinding): string {
  const field = f.path ? `${f.path}: ` : '';
  const level = f.severity === 'warning' ? 'warning: ' : '';
  return `${oneSafeLine(`${f.file}:${f.line}: ${who(f)}: ${field}${level}${messageWithFix(f)} [${f.rule}]`)}\n`;
}

function jsonFinding(f: LintFinding): object {
  return {
    file: f.file,
    line: f.line,
    apiVersion: f.apiVersion,
    kind: f.kind,
    namespace: f.namespace,
    name: f.name,
    path: f.path,
    message: f.message,
    ...(f.fix !== undefined ? { fix: f.fix } : {}),
    rule: f.rule,
    severity: f.severity,
  };
}

/** A path as a SARIF/GitHub artifact URI: forward slashes, relative as given. */
function uriOf(file: string): string {
  if (file === '<stdin>') return 'stdin';
  return file.split(path.sep).join('/').split('/').map(encodeURIComponent).join('/').replace(/%3A/gi, ':');
}

function sarif(r: LintResult, version: string): object {
  const ruleIds = [...new Set(r.findings.map(f => f.rule))].sort();
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'kruise-lint',
          informationUri: 'https://openkruise.io/docs/',
          rules: ruleIds.map(id => ({
            id,
            name: id.replace(/[^A-Za-z0-9]+/g, ''),
            shortDescription: { text: ruleDescription(id) },
            defaultConfiguration: { level: r.findings.some(f => f.rule === id && f.severity === 'error') ? 'error' : 'warning' },
          })),
        },
      },
      properties: { kruiseVersion: version },
      results: r.findings.map(f => ({
        ruleId: f.rule,
        ruleIndex: index.get(f.rule),
        level: f.severity,
        message: { text: `${who(f)}: ${f.path ? `${f.path}: ` : ''}${messageWithFix(f)}` },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: uriOf(f.file) },
            region: { startLine: f.line },
          },
          logicalLocations: [{ fullyQualifiedName: `${f.kind}/${f.namespace ? `${f.namespace}/` : ''}${f.name}${f.path ? `:${f.path}` : ''}`, kind: 'object' }],
        }],
      })),
    }],
  };
}

function ruleDescription(id: string): string {
  const [scope, rule] = id.split('/', 2);
  if (scope === 'schema') return `The ${scope} check of Kruise's CRDs: ${rule ?? id}`;
  if (scope === 'review') return 'A check that could not finish on an object';
  return `Kruise's admission rule for ${scope}: ${rule ?? id}`;
}

function xml(s: string): string {
  // Characters XML 1.0 cannot hold at all are dropped.
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function junit(r: LintResult): string {
  const cases = r.reviewed.map(o => ({ ...o, findings: [] as LintFinding[] }));
  for (const f of r.findings) cases[f.objectIndex]?.findings.push(f);
  const byFile = new Map<string, typeof cases>();
  for (const c of cases) {
    if (!byFile.has(c.file)) byFile.set(c.file, []);
    byFile.get(c.file)!.push(c);
  }
  const failed = (c: { findings: LintFinding[] }) => c.findings.some(f => f.severity === 'error');
  const suites = [...byFile.entries()].map(([file, list]) => {
    const testcases = list.map(c => {
      const name = xml(`${c.kind || '(no kind)'} ${c.namespace ? `${c.namespace}/` : ''}${c.name || '(unnamed)'} (line ${c.line})`);
      const head = `    <testcase classname="${xml(file)}" name="${name}" file="${xml(file)}" line="${c.line}">`;
      if (!c.kruise && c.findings.length === 0) return `${head}<skipped message="not a Kruise object"/></testcase>\n`;
      const errors = c.findings.filter(f => f.severity === 'error');
      const warnings = c.findings.filter(f => f.severity === 'warning');
      let body = '';
      if (errors.length > 0) {
        const text = errors.map(f => `${f.file}:${f.line}: ${f.path ? `${f.path}: ` : ''}${messageWithFix(f)} [${f.rule}]`).join('\n');
        body += `\n      <failure message="${xml(`${errors.length} error${errors.length === 1 ? '' : 's'}: ${errors[0].path ? `${errors[0].path}: ` : ''}${oneLine(errors[0].message)}`)}" type="${xml(errors[0].rule)}">${xml(text)}</failure>`;
      }
      if (warnings.length > 0) {
        const text = warnings.map(f => `warning: ${f.file}:${f.line}: ${f.path ? `${f.path}: ` : ''}${messageWithFix(f)} [${f.rule}]`).join('\n');
        body += `\n      <system-out>${xml(text)}</system-out>`;
      }
      return body ? `${head}${body}\n    </testcase>\n` : `${head}</testcase>\n`;
    }).join('');
    const failures = list.filter(failed).length;
    const skipped = list.filter(c => !c.kruise && c.findings.length === 0).length;
    return `  <testsuite name="${xml(file)}" tests="${list.length}" failures="${failures}" errors="0" skipped="${skipped}">\n${testcases}  </testsuite>\n`;
  }).join('');
  const failures = cases.filter(failed).length;
  const skipped = cases.filter(c => !c.kruise && c.findings.length === 0).length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="kruise-lint" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}">\n${suites}</testsuites>\n`;
}

/** GitHub workflow command escaping: data, and (stricter) property values. */
function ghData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function ghProperty(s: string): string {
  return ghData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function githubLine(f: LintFinding): string {
  const file = f.file === '<stdin>' ? '' : `file=${ghProperty(terminalSafe(f.file.split(path.sep).join('/')))},`;
  const props = `${file}line=${f.line},title=${ghProperty(terminalSafe(f.rule))}`;
  return `::${f.severity} ${props}::${ghData(terminalSafe(`${who(f)}: ${f.path ? `${f.path}: ` : ''}${messageWithFix(f)}`))}\n`;
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/:\s*$/, '');
}

function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, '; ').trim();
}

/** The process entry: writes through cli-io (a closed pipe, as with `| head`, ends the output quietly). */
export function run(argv: string[]): number {
  let closed = false;
  return main(argv, {
    stdout: text => {
      if (!closed && writeStdout(text) === 'closed') closed = true;
    },
    stderr: text => writeStderr(text),
  });
}

if (require.main === module) {
  process.exitCode = run(process.argv.slice(2));
}
