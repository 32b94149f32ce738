import {
  cIdentifierProblem, dnsLabelProblem, dnsSubdomainProblem, labelValueProblem, maskTrailingDash, qualifiedNameProblem,
  validateAnnotations, validateLabels, validateObjectMeta,
} from '../../../src/admission/core/names';
import { Report } from '../../../src/admission/types';

const R = 'Test/rule';
function run(f: (r: Report) => void) {
  const r = new Report();
  f(r);
  return r.findings;
}

describe('name rules', () => {
  test('dnsLabelProblem accepts DNS-1123 labels and rejects the rest', () => {
    for (const ok of ['a', 'web-1', '0abc', 'a'.repeat(63)]) expect(dnsLabelProblem(ok)).toBeUndefined();
    for (const bad of ['', 'Web', 'web_1', '-web', 'web-', 'a.b', 'a'.repeat(64), 5, undefined]) expect(dnsLabelProblem(bad)).toBeDefined();
  });

  test('dnsSubdomainProblem accepts dotted names up to 253 characters', () => {
    for (const ok of ['a', 'my-app.example.com', '1.2', `${'a'.repeat(63)}.${'b'.repeat(63)}`]) expect(dnsSubdomainProblem(ok)).toBeUndefined();
    for (const bad of ['', 'a..b', '.a', 'a.', 'A.b', 'a_b', 'a'.repeat(254), null]) expect(dnsSubdomainProblem(bad)).toBeDefined();
  });

  test('qualifiedNameProblem: optional DNS subdomain prefix and a 63-character name', () => {
    for (const ok of ['app', 'App_1.x', 'example.com/tier', 'a/B-c', 'x'.repeat(63)]) expect(qualifiedNameProblem(ok)).toBeUndefined();
    for (const bad of ['', '/a', 'a/', 'a/b/c', 'Example.com/x', '-a', 'a-', 'a b', 'x'.repeat(64), `example.com/${'x'.repeat(64)}`]) {
      expect(qualifiedNameProblem(bad)).toBeDefined();
    }
  });

  test('labelValueProblem: empty is valid, 63 characters at most', () => {
    for (const ok of ['', 'v1', 'A.b_c-d', 'x'.repeat(63)]) expect(labelValueProblem(ok)).toBeUndefined();
    for (const bad of ['-a', 'a-', 'a b', 'a/b', 'x'.repeat(64), 1]) expect(labelValueProblem(bad)).toBeDefined();
  });

  test('cIdentifierProblem and maskTrailingDash', () => {
    expect(cIdentifierProblem('_A1')).toBeUndefined();
    expect(cIdentifierProblem('1A')).toBeDefined();
    // Upstream replaces the last two characters ("b-") with "a", exactly.
    expect(maskTrailingDash('web-')).toBe('wea');
    expect(maskTrailingDash('web')).toBe('web');
    expect(maskTrailingDash('-')).toBe('-');
  });
});

describe('validateLabels / validateAnnotations', () => {
  test('deny: a bad label key and a bad label value, each at its own key path', () => {
    const f = run(r => validateLabels({ 'bad key': 'x', 'ok': 'bad value' }, 'metadata.labels', R, r));
    expect(f.map(x => x.path)).toEqual(['metadata.labels["bad key"]', 'metadata.labels["ok"]']);
    expect(f.every(x => x.rule === R && x.severity === 'error')).toBe(true);
  });

  test('allow: valid labels, and non-objects are left to the schema check', () => {
    expect(run(r => validateLabels({ 'app': 'web', 'example.com/tier': '' }, 'l', R, r))).toEqual([]);
    expect(run(r => validateLabels('nope', 'l', R, r))).toEqual([]);
  });

  test('deny: annotation keys are qualified names (checked lowercased) and the total is at most 256 KiB', () => {
    expect(run(r => validateAnnotations({ 'Example.COM/Note': 'x' }, 'a', R, r))).toEqual([]);
    expect(run(r => validateAnnotations({ 'a/b/c': 'x' }, 'a', R, r))[0].path).toBe('a["a/b/c"]');
    const big = run(r => validateAnnotations({ k: 'x'.repeat(256 * 1024) }, 'a', R, r));
    expect(big).toHaveLength(1);
    expect(big[0].path).toBe('a');
    expect(run(r => validateAnnotations({ k: 'x'.repeat(256 * 1024 - 1) }, 'a', R, r))).toEqual([]);
  });

  test('the annotation size counts UTF-8 bytes', () => {
    // 3 bytes per character.
    expect(run(r => validateAnnotations({ k: '€'.repeat(87382) }, 'a', R, r))).toHaveLength(1);
    expect(run(r => validateAnnotations({ k: '€'.repeat(87381) }, 'a', R, r))).toEqual([]);
  });
});

describe('validateObjectMeta', () => {
  test('deny: neither name nor generateName', () => {
    const f = run(r => validateObjectMeta({}, 'metadata', R, r));
    expect(f).toHaveLength(1);
    expect(f[0].path).toBe('metadata.name');
  });

  test('deny: an invalid name under the default (DNS subdomain) rule', () => {
    expect(run(r => validateObjectMeta({ name: 'Web_App' }, 'metadata', R, r))[0].path).toBe('metadata.name');
  });

  test('allow: a valid name; a generateName ending in "-" alone', () => {
    expect(run(r => validateObjectMeta({ name: 'web.v1' }, 'metadata', R, r))).toEqual([]);
    expect(run(r => validateObjectMeta({ generateName: 'web-' }, 'metadata', R, r))).toEqual([]);
  });

  test('a custom name rule applies to name and (masked) generateName', () => {
    const opts = { name: dnsLabelProblem };
    expect(run(r => validateObjectMeta({ name: 'a.b' }, 'metadata', R, r, opts))[0].path).toBe('metadata.name');
    expect(run(r => validateObjectMeta({ generateName: 'a.b-' }, 'metadata', R, r, opts))[0].path).toBe('metadata.generateName');
  });

  test('labels, annotations, namespace and finalizers are checked', () => {
    const f = run(r => validateObjectMeta({
      name: 'x', namespace: 'Bad_NS', labels: { 'a b': '1' }, annotations: { '/x': '' }, finalizers: ['a/b/c', 'orphan', 'foregroundDeletion'],
    }, 'metadata', R, r));
    expect(f.map(x => x.path).sort()).toEqual([
      'metadata.annotations["/x"]', 'metadata.finalizers', 'metadata.finalizers[0]', 'metadata.labels["a b"]', 'metadata.namespace',
    ]);
  });

  test('owner references: version, kind, name, uid required; one controller at most', () => {
    const owner = (extra: object = {}) => ({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'd', uid: 'u-1', ...extra });
    expect(run(r => validateObjectMeta({ name: 'x', ownerReferences: [owner(), owner({ name: 'e', controller: true })] }, 'metadata', R, r))).toEqual([]);
    const f = run(r => validateObjectMeta({
      name: 'x', ownerReferences: [{ apiVersion: 'apps/', kind: 'D' }, owner({ controller: true }), owner({ name: 'e', controller: true })],
    }, 'metadata', R, r));
    expect(f.map(x => x.path)).toEqual([
      'metadata.ownerReferences.apiVersion', 'metadata.ownerReferences.name', 'metadata.ownerReferences.uid', 'metadata.ownerReferences',
    ]);
  });

  test('a negative generation is rejected', () => {
    expect(run(r => validateObjectMeta({ name: 'x', generation: -1 }, 'metadata', R, r))[0].path).toBe('metadata.generation');
  });

  test('kubeFinalizers: an unprefixed finalizer must be a standard one', () => {
    expect(run(r => validateObjectMeta({ name: 'x', finalizers: ['custom'] }, 'metadata', R, r, { kubeFinalizers: true }))[0].path)
      .toBe('metadata.finalizers[0]');
    expect(run(r => validateObjectMeta({ name: 'x', finalizers: ['kubernetes', 'example.com/x'] }, 'metadata', R, r, { kubeFinalizers: true }))).toEqual([]);
    expect(run(r => validateObjectMeta({ name: 'x', finalizers: ['custom'] }, 'metadata', R, r))).toEqual([]);
  });

  test('never throws on malformed metadata', () => {
    for (const m of [null, 5, 'x', [], { name: 5, labels: [], annotations: 'a', finalizers: [1, null] }]) {
      expect(() => run(r => validateObjectMeta(m, 'metadata', R, r))).not.toThrow();
    }
  });
});
