import * as fs from 'fs';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { ExistingKruise, FeatureGate, FeatureGateStage, Kruise, KruiseCrds, KruiseVersion, ResolvedFeatureGates } from '../../src';
import { managerContainer, synthKruise, synthValues } from '../util/install';
import { referenceDirFor } from '../util/reference';

const V17 = KruiseVersion.V1_7;
const V18 = KruiseVersion.V1_8;

describe('KruiseVersion', () => {
  test('1.7 and 1.8, with chart and image', () => {
    expect(KruiseVersion.of('1.8')).toBe(V18);
    expect([V18.version, V18.chartVersion, V18.imageTag]).toEqual(['1.8', '1.8.3', 'v1.8.3']);
    expect(KruiseVersion.all()).toEqual([V17, V18]);
    expect(V18.atLeast(V17)).toBe(true);
    expect(V17.atLeast(V18)).toBe(false);
    expect(() => KruiseVersion.of('1.9')).toThrow(/'1.9' is not supported .*supported: 1.7, 1.8/);
  });

  test('1.7 stays the default everywhere', () => {
    const r = synthKruise();
    expect(r.kruise.version).toBe(V17);
    expect(r.kruise.featureGates.version).toBe(V17);
    expect(managerContainer(r).image).toBe('openkruise/kruise-manager:v1.7.5');
    expect(r.all('ClusterRole').map(o => o.metadata.name)).not.toContain('aggregate-kruise-view');
  });
});

/** The gates of a version's reference feature-gates.json. */
function referenceGates(line: string): { gates: Array<{ name: string; default: boolean; stage: string }>; dependencies: any } | undefined {
  const dir = referenceDirFor(line);
  return dir ? JSON.parse(fs.readFileSync(path.join(dir, 'feature-gates.json'), 'utf8')) : undefined;
}

describe.each([[V17, 28], [V18, 32]])('feature gates of Kruise %s', (version, count) => {
  const ref = referenceGates(version.version);

  test(`${count} gates with upstream's defaults and stages, in upstream order`, () => {
    const gates = FeatureGate.all(version);
    expect(gates).toHaveLength(count);
    if (!ref) return;
    expect(gates.map(g => ({ name: g.name, default: g.defaultIn(version), stage: g.stageIn(version) })))
      .toEqual(ref.gates.map(g => ({ name: g.name, default: g.default, stage: g.stage })));
  });

  test('the forcing rules equal upstream\'s', () => {
    if (!ref) return;
    for (const [parent, children] of Object.entries<string[]>(ref.dependencies.forcedOffWhenDisabled)) {
      const r = ResolvedFeatureGates.resolve([FeatureGate.of(parent).disable(), FeatureGate.ALL_ALPHA.enable(), FeatureGate.ALL_BETA.enable()], 'test', version);
      const off = FeatureGate.all(version).filter(g => g.name !== parent && !r.isEnabled(g)).map(g => g.name);
      expect(off.sort()).toEqual([...children].sort());
    }
    for (const [parent, children] of Object.entries<string[]>(ref.dependencies.forcedOnWhenEnabled)) {
      const r = ResolvedFeatureGates.resolve([FeatureGate.of(parent).enable()], 'test', version);
      for (const child of children) expect(r.isEnabled(FeatureGate.of(child))).toBe(true);
    }
  });
});

describe('gate differences between 1.7 and 1.8', () => {
  test('ResourcesDeletionProtection: on in 1.7, off in 1.8; its CRD cascading gate then forced off', () => {
    expect(ResolvedFeatureGates.resolve([], 'x', V17).isEnabled(FeatureGate.RESOURCES_DELETION_PROTECTION)).toBe(true);
    const r = ResolvedFeatureGates.resolve([], 'x', V18);
    expect(r.isEnabled(FeatureGate.RESOURCES_DELETION_PROTECTION)).toBe(false);
    expect(() => ResolvedFeatureGates.resolve([FeatureGate.DELETION_PROTECTION_FOR_CRD_CASCADING.enable()], 'x', V18))
      .toThrow(/'DeletionProtectionForCRDCascadingGate' is enabled, but 'ResourcesDeletionProtection' is disabled/);
    expect(FeatureGate.RESOURCES_DELETION_PROTECTION.defaultEnabled).toBe(true); // the constant keeps 1.7's data
    expect(FeatureGate.RESOURCES_DELETION_PROTECTION.stageIn(V18)).toBe(FeatureGateStage.BETA);
  });

  test('AllAlpha no longer switches the six gates that became BETA', () => {
    const on = (version: KruiseVersion, enabled: boolean) => ResolvedFeatureGates.resolve([enabled ? FeatureGate.ALL_ALPHA.enable() : FeatureGate.ALL_ALPHA.disable()], 'x', version);
    // AllAlpha=false turns ALPHA gates off: in 1.7 WorkloadSpread was ALPHA, in 1.8 it is BETA.
    expect(on(V17, false).isEnabled(FeatureGate.WORKLOAD_SPREAD)).toBe(false);
    expect(on(V18, false).isEnabled(FeatureGate.WORKLOAD_SPREAD)).toBe(true);
    // AllAlpha=true: ResourcesDeletionProtection is BETA and off in 1.8, so it stays off.
    expect(on(V18, true).isEnabled(FeatureGate.RESOURCES_DELETION_PROTECTION)).toBe(false);
    expect(on(V18, true).isEnabled(FeatureGate.STATEFUL_SET_AUTO_RESIZE_PVC)).toBe(true);
    const beta = ResolvedFeatureGates.resolve([FeatureGate.ALL_BETA.enable()], 'x', V18);
    expect(beta.isEnabled(FeatureGate.RESOURCES_DELETION_PROTECTION)).toBe(true);
  });

  test('PodWebhook off forces EnablePodProbeMarkerOnServerless off in 1.8', () => {
    expect(() => ResolvedFeatureGates.resolve([FeatureGate.POD_WEBHOOK.disable(), FeatureGate.ENABLE_POD_PROBE_MARKER_ON_SERVERLESS.enable()], 'x', V18))
      .toThrow(/'EnablePodProbeMarkerOnServerless' is enabled, but 'PodWebhook' is disabled/);
  });

  test('a 1.8 gate under a 1.7 install is an error naming both versions', () => {
    const message = /feature gate 'StatefulSetAutoResizePVCGate' is not a gate of Kruise 1.7: it is a gate of Kruise 1.8; use KruiseVersion.V1_8 or drop the gate/;
    expect(() => synthKruise({ featureGates: [FeatureGate.STATEFUL_SET_AUTO_RESIZE_PVC.enable()] })).toThrow(message);
    expect(() => synthKruise({ featureGates: [FeatureGate.STATEFUL_SET_AUTO_RESIZE_PVC.enable()] })).toThrow(/^test\/kruise: featureGates: /);
    expect(() => synthValues({ featureGates: 'StatefulSetAutoResizePVCGate=true' })).toThrow(message);
    expect(() => new ExistingKruise(new Chart(Testing.app(), 'e'), 'k', { featureGates: [FeatureGate.IN_PLACE_WORKLOAD_VERTICAL_SCALING.enable()] }))
      .toThrow(/'InPlaceWorkloadVerticalScaling' is not a gate of Kruise 1.7: it is a gate of Kruise 1.8/);
    expect(() => FeatureGate.STATEFUL_SET_AUTO_RESIZE_PVC.defaultIn(V17)).toThrow(/not a gate of Kruise 1.7/);
    expect(FeatureGate.STATEFUL_SET_AUTO_RESIZE_PVC.since).toBe(V18);
    expect(FeatureGate.STATEFUL_SET_AUTO_RESIZE_PVC.isIn(V17)).toBe(false);
    expect(FeatureGate.custom('SomethingNew').isIn(V17)).toBe(true);
    expect(() => FeatureGate.custom('StatefulSetAutoResizePVCGate')).toThrow(/Kruise 1.8 has this gate/);
    expect(() => FeatureGate.custom('allAlpha')).toThrow(/FeatureGate.custom\('allAlpha'\): Kruise has this gate as 'AllAlpha'/);
  });

  test('fromExisting takes the version and resolves its gates', () => {
    const e = Kruise.fromExisting(new Chart(Testing.app(), 'e'), 'k', { version: V18 });
    expect(e.version).toBe(V18);
    expect(e.isEnabled(FeatureGate.RESOURCES_DELETION_PROTECTION)).toBe(false);
  });
});

describe('the 1.8 install', () => {
  test('image v1.8.3, the 3 aggregate ClusterRoles, 17 CRDs of 1.8', () => {
    const r = synthKruise({ version: V18 });
    expect(managerContainer(r).image).toBe('openkruise/kruise-manager:v1.8.3');
    const roles = r.all('ClusterRole').map(o => o.metadata.name);
    expect(roles).toEqual(expect.arrayContaining(['aggregate-kruise-view', 'aggregate-kruise-edit', 'aggregate-kruise-admin']));
    expect(r.one('ClusterRole', 'aggregate-kruise-view').metadata.labels).toEqual({ 'rbac.authorization.k8s.io/aggregate-to-view': 'true' });
    expect(r.kruise.rbac.aggregateRoles).toHaveLength(3);
    expect(r.kruise.crds!.version).toBe(V18);
    const ud = r.all('CustomResourceDefinition').find(c => c.metadata.name === 'uniteddeployments.apps.kruise.io');
    expect(ud.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.topology.properties.scheduleStrategy).toBeDefined();
  });

  const storageRule = (r: ReturnType<typeof synthKruise>) => r.one('ClusterRole', 'kruise-manager-role').rules
    .filter((x: any) => x.resources.includes('storageclasses'));

  test('kruise-manager reads StorageClasses while StatefulSetAutoResizePVCGate is on', () => {
    expect(storageRule(synthKruise({ version: V18 }))).toEqual([]);
    const on = synthKruise({ version: V18, featureGates: [FeatureGate.STATEFUL_SET_AUTO_RESIZE_PVC.enable()] });
    expect(storageRule(on)).toEqual([{ apiGroups: ['storage.k8s.io'], resources: ['storageclasses'], verbs: ['get', 'list', 'watch'] }]);
    // Typed: the resolved gate counts (AllAlpha turns it on, and the webhook then reads StorageClasses).
    expect(storageRule(synthKruise({ version: V18, featureGates: [FeatureGate.ALL_ALPHA.enable()] }))).toHaveLength(1);
    // Chart values: the chart's literal text test, as helm renders it.
    expect(storageRule(synthValues({ featureGates: 'AllAlpha=true' }, { version: V18 }))).toEqual([]);
    expect(storageRule(synthValues({ featureGates: 'StatefulSetAutoResizePVCGate=true' }, { version: V18 }))).toHaveLength(1);
  });

  test('fromHelmValues with version 1.8 takes chart 1.8.3\'s defaults', () => {
    const r = synthValues({}, { version: V18 });
    expect(r.kruise.version).toBe(V18);
    expect(managerContainer(r).image).toBe('openkruise/kruise-manager:v1.8.3');
  });

  test('a chart never mixes the CRDs of two versions', () => {
    const chart = new Chart(Testing.app(), 'mix');
    new KruiseCrds(chart, 'a', { version: V17 });
    expect(() => new KruiseCrds(chart, 'b', { version: V18 })).toThrow(/already has the .* CRD of Kruise 1.7/);
  });
});
