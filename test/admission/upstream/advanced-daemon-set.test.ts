/**
 * The cases of Kruise's release-1.7 Advanced DaemonSet webhook test
 * (pkg/webhook/daemonset/validating/daemonset_validation_test.go:
 * TestValidateDaemonSet, TestValidateDaemonSetUpdate), as plain objects on
 * the CREATE path.
 */
import { runUpstreamCases, UpstreamCase } from './cases';

const R = (s: string) => `AdvancedDaemonSet/${s}`;
function ads(name: string, spec: any): any {
  return { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'DaemonSet', metadata: { name, namespace: 'default' }, spec };
}
const validTemplate = {
  metadata: { labels: { a: 'b' } },
  spec: { restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', containers: [{ name: 'abc', image: 'image', imagePullPolicy: 'IfNotPresent', terminationMessagePolicy: 'File' }] },
};

const cases: UpstreamCase[] = [
  {
    name: 'TestValidateDaemonSet selector not match (and an empty pod spec)',
    verdict: 'denied',
    rule: R('selector-matches-template'),
    obj: ads('ds1', { selector: { matchLabels: { key1: 'value1' } }, template: { metadata: { labels: { key1: 'value2' } }, spec: {} } }),
  },
  {
    name: 'TestValidateDaemonSet selector match (container without pull or message policy, Standard rolling update)',
    verdict: 'allowed',
    obj: ads('ds1', {
      selector: { matchLabels: { key1: 'value1' } },
      template: { metadata: { labels: { key1: 'value1' } }, spec: { restartPolicy: 'Always', containers: [{ name: 'a', image: 'b' }] } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { type: 'Standard', maxUnavailable: 1 } },
    }),
  },
  { name: 'TestValidateDaemonSetUpdate success case 0', verdict: 'allowed', skip: 'an UPDATE case (burstReplicas changed)', obj: {} },
  { name: 'TestValidateDaemonSetUpdate success case 1', verdict: 'allowed', skip: 'an UPDATE case (burstReplicas changed)', obj: {} },
  {
    name: 'TestValidateDaemonSetUpdate success case 0, its new object on the CREATE path (burstReplicas 1, maxUnavailable 1)',
    verdict: 'allowed',
    obj: ads('ds-0', { template: validTemplate, selector: { matchLabels: { a: 'b' } }, burstReplicas: 1, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } } }),
  },
  { name: 'TestValidateDaemonSetUpdate error case 0', verdict: 'denied', skip: 'an UPDATE case (selector changed)', obj: {} },
  {
    name: 'TestValidateDaemonSetUpdate error case 0, its new object on the CREATE path (selector c=d, maxUnavailable 1 with maxSurge 2)',
    verdict: 'denied',
    rule: R('selector-matches-template'),
    obj: ads('ds-0', {
      template: validTemplate,
      selector: { matchLabels: { c: 'd' } },
      burstReplicas: 1,
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 2 } },
    }),
  },
];

describe('Kruise 1.7 Advanced DaemonSet webhook test cases', () => {
  runUpstreamCases(cases);
});
