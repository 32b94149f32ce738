import { Chart, Testing } from 'cdk8s';
import { DeletionProtection, FeatureGate, Kruise, KruiseVersion } from '../../src';
import { formatUpgradeReport, installWarnings, upgradeReport } from '../../src/install/upgrade-report';

const V17 = KruiseVersion.V1_7;
const V18 = KruiseVersion.V1_8;

describe('upgrade report 1.7 -> 1.8', () => {
  const report = upgradeReport({}, V17, V18);

  test('the default install: exactly the 3 new ClusterRoles, the 5 changed CRDs, the image and the gate-default change', () => {
    expect(report.added).toEqual(['ClusterRole aggregate-kruise-view', 'ClusterRole aggregate-kruise-edit', 'ClusterRole aggregate-kruise-admin']);
    expect(report.removed).toEqual([]);
    expect(report.changed.map(c => c.object).sort()).toEqual([
      'CustomResourceDefinition clonesets.apps.kruise.io',
      'CustomResourceDefinition sidecarsets.apps.kruise.io',
      'CustomResourceDefinition statefulsets.apps.kruise.io',
      'CustomResourceDefinition uniteddeployments.apps.kruise.io',
      'CustomResourceDefinition workloadspreads.apps.kruise.io',
      'DaemonSet kruise-system/kruise-daemon',
      'Deployment kruise-system/kruise-controller-manager',
    ]);
    expect(report.image).toEqual({ before: 'openkruise/kruise-manager:v1.7.5', after: 'openkruise/kruise-manager:v1.8.3' });
    const deploy = report.changed.find(c => c.object.startsWith('Deployment'))!;
    expect(deploy.changes).toEqual([{ path: 'spec.template.spec.containers[manager].image', kind: 'changed', before: 'openkruise/kruise-manager:v1.7.5', after: 'openkruise/kruise-manager:v1.8.3' }]);
    expect(report.gates.map(g => [g.gate, g.before, g.after])).toEqual([['ResourcesDeletionProtection', true, false]]);
    expect(report.gates[0].reason).toMatch(/default changed \(on in 1.7, off in 1.8\)/);
  });

  test('each CRD change by field path', () => {
    const paths = (crd: string) => report.changed.find(c => c.object === `CustomResourceDefinition ${crd}`)!.changes.map(c => `${c.kind} ${c.path}`);
    expect(paths('workloadspreads.apps.kruise.io')).toEqual(['added spec.versions[v1alpha1] .spec.targetFilter']);
    expect(paths('statefulsets.apps.kruise.io')).toEqual(expect.arrayContaining([
      'added spec.versions[v1beta1] .spec.volumeClaimUpdateStrategy',
      'added spec.versions[v1beta1] .status.volumeClaims',
      'added spec.versions[v1beta1] .spec.reserveOrdinals[] (x-kubernetes-int-or-string)',
    ]));
    expect(paths('statefulsets.apps.kruise.io').some(p => p.includes('v1alpha1'))).toBe(false);
    expect(paths('uniteddeployments.apps.kruise.io')).toEqual(expect.arrayContaining([
      'added spec.versions[v1alpha1] .spec.topology.scheduleStrategy',
      'added spec.versions[v1alpha1] .status.subsetStatuses',
    ]));
    expect(paths('sidecarsets.apps.kruise.io')).toEqual(expect.arrayContaining([
      'added spec.versions[v1alpha1] .spec.injectionStrategy.revision.policy (enum)',
      'added spec.versions[v1alpha1] .spec.injectionStrategy.revision.policy (default)',
    ]));
    // 1.8 adds the UPDATED_AVAILABLE column, and its field description gains a note on in-place vertical scaling
    expect(paths('clonesets.apps.kruise.io')).toEqual([
      'added spec.versions[v1alpha1].additionalPrinterColumns[UPDATED_AVAILABLE]',
      'changed spec.versions[v1alpha1] .status.updatedAvailableReplicas (description)',
    ]);
  });

  test('the text lists the same findings', () => {
    const text = formatUpgradeReport(report);
    expect(text).toMatch(/^Upgrade report: Kruise 1.7 \(chart 1.7.5\) -> 1.8 \(chart 1.8.3\)/);
    expect(text).toContain('Image: openkruise/kruise-manager:v1.7.5 -> openkruise/kruise-manager:v1.8.3');
    expect(text).toContain('Objects added (3):\n  + ClusterRole aggregate-kruise-view\n');
    expect(text).toContain('Objects removed (0): none');
    expect(text).toContain('Objects changed (7):');
    expect(text).toMatch(/Behaviour changes from gate defaults the values do not set \(1\):\n {2}! ResourcesDeletionProtection: on -> off; .*add ResourcesDeletionProtection=true to featureGates/);
  });

  test('a gate set explicitly is no behaviour change', () => {
    const r = upgradeReport({ featureGates: 'ImagePullJobGate=true,ResourcesDeletionProtection=true' }, V17, V18);
    expect(r.gates).toEqual([]);
  });

  test('AllAlpha: the gates that became BETA and are off by default in 1.8 are reported', () => {
    const r = upgradeReport({ featureGates: 'AllAlpha=true' }, V17, V18);
    expect(r.gates.map(g => [g.gate, g.reason])).toEqual([
      ['ResourcesDeletionProtection', 'it moved from ALPHA to BETA, so AllAlpha no longer sets it'],
      ['DeletionProtectionForCRDCascadingGate', 'a Kruise rule forces it (another gate changed)'],
    ]);
    // AllAlpha turns the four new ALPHA gates on, but they do not exist in 1.7: no change reported for them.
    expect(r.gates.some(g => g.gate === 'StatefulSetAutoResizePVCGate')).toBe(false);
  });

  test('a 1.8-only gate in the values: left out of the 1.7 side, its effects reported', () => {
    const r = upgradeReport({ featureGates: 'ImagePullJobGate=true,StatefulSetAutoResizePVCGate=true' }, V17, V18);
    expect(r.droppedFromOld).toEqual(['StatefulSetAutoResizePVCGate']);
    const role = r.changed.find(c => c.object === 'ClusterRole kruise-manager-role')!;
    expect(role.changes).toEqual([{ path: 'rules[+]', kind: 'added', after: { apiGroups: ['storage.k8s.io'], resources: ['storageclasses'], verbs: ['get', 'list', 'watch'] } }]);
    expect(formatUpgradeReport(r)).toContain('(gates new in 1.8 left out of the 1.7 side: StatefulSetAutoResizePVCGate)');
  });

  test('no report for the same version or a downgrade', () => {
    expect(() => upgradeReport({}, V18, V18)).toThrow(/is the version being rendered/);
    expect(() => upgradeReport({}, V18, V17)).toThrow(/newer than --kruise-version 1.7/);
  });
});

describe('synth warning for a changed default the install relies on', () => {
  const warnings = (props: ConstructorParameters<typeof Kruise>[2]) => {
    const chart = new Chart(Testing.app(), 'w');
    return installWarnings(new Kruise(chart, 'kruise', props));
  };

  test('a 1.8 install that leaves ResourcesDeletionProtection to its default gets one', () => {
    const w = warnings({ version: V18 });
    expect(w).toHaveLength(1);
    expect(w[0]).toMatch(/^w\/kruise: Kruise 1.8 turns the ResourcesDeletionProtection gate off by default \(on in 1.7\), and featureGates do not set it, so deletion protection is off/);
    expect(w[0]).toContain('FeatureGate.RESOURCES_DELETION_PROTECTION.enable()');
  });

  test('none for 1.7, none when the gate is set, none when deletion protection asks for it', () => {
    expect(warnings({})).toEqual([]);
    const off = [FeatureGate.IMAGE_PULL_JOB.enable(), FeatureGate.RESOURCES_DELETION_PROTECTION.disable()];
    expect(warnings({ version: V18, featureGates: off })).toEqual([]);
    expect(warnings({ version: V18, deletionProtection: { namespace: DeletionProtection.ALWAYS } })).toEqual([]);
    expect(warnings({ version: V18, featureGates: [FeatureGate.ALL_BETA.enable()] })).toEqual([]);
  });

  test('fromHelmValues with 1.8 defaults warns too', () => {
    const chart = new Chart(Testing.app(), 'h');
    expect(installWarnings(Kruise.fromHelmValues(chart, 'kruise', {}, { version: V18 }))).toHaveLength(1);
  });
});
