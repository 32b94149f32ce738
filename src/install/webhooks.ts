import { ApiObject, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { FeatureGate, ResolvedFeatureGates } from './feature-gates';
import { chartGates, checkPort, checkStringMap } from './internal';
import { isDns1123Label, LABEL_RULE } from './name-rules';

/** Props of {@link KruiseWebhooks}. */
export interface KruiseWebhooksProps {
  /**
   * The Kruise namespace (of the Service and Secret, and in the webhooks' service references).
   * Chart value `installation.namespace`.
   * @default 'kruise-system'
   */
  readonly namespace?: string;

  /**
   * The port kruise-manager's webhook server listens on (the Service's targetPort).
   * Chart value `manager.webhook.port`.
   * @default 9876
   */
  readonly webhookPort?: number;

  /**
   * How long the API server waits for a webhook call (`timeoutSeconds`), 1-30 seconds.
   * Chart value `webhookConfiguration.timeoutSeconds`.
   * @default Duration.seconds(30)
   */
  readonly timeout?: Duration;

  /**
   * The feature gates: with `PodWebhook` off the pod webhooks (`mpod`, `vpod`,
   * `vpodeviction`) are left out; with `EnableExternalCerts` on the
   * `kruise-webhook-certs` Secret is left out (cert-manager or another tool writes it).
   * @default - ImagePullJobGate=true, the chart's
   */
  readonly featureGates?: ResolvedFeatureGates;

  /**
   * Annotations added to both webhook configurations, e.g. cert-manager's
   * `cert-manager.io/inject-ca-from: <namespace>/<certificate>`. More can be added
   * with `addAnnotation()`.
   * Chart value `externalCerts.annotations`.
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
}

/** The webhook Service's name, fixed by kruise-manager. */
export const WEBHOOK_SERVICE_NAME = 'kruise-webhook-service';
/** The Secret kruise-manager keeps its webhook certificate in, fixed by kruise-manager. */
export const WEBHOOK_SECRET_NAME = 'kruise-webhook-certs';

type Op = 'CREATE' | 'UPDATE' | 'DELETE';
interface Hook {
  readonly name: string;
  readonly path: string;
  readonly group: string;
  readonly versions: string[];
  readonly operations: Op[];
  readonly resource: string;
  readonly failurePolicy?: 'Fail' | 'Ignore';
  readonly selectors?: 'pod' | 'protection';
  readonly podWebhook?: boolean;
}

const CU: Op[] = ['CREATE', 'UPDATE'];
const CUD: Op[] = ['CREATE', 'UPDATE', 'DELETE'];
const V1A1 = ['v1alpha1'];
const kruise = (kind: string, operations: Op[] = CU, path = `/mutate-apps-kruise-io-v1alpha1-${kind}`): Hook =>
  ({ name: `m${kind}.kb.io`, path, group: 'apps.kruise.io', versions: V1A1, operations, resource: `${kind}s` });
const vkruise = (kind: string, operations: Op[] = CU, path = `/validate-apps-kruise-io-v1alpha1-${kind}`, group = 'apps.kruise.io'): Hook =>
  ({ name: `v${kind}.kb.io`, path, group, versions: V1A1, operations, resource: `${kind}s` });
const protection = (name: string, path: string, group: string, versions: string[], resource: string): Hook =>
  ({ name: `${name}.kb.io`, path, group, versions, operations: ['DELETE'], resource, failurePolicy: 'Ignore', selectors: 'protection' });

/** The mutating webhooks of chart 1.7.5, in its order. */
const MUTATING: Hook[] = [
  { name: 'mpod.kb.io', path: '/mutate-pod', group: '', versions: ['v1'], operations: ['CREATE'], resource: 'pods', selectors: 'pod', podWebhook: true },
  kruise('advancedcronjob'),
  kruise('broadcastjob'),
  kruise('cloneset'),
  kruise('containerrecreaterequest'),
  kruise('daemonset'),
  kruise('imagelistpulljob'),
  kruise('imagepulljob'),
  kruise('nodeimage'),
  kruise('sidecarset'),
  { ...kruise('statefulset', CU, '/mutate-apps-kruise-io-statefulset'), versions: ['v1alpha1', 'v1beta1'] },
  kruise('uniteddeployment'),
];

/** The validating webhooks of chart 1.7.5, in its order. */
const VALIDATING: Hook[] = [
  protection('vbuiltindeployment', '/validate-apps-deployment', 'apps', ['v1'], 'deployments'),
  protection('vbuiltinreplicaset', '/validate-apps-replicaset', 'apps', ['v1'], 'replicasets'),
  protection('vbuiltinstatefulset', '/validate-apps-statefulset', 'apps', ['v1'], 'statefulsets'),
  protection('vcustomresourcedefinition', '/validate-customresourcedefinition', 'apiextensions.k8s.io', ['v1', 'v1beta1'], 'customresourcedefinitions'),
  protection('vnamespace', '/validate-namespace', '', ['v1'], 'namespaces'),
  protection('vingress', '/validate-ingress', 'networking.k8s.io', ['v1', 'v1beta1'], 'ingresses'),
  protection('vservice', '/validate-service', '', ['v1'], 'services'),
  { name: 'vpod.kb.io', path: '/validate-pod', group: '', versions: ['v1'], operations: ['UPDATE', 'DELETE'], resource: 'pods', selectors: 'pod', podWebhook: true },
  { name: 'vpodeviction.kb.io', path: '/validate-pod', group: '', versions: ['v1'], operations: ['CREATE'], resource: 'pods/eviction', selectors: 'pod', podWebhook: true },
  vkruise('resourcedistribution'),
  vkruise('workloadspread'),
  vkruise('advancedcronjob'),
  vkruise('broadcastjob'),
  vkruise('cloneset', CUD),
  vkruise('daemonset'),
  vkruise('imagelistpulljob'),
  vkruise('imagepulljob'),
  vkruise('nodeimage'),
  vkruise('persistentpodstate', CU, '/validate-apps-kruise-io-persistentpodstate'),
  vkruise('podprobemarker', CU, '/validate-apps-kruise-io-podprobemarker'),
  vkruise('podunavailablebudget', CU, '/validate-policy-kruise-io-podunavailablebudget', 'policy.kruise.io'),
  vkruise('sidecarset'),
  { ...vkruise('statefulset', CUD, '/validate-apps-kruise-io-statefulset'), versions: ['v1alpha1', 'v1beta1'] },
  vkruise('uniteddeployment', CUD),
];

const KUBE_SYSTEM_EXCLUDED = { key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system'] };

/**
 * The admission side of the install, as chart 1.7.5 renders it: the
 * `kruise-webhook-certs` Secret (empty; kruise-manager fills it), the
 * `kruise-webhook-service` Service, and the mutating and validating webhook
 * configurations with the chart's webhooks (no `caBundle`: kruise-manager or
 * cert-manager writes it; the `template: ""` annotation is the chart's).
 *
 * @see https://openkruise.io/docs/installation
 */
export class KruiseWebhooks extends Construct {
  /**
   * The `kruise-webhook-certs` Secret.
   * @default - undefined when EnableExternalCerts is on
   */
  public readonly secret?: ApiObject;
  /** The `kruise-webhook-service` Service. */
  public readonly service: ApiObject;
  /** The `kruise-mutating-webhook-configuration`. */
  public readonly mutatingWebhookConfiguration: ApiObject;
  /** The `kruise-validating-webhook-configuration`. */
  public readonly validatingWebhookConfiguration: ApiObject;
  /** The names of the emitted webhooks, mutating then validating. */
  public readonly webhookNames: string[];

  public constructor(scope: Construct, id: string, props: KruiseWebhooksProps = {}) {
    super(scope, id);
    const where = this.node.path;
    const ns = props.namespace ?? 'kruise-system';
    if (!isDns1123Label(ns)) {
      throw new Error(`${where}: namespace '${ns}' is not a valid namespace name; ${LABEL_RULE}, e.g. 'kruise-system'`);
    }
    const port = checkPort(where, 'webhookPort', props.webhookPort ?? 9876);
    const timeout = webhookTimeoutSeconds(where, 'timeout', props.timeout);
    const gates = props.featureGates ?? ResolvedFeatureGates.resolve([FeatureGate.IMAGE_PULL_JOB.enable()], `${where}: featureGates`);
    const { podWebhooks, externalCerts } = chartGates(gates);
    const annotations = checkStringMap(where, 'annotations', props.annotations);

    if (!externalCerts) {
      this.secret = new ApiObject(this, 'Secret', {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: WEBHOOK_SECRET_NAME, namespace: ns },
      });
    }
    this.service = new ApiObject(this, 'Service', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: WEBHOOK_SERVICE_NAME, namespace: ns },
      spec: {
        ports: [{ port: 443, targetPort: port }],
        selector: { 'control-plane': 'controller-manager' },
      },
    });

    const render = (h: Hook) => ({
      admissionReviewVersions: ['v1', 'v1beta1'],
      clientConfig: { service: { name: WEBHOOK_SERVICE_NAME, namespace: ns, path: h.path } },
      failurePolicy: h.failurePolicy ?? 'Fail',
      timeoutSeconds: timeout,
      name: h.name,
      ...(h.selectors === 'protection' ? {
        objectSelector: { matchExpressions: [{ key: 'policy.kruise.io/delete-protection', operator: 'Exists' }] },
        namespaceSelector: { matchExpressions: [{ ...KUBE_SYSTEM_EXCLUDED, values: ['kube-system'] }] },
      } : {}),
      ...(h.selectors === 'pod' ? {
        namespaceSelector: {
          matchExpressions: [
            { key: 'control-plane', operator: 'NotIn', values: ['openkruise'] },
            { ...KUBE_SYSTEM_EXCLUDED, values: ['kube-system'] },
          ],
        },
      } : {}),
      rules: [{ apiGroups: [h.group], apiVersions: [...h.versions], operations: [...h.operations], resources: [h.resource] }],
      sideEffects: 'None',
    });
    const mutating = MUTATING.filter(h => podWebhooks || !h.podWebhook);
    const validating = VALIDATING.filter(h => podWebhooks || !h.podWebhook);
    this.webhookNames = [...mutating, ...validating].map(h => h.name);

    const config = (kind: string, name: string, hooks: Hook[]) => new ApiObject(this, kind, {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind,
      metadata: { name, annotations: { template: '', ...annotations } },
      webhooks: hooks.map(render),
    });
    this.mutatingWebhookConfiguration = config('MutatingWebhookConfiguration', 'kruise-mutating-webhook-configuration', mutating);
    this.validatingWebhookConfiguration = config('ValidatingWebhookConfiguration', 'kruise-validating-webhook-configuration', validating);
  }

  /**
   * Adds an annotation to both webhook configurations (e.g. cert-manager's
   * `cert-manager.io/inject-ca-from`).
   */
  public addAnnotation(key: string, value: string): void {
    this.mutatingWebhookConfiguration.metadata.addAnnotation(key, value);
    this.validatingWebhookConfiguration.metadata.addAnnotation(key, value);
  }
}

/** `timeoutSeconds` of a webhook timeout (whole seconds, 1-30, as the API server requires). */
export function webhookTimeoutSeconds(where: string, prop: string, timeout: Duration | undefined): number {
  if (timeout === undefined) return 30;
  const ms = timeout.toMilliseconds({ integral: false });
  const s = ms / 1000;
  if (!Number.isInteger(s) || s < 1 || s > 30) {
    throw new Error(`${where}: ${prop} ${timeout.toHumanString()} is not a webhook timeout; the API server takes whole seconds from 1 to 30, e.g. Duration.seconds(10)`);
  }
  return s;
}
