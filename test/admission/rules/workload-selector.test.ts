/**
 * The selector rules CloneSet, Advanced StatefulSet and UnitedDeployment share
 * (src/admission/rules/workload-selector.ts): each kind reports a missing, an
 * invalid and an empty selector under its own rule ids, naming itself.
 */
import { errors, expectAdmitted } from '../fixtures';

const TEMPLATE = { metadata: { labels: { app: 'a' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.25' }] } };

interface Kind {
  readonly name: string;
  /** How the messages name the kind. */
  readonly noun: string;
  /** What the fix points at. */
  readonly template: string;
  readonly rules: { readonly required: string; readonly valid: string; readonly notEmpty: string };
  make(selector: unknown): any;
}

const KINDS: Kind[] = [
  {
    name: 'CloneSet',
    noun: 'a CloneSet',
    template: 'pod template',
    rules: { required: 'CloneSet/selector-required', valid: 'CloneSet/selector-valid', notEmpty: 'CloneSet/selector-not-empty' },
    make: selector => ({ apiVersion: 'apps.kruise.io/v1alpha1', kind: 'CloneSet', metadata: { name: 'x', namespace: 'd' }, spec: { selector, template: TEMPLATE } }),
  },
  {
    name: 'Advanced StatefulSet',
    noun: 'an Advanced StatefulSet',
    template: 'pod template',
    rules: { required: 'AdvancedStatefulSet/selector', valid: 'AdvancedStatefulSet/selector', notEmpty: 'AdvancedStatefulSet/selector' },
    make: selector => ({ apiVersion: 'apps.kruise.io/v1beta1', kind: 'StatefulSet', metadata: { name: 'x', namespace: 'd' }, spec: { selector, serviceName: 'x', template: TEMPLATE } }),
  },
  {
    name: 'UnitedDeployment',
    noun: 'a UnitedDeployment',
    template: 'template',
    rules: { required: 'UnitedDeployment/selector', valid: 'UnitedDeployment/selector', notEmpty: 'UnitedDeployment/selector' },
    make: selector => ({
      apiVersion: 'apps.kruise.io/v1alpha1',
      kind: 'UnitedDeployment',
      metadata: { name: 'x', namespace: 'd' },
      spec: {
        selector,
        replicas: 1,
        template: { cloneSetTemplate: { metadata: { labels: { app: 'a' } }, spec: { selector: { matchLabels: { app: 'a' } }, template: TEMPLATE } } },
        topology: { subsets: [{ name: 's' }] },
      },
    }),
  },
];

/** The errors at spec.selector or below it. */
function selectorErrors(obj: any) {
  return errors(obj).filter(e => e.path === 'spec.selector' || e.path.startsWith('spec.selector.'));
}

describe.each(KINDS)('$name: spec.selector', kind => {
  const fix = `set spec.selector.matchLabels to labels of the ${kind.template}`;

  test('a selector of the template\'s labels is admitted', () => {
    expectAdmitted(kind.make({ matchLabels: { app: 'a' } }));
  });

  test.each([['missing', undefined], ['null', null]])('%s: required', (_, selector) => {
    expect(selectorErrors(kind.make(selector))).toEqual([
      { rule: kind.rules.required, path: 'spec.selector', message: `${kind.noun} needs a selector`, fix, severity: 'error' },
    ]);
  });

  test('empty: rejected as selecting nothing', () => {
    expect(selectorErrors(kind.make({}))).toEqual([
      { rule: kind.rules.notEmpty, path: 'spec.selector', message: `the selector is empty; ${kind.noun} needs a selector that picks its own pods`, fix, severity: 'error' },
    ]);
  });

  test('invalid: the label selector finding, under the kind\'s own rule, and nothing about emptiness', () => {
    const found = selectorErrors(kind.make({ matchLabels: { 'bad key!': 'a' } }));
    expect(found.map(f => [f.rule, f.path])).toEqual([[kind.rules.valid, 'spec.selector.matchLabels["bad key!"]']]);
  });
});
