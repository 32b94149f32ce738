import * as path from 'path';
// a test-only devDependency (.projenrc.ts lists only scripts/ as a dev dir for eslint)
// eslint-disable-next-line import/no-extraneous-dependencies
import { Certificate, ICertificate, IIssuer, Issuer } from '@kubernetes-models/cert-manager/cert-manager.io/v1';
import { ApiObject, App, Chart, Duration, JsonPatch, Testing } from 'cdk8s';
import { CertManagerIssuer, KruiseWebhookCertificate, KruiseWebhookCertificateProps } from '../../src/install/cert-manager';
import { readYamlDocs, REFERENCE_DIR } from '../util/reference';
import { releaseNotesExample } from '../util/release-notes';

function synth(props?: KruiseWebhookCertificateProps) {
  const chart = new Chart(Testing.app(), 'c');
  const cert = new KruiseWebhookCertificate(chart, 'certs', props);
  const manifests = Testing.synth(chart);
  return {
    cert,
    manifests,
    certificate: manifests.find(m => m.kind === 'Certificate'),
    issuer: manifests.find(m => m.kind === 'Issuer'),
  };
}

/** Throws (with cert-manager's schema message) unless the object is a valid cert-manager.io/v1 object. */
function validateCertManager(obj: any): void {
  if (obj.kind === 'Certificate') new Certificate(obj).validate();
  else if (obj.kind === 'Issuer') new Issuer(obj).validate();
  else throw new Error(`not a cert-manager object: ${obj.kind}`);
}

// The Kruise 1.7 release notes' example ("Support third-party tools (Cert-Manager) to
// inject Kruise Webhook CA"), read in place from ../shared/mission (never copied here).
const NOTES = releaseNotesExample('apiVersion: cert-manager.io/v1', 'kind: Certificate');
const RELEASE_NOTES_CERTIFICATE: ICertificate | undefined = NOTES?.find(d => d.kind === 'Certificate');
const RELEASE_NOTES_ISSUER: IIssuer | undefined = NOTES?.find(d => d.kind === 'Issuer');
const withNotes = NOTES ? test : test.skip;
if (!NOTES) {
  // eslint-disable-next-line no-console
  console.warn('cert-manager release-notes reproduction skipped: ../shared/mission not found beside the project');
}

describe('KruiseWebhookCertificate: the release notes example', () => {
  withNotes('the release notes hold one Certificate and one Issuer', () => {
    expect(NOTES!.map(d => d.kind)).toEqual(['Certificate', 'Issuer']);
  });

  withNotes('with default props it emits the release notes Issuer and Certificate, field for field', () => {
    const { manifests, certificate, issuer } = synth();
    expect(manifests).toHaveLength(2);
    expect(certificate).toEqual(RELEASE_NOTES_CERTIFICATE);
    expect(issuer).toEqual(RELEASE_NOTES_ISSUER);
  });

  test('emits the Issuer before the Certificate that refers to it', () => {
    const { manifests } = synth();
    expect(manifests.map(m => m.kind)).toEqual(['Issuer', 'Certificate']);
  });

  test('injectCaFrom is <namespace>/<certificate name>, the value the chart is given in the external-certs case', () => {
    const { cert } = synth();
    expect(cert.injectCaFrom).toBe('kruise-system/kruise-webhook-certs');
    expect(cert.injectCaAnnotations).toEqual({ 'cert-manager.io/inject-ca-from': 'kruise-system/kruise-webhook-certs' });
    expect(KruiseWebhookCertificate.INJECT_CA_FROM_ANNOTATION).toBe('cert-manager.io/inject-ca-from');
    if (REFERENCE_DIR) {
      const [values] = readYamlDocs(path.join(REFERENCE_DIR, 'helm', 'external-certs', 'values.yaml'));
      expect(values.externalCerts.annotations).toEqual(cert.injectCaAnnotations);
    }
  });

  test('exposes names and objects', () => {
    const { cert } = synth();
    expect(cert.namespace).toBe('kruise-system');
    expect(cert.certificateName).toBe('kruise-webhook-certs');
    expect(cert.secretName).toBe('kruise-webhook-certs');
    expect(KruiseWebhookCertificate.SECRET_NAME).toBe('kruise-webhook-certs');
    expect(cert.issuer.name).toBe('selfsigned-kruise');
    expect(cert.issuer.kind).toBe('Issuer');
    expect(cert.issuer.group).toBeUndefined();
    expect(cert.issuer.createsIssuer).toBe(true);
    expect(cert.selfSignedIssuer).toBeInstanceOf(ApiObject);
    expect(cert.certificate.kind).toBe('Certificate');
    expect(cert.dnsNames).toEqual(['kruise-webhook-service.kruise-system.svc', 'localhost']);
  });
});

describe('KruiseWebhookCertificate: props', () => {
  test('namespace moves every object and the webhook DNS name, never the Secret name', () => {
    const { cert, certificate, issuer } = synth({ namespace: 'ops-kruise' });
    expect(certificate.metadata).toEqual({ name: 'kruise-webhook-certs', namespace: 'ops-kruise' });
    expect(certificate.spec.secretName).toBe('kruise-webhook-certs');
    expect(certificate.spec.dnsNames).toEqual(['kruise-webhook-service.ops-kruise.svc', 'localhost']);
    expect(issuer.metadata).toEqual({ name: 'selfsigned-kruise', namespace: 'ops-kruise' });
    expect(cert.injectCaFrom).toBe('ops-kruise/kruise-webhook-certs');
  });

  test('selfSigned() takes another Issuer name', () => {
    const { certificate, issuer } = synth({ issuer: CertManagerIssuer.selfSigned('kruise-ca') });
    expect(issuer.metadata.name).toBe('kruise-ca');
    expect(issuer.spec).toEqual({ selfSigned: {} });
    expect(certificate.spec.issuerRef).toEqual({ name: 'kruise-ca', kind: 'Issuer' });
  });

  test('issuer() refers to an existing Issuer and creates none', () => {
    const { cert, manifests, certificate } = synth({ issuer: CertManagerIssuer.issuer('corp-ca') });
    expect(manifests.map(m => m.kind)).toEqual(['Certificate']);
    expect(certificate.spec.issuerRef).toEqual({ name: 'corp-ca', kind: 'Issuer' });
    expect(cert.selfSignedIssuer).toBeUndefined();
    expect(cert.issuer.createsIssuer).toBe(false);
  });

  test('clusterIssuer() refers to an existing ClusterIssuer and creates none', () => {
    const { manifests, certificate } = synth({ issuer: CertManagerIssuer.clusterIssuer('letsencrypt-internal') });
    expect(manifests).toHaveLength(1);
    expect(certificate.spec.issuerRef).toEqual({ name: 'letsencrypt-internal', kind: 'ClusterIssuer' });
    validateCertManager(certificate);
  });

  test('external() renders the group of an external issuer', () => {
    const { certificate } = synth({ issuer: CertManagerIssuer.external('corp-pca', 'AWSPCAClusterIssuer', 'awspca.cert-manager.io') });
    expect(certificate.spec.issuerRef).toEqual({ name: 'corp-pca', kind: 'AWSPCAClusterIssuer', group: 'awspca.cert-manager.io' });
    validateCertManager(certificate);
  });

  test('external() with the cert-manager.io group renders no group (its default)', () => {
    const { certificate } = synth({ issuer: CertManagerIssuer.external('x', 'ClusterIssuer', 'cert-manager.io') });
    expect(certificate.spec.issuerRef).toEqual({ name: 'x', kind: 'ClusterIssuer' });
  });

  test('duration and renewBefore render as Go durations', () => {
    const { certificate } = synth({ duration: Duration.days(90), renewBefore: Duration.days(15) });
    expect(certificate.spec.duration).toBe('2160h');
    expect(certificate.spec.renewBefore).toBe('360h');
    validateCertManager(certificate);
  });

  test('durations keep minutes and seconds', () => {
    const { certificate } = synth({ duration: Duration.minutes(90), renewBefore: Duration.seconds(3725) });
    expect(certificate.spec.duration).toBe('1h30m');
    expect(certificate.spec.renewBefore).toBe('1h2m5s');
  });

  test('duration and renewBefore are absent unless given (cert-manager defaults apply)', () => {
    const { certificate } = synth();
    expect(certificate.spec).not.toHaveProperty('duration');
    expect(certificate.spec).not.toHaveProperty('renewBefore');
  });

  test('dnsNames are added after the two Kruise needs', () => {
    const { certificate } = synth({ dnsNames: ['kruise-webhook.example.com', '*.webhooks.example.com'] });
    expect(certificate.spec.dnsNames).toEqual([
      'kruise-webhook-service.kruise-system.svc',
      'localhost',
      'kruise-webhook.example.com',
      '*.webhooks.example.com',
    ]);
  });

  test('addDnsName() after construction still reaches the output', () => {
    const chart = new Chart(Testing.app(), 'c');
    const cert = new KruiseWebhookCertificate(chart, 'certs');
    cert.addDnsName('kruise-webhook-service.kruise-system.svc.cluster.local');
    const certificate = Testing.synth(chart).find(m => m.kind === 'Certificate');
    expect(certificate.spec.dnsNames).toEqual([
      'kruise-webhook-service.kruise-system.svc',
      'localhost',
      'kruise-webhook-service.kruise-system.svc.cluster.local',
    ]);
    expect(cert.dnsNames).toHaveLength(3);
  });

  test('escape hatch: a JsonPatch on the Certificate is applied', () => {
    const chart = new Chart(Testing.app(), 'c');
    const cert = new KruiseWebhookCertificate(chart, 'certs');
    cert.certificate.addJsonPatch(JsonPatch.add('/spec/privateKey', { rotationPolicy: 'Always', algorithm: 'ECDSA', size: 256 }));
    const certificate = Testing.synth(chart).find(m => m.kind === 'Certificate');
    expect(certificate.spec.privateKey).toEqual({ rotationPolicy: 'Always', algorithm: 'ECDSA', size: 256 });
    validateCertManager(certificate);
  });

  test('synthesizes through an App (validations pass)', () => {
    const app = new App({ outdir: Testing.app().outdir });
    const chart = new Chart(app, 'c');
    new KruiseWebhookCertificate(chart, 'certs');
    expect(app.synthYaml()).toContain('kind: Certificate');
  });
});

describe('KruiseWebhookCertificate: cert-manager schema (@kubernetes-models/cert-manager)', () => {
  const cases: Array<[string, KruiseWebhookCertificateProps | undefined]> = [
    ['defaults', undefined],
    ['all props', {
      namespace: 'ops-kruise',
      issuer: CertManagerIssuer.clusterIssuer('corp-ca'),
      duration: Duration.days(365),
      renewBefore: Duration.days(30),
      dnsNames: ['kruise-webhook.example.com'],
    }],
  ];
  test.each(cases)('every emitted object validates (%s)', (_name, props) => {
    const { manifests } = synth(props);
    expect(manifests.length).toBeGreaterThan(0);
    for (const m of manifests) {
      expect(() => validateCertManager(m)).not.toThrow();
    }
  });

  test('the validation rejects a broken Certificate (it is not a no-op)', () => {
    const { certificate } = synth();
    const noIssuer = { ...certificate, spec: { ...certificate.spec, issuerRef: undefined } };
    delete noIssuer.spec.issuerRef;
    expect(() => validateCertManager(noIssuer)).toThrow(/issuerRef/);
    const dnsNamesNotAList = { ...certificate, spec: { ...certificate.spec, dnsNames: 'localhost' } };
    expect(() => validateCertManager(dnsNamesNotAList)).toThrow(/dnsNames/);
  });

  test('the validation rejects a broken Issuer', () => {
    const { issuer } = synth();
    expect(() => validateCertManager({ ...issuer, spec: { selfSigned: 'yes' } })).toThrow(/selfSigned/);
  });
});

describe('KruiseWebhookCertificate: bad input', () => {
  function errorOf(props: KruiseWebhookCertificateProps): string {
    try {
      synth(props);
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error('expected an error');
  }

  test('a bad namespace names the path, the prop, the value and the fix', () => {
    const msg = errorOf({ namespace: 'Kruise_System' });
    expect(msg).toContain('c/certs');
    expect(msg).toContain('props.namespace');
    expect(msg).toContain('props.namespace "Kruise_System": is not a valid namespace name');
    expect(msg).toMatch(/use lowercase letters, digits and '-'.*e\.g\. 'kruise-system'/);
  });

  test('a namespace longer than 63 characters is rejected', () => {
    expect(errorOf({ namespace: 'a'.repeat(64) })).toContain('props.namespace');
  });

  test.each([
    ['issuer', CertManagerIssuer.issuer('Corp_CA'), 'CertManagerIssuer.issuer()'],
    ['clusterIssuer', CertManagerIssuer.clusterIssuer(''), 'CertManagerIssuer.clusterIssuer()'],
    ['selfSigned', CertManagerIssuer.selfSigned('-x'), 'CertManagerIssuer.selfSigned()'],
  ])('a bad %s name is rejected with the factory named', (_n, issuer, factory) => {
    const msg = errorOf({ issuer });
    expect(msg).toContain('c/certs');
    expect(msg).toContain(`props.issuer (${factory}) name`);
    expect(msg).toContain('is not a valid object name');
  });

  test('a bad external kind or group is rejected', () => {
    expect(errorOf({ issuer: CertManagerIssuer.external('x', 'awspcaIssuer', 'awspca.cert-manager.io') })).toMatch(/kind "awspcaIssuer": is not a valid kind; use an UpperCamelCase kind/);
    expect(errorOf({ issuer: CertManagerIssuer.external('x', 'AWSPCAIssuer', 'AWSPCA') })).toMatch(/group "AWSPCA": is not a valid API group/);
  });

  test('a duration under 1h is rejected', () => {
    expect(errorOf({ duration: Duration.minutes(59) })).toMatch(/c\/certs: props\.duration "59m": is shorter than cert-manager's minimum of 1h; use Duration\.hours\(1\) or more/);
  });

  test('a renewBefore under 5m is rejected', () => {
    expect(errorOf({ renewBefore: Duration.minutes(4) })).toMatch(/props\.renewBefore "4m": is shorter than cert-manager's minimum of 5m/);
  });

  test('a renewBefore not shorter than the duration is rejected', () => {
    expect(errorOf({ duration: Duration.hours(24), renewBefore: Duration.hours(24) })).toMatch(/props\.renewBefore "24h": is not shorter than props\.duration '24h'/);
    expect(errorOf({ renewBefore: Duration.days(90) })).toMatch(/is not shorter than cert-manager's default duration 2160h/);
  });

  test('a bad or duplicate DNS name is rejected', () => {
    expect(errorOf({ dnsNames: ['Kruise.Example.com'] })).toMatch(/c\/certs: dnsNames entry "Kruise\.Example\.com": is not a valid DNS name/);
    expect(errorOf({ dnsNames: ['https://kruise.example.com'] })).toContain('is not a valid DNS name');
    expect(errorOf({ dnsNames: ['localhost'] })).toMatch(/dnsNames entry "localhost": is already in the certificate; add each DNS name once/);
    const chart = new Chart(Testing.app(), 'c');
    const cert = new KruiseWebhookCertificate(chart, 'certs', { dnsNames: ['a.example.com'] });
    expect(() => cert.addDnsName('a.example.com')).toThrow(/already in the certificate/);
  });
});
