/**
 * Schema fragments that several Kruise kinds share. Each is written once here
 * and called wherever the API reuses the Go type.
 *
 * The fragments of Kubernetes types also serve the install's prop checks
 * (src/install/pod-fields.ts): called with `'checks'` they add what the API
 * server validates beyond the CRD's structure (enums, ranges, and named
 * checks, `x-kruise-check`, from the checker's table). The default form,
 * `'crd'`, is exactly what the CRDs carry.
 */
import { arr, bool, dateTime, Extra, int32, int64, intOrString, mapOf, obj, preserved, Schema, str, strList, strMap } from './schema';

/** Which form of a fragment: as the CRDs carry it, or with the API server's rules for prop checks. */
export type FragmentForm = 'crd' | 'checks';

/** `extra` in the checks form, nothing in the CRD form. */
function checking(form: FragmentForm, extra: Extra): Extra | undefined {
  return form === 'checks' ? extra : undefined;
}

/** The named check `name` (in the checks form). */
function named(form: FragmentForm, name: string, extra: Extra = {}): Extra | undefined {
  return checking(form, { ...extra, 'x-kruise-check': name });
}

/** The operators of a label selector requirement. */
export const LABEL_SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];
/** The operators of a node selector requirement. */
export const NODE_SELECTOR_OPERATORS = [...LABEL_SELECTOR_OPERATORS, 'Gt', 'Lt'];

function requirement(form: FragmentForm, operators: string[], check: string): Schema {
  return obj({
    key: str(named(form, 'qualifiedName')),
    operator: str(checking(form, { enum: operators })),
    values: strList(),
  }, ['key', 'operator'], named(form, check));
}

/** metav1.LabelSelectorRequirement and core NodeSelectorRequirement (same shape in the CRDs). */
export function selectorRequirement(form: FragmentForm = 'crd'): Schema {
  return requirement(form, LABEL_SELECTOR_OPERATORS, 'labelSelectorRequirement');
}

/** core NodeSelectorRequirement (node labels: Gt and Lt too). */
export function nodeSelectorRequirement(form: FragmentForm = 'crd'): Schema {
  return requirement(form, NODE_SELECTOR_OPERATORS, 'nodeSelectorRequirement');
}

/** core NodeSelectorRequirement in `matchFields` (node fields: metadata.name, In or NotIn). */
export function nodeFieldRequirement(form: FragmentForm = 'crd'): Schema {
  return obj({
    key: str(named(form, 'nodeField')),
    operator: str(checking(form, { enum: ['In', 'NotIn'] })),
    values: strList(),
  }, ['key', 'operator'], named(form, 'nodeFieldSelectorRequirement'));
}

/** metav1.LabelSelector (atomic map). `extra` adds properties (ImagePullJob's `names`). */
export function labelSelector(extra: { [name: string]: Schema } = {}, form: FragmentForm = 'crd'): Schema {
  return obj({
    matchExpressions: arr(selectorRequirement(form)),
    matchLabels: strMap(named(form, 'labels')),
    ...extra,
  }, undefined, { atomic: true, ...named(form, 'labelSelector') });
}

/** core NodeSelectorTerm (atomic map). */
export function nodeSelectorTerm(form: FragmentForm = 'crd'): Schema {
  return obj({
    matchExpressions: arr(nodeSelectorRequirement(form)),
    matchFields: arr(nodeFieldRequirement(form)),
  }, undefined, { atomic: true, ...named(form, 'nodeSelectorTerm') });
}

/**
 * core PreferredSchedulingTerm. The CRDs require `preference` (controller-gen
 * reads the Go struct); the API server takes a term without it as the empty
 * term, so the checks form requires only the weight (1 to 100).
 */
export function preferredSchedulingTerm(form: FragmentForm = 'crd'): Schema {
  return obj({
    preference: nodeSelectorTerm(form),
    weight: int32(checking(form, { minimum: 1, maximum: 100 })),
  }, form === 'crd' ? ['preference', 'weight'] : ['weight'], named(form, 'preferredSchedulingTerm'));
}

/** core NodeSelector: at least one term, any of which may match (atomic map). */
export function nodeSelector(form: FragmentForm = 'crd'): Schema {
  return obj({
    nodeSelectorTerms: arr(nodeSelectorTerm(form), checking(form, { minItems: 1 })),
  }, ['nodeSelectorTerms'], { atomic: true, ...named(form, 'nodeSelector') });
}

/** core NodeAffinity: hard and soft rules on the node a pod may run on. */
export function nodeAffinity(form: FragmentForm = 'crd'): Schema {
  return obj({
    requiredDuringSchedulingIgnoredDuringExecution: nodeSelector(form),
    preferredDuringSchedulingIgnoredDuringExecution: arr(preferredSchedulingTerm(form)),
  }, undefined, named(form, 'nodeAffinity'));
}

/** core PodAffinityTerm: the pods to be near (or away from), and over which node label. */
export function podAffinityTerm(form: FragmentForm = 'crd'): Schema {
  return obj({
    labelSelector: labelSelector({}, form),
    namespaceSelector: labelSelector({}, form),
    namespaces: strList(),
    topologyKey: str(named(form, 'topologyKey')),
    matchLabelKeys: strList({ 'x-kubernetes-list-type': 'atomic' }),
    mismatchLabelKeys: strList({ 'x-kubernetes-list-type': 'atomic' }),
  }, ['topologyKey'], named(form, 'podAffinityTerm'));
}

/** core WeightedPodAffinityTerm. */
export function weightedPodAffinityTerm(form: FragmentForm = 'crd'): Schema {
  return obj({
    weight: int32(checking(form, { minimum: 1, maximum: 100 })),
    podAffinityTerm: podAffinityTerm(form),
  }, ['weight', 'podAffinityTerm'], named(form, 'weightedPodAffinityTerm'));
}

/** core PodAffinity and PodAntiAffinity (same shape). */
export function podAffinity(form: FragmentForm = 'crd'): Schema {
  return obj({
    requiredDuringSchedulingIgnoredDuringExecution: arr(podAffinityTerm(form)),
    preferredDuringSchedulingIgnoredDuringExecution: arr(weightedPodAffinityTerm(form)),
  }, undefined, named(form, 'podAffinity'));
}

/** core Affinity: node affinity, pod affinity and pod anti-affinity. */
export function affinity(form: FragmentForm = 'crd'): Schema {
  return obj({
    nodeAffinity: nodeAffinity(form),
    podAffinity: podAffinity(form),
    podAntiAffinity: podAffinity(form),
  }, undefined, named(form, 'affinity'));
}

/** The taint effects a toleration may name ('' for all). */
export const TAINT_EFFECTS = ['', 'NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** core Toleration. */
export function toleration(form: FragmentForm = 'crd'): Schema {
  return obj({
    effect: str(checking(form, { enum: TAINT_EFFECTS })),
    key: str(named(form, 'taintKey')),
    operator: str(checking(form, { enum: ['Exists', 'Equal'] })),
    tolerationSeconds: int64(),
    value: str(named(form, 'labelValue')),
  }, undefined, named(form, 'toleration'));
}

/** resource.Quantity: a number, or a string such as '100m' or '1Gi'. */
export function quantity(form: FragmentForm = 'crd'): Schema {
  return intOrString(named(form, 'quantity'));
}

/** core ResourceList: resource name → quantity. */
export function resourceList(form: FragmentForm = 'crd'): Schema {
  return mapOf(quantity(form), named(form, 'resourceList'));
}

/** core ResourceRequirements: limits, requests and dynamic resource claims. */
export function resourceRequirements(form: FragmentForm = 'crd'): Schema {
  return obj({
    limits: resourceList(form),
    requests: resourceList(form),
    claims: arr(obj({ name: str(), request: str() }, ['name'], named(form, 'resourceClaim')), {
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['name'],
    }),
  }, undefined, named(form, 'resourceRequirements'));
}

/** core ConfigMapKeySelector and SecretKeySelector (same shape; `check` names which). */
export function keySelector(form: FragmentForm = 'crd', check: string = 'configMapKeySelector'): Schema {
  return obj({
    name: str(named(form, 'objectName')),
    key: str(),
    optional: bool(),
  }, ['key'], { atomic: true, ...named(form, check) });
}

/** core ObjectFieldSelector: a field of the pod (`metadata.name`, `spec.nodeName`...). */
export function objectFieldSelector(form: FragmentForm = 'crd'): Schema {
  return obj({ apiVersion: str(), fieldPath: str() }, ['fieldPath'], { atomic: true, ...named(form, 'objectFieldSelector') });
}

/** core ResourceFieldSelector: a container's request or limit. */
export function resourceFieldSelector(form: FragmentForm = 'crd'): Schema {
  return obj({ containerName: str(), resource: str(), divisor: quantity(form) }, ['resource'], { atomic: true, ...named(form, 'resourceFieldSelector') });
}

/** core EnvVarSource: exactly one source of an environment variable's value. */
export function envVarSource(form: FragmentForm = 'crd'): Schema {
  return obj({
    fieldRef: objectFieldSelector(form),
    resourceFieldRef: resourceFieldSelector(form),
    configMapKeyRef: keySelector(form, 'configMapKeySelector'),
    secretKeyRef: keySelector(form, 'secretKeySelector'),
  }, undefined, named(form, 'envVarSource'));
}

/** core EnvVar: a name and a value, or a source of the value. */
export function envVar(form: FragmentForm = 'crd'): Schema {
  return obj({
    name: str(named(form, 'envVarName')),
    value: str(),
    valueFrom: envVarSource(form),
  }, ['name'], named(form, 'envVar'));
}

/**
 * A status condition list. `lastProbeTime: true` adds the probe timestamp the
 * job kinds carry (batch JobCondition shape).
 */
export function conditions(options: { lastProbeTime?: boolean } = {}): Schema {
  const props: { [name: string]: Schema } = {};
  if (options.lastProbeTime) props.lastProbeTime = dateTime();
  Object.assign(props, { lastTransitionTime: dateTime(), message: str(), reason: str(), status: str(), type: str() });
  return arr(obj(props, ['status', 'type']));
}

/** core ObjectReference (atomic map). */
export function objectReference(): Schema {
  return obj({
    apiVersion: str(),
    fieldPath: str(),
    kind: str(),
    name: str(),
    namespace: str(),
    resourceVersion: str(),
    uid: str(),
  }, undefined, { atomic: true });
}

/** A reference to a workload by apiVersion, kind and name (WorkloadSpread, PersistentPodState). */
export function targetReference(): Schema {
  return obj({ apiVersion: str(), kind: str(), name: str() }, ['apiVersion', 'kind', 'name']);
}

/** One lifecycle hook of CloneSet/ASTS/ADS (finalizers and labels to wait for). */
export function lifecycleHook(): Schema {
  return obj({ finalizersHandler: strList(), labelsHandler: strMap(), markPodNotReady: bool() });
}

/** The `lifecycle` of CloneSet/ASTS/ADS: preDelete, inPlaceUpdate, preNormal hooks. */
export function lifecycle(): Schema {
  return obj({ inPlaceUpdate: lifecycleHook(), preDelete: lifecycleHook(), preNormal: lifecycleHook() });
}

/** UpdatePriorityStrategy: order by label key, or weight by selector. */
export function priorityStrategy(): Schema {
  return obj({
    orderPriority: arr(obj({ orderedKey: str() }, ['orderedKey'])),
    weightPriority: arr(obj({ matchSelector: labelSelector(), weight: int32() }, ['matchSelector', 'weight'])),
  });
}

/** UpdateScatterStrategy: label key/value pairs to spread updates over. */
export function scatterStrategy(): Schema {
  return arr(obj({ key: str(), value: str() }, ['key', 'value']));
}

/** InPlaceUpdateStrategy. */
export function inPlaceUpdateStrategy(): Schema {
  return obj({ gracePeriodSeconds: int32() });
}

/** The completion policy of BroadcastJob, AdvancedCronJob's job template and the image pull jobs. */
export function completionPolicy(): Schema {
  return obj({ activeDeadlineSeconds: int64(), ttlSecondsAfterFinished: int32(), type: str() });
}

/** SandboxConfig of image pulls: labels and annotations of the pull sandbox. */
export function sandboxConfig(): Schema {
  return obj({ annotations: strMap(), labels: strMap() });
}

/** core ExecAction. */
export function execAction(): Schema {
  return obj({ command: strList() });
}

/** core HTTPGetAction. */
export function httpGetAction(): Schema {
  return obj({
    host: str(),
    httpHeaders: arr(obj({ name: str(), value: str() }, ['name', 'value'])),
    path: str(),
    port: intOrString(),
    scheme: str(),
  }, ['port']);
}

/** core TCPSocketAction. */
export function tcpSocketAction(): Schema {
  return obj({ host: str(), port: intOrString() }, ['port']);
}

/** core GRPCAction. */
export function grpcAction(): Schema {
  return obj({ port: int32(), service: str() }, ['port']);
}

/** core Probe (PodProbeMarker and NodePodProbe). */
export function probe(): Schema {
  return obj({
    exec: execAction(),
    failureThreshold: int32(),
    grpc: grpcAction(),
    httpGet: httpGetAction(),
    initialDelaySeconds: int32(),
    periodSeconds: int32(),
    successThreshold: int32(),
    tcpSocket: tcpSocketAction(),
    terminationGracePeriodSeconds: int64(),
    timeoutSeconds: int32(),
  });
}

/** A pod or job template the API server keeps without validating (as upstream). */
export function template(): Schema {
  return preserved();
}

/** Pod name → timestamp map (PodUnavailableBudget's disrupted/unavailable pods, WorkloadSpread's creating/deleting pods). */
export function podTimeMap(): Schema {
  return mapOf(dateTime());
}
