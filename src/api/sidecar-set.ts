import { sidecarSetDocs } from './docs/sidecar-set';
import { labelSelector, priorityStrategy, scatterStrategy } from './fragments';
import { ageColumn, KindModel } from './model';
import { arr, bool, int32, int64, intOrString, obj, preserved, root, Schema, str, strList, strMap } from './schema';

/** core ObjectFieldSelector (atomic map). */
function objectFieldSelector(): Schema {
  return obj({ apiVersion: str(), fieldPath: str() }, ['fieldPath'], { atomic: true });
}

/** TransferEnvVar: an env var copied from another container of the pod. */
function transferEnvVar(): Schema {
  return obj({
    envName: str(),
    envNames: strList(),
    sourceContainerName: str(),
    sourceContainerNameFrom: obj({ fieldRef: objectFieldSelector() }),
  });
}

/**
 * SidecarContainer (containers and initContainers): the core Container is
 * kept unvalidated; only the SidecarSet-specific fields are typed.
 */
function sidecarContainer(): Schema {
  return obj({
    podInjectPolicy: str(),
    shareVolumePolicy: obj({ type: str() }),
    transferEnv: arr(transferEnvVar()),
    upgradeStrategy: obj({ hotUpgradeEmptyImage: str(), upgradeType: str() }),
  }, undefined, { 'x-kubernetes-preserve-unknown-fields': true });
}

function sidecarSetSpec(): Schema {
  return obj({
    containers: arr(sidecarContainer()),
    imagePullSecrets: arr(obj({ name: str() }, undefined, { atomic: true })),
    initContainers: arr(sidecarContainer()),
    injectionStrategy: obj({
      paused: bool(),
      revision: obj({ customVersion: str(), policy: str(), revisionName: str() }),
    }),
    namespace: str(),
    namespaceSelector: labelSelector(),
    patchPodMetadata: arr(obj({ annotations: strMap(), patchPolicy: str() })),
    revisionHistoryLimit: int32(),
    selector: labelSelector(),
    updateStrategy: obj({
      maxUnavailable: intOrString(),
      partition: intOrString(),
      paused: bool(),
      priorityStrategy: priorityStrategy(),
      scatterStrategy: scatterStrategy(),
      selector: labelSelector(),
      type: str(),
    }),
    volumes: preserved(),
  });
}

function sidecarSetStatus(): Schema {
  return obj({
    collisionCount: int32(),
    latestRevision: str(),
    matchedPods: int32(),
    observedGeneration: int64(),
    readyPods: int32(),
    updatedPods: int32(),
    updatedReadyPods: int32(),
  }, ['matchedPods', 'readyPods', 'updatedPods']);
}

/** SidecarSet: injects and upgrades sidecar containers in the pods it selects. */
export const sidecarSetModel: KindModel = {
  group: 'apps.kruise.io',
  kind: 'SidecarSet',
  plural: 'sidecarsets',
  singular: 'sidecarset',
  scope: 'Cluster',
  inChart: true,
  docs: sidecarSetDocs,
  versions: [{
    name: 'v1alpha1',
    served: true,
    storage: true,
    schema: root(sidecarSetSpec(), sidecarSetStatus(), { description: 'SidecarSet injects sidecar containers into matching pods and keeps them up to date.' }),
    statusSubresource: true,
    printerColumns: [
      { name: 'MATCHED', type: 'integer', jsonPath: '.status.matchedPods', description: 'Pods selected.' },
      { name: 'UPDATED', type: 'integer', jsonPath: '.status.updatedPods', description: 'Selected pods with the latest sidecars.' },
      { name: 'READY', type: 'integer', jsonPath: '.status.readyPods', description: 'Selected pods that are ready.' },
      ageColumn(),
    ],
  }],
};
