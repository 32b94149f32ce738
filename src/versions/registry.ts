/**
 * The full data of every Kruise version this library knows, folded from the
 * base version (1.7) and the deltas of the later ones. Adding a version: write
 * its delta module (see kruise-1-8.ts) and list it in DELTAS.
 */
import * as base from './kruise-1-7';
import { KRUISE_1_8 } from './kruise-1-8';
import { ClusterRoleData, GateData, GateRules, KindServingDelta, RbacRule, SchemaChange, VersionDelta } from './types';
import { extendDocs } from '../api/docs/docs';
import { KRUISE_1_7_KINDS } from '../api/kinds';
import { KindModel, VersionModel } from '../api/model';
import { clone, Schema } from '../api/schema';
import { once } from '../base/once';

/** Later versions, each a delta over the one before it, oldest first. */
const DELTAS: readonly VersionDelta[] = [KRUISE_1_8];

/** Everything the library knows about one Kruise version. */
export interface VersionData {
  readonly version: string;
  /** The version this one is a delta over (undefined for the base). */
  readonly base?: string;
  readonly chartVersion: string;
  readonly imageTag: string;
  /** The 18 kinds, sorted by CRD name. */
  readonly kinds: readonly KindModel[];
  /** The gates in upstream order. */
  readonly gates: ReadonlyMap<string, GateData>;
  readonly rules: GateRules;
  /** Per gate whose default changed in this version: what that means for an install that does not set it. */
  readonly gateNotes: { readonly [name: string]: string };
  /** Chart value defaults that differ from the base chart, by dotted key. */
  readonly chartValueDefaults: { readonly [dottedKey: string]: unknown };
  /** Extra ClusterRoles (after kruise-certs-role). */
  readonly clusterRoles: readonly ClusterRoleData[];
  /** Rules appended to kruise-manager-role while a gate is on. */
  readonly managerRulesWhenGate: ReadonlyArray<{ readonly gate: string; readonly rules: readonly RbacRule[] }>;
}

const BASE: VersionData = {
  version: base.VERSION,
  chartVersion: base.CHART_VERSION,
  imageTag: base.IMAGE_TAG,
  kinds: KRUISE_1_7_KINDS,
  gates: new Map(base.GATES),
  rules: base.RULES,
  gateNotes: {},
  chartValueDefaults: {},
  clusterRoles: [],
  managerRulesWhenGate: [],
};

const CACHE = new Map<string, VersionData>();

/** The lines this library knows, oldest first. */
export function knownVersions(): string[] {
  return [BASE.version, ...DELTAS.map(d => d.version)];
}

/** The full data of a version (`major.minor`). */
export function versionData(version: string): VersionData {
  const cached = CACHE.get(version);
  if (cached) return cached;
  let data: VersionData;
  if (version === BASE.version) {
    data = BASE;
  } else {
    const delta = DELTAS.find(d => d.version === version);
    if (!delta) throw new Error(`Kruise version '${version}' is not known; known: ${knownVersions().join(', ')}`);
    data = applyDelta(versionData(delta.base), delta);
  }
  CACHE.set(version, data);
  return data;
}

function applyDelta(prev: VersionData, delta: VersionDelta): VersionData {
  const gates = new Map(prev.gates);
  for (const name of delta.gates.removed ?? []) gates.delete(name);
  for (const [name, change] of Object.entries(delta.gates.changed ?? {})) {
    const old = gates.get(name);
    if (!old) throw new Error(`Kruise ${delta.version}: gate '${name}' changes, but Kruise ${prev.version} has no such gate`);
    gates.set(name, { ...old, ...change });
  }
  for (const [name, data] of Object.entries(delta.gates.added ?? {})) {
    if (gates.has(name)) throw new Error(`Kruise ${delta.version}: gate '${name}' is added, but Kruise ${prev.version} has it already`);
    gates.set(name, data);
  }
  const extend = (rules: GateRules['forcedOffWhenDisabled'], more: { readonly [parent: string]: readonly string[] } | undefined) => {
    const out = rules.map(([p, c]) => [p, [...c, ...(more?.[p] ?? [])]] as const);
    for (const [p, c] of Object.entries(more ?? {})) if (!rules.some(([q]) => q === p)) out.push([p, [...c]]);
    return out;
  };
  // The model is folded on first use: gate and chart lookups (done when the
  // FeatureGate constants load) do not pay for cloning schemas.
  let kinds: readonly KindModel[] | undefined;
  return {
    version: delta.version,
    base: prev.version,
    chartVersion: delta.chartVersion,
    imageTag: delta.imageTag,
    get kinds() {
      return kinds ??= applyModelDelta(prev.kinds, delta);
    },
    gates,
    rules: {
      forcedOffWhenDisabled: extend(prev.rules.forcedOffWhenDisabled, delta.gates.forcedOffWhenDisabled),
      forcedOnWhenEnabled: extend(prev.rules.forcedOnWhenEnabled, delta.gates.forcedOnWhenEnabled),
    },
    gateNotes: { ...delta.gates.defaultChangeNotes },
    chartValueDefaults: { ...prev.chartValueDefaults, ...delta.chartValueDefaults },
    clusterRoles: [...prev.clusterRoles, ...(delta.rbac?.clusterRoles ?? [])],
    managerRulesWhenGate: [...prev.managerRulesWhenGate, ...(delta.rbac?.managerRulesWhenGate ?? [])],
  };
}

/**
 * The kinds of `prev` with the delta's model changes. Kinds the delta does
 * not touch are the same objects as before (so caches keyed by model, such as
 * the CRD manifests, are shared between versions).
 */
export function applyModelDelta(prev: readonly KindModel[], delta: VersionDelta): KindModel[] {
  const docDeltas = delta.model.docs ?? {};
  const touched = new Set([...delta.model.fields.map(f => f.kind), ...(delta.model.serving ?? []).map(s => s.kind), ...Object.keys(docDeltas)]);
  for (const kind of touched) {
    if (!prev.some(k => k.kind === kind)) throw new Error(`Kruise ${delta.version}: the model delta names kind '${kind}', which Kruise ${delta.base} does not have`);
  }
  return prev.map(model => {
    if (!touched.has(model.kind)) return model;
    let versions: VersionModel[] = model.versions.map(v => ({
      ...v,
      schema: clone(v.schema),
      printerColumns: v.printerColumns ? [...v.printerColumns] : undefined,
    }));
    let conversionWebhook = model.conversionWebhook;
    let inChart = model.inChart;
    for (const serving of (delta.model.serving ?? []).filter(s => s.kind === model.kind)) {
      versions = applyServing(model, versions, serving, delta.version);
      if (serving.conversionWebhook !== undefined) conversionWebhook = serving.conversionWebhook;
      if (serving.inChart !== undefined) inChart = serving.inChart;
    }
    for (const f of delta.model.fields.filter(x => x.kind === model.kind)) {
      const v = versions.find(x => x.name === f.version);
      if (!v) throw new Error(`Kruise ${delta.version}: ${model.kind} has no CRD version '${f.version}'`);
      const where = `Kruise ${delta.version} ${model.kind} ${f.version}`;
      for (const change of f.schema ?? []) applySchemaChange(v.schema, change, where);
      const columns = v.printerColumns ? [...v.printerColumns] : [];
      for (const { at, column } of f.addPrinterColumns ?? []) columns.splice(at, 0, column);
      (v as { printerColumns?: unknown }).printerColumns = columns;
    }
    const docDelta = Object.hasOwn(docDeltas, model.kind) ? docDeltas[model.kind] : undefined;
    const baseDocs = model.docs;
    const docs = docDelta && baseDocs ? once(() => extendDocs(baseDocs(), docDelta())) : baseDocs;
    return { ...model, versions, conversionWebhook, inChart, docs };
  });
}

function applyServing(model: KindModel, versions: VersionModel[], s: KindServingDelta, version: string): VersionModel[] {
  let out = versions;
  if (s.addVersion) {
    const from = out.find(v => v.name === s.addVersion!.from);
    if (!from) throw new Error(`Kruise ${version}: ${model.kind} has no version '${s.addVersion.from}' to copy`);
    const schema = clone(from.schema);
    for (const change of s.addVersion.schema ?? []) applySchemaChange(schema, change, `Kruise ${version} ${model.kind} ${s.addVersion.name}`);
    out = [...out, { ...from, name: s.addVersion.name, served: s.addVersion.served, storage: s.addVersion.storage, schema }];
  }
  if (s.storageVersion) {
    if (!out.some(v => v.name === s.storageVersion)) throw new Error(`Kruise ${version}: ${model.kind} has no version '${s.storageVersion}' to store`);
    out = out.map(v => ({ ...v, storage: v.name === s.storageVersion }));
  }
  return out;
}

/** Applies one change in place. Paths: property names joined by dots, `[]` for array items. */
export function applySchemaChange(root: Schema, change: SchemaChange, where: string): void {
  const steps = change.path.split('.').flatMap(p => p.endsWith('[]') ? [p.slice(0, -2), '[]'] : [p]);
  const last = steps.pop()!;
  let node: Schema = root;
  for (const step of steps) {
    const next = step === '[]' ? node.items : node.properties?.[step];
    if (!next) throw new Error(`${where}: no schema at '${change.path}' (stops at '${step}')`);
    node = next;
  }
  if (change.op === 'add') {
    if (last === '[]') throw new Error(`${where}: 'add' takes a property path, not '${change.path}'`);
    if (node.properties?.[last]) throw new Error(`${where}: '${change.path}' exists already; use 'replace' or 'set'`);
    (node as { properties?: { [k: string]: Schema } }).properties = sortedProperties({ ...node.properties, [last]: clone(change.schema) });
    return;
  }
  const target = last === '[]' ? node.items : node.properties?.[last];
  if (!target) throw new Error(`${where}: no schema at '${change.path}' to ${change.op}`);
  if (change.op === 'remove') {
    if (last === '[]') throw new Error(`${where}: 'remove' takes a property path, not '${change.path}'`);
    const { [last]: _gone, ...rest } = node.properties!;
    (node as { properties?: { [k: string]: Schema } }).properties = rest;
    if (node.required?.includes(last)) {
      const required = node.required.filter(r => r !== last);
      if (required.length > 0) (node as { required?: string[] }).required = required;
      else delete (node as { required?: string[] }).required;
    }
    return;
  }
  if (change.op === 'replace') {
    if (last === '[]') (node as { items?: Schema }).items = clone(change.schema);
    else node.properties![last] = clone(change.schema);
  } else {
    Object.assign(target, clone(change.keywords));
  }
}

/** controller-gen writes properties sorted by name. */
function sortedProperties(props: { [k: string]: Schema }): { [k: string]: Schema } {
  return Object.fromEntries(Object.keys(props).sort().map(k => [k, props[k]]));
}
