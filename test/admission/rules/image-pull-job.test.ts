import { upstreamExamples } from './upstream-examples';
import { admit } from '../../../src/admission/engine';
import { AdmissionContext } from '../../../src/admission/types';
import { describeWithReference } from '../../util/reference';
import { errors, expectAdmitted, expectDenied } from '../fixtures';

const V17: AdmissionContext = { version: '1.7' };
const V18: AdmissionContext = { version: '1.8' };

/** A minimal ImagePullJob Kruise 1.7 admits. */
function job(edit: (o: any) => void = () => {}): any {
  const o: any = {
    apiVersion: 'apps.kruise.io/v1alpha1',
    kind: 'ImagePullJob',
    metadata: { name: 'pull-nginx', namespace: 'default' },
    spec: { image: 'nginx:1.25' },
  };
  edit(o);
  return o;
}

const gates = (on: Record<string, boolean>): AdmissionContext => ({ version: '1.7', gate: n => on[n] });

test('the minimal ImagePullJob is admitted without findings', () => {
  expect(admit(job(), V17)).toEqual([]);
});

describe('ImagePullJob rule 1 (gates KruiseDaemon and ImagePullJobGate)', () => {
  test('rule 1 denies when ImagePullJobGate is off', () => {
    expectDenied(job(), 'ImagePullJob/feature-gates', 'kind', gates({ KruiseDaemon: true, ImagePullJobGate: false }));
  });
  test('rule 1 denies when KruiseDaemon is off', () => {
    const errs = errors(job(), gates({ KruiseDaemon: false, ImagePullJobGate: true }));
    expect(errs.map(e => e.rule)).toEqual(['ImagePullJob/feature-gates']);
    expect(errs[0].message).toContain('KruiseDaemon');
  });
  test('rule 1 allows with both gates on, and says nothing when no install is known', () => {
    expectAdmitted(job(), gates({ KruiseDaemon: true, ImagePullJobGate: true }));
    expectAdmitted(job(), { version: '1.7', gate: () => undefined });
  });
});

describe('ImagePullJob rule 2 (selector: names XOR label selector; label selector valid)', () => {
  test('rule 2 denies names together with matchLabels', () => {
    expectDenied(job(o => o.spec.selector = { names: ['node-a'], matchLabels: { pool: 'gpu' } }), 'ImagePullJob/selector', 'spec.selector');
  });
  test('rule 2 denies names with an empty matchExpressions list (set, though empty)', () => {
    expectDenied(job(o => o.spec.selector = { names: ['node-a'], matchExpressions: [] }), 'ImagePullJob/selector', 'spec.selector');
  });
  test('rule 2 denies an invalid label selector', () => {
    expectDenied(job(o => o.spec.selector = { matchExpressions: [{ key: 'pool', operator: 'In' }] }),
      'ImagePullJob/selector', 'spec.selector.matchExpressions[0].values');
    expectDenied(job(o => o.spec.selector = { matchLabels: { pool: 'a b' } }), 'ImagePullJob/selector', 'spec.selector.matchLabels["pool"]');
  });
  test('rule 2 allows names alone, labels alone, and an empty selector', () => {
    expectAdmitted(job(o => o.spec.selector = { names: ['node-a', 'node-b'] }));
    expectAdmitted(job(o => o.spec.selector = { matchLabels: { pool: 'gpu' }, matchExpressions: [{ key: 'zone', operator: 'Exists' }] }));
    expectAdmitted(job(o => o.spec.selector = {}));
  });
});

describe('ImagePullJob rule 3 (selector.names unique)', () => {
  test('rule 3 denies a node listed twice', () => {
    expectDenied(job(o => o.spec.selector = { names: ['node-a', 'node-b', 'node-a'] }), 'ImagePullJob/selector-names-unique', 'spec.selector.names[2]');
  });
  test('rule 3 allows distinct names', () => {
    expectAdmitted(job(o => o.spec.selector = { names: ['node-a', 'node-b'] }));
  });
});

describe('ImagePullJob rule 4 (podSelector XOR selector; podSelector valid)', () => {
  test('rule 4 denies podSelector with selector (even an empty one)', () => {
    expectDenied(job(o => { o.spec.selector = {}; o.spec.podSelector = { matchLabels: { app: 'web' } }; }), 'ImagePullJob/pod-selector', 'spec.podSelector');
  });
  test('rule 4 denies an invalid podSelector', () => {
    expectDenied(job(o => o.spec.podSelector = { matchExpressions: [{ key: 'app', operator: 'Equals', values: ['web'] }] }),
      'ImagePullJob/pod-selector', 'spec.podSelector.matchExpressions[0].operator');
  });
  test('rule 4 allows a podSelector alone', () => {
    expectAdmitted(job(o => o.spec.podSelector = { matchLabels: { app: 'web' } }));
  });
});

describe('ImagePullJob rule 5 (image non-empty, a valid reference)', () => {
  test('rule 5 denies a missing or empty image', () => {
    expectDenied(job(o => delete o.spec.image), 'ImagePullJob/image', 'spec.image');
    expectDenied(job(o => o.spec.image = ''), 'ImagePullJob/image', 'spec.image');
  });
  test('rule 5 denies references Kruise cannot parse', () => {
    for (const image of ['Nginx:1.25', 'nginx:', 'my app', `app@sha256:${'a'.repeat(10)}`, 'Team/app']) {
      expectDenied(job(o => o.spec.image = image), 'ImagePullJob/image', 'spec.image');
    }
  });
  test('rule 5 allows tags, digests and registries with ports', () => {
    for (const image of ['nginx', 'registry.example.com:5000/team/app:v1', `app:v1@sha256:${'a'.repeat(64)}`, 'localhost/dev/app']) {
      expectAdmitted(job(o => o.spec.image = image));
    }
  });
});

describe('ImagePullJob rule 6 (completionPolicy Always | Never; Never without ttl/deadline)', () => {
  test('rule 6 denies an unknown completion policy type', () => {
    expectDenied(job(o => o.spec.completionPolicy = { type: 'Sometimes' }), 'ImagePullJob/completion-policy', 'spec.completionPolicy.type');
  });
  test('rule 6 denies Never with a deadline or a TTL', () => {
    expectDenied(job(o => o.spec.completionPolicy = { type: 'Never', activeDeadlineSeconds: 600 }),
      'ImagePullJob/completion-policy', 'spec.completionPolicy.activeDeadlineSeconds');
    expectDenied(job(o => o.spec.completionPolicy = { type: 'Never', ttlSecondsAfterFinished: 60 }),
      'ImagePullJob/completion-policy', 'spec.completionPolicy.ttlSecondsAfterFinished');
  });
  test('rule 6 allows Never alone, Always with both, and an unset type (defaulted to Always)', () => {
    expectAdmitted(job(o => o.spec.completionPolicy = { type: 'Never' }));
    expectAdmitted(job(o => o.spec.completionPolicy = { type: 'Always', activeDeadlineSeconds: 1200, ttlSecondsAfterFinished: 60 }));
    expectAdmitted(job(o => o.spec.completionPolicy = { activeDeadlineSeconds: 60 }));
  });
});

describe('ImagePullJob in 1.8 (ADMISSION-DELTA IPJ-1: the deadline covers the pull timeout)', () => {
  test('IPJ-1 denies at 1.8 a deadline below the defaulted timeout of 600', () => {
    expectDenied(job(o => o.spec.completionPolicy = { activeDeadlineSeconds: 300 }),
      'ImagePullJob/deadline-covers-timeout', 'spec.completionPolicy.activeDeadlineSeconds', V18);
    expectDenied(job(o => { o.spec.completionPolicy = { type: 'Always', activeDeadlineSeconds: 30 }; o.spec.pullPolicy = { timeoutSeconds: 60 }; }),
      'ImagePullJob/deadline-covers-timeout', 'spec.completionPolicy.activeDeadlineSeconds', V18);
  });
  test('IPJ-1 allows at 1.8 a deadline equal to the timeout, an explicit timeout of 0, and any deadline at 1.7', () => {
    expectAdmitted(job(o => o.spec.completionPolicy = { activeDeadlineSeconds: 600 }), V18);
    expectAdmitted(job(o => { o.spec.completionPolicy = { activeDeadlineSeconds: 5 }; o.spec.pullPolicy = { timeoutSeconds: 0 }; }), V18);
    expectAdmitted(job(o => o.spec.completionPolicy = { activeDeadlineSeconds: 300 }), V17);
  });
});

test('the engine never throws on malformed ImagePullJobs', () => {
  for (const spec of [null, 7, 'x', [], { image: 5, selector: 'x', podSelector: [1], completionPolicy: 'Never' }, { selector: { names: 'a' } }]) {
    expect(() => admit({ apiVersion: 'apps.kruise.io/v1alpha1', kind: 'ImagePullJob', metadata: { name: 'x' }, spec }, V18)).not.toThrow();
  }
});


const errorRules = (obj: any, version: string) => [...new Set(admit(obj, { version }).filter(f => f.severity === 'error').map(f => f.rule))].sort();

describeWithReference('ImagePullJob upstream examples', dir => {
  test('the manual\'s ImagePullJob selects nodes by names and labels at once, which Kruise denies (rule 2)', () => {
    const examples = upstreamExamples(dir, 'ImagePullJob');
    expect(examples.length).toBeGreaterThanOrEqual(1);
    for (const { version, obj } of examples) expect(errorRules(obj, version)).toEqual(['ImagePullJob/selector']);
  });
});
