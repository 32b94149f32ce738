import { upstreamExamples } from './upstream-examples';
import { admit } from '../../../src/admission/engine';
import { AdmissionContext } from '../../../src/admission/types';
import { describeWithReference } from '../../util/reference';
import { expectAdmitted, expectDenied } from '../fixtures';

const V17: AdmissionContext = { version: '1.7' };

/** A minimal BroadcastJob Kruise 1.7 admits. */
function job(edit: (o: any) => void = () => {}): any {
  const o: any = {
    apiVersion: 'apps.kruise.io/v1alpha1',
    kind: 'BroadcastJob',
    metadata: { name: 'clean-logs', namespace: 'default' },
    spec: {
      template: {
        spec: { restartPolicy: 'Never', containers: [{ name: 'clean', image: 'busybox:1.36', command: ['sh', '-c', 'rm -rf /logs/*'] }] },
      },
    },
  };
  edit(o);
  return o;
}

test('the minimal BroadcastJob is admitted without findings', () => {
  expect(admit(job(), V17)).toEqual([]);
});

describe('BroadcastJob rule 1 (name ^[a-zA-Z0-9-]+$, at most 63)', () => {
  test('rule 1 denies dots, underscores and 64 characters', () => {
    expectDenied(job(o => o.metadata.name = 'clean.logs'), 'BroadcastJob/name', 'metadata.name');
    expectDenied(job(o => o.metadata.name = 'clean_logs'), 'BroadcastJob/name', 'metadata.name');
    expectDenied(job(o => o.metadata.name = 'a'.repeat(64)), 'BroadcastJob/name', 'metadata.name');
    expectDenied(job(o => delete o.metadata.name), 'BroadcastJob/name', 'metadata.name');
  });
  test('rule 1 allows capitals (Kruise\'s own rule, looser than DNS) and 63 characters', () => {
    expectAdmitted(job(o => o.metadata.name = 'Clean-Logs-2'));
    expectAdmitted(job(o => o.metadata.name = 'a'.repeat(63)));
    expectAdmitted(job(o => { delete o.metadata.name; o.metadata.generateName = 'clean-'; }));
  });
});

describe('BroadcastJob rule 2 (completionPolicy Never with ttlSecondsAfterFinished)', () => {
  test('rule 2 denies a TTL with Never', () => {
    expectDenied(job(o => o.spec.completionPolicy = { type: 'Never', ttlSecondsAfterFinished: 30 }),
      'BroadcastJob/never-without-ttl', 'spec.completionPolicy.ttlSecondsAfterFinished');
  });
  test('rule 2 allows a TTL with Always, and with the defaulted type', () => {
    expectAdmitted(job(o => o.spec.completionPolicy = { type: 'Always', ttlSecondsAfterFinished: 30 }));
    expectAdmitted(job(o => o.spec.completionPolicy = { ttlSecondsAfterFinished: 30 }));
  });
});

describe('BroadcastJob rule 3 (completionPolicy Never with activeDeadlineSeconds)', () => {
  test('rule 3 denies a deadline with Never', () => {
    expectDenied(job(o => o.spec.completionPolicy = { type: 'Never', activeDeadlineSeconds: 600 }),
      'BroadcastJob/never-without-deadline', 'spec.completionPolicy.activeDeadlineSeconds');
  });
  test('rule 3 allows Never alone and a deadline with Always', () => {
    expectAdmitted(job(o => o.spec.completionPolicy = { type: 'Never' }));
    expectAdmitted(job(o => o.spec.completionPolicy = { type: 'Always', activeDeadlineSeconds: 600 }));
  });
});

describe('BroadcastJob rule 4 (template restartPolicy Never | OnFailure; unset becomes Always)', () => {
  test('rule 4 denies restartPolicy Always', () => {
    expectDenied(job(o => o.spec.template.spec.restartPolicy = 'Always'), 'BroadcastJob/restart-policy', 'spec.template.spec.restartPolicy');
  });
  test('rule 4 denies an unset restartPolicy, saying that the pod defaults make it Always', () => {
    const f = expectDenied(job(o => delete o.spec.template.spec.restartPolicy), 'BroadcastJob/restart-policy', 'spec.template.spec.restartPolicy');
    expect(f.message).toContain('Always');
    expect(f.fix).toContain('Never or OnFailure');
  });
  test('rule 4 allows Never and OnFailure, and an unset restartPolicy when TemplateNoDefaults is on (then OnFailure)', () => {
    expectAdmitted(job(o => o.spec.template.spec.restartPolicy = 'OnFailure'));
    expectAdmitted(job(o => delete o.spec.template.spec.restartPolicy), { version: '1.7', gate: g => g === 'TemplateNoDefaults' });
  });
});

describe('BroadcastJob rule 5 (template labels broadcastjob-name / broadcastjob-controller-uid reserved)', () => {
  test('rule 5 denies either reserved label', () => {
    expectDenied(job(o => o.spec.template.metadata = { labels: { 'broadcastjob-name': 'x' } }),
      'BroadcastJob/reserved-labels', 'spec.template.metadata.labels["broadcastjob-name"]');
    expectDenied(job(o => o.spec.template.metadata = { labels: { 'broadcastjob-controller-uid': 'u' } }),
      'BroadcastJob/reserved-labels', 'spec.template.metadata.labels["broadcastjob-controller-uid"]');
  });
  test('rule 5 allows other labels, and a reserved key with an empty value (Kruise checks for a non-empty value)', () => {
    expectAdmitted(job(o => o.spec.template.metadata = { labels: { 'app': 'cleaner', 'broadcastjob-name': '' } }));
  });
});

describe('BroadcastJob rule 6 (core ValidatePodTemplateSpec)', () => {
  test('rule 6 denies a template without containers, and a container without an image', () => {
    expectDenied(job(o => o.spec.template.spec.containers = []), 'BroadcastJob/pod-template', 'spec.template.spec.containers');
    expectDenied(job(o => delete o.spec.template.spec.containers[0].image), 'BroadcastJob/pod-template', 'spec.template.spec.containers[0].image');
  });
  test('rule 6 denies an invalid template label', () => {
    expectDenied(job(o => o.spec.template.metadata = { labels: { app: 'a b' } }), 'BroadcastJob/pod-template', 'spec.template.metadata.labels["app"]');
  });
  test('rule 6 allows a job pod with activeDeadlineSeconds and several containers', () => {
    expectAdmitted(job(o => {
      o.spec.template.spec.activeDeadlineSeconds = 60;
      o.spec.template.spec.containers.push({ name: 'side', image: 'alpine:3' });
    }));
  });
});

describe('BroadcastJob parallelism (accepted, warned)', () => {
  test('parallelism 0 and "0%" are admitted with a warning', () => {
    for (const parallelism of [0, '0%']) {
      const findings = expectAdmitted(job(o => o.spec.parallelism = parallelism));
      expect(findings).toEqual([expect.objectContaining({ rule: 'BroadcastJob/parallelism', path: 'spec.parallelism', severity: 'warning' })]);
    }
  });
  test('a plain numeric string is admitted with a warning (the controller cannot read it)', () => {
    expect(expectAdmitted(job(o => o.spec.parallelism = '3'))).toEqual([expect.objectContaining({ rule: 'BroadcastJob/parallelism', severity: 'warning' })]);
  });
  test('a positive count or percentage gets nothing', () => {
    expect(admit(job(o => o.spec.parallelism = 10), V17)).toEqual([]);
    expect(admit(job(o => o.spec.parallelism = '50%'), V17)).toEqual([]);
  });
});

test('the engine never throws on malformed BroadcastJobs', () => {
  for (const spec of [null, 'x', { template: 'x' }, { template: { spec: [] } }, { completionPolicy: 'Never', parallelism: {} }]) {
    expect(() => admit({ apiVersion: 'apps.kruise.io/v1alpha1', kind: 'BroadcastJob', metadata: { name: 'x' }, spec }, V17)).not.toThrow();
  }
  expect(() => admit({ apiVersion: 'apps.kruise.io/v1alpha1', kind: 'BroadcastJob', metadata: 'x' }, V17)).not.toThrow();
});


const errorRules = (obj: any, version: string) => [...new Set(admit(obj, { version }).filter(f => f.severity === 'error').map(f => f.rule))].sort();

describeWithReference('BroadcastJob upstream examples', dir => {
  test('every upstream BroadcastJob is admitted', () => {
    const examples = upstreamExamples(dir, 'BroadcastJob');
    expect(examples.length).toBeGreaterThanOrEqual(7);
    for (const { version, file, obj } of examples) {
      expect([file, obj.metadata?.name, errorRules(obj, version)]).toEqual([file, obj.metadata?.name, []]);
    }
  });
});
