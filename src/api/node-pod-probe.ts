import { nodePodProbeDocs } from './docs/pod-probe-marker';
import { probe } from './fragments';
import { KindModel } from './model';
import { arr, dateTime, obj, root, Schema, str } from './schema';

/**
 * ContainerProbe: a named probe of one container. `extra` adds fields
 * (PodProbeMarker's markerPolicy and podConditionType).
 */
export function containerProbe(extra: { [name: string]: Schema } = {}): Schema {
  return obj({ containerName: str(), name: str(), probe: probe(), ...extra }, ['containerName', 'name', 'probe']);
}

function nodePodProbeSpec(): Schema {
  return obj({
    podProbes: arr(obj({
      IP: str(),
      name: str(),
      namespace: str(),
      probes: arr(containerProbe()),
      uid: str(),
    }, ['IP', 'name', 'namespace', 'uid'])),
  });
}

function nodePodProbeStatus(): Schema {
  return obj({
    podProbeStatuses: arr(obj({
      name: str(),
      namespace: str(),
      probeStates: arr(obj({
        lastProbeTime: dateTime(),
        lastTransitionTime: dateTime(),
        message: str(),
        name: str(),
        state: str(),
      }, ['name', 'state'])),
      uid: str(),
    }, ['name', 'namespace', 'uid'])),
  });
}

/** NodePodProbe: the pod probes kruise-daemon runs on one node (one per node). */
export const nodePodProbeModel: KindModel = {
  group: 'apps.kruise.io',
  kind: 'NodePodProbe',
  plural: 'nodepodprobes',
  singular: 'nodepodprobe',
  scope: 'Cluster',
  inChart: true,
  docs: nodePodProbeDocs,
  versions: [{
    name: 'v1alpha1',
    served: true,
    storage: true,
    schema: root(nodePodProbeSpec(), nodePodProbeStatus(), { description: 'NodePodProbe holds the probes to run for pods on a node and their results.' }),
    statusSubresource: true,
  }],
};
