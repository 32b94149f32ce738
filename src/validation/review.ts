/**
 * The review of a set of plain objects: every check this library knows for
 * Kruise objects, in one call. Used by kruise-lint (any YAML) and by the
 * synth-time review of an app.
 *
 * - schema: the CRD schema of the Kruise version, pruning included
 *   (KruiseSchemaValidator);
 * - admission: Kruise's defaulting and CREATE-time webhook rules (`admit()`),
 *   with every reviewed object as a peer;
 * - gates: the feature gates and pod-level knobs (annotations, labels, env)
 *   that only work when a gate is on (`gateFindings()`).
 *
 * Objects that are not Kruise objects (see `isKruiseObject`) get the gate
 * check only.
 * Never throws on odd input: a check that fails on an object becomes a
 * warning finding on that object.
 */
import { gateFindings } from '../admission/gates';
import { AdmissionContext, Finding, Severity } from '../admission/types';
import { isJsonObject } from '../base/json';
import { KruiseVersion } from '../version';
import { duplicateFindings, unsafeTextFindings } from './object-checks';
import type * as ReviewEngine from './review-engine';
import { apiGroupOf } from '../base/names';

/** The API groups of Kruise's own kinds (the kinds this library reviews). */
export const KRUISE_API_GROUPS: ReadonlyArray<string> = ['apps.kruise.io', 'policy.kruise.io'];

/** Which check a finding comes from. */
export type ReviewSource = 'schema' | 'admission' | 'gates' | 'objects';

/** A finding, tagged with the object it belongs to. */
export interface ObjectFinding extends Finding {
  /** The object, as given to `reviewObjects`. */
  readonly object: unknown;
  /** Its position in the list given to `reviewObjects`. */
  readonly index: number;
  /** The check that reported it. */
  readonly source: ReviewSource;
}

/** What the review may know beyond the objects. */
export interface ReviewContext {
  /** The Kruise release line, `major.minor`; default `1.7`. */
  readonly version?: string;
  /**
   * Whether a feature gate is on in the install the objects go to, after
   * Kruise's forcing rules; `undefined` (or no function) when unknown, and
   * then gate rules report nothing.
   */
  readonly gate?: (name: string) => boolean | undefined;
  /**
   * How two objects with the same group, kind, namespace and name are
   * reported: `error` where they are applied together for sure (an app),
   * `warning` where they may be alternatives (files of a directory, such as
   * kustomize bases and overlays). Default `warning`.
   */
  readonly duplicates?: Severity;
}

/** The rule id of the schema check for an apiVersion and kind that are not a served Kruise kind (see review-engine.ts). */
const UNKNOWN_KIND_RULE = 'schema/unknown-kind';

/** The rule id of a check that failed on an object (a bug of this library, reported instead of thrown). */
export const CHECK_FAILED_RULE = 'review/check-failed';

/** Whether `obj` is an object of one of Kruise's API groups (whatever its kind or version). */
export function isKruiseObject(obj: unknown): boolean {
  if (!isJsonObject(obj)) return false;
  const apiVersion = obj.apiVersion;
  if (typeof apiVersion !== 'string') return false;
  return KRUISE_API_GROUPS.includes(apiGroupOf(apiVersion));
}

/**
 * Reviews `objects` together: schema, admission and gate findings for every
 * Kruise object, in object order (schema, then admission, then gates within an
 * object). Other objects get only the gate check (Kruise reads some labels,
 * annotations and env vars on pods, Deployments and Namespaces too), and take
 * part as peers (admission rules that upstream decides from cluster state see
 * them).
 *
 * An admission finding at a field the schema check already rejected is left
 * out: the API server stops at the schema error, and one message per field is
 * enough.
 *
 * @throws only when `ctx.version` is not a Kruise version this library knows
 */
export function reviewObjects(objects: ReadonlyArray<unknown>, ctx: ReviewContext = {}): ObjectFinding[] {
  const version = KruiseVersion.of(ctx.version ?? KruiseVersion.V1_7.version).version; // throws on a version this library does not know
  const admission: AdmissionContext = { version, gate: ctx.gate, peers: objects };
  const out: ObjectFinding[] = [];
  objects.forEach((object, index) => {
    const tag = (source: ReviewSource) => (f: Finding): ObjectFinding => ({ ...f, object, index, source });
    out.push(...guarded('objects', () => unsafeTextFindings(object)).map(tag('objects')));
    if (!isKruiseObject(object)) {
      // Kruise reads some labels, annotations and env vars on other objects too (pods, Deployments, Namespaces).
      out.push(...guarded('gates', () => gateFindings(object, admission)).map(tag('gates')));
      return;
    }

    const engine = reviewEngine();
    const schema = guarded('schema', () => engine.schemaFindings(object, version));
    out.push(...schema.map(tag('schema')));
    // An unknown kind or version has no admission rules to run.
    if (schema.some(f => f.rule === UNKNOWN_KIND_RULE)) {
      out.push(...guarded('gates', () => gateFindings(object, admission)).map(tag('gates')));
      return;
    }

    const rejected = new Set(schema.filter(f => f.severity === 'error').map(f => f.path));
    const admitted = guarded('admission', () => engine.admissionFindings(object, admission));
    out.push(...admitted.filter(f => !(f.severity === 'error' && rejected.has(f.path))).map(tag('admission')));
    out.push(...guarded('gates', () => gateFindings(object, admission)).map(tag('gates')));
  });
  for (const { index, finding } of duplicateFindings(objects, ctx.duplicates ?? 'warning')) {
    out.push({ ...finding, object: objects[index], index, source: 'objects' });
  }
  return out;
}

let engineModule: typeof ReviewEngine | undefined;

/**
 * The schema check and the admission engine, loaded when the first Kruise
 * object is reviewed: objects of other kinds need neither (the default
 * install of kruise-synth has none, and so never loads them). In lib/ and in
 * the kruise-synth bundle, the module required here runs the engine's own
 * bundle with its V8 code cache (scripts/build-cli.js).
 */
function reviewEngine(): typeof ReviewEngine {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return engineModule ??= require('./review-engine') as typeof ReviewEngine;
}

/** Runs one check; a check that throws becomes one warning finding instead of a crash. */
function guarded(check: ReviewSource, run: () => Finding[]): Finding[] {
  try {
    const found = run();
    return Array.isArray(found) ? found : [];
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return [{
      path: '',
      message: `the ${check} check failed on this object (${reason.split('\n')[0]}), so it was not fully reviewed; this is a bug in cdk8s-openkruise, please report it with the object`,
      rule: CHECK_FAILED_RULE,
      severity: 'warning',
    }];
  }
}
