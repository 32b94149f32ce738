import { ApiObject, Duration } from 'cdk8s';
import type { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { DEFAULT_KUBERNETES_VERSION, checkKubernetesVersion } from './existing';
import { FeatureGate, ResolvedFeatureGates } from './feature-gates';
import { KruiseImage } from './image';
import { chartCompatOf, checkLogLevel, checkPort, checkStringMap, featureGatesFlag, goFlagDuration, quantity, toPlain } from './internal';
import { isDns1123Label, LABEL_RULE } from './name-rules';

/** The log format of kruise-manager (`--logging-format`, Kruise 1.7 structured logging). */
export enum LoggingFormat {
  /** klog text lines. */
  TEXT = 'text',
  /** JSON lines. */
  JSON = 'json',
}

/** What `Kruise` lets you set on kruise-manager (chart values `manager.*`). */
export interface KruiseManagerOptions {
  /**
   * Number of kruise-manager pods (one leads, the others stand by).
   * Chart value `manager.replicas`.
   * @default 2
   */
  readonly replicas?: number;

  /**
   * Port the webhook server listens on (container port, Service targetPort, env WEBHOOK_PORT).
   * Chart value `manager.webhook.port`.
   * @default 9876
   */
  readonly webhookPort?: number;

  /**
   * Port of the Prometheus metrics endpoint (`--metrics-addr`).
   * Chart value `manager.metrics.port`.
   * @default 8080
   */
  readonly metricsPort?: number;

  /**
   * Port of the health endpoints (`--health-probe-addr`, readiness probe).
   * Chart value `manager.healthProbe.port`.
   * @default 8000
   */
  readonly healthProbePort?: number;

  /**
   * klog verbosity (`--v`), 0-10.
   * Chart value `manager.log.level`.
   * @default 4
   */
  readonly logLevel?: number;

  /**
   * Log format (`--logging-format`); the flag is only rendered when set, like the chart.
   * Chart value `manager.loggingFormat`.
   * @default - flag not rendered (kruise-manager logs text)
   */
  readonly loggingFormat?: LoggingFormat;

  /**
   * How often the informers resync (`--sync-period`); zero disables resyncs.
   * Chart value `manager.resyncPeriod`.
   * @default Duration.seconds(0) (rendered `--sync-period=0`)
   */
  readonly resyncPeriod?: Duration;

  /**
   * Resources of the manager container. Replaces the default as a whole.
   * Chart value `manager.resources`.
   * @default - limits cpu 200m / memory 512Mi, requests cpu 100m / memory 256Mi
   */
  readonly resources?: k8s.ResourceRequirements;

  /**
   * Run the pods in the host network (when the API server cannot reach pod IPs,
   * e.g. EKS with a custom CNI).
   * Chart value `manager.hostNetwork`.
   * @default false
   */
  readonly hostNetwork?: boolean;

  /**
   * Node affinity, added next to the built-in pod anti-affinity.
   * Chart value `manager.nodeAffinity`.
   * @default - none
   */
  readonly nodeAffinity?: k8s.NodeAffinity;

  /**
   * Node selector.
   * Chart value `manager.nodeSelector`.
   * @default - none
   */
  readonly nodeSelector?: { [key: string]: string };

  /**
   * Tolerations.
   * Chart value `manager.tolerations`.
   * @default - none
   */
  readonly tolerations?: k8s.Toleration[];
}

/** Props of {@link KruiseManager}. */
export interface KruiseManagerProps extends KruiseManagerOptions {
  /**
   * The image to run.
   * @default - a new KruiseImage with its defaults
   */
  readonly image?: KruiseImage;

  /**
   * The Kruise namespace (also the leader-election namespace).
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
   * The cluster's Kubernetes version, `X.Y`. Above 1.26 the zone topology spread
   * constraint gets `matchLabelKeys: [pod-template-hash]`, as in the chart.
   * @default '1.31' (helm 3.16's default for `helm template`)
   */
  readonly kubernetesVersion?: string;

  /**
   * Set env `KUBE_CACHE_MUTATION_DETECTOR=true` (a client-go debugging aid).
   * Chart value `enableKubeCacheMutationDetector`.
   * @default false
   */
  readonly enableKubeCacheMutationDetector?: boolean;
}

/** The name of the Deployment, fixed by the chart. */
const DEPLOYMENT_NAME = 'kruise-controller-manager';
const SELECTOR = { 'control-plane': 'controller-manager' };

/**
 * kruise-manager: the `kruise-controller-manager` Deployment, as chart 1.7.5
 * renders it (controllers plus the admission and conversion webhook server).
 *
 * @see https://openkruise.io/docs/installation
 */
export class KruiseManager extends Construct {
  /** The emitted Deployment. */
  public readonly deployment: ApiObject;
  /** The image it runs. */
  public readonly image: KruiseImage;
  /** The namespace. */
  public readonly namespace: string;
  /** The webhook server's port. */
  public readonly webhookPort: number;
  /** The metrics port. */
  public readonly metricsPort: number;
  /** The health probe port. */
  public readonly healthProbePort: number;
  /** The feature gates it runs with. */
  public readonly featureGates: ResolvedFeatureGates;

  public constructor(scope: Construct, id: string, props: KruiseManagerProps = {}) {
    super(scope, id);
    const where = this.node.path;

    this.namespace = props.namespace ?? 'kruise-system';
    if (!isDns1123Label(this.namespace)) {
      throw new Error(`${where}: namespace '${this.namespace}' is not a valid namespace name; ${LABEL_RULE}, e.g. 'kruise-system'`);
    }
    this.image = props.image ?? new KruiseImage(this, 'Image');
    this.featureGates = props.featureGates ?? ResolvedFeatureGates.resolve([FeatureGate.IMAGE_PULL_JOB.enable()], `${where}: featureGates`);
    const replicas = props.replicas ?? 2;
    if (!Number.isInteger(replicas) || replicas < 0) {
      throw new Error(`${where}: replicas ${JSON.stringify(replicas)} is not a replica count; use an integer >= 0, e.g. 2`);
    }
    this.webhookPort = checkPort(where, 'webhookPort', props.webhookPort ?? 9876);
    this.metricsPort = checkPort(where, 'metricsPort', props.metricsPort ?? 8080);
    this.healthProbePort = checkPort(where, 'healthProbePort', props.healthProbePort ?? 8000);
    const ports = [this.webhookPort, this.metricsPort, this.healthProbePort];
    if (new Set(ports).size !== 3) {
      throw new Error(`${where}: webhookPort, metricsPort and healthProbePort are ${ports.join(', ')}; give each its own port`);
    }
    const logLevel = checkLogLevel(where, 'logLevel', props.logLevel ?? 4);
    if (props.loggingFormat !== undefined && !Object.values(LoggingFormat).includes(props.loggingFormat)) {
      throw new Error(`${where}: loggingFormat '${props.loggingFormat}' is not a logging format; use LoggingFormat.TEXT or LoggingFormat.JSON`);
    }
    const resync = props.resyncPeriod ?? Duration.seconds(0);
    const syncPeriod = chartCompatOf(props)?.syncPeriod ?? goFlagDuration(resync);
    const kubernetesVersion = checkKubernetesVersion(where, props.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION);
    const [major, minor] = kubernetesVersion.split('.').map(Number);
    const nodeSelector = checkStringMap(where, 'nodeSelector', props.nodeSelector);

    const args = [
      '--enable-leader-election',
      `--metrics-addr=:${this.metricsPort}`,
      `--health-probe-addr=:${this.healthProbePort}`,
      '--logtostderr=true',
      `--leader-election-namespace=${this.namespace}`,
      `--v=${logLevel}`,
      `--feature-gates=${featureGatesFlag(this.featureGates)}`,
      `--sync-period=${syncPeriod}`,
      ...(props.loggingFormat ? [`--logging-format=${props.loggingFormat}`] : []),
    ];

    const env: any[] = [];
    if (props.enableKubeCacheMutationDetector) env.push({ name: 'KUBE_CACHE_MUTATION_DETECTOR', value: 'true' });
    env.push(
      { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
      { name: 'WEBHOOK_PORT', value: String(this.webhookPort) },
    );

    const affinity: any = {
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [{
          podAffinityTerm: {
            labelSelector: { matchExpressions: [{ key: 'control-plane', operator: 'In', values: ['controller-manager'] }] },
            topologyKey: 'kubernetes.io/hostname',
          },
          weight: 100,
        }],
      },
    };
    const nodeAffinity = toPlain(props.nodeAffinity, `${where}: nodeAffinity`);
    if (nodeAffinity && Object.keys(nodeAffinity).length > 0) affinity.nodeAffinity = nodeAffinity;

    const tolerations = toPlain(props.tolerations, `${where}: tolerations`);

    const podSpec: any = {
      imagePullSecrets: this.image._imagePullSecrets(),
      containers: [{
        args,
        command: ['/manager'],
        image: this.image.reference,
        imagePullPolicy: this.image.pullPolicy,
        securityContext: {
          capabilities: { drop: ['all'], add: ['NET_BIND_SERVICE'] },
          allowPrivilegeEscalation: false,
          runAsNonRoot: true,
          runAsUser: 65534,
        },
        name: 'manager',
        env,
        ports: [
          { containerPort: this.webhookPort, name: 'webhook-server', protocol: 'TCP' },
          { containerPort: this.metricsPort, name: 'metrics', protocol: 'TCP' },
          { containerPort: this.healthProbePort, name: 'health', protocol: 'TCP' },
        ],
        readinessProbe: { httpGet: { path: 'readyz', port: this.healthProbePort } },
        resources: toPlain(props.resources ?? DEFAULT_RESOURCES, `${where}: resources`) ?? {},
      }],
      hostNetwork: props.hostNetwork ?? false,
      terminationGracePeriodSeconds: 10,
      serviceAccountName: 'kruise-manager',
      affinity,
      topologySpreadConstraints: [{
        labelSelector: { matchLabels: { ...SELECTOR } },
        ...(major === 1 && minor > 26 ? { matchLabelKeys: ['pod-template-hash'] } : {}),
        maxSkew: 1,
        topologyKey: 'topology.kubernetes.io/zone',
        whenUnsatisfiable: 'ScheduleAnyway',
      }],
      nodeSelector: Object.keys(nodeSelector).length > 0 ? nodeSelector : undefined,
      tolerations: tolerations && tolerations.length > 0 ? tolerations : undefined,
    };

    this.deployment = new ApiObject(this, 'Deployment', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: DEPLOYMENT_NAME, namespace: this.namespace, labels: { ...SELECTOR } },
      spec: {
        replicas,
        selector: { matchLabels: { ...SELECTOR } },
        minReadySeconds: 3,
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '100%' } },
        template: {
          metadata: { labels: { ...SELECTOR } },
          spec: podSpec,
        },
      },
    });
  }
}

const DEFAULT_RESOURCES: k8s.ResourceRequirements = {
  limits: { cpu: quantity('200m'), memory: quantity('512Mi') },
  requests: { cpu: quantity('100m'), memory: quantity('256Mi') },
};
