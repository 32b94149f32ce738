import { admit } from '../../../src/admission/engine';
import { AdmissionContext } from '../../../src/admission/types';
import { describeWithReference, listReference, readYamlDocs } from '../../util/reference';
import { errors, expectAdmitted, expectDenied } from '../fixtures';

const V17: AdmissionContext = { version: '1.7' };
const V18: AdmissionContext = { version: '1.8' };

/** A minimal Advanced StatefulSet (v1beta1) Kruise 1.7 admits. */
function sts(): any {
  return {
    apiVersion: 'apps.kruise.io/v1beta1',
    kind: 'StatefulSet',
    metadata: { name: 'db', namespace: 'default' },
    spec: {
      replicas: 3,
      serviceName: 'db',
      selector: { matchLabels: { app: 'db' } },
      template: {
        metadata: { labels: { app: 'db' } },
        spec: { containers: [{ name: 'main', image: 'postgres:16' }] },
      },
    },
  };
}

function withSts(edit: (o: any) => void): any {
  const o = sts();
  edit(o);
  return o;
}

const ru = (o: any, rollingUpdate: any, extra: any = {}) => { o.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate, ...extra }; };

test('the minimal Advanced StatefulSet is admitted without findings, in v1beta1 and v1alpha1', () => {
  expect(admit(sts(), V17)).toEqual([]);
  expect(admit(withSts(o => { o.apiVersion = 'apps.kruise.io/v1alpha1'; }), V17)).toEqual([]);
});

describe('Advanced StatefulSet rule 1 (ObjectMeta + ValidateStatefulSetName, a DNS label)', () => {
  test('Advanced StatefulSet rule 1 (name a DNS label) denies a dotted name', () => {
    expectDenied(withSts(o => { o.metadata.name = 'db.v2'; }), 'AdvancedStatefulSet/metadata', 'metadata.name');
  });
  test('Advanced StatefulSet rule 1 (name a DNS label) allows a dashed name', () => {
    expectAdmitted(withSts(o => { o.metadata.name = 'db-v2'; }));
  });
});

describe('Advanced StatefulSet rule 2 (podManagementPolicy OrderedReady | Parallel)', () => {
  test('Advanced StatefulSet rule 2 (podManagementPolicy) denies Random', () => {
    expectDenied(withSts(o => { o.spec.podManagementPolicy = 'Random'; }), 'AdvancedStatefulSet/pod-management-policy', 'spec.podManagementPolicy');
  });
  test('Advanced StatefulSet rule 2 (podManagementPolicy) allows Parallel, OrderedReady and unset (defaulted)', () => {
    for (const p of ['Parallel', 'OrderedReady', '']) expectAdmitted(withSts(o => { o.spec.podManagementPolicy = p; }));
  });
});

describe('Advanced StatefulSet rule 3 (reserveOrdinals without duplicates)', () => {
  test('Advanced StatefulSet rule 3 (reserveOrdinals without duplicates) denies [1, 1] in 1.7', () => {
    expectDenied(withSts(o => { o.spec.reserveOrdinals = [1, 1]; }), 'AdvancedStatefulSet/reserve-ordinals-unique', 'spec.reserveOrdinals');
  });
  test('Advanced StatefulSet rule 3 (reserveOrdinals without duplicates) allows [0, 2], and [1, 1] in 1.8 (ASTS-2)', () => {
    expectAdmitted(withSts(o => { o.spec.reserveOrdinals = [0, 2]; }));
    expectAdmitted(withSts(o => { o.spec.reserveOrdinals = [1, 1]; }), V18);
  });
});

describe('Advanced StatefulSet rule 4 (reserveOrdinals >= 0)', () => {
  test('Advanced StatefulSet rule 4 (reserveOrdinals >= 0) denies -1, in 1.7 and 1.8 (ASTS-3)', () => {
    expectDenied(withSts(o => { o.spec.reserveOrdinals = [2, -1]; }), 'AdvancedStatefulSet/reserve-ordinals-nonnegative', 'spec.reserveOrdinals[1]');
    expectDenied(withSts(o => { o.spec.reserveOrdinals = [2, -1]; }), 'AdvancedStatefulSet/reserve-ordinals-nonnegative', 'spec.reserveOrdinals[1]', V18);
  });
  test('Advanced StatefulSet rule 4 (reserveOrdinals >= 0) allows 0', () => {
    expectAdmitted(withSts(o => { o.spec.reserveOrdinals = [0]; }));
  });
  test('a v1alpha1 object has no reserveOrdinals: the conversion drops them before validation', () => {
    expectAdmitted(withSts(o => { o.apiVersion = 'apps.kruise.io/v1alpha1'; o.spec.reserveOrdinals = [1, 1, -1]; }));
  });
});

describe('1.8 ASTS-1 (reserveOrdinals ranges "start-end")', () => {
  test('1.8 ASTS-1 (reserveOrdinals ranges) denies "+1-3", "7", "5-3", "1-2-3" and an overflowing end', () => {
    for (const bad of ['+1-3', '7', '5-3', '1-2-3', '0-99999999999999999999', 'a-b']) {
      expectDenied(withSts(o => { o.spec.reserveOrdinals = [1, bad]; }), 'AdvancedStatefulSet/reserve-ordinals-range', 'spec.reserveOrdinals[1]', V18);
    }
  });
  test('1.8 ASTS-1 (reserveOrdinals ranges) allows "3-3", "01-03" and overlaps with ints', () => {
    expectAdmitted(withSts(o => { o.spec.reserveOrdinals = ['3-3', '01-03', 2, '1-5']; }), V18);
  });
});

describe('Advanced StatefulSet rule 5 (scaleStrategy.maxUnavailable as rules 10/11)', () => {
  test('Advanced StatefulSet rule 5 (scaleStrategy.maxUnavailable) denies 0 and 2 without Parallel', () => {
    expectDenied(withSts(o => { o.spec.podManagementPolicy = 'Parallel'; o.spec.scaleStrategy = { maxUnavailable: 0 }; }),
      'AdvancedStatefulSet/scale-strategy-max-unavailable', 'spec.scaleStrategy.maxUnavailable');
    expectDenied(withSts(o => { o.spec.scaleStrategy = { maxUnavailable: 2 }; }), 'AdvancedStatefulSet/scale-strategy-max-unavailable', 'spec.scaleStrategy.maxUnavailable');
  });
  test('Advanced StatefulSet rule 5 (scaleStrategy.maxUnavailable) allows "50%" with Parallel and 1 without', () => {
    expectAdmitted(withSts(o => { o.spec.podManagementPolicy = 'Parallel'; o.spec.scaleStrategy = { maxUnavailable: '50%' }; }));
    expectAdmitted(withSts(o => { o.spec.scaleStrategy = { maxUnavailable: 1 }; }));
  });
});

describe('Advanced StatefulSet rule 6 (updateStrategy.type RollingUpdate | OnDelete)', () => {
  test('Advanced StatefulSet rule 6 (updateStrategy.type) denies Recreate', () => {
    expectDenied(withSts(o => { o.spec.updateStrategy = { type: 'Recreate' }; }), 'AdvancedStatefulSet/update-strategy-type', 'spec.updateStrategy.type');
  });
  test('Advanced StatefulSet rule 6 (updateStrategy.type) allows OnDelete, RollingUpdate and unset', () => {
    for (const type of ['OnDelete', 'RollingUpdate', undefined]) expectAdmitted(withSts(o => { o.spec.updateStrategy = { type }; }));
  });
});

describe('Advanced StatefulSet rule 7 (OnDelete forbids rollingUpdate)', () => {
  test('Advanced StatefulSet rule 7 (OnDelete forbids rollingUpdate) denies OnDelete with rollingUpdate', () => {
    expectDenied(withSts(o => { o.spec.updateStrategy = { type: 'OnDelete', rollingUpdate: { partition: 1 } }; }),
      'AdvancedStatefulSet/on-delete-without-rolling-update', 'spec.updateStrategy.rollingUpdate');
  });
  test('Advanced StatefulSet rule 7 (OnDelete forbids rollingUpdate) allows OnDelete alone', () => {
    expectAdmitted(withSts(o => { o.spec.updateStrategy = { type: 'OnDelete' }; }));
  });
});

describe('Advanced StatefulSet rule 8 (rollingUpdate.partition >= 0)', () => {
  test('Advanced StatefulSet rule 8 (partition >= 0) denies -1', () => {
    expectDenied(withSts(o => ru(o, { partition: -1 })), 'AdvancedStatefulSet/partition-nonnegative', 'spec.updateStrategy.rollingUpdate.partition');
  });
  test('Advanced StatefulSet rule 8 (partition >= 0) allows a partition above replicas', () => {
    expectAdmitted(withSts(o => ru(o, { partition: 10 })));
  });
});

describe('Advanced StatefulSet rule 9 (rollingUpdate.minReadySeconds 0..300)', () => {
  test('Advanced StatefulSet rule 9 (minReadySeconds 0..300) denies 301 and -1', () => {
    expectDenied(withSts(o => ru(o, { minReadySeconds: 301 })), 'AdvancedStatefulSet/min-ready-seconds', 'spec.updateStrategy.rollingUpdate.minReadySeconds');
    expectDenied(withSts(o => ru(o, { minReadySeconds: -1 })), 'AdvancedStatefulSet/min-ready-seconds', 'spec.updateStrategy.rollingUpdate.minReadySeconds');
  });
  test('Advanced StatefulSet rule 9 (minReadySeconds 0..300) allows 300', () => {
    expectAdmitted(withSts(o => ru(o, { minReadySeconds: 300 })));
  });
});

describe('Advanced StatefulSet rule 10 (maxUnavailable int >= 0 or percentage, resolving to >= 1)', () => {
  test('Advanced StatefulSet rule 10 (maxUnavailable) denies 0, "0%", "2" and -1', () => {
    for (const maxUnavailable of [0, '0%', '2', -1]) {
      expectDenied(withSts(o => { o.spec.podManagementPolicy = 'Parallel'; ru(o, { maxUnavailable }); }),
        'AdvancedStatefulSet/max-unavailable', 'spec.updateStrategy.rollingUpdate.maxUnavailable');
    }
  });
  test('Advanced StatefulSet rule 10 (maxUnavailable) allows "1%" (rounds up to 1), 3 and unset (defaulted to 1)', () => {
    expectAdmitted(withSts(o => { o.spec.podManagementPolicy = 'Parallel'; ru(o, { maxUnavailable: '1%' }); }));
    expectAdmitted(withSts(o => { o.spec.podManagementPolicy = 'Parallel'; ru(o, { maxUnavailable: 3 }); }));
    expectAdmitted(withSts(o => ru(o, {})));
  });
});

describe('Advanced StatefulSet rule 11 (maxUnavailable other than int 1 needs Parallel)', () => {
  test('Advanced StatefulSet rule 11 (maxUnavailable needs Parallel) denies 2 and "100%" with OrderedReady', () => {
    for (const maxUnavailable of [2, '100%']) {
      expectDenied(withSts(o => ru(o, { maxUnavailable })), 'AdvancedStatefulSet/max-unavailable-needs-parallel', 'spec.updateStrategy.rollingUpdate.maxUnavailable');
    }
  });
  test('Advanced StatefulSet rule 11 (maxUnavailable needs Parallel) allows 1 with OrderedReady, 2 with Parallel', () => {
    expectAdmitted(withSts(o => ru(o, { maxUnavailable: 1 })));
    expectAdmitted(withSts(o => { o.spec.podManagementPolicy = 'Parallel'; ru(o, { maxUnavailable: 2 }); }));
  });
});

describe('Advanced StatefulSet rule 12 (podUpdatePolicy ReCreate | InPlaceIfPossible | InPlaceOnly)', () => {
  test('Advanced StatefulSet rule 12 (podUpdatePolicy) denies Recreate (wrong case)', () => {
    expectDenied(withSts(o => ru(o, { podUpdatePolicy: 'Recreate' })), 'AdvancedStatefulSet/pod-update-policy', 'spec.updateStrategy.rollingUpdate.podUpdatePolicy');
  });
  test('Advanced StatefulSet rule 12 (podUpdatePolicy) allows ReCreate and unset', () => {
    expectAdmitted(withSts(o => ru(o, { podUpdatePolicy: 'ReCreate' })));
    expectAdmitted(withSts(o => ru(o, { podUpdatePolicy: '' })));
  });
});

describe('Advanced StatefulSet rule 13 (in-place podUpdatePolicy needs readiness gate InPlaceUpdateReady)', () => {
  test('Advanced StatefulSet rule 13 (in-place needs InPlaceUpdateReady) denies InPlaceIfPossible without the gate', () => {
    expectDenied(withSts(o => ru(o, { podUpdatePolicy: 'InPlaceIfPossible' })), 'AdvancedStatefulSet/in-place-readiness-gate', 'spec.template.spec.readinessGates');
    expectDenied(withSts(o => {
      ru(o, { podUpdatePolicy: 'InPlaceOnly' });
      o.spec.template.spec.readinessGates = [{ conditionType: 'Other' }];
    }), 'AdvancedStatefulSet/in-place-readiness-gate', 'spec.template.spec.readinessGates');
  });
  test('Advanced StatefulSet rule 13 (in-place needs InPlaceUpdateReady) allows InPlaceOnly with the gate', () => {
    expectAdmitted(withSts(o => {
      ru(o, { podUpdatePolicy: 'InPlaceOnly' });
      o.spec.template.spec.readinessGates = [{ conditionType: 'InPlaceUpdateReady' }];
    }));
  });
});

describe('Advanced StatefulSet rule 14 (unorderedUpdate needs Parallel)', () => {
  test('Advanced StatefulSet rule 14 (unorderedUpdate needs Parallel) denies it with OrderedReady', () => {
    expectDenied(withSts(o => ru(o, { unorderedUpdate: {} })), 'AdvancedStatefulSet/unordered-update-needs-parallel', 'spec.updateStrategy.rollingUpdate.unorderedUpdate');
  });
  test('Advanced StatefulSet rule 14 (unorderedUpdate needs Parallel) allows it with Parallel', () => {
    expectAdmitted(withSts(o => { o.spec.podManagementPolicy = 'Parallel'; ru(o, { unorderedUpdate: {} }); }));
  });
});

describe('Advanced StatefulSet rule 15 (unorderedUpdate.priorityStrategy FieldsValidation)', () => {
  test('Advanced StatefulSet rule 15 (unorderedUpdate.priorityStrategy) denies weight 200', () => {
    expectDenied(withSts(o => {
      o.spec.podManagementPolicy = 'Parallel';
      ru(o, { unorderedUpdate: { priorityStrategy: { weightPriority: [{ weight: 200, matchSelector: { matchLabels: { a: 'b' } } }] } } });
    }), 'AdvancedStatefulSet/unordered-update-priority-strategy', 'spec.updateStrategy.rollingUpdate.unorderedUpdate.priorityStrategy.weightPriority[0].weight');
  });
  test('Advanced StatefulSet rule 15 (unorderedUpdate.priorityStrategy) allows an orderPriority', () => {
    expectAdmitted(withSts(o => {
      o.spec.podManagementPolicy = 'Parallel';
      ru(o, { unorderedUpdate: { priorityStrategy: { orderPriority: [{ orderedKey: 'rank' }] } } });
    }));
  });
});

describe('Advanced StatefulSet rule 16 (persistentVolumeClaimRetentionPolicy Retain | Delete)', () => {
  test('Advanced StatefulSet rule 16 (PVC retention policy) denies Keep', () => {
    expectDenied(withSts(o => { o.spec.persistentVolumeClaimRetentionPolicy = { whenDeleted: 'Keep' }; }),
      'AdvancedStatefulSet/pvc-retention-policy', 'spec.persistentVolumeClaimRetentionPolicy.whenDeleted');
  });
  test('Advanced StatefulSet rule 16 (PVC retention policy) denies an empty whenScaled only when StatefulSetAutoDeletePVC is known off', () => {
    const o = withSts(x => { x.spec.persistentVolumeClaimRetentionPolicy = { whenDeleted: 'Delete' }; });
    expectDenied(o, 'AdvancedStatefulSet/pvc-retention-policy', 'spec.persistentVolumeClaimRetentionPolicy.whenScaled',
      { version: '1.7', gate: g => (g === 'StatefulSetAutoDeletePVC' ? false : undefined) });
    expectAdmitted(o, { version: '1.7', gate: () => true });
    expectAdmitted(o);
  });
  test('Advanced StatefulSet rule 16 (PVC retention policy) allows Delete/Retain', () => {
    expectAdmitted(withSts(o => { o.spec.persistentVolumeClaimRetentionPolicy = { whenDeleted: 'Delete', whenScaled: 'Retain' }; }));
  });
});

describe('Advanced StatefulSet rule 17 (replicas >= 0)', () => {
  test('Advanced StatefulSet rule 17 (replicas >= 0) denies -2', () => {
    expectDenied(withSts(o => { o.spec.replicas = -2; }), 'AdvancedStatefulSet/replicas-nonnegative', 'spec.replicas');
  });
  test('Advanced StatefulSet rule 17 (replicas >= 0) allows 0 and unset', () => {
    expectAdmitted(withSts(o => { o.spec.replicas = 0; }));
    expectAdmitted(withSts(o => { delete o.spec.replicas; }));
  });
});

describe('Advanced StatefulSet rule 18 (selector required, valid, non-empty)', () => {
  test('Advanced StatefulSet rule 18 (selector) denies a missing, an empty and an invalid selector', () => {
    expectDenied(withSts(o => { delete o.spec.selector; }), 'AdvancedStatefulSet/selector', 'spec.selector');
    expectDenied(withSts(o => { o.spec.selector = {}; }), 'AdvancedStatefulSet/selector', 'spec.selector');
    const errs = errors(withSts(o => { o.spec.selector = { matchExpressions: [{ key: 'app', operator: 'Exists', values: ['db'] }] }; }));
    expect(errs.some(f => f.rule === 'AdvancedStatefulSet/selector' && f.path.startsWith('spec.selector'))).toBe(true);
  });
  test('Advanced StatefulSet rule 18 (selector) allows matchExpressions', () => {
    expectAdmitted(withSts(o => { o.spec.selector = { matchExpressions: [{ key: 'app', operator: 'In', values: ['db', 'cache'] }] }; }));
  });
});

describe('Advanced StatefulSet rule 19 (template labels match selector; template labels/annotations valid; pod spec not validated)', () => {
  test('Advanced StatefulSet rule 19 (template metadata) denies mismatched labels and a bad annotation key', () => {
    expectDenied(withSts(o => { o.spec.template.metadata.labels = { app: 'web' }; }), 'AdvancedStatefulSet/template-metadata', 'spec.template.metadata.labels');
    const errs = errors(withSts(o => { o.spec.template.metadata.annotations = { 'bad key!': 'x' }; }));
    expect(errs.some(f => f.rule === 'AdvancedStatefulSet/template-metadata' && f.path.startsWith('spec.template.metadata.annotations'))).toBe(true);
  });
  test('Advanced StatefulSet rule 19 (template metadata) allows a pod spec core validation would reject (no containers)', () => {
    expectAdmitted(withSts(o => { o.spec.template.spec.containers = []; }));
  });
});

describe('Advanced StatefulSet rule 20 (template restartPolicy Always)', () => {
  test('Advanced StatefulSet rule 20 (restartPolicy Always) denies Never', () => {
    expectDenied(withSts(o => { o.spec.template.spec.restartPolicy = 'Never'; }), 'AdvancedStatefulSet/restart-policy-always', 'spec.template.spec.restartPolicy');
  });
  test('Advanced StatefulSet rule 20 (restartPolicy Always) allows Always', () => {
    expectAdmitted(withSts(o => { o.spec.template.spec.restartPolicy = 'Always'; }));
  });
});

describe('Advanced StatefulSet rule 21 (template activeDeadlineSeconds forbidden)', () => {
  test('Advanced StatefulSet rule 21 (activeDeadlineSeconds forbidden) denies it', () => {
    expectDenied(withSts(o => { o.spec.template.spec.activeDeadlineSeconds = 5; }), 'AdvancedStatefulSet/no-active-deadline-seconds', 'spec.template.spec.activeDeadlineSeconds');
  });
  test('Advanced StatefulSet rule 21 (activeDeadlineSeconds forbidden) allows its absence', () => {
    expectAdmitted(sts());
  });
});

describe('v1alpha1 objects are converted to v1beta1 first', () => {
  test('v1alpha1 keeps the rolling update fields it carries (a partition of -1 is denied)', () => {
    expectDenied(withSts(o => { o.apiVersion = 'apps.kruise.io/v1alpha1'; ru(o, { partition: -1 }); }),
      'AdvancedStatefulSet/partition-nonnegative', 'spec.updateStrategy.rollingUpdate.partition');
  });
  test('v1alpha1 drops scaleStrategy and persistentVolumeClaimRetentionPolicy before validation', () => {
    expectAdmitted(withSts(o => {
      o.apiVersion = 'apps.kruise.io/v1alpha1';
      o.spec.scaleStrategy = { maxUnavailable: 0 };
      o.spec.persistentVolumeClaimRetentionPolicy = { whenDeleted: 'Keep' };
    }));
  });
});

test('malformed values are reported or skipped, never thrown', () => {
  for (const spec of [null, 'x', { updateStrategy: 'x', reserveOrdinals: 'x', template: 1 }, { updateStrategy: { type: 'RollingUpdate', rollingUpdate: 3 } }]) {
    for (const apiVersion of ['apps.kruise.io/v1beta1', 'apps.kruise.io/v1alpha1']) {
      expect(() => admit({ apiVersion, kind: 'StatefulSet', metadata: { name: 'x' }, spec }, V17)).not.toThrow();
      expect(() => admit({ apiVersion, kind: 'StatefulSet', metadata: { name: 'x' }, spec }, V18)).not.toThrow();
    }
  }
});

describeWithReference('Advanced StatefulSet objects of the upstream manuals and samples', dir => {
  test('every Advanced StatefulSet of the 1.7 and 1.8 docs examples and seed examples is admitted', () => {
    const files = [...listReference(dir, 'docs-examples'), ...listReference(`${dir}/../kruise-1.8`, 'docs-examples'), `${dir}/seed-examples.yaml`];
    const objs = files.flatMap(f => readYamlDocs(f).map(o => ({ f, o })))
      .filter(({ o }) => o?.kind === 'StatefulSet' && String(o.apiVersion).startsWith('apps.kruise.io/'));
    expect(objs.length).toBeGreaterThan(0);
    for (const { f, o } of objs) {
      const version = f.includes('kruise-1.8') ? '1.8' : '1.7';
      expect({ f, errors: admit(o, { version }).filter(x => x.severity === 'error') }).toEqual({ f, errors: [] });
    }
  });
});
