/**
 * The cases of Kruise's release-1.7 BroadcastJob webhook test
 * (pkg/webhook/broadcastjob/validating/broadcastjob_test.go,
 * TestValidateBroadcastJobSpec), as plain objects on the CREATE path.
 */
import { runUpstreamCases, UpstreamCase } from './cases';

const cases: UpstreamCase[] = [
  {
    name: 'TestValidateBroadcastJobSpec (Never with TTL and deadline, restartPolicy Always, reserved labels)',
    verdict: 'denied',
    rule: 'BroadcastJob/reserved-labels',
    paths: ['spec.completionPolicy.ttlSecondsAfterFinished', 'spec.completionPolicy.activeDeadlineSeconds', 'spec.template.spec.restartPolicy'],
    obj: {
      apiVersion: 'apps.kruise.io/v1alpha1',
      kind: 'BroadcastJob',
      metadata: { name: 'bjtest', namespace: 'default' },
      spec: {
        template: {
          metadata: { labels: { 'broadcastjob-name': 'bjtest', 'broadcastjob-controller-uid': '1234' } },
          spec: { restartPolicy: 'Always' },
        },
        completionPolicy: { type: 'Never', ttlSecondsAfterFinished: 1, activeDeadlineSeconds: 2 },
        paused: false,
        failurePolicy: {},
      },
    },
  },
];

describe('Kruise 1.7 BroadcastJob webhook test cases', () => {
  runUpstreamCases(cases);
});
