import { ApiObjectMetadata } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { arrayOr, isJsonObject, JsonObject, numberOr, stringOr } from '../base/json';
import { isQualifiedName } from '../base/names';
import { probeGivenOptions, probeJson } from '../common/cdk8s-internals';
import { requireNonEmptySelector } from '../common/custom-resource';
import { KruiseResource } from '../common/kruise-resource';
import { checkDnsLabel } from '../common/object-meta';
import { LabelSelectorSpec, SelectorJson } from '../common/selector';
import {
  PodProbeMarkerSpec, PodProbeMarkerSpecProbesProbe, PodProbeMarkerSpecProbesProbeTcpSocketPort, toJson_PodProbeMarkerSpec,
} from '../imports/apps.kruise.io';
import { invalid } from '../validation/errors';
import { CONTAINER_NAME_FIX } from '../validation/object-rules';

/** Pod condition types of Kubernetes and Kruise that a probe name may not take. */
const RESERVED_CONDITIONS = ['PodScheduled', 'Initialized', 'Ready', 'ContainersReady', 'KruisePodReady', 'InPlaceUpdateReady'];

/** The probe result a marker policy applies to. */
export enum ProbeMarkerState {
  /** The probe succeeded. */
  SUCCEEDED = 'Succeeded',
  /** The probe failed. */
  FAILED = 'Failed',
}

/** Labels and annotations put on a pod in one probe state (`markerPolicy[]`). */
export interface ProbeMarkerPolicy {
  /** The probe result. */
  readonly state: ProbeMarkerState;
  /** Labels to put on the pod. @default - none (then annotations are required) */
  readonly labels?: { [key: string]: string };
  /** Annotations to put on the pod. @default - none (then labels are required) */
  readonly annotations?: { [key: string]: string };
}

/** The command of an exec probe, as plain values. */
export interface ProbeExecSpec {
  /** The command and its arguments, run in the container (no shell unless the command is one). */
  readonly command: string[];
}

/** The port of a tcpSocket probe, as plain values. */
export interface ProbeTcpSocketSpec {
  /** The container port the daemon connects to (1-65535). */
  readonly port: number;
}

/**
 * A probe of a PodProbeMarker as plain values (the Kubernetes API's `Probe`,
 * exec or tcpSocket only). Use it where a cdk8s-plus-28 `Probe` object
 * cannot be passed.
 */
export interface PodProbeMarkerProbeSpec {
  /** Run a command. Exclusive with tcpSocket. @default - use tcpSocket */
  readonly exec?: ProbeExecSpec;
  /** Open a TCP connection. Exclusive with exec. @default - use exec */
  readonly tcpSocket?: ProbeTcpSocketSpec;
  /** Seconds after the container starts before the first probe. @default - Kubernetes' default, 0 */
  readonly initialDelaySeconds?: number;
  /** Seconds between probes. @default - Kubernetes' default, 10 */
  readonly periodSeconds?: number;
  /** Seconds after which a probe times out. @default - Kubernetes' default, 1 */
  readonly timeoutSeconds?: number;
  /** Consecutive successes after a failure that count as success. @default - Kubernetes' default, 1 */
  readonly successThreshold?: number;
  /** Consecutive failures that count as failure. @default - Kubernetes' default, 3 */
  readonly failureThreshold?: number;
}

/** One probe of a PodProbeMarker (`spec.probes[]`). */
export interface PodProbeMarkerProbeOptions {
  /** Unique among the probes, without '#', not a built-in condition type. */
  readonly name: string;
  /** The container the probe runs in. */
  readonly containerName: string;
  /**
   * The probe: `Probe.fromCommand()` or `Probe.fromTcpSocket({ port })`, or
   * plain `{ exec: { command } }` / `{ tcpSocket: { port } }` (Kruise 1.7 runs
   * exec and tcpSocket probes only, and rejects `host`).
   */
  readonly probe: kplus.Probe | PodProbeMarkerProbeSpec;
  /** Labels/annotations per probe result (each state once). @default - none (then podConditionType is required) */
  readonly markerPolicy?: ProbeMarkerPolicy[];
  /** A pod condition type recording the probe result (unique among the probes). @default - none (then markerPolicy is required) */
  readonly podConditionType?: string;
}

/** Properties of {@link PodProbeMarker}. */
export interface PodProbeMarkerProps {
  /** Metadata (name, namespace, labels, annotations). @default - a generated name, the chart's namespace */
  readonly metadata?: ApiObjectMetadata;
  /** The pods to probe (not empty): a `kplus.LabelSelector` or plain `{ matchLabels, matchExpressions }`. */
  readonly selector: kplus.LabelSelector | LabelSelectorSpec;
  /** Probes (more with addProbe()). @default - none (at least one is required) */
  readonly probes?: PodProbeMarkerProbeOptions[];
}

/**
 * OpenKruise PodProbeMarker: kruise-daemon runs custom probes in the selected
 * pods and marks them (labels, annotations, a condition) by the result, e.g.
 * to prefer deleting idle game servers. Needs the feature gate
 * PodProbeMarkerGate (and KruiseDaemon).
 *
 * @see https://openkruise.io/docs/user-manuals/podprobemarker
 */
export class PodProbeMarker extends KruiseResource {
  /** The PodProbeMarker resource type, for RBAC. */
  public readonly resourceType = 'podprobemarkers';

  private readonly selectorJson: SelectorJson;
  private readonly probes: Array<{ options: PodProbeMarkerProbeOptions; probe: PodProbeMarkerSpecProbesProbe }> = [];

  public constructor(scope: Construct, id: string, props: PodProbeMarkerProps) {
    super(scope, id, { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'PodProbeMarker', metadata: props.metadata });
    this.selectorJson = requireNonEmptySelector(this, 'spec.selector', props.selector);
    for (const p of props.probes ?? []) this.addProbe(p);
    // Feature gates: checked by the app's review (Kruise's admission rules, src/admission/gates.ts).
    // At least one probe: Kruise's rule, checked by the app's review on the emitted object.
  }

  /** Adds a probe. */
  public addProbe(options: PodProbeMarkerProbeOptions): void {
    const field = `spec.probes[${this.probes.length}]`;
    const name = options.name;
    if (typeof name !== 'string' || name === '') {
      throw invalid(this, `${field}.name`, name, 'every probe needs a name', 'give the probe a name');
    }
    if (name.includes('#')) {
      throw invalid(this, `${field}.name`, name, 'Kruise rejects \'#\' in probe names', 'use a name without \'#\'');
    }
    if (RESERVED_CONDITIONS.includes(name)) {
      throw invalid(this, `${field}.name`, name, 'this is a built-in pod condition type, which Kruise does not let a probe take', 'use another name');
    }
    if (this.probes.some(p => p.options.name === name)) {
      throw invalid(this, `${field}.name`, name, 'probe names must be unique', 'give each probe its own name');
    }
    if (typeof options.containerName !== 'string' || options.containerName === '') {
      throw invalid(this, `${field}.containerName`, options.containerName, 'Kruise needs the container to probe', 'give containerName');
    }
    checkDnsLabel(this, `${field}.containerName`, options.containerName, 'container name', CONTAINER_NAME_FIX);
    const probe = renderProbe(this, `${field}.probe`, options.probe);
    const policies = options.markerPolicy ?? [];
    if (options.podConditionType === undefined && policies.length === 0) {
      throw invalid(this, field, name, 'Kruise needs markerPolicy or podConditionType, else the result goes nowhere', 'give a markerPolicy or a podConditionType');
    }
    if (options.podConditionType !== undefined) {
      if (!isQualifiedName(options.podConditionType)) {
        throw invalid(this, `${field}.podConditionType`, options.podConditionType, 'not a valid condition type (a qualified name such as game.io/idle)', 'use [prefix/]name of letters, digits, \'-\', \'_\' and \'.\'');
      }
      if (this.probes.some(p => p.options.podConditionType === options.podConditionType)) {
        throw invalid(this, `${field}.podConditionType`, options.podConditionType, 'condition types must be unique among the probes', 'give each probe its own condition type');
      }
    }
    const states = new Set<string>();
    policies.forEach((p, i) => {
      const f = `${field}.markerPolicy[${i}]`;
      if (!Object.values(ProbeMarkerState).includes(p.state)) {
        throw invalid(this, `${f}.state`, p.state, 'Kruise accepts Succeeded and Failed', 'use ProbeMarkerState.SUCCEEDED or FAILED');
      }
      if (states.has(p.state)) {
        throw invalid(this, `${f}.state`, p.state, 'each state takes one policy', 'merge the policies of this state');
      }
      states.add(p.state);
      if (Object.keys(p.labels ?? {}).length === 0 && Object.keys(p.annotations ?? {}).length === 0) {
        throw invalid(this, f, p.state, 'a policy without labels or annotations marks nothing', 'give labels or annotations');
      }
      for (const key of [...Object.keys(p.labels ?? {}), ...Object.keys(p.annotations ?? {})]) {
        if (!isQualifiedName(key)) {
          throw invalid(this, f, key, 'not a valid label/annotation key', 'use [prefix/]name');
        }
      }
    });
    this.probes.push({ options, probe });
  }

  protected renderSpec(): { [key: string]: unknown } {
    const spec: PodProbeMarkerSpec = {
      selector: this.selectorJson ?? {},
      probes: this.probes.map(({ options: o, probe }) => ({
        name: o.name,
        containerName: o.containerName,
        probe,
        markerPolicy: o.markerPolicy?.map(p => ({
          state: p.state,
          labels: p.labels && { ...p.labels },
          annotations: p.annotations && { ...p.annotations },
        })),
        podConditionType: o.podConditionType,
      })),
    };
    return toJson_PodProbeMarkerSpec(spec) ?? {};
  }
}

/**
 * Renders a cdk8s-plus Probe for kruise-daemon: exec or tcpSocket (with an
 * explicit port, no host) only; cdk8s-plus's unrequested `failureThreshold: 3`
 * is dropped. Reads the options cdk8s-plus keeps on the Probe (not public API).
 */
function renderProbe(scope: Construct, field: string, probe: kplus.Probe | PodProbeMarkerProbeSpec): PodProbeMarkerSpecProbesProbe {
  if (probe === null || typeof probe !== 'object') {
    throw invalid(scope, field, probe, 'Kruise needs the probe to run', 'give probe: Probe.fromCommand([...]) or Probe.fromTcpSocket({ port })');
  }
  if (!(probe instanceof kplus.Probe)) return plainProbe(scope, field, probe);
  const given = probeGivenOptions(probe);
  const rendered = probeJson(probe);
  if (rendered.httpGet || rendered.grpc) {
    throw invalid(scope, field, rendered.httpGet ? 'httpGet' : 'grpc', 'Kruise 1.7 runs exec and tcpSocket probes only', 'use Probe.fromCommand() or Probe.fromTcpSocket({ port })');
  }
  let tcpSocket: PodProbeMarkerSpecProbesProbe['tcpSocket'];
  if (isJsonObject(rendered.tcpSocket)) {
    if (given.tcpSocketPort === undefined) {
      throw invalid(scope, `${field}.tcpSocket.port`, undefined, 'a tcpSocket probe of a PodProbeMarker has no container port to fall back on', 'give Probe.fromTcpSocket({ port })');
    }
    if (rendered.tcpSocket.host !== undefined) {
      throw invalid(scope, `${field}.tcpSocket.host`, rendered.tcpSocket.host, 'Kruise (since 1.7.5) rejects tcpSocket.host: the daemon probes the pod\'s own IP', 'remove host');
    }
    tcpSocket = { port: tcpPort(rendered.tcpSocket) };
  }
  const exec = isJsonObject(rendered.exec)
    ? { command: arrayOr(rendered.exec.command).map(String) }
    : undefined;
  return {
    exec,
    tcpSocket,
    // cdk8s-plus renders failureThreshold 3 unless given: keep it only when given.
    failureThreshold: given.failureThreshold === undefined ? undefined : numberOr(rendered.failureThreshold),
    initialDelaySeconds: numberOr(rendered.initialDelaySeconds),
    periodSeconds: numberOr(rendered.periodSeconds),
    successThreshold: numberOr(rendered.successThreshold),
    timeoutSeconds: numberOr(rendered.timeoutSeconds),
    terminationGracePeriodSeconds: numberOr(rendered.terminationGracePeriodSeconds),
  };
}

/** A plain probe, checked as the cdk8s-plus one is rendered: exec or tcpSocket, whole numbers. */
function plainProbe(scope: Construct, field: string, probe: PodProbeMarkerProbeSpec): PodProbeMarkerSpecProbesProbe {
  const fix = 'give { exec: { command: [...] } } or { tcpSocket: { port } }, or a kplus.Probe';
  const other = Object.keys(probe).find(k => k === 'httpGet' || k === 'grpc');
  if (other) {
    throw invalid(scope, `${field}.${other}`, '(set)', 'Kruise 1.7 runs exec and tcpSocket probes only', fix);
  }
  const { exec, tcpSocket } = probe;
  if ((exec === undefined) === (tcpSocket === undefined)) {
    throw invalid(scope, field, probe, 'a probe has exactly one action, exec or tcpSocket', fix);
  }
  if (exec !== undefined) {
    const command: unknown = exec?.command;
    if (!Array.isArray(command) || command.length === 0 || command.some(c => typeof c !== 'string')) {
      throw invalid(scope, `${field}.exec.command`, command, 'an exec probe runs a command: a non-empty list of strings', fix);
    }
  }
  let port: number | undefined;
  if (tcpSocket !== undefined) {
    port = tcpSocket?.port;
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw invalid(scope, `${field}.tcpSocket.port`, port, 'a tcpSocket probe of a PodProbeMarker needs a container port, 1-65535', fix);
    }
    if (Object.keys(tcpSocket).includes('host')) {
      throw invalid(scope, `${field}.tcpSocket.host`, '(set)', 'Kruise (since 1.7.5) rejects tcpSocket.host: the daemon probes the pod\'s own IP', 'remove host');
    }
  }
  const numbers = ['initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'successThreshold', 'failureThreshold'] as const;
  for (const key of numbers) {
    const v = probe[key];
    if (v !== undefined && (!Number.isInteger(v) || v < 0)) {
      throw invalid(scope, `${field}.${key}`, v, 'must be a whole number >= 0', `give whole ${key.endsWith('Seconds') ? 'seconds' : 'counts'}`);
    }
  }
  return {
    exec: exec && { command: [...exec.command] },
    tcpSocket: port === undefined ? undefined : { port: PodProbeMarkerSpecProbesProbeTcpSocketPort.fromNumber(port) },
    initialDelaySeconds: probe.initialDelaySeconds,
    periodSeconds: probe.periodSeconds,
    timeoutSeconds: probe.timeoutSeconds,
    successThreshold: probe.successThreshold,
    failureThreshold: probe.failureThreshold,
  };
}

/** The port of a rendered tcpSocket action: a number, or a named port. */
function tcpPort(tcpSocket: JsonObject): PodProbeMarkerSpecProbesProbeTcpSocketPort {
  const port = numberOr(tcpSocket.port);
  return port !== undefined
    ? PodProbeMarkerSpecProbesProbeTcpSocketPort.fromNumber(port)
    : PodProbeMarkerSpecProbesProbeTcpSocketPort.fromString(stringOr(tcpSocket.port) ?? String(tcpSocket.port));
}
