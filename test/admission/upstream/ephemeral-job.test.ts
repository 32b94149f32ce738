/**
 * The cases of Kruise's release-1.7 EphemeralJob webhook tests
 * (pkg/webhook/ephemeraljob/validating/validation_test.go,
 * TestValidateEphemeralContainers; ephemeraljob_create_update_handler_test.go,
 * TestEphemeralJobCreateUpdateHandler_Handle), each container list set into
 * an EphemeralJob and run on the CREATE path.
 */
import { runUpstreamCases, UpstreamCase } from './cases';

function job(ephemeralContainers: unknown, extra: Record<string, unknown> = {}): any {
  return {
    apiVersion: 'apps.kruise.io/v1alpha1',
    kind: 'EphemeralJob',
    metadata: { name: 'ephermeraljob-sample', namespace: 'test' },
    spec: { selector: { matchLabels: { app: 'test-2' } }, replicas: 1, parallelism: 1, template: { ephemeralContainers }, ...extra },
  };
}
const ok = (name: string, extra: Record<string, unknown> = {}) => ({ name, image: 'image', imagePullPolicy: 'IfNotPresent', terminationMessagePolicy: 'File', ...extra });
const T = 'TestValidateEphemeralContainers';

const forbidden: Array<[string, Record<string, unknown>, string]> = [
  ['Lifecycle', { lifecycle: { preStop: { exec: { command: ['ls', '-l'] } } } }, 'lifecycle'],
  ['LivenessProbe', { livenessProbe: { tcpSocket: { port: 80 }, successThreshold: 1 } }, 'livenessProbe'],
  ['Ports', { ports: [{ protocol: 'TCP', containerPort: 80 }] }, 'ports'],
  ['ReadinessProbe', { readinessProbe: { tcpSocket: { port: 80 } } }, 'readinessProbe'],
  ['StartupProbe', { startupProbe: { tcpSocket: { port: 80 }, successThreshold: 1 } }, 'startupProbe'],
  ['Resources', { resources: { limits: { cpu: '10' } } }, 'resources'],
  ['VolumeMount.SubPath', { volumeMounts: [{ name: 'vol', mountPath: '/vol' }, { name: 'vol', mountPath: '/volsub', subPath: 'foo' }] }, 'volumeMounts[1].subPath'],
  ['VolumeMount.SubPathExpr', { volumeMounts: [{ name: 'vol', mountPath: '/vol' }, { name: 'vol', mountPath: '/volsub', subPathExpr: '$(POD_NAME)' }] }, 'volumeMounts[1].subPathExpr'],
  ['ResizePolicy', { resizePolicy: [{ resourceName: 'cpu', restartPolicy: 'NotRequired' }] }, 'resizePolicy'],
];
const restartPolicies = ['Always', 'OnFailure', 'Never', 'invalid', ''];
const P = 'spec.template.ephemeralContainers[0]';

const cases: UpstreamCase[] = [
  { name: `${T} Empty Ephemeral Containers`, verdict: 'allowed', obj: job([]) },
  { name: `${T} Single Container`, verdict: 'allowed', obj: job([ok('debug')]) },
  { name: `${T} Multiple Containers`, verdict: 'allowed', obj: job([ok('debug1'), ok('debug2')]) },
  { name: `${T} Single Container with Target`, verdict: 'allowed', obj: job([ok('debug', { targetContainerName: 'ctr' })]) },
  {
    name: `${T} All allowed fields`,
    verdict: 'allowed',
    obj: job([ok('debug', {
      command: ['bash'],
      args: ['bash'],
      workingDir: '/',
      envFrom: [{ configMapRef: { name: 'dummy', optional: true } }],
      env: [{ name: 'TEST', value: 'TRUE' }],
      volumeMounts: [{ name: 'vol', mountPath: '/vol' }],
      volumeDevices: [{ name: 'blk', devicePath: '/dev/block' }],
      terminationMessagePath: '/dev/termination-log',
      securityContext: { capabilities: { add: ['SYS_ADMIN'] } },
      stdin: true,
      stdinOnce: true,
      tty: true,
    })]),
  },
  { name: `${T} Name Collision with EphemeralContainers`, verdict: 'denied', paths: ['spec.template.ephemeralContainers[1].name'], obj: job([ok('debug1'), ok('debug1')]) },
  {
    name: `${T} empty Container`,
    verdict: 'denied',
    paths: [`${P}.name`, `${P}.image`, `${P}.terminationMessagePolicy`, `${P}.imagePullPolicy`],
    obj: job([{}]),
  },
  { name: `${T} empty Container Name`, verdict: 'denied', paths: [`${P}.name`], obj: job([ok('')]) },
  { name: `${T} whitespace padded image name`, verdict: 'denied', paths: [`${P}.image`], obj: job([ok('debug', { image: ' image' })]) },
  { name: `${T} invalid image pull policy`, verdict: 'denied', paths: [`${P}.imagePullPolicy`], obj: job([ok('debug', { imagePullPolicy: 'PullThreeTimes' })]) },
  ...forbidden.map(([title, extra, field]): UpstreamCase => ({
    name: `${T} Container uses disallowed field: ${title}`, verdict: 'denied', paths: [`${P}.${field}`], obj: job([ok('debug', extra)]),
  })),
  {
    name: `${T} Disallowed field with other errors should only return a single Forbidden`,
    verdict: 'denied',
    paths: [`${P}.lifecycle`],
    obj: job([ok('debug', { lifecycle: { preStop: { exec: { command: [] } } } })]),
  },
  ...restartPolicies.map((rp): UpstreamCase => ({
    name: `${T} Forbidden RestartPolicy: ${rp === '' ? 'empty' : rp}`, verdict: 'denied', paths: [`${P}.restartPolicy`], obj: job([ok('foo', { restartPolicy: rp })]),
  })),

  {
    name: 'TestEphemeralJobCreateUpdateHandler_Handle failed case (ephemeralContainers an object, not a list)',
    verdict: 'denied',
    obj: job({ ephemeralContainerCommon: ok('debugger'), targetContainerName: 'test' }, { ttlSecondsAfterFinished: 1800 }),
  },
  {
    name: 'TestEphemeralJobCreateUpdateHandler_Handle ok case with empty targetContainerName',
    verdict: 'allowed',
    obj: job([ok('debugger', { image: 'busybox', securityContext: { capabilities: { add: ['SYS_ADMIN', 'NET_ADMIN'] } }, targetContainerName: '' })], { ttlSecondsAfterFinished: 1800 }),
  },
  {
    name: 'TestEphemeralJobCreateUpdateHandler_Handle ok case with targetContainerName',
    verdict: 'allowed',
    obj: job([ok('debugger', { image: 'busybox', securityContext: { capabilities: { add: ['SYS_ADMIN', 'NET_ADMIN'] } }, targetContainerName: 'test' })], { ttlSecondsAfterFinished: 1800 }),
  },
];

describe('Kruise 1.7 EphemeralJob webhook test cases', () => {
  runUpstreamCases(cases);
});
