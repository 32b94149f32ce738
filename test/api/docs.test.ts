import { applyDocs, at, extendDocs, KindDocs, mount, schemaPaths, tableFor } from '../../src/api/docs/docs';
import { arr, int32, mapOf, obj, root, str } from '../../src/api/schema';

const schema = root(
  obj({ replicas: int32(), items: arr(obj({ name: str() })), labels: mapOf(str()) }),
  obj({ ready: int32() }),
  { description: 'inline kind text' },
);

describe('field doc tables', () => {
  test('paths use dots, [] for array items and {} for map values', () => {
    const paths: string[] = [];
    schemaPaths(schema, p => paths.push(p));
    expect(paths).toEqual(['', 'apiVersion', 'kind', 'metadata', 'spec', 'spec.replicas', 'spec.items', 'spec.items[]', 'spec.items[].name',
      'spec.labels', 'spec.labels{}', 'status', 'status.ready']);
  });

  test('applyDocs sets descriptions on a copy, first among the keys, and reports the paths it used', () => {
    const docs: KindDocs = { fields: { 'spec.replicas': 'How many.', 'spec.items[].name': 'Item name.', 'spec.labels{}': 'A value.', 'spec.gone': 'typo' } };
    const used = new Set<string>();
    const out = applyDocs(schema, docs, 'v1', used);
    expect(out.properties!.spec.properties!.replicas).toEqual({ description: 'How many.', type: 'integer', format: 'int32' });
    expect(Object.keys(out.properties!.spec.properties!.replicas)[0]).toBe('description');
    expect(out.properties!.spec.properties!.items.items!.properties!.name.description).toBe('Item name.');
    expect(out.properties!.spec.properties!.labels.additionalProperties!.description).toBe('A value.');
    expect(out.description).toBe('inline kind text');
    expect(out.properties!.kind.description).toMatch(/Kind of this object/);
    expect(used.has('spec.gone')).toBe(false);
    expect(used.has('spec.replicas')).toBe(true);
    // The model's schema is untouched.
    expect(schema.properties!.spec.properties!.replicas.description).toBeUndefined();
  });

  test('an API version can override an entry', () => {
    const docs: KindDocs = { fields: { 'spec.replicas': 'all versions' }, apiVersions: { v1beta1: { 'spec.replicas': 'beta only' } } };
    expect(applyDocs(schema, docs, 'v1alpha1').properties!.spec.properties!.replicas.description).toBe('all versions');
    expect(applyDocs(schema, docs, 'v1beta1').properties!.spec.properties!.replicas.description).toBe('beta only');
  });

  test('extendDocs layers a later Kruise version over the base without copying it', () => {
    const base: KindDocs = { fields: { 'spec.replicas': 'old meaning', 'status.ready': 'ready pods' }, apiVersions: { v1: { 'spec.items': 'v1 items' } } };
    const next = extendDocs(base, { fields: { 'spec.replicas': 'new meaning in 1.8', 'status.ready': null, 'spec.labels': 'new field' } });
    expect(tableFor(next, 'v1')).toMatchObject({ 'spec.replicas': 'new meaning in 1.8', 'spec.labels': 'new field', 'spec.items': 'v1 items' });
    const out = applyDocs(obj({ spec: obj({ replicas: int32() }), status: obj({ ready: int32({ description: 'inline' }) }) }), next, 'v1');
    expect(out.properties!.status.properties!.ready.description).toBeUndefined();
    expect(base.fields['spec.replicas']).toBe('old meaning');
  });

  test('at() places fragment entries under a path; mount() re-bases a spec table', () => {
    expect(at('spec.sel', { '': 'self', 'matchLabels': 'labels', '[]': 'item' })).toEqual({ 'spec.sel': 'self', 'spec.sel.matchLabels': 'labels', 'spec.sel[]': 'item' });
    expect(mount({ 'spec': 'S', 'spec.a': 'A', 'spec[]': 'I', 'specx': 'no', 'status.b': 'no' }, 'spec', 'spec.template.spec'))
      .toEqual({ 'spec.template.spec': 'S', 'spec.template.spec.a': 'A', 'spec.template.spec[]': 'I' });
  });
});
