#!/usr/bin/env node
/*
 * Precompiles the CRD schema validators (ajv standalone code) into
 * lib/validation/generated/<group>_<version>_<kind>.js, so that validating at
 * synth time does not compile schemas (about 20-60 ms each). Runs after jsii,
 * from the compiled lib/. Each module carries a fingerprint of the schema it
 * was made from; KruiseSchemaValidator compiles at run time instead when the
 * fingerprint does not match (a stale lib/).
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { _ } = require('ajv');
const standaloneCode = require('ajv/dist/standalone').default;

const root = path.resolve(__dirname, '..');
const lib = path.join(root, 'lib');
const { newAjv, toAjv, schemaFingerprint, validatorModuleName } = require(path.join(lib, 'validation', 'ajv-setup.js'));
const { KRUISE_1_7_KINDS } = require(path.join(lib, 'api', 'kinds.js'));

const outDir = path.join(lib, 'validation', 'generated');
fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(outDir, { recursive: true });

let count = 0;
for (const model of KRUISE_1_7_KINDS) {
  for (const version of model.versions) {
    if (!version.served) continue;
    // One ajv per schema keeps each module self-contained.
    const ajv = newAjv({ source: true, formats: _`require("../ajv-setup").FORMATS` });
    const schema = toAjv(version.schema);
    const code = standaloneCode(ajv, ajv.compile(schema));
    const file = path.join(outDir, `${validatorModuleName(model, version)}.js`);
    fs.writeFileSync(file, `${code}\nmodule.exports = { validate: module.exports, fingerprint: ${JSON.stringify(schemaFingerprint(schema))} };\n`);
    count++;
  }
}
process.stdout.write(`build-validators: ${count} validators in ${path.relative(root, outDir)}\n`);
