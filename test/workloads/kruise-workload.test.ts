import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { CloneSet } from '../../src';
import { newChart, synthValid } from '../util/l2';

describe('KruiseWorkload pod template rendering', () => {
  test('uses the Kubernetes field names and plain values (hostIP, quantities, int-or-string ports)', () => {
    const chart = newChart();
    new CloneSet(chart, 'web', {
      containers: [{
        name: 'main',
        image: 'nginx',
        ports: [{ number: 8080, hostPort: 80, hostIp: '10.0.0.1' }],
        resources: { memory: { request: Size.mebibytes(64), limit: Size.gibibytes(1) }, cpu: { request: kplus.Cpu.millis(250) } },
        readiness: kplus.Probe.fromHttpGet('/healthz', { port: 8080 }),
      }],
    });
    const [cs] = synthValid(chart);
    const c = cs.spec.template.spec.containers[0];
    expect(c.ports[0]).toEqual({ containerPort: 8080, hostPort: 80, hostIP: '10.0.0.1' });
    expect(c.resources).toEqual({ limits: { memory: '1024Mi' }, requests: { cpu: '250m', memory: '64Mi' } });
    expect(c.readinessProbe.httpGet).toEqual({ path: '/healthz', port: 8080, scheme: 'HTTP' });
  });

  test('setHostnameAsFQDN and other pod fields appear only when given', () => {
    const chart = newChart();
    new CloneSet(chart, 'a', { containers: [{ name: 'main', image: 'nginx' }] });
    new CloneSet(chart, 'b', {
      containers: [{ name: 'main', image: 'nginx' }],
      dns: { hostnameAsFQDN: true, hostname: 'b' },
      automountServiceAccountToken: true,
      hostNetwork: true,
    });
    const [a, b] = synthValid(chart);
    expect(Object.keys(a.spec.template.spec)).toEqual(['containers']);
    expect(b.spec.template.spec).toMatchObject({ setHostnameAsFQDN: true, hostname: 'b', automountServiceAccountToken: true, hostNetwork: true });
  });
});
