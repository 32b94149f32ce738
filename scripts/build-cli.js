#!/usr/bin/env node
/*
 * Builds the fast kruise-synth: one esbuild bundle of src/cli.ts (cdk8s,
 * constructs and yaml inlined; cdk8s-plus is not on the install path), and a
 * V8 code cache for it made by one warm-up run. bin/kruise-synth runs them.
 *
 * Modules that the default install never calls but that load eagerly (yaml,
 * which cdk8s and the --values parser import at the top, and the Node
 * built-ins cdk8s imports for helm, includes and hashing) are replaced by
 * shims that load the real module on first use. cdk8s's nested copy of yaml
 * is the same version as ours, so the bundle carries one.
 *
 *   lib/kruise-synth.js         the bundle (also runnable on its own)
 *   lib/kruise-synth.js.cache   V8 code cache (ignored by V8 when stale)
 *
 * The review's heavy part (src/validation/review-engine.ts: the CRD schema
 * check and Kruise's admission engine) is only needed for Kruise objects, and
 * the install has none; kruise-synth keeps it in a bundle of its own, loaded
 * on first use:
 *
 *   lib/kruise-synth-review.js  the schema check and admission engine
 *
 * The CRD manifests of the default install are made here too, from the same
 * sources (a small bundle of src/crds run once), for the kruise-synth bundle
 * (in place of src/common/precomputed-crds.ts): a run reads them instead of
 * building them from the model. Each is stored as PlainBodyApiObject emits it
 * (sorted keys, no nulls), checked here for text YAML readers reject (the
 * build fails on a finding), with the YAML of its spec from src/yaml-out.ts:
 * a run freezes the spec and shares it instead of copying it, the review's
 * unsafe-text walk skips it and the writer emits the stored YAML. A CRD a JSON
 * patch changes is copied, walked and written afresh.
 *
 *   lib/kruise-synth-crds-<line>.txt        the CRDs of each Kruise line, without specs
 *   lib/kruise-synth-crd-specs-<line>.json  their specs (which a kruise-synth run never reads)
 *
 * The compiled library gets both too (see wireCompiledLibrary): an app that
 * loads lib/ reads the CRDs and runs the review bundle with its code cache
 * (lib/kruise-synth-review.js.cache, made by a warm-up run that reviews a
 * CloneSet).
 *
 * kruise-lint (src/cli-lint.ts) is built the same way, into lib/kruise-lint.js
 * (+ .cache), its warm-up linting a small Kruise object; bin/kruise-lint runs it.
 */
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '..');

/** Loaded on first use; each value is what the shim requires. */
const LAZY = {
  'yaml': require.resolve('yaml', { paths: [root] }),
  'crypto': 'crypto',
  'child_process': 'child_process',
  'os': 'os',
};

/**
 * Left out of the bundles, required from the package's dependencies when
 * needed: cdk8s-plus (not on the install path), and ajv, which compiles a
 * schema only when its precompiled validator is missing or stale (it would
 * add a quarter to the review bundle that every run parses).
 */
const EXTERNAL = ['cdk8s-plus-28', 'cdk8s-plus-28/*', 'ajv', 'ajv/*'];

const lazyModules = {
  name: 'lazy-modules',
  setup(build) {
    const filter = new RegExp(`^(node:)?(${Object.keys(LAZY).join('|')})$`);
    // The shims' own requires (namespace 'lazy') resolve normally.
    build.onResolve({ filter }, args => args.namespace === 'lazy' ? undefined : { path: args.path.replace(/^node:/, ''), namespace: 'lazy' });
    build.onLoad({ filter: /.*/, namespace: 'lazy' }, args => {
      const real = LAZY[args.path];
      const exported = require(real);
      const names = Object.keys(exported).filter(n => n !== 'default' && n !== '__esModule');
      // Plain functions become forwarding functions (a module may copy them at
      // load, as cdk8s does with spawnSync); anything else is a getter.
      const fns = names.filter(n => typeof exported[n] === 'function' && /^[a-z]/.test(n));
      const others = names.filter(n => !fns.includes(n));
      const contents = [
        'let real;',
        `const load = () => real || (real = require(${JSON.stringify(real)}));`,
        "Object.defineProperty(exports, '__esModule', { value: true });",
        `for (const name of ${JSON.stringify(fns)}) exports[name] = function (...args) { return load()[name].apply(this, args); };`,
        `for (const name of ${JSON.stringify(others)}) Object.defineProperty(exports, name, { enumerable: true, get: () => load()[name] });`,
        "Object.defineProperty(exports, 'default', { enumerable: false, get: () => load() });",
      ].join('\n');
      return { contents, resolveDir: root, loader: 'js' };
    });
  },
};

/**
 * CommonJS packages and Node built-ins the sources import, each through one
 * ESM facade that names its exports. esbuild otherwise gives every module
 * that imports a CommonJS module its own copy of that module's exports
 * (`__toESM`: a getter defined per export, per importing module): 29 copies
 * of cdk8s and constructs in kruise-synth, about 2,300 properties and 400 KB
 * made at each start. Through the facade there is one copy per package.
 * Only the sources' own imports go through it (a package's `require` calls
 * are left as they are).
 */
const FACADES = ['cdk8s', 'constructs', 'fs', 'path', 'vm'];

const cjsFacades = {
  name: 'cjs-facades',
  setup(build) {
    const filter = new RegExp(`^(${FACADES.join('|')})$`);
    const src = path.join(root, 'src') + path.sep;
    build.onResolve({ filter }, args => args.kind === 'import-statement' && args.namespace === 'file' && args.importer.startsWith(src)
      ? { path: args.path, namespace: 'cjs-facade' } : undefined);
    build.onLoad({ filter: /.*/, namespace: 'cjs-facade' }, args => {
      const names = Object.keys(require(require.resolve(args.path, { paths: [root] })))
        .filter(n => n !== 'default' && n !== '__esModule' && /^[A-Za-z_$][\w$]*$/.test(n));
      return { contents: `export { ${names.join(', ')} } from ${JSON.stringify(args.path)};`, resolveDir: root, loader: 'js' };
    });
  },
};

/** The review engine: required by src/validation/review.ts on first use. */
const REVIEW_ENGINE = path.join(root, 'src', 'validation', 'review-engine.ts');

/** The review engine's bundle, beside the other bundles in lib/ (with its code cache, `.cache`). */
const REVIEW_BUNDLE = 'kruise-synth-review.js';

/** The variable that makes a run write the review bundle's code cache (see src/base/code-cache.ts). */
const REVIEW_CACHE_ENV = 'KRUISE_REVIEW_WRITE_CODE_CACHE';

/** Runs the review bundle with its code cache: the body of a module at `dirExpr` (a JS expression for lib/). */
function reviewEngineLoader(codeCache, dirExpr) {
  return [
    `const { runBundle } = require(${JSON.stringify(codeCache)});`,
    `module.exports = runBundle(require('path').join(${dirExpr}, ${JSON.stringify(REVIEW_BUNDLE)}), ${JSON.stringify(REVIEW_CACHE_ENV)});`,
  ].join('\n');
}

/**
 * Keeps the review engine out of a bundle: its require becomes a run of the
 * review bundle beside it (the launcher passes lib/ as __dirname).
 */
const separateReviewEngine = {
  name: 'separate-review-engine',
  setup(build) {
    build.onResolve({ filter: /^\.\/review-engine$/ }, args =>
      path.join(args.resolveDir, 'review-engine.ts') === REVIEW_ENGINE ? { path: REVIEW_ENGINE, namespace: 'separate' } : undefined);
    build.onLoad({ filter: /.*/, namespace: 'separate' }, () => ({
      contents: reviewEngineLoader('./src/base/code-cache', '__dirname'),
      resolveDir: root,
      loader: 'js',
    }));
  },
};

/**
 * The modules the review bundle takes from the compiled library instead of
 * carrying copies: the API model, the Kruise versions and the bottom layer,
 * which an app has loaded with the library before its first review. Their
 * requires become requires of lib/<path>.js (the bundle is in lib/), so the
 * engine shares the app's model instead of building another at load.
 */
const SHARED_WITH_LIBRARY = /^(api|versions|base)\/|^version\.ts$|^crds\/build\.ts$/;

const sharedWithLibrary = {
  name: 'shared-with-library',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, args => {
      if (!args.resolveDir.startsWith(path.join(root, 'src'))) return undefined;
      const base = path.resolve(args.resolveDir, args.path);
      const file = [`${base}.ts`, path.join(base, 'index.ts')].find(f => fs.existsSync(f));
      const rel = file && path.relative(path.join(root, 'src'), file).split(path.sep).join('/');
      return rel && SHARED_WITH_LIBRARY.test(rel) ? { path: `./${rel.replace(/\.ts$/, '.js')}`, external: true } : undefined;
    });
  },
};

/** The CRDs of every Kruise line for the default webhook Service, as JSON text (built and run from src/). */
async function precomputeCrds() {
  const generator = path.join(os.tmpdir(), `kruise-crds-generator-${process.pid}.js`);
  await esbuild.build({
    ...BUNDLE_OPTIONS,
    minify: false,
    plugins: [lazyModules],
    stdin: {
      contents: [
        "const { defaultCrdManifests } = require('./src/crds/kruise-crds');",
        "const { knownVersions } = require('./src/versions/registry');",
        "const { sortedPlainData } = require('./src/common/plain-body-object');",
        "const { unsafeTextFindings } = require('./src/validation/object-checks');",
        "const { mapEntriesYaml } = require('./src/yaml-out');",
        'const out = {};',
        'for (const [line, crds] of Object.entries(defaultCrdManifests(knownVersions()))) {',
        '  out[line] = {};',
        '  for (const [kind, crd] of Object.entries(crds)) {',
        // As PlainBodyApiObject would emit it (sorted keys, no nulls); checked for unsafe text here, once.
        '    const manifest = { ...crd, spec: sortedPlainData(crd.spec) };',
        '    const findings = unsafeTextFindings(manifest.spec);',
        "    if (findings.length > 0) throw new Error(`the ${kind} CRD: ${findings[0].path}: ${findings[0].message}`);",
        "    out[line][kind] = { manifest, specYaml: mapEntriesYaml(manifest.spec, '  ') };",
        '  }',
        '}',
        'process.stdout.write(JSON.stringify(out));',
      ].join('\n'),
      resolveDir: root,
      loader: 'js',
    },
    outfile: generator,
  });
  const r = spawnSync(process.execPath, [generator], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  fs.rmSync(generator, { force: true });
  if (r.status !== 0) {
    process.stderr.write(`build-cli: precomputing the CRDs failed: ${r.stderr}`);
    process.exit(1);
  }
  JSON.parse(r.stdout); // fails the build on bad output
  return r.stdout;
}

/**
 * Writes each line's CRDs to lib/: the manifests without their specs, each
 * with its spec's YAML (kruise-synth-crds-<line>.txt, in the format of
 * storedCrdsText in src/common/precomputed-crds-reader.ts), and the specs
 * (kruise-synth-crd-specs-<line>.json), read apart because a kruise-synth run
 * never needs them (see src/common/precomputed-crds-reader.ts). Returns the
 * file names by line.
 */
function writePrecomputedCrds(json) {
  const { storedCrdsText } = require(path.join(root, 'lib', 'common', 'precomputed-crds-reader.js'));
  const files = {};
  for (const [line, crds] of Object.entries(JSON.parse(json))) {
    files[line] = { crds: `kruise-synth-crds-${line}.txt`, specs: `kruise-synth-crd-specs-${line}.json` };
    const heads = {};
    const specs = {};
    for (const [kind, { manifest, specYaml }] of Object.entries(crds)) {
      const { apiVersion, kind: k, metadata, spec, ...rest } = manifest;
      if (Object.keys(rest).length > 0 || !spec) throw new Error(`build-cli: the ${kind} CRD has fields besides apiVersion, kind, metadata and spec`);
      heads[kind] = { head: { apiVersion, kind: k, metadata }, specYaml };
      specs[kind] = spec;
    }
    fs.writeFileSync(path.join(root, 'lib', files[line].crds), storedCrdsText(heads));
    fs.writeFileSync(path.join(root, 'lib', files[line].specs), JSON.stringify(specs));
  }
  return files;
}

/** The reader of the precomputed CRDs (see there). */
const CRDS_READER = path.join(root, 'src', 'common', 'precomputed-crds-reader.ts');

/** Puts, in place of src/common/precomputed-crds.ts in a bundle, the loader of `files` (the bundle's __dirname is lib/). */
function precomputedCrds(files) {
  const file = path.join(root, 'src', 'common', 'precomputed-crds.ts');
  return {
    name: 'precomputed-crds',
    setup(build) {
      build.onResolve({ filter: /\/precomputed-crds$/ }, args =>
        path.join(args.resolveDir, `${args.path}.ts`) === file ? { path: file, namespace: 'precomputed-crds' } : undefined);
      // The bundle's specs are made lazily: its objects never reach a user (the bundle's __dirname is lib/).
      build.onLoad({ filter: /.*/, namespace: 'precomputed-crds' }, () => ({
        contents: [
          `import { precomputedCrdsFrom } from ${JSON.stringify(CRDS_READER)};`,
          `export const PRECOMPUTED_CRDS = precomputedCrdsFrom(__dirname, ${JSON.stringify(files)}, true);`,
        ].join('\n'),
        resolveDir: root,
        loader: 'js',
      }));
    },
  };
}

/**
 * The compiled library (lib/, what apps load) gets the same two artefacts: its
 * lib/common/precomputed-crds.js reads the precomputed CRDs, and its
 * lib/validation/review-engine.js runs the review bundle with its code cache
 * instead of loading the engine's modules one by one. Both replace tsc's
 * output of modules whose exports they keep (the .d.ts files stay).
 */
function wireCompiledLibrary(files) {
  const libDir = "require('path').join(__dirname, '..')";
  const write = (file, body) => fs.writeFileSync(path.join(root, 'lib', file),
    `'use strict';\n// Written by scripts/build-cli.js in place of tsc's output (see there).\n${body}\n`);
  write(path.join('common', 'precomputed-crds.js'), [
    "Object.defineProperty(exports, '__esModule', { value: true });",
    `exports.PRECOMPUTED_CRDS = require('./precomputed-crds-reader').precomputedCrdsFrom(${libDir}, ${JSON.stringify(files)}, false);`,
  ].join('\n'));
  write(path.join('validation', 'review-engine.js'), reviewEngineLoader('../base/code-cache', libDir));
}

/**
 * Makes the review bundle's code cache: one run that reviews a few Kruise
 * objects through lib/validation/review-engine.js (so that the cache holds
 * what a review compiles).
 */
function warmUpReviewEngine() {
  const script = [
    "const engine = require('./lib/validation/review-engine.js');",
    "const yaml = require('yaml');",
    `for (const doc of yaml.parseAllDocuments(${JSON.stringify(LINT_WARMUP)})) {`,
    '  const object = doc.toJS();',
    "  if (!String(object.apiVersion).includes('kruise.io')) continue;",
    "  engine.schemaFindings(object, '1.7');",
    "  engine.admissionFindings(object, { version: '1.7', peers: [object] });",
    '}',
  ].join('\n');
  const r = spawnSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8', env: { ...process.env, [REVIEW_CACHE_ENV]: '1' } });
  if (r.status !== 0) {
    process.stderr.write(`build-cli: the review engine failed its warm-up run: ${r.stderr}`);
    process.exit(1);
  }
}

/** A small Kruise object for kruise-lint's warm-up run (so the code cache covers the review). */
const LINT_WARMUP = `apiVersion: apps.kruise.io/v1alpha1
kind: CloneSet
metadata:
  name: warm-up
spec:
  replicas: 2
  selector:
    matchLabels: {app: warm-up}
  template:
    metadata:
      labels: {app: warm-up}
    spec:
      containers:
      - name: main
        image: nginx:1.27
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: warm-up
data: {}
`;

const TARGETS = [
  { name: 'kruise-synth', entry: 'cli.ts', cacheEnv: 'KRUISE_SYNTH_WRITE_CODE_CACHE', warmup: out => ['--output', out], ok: [0], separate: true, crds: true },
  { name: 'kruise-lint', entry: 'cli-lint.ts', cacheEnv: 'KRUISE_LINT_WRITE_CODE_CACHE', warmup: () => ['-'], input: LINT_WARMUP, ok: [0, 1] },
];

const BUNDLE_OPTIONS = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  keepNames: false,
  legalComments: 'none',
  logLevel: 'warning',
  external: EXTERNAL,
};

/**
 * Escapes the non-ASCII characters esbuild leaves raw (in regular expression
 * literals) as \\uXXXX, which means the same in strings, templates and
 * regular expressions: one such character makes Node read the whole bundle as
 * a two-byte string (twice the memory, a slower decode and cache check).
 */
function asciiOnly(text, file) {
  if (/String\.raw/.test(text)) throw new Error(`${file}: String.raw would keep an escape literally; cannot escape it`);
  return text.replace(/[^\x00-\x7f]/g, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Rewrites a bundle esbuild wrote as runBundle reads it best: ASCII only (see
 * asciiOnly), and in its CommonJS wrapper already (see wrapModule,
 * src/base/code-cache.ts).
 */
function finishBundle(file) {
  const { wrapModule } = require(path.join(root, 'lib', 'base', 'code-cache.js'));
  fs.writeFileSync(file, wrapModule(asciiOnly(fs.readFileSync(file, 'utf8'), file)));
}

async function buildOne(target) {
  const bundle = path.join(root, 'lib', `${target.name}.js`);
  const plugins = [lazyModules, cjsFacades];
  if (target.separate) plugins.push(separateReviewEngine);
  const crdFiles = target.crds ? writePrecomputedCrds(await precomputeCrds()) : undefined;
  if (crdFiles) plugins.push(precomputedCrds(crdFiles));
  await esbuild.build({
    ...BUNDLE_OPTIONS,
    plugins,
    entryPoints: [path.join(root, 'src', target.entry)],
    outfile: bundle,
  });
  finishBundle(bundle);
  if (target.separate) {
    const review = path.join(root, 'lib', REVIEW_BUNDLE);
    await esbuild.build({ ...BUNDLE_OPTIONS, plugins: [lazyModules, sharedWithLibrary, cjsFacades], entryPoints: [REVIEW_ENGINE], outfile: review });
    finishBundle(review);
  }
  if (crdFiles && target.separate) {
    wireCompiledLibrary(crdFiles);
    fs.rmSync(path.join(root, 'lib', `${REVIEW_BUNDLE}.cache`), { force: true });
    warmUpReviewEngine();
  }

  fs.rmSync(`${bundle}.cache`, { force: true });
  const out = path.join(os.tmpdir(), `${target.name}-warmup-${process.pid}.yaml`);
  const r = spawnSync(process.execPath, [path.join(root, 'bin', target.name), ...target.warmup(out)], {
    encoding: 'utf8',
    input: target.input,
    env: { ...process.env, [target.cacheEnv]: '1' },
  });
  fs.rmSync(out, { force: true });
  if (!target.ok.includes(r.status)) {
    process.stderr.write(`build-cli: the bundled ${target.name} failed its warm-up run: ${r.stderr}`);
    process.exit(1);
  }
}

async function main() {
  for (const target of TARGETS) await buildOne(target);
}

main().catch(e => {
  process.stderr.write(`build-cli: ${e.message}\n`);
  process.exit(1);
});
