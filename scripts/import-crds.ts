/*
 * Regenerates the typed L1 classes in src/imports from the CRDs this
 * library's API model produces (`cdk8s import`, run offline on local files).
 *
 *   npx ts-node scripts/import-crds.ts           write src/imports
 *   npx ts-node scripts/import-crds.ts --check   exit 1 when src/imports differs
 *
 * One module per API group: src/imports/apps.kruise.io.ts and
 * src/imports/policy.kruise.io.ts.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { KRUISE_1_7_KINDS } from '../src/api/kinds';
import { crdManifest } from '../src/crds/build';

const root = path.resolve(__dirname, '..');
const target = path.join(root, 'src', 'imports');

export function generateImports(outDir: string): string[] {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kruise-import-'));
  try {
    const groups = [...new Set(KRUISE_1_7_KINDS.map(k => k.group))].sort();
    for (const group of groups) {
      const docs = KRUISE_1_7_KINDS.filter(k => k.group === group)
        .map(k => stringify(crdManifest(k, { conversionService: { name: 'kruise-webhook-service', namespace: 'kruise-system' } })));
      const file = path.join(work, `${group}.yaml`);
      fs.writeFileSync(file, docs.join('---\n'));
      execFileSync(process.execPath, [
        path.join(root, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s'), 'import', file,
        '--no-check-upgrade', '--language', 'typescript', '--output', outDir,
      ], { cwd: work, stdio: ['ignore', 'ignore', 'inherit'] });
    }
    const files = groups.map(g => `${g}.ts`);
    for (const f of files) {
      const full = path.join(outDir, f);
      fs.writeFileSync(full, linearConverters(nameVersions(fs.readFileSync(full, 'utf8'))));
    }
    return files;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/**
 * `cdk8s import` names the classes of a CRD's first version without a suffix
 * (for Advanced StatefulSet: `StatefulSet` is v1alpha1, next to
 * `StatefulSetV1Beta1`). Give the v1alpha1 classes an explicit suffix too, so
 * that neither name can be mistaken for the other. Only identifiers change;
 * the GVK string literals stay `StatefulSet`.
 */
export function nameVersions(source: string): string {
  return source.replace(/(?<![A-Za-z0-9'"])StatefulSet(?!V1Beta1)(?=[A-Z_]|\b)/g, 'StatefulSetV1Alpha1');
}

/** The one-line filter `cdk8s import` writes into every `toJson_*` function and map field. */
const SPREAD_REDUCE = /Object\.entries\(((?:[^()]|\([^()]*\))+)\)\.reduce\(\(r, i\) => \(i\[1\] === undefined\) \? r : \(\{ \.\.\.r, \[i\[0\]\]: (i\[1\]|toJson_\w+\(i\[1\]\)) \}\), \{\}\)/g;

/** The import of the helper the rewritten converters call (src/base/json.ts); placed after the generated imports. */
const DEFINED_ENTRIES_IMPORT = "import { definedEntries } from '../base/json';\n";

/**
 * \`cdk8s import\` drops undefined values with
 * \`Object.entries(o).reduce((r, i) => ... ({ ...r, [i[0]]: i[1] }), {})\`,
 * which copies the object once per entry (quadratic in its size; felt when
 * synthesizing thousands of workloads). Rewrite each into one call of a
 * linear helper with the same result: same keys in the same order, undefined
 * values left out, map values converted the same way. Throws when the
 * generated code no longer has the shape this expects, so a cdk8s-cli
 * upgrade that changes it is noticed.
 */
export function linearConverters(source: string): string {
  let rewritten = 0;
  const out = source.replace(SPREAD_REDUCE, (_m, obj: string, value: string) => {
    rewritten++;
    const mapped = value.split('i[1]').join('v');
    return `definedEntries(${obj}, (v) => ${mapped})`;
  });
  if (out.includes('.reduce(') || (rewritten === 0 && /export function toJson_/.test(source))) {
    throw new Error('scripts/import-crds.ts: the generated converters no longer have the expected filter; update linearConverters');
  }
  if (rewritten === 0) return out;
  const imports = /^(?:import [^\n]*\n)+/m.exec(out);
  if (!imports) throw new Error('scripts/import-crds.ts: no import lines to place the import of definedEntries after');
  const at = imports.index + imports[0].length;
  return out.slice(0, at) + DEFINED_ENTRIES_IMPORT + out.slice(at);
}

function main(): void {
  const check = process.argv.includes('--check');
  const out = check ? fs.mkdtempSync(path.join(os.tmpdir(), 'kruise-imports-')) : target;
  if (!check) fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  const files = generateImports(out);
  if (!check) {
    console.log(`wrote ${files.map(f => path.join('src/imports', f)).join(', ')}`);
    return;
  }
  const drift = files.filter(f => !fs.existsSync(path.join(target, f))
    || fs.readFileSync(path.join(target, f), 'utf8') !== fs.readFileSync(path.join(out, f), 'utf8'));
  const extra = fs.existsSync(target) ? fs.readdirSync(target).filter(f => !files.includes(f)) : [];
  fs.rmSync(out, { recursive: true, force: true });
  if (drift.length || extra.length) {
    console.error(`src/imports is out of date with the API model (${[...drift, ...extra].join(', ')}); run: npx projen import`);
    process.exitCode = 1;
  } else {
    console.log('src/imports matches the API model');
  }
}

if (require.main === module) main();
