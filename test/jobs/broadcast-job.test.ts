import * as path from 'path';
import { ApiObject, Duration, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { BroadcastJob, BroadcastJobFailurePolicyType, IntOrPercent, JobCompletionPolicy, JobCompletionPolicyType } from '../../src';
import { missingFrom, newChart, synthValid } from '../util/l2';
import { describeWithReferenceFor, readYamlDocs } from '../util/reference';
import { only, validationErrors } from '../util/validations';
import { chartFor, REFERENCE_LINES, synthValidFor } from '../util/versions';

const perl = { name: 'pi', image: 'perl', command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'] };

describe('BroadcastJob', () => {
  test('emits the BroadcastJob spec fields that were set', () => {
    const chart = newChart();
    new BroadcastJob(chart, 'bj', {
      metadata: { name: 'bj' },
      containers: [perl],
      parallelism: IntOrPercent.percent(50),
      completionPolicy: JobCompletionPolicy.always({ activeDeadline: Duration.minutes(10), ttlAfterFinished: Duration.seconds(30) }),
      failurePolicy: { type: BroadcastJobFailurePolicyType.PAUSE, restartLimit: 2 },
      paused: true,
    });
    const bj = only(synthValid(chart), 'BroadcastJob');
    expect(bj.apiVersion).toBe('apps.kruise.io/v1alpha1');
    expect(bj.spec.parallelism).toBe('50%');
    expect(bj.spec.completionPolicy).toEqual({ type: 'Always', activeDeadlineSeconds: 600, ttlSecondsAfterFinished: 30 });
    expect(bj.spec.failurePolicy).toEqual({ type: 'Pause', restartLimit: 2 });
    expect(bj.spec.paused).toBe(true);
    expect(bj.spec.selector).toBeUndefined();
  });

  test('emits only what was set: no completion or failure policy, no cdk8s-plus pod defaults', () => {
    const chart = newChart();
    new BroadcastJob(chart, 'bj', { containers: [{ image: 'busybox' }] });
    const spec = only(synthValid(chart), 'BroadcastJob').spec;
    expect(Object.keys(spec).sort()).toEqual(['template']);
    const pod = spec.template.spec;
    expect(pod.restartPolicy).toBe('Never');
    expect(pod.securityContext).toBeUndefined();
    expect(pod.automountServiceAccountToken).toBeUndefined();
    expect(pod.containers[0].resources).toBeUndefined();
    expect(pod.containers[0].imagePullPolicy).toBeUndefined();
    expect(pod.containers[0].securityContext).toBeUndefined();
  });

  test('restartPolicy defaults to Never; OnFailure is kept', () => {
    const chart = newChart();
    new BroadcastJob(chart, 'never', { containers: [{ image: 'busybox' }] });
    new BroadcastJob(chart, 'onfailure', { containers: [{ image: 'busybox' }], restartPolicy: kplus.RestartPolicy.ON_FAILURE });
    const [never, onFailure] = synthValid(chart);
    expect(never.spec.template.spec.restartPolicy).toBe('Never');
    expect(onFailure.spec.template.spec.restartPolicy).toBe('OnFailure');
  });

  test('JobCompletionPolicy.never() emits the type alone (no deadline or TTL can be given)', () => {
    const chart = newChart();
    const bj = new BroadcastJob(chart, 'bj', { containers: [{ image: 'busybox' }], completionPolicy: JobCompletionPolicy.never() });
    expect(bj.completionPolicy?.type).toBe(JobCompletionPolicyType.NEVER);
    expect(only(synthValid(chart), 'BroadcastJob').spec.completionPolicy).toEqual({ type: 'Never' });
  });

  test('volumes, env and scheduling work as for a cdk8s-plus workload', () => {
    const chart = newChart();
    const bj = new BroadcastJob(chart, 'bj');
    const c = bj.addContainer({ name: 'c', image: 'busybox', envVariables: { A: kplus.EnvValue.fromValue('1') } });
    c.mount('/data', kplus.Volume.fromEmptyDir(chart, 'v', 'data'));
    const pod = only(synthValid(chart), 'BroadcastJob').spec.template.spec;
    expect(pod.containers[0].env).toEqual([{ name: 'A', value: '1' }]);
    expect(pod.containers[0].volumeMounts).toEqual([{ name: 'data', mountPath: '/data' }]);
    expect(pod.volumes).toEqual([{ name: 'data', emptyDir: {} }]);
  });

  describe('rule 25: restartPolicy Never or OnFailure; TTL and deadline only with Always', () => {
    test('restartPolicy Always is rejected', () => {
      expect(() => new BroadcastJob(newChart(), 'bj', { restartPolicy: kplus.RestartPolicy.ALWAYS }))
        .toThrow('test/bj: spec.template.spec.restartPolicy "Always": BroadcastJob pods must restart Never or OnFailure (Kruise rejects Always); use RestartPolicy.NEVER (the default here) or RestartPolicy.ON_FAILURE');
    });

    test('TTL and deadline exist only on JobCompletionPolicy.always() (never() takes no options)', () => {
      expect(JobCompletionPolicy.never.length).toBe(0);
      expect(JobCompletionPolicy.always.length).toBe(0); // options are optional
    });

    test('a zero or fractional deadline is rejected at construction', () => {
      expect(() => new BroadcastJob(newChart(), 'bj', { completionPolicy: JobCompletionPolicy.always({ activeDeadline: Duration.seconds(0) }) }))
        .toThrow('test/bj: spec.completionPolicy.activeDeadlineSeconds 0: a zero deadline stops the job before it starts; give a deadline of at least one second or omit it');
      expect(() => new BroadcastJob(newChart(), 'bj', { completionPolicy: JobCompletionPolicy.always({ ttlAfterFinished: Duration.millis(1500) }) }))
        .toThrow('test/bj: spec.completionPolicy.ttlSecondsAfterFinished "1500ms": the API takes whole seconds; use a whole number of seconds, e.g. Duration.seconds(30)');
    });
  });

  test('the controller\'s own labels may not be preset in the template (checked at synth)', () => {
    const chart = newChart();
    const bj = new BroadcastJob(chart, 'bj', { containers: [{ image: 'busybox' }] });
    bj.podMetadata.addLabel('broadcastjob-name', 'x');
    // Kruise's rule, from the review's admission rules on the emitted object.
    expect(validationErrors(chart)).toEqual([
      expect.stringMatching(/^BroadcastJob test-bj-[0-9a-f]+: spec.template.metadata.labels\["broadcastjob-name"\]: .*\[BroadcastJob\/reserved-labels\]/),
    ]);
  });

  test('a BroadcastJob has no selector: select: true throws, select() fails synth', () => {
    expect(() => new BroadcastJob(newChart(), 'bj', { select: true }))
      .toThrow('test/bj: select true: a BroadcastJob has no label selector; remove select (the pods are found by their owner reference)');
    const chart = newChart();
    const bj = new BroadcastJob(chart, 'bj', { containers: [{ image: 'busybox' }] });
    bj.select(kplus.LabelSelector.of({ labels: { app: 'x' } }));
    expect(validationErrors(chart)).toEqual(['select(): a BroadcastJob has no label selector, so the selector would be dropped; remove the select() call']);
  });

  test('name: letters, digits and - only, at most 63 characters', () => {
    expect(() => new BroadcastJob(newChart(), 'bj', { metadata: { name: 'my_job' } }))
      .toThrow('test/bj: metadata.name "my_job": Kruise accepts BroadcastJob names of letters, digits and \'-\' only; rename it, e.g. replace \'.\' and \'_\' with \'-\'');
    expect(() => new BroadcastJob(newChart(), 'bj', { metadata: { name: 'a'.repeat(64) } }))
      .toThrow(/metadata.name "a+": Kruise accepts BroadcastJob names of at most 63 characters \(this one has 64\); use a shorter name/);
  });

  test('parallelism 0 is accepted, as Kruise accepts it, with a warning', () => {
    const chart = newChart();
    const bj = new BroadcastJob(chart, 'bj', { metadata: { name: 'bj' }, containers: [{ image: 'busybox:1.36' }], parallelism: IntOrPercent.count(0) });
    expect(validationErrors(chart)).toEqual([]);
    expect(ApiObject.of(bj).node.metadata.filter(m => m.type === 'warning').map(m => m.data))
      .toEqual([expect.stringMatching(/^BroadcastJob bj: spec.parallelism: .* \[BroadcastJob\/parallelism\]/)]);
  });

  test('a negative restartLimit is rejected', () => {
    expect(() => new BroadcastJob(newChart(), 'bj', { failurePolicy: { restartLimit: -1 } }))
      .toThrow('test/bj: spec.failurePolicy.restartLimit -1: must be a whole number >= 0; give the number of restarts allowed, 0 or more');
  });

  test('escape hatch: a JSON patch on ApiObject.of() reaches the output', () => {
    const chart = newChart();
    const bj = new BroadcastJob(chart, 'bj', { containers: [{ image: 'busybox' }] });
    ApiObject.of(bj).addJsonPatch(JsonPatch.add('/spec/template/spec/priorityClassName', 'batch-low'));
    expect(only(synthValid(chart), 'BroadcastJob').spec.template.spec.priorityClassName).toBe('batch-low');
  });
});

for (const line of REFERENCE_LINES) {
  describeWithReferenceFor(line, `BroadcastJob docs examples (docs-examples/broadcastjob.yaml) (Kruise ${line})`, (dir) => {
    const examples = readYamlDocs(path.join(dir, 'docs-examples', 'broadcastjob.yaml'));
    const byName = (name: string) => examples.find(e => e.metadata.name === name);

    test('the file holds the four BroadcastJobs reproduced below', () => {
      expect(examples.map(e => `${e.kind}/${e.metadata.name}`)).toEqual([
        'BroadcastJob/broadcastjob-ttl', 'BroadcastJob/broadcastjob-active-deadline',
        'BroadcastJob/broadcastjob-never-complete', 'BroadcastJob/broadcastjob-restart-limit',
      ]);
    });

    const cases: Array<[string, (chart: any) => void]> = [
      ['broadcastjob-ttl', chart => new BroadcastJob(chart, 'ex', {
        metadata: { name: 'broadcastjob-ttl' },
        containers: [perl],
        completionPolicy: JobCompletionPolicy.always({ ttlAfterFinished: Duration.seconds(30) }),
      })],
      ['broadcastjob-active-deadline', chart => new BroadcastJob(chart, 'ex', {
        metadata: { name: 'broadcastjob-active-deadline' },
        containers: [{ name: 'sleep', image: 'busybox', command: ['sleep', '50000'] }],
        completionPolicy: JobCompletionPolicy.always({ activeDeadline: Duration.seconds(10) }),
      })],
      ['broadcastjob-never-complete', chart => new BroadcastJob(chart, 'ex', {
        metadata: { name: 'broadcastjob-never-complete' },
        containers: [{ name: 'sleep', image: 'busybox', command: ['sleep', '5'] }],
        completionPolicy: JobCompletionPolicy.never(),
      })],
      ['broadcastjob-restart-limit', chart => new BroadcastJob(chart, 'ex', {
        metadata: { name: 'broadcastjob-restart-limit' },
        containers: [{ name: 'sleep', image: 'busybox', command: ['cat', '/path/not/exist'] }],
        completionPolicy: JobCompletionPolicy.never(),
        failurePolicy: { type: BroadcastJobFailurePolicyType.FAIL_FAST, restartLimit: 3 },
      })],
    ];
    test.each(cases)('%s', (name, build) => {
      const chart = chartFor(line);
      build(chart);
      expect(missingFrom(only(synthValidFor(chart, line), 'BroadcastJob'), byName(name))).toEqual([]);
    });
  });
}
