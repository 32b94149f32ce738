/**
 * kruise-lint (see cli-lint.ts): reading the inputs (files, directories, standard input), splitting and parsing YAML, and locating the line of a finding.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Document, Pair } from 'yaml';
import { arrayOr, isJsonObject } from './base/json';
import { INPUT_LIMIT_BYTES, readInput } from './cli-io';
import { firstLine } from './cli-lint-format';
import { Chunk, DEFAULT_LIMITS, LintIo, LintLimits, SourcedObject, UsageError } from './cli-lint-types';
import { parseFastYaml } from './lint-yaml';

export const defaultIo: LintIo = {
  stdout: t => process.stdout.write(t),
  stderr: t => process.stderr.write(t),
};

function readDefault(name: string, limit: number): string {
  return readInput(name, name === '-' ? 'input' : 'input file', limit).text;
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
    let value: unknown;
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
  // Two stacks (values, depths) rather than one of pairs: no allocation per value.
  const values: unknown[] = [value];
  const depths: number[] = [0];
  while (values.length > 0) {
    const v = values.pop();
    const d = depths.pop()!;
    if (typeof v === 'number' && !Number.isFinite(v)) return 'non-finite';
    if (v === null || typeof v !== 'object') continue;
    if (d >= max) return 'deep';
    const children = Array.isArray(v) ? v : Object.values(v);
    for (let i = 0; i < children.length; i++) {
      values.push(children[i]);
      depths.push(d + 1);
    }
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
    customTags: tags => tags.filter(t => typeof t === 'string' || (t.tag !== 'tag:yaml.org,2002:timestamp' && !('format' in t && t.format === 'TIME'))),
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
    const node = stack.pop();
    if (isYamlMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        if (isScalar(pair.key)) {
          const k = pair.key.value === null ? '' : String(pair.key.value);
          if (seen.has(k)) return { key: k, offset: pair.key.range?.[0] ?? 0 };
          seen.add(k);
        }
        stack.push(pair.key, pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(isPair(item) ? item.value : item);
    }
  }
  return undefined;
}

function expandLists(value: unknown, prefix: Array<string | number>, chunk: Chunk, line: number, out: SourcedObject[], depthLeft: number): void {
  const isList = isJsonObject(value) && typeof value.kind === 'string' && /List$/.test(value.kind) && Array.isArray(value.items) && depthLeft > 0;
  if (!isList) {
    out.push({ object: value, file: chunk.file, line, chunk, prefix });
    return;
  }
  arrayOr(value.items).forEach((item, i) => {
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
export function lineOf(src: SourcedObject, fieldPath: string): number {
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
  const { isMap: isYamlMap, isSeq, isAlias, isScalar, isNode }: typeof import('yaml') = require('yaml');
  const doc = chunk.doc ??= parseYamlDocument(chunk.text);
  const start = (n: unknown): number | undefined => isNode(n) ? n.range?.[0] : undefined;
  const resolve = (n: unknown): unknown => isAlias(n) ? n.resolve(doc) : n;
  let node: unknown = doc.contents;
  let offset = start(node);
  const steps: Array<string | number | { key: string }> = [...prefix.map(s => typeof s === 'string' ? { key: s } : s), ...segments];
  for (let s = 0; s < steps.length && node; s++) {
    const step = steps[s];
    node = resolve(node);
    if (typeof step === 'number') {
      if (!isSeq(node)) break;
      const item = node.items[step];
      if (!item) break;
      node = item;
      offset = start(resolve(item)) ?? offset;
      continue;
    }
    if (!isYamlMap(node)) break;
    const pairs = node.items;
    if (typeof step === 'object') {
      const pair = pairs.find(p => isScalar(p.key) && String(p.key.value) === step.key);
      if (!pair) break;
      offset = start(pair.key) ?? offset;
      node = pair.value;
      continue;
    }
    // A dotted run: the longest key that starts it.
    let best: Pair<unknown, unknown> | undefined;
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
    offset = start(best.key) ?? offset;
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
