import { ApiObject, Duration, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { EphemeralJob, KruiseCrds, TerminationMessagePolicy } from '../../src';
import { newChart, synthValid } from '../util/l2';
import { only, validationErrors } from '../util/validations';

const selector = kplus.LabelSelector.of({ labels: { app: 'web' } });

describe('EphemeralJob', () => {
  test('emits the job fields and the containers without cdk8s-plus defaults', () => {
    const chart = newChart();
    const job = new EphemeralJob(chart, 'ejob', {
      metadata: { name: 'debug-web' },
      selector,
      replicas: 2,
      parallelism: 1,
      ttlAfterFinished: Duration.minutes(10),
      activeDeadline: Duration.hours(1),
      paused: false,
      containers: [{ name: 'debugger', image: 'busybox:1.36', command: ['sleep', '3600'], targetContainerName: 'web' }],
    });
    const m = only(synthValid(chart), 'EphemeralJob');
    expect(m.apiVersion).toBe('apps.kruise.io/v1alpha1');
    expect(job.name).toBe('debug-web');
    expect(m.spec).toEqual({
      selector: { matchLabels: { app: 'web' } },
      replicas: 2,
      parallelism: 1,
      ttlSecondsAfterFinished: 600,
      activeDeadlineSeconds: 3600,
      paused: false,
      // Kruise requires both policies (nothing defaults them): Kubernetes' pod defaults are emitted.
      template: {
        ephemeralContainers: [{
          name: 'debugger',
          image: 'busybox:1.36',
          command: ['sleep', '3600'],
          targetContainerName: 'web',
          imagePullPolicy: 'IfNotPresent',
          terminationMessagePolicy: 'File',
        }],
      },
    });
  });

  test('an EphemeralJob Kruise accepts can be written: pull policy Always for an untagged or latest image, termination message policy as given', () => {
    const chart = newChart();
    new EphemeralJob(chart, 'ejob', {
      selector,
      containers: [
        { name: 'a', image: 'busybox' },
        { name: 'b', image: 'registry.example.com:5000/tools/busybox:latest', terminationMessagePolicy: TerminationMessagePolicy.FALLBACK_TO_LOGS_ON_ERROR },
        { name: 'c', image: 'busybox@sha256:' + 'a'.repeat(64) },
      ],
    });
    const ecs = only(synthValid(chart), 'EphemeralJob').spec.template.ephemeralContainers;
    expect(ecs.map((c: any) => [c.imagePullPolicy, c.terminationMessagePolicy])).toEqual([
      ['Always', 'File'], ['Always', 'FallbackToLogsOnError'], ['IfNotPresent', 'File'],
    ]);
  });

  test('security context, pull policy, env and mounts are kept when given; containers can grow later', () => {
    const chart = newChart();
    const job = new EphemeralJob(chart, 'ejob', { selector });
    const c = job.addContainer({
      name: 'tcpdump',
      image: 'nicolaka/netshoot',
      imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
      securityContext: { ensureNonRoot: false, readOnlyRootFilesystem: false, capabilities: { add: [kplus.Capability.NET_ADMIN] } },
    });
    c.env.addVariable('IFACE', kplus.EnvValue.fromValue('eth0'));
    c.mount('/data', kplus.Volume.fromEmptyDir(chart, 'data', 'data'));
    expect(job.containerNames).toEqual(['tcpdump']);
    const [ec] = only(synthValid(chart), 'EphemeralJob').spec.template.ephemeralContainers;
    expect(ec.imagePullPolicy).toBe('IfNotPresent');
    expect(ec.securityContext.capabilities).toEqual({ add: ['NET_ADMIN'] });
    expect(ec.securityContext.runAsNonRoot).toBe(false);
    expect(ec.env).toEqual([{ name: 'IFACE', value: 'eth0' }]);
    expect(ec.volumeMounts).toEqual([{ name: 'data', mountPath: '/data' }]);
    expect(ec.resources).toBeUndefined();
  });

  test('fields Kubernetes forbids on ephemeral containers are rejected', () => {
    const job = new EphemeralJob(newChart(), 'ejob', { selector });
    const base = { name: 'd', image: 'busybox' };
    expect(() => job.addContainer({ ...base, portNumber: 8080 }))
      .toThrow('test/ejob: spec.template.ephemeralContainers[0].ports 8080: Kubernetes forbids ports on ephemeral containers; remove ports');
    expect(() => job.addContainer({ ...base, resources: { cpu: { request: kplus.Cpu.millis(100) } } }))
      .toThrow('test/ejob: spec.template.ephemeralContainers[0].resources "(set)": Kubernetes forbids resources on ephemeral containers; remove resources');
    expect(() => job.addContainer({ ...base, liveness: kplus.Probe.fromCommand(['true']) }))
      .toThrow(/ephemeralContainers\[0\].livenessProbe "\(set\)": Kubernetes forbids livenessProbe on ephemeral containers/);
    expect(() => job.addContainer({ ...base, lifecycle: { preStop: kplus.Handler.fromCommand(['true']) } }))
      .toThrow(/ephemeralContainers\[0\].lifecycle "\(set\)": Kubernetes forbids lifecycle on ephemeral containers/);
    expect(() => job.addContainer({ ...base, volumeMounts: [{ path: '/x', volume: kplus.Volume.fromEmptyDir(newChart(), 'v', 'v'), subPath: 'sub' }] }))
      .toThrow('test/ejob: spec.template.ephemeralContainers[0].volumeMounts[0].subPath "sub": Kubernetes forbids subPath mounts in ephemeral containers; mount the whole volume');
    const c = job.addContainer(base);
    c.addPort({ number: 80 });
    expect(() => synthValid(job.node.scope as any)).toThrow(/ephemeralContainers\[0\].ports .*: Kubernetes forbids ports on ephemeral containers; remove the addPort\(\) call/);
  });

  test('names are required and unique; the image is a valid reference', () => {
    const job = new EphemeralJob(newChart(), 'ejob', { selector, containers: [{ name: 'd', image: 'busybox' }] });
    expect(() => job.addContainer({ image: 'busybox' }))
      .toThrow('test/ejob: spec.template.ephemeralContainers[1].name (unset): an ephemeral container needs an explicit name (it must not clash with the containers of the target pods); give a name such as \'debugger\'');
    expect(() => job.addContainer({ name: 'd', image: 'busybox' }))
      .toThrow('test/ejob: spec.template.ephemeralContainers[1].name "d": ephemeral container names must be unique; give each container its own name');
    expect(() => job.addContainer({ name: 'e', image: 'BusyBox' }))
      .toThrow(/ephemeralContainers\[1\].image "BusyBox": not a valid image reference/);
  });

  test('the selector must not be empty; no container is accepted (as Kruise accepts it) with a warning', () => {
    expect(() => new EphemeralJob(newChart(), 'ejob', { selector: kplus.LabelSelector.of({}) }))
      .toThrow('test/ejob: spec.selector {}: an empty selector would match every pod in the namespace; select the target pods with labels or expressions');
    const chart = newChart();
    const job = new EphemeralJob(chart, 'ejob', { selector });
    expect(validationErrors(chart)).toEqual([]);
    expect(job.node.metadata.filter(m => m.type === 'warning').map(m => m.data))
      .toEqual(['spec.template.ephemeralContainers []: an EphemeralJob without containers does nothing; add one with addContainer()']);
  });

  test('numbers and durations are checked; parallelism 0 is accepted (as Kruise accepts it) with a warning', () => {
    expect(() => new EphemeralJob(newChart(), 'ejob', { selector, parallelism: -1 }))
      .toThrow('test/ejob: spec.parallelism -1: must be a whole number >= 0; give the number of pods at a time, 0 or more');
    const job = new EphemeralJob(newChart(), 'ejob', { selector, parallelism: 0, containers: [{ name: 'd', image: 'busybox:1.36' }] });
    expect(validationErrors(job.node.scope as any)).toEqual([]);
    expect(job.node.metadata.filter(m => m.type === 'warning').map(m => m.data)).toEqual([expect.stringContaining('spec.parallelism 0: no pod gets the ephemeral containers')]);
    expect(() => new EphemeralJob(newChart(), 'ejob', { selector, activeDeadline: Duration.seconds(0) }))
      .toThrow('test/ejob: spec.activeDeadlineSeconds 0: a zero deadline fails the job at once; give at least one second or omit it');
  });

  test('the CRD is not in the chart; KruiseCrds emits it with includeEphemeralJob', () => {
    const without = new KruiseCrds(newChart(), 'crds');
    const withIt = new KruiseCrds(newChart(), 'crds', { includeEphemeralJob: true });
    expect(without.names).not.toContain('ephemeraljobs.apps.kruise.io');
    expect(withIt.names).toContain('ephemeraljobs.apps.kruise.io');
  });

  test('escape hatch: a JSON patch on ApiObject.of() reaches the output', () => {
    const chart = newChart();
    const job = new EphemeralJob(chart, 'ejob', { selector, containers: [{ name: 'd', image: 'busybox' }] });
    ApiObject.of(job).addJsonPatch(JsonPatch.add('/spec/template/ephemeralContainers/0/tty', true));
    expect(only(synthValid(chart), 'EphemeralJob').spec.template.ephemeralContainers[0].tty).toBe(true);
  });
});
