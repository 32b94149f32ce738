/**
 * The cases of Kruise's release-1.7 ResourceDistribution webhook test
 * (pkg/webhook/resourcedistribution/validating/resourcedistribution_validating_test.go),
 * as plain objects on the CREATE path. The test's namespaces and secrets are
 * cluster state; the cases here do not depend on them (no conflicts).
 */
import { merge, runUpstreamCases, UpstreamCase } from './cases';

const secret = { apiVersion: 'v1', data: { test: 'test' }, kind: 'Secret', metadata: { name: 'test-secret-1' }, type: 'Opaque' };
const configMap = {
  apiVersion: 'v1',
  data: {
    'game.properties': 'enemy.types=aliens,monsters\nplayer.maximum-lives=5\n',
    'player_initial_lives': '3',
    'ui_properties_file_name': 'user-interface.properties',
    'user-interface.properties': 'color.good=purple\ncolor.bad=yellow\nallow.textmode=true\n',
  },
  kind: 'ConfigMap',
  metadata: { name: 'game-demo' },
};
function rd(resource: unknown, targets: any = {}): any {
  const base = {
    excludedNamespaces: { list: [{ name: 'ns-3' }] },
    includedNamespaces: { list: [{ name: 'ns-1' }, { name: 'ns-2' }] },
    namespaceLabelSelector: { matchLabels: { environment: 'develop' } },
  };
  const spec: any = { targets: merge(base, targets) };
  if (resource !== undefined) spec.resource = resource;
  return { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'ResourceDistribution', metadata: { name: 'test-resource-distribution' }, spec };
}

const cases: UpstreamCase[] = [
  { name: 'TestResourceDistributionCreateValidation (a Secret)', verdict: 'allowed', obj: rd(secret) },
  { name: 'TestResourceDistributionCreateValidation (a ConfigMap)', verdict: 'allowed', obj: rd(configMap) },
  { name: 'TestResourceDistributionCreateValidationWithEmptyResource', verdict: 'denied', obj: rd(undefined) },
  { name: 'TestResourceDistributionCreateValidationWithWrongResource (not an object)', verdict: 'denied', obj: rd('something is wrong....!#@$#@$%@^^&#%$&') },
  { name: 'TestResourceDistributionUpdateValidation', verdict: 'allowed', skip: 'an UPDATE case (old object given)', obj: {} },
  {
    name: 'TestResourceDistributionUpdateValidation, its new object on the CREATE path (ns-4 added)',
    verdict: 'allowed',
    obj: rd(secret, { includedNamespaces: { list: [{ name: 'ns-1' }, { name: 'ns-2' }, { name: 'ns-4' }] } }),
  },
  {
    name: 'TestValidateResourceDistributionTargets (ns-1 included and excluded, an empty name, a bad selector key)',
    verdict: 'denied',
    paths: ['spec.targets.includedNamespaces.list[3].name', 'spec.targets', 'spec.targets.namespaceLabelSelector.matchLabels["$#%$%"]'],
    obj: rd(secret, {
      excludedNamespaces: { list: [{ name: 'ns-1' }] },
      includedNamespaces: { list: [{ name: 'ns-1' }, { name: 'ns-2' }, { name: 'kube-system' }, { name: '' }] },
      namespaceLabelSelector: { matchLabels: { '$#%$%': '#@$@#$' } },
    }),
  },
  {
    name: 'TestValidateResourceDistributionTargets, its allowed part (kube-system included)',
    verdict: 'allowed',
    obj: rd(secret, { includedNamespaces: { list: [{ name: 'ns-1' }, { name: 'ns-2' }, { name: 'kube-system' }] } }),
  },
  { name: 'TestResourceDistributionUpdateConflict', verdict: 'denied', skip: 'an UPDATE case (the resource changed against the old object)', obj: {} },
];

describe('Kruise 1.7 ResourceDistribution webhook test cases', () => {
  runUpstreamCases(cases);
});
