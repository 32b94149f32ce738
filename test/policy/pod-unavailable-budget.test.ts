import * as path from 'path';
import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { CloneSet, ExistingKruise, FeatureGate, IntOrPercent, PodUnavailableBudget, PodUnavailableBudgetLimit, PubOperation, WorkloadTarget } from '../../src';
import { missingFrom, newChart } from '../util/l2';
import { describeWithReferenceFor, readYamlDocs } from '../util/reference';
import { only, synthChecked, validationErrors } from '../util/validations';
import { chartFor, REFERENCE_LINES, synthValidFor } from '../util/versions';

const sel = (labels: { [k: string]: string }) => kplus.LabelSelector.of({ labels });
const maxOne = PodUnavailableBudgetLimit.maxUnavailable(IntOrPercent.count(1));

function pub(chart: Chart, props: any = {}, id = 'pub'): PodUnavailableBudget {
  return new PodUnavailableBudget(chart, id, { metadata: { name: id }, selector: sel({ app: 'web' }), budget: maxOne, ...props });
}

describe('PodUnavailableBudget', () => {
  test('emits a selector, the budget and the typed annotations', () => {
    const chart = newChart();
    pub(chart, {
      budget: PodUnavailableBudgetLimit.maxUnavailable(IntOrPercent.percent(25)),
      protectOperations: [PubOperation.DELETE, PubOperation.EVICT],
      protectTotalReplicas: 10,
    });
    const m = only(synthChecked(chart), 'PodUnavailableBudget');
    expect(m.apiVersion).toBe('policy.kruise.io/v1alpha1');
    expect(m.metadata.annotations).toEqual({ 'kruise.io/pub-protect-operations': 'DELETE,EVICT', 'pub.kruise.io/protect-total-replicas': '10' });
    expect(m.spec).toEqual({ selector: { matchLabels: { app: 'web' } }, maxUnavailable: '25%' });
  });

  test('a target from a construct; minAvailable', () => {
    const chart = newChart();
    const cs = new CloneSet(chart, 'cs', { metadata: { name: 'web' }, containers: [{ image: 'nginx' }] });
    new PodUnavailableBudget(chart, 'pub', { target: WorkloadTarget.fromResource(cs), budget: PodUnavailableBudgetLimit.minAvailable(IntOrPercent.count(2)) });
    const m = only(synthChecked(chart), 'PodUnavailableBudget');
    expect(m.metadata.annotations).toBeUndefined();
    expect(m.spec).toEqual({ targetRef: { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'CloneSet', name: 'web' }, minAvailable: 2 });
  });

  describe('rule 29 (PUB part) and annotation rules', () => {
    test('selector and target are exclusive; one is required', () => {
      expect(() => pub(newChart(), { target: WorkloadTarget.of('apps/v1', 'Deployment', 'web') }))
        .toThrow('test/pub: spec.selector {"apiVersion":"apps/v1","kind":"Deployment","name":"web"}: selector and targetRef are mutually exclusive; give only one of selector and target');
      expect(() => pub(newChart(), { selector: undefined }))
        .toThrow('test/pub: spec.selector (unset): Kruise needs the pods to guard; give a selector or a target');
    });

    test('maxUnavailable and minAvailable are exclusive by construction (one factory value)', () => {
      expect(PodUnavailableBudgetLimit.minAvailable(IntOrPercent.percent(80)).field).toBe('minAvailable');
      expect(PodUnavailableBudgetLimit.maxUnavailable(IntOrPercent.percent(80)).field).toBe('maxUnavailable');
    });

    test('an empty selector is refused', () => {
      expect(() => pub(newChart(), { selector: kplus.LabelSelector.of() }))
        .toThrow('test/pub: spec.selector {}: Kruise rejects an empty selector; select by at least one label, e.g. LabelSelector.of({ labels: { app: \'web\' } })');
    });

    test('protectOperations: not empty, no duplicates; protectTotalReplicas: a whole number', () => {
      expect(() => pub(newChart(), { protectOperations: [] }))
        .toThrow('test/pub: metadata.annotations.kruise.io/pub-protect-operations []: an empty list would be read as "all operations"; list at least one operation, or leave protectOperations unset');
      expect(() => pub(newChart(), { protectOperations: [PubOperation.DELETE, PubOperation.DELETE] }))
        .toThrow('test/pub: metadata.annotations.kruise.io/pub-protect-operations ["DELETE","DELETE"]: duplicates are not allowed; list each operation once');
      expect(() => pub(newChart(), { protectOperations: ['PATCH'] }))
        .toThrow('test/pub: metadata.annotations.kruise.io/pub-protect-operations "PATCH": Kruise accepts DELETE, EVICT and UPDATE; use PubOperation.DELETE, EVICT or UPDATE');
      expect(() => pub(newChart(), { protectTotalReplicas: 1.5 }))
        .toThrow('test/pub: metadata.annotations.pub.kruise.io/protect-total-replicas 1.5: must be a whole number >= 0 (int32); give the replica count');
    });

    test('one budget per workload, and no loosely overlapping selectors (same namespace)', () => {
      const chart = newChart();
      pub(chart, {}, 'a');
      pub(chart, { selector: kplus.LabelSelector.of({ expressions: [kplus.LabelExpression.in('app', ['web', 'api'])] }) }, 'b');
      pub(chart, { selector: sel({ app: 'web', tier: 'x' }) }, 'c'); // other keys: not loosely overlapping
      pub(chart, { selector: undefined, target: WorkloadTarget.of('apps/v1', 'Deployment', 'd') }, 'd');
      pub(chart, { selector: undefined, target: WorkloadTarget.of('apps/v1beta1', 'Deployment', 'd') }, 'e');
      // Kruise's rules, from the review: each budget is checked against those created before it.
      const errors = validationErrors(chart);
      expect(errors).toEqual([
        expect.stringMatching(/^PodUnavailableBudget b: .*\[PodUnavailableBudget\/no-overlap\]/),
        expect.stringMatching(/^PodUnavailableBudget e: .*\[PodUnavailableBudget\/no-overlap\]/),
      ]);
    });
  });

  describe('feature gates', () => {
    test('PodUnavailableBudgetDeleteGate off (and the update gate off by default): synth fails naming the gate', () => {
      const chart = newChart();
      new ExistingKruise(chart, 'kruise', { featureGates: [FeatureGate.POD_UNAVAILABLE_BUDGET_DELETE.disable()] });
      pub(chart);
      // Both PUB gates off (the update gate is off by default): Kruise rejects every budget.
      expect(validationErrors(chart)).toEqual([expect.stringMatching(/^PodUnavailableBudget pub: kind: .*\[PodUnavailableBudget\/feature-gate\]/)]);
    });

    test('PodUnavailableBudgetDeleteGate on (the default): passes', () => {
      const chart = newChart();
      new ExistingKruise(chart, 'kruise', { featureGates: [FeatureGate.POD_UNAVAILABLE_BUDGET_DELETE.enable()] });
      pub(chart, { protectOperations: [PubOperation.EVICT] });
      expect(validationErrors(chart)).toEqual([]);
    });

    test('UPDATE protected: PodUnavailableBudgetUpdateGate off is accepted with a warning, on passes', () => {
      const off = newChart();
      new ExistingKruise(off, 'kruise');
      pub(off, { protectOperations: [PubOperation.UPDATE] });
      // Kruise accepts it (the delete gate is on), but does not guard updates: a warning.
      const budget = off.node.findChild('pub') as PodUnavailableBudget;
      expect(validationErrors(off)).toEqual([]);
      expect(ApiObject.of(budget).node.metadata.filter(m => m.type === 'warning').map(m => m.data)).toEqual([
        'PodUnavailableBudget pub: metadata.annotations.kruise.io/pub-protect-operations: Kruise accepts this PodUnavailableBudget, but with the feature gate PodUnavailableBudgetUpdateGate off in the Kruise install at test/kruise, pod updates are not guarded [gates/pub-operations]; add FeatureGate.POD_UNAVAILABLE_BUDGET_UPDATE.enable() to the featureGates of Kruise.fromExisting() (and start that install with --feature-gates=PodUnavailableBudgetUpdateGate=true)',
      ]);
      const on = newChart();
      new ExistingKruise(on, 'kruise', { featureGates: [FeatureGate.POD_UNAVAILABLE_BUDGET_UPDATE.enable(), FeatureGate.POD_UNAVAILABLE_BUDGET_DELETE.disable()] });
      pub(on, { protectOperations: [PubOperation.UPDATE] });
      expect(validationErrors(on)).toEqual([]);
    });
  });

  test('escape hatch: a JSON patch reaches the output', () => {
    const chart = newChart();
    ApiObject.of(pub(chart)).addJsonPatch(JsonPatch.replace('/spec/maxUnavailable', '10%'));
    expect(only(synthChecked(chart), 'PodUnavailableBudget').spec.maxUnavailable).toBe('10%');
  });
});

for (const line of REFERENCE_LINES) {
  describeWithReferenceFor(line, `PodUnavailableBudget reproduces docs-examples/podunavailablebudget.yaml (1) (Kruise ${line})`, (ref) => {
    test('#0 rollouts-demo', () => {
      const examples = readYamlDocs(path.join(ref, 'docs-examples', 'podunavailablebudget.yaml')).filter(d => d.kind === 'PodUnavailableBudget');
      expect(examples.length).toBe(1);
      const chart = chartFor(line);
      new PodUnavailableBudget(chart, 'pub', {
        metadata: { name: 'rollouts-demo' },
        target: WorkloadTarget.of('argoproj.io/v1alpha1', 'Rollout', 'rollouts-demo'),
        budget: PodUnavailableBudgetLimit.minAvailable(IntOrPercent.percent(80)),
      });
      expect(missingFrom(only(synthValidFor(chart, line), 'PodUnavailableBudget'), examples[0])).toEqual([]);
    });
  });
}
