/**
 * The cases of Kruise's release-1.7 PodProbeMarker webhook test
 * (pkg/webhook/podprobemarker/validating/probe_validating_test.go:
 * TestValidatingPodProbeMarker, TestValidateHandler,
 * TestValidatePortNumOrName, TestValidateTCPSocketAction), as plain objects
 * on the CREATE path; a handler or port case becomes the probe of the
 * test's demo object.
 */
import { merge, runUpstreamCases, UpstreamCase } from './cases';

const demo = {
  apiVersion: 'apps.kruise.io/v1alpha1',
  kind: 'PodProbeMarker',
  metadata: { name: 'ppm-test', namespace: 'default' },
  spec: {
    selector: { matchLabels: { app: 'test' } },
    probes: [{
      name: 'healthy',
      containerName: 'main',
      probe: { exec: { command: ['/bin/sh', '-c', '/healthy.sh'] } },
      podConditionType: 'game.kruise.io/healthy',
      markerPolicy: [
        { state: 'Succeeded', annotations: { 'controller.kubernetes.io/pod-deletion-cost': '10' }, labels: { 'server-healthy': 'true' } },
        { state: 'Failed', annotations: { 'controller.kubernetes.io/pod-deletion-cost': '-10' }, labels: { 'server-healthy': 'false' } },
      ],
    }],
  },
};
function ppm(edit: (spec: any) => void): any {
  const o = merge(demo, {});
  edit(o.spec);
  return o;
}
const withHandler = (handler: any) => ppm(s => { s.probes[0].probe = handler; });
const T = 'TestValidatingPodProbeMarker';

const handlerOk: Array<[string, any]> = [
  ['exec echo', { exec: { command: ['echo'] } }],
  ['tcpSocket port 8000', { tcpSocket: { port: 8000 } }],
  ['tcpSocket port container-port', { tcpSocket: { port: 'container-port' } }],
];
const emptyHttp = { path: '', port: '', host: '' };
const handlerBad: Array<[string, any]> = [
  ['no handler', {}],
  ['exec without command', { exec: { command: [] } }],
  ['tcpSocket port name of 17 characters', { tcpSocket: { port: 'container-port-v2' } }],
  ['tcpSocket port -1', { tcpSocket: { port: -1 } }],
  ['httpGet port 0', { httpGet: { path: '', port: 0, host: '' } }],
  ['httpGet port 65536 with a host', { httpGet: { path: '/foo', port: 65536, host: 'host' } }],
  ['httpGet empty port name', { httpGet: emptyHttp }],
  ['exec and tcpSocket', { exec: { command: [] }, tcpSocket: { port: 'container-port-v2' } }],
  ['exec and httpGet', { exec: { command: [] }, httpGet: emptyHttp }],
  ['tcpSocket and httpGet', { tcpSocket: { port: 'container-port-v2' }, httpGet: emptyHttp }],
  ['exec, tcpSocket and httpGet', { exec: { command: [] }, tcpSocket: { port: 'container-port-v2' }, httpGet: emptyHttp }],
];

const cases: UpstreamCase[] = [
  { name: `${T} the demo object`, verdict: 'allowed', obj: ppm(() => undefined) },
  { name: `${T} test1 (no selector)`, verdict: 'denied', obj: ppm(s => { delete s.selector; }) },
  { name: `${T} test2 (no probes)`, verdict: 'denied', obj: ppm(s => { delete s.probes; }) },
  { name: `${T} test3 (a second probe named healthy)`, verdict: 'denied', obj: ppm(s => { s.probes.push({ name: 'healthy', containerName: 'other' }); }) },
  {
    name: `${T} test4 (an httpGet probe)`,
    verdict: 'denied',
    obj: ppm(s => { s.probes.push({ name: 'check', containerName: 'other', probe: { httpGet: { path: '/index.html', scheme: 'HTTP', port: 80 } }, podConditionType: 'game.kruise.io/check' }); }),
  },
  {
    name: `${T} test5 (an exec probe without command)`,
    verdict: 'denied',
    obj: ppm(s => { s.probes.push({ name: 'check', containerName: 'other', probe: { exec: {} }, podConditionType: 'game.kruise.io/check' }); }),
  },
  {
    name: `${T} test6 (marker policy state Unknown)`,
    verdict: 'denied',
    obj: ppm(s => { s.probes[0].markerPolicy = [{ state: 'Unknown', annotations: { 'controller.kubernetes.io/pod-deletion-cost': '10' }, labels: { 'server-healthy': 'true' } }]; }),
  },
  {
    name: `${T} test7 (marker label key server-/$healthy)`,
    verdict: 'denied',
    obj: ppm(s => { s.probes[0].markerPolicy = [{ state: 'Succeeded', annotations: { 'controller.kubernetes.io/pod-deletion-cost': '10' }, labels: { 'server-/$healthy': 'true' } }]; }),
  },
  { name: `${T} test8 (probe named Initialized)`, verdict: 'denied', obj: ppm(s => { s.probes[0].name = 'Initialized'; }) },
  { name: `${T} test9 (podConditionType #5invalid)`, verdict: 'denied', obj: ppm(s => { s.probes[0].podConditionType = '#5invalid'; }) },
  { name: `${T} test10 (empty probe name)`, verdict: 'denied', obj: ppm(s => { s.probes[0].name = ''; }) },
  { name: `${T} test11 (empty container name)`, verdict: 'denied', obj: ppm(s => { s.probes[0].containerName = ''; }) },
  ...handlerOk.map(([title, h]): UpstreamCase => ({ name: `TestValidateHandler success: ${title}`, verdict: 'allowed', obj: withHandler(h) })),
  ...handlerBad.map(([title, h]): UpstreamCase => ({ name: `TestValidateHandler failure: ${title}`, verdict: 'denied', obj: withHandler(h) })),
  { name: 'TestValidatePortNumOrName success: 80', verdict: 'allowed', obj: withHandler({ tcpSocket: { port: 80 } }) },
  { name: 'TestValidatePortNumOrName success: abc', verdict: 'allowed', obj: withHandler({ tcpSocket: { port: 'abc' } }) },
  { name: 'TestValidatePortNumOrName failure: -1', verdict: 'denied', obj: withHandler({ tcpSocket: { port: -1 } }) },
  { name: 'TestValidatePortNumOrName failure: empty name', verdict: 'denied', obj: withHandler({ tcpSocket: { port: '' } }) },
  { name: 'TestValidatePortNumOrName failure: 16-character name', verdict: 'denied', obj: withHandler({ tcpSocket: { port: 'aaaaabbbbbcccccd' } }) },
  { name: 'TestValidatePortNumOrName failure: fake int-or-string type 3', verdict: 'denied', skip: 'an IntOrString of a third type cannot be written in JSON', obj: {} },
  { name: 'TestValidateTCPSocketAction success: port 80', verdict: 'allowed', obj: withHandler({ tcpSocket: { port: 80 } }) },
  { name: 'TestValidateTCPSocketAction success: port abc', verdict: 'allowed', obj: withHandler({ tcpSocket: { port: 'abc' } }) },
  { name: 'TestValidateTCPSocketAction failure: port -1', verdict: 'denied', obj: withHandler({ tcpSocket: { port: -1 } }) },
  { name: 'TestValidateTCPSocketAction failure: empty port name', verdict: 'denied', obj: withHandler({ tcpSocket: { port: '' } }) },
  { name: 'TestValidateTCPSocketAction failure: 16-character port name', verdict: 'denied', obj: withHandler({ tcpSocket: { port: 'aaaaabbbbbcccccd' } }) },
  { name: 'TestValidateTCPSocketAction failure: fake int-or-string type 3', verdict: 'denied', skip: 'an IntOrString of a third type cannot be written in JSON', obj: {} },
  { name: 'TestValidateTCPSocketAction failure: host 127.0.0.1', verdict: 'denied', obj: withHandler({ tcpSocket: { port: 80, host: '127.0.0.1' } }) },
];

describe('Kruise 1.7 PodProbeMarker webhook test cases', () => {
  runUpstreamCases(cases);
});
