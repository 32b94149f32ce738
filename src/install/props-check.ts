// Contradictions between KruiseProps that no single install construct sees.
import { addressPort } from './checks';
import { installGates } from './install-gates';
import { Issue, issueError } from './issues';
import { toPlain } from './plain';
import { podFieldIssue, POD_FIELD_SHAPES } from './pod-fields';
import { DaemonConfigNamespace, KruiseProps } from './props';
import { isApiGroup } from '../base/names';
import type { ResolvedFeatureGates } from '../versions/feature-gates';
import { DAEMON_CONFIG_NAMESPACE, DEFAULT_KRUISE_NAMESPACE } from '../versions/namespace';

/** The ports of kruise-manager and kruise-daemon, for the host-network clash checks. */
export interface InstallPorts {
  readonly managerHostNetwork: boolean;
  readonly manager: Array<[string, number]>;
  readonly daemon?: { readonly port: [string, number]; readonly pprof?: [string, string] };
}

/**
 * Port contradictions of an install: the daemon's pprof address on its own
 * port, and (with manager host networking) a manager port that kruise-daemon,
 * always in the host network on every node, also listens on.
 */
export function portIssue(p: InstallPorts): Issue | undefined {
  if (p.daemon?.pprof) {
    const [pprofKey, addr] = p.daemon.pprof;
    const port = addressPort(addr);
    // (an address without a port is kruise-daemon's own check, KruiseDaemon and the chart values adapter report it)
    if (port !== undefined && (port < 1 || port > 65535)) {
      return { path: pprofKey, value: addr, problem: 'is not an address', fix: 'use host:port with a port from 1 to 65535, e.g. localhost:10222' };
    }
    if (port !== undefined && port === p.daemon.port[1]) {
      return { path: pprofKey, value: addr, problem: `uses the port of ${p.daemon.port[0]} (${port}), so kruise-daemon would listen on it twice`, fix: 'give pprof or kruise-daemon another port' };
    }
  }
  if (p.managerHostNetwork && p.daemon) {
    const daemonPorts: Array<[string, number]> = [p.daemon.port];
    const pprofPort = p.daemon.pprof ? addressPort(p.daemon.pprof[1]) : undefined;
    if (p.daemon.pprof && pprofPort !== undefined) daemonPorts.push([p.daemon.pprof[0], pprofPort]);
    for (const [key, port] of p.manager) {
      const clash = daemonPorts.find(([, d]) => d === port);
      if (clash) {
        return {
          path: key,
          value: port,
          problem: `is also kruise-daemon's port (${clash[0]}), and with host networking kruise-manager shares the node's network with kruise-daemon, which runs on every node`,
          fix: 'give kruise-manager another port',
        };
      }
    }
  }
  return undefined;
}

/**
 * Contradictions and structure of `KruiseProps` that the constructs of the
 * install cannot see one by one. Meant to be called by the `Kruise`
 * constructor right after the feature gates are resolved:
 * `checkKruiseProps(where, props, this.featureGates);`. The gates are read as
 * the install's objects read them (`installGates`: the chart's text tests when
 * the props carry `_chartValues`).
 * Throws `<where>: <prop path> <value> <problem>; <fix>`.
 */
export function checkKruiseProps(where: string, props: KruiseProps, gates: ResolvedFeatureGates): void {
  const issue = kruisePropsIssue(props, gates);
  if (issue) throw issueError(where, issue);
}

/** The first issue of `checkKruiseProps`, or undefined. */
export function kruisePropsIssue(props: KruiseProps, gates: ResolvedFeatureGates): Issue | undefined {
  const chart = props._chartValues !== undefined; // built by Kruise.fromHelmValues: values carry every default
  const on = installGates(gates, props._chartValues);
  const ns = props.namespace ?? DEFAULT_KRUISE_NAMESPACE;
  const m = props.manager ?? {};
  const d = props.daemon ?? {};

  const createsDaemonConfig = (props.daemonConfigNamespace ?? DaemonConfigNamespace.CREATE) === DaemonConfigNamespace.CREATE;
  if (ns === DAEMON_CONFIG_NAMESPACE && (props.createNamespace ?? true) && createsDaemonConfig) {
    return { path: 'namespace', value: ns, problem: 'is also the namespace kruise-daemon reads pull secrets from, which the install creates too, so the Namespace would be emitted twice', fix: 'install into another namespace such as \'kruise-system\', or set daemonConfigNamespace: DaemonConfigNamespace.EXISTING' };
  }
  for (const [i, g] of (props.roleListGroups ?? []).entries()) {
    if (typeof g !== 'string' || !isApiGroup(g)) {
      return { path: `roleListGroups[${i}]`, value: g, problem: 'is not an API group', fix: 'use \'*\', \'\' (the core group) or a group such as \'apps.kruise.io\'' };
    }
  }
  const fields: Array<[string, unknown, keyof typeof POD_FIELD_SHAPES]> = [
    ['manager.resources', m.resources, 'resources'],
    ['manager.nodeAffinity', m.nodeAffinity, 'nodeAffinity'],
    ['manager.tolerations', m.tolerations, 'tolerations'],
    ['daemon.resources', d.resources, 'resources'],
    ['daemon.affinity', d.affinity, 'affinity'],
    ['daemon.extraEnv', d.extraEnv, 'env'],
  ];
  for (const [path, value, shape] of fields) {
    let plain: unknown;
    try {
      plain = toPlain(value, path);
    } catch (e) {
      const issue = (e as { issue?: Issue }).issue;
      if (issue) return issue;
      throw e;
    }
    const issue = podFieldIssue(path, plain, shape);
    if (issue) return issue;
  }
  const policies: { [name: string]: string } = props.webhookFailurePolicies ?? {};
  const failing = POD_WEBHOOKS.filter(name => (policies[name] ?? 'Fail') === 'Fail');
  if (m.replicas === 0 && on.podWebhooks && failing.length > 0) {
    return podWebhookOutage('manager.replicas', 'turn FeatureGate.POD_WEBHOOK off', failing);
  }
  const certAnnotations = props.externalCertsAnnotations ?? {};
  if (Object.keys(certAnnotations).length > 0 && !on.externalCerts) {
    return externalCertsWithoutGate('externalCertsAnnotations', certAnnotations, 'add FeatureGate.ENABLE_EXTERNAL_CERTS.enable() to featureGates (or use certManager)');
  }
  const inject = certAnnotations['cert-manager.io/inject-ca-from'];
  const expected = `${ns}/kruise-webhook-certs`;
  if (props.certManager && inject !== undefined && inject !== expected) {
    return {
      path: 'externalCertsAnnotations[\'cert-manager.io/inject-ca-from\']',
      value: inject,
      problem: `contradicts certManager, which injects the CA of its Certificate ${expected}`,
      fix: 'drop the annotation (certManager sets it) or drop certManager',
    };
  }
  if (!on.daemon && !chart && Object.values(d).some(x => x !== undefined)) {
    return { path: 'daemon', value: d, problem: 'is set, but the KruiseDaemon feature gate is off, so no kruise-daemon is emitted and these settings would be lost', fix: 'drop daemon, or stop disabling FeatureGate.KRUISE_DAEMON' };
  }
  const pprof = d.enablePprof ?? true;
  return portIssue({
    managerHostNetwork: m.hostNetwork ?? false,
    manager: [['manager.webhookPort', m.webhookPort ?? 9876], ['manager.metricsPort', m.metricsPort ?? 8080], ['manager.healthProbePort', m.healthProbePort ?? 8000]],
    daemon: on.daemon ? { port: ['daemon.port', d.port ?? 10221], pprof: pprof ? ['daemon.pprofAddr', d.pprofAddr ?? 'localhost:10222'] : undefined } : undefined,
  });
}

/** The pod webhooks of the install (all failurePolicy Fail in the chart). */
export const POD_WEBHOOKS = ['mpod.kb.io', 'vpod.kb.io', 'vpodeviction.kb.io'];

/** The issue of zero manager replicas while pod webhooks with failurePolicy Fail are on. */
export function podWebhookOutage(path: string, gateFix: string, failing: string[] = POD_WEBHOOKS): Issue {
  return {
    path,
    value: 0,
    problem: `leaves the pod webhooks with failurePolicy Fail (${failing.join(', ')}) without a server, so the API server would reject pod operations in every namespace but kube-system and the Kruise namespace`,
    fix: `run at least 1 replica, or ${gateFix}`,
  };
}

/** The issue of external-certs annotations while kruise-manager manages its own certificate. */
export function externalCertsWithoutGate(path: string, annotations: { [key: string]: string }, fix: string): Issue {
  return {
    path,
    value: annotations,
    problem: 'are set, but the EnableExternalCerts gate is off, so kruise-manager writes its own CA into the webhook configurations and fights the tool these annotations call in',
    fix: `${fix}, or drop the annotations`,
  };
}
