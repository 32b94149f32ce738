/**
 * Field descriptions of Kruise 1.8, as a delta over 1.7: the fields 1.8 adds
 * and the fields whose meaning changed. The 1.8 model of a kind takes
 * `docsFor18(kind)`; nothing of the 1.7 tables is copied.
 */
import { advancedCronJobDocs } from './advanced-cron-job';
import { broadcastJobDocs } from './broadcast-job';
import { cloneSetDocs } from './clone-set';
import { containerRecreateRequestDocs } from './container-recreate-request';
import { daemonSetDocs } from './daemon-set';
import { at, DocTable, extendDocs, KindDocs, LazyDocs, mount } from './docs';
import { ephemeralJobDocs } from './ephemeral-job';
import { conditionsDocs, selectorDocs } from './fragments';
import { imageListPullJobDocs } from './image-list-pull-job';
import { imagePullJobDocs } from './image-pull-job';
import { nodeImageDocs } from './node-image';
import { persistentPodStateDocs } from './persistent-pod-state';
import { nodePodProbeDocs, podProbeMarkerDocs } from './pod-probe-marker';
import { podUnavailableBudgetDocs } from './pod-unavailable-budget';
import { resourceDistributionDocs } from './resource-distribution';
import { sidecarSetDocs } from './sidecar-set';
import { statefulSetDocs } from './stateful-set';
import { unitedDeploymentDocs } from './united-deployment';
import { workloadSpreadDocs } from './workload-spread';

/** The 1.7 docs of every kind, by kind name. */
export const KRUISE_1_7_DOCS: { readonly [kind: string]: LazyDocs } = {
  AdvancedCronJob: advancedCronJobDocs,
  BroadcastJob: broadcastJobDocs,
  CloneSet: cloneSetDocs,
  ContainerRecreateRequest: containerRecreateRequestDocs,
  DaemonSet: daemonSetDocs,
  EphemeralJob: ephemeralJobDocs,
  ImageListPullJob: imageListPullJobDocs,
  ImagePullJob: imagePullJobDocs,
  NodeImage: nodeImageDocs,
  NodePodProbe: nodePodProbeDocs,
  PersistentPodState: persistentPodStateDocs,
  PodProbeMarker: podProbeMarkerDocs,
  PodUnavailableBudget: podUnavailableBudgetDocs,
  ResourceDistribution: resourceDistributionDocs,
  SidecarSet: sidecarSetDocs,
  StatefulSet: statefulSetDocs,
  UnitedDeployment: unitedDeploymentDocs,
  WorkloadSpread: workloadSpreadDocs,
};

/** Advanced StatefulSet spec fields new or changed in 1.8 (also mounted in UnitedDeployment's template). */
const statefulSetSpec18Docs = (): DocTable => ({
  'spec.reserveOrdinals': 'Ordinals the controller skips: no pod is created with them and replicas counts only the others. Since 1.8 an item may also be a range string such as "3-5" (3, 4 and 5). Unique, at least 0.',
  'spec.updateStrategy.rollingUpdate.partition': 'Since 1.8: the number of pods kept on the old revision (replicas minus partition pods are updated), whatever the update order; in 1.7 it was an ordinal. At least 0; the defaulting webhook sets 0.',
  'spec.volumeClaimUpdateStrategy': 'How changes to volumeClaimTemplates reach existing claims. Only acts with the StatefulSetAutoResizePVCGate feature gate (off by default).',
  'spec.volumeClaimUpdateStrategy.type': 'OnPodRollingUpdate (claims are resized as their pods are updated) or OnDelete (a claim changes only when it is deleted and recreated); the defaulting webhook sets OnDelete when the gate is on.',
});

const UD_ASTS = 'spec.template.advancedStatefulSetTemplate.spec';

/** Per kind: what 1.8 adds to or changes in the 1.7 text. Kinds without an entry are unchanged. */
export const KRUISE_1_8_DOC_DELTAS: { readonly [kind: string]: () => Partial<KindDocs> } = {
  CloneSet: () => ({
    fields: {
      'status.updatedAvailableReplicas': 'Pods at updateRevision that have been ready for at least minReadySeconds. With InPlaceWorkloadVerticalScaling (1.8), a pod whose resources are being resized counts as unavailable.',
    },
  }),
  SidecarSet: () => ({
    fields: {
      'spec.injectionStrategy.revision.policy': 'Always (schema default): every new pod gets the pinned revision, unless updateStrategy.selector picks it. Partial (1.8): pods picked by updateStrategy.selector, or a share of new pods of 1 minus the partition percentage, get the latest revision instead.',
      'spec.updateStrategy.paused': 'When true injected pods are not updated; injection into new pods goes on (since 1.8 their revision also follows updateStrategy.selector). False by default.',
      'spec.updateStrategy.selector': 'When set, only matching pods are updated (RollingUpdate only); must not be empty. Since 1.8, with a pinned injection revision, new pods it matches get the latest sidecar instead of the pinned one.',
    },
  }),
  StatefulSet: () => ({
    apiVersions: {
      v1beta1: {
        ...statefulSetSpec18Docs(),
        'status.volumeClaims': 'Per volume claim template: how many pods have claims that match it after a template change (1.8).',
        'status.volumeClaims[]': 'The state of the claims of one template.',
        'status.volumeClaims[].compatibleReadyReplicas': 'Pods whose claim requests at least the template\'s storage and whose volume has been resized.',
        'status.volumeClaims[].compatibleReplicas': 'Pods whose claim requests at least the template\'s storage.',
        'status.volumeClaims[].volumeClaimName': 'Name of the volume claim template.',
      },
    },
  }),
  UnitedDeployment: () => ({
    fields: {
      ...mount(statefulSetSpec18Docs(), 'spec', UD_ASTS),
      'spec.topology.scheduleStrategy': 'What happens when a subset cannot schedule its pods (1.8).',
      'spec.topology.scheduleStrategy.adaptive': 'Settings of the Adaptive type.',
      'spec.topology.scheduleStrategy.adaptive.rescheduleCriticalSeconds': 'Seconds a pod may stay unschedulable before its replica moves to another subset; 30 by default (controller).',
      'spec.topology.scheduleStrategy.adaptive.unschedulableLastSeconds': 'Seconds a subset that failed to schedule stays marked unschedulable before it gets pods again; 300 by default (controller).',
      'spec.topology.scheduleStrategy.type': 'Fixed (default: each subset keeps its share) or Adaptive (pods that cannot be scheduled move to other subsets).',
      'status.subsetStatuses': 'State per subset (1.8).',
      'status.subsetStatuses[]': 'The state of one subset.',
      ...at('status.subsetStatuses[].conditions', conditionsDocs('subset')),
      'status.subsetStatuses[].conditions[].type': 'Schedulable.',
      'status.subsetStatuses[].name': 'Name of the subset.',
      'status.subsetStatuses[].partition': 'Partition of the subset; not used yet.',
      'status.subsetStatuses[].replicas': 'Pods of the subset; not used yet.',
    },
  }),
  WorkloadSpread: () => ({
    fields: {
      'spec.targetFilter': 'Limits the WorkloadSpread to some of the workload\'s pods, and says how to count them (1.8).',
      'spec.targetFilter.replicasPathList': 'Dot-separated paths in the target object (such as spec.tfReplicaSpecs.Worker.replicas) whose values are added up to give the number of filtered pods; empty means the workload\'s replicas.',
      ...at('spec.targetFilter.selector', selectorDocs('Only pods whose labels match are spread.')),
    },
  }),
};

/** The Kruise 1.8 docs of a kind: its 1.7 table with the 1.8 delta on top. */
export function docsFor18(kind: string): KindDocs {
  const base = KRUISE_1_7_DOCS[kind]?.();
  if (!base) throw new Error(`no field docs for kind ${kind}`);
  const delta = KRUISE_1_8_DOC_DELTAS[kind];
  return delta ? extendDocs(base, delta()) : base;
}
