import { upstreamExamples } from './upstream-examples';
import { admit } from '../../../src/admission/engine';
import { AdmissionContext, Finding } from '../../../src/admission/types';
import { describeWithReference } from '../../util/reference';

const ctx: AdmissionContext = { version: '1.7' };

function crr(spec: Record<string, any> = {}, namespace = 'apps'): any {
  return {
    apiVersion: 'apps.kruise.io/v1alpha1',
    kind: 'ContainerRecreateRequest',
    metadata: { name: 'restart-app', namespace },
    spec: { podName: 'web-0', containers: [{ name: 'app' }], ...spec },
  };
}

function pod(extra: { spec?: Record<string, any>; status?: Record<string, any>; metadata?: Record<string, any> } = {}): any {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-0', namespace: 'apps', ...extra.metadata },
    spec: {
      nodeName: 'node-1',
      initContainers: [{ name: 'init', image: 'busybox' }],
      containers: [{ name: 'app', image: 'nginx' }, { name: 'sidecar', image: 'envoy' }],
      ...extra.spec,
    },
    ...(extra.status ? { status: extra.status } : {}),
  };
}

const errors = (f: Finding[]) => f.filter(x => x.severity === 'error');
const warnings = (f: Finding[]) => f.filter(x => x.severity === 'warning');
const has = (f: Finding[], rule: string, path: string) => expect(f).toEqual(expect.arrayContaining([expect.objectContaining({ rule, path })]));

describe('ContainerRecreateRequest admission', () => {
  test('a minimal valid ContainerRecreateRequest has no findings', () => {
    expect(admit(crr(), ctx)).toEqual([]);
  });

  test('ContainerRecreateRequest rule 1 (gate KruiseDaemon) denies when KruiseDaemon is off', () => {
    has(errors(admit(crr(), { ...ctx, gate: g => (g === 'KruiseDaemon' ? false : true) })), 'ContainerRecreateRequest/feature-gate', 'kind');
  });

  test('ContainerRecreateRequest rule 1 (gate KruiseDaemon) allows it on or unknown', () => {
    expect(admit(crr(), { ...ctx, gate: () => true })).toEqual([]);
    expect(admit(crr(), { ...ctx, gate: () => undefined })).toEqual([]);
  });

  test('ContainerRecreateRequest rule 2 (podName non-empty) denies an empty podName', () => {
    has(errors(admit(crr({ podName: '' }), ctx)), 'ContainerRecreateRequest/pod-name-required', 'spec.podName');
    has(errors(admit(crr({ podName: undefined }), ctx)), 'ContainerRecreateRequest/pod-name-required', 'spec.podName');
  });

  test('ContainerRecreateRequest rule 2 (podName non-empty) allows any pod name', () => {
    expect(admit(crr({ podName: 'anything-7f9c' }), ctx)).toEqual([]);
  });

  test('ContainerRecreateRequest rule 3 (containers non-empty) denies an empty list', () => {
    has(errors(admit(crr({ containers: [] }), ctx)), 'ContainerRecreateRequest/containers-required', 'spec.containers');
  });

  test('ContainerRecreateRequest rule 3 (containers non-empty) allows several containers', () => {
    expect(admit(crr({ containers: [{ name: 'app' }, { name: 'sidecar' }] }), ctx)).toEqual([]);
  });

  test('ContainerRecreateRequest rule 4 (activeDeadlineSeconds >= 3) denies 2', () => {
    has(errors(admit(crr({ activeDeadlineSeconds: 2 }), ctx)), 'ContainerRecreateRequest/active-deadline', 'spec.activeDeadlineSeconds');
  });

  test('ContainerRecreateRequest rule 4 (activeDeadlineSeconds >= 3) allows 3', () => {
    expect(admit(crr({ activeDeadlineSeconds: 3 }), ctx)).toEqual([]);
  });

  test('ContainerRecreateRequest rule 5 (terminationGracePeriodSeconds, unreadyGracePeriodSeconds >= 0) denies negatives', () => {
    const f = admit(crr({ strategy: { terminationGracePeriodSeconds: -1, unreadyGracePeriodSeconds: -5 } }), ctx);
    has(errors(f), 'ContainerRecreateRequest/grace-period', 'spec.strategy.terminationGracePeriodSeconds');
    has(errors(f), 'ContainerRecreateRequest/grace-period', 'spec.strategy.unreadyGracePeriodSeconds');
  });

  test('ContainerRecreateRequest rule 5 (terminationGracePeriodSeconds, unreadyGracePeriodSeconds >= 0) allows 0', () => {
    expect(admit(crr({ strategy: { terminationGracePeriodSeconds: 0, unreadyGracePeriodSeconds: 0 } }), ctx)).toEqual([]);
  });

  test('ContainerRecreateRequest rule 6 (failurePolicy "" | Fail | Ignore) denies another value', () => {
    for (const failurePolicy of ['Retry', 'fail']) {
      has(errors(admit(crr({ strategy: { failurePolicy } }), ctx)), 'ContainerRecreateRequest/failure-policy', 'spec.strategy.failurePolicy');
    }
  });

  test('ContainerRecreateRequest rule 6 (failurePolicy "" | Fail | Ignore) allows the three', () => {
    for (const failurePolicy of ['', 'Fail', 'Ignore']) {
      expect(admit(crr({ strategy: { failurePolicy, orderedRecreate: true } }), ctx)).toEqual([]);
    }
  });

  test('ContainerRecreateRequest rule 7 (pod exists, active, scheduled) denies a finished pod among the peers', () => {
    const f = admit(crr(), { ...ctx, peers: [pod({ status: { phase: 'Succeeded' } })] });
    has(errors(f), 'ContainerRecreateRequest/pod-active', 'spec.podName');
    const deleting = admit(crr(), { ...ctx, peers: [pod({ metadata: { deletionTimestamp: '2026-01-01T00:00:00Z' } })] });
    has(errors(deleting), 'ContainerRecreateRequest/pod-active', 'spec.podName');
  });

  test('ContainerRecreateRequest rule 7 (pod exists, active, scheduled) warns for an unscheduled pod and allows a running one', () => {
    const unscheduled = admit(crr(), { ...ctx, peers: [pod({ spec: { nodeName: undefined } })] });
    expect(errors(unscheduled)).toEqual([]);
    has(warnings(unscheduled), 'ContainerRecreateRequest/pod-active', 'spec.podName');
    expect(admit(crr(), { ...ctx, peers: [pod({ status: { phase: 'Running' } })] })).toEqual([]);
    // a pod ended by Kruise's SidecarTerminator still takes requests
    const terminated = pod({ status: { phase: 'Succeeded', conditions: [{ type: 'SidecarTerminated', status: 'True' }] } });
    expect(errors(admit(crr(), { ...ctx, peers: [terminated] }))).toEqual([]);
    // a pod that is not reviewed may exist in the cluster: nothing to say
    expect(admit(crr({ podName: 'elsewhere' }), { ...ctx, peers: [pod()] })).toEqual([]);
    // nor is a pod of another namespace the one meant
    expect(admit(crr({}, 'other'), { ...ctx, peers: [pod({ status: { phase: 'Failed' } })] })).toEqual([]);
  });

  test('ContainerRecreateRequest rule 8 (no container twice) denies a duplicate', () => {
    const f = admit(crr({ containers: [{ name: 'app' }, { name: 'app' }] }), ctx);
    has(errors(f), 'ContainerRecreateRequest/container-unique', 'spec.containers[1].name');
  });

  test('ContainerRecreateRequest rule 8 (no container twice) allows distinct names', () => {
    expect(errors(admit(crr({ containers: [{ name: 'app' }, { name: 'sidecar' }] }), ctx))).toEqual([]);
  });

  test('ContainerRecreateRequest rule 9 (preStop, ports, statusContext read-only) denies them, empty ones included', () => {
    const f = admit(crr({ containers: [{ name: 'app', preStop: { exec: { command: ['sleep', '5'] } }, ports: [], statusContext: {} }] }), ctx);
    has(errors(f), 'ContainerRecreateRequest/read-only-fields', 'spec.containers[0].preStop');
    has(errors(f), 'ContainerRecreateRequest/read-only-fields', 'spec.containers[0].ports');
    has(errors(f), 'ContainerRecreateRequest/read-only-fields', 'spec.containers[0].statusContext');
  });

  test('ContainerRecreateRequest rule 9 (preStop, ports, statusContext read-only) allows null values', () => {
    expect(admit(crr({ containers: [{ name: 'app', preStop: null, ports: null }] }), ctx)).toEqual([]);
  });

  test('ContainerRecreateRequest rule 10 (every container exists in the pod) denies an unknown and an init container', () => {
    const f = admit(crr({ containers: [{ name: 'app' }, { name: 'db' }, { name: 'init' }] }), { ...ctx, peers: [pod()] });
    has(errors(f), 'ContainerRecreateRequest/container-in-pod', 'spec.containers[1].name');
    has(errors(f), 'ContainerRecreateRequest/container-in-pod', 'spec.containers[2].name');
    expect(errors(f)).toHaveLength(2);
  });

  test('ContainerRecreateRequest rule 10 (every container exists in the pod) allows the pod\'s containers', () => {
    expect(admit(crr({ containers: [{ name: 'app' }, { name: 'sidecar' }] }), { ...ctx, peers: [pod()] })).toEqual([]);
  });
});

describeWithReference('ContainerRecreateRequest admission of the upstream examples', (dir) => {
  test('every upstream ContainerRecreateRequest example (1.7 and 1.8 manuals and samples) is admitted without errors', () => {
    // the samples' fragments (an unknown spec.foo and no required fields) are invalid on purpose
    const examples = upstreamExamples(dir, 'ContainerRecreateRequest').filter(e => e.obj.spec?.foo === undefined);
    expect(examples.length).toBeGreaterThan(0);
    for (const e of examples) {
      const found = admit(e.obj, { version: e.version, peers: e.peers }).filter(f => f.severity === 'error');
      expect({ file: e.file, errors: found }).toEqual({ file: e.file, errors: [] });
    }
  });
});
