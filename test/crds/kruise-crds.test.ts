import { Chart, JsonPatch, Testing } from 'cdk8s';
import { KruiseCrds, KruiseVersion } from '../../src';
import { KRUISE_1_7_KINDS } from '../../src/api/kinds';
import { crdManifest } from '../../src/crds/build';

function synth(props: ConstructorParameters<typeof KruiseCrds>[2] = {}) {
  const chart = new Chart(Testing.app(), 'c');
  const crds = new KruiseCrds(chart, 'crds', props);
  return { crds, manifests: Testing.synth(chart) };
}

describe('KruiseCrds', () => {
  test('emits the 17 CRDs of chart 1.7.5 by default, sorted by name', () => {
    const { manifests, crds } = synth();
    expect(manifests).toHaveLength(17);
    const names = manifests.map(m => m.metadata.name);
    expect(names).toEqual([...names].sort());
    expect(names).not.toContain('ephemeraljobs.apps.kruise.io');
    expect(names).toContain('podunavailablebudgets.policy.kruise.io');
    expect(crds.names).toEqual(names);
    expect(crds.version).toBe(KruiseVersion.V1_7);
    for (const m of manifests) {
      expect(m.apiVersion).toBe('apiextensions.k8s.io/v1');
      expect(m.kind).toBe('CustomResourceDefinition');
    }
  });

  test('adds EphemeralJob on request', () => {
    const { manifests } = synth({ includeEphemeralJob: true });
    expect(manifests).toHaveLength(18);
    expect(manifests.map(m => m.metadata.name)).toContain('ephemeraljobs.apps.kruise.io');
  });

  test('points the StatefulSet conversion webhook at the install namespace', () => {
    const { manifests } = synth({ webhookNamespace: 'ops-kruise' });
    const sts = manifests.find(m => m.metadata.name === 'statefulsets.apps.kruise.io');
    expect(sts.spec.conversion).toEqual({
      strategy: 'Webhook',
      webhook: {
        clientConfig: { service: { name: 'kruise-webhook-service', namespace: 'ops-kruise', path: '/convert' } },
        conversionReviewVersions: ['v1', 'v1beta1'],
      },
    });
    expect(sts.spec.versions.map((v: any) => [v.name, v.served, v.storage])).toEqual([['v1alpha1', true, false], ['v1beta1', true, true]]);
    expect(manifests.filter(m => m.spec.conversion)).toHaveLength(1);
  });

  test('CloneSet has status and scale subresources and printer columns', () => {
    const { crds } = synth();
    const cs = crds.crdOf('CloneSet').toJson();
    const v = cs.spec.versions[0];
    expect(v.subresources).toEqual({ status: {}, scale: { labelSelectorPath: '.status.labelSelector', specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' } });
    expect(v.additionalPrinterColumns.map((c: any) => c.name)).toContain('UPDATED_READY');
    expect(cs.spec.names).toEqual({ kind: 'CloneSet', listKind: 'CloneSetList', plural: 'clonesets', shortNames: ['clone'], singular: 'cloneset' });
  });

  test('crdOf names the construct path and the known kinds for an unknown kind', () => {
    const { crds } = synth();
    expect(() => crds.crdOf('EphemeralJob')).toThrow(/c\/crds: crdOf\(kind\) "EphemeralJob": no CRD for this kind in Kruise 1.7; use one of AdvancedCronJob, /);
  });

  test('annotations can be added to one CRD through the escape hatch', () => {
    const { crds } = synth();
    crds.crdOf('StatefulSet').metadata.addAnnotation('cert-manager.io/inject-ca-from', 'kruise-system/kruise-webhook-certs');
    expect(crds.crdOf('StatefulSet').toJson().metadata.annotations).toEqual({
      'cert-manager.io/inject-ca-from': 'kruise-system/kruise-webhook-certs',
      'controller-gen.kubebuilder.io/version': 'v0.14.0',
    });
  });

  test('JSON patches reach the CRD spec, and a failing patch names the construct', () => {
    const chart = new Chart(Testing.app(), 'c');
    const crds = new KruiseCrds(chart, 'crds');
    crds.crdOf('CloneSet').addJsonPatch(JsonPatch.add('/spec/preserveUnknownFields', false), JsonPatch.replace('/spec/versions/0/served', false));
    const cloneSet = Testing.synth(chart).find(m => m.spec.names.kind === 'CloneSet');
    expect(cloneSet.spec.preserveUnknownFields).toBe(false);
    expect(cloneSet.spec.versions[0].served).toBe(false);
    expect(Object.keys(cloneSet).slice(0, 3)).toEqual(['apiVersion', 'kind', 'metadata']);
    crds.crdOf('SidecarSet').addJsonPatch(JsonPatch.replace('/spec/nosuch/field', 1));
    expect(() => Testing.synth(chart)).toThrow(/Failed serializing construct at path 'c\/crds\/sidecarsets'/);
  });

  test('every toJson() is a fresh copy, and other CRD sets are unaffected by changes to it', () => {
    const chart = new Chart(Testing.app(), 'c');
    const a = new KruiseCrds(chart, 'a', { webhookNamespace: 'ns-a' });
    const b = new KruiseCrds(chart, 'b', { webhookNamespace: 'ns-a' });
    const first = a.crdOf('StatefulSet').toJson();
    first.spec.versions[0].schema.openAPIV3Schema.type = 'changed';
    first.spec.conversion.webhook.clientConfig.service.namespace = 'changed';
    for (const json of [a.crdOf('StatefulSet').toJson(), b.crdOf('StatefulSet').toJson()]) {
      expect(json.spec.versions[0].schema.openAPIV3Schema.type).toBe('object');
      expect(json.spec.conversion.webhook.clientConfig.service.namespace).toBe('ns-a');
    }
  });

  test('keys are sorted as cdk8s sorts them, unless CDK8S_DISABLE_SORT is set', () => {
    const chart = new Chart(Testing.app(), 'c');
    const crd = new KruiseCrds(chart, 'crds').crdOf('CloneSet');
    const model = KRUISE_1_7_KINDS.find(k => k.kind === 'CloneSet')!;
    const inModelOrder = JSON.stringify(crdManifest(model, { conversionService: { name: 'kruise-webhook-service', namespace: 'kruise-system' } }).spec);
    const sortedKeys = (v: any): any => Array.isArray(v) ? v.map(sortedKeys)
      : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map(k => [k, sortedKeys(v[k])])) : v;
    expect(JSON.stringify(crd.toJson().spec)).toBe(JSON.stringify(sortedKeys(JSON.parse(inModelOrder))));
    expect(JSON.stringify(crd.toJson().spec)).not.toBe(inModelOrder);
    process.env.CDK8S_DISABLE_SORT = '1';
    try {
      expect(JSON.stringify(crd.toJson().spec)).toBe(inModelOrder);
    } finally {
      delete process.env.CDK8S_DISABLE_SORT;
    }
  });

  test('KruiseVersion.of knows 1.7 and names the supported ones otherwise', () => {
    expect(KruiseVersion.of('1.7')).toBe(KruiseVersion.V1_7);
    expect(KruiseVersion.V1_7.imageTag).toBe('v1.7.5');
    expect(() => KruiseVersion.of('1.9')).toThrow("Kruise version '1.9' is not supported by cdk8s-openkruise; supported: 1.7");
  });
});
