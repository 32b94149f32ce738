import { ApiObject, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  AdvancedStatefulSet, BroadcastJob, CloneSet, DeletionProtection, FeatureGate, IntOrPercent, Kruise, UnitedDeployment, UnitedDeploymentTemplate,
  WorkloadDeletionProtection,
} from '../../src';
import { synthValid, validationErrors } from '../util/l2';

const nginx = { name: 'nginx', image: 'nginx:1.27' };
const LABEL = 'policy.kruise.io/delete-protection';

describe('WorkloadDeletionProtection.protectAll', () => {
  test('labels CloneSets and Advanced StatefulSets of the scope; other kinds and the install are left alone', () => {
    const app = Testing.app();
    const infra = new Chart(app, 'infra');
    new Kruise(infra, 'kruise');
    const apps = new Chart(app, 'apps');
    new CloneSet(apps, 'web', { containers: [nginx] });
    new AdvancedStatefulSet(apps, 'db', { containers: [nginx] });
    new BroadcastJob(apps, 'warmup', { containers: [nginx] });
    new kplus.Deployment(apps, 'plain', { containers: [{ image: 'nginx:1.27', securityContext: { ensureNonRoot: false } }] });

    expect(WorkloadDeletionProtection.protectAll(app, DeletionProtection.CASCADING)).toBe(2);
    const out = synthValid(apps);
    expect(out.map(m => [m.kind, m.metadata.labels?.[LABEL]])).toEqual([
      ['CloneSet', 'Cascading'],
      ['StatefulSet', 'Cascading'],
      ['BroadcastJob', undefined],
      ['Deployment', undefined],
    ]);
    expect(Testing.synth(infra).every(m => m.metadata.labels?.[LABEL] === undefined)).toBe(true);
  });

  test('includeBuiltInWorkloads adds Deployments and StatefulSets; a label set before is kept', () => {
    const chart = new Chart(Testing.app(), 'c');
    new kplus.Deployment(chart, 'plain', { containers: [{ image: 'nginx:1.27', securityContext: { ensureNonRoot: false } }] });
    const cs = new CloneSet(chart, 'web', { containers: [nginx] });
    ApiObject.of(cs).metadata.addLabel(LABEL, 'Always');
    expect(WorkloadDeletionProtection.protectAll(chart, DeletionProtection.CASCADING, { includeBuiltInWorkloads: true })).toBe(1);
    expect(Testing.synth(chart).map(m => [m.kind, m.metadata.labels?.[LABEL]])).toEqual([['Deployment', 'Cascading'], ['CloneSet', 'Always']]);
  });

  test('UnitedDeployment is protected too', () => {
    const chart = new Chart(Testing.app(), 'c');
    new Kruise(chart, 'kruise');
    new UnitedDeployment(chart, 'ud', {
      containers: [nginx],
      template: UnitedDeploymentTemplate.cloneSet(),
      subsets: [{ name: 'a', replicas: IntOrPercent.count(1) }],
    });
    expect(WorkloadDeletionProtection.protectAll(chart, DeletionProtection.ALWAYS)).toBe(1);
    expect(Testing.synth(chart).find(m => m.kind === 'UnitedDeployment').metadata.labels[LABEL]).toBe('Always');
  });

  test('synthesis fails when the install in the app has ResourcesDeletionProtection off', () => {
    const chart = new Chart(Testing.app(), 'c');
    new Kruise(chart, 'kruise', { featureGates: [FeatureGate.RESOURCES_DELETION_PROTECTION.disable()] });
    new CloneSet(chart, 'web', { containers: [nginx] });
    WorkloadDeletionProtection.protectAll(chart, DeletionProtection.ALWAYS);
    expect(validationErrors(chart).join('\n')).toMatch(/deletion protection needs the feature gate ResourcesDeletionProtection, which is off in the Kruise install at c\/kruise/);
  });

  test('a bad mode throws', () => {
    expect(() => WorkloadDeletionProtection.protectAll(new Chart(Testing.app(), 'c'), 'Sometimes' as any)).toThrow(/^c: mode "Sometimes": not a deletion protection mode/);
  });
});
