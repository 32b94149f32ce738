/**
 * The cases of Kruise's release-1.7 Advanced StatefulSet webhook test
 * (pkg/webhook/statefulset/validating/statefulset_validation_test.go:
 * TestValidateStatefulSet, TestValidateStatefulSetUpdate), as plain objects
 * on the CREATE path. The upstream test sets replicas and
 * revisionHistoryLimit to 0 when unset (setTestDefault); so do these.
 */
import { merge, runUpstreamCases, UpstreamCase } from './cases';

const labels = { a: 'b' };
const template = {
  metadata: { labels },
  spec: { restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', containers: [{ name: 'abc', image: 'image', imagePullPolicy: 'IfNotPresent' }] },
};
const R = (s: string) => `AdvancedStatefulSet/${s}`;

function asts(meta: any, spec: any): any {
  const base = {
    replicas: 0,
    revisionHistoryLimit: 0,
    podManagementPolicy: 'OrderedReady',
    selector: { matchLabels: labels },
    template,
    updateStrategy: { type: 'RollingUpdate' },
  };
  return { apiVersion: 'apps.kruise.io/v1beta1', kind: 'StatefulSet', metadata: { name: 'abc-123', namespace: 'default', ...meta }, spec: merge(base, spec) };
}
const UPDATE = 'an UPDATE case (ValidateStatefulSetUpdate against an old object)';

const cases: UpstreamCase[] = [
  { name: 'TestValidateStatefulSet success case 0', verdict: 'allowed', obj: asts({ name: 'abc' }, {}) },
  { name: 'TestValidateStatefulSet success case 1', verdict: 'allowed', obj: asts({}, {}) },
  { name: 'TestValidateStatefulSet success case 2 (Parallel)', verdict: 'allowed', obj: asts({}, { podManagementPolicy: 'Parallel' }) },
  { name: 'TestValidateStatefulSet success case 3 (OnDelete)', verdict: 'allowed', obj: asts({}, { updateStrategy: { type: 'OnDelete' } }) },
  {
    name: 'TestValidateStatefulSet success case 4 (rollingUpdate with partition, ReCreate, maxUnavailable, minReadySeconds)',
    verdict: 'allowed',
    obj: asts({}, { replicas: 3, updateStrategy: { rollingUpdate: { partition: 2, podUpdatePolicy: 'ReCreate', maxUnavailable: 1, minReadySeconds: 10 } } }),
  },

  { name: 'TestValidateStatefulSet zero-length ID', verdict: 'denied', rule: R('metadata'), obj: asts({ name: '' }, {}) },
  { name: 'TestValidateStatefulSet missing-namespace', verdict: 'denied', skip: 'the API server sets metadata.namespace from the request before admission', obj: {} },
  { name: 'TestValidateStatefulSet empty selector', verdict: 'denied', rule: R('selector'), obj: asts({ name: 'abc' }, { selector: undefined }) },
  { name: 'TestValidateStatefulSet selector_doesnt_match', verdict: 'denied', rule: R('template-metadata'), obj: asts({ name: 'abc' }, { selector: { matchLabels: { foo: 'bar' } } }) },
  { name: 'TestValidateStatefulSet invalid manifest (no template)', verdict: 'denied', obj: asts({ name: 'abc' }, { template: undefined }) },
  { name: 'TestValidateStatefulSet negative_replicas', verdict: 'denied', rule: R('replicas-nonnegative'), obj: asts({ name: 'abc' }, { replicas: -1, template: undefined }) },
  { name: 'TestValidateStatefulSet invalid_label', verdict: 'denied', rule: R('metadata'), obj: asts({ labels: { 'NoUppercaseOrSpecialCharsLike=Equals': 'bar' } }, {}) },
  {
    name: 'TestValidateStatefulSet invalid_label 2',
    verdict: 'denied',
    obj: asts({ labels: { 'NoUppercaseOrSpecialCharsLike=Equals': 'bar' } }, {
      selector: undefined,
      template: { metadata: { labels: { 'NoUppercaseOrSpecialCharsLike=Equals': 'b' } }, spec: { containers: undefined } },
    }),
  },
  { name: 'TestValidateStatefulSet invalid_annotation', verdict: 'denied', rule: R('metadata'), obj: asts({ annotations: { 'NoUppercaseOrSpecialCharsLike=Equals': 'bar' } }, {}) },
  {
    name: 'TestValidateStatefulSet invalid restart policy 1 (OnFailure)',
    verdict: 'denied',
    rule: R('restart-policy-always'),
    obj: asts({}, { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'ctr', image: 'image', imagePullPolicy: 'IfNotPresent' }] } } }),
  },
  {
    name: 'TestValidateStatefulSet invalid restart policy 2 (Never)',
    verdict: 'denied',
    rule: R('restart-policy-always'),
    obj: asts({}, { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'ctr', image: 'image', imagePullPolicy: 'IfNotPresent' }] } } }),
  },
  { name: 'TestValidateStatefulSet invalid update strategy (foo)', verdict: 'denied', rule: R('update-strategy-type'), obj: asts({}, { replicas: 3, updateStrategy: { type: 'foo' } }) },
  { name: 'TestValidateStatefulSet empty update strategy', verdict: 'denied', skip: 'the mutating webhook defaults an empty type to RollingUpdate before validation (next case)', obj: {} },
  { name: 'TestValidateStatefulSet empty update strategy, on the CREATE path (defaulted)', verdict: 'allowed', obj: asts({}, { replicas: 3, updateStrategy: { type: '' } }) },
  {
    name: 'TestValidateStatefulSet invalid rolling update (OnDelete with a partition)',
    verdict: 'denied',
    rule: R('on-delete-without-rolling-update'),
    obj: asts({}, { replicas: 3, updateStrategy: { type: 'OnDelete', rollingUpdate: { partition: 1 } } }),
  },
  {
    name: 'TestValidateStatefulSet invalid rolling update 1 (OnDelete with maxUnavailable 120%)',
    verdict: 'denied',
    obj: asts({}, { replicas: 3, updateStrategy: { type: 'OnDelete', rollingUpdate: { maxUnavailable: '120%' } } }),
  },
  {
    name: 'TestValidateStatefulSet invalid rolling update 2 (OnDelete with podUpdatePolicy Unknown)',
    verdict: 'denied',
    obj: asts({}, { replicas: 3, updateStrategy: { type: 'OnDelete', rollingUpdate: { podUpdatePolicy: 'Unknown' } } }),
  },
  {
    name: 'TestValidateStatefulSet invalid rolling update 3 (OnDelete with podUpdatePolicy InPlaceIfPossible)',
    verdict: 'denied',
    obj: asts({}, { replicas: 3, updateStrategy: { type: 'OnDelete', rollingUpdate: { podUpdatePolicy: 'InPlaceIfPossible' } } }),
  },
  {
    name: 'TestValidateStatefulSet negative partition',
    verdict: 'denied',
    rule: R('partition-nonnegative'),
    obj: asts({}, { replicas: 3, updateStrategy: { rollingUpdate: { partition: -1, podUpdatePolicy: 'ReCreate', maxUnavailable: 1, minReadySeconds: 1 } } }),
  },
  {
    name: 'TestValidateStatefulSet negative minReadySeconds',
    verdict: 'denied',
    rule: R('min-ready-seconds'),
    obj: asts({}, { replicas: 3, updateStrategy: { rollingUpdate: { partition: -1, podUpdatePolicy: 'ReCreate', maxUnavailable: 1, minReadySeconds: -1 } } }),
  },
  {
    name: 'TestValidateStatefulSet too large minReadySeconds (301)',
    verdict: 'denied',
    rule: R('min-ready-seconds'),
    obj: asts({}, { replicas: 3, updateStrategy: { rollingUpdate: { partition: -1, podUpdatePolicy: 'ReCreate', maxUnavailable: 1, minReadySeconds: 301 } } }),
  },
  { name: 'TestValidateStatefulSet empty pod management policy', verdict: 'denied', skip: 'the mutating webhook defaults an empty policy to OrderedReady before validation (next case)', obj: {} },
  { name: 'TestValidateStatefulSet empty pod management policy, on the CREATE path (defaulted)', verdict: 'allowed', obj: asts({}, { replicas: 3, podManagementPolicy: '' }) },
  { name: 'TestValidateStatefulSet invalid pod management policy (foo)', verdict: 'denied', rule: R('pod-management-policy'), obj: asts({}, { replicas: 3, podManagementPolicy: 'foo' }) },
  {
    name: 'TestValidateStatefulSet set active deadline seconds',
    verdict: 'denied',
    rule: R('no-active-deadline-seconds'),
    obj: asts({}, { replicas: 3, podManagementPolicy: 'foo', template: { metadata: { labels: { foo: 'bar' } }, spec: { restartPolicy: 'OnFailure', activeDeadlineSeconds: 60, containers: undefined } } }),
  },

  { name: 'TestValidateStatefulSetUpdate success case 0', verdict: 'allowed', skip: UPDATE, obj: {} },
  {
    name: 'TestValidateStatefulSetUpdate success case 0, its new object on the CREATE path with a selector and Parallel pods, as scale maxUnavailable 2 needs (reserveOrdinals, preDelete hook, scale maxUnavailable, claim template, retention)',
    verdict: 'allowed',
    obj: {
      apiVersion: 'apps.kruise.io/v1beta1',
      kind: 'StatefulSet',
      metadata: { name: 'foo', namespace: 'bar' },
      spec: {
        replicas: 10,
        revisionHistoryLimit: 10,
        podManagementPolicy: 'Parallel',
        reserveOrdinals: [2],
        lifecycle: { preDelete: { finalizersHandler: ['foo/hello'] } },
        selector: { matchLabels: labels },
        template: merge(template, { spec: { containers: [{ name: 'abc', image: 'image:v2', imagePullPolicy: 'IfNotPresent' }] } }),
        volumeClaimTemplates: [{ metadata: { name: 'foo' }, spec: { storageClassName: 'foo/bar', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '60Gi' } } } }],
        scaleStrategy: { maxUnavailable: 2 },
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 10 } },
        persistentVolumeClaimRetentionPolicy: { whenScaled: 'Retain', whenDeleted: 'Retain' },
      },
    },
  },
  { name: 'TestValidateStatefulSetUpdate selector changed', verdict: 'denied', skip: UPDATE, obj: {} },
  { name: 'TestValidateStatefulSetUpdate serviceName changed', verdict: 'denied', skip: UPDATE, obj: {} },
  { name: 'TestValidateStatefulSetUpdate podManagementPolicy changed', verdict: 'denied', skip: UPDATE, obj: {} },
];

describe('Kruise 1.7 Advanced StatefulSet webhook test cases', () => {
  runUpstreamCases(cases);
});
