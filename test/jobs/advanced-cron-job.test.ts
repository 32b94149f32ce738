import * as path from 'path';
import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  AdvancedCronJob, AdvancedCronJobConcurrencyPolicy, AdvancedCronJobTemplate, AdvancedCronJobTemplateType,
  BroadcastJobFailurePolicyType, IntOrPercent, JobCompletionPolicy, KruiseSchemaValidator,
} from '../../src';
import { missingFrom, newChart, synthValid } from '../util/l2';
import { describeWithReferenceFor, readYamlDocs } from '../util/reference';
import { only, validationErrors } from '../util/validations';
import { chartFor, REFERENCE_LINES, synthValidFor } from '../util/versions';

const busybox = { name: 'c', image: 'busybox' };

describe('AdvancedCronJob', () => {
  test('emits the schedule settings that were set', () => {
    const chart = newChart();
    new AdvancedCronJob(chart, 'acj', {
      schedule: '0 3 * * MON-FRI',
      timeZone: 'Europe/Berlin',
      concurrencyPolicy: AdvancedCronJobConcurrencyPolicy.FORBID,
      startingDeadline: Duration.minutes(2),
      successfulJobsHistoryLimit: 5,
      failedJobsHistoryLimit: 0,
      paused: true,
      template: AdvancedCronJobTemplate.job(),
      containers: [busybox],
    });
    const spec = only(synthValid(chart), 'AdvancedCronJob').spec;
    expect(spec).toMatchObject({
      schedule: '0 3 * * MON-FRI',
      timeZone: 'Europe/Berlin',
      concurrencyPolicy: 'Forbid',
      startingDeadlineSeconds: 120,
      successfulJobsHistoryLimit: 5,
      failedJobsHistoryLimit: 0,
      paused: true,
    });
  });

  test('a BroadcastJob template renders the BroadcastJob spec with the pod template', () => {
    const chart = newChart();
    const acj = new AdvancedCronJob(chart, 'acj', {
      schedule: '@daily',
      template: AdvancedCronJobTemplate.broadcastJob({
        parallelism: IntOrPercent.count(2),
        completionPolicy: JobCompletionPolicy.always({ ttlAfterFinished: Duration.minutes(1) }),
        failurePolicy: { type: BroadcastJobFailurePolicyType.CONTINUE },
        paused: false,
      }),
      containers: [busybox],
    });
    expect(acj.template.type).toBe(AdvancedCronJobTemplateType.BROADCAST_JOB);
    const spec = only(synthValid(chart), 'AdvancedCronJob').spec;
    expect(Object.keys(spec.template)).toEqual(['broadcastJobTemplate']);
    const bj = spec.template.broadcastJobTemplate.spec;
    expect(bj).toMatchObject({ parallelism: 2, completionPolicy: { type: 'Always', ttlSecondsAfterFinished: 60 }, failurePolicy: { type: 'Continue' }, paused: false });
    expect(bj.template.spec.restartPolicy).toBe('Never');
    expect(bj.template.spec.containers).toEqual([{ name: 'c', image: 'busybox' }]);
    expect(spec.template.broadcastJobTemplate.metadata).toBeUndefined();
  });

  test('a Job template renders the batch JobSpec with labels and the pod template', () => {
    const chart = newChart();
    new AdvancedCronJob(chart, 'acj', {
      schedule: '*/10 * * * *',
      template: AdvancedCronJobTemplate.job({
        labels: { team: 'a' },
        annotations: { note: 'n' },
        activeDeadline: Duration.hours(1),
        backoffLimit: 2,
        completions: 3,
        parallelism: 1,
        ttlAfterFinished: Duration.minutes(5),
      }),
      containers: [busybox],
      restartPolicy: kplus.RestartPolicy.ON_FAILURE,
    });
    const jt = only(synthValid(chart), 'AdvancedCronJob').spec.template.jobTemplate;
    expect(jt.metadata).toEqual({ labels: { team: 'a' }, annotations: { note: 'n' } });
    expect(jt.spec).toMatchObject({ activeDeadlineSeconds: 3600, backoffLimit: 2, completions: 3, parallelism: 1, ttlSecondsAfterFinished: 300 });
    expect(jt.spec.template.spec.restartPolicy).toBe('OnFailure');
    expect(jt.spec.template.spec.containers[0].resources).toBeUndefined();
  });

  test('why broadcastJob() takes no labels: the CRD prunes everything under broadcastJobTemplate.metadata', () => {
    const problems = KruiseSchemaValidator.forVersion().validate({
      apiVersion: 'apps.kruise.io/v1alpha1',
      kind: 'AdvancedCronJob',
      metadata: { name: 'x' },
      spec: { schedule: '@daily', template: { broadcastJobTemplate: { metadata: { labels: { a: 'b' } }, spec: { template: {} } } } },
    });
    expect(problems.map(p => [p.path, p.kind])).toEqual([['spec.template.broadcastJobTemplate.metadata.labels', 'pruned']]);
  });

  test('an unknown concurrencyPolicy (from JavaScript) fails at construction', () => {
    expect(() => new AdvancedCronJob(newChart(), 'acj', {
      schedule: '@hourly', template: AdvancedCronJobTemplate.job(), containers: [busybox], concurrencyPolicy: 'Sometimes' as any,
    })).toThrow('test/acj: spec.concurrencyPolicy "Sometimes": Kruise accepts Allow, Forbid or Replace; use an AdvancedCronJobConcurrencyPolicy value');
  });

  describe('rule 26: exactly one template, a valid cron schedule, TZ and timeZone exclusive', () => {
    test('a template is required (one by construction: the factory gives exactly one)', () => {
      expect(() => new AdvancedCronJob(newChart(), 'acj', { schedule: '@hourly' } as any))
        .toThrow('test/acj: spec.template (unset): Kruise requires exactly one template; give template: AdvancedCronJobTemplate.broadcastJob({...}) or AdvancedCronJobTemplate.job({...})');
    });

    test('an invalid cron schedule is rejected', () => {
      expect(() => new AdvancedCronJob(newChart(), 'acj', { schedule: '*/5 * * *', template: AdvancedCronJobTemplate.job() }))
        .toThrow('test/acj: spec.schedule "*/5 * * *": not a valid cron schedule: expected exactly 5 fields (minute hour day-of-month month day-of-week), found 4; write five fields such as \'*/5 * * * *\', or a descriptor such as \'@hourly\' or \'@every 1h\'');
    });

    test.each([
      ['60 * * * *', '60 is above the maximum 59 of the minute field'],
      ['* 24 * * *', '24 is above the maximum 23 of the hour field'],
      ['* * 0 * *', '0 is below the minimum 1 of the day of month field'],
      ['* * * 13 *', '13 is above the maximum 12 of the month field'],
      ['* * * * 7', '7 is above the maximum 6 of the day of week field'],
      ['5-1 * * * *', "the range '5-1' starts after it ends (minute field)"],
      ['*/0 * * * *', "the step in '*/0' must be a positive number (minute field)"],
      ['1-2-3 * * * *', "too many hyphens in '1-2-3' (minute field)"],
      ['* * * FOO *', "'FOO' is not a number or a name in the month field"],
      ['@every', "unknown descriptor '@every' (use @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly or '@every <duration>')"],
      ['@every 1 hour', "'1 hour' is not a duration such as 90s, 5m or 1h30m"],
      ['', 'the schedule is empty'],
      ['TZ=Mars/Olympus 0 * * * *', "bad time zone 'Mars/Olympus': it is not an IANA time zone name"],
      ['0 * * * * *', 'expected exactly 5 fields (minute hour day-of-month month day-of-week), found 6'],
    ])('rejects %j: %s', (schedule, problem) => {
      expect(() => new AdvancedCronJob(newChart(), 'acj', { schedule, template: AdvancedCronJobTemplate.job() }))
        .toThrow(`not a valid cron schedule: ${problem};`);
    });

    test.each([
      '*/1 * * * *', '0 0 1 1 *', '0,15,30,45 8-18 * * mon-fri', '5/15 * ? JAN,jul SUN', '@hourly', '@midnight', '@every 1h30m',
      '@every 90s', 'TZ=Asia/Shanghai 0 8 * * *', 'CRON_TZ=UTC @daily', '0 12 15 * *',
    ])('accepts %j', schedule => {
      const chart = newChart();
      new AdvancedCronJob(chart, 'acj', { schedule, template: AdvancedCronJobTemplate.job(), containers: [busybox] });
      expect(only(synthValid(chart), 'AdvancedCronJob').spec.schedule).toBe(schedule);
    });

    test('a TZ prefix together with timeZone is rejected', () => {
      expect(() => new AdvancedCronJob(newChart(), 'acj', { schedule: 'TZ=UTC 0 * * * *', timeZone: 'UTC', template: AdvancedCronJobTemplate.job() }))
        .toThrow('test/acj: spec.schedule "TZ=UTC 0 * * * *": Kruise rejects a TZ= or CRON_TZ= prefix in the schedule together with timeZone; keep one: remove the prefix or the timeZone prop');
    });

    test.each([
      ['Local', "'Local' is the controller's own zone; Kruise requires an explicit IANA time zone"],
      ['asia/shanghai', "IANA names are case-sensitive; did you mean 'Asia/Shanghai'?"],
      ['Europe/Nowhere', 'it is not an IANA time zone name'],
      ['', 'the time zone is empty'],
    ])('timeZone %j is rejected: %s', (timeZone, problem) => {
      expect(() => new AdvancedCronJob(newChart(), 'acj', { schedule: '@daily', timeZone, template: AdvancedCronJobTemplate.job() }))
        .toThrow(`test/acj: spec.timeZone ${JSON.stringify(timeZone)}: not a valid time zone: ${problem}; use an IANA name such as 'Europe/Berlin' or 'UTC'`);
    });
  });

  test('the created Jobs and BroadcastJobs reject restartPolicy Always', () => {
    expect(() => new AdvancedCronJob(newChart(), 'acj', { schedule: '@daily', template: AdvancedCronJobTemplate.job(), restartPolicy: kplus.RestartPolicy.ALWAYS }))
      .toThrow('test/acj: spec.template.spec.restartPolicy "Always": Job pods must restart Never or OnFailure (Kruise rejects Always); use RestartPolicy.NEVER (the default here) or RestartPolicy.ON_FAILURE');
    expect(() => new AdvancedCronJob(newChart(), 'acj', { schedule: '@daily', template: AdvancedCronJobTemplate.broadcastJob(), restartPolicy: kplus.RestartPolicy.ALWAYS }))
      .toThrow(/BroadcastJob pods must restart Never or OnFailure/);
  });

  test('BroadcastJob template: parallelism 0 is accepted (as Kruise accepts it); reserved labels warn (Kruise accepts the AdvancedCronJob, then rejects each BroadcastJob it creates)', () => {
    const zero = newChart();
    new AdvancedCronJob(zero, 'acj', { schedule: '@daily', template: AdvancedCronJobTemplate.broadcastJob({ parallelism: IntOrPercent.percent(0) }), containers: [busybox] });
    expect(validationErrors(zero)).toEqual([]);
    const chart = newChart();
    const acj = new AdvancedCronJob(chart, 'acj', { schedule: '@daily', template: AdvancedCronJobTemplate.broadcastJob(), containers: [busybox] });
    acj.podMetadata.addLabel('broadcastjob-controller-uid', 'x');
    expect(validationErrors(chart)).toEqual([]);
    expect(acj.node.metadata.filter(m => m.type === 'warning').map(m => m.data)).toEqual([
      'spec.template.broadcastJobTemplate.spec.template.metadata.labels.broadcastjob-controller-uid: the BroadcastJob controller sets this label itself, so Kruise rejects every BroadcastJob this AdvancedCronJob creates; remove it',
    ]);
  });

  test('history limits, deadlines and Job numbers are checked', () => {
    expect(() => new AdvancedCronJob(newChart(), 'acj', { schedule: '@daily', template: AdvancedCronJobTemplate.job(), successfulJobsHistoryLimit: -1 }))
      .toThrow('test/acj: spec.successfulJobsHistoryLimit -1: must be a whole number >= 0; give the number of jobs to keep, 0 or more');
    expect(() => new AdvancedCronJob(newChart(), 'acj', { schedule: '@daily', template: AdvancedCronJobTemplate.job({ completions: 0 }) }))
      .toThrow('test/acj: spec.template.jobTemplate.spec.completions 0: must be a whole number >= 1; give the number of successful pods needed, 1 or more');
    expect(() => new AdvancedCronJob(newChart(), 'acj', { schedule: '@daily', template: AdvancedCronJobTemplate.job({ activeDeadline: Duration.seconds(0) }) }))
      .toThrow('test/acj: spec.template.jobTemplate.spec.activeDeadlineSeconds 0: Kubernetes requires a deadline above zero; give at least one second or omit it');
    expect(() => new AdvancedCronJob(newChart(), 'acj', { schedule: '@daily', template: AdvancedCronJobTemplate.job(), metadata: { name: 'nightly.backup' } }))
      .toThrow('test/acj: metadata.name "nightly.backup": Kruise accepts AdvancedCronJob names of letters, digits and \'-\' only');
  });
});

for (const line of REFERENCE_LINES) {
  describeWithReferenceFor(line, `AdvancedCronJob docs examples (Kruise ${line})`, (dir) => {
    test('advancedcronjob.yaml: acj-test (BroadcastJob template)', () => {
      const [example] = readYamlDocs(path.join(dir, 'docs-examples', 'advancedcronjob.yaml'));
      const chart = chartFor(line);
      new AdvancedCronJob(chart, 'ex', {
        metadata: { name: 'acj-test' },
        schedule: '*/1 * * * *',
        template: AdvancedCronJobTemplate.broadcastJob({ completionPolicy: JobCompletionPolicy.always({ ttlAfterFinished: Duration.seconds(30) }) }),
        containers: [{ name: 'pi', image: 'perl', command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'] }],
      });
      expect(missingFrom(only(synthValidFor(chart, line), 'AdvancedCronJob'), example)).toEqual([]);
    });

    test('acronjob+broadcastjob.yaml: acj-test (node cleaner with a hostPath volume)', () => {
      const docs = readYamlDocs(path.join(dir, 'docs-examples', 'acronjob+broadcastjob.yaml'));
      expect(docs.map(d => d.kind)).toEqual(['AdvancedCronJob']);
      const chart = chartFor(line);
      const acj = new AdvancedCronJob(chart, 'ex', {
        metadata: { name: 'acj-test' },
        schedule: '*/5 * * * *',
        startingDeadline: Duration.seconds(60),
        restartPolicy: kplus.RestartPolicy.ON_FAILURE,
        template: AdvancedCronJobTemplate.broadcastJob({
          completionPolicy: JobCompletionPolicy.always({ ttlAfterFinished: Duration.seconds(90) }),
          failurePolicy: { type: BroadcastJobFailurePolicyType.CONTINUE, restartLimit: 3 },
        }),
      });
      const cleaner = acj.addContainer({
        name: 'node-cleaner',
        image: 'minchou/cleaner:v1',
        imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
        envVariables: { CONTAINER_RUNTIME_ENDPOINT: kplus.EnvValue.fromValue('unix:///var/run/containerd/containerd.sock') },
      });
      cleaner.mount('/var/run/containerd', kplus.Volume.fromHostPath(chart, 'containerd', 'containerd', { path: '/var/run/containerd' }));
      expect(missingFrom(only(synthValidFor(chart, line), 'AdvancedCronJob'), docs[0])).toEqual([]);
    });
  });
}
