import { Chart, Testing } from 'cdk8s';
import { ExistingKruise, FeatureGate, Kruise, ResolvedFeatureGates } from '../../src';
import { daemonContainer, managerContainer, synthKruise, synthValues } from '../util/install';

const flagOf = (args: string[]) => args.find(a => a.startsWith('--feature-gates='));

describe('Kruise feature gates', () => {
  test('default: the chart\'s ImagePullJobGate=true, resolved with Kruise\'s defaults', () => {
    const r = synthKruise();
    expect(r.kruise.featureGates).toBeInstanceOf(ResolvedFeatureGates);
    expect(r.kruise.featureGates.flag).toBe('ImagePullJobGate=true');
    expect(r.kruise.isEnabled(FeatureGate.IMAGE_PULL_JOB)).toBe(true);
    expect(r.kruise.isEnabled(FeatureGate.KRUISE_DAEMON)).toBe(true);
    expect(r.kruise.isEnabled(FeatureGate.POD_WEBHOOK)).toBe(true);
    expect(r.kruise.isEnabled(FeatureGate.ENABLE_EXTERNAL_CERTS)).toBe(false);
    expect(flagOf(managerContainer(r).args)).toBe('--feature-gates=ImagePullJobGate=true');
    expect(flagOf(daemonContainer(r).args)).toBe('--feature-gates=ImagePullJobGate=true');
  });

  test('the list replaces the default, in the given order, in manager and daemon', () => {
    const r = synthKruise({ featureGates: [FeatureGate.STATEFUL_SET_START_ORDINAL.enable(), FeatureGate.SIDECAR_TERMINATOR.enable()] });
    expect(flagOf(managerContainer(r).args)).toBe('--feature-gates=StatefulSetStartOrdinal=true,SidecarTerminator=true');
    expect(flagOf(daemonContainer(r).args)).toBe('--feature-gates=StatefulSetStartOrdinal=true,SidecarTerminator=true');
    expect(r.kruise.isEnabled(FeatureGate.IMAGE_PULL_JOB)).toBe(false);
    expect(r.kruise.isEnabled(FeatureGate.STATEFUL_SET_START_ORDINAL)).toBe(true);
    expect(synthKruise({ featureGates: [] }).kruise.featureGates.flag).toBe('');
    expect(flagOf(managerContainer(synthKruise({ featureGates: [] })).args)).toBe('--feature-gates=');
  });

  test('isEnabled answers after Kruise\'s rules (forced on and forced off)', () => {
    const on = synthKruise({ featureGates: [FeatureGate.PRE_DOWNLOAD_IMAGE_FOR_IN_PLACE_UPDATE.enable()] }).kruise;
    expect(on.isEnabled(FeatureGate.IMAGE_PULL_JOB)).toBe(true);
    const off = synthKruise({ featureGates: [FeatureGate.KRUISE_DAEMON.disable()] }).kruise;
    expect(off.isEnabled(FeatureGate.DAEMON_WATCHING_POD)).toBe(false);
    expect(off.isEnabled(FeatureGate.POD_PROBE_MARKER)).toBe(false);
    expect(off.featureGates.forcedOff).toContain('\'PodProbeMarkerGate\' is off because \'KruiseDaemon\' is disabled');
  });

  test('enabling a gate its parent forces off is an error naming both and the fix', () => {
    expect(() => synthKruise({ featureGates: [FeatureGate.KRUISE_DAEMON.disable(), FeatureGate.IMAGE_PULL_JOB.enable()] }))
      .toThrow('test/kruise: featureGates: feature gate \'ImagePullJobGate\' is enabled, but \'KruiseDaemon\' is disabled and Kruise then forces \'ImagePullJobGate\' off; enable \'KruiseDaemon\' or stop enabling \'ImagePullJobGate\'');
    expect(() => synthKruise({ featureGates: [FeatureGate.POD_WEBHOOK.disable(), FeatureGate.WORKLOAD_SPREAD.enable()] }))
      .toThrow(/'WorkloadSpread' is enabled, but 'PodWebhook' is disabled/);
    expect(() => synthKruise({ featureGates: [FeatureGate.IMAGE_PULL_JOB.enable(), FeatureGate.IMAGE_PULL_JOB.disable()] }))
      .toThrow(/'ImagePullJobGate' is set both to true and to false; set it once/);
  });

  test('howToEnable names the constant and the chart value', () => {
    const k = synthKruise().kruise;
    expect(k.howToEnable(FeatureGate.RESOURCE_DISTRIBUTION)).toBe('add FeatureGate.RESOURCE_DISTRIBUTION.enable() to the featureGates of the Kruise install at test/kruise (chart value featureGates: \'...,ResourceDistributionGate=true\')');
  });

  test('meta gates: typed installs follow resolution; chart values follow the chart\'s string tests', () => {
    // AllBeta=false turns KruiseDaemon off in kruise-manager, so the typed install drops the daemon...
    const typed = synthKruise({ featureGates: [FeatureGate.ALL_BETA.disable()] });
    expect(typed.kruise.isEnabled(FeatureGate.KRUISE_DAEMON)).toBe(false);
    expect(typed.all('DaemonSet')).toEqual([]);
    expect(typed.all('MutatingWebhookConfiguration')[0].webhooks.map((w: any) => w.name)).not.toContain('mpod.kb.io');
    // ...while the chart only tests for "KruiseDaemon=false"/"PodWebhook=false" in the string and keeps both.
    const chart = synthValues({ featureGates: 'AllBeta=false' });
    expect(chart.all('DaemonSet')).toHaveLength(1);
    expect(chart.all('MutatingWebhookConfiguration')[0].webhooks.map((w: any) => w.name)).toContain('mpod.kb.io');
    // AllAlpha=true enables EnableExternalCerts; both the chart and the typed install then drop the Secret.
    expect(synthValues({ featureGates: 'AllAlpha=true' }).all('Secret')).toEqual([]);
    expect(synthKruise({ featureGates: [FeatureGate.ALL_ALPHA.enable()] }).all('Secret')).toEqual([]);
  });

  test('Kruise.fromExisting declares an install managed elsewhere and emits nothing', () => {
    const chart = new Chart(Testing.app(), 'ext');
    const existing = Kruise.fromExisting(chart, 'kruise', { featureGates: [FeatureGate.RESOURCE_DISTRIBUTION.enable()] });
    expect(existing).toBeInstanceOf(ExistingKruise);
    expect(existing.isEnabled(FeatureGate.RESOURCE_DISTRIBUTION)).toBe(true);
    expect(Testing.synth(chart)).toEqual([]);
  });
});
