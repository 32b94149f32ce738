/**
 * Descriptions of the shared schema fragments (src/api/fragments.ts), written
 * once. Each function returns the entries of a fragment relative to where it
 * is mounted (`''` is the fragment's own node); a kind places them with
 * `at(path, ...)` and may override any entry afterwards.
 */
import { at, DocTable } from './docs';

/** metav1.LabelSelector. `what` says what the selector picks. */
export function selectorDocs(what: string): DocTable {
  return {
    '': what,
    'matchExpressions': 'Requirements on label values; all of them must hold (logical AND).',
    'matchExpressions[]': 'One requirement: a label key, an operator and the values it compares with.',
    'matchExpressions[].key': 'Label key the requirement tests.',
    'matchExpressions[].operator': 'In, NotIn, Exists or DoesNotExist.',
    'matchExpressions[].values': 'Values to compare with: at least one for In and NotIn, none for Exists and DoesNotExist.',
    'matchLabels': 'Exact label key/value pairs; each one is an In requirement with a single value, ANDed with matchExpressions.',
  };
}

/** core NodeSelectorTerm. */
export function nodeSelectorTermDocs(what: string): DocTable {
  return {
    '': what,
    'matchExpressions': 'Requirements on node labels; all must hold.',
    'matchExpressions[]': 'One node requirement: key, operator and values.',
    'matchExpressions[].key': 'Node label key the requirement tests.',
    'matchExpressions[].operator': 'In, NotIn, Exists, DoesNotExist, Gt or Lt.',
    'matchExpressions[].values': 'Values to compare with: one or more for In/NotIn, none for Exists/DoesNotExist, a single integer for Gt/Lt.',
    'matchFields': 'Requirements on node fields (such as metadata.name) instead of labels; all must hold.',
    'matchFields[]': 'One node field requirement: key, operator and values.',
    'matchFields[].key': 'Node field the requirement tests.',
    'matchFields[].operator': 'In, NotIn, Exists, DoesNotExist, Gt or Lt.',
    'matchFields[].values': 'Values to compare with, under the same rules as matchExpressions.',
  };
}

/** A list of core Tolerations. */
export function tolerationsDocs(what: string): DocTable {
  return {
    '': what,
    '[]': 'Lets the pods run on nodes whose taint matches key, value and effect.',
    '[].effect': 'Taint effect to match: NoSchedule, PreferNoSchedule or NoExecute; empty matches all.',
    '[].key': 'Taint key to match; empty with operator Exists matches every taint.',
    '[].operator': 'Exists (any value) or Equal (the value given); Equal when empty.',
    '[].tolerationSeconds': 'For NoExecute taints: seconds the pod stays on the node after the taint appears; unset means forever.',
    '[].value': 'Taint value to match with operator Equal; empty with Exists.',
  };
}

/** A status condition list. `subject` names what the conditions are about. */
export function conditionsDocs(subject: string, options: { lastProbeTime?: boolean } = {}): DocTable {
  const t: { [p: string]: string } = {
    '': `Latest observations of the ${subject}'s state, one entry per condition type.`,
    '[]': `One condition of the ${subject}: a type with a True/False/Unknown status.`,
    '[].lastTransitionTime': 'When the status last changed (RFC 3339).',
    '[].message': 'Human-readable details of the last change.',
    '[].reason': 'Short CamelCase cause of the last change.',
    '[].status': 'True, False or Unknown.',
    '[].type': `Which aspect of the ${subject} the condition reports.`,
  };
  if (options.lastProbeTime) t['[].lastProbeTime'] = 'When the controller last checked the condition (RFC 3339).';
  return t;
}

function hookDocs(when: string): DocTable {
  return {
    '': when,
    'finalizersHandler': 'Finalizers that hold the pod at this hook until another controller removes them.',
    'labelsHandler': 'Labels (key: value) that hold the pod at this hook until they are removed or changed.',
    'markPodNotReady': 'When true the controller sets the pod\'s KruisePodReady condition to False at this hook, so it leaves Service endpoints first (preDelete and inPlaceUpdate only); false by default.',
  };
}

/** The `lifecycle` of CloneSet, Advanced StatefulSet and Advanced DaemonSet. */
export function lifecycleDocs(workload: string): DocTable {
  return {
    '': `Hooks that pause the ${workload}'s pods before deletion, around an in-place update and before they turn normal.`,
    ...at('inPlaceUpdate', hookDocs('Hook held before a pod is updated in place; released once the update is done.')),
    ...at('preDelete', hookDocs('Hook held before a pod is deleted (scale-in or recreate).')),
    ...at('preNormal', hookDocs('Hook a new pod must pass (after it is created) before the controller counts it as normal.')),
  };
}

/** UpdatePriorityStrategy. */
export function priorityStrategyDocs(): DocTable {
  return {
    '': 'Order in which pods are updated: by a numeric label (orderPriority) or by weighted selectors (weightPriority); not both.',
    'orderPriority': 'Label keys whose numeric value orders the update; pods with the first key come first, sorted by its value, then the next key.',
    'orderPriority[]': 'A label key to order by.',
    'orderPriority[].orderedKey': 'Label key; the last integer found in its value (5 in "sts-5") is the order. Must not be empty.',
    'weightPriority': 'Selectors with weights; a pod\'s priority is the sum of the weights of the selectors it matches, highest first.',
    'weightPriority[]': 'One weighted selector.',
    ...at('weightPriority[].matchSelector', selectorDocs('Pods whose labels match get the weight; must not be empty.')),
    'weightPriority[].weight': 'Weight added to matching pods, 0 to 100.',
  };
}

/** UpdateScatterStrategy. */
export function scatterStrategyDocs(): DocTable {
  return {
    '': 'Labels whose pods are spread evenly through the update order instead of updated together.',
    '[]': 'A label key and value to scatter.',
    '[].key': 'Label key; must not be empty, and each key=value pair appears once.',
    '[].value': 'Label value.',
  };
}

/** InPlaceUpdateStrategy. */
export function inPlaceUpdateStrategyDocs(): DocTable {
  return {
    '': 'Settings of in-place updates.',
    'gracePeriodSeconds': 'Seconds between marking a pod not ready and patching its containers in place; 0 by default.',
  };
}

/** CompletionPolicy of BroadcastJob and the image pull jobs. */
export function completionPolicyDocs(job: string, defaultType: string): DocTable {
  return {
    '': `When the ${job} counts as finished and how long it is kept afterwards.`,
    'activeDeadlineSeconds': `Seconds from the start after which an unfinished ${job} is stopped and marked failed; only with type Always.`,
    'ttlSecondsAfterFinished': `Seconds after completion before the ${job} is deleted; unset keeps it; only with type Always.`,
    'type': `Always (the ${job} finishes after one pass and may time out) or Never (it keeps running and reacts to new nodes); ${defaultType} by default.`,
  };
}

/** SandboxConfig of image pulls. */
export function sandboxConfigDocs(): DocTable {
  return {
    '': 'Labels and annotations of the sandbox the runtime uses while pulling (used by runtime authentication plugins).',
    'annotations': 'Annotations set on the pull sandbox.',
    'labels': 'Labels set on the pull sandbox.',
  };
}

/** core ObjectReference. */
export function objectReferenceDocs(what: string): DocTable {
  return {
    '': what,
    'apiVersion': 'API version of the referred object.',
    'fieldPath': 'Path to a part of the object (such as a container), when the reference is to that part.',
    'kind': 'Kind of the referred object.',
    'name': 'Name of the referred object.',
    'namespace': 'Namespace of the referred object.',
    'resourceVersion': 'Resource version of the object the reference was made against.',
    'uid': 'UID of the referred object.',
  };
}

/** The exec, httpGet and tcpSocket handlers of core probes and lifecycle hooks. */
export function handlerDocs(): DocTable {
  return {
    'exec': 'Runs a command in the container; exit status 0 is success.',
    'exec.command': 'Command and arguments, run directly (not in a shell) in the container\'s working directory.',
    'httpGet': 'Sends an HTTP GET; a status code from 200 to 399 is success.',
    'httpGet.host': 'Host to connect to; the pod IP when empty.',
    'httpGet.httpHeaders': 'Extra request headers.',
    'httpGet.httpHeaders[]': 'A header name and value.',
    'httpGet.httpHeaders[].name': 'Header name (canonicalised on output).',
    'httpGet.httpHeaders[].value': 'Header value.',
    'httpGet.path': 'Request path.',
    'httpGet.port': 'Port number (1 to 65535) or the name of a container port.',
    'httpGet.scheme': 'HTTP (default) or HTTPS.',
    'tcpSocket': 'Opens a TCP connection; an established connection is success.',
    'tcpSocket.host': 'Host to connect to; the pod IP when empty.',
    'tcpSocket.port': 'Port number (1 to 65535) or the name of a container port.',
  };
}

/** core Probe (and its handlers). */
export function probeDocs(what: string): DocTable {
  return {
    '': what,
    ...handlerDocs(),
    'failureThreshold': 'Consecutive failures after which the probe counts as failed; 3 by default, at least 1.',
    'grpc': 'Calls the gRPC health-checking service of the container.',
    'grpc.port': 'Port of the gRPC service, 1 to 65535.',
    'grpc.service': 'Service name sent in the health check request; empty checks the server as a whole.',
    'httpGet.host': 'Host to connect to; must stay empty (the pod IP): Kruise rejects other hosts.',
    'initialDelaySeconds': 'Seconds after the container starts before the first probe; 0 by default.',
    'periodSeconds': 'Seconds between probes; 10 by default, at least 1.',
    'successThreshold': 'Consecutive successes after a failure before the probe counts as passing; 1 by default.',
    'tcpSocket.host': 'Host to connect to; must stay empty (the pod IP): Kruise rejects other hosts.',
    'terminationGracePeriodSeconds': 'Seconds the pod gets to stop after a failing probe triggers a kill; overrides the pod\'s value.',
    'timeoutSeconds': 'Seconds before a probe attempt times out; 1 by default.',
  };
}

/** A workload reference by apiVersion, kind and name. */
export function targetReferenceDocs(what: string): DocTable {
  return {
    '': what,
    'apiVersion': 'API version of the workload, such as apps.kruise.io/v1beta1.',
    'kind': 'Kind of the workload, such as StatefulSet.',
    'name': 'Name of the workload, in the same namespace.',
  };
}

/** A list of core PreferredSchedulingTerms. */
export function preferredSchedulingTermsDocs(what: string): DocTable {
  return {
    '': what,
    '[]': 'A weighted node preference; the scheduler favours nodes that match it.',
    ...at('[].preference', nodeSelectorTermDocs('Nodes that earn the weight.')),
    '[].weight': 'Weight added to a node\'s score when it matches, 1 to 100.',
  };
}
