import * as path from 'path';
import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { ExistingKruise, FeatureGate, PersistentPodState, PersistentPodStateRetentionPolicy, WorkloadTarget } from '../../src';
import { missingFrom, newChart } from '../util/l2';
import { describeWithReferenceFor, readYamlDocs } from '../util/reference';
import { only, synthChecked, validationErrors } from '../util/validations';
import { chartFor, REFERENCE_LINES, synthValidFor } from '../util/versions';

const sts = WorkloadTarget.of('apps.kruise.io/v1beta1', 'StatefulSet', 'db');

function pps(chart: Chart, props: any = {}, id = 'pps'): PersistentPodState {
  return new PersistentPodState(chart, id, { metadata: { name: id }, target: sts, requiredPersistentTopology: ['topology.kubernetes.io/zone'], ...props });
}

describe('PersistentPodState', () => {
  test('emits the fields that were set', () => {
    const chart = newChart();
    pps(chart, {
      preferredPersistentTopology: [{ weight: 100, nodeTopologyKeys: ['kubernetes.io/hostname'] }],
      persistentPodAnnotations: ['io.kubernetes.cri/reserved-ip'],
      retentionPolicy: PersistentPodStateRetentionPolicy.WHEN_DELETED,
    });
    expect(only(synthChecked(chart), 'PersistentPodState').spec).toEqual({
      targetRef: { apiVersion: 'apps.kruise.io/v1beta1', kind: 'StatefulSet', name: 'db' },
      requiredPersistentTopology: { nodeTopologyKeys: ['topology.kubernetes.io/zone'] },
      preferredPersistentTopology: [{ weight: 100, preference: { nodeTopologyKeys: ['kubernetes.io/hostname'] } }],
      persistentPodAnnotations: [{ key: 'io.kubernetes.cri/reserved-ip' }],
      persistentPodStateRetentionPolicy: 'WhenDeleted',
    });
  });

  test('a cdk8s-plus StatefulSet of the app as target', () => {
    const chart = newChart();
    const set = new kplus.StatefulSet(chart, 'sts', {
      metadata: { name: 'db' },
      service: new kplus.Service(chart, 'svc', { ports: [{ port: 80 }] }),
      containers: [{ image: 'db', securityContext: { ensureNonRoot: false } }],
    });
    pps(chart, { target: WorkloadTarget.fromResource(set) });
    expect(only(synthChecked(chart), 'PersistentPodState').spec.targetRef).toEqual({ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db' });
  });

  describe('Kruise rules', () => {
    test('required or preferred topology is needed', () => {
      expect(() => pps(newChart(), { requiredPersistentTopology: undefined }))
        .toThrow('test/pps: spec.requiredPersistentTopology (unset): Kruise needs requiredPersistentTopology or preferredPersistentTopology; give node label keys in one of them, e.g. [\'kubernetes.io/hostname\']');
    });

    test('preferred weights run from 1 to 100; annotations are unique', () => {
      expect(() => pps(newChart(), { preferredPersistentTopology: [{ weight: 101, nodeTopologyKeys: ['x'] }] }))
        .toThrow('test/pps: spec.preferredPersistentTopology[0].weight 101: weights run from 1 to 100; use a whole number between 1 and 100');
      expect(() => pps(newChart(), { persistentPodAnnotations: ['a', 'a'] }))
        .toThrow('test/pps: spec.persistentPodAnnotations ["a","a"]: duplicates are not allowed; list each key once');
    });

    test('the target must be a StatefulSet unless whitelisted', () => {
      const chart = newChart();
      pps(chart, { target: WorkloadTarget.of('apps.kruise.io/v1alpha1', 'CloneSet', 'web') }, 'bad');
      pps(chart, { target: WorkloadTarget.of('apps.kruise.io/v1alpha1', 'CloneSet', 'web2'), customWorkloadWhitelisted: true }, 'ok');
      expect(validationErrors(chart)).toEqual([
        'test/bad: spec.targetRef {"apiVersion":"apps.kruise.io/v1alpha1","kind":"CloneSet","name":"web"}: Kruise keeps pod state for StatefulSets (apps or apps.kruise.io) only; target a StatefulSet, or list the kind in PPS_Watch_Custom_Workload_WhiteList of ConfigMap kruise-configuration and set customWorkloadWhitelisted',
      ]);
    });

    test('one PersistentPodState per workload', () => {
      const chart = newChart();
      pps(chart, {}, 'a');
      pps(chart, {}, 'b');
      // Kruise's rule, from the review: the second one is rejected.
      expect(validationErrors(chart)).toEqual([expect.stringMatching(/^PersistentPodState b: spec.targetRef: .*\[PersistentPodState\/one-per-workload\]/)]);
    });
  });

  test('feature gate PodWebhook off: accepted (as Kruise accepts it) with a warning that nothing is restored', () => {
    const off = newChart();
    new ExistingKruise(off, 'kruise', { featureGates: [FeatureGate.POD_WEBHOOK.disable()] });
    const p = pps(off);
    expect(validationErrors(off)).toEqual([]);
    expect(ApiObject.of(p).node.metadata.filter(m => m.type === 'warning').map(m => m.data)).toEqual([
      expect.stringMatching(/^PersistentPodState .*: kind: Kruise accepts this PersistentPodState, but with the feature gate PodWebhook off in the Kruise install at test\/kruise, .* \[gates\/persistentpodstate-pod-webhook\]; add FeatureGate.POD_WEBHOOK.enable\(\)/),
    ]);
    const on = newChart();
    new ExistingKruise(on, 'kruise');
    const q = pps(on);
    expect(validationErrors(on)).toEqual([]);
    expect(ApiObject.of(q).node.metadata.filter(m => m.type === 'warning')).toEqual([]);
  });

  test('escape hatch: a JSON patch reaches the output', () => {
    const chart = newChart();
    ApiObject.of(pps(chart)).addJsonPatch(JsonPatch.add('/spec/persistentPodStateRetentionPolicy', 'WhenScaled'));
    expect(only(synthChecked(chart), 'PersistentPodState').spec.persistentPodStateRetentionPolicy).toBe('WhenScaled');
  });
});

for (const line of REFERENCE_LINES) {
  describeWithReferenceFor(line, `PersistentPodState reproduces docs-examples/persistentpodstate.yaml (1) (Kruise ${line})`, (ref) => {
    test('#0 echoserver', () => {
      const examples = readYamlDocs(path.join(ref, 'docs-examples', 'persistentpodstate.yaml')).filter(d => d.kind === 'PersistentPodState');
      expect(examples.length).toBe(1);
      const chart = chartFor(line);
      new PersistentPodState(chart, 'pps', {
        metadata: { name: 'echoserver', namespace: 'echoserver' },
        target: WorkloadTarget.of('apps.kruise.io/v1beta1', 'StatefulSet', 'echoserver'),
        requiredPersistentTopology: ['failure-domain.beta.kubernetes.io/zone[,other node labels]'],
        preferredPersistentTopology: [{ weight: 100, nodeTopologyKeys: ['kubernetes.io/hostname[,other node labels]'] }],
      });
      expect(missingFrom(only(synthValidFor(chart, line), 'PersistentPodState'), examples[0])).toEqual([]);
    });
  });
}
