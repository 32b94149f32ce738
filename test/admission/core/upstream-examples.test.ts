import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { validatePodTemplateSpec } from '../../../src/admission/core/pod';
import { Report } from '../../../src/admission/types';

/**
 * Every pod template in the upstream examples (Kruise 1.7 and 1.8 manuals,
 * release-note seeds, samples) is one Kruise admits, so the core pod
 * validation must find no error in any of them.
 */
const REF = path.join(__dirname, '../../../../shared/reference');

function yamlFiles(): string[] {
  const out: string[] = [];
  for (const v of ['kruise-1.7', 'kruise-1.8']) {
    for (const sub of ['docs-examples', 'samples']) {
      const dir = path.join(REF, v, sub);
      if (!fs.existsSync(dir)) continue;
      for (const f of fs.readdirSync(dir)) if (f.endsWith('.yaml')) out.push(path.join(dir, f));
    }
    const seed = path.join(REF, v, 'seed-examples.yaml');
    if (fs.existsSync(seed)) out.push(seed);
  }
  return out;
}

/** Every object under `node` that looks like a pod template (has spec.containers), with its path. */
function templates(node: unknown, at: string, out: Array<[string, any]>): void {
  if (Array.isArray(node)) {
    node.forEach((x, i) => templates(x, `${at}[${i}]`, out));
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const o = node as Record<string, any>;
  if (o.spec && typeof o.spec === 'object' && Array.isArray(o.spec.containers) && (o.metadata || at.endsWith('template'))) {
    out.push([at, o]);
  }
  for (const [k, v] of Object.entries(o)) templates(v, at ? `${at}.${k}` : k, out);
}

/** The volumeClaimTemplates names of the workload spec that holds `at` (Kruise mocks them as volumes). */
function claimNames(spec: any): string[] {
  const vcts = spec && Array.isArray(spec.volumeClaimTemplates) ? spec.volumeClaimTemplates : [];
  return vcts.map((v: any) => v?.metadata?.name).filter((n: unknown): n is string => typeof n === 'string');
}

const cases: Array<[string, string, any, string[], string]> = [];
for (const file of yamlFiles()) {
  for (const doc of parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
    const obj = doc.toJS();
    if (!obj || typeof obj !== 'object' || !obj.kind) continue;
    const found: Array<[string, any]> = [];
    templates(obj.spec, 'spec', found);
    const claims = claimNames(obj.spec);
    const version = file.includes('kruise-1.8') ? '1.8' : '1.7';
    for (const [at, t] of found) cases.push([`${version} ${path.basename(file)} ${obj.kind}/${obj.metadata?.name ?? '?'}`, at, t, claims, version]);
  }
}

describe('upstream examples pass the core pod validation', () => {
  test('the reference examples hold pod templates', () => {
    expect(cases.length).toBeGreaterThan(20);
  });

  test.each(cases)('%s %s', (_name, at, template, claims, version) => {
    const r = new Report();
    validatePodTemplateSpec(template, at, 'Test/pod-template', r, { extraVolumeNames: claims, kruiseVersion: version });
    expect(r.findings.filter(f => f.severity === 'error')).toEqual([]);
  });
});
