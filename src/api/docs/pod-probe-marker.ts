/** Descriptions of PodProbeMarker and NodePodProbe (apps.kruise.io/v1alpha1). */
import { at, DocTable, KindDocs } from './docs';
import { probeDocs, selectorDocs } from './fragments';
import { once } from '../../base/once';

/** A named container probe (`probes[]` of PodProbeMarker and NodePodProbe's pods). */
function containerProbeDocs(probeWhat: string): DocTable {
  return {
    containerName: 'Container the probe runs in; required.',
    name: 'Probe name; required, unique in the pod, without \'#\', and not a built-in pod condition type.',
    ...at('probe', probeDocs(probeWhat)),
  };
}

const ppmSpecDocs = (): DocTable => ({
  'spec': 'Desired state of the PodProbeMarker: probes kruise-daemon runs in the selected pods, and the labels, annotations or conditions their results set. Needs the PodProbeMarkerGate and KruiseDaemon feature gates.',
  'spec.probes': 'Probes to run in each selected pod; at least one.',
  'spec.probes[]': 'A probe of one container and what its result marks on the pod.',
  ...at('spec.probes[]', containerProbeDocs('The check itself: exec (with a command) or tcpSocket (without host); httpGet is rejected.')),
  'spec.probes[].probe.httpGet': 'Not supported by PodProbeMarker: admission rejects it.',
  'spec.probes[].markerPolicy': 'Labels and annotations to set on the pod per result; markerPolicy or podConditionType (or both) is required.',
  'spec.probes[].markerPolicy[]': 'What to set on the pod when the probe is in one state.',
  'spec.probes[].markerPolicy[].annotations': 'Annotations to set, such as controller.kubernetes.io/pod-deletion-cost.',
  'spec.probes[].markerPolicy[].labels': 'Labels to set.',
  'spec.probes[].markerPolicy[].state': 'Succeeded or Failed, each used once; the marks of a state with no entry are removed when the probe reaches it.',
  'spec.probes[].podConditionType': 'Pod condition type (a valid label name, unique) that records the result: True on success, False on failure; usable as a readiness gate.',
  ...at('spec.selector', selectorDocs('Labels of the pods to probe; required, non-empty, immutable.')),
});

const ppmStatusDocs = (): DocTable => ({
  'status': 'Observed state of the PodProbeMarker, written by the controller.',
  'status.matchedPods': 'Pods the selector matches.',
  'status.observedGeneration': 'The metadata.generation this status reflects.',
});

export const podProbeMarkerDocs = once((): KindDocs => ({ fields: { ...ppmSpecDocs(), ...ppmStatusDocs() } }));

const P = 'spec.podProbes[]';
const S = 'status.podProbeStatuses[]';

export const nodePodProbeDocs = once((): KindDocs => ({
  fields: {
    'spec': 'Probes kruise-daemon runs for pods on the node named like this object; written by the PodProbeMarker controller, not by hand.',
    'spec.podProbes': 'Pods on the node with probes to run.',
    [P]: 'One pod and its probes.',
    [`${P}.IP`]: 'IP address of the pod.',
    [`${P}.name`]: 'Name of the pod.',
    [`${P}.namespace`]: 'Namespace of the pod.',
    [`${P}.probes`]: 'Probes to run in the pod (exec or tcpSocket); results go to status.',
    [`${P}.probes[]`]: 'One probe of one container.',
    ...at(`${P}.probes[]`, containerProbeDocs('The check to run.')),
    [`${P}.probes[].name`]: 'The PodProbeMarker name and the probe name, joined by \'#\'.',
    [`${P}.uid`]: 'UID of the pod.',
    'status': 'Probe results, written by kruise-daemon.',
    'status.podProbeStatuses': 'Results per pod.',
    [S]: 'The results of one pod.',
    [`${S}.name`]: 'Name of the pod.',
    [`${S}.namespace`]: 'Namespace of the pod.',
    [`${S}.probeStates`]: 'Result per probe.',
    [`${S}.probeStates[]`]: 'The latest result of one probe.',
    [`${S}.probeStates[].lastProbeTime`]: 'When the probe last ran (RFC 3339).',
    [`${S}.probeStates[].lastTransitionTime`]: 'When the state last changed (RFC 3339).',
    [`${S}.probeStates[].message`]: 'Output of the probe on success, its error on failure.',
    [`${S}.probeStates[].name`]: 'The PodProbeMarker name and the probe name, joined by \'#\'.',
    [`${S}.probeStates[].state`]: 'Succeeded, Failed or Unknown.',
    [`${S}.uid`]: 'UID of the pod.',
  },
}));
