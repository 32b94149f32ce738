/**
 * The YAML text cdk8s writes for one manifest, made directly from plain JSON.
 *
 * cdk8s's `Yaml.stringify` hands each document to the `yaml` package (YAML
 * 1.1 schema, `lineWidth: 0`, so nothing is folded), which first builds a
 * node tree of the whole document and then prints it: for an app of plain
 * manifests that is most of `synthYaml()`. The text it prints for plain JSON
 * follows a few fixed rules, and this writer applies them without the tree:
 *
 * - block maps and lists, two spaces per level, list items indented under
 *   their key (`key:\n  - item`), a map in a list starting on the dash line;
 * - an empty map or list as `{}` or `[]`;
 * - `null`, `true`, `false`, numbers as JSON writes them (`-0` as `-0`);
 * - a string plain when the YAML 1.1 schema reads it back as that string;
 *   else quoted the way `yaml` quotes it (single quotes around a string that
 *   holds `"` but no `'`, else JSON's double quotes); a multi-line string as
 *   a literal block (`|-` or `|`).
 *
 * Anything outside those rules gives `undefined`, and the caller prints that
 * document with `yaml` itself: a multi-line key, a multi-line string that
 * starts with a blank or ends in white space or in several line breaks, a
 * control character, a surrogate, an escape inside quotes; a key that starts
 * with a document marker (`---`, `...`, `%`) or is over 1,024 characters;
 * a string another tag claims (the merge key `<<`);
 * undefined values; objects that are not plain (class instances, dates);
 * non-finite numbers; an object or list that appears twice in the document
 * (`yaml` writes an anchor and an alias). So the result is either exactly
 * what cdk8s writes or nothing; `test/base/cdk8s-yaml.test.ts` compares the
 * two on every reference manifest and on generated edge cases.
 *
 * Bottom layer: which strings the schema reads as something else (numbers,
 * booleans, null, timestamps...) comes from the caller, taken from the
 * `yaml` package's own 1.1 schema (see `src/validation/synth-yaml.ts`).
 */

/** What the writer needs to know of the YAML schema. */
export interface YamlScalarRules {
  /** Whether a plain scalar with this text would be read as something other than a string (a number, a boolean, null...). */
  readonly resolvesAsOther: (text: string) => boolean;
  /** Whether a tag other than the string tag claims this string (YAML 1.1's merge key `<<`): left to `yaml`. */
  readonly claimedByOtherTag: (text: string) => boolean;
}

/** Thrown inside the writer for a value outside its rules (see the module comment); never escapes it. */
class Unsupported {}
const UNSUPPORTED = new Unsupported();

/**
 * Text that cannot be a plain scalar in block context: it starts with an
 * indicator or white space, is a lone `-` or `?` (or one followed by a
 * blank), holds `: ` or a line break before a blank, a blank before a line
 * break or a `#` after a blank, or ends with a blank or `:`.
 */
const NOT_PLAIN = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
/** Characters `yaml` writes with escapes in double quotes (C0 controls but tab and line feed, DEL, C1 controls, surrogates): left to `yaml`. */
const ESCAPED = /[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]/;
/** A document marker at the start (`yaml` quotes such a key at the top level only; left to it). */
const DOCUMENT_MARKER = /^(?:%|---|\.\.\.)/;
/** The longest implicit key `yaml` writes; a longer one becomes an explicit `? key`. */
const MAX_IMPLICIT_KEY = 1024;

/** The most keys a writer caches: keys repeat across manifests, and few are unique. */
const KEY_CACHE_LIMIT = 50_000;
/**
 * The most short values a writer caches. The values that repeat (kinds, images,
 * label values) come up in the first manifests; past that, most new values are
 * names, written once, which a larger cache would only hold until the synthesis
 * ends (22,000 entries for 10,000 workloads).
 */
const VALUE_CACHE_LIMIT = 4_096;

/** The rendered scalars of one writer (see cdk8sYamlWriter): they live as long as it does. */
interface ScalarCaches {
  readonly keys: Map<string, string>;
  readonly values: Map<string, string>;
}

/**
 * A multi-line string value as `yaml` writes it: a literal block (`|`) at
 * `indent`, stripped (`|-`) when the text does not end in a line break,
 * clipped (`|`) when it ends in exactly one. Text that starts with a blank or
 * a line break (an indentation indicator), ends in white space or in several
 * line breaks (kept chomping) or holds an escaped character is left to `yaml`.
 */
function literalBlock(s: string, indent: string): string {
  if (ESCAPED.test(s)) throw UNSUPPORTED;
  const first = s.charCodeAt(0);
  if (first === 0x20 || first === 0x0a || first === 0x09) throw UNSUPPORTED;
  const clipped = s.endsWith('\n');
  const body = clipped ? s.slice(0, -1) : s;
  const last = body.charCodeAt(body.length - 1);
  if (last === 0x20 || last === 0x0a || last === 0x09) throw UNSUPPORTED;
  return `|${clipped ? '' : '-'}\n${indent}${body.replace(/\n+/g, breaks => breaks + indent)}`;
}

/** A single-line string scalar as `yaml` writes it (the same for keys and values within these rules), or UNSUPPORTED thrown. */
function stringScalar(s: string, rules: YamlScalarRules): string {
  if (ESCAPED.test(s) || s.includes('\n') || rules.claimedByOtherTag(s)) throw UNSUPPORTED;
  if (!NOT_PLAIN.test(s) && !rules.resolvesAsOther(s)) return s;
  // Quoted: single quotes for a string with `"` and no `'` (nothing is escaped
  // in them); else double quotes, which are JSON's when JSON escapes nothing.
  if (s.includes('"') && !s.includes("'")) return `'${s}'`;
  const json = JSON.stringify(s);
  if (json.includes('\\')) throw UNSUPPORTED; // an escape (a quote, a backslash, a tab): `yaml` rewrites some of them
  return json;
}

/** The writer for one document (tracks the objects seen, for `yaml`'s aliases). */
class DocumentWriter {
  private readonly seen = new Set<object>();
  /** The text so far, in pieces joined once at the end (a flat string, not a rope of small ones). */
  private readonly parts: string[] = [];
  private readonly keys: Map<string, string>;
  private readonly values: Map<string, string>;

  public constructor(private readonly rules: YamlScalarRules, caches: ScalarCaches) {
    this.keys = caches.keys;
    this.values = caches.values;
  }

  private key(k: string): string {
    let out = this.keys.get(k);
    if (out === undefined) {
      if (DOCUMENT_MARKER.test(k)) throw UNSUPPORTED;
      out = stringScalar(k, this.rules);
      if (out.length > MAX_IMPLICIT_KEY) throw UNSUPPORTED;
      if (this.keys.size < KEY_CACHE_LIMIT) this.keys.set(k, out);
    }
    return out;
  }

  /** A scalar value whose lines after the first go at `indent`; undefined for a map or a list. */
  private scalar(v: unknown, indent: string): string | undefined {
    switch (typeof v) {
      case 'string': {
        let out = this.values.get(v);
        if (out === undefined) {
          if (v.includes('\n')) return literalBlock(v, indent);
          out = stringScalar(v, this.rules);
          if (v.length <= 64 && this.values.size < VALUE_CACHE_LIMIT) this.values.set(v, out);
        }
        return out;
      }
      case 'number':
        if (!Number.isFinite(v)) throw UNSUPPORTED;
        return Object.is(v, -0) ? '-0' : JSON.stringify(v);
      case 'boolean':
        return v ? 'true' : 'false';
      case 'object':
        if (v === null) return 'null';
        this.enter(v);
        return undefined;
      default:
        throw UNSUPPORTED; // undefined, functions, symbols, bigints
    }
  }

  /** Marks a collection as seen; only arrays and plain objects are written. */
  private enter(v: object): void {
    if (this.seen.has(v)) throw UNSUPPORTED; // `yaml` would write an alias
    this.seen.add(v);
    if (Array.isArray(v)) return;
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) throw UNSUPPORTED;
  }

  /** The whole document (a map at the top), as one flat string. */
  public document(doc: object): string {
    this.enter(doc);
    this.collection(doc, '');
    this.parts.push('\n');
    return this.parts.join('');
  }

  /** A collection's lines, each but the first after `indent` (`{}` or `[]` when empty). */
  private collection(v: object, indent: string): void {
    if (Array.isArray(v)) this.list(v, indent);
    else this.map(v as { [key: string]: unknown }, indent);
  }

  private map(obj: { [key: string]: unknown }, indent: string): void {
    const keys = Object.keys(obj);
    if (keys.length === 0) {
      this.parts.push('{}');
      return;
    }
    const parts = this.parts;
    const lineStart = `\n${indent}`;
    const inner = `${indent}  `;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      if (i > 0) parts.push(lineStart);
      parts.push(this.key(k));
      const v = obj[k];
      const s = this.scalar(v, inner);
      if (s !== undefined) {
        parts.push(': ', s);
      } else {
        // An empty collection ({} or []) stays on the key's line; any other starts on the next.
        parts.push(isEmptyCollection(v as object) ? ': ' : `:\n${inner}`);
        this.collection(v as object, inner);
      }
    }
  }

  private list(arr: unknown[], indent: string): void {
    if (arr.length === 0) {
      this.parts.push('[]');
      return;
    }
    const parts = this.parts;
    const lineStart = `\n${indent}`;
    const inner = `${indent}  `;
    for (let i = 0; i < arr.length; i++) {
      if (i > 0) parts.push(lineStart);
      const s = this.scalar(arr[i], inner);
      parts.push('- ');
      if (s !== undefined) parts.push(s);
      else this.collection(arr[i] as object, inner); // on the dash's line
    }
  }
}

/** An empty list, or a map without keys. */
function isEmptyCollection(v: object): boolean {
  if (Array.isArray(v)) return v.length === 0;
  for (const _ in v) return false; // a plain object (checked on entry): no inherited enumerable keys
  return true;
}

/** A character that does not fit in one byte (outside Latin-1). */
const WIDE = /[^\x00-\xff]/;

/**
 * The same text, stored one byte per character when every character fits.
 *
 * A name cdk8s generates is stored two bytes per character, although it is
 * ASCII: constructs joins the ids of a path with `Array.prototype.join`, which
 * in Node 20's V8 gives a two-byte string when a part is a "thin" string, as
 * an id becomes once it is used as a property key. A document holding one such
 * name is two-byte throughout, and so is the file's text joined from them:
 * twice the memory of the same text in one byte per character.
 */
function compact(text: string): string {
  return WIDE.test(text) ? text : Buffer.from(text, 'latin1').toString('latin1');
}

/** The YAML text of one manifest as cdk8s writes it, or undefined (see cdk8sYamlWriter). */
export type Cdk8sYamlWriter = (doc: unknown) => string | undefined;

/**
 * A writer of manifests: for each, the YAML text exactly as cdk8s's
 * `Yaml.stringify` writes it (ending in a newline), or undefined when the
 * document holds something outside this writer's rules (see the module
 * comment). The scalars it renders are cached while the writer lives (make
 * one per synthesis), so that a process keeps none of them afterwards.
 */
export function cdk8sYamlWriter(rules: YamlScalarRules): Cdk8sYamlWriter {
  const caches: ScalarCaches = { keys: new Map(), values: new Map() };
  return doc => {
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return undefined;
    try {
      return compact(new DocumentWriter(rules, caches).document(doc));
    } catch (e) {
      if (e === UNSUPPORTED) return undefined;
      throw e;
    }
  };
}

/** One manifest written by a writer of its own (see cdk8sYamlWriter). */
export function cdk8sYamlDocument(doc: unknown, rules: YamlScalarRules): string | undefined {
  return cdk8sYamlWriter(rules)(doc);
}
