/*
 * Developer aid: build the CRD of every KindModel exported by the given model
 * module(s) and print how each differs from the upstream CRD in
 * ../shared/reference/kruise-1.7/crds (descriptions ignored).
 *
 *   npx ts-node scripts/compare-crd.ts src/api/clone-set.ts [more files...]
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { KindModel } from '../src/api/model';
import { crdManifest } from '../src/crds/build';
import { stripKeys, structuralDiff } from '../test/conformance/structural-diff';

const refDir = path.join(__dirname, '..', '..', 'shared', 'reference', 'kruise-1.7', 'crds');
let failures = 0;
for (const file of process.argv.slice(2)) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(path.resolve(file));
  const models = Object.values(mod).filter((v: any) => v && typeof v === 'object' && v.kind && v.versions) as KindModel[];
  if (models.length === 0) console.log(`${file}: exports no KindModel`);
  for (const m of models) {
    const name = `${m.plural}.${m.group}`;
    const upstream = parse(fs.readFileSync(path.join(refDir, `${name}.yaml`), 'utf8'));
    const ours = crdManifest(m, { conversionService: { name: 'kruise-webhook-service', namespace: 'kruise-system' } });
    const ignore = new Set(['description']);
    const diffs = structuralDiff(stripKeys(ours.spec, ignore), stripKeys(upstream.spec, ignore), 'spec');
    if (diffs.length === 0) {
      console.log(`OK   ${name}`);
    } else {
      failures++;
      console.log(`DIFF ${name}: ${diffs.length} difference(s)`);
      for (const d of diffs.slice(0, 60)) console.log(`  ${d}`);
    }
  }
}
process.exitCode = failures ? 1 : 0;
