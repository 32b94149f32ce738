import { ApiObject, App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  AdvancedStatefulSet, ArgoCdProfile, BroadcastJob, CloneSet, Kruise, KruiseArgoCdApplication, KruiseArgoCdHealthChecks, KruiseCrds,
  KruiseManager, SidecarSet,
} from '../../src';
import { HEALTH_SCRIPTS } from '../../src/gitops/health-lua';
import { synthValid, validationErrors } from '../util/l2';
import { luaToJs, runHealth } from '../util/lua';
import { schemaCheck } from '../util/models';

const WAVE = 'argocd.argoproj.io/sync-wave';
const OPTIONS = 'argocd.argoproj.io/sync-options';
const nginx = { name: 'nginx', image: 'nginx:1.27' };

/** An install and three kinds of Kruise workloads, each in its own chart of one app. */
function app(): { app: App; infra: Chart; apps: Chart; kruise: Kruise } {
  const a = Testing.app();
  const infra = new Chart(a, 'infra');
  const kruise = new Kruise(infra, 'kruise');
  const apps = new Chart(a, 'apps');
  new CloneSet(apps, 'web', { containers: [nginx] });
  new AdvancedStatefulSet(apps, 'db', { containers: [nginx] });
  new SidecarSet(apps, 'log', { selector: kplus.LabelSelector.of({ labels: { app: 'web' } }), containers: [{ name: 'log', image: 'busybox:1.36' }] });
  new kplus.Deployment(apps, 'plain', { containers: [{ image: 'nginx:1.27', securityContext: { ensureNonRoot: false } }] });
  return { app: a, infra, apps, kruise };
}

const waveOf = (m: any) => m.metadata.annotations?.[WAVE];

describe('ArgoCdProfile: sync waves', () => {
  test('namespaces and CRDs -5, configuration -4, manager -3, daemon -2, Kruise workloads 0; plain objects untouched', () => {
    const { app: a, infra, apps } = app();
    const profile = ArgoCdProfile.applyTo(a);
    const install = Testing.synth(infra);
    const byWave = (w: string) => install.filter(m => waveOf(m) === w).map(m => `${m.kind}/${m.metadata.name}`);
    expect(byWave('-5')).toEqual([
      'Namespace/kruise-system', 'Namespace/kruise-daemon-config',
      ...install.filter(m => m.kind === 'CustomResourceDefinition').map(m => `CustomResourceDefinition/${m.metadata.name}`),
    ]);
    expect(byWave('-3')).toEqual(['Deployment/kruise-controller-manager']);
    expect(byWave('-2')).toEqual(['DaemonSet/kruise-daemon']);
    const config = byWave('-4');
    expect(config).toEqual(expect.arrayContaining([
      'ServiceAccount/kruise-manager', 'ClusterRole/kruise-manager-role', 'RoleBinding/kruise-daemon-secret-rolebinding', 'Secret/kruise-webhook-certs',
      'Service/kruise-webhook-service', 'MutatingWebhookConfiguration/kruise-mutating-webhook-configuration',
      'ValidatingWebhookConfiguration/kruise-validating-webhook-configuration',
    ]));
    expect(install.every(m => waveOf(m) !== undefined)).toBe(true);
    expect(install.length).toBe(config.length + 17 + 2 + 1 + 1);

    const workloads = synthValid(apps);
    const kinds = (w: string | undefined) => workloads.filter(m => waveOf(m) === w).map(m => m.kind);
    expect(kinds('0')).toEqual(['CloneSet', 'StatefulSet', 'SidecarSet']);
    expect(kinds(undefined)).toEqual(['Deployment']);
    expect(profile.annotatedCount).toBe(install.length + 3);
    expect(profile.syncWaves).toEqual({ namespaces: -5, crds: -5, configuration: -4, manager: -3, daemon: -2, workloads: 0 });
  });

  test('CRDs keep Prune=false,Delete=false; existing sync options are merged, not replaced', () => {
    const chart = new Chart(Testing.app(), 't');
    const k = new Kruise(chart, 'kruise');
    k.crds!.crdOf('CloneSet').metadata.addAnnotation(OPTIONS, 'ServerSideApply=true');
    ArgoCdProfile.applyTo(chart);
    const crds = Testing.synth(chart).filter(m => m.kind === 'CustomResourceDefinition');
    expect(crds.find(c => c.metadata.name === 'clonesets.apps.kruise.io').metadata.annotations[OPTIONS]).toBe('ServerSideApply=true,Prune=false,Delete=false');
    for (const c of crds.filter(x => x.metadata.name !== 'clonesets.apps.kruise.io')) expect(c.metadata.annotations[OPTIONS]).toBe('Prune=false,Delete=false');
    expect(Testing.synth(chart).filter(m => m.kind !== 'CustomResourceDefinition').every(m => m.metadata.annotations?.[OPTIONS] === undefined)).toBe(true);
  });

  test('keepCrds false, skipDryRunOnMissingResource, custom waves, an explicit wave is kept', () => {
    const { app: a, infra, apps } = app();
    const cs = apps.node.findChild('web') as CloneSet;
    ApiObject.of(cs).metadata.addAnnotation(WAVE, '7');
    ArgoCdProfile.applyTo(a, { keepCrds: false, skipDryRunOnMissingResource: true, syncWaves: { namespaces: -10, crds: -9, workloads: 5 } });
    const install = Testing.synth(infra);
    expect(install.filter(m => m.kind === 'CustomResourceDefinition').every(m => waveOf(m) === '-9' && m.metadata.annotations[OPTIONS] === undefined)).toBe(true);
    expect(install.filter(m => m.kind === 'Namespace').every(m => waveOf(m) === '-10')).toBe(true);
    const w = Testing.synth(apps);
    expect(w.filter(m => m.kind !== 'Deployment').map(m => [m.kind, waveOf(m), m.metadata.annotations[OPTIONS]])).toEqual([
      ['CloneSet', '7', 'SkipDryRunOnMissingResource=true'],
      ['StatefulSet', '5', 'SkipDryRunOnMissingResource=true'],
      ['SidecarSet', '5', 'SkipDryRunOnMissingResource=true'],
    ]);
  });

  test('works on one chart, on the install alone, and on standalone parts (KruiseCrds, KruiseManager)', () => {
    const chart = new Chart(Testing.app(), 't');
    new KruiseCrds(chart, 'crds');
    new KruiseManager(chart, 'mgr');
    ArgoCdProfile.applyTo(chart);
    const out = Testing.synth(chart);
    expect(out.filter(m => m.kind === 'CustomResourceDefinition').every(m => waveOf(m) === '-5')).toBe(true);
    expect(waveOf(out.find(m => m.kind === 'Deployment'))).toBe('-3');

    const { app: a, apps, kruise } = app();
    ArgoCdProfile.applyTo(kruise);
    expect(Testing.synth(apps).every(m => waveOf(m) === undefined)).toBe(true);
    expect(a).toBeDefined();
  });

  test('an unsound order throws, naming the wave, the rule and the fix', () => {
    const chart = new Chart(Testing.app(), 't');
    expect(() => ArgoCdProfile.applyTo(chart, { syncWaves: { manager: 1 } }))
      .toThrow(/^t: syncWaves\.daemon -2: must be no earlier than syncWaves\.manager \(1\): kruise-daemon works for kruise-manager; give daemon a wave >= 1/);
    expect(() => ArgoCdProfile.applyTo(chart, { syncWaves: { workloads: -3 } }))
      .toThrow(/syncWaves\.workloads -3: must be no earlier than syncWaves\.daemon \(-2\)/);
    expect(() => ArgoCdProfile.applyTo(chart, { syncWaves: { daemon: 0, workloads: 0, manager: 0 } }))
      .toThrow(/syncWaves\.workloads 0: must be after syncWaves\.manager \(0\): custom resources applied before kruise-manager serves its webhooks/);
    expect(() => ArgoCdProfile.applyTo(chart, { syncWaves: { crds: 0 } })).toThrow(/syncWaves\.configuration -4: must be no earlier than syncWaves\.crds \(0\): kruise-manager needs its CRDs/);
    expect(() => ArgoCdProfile.applyTo(chart, { syncWaves: { crds: 1.5 } })).toThrow(/syncWaves\.crds 1\.5: not a sync wave; use a whole number/);
  });

  test('objects added after applyTo() fail synthesis validation with the fix', () => {
    const { app: a, apps } = app();
    ArgoCdProfile.applyTo(a);
    new BroadcastJob(apps, 'late', { containers: [nginx] });
    const errors = validationErrors(apps);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^BroadcastJob [a-z0-9-]+ \(apps\/late\/Resource\) was added after ArgoCdProfile\.applyTo\(\) and has no Argo CD sync wave; call ArgoCdProfile\.applyTo\(\) after defining it/);
  });

  test('with the profile the install still validates and every Kruise CR is schema-valid with nothing pruned', () => {
    const { app: a, infra, apps } = app();
    ArgoCdProfile.applyTo(a);
    synthValid(apps);
    const { problems, unchecked } = schemaCheck(Testing.synth(infra));
    expect(problems).toEqual([]);
    expect(unchecked).toEqual([]);
  });

  test('no profile, no annotations: the install is unchanged', () => {
    const chart = new Chart(Testing.app(), 't');
    new Kruise(chart, 'kruise');
    expect(Testing.synth(chart).every(m => waveOf(m) === undefined && m.metadata.annotations?.[OPTIONS] === undefined)).toBe(true);
  });
});

describe('KruiseArgoCdApplication', () => {
  test('the Application: source, destination, Kruise ignoreDifferences; validates against Argo CD\'s schema, nothing pruned', () => {
    const chart = new Chart(Testing.app(), 'argo');
    new KruiseArgoCdApplication(chart, 'app', {
      repoUrl: 'https://git.example.com/platform.git',
      path: 'dist/prod',
      automated: { prune: true, selfHeal: true },
      syncOptions: ['PruneLast=true'],
      serverSideApply: true,
      cascadeDelete: true,
      kruiseNamespace: 'openkruise',
      recurse: true,
    });
    const [a] = Testing.synth(chart);
    expect(a).toEqual({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'openkruise', namespace: 'argocd', finalizers: ['resources-finalizer.argocd.argoproj.io'] },
      spec: {
        project: 'default',
        source: { repoURL: 'https://git.example.com/platform.git', path: 'dist/prod', targetRevision: 'HEAD', directory: { recurse: true } },
        destination: { server: 'https://kubernetes.default.svc' },
        ignoreDifferences: [
          {
            group: 'admissionregistration.k8s.io',
            kind: 'MutatingWebhookConfiguration',
            name: 'kruise-mutating-webhook-configuration',
            jsonPointers: ['/metadata/annotations/template'],
            jqPathExpressions: ['.webhooks[]?.clientConfig.caBundle'],
          },
          {
            group: 'admissionregistration.k8s.io',
            kind: 'ValidatingWebhookConfiguration',
            name: 'kruise-validating-webhook-configuration',
            jsonPointers: ['/metadata/annotations/template'],
            jqPathExpressions: ['.webhooks[]?.clientConfig.caBundle'],
          },
          { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition', name: 'statefulsets.apps.kruise.io', jsonPointers: ['/spec/conversion/webhook/clientConfig/caBundle'] },
          { kind: 'Secret', name: 'kruise-webhook-certs', namespace: 'openkruise', jsonPointers: ['/data'] },
        ],
        syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['ServerSideApply=true', 'PruneLast=true'] },
      },
    });
    expect(schemaCheck([a])).toEqual({ problems: [], unchecked: [] });
  });

  test('minimal Application: manual sync, no finalizer, destination by name; also schema-valid', () => {
    const chart = new Chart(Testing.app(), 'argo');
    new KruiseArgoCdApplication(chart, 'app', { repoUrl: 'git@example.com:x.git', path: '.', destinationName: 'prod-eu', name: 'kruise-prod', argoCdNamespace: 'gitops' });
    const [a] = Testing.synth(chart);
    expect(a.metadata).toEqual({ name: 'kruise-prod', namespace: 'gitops' });
    expect(a.spec.destination).toEqual({ name: 'prod-eu' });
    expect(a.spec.syncPolicy).toBeUndefined();
    expect(a.spec.source).toEqual({ repoURL: 'git@example.com:x.git', path: '.', targetRevision: 'HEAD' });
    expect(schemaCheck([a]).problems).toEqual([]);
  });

  test('the ignored paths exist in the install (so they are the fields kruise-manager fills)', () => {
    const chart = new Chart(Testing.app(), 't');
    new Kruise(chart, 'kruise');
    const out = Testing.synth(chart);
    for (const d of KruiseArgoCdApplication.ignoreDifferences()) {
      const obj = out.find(m => m.kind === d.kind && m.metadata.name === d.name);
      expect(obj).toBeDefined();
      if (d.namespace) expect(obj.metadata.namespace).toBe(d.namespace);
    }
    const sts = out.find(m => m.metadata.name === 'statefulsets.apps.kruise.io');
    expect(sts.spec.conversion.webhook.clientConfig.service).toBeDefined();
    expect(out.filter(m => m.kind === 'CustomResourceDefinition' && m.spec.conversion).map(m => m.metadata.name)).toEqual(['statefulsets.apps.kruise.io']);
    const mwc = out.find(m => m.kind === 'MutatingWebhookConfiguration');
    expect(mwc.metadata.annotations.template).toBe('');
  });

  test('extra ignoreDifferences are appended; bad props throw with the fix', () => {
    const chart = new Chart(Testing.app(), 'argo');
    const app2 = new KruiseArgoCdApplication(chart, 'app', {
      repoUrl: 'https://x/y.git', path: 'dist', extraIgnoreDifferences: [{ group: 'apps.kruise.io', kind: 'CloneSet', jqPathExpressions: ['.spec.replicas'] }],
    });
    expect(Testing.synth(chart)[0].spec.ignoreDifferences[4]).toEqual({ group: 'apps.kruise.io', kind: 'CloneSet', jqPathExpressions: ['.spec.replicas'] });
    expect(app2.application.kind).toBe('Application');
    const c = new Chart(Testing.app(), 'c');
    expect(() => new KruiseArgoCdApplication(c, 'a', { repoUrl: '', path: 'x' })).toThrow(/^c\/a: repoUrl "": not a repository URL/);
    expect(() => new KruiseArgoCdApplication(c, 'b', { repoUrl: 'https://x', path: '/abs' })).toThrow(/path "\/abs": not a directory inside the repository/);
    expect(() => new KruiseArgoCdApplication(c, 'd', { repoUrl: 'https://x', path: 'x', destinationName: 'a', destinationServer: 'https://b' })).toThrow(/destinationName "a": destinationServer is set too/);
    expect(() => new KruiseArgoCdApplication(c, 'e', { repoUrl: 'https://x', path: 'x', syncOptions: ['Prune false'] })).toThrow(/syncOptions\[0\] "Prune false": not a sync option; use Key=Value/);
    expect(() => new KruiseArgoCdApplication(c, 'f', { repoUrl: 'https://x', path: 'x', extraIgnoreDifferences: [{ kind: 'Secret' }] })).toThrow(/extraIgnoreDifferences\[0\] .*needs a kind and at least one jsonPointer/);
    expect(() => new KruiseArgoCdApplication(c, 'g', { repoUrl: 'https://x', path: 'x', name: 'Kruise' })).toThrow(/name "Kruise": not an Application name/);
    expect(() => KruiseArgoCdApplication.ignoreDifferences('Bad')).toThrow(/^KruiseArgoCdApplication\.ignoreDifferences: kruiseNamespace "Bad"/);
  });

  test('the schema check catches a wrong ignoreDifferences field (not a no-op)', () => {
    const chart = new Chart(Testing.app(), 'argo');
    new KruiseArgoCdApplication(chart, 'app', { repoUrl: 'https://x/y.git', path: 'dist' });
    const [a] = Testing.synth(chart);
    a.spec.ignoreDifferences[0].jsonPointer = ['/x'];
    expect(schemaCheck([a]).problems.join('\n')).toMatch(/jsonPointer/);
  });
});

describe('KruiseArgoCdHealthChecks', () => {
  test('argocd-cm with one Lua script per kind; schema-valid', () => {
    const chart = new Chart(Testing.app(), 'argo');
    const hc = new KruiseArgoCdHealthChecks(chart, 'health');
    const [cm] = Testing.synth(chart);
    expect(cm.metadata).toEqual({ name: 'argocd-cm', namespace: 'argocd', labels: { 'app.kubernetes.io/name': 'argocd-cm', 'app.kubernetes.io/part-of': 'argocd' } });
    expect(Object.keys(cm.data).sort()).toEqual([
      'resource.customizations.health.apps.kruise.io_AdvancedCronJob',
      'resource.customizations.health.apps.kruise.io_BroadcastJob',
      'resource.customizations.health.apps.kruise.io_CloneSet',
      'resource.customizations.health.apps.kruise.io_DaemonSet',
      'resource.customizations.health.apps.kruise.io_StatefulSet',
    ]);
    expect(cm.data).toEqual(KruiseArgoCdHealthChecks.scripts());
    expect(hc.configMap.kind).toBe('ConfigMap');
    expect(schemaCheck([cm]).problems).toEqual([]);
    expect(() => new KruiseArgoCdHealthChecks(chart, 'x', { argoCdNamespace: 'Argo' })).toThrow(/argoCdNamespace "Argo"/);
  });

  test('every script stays in the Lua subset the tests can run, and is small', () => {
    for (const s of HEALTH_SCRIPTS) {
      expect(() => luaToJs(s.lua)).not.toThrow();
      expect(s.lua.split('\n').length).toBeLessThan(70);
      const opens = s.lua.split('\n').filter(l => /^\s*(if .* then|local function .*)$/.test(l)).length;
      const ends = s.lua.split('\n').filter(l => /^\s*end$/.test(l)).length;
      expect(`${s.kind}: ${ends}`).toBe(`${s.kind}: ${opens}`);
    }
    expect(() => luaToJs('if not x then')).toThrow(/outside the subset/);
  });

  const script = (kind: string) => HEALTH_SCRIPTS.find(s => s.kind === kind)!.lua;
  const meta = { generation: 2 };

  test.each([
    ['no status yet', { metadata: meta, spec: { replicas: 3 } }, 'Progressing'],
    ['old generation', { metadata: meta, spec: { replicas: 3 }, status: { observedGeneration: 1, replicas: 3, updatedReplicas: 3, updatedReadyReplicas: 3, availableReplicas: 3 } }, 'Progressing'],
    ['all updated and available', { metadata: meta, spec: { replicas: 3 }, status: { observedGeneration: 2, replicas: 3, expectedUpdatedReplicas: 3, updatedReplicas: 3, updatedReadyReplicas: 3, availableReplicas: 3 } }, 'Healthy'],
    ['replicas defaults to 1', { metadata: meta, spec: {}, status: { observedGeneration: 2, replicas: 1, updatedReplicas: 1, updatedReadyReplicas: 1, availableReplicas: 1 } }, 'Healthy'],
    ['updating', { metadata: meta, spec: { replicas: 3 }, status: { observedGeneration: 2, replicas: 3, expectedUpdatedReplicas: 3, updatedReplicas: 1, updatedReadyReplicas: 1, availableReplicas: 3 } }, 'Progressing'],
    ['updated, not ready', { metadata: meta, spec: { replicas: 3 }, status: { observedGeneration: 2, replicas: 3, expectedUpdatedReplicas: 3, updatedReplicas: 3, updatedReadyReplicas: 2, availableReplicas: 2 } }, 'Progressing'],
    ['scaling up', { metadata: meta, spec: { replicas: 5 }, status: { observedGeneration: 2, replicas: 3, expectedUpdatedReplicas: 3, updatedReplicas: 3, updatedReadyReplicas: 3, availableReplicas: 3 } }, 'Progressing'],
    ['partition holds 2 old pods', { metadata: meta, spec: { replicas: 5, updateStrategy: { partition: '40%' } }, status: { observedGeneration: 2, replicas: 5, expectedUpdatedReplicas: 3, updatedReplicas: 3, updatedReadyReplicas: 3, availableReplicas: 5 } }, 'Suspended'],
    ['paused mid-rollout', { metadata: meta, spec: { replicas: 3, updateStrategy: { paused: true } }, status: { observedGeneration: 2, replicas: 3, expectedUpdatedReplicas: 3, updatedReplicas: 1, updatedReadyReplicas: 1, availableReplicas: 3 } }, 'Suspended'],
    ['paused with nothing to update', { metadata: meta, spec: { replicas: 3, updateStrategy: { paused: true } }, status: { observedGeneration: 2, replicas: 3, expectedUpdatedReplicas: 3, updatedReplicas: 3, updatedReadyReplicas: 3, availableReplicas: 3 } }, 'Healthy'],
    ['zero replicas', { metadata: meta, spec: { replicas: 0 }, status: { observedGeneration: 2, replicas: 0, expectedUpdatedReplicas: 0, updatedReplicas: 0, updatedReadyReplicas: 0, availableReplicas: 0 } }, 'Healthy'],
  ])('CloneSet: %s -> %s', (_name, obj, status) => {
    const hs = runHealth(script('CloneSet'), obj);
    expect(hs.status).toBe(status);
    expect(typeof hs.message).toBe('string');
  });

  test('CloneSet messages carry the counts', () => {
    expect(runHealth(script('CloneSet'), { metadata: meta, spec: { replicas: 5 }, status: { observedGeneration: 2, replicas: 5, expectedUpdatedReplicas: 3, updatedReplicas: 3, updatedReadyReplicas: 3, availableReplicas: 5 } }))
      .toEqual({ status: 'Suspended', message: 'Partition keeps 2 pods at the old revision (spec.updateStrategy.partition)' });
    expect(runHealth(script('CloneSet'), { metadata: meta, spec: { replicas: 3 }, status: { observedGeneration: 2, replicas: 3, expectedUpdatedReplicas: 3, updatedReplicas: 1, updatedReadyReplicas: 1, availableReplicas: 3 } }))
      .toEqual({ status: 'Progressing', message: 'Updating: 1 of 3 pods at the update revision' });
  });

  const sts = (spec: any, status: any) => ({ metadata: meta, spec, status: { observedGeneration: 2, ...status } });
  test.each([
    ['healthy', sts({ replicas: 3 }, { replicas: 3, readyReplicas: 3, updatedReplicas: 3, updatedReadyReplicas: 3 }), 'Healthy'],
    ['v1alpha1 status without updatedReadyReplicas', sts({ replicas: 3 }, { replicas: 3, readyReplicas: 3, updatedReplicas: 3 }), 'Healthy'],
    ['not ready', sts({ replicas: 3 }, { replicas: 3, readyReplicas: 2, updatedReplicas: 3 }), 'Progressing'],
    ['scaling', sts({ replicas: 4 }, { replicas: 3, readyReplicas: 3, updatedReplicas: 3 }), 'Progressing'],
    ['rolling', sts({ replicas: 3, updateStrategy: { type: 'RollingUpdate' } }, { replicas: 3, readyReplicas: 3, updatedReplicas: 1 }), 'Progressing'],
    ['partition 2 of 5', sts({ replicas: 5, updateStrategy: { rollingUpdate: { partition: 2 } } }, { replicas: 5, readyReplicas: 5, updatedReplicas: 3, updatedReadyReplicas: 3 }), 'Suspended'],
    ['partition above replicas', sts({ replicas: 2, updateStrategy: { rollingUpdate: { partition: 10 } } }, { replicas: 2, readyReplicas: 2, updatedReplicas: 0 }), 'Suspended'],
    ['paused', sts({ replicas: 3, updateStrategy: { rollingUpdate: { paused: true } } }, { replicas: 3, readyReplicas: 3, updatedReplicas: 1 }), 'Suspended'],
    ['OnDelete with old pods', sts({ replicas: 3, updateStrategy: { type: 'OnDelete' } }, { replicas: 3, readyReplicas: 3, updatedReplicas: 0 }), 'Healthy'],
    ['no status', { metadata: meta, spec: { replicas: 1 } }, 'Progressing'],
  ])('Advanced StatefulSet: %s -> %s', (_name, obj, status) => {
    expect(runHealth(script('StatefulSet'), obj).status).toBe(status);
  });

  const ds = (spec: any, status: any) => ({ metadata: meta, spec, status: { observedGeneration: 2, ...status } });
  test.each([
    ['healthy', ds({}, { desiredNumberScheduled: 4, updatedNumberScheduled: 4, numberAvailable: 4 }), 'Healthy'],
    ['no nodes', ds({}, { desiredNumberScheduled: 0, updatedNumberScheduled: 0, numberAvailable: 0 }), 'Healthy'],
    ['rolling', ds({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: {} } }, { desiredNumberScheduled: 4, updatedNumberScheduled: 2, numberAvailable: 4 }), 'Progressing'],
    ['unavailable', ds({}, { desiredNumberScheduled: 4, updatedNumberScheduled: 4, numberAvailable: 3 }), 'Progressing'],
    ['partition 1', ds({ updateStrategy: { rollingUpdate: { partition: 1 } } }, { desiredNumberScheduled: 4, updatedNumberScheduled: 3, numberAvailable: 4 }), 'Suspended'],
    ['paused', ds({ updateStrategy: { rollingUpdate: { paused: true } } }, { desiredNumberScheduled: 4, updatedNumberScheduled: 1, numberAvailable: 4 }), 'Suspended'],
    ['OnDelete', ds({ updateStrategy: { type: 'OnDelete' } }, { desiredNumberScheduled: 4, updatedNumberScheduled: 0, numberAvailable: 4 }), 'Healthy'],
    ['OnDelete unavailable', ds({ updateStrategy: { type: 'OnDelete' } }, { desiredNumberScheduled: 4, updatedNumberScheduled: 0, numberAvailable: 2 }), 'Progressing'],
    ['old generation', { metadata: meta, spec: {}, status: { observedGeneration: 1 } }, 'Progressing'],
  ])('Advanced DaemonSet: %s -> %s', (_name, obj, status) => {
    expect(runHealth(script('DaemonSet'), obj).status).toBe(status);
  });

  const bcj = (spec: any, status: any) => ({ metadata: meta, spec, status });
  test.each([
    ['not started', { metadata: meta, spec: {} }, 'Progressing'],
    ['running', bcj({}, { phase: 'running', active: 2, desired: 3, succeeded: 1, failed: 0 }), 'Progressing'],
    ['completed', bcj({}, { phase: 'completed', active: 0, desired: 3, succeeded: 3 }), 'Healthy'],
    ['failed', bcj({}, { phase: 'failed', active: 0, desired: 3, succeeded: 2, failed: 1 }), 'Degraded'],
    ['paused', bcj({ paused: true }, { phase: 'paused', active: 0, desired: 3 }), 'Suspended'],
    ['Never, on all nodes', bcj({ completionPolicy: { type: 'Never' } }, { phase: 'running', active: 3, desired: 3 }), 'Healthy'],
    ['Never, still starting', bcj({ completionPolicy: { type: 'Never' } }, { phase: 'running', active: 1, desired: 3 }), 'Progressing'],
  ])('BroadcastJob: %s -> %s', (_name, obj, status) => {
    expect(runHealth(script('BroadcastJob'), obj).status).toBe(status);
  });

  test('BroadcastJob failure message; AdvancedCronJob paused or active', () => {
    expect(runHealth(script('BroadcastJob'), bcj({}, { phase: 'failed', desired: 3, failed: 1 }))).toEqual({ status: 'Degraded', message: 'Failed: 1 of 3 pods failed' });
    expect(runHealth(script('AdvancedCronJob'), { spec: { paused: true } }).status).toBe('Suspended');
    expect(runHealth(script('AdvancedCronJob'), { spec: {} })).toEqual({ status: 'Healthy', message: 'Schedule active' });
  });
});
