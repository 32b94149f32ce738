import { Chart, Testing } from 'cdk8s';
import { KruiseCrds, KruiseVersion } from '../../src';

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
    expect(() => crds.crdOf('EphemeralJob')).toThrow(/c\/crds: no CRD for kind 'EphemeralJob' in Kruise 1.7; known kinds: AdvancedCronJob, /);
  });

  test('annotations can be added to one CRD through the escape hatch', () => {
    const { crds } = synth();
    crds.crdOf('StatefulSet').metadata.addAnnotation('cert-manager.io/inject-ca-from', 'kruise-system/kruise-webhook-certs');
    expect(crds.crdOf('StatefulSet').toJson().metadata.annotations).toEqual({
      'cert-manager.io/inject-ca-from': 'kruise-system/kruise-webhook-certs',
      'controller-gen.kubebuilder.io/version': 'v0.14.0',
    });
  });

  test('KruiseVersion.of knows 1.7 and names the supported ones otherwise', () => {
    expect(KruiseVersion.of('1.7')).toBe(KruiseVersion.V1_7);
    expect(KruiseVersion.V1_7.imageTag).toBe('v1.7.5');
    expect(() => KruiseVersion.of('1.9')).toThrow("Kruise version '1.9' is not supported by cdk8s-openkruise; supported: 1.7");
  });
});
