import { upstreamExamples } from './upstream-examples';
import { admit } from '../../../src/admission/engine';
import { AdmissionContext } from '../../../src/admission/types';
import { describeWithReference } from '../../util/reference';
import { errors, expectAdmitted, expectDenied } from '../fixtures';

const V17: AdmissionContext = { version: '1.7' };
const V18: AdmissionContext = { version: '1.8' };

/** A debugging container as an EphemeralJob must spell it out (no webhook defaults anything). */
function debugger_(extra: any = {}): any {
  return { name: 'debugger', image: 'busybox:1.36', imagePullPolicy: 'IfNotPresent', terminationMessagePolicy: 'File', ...extra };
}

/** A minimal EphemeralJob Kruise 1.7 admits. */
function job(edit: (o: any) => void = () => {}): any {
  const o: any = {
    apiVersion: 'apps.kruise.io/v1alpha1',
    kind: 'EphemeralJob',
    metadata: { name: 'debug-web', namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      replicas: 1,
      template: { ephemeralContainers: [debugger_()] },
    },
  };
  edit(o);
  return o;
}

const withContainer = (extra: any) => job(o => o.spec.template.ephemeralContainers = [debugger_(extra)]);

const C0 = 'spec.template.ephemeralContainers[0]';

test('the minimal EphemeralJob is admitted without findings', () => {
  expect(admit(job(), V17)).toEqual([]);
});

describe('EphemeralJob rule 1 (per container: name a DNS label; image set; terminationMessagePolicy and imagePullPolicy set and valid; env, securityContext valid)', () => {
  test('rule 1 denies a missing or non-DNS-label name', () => {
    expectDenied(withContainer({ name: undefined }), 'EphemeralJob/container-name', `${C0}.name`);
    expectDenied(withContainer({ name: 'Debug_1' }), 'EphemeralJob/container-name', `${C0}.name`);
  });
  test('rule 1 denies a missing image', () => {
    expectDenied(withContainer({ image: '' }), 'EphemeralJob/container-image', `${C0}.image`);
  });
  test('rule 1 denies a missing terminationMessagePolicy (nothing defaults it) and an unknown one', () => {
    expectDenied(withContainer({ terminationMessagePolicy: undefined }), 'EphemeralJob/termination-message-policy', `${C0}.terminationMessagePolicy`);
    expectDenied(withContainer({ terminationMessagePolicy: 'Logs' }), 'EphemeralJob/termination-message-policy', `${C0}.terminationMessagePolicy`);
  });
  test('rule 1 denies a missing imagePullPolicy (nothing defaults it) and an unknown one', () => {
    expectDenied(withContainer({ imagePullPolicy: undefined }), 'EphemeralJob/image-pull-policy', `${C0}.imagePullPolicy`);
    expectDenied(withContainer({ imagePullPolicy: 'always' }), 'EphemeralJob/image-pull-policy', `${C0}.imagePullPolicy`);
  });
  test('rule 1 denies an unknown procMount, and fields Kruise cannot decode', () => {
    expectDenied(withContainer({ securityContext: { procMount: 'Masked' } }), 'EphemeralJob/security-context', `${C0}.securityContext.procMount`);
    expectDenied(withContainer({ name: 7 }), 'EphemeralJob/container', `${C0}.name`);
    expectDenied(job(o => o.spec.template.ephemeralContainers = ['debugger']), 'EphemeralJob/container', C0);
  });
  test('rule 1 denies an invalid env, envFrom or securityContext (Kubernetes\' checks)', () => {
    expectDenied(withContainer({ env: [{ name: '' }] }), 'EphemeralJob/container-env', `${C0}.env[0].name`);
    expectDenied(withContainer({ env: [{ name: 'X', valueFrom: { fieldRef: { fieldPath: 'spec.bogus' } } }] }),
      'EphemeralJob/container-env', `${C0}.env[0].valueFrom.fieldRef.fieldPath`);
    expect(errors(withContainer({ envFrom: [{ prefix: 'P_' }] })).map(e => e.rule)).toEqual(['EphemeralJob/container-env']);
    const noApiVersion = withContainer({ env: [{ name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }] });
    expect(errors(noApiVersion)).toEqual([expect.objectContaining({ rule: 'EphemeralJob/container-env', path: `${C0}.env[0].valueFrom.fieldRef.apiVersion` })]);
    expectAdmitted(withContainer({ env: [{ name: 'POD', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } }] }));
    expectDenied(withContainer({ securityContext: { runAsUser: -1 } }), 'EphemeralJob/security-context', `${C0}.securityContext.runAsUser`);
  });
  test('rule 1 allows FallbackToLogsOnError, Always/Never pull policies, env, and procMount Unmasked at 1.7', () => {
    expectAdmitted(withContainer({ terminationMessagePolicy: 'FallbackToLogsOnError', imagePullPolicy: 'Always' }));
    expectAdmitted(withContainer({ imagePullPolicy: 'Never', env: [{ name: 'MODE', value: 'debug' }], command: ['sh'], stdin: true, tty: true }));
    expectAdmitted(withContainer({ securityContext: { procMount: 'Unmasked', capabilities: { add: ['SYS_PTRACE'] } } }));
  });
});

describe('EphemeralJob in 1.8 (ADMISSION-DELTA EJ-1: procMount Unmasked needs hostUsers false)', () => {
  test('EJ-1 denies procMount Unmasked at 1.8', () => {
    expectDenied(withContainer({ securityContext: { procMount: 'Unmasked' } }), 'EphemeralJob/security-context', `${C0}.securityContext.procMount`, V18);
  });
  test('EJ-1 allows procMount Default at 1.8', () => {
    expectAdmitted(withContainer({ securityContext: { procMount: 'Default' } }), V18);
  });
});

describe('EphemeralJob rule 2 (image without surrounding whitespace)', () => {
  test('rule 2 denies an image with a trailing space', () => {
    expectDenied(withContainer({ image: 'busybox:1.36 ' }), 'EphemeralJob/image-whitespace', `${C0}.image`);
  });
  test('rule 2 allows an image without whitespace', () => {
    expectAdmitted(withContainer({ image: 'registry.example.com/tools/netshoot:v0.11' }));
  });
});

describe('EphemeralJob rule 3 (unique container names)', () => {
  test('rule 3 denies two ephemeral containers with one name', () => {
    expectDenied(job(o => o.spec.template.ephemeralContainers = [debugger_(), debugger_({ image: 'alpine:3' })]),
      'EphemeralJob/container-names-unique', 'spec.template.ephemeralContainers[1].name');
  });
  test('rule 3 allows distinct names', () => {
    expectAdmitted(job(o => o.spec.template.ephemeralContainers = [debugger_(), debugger_({ name: 'shell' })]));
  });
});

describe('EphemeralJob rule 4 (ports, resources, probes, lifecycle forbidden)', () => {
  test.each([
    ['ports', [{ containerPort: 8080 }]],
    ['ports', []],
    ['resources', { limits: { cpu: '100m' } }],
    ['resources', { limits: {} }],
    ['livenessProbe', { exec: { command: ['true'] } }],
    ['readinessProbe', {}],
    ['startupProbe', { tcpSocket: { port: 80 } }],
    ['lifecycle', { preStop: { exec: { command: ['true'] } } }],
    ['resizePolicy', [{ resourceName: 'cpu', restartPolicy: 'NotRequired' }]],
    ['restartPolicy', 'Always'],
  ])('rule 4 denies %s = %j', (field, value) => {
    expectDenied(withContainer({ [field]: value }), 'EphemeralJob/forbidden-fields', `${C0}.${field}`);
  });
  test('rule 4 allows an empty resources object and null fields (Go sees their zero values)', () => {
    expectAdmitted(withContainer({ resources: {}, ports: null, lifecycle: null }));
    expectAdmitted(withContainer({ resources: { limits: null } }));
  });
});

describe('EphemeralJob rule 5 (volumeMounts without subPath/subPathExpr)', () => {
  test('rule 5 denies subPath and subPathExpr', () => {
    expectDenied(withContainer({ volumeMounts: [{ name: 'data', mountPath: '/data', subPath: 'x' }] }), 'EphemeralJob/no-subpath', `${C0}.volumeMounts[0].subPath`);
    expectDenied(withContainer({ volumeMounts: [{ name: 'data', mountPath: '/data', subPathExpr: '$(POD)' }] }),
      'EphemeralJob/no-subpath', `${C0}.volumeMounts[0].subPathExpr`);
  });
  test('rule 5 allows a whole-volume mount', () => {
    expectAdmitted(withContainer({ volumeMounts: [{ name: 'data', mountPath: '/data', readOnly: true, subPath: '' }] }));
  });
});

test('an EphemeralJob with no containers gets nothing from the webhook (the CRD requires the list)', () => {
  expectAdmitted(job(o => o.spec.template.ephemeralContainers = []));
});

test('the engine never throws on malformed EphemeralJobs', () => {
  for (const spec of [null, 'x', { template: null }, { template: { ephemeralContainers: 'x' } }, { template: { ephemeralContainers: [null, 1, { volumeMounts: 'x', securityContext: 3 }] } }]) {
    expect(() => admit({ apiVersion: 'apps.kruise.io/v1alpha1', kind: 'EphemeralJob', metadata: { name: 'x' }, spec }, V18)).not.toThrow();
  }
});


const errorRules = (obj: any, version: string) => [...new Set(admit(obj, { version }).filter(f => f.severity === 'error').map(f => f.rule))].sort();

describeWithReference('EphemeralJob upstream examples', dir => {
  test('the sample (no containers at all) gets nothing from the webhook', () => {
    const examples = upstreamExamples(dir, 'EphemeralJob');
    expect(examples.length).toBeGreaterThanOrEqual(1);
    for (const { version, obj } of examples) expect(errorRules(obj, version)).toEqual([]);
  });
});
