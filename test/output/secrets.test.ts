/**
 * No secret material: the webhook Secret is emitted empty (kruise-manager or
 * cert-manager fills it in the cluster), no webhook configuration or CRD
 * carries a caBundle, and nothing the library emits holds credentials unless
 * the user put them there (a Secret they distribute with ResourceDistribution).
 */
import { Chart, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  CloneSet, CredentialProviderApiVersion, DistributedResource, FeatureGate, ImagePullJob, Kruise, KruiseProps, ResourceDistribution, SidecarSet,
} from '../../src';

/** Keys whose non-empty value would be credential or key material. */
const SECRET_KEYS = /^(caBundle|ca\.crt|tls\.crt|tls\.key|\.dockerconfigjson|\.dockercfg|password|token|privateKey|clientKey|clientCertificate|stringData)$/i;
/** Values that look like key material: PEM blocks, long base64, AWS access keys, JWTs. */
const SECRET_VALUES = [/-----BEGIN [A-Z ]+-----/, /^[A-Za-z0-9+/]{120,}={0,2}$/, /\bAKIA[0-9A-Z]{16}\b/, /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\./];

/** Every key path and string value of an object that looks like secret material. */
function secretMaterial(o: any, path = ''): string[] {
  if (typeof o === 'string') return SECRET_VALUES.some(re => re.test(o)) ? [`${path}: ${o.slice(0, 40)}...`] : [];
  if (Array.isArray(o)) return o.flatMap((x, i) => secretMaterial(x, `${path}[${i}]`));
  if (o === null || typeof o !== 'object') return [];
  return Object.entries(o).flatMap(([k, v]) => [
    ...(SECRET_KEYS.test(k) && v !== '' && v !== null && !(typeof v === 'object' && Object.keys(v as object).length === 0) ? [`${path}.${k}`] : []),
    ...secretMaterial(v, `${path}.${k}`),
  ]);
}

const INSTALLS: Array<[string, KruiseProps | undefined, any?]> = [
  ['the default install', {}],
  ['cert-manager', { certManager: { duration: Duration.days(90), dnsNames: ['kruise.example.com'] } }],
  ['external certs', { featureGates: [FeatureGate.IMAGE_PULL_JOB.enable(), FeatureGate.ENABLE_EXTERNAL_CERTS.enable()], externalCertsAnnotations: { 'cert-manager.io/inject-ca-from': 'kruise-system/kruise-webhook-certs' } }],
  ['a credential provider with env and pull secrets', {
    image: { pullSecrets: ['regcred'] },
    serviceAccountAnnotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::111122223333:role/kruise' },
    daemon: { credentialProvider: { pluginHostPath: '/etc/eks/image-credential-provider', awsCredentialsDir: '/root/.aws', providers: [{ name: 'ecr-credential-provider', matchImages: ['*.dkr.ecr.*.amazonaws.com'], defaultCacheDuration: Duration.hours(12), apiVersion: CredentialProviderApiVersion.V1, env: [{ name: 'AWS_PROFILE', value: 'kruise' }] }] } },
  }],
  ['chart values', undefined, { installation: { namespace: 'ops' }, imagePullSecrets: [{ name: 'mirror-pull' }], daemon: { credentialProvider: { enable: true, hostPath: '/opt/plugins' } } }],
];

function synth(props: KruiseProps | undefined, values?: any): any[] {
  const chart = new Chart(Testing.app(), 'test');
  if (values) Kruise.fromHelmValues(chart, 'kruise', values);
  else new Kruise(chart, 'kruise', props);
  new CloneSet(chart, 'web', { containers: [{ name: 'web', image: 'nginx:1.25', envFrom: [] }] });
  new ImagePullJob(chart, 'pull', { image: 'registry.example.com/private/app:v1', pullSecrets: ['regcred'] });
  new SidecarSet(chart, 'proxy', { selector: kplus.LabelSelector.of({ labels: { app: 'web' } }), imagePullSecrets: [kplus.Secret.fromSecretName(chart, 'reg', 'regcred')], containers: [{ name: 'envoy', image: 'envoyproxy/envoy:v1.30.1' }] });
  return Testing.synth(chart);
}

describe('no secret material in the output', () => {
  test.each(INSTALLS.map(([name, props, values]) => ({ name, props, values })))('$name', ({ props, values }) => {
    const objects = synth(props, values);
    expect(objects.flatMap(o => secretMaterial(o, `${o.kind}/${o.metadata?.name}`))).toEqual([]);

    // the webhook Secret, when emitted, is a name and nothing else
    const secrets = objects.filter(o => o.kind === 'Secret');
    const externalCerts = props?.certManager !== undefined || props?.externalCertsAnnotations !== undefined;
    expect(secrets.map(s => s.metadata.name)).toEqual(externalCerts ? [] : ['kruise-webhook-certs']);
    for (const s of secrets) {
      expect(Object.keys(s).sort()).toEqual(['apiVersion', 'kind', 'metadata']);
      expect(Object.keys(s.metadata).sort()).toEqual(['name', 'namespace']);
    }
    // no caBundle anywhere: kruise-manager or cert-manager's CA injector writes it in the cluster
    expect(JSON.stringify(objects)).not.toMatch(/caBundle/);
    // pull secrets are referred to by name only
    const pull = objects.find(o => o.kind === 'ImagePullJob');
    expect(pull.spec.pullSecrets).toEqual(['regcred']);
  });

  test('a Secret the user distributes is carried as given, and only there', () => {
    const chart = new Chart(Testing.app(), 'test');
    new Kruise(chart, 'kruise', { featureGates: [FeatureGate.IMAGE_PULL_JOB.enable(), FeatureGate.RESOURCE_DISTRIBUTION.enable()] });
    const dockerconfig = Buffer.from(JSON.stringify({ auths: { 'registry.example.com': { auth: Buffer.from('user:pass').toString('base64') } } })).toString('base64');
    new ResourceDistribution(chart, 'regcred', {
      resource: DistributedResource.fromManifest({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'regcred' }, type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': dockerconfig } }),
      allNamespaces: true,
    });
    const objects = Testing.synth(chart);
    const carriers = objects.filter(o => secretMaterial(o).length > 0);
    expect(carriers.map(o => `${o.kind}/${o.metadata.name}`)).toEqual([expect.stringMatching(/^ResourceDistribution\//)]);
    expect(carriers[0].spec.resource.data).toEqual({ '.dockerconfigjson': dockerconfig });
    expect(objects.filter(o => o.kind === 'Secret').map(s => Object.keys(s).sort())).toEqual([['apiVersion', 'kind', 'metadata']]);
  });
});
