// Named imports: tsc compiles `import * as` to a copy of the whole module (every
// launcher run loads this file, and that copy was most of its 4 ms).
import { readFileSync, writeFileSync } from 'fs';
import { createRequire } from 'module';
import { dirname } from 'path';
import { runInThisContext, Script } from 'vm';

/**
 * Whether code that `vm` runs shares this module's globals. Not so where
 * modules run in a context of their own (jest's, for one): there a module
 * loads the normal way, without the cache, so that its objects and errors
 * belong to the caller's realm.
 */
const SAME_REALM = runInThisContext('Object') === Object;

/** The CommonJS wrapper runBundle compiles a module in, as Node's Module.wrap writes it. */
const WRAPPER_HEAD = '(function (exports, require, module, __filename, __dirname) { ';
const WRAPPER_END = '\n})';
/** What makes a wrapped module (see wrapModule) a CommonJS module as well: it calls itself with the module's arguments. */
const WRAPPER_CALL = '.call(this, exports, require, module, __filename, __dirname);\n';

/**
 * The text of a module as the build writes it for runBundle: already in the
 * wrapper runBundle compiles it in, so that a run does not copy the whole
 * module into a wrapper (a 450 KB string for kruise-synth, at each start);
 * runBundle compiles the text without its last line, a slice. The file stays
 * a CommonJS module that `require` loads as before (it calls the wrapper with
 * its own module arguments). A shebang line is dropped.
 */
export function wrapModule(source: string): string {
  return `${WRAPPER_HEAD}${source.replace(/^#!.*/, '')}${WRAPPER_END}${WRAPPER_CALL}`;
}

/** What each module run here exports, by file: a module runs once per process, as with `require`. */
const RUN = new Map<string, unknown>();

/**
 * Runs a CommonJS module made by the build, best written by wrapModule (the bundles of
 * scripts/build-cli.js: kruise-synth, kruise-lint, the review engine; the
 * validators of scripts/build-validators.js) with the V8 code cache stored beside it
 * (`<file>.cache`), so that loading it skips most parsing and compiling; its
 * `module.exports`. The bundle's `__dirname` is its own directory. Like
 * `require`, it runs a file once per process and then returns its exports.
 *
 * In another realm (see SAME_REALM) it is a plain `require`.
 * A cache that does not fit (another Node version or flags, an edited bundle)
 * is rejected by V8 and simply unused; a missing one too. When the variable
 * `writeCacheEnv` is `1`, the cache is written when the process exits (the
 * build's warm-up runs do that, so that the cache also holds the functions
 * a run compiles lazily).
 *
 * Used by the launchers in bin/, by the module of lib/ that loads the review
 * engine (see scripts/build-cli.js), and for the precompiled validators.
 */
export function runBundle(file: string, writeCacheEnv: string): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (!SAME_REALM) return require(file);
  if (RUN.has(file)) return RUN.get(file);
  const cacheFile = `${file}.cache`;
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const text = readFileSync(file, 'utf8');
  // The module in the CommonJS wrapper (not called: jest's module shim lacks it). A module the
  // build wrapped (wrapModule) is that text without its call; any other is copied into one.
  const source = text.startsWith(WRAPPER_HEAD) && text.endsWith(WRAPPER_CALL)
    ? text.slice(0, text.length - WRAPPER_CALL.length)
    : `${WRAPPER_HEAD}${text.replace(/^#!.*/, '')}${WRAPPER_END}`;
  const script = new Script(source, { filename: file, cachedData });
  const mod: { exports: unknown } = { exports: {} };
  const wrapper = script.runInThisContext() as (e: unknown, r: NodeRequire, m: { exports: unknown }, f: string, d: string) => void;
  // Its requires resolve from its own directory, as for a module Node loads.
  wrapper(mod.exports, createRequire(file), mod, file, dirname(file));
  if (process.env[writeCacheEnv] === '1') {
    process.once('exit', () => writeFileSync(cacheFile, script.createCachedData()));
  }
  RUN.set(file, mod.exports);
  return mod.exports;
}
