/**
 * helm's `--set`, `--set-string`, `--set-json`, `--set-file` and
 * `--set-literal`, applied to chart values the way helm 3.16 applies them
 * (its `strvals` rules), with the differences listed in docs/security.md.
 *
 * Safe for hostile input: maps are null-prototype objects (`__proto__` is a
 * key like any other), list indexes are capped at {@link MAX_LIST_INDEX} as
 * helm caps them, the lists all `--set` flags create together are capped at
 * {@link MAX_LIST_SLOTS} slots, and each assignment costs time in proportion
 * to its own length (values are changed in place, never copied per flag).
 */

import { isJsonObject, JsonObject } from '../base/json';

/** The largest list index helm accepts in `--set`. */
export const MAX_LIST_INDEX = 65536;
/** The most list slots all `--set` assignments of one run may create together. */
export const MAX_LIST_SLOTS = 1_048_576;

/** The kinds of set flags, in the order helm applies them (after all values files). */
export const SET_KINDS = ['set-json', 'set', 'set-string', 'set-file', 'set-literal'] as const;
/** One kind of set flag. */
export type SetKind = typeof SET_KINDS[number];

/** A bad set flag: one line. */
export class SetError extends Error {}

type Step = string | number;

/** Applies set flags to one values tree; keeps the list-slot budget across flags. */
export class SetApplier {
  private slots = 0;

  /**
   * @param values the values to change in place (a null-prototype map)
   * @param readFile reads a `--set-file` file as text (the CLI's bounded, strict UTF-8 reader)
   */
  public constructor(public readonly values: JsonObject, private readonly readFile: (path: string) => string = () => {
    throw new SetError('--set-file is not available here');
  }) {}

  /** Applies one flag's argument (`KEY=VALUE[,KEY=VALUE]...`). */
  public apply(kind: SetKind, arg: string): void {
    const flag = `--${kind}`;
    const shown = clip(arg);
    const fail = (problem: string, fix: string): never => {
      throw new SetError(`${flag} '${shown}' ${problem}; ${fix}`);
    };
    let i = 0;
    const n = arg.length;
    while (i < n) {
      // ---- the key
      const path: Step[] = [];
      let name = '';
      let afterIndex = false;
      let keyText = '';
      for (;;) {
        if (i >= n) fail(`has the key '${clip(keyText)}' without a value`, 'write KEY=VALUE');
        const c = arg[i];
        if (c === '\\' && i + 1 < n) {
          if (afterIndex) fail(`has text after the list index in '${clip(keyText)}'`, 'follow an index with \'.\', \'[\' or \'=\'');
          name += arg[i + 1];
          keyText += arg.slice(i, i + 2);
          i += 2;
          continue;
        }
        if (c === '=' || c === '.' || c === '[') {
          if (!afterIndex) {
            if (name === '') {
              if (c === '=' && path.length === 0) fail('has an empty key', 'write KEY=VALUE, e.g. manager.replicas=3');
              fail(`has an empty part in the key '${clip(keyText + c)}'`, 'remove the extra \'.\' or name the key');
            }
            path.push(name);
          }
          name = '';
          afterIndex = false;
          keyText += c;
          i++;
          if (c === '=') break;
          if (c === '[') {
            const close = arg.indexOf(']', i);
            const digits = close < 0 ? arg.slice(i) : arg.slice(i, close);
            if (close < 0 || !/^[+-]?\d+$/.test(digits)) fail(`has the list index '[${clip(digits)}${close < 0 ? '' : ']'}' in '${clip(keyText)}', which is not a number`, 'write an index such as [0]');
            const index = Number(digits);
            if (index < 0) fail(`has the negative list index ${clip(digits)}`, 'indexes start at 0');
            if (index > MAX_LIST_INDEX) fail(`has the list index ${clip(digits)}, above ${MAX_LIST_INDEX} (helm's limit too)`, `use an index from 0 to ${MAX_LIST_INDEX}`);
            path.push(index);
            keyText += `${digits}]`;
            i = close + 1;
            afterIndex = true;
          }
          continue;
        }
        if (c === ',') fail(`has the key '${clip(keyText)}' without a value`, 'write KEY=VALUE; escape a literal comma as \\,');
        if (afterIndex) fail(`has text after the list index in '${clip(keyText + c)}'`, 'follow an index with \'.\', \'[\' or \'=\'');
        name += c;
        keyText += c;
        i++;
      }
      // ---- the value
      let value: unknown;
      if (kind === 'set-literal') {
        value = arg.slice(i);
        i = n;
      } else if (kind === 'set-json') {
        const end = jsonEnd(arg, i);
        const text = arg.slice(i, end);
        try {
          value = nullProto(JSON.parse(text));
        } catch {
          fail(`has the value '${clip(text)}' for '${clip(keyText.slice(0, -1))}', which is not JSON`, 'give a JSON value, e.g. \'{"a":"b"}\', [1,2] or "text"');
        }
        i = end;
      } else if (arg[i] === '{') {
        const close = arg.indexOf('}', i);
        if (close < 0) fail('has a list without its closing \'}\'', 'write a list as {a,b}');
        const body = arg.slice(i + 1, close);
        value = body === '' ? [] : splitEscaped(body).map(item => kind === 'set' ? typedValue(item) : item);
        i = close + 1;
      } else {
        let text = '';
        while (i < n && arg[i] !== ',') {
          if (arg[i] === '\\' && i + 1 < n) i++;
          text += arg[i++];
        }
        if (kind === 'set-file') {
          value = this.readFile(text);
        } else {
          value = kind === 'set' ? typedValue(text) : text;
        }
      }
      if (i < n) {
        if (arg[i] !== ',') fail(`has text after the value of '${clip(keyText.slice(0, -1))}'`, 'separate assignments with \',\'');
        i++;
        if (i === n) fail('ends with \',\'', 'remove the trailing comma');
      }
      this.put(path, value, flag, shown);
    }
  }

  private put(path: Step[], value: unknown, flag: string, arg: string): void {
    let node: JsonObject | unknown[] = this.values;
    for (let k = 0; k < path.length; k++) {
      const step = path[k];
      const last = k === path.length - 1;
      if (typeof step === 'number') {
        const list = node as unknown[];
        if (list.length <= step) {
          this.slots += step + 1 - list.length;
          if (this.slots > MAX_LIST_SLOTS) {
            throw new SetError(`${flag} '${arg}' makes the set flags create more than ${MAX_LIST_SLOTS} list entries in all; set fewer or smaller list indexes`);
          }
          while (list.length <= step) list.push(null);
        }
      }
      if (last) {
        setChild(node, step, value);
        return;
      }
      const wantList = typeof path[k + 1] === 'number';
      let child = childOf(node, step);
      if (child === undefined || child === null) {
        child = wantList ? [] : Object.create(null);
        setChild(node, step, child);
      }
      if (wantList && Array.isArray(child)) {
        node = child;
      } else if (!wantList && isJsonObject(child)) {
        node = child;
      } else {
        const where = showPath(path.slice(0, k + 1));
        throw new SetError(`${flag} '${arg}' treats '${where}' as a ${wantList ? 'list' : 'map'}, but an earlier value made it ${describe(child)}; set '${where}' as a whole, or drop the earlier value`);
      }
    }
  }
}

/** The entry of a list (number step) or a map (string step). */
function childOf(node: JsonObject | unknown[], step: Step): unknown {
  return Array.isArray(node) ? node[Number(step)] : node[String(step)];
}

function setChild(node: JsonObject | unknown[], step: Step, value: unknown): void {
  if (Array.isArray(node)) node[Number(step)] = value;
  else node[String(step)] = value;
}

/** Text as messages echo it: at most 100 characters. */
function clip(s: string): string {
  return s.length > 100 ? `${s.slice(0, 97)}...` : s;
}

/** helm's `--set` typing: true/false/null in any case, whole numbers of int64 without a leading 0; anything else a string. */
export function typedValue(text: string): unknown {
  const lower = text.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (lower === 'null') return null;
  if (text === '0') return 0;
  if (text !== '' && text[0] !== '0' && /^[+-]?\d+$/.test(text)) {
    const big = BigInt(text);
    if (big >= -(2n ** 63n) && big < 2n ** 63n) {
      const n = Number(text);
      return n === 0 ? 0 : n;
    }
  }
  return text;
}

function splitEscaped(body: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\' && i + 1 < body.length) {cur += body[++i];} else if (body[i] === ',') {
      out.push(cur);
      cur = '';
    } else {cur += body[i];}
  }
  out.push(cur);
  return out;
}

/** The end of the JSON value starting at `i` (the next top-level comma, or the end). */
function jsonEnd(s: string, i: number): number {
  let depth = 0;
  let inString = false;
  for (; i < s.length; i++) {
    const c = s[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') {inString = true;} else if (c === '[' || c === '{') {depth++;} else if (c === ']' || c === '}') {depth--;} else if (c === ',' && depth <= 0) {return i;}
  }
  return s.length;
}

/** A JSON value with its maps as null-prototype objects. */
export function nullProto(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(nullProto);
  if (isJsonObject(v)) {
    const out: JsonObject = Object.create(null);
    for (const k of Object.keys(v)) out[k] = nullProto(v[k]);
    return out;
  }
  return v;
}

function showPath(path: Step[]): string {
  return path.map((s, i) => typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`).join('');
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object' && v !== null) return 'a map';
  return typeof v === 'string' ? JSON.stringify(v) : v === null ? 'null' : typeof v === 'object' ? 'a value' : String(v);
}
