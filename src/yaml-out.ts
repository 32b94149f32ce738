/**
 * A small, fast YAML writer for plain JSON data (what Kubernetes manifests
 * are after cdk8s resolves them): maps, lists, strings, numbers, booleans,
 * null. Used by the kruise-synth CLI, where the general-purpose `yaml`
 * package's stringify dominated the run time.
 *
 * The output is deterministic (keys in the order given, which cdk8s sorts)
 * and conservative: a string is written plain only when it cannot be read
 * back as anything but that string under YAML 1.1 or 1.2; otherwise it is
 * written as a JSON string, which is a valid YAML double-quoted scalar, with
 * the characters JSON leaves raw but YAML readers reject (DEL, C1 controls,
 * U+FFFE...) escaped too: the output never holds a raw control character.
 */

import { JsonObject } from './base/json';
import { checkedPlainYaml } from './validation/object-checks';

/** Plain-safe: starts with a letter or `_`, then letters, digits and `_./-` only. */
const PLAIN = /^[A-Za-z_][A-Za-z0-9_./-]*$/;
/** Words YAML 1.1 reads as booleans or null, in any case. */
const RESERVED = new Set(['y', 'n', 'yes', 'no', 'on', 'off', 'true', 'false', 'null']);

/**
 * Characters JSON.stringify leaves raw that YAML readers reject or reinterpret:
 * DEL and C1 controls (go-yaml: "control characters are not allowed"), NEL and
 * the Unicode line/paragraph separators (line breaks in YAML 1.1), the BOM and
 * the non-characters U+FFFE and U+FFFF. Written as YAML escapes instead.
 */
const RAW_UNSAFE = /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * A YAML double-quoted scalar of any string: JSON's escapes (all C0 controls,
 * `"` and `\\`) plus escapes for RAW_UNSAFE, so that the output holds no raw
 * control character. A lone UTF-16 surrogate has no UTF-8 form (and go-yaml
 * rejects its escape): it is an error.
 */
export function quoteString(value: string): string {
  if (LONE_SURROGATE.test(value)) {
    const i = value.search(LONE_SURROGATE);
    throw new Error(`cannot write ${JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value)} as YAML: it holds a lone UTF-16 surrogate (U+${value.charCodeAt(i).toString(16).toUpperCase()}) at index ${i}, which is not a character`);
  }
  return JSON.stringify(value).replace(RAW_UNSAFE, c => {
    const n = c.charCodeAt(0);
    return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
  });
}

function scalar(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return PLAIN.test(value) && !RESERVED.has(value.toLowerCase()) ? value : quoteString(value);
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`cannot write ${value} as YAML: JSON and Kubernetes have no such number`);
      return Object.is(value, -0) ? '0' : String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      throw new Error(`cannot write a ${typeof value} as YAML`);
  }
}

function isCollection(v: unknown): v is JsonObject | unknown[] {
  return typeof v === 'object' && v !== null;
}

/** An empty list, or a map without a defined value (undefined values are skipped, as in JSON). */
function isEmpty(v: JsonObject | unknown[]): boolean {
  if (Array.isArray(v)) return v.length === 0;
  for (const k in v) {
    if (v[k] !== undefined) return false;
  }
  return true;
}

/** Map keys repeat across a manifest (type, properties, description...): their scalars are cached. */
const KEYS = new Map<string, string>();

function keyScalar(key: string): string {
  let k = KEYS.get(key);
  if (k === undefined) {
    k = scalar(key);
    KEYS.set(key, k);
  }
  return k;
}

/** An empty collection or a scalar, as written after `key: ` or `- `. */
function leaf(v: unknown): string {
  return isCollection(v) ? (Array.isArray(v) ? '[]' : '{}') : scalar(v);
}

/**
 * The writer appends to one string: `first` starts the first line (the
 * indentation, or a list item's `- `), `indent` every other line.
 */
let out = '';

function writeMap(map: JsonObject, indent: string, first: string): void {
  let prefix = first;
  const inner = `${indent}  `; // a nested map's indentation, the same for every entry
  for (const key of Object.keys(map)) {
    const v = map[key];
    if (v === undefined) continue;
    // Plain data made and checked at build time comes with its YAML, written then by this
    // writer (a non-empty map); looked up first, so that data made lazily is not made.
    const text = isCollection(v) && !Array.isArray(v) ? checkedPlainYaml(v, inner) : undefined;
    if (text !== undefined) {
      out += `${prefix}${keyScalar(key)}:\n${text}`;
    } else if (isCollection(v) && !isEmpty(v)) {
      out += `${prefix}${keyScalar(key)}:\n`;
      if (Array.isArray(v)) writeSeq(v, indent, indent);
      else writeMap(v, inner, inner);
    } else {
      out += `${prefix}${keyScalar(key)}: ${leaf(v)}\n`;
    }
    prefix = indent;
  }
}

function writeSeq(seq: unknown[], indent: string, first: string): void {
  let prefix = first;
  for (const item of seq) {
    // The first entry of a map item, or of a nested list, goes on the dash line.
    if (isCollection(item) && !isEmpty(item)) {
      if (Array.isArray(item)) writeSeq(item, `${indent}  `, `${prefix}- `);
      else writeMap(item, `${indent}  `, `${prefix}- `);
    } else {
      out += `${prefix}- ${leaf(item)}\n`;
    }
    prefix = indent;
  }
}

/**
 * The entries of a non-empty map as written under a key at `indent` (each
 * line starting with `indent`): what the build precomputes for plain data.
 * @internal
 */
export function mapEntriesYaml(map: JsonObject, indent: string): string {
  out = '';
  writeMap(map, indent, indent);
  const text = out;
  out = '';
  return text;
}

/** One YAML document (no leading `---`), ending with a newline. */
export function toYaml(doc: unknown): string {
  if (!isCollection(doc)) return `${scalar(doc)}\n`;
  if (isEmpty(doc)) return Array.isArray(doc) ? '[]\n' : '{}\n';
  out = '';
  if (Array.isArray(doc)) writeSeq(doc, '', '');
  else writeMap(doc, '', '');
  const text = out;
  out = '';
  return text;
}

/** Several documents, separated by `---` lines. */
export function toYamlDocuments(docs: unknown[]): string {
  return docs.map(toYaml).join('---\n');
}
