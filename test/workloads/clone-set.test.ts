import * as path from 'path';
import { ApiObject, Duration, JsonPatch, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { CloneSet, CloneSetUpdateStrategy, PodUpdatePolicy, IntOrPercent, UpdatePriority } from '../../src';
import { missingFrom, newChart, synthValid } from '../util/l2';
import { describeWithReferenceFor, readYamlDocs } from '../util/reference';
import { only, synthChecked, validationErrors } from '../util/validations';
import { chartFor, REFERENCE_LINES, synthValidFor } from '../util/versions';

const nginx = { name: 'nginx', image: 'nginx:alpine' };

/** A CloneSet selecting `app: <app>` explicitly, as the docs examples do. */
function labelled(chart: any, id: string, app: string, props: any = {}): CloneSet {
  const cs = new CloneSet(chart, id, { select: false, podMetadata: { labels: { app } }, ...props });
  cs.select(kplus.LabelSelector.of({ labels: { app } }));
  return cs;
}

describe('CloneSet', () => {
  test('emits the spec fields that were set', () => {
    const chart = newChart();
    new CloneSet(chart, 'cs', {
      replicas: 4,
      minReady: Duration.seconds(10),
      revisionHistoryLimit: 3,
      updateStrategy: CloneSetUpdateStrategy.inPlaceIfPossible({
        partition: IntOrPercent.percent(50),
        maxUnavailable: IntOrPercent.count(2),
        maxSurge: IntOrPercent.percent(10),
        paused: true,
        gracePeriod: Duration.seconds(15),
        priority: UpdatePriority.weighted([{ weight: 50, matchLabels: { tier: 'canary' } }]),
        scatter: [{ key: 'zone', value: 'a' }],
      }),
      scaleStrategy: { maxUnavailable: IntOrPercent.count(1), podsToDelete: ['p-1', 'p-2'], disablePvcReuse: true },
      lifecycle: { preDelete: { finalizers: ['example.com/hold'], markPodNotReady: true }, preNormal: { labels: { ready: 'true' } } },
      containers: [nginx],
    });
    const spec = only(synthChecked(chart), 'CloneSet').spec;
    expect(spec).toMatchObject({
      replicas: 4,
      minReadySeconds: 10,
      revisionHistoryLimit: 3,
      updateStrategy: {
        type: 'InPlaceIfPossible',
        partition: '50%',
        maxUnavailable: 2,
        maxSurge: '10%',
        paused: true,
        inPlaceUpdateStrategy: { gracePeriodSeconds: 15 },
        priorityStrategy: { weightPriority: [{ weight: 50, matchSelector: { matchLabels: { tier: 'canary' } } }] },
        scatterStrategy: [{ key: 'zone', value: 'a' }],
      },
      scaleStrategy: { maxUnavailable: 1, podsToDelete: ['p-1', 'p-2'], disablePVCReuse: true },
      lifecycle: { preDelete: { finalizersHandler: ['example.com/hold'], markPodNotReady: true }, preNormal: { labelsHandler: { ready: 'true' } } },
    });
  });

  test('ordered priority and the other update types', () => {
    const chart = newChart();
    new CloneSet(chart, 'a', { containers: [nginx], updateStrategy: CloneSetUpdateStrategy.recreate({ priority: UpdatePriority.ordered(['rank']) }) });
    new CloneSet(chart, 'b', { containers: [nginx], updateStrategy: CloneSetUpdateStrategy.inPlaceOnly() });
    const [a, b] = synthChecked(chart);
    expect(a.spec.updateStrategy).toEqual({ type: 'ReCreate', priorityStrategy: { orderPriority: [{ orderedKey: 'rank' }] } });
    expect(b.spec.updateStrategy).toEqual({ type: 'InPlaceOnly' });
    expect(CloneSetUpdateStrategy.inPlaceOnly().type).toBe(PodUpdatePolicy.IN_PLACE_ONLY);
  });

  test('emits nothing that was not set: no replicas, strategies or pod defaults', () => {
    const chart = newChart();
    new CloneSet(chart, 'cs', { containers: [nginx] });
    const cs = only(synthChecked(chart), 'CloneSet');
    expect(Object.keys(cs.spec).sort()).toEqual(['selector', 'template']);
    const pod = cs.spec.template.spec;
    expect(Object.keys(pod)).toEqual(['containers']);
    expect(pod.containers).toEqual([nginx]);
    for (const field of ['resources', 'securityContext', 'imagePullPolicy']) expect(pod.containers[0][field]).toBeUndefined();
    expect(pod.automountServiceAccountToken).toBeUndefined();
    expect(pod.securityContext).toBeUndefined();
  });

  test('pod settings given explicitly are emitted, quantities and ports as plain values', () => {
    const chart = newChart();
    new CloneSet(chart, 'cs', {
      automountServiceAccountToken: true,
      securityContext: { ensureNonRoot: true },
      containers: [{
        ...nginx,
        imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
        resources: { memory: { request: Size.mebibytes(64) } },
        securityContext: { readOnlyRootFilesystem: true },
        readiness: kplus.Probe.fromHttpGet('/healthz', { port: 8080 }),
      }],
    });
    const pod = only(synthChecked(chart), 'CloneSet').spec.template.spec;
    expect(pod.automountServiceAccountToken).toBe(true);
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true });
    expect(pod.containers[0]).toMatchObject({
      imagePullPolicy: 'IfNotPresent',
      resources: { requests: { memory: '64Mi' } },
      securityContext: { readOnlyRootFilesystem: true },
      readinessProbe: { httpGet: { path: '/healthz', port: 8080 } },
    });
  });

  test('by default the selector and the pod carry the cdk8s address label', () => {
    const chart = newChart();
    new CloneSet(chart, 'cs', { containers: [nginx] });
    const spec = only(synthChecked(chart), 'CloneSet').spec;
    const addr = spec.selector.matchLabels['cdk8s.io/metadata.addr'];
    expect(addr).toBeDefined();
    expect(spec.template.metadata.labels['cdk8s.io/metadata.addr']).toBe(addr);
  });

  test('with select: false the address label is dropped, unless something selects the pods by it', () => {
    const chart = newChart();
    const plain = labelled(chart, 'plain', 'a', { containers: [nginx] });
    const selected = labelled(chart, 'selected', 'b', { containers: [nginx] });
    new kplus.Deployment(chart, 'web', { containers: [nginx] }).scheduling.colocate(selected);
    const byName = (m: any[], n: string) => m.find(x => x.kind === 'CloneSet' && x.metadata.name.includes(n));
    const manifests = synthChecked(chart);
    expect(byName(manifests, 'plain').spec.template.metadata.labels).toEqual({ app: 'a' });
    expect(Object.keys(byName(manifests, 'selected').spec.template.metadata.labels)).toEqual(['app', 'cdk8s.io/metadata.addr']);
    expect(plain.readinessGates).toEqual([]);
  });

  test('readiness gates are emitted once each', () => {
    const chart = newChart();
    const cs = new CloneSet(chart, 'cs', { containers: [nginx], readinessGates: ['a'] });
    cs.addReadinessGate('b');
    cs.addReadinessGate('a');
    expect(only(synthChecked(chart), 'CloneSet').spec.template.spec.readinessGates).toEqual([{ conditionType: 'a' }, { conditionType: 'b' }]);
  });

  test('addVolumeClaimTemplate: the claim template is emitted, the container mounts it, the pod gets no volume', () => {
    const chart = newChart();
    const cs = new CloneSet(chart, 'cs', { containers: [nginx] });
    const data = cs.addVolumeClaimTemplate('data', {
      storage: Size.gibibytes(20),
      accessModes: [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE],
      storageClassName: 'fast',
      volumeMode: kplus.PersistentVolumeMode.FILE_SYSTEM,
    });
    cs.containers[0].mount('/data', data);
    const spec = only(synthChecked(chart), 'CloneSet').spec;
    expect(spec.volumeClaimTemplates).toEqual([{
      metadata: { name: 'data' },
      spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'fast', volumeMode: 'Filesystem', resources: { requests: { storage: '20Gi' } } },
    }]);
    expect(spec.template.spec.volumes).toBeUndefined();
    expect(spec.template.spec.containers[0].volumeMounts).toEqual([{ name: 'data', mountPath: '/data' }]);
  });

  test('volume claim templates: raw and typed together, sizes in whole units', () => {
    const chart = newChart();
    const cs = new CloneSet(chart, 'cs', { containers: [nginx], volumeClaimTemplates: [{ metadata: { name: 'raw' }, spec: { accessModes: ['ReadWriteOnce'] } }] });
    cs.addVolumeClaimTemplate('half', { storage: Size.mebibytes(512) });
    const vcts = only(synthChecked(chart), 'CloneSet').spec.volumeClaimTemplates;
    expect(vcts.map((v: any) => v.metadata.name)).toEqual(['raw', 'half']);
    expect(vcts[1].spec).toEqual({ resources: { requests: { storage: '512Mi' } } });
    expect(() => cs.addVolumeClaimTemplate('raw')).toThrow(
      'test/cs: spec.volumeClaimTemplates[].metadata.name "raw": a volume claim template with this name already exists; give each template its own name');
    expect(() => cs.addVolumeClaimTemplate('Bad_Name')).toThrow(/must be a DNS label/);
  });

  test('escape hatch: a JSON patch on ApiObject.of() reaches the output', () => {
    const chart = newChart();
    const cs = new CloneSet(chart, 'cs', { containers: [nginx] });
    ApiObject.of(cs).addJsonPatch(JsonPatch.add('/spec/template/spec/priorityClassName', 'high'));
    expect(only(synthValid(chart), 'CloneSet').spec.template.spec.priorityClassName).toBe('high');
  });

  describe('admission rules', () => {
    test('rule 1: the selector must match the template labels', () => {
      const chart = newChart();
      const cs = new CloneSet(chart, 'cs', { select: false, containers: [nginx] });
      cs.select(kplus.LabelSelector.of({ labels: { app: 'x' } }));
      // Kruise's rules on the emitted object come from the review.
      expect(validationErrors(chart)).toEqual([expect.stringMatching(/^CloneSet test-cs-[0-9a-f]+: spec.template.metadata.labels: .*\[CloneSet\/selector-matches-template\]/)]);
    });

    test('rule 1: the selector must not be empty', () => {
      const chart = newChart();
      new CloneSet(chart, 'cs', { select: false, containers: [nginx] });
      expect(validationErrors(chart)).toEqual([expect.stringMatching(/^CloneSet test-cs-[0-9a-f]+: spec.selector: .*\[CloneSet\/selector-not-empty\]/)]);
    });

    test('rule 1: selector expressions are checked too', () => {
      const chart = newChart();
      const cs = new CloneSet(chart, 'cs', { select: false, podMetadata: { labels: { app: 'a' } }, containers: [nginx] });
      cs.select(kplus.LabelSelector.of({ expressions: [kplus.LabelExpression.in('app', ['b'])] }));
      expect(validationErrors(chart)).toEqual([expect.stringMatching(/^CloneSet test-cs-[0-9a-f]+: spec.template.metadata.labels: .*"In".*\[CloneSet\/selector-matches-template\]/)]);
    });

    test('rule 2: restartPolicy must be Always', () => {
      expect(() => new CloneSet(newChart(), 'cs', { restartPolicy: kplus.RestartPolicy.NEVER, containers: [nginx] })).toThrow(
        'test/cs: spec.template.spec.restartPolicy "Never": CloneSet pods must restart Always; remove restartPolicy');
    });

    test('rule 4: no maxSurge above 0 with InPlaceOnly (a count throws at once; a percentage is judged at synth with replicas)', () => {
      expect(() => new CloneSet(newChart(), 'cs', { containers: [nginx], updateStrategy: CloneSetUpdateStrategy.inPlaceOnly({ maxSurge: IntOrPercent.count(1) }) })).toThrow(
        'test/cs: spec.updateStrategy.maxSurge 1: Kruise rejects a maxSurge above 0 with InPlaceOnly; remove maxSurge (or set it to 0), or use CloneSetUpdateStrategy.inPlaceIfPossible()');
      const chart = newChart();
      new CloneSet(chart, 'cs', { replicas: 4, containers: [nginx], updateStrategy: CloneSetUpdateStrategy.inPlaceOnly({ maxSurge: IntOrPercent.percent(10) }) });
      expect(validationErrors(chart)).toEqual([expect.stringMatching(/^CloneSet test-cs-[0-9a-f]+: spec.updateStrategy.maxSurge: .*\[CloneSet\/[a-z-]+\]/)]);
    });

    test('Kruise accepts, so do we: InPlaceOnly with maxSurge 0', () => {
      const chart = newChart();
      new CloneSet(chart, 'cs', { containers: [nginx], updateStrategy: CloneSetUpdateStrategy.inPlaceOnly({ maxSurge: IntOrPercent.count(0) }) });
      expect(validationErrors(chart)).toEqual([]);
      expect(only(Testing.synth(chart), 'CloneSet').spec.updateStrategy).toEqual({ type: 'InPlaceOnly', maxSurge: 0 });
    });

    test('rule 5: maxUnavailable and maxSurge not both below one pod (judged at synth with replicas)', () => {
      const updateStrategy = CloneSetUpdateStrategy.recreate({ maxUnavailable: IntOrPercent.percent(0), maxSurge: IntOrPercent.count(0) });
      const chart = newChart();
      new CloneSet(chart, 'cs', { replicas: 2, containers: [nginx], updateStrategy });
      expect(validationErrors(chart)).toEqual([expect.stringMatching(/^CloneSet test-cs-[0-9a-f]+: spec.updateStrategy.maxUnavailable: .*\[CloneSet\/update-budget-not-zero\]/)]);
    });

    test('Kruise accepts, so do we: replicas 0 with both budgets 0', () => {
      const updateStrategy = CloneSetUpdateStrategy.recreate({ maxUnavailable: IntOrPercent.percent(0), maxSurge: IntOrPercent.count(0) });
      const chart = newChart();
      new CloneSet(chart, 'cs', { replicas: 0, containers: [nginx], updateStrategy });
      expect(validationErrors(chart)).toEqual([]);
    });

    test('Kruise accepts, so do we: maxUnavailable above 100% (a warning)', () => {
      const chart = newChart();
      const cs = new CloneSet(chart, 'cs', { containers: [nginx], updateStrategy: CloneSetUpdateStrategy.recreate({ maxUnavailable: IntOrPercent.percent(120) }) });
      expect(validationErrors(chart)).toEqual([]);
      expect(ApiObject.of(cs).node.metadata.filter(m => m.type === 'warning').map(m => m.data))
        .toEqual([expect.stringMatching(/^CloneSet test-cs-[0-9a-f]+: spec.updateStrategy.maxUnavailable: .*120%.*\[CloneSet\/max-unavailable-max-surge\]/)]);
    });

    test('rule 6: podsToDelete must be unique; partition cannot be negative', () => {
      expect(() => new CloneSet(newChart(), 'cs', { containers: [nginx], scaleStrategy: { podsToDelete: ['a', 'b', 'a'] } })).toThrow(
        'test/cs: spec.scaleStrategy.podsToDelete[2] "a": duplicates are not allowed; list each pod once');
      expect(() => IntOrPercent.count(-1)).toThrow('IntOrPercent.count(-1): must be a whole number >= 0');
    });

    test('rule 7: weights are 0-100 and priorities are not empty', () => {
      const weighted = CloneSetUpdateStrategy.recreate({ priority: UpdatePriority.weighted([{ weight: 101, matchLabels: { a: 'b' } }]) });
      expect(() => new CloneSet(newChart(), 'cs', { containers: [nginx], updateStrategy: weighted })).toThrow(
        'test/cs: spec.updateStrategy.priorityStrategy.weightPriority[0].weight 101: Kruise accepts weights from 0 to 100; use a whole number between 0 and 100');
      const empty = CloneSetUpdateStrategy.recreate({ priority: UpdatePriority.ordered([]) });
      expect(() => new CloneSet(newChart(), 'cs', { containers: [nginx], updateStrategy: empty })).toThrow(
        'test/cs: spec.updateStrategy.priorityStrategy.orderPriority []: an empty ordered priority has no effect; give at least one label key or omit the priority');
    });

    test('rule 7: a scatter term (key=value) is listed once', () => {
      const updateStrategy = CloneSetUpdateStrategy.recreate({ scatter: [{ key: 'zone', value: 'a' }, { key: 'zone', value: 'a' }] });
      expect(() => new CloneSet(newChart(), 'cs', { containers: [nginx], updateStrategy })).toThrow(
        'test/cs: spec.updateStrategy.scatterStrategy[1] "zone=a": Kruise rejects the same scatter term twice; list each key=value pair once');
    });

    test('Kruise accepts, so do we: scatter terms with the same key and different values', () => {
      const chart = newChart();
      const updateStrategy = CloneSetUpdateStrategy.recreate({ scatter: [{ key: 'zone', value: 'a' }, { key: 'zone', value: 'b' }] });
      new CloneSet(chart, 'cs', { containers: [nginx], updateStrategy });
      expect(validationErrors(chart)).toEqual([]);
      expect(only(Testing.synth(chart), 'CloneSet').spec.updateStrategy.scatterStrategy).toEqual([{ key: 'zone', value: 'a' }, { key: 'zone', value: 'b' }]);
    });

    test('replicas and revisionHistoryLimit are whole numbers >= 0', () => {
      expect(() => new CloneSet(newChart(), 'cs', { containers: [nginx], replicas: -1 })).toThrow(
        'test/cs: spec.replicas -1: replicas must be a whole number >= 0; set replicas to 0 or more');
      expect(() => new CloneSet(newChart(), 'cs', { containers: [nginx], revisionHistoryLimit: 1.5 })).toThrow(
        'test/cs: spec.revisionHistoryLimit 1.5: revisionHistoryLimit must be a whole number >= 0; set it to 0 or more');
    });
  });
});

for (const line of REFERENCE_LINES) {
  describeWithReferenceFor(line, `CloneSet docs examples (Kruise ${line})`, (dir) => {
    const read = (file: string) => readYamlDocs(path.join(dir, 'docs-examples', file)).filter(d => d.kind === 'CloneSet');
    const emitted = (chart: any) => only(synthValidFor(chart, line), 'CloneSet');

    test('cloneset.yaml#0 sample', () => {
      const [example] = read('cloneset.yaml');
      const chart = chartFor(line);
      labelled(chart, 'cs', 'sample', { metadata: { name: 'sample', labels: { app: 'sample' } }, replicas: 5, containers: [nginx] });
      const out = emitted(chart);
      expect(missingFrom(out, example)).toEqual([]);
      expect(out).toEqual(example);
    });

    test('cloneset.yaml#1 sample-data (PVC template)', () => {
      const example = read('cloneset.yaml')[1];
      const chart = chartFor(line);
      const cs = labelled(chart, 'cs', 'sample', { metadata: { name: 'sample-data', labels: { app: 'sample' } }, replicas: 5, containers: [nginx] });
      const vol = cs.addVolumeClaimTemplate('data-vol', { accessModes: [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE], storage: Size.gibibytes(20) });
      cs.containers[0].mount('/usr/share/nginx/html', vol);
      const out = emitted(chart);
      expect(missingFrom(out, example)).toEqual([]);
      expect(out).toEqual(example);
    });

    test('cloneset-lifecycle.yaml cloneset-lifecycle-demo', () => {
      const [example] = read('cloneset-lifecycle.yaml');
      const chart = chartFor(line);
      const cs = new CloneSet(chart, 'cs', {
        metadata: { name: 'cloneset-lifecycle-demo', namespace: 'demo' },
        replicas: 2,
        lifecycle: {
          inPlaceUpdate: { labels: { 'example.com/unready-blocker-inplace': 'true' } },
          preDelete: { labels: { 'example.com/unready-blocker-delete': 'true' } },
        },
        select: false,
        podMetadata: {
          labels: {
            'app': 'nginx',
            'example.com/newly-create': 'true',
            'example.com/unready-blocker-inplace': 'true',
            'example.com/unready-blocker-delete': 'true',
          },
        },
        containers: [{ name: 'main', image: 'nginx:latest', imagePullPolicy: kplus.ImagePullPolicy.ALWAYS }],
        updateStrategy: CloneSetUpdateStrategy.inPlaceIfPossible({ maxUnavailable: IntOrPercent.percent(20) }),
      });
      cs.select(kplus.LabelSelector.of({ labels: { app: 'nginx' } }));
      const out = emitted(chart);
      expect(missingFrom(out, example)).toEqual([]);
      expect(out).toEqual(example);
    });

    test('elastic-deployment.yaml hello-web', () => {
      const [example] = read('elastic-deployment.yaml');
      const chart = chartFor(line);
      labelled(chart, 'cs', 'hello-web', {
        metadata: { name: 'hello-web', namespace: 'ingress-nginx', labels: { app: 'hello-web' } },
        replicas: 1,
        containers: [{
          name: 'hello-web',
          image: 'zhangsean/hello-web',
          ports: [{ number: 80 }],
          resources: {
            cpu: { request: kplus.Cpu.units(1), limit: kplus.Cpu.units(2) },
            memory: { request: Size.mebibytes(256), limit: Size.mebibytes(512) },
          },
        }],
      });
      const out = emitted(chart);
      expect(missingFrom(out, example)).toEqual([]);
      expect(out).toEqual(example);
    });

    test('gitops-with-kruise.yaml helloworld-server', () => {
      const [example] = read('gitops-with-kruise.yaml');
      const chart = chartFor(line);
      labelled(chart, 'cs', 'helloworld-server', {
        metadata: { name: 'helloworld-server', labels: { app: 'helloworld-server' } },
        updateStrategy: CloneSetUpdateStrategy.inPlaceIfPossible({ partition: IntOrPercent.count(1) }),
        replicas: 2,
        containers: [{ name: 'helloworld', image: 'openkruise/kruise:hello_world-d92ae174b' }],
      });
      const out = emitted(chart);
      expect(missingFrom(out, example)).toEqual([]);
      expect(out).toEqual(example);
    });
  });
}
