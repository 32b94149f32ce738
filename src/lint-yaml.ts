/**
 * A fast reader for the YAML that manifests are usually written in (block
 * maps and lists, plain and quoted scalars, one-line flow collections, literal
 * and folded block scalars), for kruise-lint's throughput on large inputs.
 *
 * Scalars resolve as Kubernetes reads manifests (go-yaml v2: `yes` is true,
 * `0644` is octal; see resolvePlain). For every document it accepts it gives
 * the same value as kruise-lint's full reader (the `yaml` library with its
 * YAML 1.1 schema minus timestamps and sexagesimal numbers, `parseYamlDocument`
 * in cli-lint.ts), and declines (returns undefined) anything else: anchors,
 * aliases, tags, merge keys, complex keys, flow collections over several
 * lines, tabs in indentation, duplicate keys, keys that are not strings,
 * directives, CR line ends. The caller then uses the full reader, which also
 * reports the errors.
 *
 * One document at a time (kruise-lint splits streams at their markers).
 * Test: test/cli/lint-yaml.test.ts compares the two readers.
 */

import { JsonObject } from './base/json';
import { resolvePlainScalar } from './install/values-yaml';

/** Thrown inside the reader when the text is outside what it handles. */
class Decline extends Error {}

const decline = (): never => {
  throw new Decline();
};

/** Characters the `yaml` library treats specially outside the printable set: leave them to it. */
// eslint-disable-next-line no-control-regex
const ODD_CHARACTERS = /[\u0000-\u0008\u000B-\u001F\u007F\uFEFF]/;

/** The value of one YAML document (text without other documents), or undefined to use the full parser. */
export function parseFastYaml(text: string): { value: unknown; firstLine: number } | undefined {
  if (ODD_CHARACTERS.test(text)) return undefined;
  try {
    return new Reader(text).document();
  } catch (e) {
    if (e instanceof Decline) return undefined;
    throw e;
  }
}

/**
 * The numbers of the `yaml` library's YAML 1.1 schema (the full reader's), to
 * decline the few plain scalars it reads otherwise than Kubernetes' reader.
 */
const LIB_NUMBERS = [
  /^[-+]?0b[0-1_]+$/, /^[-+]?0[0-7_]+$/, /^[-+]?[0-9][0-9_]*$/, /^[-+]?0x[0-9a-fA-F_]+$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/, /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
];

/** First characters of the null and boolean words of go-yaml v2 (`~`, `y`/`yes`, `n`/`no`, `true`, `false`, `on`/`off`, any case). */
const WORD_STARTS = new Set([...'~yYnNtTfFoO'].map(ch => ch.charCodeAt(0)));

/**
 * A plain scalar's value as Kubernetes reads manifests (sigs.k8s.io/yaml, go-yaml
 * v2, YAML 1.1 style: `yes`/`on` are booleans, `0644` is octal, timestamps stay
 * strings), through the chart-values reader's resolver. Declines non-finite
 * numbers (JSON cannot hold them) and the rare scalars the full reader would
 * read differently (`0o17`, a lone `.`).
 */
export function resolvePlain(s: string): unknown {
  const c = s.charCodeAt(0);
  const numeric = c === 43 || c === 45 || c === 46 || (c >= 48 && c <= 57);
  // Only the empty string and words starting with ~ y n t f o (either case) can be null or a boolean.
  if (!numeric && s !== '' && !WORD_STARTS.has(c)) return s;
  const v = resolvePlainScalar(s);
  if (numeric) {
    const isNumber = typeof v === 'number';
    if (isNumber !== LIB_NUMBERS.some(r => r.test(s)) || (isNumber && !Number.isFinite(v))) decline();
    if (v === 0 && c === 45) decline(); // -0: the full reader keeps the sign (JSON writes 0 either way)
  }
  return v;
}

const ESCAPES: { [c: string]: string } = {
  '0': '\0',
  'a': '\x07',
  'b': '\b',
  't': '\t',
  '\t': '\t',
  'n': '\n',
  'v': '\v',
  'f': '\f',
  'r': '\r',
  'e': '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  'N': '\u0085',
  '_': '\u00a0',
  'L': '\u2028',
  'P': '\u2029',
};

/**
 * Sets a map entry as the `yaml` library does (an own property, also for
 * `__proto__` and other names objects inherit). `keys` holds the keys set so
 * far; a duplicate declines (the yaml library reports it).
 */
function setKey(map: JsonObject, key: string, value: unknown, keys: string[]): void {
  if (keys.length < 16 ? keys.includes(key) : Object.prototype.hasOwnProperty.call(map, key)) decline();
  keys.push(key);
  if (key in Object.prototype) {
    Object.defineProperty(map, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    map[key] = value;
  }
}

/** Nesting this reader follows; deeper documents go to the yaml library (and kruise-lint's depth limit). */
const MAX_DEPTH = 256;

class Reader {
  private readonly lines: string[];
  private i = 0;
  private depth = 0;

  public constructor(text: string) {
    if (text.includes('\r')) decline();
    this.lines = text.split('\n');
    // The text after the last line break is no line of its own.
    if (this.lines.length > 1 && this.lines[this.lines.length - 1] === '') this.lines.pop();
  }

  public document(): { value: unknown; firstLine: number } {
    this.skip();
    if (this.end()) return { value: null, firstLine: 1 };
    let line = this.lines[this.i];
    if (line.startsWith('---')) {
      const rest = line.slice(3);
      if (rest !== '' && !/^[ ]+(#.*)?$/.test(rest)) decline();
      this.i++;
      this.skip();
      if (this.end()) return { value: null, firstLine: this.i };
      line = this.lines[this.i];
    }
    if (line.startsWith('%') || line.startsWith('---')) decline();
    const firstLine = this.i + 1;
    const value = this.block(-1);
    this.skip();
    if (!this.end()) {
      if (!isDocumentEnd(this.lines[this.i])) decline();
      this.i++;
      this.skip();
      if (!this.end()) decline();
    }
    return { value, firstLine };
  }

  private end(): boolean {
    return this.i >= this.lines.length;
  }

  /** Moves past blank and comment-only lines. */
  private skip(): void {
    while (this.i < this.lines.length) {
      const l = this.lines[this.i];
      const ind = indentOf(l);
      if (ind < l.length && l[ind] !== '#') {
        if (l[ind] === '\t') decline();
        return;
      }
      this.i++;
    }
  }

  /** The node starting at the current (content) line, more indented than `parent`. */
  private block(parent: number): unknown {
    if (++this.depth > MAX_DEPTH) decline();
    try {
      return this.node(parent);
    } finally {
      this.depth--;
    }
  }

  private node(parent: number): unknown {
    const line = this.lines[this.i];
    const ind = indentOf(line);
    const content = line.slice(ind);
    if (isSeqEntry(content)) return this.seq(ind);
    if (keyOf(content) !== undefined) return this.map(ind);
    if (content[0] === '|' || content[0] === '>') decline();
    return this.scalar(content, parent);
  }

  /**
   * A scalar or flow collection whose text starts with `r` on the current line
   * (its node's parent at indent `parent`): plain and quoted scalars may go on
   * over the following, more indented lines. Moves past it.
   */
  private scalar(r: string, parent: number): unknown {
    const c0 = r[0];
    if (c0 === '"' || c0 === "'") return this.quoted(r, parent);
    if (c0 === '[' || c0 === '{') {
      const { value, end } = flowNode(r, 0);
      trailer(r.slice(end));
      this.i++;
      this.noContinuation(parent);
      return value;
    }
    const { text, comment } = plainLine(r);
    this.i++;
    // Continuation lines (folded: one space per line break, a line break per empty line).
    let out = text;
    let empties = 0;
    let j = this.i;
    let last = this.i;
    for (; j < this.lines.length; j++) {
      const l = this.lines[j];
      const ind = indentOf(l);
      if (ind === l.length) {
        empties++;
        continue;
      }
      if (ind <= parent) break;
      if (comment) decline(); // text after a comment line cannot continue the scalar
      const t = l.slice(ind).replace(/[ \t]+$/, '');
      if (t[0] === '#') break; // a comment line ends it (deeper text after it is left to the caller, which declines)
      if (t[0] === '\t') decline();
      const more = plainLine(t);
      if (more.comment || more.text !== t) decline();
      out += empties > 0 ? '\n'.repeat(empties) : ' ';
      out += t;
      empties = 0;
      last = j + 1;
    }
    if (last > this.i) {
      this.i = last;
      return out; // a folded plain scalar is never a number, boolean or null once it holds a space or line break
    }
    return resolvePlain(text);
  }

  /** A quoted scalar starting with `r` on the current line, maybe over several lines. */
  private quoted(r: string, parent: number): string {
    const double = r[0] === '"';
    let raw = r;
    let j = this.i;
    for (;;) {
      const close = closingQuote(raw, double);
      if (close >= 0) {
        trailer(raw.slice(close + 1));
        this.i = j + 1;
        this.noContinuation(parent);
        return double ? foldDoubleQuoted(raw.slice(1, close)) : foldSingleQuoted(raw.slice(1, close));
      }
      j++;
      if (j >= this.lines.length) decline();
      const l = this.lines[j];
      const ind = indentOf(l);
      if (ind < l.length && ind <= parent) decline();
      raw += `\n${l}`;
    }
  }

  /** After a one-line value: a following line more indented than the parent would continue it (declined). */
  private noContinuation(parent: number): void {
    this.skip();
    if (!this.end() && indentOf(this.lines[this.i]) > parent) decline();
  }

  private map(ind: number): JsonObject {
    const out: JsonObject = {};
    const keys: string[] = [];
    for (;;) {
      this.skip();
      if (this.end()) break;
      const line = this.lines[this.i];
      const li = indentOf(line);
      if (li < ind || isDocumentEnd(line)) break;
      if (li > ind) decline();
      const content = line.slice(ind);
      if (isSeqEntry(content)) {
        decline();
      }
      const k = keyOf(content);
      if (k === undefined) decline();
      setKey(out, k!.key, this.afterIndicator(k!.rest, ind, true), keys);
    }
    return out;
  }

  private seq(ind: number): unknown[] {
    const out: unknown[] = [];
    for (;;) {
      this.skip();
      if (this.end()) break;
      const line = this.lines[this.i];
      const li = indentOf(line);
      if (li < ind || isDocumentEnd(line)) break;
      if (li > ind) decline();
      const content = line.slice(ind);
      if (!isSeqEntry(content)) break;
      const after = content.slice(1);
      const sp = indentOf(after);
      const r = after.slice(sp);
      if (r !== '' && r[0] !== '#' && (isSeqEntry(r) || keyOf(r) !== undefined)) {
        // A compact nested node (`- name: x`, `- - a`): it starts at the column of its text.
        if (r[0] === '\t') decline();
        this.lines[this.i] = ' '.repeat(ind + 1 + sp) + r;
        out.push(this.block(ind));
        continue;
      }
      out.push(this.afterIndicator(after, ind, false));
    }
    return out;
  }

  /**
   * The value after `key:` or `-` on the current line (`rest`), for a node at
   * indent `ind`; moves past it.
   */
  private afterIndicator(rest: string, ind: number, inMap: boolean): unknown {
    if (rest !== '' && rest[0] !== ' ') decline(); // `key:\tvalue` and the like
    const r = rest.trimStart();
    if (r === '' || r[0] === '#') {
      this.i++;
      this.skip();
      if (this.end()) return null;
      const next = this.lines[this.i];
      const ni = indentOf(next);
      if (ni > ind) return this.block(ind);
      // A list may sit at its key's own indent.
      if (inMap && ni === ind && isSeqEntry(next.slice(ni))) return this.seq(ind);
      return null;
    }
    if (r[0] === '|' || r[0] === '>') return this.blockScalar(r, ind);
    return this.scalar(r, ind);
  }

  /** A literal (`|`) or folded (`>`) block scalar whose header is `header`, under a node at indent `ind`. */
  private blockScalar(header: string, ind: number): string {
    const m = /^([|>])([-+]?)([ ]+#.*|[ ]*)$/.exec(header);
    if (!m) decline();
    const [, style, chomp] = m!;
    this.i++;
    const lines = this.lines;
    // The content indent: the first line with text.
    let k = this.i;
    while (k < lines.length && lines[k].trim() === '') k++;
    if (k >= lines.length) decline();
    const ci = indentOf(lines[k]);
    if (ci <= ind || lines[k][ci] === '\t') decline();
    const body: string[] = [];
    let j = this.i;
    for (; j < lines.length; j++) {
      const l = lines[j];
      if (l.trim() === '') {
        if (l.length > ci || l.includes('\t')) decline();
        body.push('');
        continue;
      }
      if (indentOf(l) < ci) break;
      body.push(l.slice(ci));
    }
    this.i = j;
    let trailing = 0;
    while (body.length > 0 && body[body.length - 1] === '') {
      body.pop();
      trailing++;
    }
    let text: string;
    if (style === '|') {
      text = body.join('\n');
    } else {
      if (body.some(l => l[0] === ' ' || l[0] === '\t')) decline(); // more-indented lines fold differently
      text = '';
      let empty = 0;
      body.forEach((l, idx) => {
        if (l === '') {
          empty++;
          return;
        }
        if (idx > 0) text += empty === 0 ? ' ' : '\n'.repeat(empty);
        empty = 0;
        text += l;
      });
    }
    if (chomp === '-') return text;
    if (chomp === '+') return `${text}\n${'\n'.repeat(trailing)}`;
    return `${text}\n`;
  }
}

function isDocumentEnd(line: string): boolean {
  return /^\.\.\.([ ]+(#.*)?)?$/.test(line);
}

/** Leading spaces of a line. */
function indentOf(l: string): number {
  let n = 0;
  while (n < l.length && l.charCodeAt(n) === 32) n++;
  return n;
}

function isSeqEntry(content: string): boolean {
  if (content[0] !== '-') return false;
  if (content.length === 1 || content[1] === ' ') return true;
  if (content[1] === '\t') decline();
  return false;
}

/** `key: rest` of a map line, or undefined when the line is not a key line. */
function keyOf(content: string): { key: string; rest: string } | undefined {
  const c0 = content[0];
  if (c0 === '"' || c0 === "'") {
    if (closingQuote(content, c0 === '"') < 0) return undefined; // a quoted scalar over several lines: a value
    const { value, end } = c0 === '"' ? doubleQuoted(content, 0) : singleQuoted(content, 0);
    const after = content.slice(end);
    if (after[0] !== ':') {
      if (/^[ ]*:/.test(after)) decline();
      return undefined;
    }
    if (after.length > 1 && after[1] !== ' ') decline();
    return { key: value, rest: after.slice(1) };
  }
  if (c0 === '?' || c0 === '&' || c0 === '!' || c0 === '*' || c0 === '%' || c0 === '@' || c0 === '`') decline();
  if (c0 === '[' || c0 === '{' || c0 === '#' || c0 === '|' || c0 === '>' || c0 === ',' || c0 === ']' || c0 === '}') return undefined;
  let j = content.indexOf(':');
  while (j >= 0 && !(j + 1 === content.length || content[j + 1] === ' ')) {
    if (content[j + 1] === '\t') decline();
    j = content.indexOf(':', j + 1);
  }
  if (j < 0) return undefined;
  const keyText = content.slice(0, j);
  if (keyText.includes(' #') || keyText.includes('\t#')) return undefined; // the colon is inside a comment
  if (keyText === '' || keyText !== keyText.trimEnd()) decline();
  if ((c0 === '-' || c0 === ':') && (keyText.length === 1 || keyText[1] === ' ')) decline();
  if (keyText === '<<' || typeof resolvePlain(keyText) !== 'string') decline();
  return { key: keyText, rest: content.slice(j + 1) };
}

/** The text of a plain scalar's first line (`r` trimmed at the start), and whether a comment follows it. */
function plainLine(r: string): { text: string; comment: boolean } {
  const c0 = r[0];
  if ('&*!?%@`|>,[]{}#"\''.includes(c0)) decline();
  if ((c0 === '-' || c0 === ':') && (r.length === 1 || r[1] === ' ' || r[1] === '\t')) decline();
  const at = commentStart(r);
  const text = (at >= 0 ? r.slice(0, at) : r).replace(/[ \t]+$/, '');
  if (text.includes(': ') || text.includes(':\t') || text.endsWith(':') || text.includes(' \t') || text.includes('\t ')) decline();
  return { text, comment: at >= 0 };
}

/** Where a comment starts in plain text (` #` or tab-#), or -1. */
function commentStart(r: string): number {
  const a = r.indexOf(' #');
  const b = r.indexOf('\t#');
  return a < 0 ? b : b < 0 ? a : Math.min(a, b);
}

/** The index of the quote that closes a quoted scalar starting at 0, or -1. */
function closingQuote(raw: string, double: boolean): number {
  for (let k = 1; k < raw.length; k++) {
    const c = raw[k];
    if (double) {
      if (c === '\\') k++;
      else if (c === '"') return k;
    } else if (c === "'") {
      if (raw[k + 1] === "'") k++;
      else return k;
    }
  }
  return -1;
}

/**
 * Line folding of a quoted scalar's text: white space around a line break
 * goes; the break becomes a space, or one line break per empty line.
 */
function fold(body: string, piece: (segment: string) => string): string {
  const lines = body.split('\n');
  if (lines.length === 1) return piece(lines[0]);
  let out = '';
  let empties = 0;
  lines.forEach((l, idx) => {
    let t = l;
    if (idx > 0) t = t.replace(/^[ \t]+/, '');
    if (idx < lines.length - 1) t = t.replace(/[ \t]+$/, '');
    if (idx > 0 && idx < lines.length - 1 && t === '') {
      empties++;
      return;
    }
    if (idx > 0) out += empties > 0 ? '\n'.repeat(empties) : ' ';
    empties = 0;
    out += piece(t);
  });
  return out;
}

function foldSingleQuoted(body: string): string {
  return fold(body, t => t.replace(/''/g, "'"));
}

function foldDoubleQuoted(body: string): string {
  // Escaped line breaks and escaped white space at a line's end are beyond this reader.
  if (/\\[ \t]*\n/.test(body) || /\\[ \t]$/m.test(body)) decline();
  return fold(body, t => doubleQuoted(`"${t}"`, 0).value);
}

/** What may follow a quoted scalar or flow collection on its line: nothing, or a comment. */
function trailer(rest: string): void {
  if (!/^([ ]+(#.*)?)?$/.test(rest)) decline();
}

function doubleQuoted(s: string, start: number): { value: string; end: number } {
  let out = '';
  let k = start + 1;
  for (;;) {
    if (k >= s.length) decline(); // goes on to the next line
    const c = s[k];
    if (c === '"') return { value: out, end: k + 1 };
    if (c === '\\') {
      const e = s[k + 1];
      if (e === undefined) decline();
      if (e === 'x' || e === 'u' || e === 'U') {
        const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
        const hex = s.slice(k + 2, k + 2 + len);
        if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) decline();
        const cp = parseInt(hex, 16);
        if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) decline();
        out += String.fromCodePoint(cp);
        k += 2 + len;
        continue;
      }
      const r = ESCAPES[e];
      if (r === undefined) decline();
      out += r;
      k += 2;
      continue;
    }
    out += c;
    k++;
  }
}

function singleQuoted(s: string, start: number): { value: string; end: number } {
  let out = '';
  let k = start + 1;
  for (;;) {
    const q = s.indexOf("'", k);
    if (q < 0) decline();
    out += s.slice(k, q);
    if (s[q + 1] === "'") {
      out += "'";
      k = q + 2;
      continue;
    }
    return { value: out, end: q + 1 };
  }
}

function spaces(s: string, k: number): number {
  while (s[k] === ' ') k++;
  if (s[k] === '\t') decline();
  return k;
}

/** A flow collection or scalar inside a one-line flow collection. */
function flowNode(s: string, k: number, depth = 0): { value: unknown; end: number } {
  if (depth > MAX_DEPTH) decline();
  const c = s[k];
  if (c === '[') {
    const out: unknown[] = [];
    k = spaces(s, k + 1);
    while (s[k] !== ']') {
      const item = flowNode(s, k, depth + 1);
      k = spaces(s, item.end);
      if (s[k] === ':') decline(); // `[a: b]`: a pair
      out.push(item.value);
      if (s[k] === ',') k = spaces(s, k + 1);
      else if (s[k] !== ']') decline();
    }
    return { value: out, end: k + 1 };
  }
  if (c === '{') {
    const out: JsonObject = {};
    const keys: string[] = [];
    k = spaces(s, k + 1);
    while (s[k] !== '}') {
      const key = flowNode(s, k, depth + 1);
      if (typeof key.value !== 'string' || s[k] === '[' || s[k] === '{') decline();
      k = spaces(s, key.end);
      let value: unknown = null;
      if (s[k] === ':') {
        if (!(s[k + 1] === ' ' || s[k + 1] === ',' || s[k + 1] === '}' || s[k - 1] === '"' || s[k - 1] === "'")) decline();
        k = spaces(s, k + 1);
        if (s[k] !== ',' && s[k] !== '}') {
          const v = flowNode(s, k, depth + 1);
          value = v.value;
          k = spaces(s, v.end);
        }
      }
      if (key.value === '<<') decline();
      setKey(out, key.value as string, value, keys);
      if (s[k] === ',') k = spaces(s, k + 1);
      else if (s[k] !== '}') decline();
    }
    return { value: out, end: k + 1 };
  }
  if (c === '"') return doubleQuoted(s, k);
  if (c === "'") return singleQuoted(s, k);
  if (c === undefined || '&*!?%@`|>#,[]{}'.includes(c)) decline();
  if ((c === '-' || c === ':') && (s[k + 1] === ' ' || s[k + 1] === undefined)) decline();
  let j = k;
  for (; j < s.length; j++) {
    const x = s[j];
    if (x === ',' || x === '[' || x === ']' || x === '{' || x === '}') break;
    if (x === ':' && (s[j + 1] === ' ' || s[j + 1] === ',' || s[j + 1] === ']' || s[j + 1] === '}' || s[j + 1] === undefined)) break;
    if (x === '#' && (s[j - 1] === ' ')) decline();
    if (x === '\t') decline();
  }
  const text = s.slice(k, j).replace(/ +$/, '');
  if (text === '') decline();
  return { value: resolvePlain(text), end: j };
}
