// eslint-disable-next-line import/no-extraneous-dependencies
import { lua as lua_, lauxlib, lualib, to_luastring, to_jsstring } from 'fengari';

/**
 * Runs the Argo CD health scripts in tests: in a real Lua VM (fengari), and
 * through a translation to JavaScript that must agree with it. The scripts keep to
 * a small Lua subset (one statement per line; `local`, `local function`,
 * `if/elseif/else/end`, `return`, `==`/`~=`/`<`/`>=`, `and`/`or`, `..`, explicit
 * `== nil` tests, no truthiness tests on numbers), which this translates line by
 * line into JavaScript with the same semantics. A line outside the subset throws,
 * so a script that drifts out of it fails the tests instead of being mistranslated.
 */

/** Translates one script to the body of a JS function of `obj`. */
export function luaToJs(lua: string): string {
  const out: string[] = [];
  for (const raw of lua.split('\n')) {
    const strings: string[] = [];
    // Take string literals out, so that keywords inside messages stay untouched.
    let line = raw.replace(/"([^"\\]*)"/g, (_m, s) => {
      strings.push(s);
      return `\u0000${strings.length - 1}\u0000`;
    }).trim();
    if (line.includes('\'') || line.includes('[[') || line.startsWith('--')) throw new Error(`outside the subset: ${raw}`);
    line = expr(line);
    let js: string;
    let m: RegExpExecArray | null;
    if (line === '') js = '';
    else if ((m = /^local function (\w+)\(([\w, ]*)\)$/.exec(line))) js = `function ${m[1]}(${m[2]}) {`;
    else if ((m = /^if (.+) then$/.exec(line))) js = `if (${m[1]}) {`;
    else if ((m = /^elseif (.+) then$/.exec(line))) js = `} else if (${m[1]}) {`;
    else if (line === 'else') js = '} else {';
    else if (line === 'end') js = '}';
    else if ((m = /^return (.+)$/.exec(line))) js = `return ${m[1]};`;
    else if ((m = /^local (\w+) = (.+)$/.exec(line))) js = `let ${m[1]} = ${m[2]};`;
    else if ((m = /^([\w.]+) = (.+)$/.exec(line))) js = `${m[1]} = ${m[2]};`;
    else throw new Error(`outside the subset: ${raw}`);
    out.push(js.replace(/\u0000(\d+)\u0000/g, (_x, i) => JSON.stringify(strings[Number(i)])));
  }
  return out.join('\n');
}

/** Translates the operators of an expression (strings already taken out). */
function expr(line: string): string {
  if (/\bnot\b|#|\bfor\b|\bwhile\b|\bfunction\b(?!\s+\w+\()/.test(line) && !line.startsWith('local function')) {
    throw new Error(`outside the subset: ${line}`);
  }
  return line
    .replace(/\s*~=\s*nil\b/g, ' \u0001NE')
    .replace(/\s*==\s*nil\b/g, ' \u0001EQ')
    .replace(/==/g, '===')
    .replace(/~=/g, '!==')
    .replace(/\u0001NE/g, '!= null')
    .replace(/\u0001EQ/g, '== null')
    .replace(/\band\b/g, '&&')
    .replace(/\bor\b/g, '||')
    .replace(/\.\./g, '+')
    .replace(/\bnil\b/g, 'undefined');
}

/** Runs a health script on an object, as Argo CD would (`obj` is the live object). */
export function runHealth(lua: string, obj: any): { status: string; message: string } {
  const viaVm = runHealthInLua(lua, obj);
  // The translation must agree with the real VM, so the subset rules above stay honest.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const fn = new Function('obj', luaToJs(lua)) as (o: any) => any;
  expect(fn(JSON.parse(JSON.stringify(obj)))).toEqual(viaVm);
  return viaVm;
}

/**
 * Runs a health script in a real Lua VM (fengari, Lua 5.3 in JavaScript) with
 * the global `obj` set from JSON, as Argo CD does, and returns its table.
 */
export function runHealthInLua(lua: string, obj: any): { status: string; message: string } {
  const L = lauxlib.luaL_newstate();
  lualib.luaL_openlibs(L);
  const push = (v: any): void => {
    if (v === null || v === undefined) {lua_.lua_pushnil(L);} else if (typeof v === 'boolean') {lua_.lua_pushboolean(L, v);} else if (typeof v === 'number') {Number.isInteger(v) ? lua_.lua_pushinteger(L, v) : lua_.lua_pushnumber(L, v);} else if (typeof v === 'string') {lua_.lua_pushstring(L, to_luastring(v));} else if (Array.isArray(v)) {
      lua_.lua_createtable(L, v.length, 0);
      v.forEach((x, i) => { push(x); lua_.lua_rawseti(L, -2, i + 1); });
    } else {
      lua_.lua_createtable(L, 0, 0);
      for (const [k, x] of Object.entries(v)) { push(x); lua_.lua_setfield(L, -2, to_luastring(k)); }
    }
  };
  push(JSON.parse(JSON.stringify(obj)));
  lua_.lua_setglobal(L, to_luastring('obj'));
  if (lauxlib.luaL_loadstring(L, to_luastring(lua)) !== 0 || lua_.lua_pcall(L, 0, 1, 0) !== 0) {
    throw new Error(`Lua error: ${to_jsstring(lua_.lua_tostring(L, -1))}`);
  }
  const field = (name: string): string => {
    lua_.lua_getfield(L, -1, to_luastring(name));
    const value = to_jsstring(lua_.lua_tostring(L, -1));
    lua_.lua_pop(L, 1);
    return value;
  };
  return { status: field('status'), message: field('message') };
}
