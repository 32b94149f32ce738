import * as fs from 'fs';
import * as path from 'path';
import type { PrecomputedCrd, PrecomputedCrds } from './precomputed-crds';
import { lazyFrozenObject } from '../base/lazy-object';
import { once } from '../base/once';
import type { CrdManifest } from '../crds/build';

/**
 * The two files of a Kruise line's precomputed CRDs, as scripts/build-cli.js
 * writes them in lib/: the manifests without their specs, each with the YAML
 * of its spec (`crds`), and the specs (`specs`), by kind.
 */
export interface PrecomputedCrdFiles {
  readonly crds: string;
  readonly specs: string;
}

/** What the `crds` file holds for a kind. */
interface StoredCrd {
  readonly head: Omit<CrdManifest, 'spec'>;
  readonly specYaml: string;
}

/**
 * The precomputed CRDs in `dir`, a line's files read on its first use (a run
 * needs one line).
 *
 * With `lazySpecs` a spec is a lazily made object (src/base/lazy-object.ts):
 * the specs file is read only when something looks inside a spec. A run of
 * the kruise-synth bundle never does (it writes each spec's precomputed YAML
 * and the review skips checked data), which saves parsing and freezing about
 * 300 KB of JSON. The compiled library, whose objects reach users, reads
 * the specs with the manifests.
 *
 * @internal
 */
export function precomputedCrdsFrom(dir: string, files: { readonly [line: string]: PrecomputedCrdFiles }, lazySpecs: boolean): PrecomputedCrds {
  const out: { [line: string]: { readonly [kind: string]: PrecomputedCrd } } = {};
  for (const [line, lineFiles] of Object.entries(files)) {
    const read = once(() => readLine(dir, lineFiles, lazySpecs));
    Object.defineProperty(out, line, { enumerable: true, get: read });
  }
  return out;
}

function readLine(dir: string, files: PrecomputedCrdFiles, lazySpecs: boolean): { [kind: string]: PrecomputedCrd } {
  const stored = readJson(dir, files.crds) as { [kind: string]: StoredCrd };
  const specs = once(() => readJson(dir, files.specs) as { [kind: string]: CrdManifest['spec'] });
  const specOf = (kind: string): CrdManifest['spec'] => {
    const spec = specs()[kind];
    if (spec === undefined) throw new Error(`internal: ${files.specs} has no spec for ${kind}; rebuild (npx projen compile)`);
    return spec;
  };
  const out: { [kind: string]: PrecomputedCrd } = {};
  for (const [kind, { head, specYaml }] of Object.entries(stored)) {
    const spec = lazySpecs ? lazyFrozenObject(() => specOf(kind)) : specOf(kind);
    out[kind] = { manifest: { ...head, spec }, specYaml };
  }
  return out;
}

function readJson(dir: string, file: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
}
