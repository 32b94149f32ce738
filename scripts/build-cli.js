#!/usr/bin/env node
/*
 * Builds the fast kruise-synth: one esbuild bundle of src/cli.ts (cdk8s,
 * constructs and yaml inlined; cdk8s-plus is not on the install path), and a
 * V8 code cache for it made by one warm-up run. bin/kruise-synth runs them.
 *
 *   lib/kruise-synth.js         the bundle (also runnable on its own)
 *   lib/kruise-synth.js.cache   V8 code cache (ignored by V8 when stale)
 */
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '..');
const bundle = path.join(root, 'lib', 'kruise-synth.js');

esbuild.buildSync({
  entryPoints: [path.join(root, 'src', 'cli.ts')],
  outfile: bundle,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  keepNames: true,
  legalComments: 'none',
  logLevel: 'warning',
});

fs.rmSync(`${bundle}.cache`, { force: true });
const out = path.join(os.tmpdir(), `kruise-synth-warmup-${process.pid}.yaml`);
const r = spawnSync(process.execPath, [path.join(root, 'bin', 'kruise-synth'), '--output', out], {
  encoding: 'utf8',
  env: { ...process.env, KRUISE_SYNTH_WRITE_CODE_CACHE: '1' },
});
fs.rmSync(out, { force: true });
if (r.status !== 0) {
  process.stderr.write(`build-cli: the bundled kruise-synth failed its warm-up run: ${r.stderr}`);
  process.exit(1);
}
