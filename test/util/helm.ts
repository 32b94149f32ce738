/** Comparing synthesized install objects with `helm template` output. */
import { readYamlDocs } from './reference';
import { stripKeys, structuralDiff } from '../conformance/structural-diff';

const IGNORE_IN_CRDS = new Set(['description']);

/** apiVersion/kind/namespace/name. */
export function keyOf(o: any): string {
  return `${o.apiVersion}/${o.kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name}`;
}

/** The objects of a `helm template` render, hook objects (annotation helm.sh/hook) dropped. */
export function helmObjects(file: string): any[] {
  return readYamlDocs(file).filter(o => !o.metadata?.annotations?.['helm.sh/hook']);
}

/** Field-by-field differences between two object sets, keyed by apiVersion/kind/namespace/name. */
export function compareObjectSets(ours: any[], theirs: any[]): string[] {
  const mine = new Map(ours.map(o => [keyOf(o), o]));
  const upstream = new Map(theirs.map(o => [keyOf(o), o]));
  const diffs: string[] = [];
  for (const k of upstream.keys()) if (!mine.has(k)) diffs.push(`missing object ${k}`);
  for (const k of mine.keys()) if (!upstream.has(k)) diffs.push(`unexpected object ${k}`);
  for (const [k, u] of upstream) {
    const m = mine.get(k);
    if (!m) continue;
    const crd = u.kind === 'CustomResourceDefinition';
    const a = crd ? stripKeys(m, IGNORE_IN_CRDS) : m;
    const b = crd ? stripKeys(u, IGNORE_IN_CRDS) : u;
    diffs.push(...structuralDiff(a, b, k));
  }
  if (ours.length !== mine.size) diffs.push(`duplicate objects in ours: ${ours.length} objects, ${mine.size} keys`);
  return diffs;
}

