import { ApiObject, Duration } from 'cdk8s';
import type { k8s } from 'cdk8s-plus-28';
import { Construct, IConstruct } from 'constructs';
import { checkNamespace, checkPort, checkStringMap } from './checks';
import { defaultResolvedGates, InstallGates, typedGates } from './install-gates';
import { toPlain } from './plain';
import { arrayOr, JsonObject, objectOr } from '../base/json';
import { isDns1123Label, isLabelValue, isQualifiedName, LABEL_RULE } from '../base/names';
import { clusterScoped } from '../common/cluster-scoped';
import { PlainBodyApiObject } from '../common/plain-body-object';
import { invalid } from '../validation/errors';
import { closest, ResolvedFeatureGates } from '../versions/feature-gates';

/** What the API server does when a webhook call fails or times out (`failurePolicy`). */
export enum WebhookFailurePolicy {
  /** Reject the request (the chart's policy for every webhook except deletion protection). */
  FAIL = 'Fail',
  /** Let the request through unchecked (and, for mutating webhooks, unchanged). */
  IGNORE = 'Ignore',
}

/**
 * Which pods and namespaces the pod webhooks (`mpod.kb.io`, `vpod.kb.io`,
 * `vpodeviction.kb.io`) see. Pods the webhooks skip get no SidecarSet injection,
 * no PodUnavailableBudget or WorkloadSpread checks and no Kruise pod defaults.
 * With none of these set the selectors are the chart's: every namespace except
 * `kube-system` and the ones labelled `control-plane: openkruise`.
 */
export interface KruisePodWebhookOptions {
  /**
   * More namespaces (by name) the pod webhooks skip, added to the chart's
   * `kubernetes.io/metadata.name NotIn [kube-system]` expression.
   * @default - only kube-system (and the Kruise namespace, by its label)
   */
  readonly excludeNamespaces?: string[];

  /**
   * More `matchExpressions` of the pod webhooks' `namespaceSelector`, ANDed with
   * the chart's two (a namespace is served only when its labels satisfy all of them).
   * @default - none
   */
  readonly namespaceSelectorExpressions?: k8s.LabelSelectorRequirement[];

  /**
   * `matchExpressions` of an `objectSelector` on the pod webhooks: pods whose labels
   * fail them are skipped, e.g. `{ key: 'kruise.io/skip-webhook', operator: 'DoesNotExist' }`.
   * Only the excluding operators `NotIn` and `DoesNotExist` are taken: the
   * `vpodeviction` webhook sees Eviction objects, which carry no pod labels, so an
   * `In` or `Exists` expression would silently switch PodUnavailableBudget's
   * eviction checks off.
   * @default - no objectSelector (the chart's)
   */
  readonly objectSelectorExpressions?: k8s.LabelSelectorRequirement[];
}

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
   * How the objects read the gates (set by Kruise: the chart's text tests for an install from values).
   * @internal
   */
  readonly _gates?: InstallGates;

  /**
   * Annotations added to both webhook configurations, e.g. cert-manager's
   * `cert-manager.io/inject-ca-from: <namespace>/<certificate>`. More can be added
   * with `addAnnotation()`.
   * Chart value `externalCerts.annotations`.
   * @default - none
   */
  readonly annotations?: { [key: string]: string };

  /**
   * `failurePolicy` per webhook, keyed by webhook name (`mpod.kb.io`, ... see
   * `webhookNames`); more can be set with `setFailurePolicy()`. E.g. `Ignore` for
   * `mpod.kb.io` keeps pods schedulable while kruise-manager is down (at the cost of
   * pods created meanwhile missing SidecarSet injection), `Fail` for
   * `vcustomresourcedefinition.kb.io` makes CRD deletion protection hold even when
   * kruise-manager is down.
   * Not a chart value (chart 1.7.5 hard-codes the policies).
   * @default - the chart's: `Ignore` for the seven deletion-protection webhooks, `Fail` for the rest
   */
  readonly failurePolicies?: { [webhookName: string]: WebhookFailurePolicy };

  /**
   * Which pods and namespaces the pod webhooks see.
   * Not a chart value.
   * @default - the chart's selectors
   */
  readonly podWebhook?: KruisePodWebhookOptions;
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
  /** The mutating pod webhook (SidecarSet injection, pod defaults). */
  public static readonly MUTATING_POD = 'mpod.kb.io';
  /** The validating pod webhook (PodUnavailableBudget, WorkloadSpread on pod updates and deletes). */
  public static readonly VALIDATING_POD = 'vpod.kb.io';
  /** The validating pod eviction webhook (PodUnavailableBudget on evictions). */
  public static readonly VALIDATING_POD_EVICTION = 'vpodeviction.kb.io';
  /** The deletion-protection webhook of CustomResourceDefinitions. */
  public static readonly VALIDATING_CRD = 'vcustomresourcedefinition.kb.io';
  /** The deletion-protection webhook of Namespaces. */
  public static readonly VALIDATING_NAMESPACE = 'vnamespace.kb.io';

  /** Every webhook name this library knows (mutating then validating, the chart's order). */
  public static allWebhookNames(): string[] {
    return [...MUTATING, ...VALIDATING].map(h => h.name);
  }

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

  private readonly failurePolicyOverrides = new Map<string, WebhookFailurePolicy>();

  public constructor(scope: Construct, id: string, props: KruiseWebhooksProps = {}) {
    super(scope, id);
    const where = this.node.path;
    const ns = checkNamespace(where, 'namespace', props.namespace);
    const port = checkPort(where, 'webhookPort', props.webhookPort ?? 9876);
    const timeout = webhookTimeoutSeconds(where, 'timeout', props.timeout);
    const gates = props.featureGates ?? defaultResolvedGates(where);
    const { podWebhooks, externalCerts } = props._gates ?? typedGates(gates);
    const annotations = checkStringMap(where, 'annotations', props.annotations);
    const podSelectors = podWebhookSelectors(this, props.podWebhook);

    if (!externalCerts) this.secret = this.emitSecret(ns);
    this.service = this.emitService(ns, port);
    const mutating = MUTATING.filter(h => podWebhooks || !h.podWebhook);
    const validating = VALIDATING.filter(h => podWebhooks || !h.podWebhook);
    this.webhookNames = [...mutating, ...validating].map(h => h.name);
    // Rendered at synth, as plain data (no Lazy: cdk8s's resolution of every value is costly), so
    // that `_setFailurePolicies` after construction still counts.
    const hooks = (list: Hook[]) => () => list.map(h => this.renderHook(h, ns, timeout, podSelectors));
    this.mutatingWebhookConfiguration = this.emitConfiguration('MutatingWebhookConfiguration', 'kruise-mutating-webhook-configuration', hooks(mutating), annotations);
    this.validatingWebhookConfiguration = this.emitConfiguration('ValidatingWebhookConfiguration', 'kruise-validating-webhook-configuration', hooks(validating), annotations);
    this._setFailurePolicies(this, 'failurePolicies', props.failurePolicies);
  }

  private emitSecret(ns: string): ApiObject {
    return new ApiObject(this, 'Secret', {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: WEBHOOK_SECRET_NAME, namespace: ns },
    });
  }

  private emitService(ns: string, port: number): ApiObject {
    return new ApiObject(this, 'Service', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: WEBHOOK_SERVICE_NAME, namespace: ns },
      spec: {
        ports: [{ port: 443, targetPort: port }],
        selector: { 'control-plane': 'controller-manager' },
      },
    });
  }

  /** One webhook of a configuration, rendered at synth with the failure policy then set (`_setFailurePolicies` may change it). */
  private renderHook(h: Hook, ns: string, timeout: number, podSelectors: PodSelectors): JsonObject {
    return {
      admissionReviewVersions: ['v1', 'v1beta1'],
      clientConfig: { service: { name: WEBHOOK_SERVICE_NAME, namespace: ns, path: h.path } },
      failurePolicy: this.failurePolicyOverrides.get(h.name) ?? h.failurePolicy ?? 'Fail',
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
            { ...KUBE_SYSTEM_EXCLUDED, values: ['kube-system', ...podSelectors.excludeNamespaces] },
            ...podSelectors.namespaceExpressions.map(e => ({ ...e, values: e.values ? [...e.values] : undefined })),
          ],
        },
        ...(podSelectors.objectExpressions.length > 0 ? {
          objectSelector: { matchExpressions: podSelectors.objectExpressions.map(e => ({ ...e, values: e.values ? [...e.values] : undefined })) },
        } : {}),
      } : {}),
      rules: [{ apiGroups: [h.group], apiVersions: [...h.versions], operations: [...h.operations], resources: [h.resource] }],
      sideEffects: 'None',
    };
  }

  private emitConfiguration(kind: string, name: string, webhooks: () => JsonObject[], annotations: { [key: string]: string }): ApiObject {
    return clusterScoped(new PlainBodyApiObject(this, kind, {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind,
      metadata: { name, annotations: { template: '', ...annotations } },
    }, () => ({ webhooks: webhooks() })));
  }

  /**
   * Sets failure policies from a props map, reporting errors against `scope` and `prop`.
   * @internal
   */
  public _setFailurePolicies(scope: IConstruct, prop: string, policies: { [webhookName: string]: WebhookFailurePolicy } | undefined): void {
    for (const [name, policy] of Object.entries(policies ?? {})) {
      this.checkFailurePolicy(scope, `${prop}['${name}']`, name, policy);
      this.failurePolicyOverrides.set(name, policy);
    }
  }

  /**
   * Sets the `failurePolicy` of one webhook (see `webhookNames`; e.g.
   * `KruiseWebhooks.MUTATING_POD`). A later call for the same webhook wins.
   */
  public setFailurePolicy(webhookName: string, policy: WebhookFailurePolicy): void {
    this.checkFailurePolicy(this, `setFailurePolicy('${webhookName}')`, webhookName, policy);
    this.failurePolicyOverrides.set(webhookName, policy);
  }

  /** The `failurePolicy` a webhook gets (undefined for a webhook this install does not emit). */
  public failurePolicyOf(webhookName: string): WebhookFailurePolicy | undefined {
    const hook = [...MUTATING, ...VALIDATING].find(h => h.name === webhookName);
    if (!hook || !this.webhookNames.includes(webhookName)) return undefined;
    return this.failurePolicyOverrides.get(webhookName) ?? (hook.failurePolicy === 'Ignore' ? WebhookFailurePolicy.IGNORE : WebhookFailurePolicy.FAIL);
  }

  private checkFailurePolicy(scope: IConstruct, field: string, name: string, policy: WebhookFailurePolicy): void {
    if (!Object.values(WebhookFailurePolicy).includes(policy)) {
      throw invalid(scope, field, policy, 'not a failure policy', 'use WebhookFailurePolicy.FAIL or WebhookFailurePolicy.IGNORE');
    }
    if (this.webhookNames.includes(name)) return;
    if (KruiseWebhooks.allWebhookNames().includes(name)) {
      throw invalid(scope, field, policy, `webhook '${name}' is not emitted: the PodWebhook feature gate is off, so the pod webhooks are left out`, 'drop this entry or turn the PodWebhook gate on');
    }
    const suggestion = closest(name, this.webhookNames);
    throw invalid(scope, field, policy, `this install has no webhook named '${name}'`,
      `${suggestion ? `did you mean '${suggestion}'? ` : ''}use one of ${this.webhookNames.join(', ')}`);
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

const LABEL_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];
const EXCLUDING_OPERATORS = ['NotIn', 'DoesNotExist'];

interface PodSelectors {
  readonly excludeNamespaces: string[];
  readonly namespaceExpressions: k8s.LabelSelectorRequirement[];
  readonly objectExpressions: k8s.LabelSelectorRequirement[];
}

/** Checks the pod webhook selector options and returns them in plain form. */
function podWebhookSelectors(scope: Construct, options: KruisePodWebhookOptions | undefined): PodSelectors {
  const excludeNamespaces: string[] = [];
  for (const [i, ns] of (options?.excludeNamespaces ?? []).entries()) {
    if (!isDns1123Label(ns)) {
      throw invalid(scope, `podWebhook.excludeNamespaces[${i}]`, ns, 'not a namespace name', `${LABEL_RULE}, e.g. 'monitoring'`);
    }
    if (ns !== 'kube-system' && !excludeNamespaces.includes(ns)) excludeNamespaces.push(ns);
  }
  const expressions = (prop: string, list: k8s.LabelSelectorRequirement[] | undefined, operators: string[]): k8s.LabelSelectorRequirement[] =>
    arrayOr(toPlain(list, `${scope.node.path}: podWebhook.${prop}`)).map((e, i) => checkRequirement(scope, `podWebhook.${prop}[${i}]`, e, operators));
  return {
    excludeNamespaces,
    namespaceExpressions: expressions('namespaceSelectorExpressions', options?.namespaceSelectorExpressions, LABEL_OPERATORS),
    objectExpressions: expressions('objectSelectorExpressions', options?.objectSelectorExpressions, EXCLUDING_OPERATORS),
  };
}

/** Validates a label selector requirement the way the API server does. */
function checkRequirement(scope: Construct, field: string, entry: unknown, operators: string[]): k8s.LabelSelectorRequirement {
  const e = objectOr(entry);
  if (!isQualifiedName(e.key)) {
    throw invalid(scope, `${field}.key`, e.key, 'not a label key', "use a qualified name such as 'team' or 'example.com/tier'");
  }
  if (typeof e.operator !== 'string' || !operators.includes(e.operator)) {
    const why = operators === EXCLUDING_OPERATORS
      ? 'an objectSelector of the pod webhooks may only exclude pods: the vpodeviction webhook sees Eviction objects without the pod\'s labels, so In/Exists would turn PodUnavailableBudget eviction checks off'
      : 'not a label selector operator';
    throw invalid(scope, `${field}.operator`, e.operator, why, `use ${operators.join(' or ')}`);
  }
  const values: unknown = e.values;
  const needsValues = e.operator === 'In' || e.operator === 'NotIn';
  if (needsValues && (!Array.isArray(values) || values.length === 0)) {
    throw invalid(scope, `${field}.values`, values, `${e.operator} needs at least one value`, "give the label values, e.g. ['true']");
  }
  if (!needsValues && values !== undefined && (!Array.isArray(values) || values.length > 0)) {
    throw invalid(scope, `${field}.values`, values, `${e.operator} takes no values`, 'drop values');
  }
  const labelValues: string[] = [];
  for (const v of arrayOr(values)) {
    if (!isLabelValue(v)) throw invalid(scope, `${field}.values`, v, 'not a label value', "use at most 63 letters, digits, '-', '_' and '.'");
    labelValues.push(v);
  }
  return { key: e.key, operator: e.operator, ...(needsValues ? { values: labelValues } : {}) };
}

/** `timeoutSeconds` of a webhook timeout (whole seconds, 1-30, as the API server requires). */
export function webhookTimeoutSeconds(where: string, prop: string, timeout: Duration | undefined): number {
  if (timeout === undefined) return 30;
  const ms = timeout.toMilliseconds({ integral: false });
  const s = ms / 1000;
  if (!Number.isInteger(s) || s < 1 || s > 30) {
    throw invalid(where, prop, timeout.toHumanString(), 'is not a webhook timeout', 'the API server takes whole seconds from 1 to 30, e.g. Duration.seconds(10)');
  }
  return s;
}
