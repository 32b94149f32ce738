import { podProbeMarkerDocs } from './docs/pod-probe-marker';
import { labelSelector } from './fragments';
import { KindModel } from './model';
import { containerProbe } from './node-pod-probe';
import { arr, int64, obj, root, Schema, str, strMap } from './schema';

/** ProbeMarkerPolicy: labels and annotations to put on a pod in a probe state. */
function probeMarkerPolicy(): Schema {
  return obj({ annotations: strMap(), labels: strMap(), state: str() }, ['state']);
}

function podProbeMarkerSpec(): Schema {
  return obj({
    probes: arr(containerProbe({ markerPolicy: arr(probeMarkerPolicy()), podConditionType: str() })),
    selector: labelSelector(),
  }, ['probes', 'selector']);
}

function podProbeMarkerStatus(): Schema {
  return obj({ matchedPods: int64(), observedGeneration: int64() }, ['observedGeneration']);
}

/** PodProbeMarker: custom container probes whose results mark pods. */
export const podProbeMarkerModel: KindModel = {
  group: 'apps.kruise.io',
  kind: 'PodProbeMarker',
  plural: 'podprobemarkers',
  singular: 'podprobemarker',
  scope: 'Namespaced',
  inChart: true,
  docs: podProbeMarkerDocs,
  versions: [{
    name: 'v1alpha1',
    served: true,
    storage: true,
    schema: root(podProbeMarkerSpec(), podProbeMarkerStatus(), { description: 'PodProbeMarker runs custom probes in pods and labels them by the result.' }),
    statusSubresource: true,
  }],
};
