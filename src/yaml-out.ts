/**
 * A small, fast YAML writer for plain JSON data (what Kubernetes manifests
 * are after cdk8s resolves them): maps, lists, strings, numbers, booleans,
 * null. Used by the kruise-synth CLI, where the general-purpose `yaml`
 * package's stringify dominated the run time.
 *
 * The output is deterministic (keys in the order given, which cdk8s sorts)
 * and conservative: a string is written plain only when it cannot be read
 * back as anything but that string under YAML 1.1 or 1.2; otherwise it is
 * written as a JSON string, which is a valid YAML double-quoted scalar.
 */

/** Plain-safe: starts with a letter or `_`, then letters, digits and `_./-` only. */
const PLAIN = /^[A-Za-z_][A-Za-z0-9_./-]*$/;
/** Words YAML 1.1 reads as booleans or null, in any case. */
const RESERVED = new Set(['y', 'n', 'yes', 'no', 'on', 'off', 'true', 'false', 'null']);

function scalar(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return PLAIN.test(value) && !RESERVED.has(value.toLowerCase()) ? value : JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`cannot write ${value} as YAML`);
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      throw new Error(`cannot write a ${typeof value} as YAML`);
  }
}

function isCollection(v: unknown): v is object {
  return typeof v === 'object' && v !== null;
}

function isEmpty(v: object): boolean {
  return Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0;
}

function write(value: unknown, indent: string, out: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) {
      if (isCollection(item) && !isEmpty(item)) {
        // The first entry of a map item, or a nested list, goes on the dash line.
        const lines: string[] = [];
        write(item, `${indent}  `, lines);
        out.push(`${indent}- ${lines[0].slice(indent.length + 2)}`);
        for (let i = 1; i < lines.length; i++) out.push(lines[i]);
      } else {
        out.push(`${indent}- ${isCollection(item) ? (Array.isArray(item) ? '[]' : '{}') : scalar(item)}`);
      }
    }
    return;
  }
  for (const [key, v] of Object.entries(value as object)) {
    if (v === undefined) continue;
    const k = scalar(key);
    if (isCollection(v) && !isEmpty(v)) {
      out.push(`${indent}${k}:`);
      write(v, Array.isArray(v) ? indent : `${indent}  `, out);
    } else {
      out.push(`${indent}${k}: ${isCollection(v) ? (Array.isArray(v) ? '[]' : '{}') : scalar(v)}`);
    }
  }
}

/** One YAML document (no leading `---`), ending with a newline. */
export function toYaml(doc: unknown): string {
  if (!isCollection(doc)) return `${scalar(doc)}\n`;
  if (isEmpty(doc)) return Array.isArray(doc) ? '[]\n' : '{}\n';
  const out: string[] = [];
  write(doc, '', out);
  return `${out.join('\n')}\n`;
}

/** Several documents, separated by `---` lines. */
export function toYamlDocuments(docs: unknown[]): string {
  return docs.map(toYaml).join('---\n');
}
