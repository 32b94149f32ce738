import { Chart, Duration, Testing } from 'cdk8s';
import { FeatureGate, Kruise } from '../../src';
import { synthKruise } from '../util/install';

const MUTATING = [
  'mpod', 'madvancedcronjob', 'mbroadcastjob', 'mcloneset', 'mcontainerrecreaterequest', 'mdaemonset',
  'mimagelistpulljob', 'mimagepulljob', 'mnodeimage', 'msidecarset', 'mstatefulset', 'muniteddeployment',
].map(n => `${n}.kb.io`);
const VALIDATING = [
  'vbuiltindeployment', 'vbuiltinreplicaset', 'vbuiltinstatefulset', 'vcustomresourcedefinition', 'vnamespace', 'vingress',
  'vservice', 'vpod', 'vpodeviction', 'vresourcedistribution', 'vworkloadspread', 'vadvancedcronjob', 'vbroadcastjob',
  'vcloneset', 'vdaemonset', 'vimagelistpulljob', 'vimagepulljob', 'vnodeimage', 'vpersistentpodstate', 'vpodprobemarker',
  'vpodunavailablebudget', 'vsidecarset', 'vstatefulset', 'vuniteddeployment',
].map(n => `${n}.kb.io`);
const POD_HOOKS = ['mpod.kb.io', 'vpod.kb.io', 'vpodeviction.kb.io'];

const mwc = (r: ReturnType<typeof synthKruise>) => r.one('MutatingWebhookConfiguration', 'kruise-mutating-webhook-configuration');
const vwc = (r: ReturnType<typeof synthKruise>) => r.one('ValidatingWebhookConfiguration', 'kruise-validating-webhook-configuration');
const hook = (cfg: any, name: string) => cfg.webhooks.find((w: any) => w.name === name);

describe('KruiseWebhooks', () => {
  test('the chart\'s webhooks, in its order, with the template annotation and no caBundle', () => {
    const r = synthKruise();
    expect(mwc(r).webhooks.map((w: any) => w.name)).toEqual(MUTATING);
    expect(vwc(r).webhooks.map((w: any) => w.name)).toEqual(VALIDATING);
    expect(r.kruise.webhooks.webhookNames).toEqual([...MUTATING, ...VALIDATING]);
    for (const cfg of [mwc(r), vwc(r)]) {
      expect(cfg.metadata.annotations).toEqual({ template: '' });
      for (const w of cfg.webhooks) {
        expect(w.clientConfig.service).toMatchObject({ name: 'kruise-webhook-service', namespace: 'kruise-system' });
        expect(w.clientConfig.caBundle).toBeUndefined();
        expect(w.timeoutSeconds).toBe(30);
        expect(w.sideEffects).toBe('None');
        expect(w.admissionReviewVersions).toEqual(['v1', 'v1beta1']);
      }
    }
  });

  test('field details: pod webhook selectors, deletion protection, StatefulSet versions', () => {
    const r = synthKruise();
    expect(hook(mwc(r), 'mpod.kb.io')).toMatchObject({
      failurePolicy: 'Fail',
      clientConfig: { service: { path: '/mutate-pod' } },
      namespaceSelector: {
        matchExpressions: [
          { key: 'control-plane', operator: 'NotIn', values: ['openkruise'] },
          { key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system'] },
        ],
      },
      rules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['pods'] }],
    });
    expect(hook(vwc(r), 'vbuiltindeployment.kb.io')).toMatchObject({
      failurePolicy: 'Ignore',
      objectSelector: { matchExpressions: [{ key: 'policy.kruise.io/delete-protection', operator: 'Exists' }] },
      rules: [{ apiGroups: ['apps'], apiVersions: ['v1'], operations: ['DELETE'], resources: ['deployments'] }],
    });
    expect(hook(vwc(r), 'vstatefulset.kb.io').rules).toEqual([{ apiGroups: ['apps.kruise.io'], apiVersions: ['v1alpha1', 'v1beta1'], operations: ['CREATE', 'UPDATE', 'DELETE'], resources: ['statefulsets'] }]);
    expect(hook(vwc(r), 'vpodunavailablebudget.kb.io').clientConfig.service.path).toBe('/validate-policy-kruise-io-podunavailablebudget');
    expect(hook(vwc(r), 'vpodeviction.kb.io').rules[0].resources).toEqual(['pods/eviction']);
    expect(hook(mwc(r), 'mcloneset.kb.io').namespaceSelector).toBeUndefined();
  });

  test('PodWebhook off drops the three pod webhooks and nothing else', () => {
    const r = synthKruise({ featureGates: [FeatureGate.POD_WEBHOOK.disable()] });
    expect(mwc(r).webhooks.map((w: any) => w.name)).toEqual(MUTATING.filter(n => !POD_HOOKS.includes(n)));
    expect(vwc(r).webhooks.map((w: any) => w.name)).toEqual(VALIDATING.filter(n => !POD_HOOKS.includes(n)));
  });

  test('timeout applies to every webhook; outside 1-30 whole seconds throws', () => {
    const r = synthKruise({ webhookTimeout: Duration.seconds(10) });
    for (const w of [...mwc(r).webhooks, ...vwc(r).webhooks]) expect(w.timeoutSeconds).toBe(10);
    expect(() => synthKruise({ webhookTimeout: Duration.seconds(31) })).toThrow('test/kruise: webhookTimeout "31 seconds": is not a webhook timeout; the API server takes whole seconds from 1 to 30, e.g. Duration.seconds(10)');
    expect(() => synthKruise({ webhookTimeout: Duration.millis(1500) })).toThrow(/webhookTimeout .* is not a webhook timeout/);
  });

  test('Service and the empty webhook Secret', () => {
    const r = synthKruise({ namespace: 'ops' });
    expect(r.one('Service', 'kruise-webhook-service')).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'kruise-webhook-service', namespace: 'ops' },
      spec: { ports: [{ port: 443, targetPort: 9876 }], selector: { 'control-plane': 'controller-manager' } },
    });
    expect(r.one('Secret', 'kruise-webhook-certs')).toEqual({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'kruise-webhook-certs', namespace: 'ops' } });
    expect(hook(mwc(r), 'mpod.kb.io').clientConfig.service.namespace).toBe('ops');
  });

  test('external certs: annotations on both configurations and the StatefulSet CRD; Secret and certs role dropped', () => {
    const inject = { 'cert-manager.io/inject-ca-from': 'kruise-system/kruise-webhook-certs' };
    const r = synthKruise({
      featureGates: [FeatureGate.IMAGE_PULL_JOB.enable(), FeatureGate.ENABLE_EXTERNAL_CERTS.enable()],
      externalCertsAnnotations: inject,
    });
    expect(mwc(r).metadata.annotations).toEqual({ template: '', ...inject });
    expect(vwc(r).metadata.annotations).toEqual({ template: '', ...inject });
    const crds = r.all('CustomResourceDefinition');
    expect(crds.filter(c => c.metadata.annotations?.['cert-manager.io/inject-ca-from']).map(c => c.metadata.name)).toEqual(['statefulsets.apps.kruise.io']);
    expect(r.all('Secret')).toEqual([]);
    expect(r.all('ClusterRole').map(c => c.metadata.name)).not.toContain('kruise-certs-role');
    expect(r.all('ClusterRoleBinding').map(c => c.metadata.name)).not.toContain('kruise-certs-rolebinding');
    expect(r.kruise.webhooks.secret).toBeUndefined();
  });

  test('addExternalCertsAnnotation() works after construction (cert-manager hook)', () => {
    const chart = new Chart(Testing.app(), 'late');
    const kruise = new Kruise(chart, 'kruise', { featureGates: [FeatureGate.ENABLE_EXTERNAL_CERTS.enable()] });
    kruise.addExternalCertsAnnotation('cert-manager.io/inject-ca-from', 'kruise-system/kruise-webhook-certs');
    const out = Testing.synth(chart);
    const annotated = out.filter((o: any) => o.metadata.annotations?.['cert-manager.io/inject-ca-from']).map((o: any) => o.kind);
    expect(annotated.sort()).toEqual(['CustomResourceDefinition', 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration']);
  });

  test('without managed CRDs the annotations still reach the webhook configurations', () => {
    const r = synthKruise({
      manageCrds: false,
      featureGates: [FeatureGate.IMAGE_PULL_JOB.enable(), FeatureGate.ENABLE_EXTERNAL_CERTS.enable()],
      externalCertsAnnotations: { a: 'b' },
    });
    expect(r.all('CustomResourceDefinition')).toEqual([]);
    expect(r.kruise.crds).toBeUndefined();
    expect(mwc(r).metadata.annotations).toEqual({ template: '', a: 'b' });
  });
});
