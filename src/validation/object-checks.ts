/**
 * Checks over the whole set of reviewed objects that no single kind's rules
 * make: two objects that would be the same API object, and text that YAML
 * readers reject. Plain functions over JSON objects (the review runs them).
 */
import { Finding, Severity } from '../admission/types';
import { at, deepFreeze, isJsonObject, stringOr, trailPath } from '../base/json';
import { isLazyFrozen } from '../base/lazy-object';
import { apiGroupOf } from '../base/names';
import { unsafeCharacter } from '../base/yaml-text';

/**
 * Plain data checked when it was made (at build time: the kruise-synth CRDs)
 * and deep-frozen since: its strings and keys hold no unsafe character, so the
 * unsafe-text walk skips it. Only frozen objects may be added (see
 * `addCheckedPlain`): what was checked cannot change.
 * @internal
 */
const CHECKED_PLAIN = new WeakSet<object>();

/** Whether `v` is plain data checked at build time (see CHECKED_PLAIN). @internal */
export function isCheckedPlain(v: object): boolean {
  return CHECKED_PLAIN.has(v);
}

/** The YAML of checked plain maps, made at build time by the same writer (src/yaml-out.ts). */
const CHECKED_YAML = new WeakMap<object, { readonly indent: string; readonly text: string }>();

/**
 * Deep-freezes `value` (unless it is a lazily made object, see
 * src/base/lazy-object.ts: that freezes itself) and, when its strings and keys hold no unsafe
 * character, registers it as checked, with its YAML text if given (the
 * entries of the map as the YAML writer writes them at `indent`). Returns
 * whether it was registered. `checkedAtBuild` skips the walk for data the
 * build checked with `unsafeTextFindings` (scripts/build-cli.js fails on a finding).
 * @internal
 */
export function addCheckedPlain(value: object, yaml?: { readonly indent: string; readonly text: string }, checkedAtBuild = false): boolean {
  // A lazily made object freezes itself when made; looking at it here would make it.
  if (!isLazyFrozen(value)) deepFreeze(value);
  if (!checkedAtBuild && firstUnsafe(value, 0, []) !== undefined) return false;
  CHECKED_PLAIN.add(value);
  // The text of a map's entries: a map without entries is written `{}`, not from a text.
  if (yaml && yaml.text !== '') CHECKED_YAML.set(value, yaml);
  return true;
}

/** The precomputed YAML of a checked plain map's entries at `indent`, if any. @internal */
export function checkedPlainYaml(v: object, indent: string): string | undefined {
  const yaml = CHECKED_YAML.get(v);
  return yaml !== undefined && yaml.indent === indent ? yaml.text : undefined;
}

/** Rule ids. */
export const DUPLICATE_RULE = 'apiserver/duplicate-object';
export const UNSAFE_TEXT_RULE = 'yaml/unsafe-character';

/** Where a map of maps leads for `key`, made when missing. */
function level<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let next = map.get(key);
  if (next === undefined) map.set(key, next = make());
  return next;
}

/**
 * For each object that repeats an earlier one's group, kind, namespace and
 * name (the API server's identity of an object), one finding (at its position
 * in `objects`): applied together, the later silently replaces the earlier.
 * Objects without a kind, apiVersion or name have no identity here.
 */
export function duplicateFindings(objects: ReadonlyArray<unknown>, severity: Severity): Array<{ index: number; finding: Finding }> {
  // The first object of each identity, by group, kind, namespace and name: maps keyed by the
  // objects' own strings, so that no key is made per object (an app reviews thousands).
  const first = new Map<string, Map<string, Map<string, Map<string, number>>>>();
  const groups = new Map<string, string>();
  const out: Array<{ index: number; finding: Finding }> = [];
  objects.forEach((obj, index) => {
    const apiVersion = stringOr(at(obj, 'apiVersion'));
    const kind = stringOr(at(obj, 'kind'));
    const name = stringOr(at(obj, 'metadata', 'name'));
    if (apiVersion === undefined || kind === undefined || !name) return;
    const group = level(groups, apiVersion, () => apiGroupOf(apiVersion));
    const namespace = stringOr(at(obj, 'metadata', 'namespace')) ?? '';
    const names = level(level(level(first, group, () => new Map()), kind, () => new Map()), namespace, () => new Map<string, number>());
    const earlier = names.get(name);
    if (earlier === undefined) {
      names.set(name, index);
      return;
    }
    const ns = namespace ? `${namespace}/` : '';
    out.push({
      index,
      finding: {
        path: 'metadata.name',
        message: `${kind} ${ns}${name} appears twice (object ${earlier + 1} and object ${index + 1}); applied together, the later replaces the earlier`,
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
  const trail: Array<string | number> = [];
  const char = firstUnsafe(obj, 0, trail);
  return char ? [{
    path: trailPath(trail),
    message: `holds the character ${char}, which Go YAML readers (kubectl, helm, Argo CD, Flux) reject or rewrite`,
    fix: 'remove the control character (write a line break as \\n in the source, not a raw control code)',
    rule: UNSAFE_TEXT_RULE,
    severity: 'error',
  }] : [];
}

/**
 * The first unsafe character in `v` (strings and map keys, depth first), with
 * `trail` left holding the keys and indices down to it. The path is made only
 * for a finding: most objects have none.
 */
function firstUnsafe(v: unknown, depth: number, trail: Array<string | number>): string | undefined {
  if (typeof v === 'string') return unsafeCharacter(v);
  if (depth > 100) return undefined;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      trail.push(i);
      const char = firstUnsafe(v[i], depth + 1, trail);
      if (char) return char;
      trail.pop();
    }
    return undefined;
  }
  if (!isJsonObject(v) || CHECKED_PLAIN.has(v)) return undefined;
  for (const k of Object.keys(v)) {
    trail.push(k);
    const char = unsafeCharacter(k) ?? firstUnsafe(v[k], depth + 1, trail);
    if (char) return char;
    trail.pop();
  }
  return undefined;
}
