/**
 * The YAML text of a synthesis, written without `yaml`'s node tree where that
 * gives the same bytes (see `src/base/cdk8s-yaml.ts`).
 *
 * cdk8s has no hook for its serializer: `app.synthYaml()` and `app.synth()`
 * call the static `Yaml.stringify` (through `Yaml.save`). While one synthesis
 * of an app the review scopes runs (see `KruiseReview`), that method is the
 * one below, which writes each document it can with the direct writer and
 * hands every other document to the original, one by one; afterwards the
 * original is back. The result is byte for byte what cdk8s writes: before
 * the first use, the direct writer is checked against the `yaml` package
 * cdk8s loads on a set of probe documents, and a difference (another `yaml`
 * release that writes something differently) turns it off for the process.
 * An app that replaced `Yaml.stringify` itself keeps its replacement.
 */
import { Yaml } from 'cdk8s';
import { cdk8sYamlDocument, cdk8sYamlWriter, YamlScalarRules } from '../base/cdk8s-yaml';

/** The `yaml` tag of strings (every other default tag of the schema is "resolves as something else"). */
const STRING_TAG = 'tag:yaml.org,2002:str';

/** The parts of the `yaml` package read here. */
interface YamlTag {
  readonly default?: boolean | string;
  readonly tag?: string;
  readonly test?: RegExp;
  readonly identify?: (value: unknown) => boolean;
}
/** The `yaml` package, as far as it is read here. */
export interface YamlPackage {
  readonly Document: new (value: unknown, options: { version: string }) => { readonly schema: YamlSchema };
}
interface YamlSchema {
  readonly tags: YamlTag[];
  readonly compat?: YamlTag[] | null;
}

/**
 * The scalar rules of the YAML 1.1 schema (the one cdk8s writes with) of a
 * `yaml` package: the strings it would read back as another type, as its
 * `plainString` tests them (default tags, compat tags included), and the
 * strings another tag than the string tag claims.
 */
export function yamlScalarRules(yaml: YamlPackage): YamlScalarRules {
  const schema = new yaml.Document(null, { version: '1.1' }).schema;
  const others = [...schema.tags, ...(schema.compat ?? [])].filter(t => t.tag !== STRING_TAG);
  const tests = others.filter(t => t.default && t.test instanceof RegExp).map(t => t.test as RegExp);
  const identifiers = schema.tags.filter(t => t.tag !== STRING_TAG && typeof t.identify === 'function').map(t => t.identify!);
  return {
    resolvesAsOther: text => tests.some(re => re.test(text)),
    claimedByOtherTag: text => identifiers.some(identify => identify(text)),
  };
}

/**
 * Documents the direct writer must write as cdk8s does for it to be used:
 * every structure and every kind of scalar it handles, quoting included.
 */
const PROBES: ReadonlyArray<{ [key: string]: unknown }> = [
  {
    apiVersion: 'apps.kruise.io/v1alpha1',
    kind: 'CloneSet',
    metadata: {
      name: 'probe',
      labels: { 'app.kubernetes.io/name': 'probe', 'y': 'n', '1': '1.0' },
      annotations: { a: '', b: 'yes', c: 'a: b', d: 'say "hi"', e: ' x', f: '~', g: '2024-01-01', h: '0x1f', i: '1_000', j: '.inf', k: 'a#b', l: 'é\tx', m: '=' },
    },
    spec: {
      replicas: 2,
      minReadySeconds: -0,
      ratio: 0.25,
      big: 1e21,
      small: 1e-7,
      paused: false,
      on: true,
      none: null,
      list: [],
      map: {},
      template: { spec: { containers: [{ name: 'main', image: 'nginx:1.27', args: ['-c', '--x=1', '- a', '?', 'echo a\necho b', 'line\n\n  more: 1\n'], ports: [{ containerPort: 80 }] }], extra: [[1, [2]], [], {}, [{}]] } },
      data: { 'script.sh': '#!/bin/sh\nset -e\n\necho "ready"\n', 'plain': 'one\ntwo' },
    },
  },
  {},
];

/** cdk8s's own `Yaml.stringify`: a replacement made by someone else is left in place (and used). */
const CDK8S_STRINGIFY = Yaml.stringify;

/** The scalar rules of the 1.1 schema of the `yaml` package cdk8s loads; null when the direct writer is off. */
let rules: YamlScalarRules | null | undefined;

function scalarRules(original: (...docs: unknown[]) => string): YamlScalarRules | null {
  if (rules !== undefined) return rules;
  rules = null;
  try {
    // The `yaml` cdk8s itself requires (its own copy, when it has one).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const yaml = require('module').createRequire(require.resolve('cdk8s'))('yaml') as YamlPackage;
    const candidate = yamlScalarRules(yaml);
    if (PROBES.every(doc => cdk8sYamlDocument(doc, candidate) === original.call(Yaml, doc))) rules = candidate;
  } catch {
    // Not the package layout expected (a bundle, another cdk8s): cdk8s writes every document.
  }
  return rules;
}

/**
 * Runs `run` (one synthesis of an app) with cdk8s's `Yaml.stringify` writing
 * plain documents directly (see the module comment).
 */
export function withDirectYaml<T>(run: () => T): T {
  const original = Yaml.stringify;
  if (original !== CDK8S_STRINGIFY) return run(); // replaced by the app, or by an enclosing synthesis
  const direct = scalarRules(original);
  if (!direct) return run();
  const write = cdk8sYamlWriter(direct); // its cache of rendered scalars goes with this synthesis
  Yaml.stringify = (...docs: unknown[]): string => docs
    .map(doc => doc === undefined ? '\n' : write(doc) ?? original.call(Yaml, doc))
    .join('---\n');
  try {
    return run();
  } finally {
    Yaml.stringify = original;
  }
}
