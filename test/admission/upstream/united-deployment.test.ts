/**
 * The cases of Kruise's release-1.7 UnitedDeployment webhook test
 * (pkg/webhook/uniteddeployment/validating/uniteddeployment_validation_test.go:
 * TestValidateUnitedDeployment, TestValidateUnitedDeploymentUpdate, and Test,
 * the subset capacity cases of validateSubsetReplicas), as plain objects on
 * the CREATE path.
 */
import { runUpstreamCases, UpstreamCase } from './cases';

const labels = { a: 'b' };
const podTemplate = (ctr: Record<string, unknown> = { terminationMessagePolicy: 'File' }, tLabels: Record<string, string> | undefined = labels) => ({
  metadata: tLabels === undefined ? {} : { labels: tLabels },
  spec: { restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', containers: [{ name: 'abc', image: 'image', imagePullPolicy: 'IfNotPresent', ...ctr }] },
});
const sts = (tpl: any = podTemplate()) => ({ statefulSetTemplate: { metadata: { labels }, spec: { template: tpl } } });
const asts = () => ({ advancedStatefulSetTemplate: { metadata: { labels }, spec: { template: podTemplate() } } });
const deploy = (meta: any = { labels }, tpl: any = podTemplate()) => ({ deploymentTemplate: { metadata: meta, spec: { template: tpl } } });

function ud(spec: Record<string, unknown>): any {
  return {
    apiVersion: 'apps.kruise.io/v1alpha1',
    kind: 'UnitedDeployment',
    metadata: { name: 'abc', namespace: 'default' },
    spec: { selector: { matchLabels: labels }, revisionHistoryLimit: 10, ...spec },
  };
}
const subsets = (...s: any[]) => ({ subsets: s });
const T = 'TestValidateUnitedDeployment';
const zone = (v: string[]) => ({ matchExpressions: [{ key: 'domain', operator: 'In', values: v }] });

const capacity: Array<[string, number, number[], number[], boolean]> = [
  ['sum_all_min_replicas == replicas', 10, [2, 2, 2, 2, 2], [5, 5, 5, 5, -1], false],
  ['sum_all_min_replicas < replicas', 14, [2, 2, 2, 2, 2], [5, 5, 5, 5, -1], false],
  ['sum_all_min_replicas > replicas', 5, [2, 2, 2, 2, 2], [5, 5, 5, 5, -1], false],
  ['min_replicas > max_replicas', 5, [2, 2, 2, 6, 2], [5, 5, 5, 5, -1], true],
  ['all_max_replicas != nil', 5, [2, 2, 2, 2, 2], [5, 5, 5, 5, 5], true],
];

const cases: UpstreamCase[] = [
  { name: `${T} success case 0 (no replicas, subsets of 1 and 1)`, verdict: 'allowed', obj: ud({ template: sts(), topology: subsets({ name: 'subset1', replicas: 1 }, { name: 'subset2', replicas: 1 }) }) },
  { name: `${T} success case 1 (replicas 10, no topology)`, verdict: 'allowed', obj: ud({ replicas: 10, template: sts() }) },
  { name: `${T} success case 2 (one subset without replicas)`, verdict: 'allowed', obj: ud({ replicas: 10, template: sts(), topology: subsets({ name: 'subset' }) }) },
  { name: `${T} success case 3 (subsets of 1 and unset)`, verdict: 'allowed', obj: ud({ replicas: 10, template: sts(), topology: subsets({ name: 'subset1', replicas: 1 }, { name: 'subset2' }) }) },
  { name: `${T} success case 4 (subsets of 1 and 90%)`, verdict: 'allowed', obj: ud({ replicas: 10, template: sts(), topology: subsets({ name: 'subset1', replicas: 1 }, { name: 'subset2', replicas: '90%' }) }) },
  { name: `${T} success case 5 (subsets of 71% and 29%)`, verdict: 'allowed', obj: ud({ replicas: 10, template: sts(), topology: subsets({ name: 'subset1', replicas: '71%' }, { name: 'subset2', replicas: '29%' }) }) },
  { name: `${T} success case 6 (deployment template)`, verdict: 'allowed', obj: ud({ replicas: 10, template: deploy() }) },

  {
    name: `${T} no pod template label`,
    verdict: 'denied',
    obj: ud({ replicas: 10, template: { statefulSetTemplate: { spec: { template: podTemplate({}, undefined) } } } }),
  },
  { name: `${T} deployment no pod template label`, verdict: 'denied', obj: ud({ replicas: 10, template: deploy({}, podTemplate({}, undefined)) }) },
  { name: `${T} no subset template`, verdict: 'denied', obj: ud({ replicas: 10, template: {} }) },
  { name: `${T} no subset name`, verdict: 'denied', obj: ud({ replicas: 10, template: sts(), topology: subsets({}) }) },
  {
    name: `${T} invalid subset nodeSelectorTerm (Exists with values)`,
    verdict: 'denied',
    obj: ud({ replicas: 10, template: sts(), topology: subsets({ name: 'subset', nodeSelectorTerm: { matchExpressions: [{ key: 'key', operator: 'Exists', values: ['unexpected'] }] } }) }),
  },
  { name: `${T} subset replicas is not enough (1 of 10)`, verdict: 'denied', obj: ud({ replicas: 10, template: sts(), topology: subsets({ name: 'subset1', replicas: 1 }) }) },
  { name: `${T} subset replicas is too small (1 and 71% of 10)`, verdict: 'denied', obj: ud({ replicas: 10, template: sts(), topology: subsets({ name: 'subset1', replicas: 1 }, { name: 'subset2', replicas: '71%' }) }) },
  { name: `${T} subset replicas is too much (71% and 90%)`, verdict: 'denied', obj: ud({ replicas: 10, template: sts(), topology: subsets({ name: 'subset1', replicas: '71%' }, { name: 'subset2', replicas: '90%' }) }) },
  { name: `${T} deployment subset replicas is too much`, verdict: 'denied', obj: ud({ replicas: 10, template: deploy(), topology: subsets({ name: 'subset1', replicas: '71%' }, { name: 'subset2', replicas: '90%' }) }) },
  {
    name: `${T} subset replicas type is percent when spec replicas not set`,
    verdict: 'denied',
    obj: ud({ template: sts(), topology: subsets({ name: 'subset1', replicas: '90%' }, { name: 'subset2', replicas: 1 }) }),
  },
  {
    name: `${T} partition not exist`,
    verdict: 'denied',
    obj: ud({ replicas: 10, template: sts(), updateStrategy: { manualUpdate: { partitions: { notExist: 1 } } }, topology: subsets({ name: 'subset1', replicas: '71%' }, { name: 'subset2', replicas: '90%' }) }),
  },
  { name: `${T} duplicated templates`, verdict: 'denied', obj: ud({ replicas: 10, template: { ...sts(), ...asts() } }) },
  { name: `${T} triple duplicated templates`, verdict: 'denied', obj: ud({ replicas: 10, template: { ...sts(), ...asts(), ...deploy() } }) },
  { name: `${T} deployment duplicated templates`, verdict: 'denied', obj: ud({ replicas: 10, template: { ...sts(), ...deploy() } }) },
  { name: `${T} deployment no pod template termination policy (and no template labels)`, verdict: 'denied', obj: ud({ replicas: 10, template: deploy({}, podTemplate({})) }) },
  { name: `${T} a deployment pod template without termination policy, with labels (defaulted)`, verdict: 'allowed', obj: ud({ replicas: 10, template: deploy({ labels }, podTemplate({})) }) },

  { name: 'TestValidateUnitedDeploymentUpdate success cases 0-2', verdict: 'allowed', skip: 'UPDATE cases (subsets added or removed)', obj: {} },
  {
    name: 'TestValidateUnitedDeploymentUpdate success case 0, its new object on the CREATE path (two zone subsets, a template without message policy)',
    verdict: 'allowed',
    obj: ud({ replicas: 10, template: sts(podTemplate({})), topology: subsets({ name: 'subset-a', nodeSelectorTerm: zone(['a']) }, { name: 'subset-b', nodeSelectorTerm: zone(['b']) }) }),
  },
  { name: 'TestValidateUnitedDeploymentUpdate subset nodeSelector changed', verdict: 'denied', skip: 'an UPDATE case (a subset\'s nodeSelectorTerm changed)', obj: {} },

  ...capacity.map(([title, replicas, mins, maxes, error]): UpstreamCase => ({
    name: `Test (validateSubsetReplicas) ${title}`,
    verdict: error ? 'denied' : 'allowed',
    obj: ud({
      replicas,
      template: sts(),
      topology: subsets(...mins.map((min, i) => ({ name: `subset-${i}`, minReplicas: min, ...(maxes[i] === -1 ? {} : { maxReplicas: maxes[i] }) }))),
    }),
  })),
];

describe('Kruise 1.7 UnitedDeployment webhook test cases', () => {
  runUpstreamCases(cases);
});
