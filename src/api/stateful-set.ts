import { statefulSetDocs } from './docs/stateful-set';
import { conditions, inPlaceUpdateStrategy, labelSelector, lifecycle, priorityStrategy, template } from './fragments';
import { ageColumn, KindModel, PrinterColumn, templateContainerColumns } from './model';
import { arr, bool, int32, int64, integer, intOrString, obj, preserved, root, Schema, str } from './schema';

/** UnorderedUpdateStrategy: the update order of pods when the policy is Parallel. */
export function statefulSetUnorderedUpdate(): Schema {
  return obj({ priorityStrategy: priorityStrategy() });
}

/** RollingUpdateStatefulSetStrategy (same in v1alpha1 and v1beta1). */
export function statefulSetRollingUpdate(): Schema {
  return obj({
    inPlaceUpdateStrategy: inPlaceUpdateStrategy(),
    maxUnavailable: intOrString(),
    minReadySeconds: int32(),
    partition: int32(),
    paused: bool(),
    podUpdatePolicy: str(),
    unorderedUpdate: statefulSetUnorderedUpdate(),
  });
}

/** StatefulSetUpdateStrategy (also used by UnitedDeployment's advancedStatefulSetTemplate). */
export function statefulSetUpdateStrategy(): Schema {
  return obj({ rollingUpdate: statefulSetRollingUpdate(), type: str() });
}

/** StatefulSetScaleStrategy (v1beta1). */
export function statefulSetScaleStrategy(): Schema {
  return obj({ maxUnavailable: intOrString() });
}

/** StatefulSetPersistentVolumeClaimRetentionPolicy (v1beta1). */
export function statefulSetPvcRetentionPolicy(): Schema {
  return obj({ whenDeleted: str(), whenScaled: str() });
}

/** StatefulSetOrdinals (v1beta1): the number of the first replica. */
export function statefulSetOrdinals(): Schema {
  return obj({ start: int32() });
}

/** The v1alpha1 StatefulSetSpec. */
export function statefulSetSpecV1alpha1(): Schema {
  return obj({
    podManagementPolicy: str(),
    replicas: int32(),
    revisionHistoryLimit: int32(),
    selector: labelSelector(),
    serviceName: str(),
    template: template(),
    updateStrategy: statefulSetUpdateStrategy(),
    volumeClaimTemplates: preserved(),
  }, ['selector', 'template']);
}

/** The v1beta1 StatefulSetSpec (also embedded in UnitedDeployment's advancedStatefulSetTemplate). */
export function statefulSetSpecV1beta1(): Schema {
  return obj({
    lifecycle: lifecycle(),
    ordinals: statefulSetOrdinals(),
    persistentVolumeClaimRetentionPolicy: statefulSetPvcRetentionPolicy(),
    podManagementPolicy: str(),
    replicas: int32(),
    reserveOrdinals: arr(integer()),
    revisionHistoryLimit: int32(),
    scaleStrategy: statefulSetScaleStrategy(),
    selector: labelSelector(),
    serviceName: str(),
    template: template(),
    updateStrategy: statefulSetUpdateStrategy(),
    volumeClaimTemplates: preserved(),
  }, ['selector', 'template']);
}

/** StatefulSetStatus; v1beta1 adds the updated ready/available counts. */
function statefulSetStatus(version: 'v1alpha1' | 'v1beta1'): Schema {
  const props: { [name: string]: Schema } = {
    availableReplicas: int32(),
    collisionCount: int32(),
    conditions: conditions(),
    currentReplicas: int32(),
    currentRevision: str(),
    labelSelector: str(),
    observedGeneration: int64(),
    readyReplicas: int32(),
    replicas: int32(),
    updateRevision: str(),
  };
  if (version === 'v1beta1') {
    props.updatedAvailableReplicas = int32();
    props.updatedReadyReplicas = int32();
  }
  props.updatedReplicas = int32();
  return obj(props, ['availableReplicas', 'currentReplicas', 'readyReplicas', 'replicas', 'updatedReplicas']);
}

function statefulSetColumns(): PrinterColumn[] {
  return [
    { name: 'DESIRED', type: 'integer', jsonPath: '.spec.replicas', description: 'Desired pods.' },
    { name: 'CURRENT', type: 'integer', jsonPath: '.status.replicas', description: 'Pods that exist now.' },
    { name: 'UPDATED', type: 'integer', jsonPath: '.status.updatedReplicas', description: 'Pods at the update revision.' },
    { name: 'READY', type: 'integer', jsonPath: '.status.readyReplicas', description: 'Ready pods.' },
    ageColumn(),
    ...templateContainerColumns(),
  ];
}

const DESCRIPTION = 'Advanced StatefulSet: ordered pods with stable identity, in-place update and reserved ordinals.';

/** Advanced StatefulSet (served as v1alpha1 and v1beta1; v1beta1 is stored). */
export const statefulSetModel: KindModel = {
  group: 'apps.kruise.io',
  kind: 'StatefulSet',
  plural: 'statefulsets',
  singular: 'statefulset',
  shortNames: ['sts', 'asts'],
  scope: 'Namespaced',
  conversionWebhook: true,
  inChart: true,
  docs: statefulSetDocs,
  versions: [
    {
      name: 'v1alpha1',
      served: true,
      storage: false,
      schema: root(statefulSetSpecV1alpha1(), statefulSetStatus('v1alpha1'), { description: DESCRIPTION }),
      statusSubresource: true,
      scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas', labelSelectorPath: '.status.labelSelector' },
      printerColumns: statefulSetColumns(),
    },
    {
      name: 'v1beta1',
      served: true,
      storage: true,
      schema: root(statefulSetSpecV1beta1(), statefulSetStatus('v1beta1'), { description: DESCRIPTION }),
      statusSubresource: true,
      scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas', labelSelectorPath: '.status.labelSelector' },
      printerColumns: statefulSetColumns(),
    },
  ],
};
