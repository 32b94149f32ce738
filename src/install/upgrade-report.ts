// The upgrade report of kruise-synth --upgrade-from: what changes for one
// install (the same chart values) between two Kruise versions. Internal: not
// exported from index.ts.
import { App, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { Kruise, KRUISE_WARNING_METADATA } from './kruise';
import { at, isJsonObject, JsonObject, stringOr } from '../base/json';
import { synthChartJson } from '../common/cdk8s-internals';
import { KruiseVersion } from '../version';
import { FeatureGate } from '../versions/feature-gates';
import { versionData } from '../versions/registry';

/** One changed field of an object, with its path as segments (joined by displayPath). */
interface RawFieldChange {
  readonly path: string[];
  readonly kind: 'added' | 'removed' | 'changed';
  readonly before?: unknown;
  readonly after?: unknown;
}

/** One changed field of an object. */
export interface FieldChange {
  /** Where, e.g. `spec.template.spec.containers[manager].image`; CRD schema fields as `versions[v1beta1] .spec.x`. */
  readonly path: string;
  readonly kind: 'added' | 'removed' | 'changed';
  readonly before?: unknown;
  readonly after?: unknown;
}

/** An object of the install: `Kind namespace/name` (or `Kind name` when cluster-scoped). */
export interface ObjectChange {
  readonly object: string;
  readonly changes: FieldChange[];
}

/** A gate whose state changes although the values do not set it. */
export interface GateBehaviourChange {
  readonly gate: string;
  readonly before: boolean;
  readonly after: boolean;
  /** Why: the default changed, the stage changed (AllAlpha/AllBeta), or a rule forces it. */
  readonly reason: string;
  readonly note?: string;
}

/** What changes for one install between two Kruise versions. */
export interface UpgradeReport {
  readonly from: KruiseVersion;
  readonly to: KruiseVersion;
  readonly image?: { readonly before: string; readonly after: string };
  readonly added: string[];
  readonly removed: string[];
  readonly changed: ObjectChange[];
  readonly gates: GateBehaviourChange[];
  /** Gates of the values that the older version does not have (left out of its side). */
  readonly droppedFromOld: string[];
}

/** Options of {@link upgradeReport}. */
export interface UpgradeReportOptions {
  readonly kubeVersion?: string;
}

/** Builds the report for chart values `values` from version `from` to `to`. */
export function upgradeReport(values: unknown, from: KruiseVersion, to: KruiseVersion, options: UpgradeReportOptions = {}): UpgradeReport {
  if (from === to) throw new Error(`--upgrade-from ${from.version} is the version being rendered; give an older Kruise version (known: ${KruiseVersion.all().map(v => v.version).join(', ')})`);
  if (!to.atLeast(from)) throw new Error(`--upgrade-from ${from.version} is newer than --kruise-version ${to.version}; a downgrade is not reported`);
  const newer = install(values, to, options.kubeVersion);
  const { values: oldValues, dropped } = valuesFor(values, from);
  const older = install(oldValues, from, options.kubeVersion);

  const before = new Map(older.manifests.map(m => [objectName(m), m]));
  const after = new Map(newer.manifests.map(m => [objectName(m), m]));
  const added = [...after.keys()].filter(k => !before.has(k));
  const removed = [...before.keys()].filter(k => !after.has(k));
  const changed: ObjectChange[] = [];
  for (const [name, m] of after) {
    const old = before.get(name);
    if (!old) continue;
    const changes: RawFieldChange[] = [];
    diff(old, m, [], changes);
    if (changes.length > 0) changed.push({ object: name, changes: changes.map(c => ({ ...c, path: displayPath(c.path) })) });
  }

  const gates: GateBehaviourChange[] = [];
  const notes = versionData(to.version).gateNotes;
  for (const gate of FeatureGate.all(to)) {
    if (!gate.isIn(from) || newer.kruise.featureGates.isExplicit(gate)) continue;
    const b = older.kruise.featureGates.isEnabled(gate);
    const a = newer.kruise.featureGates.isEnabled(gate);
    if (a === b) continue;
    const metaFrom = older.kruise.featureGates.settings.some(x => x.gate === (gate.stageIn(from) === 'ALPHA' ? FeatureGate.ALL_ALPHA : FeatureGate.ALL_BETA));
    const reason = gate.stageIn(from) !== gate.stageIn(to) && metaFrom
      ? `it moved from ${gate.stageIn(from)} to ${gate.stageIn(to)}, so ${gate.stageIn(from) === 'ALPHA' ? 'AllAlpha' : 'AllBeta'} no longer sets it`
      : gate.defaultIn(from) !== gate.defaultIn(to)
        ? `its default changed (${gate.defaultIn(from) ? 'on' : 'off'} in ${from.version}, ${gate.defaultIn(to) ? 'on' : 'off'} in ${to.version})`
        : 'a Kruise rule forces it (another gate changed)';
    const note = notes[gate.name];
    gates.push(note === undefined ? { gate: gate.name, before: b, after: a, reason } : { gate: gate.name, before: b, after: a, reason, note });
  }

  const imageBefore = older.kruise.image.reference;
  const imageAfter = newer.kruise.image.reference;
  return {
    from,
    to,
    image: imageBefore !== imageAfter ? { before: imageBefore, after: imageAfter } : undefined,
    added,
    removed,
    changed,
    gates,
    droppedFromOld: dropped,
  };
}

/** The report as text, one finding per line. */
export function formatUpgradeReport(r: UpgradeReport): string {
  const lines: string[] = [];
  const from = `${r.from.version} (chart ${r.from.chartVersion})`;
  const to = `${r.to.version} (chart ${r.to.chartVersion})`;
  lines.push(`Upgrade report: Kruise ${from} -> ${to}, same chart values`);
  if (r.droppedFromOld.length > 0) {
    lines.push(`(gates new in ${r.to.version} left out of the ${r.from.version} side: ${r.droppedFromOld.join(', ')})`);
  }
  lines.push('');
  lines.push(r.image ? `Image: ${r.image.before} -> ${r.image.after}` : 'Image: unchanged');
  lines.push('');
  lines.push(`Objects added (${r.added.length}):${r.added.length === 0 ? ' none' : ''}`);
  for (const o of r.added) lines.push(`  + ${o}`);
  lines.push(`Objects removed (${r.removed.length}):${r.removed.length === 0 ? ' none' : ''}`);
  for (const o of r.removed) lines.push(`  - ${o}`);
  lines.push(`Objects changed (${r.changed.length}):${r.changed.length === 0 ? ' none' : ''}`);
  for (const o of r.changed) {
    lines.push(`  ~ ${o.object}`);
    for (const c of o.changes) {
      // Added schema subtrees are shown without their descriptions (their own lines say when a description changes).
      const v = (x: unknown) => show(c.path.includes(' .') && !c.path.endsWith('(description)') ? withoutDescriptions(x) : x);
      const what = c.kind === 'added' ? `added ${v(c.after)}` : c.kind === 'removed' ? `removed (was ${v(c.before)})` : `${v(c.before)} -> ${v(c.after)}`;
      lines.push(`      ${c.path}: ${what}`);
    }
  }
  lines.push('');
  lines.push(`Behaviour changes from gate defaults the values do not set (${r.gates.length}):${r.gates.length === 0 ? ' none' : ''}`);
  for (const g of r.gates) {
    lines.push(`  ! ${g.gate}: ${g.before ? 'on' : 'off'} -> ${g.after ? 'on' : 'off'}; ${g.reason}${g.note ? `; ${g.note}` : ''}. `
      + `To keep the ${r.from.version} behaviour, add ${g.gate}=${g.before} to featureGates.`);
  }
  return `${lines.join('\n')}\n`;
}

/** The install's warnings (construct metadata of type `warning`), in tree order. */
export function installWarnings(scope: IConstruct): string[] {
  return scope.node.findAll().flatMap(c => c.node.metadata.filter(m => m.type === KRUISE_WARNING_METADATA).map(m => String(m.data)));
}

function install(values: unknown, version: KruiseVersion, kubeVersion: string | undefined): { kruise: Kruise; manifests: JsonObject[] } {
  const app = new App({ outdir: '.' });
  const chart = new Chart(app, 'kruise');
  const kruise = Kruise.fromHelmValues(chart, 'kruise', values, { kubeVersion, version });
  return { kruise, manifests: synthChartJson(chart) };
}

/** The values for the older version: the same, without the gates it does not have. */
function valuesFor(values: unknown, version: KruiseVersion): { values: unknown; dropped: string[] } {
  const raw = stringOr(at(values, 'featureGates'));
  if (!isJsonObject(values) || raw === undefined || raw.trim() === '') return { values, dropped: [] };
  const dropped: string[] = [];
  const kept = raw.split(',').filter(part => {
    const name = part.split('=')[0].trim();
    let known: FeatureGate | undefined;
    try {
      known = FeatureGate.of(name);
    } catch {
      return true; // the values check reports it
    }
    if (!known.isIn(version)) {
      dropped.push(name);
      return false;
    }
    return true;
  });
  return { values: { ...values, featureGates: kept.join(',') }, dropped };
}

function objectName(m: JsonObject): string {
  const ns = at(m, 'metadata', 'namespace');
  return `${m.kind} ${ns ? `${ns}/` : ''}${at(m, 'metadata', 'name')}`;
}

const isMap = isJsonObject;

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Field-level differences, with paths as segment lists (turned into text by displayPath). */
function diff(a: unknown, b: unknown, path: string[], out: RawFieldChange[]): void {
  if (same(a, b)) return;
  if (isMap(a) && isMap(b)) {
    for (const k of Object.keys(a)) {
      if (!(k in b)) out.push({ path: [...path, k], kind: 'removed', before: a[k] });
      else diff(a[k], b[k], [...path, k], out);
    }
    for (const k of Object.keys(b)) if (!(k in a)) out.push({ path: [...path, k], kind: 'added', after: b[k] });
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const nameOf = (x: unknown) => stringOr(at(x, 'name'));
    const named = (xs: unknown[]) => xs.every(x => nameOf(x) !== undefined) && new Set(xs.map(nameOf)).size === xs.length;
    if (named(a) && named(b)) {
      const bn = new Map(b.map(x => [nameOf(x)!, x]));
      const an = new Map(a.map(x => [nameOf(x)!, x]));
      for (const [n, x] of an) {
        if (!bn.has(n)) out.push({ path: [...path, `[${n}]`], kind: 'removed', before: x });
        else diff(x, bn.get(n), [...path, `[${n}]`], out);
      }
      for (const [n, x] of bn) if (!an.has(n)) out.push({ path: [...path, `[${n}]`], kind: 'added', after: x });
      return;
    }
    if (a.length === b.length) {
      a.forEach((x, i) => diff(x, b[i], [...path, `[${i}]`], out));
      return;
    }
    // Unnamed items and a different length: report the items that appear or disappear.
    const left = [...a];
    for (const x of b) {
      const i = left.findIndex(y => same(x, y));
      if (i >= 0) left.splice(i, 1);
      else out.push({ path: [...path, '[+]'], kind: 'added', after: x });
    }
    for (const x of left) out.push({ path: [...path, '[-]'], kind: 'removed', before: x });
    return;
  }
  out.push({ path, kind: 'changed', before: a, after: b });
}

/**
 * A path as text. Inside a CRD schema (`openAPIV3Schema`) the field path is
 * given as the object's own field (`.spec.reserveOrdinals[]`), followed by the
 * schema keyword that changed, if any.
 */
function displayPath(segments: string[]): string {
  const join = (xs: string[]) => xs.reduce((acc, s) => s.startsWith('[') ? `${acc}${s}` : acc ? `${acc}.${s}` : s, '');
  const schemaAt = segments.indexOf('openAPIV3Schema');
  if (schemaAt < 0) return join(segments);
  const head = join(segments.slice(0, schemaAt - 1)); // ...versions[v1beta1]
  let field = '';
  let i = schemaAt + 1;
  for (; i < segments.length; i++) {
    const s = segments[i];
    if (s === 'properties' && i + 1 < segments.length) field += `.${segments[++i]}`;
    else if (s === 'items') field += '[]';
    else if (s === 'additionalProperties') field += '{}';
    else break;
  }
  const keyword = segments.slice(i).join('.');
  return `${head} ${field || '.'}${keyword ? ` (${keyword})` : ''}`;
}

function withoutDescriptions(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutDescriptions);
  if (isMap(v)) return Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'description').map(([k, x]) => [k, withoutDescriptions(x)]));
  return v;
}

function show(v: unknown): string {
  const text = JSON.stringify(v);
  return text.length > 100 ? `${text.slice(0, 97)}...` : text;
}
