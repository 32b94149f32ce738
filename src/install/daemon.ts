import { ApiObject } from 'cdk8s';
import type { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { addressPort, checkLogLevel, checkNamespace, checkPort, checkStringMap } from './checks';
import { CredentialProvider } from './credential-provider';
import { KruiseImage } from './image';
import { defaultResolvedGates, InstallGates, typedGates } from './install-gates';
import { quantity, toPlain } from './plain';
import { arrayOr, JsonObject } from '../base/json';
import { isDns1123Subdomain, SUBDOMAIN_RULE } from '../base/names';
import { PlainBodyApiObject } from '../common/plain-body-object';
import { invalid } from '../validation/errors';
import { ResolvedFeatureGates } from '../versions/feature-gates';

/**
 * kruise-daemon's use of kubelet credential provider plugins when it pulls images
 * for ImagePullJobs (Kruise 1.7): the ConfigMap with the `CredentialProviderConfig`
 * and the host directory with the plugin executables are mounted into the daemon.
 * Chart values `daemon.credentialProvider.*` (setting this = `enable: true`).
 *
 * The ConfigMap itself can be made with `CredentialProviderConfig`.
 *
 * @see https://openkruise.io/blog/openkruise-1.7
 */
export interface KruiseDaemonCredentialProvider {
  /**
   * Host directory holding the plugin executables (mounted at `/credential-provider-plugin`).
   * Chart value `daemon.credentialProvider.hostPath`.
   */
  readonly pluginHostPath: string;

  /**
   * The ConfigMap (in the Kruise namespace) with key `CredentialProviderPlugin.yaml`.
   * Chart value `daemon.credentialProvider.configmap`.
   * @default 'credential-provider-config'
   */
  readonly configMapName?: string;

  /**
   * Host directory with AWS credentials, mounted at `/root/.aws` (for the ECR plugin).
   * Chart value `daemon.credentialProvider.awsCredentialsDir`.
   * @default - not mounted
   */
  readonly awsCredentialsDir?: string;

  /**
   * Generate the ConfigMap from these providers (the chart leaves it to you).
   * Used by `Kruise`; a standalone `KruiseDaemon` ignores it (use
   * `CredentialProviderConfig`).
   * @default - the ConfigMap is not emitted; create it yourself
   */
  readonly providers?: CredentialProvider[];
}

/** What `Kruise` lets you set on kruise-daemon (chart values `daemon.*`). */
export interface KruiseDaemonOptions {
  /**
   * Port of the daemon's metrics and health endpoints (`--addr`, liveness probe).
   * Chart value `daemon.port`.
   * @default 10221
   */
  readonly port?: number;

  /**
   * klog verbosity (`--v`), 0-10. Not a chart value: chart 1.7.5 hard-codes `--v=4`
   * (it has a `daemon.log.level` value, which its template does not use).
   * @default 4
   */
  readonly logLevel?: number;

  /**
   * Serve pprof (`--enable-pprof`).
   * Chart value `daemon.enablePprof`.
   * @default true
   */
  readonly enablePprof?: boolean;

  /**
   * Address pprof listens on (`--pprof-addr`, only rendered when pprof is on).
   * Chart value `daemon.pprofAddr`.
   * @default 'localhost:10222'
   */
  readonly pprofAddr?: string;

  /**
   * Host directory holding the container runtime socket, mounted read-only at
   * `/hostvarrun` (e.g. `/run/k3s/containerd` on k3s).
   * Chart value `daemon.socketLocation`.
   * @default '/var/run'
   */
  readonly socketLocation?: string;

  /**
   * The runtime socket's file name in `socketLocation` (`--socket-file`); empty lets
   * the daemon probe the usual names.
   * Chart value `daemon.socketFile`.
   * @default '' (rendered `--socket-file=`)
   */
  readonly socketFile?: string;

  /**
   * Node selector.
   * Chart value `daemon.nodeSelector`.
   * @default - none
   */
  readonly nodeSelector?: { [key: string]: string };

  /**
   * Pod affinity rules. Replaces the default as a whole; `{}` renders none.
   * Chart value `daemon.affinity`.
   * @default - node affinity `type NotIn [virtual-kubelet]` (keeps the daemon off virtual nodes)
   */
  readonly affinity?: k8s.Affinity;

  /**
   * Resources of the daemon container. Replaces the default as a whole.
   * Chart value `daemon.resources`.
   * @default - limits cpu 50m / memory 128Mi, requests cpu "0" / memory "0"
   */
  readonly resources?: k8s.ResourceRequirements;

  /**
   * Extra environment variables, appended after NODE_NAME (e.g. HTTPS_PROXY, NO_PROXY).
   * Chart value `daemon.extraEnvs`.
   * @default - none
   */
  readonly extraEnv?: k8s.EnvVar[];

  /**
   * Credential provider plugins for image pulls.
   * Chart values `daemon.credentialProvider.*`.
   * @default - none (chart `daemon.credentialProvider.enable: false`)
   */
  readonly credentialProvider?: KruiseDaemonCredentialProvider;

  /**
   * PriorityClass of the daemon pods, e.g. `system-node-critical` so that a full
   * node does not evict or refuse the daemon that in-place updates, container
   * restarts and image pre-downloads depend on.
   * Not a chart value (charts#201).
   * @default - none (the cluster's default priority)
   */
  readonly priorityClassName?: string;
}

/** Props of {@link KruiseDaemon}. */
export interface KruiseDaemonProps extends KruiseDaemonOptions {
  /**
   * The image to run (the kruise-manager image also holds the daemon).
   * @default - a new KruiseImage with its defaults
   */
  readonly image?: KruiseImage;

  /**
   * The Kruise namespace.
   * Chart value `installation.namespace`.
   * @default 'kruise-system'
   */
  readonly namespace?: string;

  /**
   * The feature gates (`--feature-gates`).
   * @default - ImagePullJobGate=true, the chart's
   */
  readonly featureGates?: ResolvedFeatureGates;

  /**
   * How the objects read the gates (set by Kruise: the chart's text tests for an install from values).
   * @internal
   */
  readonly _gates?: InstallGates;

  /**
   * Set env `KUBE_CACHE_MUTATION_DETECTOR=true`.
   * Chart value `enableKubeCacheMutationDetector`.
   * @default false
   */
  readonly enableKubeCacheMutationDetector?: boolean;
}

const SELECTOR = { 'control-plane': 'daemon' };

/**
 * kruise-daemon: the `kruise-daemon` DaemonSet, as chart 1.7.5 renders it (image
 * pre-download, container restarts, probes on every node). `Kruise` creates it
 * only while the `KruiseDaemon` feature gate is on.
 *
 * @see https://openkruise.io/docs/installation
 */
export class KruiseDaemon extends Construct {
  /** The emitted DaemonSet. */
  public readonly daemonSet: ApiObject;
  /** The image it runs. */
  public readonly image: KruiseImage;
  /** The namespace. */
  public readonly namespace: string;
  /** The metrics/health port. */
  public readonly port: number;

  public constructor(scope: Construct, id: string, props: KruiseDaemonProps = {}) {
    super(scope, id);
    const where = this.node.path;
    this.namespace = checkNamespace(where, 'namespace', props.namespace);
    this.image = props.image ?? new KruiseImage(this, 'Image');
    const gates = props.featureGates ?? defaultResolvedGates(where);
    this.port = checkPort(where, 'port', props.port ?? 10221);
    const flags = this.checkFlags(props);
    const nodeSelector = checkStringMap(where, 'nodeSelector', props.nodeSelector);
    const affinity = toPlain(props.affinity ?? DEFAULT_AFFINITY, `${where}: affinity`);
    const cp = props.credentialProvider;
    if (cp) checkCredentialProvider(where, cp);
    if (props.priorityClassName !== undefined && !isDns1123Subdomain(props.priorityClassName)) {
      throw invalid(this, 'priorityClassName', props.priorityClassName, 'not a PriorityClass name', `${SUBDOMAIN_RULE}, e.g. 'system-node-critical'`);
    }
    const args = this.containerArgs(flags, props._gates ?? typedGates(gates), cp);
    const env = this.containerEnv(props);
    const { volumeMounts, volumes } = hostVolumes(flags.socketLocation, cp);
    this.daemonSet = this.emitDaemonSet(props, { args, env, volumeMounts, volumes, affinity, nodeSelector });
  }

  /** The flag values of kruise-daemon, checked: log level, pprof address, runtime socket. */
  private checkFlags(props: KruiseDaemonProps): DaemonFlags {
    const where = this.node.path;
    const logLevel = checkLogLevel(where, 'logLevel', props.logLevel ?? 4);
    const enablePprof = props.enablePprof ?? true;
    const pprofAddr = props.pprofAddr ?? 'localhost:10222';
    if (enablePprof && addressPort(pprofAddr) === undefined) {
      throw invalid(where, 'pprofAddr', pprofAddr, 'is not an address', "use host:port, e.g. 'localhost:10222'");
    }
    const socketLocation = props.socketLocation ?? '/var/run';
    if (typeof socketLocation !== 'string' || !socketLocation.startsWith('/') || socketLocation.split('/').includes('..')) {
      throw invalid(where, 'socketLocation', socketLocation, 'is not an absolute host path', "use the directory of the runtime socket, e.g. '/run/containerd'");
    }
    const socketFile = props.socketFile ?? '';
    if (typeof socketFile !== 'string' || /[\s/]/.test(socketFile)) {
      throw invalid(where, 'socketFile', socketFile, 'is not a file name', "give the socket's name within socketLocation, e.g. 'containerd.sock'");
    }
    return { logLevel, enablePprof, pprofAddr, socketLocation, socketFile };
  }

  private containerArgs(flags: DaemonFlags, gates: InstallGates, cp: KruiseDaemonCredentialProvider | undefined): string[] {
    return [
      '--logtostderr=true',
      `--v=${flags.logLevel}`,
      `--addr=:${this.port}`,
      `--feature-gates=${gates.flag}`,
      `--socket-file=${flags.socketFile}`,
      ...(flags.enablePprof ? ['--enable-pprof=true', `--pprof-addr=${flags.pprofAddr}`] : ['--enable-pprof=false']),
      ...(cp ? ['--plugin-config-file=/credential-provider-config/CredentialProviderPlugin.yaml', '--plugin-bin-dir=/credential-provider-plugin'] : []),
    ];
  }

  private containerEnv(props: KruiseDaemonProps): unknown[] {
    const env: unknown[] = [];
    if (props.enableKubeCacheMutationDetector) env.push({ name: 'KUBE_CACHE_MUTATION_DETECTOR', value: 'true' });
    env.push({ name: 'NODE_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } });
    env.push(...arrayOr(toPlain(props.extraEnv, `${this.node.path}: extraEnv`)));
    return env;
  }

  private emitDaemonSet(props: KruiseDaemonProps, pod: DaemonPodParts): ApiObject {
    const { args, env, volumeMounts, volumes, affinity, nodeSelector } = pod;
    const where = this.node.path;
    return new PlainBodyApiObject(this, 'DaemonSet', {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'kruise-daemon', namespace: this.namespace, labels: { ...SELECTOR } },
    }, {
      spec: {
        selector: { matchLabels: { ...SELECTOR } },
        minReadySeconds: 3,
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%' } },
        template: {
          metadata: { labels: { ...SELECTOR } },
          spec: {
            imagePullSecrets: this.image._imagePullSecrets(),
            affinity: affinity && Object.keys(affinity).length > 0 ? affinity : undefined,
            nodeSelector: Object.keys(nodeSelector).length > 0 ? nodeSelector : undefined,
            containers: [{
              command: ['/kruise-daemon'],
              args,
              image: this.image.reference,
              imagePullPolicy: this.image.pullPolicy,
              securityContext: {
                capabilities: { drop: ['all'], add: ['NET_BIND_SERVICE'] },
                allowPrivilegeEscalation: false,
              },
              name: 'daemon',
              env,
              livenessProbe: {
                failureThreshold: 3,
                httpGet: { path: '/healthz', port: this.port, scheme: 'HTTP' },
                initialDelaySeconds: 60,
                periodSeconds: 10,
                successThreshold: 1,
                timeoutSeconds: 1,
              },
              resources: toPlain(props.resources ?? DEFAULT_RESOURCES, `${where}: resources`) ?? {},
              volumeMounts,
            }],
            tolerations: [{ operator: 'Exists' }],
            hostNetwork: true,
            dnsPolicy: 'ClusterFirstWithHostNet',
            terminationGracePeriodSeconds: 10,
            serviceAccountName: 'kruise-daemon',
            volumes,
            priorityClassName: props.priorityClassName,
          },
        },
      },
    });
  }
}

/** The checked flag values of kruise-daemon. */
interface DaemonFlags {
  readonly logLevel: number;
  readonly enablePprof: boolean;
  readonly pprofAddr: string;
  readonly socketLocation: string;
  readonly socketFile: string;
}

/** The parts of the kruise-daemon pod that the constructor's steps produce. */
interface DaemonPodParts {
  readonly args: string[];
  readonly env: unknown[];
  readonly volumeMounts: JsonObject[];
  readonly volumes: JsonObject[];
  readonly affinity: unknown;
  readonly nodeSelector: { [key: string]: string };
}

/** The host-path volumes (and their mounts): the runtime socket, and the credential provider's plugin, config and AWS credentials. */
function hostVolumes(socketLocation: string, cp: KruiseDaemonCredentialProvider | undefined): { volumeMounts: JsonObject[]; volumes: JsonObject[] } {
  const volumeMounts: JsonObject[] = [{ mountPath: '/hostvarrun', name: 'runtime-socket', readOnly: true }];
  const volumes: JsonObject[] = [{ hostPath: { path: socketLocation, type: '' }, name: 'runtime-socket' }];
  if (cp) {
    volumeMounts.push(
      { name: 'credential-provider-plugin-config', mountPath: '/credential-provider-config', readOnly: true },
      { name: 'credential-provider-plugin', mountPath: '/credential-provider-plugin', readOnly: true },
    );
    volumes.push(
      { name: 'credential-provider-plugin-config', configMap: { name: cp.configMapName ?? 'credential-provider-config' } },
      { hostPath: { path: cp.pluginHostPath, type: '' }, name: 'credential-provider-plugin' },
    );
    if (cp.awsCredentialsDir) {
      volumeMounts.push({ name: 'aws-credentials-dir', mountPath: '/root/.aws', readOnly: true });
      volumes.push({ hostPath: { path: cp.awsCredentialsDir, type: '' }, name: 'aws-credentials-dir' });
    }
  }
  return { volumeMounts, volumes };
}

function checkCredentialProvider(where: string, cp: KruiseDaemonCredentialProvider): void {
  const path = cp.pluginHostPath;
  if (typeof path !== 'string' || path === '' || path.split('/').includes('..')) {
    throw invalid(where, 'credentialProvider.pluginHostPath', path, 'is not a host path', "give the host directory with the plugin executables, e.g. '/etc/eks/image-credential-provider'");
  }
  if (cp.configMapName !== undefined && !isDns1123Subdomain(cp.configMapName)) {
    throw invalid(where, 'credentialProvider.configMapName', cp.configMapName, 'is not a ConfigMap name', `${SUBDOMAIN_RULE}, e.g. 'credential-provider-config'`);
  }
  const aws = cp.awsCredentialsDir;
  if (aws !== undefined && aws !== '' && (typeof aws !== 'string' || aws.split('/').includes('..'))) {
    throw invalid(where, 'credentialProvider.awsCredentialsDir', aws, 'is not a host path', "give the host directory with AWS credentials, e.g. '/root/.aws'");
  }
}

const DEFAULT_AFFINITY: k8s.Affinity = {
  nodeAffinity: {
    requiredDuringSchedulingIgnoredDuringExecution: {
      nodeSelectorTerms: [{ matchExpressions: [{ key: 'type', operator: 'NotIn', values: ['virtual-kubelet'] }] }],
    },
  },
};

const DEFAULT_RESOURCES: k8s.ResourceRequirements = {
  limits: { cpu: quantity('50m'), memory: quantity('128Mi') },
  requests: { cpu: quantity('0'), memory: quantity('0') },
};
