/**
 * Field descriptions of the API model: what `kubectl explain` prints and what
 * the generated L1 classes carry as doc comments.
 *
 * ## The mechanism
 *
 * - Each kind has a doc table in `src/api/docs/<kind>.ts`: a plain object from
 *   a field path to a short description in our own words. Paths are written
 *   from the root of the object: `spec.updateStrategy.maxSurge`; `[]` steps
 *   into the items of an array (`status.conditions[].reason`), `{}` into the
 *   values of a map (`spec.selector.matchLabels{}`).
 * - The table hangs on the kind's model (`KindModel.docs`) and is applied onto
 *   a copy of each served version's schema when the CRD is built
 *   (`crdManifest`, src/crds/build.ts). The schema helpers stay free of prose;
 *   the validators, which read the bare model, never carry it.
 * - The tables are made on first use (`KindModel.docs` is a {@link LazyDocs}):
 *   only building a CRD from the model reads them, and an install from the
 *   build's precomputed CRDs, a lint or a review never does (making them at
 *   load cost a cold kruise-synth about 4 ms).
 * - A path that a version's schema lacks is skipped for that version, so one
 *   table serves every API version of a kind (StatefulSet v1alpha1 and
 *   v1beta1). `apiVersions` overrides entries for one API version only.
 * - Shared Go types get their text once, in `./fragments.ts`, as functions
 *   that return the entries of a fragment mounted at a path (`selectorDocs`,
 *   `conditionsDocs`, `lifecycleDocs`, ...). A kind spreads them into its
 *   table and overrides any entry whose meaning differs for it (a later key
 *   wins). A spec embedded in another kind (UnitedDeployment's templates) is
 *   mounted with {@link mount}.
 * - Kruise versions: the model of a later Kruise version is a delta over the
 *   earlier one, and so are its docs. {@link extendDocs} layers a delta table
 *   (new fields, changed meanings) over a kind's 1.7 table without copying it;
 *   an entry set to `null` in the delta removes the description. The 1.8
 *   delta lives in `./kruise-1.8.ts` (`docsFor18(kind)`); a changed meaning
 *   says "since 1.8" in its text.
 *
 * ## What a description says
 *
 * One or two sentences: what the field does; its unit or format; its default
 * and who applies it (the defaulting webhook, the controller, or the API
 * server's schema default); the admission rules that constrain it; and the
 * feature gate it needs. The wording is ours: upstream's text is never copied
 * (test/conformance/field-docs.test.ts checks coverage and similarity).
 *
 * Descriptions end up in JSDoc comments of the generated L1 classes, so they
 * must not contain the character sequence `*` `/` or start a line with `@`.
 */
import { Schema } from '../schema';

/** Field path → description. `null` (in a delta) removes an inherited entry. */
export interface DocTable {
  readonly [path: string]: string | null;
}

/** The descriptions of one kind. */
export interface KindDocs {
  /** Entries for every API version of the kind. */
  readonly fields: DocTable;
  /** Entries that apply to one API version only (they win over `fields`). */
  readonly apiVersions?: { readonly [apiVersion: string]: DocTable };
}

/** A kind's descriptions, made on the first call (see `once`, src/base/once.ts). */
export type LazyDocs = () => KindDocs;

/** Descriptions of the metadata fields every kind has. */
export const ROOT_DOCS: DocTable = {
  apiVersion: 'API group and version of this object, such as apps.kruise.io/v1alpha1.',
  kind: 'Kind of this object, in CamelCase, such as CloneSet.',
};

/**
 * Re-bases the entries of `table` found under `from` onto `to`: the docs of a
 * spec embedded in another kind (`mount(CLONESET.fields, 'spec', 'spec.template.cloneSetTemplate.spec')`).
 */
export function mount(table: DocTable, from: string, to: string): DocTable {
  const out: { [path: string]: string | null } = {};
  for (const [p, d] of Object.entries(table)) {
    if (p === from) out[to] = d;
    else if (p.startsWith(`${from}.`) || p.startsWith(`${from}[]`) || p.startsWith(`${from}{}`)) out[to + p.slice(from.length)] = d;
  }
  return out;
}

/** Prefixes every key of a fragment's entries with `at` (the fragment's own node is `at` itself). */
export function at(prefix: string, entries: DocTable): DocTable {
  const out: { [path: string]: string | null } = {};
  for (const [p, d] of Object.entries(entries)) {
    out[p === '' ? prefix : p.startsWith('[]') || p.startsWith('{}') ? prefix + p : `${prefix}.${p}`] = d;
  }
  return out;
}

/**
 * The docs of a kind in a later Kruise version: `base` with `delta` layered
 * on top (new fields, changed meanings; `null` removes an entry).
 */
export function extendDocs(base: KindDocs, delta: Partial<KindDocs>): KindDocs {
  const apiVersions: { [v: string]: DocTable } = { ...(base.apiVersions ?? {}) };
  for (const [v, t] of Object.entries(delta.apiVersions ?? {})) apiVersions[v] = { ...(apiVersions[v] ?? {}), ...t };
  return { fields: { ...base.fields, ...(delta.fields ?? {}) }, apiVersions };
}

/** Every path of a schema, in the notation of the doc tables, with its node. */
export function schemaPaths(schema: Schema, visit: (path: string, node: Schema) => void, path = ''): void {
  visit(path, schema);
  for (const [name, child] of Object.entries(schema.properties ?? {})) schemaPaths(child, visit, path ? `${path}.${name}` : name);
  if (schema.items) schemaPaths(schema.items, visit, `${path}[]`);
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') schemaPaths(schema.additionalProperties, visit, `${path}{}`);
}

/** The effective table of one API version of a kind. */
export function tableFor(docs: KindDocs, apiVersion: string): DocTable {
  return { ...ROOT_DOCS, ...docs.fields, ...(docs.apiVersions?.[apiVersion] ?? {}) };
}

/**
 * A copy of `schema` with the descriptions of `docs` (for `apiVersion`) set
 * on the nodes they name. A node the table does not name keeps the
 * description the model gave it inline, if any. `used` collects the paths
 * that matched.
 */
export function applyDocs(schema: Schema, docs: KindDocs, apiVersion: string, used?: Set<string>): Schema {
  const copy: Schema = JSON.parse(JSON.stringify(schema));
  const table = tableFor(docs, apiVersion);
  schemaPaths(copy, (p, node) => {
    if (!(p in table)) return;
    used?.add(p);
    const d = table[p];
    const { description: _old, ...rest } = node;
    for (const k of Object.keys(node) as Array<keyof Schema>) delete node[k];
    // The description goes first, as controller-gen writes it.
    Object.assign(node, d === null ? {} : { description: d }, rest);
  });
  return copy;
}
