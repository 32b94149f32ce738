/**
 * Field-docs coverage of our CRDs against upstream's: which fields upstream
 * describes, whether ours describe them, and how close our words come to
 * upstream's. Used by field-docs.test.ts; run it directly to list what is
 * still undescribed:
 *
 *   npx ts-node --project scripts/tsconfig.json test/conformance/field-docs.ts [crd-name-part]
 */
import { Chart, Testing } from 'cdk8s';
import { normalise, quickRatio, sequenceRatio } from './similarity';
import { KruiseCrds } from '../../src';
import { KruiseVersion } from '../../src/version';
import { listReference, readYamlDocs, REFERENCE_DIR } from '../util/reference';

/** A ratio above this, on a description longer than {@link MIN_COMPARED_LENGTH}, is a near-copy. */
export const MAX_SIMILARITY = 0.9;
export const MIN_COMPARED_LENGTH = 40;
/** Share of the upstream-described fields that ours must describe. */
export const MIN_COVERAGE = 0.95;

/** One schema node upstream describes. */
export interface DocField {
  readonly crd: string;
  readonly version: string;
  readonly path: string;
  readonly upstream: string;
  readonly ours?: string;
}

/** Every node of a JSON schema, keyed by path (`a.b[]`, `m{}`), with its description. */
export function describedNodes(schema: any, out = new Map<string, string | undefined>(), path = ''): Map<string, string | undefined> {
  if (!schema || typeof schema !== 'object') return out;
  out.set(path, schema.description);
  for (const [k, v] of Object.entries(schema.properties ?? {})) describedNodes(v, out, path ? `${path}.${k}` : k);
  if (schema.items) describedNodes(schema.items, out, `${path}[]`);
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') describedNodes(schema.additionalProperties, out, `${path}{}`);
  return out;
}

/** Our 18 CRDs (EphemeralJob's included) of a Kruise version, by name. */
export function ourCrds(version: KruiseVersion = KruiseVersion.V1_7): Map<string, any> {
  const chart = new Chart(Testing.app(), 'docs');
  const crds = new KruiseCrds(chart, 'kruise', { includeEphemeralJob: true, version });
  return new Map<string, any>(crds.crds.map(o => [o.name, o.toJson()]));
}

/** The upstream-described fields of every CRD version, with our description of each, if any. */
export function docFields(refDir: string, ours: Map<string, any> = ourCrds()): DocField[] {
  const fields: DocField[] = [];
  for (const file of listReference(refDir, 'crds')) {
    const up = readYamlDocs(file)[0];
    const mine = ours.get(up.metadata.name);
    for (const v of up.spec.versions) {
      const mv = mine?.spec.versions.find((x: any) => x.name === v.name);
      const ourNodes = describedNodes(mv?.schema?.openAPIV3Schema);
      for (const [path, d] of describedNodes(v.schema.openAPIV3Schema)) {
        if (!d) continue;
        fields.push({ crd: up.metadata.name, version: v.name, path, upstream: d, ours: ourNodes.get(path) || undefined });
      }
    }
  }
  return fields;
}

/** A pair of texts judged too close. */
export interface NearCopy {
  readonly where: string;
  readonly ours: string;
  readonly upstream: string;
  readonly ratio: number;
}

/**
 * Compares each of our descriptions longer than {@link MIN_COMPARED_LENGTH}
 * with upstream's at the same path (`maxSamePath` is the highest ratio seen)
 * and, through difflib's cheap upper bounds first, with every other upstream
 * description (so text moved to another field is caught too).
 */
export function nearCopies(fields: readonly DocField[]): { copies: NearCopy[]; maxSamePath: number; maxWhere: string } {
  const upstreamTexts = [...new Set(fields.map(f => normalise(f.upstream)))];
  const copies: NearCopy[] = [];
  let maxSamePath = 0;
  let maxWhere = '';
  const seen = new Map<string, number>();
  for (const f of fields) {
    if (!f.ours || f.ours.length <= MIN_COMPARED_LENGTH) continue;
    const mine = normalise(f.ours);
    const where = `${f.crd} ${f.version} ${f.path || '(root)'}`;
    const same = sequenceRatio(mine, normalise(f.upstream));
    if (same > maxSamePath) {
      maxSamePath = same;
      maxWhere = where;
    }
    if (same > MAX_SIMILARITY) {
      copies.push({ where, ours: f.ours, upstream: f.upstream, ratio: same });
      continue;
    }
    let best = seen.get(mine);
    if (best === undefined) {
      best = 0;
      for (const t of upstreamTexts) {
        const bound = (2 * Math.min(mine.length, t.length)) / (mine.length + t.length);
        if (bound <= MAX_SIMILARITY || quickRatio(mine, t) <= MAX_SIMILARITY) continue;
        best = Math.max(best, sequenceRatio(mine, t));
      }
      seen.set(mine, best);
    }
    if (best > MAX_SIMILARITY) copies.push({ where: `${where} (matches another field's text)`, ours: f.ours, upstream: '', ratio: best });
  }
  return { copies, maxSamePath, maxWhere };
}

function main(): void {
  if (!REFERENCE_DIR) throw new Error('../shared/reference/kruise-1.7 not found');
  const filter = process.argv[2] ?? '';
  const fields = docFields(REFERENCE_DIR).filter(f => f.crd.includes(filter));
  const missing = fields.filter(f => !f.ours);
  for (const f of missing) {
    // eslint-disable-next-line no-console
    console.log(`${f.crd} ${f.version} ${f.path || '(root)'}\n    ${f.upstream.replace(/\s+/g, ' ').slice(0, 300)}`);
  }
  const { copies, maxSamePath, maxWhere } = nearCopies(fields);
  for (const c of copies) console.log(`NEAR-COPY ${c.ratio.toFixed(3)} ${c.where}: ${c.ours}`); // eslint-disable-line no-console
  // eslint-disable-next-line no-console
  console.log(`field docs: ${fields.length - missing.length} of ${fields.length} described; max similarity ${maxSamePath.toFixed(3)} (${maxWhere})`);
}

if (require.main === module) main();
