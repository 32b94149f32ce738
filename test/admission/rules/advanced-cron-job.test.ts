import { upstreamExamples } from './upstream-examples';
import { admit } from '../../../src/admission/engine';
import { AdmissionContext } from '../../../src/admission/types';
import { describeWithReference } from '../../util/reference';
import { errors, expectAdmitted, expectDenied } from '../fixtures';

const V17: AdmissionContext = { version: '1.7' };

const pod = () => ({ spec: { restartPolicy: 'OnFailure', containers: [{ name: 'backup', image: 'busybox:1.36' }] } });

/** A minimal AdvancedCronJob (a Job template) Kruise 1.7 admits. */
function cron(edit: (o: any) => void = () => {}): any {
  const o: any = {
    apiVersion: 'apps.kruise.io/v1alpha1',
    kind: 'AdvancedCronJob',
    metadata: { name: 'nightly-backup', namespace: 'default' },
    spec: { schedule: '0 3 * * *', template: { jobTemplate: { spec: { template: pod() } } } },
  };
  edit(o);
  return o;
}

test('the minimal AdvancedCronJob is admitted without findings', () => {
  expect(admit(cron(), V17)).toEqual([]);
  expect(admit(cron(o => o.spec.template = { broadcastJobTemplate: { spec: { template: pod() } } }), V17)).toEqual([]);
});

describe('AdvancedCronJob rule 1 (name ^[a-zA-Z0-9-]+$, at most 63)', () => {
  test('rule 1 denies a dotted and a 64-character name', () => {
    expectDenied(cron(o => o.metadata.name = 'nightly.backup'), 'AdvancedCronJob/name', 'metadata.name');
    expectDenied(cron(o => o.metadata.name = 'b'.repeat(64)), 'AdvancedCronJob/name', 'metadata.name');
  });
  test('rule 1 allows capitals and 63 characters', () => {
    expectAdmitted(cron(o => o.metadata.name = 'NightlyBackup'));
    expectAdmitted(cron(o => o.metadata.name = 'b'.repeat(63)));
  });
});

describe('AdvancedCronJob rule 2 (schedule non-empty)', () => {
  test('rule 2 denies a missing or empty schedule', () => {
    expectDenied(cron(o => delete o.spec.schedule), 'AdvancedCronJob/schedule-required', 'spec.schedule');
    expectDenied(cron(o => o.spec.schedule = ''), 'AdvancedCronJob/schedule-required', 'spec.schedule');
  });
  test('rule 2 allows a descriptor', () => {
    expectAdmitted(cron(o => o.spec.schedule = '@daily'));
  });
});

describe('AdvancedCronJob rule 3 (schedule parses with robfig/cron ParseStandard)', () => {
  test.each(['* * * *', '0 3 * * * *', '61 * * * *', '* * * * 7', '@fortnightly', '@every 1 hour', 'TZ=Mars/Base 0 * * * *'])(
    'rule 3 denies %j', schedule => {
      expectDenied(cron(o => o.spec.schedule = schedule), 'AdvancedCronJob/schedule', 'spec.schedule');
    });
  test.each(['*/5 * * * *', '0 9-17 * * MON-FRI', '@every 1h30m', 'CRON_TZ=Asia/Shanghai 0 8 * * *', 'TZ=Local 0 * * * *', '5/15 * ? jan,JUL sun'])(
    'rule 3 allows %j', schedule => {
      expectAdmitted(cron(o => o.spec.schedule = schedule));
    });
});

describe('AdvancedCronJob rule 4 ("TZ" in schedule together with timeZone)', () => {
  test('rule 4 denies a TZ= prefix with timeZone', () => {
    expectDenied(cron(o => { o.spec.schedule = 'TZ=UTC 0 3 * * *'; o.spec.timeZone = 'UTC'; }), 'AdvancedCronJob/schedule-time-zone', 'spec.schedule');
    expectDenied(cron(o => { o.spec.schedule = 'CRON_TZ=UTC 0 3 * * *'; o.spec.timeZone = 'Europe/Berlin'; }), 'AdvancedCronJob/schedule-time-zone', 'spec.schedule');
  });
  test('rule 4 allows a TZ= prefix alone and timeZone alone', () => {
    expectAdmitted(cron(o => o.spec.schedule = 'TZ=UTC 0 3 * * *'));
    expectAdmitted(cron(o => o.spec.timeZone = 'Europe/Berlin'));
  });
});

describe('AdvancedCronJob rule 5 (exactly one of jobTemplate / broadcastJobTemplate)', () => {
  test('rule 5 denies no template and two templates', () => {
    expectDenied(cron(o => o.spec.template = {}), 'AdvancedCronJob/one-template', 'spec.template');
    expectDenied(cron(o => delete o.spec.template), 'AdvancedCronJob/one-template', 'spec.template');
    expectDenied(cron(o => o.spec.template.broadcastJobTemplate = { spec: { template: pod() } }), 'AdvancedCronJob/one-template', 'spec.template');
  });
  test('rule 5 allows a broadcastJobTemplate alone', () => {
    expectAdmitted(cron(o => o.spec.template = { broadcastJobTemplate: { spec: { template: pod() } } }));
  });
});

describe('AdvancedCronJob rule 6 (core ValidatePodTemplateSpec of the template\'s pod)', () => {
  test('rule 6 denies a job pod without containers and a broadcast pod with a nameless container', () => {
    expectDenied(cron(o => o.spec.template.jobTemplate.spec.template.spec.containers = []),
      'AdvancedCronJob/pod-template', 'spec.template.jobTemplate.spec.template.spec.containers');
    expectDenied(cron(o => o.spec.template = { broadcastJobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ image: 'busybox' }] } } } } }),
      'AdvancedCronJob/pod-template', 'spec.template.broadcastJobTemplate.spec.template.spec.containers[0].name');
  });
  test('rule 6 denies, with TemplateNoDefaults on, a template that leaves Kubernetes\' defaulted fields out (nothing defaults them)', () => {
    const errs = errors(cron(), { version: '1.7', gate: g => g === 'TemplateNoDefaults' });
    expect(errs.length).toBeGreaterThan(0);
    expect(errs.every(e => e.rule === 'AdvancedCronJob/pod-template' && e.path.startsWith('spec.template.jobTemplate.spec.template.spec'))).toBe(true);
    expect(errs.every(e => e.message.includes('TemplateNoDefaults'))).toBe(true);
  });
  test('rule 6 allows a valid pod in either template', () => {
    expectAdmitted(cron(o => o.spec.template.jobTemplate.spec.template.spec.containers.push({ name: 'upload', image: 'amazon/aws-cli:2' })));
  });
});

describe('AdvancedCronJob rule 7 (startingDeadlineSeconds >= 0)', () => {
  test('rule 7 denies a negative starting deadline', () => {
    expectDenied(cron(o => o.spec.startingDeadlineSeconds = -1), 'AdvancedCronJob/starting-deadline', 'spec.startingDeadlineSeconds');
  });
  test('rule 7 allows 0', () => {
    expectAdmitted(cron(o => o.spec.startingDeadlineSeconds = 0));
  });
});

describe('AdvancedCronJob rule 8 (history limits >= 0)', () => {
  test('rule 8 denies negative history limits', () => {
    expectDenied(cron(o => o.spec.successfulJobsHistoryLimit = -1), 'AdvancedCronJob/history-limits', 'spec.successfulJobsHistoryLimit');
    expectDenied(cron(o => o.spec.failedJobsHistoryLimit = -3), 'AdvancedCronJob/history-limits', 'spec.failedJobsHistoryLimit');
  });
  test('rule 8 allows 0', () => {
    expectAdmitted(cron(o => { o.spec.successfulJobsHistoryLimit = 0; o.spec.failedJobsHistoryLimit = 0; }));
  });
});

describe('AdvancedCronJob rule 9 (timeZone non-empty, not Local, loads)', () => {
  test.each(['', 'Local', 'local', 'Europe/Nowhere', 'europe/berlin'])('rule 9 denies %j', timeZone => {
    expectDenied(cron(o => o.spec.timeZone = timeZone), 'AdvancedCronJob/time-zone', 'spec.timeZone');
  });
  test.each(['UTC', 'Asia/Shanghai', 'America/Argentina/Buenos_Aires', 'Etc/GMT+5'])('rule 9 allows %j', timeZone => {
    expectAdmitted(cron(o => o.spec.timeZone = timeZone));
  });
});

describe('AdvancedCronJob child jobs (accepted, warned)', () => {
  test('a job pod with an unset or Always restartPolicy is admitted with a warning: the Jobs it creates are refused', () => {
    for (const edit of [(p: any) => delete p.restartPolicy, (p: any) => p.restartPolicy = 'Always']) {
      const findings = expectAdmitted(cron(o => edit(o.spec.template.jobTemplate.spec.template.spec)));
      expect(findings).toEqual([expect.objectContaining({
        rule: 'AdvancedCronJob/child-restart-policy', path: 'spec.template.jobTemplate.spec.template.spec.restartPolicy', severity: 'warning',
      })]);
    }
  });
  test('a broadcast pod with an unset restartPolicy is warned about, unless TemplateNoDefaults is on', () => {
    const o = cron(c => c.spec.template = { broadcastJobTemplate: { spec: { template: { spec: { containers: [{ name: 'a', image: 'busybox' }] } } } } });
    expect(expectAdmitted(o)).toEqual([expect.objectContaining({ rule: 'AdvancedCronJob/child-restart-policy', severity: 'warning' })]);
    const undefaulted = admit(o, { version: '1.7', gate: g => g === 'TemplateNoDefaults' });
    expect(undefaulted.filter(f => f.severity === 'warning')).toEqual([]);
  });
});

test('the engine never throws on malformed AdvancedCronJobs', () => {
  for (const spec of [null, 'x', { schedule: 5, timeZone: 3 }, { template: { jobTemplate: 'x', broadcastJobTemplate: { spec: 1 } } }]) {
    expect(() => admit({ apiVersion: 'apps.kruise.io/v1alpha1', kind: 'AdvancedCronJob', metadata: { name: 'x' }, spec }, V17)).not.toThrow();
  }
});


const errorRules = (obj: any, version: string) => [...new Set(admit(obj, { version }).filter(f => f.severity === 'error').map(f => f.rule))].sort();

describeWithReference('AdvancedCronJob upstream examples', dir => {
  test('the manual\'s AdvancedCronJobs are admitted; the sample fragment (no schedule, no template) is denied for that', () => {
    const examples = upstreamExamples(dir, 'AdvancedCronJob');
    expect(examples.length).toBeGreaterThanOrEqual(3);
    for (const { version, file, obj } of examples) {
      const fragment = !obj.spec?.schedule;
      expect([file, errorRules(obj, version)]).toEqual([file, fragment ? ['AdvancedCronJob/one-template', 'AdvancedCronJob/schedule-required'] : []]);
    }
  });
});
