/**
 * Kruise 1.8 (chart 1.8.3, image v1.8.3) as a delta over 1.7. Facts: kruise tag
 * v1.8.3 (CRDs, gates), chart 1.8.3 (values, templates).
 */
import { ClusterRoleData, KindVersionDelta, SchemaChange, VersionDelta } from './types';
import { KRUISE_1_8_DOC_DELTAS } from '../api/docs/kruise-1.8';
import { labelSelector } from '../api/fragments';
import { arr, dateTime, int32, intOrString, obj, Schema, str, strList } from '../api/schema';

/** VolumeClaimUpdateStrategy of an Advanced StatefulSet spec. */
function volumeClaimUpdateStrategy(): Schema {
  return obj({
    type: str({ description: 'When changed volumeClaimTemplates reach existing claims: OnPodRollingUpdate (resized with the pod update, needs the StatefulSetAutoResizePVCGate gate) or OnDelete (only claims made after the old ones are deleted).' }),
  }, undefined, { description: 'How changes to volumeClaimTemplates are applied to the claims that already exist.' });
}

/** The 1.8 changes of an Advanced StatefulSet v1beta1 spec, under `prefix` (its own or UnitedDeployment's template). */
function statefulSetSpecChanges(prefix: string): SchemaChange[] {
  return [
    { op: 'add', path: `${prefix}.volumeClaimUpdateStrategy`, schema: volumeClaimUpdateStrategy() },
    { op: 'replace', path: `${prefix}.reserveOrdinals[]`, schema: intOrString() },
    { op: 'set', path: `${prefix}.reserveOrdinals`, keywords: { description: 'Ordinals the StatefulSet skips: an integer, or a range "from-to" of integers (both ends included), e.g. [1, "3-5"].' } },
    { op: 'set', path: `${prefix}.updateStrategy.rollingUpdate.partition`, keywords: { description: 'How many pods keep the old revision during a rolling update (since Kruise 1.8 a count of pods, not an ordinal); replicas minus partition pods are updated.' } },
  ];
}

const FIELDS: KindVersionDelta[] = [
  {
    kind: 'CloneSet',
    version: 'v1alpha1',
    addPrinterColumns: [{ at: 3, column: { name: 'UPDATED_AVAILABLE', type: 'integer', jsonPath: '.status.updatedAvailableReplicas', description: 'Pods at the update revision and available.' } }],
  },
  {
    kind: 'SidecarSet',
    version: 'v1alpha1',
    schema: [
      { op: 'set', path: 'spec.injectionStrategy.revision.policy', keywords: { default: 'Always', enum: ['Always', 'Partial'], description: 'Which revision new pods get: Always the pinned revision, or Partial (pinned for pods outside the update selector or beyond the partition, latest otherwise).' } },
    ],
  },
  {
    kind: 'StatefulSet',
    version: 'v1beta1',
    schema: [
      ...statefulSetSpecChanges('spec'),
      {
        op: 'add',
        path: 'status.volumeClaims',
        schema: arr(obj({
          compatibleReadyReplicas: int32({ description: 'Ready pods whose claims match the current template.' }),
          compatibleReplicas: int32({ description: 'Pods whose claims match the current template.' }),
          volumeClaimName: str({ description: 'The volumeClaimTemplate name.' }),
        }, ['compatibleReadyReplicas', 'compatibleReplicas', 'volumeClaimName']), { description: 'Per volumeClaimTemplate: how many pods have claims that match it.' }),
      },
    ],
  },
  {
    kind: 'UnitedDeployment',
    version: 'v1alpha1',
    schema: [
      ...statefulSetSpecChanges('spec.template.advancedStatefulSetTemplate.spec'),
      {
        op: 'add',
        path: 'spec.topology.scheduleStrategy',
        schema: obj({
          adaptive: obj({
            rescheduleCriticalSeconds: int32({ description: 'How long a pod may stay pending before the subset counts as unschedulable (Kruise defaults it to 30).' }),
            unschedulableLastSeconds: int32({ description: 'How long a subset stays marked unschedulable (Kruise defaults it to 300).' }),
          }, undefined, { description: 'Settings of the Adaptive strategy.' }),
          type: str({ enum: ['Adaptive', 'Fixed', ''], description: 'Fixed (the default) keeps each subset at its share; Adaptive moves pods that cannot be scheduled to other subsets.' }),
        }, undefined, { description: 'How replicas move between subsets when a subset cannot schedule its pods.' }),
      },
      {
        op: 'add',
        path: 'status.subsetStatuses',
        schema: arr(obj({
          conditions: arr(obj({
            lastTransitionTime: dateTime({ description: 'When the condition last changed.' }),
            message: str({ description: 'Details for people.' }),
            reason: str({ description: 'Why the condition changed, one word.' }),
            status: str({ description: 'True, False or Unknown.' }),
            type: str({ description: 'The condition, e.g. Schedulable.' }),
          }, ['status', 'type']), { description: 'Conditions of the subset.' }),
          name: str({ description: 'The subset.' }),
          partition: int32({ description: 'The partition of the subset.' }),
          replicas: int32({ description: 'Replicas of the subset.' }),
        }), { description: 'The state of each subset.' }),
      },
    ],
  },
  {
    kind: 'WorkloadSpread',
    version: 'v1alpha1',
    schema: [
      {
        op: 'add',
        path: 'spec.targetFilter',
        schema: obj({
          replicasPathList: strList({ description: 'Paths in the target workload whose values, added up, are the replicas to spread (for custom workloads), e.g. spec.tfReplicaSpecs.Worker.replicas.' }),
          selector: labelSelector(),
        }, undefined, { description: 'Narrows the spread to the target\'s pods this selector matches, and where to read their replica count.' }),
      },
    ],
  },
];

const VIEW_RESOURCES = [
  'advancedcronjobs', 'broadcastjobs', 'clonesets', 'containerrecreaterequests', 'daemonsets', 'imagelistpulljobs', 'imagepulljobs',
  'nodeimages', 'nodepodprobes', 'persistentpodstates', 'podprobemarkers', 'sidecarsets', 'statefulsets', 'uniteddeployments', 'workloadspreads',
];
const SCALABLE = new Set(['clonesets', 'statefulsets', 'uniteddeployments']);

/** The aggregate ClusterRoles: Kruise kinds for the built-in view, edit and admin roles. */
const AGGREGATE_ROLES: ClusterRoleData[] = [
  {
    name: 'aggregate-kruise-view',
    labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' },
    rules: [{
      apiGroups: ['apps.kruise.io'],
      resources: VIEW_RESOURCES.flatMap(r => [r, ...(SCALABLE.has(r) ? [`${r}/scale`] : []), `${r}/status`]),
      verbs: ['get', 'list', 'watch'],
    }],
  },
  {
    name: 'aggregate-kruise-edit',
    labels: { 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' },
    rules: [{
      apiGroups: ['apps.kruise.io'],
      resources: VIEW_RESOURCES.flatMap(r => [r, ...(SCALABLE.has(r) ? [`${r}/scale`] : [])]),
      verbs: ['create', 'delete', 'deletecollection', 'patch', 'update'],
    }],
  },
  {
    name: 'aggregate-kruise-admin',
    labels: { 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' },
    rules: [
      { apiGroups: ['apps.kruise.io'], resources: ['resourcedistributions/status'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['apps.kruise.io'], resources: ['resourcedistributions'], verbs: ['get', 'list', 'watch', 'create', 'delete', 'deletecollection', 'patch', 'update'] },
    ],
  },
];

export const KRUISE_1_8: VersionDelta = {
  version: '1.8',
  base: '1.7',
  chartVersion: '1.8.3',
  imageTag: 'v1.8.3',
  model: { fields: FIELDS, docs: KRUISE_1_8_DOC_DELTAS },
  gates: {
    added: {
      StatefulSetAutoResizePVCGate: { default: false, stage: 'ALPHA' },
      ForceDeleteTimeoutExpectationGate: { default: false, stage: 'ALPHA' },
      InPlaceWorkloadVerticalScaling: { default: false, stage: 'ALPHA' },
      EnablePodProbeMarkerOnServerless: { default: false, stage: 'ALPHA' },
    },
    changed: {
      ResourcesDeletionProtection: { default: false, stage: 'BETA' },
      WorkloadSpread: { stage: 'BETA' },
      PodUnavailableBudgetDeleteGate: { stage: 'BETA' },
      InPlaceUpdateEnvFromMetadata: { stage: 'BETA' },
      StatefulSetAutoDeletePVC: { stage: 'BETA' },
      PodProbeMarkerGate: { stage: 'BETA' },
    },
    forcedOffWhenDisabled: { PodWebhook: ['EnablePodProbeMarkerOnServerless'] },
    defaultChangeNotes: {
      ResourcesDeletionProtection: 'deletion protection is off: kruise-manager no longer refuses to delete namespaces, CRDs and workloads labelled policy.kruise.io/delete-protection (and DeletionProtectionForCRDCascadingGate is forced off)',
    },
  },
  chartValueDefaults: { 'manager.image.tag': 'v1.8.3' },
  rbac: {
    clusterRoles: AGGREGATE_ROLES,
    managerRulesWhenGate: [{
      gate: 'StatefulSetAutoResizePVCGate',
      rules: [{ apiGroups: ['storage.k8s.io'], resources: ['storageclasses'], verbs: ['get', 'list', 'watch'] }],
    }],
  },
};
