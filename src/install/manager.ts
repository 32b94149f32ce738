import { ApiObject, Duration } from 'cdk8s';
import type { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { checkLogLevel, checkNamespace, checkPort, checkStringMap } from './checks';
import { checkKubernetesVersion } from './existing';
import { KruiseImage } from './image';
import { defaultResolvedGates, InstallGates, typedGates } from './install-gates';
import { quantity, toPlain } from './plain';
import { goFlagDuration } from '../base/go-duration';
import { isJsonObject, JsonObject } from '../base/json';
import { isDns1123Label, isDns1123Subdomain, LABEL_RULE, SUBDOMAIN_RULE, isLabelValue, isQualifiedName } from '../base/names';
import { IntOrPercent } from '../common/int-or-percent';
import { PlainBodyApiObject } from '../common/plain-body-object';
import { invalid } from '../validation/errors';
import { ResolvedFeatureGates } from '../versions/feature-gates';
import { DEFAULT_KUBERNETES_VERSION } from '../versions/kubernetes';

/**
 * The PodDisruptionBudget of kruise-manager (`policy/v1`). Give one of
 * `minAvailable` and `maxUnavailable`.
 * @see https://kubernetes.io/docs/tasks/run-application/configure-pdb/
 */
export interface KruiseManagerDisruptionBudget {
  /**
   * Pods that must stay available during voluntary evictions (node drains).
   * @default - not set (maxUnavailable applies)
   */
  readonly minAvailable?: IntOrPercent;
  /**
   * Pods that may be evicted at once.
   * @default IntOrPercent.count(1) when minAvailable is not set
   */
  readonly maxUnavailable?: IntOrPercent;
}

/**
 * A prometheus-operator ServiceMonitor for kruise-manager's metrics endpoint
 * (`--metrics-addr`), scraped through the `kruise-manager-metrics` Service.
 * Every replica serves metrics; the controllers' metrics come from the leader.
 * @see https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.ServiceMonitor
 */
export interface KruiseManagerServiceMonitorOptions {
  /**
   * Labels of the ServiceMonitor, i.e. what your Prometheus's
   * `serviceMonitorSelector` matches (e.g. `{ release: 'kube-prometheus-stack' }`).
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Scrape interval.
   * @default - the Prometheus's global scrape interval
   */
  readonly interval?: Duration;
  /**
   * Namespace of the ServiceMonitor (some Prometheus setups only watch their own).
   * @default - the Kruise namespace
   */
  readonly namespace?: string;
}

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

  /**
   * PriorityClass of the pods (e.g. `system-cluster-critical`: kruise-manager
   * serves admission webhooks with `failurePolicy: Fail`, so evicting it under
   * node pressure blocks pod creation cluster-wide).
   * Not a chart value (charts#201).
   * @default - none (the cluster's default priority)
   */
  readonly priorityClassName?: string;

  /**
   * Emit a PodDisruptionBudget `kruise-controller-manager` for the manager pods.
   * Not a chart value.
   * @default - no PodDisruptionBudget (the chart's)
   */
  readonly podDisruptionBudget?: KruiseManagerDisruptionBudget;

  /**
   * Emit the `kruise-manager-metrics` Service (port `metrics` to the metrics port).
   * Implied by `serviceMonitor`.
   * Not a chart value.
   * @default false
   */
  readonly metricsService?: boolean;

  /**
   * Emit a prometheus-operator ServiceMonitor (and the metrics Service it scrapes).
   * Needs the ServiceMonitor CRD (monitoring.coreos.com/v1) in the cluster.
   * Not a chart value (charts#11).
   * @default - no ServiceMonitor
   */
  readonly serviceMonitor?: KruiseManagerServiceMonitorOptions;
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

  /**
   * How the objects read the gates (set by Kruise: the chart's text tests for an install from values).
   * @internal
   */
  readonly _gates?: InstallGates;

  /**
   * The `--sync-period` value verbatim (set by Kruise for an install from values).
   * @internal
   */
  readonly _syncPeriodFlag?: string;
}

/** The name of the Deployment, fixed by the chart. */
const DEPLOYMENT_NAME = 'kruise-controller-manager';
/** The name of the metrics Service (not in the chart). */
const METRICS_SERVICE_NAME = 'kruise-manager-metrics';
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
  /**
   * The PodDisruptionBudget.
   * @default - undefined unless podDisruptionBudget is set
   */
  public readonly podDisruptionBudget?: ApiObject;
  /**
   * The `kruise-manager-metrics` Service.
   * @default - undefined unless metricsService or serviceMonitor is set
   */
  public readonly metricsService?: ApiObject;
  /**
   * The prometheus-operator ServiceMonitor.
   * @default - undefined unless serviceMonitor is set
   */
  public readonly serviceMonitor?: ApiObject;

  public constructor(scope: Construct, id: string, props: KruiseManagerProps = {}) {
    super(scope, id);
    const where = this.node.path;
    this.namespace = checkNamespace(where, 'namespace', props.namespace);
    this.image = props.image ?? new KruiseImage(this, 'Image');
    this.featureGates = props.featureGates ?? defaultResolvedGates(where);
    const replicas = this.checkReplicas(props.replicas ?? 2);
    this.webhookPort = checkPort(where, 'webhookPort', props.webhookPort ?? 9876);
    this.metricsPort = checkPort(where, 'metricsPort', props.metricsPort ?? 8080);
    this.healthProbePort = checkPort(where, 'healthProbePort', props.healthProbePort ?? 8000);
    this.checkDistinctPorts();
    const args = this.containerArgs(props);
    const podSpec = this.podSpec(props, args);
    this.deployment = this.emitDeployment(replicas, podSpec);
    this.podDisruptionBudget = this.emitDisruptionBudget(props.podDisruptionBudget, replicas);
    this.metricsService = this.emitMetricsService(props);
    this.serviceMonitor = this.emitServiceMonitor(props.serviceMonitor);
  }

  private checkReplicas(replicas: number): number {
    if (!Number.isInteger(replicas) || replicas < 0) {
      throw invalid(this, 'replicas', replicas, 'is not a replica count', 'use an integer >= 0, e.g. 2');
    }
    return replicas;
  }

  private checkDistinctPorts(): void {
    const ports = [this.webhookPort, this.metricsPort, this.healthProbePort];
    if (new Set(ports).size !== 3) {
      throw invalid(this, 'webhookPort, metricsPort and healthProbePort', ports, 'share a port', 'give each its own port');
    }
  }

  /** The manager's command-line flags (log level, logging format and sync period checked here). */
  private containerArgs(props: KruiseManagerProps): string[] {
    const where = this.node.path;
    const logLevel = checkLogLevel(where, 'logLevel', props.logLevel ?? 4);
    if (props.loggingFormat !== undefined && !Object.values(LoggingFormat).includes(props.loggingFormat)) {
      throw invalid(where, 'loggingFormat', props.loggingFormat, 'is not a logging format', 'use LoggingFormat.TEXT or LoggingFormat.JSON');
    }
    const resync = props.resyncPeriod ?? Duration.seconds(0);
    const syncPeriod = props._syncPeriodFlag ?? goFlagDuration(resync);
    return [
      '--enable-leader-election',
      `--metrics-addr=:${this.metricsPort}`,
      `--health-probe-addr=:${this.healthProbePort}`,
      '--logtostderr=true',
      `--leader-election-namespace=${this.namespace}`,
      `--v=${logLevel}`,
      `--feature-gates=${(props._gates ?? typedGates(this.featureGates)).flag}`,
      `--sync-period=${syncPeriod}`,
      ...(props.loggingFormat ? [`--logging-format=${props.loggingFormat}`] : []),
    ];
  }

  /** The pod spec as the chart renders it (Kubernetes version, node selector and priority class checked here). */
  private podSpec(props: KruiseManagerProps, args: string[]): JsonObject {
    const where = this.node.path;
    const kubernetesVersion = checkKubernetesVersion(where, props.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION);
    const [major, minor] = kubernetesVersion.split('.').map(Number);
    const nodeSelector = checkStringMap(where, 'nodeSelector', props.nodeSelector);
    if (props.priorityClassName !== undefined && !isDns1123Subdomain(props.priorityClassName)) {
      throw invalid(this, 'priorityClassName', props.priorityClassName, 'not a PriorityClass name', `${SUBDOMAIN_RULE}, e.g. 'system-cluster-critical'`);
    }

    const env: JsonObject[] = [];
    if (props.enableKubeCacheMutationDetector) env.push({ name: 'KUBE_CACHE_MUTATION_DETECTOR', value: 'true' });
    env.push(
      { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
      { name: 'WEBHOOK_PORT', value: String(this.webhookPort) },
    );

    const affinity: JsonObject = {
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
    if (isJsonObject(nodeAffinity) && Object.keys(nodeAffinity).length > 0) affinity.nodeAffinity = nodeAffinity;

    const tolerations = toPlain(props.tolerations, `${where}: tolerations`);

    return {
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
      tolerations: Array.isArray(tolerations) && tolerations.length > 0 ? tolerations : undefined,
      priorityClassName: props.priorityClassName,
    };
  }

  private emitDeployment(replicas: number, podSpec: JsonObject): ApiObject {
    return new PlainBodyApiObject(this, 'Deployment', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: DEPLOYMENT_NAME, namespace: this.namespace, labels: { ...SELECTOR } },
    }, {
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

  private emitDisruptionBudget(pdb: KruiseManagerDisruptionBudget | undefined, replicas: number): ApiObject | undefined {
    if (!pdb) return undefined;
    return new ApiObject(this, 'PodDisruptionBudget', {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: DEPLOYMENT_NAME, namespace: this.namespace, labels: { ...SELECTOR } },
      spec: { ...disruptionBudget(this, pdb, replicas), selector: { matchLabels: { ...SELECTOR } } },
    });
  }

  private emitMetricsService(props: KruiseManagerProps): ApiObject | undefined {
    if (!props.metricsService && !props.serviceMonitor) return undefined;
    return new ApiObject(this, 'MetricsService', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: METRICS_SERVICE_NAME, namespace: this.namespace, labels: { ...METRICS_LABELS } },
      spec: {
        ports: [{ name: 'metrics', port: this.metricsPort, protocol: 'TCP', targetPort: 'metrics' }],
        selector: { ...SELECTOR },
      },
    });
  }

  private emitServiceMonitor(sm: KruiseManagerServiceMonitorOptions | undefined): ApiObject | undefined {
    if (!sm) return undefined;
    const where = this.node.path;
    const labels = checkStringMap(where, 'serviceMonitor.labels', sm.labels);
    for (const [k, v] of Object.entries(labels)) {
      if (!isQualifiedName(k) || !isLabelValue(v)) {
        throw invalid(this, `serviceMonitor.labels['${k}']`, v, 'not a valid label', "use a qualified key such as 'release' and a value of at most 63 letters, digits, '-', '_' and '.'");
      }
    }
    const smNamespace = sm.namespace ?? this.namespace;
    if (!isDns1123Label(smNamespace)) {
      throw invalid(this, 'serviceMonitor.namespace', smNamespace, 'not a namespace name', `${LABEL_RULE}, e.g. 'monitoring'`);
    }
    let interval: string | undefined;
    if (sm.interval !== undefined) {
      const ms = sm.interval.toMilliseconds({ integral: false });
      if (!Number.isInteger(ms / 1000) || ms < 1000) {
        throw invalid(this, 'serviceMonitor.interval', sm.interval.toHumanString(), 'not a whole number of seconds', 'use e.g. Duration.seconds(30)');
      }
      interval = goFlagDuration(sm.interval);
    }
    return new ApiObject(this, 'ServiceMonitor', {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'ServiceMonitor',
      metadata: { name: 'kruise-manager', namespace: smNamespace, labels: Object.keys(labels).length > 0 ? labels : undefined },
      spec: {
        endpoints: [{ port: 'metrics', path: '/metrics', scheme: 'http', interval }],
        namespaceSelector: { matchNames: [this.namespace] },
        selector: { matchLabels: { ...METRICS_LABELS } },
      },
    });
  }
}

const METRICS_LABELS = { 'control-plane': 'controller-manager', 'app.kubernetes.io/component': 'metrics' };

type DisruptionBudgetSpec = { minAvailable?: string | number; maxUnavailable?: string | number };

/** The spec fields of the manager's PodDisruptionBudget, checked against the replica count. */
function disruptionBudget(scope: Construct, pdb: KruiseManagerDisruptionBudget, replicas: number): DisruptionBudgetSpec {
  if (pdb.minAvailable !== undefined && pdb.maxUnavailable !== undefined) {
    throw invalid(scope, 'podDisruptionBudget', { minAvailable: pdb.minAvailable.toJson(), maxUnavailable: pdb.maxUnavailable.toJson() }, 'minAvailable and maxUnavailable are both set; a PodDisruptionBudget takes one', 'keep one of them');
  }
  if (pdb.minAvailable !== undefined) {
    const m = pdb.minAvailable;
    if ((m.isPercent && m.value === 100) || (!m.isPercent && m.value >= replicas && replicas > 0)) {
      throw invalid(scope, 'podDisruptionBudget.minAvailable', m.toJson(), `with ${replicas} replica(s) no manager pod could ever be evicted, so node drains would hang`, `use at most ${Math.max(replicas - 1, 0)} (or maxUnavailable: IntOrPercent.count(1))`);
    }
    return { minAvailable: m.toJson() };
  }
  const max = pdb.maxUnavailable ?? IntOrPercent.count(1);
  if (max.isZero) {
    throw invalid(scope, 'podDisruptionBudget.maxUnavailable', max.toJson(), 'no manager pod could ever be evicted, so node drains would hang', 'use at least 1, e.g. IntOrPercent.count(1)');
  }
  return { maxUnavailable: max.toJson() };
}

const DEFAULT_RESOURCES: k8s.ResourceRequirements = {
  limits: { cpu: quantity('200m'), memory: quantity('512Mi') },
  requests: { cpu: quantity('100m'), memory: quantity('256Mi') },
};
