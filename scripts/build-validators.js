#!/usr/bin/env node
/*
 * Precompiles the CRD schema validators (ajv standalone code) into
 * lib/validation/generated/<group>_<version>_<kind>-<fingerprint>.js, so that validating at
 * synth time does not compile schemas (about 20-60 ms each). Runs after jsii,
 * from the compiled lib/. Each module carries a fingerprint of the schema it
 * was made from; KruiseSchemaValidator compiles at run time instead when the
 * fingerprint does not match (a stale lib/).
 *
 * Each module gets a V8 code cache (<module>.js.cache, see
 * src/base/code-cache.ts) from one warm-up run that validates an object with
 * it: V8 compiles a validator's one large function on its first call, which
 * costs more than the validation itself.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { _ } = require('ajv');
const standaloneCode = require('ajv/dist/standalone').default;

const root = path.resolve(__dirname, '..');
const lib = path.join(root, 'lib');
const { spawnSync } = require('child_process');
const { wrapModule } = require(path.join(lib, 'base', 'code-cache.js'));
const { newAjv, precompiledFile, toAjv, schemaFingerprint, validatorModuleName, VALIDATOR_CACHE_ENV } = require(path.join(lib, 'validation', 'ajv-setup.js'));
const { knownVersions, versionData } = require(path.join(lib, 'versions', 'registry.js'));

const outDir = path.join(lib, 'validation', 'generated');
fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(outDir, { recursive: true });

// Every Kruise version: one module per schema, <name>-<fingerprint>.js; a kind whose
// schema is the same in several versions gets one (see loadPrecompiled).
let count = 0;
const written = new Map(); // module name -> fingerprints written
for (const line of knownVersions()) {
  for (const model of versionData(line).kinds) {
    for (const version of model.versions) {
      if (!version.served) continue;
      const schema = toAjv(version.schema);
      const fingerprint = schemaFingerprint(schema);
      const name = validatorModuleName(model, version);
      const seen = written.get(name) ?? [];
      if (seen.includes(fingerprint)) continue;
      // One ajv per schema keeps each module self-contained.
      const ajv = newAjv({ source: true, formats: _`require("../ajv-setup").FORMATS` });
      const code = standaloneCode(ajv, ajv.compile(schema));
      const file = path.join(outDir, precompiledFile(name, fingerprint));
      // In the wrapper runBundle compiles it in (see wrapModule): no copy of the module at each load.
      fs.writeFileSync(file, wrapModule(`${code}\nmodule.exports = { validate: module.exports, fingerprint: ${JSON.stringify(fingerprint)} };\n`));
      written.set(name, [...seen, fingerprint]);
      count++;
    }
  }
}
// The warm-up run: each module through runBundle (which writes its cache at exit), its function compiled by one call.
const modules = fs.readdirSync(outDir).filter(f => f.endsWith('.js')).map(f => path.join(outDir, f));
const warmUp = spawnSync(process.execPath, ['-e', [
  `const { runBundle } = require(${JSON.stringify(path.join(lib, 'base', 'code-cache.js'))});`,
  `for (const file of ${JSON.stringify(modules)}) runBundle(file, ${JSON.stringify(VALIDATOR_CACHE_ENV)}).validate({ apiVersion: 'v1', kind: 'Warm', spec: {} });`,
].join('\n')], { encoding: 'utf8', env: { ...process.env, [VALIDATOR_CACHE_ENV]: '1' } });
if (warmUp.status !== 0) {
  process.stderr.write(`build-validators: the warm-up run failed: ${warmUp.stderr}`);
  process.exit(1);
}
process.stdout.write(`build-validators: ${count} validators in ${path.relative(root, outDir)}, with code caches\n`);
