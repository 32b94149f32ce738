import { Chart, Testing } from 'cdk8s';
import { CloneSet, KruiseReview } from '../../src';
import { duplicateFindings, unsafeTextFindings } from '../../src/validation/object-checks';
import { reviewObjects } from '../../src/validation/review';
import { validationErrors } from '../util/l2';

const cloneSet = (name: string, namespace?: string, image = 'nginx:1.27') => ({
  apiVersion: 'apps.kruise.io/v1alpha1',
  kind: 'CloneSet',
  metadata: { name, ...(namespace ? { namespace } : {}) },
  spec: {
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'main', image }] } },
  },
});

describe('two objects that are one API object', () => {
  test('the later of two CloneSets with the same namespace and name is reported', () => {
    const found = duplicateFindings([cloneSet('web', 'a'), cloneSet('web', 'b'), cloneSet('web', 'a')], 'error');
    expect(found).toEqual([{ index: 2, finding: expect.objectContaining({ rule: 'apiserver/duplicate-object', severity: 'error', path: 'metadata.name' }) }]);
  });

  test('kruise-lint reports them as a warning (files may be alternatives), the app review as an error', () => {
    expect(reviewObjects([cloneSet('web'), cloneSet('web')]).filter(f => f.rule === 'apiserver/duplicate-object').map(f => f.severity)).toEqual(['warning']);
    const chart = new Chart(Testing.app(), 'test');
    new CloneSet(chart, 'a', { metadata: { name: 'web' }, containers: [{ name: 'main', image: 'nginx:1.27' }] });
    new CloneSet(chart, 'b', { metadata: { name: 'web' }, containers: [{ name: 'main', image: 'nginx:1.27' }] });
    expect(validationErrors(chart)).toEqual([expect.stringMatching(/^CloneSet web: metadata.name: CloneSet web appears twice .*\[apiserver\/duplicate-object\]/)]);
  });
});

describe('characters YAML readers reject', () => {
  test.each([['DEL', '\u007f'], ['C1 NEL', '\u0085'], ['U+FFFE', '\ufffe'], ['ESC', '\u001b']])('%s in a string is an error at its path', (_name, ch) => {
    expect(unsafeTextFindings(cloneSet('web', undefined, `nginx${ch}:1`))).toEqual([expect.objectContaining({
      rule: 'yaml/unsafe-character', severity: 'error', path: 'spec.template.spec.containers[0].image',
    })]);
  });

  test('tabs and line breaks are fine', () => {
    expect(unsafeTextFindings({ data: { script: 'a\tb\nc\r\n' } })).toEqual([]);
  });

  test('an L2 prop with a control character fails synth instead of writing it raw', () => {
    const chart = new Chart(Testing.app(), 'test');
    KruiseReview.of(chart);
    new CloneSet(chart, 'a', { metadata: { name: 'web', annotations: { note: 'bell\u0007' } }, containers: [{ name: 'main', image: 'nginx:1.27' }] });
    expect(validationErrors(chart).join('\n')).toMatch(/metadata.annotations.note: holds the character U\+0007.*\[yaml\/unsafe-character\]/);
  });
});
