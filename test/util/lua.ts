/**
 * Runs the Argo CD health scripts in tests without a Lua VM: the scripts keep to
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
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const fn = new Function('obj', luaToJs(lua)) as (o: any) => any;
  return fn(JSON.parse(JSON.stringify(obj)));
}
