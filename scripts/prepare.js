#!/usr/bin/env node
/**
 * npm's `prepare` and `prepack` hooks: make sure lib/ is built before the package
 * is packed (`npm pack`, `npm publish`) or installed from git (npm runs `prepare`
 * there, after installing the dev dependencies). Compiles (`projen compile`) when
 * lib/ is missing or older than any source file; otherwise does nothing, so a fresh
 * build is not repeated.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const root = path.join(__dirname, '..');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

function built() {
  const marker = path.join(root, 'lib', 'kruise-synth.js');
  if (!fs.existsSync(marker) || !fs.existsSync(path.join(root, 'lib', 'index.js'))) return false;
  if (!fs.existsSync(path.join(root, 'src'))) return true; // an installed package: lib/ is all there is
  const sources = Math.max(newestMtime(path.join(root, 'src')), fs.statSync(path.join(root, 'package.json')).mtimeMs);
  return fs.statSync(marker).mtimeMs >= sources;
}

if (!built()) {
  const projen = path.join(root, 'node_modules', '.bin', 'projen');
  if (!fs.existsSync(projen)) {
    process.stderr.write('cdk8s-openkruise: lib/ is not built and the dev dependencies are missing; run `npm ci` in a clone first\n');
    process.exit(1);
  }
  const r = spawnSync(projen, ['compile'], { cwd: root, stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
