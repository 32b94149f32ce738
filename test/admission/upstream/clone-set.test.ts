/**
 * The cases of Kruise's release-1.7 CloneSet webhook test
 * (pkg/webhook/cloneset/validating/validation_test.go, TestValidate), as
 * plain objects on the CREATE path.
 */
import { merge, runUpstreamCases, UpstreamCase } from './cases';

const labels = { a: 'b' };
const template = {
  metadata: { labels },
  spec: {
    restartPolicy: 'Always',
    dnsPolicy: 'ClusterFirst',
    containers: [{ name: 'abc', image: 'image', imagePullPolicy: 'IfNotPresent', terminationMessagePolicy: 'File' }],
  },
};
const claim = (size: string) => ({
  metadata: { name: 'foo' },
  spec: { storageClassName: 'foo/bar', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: size } } },
});

function cloneSet(name: string, spec: any): any {
  const base = {
    replicas: 1,
    selector: { matchLabels: labels },
    template,
    updateStrategy: { type: 'InPlaceIfPossible', partition: 2, maxUnavailable: 1 },
  };
  return { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'CloneSet', metadata: { name, namespace: 'default' }, spec: merge(base, spec) };
}

const PODS_TO_DELETE = 'podsToDelete is decided by the pods in the cluster (a fake client in the test); the contract makes rule 11 a warning';
const UPDATE = 'an UPDATE case (validateCloneSetUpdate against an old object)';

const cases: UpstreamCase[] = [
  { name: 'TestValidate success case 0 (podsToDelete of an owned pod)', verdict: 'allowed', obj: cloneSet('cs-0', { scaleStrategy: { podsToDelete: ['p0'] } }) },
  { name: 'TestValidate success case 1 (maxUnavailable 1, maxSurge 1)', verdict: 'allowed', obj: cloneSet('cs-1', { updateStrategy: { maxSurge: 1 } }) },
  { name: 'TestValidate success case 2 (maxUnavailable 0, maxSurge 1)', verdict: 'allowed', obj: cloneSet('cs-2', { updateStrategy: { maxUnavailable: 0, maxSurge: 1 } }) },
  { name: 'TestValidate success case 3 (maxUnavailable 120%)', verdict: 'allowed', obj: cloneSet('cs-3', { updateStrategy: { maxUnavailable: '120%' } }) },
  {
    name: 'TestValidate success case 4 (weightPriority)',
    verdict: 'allowed',
    obj: cloneSet('cs-4', { updateStrategy: { maxUnavailable: '120%', priorityStrategy: { weightPriority: [{ weight: 20, matchSelector: { matchLabels: { key: 'foo' } } }] } } }),
  },
  {
    name: 'TestValidate success case 5 (new spec alone: InPlaceOnly, revisionHistoryLimit, a claim template whose class name is not a DNS name)',
    verdict: 'allowed',
    obj: cloneSet('cs-5', {
      revisionHistoryLimit: 1,
      scaleStrategy: { podsToDelete: ['p0'] },
      volumeClaimTemplates: [claim('30Gi')],
      updateStrategy: { type: 'InPlaceOnly' },
    }),
  },
  { name: 'TestValidate success case 5 (update from ReCreate with other claims)', verdict: 'allowed', skip: UPDATE, obj: {} },
  { name: 'TestValidate success case 6 (update from an old spec without claims)', verdict: 'allowed', skip: UPDATE, obj: {} },

  { name: 'TestValidate invalid-replicas', verdict: 'denied', rule: 'CloneSet/replicas-nonnegative', obj: cloneSet('cs-invalid-replicas', { replicas: -1 }) },
  {
    name: 'TestValidate invalid-template (bad label key, no containers)',
    verdict: 'denied',
    rule: 'CloneSet/pod-template',
    obj: cloneSet('cs-invalid-template', { template: { metadata: { labels: { 'NoUppercaseOrSpecialCharsLike=Equals': 'b' } }, spec: { restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', containers: undefined } } }),
  },
  { name: 'TestValidate invalid-selector', verdict: 'denied', rule: 'CloneSet/selector-matches-template', obj: cloneSet('cs-invalid-selector', { selector: { matchLabels: { a: 'b', c: 'd' } } }) },
  {
    name: 'TestValidate invalid-update-type (empty type)',
    verdict: 'denied',
    skip: 'the mutating webhook defaults an empty type to ReCreate before validation, so a CREATE is admitted (see the next case)',
    obj: {},
  },
  { name: 'TestValidate invalid-update-type, on the CREATE path (defaulted to ReCreate)', verdict: 'allowed', obj: cloneSet('cs-invalid-update-type', { updateStrategy: { type: '' } }) },
  { name: 'TestValidate invalid-partition', verdict: 'denied', rule: 'CloneSet/partition', obj: cloneSet('cs-invalid-partition', { updateStrategy: { partition: -1 } }) },
  { name: 'TestValidate invalid-maxUnavailable (0, maxSurge unset)', verdict: 'denied', rule: 'CloneSet/update-budget-not-zero', obj: cloneSet('cs-invalid-maxUnavailable', { updateStrategy: { maxUnavailable: 0 } }) },
  { name: 'TestValidate invalid-maxSurge (both 0)', verdict: 'denied', rule: 'CloneSet/update-budget-not-zero', obj: cloneSet('cs-invalid-maxSurge', { updateStrategy: { maxUnavailable: 0, maxSurge: 0 } }) },
  { name: 'TestValidate invalid-podsToDelete-1 (duplicates)', verdict: 'denied', rule: 'CloneSet/pods-to-delete-unique', obj: cloneSet('cs-invalid-podsToDelete-1', { scaleStrategy: { podsToDelete: ['p0', 'p0'] } }) },
  { name: 'TestValidate invalid-podsToDelete-2 (p1 not found)', verdict: 'denied', skip: PODS_TO_DELETE, obj: {} },
  { name: 'TestValidate invalid-podsToDelete-3 (p1 not found)', verdict: 'denied', skip: PODS_TO_DELETE, obj: {} },
  { name: 'TestValidate invalid-cloneset-update-1 (InPlaceOnly with a changed image pull policy)', verdict: 'denied', skip: UPDATE, obj: {} },
];

describe('Kruise 1.7 CloneSet webhook test cases', () => {
  runUpstreamCases(cases);
});
