import { admit } from '../../../src/admission/engine';
import { AdmissionContext } from '../../../src/admission/types';
import { describeWithReference, listReference, readYamlDocs } from '../../util/reference';
import { errors, expectAdmitted, expectDenied } from '../fixtures';

const V17: AdmissionContext = { version: '1.7' };

const podTemplate = () => ({
  metadata: { labels: { app: 'shop' } },
  spec: { containers: [{ name: 'main', image: 'nginx:1.25' }] },
});

/** A minimal UnitedDeployment (Advanced StatefulSet subsets) Kruise 1.7 admits. */
function ud(): any {
  return {
    apiVersion: 'apps.kruise.io/v1alpha1',
    kind: 'UnitedDeployment',
    metadata: { name: 'shop', namespace: 'default' },
    spec: {
      replicas: 4,
      selector: { matchLabels: { app: 'shop' } },
      template: {
        advancedStatefulSetTemplate: {
          metadata: { labels: { app: 'shop' } },
          spec: { selector: { matchLabels: { app: 'shop' } }, template: podTemplate() },
        },
      },
      topology: {
        subsets: [
          { name: 'zone-a', nodeSelectorTerm: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }, replicas: 1 },
          { name: 'zone-b', nodeSelectorTerm: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] } },
        ],
      },
    },
  };
}

function withUd(edit: (o: any) => void): any {
  const o = ud();
  edit(o);
  return o;
}

/** Replaces the workload template with one of `kind`. */
function useTemplate(o: any, kind: string, spec: any = {}): void {
  o.spec.template = { [kind]: { metadata: { labels: { app: 'shop' } }, spec: { selector: { matchLabels: { app: 'shop' } }, template: podTemplate(), ...spec } } };
}

const S = 'spec.topology.subsets';
const subsets = (o: any, list: any[]) => { o.spec.topology.subsets = list; };

test('the minimal UnitedDeployment is admitted without findings', () => {
  expect(admit(ud(), V17)).toEqual([]);
});

describe('UnitedDeployment rule 1 (ObjectMeta, DNS subdomain)', () => {
  test('UnitedDeployment rule 1 (ObjectMeta) denies a missing name', () => {
    expectDenied(withUd(o => { delete o.metadata.name; }), 'UnitedDeployment/metadata', 'metadata.name');
  });
  test('UnitedDeployment rule 1 (ObjectMeta) allows generateName', () => {
    expectAdmitted(withUd(o => { delete o.metadata.name; o.metadata.generateName = 'shop-'; }));
  });
});

describe('UnitedDeployment rule 2 (replicas >= 0)', () => {
  test('UnitedDeployment rule 2 (replicas >= 0) denies -3', () => {
    expectDenied(withUd(o => { o.spec.replicas = -3; }), 'UnitedDeployment/replicas-nonnegative', 'spec.replicas');
  });
  test('UnitedDeployment rule 2 (replicas >= 0) allows unset replicas when every subset sets its own', () => {
    expectAdmitted(withUd(o => { delete o.spec.replicas; o.spec.topology.subsets[1].replicas = 2; }));
  });
});

describe('UnitedDeployment rule 3 (selector required, valid, non-empty)', () => {
  test('UnitedDeployment rule 3 (selector) denies a missing and an empty selector', () => {
    expectDenied(withUd(o => { delete o.spec.selector; }), 'UnitedDeployment/selector', 'spec.selector');
    expectDenied(withUd(o => { o.spec.selector = { matchLabels: {} }; }), 'UnitedDeployment/selector', 'spec.selector');
  });
  test('UnitedDeployment rule 3 (selector) allows an In expression', () => {
    expectAdmitted(withUd(o => { o.spec.selector = { matchExpressions: [{ key: 'app', operator: 'In', values: ['shop'] }] }; }));
  });
});

describe('UnitedDeployment rule 4 (exactly one workload template)', () => {
  test('UnitedDeployment rule 4 (one template) denies none and two', () => {
    expectDenied(withUd(o => { o.spec.template = {}; }), 'UnitedDeployment/one-template', 'spec.template');
    expectDenied(withUd(o => { o.spec.template.cloneSetTemplate = { metadata: {}, spec: {} }; }), 'UnitedDeployment/one-template', 'spec.template');
  });
  test('UnitedDeployment rule 4 (one template) allows each kind alone', () => {
    for (const kind of ['statefulSetTemplate', 'advancedStatefulSetTemplate', 'cloneSetTemplate', 'deploymentTemplate']) {
      expectAdmitted(withUd(o => useTemplate(o, kind)));
    }
  });
});

describe('UnitedDeployment rule 5 (selector matches the template\'s own metadata.labels; not for CloneSet)', () => {
  test('UnitedDeployment rule 5 (selector matches template labels) denies StatefulSet, Advanced StatefulSet and Deployment templates without the labels', () => {
    for (const kind of ['statefulSetTemplate', 'advancedStatefulSetTemplate', 'deploymentTemplate']) {
      expectDenied(withUd(o => { useTemplate(o, kind); o.spec.template[kind].metadata.labels = {}; }), 'UnitedDeployment/selector-matches-template', `spec.template.${kind}.metadata.labels`);
    }
  });
  test('UnitedDeployment rule 5 (selector matches template labels) allows a cloneSetTemplate without labels', () => {
    expectAdmitted(withUd(o => { useTemplate(o, 'cloneSetTemplate'); o.spec.template.cloneSetTemplate.metadata = {}; }));
  });
});

describe('UnitedDeployment rule 6 (pod template: StatefulSet labels/annotations, Deployment full; CloneSet not validated)', () => {
  test('UnitedDeployment rule 6 (pod template) denies a Deployment pod template without containers, and a StatefulSet pod template with foreign labels', () => {
    expectDenied(withUd(o => { useTemplate(o, 'deploymentTemplate'); o.spec.template.deploymentTemplate.spec.template.spec.containers = []; }),
      'UnitedDeployment/pod-template', 'spec.template.deploymentTemplate.spec.template.spec.containers');
    expectDenied(withUd(o => { o.spec.template.advancedStatefulSetTemplate.spec.template.metadata.labels = { app: 'x' }; }),
      'UnitedDeployment/pod-template', 'spec.template.advancedStatefulSetTemplate.spec.template.metadata.labels');
    expectDenied(withUd(o => { useTemplate(o, 'deploymentTemplate'); o.spec.template.deploymentTemplate.spec.template.spec.restartPolicy = 'Never'; }),
      'UnitedDeployment/pod-template', 'spec.template.deploymentTemplate.spec.template.spec.restartPolicy');
  });
  test('UnitedDeployment rule 6 (pod template) allows StatefulSet and CloneSet pod templates without containers', () => {
    expectAdmitted(withUd(o => { o.spec.template.advancedStatefulSetTemplate.spec.template.spec.containers = []; }));
    expectAdmitted(withUd(o => { useTemplate(o, 'cloneSetTemplate'); o.spec.template.cloneSetTemplate.spec.template = { spec: { containers: [] } }; }));
  });
});

describe('UnitedDeployment rule 7 (StatefulSet / Advanced StatefulSet template replicas unset)', () => {
  test('UnitedDeployment rule 7 (template replicas unset) denies replicas in both StatefulSet templates', () => {
    for (const kind of ['statefulSetTemplate', 'advancedStatefulSetTemplate']) {
      expectDenied(withUd(o => useTemplate(o, kind, { replicas: 2 })), 'UnitedDeployment/statefulset-template-replicas-unset', `spec.template.${kind}.spec.replicas`);
    }
  });
  test('UnitedDeployment rule 7 (template replicas unset) allows replicas in a cloneSetTemplate', () => {
    expectAdmitted(withUd(o => useTemplate(o, 'cloneSetTemplate', { replicas: 2 })));
  });
});

describe('UnitedDeployment rule 8 (StatefulSet / Advanced StatefulSet template rollingUpdate.partition unset)', () => {
  test('UnitedDeployment rule 8 (template partition unset) denies a RollingUpdate partition', () => {
    expectDenied(withUd(o => useTemplate(o, 'advancedStatefulSetTemplate', { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } })),
      'UnitedDeployment/statefulset-template-partition-unset', 'spec.template.advancedStatefulSetTemplate.spec.updateStrategy.rollingUpdate.partition');
  });
  test('UnitedDeployment rule 8 (template partition unset) allows a partition without an explicit RollingUpdate type, and in a cloneSetTemplate', () => {
    expectAdmitted(withUd(o => useTemplate(o, 'statefulSetTemplate', { updateStrategy: { rollingUpdate: { partition: 1 } } })));
    expectAdmitted(withUd(o => useTemplate(o, 'cloneSetTemplate', { updateStrategy: { partition: 1 } })));
  });
  test('a cloneSetTemplate partition or replicas is admitted with a warning (the controller overwrites both)', () => {
    const findings = admit(withUd(o => useTemplate(o, 'cloneSetTemplate', { replicas: 2, updateStrategy: { partition: '50%' } })), V17);
    expect(findings.map(f => [f.rule, f.path, f.severity])).toEqual([
      ['UnitedDeployment/clone-set-template-overridden', 'spec.template.cloneSetTemplate.spec.replicas', 'warning'],
      ['UnitedDeployment/clone-set-template-overridden', 'spec.template.cloneSetTemplate.spec.updateStrategy.partition', 'warning'],
    ]);
  });
});

describe('UnitedDeployment rule 9 (Deployment template replicas unset)', () => {
  test('UnitedDeployment rule 9 (Deployment template replicas unset) denies replicas 0', () => {
    expectDenied(withUd(o => useTemplate(o, 'deploymentTemplate', { replicas: 0 })), 'UnitedDeployment/deployment-template-replicas-unset', 'spec.template.deploymentTemplate.spec.replicas');
  });
  test('UnitedDeployment rule 9 (Deployment template replicas unset) allows a Deployment template without replicas', () => {
    expectAdmitted(withUd(o => useTemplate(o, 'deploymentTemplate', { strategy: { type: 'RollingUpdate' } })));
  });
});

describe('UnitedDeployment rule 10 (subset replicas: int >= 0, or percentage 0..100 with spec.replicas)', () => {
  test('UnitedDeployment rule 10 (subset replicas) denies -1, "150%", "1.5%", "2", and a percentage without spec.replicas', () => {
    for (const r of [-1, '150%', '1.5%', '2']) {
      expectDenied(withUd(o => { o.spec.topology.subsets[0].replicas = r; }), 'UnitedDeployment/subset-replicas', `${S}[0].replicas`);
    }
    expectDenied(withUd(o => { delete o.spec.replicas; subsets(o, [{ name: 'a', replicas: '50%' }]); }), 'UnitedDeployment/subset-replicas', `${S}[0].replicas`);
  });
  test('UnitedDeployment rule 10 (subset replicas) allows "50%" and "0%"', () => {
    expectAdmitted(withUd(o => { o.spec.topology.subsets[0].replicas = '50%'; }));
    expectAdmitted(withUd(o => { o.spec.topology.subsets[0].replicas = '0%'; }));
  });
});

describe('UnitedDeployment rule 11 (min/maxReplicas parse; minReplicas <= maxReplicas)', () => {
  test('UnitedDeployment rule 11 (min/maxReplicas) denies min above max and an unparsable max', () => {
    expectDenied(withUd(o => subsets(o, [{ name: 'a', minReplicas: 3, maxReplicas: 2 }, { name: 'b' }])), 'UnitedDeployment/subset-min-max-replicas', `${S}[0].minReplicas`);
    expectDenied(withUd(o => subsets(o, [{ name: 'a', maxReplicas: 'x' }, { name: 'b' }])), 'UnitedDeployment/subset-min-max-replicas', `${S}[0].maxReplicas`);
  });
  test('UnitedDeployment rule 11 (min/maxReplicas) allows min equal to max, and percentages', () => {
    expectAdmitted(withUd(o => subsets(o, [{ name: 'a', minReplicas: 2, maxReplicas: 2 }, { name: 'b', minReplicas: '25%' }])));
  });
});

describe('UnitedDeployment rule 12 (replicas and min/maxReplicas mutually exclusive)', () => {
  test('UnitedDeployment rule 12 (replicas or min/max) denies one subset with replicas and another with maxReplicas', () => {
    expectDenied(withUd(o => subsets(o, [{ name: 'a', replicas: 1 }, { name: 'b', maxReplicas: 3 }])), 'UnitedDeployment/subset-replicas-or-capacity', S);
  });
  test('UnitedDeployment rule 12 (replicas or min/max) allows min/max on all subsets', () => {
    expectAdmitted(withUd(o => subsets(o, [{ name: 'a', minReplicas: 1, maxReplicas: 3 }, { name: 'b', minReplicas: 1 }])));
  });
});

describe('UnitedDeployment rule 13 (with min/max: spec.replicas set, one maxReplicas unset, sum(min) <= sum(max))', () => {
  test('UnitedDeployment rule 13 (capacity) denies no spec.replicas, every maxReplicas set, and min sum above max sum', () => {
    expectDenied(withUd(o => { delete o.spec.replicas; subsets(o, [{ name: 'a', maxReplicas: 1 }, { name: 'b' }]); }), 'UnitedDeployment/subset-capacity', S);
    expectDenied(withUd(o => subsets(o, [{ name: 'a', maxReplicas: 1 }, { name: 'b', maxReplicas: 5 }])), 'UnitedDeployment/subset-capacity', S);
  });
  test('UnitedDeployment rule 13 (capacity) allows one open-ended subset', () => {
    expectAdmitted(withUd(o => subsets(o, [{ name: 'a', maxReplicas: 1 }, { name: 'b', minReplicas: 10 }])));
  });
});

describe('UnitedDeployment rule 14 (sum(subset replicas) <= replicas; all set => equal)', () => {
  test('UnitedDeployment rule 14 (replicas sum) denies a sum above spec.replicas and an all-set sum below it', () => {
    expectDenied(withUd(o => { o.spec.topology.subsets[0].replicas = 5; }), 'UnitedDeployment/subset-replicas-sum', S);
    expectDenied(withUd(o => { o.spec.topology.subsets[1].replicas = 1; }), 'UnitedDeployment/subset-replicas-sum', S);
  });
  test('UnitedDeployment rule 14 (replicas sum) allows an all-set sum equal to spec.replicas, percentages rounded half up', () => {
    expectAdmitted(withUd(o => { o.spec.topology.subsets[1].replicas = 3; }));
    expectAdmitted(withUd(o => { o.spec.replicas = 5; o.spec.topology.subsets[0].replicas = '50%'; o.spec.topology.subsets[1].replicas = 2; }));
  });
});

describe('UnitedDeployment rule 15 (spec.replicas unset => every subset sets replicas)', () => {
  test('UnitedDeployment rule 15 (subset replicas required) denies a subset without replicas', () => {
    expectDenied(withUd(o => { delete o.spec.replicas; }), 'UnitedDeployment/subset-replicas-required', S);
  });
  test('UnitedDeployment rule 15 (subset replicas required) allows every subset with replicas', () => {
    expectAdmitted(withUd(o => { delete o.spec.replicas; o.spec.topology.subsets[1].replicas = 0; }));
  });
});

describe('UnitedDeployment rule 16 (subset name required, unique, DNS label)', () => {
  test('UnitedDeployment rule 16 (subset name) denies a missing, a repeated and a dotted name', () => {
    expectDenied(withUd(o => { delete o.spec.topology.subsets[1].name; }), 'UnitedDeployment/subset-name', `${S}[1].name`);
    expectDenied(withUd(o => { o.spec.topology.subsets[1].name = 'zone-a'; }), 'UnitedDeployment/subset-name', `${S}[1].name`);
    expectDenied(withUd(o => { o.spec.topology.subsets[1].name = 'zone.b'; }), 'UnitedDeployment/subset-name', `${S}[1].name`);
  });
  test('UnitedDeployment rule 16 (subset name) allows distinct DNS labels', () => {
    expectAdmitted(withUd(o => { o.spec.topology.subsets[1].name = 'zone-b2'; }));
  });
});

describe('UnitedDeployment rule 17 (subset nodeSelectorTerm valid)', () => {
  test('UnitedDeployment rule 17 (nodeSelectorTerm) denies In without values', () => {
    const errs = errors(withUd(o => { o.spec.topology.subsets[0].nodeSelectorTerm = { matchExpressions: [{ key: 'zone', operator: 'In' }] }; }));
    expect(errs.some(f => f.rule === 'UnitedDeployment/subset-node-selector-term' && f.path.startsWith(`${S}[0].nodeSelectorTerm`))).toBe(true);
  });
  test('UnitedDeployment rule 17 (nodeSelectorTerm) allows Exists and no term at all', () => {
    expectAdmitted(withUd(o => { o.spec.topology.subsets[0].nodeSelectorTerm = { matchExpressions: [{ key: 'zone', operator: 'Exists' }] }; }));
    expectAdmitted(withUd(o => { delete o.spec.topology.subsets[0].nodeSelectorTerm; }));
  });
});

describe('UnitedDeployment rule 18 (subset tolerations valid)', () => {
  test('UnitedDeployment rule 18 (tolerations) denies Exists with a value', () => {
    const errs = errors(withUd(o => { o.spec.topology.subsets[0].tolerations = [{ key: 'dedicated', operator: 'Exists', value: 'x', effect: 'NoSchedule' }]; }));
    expect(errs.some(f => f.rule === 'UnitedDeployment/subset-tolerations' && f.path.startsWith(`${S}[0].tolerations`))).toBe(true);
  });
  test('UnitedDeployment rule 18 (tolerations) allows an Equal toleration', () => {
    expectAdmitted(withUd(o => { o.spec.topology.subsets[0].tolerations = [{ key: 'dedicated', operator: 'Equal', value: 'shop', effect: 'NoSchedule' }]; }));
  });
});

describe('UnitedDeployment rule 19 (manualUpdate.partitions name existing subsets)', () => {
  test('UnitedDeployment rule 19 (manual partitions) denies an unknown subset', () => {
    expectDenied(withUd(o => { o.spec.updateStrategy = { type: 'Manual', manualUpdate: { partitions: { 'zone-c': 1 } } }; }),
      'UnitedDeployment/manual-update-partitions', 'spec.updateStrategy.manualUpdate.partitions["zone-c"]');
  });
  test('UnitedDeployment rule 19 (manual partitions) allows known subsets', () => {
    expectAdmitted(withUd(o => { o.spec.updateStrategy = { manualUpdate: { partitions: { 'zone-a': 1, 'zone-b': 0 } } }; }));
  });
});

test('1.8 admits the same UnitedDeployments (webhook unchanged), reserveOrdinals strings in the template included (UD-2)', () => {
  expectAdmitted(ud(), { version: '1.8' });
  expectAdmitted(withUd(o => { o.spec.template.advancedStatefulSetTemplate.spec.reserveOrdinals = ['x-y']; }), { version: '1.8' });
});

test('malformed values are reported or skipped, never thrown', () => {
  for (const spec of [null, 'x', { template: 'x', topology: 'x' }, { topology: { subsets: [null, 3, { name: 5, replicas: {} }] }, updateStrategy: { manualUpdate: 'x' } }]) {
    expect(() => admit({ apiVersion: 'apps.kruise.io/v1alpha1', kind: 'UnitedDeployment', metadata: { name: 'x' }, spec }, V17)).not.toThrow();
  }
});

describeWithReference('UnitedDeployment objects of the upstream manuals and samples', dir => {
  test('every UnitedDeployment of the 1.7 and 1.8 docs examples and seed examples is admitted', () => {
    const files = [...listReference(dir, 'docs-examples'), ...listReference(`${dir}/../kruise-1.8`, 'docs-examples'), `${dir}/seed-examples.yaml`];
    const objs = files.flatMap(f => readYamlDocs(f).map(o => ({ f, o })))
      .filter(({ o }) => o?.kind === 'UnitedDeployment' && String(o.apiVersion).startsWith('apps.kruise.io/'));
    expect(objs.length).toBeGreaterThan(0);
    for (const { f, o } of objs) {
      const version = f.includes('kruise-1.8') ? '1.8' : '1.7';
      expect({ f, errors: admit(o, { version }).filter(x => x.severity === 'error') }).toEqual({ f, errors: [] });
    }
  });
});
