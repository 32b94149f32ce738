import { App, Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { DaemonConfigNamespace, KruiseDaemon, KruiseManager, KruiseRbac, KruiseWebhookCertificate, KruiseWebhooks } from '../../src';
import { synthKruise, synthValues } from '../util/install';

describe('Kruise namespaces', () => {
  test('default: kruise-system labelled control-plane=openkruise, plus kruise-daemon-config', () => {
    const r = synthKruise();
    expect(r.all('Namespace')).toEqual([
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kruise-system', labels: { 'control-plane': 'openkruise' } } },
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kruise-daemon-config' } },
    ]);
    expect(r.kruise.namespace).toBe('kruise-system');
    expect(r.kruise.namespaceObject).toBeDefined();
  });

  test('a custom namespace reaches every namespaced object, subject, webhook, CRD conversion and flag', () => {
    const r = synthKruise({ namespace: 'openkruise' });
    const namespaced = r.manifests.filter(m => m.metadata.namespace !== undefined);
    for (const m of namespaced) {
      const inDaemonConfig = ['kruise-daemon-secret-role', 'kruise-daemon-secret-rolebinding'].includes(m.metadata.name);
      expect(`${m.kind}/${m.metadata.name}: ${m.metadata.namespace}`).toBe(`${m.kind}/${m.metadata.name}: ${inDaemonConfig ? 'kruise-daemon-config' : 'openkruise'}`);
    }
    for (const b of [...r.all('RoleBinding'), ...r.all('ClusterRoleBinding')]) expect(b.subjects[0].namespace).toBe('openkruise');
    for (const cfg of [...r.all('MutatingWebhookConfiguration'), ...r.all('ValidatingWebhookConfiguration')]) {
      for (const w of cfg.webhooks) expect(w.clientConfig.service.namespace).toBe('openkruise');
    }
    const sts = r.one('CustomResourceDefinition', 'statefulsets.apps.kruise.io');
    expect(sts.spec.conversion.webhook.clientConfig.service.namespace).toBe('openkruise');
    expect(r.one('Namespace', 'openkruise').metadata.labels).toEqual({ 'control-plane': 'openkruise' });
  });

  test('createNamespace false leaves the Kruise namespace out, not kruise-daemon-config', () => {
    const r = synthKruise({ createNamespace: false });
    expect(r.all('Namespace').map(n => n.metadata.name)).toEqual(['kruise-daemon-config']);
    expect(r.kruise.namespaceObject).toBeUndefined();
    expect(synthValues({ installation: { createNamespace: false } }).all('Namespace').map(n => n.metadata.name)).toEqual(['kruise-daemon-config']);
  });

  test('daemonConfigNamespace EXISTING leaves kruise-daemon-config out (its Role stays)', () => {
    const r = synthKruise({ daemonConfigNamespace: DaemonConfigNamespace.EXISTING });
    expect(r.all('Namespace').map(n => n.metadata.name)).toEqual(['kruise-system']);
    expect(r.one('Role', 'kruise-daemon-secret-role').metadata.namespace).toBe('kruise-daemon-config');
  });

  test('an invalid namespace throws with the path and the rule', () => {
    expect(() => synthKruise({ namespace: 'Kruise_System' })).toThrow('test/kruise: namespace "Kruise_System": is not a valid namespace name; use lowercase letters, digits and \'-\', starting and ending with a letter or digit, at most 63 characters, e.g. \'kruise-system\'');
    expect(() => synthValues({ installation: { namespace: 'Kruise_System' } })).toThrow(/values: installation.namespace "Kruise_System": is not a valid namespace name/);
  });

  // Each part of the install, used on its own, defaults to kruise-system and checks its namespace the same way.
  const parts: Array<[string, (scope: Construct, namespace?: string) => Construct, string]> = [
    ['KruiseManager', (c, namespace) => new KruiseManager(c, 'part', { namespace }), 'namespace'],
    ['KruiseDaemon', (c, namespace) => new KruiseDaemon(c, 'part', { namespace }), 'namespace'],
    ['KruiseRbac', (c, namespace) => new KruiseRbac(c, 'part', { namespace }), 'namespace'],
    ['KruiseWebhooks', (c, namespace) => new KruiseWebhooks(c, 'part', { namespace }), 'namespace'],
    ['KruiseWebhookCertificate', (c, namespace) => new KruiseWebhookCertificate(c, 'part', { namespace }), 'props.namespace'],
  ];
  test.each(parts)('%s on its own: kruise-system by default, an invalid namespace throws with its path and field', (_name, make, field) => {
    const chart = new Chart(new App(), 'test');
    make(chart);
    const namespaces = new Set(Testing.synth(chart).flatMap(m => [m.metadata?.namespace, ...(m.subjects ?? []).map((s: any) => s.namespace)]));
    expect(namespaces).toContain('kruise-system');
    expect(() => make(new Chart(new App(), 'test'), 'kruise.system'))
      .toThrow(`test/part: ${field} "kruise.system": is not a valid namespace name; use lowercase letters`);
  });
});
