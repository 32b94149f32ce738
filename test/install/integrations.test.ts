import * as path from 'path';
// eslint-disable-next-line import/no-extraneous-dependencies
import { Certificate, Issuer } from '@kubernetes-models/cert-manager/cert-manager.io/v1';
import { Duration } from 'cdk8s';
import { parse } from 'yaml';
import { CertManagerIssuer, CredentialProviderApiVersion, FeatureGate, Kruise } from '../../src';
import { compareObjectSets, helmObjects } from '../util/helm';
import { synthKruise } from '../util/install';
import { newChart } from '../util/l2';
import { REFERENCE_DIR } from '../util/reference';
import { releaseNotesExample } from '../util/release-notes';

const INJECT = 'cert-manager.io/inject-ca-from';

describe('Kruise certManager option', () => {
  const r = synthKruise({ certManager: {} });

  test('turns on EnableExternalCerts after the chart default gate', () => {
    expect(r.kruise.isEnabled(FeatureGate.ENABLE_EXTERNAL_CERTS)).toBe(true);
    expect(r.kruise.featureGates.flag).toBe('ImagePullJobGate=true,EnableExternalCerts=true');
  });

  test('puts inject-ca-from on both webhook configurations and the StatefulSet CRD only', () => {
    expect(r.one('MutatingWebhookConfiguration').metadata.annotations[INJECT]).toBe('kruise-system/kruise-webhook-certs');
    expect(r.one('ValidatingWebhookConfiguration').metadata.annotations[INJECT]).toBe('kruise-system/kruise-webhook-certs');
    const annotated = r.all('CustomResourceDefinition').filter(c => c.metadata.annotations?.[INJECT]);
    expect(annotated.map(c => c.metadata.name)).toEqual(['statefulsets.apps.kruise.io']);
  });

  test('drops the self-managed Secret and certs role', () => {
    expect(r.all('Secret')).toEqual([]);
    expect(r.all('ClusterRole').map(c => c.metadata.name)).not.toContain('kruise-certs-role');
  });

  test('emits a Certificate and self-signed Issuer that cert-manager\'s schema accepts', () => {
    const cert = r.one('Certificate');
    const issuer = r.one('Issuer');
    expect(() => new Certificate(cert).validate()).not.toThrow();
    expect(() => new Issuer(issuer).validate()).not.toThrow();
    expect(cert.spec.dnsNames).toEqual(['kruise-webhook-service.kruise-system.svc', 'localhost']);
    expect(cert.spec.secretName).toBe('kruise-webhook-certs');
  });

  const notes = releaseNotesExample('apiVersion: cert-manager.io/v1', 'kind: Certificate');
  (notes ? test : test.skip)('reproduces the release notes Issuer and Certificate with typed props', () => {
    expect(r.one('Certificate')).toEqual(notes!.find(d => d.kind === 'Certificate'));
    expect(r.one('Issuer')).toEqual(notes!.find(d => d.kind === 'Issuer'));
  });

  test('a named ClusterIssuer is referenced, no Issuer emitted; namespace flows through', () => {
    const x = synthKruise({ namespace: 'ops', certManager: { issuer: CertManagerIssuer.clusterIssuer('corp-ca'), duration: Duration.days(30) } });
    expect(x.all('Issuer')).toEqual([]);
    const cert = x.one('Certificate');
    expect(cert.metadata.namespace).toBe('ops');
    expect(cert.spec.issuerRef).toEqual({ name: 'corp-ca', kind: 'ClusterIssuer' });
    expect(cert.spec.duration).toBe('720h');
    expect(x.one('MutatingWebhookConfiguration').metadata.annotations[INJECT]).toBe('ops/kruise-webhook-certs');
  });

  (REFERENCE_DIR ? test : test.skip)('with createCertificate: false it equals the chart\'s external-certs case', () => {
    const x = synthKruise({ certManager: { createCertificate: false } });
    const theirs = helmObjects(path.join(REFERENCE_DIR!, 'helm', 'external-certs', 'rendered.yaml'));
    expect(compareObjectSets(x.manifests, theirs)).toEqual([]);
  });

  test('contradictions are errors', () => {
    expect(() => new Kruise(newChart(), 'k', { certManager: {}, featureGates: [FeatureGate.ENABLE_EXTERNAL_CERTS.disable()] }))
      .toThrow('test/k: featureGates "EnableExternalCerts=false": certManager needs the EnableExternalCerts gate, which these featureGates turn off; remove FeatureGate.ENABLE_EXTERNAL_CERTS.disable() or drop certManager');
    expect(() => new Kruise(newChart(), 'k', { certManager: { createCertificate: false, issuer: CertManagerIssuer.issuer('x') } }))
      .toThrow(/test\/k: certManager "createCertificate: false": issuer, duration, renewBefore and dnsNames only shape the Certificate/);
  });
});

describe('Kruise credential providers', () => {
  const ecr = {
    name: 'ecr-credential-provider',
    matchImages: ['*.dkr.ecr.*.amazonaws.com', '*.dkr.ecr.*.amazonaws.com.cn', '*.dkr.ecr-fips.*.amazonaws.com', '*.dkr.ecr.us-iso-east-1.c2s.ic.gov', '*.dkr.ecr.us-isob-east-1.sc2s.sgov.gov'],
    defaultCacheDuration: Duration.hours(12),
    apiVersion: CredentialProviderApiVersion.V1,
    env: [{ name: 'AWS_PROFILE', value: 'temp' }],
  };
  const r = synthKruise({
    daemon: { credentialProvider: { pluginHostPath: '/etc/eks/image-credential-provider', awsCredentialsDir: '/root/.aws', providers: [ecr] } },
  });

  test('the daemon mounts the plugin directory and the generated ConfigMap', () => {
    const ds = r.one('DaemonSet');
    const volumes = ds.spec.template.spec.volumes;
    expect(volumes.find((v: any) => v.configMap)?.configMap.name).toBe('credential-provider-config');
    expect(volumes.find((v: any) => v.hostPath?.path === '/etc/eks/image-credential-provider')).toBeDefined();
  });

  const notes = releaseNotesExample('apiVersion: v1', 'kind: ConfigMap');
  (notes ? test : test.skip)('the generated ConfigMap equals the release notes example', () => {
    const cm = r.one('ConfigMap');
    const key = 'CredentialProviderPlugin.yaml';
    expect({ ...cm, data: { [key]: parse(cm.data[key]) } }).toEqual({ ...notes![0], data: { [key]: parse(notes![0].data[key]) } });
  });

  test('without providers no ConfigMap is emitted (the chart leaves it to the user)', () => {
    const x = synthKruise({ daemon: { credentialProvider: { pluginHostPath: '/opt/plugins' } } });
    expect(x.all('ConfigMap')).toEqual([]);
  });
});
