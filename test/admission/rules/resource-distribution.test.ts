import { upstreamExamples } from './upstream-examples';
import { admit } from '../../../src/admission/engine';
import { AdmissionContext, Finding } from '../../../src/admission/types';
import { describeWithReference } from '../../util/reference';

const ctx: AdmissionContext = { version: '1.7' };

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

function configMap(extra: Record<string, any> = {}): any {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'game-config' }, data: { 'game.properties': 'lives=3\n' }, ...extra };
}

function secret(extra: Record<string, any> = {}): any {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'registry' }, type: 'Opaque', data: { token: b64('s3cr3t') }, ...extra };
}

function rd(spec: Record<string, any> = {}, metadata: Record<string, any> = { name: 'game-config' }): any {
  return {
    apiVersion: 'apps.kruise.io/v1alpha1',
    kind: 'ResourceDistribution',
    metadata,
    spec: {
      resource: configMap(),
      targets: { includedNamespaces: { list: [{ name: 'team-a' }, { name: 'team-b' }] } },
      ...spec,
    },
  };
}

const errors = (f: Finding[]) => f.filter(x => x.severity === 'error');
const warnings = (f: Finding[]) => f.filter(x => x.severity === 'warning');
const has = (f: Finding[], rule: string, path: string) => expect(f).toEqual(expect.arrayContaining([expect.objectContaining({ rule, path })]));

describe('ResourceDistribution admission', () => {
  test('a minimal valid ResourceDistribution has no findings', () => {
    expect(admit(rd(), ctx)).toEqual([]);
    expect(admit(rd({ resource: secret() }), ctx)).toEqual([]);
  });

  test('ResourceDistribution rule 1 (gate ResourceDistributionGate) denies when it is off', () => {
    has(errors(admit(rd(), { ...ctx, gate: g => g !== 'ResourceDistributionGate' })), 'ResourceDistribution/feature-gate', 'kind');
  });

  test('ResourceDistribution rule 1 (gate ResourceDistributionGate) allows it on or unknown', () => {
    expect(admit(rd(), { ...ctx, gate: () => true })).toEqual([]);
    expect(admit(rd(), { ...ctx, gate: () => undefined })).toEqual([]);
  });

  test('ResourceDistribution rule 2 (ObjectMeta, DNS subdomain) denies a bad name and a bad label', () => {
    has(errors(admit(rd({}, { name: 'Game_Config' }), ctx)), 'ResourceDistribution/metadata', 'metadata.name');
    const badLabel = admit(rd({}, { name: 'ok', labels: { 'a b': 'c' } }), ctx);
    expect(errors(badLabel)).toEqual([expect.objectContaining({ rule: 'ResourceDistribution/metadata' })]);
  });

  test('ResourceDistribution rule 2 (ObjectMeta, DNS subdomain) allows a dotted name; a namespace is only a warning (cluster-scoped)', () => {
    expect(admit(rd({}, { name: 'game.config.v2' }), ctx)).toEqual([]);
    const f = admit(rd({}, { name: 'game-config', namespace: 'default' }), ctx);
    expect(errors(f)).toEqual([]);
    has(warnings(f), 'ResourceDistribution/metadata', 'metadata.namespace');
  });

  test('ResourceDistribution rule 3 (spec.resource non-empty and decodable) denies a missing resource, a non-object and no kind', () => {
    has(errors(admit(rd({ resource: undefined }), ctx)), 'ResourceDistribution/resource-required', 'spec.resource');
    has(errors(admit(rd({ resource: 'kind: ConfigMap' }), ctx)), 'ResourceDistribution/resource-required', 'spec.resource');
    has(errors(admit(rd({ resource: { apiVersion: 'v1', metadata: { name: 'x' } } }), ctx)), 'ResourceDistribution/resource-required', 'spec.resource.kind');
  });

  test('ResourceDistribution rule 3 (spec.resource non-empty and decodable) allows a ConfigMap with no data', () => {
    expect(admit(rd({ resource: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'empty' } } }), ctx)).toEqual([]);
  });

  test('ResourceDistribution rule 4 (resource GroupKind core Secret or ConfigMap) denies other kinds and groups', () => {
    const sa = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'robot' } };
    has(errors(admit(rd({ resource: sa }), ctx)), 'ResourceDistribution/resource-kind', 'spec.resource');
    const foreign = { apiVersion: 'example.com/v1', kind: 'ConfigMap', metadata: { name: 'x' } };
    has(errors(admit(rd({ resource: foreign }), ctx)), 'ResourceDistribution/resource-kind', 'spec.resource');
  });

  test('ResourceDistribution rule 4 (resource GroupKind core Secret or ConfigMap) allows a Secret', () => {
    expect(errors(admit(rd({ resource: secret() }), ctx))).toEqual([]);
  });

  test('ResourceDistribution rule 5 (dry-run create: ConfigMap validation) denies bad keys, a key in data and binaryData, bad base64, non-strings', () => {
    const badKey = admit(rd({ resource: configMap({ data: { 'no spaces': 'x' } }) }), ctx);
    has(errors(badKey), 'ResourceDistribution/resource-valid', 'spec.resource.data["no spaces"]');
    const dots = admit(rd({ resource: configMap({ data: { '..data': 'x' } }) }), ctx);
    has(errors(dots), 'ResourceDistribution/resource-valid', 'spec.resource.data["..data"]');
    const both = admit(rd({ resource: configMap({ data: { a: 'x' }, binaryData: { a: b64('y') } }) }), ctx);
    has(errors(both), 'ResourceDistribution/resource-valid', 'spec.resource.data["a"]');
    const badBinary = admit(rd({ resource: configMap({ binaryData: { b: 'not base64!' } }) }), ctx);
    has(errors(badBinary), 'ResourceDistribution/resource-valid', 'spec.resource.binaryData["b"]');
    const number = admit(rd({ resource: configMap({ data: { replicas: 3 } }) }), ctx);
    has(errors(number), 'ResourceDistribution/resource-valid', 'spec.resource.data["replicas"]');
    const noName = admit(rd({ resource: configMap({ metadata: {} }) }), ctx);
    has(errors(noName), 'ResourceDistribution/resource-valid', 'spec.resource.metadata.name');
    const finalizer = admit(rd({ resource: configMap({ metadata: { name: 'x', finalizers: ['cleanup'] } }) }), ctx);
    has(errors(finalizer), 'ResourceDistribution/resource-valid', 'spec.resource.metadata.finalizers[0]');
    const badVersion = admit(rd({ resource: configMap({ apiVersion: 'v2' }) }), ctx);
    has(errors(badVersion), 'ResourceDistribution/resource-valid', 'spec.resource.apiVersion');
    const big = admit(rd({ resource: configMap({ data: { a: 'x'.repeat(600 * 1024), b: 'y'.repeat(600 * 1024) } }) }), ctx);
    has(errors(big), 'ResourceDistribution/resource-valid', 'spec.resource');
  });

  test('ResourceDistribution rule 5 (dry-run create: ConfigMap validation) allows its own namespace (Kruise overwrites it) and binaryData', () => {
    const res = configMap({ metadata: { name: 'game-config', namespace: 'Not_A_Namespace', finalizers: ['example.com/keep'] }, binaryData: { 'logo.png': b64('\u0089PNG') } });
    expect(admit(rd({ resource: res }), ctx)).toEqual([]);
  });

  test('ResourceDistribution rule 5 (dry-run create: Secret validation) denies bad base64 and the keys each type needs', () => {
    has(errors(admit(rd({ resource: secret({ data: { token: 'plain text' } }) }), ctx)), 'ResourceDistribution/resource-valid', 'spec.resource.data["token"]');
    has(errors(admit(rd({ resource: secret({ data: { token: 'YQ' } }) }), ctx)), 'ResourceDistribution/resource-valid', 'spec.resource.data["token"]');
    const tls = admit(rd({ resource: secret({ type: 'kubernetes.io/tls', data: { 'tls.crt': b64('cert') } }) }), ctx);
    has(errors(tls), 'ResourceDistribution/resource-valid', 'spec.resource.data["tls.key"]');
    expect(errors(tls)).toHaveLength(1);
    const docker = admit(rd({ resource: secret({ type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': b64('[1]') } }) }), ctx);
    has(errors(docker), 'ResourceDistribution/resource-valid', 'spec.resource.data[".dockerconfigjson"]');
    const dockerMissing = admit(rd({ resource: secret({ type: 'kubernetes.io/dockercfg', data: {} }) }), ctx);
    has(errors(dockerMissing), 'ResourceDistribution/resource-valid', 'spec.resource.data[".dockercfg"]');
    const basic = admit(rd({ resource: secret({ type: 'kubernetes.io/basic-auth', data: {} }) }), ctx);
    has(errors(basic), 'ResourceDistribution/resource-valid', 'spec.resource.data');
    const ssh = admit(rd({ resource: secret({ type: 'kubernetes.io/ssh-auth', data: { 'ssh-privatekey': '' } }) }), ctx);
    has(errors(ssh), 'ResourceDistribution/resource-valid', 'spec.resource.data["ssh-privatekey"]');
    const token = admit(rd({ resource: secret({ type: 'kubernetes.io/service-account-token' }) }), ctx);
    has(errors(token), 'ResourceDistribution/resource-valid', 'spec.resource.metadata.annotations["kubernetes.io/service-account.name"]');
    const badKey = admit(rd({ resource: secret({ stringData: { 'a/b': 'x' } }) }), ctx);
    has(errors(badKey), 'ResourceDistribution/resource-valid', 'spec.resource.stringData["a/b"]');
  });

  test('ResourceDistribution rule 5 (dry-run create: Secret validation) allows a TLS Secret from stringData, docker JSON, custom types', () => {
    const tls = secret({ type: 'kubernetes.io/tls', data: { 'tls.crt': b64('cert') }, stringData: { 'tls.key': 'key' } });
    expect(admit(rd({ resource: tls }), ctx)).toEqual([]);
    const docker = secret({ type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': b64('{"auths":{}}') } });
    expect(admit(rd({ resource: docker }), ctx)).toEqual([]);
    const dockerPlain = secret({ type: 'kubernetes.io/dockerconfigjson', data: undefined, stringData: { '.dockerconfigjson': '{"auths":{}}' } });
    expect(admit(rd({ resource: dockerPlain }), ctx)).toEqual([]);
    expect(admit(rd({ resource: secret({ type: 'example.com/custom', data: { x: b64('line1\nline2') } }) }), ctx)).toEqual([]);
    expect(admit(rd({ resource: secret({ type: undefined, data: { wrapped: 'c2Vj\ncmV0' } }) }), ctx)).toEqual([]);
    expect(admit(rd({ resource: secret({ type: 'kubernetes.io/basic-auth', data: { username: '' } }) }), ctx)).toEqual([]);
  });

  test('ResourceDistribution rule 6 (included/excluded namespace names valid) denies invalid and empty names', () => {
    const f = admit(rd({ targets: { includedNamespaces: { list: [{ name: 'Team_A' }, { name: '' }] }, excludedNamespaces: { list: [{ name: 'x'.repeat(64) }] } } }), ctx);
    has(errors(f), 'ResourceDistribution/namespace-names', 'spec.targets.includedNamespaces.list[0].name');
    has(errors(f), 'ResourceDistribution/namespace-names', 'spec.targets.includedNamespaces.list[1].name');
    has(errors(f), 'ResourceDistribution/namespace-names', 'spec.targets.excludedNamespaces.list[0].name');
  });

  test('ResourceDistribution rule 6 (included/excluded namespace names valid) allows duplicates (a warning) and kube-system', () => {
    const f = admit(rd({ targets: { includedNamespaces: { list: [{ name: 'team-a' }, { name: 'team-a' }, { name: 'kube-system' }] } } }), ctx);
    expect(errors(f)).toEqual([]);
    has(warnings(f), 'ResourceDistribution/namespace-names', 'spec.targets.includedNamespaces.list[1].name');
  });

  test('ResourceDistribution rule 7 (a namespace in both included and excluded) denies it', () => {
    const f = admit(rd({ targets: { includedNamespaces: { list: [{ name: 'team-a' }] }, excludedNamespaces: { list: [{ name: 'team-a' }] } } }), ctx);
    has(errors(f), 'ResourceDistribution/namespace-conflict', 'spec.targets');
  });

  test('ResourceDistribution rule 7 (a namespace in both included and excluded) allows all namespaces but some excluded', () => {
    const f = admit(rd({ targets: { allNamespaces: true, excludedNamespaces: { list: [{ name: 'team-a' }] } } }), ctx);
    expect(f).toEqual([]);
  });

  test('ResourceDistribution rule 8 (namespaceLabelSelector converts to a selector) denies bad keys and operators', () => {
    const badKey = admit(rd({ targets: { namespaceLabelSelector: { matchLabels: { '$#%': 'x' } } } }), ctx);
    expect(errors(badKey)).toEqual([expect.objectContaining({ rule: 'ResourceDistribution/namespace-selector' })]);
    const badOp = admit(rd({ targets: { namespaceLabelSelector: { matchExpressions: [{ key: 'env', operator: 'In' }] } } }), ctx);
    has(errors(badOp), 'ResourceDistribution/namespace-selector', 'spec.targets.namespaceLabelSelector.matchExpressions[0].values');
  });

  test('ResourceDistribution rule 8 (namespaceLabelSelector converts to a selector) allows a selector alone; empty targets only warn', () => {
    expect(admit(rd({ targets: { namespaceLabelSelector: { matchLabels: { env: 'dev' } } } }), ctx)).toEqual([]);
    const empty = admit(rd({ targets: {} }), ctx);
    expect(errors(empty)).toEqual([]);
    has(warnings(empty), 'ResourceDistribution/targets-empty', 'spec.targets');
  });
});

describeWithReference('ResourceDistribution admission of the upstream examples', (dir) => {
  test('every upstream ResourceDistribution example (1.7 and 1.8 manuals and samples) is admitted without errors', () => {
    // the samples' fragments (an unknown spec.foo and no required fields) are invalid on purpose
    const examples = upstreamExamples(dir, 'ResourceDistribution').filter(e => e.obj.spec?.foo === undefined);
    expect(examples.length).toBeGreaterThan(0);
    for (const e of examples) {
      const found = admit(e.obj, { version: e.version, peers: e.peers }).filter(f => f.severity === 'error');
      expect({ file: e.file, errors: found }).toEqual({ file: e.file, errors: [] });
    }
  });
});

describe('ResourceDistribution messages never echo Secret data', () => {
  test('a non-string data value is named by its type, not shown', () => {
    const findings = admit(rd({ resource: secret({ data: { password: 31415926535, token: { value: 'hunter2-secret' } } }) }), ctx);
    const text = JSON.stringify(findings);
    expect(errors(findings).length).toBeGreaterThan(0);
    expect(text).not.toMatch(/31415926535|hunter2-secret/);
    expect(text).toMatch(/is a number, not a string/);
  });
});
