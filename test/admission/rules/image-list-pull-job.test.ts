import { upstreamExamples } from './upstream-examples';
import { admit } from '../../../src/admission/engine';
import { AdmissionContext } from '../../../src/admission/types';
import { describeWithReference } from '../../util/reference';
import { expectAdmitted, expectDenied } from '../fixtures';

const V17: AdmissionContext = { version: '1.7' };
const V18: AdmissionContext = { version: '1.8' };

/** A minimal ImageListPullJob Kruise 1.7 admits. */
function job(edit: (o: any) => void = () => {}): any {
  const o: any = {
    apiVersion: 'apps.kruise.io/v1alpha1',
    kind: 'ImageListPullJob',
    metadata: { name: 'warm-cache', namespace: 'default' },
    spec: { images: ['nginx:1.25', 'redis:7'] },
  };
  edit(o);
  return o;
}

test('the minimal ImageListPullJob is admitted without findings', () => {
  expect(admit(job(), V17)).toEqual([]);
});

describe('ImageListPullJob rule 1 (gates)', () => {
  test('rule 1 denies when ImagePullJobGate or KruiseDaemon is off', () => {
    expectDenied(job(), 'ImageListPullJob/feature-gates', 'kind', { version: '1.7', gate: n => n !== 'ImagePullJobGate' });
    expectDenied(job(), 'ImageListPullJob/feature-gates', 'kind', { version: '1.7', gate: n => n !== 'KruiseDaemon' });
  });
  test('rule 1 allows with both gates on or an unknown install', () => {
    expectAdmitted(job(), { version: '1.7', gate: () => true });
    expectAdmitted(job(), { version: '1.7', gate: () => undefined });
  });
});

describe('ImageListPullJob rule 2 (selector names XOR labels, valid)', () => {
  test('rule 2 denies names with labels, and an invalid label selector', () => {
    expectDenied(job(o => o.spec.selector = { names: ['n1'], matchLabels: { a: 'b' } }), 'ImageListPullJob/selector', 'spec.selector');
    expectDenied(job(o => o.spec.selector = { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['b'] }] }),
      'ImageListPullJob/selector', 'spec.selector.matchExpressions[0].values');
  });
  test('rule 2 allows labels alone', () => {
    expectAdmitted(job(o => o.spec.selector = { matchLabels: { a: 'b' } }));
  });
});

describe('ImageListPullJob rule 3 (names unique)', () => {
  test('rule 3 denies a repeated node name', () => {
    expectDenied(job(o => o.spec.selector = { names: ['n1', 'n1'] }), 'ImageListPullJob/selector-names-unique', 'spec.selector.names[1]');
  });
  test('rule 3 allows distinct node names', () => {
    expectAdmitted(job(o => o.spec.selector = { names: ['n1', 'n2'] }));
  });
});

describe('ImageListPullJob rule 4 (podSelector XOR selector, valid)', () => {
  test('rule 4 denies both selectors, and an invalid podSelector', () => {
    expectDenied(job(o => { o.spec.selector = { names: ['n1'] }; o.spec.podSelector = {}; }), 'ImageListPullJob/pod-selector', 'spec.podSelector');
    expectDenied(job(o => o.spec.podSelector = { matchLabels: { '-bad': 'x' } }), 'ImageListPullJob/pod-selector', 'spec.podSelector.matchLabels["-bad"]');
  });
  test('rule 4 allows a podSelector alone', () => {
    expectAdmitted(job(o => o.spec.podSelector = { matchLabels: { app: 'web' } }));
  });
});

describe('ImageListPullJob rule 5 (images non-empty)', () => {
  test('rule 5 denies no images', () => {
    expectDenied(job(o => o.spec.images = []), 'ImageListPullJob/images-required', 'spec.images');
    expectDenied(job(o => delete o.spec.images), 'ImageListPullJob/images-required', 'spec.images');
  });
  test('rule 5 allows one image', () => {
    expectAdmitted(job(o => o.spec.images = ['nginx']));
  });
});

describe('ImageListPullJob rule 6 (images unique)', () => {
  test('rule 6 denies an image listed twice', () => {
    expectDenied(job(o => o.spec.images = ['nginx', 'redis', 'nginx']), 'ImageListPullJob/images-unique', 'spec.images[2]');
  });
  test('rule 6 allows the same repository with different tags', () => {
    expectAdmitted(job(o => o.spec.images = ['nginx:1.24', 'nginx:1.25']));
  });
});

describe('ImageListPullJob rule 7 (at most 255 images)', () => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => `app:v${i}`);
  test('rule 7 denies 256 images', () => {
    expectDenied(job(o => o.spec.images = many(256)), 'ImageListPullJob/images-max', 'spec.images');
  });
  test('rule 7 allows 255 images', () => {
    expectAdmitted(job(o => o.spec.images = many(255)));
  });
});

describe('ImageListPullJob rule 8 (every image a valid reference)', () => {
  test('rule 8 denies an invalid or empty image in the list', () => {
    expectDenied(job(o => o.spec.images = ['nginx', 'Redis:7']), 'ImageListPullJob/image-reference', 'spec.images[1]');
    expectDenied(job(o => o.spec.images = ['']), 'ImageListPullJob/image-reference', 'spec.images[0]');
  });
  test('rule 8 allows registries, tags and digests', () => {
    expectAdmitted(job(o => o.spec.images = ['ghcr.io/acme/web:v2', `busybox@sha256:${'0'.repeat(64)}`]));
  });
});

describe('ImageListPullJob rule 9 (completionPolicy)', () => {
  test('rule 9 denies an unknown type and Never with a TTL', () => {
    expectDenied(job(o => o.spec.completionPolicy = { type: 'always' }), 'ImageListPullJob/completion-policy', 'spec.completionPolicy.type');
    expectDenied(job(o => o.spec.completionPolicy = { type: 'Never', ttlSecondsAfterFinished: 10 }),
      'ImageListPullJob/completion-policy', 'spec.completionPolicy.ttlSecondsAfterFinished');
  });
  test('rule 9 allows Never alone and Always with a deadline', () => {
    expectAdmitted(job(o => o.spec.completionPolicy = { type: 'Never' }));
    expectAdmitted(job(o => o.spec.completionPolicy = { type: 'Always', activeDeadlineSeconds: 60 }));
  });
});

describe('ImageListPullJob in 1.8 (ADMISSION-DELTA ILPJ-1)', () => {
  test('ILPJ-1 warns (never denies) at 1.8 when the deadline is below the pull timeout its ImagePullJobs inherit', () => {
    const findings = expectAdmitted(job(o => o.spec.completionPolicy = { activeDeadlineSeconds: 60 }), V18);
    expect(findings).toEqual([expect.objectContaining({ rule: 'ImageListPullJob/deadline-covers-timeout', severity: 'warning' })]);
  });
  test('ILPJ-1 says nothing at 1.7 or when the deadline covers the timeout', () => {
    expect(admit(job(o => o.spec.completionPolicy = { activeDeadlineSeconds: 60 }), V17)).toEqual([]);
    expect(admit(job(o => o.spec.completionPolicy = { activeDeadlineSeconds: 600 }), V18)).toEqual([]);
  });
});

test('the engine never throws on malformed ImageListPullJobs', () => {
  for (const spec of [null, 'x', { images: 'nginx' }, { images: [1, null, {}] }, { selector: { names: [1, 1] } }]) {
    expect(() => admit({ apiVersion: 'apps.kruise.io/v1alpha1', kind: 'ImageListPullJob', metadata: { name: 'x' }, spec }, V18)).not.toThrow();
  }
});


const errorRules = (obj: any, version: string) => [...new Set(admit(obj, { version }).filter(f => f.severity === 'error').map(f => f.rule))].sort();

describeWithReference('ImageListPullJob upstream examples', dir => {
  test('the manual\'s ImageListPullJob selects nodes by names and labels at once, which Kruise denies (rule 2)', () => {
    const examples = upstreamExamples(dir, 'ImageListPullJob');
    expect(examples.length).toBeGreaterThanOrEqual(1);
    for (const { version, obj } of examples) expect(errorRules(obj, version)).toEqual(['ImageListPullJob/selector']);
  });
});
