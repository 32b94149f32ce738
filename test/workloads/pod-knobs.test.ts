import { ApiObject, Chart, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  AdvancedDaemonSet, AdvancedStatefulSet, BroadcastJob, CloneSet, DeletionProtection, ExistingKruise, FeatureGate, FeatureGateSetting,
  IntOrPercent, KruisePodKnobs, PodLifecycleState,
} from '../../src';
import { newChart, synthValid } from '../util/l2';
import { validationErrors } from '../util/validations';

const web = { name: 'web', image: 'nginx' };

/** A chart targeting an existing install with exactly these gates set. */
function chartWith(...gates: FeatureGateSetting[]): Chart {
  const chart = newChart();
  new ExistingKruise(chart, 'kruise', { featureGates: gates });
  return chart;
}

/** The review's error for a knob whose gate is off in the install at test/kruise. */
const gateOff = (feature: string, gate: string, constant: string) => expect.stringMatching(new RegExp(
  `: ${feature} needs the feature gate ${gate}, which is off in the Kruise install at test/kruise \\(.* is ".*"\\) \\[gates/[a-z-]+\\]; `
  + `add FeatureGate.${constant}.enable\\(\\) to the featureGates of Kruise.fromExisting\\(\\) \\(and start that install with --feature-gates=${gate}=true\\)$`));

const kruiseObject = (chart: Chart, id: string, apiVersion: string, kind: string) =>
  new ApiObject(chart, id, { apiVersion, kind, metadata: { name: id } });
const byKind = (manifests: any[], kind: string) => manifests.find(m => m.kind === kind);

describe('KruisePodKnobs', () => {
  describe('container launch priority (Kruise 1.0, gate PodWebhook)', () => {
    test('orderContainerLaunch sets apps.kruise.io/container-launch-priority: Ordered on the pod template', () => {
      const chart = newChart();
      const d = new kplus.Deployment(chart, 'd', { containers: [web] });
      KruisePodKnobs.orderContainerLaunch(d);
      const pod = new kplus.Pod(chart, 'p', { containers: [web] });
      KruisePodKnobs.orderContainerLaunch(pod);
      const out = synthValid(chart);
      expect(byKind(out, 'Deployment').spec.template.metadata.annotations).toEqual({ 'apps.kruise.io/container-launch-priority': 'Ordered' });
      expect(byKind(out, 'Pod').metadata.annotations).toEqual({ 'apps.kruise.io/container-launch-priority': 'Ordered' });
    });

    test('setContainerLaunchPriority sets env KRUISE_CONTAINER_PRIORITY on the container', () => {
      const chart = newChart();
      const cs = new CloneSet(chart, 'cs');
      const main = cs.addContainer(web);
      const sidecar = cs.addContainer({ name: 'proxy', image: 'envoy' });
      KruisePodKnobs.setContainerLaunchPriority(cs, sidecar, 10);
      const containers = byKind(synthValid(chart), 'CloneSet').spec.template.spec.containers;
      expect(containers[1].env).toEqual([{ name: 'KRUISE_CONTAINER_PRIORITY', value: '10' }]);
      expect(containers[0].env).toBeUndefined();
      expect(main.env.variables).toEqual({});
    });

    test('priority range, container membership and the Ordered conflict are checked', () => {
      const chart = newChart();
      const cs = new CloneSet(chart, 'cs');
      const c = cs.addContainer(web);
      expect(() => KruisePodKnobs.setContainerLaunchPriority(cs, c, 2147483648))
        .toThrow('test/cs: containers[web].env.KRUISE_CONTAINER_PRIORITY 2147483648: Kruise accepts whole numbers from -2147483647 to 2147483647; use a whole number in that range');
      const other = new kplus.Container({ name: 'x', image: 'busybox' });
      expect(() => KruisePodKnobs.setContainerLaunchPriority(cs, other, 1))
        .toThrow('test/cs: spec.containers "x": this container is not a (regular) container of the workload; pass the Container that addContainer() returned on this workload');
      KruisePodKnobs.setContainerLaunchPriority(cs, c, 1);
      KruisePodKnobs.orderContainerLaunch(cs);
      expect(validationErrors(chart)).toEqual([
        'containers[web].env.KRUISE_CONTAINER_PRIORITY: Kruise ignores container priorities when the pod has apps.kruise.io/container-launch-priority: Ordered; use one of orderContainerLaunch() and setContainerLaunchPriority()',
      ]);
    });

    test('gate PodWebhook: off fails synth, on passes', () => {
      const off = chartWith(FeatureGate.POD_WEBHOOK.disable());
      KruisePodKnobs.orderContainerLaunch(new kplus.Deployment(off, 'd', { containers: [web] }));
      expect(validationErrors(off)).toEqual([gateOff('container launch priority', 'PodWebhook', 'POD_WEBHOOK')]);
      const on = chartWith(FeatureGate.POD_WEBHOOK.enable());
      const d = new kplus.Deployment(on, 'd', { containers: [web] });
      KruisePodKnobs.setContainerLaunchPriority(d, d.containers[0], 5);
      expect(validationErrors(on)).toEqual([]);
    });
  });

  describe('job sidecar terminator (Kruise 1.4; ignore exit code 1.7.4; gate SidecarTerminator)', () => {
    test('sets KRUISE_TERMINATE_SIDECAR_WHEN_JOB_EXIT, _WITH_IMAGE and KRUISE_TERMINATE_SIDECAR_IGNORE_EXIT_CODE', () => {
      const chart = chartWith(FeatureGate.SIDECAR_TERMINATOR.enable());
      const bj = new BroadcastJob(chart, 'bj', { containers: [{ name: 'main', image: 'busybox' }] });
      const proxy = bj.addContainer({ name: 'proxy', image: 'envoy' });
      KruisePodKnobs.terminateSidecarWhenJobExits(bj, proxy, { exitImage: 'busybox:exit0', ignoreExitCode: true });
      const job = new kplus.Job(chart, 'job', { containers: [{ name: 'main', image: 'busybox' }, { name: 'log', image: 'fluentbit' }] });
      KruisePodKnobs.terminateSidecarWhenJobExits(job, job.containers[1]);
      const out = synthValid(chart);
      expect(byKind(out, 'BroadcastJob').spec.template.spec.containers[1].env).toEqual([
        { name: 'KRUISE_TERMINATE_SIDECAR_WHEN_JOB_EXIT', value: 'true' },
        { name: 'KRUISE_TERMINATE_SIDECAR_WHEN_JOB_EXIT_WITH_IMAGE', value: 'busybox:exit0' },
        { name: 'KRUISE_TERMINATE_SIDECAR_IGNORE_EXIT_CODE', value: 'true' },
      ]);
      expect(byKind(out, 'Job').spec.template.spec.containers[1].env).toEqual([{ name: 'KRUISE_TERMINATE_SIDECAR_WHEN_JOB_EXIT', value: 'true' }]);
      expect(validationErrors(chart)).toEqual([]);
    });

    test('pods that restart Always are rejected', () => {
      const cs = new CloneSet(newChart(), 'cs');
      const c = cs.addContainer(web);
      expect(() => KruisePodKnobs.terminateSidecarWhenJobExits(cs, c))
        .toThrow('test/cs: spec.template.spec.restartPolicy "Always": the sidecar terminator ignores pods that restart Always (they never finish); use it on job pods, which restart Never or OnFailure');
    });

    test('gate SidecarTerminator off (its default) fails synth', () => {
      const chart = chartWith();
      const job = new kplus.Job(chart, 'job', { containers: [web, { name: 'log', image: 'fluentbit' }] });
      KruisePodKnobs.terminateSidecarWhenJobExits(job, job.containers[1]);
      expect(validationErrors(chart)).toEqual([gateOff('the job sidecar terminator', 'SidecarTerminator', 'SIDECAR_TERMINATOR')]);
    });
  });

  test('InPlaceUpdateReady readiness gate (Kruise 0.3): KruiseWorkload.addInPlaceUpdateReadinessGate(), once', () => {
    const chart = newChart();
    const bj = new BroadcastJob(chart, 'bj', { containers: [web] });
    bj.addInPlaceUpdateReadinessGate();
    bj.addInPlaceUpdateReadinessGate();
    expect(bj.readinessGates).toEqual(['InPlaceUpdateReady']);
    expect(byKind(synthValid(chart), 'BroadcastJob').spec.template.spec.readinessGates).toEqual([{ conditionType: 'InPlaceUpdateReady' }]);
  });

  test('labels for live pods: specified-delete (0.7), lifecycle state (0.7), unavailable (1.3)', () => {
    expect(KruisePodKnobs.specifiedDeleteLabel()).toEqual({ key: 'apps.kruise.io/specified-delete', value: 'true' });
    expect(KruisePodKnobs.lifecycleStateLabel(PodLifecycleState.PREPARING_DELETE)).toEqual({ key: 'lifecycle.apps.kruise.io/state', value: 'PreparingDelete' });
    expect(KruisePodKnobs.lifecycleStateLabel(PodLifecycleState.NORMAL).value).toBe('Normal');
    expect(KruisePodKnobs.unavailablePodLabel('maintenance')).toEqual({ key: 'unavailable-pod.kruise.io/maintenance', value: 'true' });
    expect(() => KruisePodKnobs.unavailablePodLabel('bad/name'))
      .toThrow('KruisePodKnobs.unavailablePodLabel: name "bad/name": not a valid label name part; use letters, digits, \'-\', \'_\' and \'.\', starting and ending with a letter or digit, at most 63 characters');
  });

  describe('deletion protection (Kruise 0.9; gate ResourcesDeletionProtection)', () => {
    test('sets policy.kruise.io/delete-protection on supported kinds', () => {
      const chart = chartWith(FeatureGate.RESOURCES_DELETION_PROTECTION.enable());
      KruisePodKnobs.protectFromDeletion(new kplus.Namespace(chart, 'ns'), DeletionProtection.ALWAYS);
      KruisePodKnobs.protectFromDeletion(new kplus.Deployment(chart, 'd', { containers: [web] }), DeletionProtection.CASCADING);
      KruisePodKnobs.protectFromDeletion(new CloneSet(chart, 'cs', { containers: [web] }), DeletionProtection.CASCADING);
      KruisePodKnobs.protectFromDeletion(new kplus.Service(chart, 'svc', { ports: [{ port: 80 }] }), DeletionProtection.ALWAYS);
      const out = synthValid(chart);
      expect(byKind(out, 'Namespace').metadata.labels).toEqual({ 'policy.kruise.io/delete-protection': 'Always' });
      expect(byKind(out, 'Deployment').metadata.labels).toEqual({ 'policy.kruise.io/delete-protection': 'Cascading' });
      expect(byKind(out, 'CloneSet').metadata.labels).toEqual({ 'policy.kruise.io/delete-protection': 'Cascading' });
      expect(byKind(out, 'Service').metadata.labels).toEqual({ 'policy.kruise.io/delete-protection': 'Always' });
      expect(validationErrors(chart)).toEqual([]);
    });

    test('kinds Kruise does not guard are rejected', () => {
      const chart = newChart();
      expect(() => KruisePodKnobs.protectFromDeletion(new kplus.ConfigMap(chart, 'cm'), DeletionProtection.ALWAYS))
        .toThrow('test/cm: metadata.labels.policy.kruise.io/delete-protection "Always": Kruise does not intercept the deletion of ConfigMap (v1), so the label would protect nothing; protect a Namespace, CRD, Deployment, ReplicaSet, StatefulSet, CloneSet, Advanced StatefulSet, UnitedDeployment, Service or Ingress');
      expect(() => KruisePodKnobs.protectFromDeletion(kruiseObject(chart, 'ads', 'apps.kruise.io/v1alpha1', 'DaemonSet'), DeletionProtection.ALWAYS))
        .toThrow(/Kruise does not intercept the deletion of DaemonSet \(apps.kruise.io\/v1alpha1\)/);
    });

    test('gate off fails synth; Cascading on a CRD also needs DeletionProtectionForCRDCascadingGate', () => {
      const off = chartWith(FeatureGate.RESOURCES_DELETION_PROTECTION.disable());
      KruisePodKnobs.protectFromDeletion(new kplus.Namespace(off, 'ns'), DeletionProtection.ALWAYS);
      expect(validationErrors(off)).toEqual([gateOff('deletion protection', 'ResourcesDeletionProtection', 'RESOURCES_DELETION_PROTECTION')]);

      const crdChart = chartWith(FeatureGate.RESOURCES_DELETION_PROTECTION.enable());
      const crd = new ApiObject(crdChart, 'crd', { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'things.example.com' } });
      KruisePodKnobs.protectFromDeletion(crd, DeletionProtection.CASCADING);
      expect(validationErrors(crdChart)).toEqual([gateOff('Cascading deletion protection of a CRD', 'DeletionProtectionForCRDCascadingGate', 'DELETION_PROTECTION_FOR_CRD_CASCADING')]);

      const crdOn = chartWith(FeatureGate.RESOURCES_DELETION_PROTECTION.enable(), FeatureGate.DELETION_PROTECTION_FOR_CRD_CASCADING.enable());
      KruisePodKnobs.protectFromDeletion(new ApiObject(crdOn, 'crd', { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'x.example.com' } }), DeletionProtection.CASCADING);
      expect(validationErrors(crdOn)).toEqual([]);
    });
  });

  describe('image pre-download annotations (Kruise 0.9; min-updated-ready-pods 1.1)', () => {
    test('sets the three annotations on a CloneSet (gate PreDownloadImageForInPlaceUpdate)', () => {
      const chart = chartWith(FeatureGate.PRE_DOWNLOAD_IMAGE_FOR_IN_PLACE_UPDATE.enable());
      const cs = new CloneSet(chart, 'cs', { containers: [web] });
      cs.configureImagePreDownload({ parallelism: 10, timeout: Duration.minutes(5), minUpdatedReadyPods: IntOrPercent.percent(20) });
      expect(byKind(synthValid(chart), 'CloneSet').metadata.annotations).toEqual({
        'apps.kruise.io/image-predownload-parallelism': '10',
        'apps.kruise.io/image-predownload-timeout-seconds': '300',
        'apps.kruise.io/image-predownload-min-updated-ready-pods': '20%',
      });
      expect(validationErrors(chart)).toEqual([]);
    });

    test('gate off fails synth: PreDownloadImageForInPlaceUpdate (CloneSet, ASTS), PreDownloadImageForDaemonSetUpdate (ADS)', () => {
      const chart = chartWith();
      new CloneSet(chart, 'cs', { containers: [web] }).configureImagePreDownload({ parallelism: 2 });
      new AdvancedStatefulSet(chart, 'asts', { containers: [web] }).configureImagePreDownload({ minUpdatedReadyPods: IntOrPercent.count(3) });
      new AdvancedDaemonSet(chart, 'ads', { containers: [web] }).configureImagePreDownload({ parallelism: 2 });
      expect(validationErrors(chart)).toEqual([
        gateOff('image pre-download', 'PreDownloadImageForInPlaceUpdate', 'PRE_DOWNLOAD_IMAGE_FOR_IN_PLACE_UPDATE'),
        gateOff('image pre-download', 'PreDownloadImageForInPlaceUpdate', 'PRE_DOWNLOAD_IMAGE_FOR_IN_PLACE_UPDATE'),
        gateOff('image pre-download', 'PreDownloadImageForDaemonSetUpdate', 'PRE_DOWNLOAD_IMAGE_FOR_DAEMON_SET_UPDATE'),
      ]);
    });

    test('bad values are rejected', () => {
      const chart = newChart();
      const cs = new CloneSet(chart, 'cs', { containers: [web] });
      expect(() => cs.configureImagePreDownload({ parallelism: 0 }))
        .toThrow('test/cs: metadata.annotations.apps.kruise.io/image-predownload-parallelism 0: must be a whole number >= 1; give the number of nodes pulling at once');
      expect(() => cs.configureImagePreDownload({ timeout: Duration.millis(1500) }))
        .toThrow('test/cs: metadata.annotations.apps.kruise.io/image-predownload-timeout-seconds "1500ms": must be a whole number of seconds above zero; use e.g. Duration.minutes(5)');
      expect(() => cs.configureImagePreDownload({}))
        .toThrow('test/cs: metadata.annotations {}: no pre-download option given; give parallelism, timeout or minUpdatedReadyPods');
    });
  });

  test('cloneset-scaling-exclude-preparing-delete label (Kruise 1.3): CloneSet.excludePreparingDeleteFromScaling()', () => {
    const chart = newChart();
    const cs = new CloneSet(chart, 'cs', { containers: [web] });
    cs.excludePreparingDeleteFromScaling();
    expect(byKind(synthValid(chart), 'CloneSet').metadata.labels).toEqual({ 'apps.kruise.io/cloneset-scaling-exclude-preparing-delete': 'true' });
  });

  test('PUB no-protect pod annotation (Kruise 1.0)', () => {
    const chart = newChart();
    const cs = new CloneSet(chart, 'cs', { containers: [web] });
    KruisePodKnobs.exemptFromPodUnavailableBudget(cs);
    expect(byKind(synthValid(chart), 'CloneSet').spec.template.metadata.annotations).toEqual({ 'pub.kruise.io/no-protect': 'true' });
  });

  describe('persistent topology annotations (Kruise 1.2; persistent pod annotations 1.4)', () => {
    test('sets auto-generate, required/preferred topology and persistent pod annotations', () => {
      const chart = newChart();
      const sts = kruiseObject(chart, 'sts', 'apps/v1', 'StatefulSet');
      KruisePodKnobs.autoGeneratePersistentPodState(sts, {
        requiredTopologyKeys: ['kubernetes.io/hostname'],
        preferredTopologyKeys: ['topology.kubernetes.io/zone', 'topology.kubernetes.io/region'],
        persistentPodAnnotations: ['ip'],
      });
      expect(sts.toJson().metadata.annotations).toEqual({
        'kruise.io/auto-generate-persistent-pod-state': 'true',
        'kruise.io/required-persistent-topology': 'kubernetes.io/hostname',
        'kruise.io/preferred-persistent-topology': 'topology.kubernetes.io/zone,topology.kubernetes.io/region',
        'kruise.io/persistent-pod-annotations': 'ip',
      });
      const asts = kruiseObject(chart, 'asts', 'apps.kruise.io/v1beta1', 'StatefulSet');
      KruisePodKnobs.autoGeneratePersistentPodState(asts, { preferredTopologyKeys: ['kubernetes.io/hostname'] });
      expect(asts.toJson().metadata.annotations).toEqual({
        'kruise.io/auto-generate-persistent-pod-state': 'true',
        'kruise.io/preferred-persistent-topology': 'kubernetes.io/hostname',
      });
    });

    test('needs a topology, a StatefulSet kind and comma-free keys', () => {
      const chart = newChart();
      const sts = kruiseObject(chart, 'sts', 'apps/v1', 'StatefulSet');
      expect(() => KruisePodKnobs.autoGeneratePersistentPodState(sts, {}))
        .toThrow('test/sts: metadata.annotations.kruise.io/required-persistent-topology (unset): Kruise generates nothing without a required or preferred topology; give requiredTopologyKeys or preferredTopologyKeys, e.g. [\'kubernetes.io/hostname\']');
      expect(() => KruisePodKnobs.autoGeneratePersistentPodState(new CloneSet(chart, 'cs', { containers: [web] }), { requiredTopologyKeys: ['k'] }))
        .toThrow('test/cs: metadata.annotations.kruise.io/auto-generate-persistent-pod-state "CloneSet": Kruise generates PersistentPodStates only for StatefulSets and Advanced StatefulSets; apply it to one of those');
      expect(() => KruisePodKnobs.autoGeneratePersistentPodState(sts, { requiredTopologyKeys: ['a,b'] }))
        .toThrow('test/sts: requiredTopologyKeys[0] "a,b": keys are joined with commas, so a key must be non-empty and contain none; give plain keys');
    });
  });

  test('sidecarset custom version label (Kruise 1.3), SidecarSet only', () => {
    const chart = newChart();
    const ss = kruiseObject(chart, 'ss', 'apps.kruise.io/v1alpha1', 'SidecarSet');
    KruisePodKnobs.pinSidecarSetCustomVersion(ss, 'v2');
    expect(ss.toJson().metadata.labels).toEqual({ 'apps.kruise.io/sidecarset-custom-version': 'v2' });
    expect(() => KruisePodKnobs.pinSidecarSetCustomVersion(ss, 'not valid!')).toThrow(/apps.kruise.io\/sidecarset-custom-version "not valid!": not a valid label value/);
    expect(() => KruisePodKnobs.pinSidecarSetCustomVersion(new CloneSet(chart, 'cs', { containers: [web] }), 'v2'))
      .toThrow('test/cs: metadata.labels.apps.kruise.io/sidecarset-custom-version "CloneSet": only SidecarSet reads this label; apply it to a SidecarSet');
  });

  describe('enhanced liveness annotation (Kruise 1.7, gate EnhancedLivenessProbe)', () => {
    test('sets apps.kruise.io/using-enhanced-liveness on the pod template; gate on passes', () => {
      const chart = chartWith(FeatureGate.ENHANCED_LIVENESS_PROBE.enable());
      const cs = new CloneSet(chart, 'cs', { containers: [{ ...web, liveness: kplus.Probe.fromCommand(['true']) }] });
      KruisePodKnobs.useEnhancedLivenessProbe(cs);
      expect(byKind(synthValid(chart), 'CloneSet').spec.template.metadata.annotations).toEqual({ 'apps.kruise.io/using-enhanced-liveness': 'true' });
      expect(validationErrors(chart)).toEqual([]);
    });

    test('gate off (its default) fails synth; a pod without liveness probe too', () => {
      const chart = chartWith();
      KruisePodKnobs.useEnhancedLivenessProbe(new CloneSet(chart, 'cs', { containers: [web] }));
      const errors = validationErrors(chart);
      expect(errors).toHaveLength(2);
      expect(errors).toEqual(expect.arrayContaining([
        gateOff('the enhanced liveness probe', 'EnhancedLivenessProbe', 'ENHANCED_LIVENESS_PROBE'),
        'metadata.annotations.apps.kruise.io/using-enhanced-liveness "true": no container has a liveness probe, so the annotation does nothing; give a container a liveness probe or remove useEnhancedLivenessProbe()',
      ]));
    });
  });

  test('WorkloadSpread ignore-patch annotation (Kruise 1.3), WorkloadSpread only', () => {
    const chart = newChart();
    const ws = kruiseObject(chart, 'ws', 'apps.kruise.io/v1alpha1', 'WorkloadSpread');
    KruisePodKnobs.ignorePatchExistingPodsMetadata(ws);
    expect(ws.toJson().metadata.annotations).toEqual({ 'workloadspread.kruise.io/ignore-patch-existing-pods-metadata': 'true' });
    expect(() => KruisePodKnobs.ignorePatchExistingPodsMetadata(kruiseObject(chart, 'x', 'apps.kruise.io/v1alpha1', 'CloneSet')))
      .toThrow('test/x: metadata.annotations.workloadspread.kruise.io/ignore-patch-existing-pods-metadata "CloneSet": only WorkloadSpread reads this annotation; apply it to a WorkloadSpread');
  });

  test('helpers that label objects need a construct emitting one object', () => {
    const chart = newChart();
    const group = new kplus.Deployment(chart, 'd', { containers: [web] }).node.scope!;
    expect(() => KruisePodKnobs.protectFromDeletion(group, DeletionProtection.ALWAYS))
      .toThrow('test: metadata "test": protectFromDeletion() needs a construct that emits one Kubernetes object; pass a cdk8s-plus resource, a Kruise L2 or an ApiObject');
  });
});
