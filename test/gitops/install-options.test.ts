import { Chart, Duration, Testing } from 'cdk8s';
import {
  DaemonConfigNamespace, DeletionProtection, FeatureGate, ImagePullPolicy, IntOrPercent, Kruise, KruiseProps,
  KruiseWebhooks, PodSecurityLevel, WebhookFailurePolicy,
} from '../../src';
import { synthKruise } from '../util/install';
import { schemaCheck } from '../util/models';

const mwc = (r: ReturnType<typeof synthKruise>) => r.one('MutatingWebhookConfiguration', 'kruise-mutating-webhook-configuration');
const vwc = (r: ReturnType<typeof synthKruise>) => r.one('ValidatingWebhookConfiguration', 'kruise-validating-webhook-configuration');
const hook = (r: ReturnType<typeof synthKruise>, name: string) => [...mwc(r).webhooks, ...vwc(r).webhooks].find((w: any) => w.name === name);
const POD_HOOKS = ['mpod.kb.io', 'vpod.kb.io', 'vpodeviction.kb.io'];

/** Every option of this issue at once (the daemon on, so PSA privileged). */
const ALL_OPTIONS: KruiseProps = {
  webhookFailurePolicies: { 'mpod.kb.io': WebhookFailurePolicy.IGNORE, 'vcustomresourcedefinition.kb.io': WebhookFailurePolicy.FAIL },
  podWebhook: {
    excludeNamespaces: ['monitoring', 'istio-system'],
    namespaceSelectorExpressions: [{ key: 'tenant', operator: 'NotIn', values: ['legacy'] }],
    objectSelectorExpressions: [{ key: 'kruise.io/skip-webhook', operator: 'DoesNotExist' }],
  },
  image: { pullPolicy: ImagePullPolicy.IF_NOT_PRESENT },
  manager: {
    priorityClassName: 'system-cluster-critical',
    podDisruptionBudget: { maxUnavailable: IntOrPercent.count(1) },
    serviceMonitor: { labels: { release: 'kube-prometheus-stack' }, interval: Duration.seconds(30) },
  },
  daemon: { priorityClassName: 'system-node-critical' },
  podSecurityLevel: PodSecurityLevel.PRIVILEGED,
  deletionProtection: { namespace: DeletionProtection.CASCADING, crds: DeletionProtection.CASCADING },
};

describe('no new option set: the output does not change', () => {
  test('explicitly undefined new props equal no props', () => {
    const plain = synthKruise().manifests;
    const undef = synthKruise({
      webhookFailurePolicies: undefined,
      podWebhook: undefined,
      daemonConfigNamespace: undefined,
      podSecurityLevel: undefined,
      deletionProtection: undefined,
      crdsScope: undefined,
      manager: { priorityClassName: undefined, podDisruptionBudget: undefined, metricsService: undefined, serviceMonitor: undefined },
      daemon: { priorityClassName: undefined },
    }).manifests;
    expect(undef).toEqual(plain);
  });

  test('empty option structs change nothing either', () => {
    expect(synthKruise({ podWebhook: {}, webhookFailurePolicies: {}, deletionProtection: {} }).manifests).toEqual(synthKruise().manifests);
  });
});

describe('webhook failurePolicy per webhook', () => {
  test('set by name; the others keep the chart\'s', () => {
    const r = synthKruise({ webhookFailurePolicies: { 'mpod.kb.io': WebhookFailurePolicy.IGNORE, 'vcustomresourcedefinition.kb.io': WebhookFailurePolicy.FAIL } });
    expect(hook(r, 'mpod.kb.io').failurePolicy).toBe('Ignore');
    expect(hook(r, 'vcustomresourcedefinition.kb.io').failurePolicy).toBe('Fail');
    expect(hook(r, 'vpod.kb.io').failurePolicy).toBe('Fail');
    expect(hook(r, 'vnamespace.kb.io').failurePolicy).toBe('Ignore');
    expect(r.kruise.webhooks.failurePolicyOf(KruiseWebhooks.MUTATING_POD)).toBe(WebhookFailurePolicy.IGNORE);
    expect(r.kruise.webhooks.failurePolicyOf('vnamespace.kb.io')).toBe(WebhookFailurePolicy.IGNORE);
    expect(r.kruise.webhooks.failurePolicyOf('nope')).toBeUndefined();
  });

  test('setFailurePolicy() after construction reaches the output; the last call wins', () => {
    const chart = new Chart(Testing.app(), 't');
    const k = new Kruise(chart, 'kruise', { webhookFailurePolicies: { 'vpod.kb.io': WebhookFailurePolicy.IGNORE } });
    k.webhooks.setFailurePolicy(KruiseWebhooks.VALIDATING_POD, WebhookFailurePolicy.FAIL);
    k.webhooks.setFailurePolicy(KruiseWebhooks.VALIDATING_POD_EVICTION, WebhookFailurePolicy.IGNORE);
    const v = Testing.synth(chart).find(m => m.kind === 'ValidatingWebhookConfiguration');
    expect(v.webhooks.find((w: any) => w.name === 'vpod.kb.io').failurePolicy).toBe('Fail');
    expect(v.webhooks.find((w: any) => w.name === 'vpodeviction.kb.io').failurePolicy).toBe('Ignore');
  });

  test('unknown names throw with the path, the key, a suggestion and the list', () => {
    expect(() => synthKruise({ webhookFailurePolicies: { 'mpods.kb.io': WebhookFailurePolicy.IGNORE } }))
      .toThrow(/^test\/kruise: webhookFailurePolicies\['mpods\.kb\.io'\] "Ignore": this install has no webhook named 'mpods\.kb\.io'; did you mean 'mpod\.kb\.io'\? use one of mpod\.kb\.io, /);
  });

  test('a pod webhook while PodWebhook is off: says why', () => {
    expect(() => synthKruise({ featureGates: [FeatureGate.POD_WEBHOOK.disable()], webhookFailurePolicies: { 'mpod.kb.io': WebhookFailurePolicy.IGNORE } }))
      .toThrow(/webhook 'mpod\.kb\.io' is not emitted: the PodWebhook feature gate is off/);
  });

  test('a bad policy value throws', () => {
    expect(() => synthKruise({ webhookFailurePolicies: { 'mpod.kb.io': 'Sometimes' as any } })).toThrow(/"Sometimes": not a failure policy; use WebhookFailurePolicy\.FAIL or WebhookFailurePolicy\.IGNORE/);
    const k = synthKruise().kruise;
    expect(() => k.webhooks.setFailurePolicy('x.kb.io', WebhookFailurePolicy.FAIL)).toThrow(/setFailurePolicy\('x\.kb\.io'\) "Fail": this install has no webhook named 'x\.kb\.io'/);
  });

  test('allWebhookNames lists the 36 known webhooks', () => {
    expect(KruiseWebhooks.allWebhookNames()).toHaveLength(36);
    expect(synthKruise().kruise.webhooks.webhookNames).toEqual(KruiseWebhooks.allWebhookNames());
  });
});

describe('pod webhook selectors', () => {
  test('excluded namespaces join kube-system in the NotIn expression of the three pod webhooks only', () => {
    const r = synthKruise({ podWebhook: { excludeNamespaces: ['monitoring', 'kube-system', 'monitoring', 'istio-system'] } });
    for (const name of POD_HOOKS) {
      expect(hook(r, name).namespaceSelector.matchExpressions).toEqual([
        { key: 'control-plane', operator: 'NotIn', values: ['openkruise'] },
        { key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system', 'monitoring', 'istio-system'] },
      ]);
    }
    expect(hook(r, 'vnamespace.kb.io').namespaceSelector.matchExpressions).toEqual([{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system'] }]);
    expect(hook(r, 'mcloneset.kb.io').namespaceSelector).toBeUndefined();
  });

  test('namespace expressions are ANDed after the chart\'s; object expressions become an objectSelector', () => {
    const r = synthKruise({
      podWebhook: {
        namespaceSelectorExpressions: [{ key: 'tenant', operator: 'In', values: ['a', 'b'] }, { key: 'sandbox', operator: 'DoesNotExist' }],
        objectSelectorExpressions: [{ key: 'kruise.io/skip-webhook', operator: 'DoesNotExist' }, { key: 'tier', operator: 'NotIn', values: ['system'] }],
      },
    });
    for (const name of POD_HOOKS) {
      const w = hook(r, name);
      expect(w.namespaceSelector.matchExpressions.slice(2)).toEqual([{ key: 'tenant', operator: 'In', values: ['a', 'b'] }, { key: 'sandbox', operator: 'DoesNotExist' }]);
      expect(w.objectSelector).toEqual({ matchExpressions: [{ key: 'kruise.io/skip-webhook', operator: 'DoesNotExist' }, { key: 'tier', operator: 'NotIn', values: ['system'] }] });
    }
    expect(hook(r, 'vbuiltindeployment.kb.io').objectSelector).toEqual({ matchExpressions: [{ key: 'policy.kruise.io/delete-protection', operator: 'Exists' }] });
  });

  test('bad input names the field, the value and the fix', () => {
    expect(() => synthKruise({ podWebhook: { excludeNamespaces: ['Monitoring'] } })).toThrow(/podWebhook\.excludeNamespaces\[0\] "Monitoring": not a namespace name; use lowercase/);
    expect(() => synthKruise({ podWebhook: { objectSelectorExpressions: [{ key: 'team', operator: 'In', values: ['a'] }] } }))
      .toThrow(/podWebhook\.objectSelectorExpressions\[0\]\.operator "In": an objectSelector of the pod webhooks may only exclude pods.*; use NotIn or DoesNotExist/);
    expect(() => synthKruise({ podWebhook: { namespaceSelectorExpressions: [{ key: 'team', operator: 'Equals' }] } })).toThrow(/operator "Equals": not a label selector operator; use In or NotIn or Exists or DoesNotExist/);
    expect(() => synthKruise({ podWebhook: { namespaceSelectorExpressions: [{ key: 'team', operator: 'NotIn' }] } })).toThrow(/values \(unset\): NotIn needs at least one value/);
    expect(() => synthKruise({ podWebhook: { namespaceSelectorExpressions: [{ key: 'team', operator: 'Exists', values: ['x'] }] } })).toThrow(/values \["x"\]: Exists takes no values; drop values/);
    expect(() => synthKruise({ podWebhook: { namespaceSelectorExpressions: [{ key: 'a/b/c', operator: 'Exists' }] } })).toThrow(/\.key "a\/b\/c": not a label key/);
    expect(() => synthKruise({ podWebhook: { namespaceSelectorExpressions: [{ key: 'a', operator: 'In', values: ['bad value'] }] } })).toThrow(/values "bad value": not a label value/);
  });

  test('label keys follow Kubernetes\' qualified-name rule: a prefix part may be longer than 63 characters (the API server accepts it)', () => {
    const key = `${'a'.repeat(70)}.example.com/tier`;
    const r = synthKruise({ podWebhook: { namespaceSelectorExpressions: [{ key, operator: 'Exists' }] } });
    expect(JSON.stringify(r.manifests)).toContain(key);
    expect(() => synthKruise({ podWebhook: { namespaceSelectorExpressions: [{ key: `${'a'.repeat(250)}.example.com/tier`, operator: 'Exists' }] } })).toThrow(/not a label key/);
  });
});

describe('priorityClassName, imagePullPolicy', () => {
  test('priorityClassName reaches the manager and daemon pod specs', () => {
    const r = synthKruise({ manager: { priorityClassName: 'system-cluster-critical' }, daemon: { priorityClassName: 'system-node-critical' } });
    expect(r.one('Deployment').spec.template.spec.priorityClassName).toBe('system-cluster-critical');
    expect(r.one('DaemonSet').spec.template.spec.priorityClassName).toBe('system-node-critical');
    expect(synthKruise().one('Deployment').spec.template.spec.priorityClassName).toBeUndefined();
  });

  test('a bad priorityClassName throws naming the construct', () => {
    expect(() => synthKruise({ manager: { priorityClassName: 'High_Prio' } })).toThrow(/^test\/kruise\/Manager: priorityClassName "High_Prio": not a PriorityClass name; use lowercase/);
    expect(() => synthKruise({ daemon: { priorityClassName: '' } })).toThrow(/^test\/kruise\/Daemon: priorityClassName "": not a PriorityClass name/);
  });

  test('image.pullPolicy sets imagePullPolicy of both containers (default Always, as the chart)', () => {
    const r = synthKruise({ image: { pullPolicy: ImagePullPolicy.IF_NOT_PRESENT } });
    expect(r.one('Deployment').spec.template.spec.containers[0].imagePullPolicy).toBe('IfNotPresent');
    expect(r.one('DaemonSet').spec.template.spec.containers[0].imagePullPolicy).toBe('IfNotPresent');
    expect(synthKruise().one('Deployment').spec.template.spec.containers[0].imagePullPolicy).toBe('Always');
  });
});

describe('kruise-daemon-config namespace', () => {
  test('CREATE is the default: namespace, Role and RoleBinding', () => {
    const r = synthKruise({ daemonConfigNamespace: DaemonConfigNamespace.CREATE });
    expect(r.manifests).toEqual(synthKruise().manifests);
    expect(r.kruise.daemonConfigNamespaceObject).toBeDefined();
  });

  test('EXISTING: Role and RoleBinding only', () => {
    const r = synthKruise({ daemonConfigNamespace: DaemonConfigNamespace.EXISTING });
    expect(r.all('Namespace').map(n => n.metadata.name)).toEqual(['kruise-system']);
    expect(r.one('Role', 'kruise-daemon-secret-role').metadata.namespace).toBe('kruise-daemon-config');
    expect(r.all('RoleBinding').map(x => x.metadata.name)).toContain('kruise-daemon-secret-rolebinding');
    expect(r.kruise.daemonConfigNamespaceObject).toBeUndefined();
  });

  test('NONE with ImagePullJobGate off: no namespace, Role or RoleBinding in it', () => {
    const r = synthKruise({ featureGates: [FeatureGate.IMAGE_PULL_JOB.disable()], daemonConfigNamespace: DaemonConfigNamespace.NONE });
    expect(r.manifests.filter(m => m.metadata.name === 'kruise-daemon-config' || m.metadata.namespace === 'kruise-daemon-config')).toEqual([]);
    expect(r.all('Role').map(x => x.metadata.name)).toEqual(['kruise-leader-election-role', 'kruise-webhook-role']);
    expect(r.all('RoleBinding').map(x => x.metadata.name)).toEqual(['kruise-leader-election-rolebinding', 'kruise-webhook-rolebinding']);
  });

  test('NONE with the daemon off is allowed (ImagePullJobGate is forced off)', () => {
    const r = synthKruise({ featureGates: [FeatureGate.KRUISE_DAEMON.disable()], daemonConfigNamespace: DaemonConfigNamespace.NONE });
    expect(r.all('Namespace').map(n => n.metadata.name)).toEqual(['kruise-system']);
  });

  test('NONE while ImagePullJobGate is on throws, naming the gate and the fix', () => {
    expect(() => synthKruise({ daemonConfigNamespace: DaemonConfigNamespace.NONE }))
      .toThrow(/^test\/kruise: daemonConfigNamespace "NONE": the ImagePullJobGate gate is on, and kruise-manager copies ImagePullJob pull secrets into kruise-daemon-config .*; turn it off with FeatureGate\.IMAGE_PULL_JOB\.disable\(\)/);
    expect(() => synthKruise({
      featureGates: [FeatureGate.PRE_DOWNLOAD_IMAGE_FOR_IN_PLACE_UPDATE.enable()],
      daemonConfigNamespace: DaemonConfigNamespace.NONE,
    }))
      .toThrow(/ImagePullJobGate gate is on \('ImagePullJobGate' is on because 'PreDownloadImageForInPlaceUpdate' is enabled\)/);
  });

  test('the removed createDaemonConfigNamespace prop is rejected as unknown', () => {
    expect(() => synthKruise(JSON.parse('{"createDaemonConfigNamespace": false}'))).toThrow(/^test\/kruise: createDaemonConfigNamespace false: is not a prop here/);
  });
});

describe('Pod Security admission labels', () => {
  test('privileged: enforce, audit and warn on the Kruise namespace, next to control-plane', () => {
    const r = synthKruise({ podSecurityLevel: PodSecurityLevel.PRIVILEGED });
    expect(r.one('Namespace', 'kruise-system').metadata.labels).toEqual({
      'control-plane': 'openkruise',
      'pod-security.kubernetes.io/enforce': 'privileged',
      'pod-security.kubernetes.io/audit': 'privileged',
      'pod-security.kubernetes.io/warn': 'privileged',
    });
    expect(r.one('Namespace', 'kruise-daemon-config').metadata.labels).toBeUndefined();
  });

  test('baseline is allowed without the daemon and host network', () => {
    const r = synthKruise({ featureGates: [FeatureGate.KRUISE_DAEMON.disable()], podSecurityLevel: PodSecurityLevel.BASELINE });
    expect(r.one('Namespace', 'kruise-system').metadata.labels['pod-security.kubernetes.io/enforce']).toBe('baseline');
  });

  test('baseline with the daemon or a host-network manager, restricted, or no namespace: errors say why', () => {
    expect(() => synthKruise({ podSecurityLevel: PodSecurityLevel.BASELINE })).toThrow(/podSecurityLevel "baseline": kruise-daemon uses the host network and a hostPath volume, which only the privileged level admits; use PodSecurityLevel\.PRIVILEGED/);
    expect(() => synthKruise({
      featureGates: [FeatureGate.KRUISE_DAEMON.disable()],
      manager: { hostNetwork: true },
      podSecurityLevel: PodSecurityLevel.BASELINE,
    }))
      .toThrow(/manager\.hostNetwork puts kruise-manager in the host network/);
    expect(() => synthKruise({ featureGates: [FeatureGate.KRUISE_DAEMON.disable()], podSecurityLevel: PodSecurityLevel.RESTRICTED }))
      .toThrow(/podSecurityLevel "restricted": kruise-manager does not meet the restricted standard .*; use PodSecurityLevel\.BASELINE/);
    expect(() => synthKruise({ createNamespace: false, podSecurityLevel: PodSecurityLevel.PRIVILEGED })).toThrow(/createNamespace is false, so this install does not emit the namespace to label; label the namespace yourself/);
  });
});

describe('manager PodDisruptionBudget', () => {
  test('default maxUnavailable 1, selecting the manager pods', () => {
    const r = synthKruise({ manager: { podDisruptionBudget: {} } });
    expect(r.one('PodDisruptionBudget')).toEqual({
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'kruise-controller-manager', namespace: 'kruise-system', labels: { 'control-plane': 'controller-manager' } },
      spec: { maxUnavailable: 1, selector: { matchLabels: { 'control-plane': 'controller-manager' } } },
    });
    expect(r.kruise.manager.podDisruptionBudget).toBeDefined();
  });

  test('minAvailable, percentages', () => {
    expect(synthKruise({ manager: { replicas: 3, podDisruptionBudget: { minAvailable: IntOrPercent.count(2) } } }).one('PodDisruptionBudget').spec.minAvailable).toBe(2);
    expect(synthKruise({ manager: { podDisruptionBudget: { maxUnavailable: IntOrPercent.percent(50) } } }).one('PodDisruptionBudget').spec.maxUnavailable).toBe('50%');
  });

  test('budgets that block every drain, or both fields, throw', () => {
    expect(() => synthKruise({ manager: { podDisruptionBudget: { minAvailable: IntOrPercent.count(2) } } }))
      .toThrow(/^test\/kruise\/Manager: podDisruptionBudget\.minAvailable 2: with 2 replica\(s\) no manager pod could ever be evicted, so node drains would hang; use at most 1/);
    expect(() => synthKruise({ manager: { podDisruptionBudget: { minAvailable: IntOrPercent.percent(100) } } })).toThrow(/minAvailable "100%"/);
    expect(() => synthKruise({ manager: { podDisruptionBudget: { maxUnavailable: IntOrPercent.count(0) } } })).toThrow(/maxUnavailable 0: no manager pod could ever be evicted/);
    expect(() => synthKruise({ manager: { podDisruptionBudget: { minAvailable: IntOrPercent.count(1), maxUnavailable: IntOrPercent.count(1) } } })).toThrow(/minAvailable and maxUnavailable are both set/);
  });
});

describe('metrics Service and ServiceMonitor', () => {
  test('metricsService alone: a Service on the metrics port', () => {
    const r = synthKruise({ manager: { metricsService: true, metricsPort: 9090 } });
    expect(r.one('Service', 'kruise-manager-metrics')).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'kruise-manager-metrics', namespace: 'kruise-system', labels: { 'control-plane': 'controller-manager', 'app.kubernetes.io/component': 'metrics' } },
      spec: { ports: [{ name: 'metrics', port: 9090, protocol: 'TCP', targetPort: 'metrics' }], selector: { 'control-plane': 'controller-manager' } },
    });
    expect(r.all('ServiceMonitor')).toEqual([]);
  });

  test('serviceMonitor: the Service plus a ServiceMonitor selecting it', () => {
    const r = synthKruise({ manager: { serviceMonitor: { labels: { release: 'prom' }, interval: Duration.minutes(1), namespace: 'monitoring' } } });
    expect(r.all('Service').map(s => s.metadata.name)).toEqual(['kruise-webhook-service', 'kruise-manager-metrics']);
    expect(r.one('ServiceMonitor')).toEqual({
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'ServiceMonitor',
      metadata: { name: 'kruise-manager', namespace: 'monitoring', labels: { release: 'prom' } },
      spec: {
        endpoints: [{ port: 'metrics', path: '/metrics', scheme: 'http', interval: '1m' }],
        namespaceSelector: { matchNames: ['kruise-system'] },
        selector: { matchLabels: { 'control-plane': 'controller-manager', 'app.kubernetes.io/component': 'metrics' } },
      },
    });
    expect(synthKruise({ manager: { serviceMonitor: {} } }).one('ServiceMonitor').spec.endpoints).toEqual([{ port: 'metrics', path: '/metrics', scheme: 'http' }]);
  });

  test('bad labels, namespace or interval throw', () => {
    expect(() => synthKruise({ manager: { serviceMonitor: { labels: { release: 'a b' } } } })).toThrow(/^test\/kruise\/Manager: serviceMonitor\.labels\['release'\] "a b":? .*label/);
    expect(() => synthKruise({ manager: { serviceMonitor: { namespace: 'Mon' } } })).toThrow(/serviceMonitor\.namespace "Mon": not a namespace name/);
    expect(() => synthKruise({ manager: { serviceMonitor: { interval: Duration.millis(1500) } } })).toThrow(/serviceMonitor\.interval "1 second 500 millis": not a whole number of seconds/);
  });
});

describe('deletion protection of the namespace and CRDs', () => {
  test('labels the Kruise namespace and all 17 CRDs; turns the gates on explicitly', () => {
    const r = synthKruise({ deletionProtection: { namespace: DeletionProtection.CASCADING, crds: DeletionProtection.CASCADING } });
    expect(r.one('Namespace', 'kruise-system').metadata.labels['policy.kruise.io/delete-protection']).toBe('Cascading');
    const crds = r.all('CustomResourceDefinition');
    expect(crds).toHaveLength(17);
    for (const c of crds) expect(c.metadata.labels).toEqual({ 'policy.kruise.io/delete-protection': 'Cascading' });
    expect(r.kruise.featureGates.flag).toBe('ImagePullJobGate=true,ResourcesDeletionProtection=true,DeletionProtectionForCRDCascadingGate=true');
    const args = r.one('Deployment').spec.template.spec.containers[0].args;
    expect(args).toContain('--feature-gates=ImagePullJobGate=true,ResourcesDeletionProtection=true,DeletionProtectionForCRDCascadingGate=true');
  });

  test('Always on CRDs needs only ResourcesDeletionProtection; explicit gates are not repeated', () => {
    const r = synthKruise({
      featureGates: [FeatureGate.RESOURCES_DELETION_PROTECTION.enable()],
      deletionProtection: { crds: DeletionProtection.ALWAYS },
    });
    expect(r.kruise.featureGates.flag).toBe('ResourcesDeletionProtection=true');
    expect(r.one('Namespace', 'kruise-system').metadata.labels['policy.kruise.io/delete-protection']).toBeUndefined();
  });

  test('gates turned off, or nothing to label: errors name the fix', () => {
    expect(() => synthKruise({
      featureGates: [FeatureGate.RESOURCES_DELETION_PROTECTION.disable()],
      deletionProtection: { namespace: DeletionProtection.ALWAYS },
    }))
      .toThrow(/^test\/kruise: featureGates "ResourcesDeletionProtection=false": deletionProtection needs the ResourcesDeletionProtection gate, .*; remove FeatureGate\.RESOURCES_DELETION_PROTECTION\.disable\(\) or drop deletionProtection/);
    expect(() => synthKruise({
      featureGates: [FeatureGate.DELETION_PROTECTION_FOR_CRD_CASCADING.disable()],
      deletionProtection: { crds: DeletionProtection.CASCADING },
    }))
      .toThrow(/deletionProtection\.crds: Cascading needs the DeletionProtectionForCRDCascadingGate gate, .*or for Cascading on a CRD rejects every deletion/);
    expect(() => synthKruise({ manageCrds: false, deletionProtection: { crds: DeletionProtection.ALWAYS } })).toThrow(/deletionProtection\.crds "Always": manageCrds is false/);
    expect(() => synthKruise({ createNamespace: false, deletionProtection: { namespace: DeletionProtection.ALWAYS } })).toThrow(/deletionProtection\.namespace "Always": createNamespace is false/);
    expect(() => synthKruise({ deletionProtection: { namespace: 'Never' as any } })).toThrow(/deletionProtection\.namespace "Never": not a deletion protection mode/);
  });
});

describe('crdsScope', () => {
  test('puts the CRDs in another chart; everything else stays', () => {
    const app = Testing.app();
    const crds = new Chart(app, 'crds');
    const op = new Chart(app, 'operator');
    const k = new Kruise(op, 'kruise', { crdsScope: crds });
    expect(Testing.synth(crds).map(m => m.kind)).toEqual(Array(17).fill('CustomResourceDefinition'));
    const rest = Testing.synth(op);
    expect(rest.filter(m => m.kind === 'CustomResourceDefinition')).toEqual([]);
    expect([...Testing.synth(crds), ...rest].length).toBe(synthKruise().manifests.length);
    expect(k.crds!.node.path).toBe('crds/kruise-crds');
    expect(() => new Kruise(new Chart(app, 'x'), 'k', { manageCrds: false, crdsScope: crds })).toThrow(/crdsScope "crds": manageCrds is false/);
  });
});

describe('schemas: every emitted core object and the ServiceMonitor validate, nothing pruned', () => {
  test('all options on', () => {
    const r = synthKruise(ALL_OPTIONS);
    const { problems, unchecked } = schemaCheck(r.manifests);
    expect(problems).toEqual([]);
    expect(unchecked).toEqual([]);
    expect(r.manifests.map(m => m.kind)).toEqual(expect.arrayContaining(['PodDisruptionBudget', 'ServiceMonitor']));
  });

  test('the checks are not no-ops: an unknown field and a wrong type are reported', () => {
    const r = synthKruise(ALL_OPTIONS);
    const broken = JSON.parse(JSON.stringify(r.manifests));
    broken.find((m: any) => m.kind === 'ServiceMonitor').spec.endpoints[0].scrapeEvery = '1m';
    broken.find((m: any) => m.kind === 'PodDisruptionBudget').spec.maxUnavailable = { n: 1 };
    const { problems } = schemaCheck(broken);
    expect(problems.some(p => p.startsWith('ServiceMonitor/kruise-manager') && p.includes('scrapeEvery'))).toBe(true);
    expect(problems.some(p => p.startsWith('PodDisruptionBudget/'))).toBe(true);
  });
});
