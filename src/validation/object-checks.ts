/**
 * Checks over the whole set of reviewed objects that no single kind's rules
 * make: two objects that would be the same API object, and text that YAML
 * readers reject. Plain functions over JSON objects (the review runs them).
 */
import { Finding, Severity } from '../admission/types';
import { at, isJsonObject, stringOr } from '../base/json';
import { unsafeCharacter } from '../base/yaml-text';

/** Rule ids. */
export const DUPLICATE_RULE = 'apiserver/duplicate-object';
export const UNSAFE_TEXT_RULE = 'yaml/unsafe-character';

/** The API server's identity of an object (group, kind, namespace, name), or undefined when it has none. */
interface Identity {
  readonly key: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

/** The identity the API server gives an object: group, kind, namespace and name. */
function identity(obj: unknown): Identity | undefined {
  const apiVersion = stringOr(at(obj, 'apiVersion'));
  const kind = stringOr(at(obj, 'kind'));
  const name = stringOr(at(obj, 'metadata', 'name'));
  if (apiVersion === undefined || kind === undefined || !name) return undefined;
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const namespace = stringOr(at(obj, 'metadata', 'namespace')) ?? '';
  return { key: `${group}\u0000${kind}\u0000${namespace}\u0000${name}`, kind, namespace, name };
}

/**
 * For each object that repeats an earlier one's group, kind, namespace and
 * name, one finding (at its position in `objects`): applied together, the
 * later silently replaces the earlier.
 */
export function duplicateFindings(objects: ReadonlyArray<unknown>, severity: Severity): Array<{ index: number; finding: Finding }> {
  const first = new Map<string, number>();
  const out: Array<{ index: number; finding: Finding }> = [];
  objects.forEach((obj, index) => {
    const id = identity(obj);
    if (id === undefined) return;
    const earlier = first.get(id.key);
    if (earlier === undefined) {
      first.set(id.key, index);
      return;
    }
    const ns = id.namespace ? `${id.namespace}/` : '';
    out.push({
      index,
      finding: {
        path: 'metadata.name',
        message: `${id.kind} ${ns}${id.name} appears twice (object ${earlier + 1} and object ${index + 1}); applied together, the later replaces the earlier`,
        fix: 'give each object its own name (or namespace)',
        rule: DUPLICATE_RULE,
        severity,
      },
    });
  });
  return out;
}

/** The first string or map key of `obj` holding a character YAML readers reject, as a finding. */
export function unsafeTextFindings(obj: unknown): Finding[] {
  const found = firstUnsafe(obj, '', 0);
  return found ? [{
    path: found.path,
    message: `holds the character ${found.char}, which Go YAML readers (kubectl, helm, Argo CD, Flux) reject or rewrite`,
    fix: 'remove the control character (write a line break as \\n in the source, not a raw control code)',
    rule: UNSAFE_TEXT_RULE,
    severity: 'error',
  }] : [];
}

function firstUnsafe(v: unknown, path: string, depth: number): { path: string; char: string } | undefined {
  if (typeof v === 'string') {
    const char = unsafeCharacter(v);
    return char ? { path, char } : undefined;
  }
  if (depth > 100) return undefined;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const f = firstUnsafe(v[i], `${path}[${i}]`, depth + 1);
      if (f) return f;
    }
    return undefined;
  }
  if (!isJsonObject(v)) return undefined;
  for (const k of Object.keys(v)) {
    const p = path ? `${path}.${k}` : k;
    const keyChar = unsafeCharacter(k);
    if (keyChar) return { path: p, char: keyChar };
    const f = firstUnsafe(v[k], p, depth + 1);
    if (f) return f;
  }
  return undefined;
}
