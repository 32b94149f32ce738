/**
 * No unrequested defaults on any L2 with containers: cdk8s-plus adds a TCP
 * startup probe for a container with a port, resource limits, security
 * contexts, `imagePullPolicy` and more; none of it reaches the emitted object
 * unless the user asked for it.
 */
import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  AdvancedCronJob, AdvancedCronJobTemplate, AdvancedDaemonSet, AdvancedStatefulSet, BroadcastJob, CloneSet, EphemeralJob, SidecarSet,
  UnitedDeployment, UnitedDeploymentTemplate,
} from '../../src';

/** A container with a port: the case where cdk8s-plus adds its startup probe. */
const web = { name: 'web', image: 'nginx:1.27', portNumber: 8080 };
const sel = kplus.LabelSelector.of({ labels: { app: 'web' } });

const BUILDERS: Array<[string, (chart: Chart) => void]> = [
  ['CloneSet', c => new CloneSet(c, 'w', { containers: [web] })],
  ['AdvancedStatefulSet', c => new AdvancedStatefulSet(c, 'w', { containers: [web] })],
  ['AdvancedDaemonSet', c => new AdvancedDaemonSet(c, 'w', { containers: [web] })],
  ['BroadcastJob', c => new BroadcastJob(c, 'w', { containers: [web] })],
  ['AdvancedCronJob', c => new AdvancedCronJob(c, 'w', { schedule: '@daily', template: AdvancedCronJobTemplate.job(), containers: [web], restartPolicy: kplus.RestartPolicy.NEVER })],
  ['UnitedDeployment', c => new UnitedDeployment(c, 'w', { replicas: 1, containers: [web], template: UnitedDeploymentTemplate.cloneSet() })],
  ['SidecarSet', c => new SidecarSet(c, 'w', { selector: sel, containers: [web] })],
  ['EphemeralJob', c => new EphemeralJob(c, 'w', { selector: sel, containers: [{ name: 'debug', image: 'busybox:1.36' }] })],
];

/** Every container object in a manifest (pod templates, sidecars, ephemeral containers). */
function containersOf(value: any, out: any[] = []): any[] {
  if (Array.isArray(value)) {
    value.forEach(v => containersOf(v, out));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if ((k === 'containers' || k === 'initContainers' || k === 'ephemeralContainers') && Array.isArray(v)) out.push(...v);
      containersOf(v, out);
    }
  }
  return out;
}

/** The kind each L2 emits (the Advanced workloads keep Kruise's kind names). */
const EMITTED: { [l2: string]: string } = { AdvancedStatefulSet: 'StatefulSet', AdvancedDaemonSet: 'DaemonSet' };

describe.each(BUILDERS)('%s', (l2, build) => {
  const chart = new Chart(Testing.app(), 'c');
  build(chart);
  const kind = EMITTED[l2] ?? l2;
  const objects = Testing.synth(chart).filter(o => o.kind === kind && o.apiVersion.includes('kruise.io'));
  const containers = containersOf(objects.map(o => o.spec));

  test('emits its containers', () => {
    expect(objects).toHaveLength(1);
    expect(containers.length).toBeGreaterThan(0);
  });

  test('no startup probe, resources or security context the user did not ask for', () => {
    for (const c of containers) {
      expect(c).not.toHaveProperty('startupProbe');
      expect(c).not.toHaveProperty('resources');
      expect(c).not.toHaveProperty('securityContext');
    }
  });

  test('no pod-level defaults the user did not ask for', () => {
    const json = JSON.stringify(objects[0].spec);
    expect(json).not.toMatch(/automountServiceAccountToken|"dnsPolicy"|"hostNetwork"|terminationGracePeriodSeconds/);
  });
});

test('a startup probe the user asks for is kept', () => {
  const chart = new Chart(Testing.app(), 'c');
  new CloneSet(chart, 'w', { containers: [{ ...web, startup: kplus.Probe.fromTcpSocket({ port: 8080 }) }] });
  const [c] = containersOf(Testing.synth(chart)[0].spec);
  expect(c.startupProbe).toMatchObject({ tcpSocket: { port: 8080 } });
});
