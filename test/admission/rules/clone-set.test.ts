import { admit } from '../../../src/admission/engine';
import { AdmissionContext } from '../../../src/admission/types';
import { describeWithReference, listReference, readYamlDocs } from '../../util/reference';
import { errors, expectAdmitted } from '../fixtures';

const V17: AdmissionContext = { version: '1.7' };

/** A minimal CloneSet Kruise 1.7 admits. */
function cloneSet(): any {
  return {
    apiVersion: 'apps.kruise.io/v1alpha1',
    kind: 'CloneSet',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'main', image: 'nginx:1.25' }] },
      },
    },
  };
}

/** A valid CloneSet changed by `edit`. */
function withCs(edit: (o: any) => void): any {
  const o = cloneSet();
  edit(o);
  return o;
}

/** Asserts Kruise denies `obj` under `rule` at `path`. */
function expectDenied(obj: any, rule: string, path: string): void {
  const errs = errors(obj);
  expect(errs).toEqual(expect.arrayContaining([expect.objectContaining({ rule, path, severity: 'error' })]));
  for (const f of errs) expect(f.message.length).toBeGreaterThan(10);
}

/** Asserts Kruise admits `obj`: no error at all. */
test('the minimal CloneSet is admitted without findings', () => {
  expect(admit(cloneSet(), V17)).toEqual([]);
});

describe('CloneSet rule 1 (ObjectMeta, name a DNS subdomain)', () => {
  test('CloneSet rule 1 (ObjectMeta, name a DNS subdomain) denies an upper-case name', () => {
    expectDenied(withCs(o => { o.metadata.name = 'Web'; }), 'CloneSet/metadata', 'metadata.name');
  });
  test('CloneSet rule 1 (ObjectMeta, name a DNS subdomain) denies a plain finalizer that is not a standard one', () => {
    expectDenied(withCs(o => { o.metadata.finalizers = ['cleanup']; }), 'CloneSet/metadata', 'metadata.finalizers[0]');
  });
  test('CloneSet rule 1 (ObjectMeta, name a DNS subdomain) allows a dotted name', () => {
    expectAdmitted(withCs(o => { o.metadata.name = 'web.v2'; }));
  });
});

describe('CloneSet rule 2 (replicas >= 0)', () => {
  test('CloneSet rule 2 (replicas >= 0) denies replicas -1', () => {
    expectDenied(withCs(o => { o.spec.replicas = -1; }), 'CloneSet/replicas-nonnegative', 'spec.replicas');
  });
  test('CloneSet rule 2 (replicas >= 0) allows replicas 0 and unset (defaulted to 1)', () => {
    expectAdmitted(withCs(o => { o.spec.replicas = 0; }));
    expectAdmitted(withCs(o => { delete o.spec.replicas; }));
  });
});

describe('CloneSet rule 3 (selector required)', () => {
  test('CloneSet rule 3 (selector required) denies a CloneSet without selector', () => {
    expectDenied(withCs(o => { delete o.spec.selector; }), 'CloneSet/selector-required', 'spec.selector');
  });
  test('CloneSet rule 3 (selector required) allows a matchExpressions-only selector', () => {
    expectAdmitted(withCs(o => { o.spec.selector = { matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }] }; }));
  });
});

describe('CloneSet rule 4 (selector valid)', () => {
  test('CloneSet rule 4 (selector valid) denies an unknown operator and In without values', () => {
    const errs = errors(withCs(o => {
      o.spec.selector = { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'Like', values: ['a'] }] };
    }));
    expect(errs.some(f => f.rule === 'CloneSet/selector-valid' && f.path.startsWith('spec.selector'))).toBe(true);
    const errs2 = errors(withCs(o => {
      o.spec.selector = { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: [] }] };
    }));
    expect(errs2.some(f => f.rule === 'CloneSet/selector-valid' && f.path.startsWith('spec.selector'))).toBe(true);
  });
  test('CloneSet rule 4 (selector valid) allows a prefixed key and Exists', () => {
    expectAdmitted(withCs(o => {
      o.spec.selector = { matchLabels: { 'example.com/app': 'web' }, matchExpressions: [{ key: 'app', operator: 'Exists' }] };
      o.spec.template.metadata.labels['example.com/app'] = 'web';
    }));
  });
});

describe('CloneSet rule 5 (selector not empty)', () => {
  test('CloneSet rule 5 (selector not empty) denies an empty selector', () => {
    expectDenied(withCs(o => { o.spec.selector = {}; }), 'CloneSet/selector-not-empty', 'spec.selector');
    expectDenied(withCs(o => { o.spec.selector = { matchLabels: {} }; }), 'CloneSet/selector-not-empty', 'spec.selector');
  });
  test('CloneSet rule 5 (selector not empty) allows one label', () => {
    expectAdmitted(cloneSet());
  });
});

describe('CloneSet rule 6 (selector matches template labels)', () => {
  test('CloneSet rule 6 (selector matches template labels) denies a template without the selected label', () => {
    expectDenied(withCs(o => { o.spec.template.metadata.labels = { app: 'api' }; }), 'CloneSet/selector-matches-template', 'spec.template.metadata.labels');
  });
  test('CloneSet rule 6 (selector matches template labels) allows extra template labels', () => {
    expectAdmitted(withCs(o => { o.spec.template.metadata.labels.tier = 'front'; }));
  });
});

describe('CloneSet rule 7 (pod template passes core validation, VCTs mocked as volumes)', () => {
  test('CloneSet rule 7 (pod template) denies a pod template without containers', () => {
    expectDenied(withCs(o => { o.spec.template.spec.containers = []; }), 'CloneSet/pod-template', 'spec.template.spec.containers');
  });
  test('CloneSet rule 7 (pod template) denies a volumeClaimTemplate named like a template volume, or not a DNS label', () => {
    const vct = (name: string) => ({ metadata: { name }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } });
    expectDenied(withCs(o => {
      o.spec.template.spec.volumes = [{ name: 'data', emptyDir: {} }];
      o.spec.volumeClaimTemplates = [vct('data')];
    }), 'CloneSet/pod-template', 'spec.volumeClaimTemplates[0].metadata.name');
    expectDenied(withCs(o => { o.spec.volumeClaimTemplates = [vct('ok'), vct('Data_1')]; }), 'CloneSet/pod-template', 'spec.volumeClaimTemplates[1].metadata.name');
  });
  test('CloneSet rule 7 (pod template) denies a mount of a volume that is neither a template volume nor a claim', () => {
    const errs = errors(withCs(o => { o.spec.template.spec.containers[0].volumeMounts = [{ name: 'data', mountPath: '/data' }]; }));
    expect(errs.some(f => f.rule === 'CloneSet/pod-template' && f.path.startsWith('spec.template.spec.containers[0].volumeMounts[0]'))).toBe(true);
  });
  test('CloneSet rule 7 (pod template) allows a mount of a volumeClaimTemplate', () => {
    expectAdmitted(withCs(o => {
      o.spec.template.spec.containers[0].volumeMounts = [{ name: 'data', mountPath: '/data' }];
      o.spec.volumeClaimTemplates = [{
        metadata: { name: 'data' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
      }];
    }));
  });
});

describe('CloneSet rule 8 (template restartPolicy Always)', () => {
  test('CloneSet rule 8 (template restartPolicy Always) denies OnFailure', () => {
    expectDenied(withCs(o => { o.spec.template.spec.restartPolicy = 'OnFailure'; }), 'CloneSet/restart-policy-always', 'spec.template.spec.restartPolicy');
  });
  test('CloneSet rule 8 (template restartPolicy Always) allows Always', () => {
    expectAdmitted(withCs(o => { o.spec.template.spec.restartPolicy = 'Always'; }));
  });
});

describe('CloneSet rule 9 (template activeDeadlineSeconds forbidden)', () => {
  test('CloneSet rule 9 (template activeDeadlineSeconds forbidden) denies activeDeadlineSeconds', () => {
    expectDenied(withCs(o => { o.spec.template.spec.activeDeadlineSeconds = 60; }), 'CloneSet/no-active-deadline-seconds', 'spec.template.spec.activeDeadlineSeconds');
  });
  test('CloneSet rule 9 (template activeDeadlineSeconds forbidden) allows a template without it', () => {
    expectAdmitted(withCs(o => { o.spec.template.spec.terminationGracePeriodSeconds = 60; }));
  });
});

describe('CloneSet rule 10 (scaleStrategy.podsToDelete without duplicates)', () => {
  test('CloneSet rule 10 (podsToDelete without duplicates) denies a name listed twice, and stops there', () => {
    const errs = errors(withCs(o => { o.spec.scaleStrategy = { podsToDelete: ['web-a', 'web-a'] }; }));
    expect(errs.filter(f => f.rule === 'CloneSet/pods-to-delete-unique').map(f => f.path)).toEqual(['spec.scaleStrategy.podsToDelete']);
    expect(errs.filter(f => f.rule === 'CloneSet/pods-to-delete-owned')).toEqual([]);
  });
  test('CloneSet rule 10 (podsToDelete without duplicates) allows an empty list', () => {
    expectAdmitted(withCs(o => { o.spec.scaleStrategy = { podsToDelete: [], maxUnavailable: 1 }; }));
  });
});

describe('CloneSet rule 11 (podsToDelete pods exist and are controlled by this CloneSet: cluster state)', () => {
  test('CloneSet rule 11 (podsToDelete pods controlled by this CloneSet) warns for every pod named: refused at creation, cluster-dependent on update', () => {
    const findings = admit(withCs(o => { o.spec.scaleStrategy = { podsToDelete: ['web-a', 'web-b'] }; }), V17);
    expect(findings.map(f => [f.rule, f.path, f.severity])).toEqual([
      ['CloneSet/pods-to-delete-owned', 'spec.scaleStrategy.podsToDelete[0]', 'warning'],
      ['CloneSet/pods-to-delete-owned', 'spec.scaleStrategy.podsToDelete[1]', 'warning'],
    ]);
  });
  test('CloneSet rule 11 (podsToDelete pods controlled by this CloneSet) says nothing of a scaleStrategy without podsToDelete', () => {
    expect(admit(withCs(o => { o.spec.scaleStrategy = { maxUnavailable: '10%' }; }), V17)).toEqual([]);
  });
});

describe('CloneSet rule 12 (updateStrategy.type ReCreate | InPlaceIfPossible | InPlaceOnly)', () => {
  test('CloneSet rule 12 (updateStrategy.type) denies RollingUpdate', () => {
    expectDenied(withCs(o => { o.spec.updateStrategy = { type: 'RollingUpdate' }; }), 'CloneSet/update-strategy-type', 'spec.updateStrategy.type');
  });
  test('CloneSet rule 12 (updateStrategy.type) allows each type, and an unset one (defaulted to ReCreate)', () => {
    for (const type of ['ReCreate', 'InPlaceIfPossible', 'InPlaceOnly', '']) {
      expectAdmitted(withCs(o => { o.spec.updateStrategy = { type }; }));
    }
  });
});

describe('CloneSet rule 13 (partition an int or percentage, scaled value >= 0)', () => {
  test('CloneSet rule 13 (partition) denies a negative partition, a negative percentage and a plain string', () => {
    expectDenied(withCs(o => { o.spec.updateStrategy = { partition: -1 }; }), 'CloneSet/partition', 'spec.updateStrategy.partition');
    expectDenied(withCs(o => { o.spec.updateStrategy = { partition: '-50%' }; }), 'CloneSet/partition', 'spec.updateStrategy.partition');
    expectDenied(withCs(o => { o.spec.updateStrategy = { partition: '2' }; }), 'CloneSet/partition', 'spec.updateStrategy.partition');
    expectDenied(withCs(o => { o.spec.updateStrategy = { partition: 'x%' }; }), 'CloneSet/partition', 'spec.updateStrategy.partition');
    expectDenied(withCs(o => { o.spec.updateStrategy = { partition: '1e400%' }; }), 'CloneSet/partition', 'spec.updateStrategy.partition');
  });
  test('CloneSet rule 13 (partition) allows ints, whole and fractional percentages, and partitions above replicas', () => {
    // "-10%" of 3 replicas rounds up to 0, which Kruise accepts.
    for (const partition of [0, 2, 10, '50%', '12.5%', '1e1%', '100%', '150%', '-10%']) {
      expectAdmitted(withCs(o => { o.spec.updateStrategy = { partition }; }));
    }
  });
});

describe('CloneSet rule 14 (priorityStrategy fields)', () => {
  const weight = (w: number, sel: any = { matchLabels: { tier: 'a' } }) => ({ weightPriority: [{ weight: w, matchSelector: sel }] });
  test('CloneSet rule 14 (priorityStrategy) denies both weight and order, weight 101, an empty and an invalid matchSelector, an empty orderedKey', () => {
    const P = 'spec.updateStrategy.priorityStrategy';
    expectDenied(withCs(o => { o.spec.updateStrategy = { priorityStrategy: { ...weight(10), orderPriority: [{ orderedKey: 'k' }] } }; }), 'CloneSet/priority-strategy', P);
    expectDenied(withCs(o => { o.spec.updateStrategy = { priorityStrategy: weight(101) }; }), 'CloneSet/priority-strategy', `${P}.weightPriority[0].weight`);
    expectDenied(withCs(o => { o.spec.updateStrategy = { priorityStrategy: weight(-1) }; }), 'CloneSet/priority-strategy', `${P}.weightPriority[0].weight`);
    expectDenied(withCs(o => { o.spec.updateStrategy = { priorityStrategy: weight(10, {}) }; }), 'CloneSet/priority-strategy', `${P}.weightPriority[0].matchSelector`);
    expectDenied(withCs(o => { o.spec.updateStrategy = { priorityStrategy: { weightPriority: [{ weight: 10 }] } }; }), 'CloneSet/priority-strategy', `${P}.weightPriority[0].matchSelector`);
    expectDenied(withCs(o => {
      o.spec.updateStrategy = { priorityStrategy: weight(10, { matchExpressions: [{ key: 'tier', operator: 'In' }] }) };
    }), 'CloneSet/priority-strategy', `${P}.weightPriority[0].matchSelector`);
    expectDenied(withCs(o => { o.spec.updateStrategy = { priorityStrategy: { orderPriority: [{ orderedKey: '' }] } }; }), 'CloneSet/priority-strategy', `${P}.orderPriority[0].orderedKey`);
  });
  test('CloneSet rule 14 (priorityStrategy) allows weights 0 and 100, and order keys', () => {
    expectAdmitted(withCs(o => { o.spec.updateStrategy = { priorityStrategy: weight(0) }; }));
    expectAdmitted(withCs(o => { o.spec.updateStrategy = { priorityStrategy: weight(100) }; }));
    expectAdmitted(withCs(o => { o.spec.updateStrategy = { priorityStrategy: { orderPriority: [{ orderedKey: 'rank' }] } }; }));
  });
});

describe('CloneSet rule 15 (scatterStrategy: non-empty key, no duplicate key=value)', () => {
  test('CloneSet rule 15 (scatterStrategy) denies an empty key and a repeated pair', () => {
    expectDenied(withCs(o => { o.spec.updateStrategy = { scatterStrategy: [{ key: '', value: 'a' }] }; }), 'CloneSet/scatter-strategy', 'spec.updateStrategy.scatterStrategy[0].key');
    expectDenied(withCs(o => {
      o.spec.updateStrategy = { scatterStrategy: [{ key: 'zone', value: 'a' }, { key: 'zone', value: 'a' }] };
    }), 'CloneSet/scatter-strategy', 'spec.updateStrategy.scatterStrategy[1]');
  });
  test('CloneSet rule 15 (scatterStrategy) allows the same key with different values', () => {
    expectAdmitted(withCs(o => { o.spec.updateStrategy = { scatterStrategy: [{ key: 'zone', value: 'a' }, { key: 'zone', value: 'b' }] }; }));
  });
});

describe('CloneSet rule 16 (maxUnavailable/maxSurge int or percentage; InPlaceOnly without maxSurge)', () => {
  test('CloneSet rule 16 (maxUnavailable/maxSurge) denies a plain numeric string, a fractional percentage and InPlaceOnly with surge', () => {
    expectDenied(withCs(o => { o.spec.updateStrategy = { maxUnavailable: '1' }; }), 'CloneSet/max-unavailable-max-surge', 'spec.updateStrategy.maxUnavailable');
    expectDenied(withCs(o => { o.spec.updateStrategy = { maxSurge: '1.5%' }; }), 'CloneSet/max-unavailable-max-surge', 'spec.updateStrategy.maxSurge');
    expectDenied(withCs(o => { o.spec.updateStrategy = { type: 'InPlaceOnly', maxSurge: 1 }; }), 'CloneSet/max-unavailable-max-surge', 'spec.updateStrategy.maxSurge');
    expectDenied(withCs(o => { o.spec.updateStrategy = { type: 'InPlaceOnly', maxSurge: '10%' }; }), 'CloneSet/max-unavailable-max-surge', 'spec.updateStrategy.maxSurge');
  });
  test('CloneSet rule 16 (maxUnavailable/maxSurge) allows InPlaceOnly with maxSurge 0, and surge with InPlaceIfPossible', () => {
    expectAdmitted(withCs(o => { o.spec.updateStrategy = { type: 'InPlaceOnly', maxSurge: 0 }; }));
    expectAdmitted(withCs(o => { o.spec.updateStrategy = { type: 'InPlaceIfPossible', maxSurge: '50%', maxUnavailable: 0 }; }));
  });
  test('CloneSet rule 16 (maxUnavailable/maxSurge) admits maxUnavailable above 100% with a warning', () => {
    const findings = expectAdmitted(withCs(o => { o.spec.updateStrategy = { maxUnavailable: '120%' }; }));
    expect(findings).toEqual([expect.objectContaining({ rule: 'CloneSet/max-unavailable-max-surge', path: 'spec.updateStrategy.maxUnavailable', severity: 'warning' })]);
  });
});

describe('CloneSet rule 17 (replicas > 0 needs maxUnavailable or maxSurge of at least 1, after defaults 20% / 0)', () => {
  test('CloneSet rule 17 (not both budgets below 1) denies maxUnavailable 0 or "0%" alone (maxSurge defaults to 0)', () => {
    expectDenied(withCs(o => { o.spec.updateStrategy = { maxUnavailable: 0 }; }), 'CloneSet/update-budget-not-zero', 'spec.updateStrategy.maxUnavailable');
    expectDenied(withCs(o => { o.spec.updateStrategy = { maxUnavailable: '0%' }; }), 'CloneSet/update-budget-not-zero', 'spec.updateStrategy.maxUnavailable');
    expectDenied(withCs(o => { o.spec.updateStrategy = { maxUnavailable: 0, maxSurge: '0%' }; }), 'CloneSet/update-budget-not-zero', 'spec.updateStrategy.maxUnavailable');
  });
  test('CloneSet rule 17 (not both budgets below 1) allows replicas 0 with both budgets 0, and the 20% default with 1 replica', () => {
    expectAdmitted(withCs(o => { o.spec.replicas = 0; o.spec.updateStrategy = { maxUnavailable: 0, maxSurge: 0 }; }));
    expectAdmitted(withCs(o => { o.spec.replicas = 1; }));
    expectAdmitted(withCs(o => { o.spec.updateStrategy = { maxUnavailable: 0, maxSurge: 1 }; }));
  });
});

test('the defaults do not change the object the caller passed', () => {
  const o = withCs(x => { delete x.spec.replicas; });
  const before = JSON.stringify(o);
  admit(o, V17);
  expect(JSON.stringify(o)).toEqual(before);
});

test('malformed values are reported or skipped, never thrown', () => {
  for (const spec of [null, 'x', 3, { updateStrategy: 'x', scaleStrategy: [1], template: 7, selector: 'a' }, { updateStrategy: { priorityStrategy: { weightPriority: [null, 5] } } }]) {
    expect(() => admit({ apiVersion: 'apps.kruise.io/v1alpha1', kind: 'CloneSet', metadata: { name: 'x' }, spec }, V17)).not.toThrow();
  }
});

test('1.8 admits and denies CloneSets as 1.7 does (Kruise code unchanged)', () => {
  expect(errors(cloneSet(), { version: '1.8' })).toEqual([]);
  expect(errors(withCs(o => { o.spec.updateStrategy = { maxUnavailable: 0 }; }), { version: '1.8' }).map(f => f.rule)).toEqual(['CloneSet/update-budget-not-zero']);
});

describeWithReference('CloneSet objects of the upstream manuals and samples', dir => {
  test('every CloneSet of the 1.7 and 1.8 docs examples and seed examples is admitted', () => {
    const files = [...listReference(dir, 'docs-examples'), ...listReference(`${dir}/../kruise-1.8`, 'docs-examples'), `${dir}/seed-examples.yaml`];
    const objs = files.flatMap(f => readYamlDocs(f).map(o => ({ f, o })))
      .filter(({ o }) => o?.kind === 'CloneSet' && String(o.apiVersion).startsWith('apps.kruise.io/'));
    expect(objs.length).toBeGreaterThan(0);
    for (const { f, o } of objs) {
      const version = f.includes('kruise-1.8') ? '1.8' : '1.7';
      expect({ f, errors: admit(o, { version }).filter(x => x.severity === 'error') }).toEqual({ f, errors: [] });
    }
  });
});
