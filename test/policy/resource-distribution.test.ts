import * as path from 'path';
import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { DistributedResource, ExistingKruise, FeatureGate, ResourceDistribution } from '../../src';
import { missingFrom, newChart } from '../util/l2';
import { describeWithReferenceFor, readYamlDocs } from '../util/reference';
import { only, synthChecked, validationErrors } from '../util/validations';
import { chartFor, REFERENCE_LINES, synthValidFor } from '../util/versions';

const cm = DistributedResource.fromManifest({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'shared' }, data: { a: '1' } });

function rd(chart: Chart, props: any = {}, id = 'rd'): ResourceDistribution {
  return new ResourceDistribution(chart, id, { metadata: { name: id }, resource: cm, allNamespaces: true, ...props });
}

describe('ResourceDistribution', () => {
  test('emits the resource and the targets, cluster-scoped', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'team' });
    const r = rd(chart, {
      allNamespaces: undefined,
      includedNamespaces: ['a'],
      excludedNamespaces: ['b'],
      namespaceLabelSelector: kplus.LabelSelector.of({ labels: { group: 'x' } }),
    });
    r.addIncludedNamespace('c');
    const m = only(synthChecked(chart), 'ResourceDistribution');
    expect(m.metadata).toEqual({ name: 'rd' });
    expect(m.spec).toEqual({
      resource: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'shared' }, data: { a: '1' } },
      targets: {
        includedNamespaces: { list: [{ name: 'a' }, { name: 'c' }] },
        excludedNamespaces: { list: [{ name: 'b' }] },
        namespaceLabelSelector: { matchLabels: { group: 'x' } },
      },
    });
  });

  test('a cdk8s-plus ConfigMap or Secret of the app, read at synth, without its namespace', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'source' });
    const map = new kplus.ConfigMap(chart, 'cm', { metadata: { name: 'settings' } });
    const secret = new kplus.Secret(chart, 'secret', { metadata: { name: 'creds' }, stringData: { token: 't' } });
    rd(chart, { resource: DistributedResource.fromConfigMap(map) }, 'maps');
    rd(chart, { resource: DistributedResource.fromSecret(secret) }, 'secrets');
    map.addData('late', 'value');
    const manifests = synthChecked(chart);
    const [maps, secrets] = manifests.filter(m => m.kind === 'ResourceDistribution');
    // As cdk8s-plus renders the ConfigMap (immutable: false included), minus the namespace.
    expect(maps.spec.resource).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { late: 'value' }, immutable: false });
    expect(secrets.spec.resource.kind).toBe('Secret');
    expect(secrets.spec.resource.metadata).toEqual({ name: 'creds' });
    expect(secrets.spec.resource.stringData).toEqual({ token: 't' });
  });

  describe('Kruise rules', () => {
    test('only Secret or ConfigMap (apiVersion v1) is distributed', () => {
      expect(() => rd(newChart(), { resource: DistributedResource.fromManifest({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' } }) }))
        .toThrow('test/rd: spec.resource "apps/v1/Deployment": ResourceDistribution distributes Secrets and ConfigMaps (apiVersion v1) only; distribute a Secret or a ConfigMap');
    });

    test('the resource needs a valid name', () => {
      expect(() => rd(newChart(), { resource: DistributedResource.fromManifest({ apiVersion: 'v1', kind: 'Secret', metadata: {} }) }))
        .toThrow('test/rd: spec.resource.metadata.name (unset): the resource needs a valid name (lower-case RFC 1123 subdomain); give metadata.name, e.g. \'app-config\'');
    });

    test('a resource carrying a namespace is accepted, as Kruise accepts it (it writes each copy into its target namespace)', () => {
      const chart = newChart();
      rd(chart, { resource: DistributedResource.fromManifest({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'x' } }) });
      expect(validationErrors(chart)).toEqual([]);
      expect(only(Testing.synth(chart), 'ResourceDistribution').spec.resource.metadata).toEqual({ name: 's', namespace: 'x' });
    });

    test('namespace names are valid', () => {
      const r = rd(newChart(), { includedNamespaces: ['a'] });
      expect(() => r.addExcludedNamespace('Bad_NS')).toThrow('test/rd: spec.targets.excludedNamespaces.list[0].name "Bad_NS": not a namespace name (lower-case RFC 1123 label); give a valid namespace name');
    });

    test('a namespace listed twice is accepted, as Kruise accepts it, and emitted once', () => {
      const chart = newChart();
      const r = rd(chart, { includedNamespaces: ['a'] });
      r.addIncludedNamespace('a');
      r.addExcludedNamespace('z');
      r.addExcludedNamespace('z');
      expect(validationErrors(chart)).toEqual([]);
      expect(only(Testing.synth(chart), 'ResourceDistribution').spec.targets).toEqual({
        allNamespaces: true, includedNamespaces: { list: [{ name: 'a' }] }, excludedNamespaces: { list: [{ name: 'z' }] },
      });
    });

    test('empty targets are accepted, as Kruise accepts them, with a warning', () => {
      const chart = newChart();
      const r = rd(chart, { allNamespaces: undefined, excludedNamespaces: ['x'] });
      expect(validationErrors(chart)).toEqual([]);
      expect(ApiObject.of(r).node.metadata.filter(m => m.type === 'warning').map(m => m.data))
        .toEqual([expect.stringMatching(/^ResourceDistribution rd: spec.targets: .* \[ResourceDistribution\/targets-empty\]/)]);
    });

    test('metadata.namespace is refused (cluster-scoped)', () => {
      expect(() => rd(newChart(), { metadata: { name: 'x', namespace: 'y' } }))
        .toThrow('test/rd: metadata.namespace "y": ResourceDistribution is cluster-scoped, so it has no namespace; remove metadata.namespace');
    });
  });

  describe('feature gate ResourceDistributionGate', () => {
    test('off (the default): synth fails naming the gate', () => {
      const chart = newChart();
      new ExistingKruise(chart, 'kruise');
      rd(chart);
      expect(validationErrors(chart)).toEqual([
        expect.stringMatching(/^ResourceDistribution rd: kind: .*ResourceDistributionGate.* \[ResourceDistribution\/feature-gate\]; add FeatureGate.RESOURCE_DISTRIBUTION.enable\(\) to the featureGates of Kruise.fromExisting\(\) \(and start that install with --feature-gates=ResourceDistributionGate=true\)$/),
      ]);
    });

    test('on: passes', () => {
      const chart = newChart();
      new ExistingKruise(chart, 'kruise', { featureGates: [FeatureGate.RESOURCE_DISTRIBUTION.enable()] });
      rd(chart);
      expect(validationErrors(chart)).toEqual([]);
    });
  });

  test('escape hatch: a JSON patch reaches the output', () => {
    const chart = newChart();
    ApiObject.of(rd(chart)).addJsonPatch(JsonPatch.add('/spec/targets/excludedNamespaces', { list: [{ name: 'z' }] }));
    expect(only(synthChecked(chart), 'ResourceDistribution').spec.targets.excludedNamespaces).toEqual({ list: [{ name: 'z' }] });
  });
});

for (const line of REFERENCE_LINES) {
  describeWithReferenceFor(line, `ResourceDistribution reproduces docs-examples/resourcedistribution.yaml (1) (Kruise ${line})`, (ref) => {
    test('#0 sample', () => {
      const examples = readYamlDocs(path.join(ref, 'docs-examples', 'resourcedistribution.yaml')).filter(d => d.kind === 'ResourceDistribution');
      expect(examples.length).toBe(1);
      const chart = chartFor(line, [FeatureGate.RESOURCE_DISTRIBUTION.enable()]);
      const gameDemo = new kplus.ConfigMap(chart, 'game-demo', {
        metadata: { name: 'game-demo' },
        data: {
          'game.properties': 'enemy.types=aliens,monsters\nplayer.maximum-lives=5\n',
          'player_initial_lives': '3',
          'ui_properties_file_name': 'user-interface.properties',
          'user-interface.properties': 'color.good=purple\ncolor.bad=yellow\nallow.textmode=true\n',
        },
      });
      new ResourceDistribution(chart, 'rd', {
        metadata: { name: 'sample' },
        resource: DistributedResource.fromConfigMap(gameDemo),
        excludedNamespaces: ['ns-3'],
        includedNamespaces: ['ns-1', 'ns-4'],
        namespaceLabelSelector: kplus.LabelSelector.of({ labels: { group: 'test' } }),
      });
      expect(missingFrom(only(synthValidFor(chart, line), 'ResourceDistribution'), examples[0])).toEqual([]);
    });
  });
}
