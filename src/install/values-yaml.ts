/**
 * The chart-values YAML reader of the CLIs (kruise-synth `--values`, and
 * kruise-lint `--values`): YAML text to plain values, read the way helm 3.16
 * reads a values file (go-yaml v2 through sigs.k8s.io/yaml), with the
 * differences listed in docs/security.md, and safe for hostile input:
 *
 * - maps are null-prototype objects, so `__proto__`, `constructor` or
 *   `toString` are ordinary keys (and unknown keys to the values checks);
 * - duplicate keys are found in linear time (one Set per map) and refused;
 * - aliases: unknown and self-containing anchors are refused, and an alias
 *   expansion budget ({@link MAX_ALIAS_NODES}) stops "billion laughs" files;
 * - nesting deeper than {@link MAX_DEPTH} is refused;
 * - raw control characters are refused (YAML and helm refuse them too);
 *   escaped ones in double-quoted strings are kept (the YAML writer escapes
 *   them again);
 * - `.inf` and `.nan` are refused: JSON, and so helm and Kubernetes, cannot
 *   hold them.
 *
 * Plain scalars resolve as in YAML 1.1 / go-yaml v2: `yes`, `on`, `y`, `True`,
 * `TRUE` are booleans; `0x1F`, `0o17`, `017`, `0b101`, `1_000` are integers;
 * timestamps and `1:30` stay strings; map keys are strings (a key `on` reads as
 * "true", as in helm). Merge keys `<<` merge maps as go-yaml v2 does (in
 * order; a later explicit key wins).
 *
 * Errors are {@link ValuesYamlError}s with one line:
 * `<source> <problem> at line L, column C; <fix>`.
 */
import { Alias, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, Node, parseAllDocuments, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { isJsonObject } from '../base/json';

/** Nodes an alias may expand into, in all, per file. */
export const MAX_ALIAS_NODES = 1_000_000;
/** The deepest nesting of maps and lists accepted. */
export const MAX_DEPTH = 512;

/** A values file the reader refuses: one line. */
export class ValuesYamlError extends Error {}

/** A map of values: a null-prototype object. */
export type ValuesMap = { [key: string]: unknown };

/**
 * Helm's merge of values files (`-f a.yaml -f b.yaml`): maps merge key by
 * key, anything else is replaced. A null is kept: it tells the chart-values
 * adapter to drop that key's default, as helm does. Maps come out with a null
 * prototype (`__proto__` is an ordinary key). Used by kruise-synth and
 * kruise-lint.
 */
export function mergeValues(base: ValuesMap, over: ValuesMap): ValuesMap;
export function mergeValues(base: unknown, over: unknown): unknown;
export function mergeValues(base: unknown, over: unknown): unknown {
  if (!isJsonObject(base) || !isJsonObject(over)) return over;
  const out: ValuesMap = Object.create(null);
  for (const k of Object.keys(base)) out[k] = base[k];
  for (const k of Object.keys(over)) {
    const v = over[k];
    const mine = Object.prototype.hasOwnProperty.call(out, k) ? out[k] : undefined;
    out[k] = isJsonObject(mine) && isJsonObject(v) ? mergeValues(mine, v) : v;
  }
  return out;
}

const TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const NON_FINITE = /^([-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$/;

/** Characters YAML does not allow raw (outside its printable set). */
// eslint-disable-next-line no-control-regex
const NOT_PRINTABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A string as messages echo it: JSON-quoted, at most 80 characters. */
function quoted(s: string): string {
  const q = JSON.stringify(s);
  return q.length > 80 ? `${q.slice(0, 76)}..."` : q;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The value of an untagged plain scalar, as go-yaml v2 resolves it. */
export function resolvePlainScalar(s: string): unknown {
  if (NULLS.has(s)) return null;
  if (TRUE.has(s)) return true;
  if (FALSE.has(s)) return false;
  if (NON_FINITE.test(s)) return NaN; // the caller refuses it
  const first = s.charCodeAt(0);
  // only text that starts like a number is tried as one
  if (!(first === 43 || first === 45 || first === 46 || (first >= 48 && first <= 57))) return s;
  const plain = s.replace(/_/g, '');
  const m = /^([-+]?)(0b[01]+|0o[0-7]+|0x[0-9a-fA-F]+|0[0-7]+|0|[1-9][0-9]*)$/.exec(plain);
  if (m) {
    const body = m[2];
    let n: number;
    if (/^0[0-7]/.test(body)) n = parseInt(body.slice(1), 8);
    else if (/^0o/.test(body)) n = parseInt(body.slice(2), 8);
    else n = Number(body);
    n = m[1] === '-' ? -n : n;
    return n === 0 ? 0 : n; // no -0
  }
  if (FLOAT.test(plain)) {
    const n = Number(plain);
    if (!Number.isFinite(n)) return s; // out of range: go-yaml keeps the text
    return n === 0 ? 0 : n;
  }
  return s;
}

/**
 * Parses the text of a values file into a null-prototype map (an empty file
 * is an empty map). `source` names the file in errors, e.g. `values file 'v.yaml'`.
 */
export function parseValuesYaml(text: string, source: string): ValuesMap {
  const lines = new LineCounter();
  const at = (offset: number | undefined): string => {
    if (offset === undefined) return '';
    const p = lines.linePos(offset);
    return ` at line ${p.line}, column ${p.col}`;
  };
  const bad = NOT_PRINTABLE.exec(text);
  if (bad) {
    // the line counter is filled by the parser; count here
    const before = text.slice(0, bad.index);
    const line = before.split('\n').length;
    const col = bad.index - before.lastIndexOf('\n');
    const cp = bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    throw new ValuesYamlError(`${source} has the control character U+${cp} at line ${line}, column ${col}, which YAML does not allow raw (helm refuses it too); write it as an escape inside a double-quoted string, e.g. "\\u${cp}"`);
  }
  let docs;
  try {
    docs = parseAllDocuments(text, { lineCounter: lines, uniqueKeys: false, schema: 'failsafe', prettyErrors: false, merge: false, strict: false, keepSourceTokens: false });
  } catch (e) {
    if (e instanceof RangeError) throw new ValuesYamlError(`${source} is nested too deeply to read; flatten it`);
    throw e;
  }
  const list = Array.isArray(docs) ? docs : [];
  for (const d of list) {
    if (d.errors.length > 0) {
      const err = d.errors[0];
      if (/call stack/i.test(err.message)) throw new ValuesYamlError(`${source} is nested too deeply to read; flatten it`);
      throw new ValuesYamlError(`${source} is not valid YAML: ${err.message.split('\n')[0].replace(/[:.]\s*$/, '')}${at(err.pos?.[0])}`);
    }
  }
  const nonEmpty = list.filter(d => d.contents !== null && !(isScalar(d.contents) && d.contents.value === '' && d.contents.type === 'PLAIN' && !d.contents.tag));
  if (nonEmpty.length > 1) {
    throw new ValuesYamlError(`${source} holds ${nonEmpty.length} YAML documents (helm would read the first and silently ignore the rest); keep one document per values file, or pass each as its own --values`);
  }
  if (nonEmpty.length === 0) return Object.create(null);
  const reader = new Reader(source, at);
  const value = reader.read(nonEmpty[0].contents as Node, 0);
  if (value === null) return Object.create(null);
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ValuesYamlError(`${source} must hold a map of values, not ${Array.isArray(value) ? 'a list' : `a ${typeof value}`}; write key: value lines such as 'manager: {replicas: 3}'`);
  }
  return value as ValuesMap;
}

class Reader {
  private readonly anchors = new Map<string, Node>();
  private readonly expanding = new Set<string>();
  private aliasNodes = 0;
  private inAlias = 0;

  public constructor(private readonly source: string, private readonly at: (offset: number | undefined) => string) {}

  private fail(problem: string, node: Node | undefined, fix: string): never {
    throw new ValuesYamlError(`${this.source} ${problem}${this.at(node?.range?.[0])}; ${fix}`);
  }

  public read(node: Node | null, depth: number): unknown {
    if (node === null || node === undefined) return null;
    if (depth > MAX_DEPTH) this.fail(`nests maps and lists more than ${MAX_DEPTH} deep`, node, 'flatten it');
    if (this.inAlias > 0 && ++this.aliasNodes > MAX_ALIAS_NODES) {
      this.fail(`expands its aliases into more than ${MAX_ALIAS_NODES} nodes`, node, 'use fewer or smaller aliases');
    }
    if (isAlias(node)) return this.alias(node, depth);
    if (node.anchor) this.anchors.set(node.anchor, node);
    if (isScalar(node)) return this.scalar(node);
    if (isMap(node)) return this.map(node, depth);
    if (isSeq(node)) return this.seq(node, depth);
    return this.fail('has a node of an unknown kind', node, 'write plain maps, lists and scalars');
  }

  private alias(node: Alias, depth: number): unknown {
    const name = node.source;
    const target = this.anchors.get(name);
    if (!target) this.fail(`refers to the unknown anchor ${quoted(name)}`, node, 'define the anchor (&name) before the alias (*name)');
    if (this.expanding.has(name)) this.fail(`has the anchor ${quoted(name)} inside its own value`, node, 'an alias cannot refer to the node that contains it');
    this.expanding.add(name);
    this.inAlias++;
    try {
      return this.read(target, depth);
    } finally {
      this.inAlias--;
      this.expanding.delete(name);
    }
  }

  private scalar(node: Scalar): unknown {
    const raw = node.value;
    const text = typeof raw === 'string' ? raw : String(raw);
    const tag = node.tag;
    let value: unknown;
    if (tag === 'tag:yaml.org,2002:str') {
      value = text;
    } else if (tag === 'tag:yaml.org,2002:binary') {
      const bytes = raw instanceof Uint8Array ? raw : Buffer.from(text.replace(/\s+/g, ''), 'base64');
      try {
        value = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        this.fail('has !!binary data that is not UTF-8 text', node, 'values are text; give the data as a string');
      }
    } else if (node.type === 'PLAIN' || (tag !== undefined && tag.startsWith('tag:yaml.org,2002:'))) {
      value = resolvePlainScalar(text);
      const want = tag?.slice('tag:yaml.org,2002:'.length);
      if (want === 'int' && !(typeof value === 'number' && Number.isInteger(value))) this.fail(`tags ${quoted(text)} as !!int`, node, 'give a whole number or drop the tag');
      if (want === 'float' && typeof value !== 'number') this.fail(`tags ${quoted(text)} as !!float`, node, 'give a number or drop the tag');
      if (want === 'bool' && typeof value !== 'boolean') this.fail(`tags ${quoted(text)} as !!bool`, node, 'give true or false or drop the tag');
      if (want === 'null' && value !== null) this.fail(`tags ${quoted(text)} as !!null`, node, 'give null or drop the tag');
    } else {
      value = text;
    }
    if (typeof value === 'string' && LONE_SURROGATE.test(value)) {
      this.fail('has an escape of a lone UTF-16 surrogate, which is not a character (helm refuses it too)', node, 'write the character itself, or a pair as \\U0001F600');
    }
    if (typeof value === 'number' && Number.isNaN(value)) {
      this.fail(`has ${quoted(text)}, which JSON, helm and Kubernetes cannot hold`, node, 'give a finite number, or quote it to make it a string');
    }
    return value;
  }

  private key(node: unknown): string {
    if (node === null || node === undefined) this.fail('has an empty key', undefined, 'give every entry a key');
    let k: unknown;
    if (isAlias(node)) {
      k = this.read(node, 0);
    } else if (isScalar(node)) {
      k = this.scalar(node);
    } else {
      this.fail('has a map or list as a key', node as Node, 'keys must be strings');
    }
    if (k === null) this.fail('has a null key', isScalar(node) ? node : undefined, 'give the key as a string');
    if (typeof k === 'object') this.fail('has a map or list as a key', node as Node, 'keys must be strings');
    return String(k);
  }

  private map(node: YAMLMap, depth: number): ValuesMap {
    const out: ValuesMap = Object.create(null);
    const explicit = new Set<string>();
    for (const pair of node.items) {
      const keyNode = pair.key as Node | null;
      if (isScalar(keyNode) && keyNode.type === 'PLAIN' && !keyNode.tag && keyNode.value === '<<') {
        this.merge(pair.value as Node, out, depth);
        continue;
      }
      const key = this.key(keyNode);
      if (explicit.has(key)) {
        this.fail(`has the key ${quoted(key)} twice in one map`, keyNode ?? undefined, 'keep one (helm would silently keep the last)');
      }
      explicit.add(key);
      out[key] = this.read(pair.value as Node | null, depth + 1);
    }
    return out;
  }

  /** go-yaml v2: a merged map sets its keys (a list of maps: the first wins); later explicit keys override. */
  private merge(node: Node | null, out: ValuesMap, depth: number): void {
    const sources: unknown[] = [];
    const target = isAlias(node) ? this.anchors.get(node.source) : node;
    if (isSeq(target)) {
      for (const item of target.items) sources.push(this.read(item as Node, depth + 1));
      sources.reverse();
    } else {
      sources.push(this.read(node, depth + 1));
    }
    for (const s of sources) {
      if (s === null || typeof s !== 'object' || Array.isArray(s)) {
        this.fail('merges (<<) something that is not a map', node ?? undefined, 'merge a map or a list of maps');
      }
      for (const k of Object.keys(s as object)) out[k] = (s as ValuesMap)[k];
    }
  }

  private seq(node: YAMLSeq, depth: number): unknown[] {
    return node.items.map(item => {
      if (isPair(item)) { // `[a: 1]`: a one-entry map
        const m: ValuesMap = Object.create(null);
        m[this.key(item.key)] = this.read(item.value as Node | null, depth + 2);
        return m;
      }
      return this.read(item as Node | null, depth + 1);
    });
  }
}
