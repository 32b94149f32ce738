import type { CrdManifest } from '../crds/build';

/**
 * A CRD manifest made at build time, its keys sorted as cdk8s sorts them and
 * no null values, with the YAML of its spec's entries (as src/yaml-out.ts
 * writes them under `spec:` at the top level, indent two spaces).
 */
export interface PrecomputedCrd {
  readonly manifest: CrdManifest;
  readonly specYaml: string;
}

/** CRD manifests made at build time: by Kruise line (`1.7`), then by kind. */
export interface PrecomputedCrds {
  readonly [line: string]: { readonly [kind: string]: PrecomputedCrd };
}

/**
 * The CRD manifests of every Kruise line for the default webhook Service
 * (`kruise-webhook-service` in `kruise-system`), made at build time so that a
 * run does not build them from the model (applying the docs to each schema).
 *
 * None here: src/ builds them from the model. In the kruise-synth bundle and
 * in the compiled library (lib/common/precomputed-crds.js),
 * scripts/build-cli.js replaces this module with a reader of the manifests it
 * made from the same sources in the same build (so they cannot be stale).
 *
 * @internal
 */
export const PRECOMPUTED_CRDS: PrecomputedCrds | undefined = undefined;
