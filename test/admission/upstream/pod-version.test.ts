/**
 * Kruise 1.8 validates pod templates with Kubernetes 1.30's library
 * (ADMISSION-DELTA §9): every rule that validates a pod must do so at the
 * reviewed Kruise version. Found by the audit: the rules validated 1.8
 * objects with 1.28's rules, refusing e.g. the 1.30 sleep handler.
 */
import { admit } from '../../../src/admission/engine';

const labels = { app: 'web' };
const sleepy = { name: 'app', image: 'nginx', lifecycle: { preStop: { sleep: { seconds: 5 } } } };
const unmasked = { name: 'app', image: 'nginx', securityContext: { procMount: 'Unmasked' } };
const meta = { name: 'web', namespace: 'default' };
function kinds(container: Record<string, unknown>): Array<[string, any]> {
  const spec = { containers: [container] };
  const job = { containers: [container], restartPolicy: 'Never' };
  return [
    ['CloneSet', { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'CloneSet', metadata: meta, spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec } } }],
    ['Advanced DaemonSet', { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'DaemonSet', metadata: meta, spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec } } }],
    ['BroadcastJob', { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'BroadcastJob', metadata: meta, spec: { template: { spec: job } } }],
    ['AdvancedCronJob', { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'AdvancedCronJob', metadata: meta, spec: { schedule: '0 * * * *', template: { jobTemplate: { spec: { template: { spec: job } } } } } }],
    ['UnitedDeployment (deploymentTemplate)', { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'UnitedDeployment', metadata: meta, spec: { selector: { matchLabels: labels }, template: { deploymentTemplate: { metadata: { labels }, spec: { template: { metadata: { labels }, spec } } } } } }],
    ['SidecarSet', { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'SidecarSet', metadata: { name: 'web' }, spec: { selector: { matchLabels: labels }, containers: [container] } }],
  ];
}
const errors = (obj: any, version: string) => admit(obj, { version }).filter(f => f.severity === 'error');

describe('a preStop sleep handler (k8s 1.30 K8S-1)', () => {
  for (const [title, obj] of kinds(sleepy)) {
    test(`${title}: refused by Kruise 1.7 (1.28 drops the field, leaving no handler)`, () => {
      expect(errors(obj, '1.7').map(f => f.path.endsWith('lifecycle.preStop'))).toEqual([true]);
    });
    test(`${title}: admitted by Kruise 1.8`, () => {
      expect(errors(obj, '1.8')).toEqual([]);
    });
  }
});

describe('procMount Unmasked without hostUsers false (k8s 1.30 K8S-3)', () => {
  for (const [title, obj] of kinds(unmasked)) {
    test(`${title}: admitted by Kruise 1.7, refused by Kruise 1.8`, () => {
      expect(errors(obj, '1.7')).toEqual([]);
      expect(errors(obj, '1.8').map(f => f.path.endsWith('securityContext.procMount'))).toEqual([true]);
    });
  }
});

describe('a WorkloadSpread patch is validated at the reviewed version', () => {
  test('a sleep handler patched into a reviewed CloneSet: refused at 1.7, admitted at 1.8', () => {
    const cs = kinds({ name: 'app', image: 'nginx' })[0][1];
    const ws = {
      apiVersion: 'apps.kruise.io/v1alpha1',
      kind: 'WorkloadSpread',
      metadata: { name: 'ws', namespace: 'default' },
      spec: { targetRef: { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'CloneSet', name: 'web' }, subsets: [{ name: 'a', maxReplicas: 1, patch: { spec: { containers: [sleepy] } } }, { name: 'b' }] },
    };
    expect(admit(ws, { version: '1.7', peers: [cs, ws] }).filter(f => f.severity === 'error').length).toBeGreaterThan(0);
    expect(admit(ws, { version: '1.8', peers: [cs, ws] }).filter(f => f.severity === 'error')).toEqual([]);
  });
});
