import * as fs from 'fs';
import * as path from 'path';
import { docFields, MAX_SIMILARITY, MIN_COVERAGE, nearCopies, ourCrds } from './field-docs';
import { schemaPaths, tableFor } from '../../src/api/docs/docs';
import { docsFor18, KRUISE_1_8_DOC_DELTAS } from '../../src/api/docs/kruise-1.8';
import { KRUISE_1_7_KINDS } from '../../src/api/kinds';
import { KruiseVersion } from '../../src/version';
import { versionData } from '../../src/versions/registry';
import { describeWithReference } from '../util/reference';

describe('field docs in the API model', () => {
  test.each(KRUISE_1_7_KINDS.map(k => [k.kind, k] as const))('%s: every doc-table path names a field of the schema', (_kind, model) => {
    expect(model.docs).toBeDefined();
    const docs = model.docs!();
    // Made once: every call gives the same tables.
    expect(model.docs!()).toBe(docs);
    // The registry the 1.8 delta builds on holds the same table.
    const delta = KRUISE_1_8_DOC_DELTAS[model.kind]?.().fields ?? {};
    expect(docsFor18(model.kind).fields).toEqual({ ...docs.fields, ...delta });
    const unknown = new Set<string>();
    for (const v of model.versions) {
      const paths = new Set<string>();
      schemaPaths(v.schema, p => paths.add(p));
      for (const p of Object.keys(tableFor(docs, v.name))) unknown.add(p);
      for (const p of [...unknown]) if (paths.has(p)) unknown.delete(p);
    }
    // A path no version has is a typo (or a field the model lost).
    expect([...unknown]).toEqual([]);
  });

  test('every printer column and every version\'s spec and status are described', () => {
    const undescribed: string[] = [];
    for (const [name, crd] of ourCrds()) {
      for (const v of crd.spec.versions) {
        for (const c of v.additionalPrinterColumns ?? []) if (!c.description) undescribed.push(`${name} ${v.name} column ${c.name}`);
        const root = v.schema.openAPIV3Schema;
        if (!root.description) undescribed.push(`${name} ${v.name} (root)`);
        for (const part of ['spec', 'status']) {
          if (root.properties[part] && !root.properties[part].description) undescribed.push(`${name} ${v.name} ${part}`);
        }
      }
    }
    expect(undescribed).toEqual([]);
  });

  test('no description can close a JSDoc comment of the generated classes or start a JSDoc tag', () => {
    const bad: string[] = [];
    for (const [name, crd] of ourCrds()) {
      for (const v of crd.spec.versions) {
        schemaPaths(v.schema.openAPIV3Schema, (p, node) => {
          if (node.description && (node.description.includes('*/') || /(^|\s)@/.test(node.description))) bad.push(`${name} ${v.name} ${p}`);
        });
      }
    }
    expect(bad).toEqual([]);
  });
});

describeWithReference('field docs against upstream Kruise 1.7', (ref) => {
  const fields = docFields(ref);
  const described = fields.filter(f => f.ours);

  test(`at least ${MIN_COVERAGE * 100}% of the fields upstream describes have our description`, () => {
    const missing = fields.filter(f => !f.ours).map(f => `${f.crd} ${f.version} ${f.path || '(root)'}`);
    expect({ described: described.length, of: fields.length, ok: described.length >= MIN_COVERAGE * fields.length, missing: missing.slice(0, 50) })
      .toMatchObject({ ok: true });
  });

  test(`no description is a near-copy of upstream's (normalised ratio above ${MAX_SIMILARITY})`, () => {
    expect(nearCopies(fields).copies).toEqual([]);
  });

  afterAll(() => {
    const { maxSamePath, maxWhere } = nearCopies(fields);
    // eslint-disable-next-line no-console
    console.log(`field docs: ${described.length} of ${fields.length} described (max similarity to upstream ${maxSamePath.toFixed(2)} at ${maxWhere || '-'})`);
  });
});

describe('the near-copy check', () => {
  const upstream = 'The maximum number of pods that can be unavailable during the update, as an absolute number or a percentage.';
  const field = (ours: string, at = 'spec.x') => ({ crd: 'x.example', version: 'v1', path: at, upstream, ours });

  test('flags a copy with changed case and punctuation', () => {
    const { copies, maxSamePath } = nearCopies([field('the maximum number of pods that can be unavailable during the update; as an absolute number, or a percentage')]);
    expect(copies).toHaveLength(1);
    expect(maxSamePath).toBeGreaterThan(MAX_SIMILARITY);
  });

  test('flags upstream text moved to another field', () => {
    const other = { crd: 'x.example', version: 'v1', path: 'spec.y', upstream: 'Something else entirely about images.', ours: upstream };
    expect(nearCopies([field('Pods that may be down at once while updating.'), other]).copies.map(c => c.where)).toEqual([
      'x.example v1 spec.y (matches another field\'s text)',
    ]);
  });

  test('passes text written from the facts, and ignores short texts', () => {
    expect(nearCopies([field('Pods that may be unavailable at once while updating: a count or a percentage of replicas.')]).copies).toEqual([]);
    // 40 characters or fewer: too short to tell a copy from the only sensible wording.
    const short = { crd: 'x.example', version: 'v1', path: 'spec.name', upstream: 'Name of the referent.', ours: 'Name of the referent.' };
    expect(nearCopies([short]).copies).toEqual([]);
  });
});

/** The emitted 1.8 CRDs carry the 1.7 tables with the 1.8 delta on top (src/api/docs/kruise-1.8.ts, folded by src/versions). */
describeWithReference('field docs against upstream Kruise 1.8', (ref) => {
  const dir18 = path.join(ref, '..', 'kruise-1.8');
  const present = fs.existsSync(path.join(dir18, 'crds'));
  const ours = ourCrds(KruiseVersion.V1_8);
  const unknown: string[] = [];
  for (const model of versionData('1.8').kinds) {
    const delta = KRUISE_1_8_DOC_DELTAS[model.kind]?.() ?? {};
    const seen = new Set<string>();
    for (const v of model.versions) schemaPaths(v.schema, p => seen.add(p));
    const deltaPaths = [delta.fields ?? {}, ...Object.values(delta.apiVersions ?? {})].flatMap(t => Object.keys(t));
    for (const p of deltaPaths) {
      if (!seen.has(p)) unknown.push(`${model.kind} ${p}`);
    }
  }
  const fields = present ? docFields(dir18, ours) : [];

  (present ? test : test.skip)('every 1.8 delta path names a field of the 1.8 schemas', () => {
    expect(unknown).toEqual([]);
  });

  (present ? test : test.skip)(`at least ${MIN_COVERAGE * 100}% of the 1.8 fields upstream describes are described, none a near-copy`, () => {
    const missing = fields.filter(f => !f.ours).map(f => `${f.crd} ${f.version} ${f.path}`);
    expect({ ok: fields.length - missing.length >= MIN_COVERAGE * fields.length, missing: missing.slice(0, 50) }).toMatchObject({ ok: true });
    expect(nearCopies(fields).copies).toEqual([]);
  });

  afterAll(() => {
    if (!present) return;
    const { maxSamePath } = nearCopies(fields);
    // eslint-disable-next-line no-console
    console.log(`field docs (1.8): ${fields.filter(f => f.ours).length} of ${fields.length} described (max similarity to upstream ${maxSamePath.toFixed(2)})`);
  });
});
