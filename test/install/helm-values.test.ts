import { FeatureGate } from '../../src';
import { daemonContainer, managerContainer, synthValues } from '../util/install';

describe('Kruise.fromHelmValues: chart 1.7.5 values', () => {
  test('{} and undefined give the chart defaults', () => {
    expect(synthValues({}).manifests).toEqual(synthValues(undefined).manifests);
    expect(synthValues({}).manifests.length).toBe(39);
  });

  test('unknown keys name the dotted key and suggest the right one', () => {
    expect(() => synthValues({ manager: { replicass: 3 } })).toThrow("values: manager.replicass 3: is not a key of the chart's values; did you mean 'manager.replicas'?");
    expect(() => synthValues({ featureGate: 'A=true' })).toThrow('values: featureGate "A=true": is not a key of the chart\'s values; did you mean \'featureGates\'?');
    expect(() => synthValues({ replicas: 3 })).toThrow("values: replicas 3: is not a key of the chart's values; did you mean 'manager.replicas'?");
    expect(() => synthValues({ daemon: { credentialProvider: { enabled: true } } })).toThrow("values: daemon.credentialProvider.enabled true: is not a key of the chart's values; did you mean 'daemon.credentialProvider.enable'?");
    expect(() => synthValues({ installation: { zzzzzzzzzz: 1 } })).toThrow("values: installation.zzzzzzzzzz 1: is not a key of the chart's values; use one of the keys under 'installation': namespace, createNamespace, roleListGroups");
  });

  test('wrong types name the key, the value and the fix', () => {
    expect(() => synthValues({ manager: { replicas: '3' } })).toThrow('values: manager.replicas "3": is a string; use a whole number, e.g. manager.replicas: 2');
    expect(() => synthValues({ installation: { createNamespace: 'false' } })).toThrow('values: installation.createNamespace "false": is a string; use true or false (unquoted), e.g. installation.createNamespace: true');
    expect(() => synthValues({ manager: { image: { tag: 1.7 } } })).toThrow(/values: manager.image.tag 1.7: is a number; use a string \(quote numbers, e.g. "1.7"\)/);
    expect(() => synthValues({ featureGates: ['ImagePullJobGate=true'] })).toThrow(/values: featureGates \["ImagePullJobGate=true"\]: is a list; use a string/);
    expect(() => synthValues({ manager: 3 })).toThrow(/values: manager 3: is not a map; set the keys under 'manager'/);
    expect(() => synthValues({ imagePullSecrets: ['regcred'] })).toThrow('values: imagePullSecrets[0] "regcred": is not a Secret reference; write each entry as {name: <secret name>}, e.g. imagePullSecrets: [{name: regcred}]');
    expect(() => synthValues({ manager: { nodeSelector: { zone: 1 } } })).toThrow('values: manager.nodeSelector.zone 1: is a number; quote it: zone: "1"');
    expect(() => synthValues({ webhookConfiguration: { timeoutSeconds: 0 } })).toThrow('values: webhookConfiguration.timeoutSeconds 0: is out of range; the API server takes 1 to 30 seconds, e.g. 30');
    expect(() => synthValues({ manager: { webhook: { port: 0 } } })).toThrow('values: manager.webhook.port 0: is not a port number; use 1 to 65535');
    expect(() => synthValues({ manager: { resyncPeriod: '1 hour' } })).toThrow(/values: manager.resyncPeriod "1 hour": is a string; use a Go duration such as "0", "30s", "1h"/);
    expect(() => synthValues('replicas: 2')).toThrow('values: must be a map of chart values, got a string; pass {} for the chart\'s defaults');
    expect(() => synthValues({ manager: { replicas: null } })).toThrow(/values: manager.replicas null: is null, which removes the chart default and renders an empty value; set a value or remove 'manager.replicas' to keep the default 2/);
    expect(() => synthValues({ manager: { log: null } })).toThrow(/values: manager.log null: is null, which removes the whole section/);
  });

  test('feature gate strings: unknown gates and contradictions are errors at key featureGates', () => {
    expect(() => synthValues({ featureGates: 'ImagePullJob=true' })).toThrow('values: featureGates: unknown feature gate \'ImagePullJob\'; did you mean \'ImagePullJobGate\'?');
    expect(() => synthValues({ featureGates: 'ImagePullJobGate=yes' })).toThrow('values: featureGates: feature gate \'ImagePullJobGate\' has value \'yes\'; use true or false');
    expect(() => synthValues({ featureGates: 'KruiseDaemon=false,ImagePullJobGate=true' })).toThrow(/^values: featureGates: feature gate 'ImagePullJobGate' is enabled, but 'KruiseDaemon' is disabled/);
  });

  test('the feature gate string reaches the flags verbatim', () => {
    const r = synthValues({ featureGates: 'ImagePullJobGate=true, SidecarTerminator=true' });
    expect(managerContainer(r).args).toContain('--feature-gates=ImagePullJobGate=true, SidecarTerminator=true');
    expect(r.kruise.isEnabled(FeatureGate.SIDECAR_TERMINATOR)).toBe(true);
  });

  test('maps merge with the chart defaults like helm; null removes a default', () => {
    const r = synthValues({ manager: { resources: { limits: { cpu: '1' } } } });
    expect(managerContainer(r).resources).toEqual({ limits: { cpu: '1', memory: '512Mi' }, requests: { cpu: '100m', memory: '256Mi' } });
    const noRequests = synthValues({ daemon: { resources: { requests: null } } });
    expect(daemonContainer(noRequests).resources).toEqual({ limits: { cpu: '50m', memory: '128Mi' } });
    expect(synthValues({ daemon: { affinity: null } }).one('DaemonSet').spec.template.spec.affinity).toBeUndefined();
    // an empty map merges into the default, so the default affinity stays (helm behaves the same)
    expect(synthValues({ daemon: { affinity: {} } }).one('DaemonSet').spec.template.spec.affinity).toBeDefined();
    // lists replace
    expect(synthValues({ installation: { roleListGroups: ['apps'] } }).one('ClusterRole', 'kruise-manager-role').rules[1].apiGroups).toEqual(['apps']);
  });

  test('numbers in resources keep their type, as toYaml keeps them', () => {
    expect(managerContainer(synthValues({ manager: { resources: { limits: { cpu: 1 } } } })).resources.limits.cpu).toBe(1);
  });

  test('resyncPeriod reaches --sync-period verbatim', () => {
    expect(managerContainer(synthValues({ manager: { resyncPeriod: '1h30m' } })).args).toContain('--sync-period=1h30m');
    expect(managerContainer(synthValues({ manager: { resyncPeriod: 0 } })).args).toContain('--sync-period=0');
  });

  test('keys the 1.7.5 templates ignore are accepted and change nothing', () => {
    const base = synthValues({}).manifests;
    expect(synthValues({ manager: { pprofAddr: 'localhost:1' }, daemon: { log: { level: '1' } }, helmHooks: { image: { repository: 'x/y', tag: 'v9' } } }).manifests).toEqual(base);
  });

  test('kubeVersion option: 1.26 drops matchLabelKeys', () => {
    const spread = synthValues({}, { kubeVersion: '1.26' }).one('Deployment').spec.template.spec.topologySpreadConstraints[0];
    expect(spread.matchLabelKeys).toBeUndefined();
  });

  test('credential provider values map onto the daemon', () => {
    const r = synthValues({ daemon: { credentialProvider: { enable: true } } });
    const vols = r.one('DaemonSet').spec.template.spec.volumes;
    expect(vols.map((v: any) => v.name)).toEqual(['runtime-socket', 'credential-provider-plugin-config', 'credential-provider-plugin']);
    expect(vols[2].hostPath.path).toBe('credential-provider-plugin'); // the chart's default, verbatim
    expect(() => synthValues({ daemon: { credentialProvider: { enable: true, configmap: 'Bad Name' } } })).toThrow(/values: daemon.credentialProvider.configmap "Bad Name": is not a ConfigMap name/);
  });
});
