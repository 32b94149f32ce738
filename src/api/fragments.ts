/**
 * Schema fragments that several Kruise kinds share. Each is written once here
 * and called wherever the API reuses the Go type.
 */
import { arr, bool, dateTime, int32, int64, intOrString, mapOf, obj, preserved, Schema, str, strList, strMap } from './schema';

/** metav1.LabelSelectorRequirement and core NodeSelectorRequirement (same shape). */
export function selectorRequirement(): Schema {
  return obj({ key: str(), operator: str(), values: strList() }, ['key', 'operator']);
}

/** metav1.LabelSelector (atomic map). `extra` adds properties (ImagePullJob's `names`). */
export function labelSelector(extra: { [name: string]: Schema } = {}): Schema {
  return obj({ matchExpressions: arr(selectorRequirement()), matchLabels: strMap(), ...extra }, undefined, { atomic: true });
}

/** core NodeSelectorTerm (atomic map). */
export function nodeSelectorTerm(): Schema {
  return obj({ matchExpressions: arr(selectorRequirement()), matchFields: arr(selectorRequirement()) }, undefined, { atomic: true });
}

/** core PreferredSchedulingTerm. */
export function preferredSchedulingTerm(): Schema {
  return obj({ preference: nodeSelectorTerm(), weight: int32() }, ['preference', 'weight']);
}

/** core Toleration. */
export function toleration(): Schema {
  return obj({ effect: str(), key: str(), operator: str(), tolerationSeconds: int64(), value: str() });
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
