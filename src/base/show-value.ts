// How messages show values: shortened, secrets masked, control characters
// escaped. Pure (the bottom layer): used by the install's messages and reachable by any layer.

import { isJsonObject, JsonObject } from './json';

/** Keys whose values messages never show (passwords, tokens, keys, Secret data). */
const SECRET_KEY = /pass(word|wd|phrase)?$|secret$|token$|credentials?$|^auth$|apikey$|api[-_]key$|private[-_]?key$|^(data|stringData)$|^\.dockerconfigjson$/i;

/** A string with `user:password@` (in URLs and image references) masked. */
export function maskUserinfo(s: string): string {
  return s.replace(/((?:^|\/\/|\s)[^\s/@:]+):[^\s/@]*@/g, '$1:***@');
}

// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text with control characters, bidi controls and lone surrogates written as `\xNN` / `\uNNNN`. */
export function escapeControls(text: string): string {
  return text.replace(CONTROLS, c => {
    const n = c.charCodeAt(0);
    return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
  });
}

/**
 * A value as messages show it: JSON-like and shortened to 80 characters, with
 * NaN and Infinity as such, `(unset)` for undefined, `(a Lazy value)`,
 * `(a function)`, `Map(n)`, `(cycle)`; values of secret-like keys (password,
 * token, secret, data...) and `user:password@` in strings masked as `***`;
 * control characters escaped.
 */
export function showValue(value: unknown): string {
  if (value === undefined) return '(unset)';
  let s: string;
  try {
    s = render(value, new Set(), 0);
  } catch {
    s = '(a value that cannot be shown)';
  }
  s = escapeControls(s);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

function render(v: unknown, seen: Set<object>, depth: number): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'undefined': return '(unset)';
    case 'string': return JSON.stringify(maskUserinfo(v));
    case 'number': return Object.is(v, -0) ? '0' : String(v);
    case 'boolean': return String(v);
    case 'bigint': return `${v}n`;
    case 'symbol': return '(a symbol)';
    case 'function': return '(a function)';
  }
  if (!isJsonObject(v) && !Array.isArray(v)) return '(an object)'; // unreachable: every other typeof is handled above
  const o: JsonObject | unknown[] = v;
  if (seen.has(o)) return '(cycle)';
  if (depth > 6) return '...';
  const proto = Object.getPrototypeOf(o);
  if (proto !== Object.prototype && proto !== null && !Array.isArray(o)) {
    const ctor = o.constructor;
    const name = typeof ctor === 'function' ? ctor.name : undefined;
    if (name === 'Lazy' || typeof o.produce === 'function') return '(a Lazy value)';
    if (o instanceof Map) return `Map(${o.size})`;
    if (o instanceof Set) return `Set(${o.size})`;
    if (o instanceof Date) return Number.isNaN(o.getTime()) ? '(an invalid Date)' : JSON.stringify(o.toISOString());
    if (typeof o.value === 'string' || typeof o.value === 'number') return render(o.value, seen, depth);
    if (typeof o.toJson === 'function') { // the library's value classes (strategies, selectors) render themselves
      try {
        return render(o.toJson(), seen, depth);
      } catch {
        // fall through to the class name
      }
    }
    return `(a ${typeof name === 'string' && name ? name : 'object'})`;
  }
  seen.add(o);
  try {
    if (Array.isArray(o)) return `[${o.map(x => x === undefined ? 'null' : render(x, seen, depth + 1)).join(',')}]`;
    const parts: string[] = [];
    for (const k of Object.keys(o)) {
      const x = o[k];
      if (x === undefined) continue;
      parts.push(`${JSON.stringify(k)}:${SECRET_KEY.test(k) && x !== null && x !== '' ? '"***"' : render(x, seen, depth + 1)}`);
      if (parts.join(',').length > 200) break;
    }
    return `{${parts.join(',')}}`;
  } finally {
    seen.delete(o);
  }
}

/** A scalar as the text a user would quote; `text` for maps, lists and the like. */
export function quotable(v: unknown): string {
  return typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' ? String(v) : v === null ? 'null' : 'text';
}

/** Whether a key names a secret (its value is masked in messages). */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}
