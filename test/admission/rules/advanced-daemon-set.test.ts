import { admit } from '../../../src/admission/engine';
import { AdmissionContext } from '../../../src/admission/types';
import { errors, expectAdmitted, expectDenied } from '../fixtures';

const V17: AdmissionContext = { version: '1.7' };
const V18: AdmissionContext = { version: '1.8' };

/** A minimal Advanced DaemonSet Kruise 1.7 admits. */
function ds(): any {
  return {
    apiVersion: 'apps.kruise.io/v1alpha1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'kube-system' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: {
        metadata: { labels: { app: 'agent' } },
        spec: { containers: [{ name: 'main', image: 'fluent/fluent-bit:3.0' }] },
      },
    },
  };
}

function withDs(edit: (o: any) => void): any {
  const o = ds();
  edit(o);
  return o;
}

const rolling = (o: any, rollingUpdate: any) => { o.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate }; };
const RU = 'spec.updateStrategy.rollingUpdate';

test('the minimal Advanced DaemonSet is admitted without findings', () => {
  expect(admit(ds(), V17)).toEqual([]);
});

describe('Advanced DaemonSet rule 1 (ObjectMeta, DNS subdomain)', () => {
  test('Advanced DaemonSet rule 1 (ObjectMeta, DNS subdomain) denies a name with an underscore', () => {
    expectDenied(withDs(o => { o.metadata.name = 'log_agent'; }), 'AdvancedDaemonSet/metadata', 'metadata.name');
  });
  test('Advanced DaemonSet rule 1 (ObjectMeta, DNS subdomain) allows a dotted name and a plain finalizer (generic ObjectMeta rules)', () => {
    expectAdmitted(withDs(o => { o.metadata.name = 'agent.v1'; o.metadata.finalizers = ['cleanup']; }));
  });
});

describe('Advanced DaemonSet rule 2 (selector valid)', () => {
  test('Advanced DaemonSet rule 2 (selector valid) denies a bad label value in the selector', () => {
    const errs = errors(withDs(o => { o.spec.selector = { matchLabels: { app: 'agent!' } }; o.spec.template.metadata.labels = { app: 'agent' }; }));
    expect(errs.some(f => f.rule === 'AdvancedDaemonSet/selector-valid' && f.path.startsWith('spec.selector'))).toBe(true);
  });
  test('Advanced DaemonSet rule 2 (selector valid) allows NotIn', () => {
    expectAdmitted(withDs(o => { o.spec.selector.matchExpressions = [{ key: 'tier', operator: 'NotIn', values: ['db'] }]; }));
  });
});

describe('Advanced DaemonSet rule 3 (selector matches template labels)', () => {
  test('Advanced DaemonSet rule 3 (selector matches template labels) denies other labels, and a missing selector (it matches nothing)', () => {
    expectDenied(withDs(o => { o.spec.template.metadata.labels = { app: 'other' }; }), 'AdvancedDaemonSet/selector-matches-template', 'spec.template.metadata.labels');
    expectDenied(withDs(o => { delete o.spec.selector; }), 'AdvancedDaemonSet/selector-matches-template', 'spec.selector');
  });
  test('Advanced DaemonSet rule 3 (selector matches template labels) allows matching labels', () => {
    expectAdmitted(withDs(o => { o.spec.template.metadata.labels.extra = 'x'; }));
  });
});

describe('Advanced DaemonSet rule 4 (selector not empty)', () => {
  test('Advanced DaemonSet rule 4 (selector not empty) denies {}', () => {
    expectDenied(withDs(o => { o.spec.selector = {}; }), 'AdvancedDaemonSet/selector-not-empty', 'spec.selector');
  });
  test('Advanced DaemonSet rule 4 (selector not empty) allows a one-label selector', () => {
    expectAdmitted(ds());
  });
});

describe('Advanced DaemonSet rule 5 (core ValidatePodTemplateSpec)', () => {
  test('Advanced DaemonSet rule 5 (pod template) denies a container without image', () => {
    expectDenied(withDs(o => { delete o.spec.template.spec.containers[0].image; }), 'AdvancedDaemonSet/pod-template', 'spec.template.spec.containers[0].image');
  });
  test('Advanced DaemonSet rule 5 (pod template) allows two distinct containers', () => {
    expectAdmitted(withDs(o => { o.spec.template.spec.containers.push({ name: 'side', image: 'busybox:1.36' }); }));
  });
});

describe('Advanced DaemonSet rule 6 (ValidateReadOnlyPersistentDisks)', () => {
  const gce = (readOnly?: boolean) => (o: any) => {
    o.spec.template.spec.volumes = [{ name: 'pd', gcePersistentDisk: readOnly === undefined ? { pdName: 'disk' } : { pdName: 'disk', readOnly } }];
  };
  test('Advanced DaemonSet rule 6 (read-only persistent disks) denies a writable GCE disk in 1.7', () => {
    expectDenied(withDs(gce()), 'AdvancedDaemonSet/read-only-persistent-disks', 'spec.template.spec.volumes[0].gcePersistentDisk.readOnly');
    expectDenied(withDs(gce(false)), 'AdvancedDaemonSet/read-only-persistent-disks', 'spec.template.spec.volumes[0].gcePersistentDisk.readOnly');
  });
  test('Advanced DaemonSet rule 6 (read-only persistent disks) allows a read-only one, and a writable one in 1.8 (K8S-9)', () => {
    expectAdmitted(withDs(gce(true)));
    expect(errors(withDs(gce()), V18).filter(f => f.rule === 'AdvancedDaemonSet/read-only-persistent-disks')).toEqual([]);
  });
});

describe('Advanced DaemonSet rule 7 (restartPolicy Always)', () => {
  test('Advanced DaemonSet rule 7 (restartPolicy Always) denies OnFailure', () => {
    expectDenied(withDs(o => { o.spec.template.spec.restartPolicy = 'OnFailure'; }), 'AdvancedDaemonSet/restart-policy-always', 'spec.template.spec.restartPolicy');
  });
  test('Advanced DaemonSet rule 7 (restartPolicy Always) allows unset (defaulted to Always)', () => {
    expectAdmitted(withDs(o => { delete o.spec.template.spec.restartPolicy; }));
  });
});

describe('Advanced DaemonSet rule 8 (activeDeadlineSeconds forbidden)', () => {
  test('Advanced DaemonSet rule 8 (activeDeadlineSeconds forbidden) denies it', () => {
    expectDenied(withDs(o => { o.spec.template.spec.activeDeadlineSeconds = 30; }), 'AdvancedDaemonSet/no-active-deadline-seconds', 'spec.template.spec.activeDeadlineSeconds');
  });
  test('Advanced DaemonSet rule 8 (activeDeadlineSeconds forbidden) allows its absence', () => {
    expectAdmitted(ds());
  });
});

describe('Advanced DaemonSet rule 9 (minReadySeconds >= 0)', () => {
  test('Advanced DaemonSet rule 9 (minReadySeconds >= 0) denies -1', () => {
    expectDenied(withDs(o => { o.spec.minReadySeconds = -1; }), 'AdvancedDaemonSet/min-ready-seconds-nonnegative', 'spec.minReadySeconds');
  });
  test('Advanced DaemonSet rule 9 (minReadySeconds >= 0) allows 0 and 600', () => {
    expectAdmitted(withDs(o => { o.spec.minReadySeconds = 0; }));
    expectAdmitted(withDs(o => { o.spec.minReadySeconds = 600; }));
  });
});

describe('Advanced DaemonSet rule 10 (updateStrategy.type RollingUpdate | OnDelete; rollingUpdate present)', () => {
  test('Advanced DaemonSet rule 10 (updateStrategy.type) denies Recreate', () => {
    expectDenied(withDs(o => { o.spec.updateStrategy = { type: 'Recreate' }; }), 'AdvancedDaemonSet/update-strategy-type', 'spec.updateStrategy.type');
  });
  test('Advanced DaemonSet rule 10 (updateStrategy.type) allows OnDelete, and RollingUpdate without rollingUpdate (defaulted)', () => {
    expectAdmitted(withDs(o => { o.spec.updateStrategy = { type: 'OnDelete' }; }));
    expectAdmitted(withDs(o => { o.spec.updateStrategy = { type: 'RollingUpdate' }; }));
  });
});

describe('Advanced DaemonSet rule 11 (non-zero maxUnavailable/maxSurge int >= 0 or percentage <= 100%)', () => {
  test('Advanced DaemonSet rule 11 (budget values) denies "150%", a plain "2" and -1', () => {
    expectDenied(withDs(o => rolling(o, { maxUnavailable: '150%' })), 'AdvancedDaemonSet/max-unavailable-max-surge', `${RU}.maxUnavailable`);
    expectDenied(withDs(o => rolling(o, { maxUnavailable: '2' })), 'AdvancedDaemonSet/max-unavailable-max-surge', `${RU}.maxUnavailable`);
    expectDenied(withDs(o => rolling(o, { maxSurge: -1 })), 'AdvancedDaemonSet/max-unavailable-max-surge', `${RU}.maxSurge`);
  });
  test('Advanced DaemonSet rule 11 (budget values) admits a non-numeric string as 0, with a warning', () => {
    const findings = admit(withDs(o => rolling(o, { maxUnavailable: '-5%', maxSurge: 1 })), V17);
    expect(findings.map(f => [f.rule, f.path, f.severity])).toEqual([['AdvancedDaemonSet/budget-read-as-zero', `${RU}.maxUnavailable`, 'warning']]);
  });
  test('Advanced DaemonSet rule 11 (budget values) allows "100%" and a surge of 2', () => {
    expectAdmitted(withDs(o => rolling(o, { maxUnavailable: '100%' })));
    expectAdmitted(withDs(o => rolling(o, { maxSurge: 2 })));
  });
});

describe('Advanced DaemonSet rule 12 (not both non-zero)', () => {
  test('Advanced DaemonSet rule 12 (not both non-zero) denies maxUnavailable 1 with maxSurge 1', () => {
    expectDenied(withDs(o => rolling(o, { maxUnavailable: 1, maxSurge: 1 })), 'AdvancedDaemonSet/not-both-unavailable-and-surge', `${RU}.maxSurge`);
  });
  test('Advanced DaemonSet rule 12 (not both non-zero) allows maxSurge "10%" with maxUnavailable 0', () => {
    expectAdmitted(withDs(o => rolling(o, { maxUnavailable: 0, maxSurge: '10%' })));
  });
});

describe('Advanced DaemonSet rule 13 (not both zero)', () => {
  test('Advanced DaemonSet rule 13 (not both zero) denies maxUnavailable 0 alone and "0%" with 0', () => {
    expectDenied(withDs(o => rolling(o, { maxUnavailable: 0 })), 'AdvancedDaemonSet/not-both-zero', `${RU}.maxUnavailable`);
    expectDenied(withDs(o => rolling(o, { maxUnavailable: '0%', maxSurge: 0 })), 'AdvancedDaemonSet/not-both-zero', `${RU}.maxUnavailable`);
  });
  test('Advanced DaemonSet rule 13 (not both zero) allows both unset (defaulted to 1 and 0)', () => {
    expectAdmitted(withDs(o => rolling(o, {})));
  });
});

describe('Advanced DaemonSet rule 14 (rollingUpdateType Standard | InPlaceIfPossible | Surging)', () => {
  test('Advanced DaemonSet rule 14 (rolling update type) denies an unknown type and InPlaceIfPossible with surge', () => {
    expectDenied(withDs(o => rolling(o, { type: 'Blue' })), 'AdvancedDaemonSet/rolling-update-type', `${RU}.type`);
    expectDenied(withDs(o => rolling(o, { type: 'InPlaceIfPossible', maxUnavailable: 0, maxSurge: 1 })), 'AdvancedDaemonSet/rolling-update-type', `${RU}.maxSurge`);
  });
  test('Advanced DaemonSet rule 14 (rolling update type) allows InPlaceIfPossible without surge, and Surging (defaulted to Standard with surge 1)', () => {
    expectAdmitted(withDs(o => rolling(o, { type: 'InPlaceIfPossible', maxUnavailable: '10%' })));
    expectAdmitted(withDs(o => rolling(o, { type: 'Surging' })));
    expect(admit(withDs(o => rolling(o, { type: 'Surging' })), V17).map(f => [f.rule, f.severity])).toEqual([['AdvancedDaemonSet/surging-deprecated', 'warning']]);
    expectAdmitted(withDs(o => rolling(o, { type: 'Standard', maxSurge: 1 })));
  });
});

describe('Advanced DaemonSet rule 15 (rollingUpdate.partition >= 0)', () => {
  test('Advanced DaemonSet rule 15 (partition >= 0) denies -1', () => {
    expectDenied(withDs(o => rolling(o, { partition: -1 })), 'AdvancedDaemonSet/partition-nonnegative', `${RU}.partition`);
  });
  test('Advanced DaemonSet rule 15 (partition >= 0) allows 5', () => {
    expectAdmitted(withDs(o => rolling(o, { partition: 5 })));
  });
});

describe('Advanced DaemonSet rule 16 (revisionHistoryLimit >= 0)', () => {
  test('Advanced DaemonSet rule 16 (revisionHistoryLimit >= 0) denies -1', () => {
    expectDenied(withDs(o => { o.spec.revisionHistoryLimit = -1; }), 'AdvancedDaemonSet/revision-history-limit-nonnegative', 'spec.revisionHistoryLimit');
  });
  test('Advanced DaemonSet rule 16 (revisionHistoryLimit >= 0) allows 0', () => {
    expectAdmitted(withDs(o => { o.spec.revisionHistoryLimit = 0; }));
  });
});

describe('Advanced DaemonSet rule 17 (lifecycle.inPlaceUpdate forbidden)', () => {
  test('Advanced DaemonSet rule 17 (lifecycle.inPlaceUpdate forbidden) denies an inPlaceUpdate hook', () => {
    expectDenied(withDs(o => { o.spec.lifecycle = { inPlaceUpdate: { labelsHandler: { hold: 'true' } } }; }), 'AdvancedDaemonSet/no-in-place-update-hook', 'spec.lifecycle.inPlaceUpdate');
  });
  test('Advanced DaemonSet rule 17 (lifecycle.inPlaceUpdate forbidden) allows a preDelete hook', () => {
    expectAdmitted(withDs(o => { o.spec.lifecycle = { preDelete: { labelsHandler: { hold: 'true' } } }; }));
  });
});

test('malformed values are reported or skipped, never thrown', () => {
  for (const spec of [null, 'x', { updateStrategy: 'x', template: 1, selector: 3 }, { updateStrategy: { type: 'RollingUpdate', rollingUpdate: 3 } }, { lifecycle: 'x' }]) {
    expect(() => admit({ apiVersion: 'apps.kruise.io/v1alpha1', kind: 'DaemonSet', metadata: { name: 'x' }, spec }, V17)).not.toThrow();
  }
});

