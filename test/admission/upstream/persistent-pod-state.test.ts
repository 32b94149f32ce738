/**
 * The cases of Kruise's release-1.7 PersistentPodState webhook test
 * (pkg/webhook/persistentpodstate/validating/persistent_validating_test.go:
 * TestValidatingPer, TestPerConflictWithOthers, TestValidatingUpdatePer), as
 * plain objects on the CREATE path; the test's cluster objects are peers.
 */
import { merge, runUpstreamCases, UpstreamCase } from './cases';

const R = 'PersistentPodState';
const demo = {
  apiVersion: 'apps.kruise.io/v1alpha1',
  kind: 'PersistentPodState',
  metadata: { namespace: 'default', name: 'per-test' },
  spec: {
    targetRef: { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'statefulset-test' },
    requiredPersistentTopology: { nodeTopologyKeys: ['topology.kubernetes.io/zone'] },
    preferredPersistentTopology: [{ weight: 100, preference: { nodeTopologyKeys: ['kubernetes.io/hostname'] } }],
  },
};
const pps = (patch: any) => merge(demo, patch);
const other = (name: string, target: string, namespace = 'default') => pps({ metadata: { name, namespace }, spec: { targetRef: { name: target } } });
const withPeers = (peers: any[]) => ({ version: '1.7', peers });


const cases: UpstreamCase[] = [
  { name: 'TestValidatingPer valid per, TargetReference', verdict: 'allowed', obj: pps({}) },
  { name: 'TestValidatingPer invalid per, TargetReference are nil', verdict: 'denied', obj: pps({ spec: { targetRef: { apiVersion: undefined, kind: undefined, name: undefined } } }) },
  {
    name: 'TestValidatingPer invalid per, targetRef Deployment',
    verdict: 'denied',
    rule: `${R}/target-ref-kind`,
    warnBecause: 'Kruise admits it when its PPS_Watch_Custom_Workload_WhiteList configuration lists Deployment',
    obj: pps({ spec: { targetRef: { kind: 'Deployment', name: 'test' } } }),
  },
  {
    name: 'TestValidatingPer invalid per, TopologyConstraint and TopologyPreference are nil',
    verdict: 'denied',
    obj: pps({ spec: { requiredPersistentTopology: undefined, preferredPersistentTopology: undefined } }),
  },
  {
    name: 'TestPerConflictWithOthers no conflict with other pers, and TargetReference',
    verdict: 'allowed',
    obj: pps({}),
    ctx: withPeers([other('pps1', 'statefulset-test1'), other('pps2', 'statefulset-test2')]),
  },
  {
    name: 'TestPerConflictWithOthers invalid conflict with other pers, and TargetReference',
    verdict: 'denied',
    obj: pps({}),
    ctx: withPeers([other('pps1', 'statefulset-test'), other('pps2', 'statefulset-test2')]),
  },
  {
    name: 'TestPerConflictWithOthers no conflict with other pers, and Selector, other namespace',
    verdict: 'allowed',
    obj: pps({}),
    ctx: withPeers([other('pps1', 'statefulset-test', 'pps1')]),
  },
  { name: 'TestValidatingUpdatePer valid per, targetRef not changed', verdict: 'allowed', skip: 'an UPDATE case (old object given)', obj: {} },
  { name: 'TestValidatingUpdatePer invalid per, targetRef changed', verdict: 'denied', skip: 'an UPDATE case (targetRef is immutable)', obj: {} },
];

describe(`Kruise 1.7 ${R} webhook test cases`, () => {
  runUpstreamCases(cases);
});
