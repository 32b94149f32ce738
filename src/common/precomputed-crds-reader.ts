import * as fs from 'fs';
import * as path from 'path';
import type { PrecomputedCrd, PrecomputedCrds } from './precomputed-crds';
import { lazyFrozenObject } from '../base/lazy-object';
import { once } from '../base/once';
import type { CrdManifest } from '../crds/build';

/**
 * The two files of a Kruise line's precomputed CRDs, as scripts/build-cli.js
 * writes them in lib/: the manifests without their specs, each with the YAML
 * of its spec (`crds`, in the text format of storedCrdsText), and the specs
 * (`specs`, JSON), by kind.
 */
export interface PrecomputedCrdFiles {
  readonly crds: string;
  readonly specs: string;
}

/** What the `crds` file holds for a kind. */
export interface StoredCrd {
  readonly head: Omit<CrdManifest, 'spec'>;
  readonly specYaml: string;
}

/**
 * The text of a `crds` file: one line of JSON with each kind's manifest
 * without its spec and the length of its spec's YAML, then those YAML texts
 * one after the other, as they are. A run reads each spec's YAML as a slice
 * of the file's text: no JSON string to unescape and copy (a cold
 * kruise-synth run writes all of them, about 280 KB).
 *
 * @internal
 */
export function storedCrdsText(crds: { readonly [kind: string]: StoredCrd }): string {
  const index: { [kind: string]: { head: StoredCrd['head']; specLength: number } } = {};
  for (const [kind, { head, specYaml }] of Object.entries(crds)) index[kind] = { head, specLength: specYaml.length };
  return `${JSON.stringify(index)}\n${Object.values(crds).map(c => c.specYaml).join('')}`;
}

/**
 * The CRDs of a `crds` file's text (see storedCrdsText); `file` names it in
 * the error for a text that is not in that format.
 *
 * @internal
 */
export function parseStoredCrds(text: string, file: string): { [kind: string]: StoredCrd } {
  const broken = (): Error => new Error(`internal: ${file} does not hold what its index says; rebuild (npx projen compile)`);
  const end = text.indexOf('\n');
  if (end < 0) throw broken();
  const index = JSON.parse(text.slice(0, end)) as { [kind: string]: { head: StoredCrd['head']; specLength: number } };
  const out: { [kind: string]: StoredCrd } = {};
  let at = end + 1;
  for (const [kind, { head, specLength }] of Object.entries(index)) {
    out[kind] = { head, specYaml: text.slice(at, at + specLength) };
    at += specLength;
  }
  if (at !== text.length) throw broken();
  return out;
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
  const stored = parseStoredCrds(fs.readFileSync(path.join(dir, files.crds), 'utf8'), files.crds);
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
