/**
 * Property-based tests of the install (fast-check, fixed seed): random valid
 * KruiseProps and chart values synthesize to core objects that validate
 * against the Kubernetes OpenAPI schema (kubernetes-models); random invalid
 * ones fail with an error that names the construct path or the values key.
 */
import { Chart } from 'cdk8s';
import fc from 'fast-check';
import { expectConstructError, SEED, synthChecked } from './check';
import { helmValuesMutations, kruisePropsMutations, validHelmValues, validKruiseProps } from './install-arbitraries';
import { coreObjectProblems, isCoreObject } from './k8s-models';
import { FeatureGate, Kruise, KruiseProps, ResolvedFeatureGates } from '../../src';
import { kruisePropsIssue } from '../../src/install/props-check';

const RUNS = 150;
const INVALID_RUNS = 200;

/** The CRDs are the same in every run (their schema is checked by test/conformance): not re-validated here. */
const SKIP = ['CustomResourceDefinition'];

function gatesOf(props: KruiseProps): ResolvedFeatureGates {
  const settings = [...(props.featureGates ?? [FeatureGate.IMAGE_PULL_JOB.enable()])];
  if (props.certManager && !settings.some(s => s.gate === FeatureGate.ENABLE_EXTERNAL_CERTS)) {
    settings.push(FeatureGate.ENABLE_EXTERNAL_CERTS.enable());
  }
  return ResolvedFeatureGates.resolve(settings);
}

test(`Kruise: ${RUNS} random valid props produce valid core objects`, () => {
  const kinds = new Set<string>();
  fc.assert(fc.property(validKruiseProps, props => {
    // valid props pass the contradiction checks too (src/install/props-check.ts checkKruiseProps)
    const issue = kruisePropsIssue(props, gatesOf(props));
    if (issue) throw new Error(`checkKruiseProps rejects valid props: ${JSON.stringify(issue)}`);
    const manifests = synthChecked((c: Chart) => new Kruise(c, 'kruise', props), SKIP);
    manifests.filter(isCoreObject).forEach(m => kinds.add(m.kind));
  }), { seed: SEED, numRuns: RUNS });
  // the runs covered every core kind of the install
  expect([...kinds].sort()).toEqual(expect.arrayContaining([
    'ClusterRole', 'ClusterRoleBinding', 'DaemonSet', 'Deployment', 'MutatingWebhookConfiguration', 'Namespace', 'Role',
    'RoleBinding', 'Secret', 'Service', 'ServiceAccount', 'ValidatingWebhookConfiguration',
  ]));
});

test(`Kruise.fromHelmValues: ${RUNS} random valid values produce valid core objects`, () => {
  fc.assert(fc.property(validHelmValues, values => {
    synthChecked((c: Chart) => Kruise.fromHelmValues(c, 'kruise', values), SKIP);
  }), { seed: SEED, numRuns: RUNS });
});

test(`Kruise: ${INVALID_RUNS} random invalid props give an error naming the construct path`, () => {
  fc.assert(fc.property(validKruiseProps, fc.oneof(...kruisePropsMutations), (props, mutate) => {
    expectConstructError(() => synthChecked((c: Chart) => new Kruise(c, 'kruise', mutate(props)), SKIP), 'test/kruise');
  }), { seed: SEED, numRuns: INVALID_RUNS });
});

test(`Kruise.fromHelmValues: ${INVALID_RUNS} random invalid values give an error naming the values key`, () => {
  fc.assert(fc.property(validHelmValues, fc.oneof(...helmValuesMutations), (values, mutate) => {
    expectConstructError(() => synthChecked((c: Chart) => Kruise.fromHelmValues(c, 'kruise', mutate(values)), SKIP), 'values');
  }), { seed: SEED, numRuns: INVALID_RUNS });
});

test('the CRDs of a default install validate against kubernetes-models', () => {
  const crds = synthChecked((c: Chart) => new Kruise(c, 'kruise')).filter(m => m.kind === 'CustomResourceDefinition');
  expect(crds).toHaveLength(17);
  expect(crds.flatMap(coreObjectProblems)).toEqual([]);
});
