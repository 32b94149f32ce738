/** Descriptions of SidecarSet (apps.kruise.io/v1alpha1). */
import { at, DocTable, KindDocs } from './docs';
import { priorityStrategyDocs, scatterStrategyDocs, selectorDocs } from './fragments';
import { once } from '../../base/once';

/** The SidecarSet-specific fields of a sidecar container (containers and initContainers). */
function sidecarContainerDocs(init: boolean): DocTable {
  return {
    '': init
      ? 'An init container injected into new pods only, in name order; with restartPolicy Always it is a native sidecar (then updateStrategy.type must be NotUpdate). Any core Container field is accepted.'
      : 'A container injected into matching pods; any core Container field is accepted, plus the injection and upgrade settings below.',
    'podInjectPolicy': 'BeforeAppContainer puts the sidecar before the pod\'s own containers, AfterAppContainer after them; the defaulting webhook sets BeforeAppContainer for containers and AfterAppContainer for init containers.',
    'shareVolumePolicy': 'Whether the sidecar also gets the volume mounts of the pod\'s other containers.',
    'shareVolumePolicy.type': 'enabled or disabled (the default, set by the defaulting webhook).',
    'transferEnv': 'Environment variables copied into the sidecar from another container of the pod.',
    'transferEnv[]': 'One copy: a source container and the variable names to take from it.',
    'transferEnv[].envName': 'Name of one variable to copy.',
    'transferEnv[].envNames': 'Names of several variables to copy.',
    'transferEnv[].sourceContainerName': 'Name of the container to copy from.',
    'transferEnv[].sourceContainerNameFrom': 'Reads the source container\'s name from the pod instead.',
    'transferEnv[].sourceContainerNameFrom.fieldRef': 'Pod field holding the container name: only metadata.labels[\'key\'] or metadata.annotations[\'key\'].',
    'transferEnv[].sourceContainerNameFrom.fieldRef.apiVersion': 'API version the field path refers to; only v1.',
    'transferEnv[].sourceContainerNameFrom.fieldRef.fieldPath': 'Path of the pod field, such as metadata.labels[\'app\'].',
    'upgradeStrategy': 'How a running sidecar moves to a new image.',
    'upgradeStrategy.hotUpgradeEmptyImage': 'For HotUpgrade: an image that behaves like the sidecar (command, probes) but does no work; it stands in while the two sidecar slots swap.',
    'upgradeStrategy.upgradeType': 'ColdUpgrade (default, defaulting webhook: restart the container with the new image) or HotUpgrade (run the new version beside the old and switch, for stateful proxies such as Envoy). Immutable.',
  };
}

const specDocs = (): DocTable => ({
  'spec': 'Desired state of the SidecarSet: the containers to inject, which pods get them, and how injected pods are updated.',
  ...at('spec.containers', { '': 'Sidecar containers injected into matching pods when they are created; at least one container or init container is required.' }),
  ...at('spec.containers[]', sidecarContainerDocs(false)),
  'spec.imagePullSecrets': 'Secrets added to the pod\'s imagePullSecrets so the sidecar images can be pulled.',
  'spec.imagePullSecrets[]': 'A Secret in the pod\'s namespace, by name.',
  'spec.imagePullSecrets[].name': 'Name of the Secret.',
  ...at('spec.initContainers', { '': 'Init containers injected into pods when they are created (never into running pods), in ascending name order.' }),
  ...at('spec.initContainers[]', sidecarContainerDocs(true)),
  'spec.injectionStrategy': 'Controls injection into newly created pods.',
  'spec.injectionStrategy.paused': 'When true new pods get no sidecars, while pods already injected keep them and keep being updated; false by default.',
  'spec.injectionStrategy.revision': 'Inject a recorded revision of this SidecarSet rather than the current one (for a safe canary); needs revisionName or customVersion.',
  'spec.injectionStrategy.revision.customVersion': 'Value of the apps.kruise.io/sidecarset-custom-version label that picks the stored revision to inject.',
  'spec.injectionStrategy.revision.policy': 'Always (the only value in 1.7; the defaulting webhook sets it when revision is given): inject the pinned revision into every new pod.',
  'spec.injectionStrategy.revision.revisionName': 'Name of the ControllerRevision of this SidecarSet to inject; it must exist.',
  'spec.namespace': 'Only pods of this namespace are injected; empty means all namespaces. Excludes namespaceSelector.',
  ...at('spec.namespaceSelector', selectorDocs('Only pods in namespaces with matching labels are injected; excludes namespace and must not be empty when set. Unset means every namespace.')),
  'spec.patchPodMetadata': 'Annotations written into injected pods (and updated in place). Allowed only for keys whitelisted in the kruise-configuration ConfigMap, or with the SidecarSetPatchPodMetadataDefaultsAllowed feature gate.',
  'spec.patchPodMetadata[]': 'One set of annotations and how to merge it.',
  'spec.patchPodMetadata[].annotations': 'Annotations to write; must not be empty, and no key may appear in two entries.',
  'spec.patchPodMetadata[].patchPolicy': 'Retain (default, defaulting webhook: keep a value already on the pod), Overwrite (replace it) or MergePatchJson (merge JSON values).',
  'spec.revisionHistoryLimit': 'How many old ControllerRevisions to keep; the defaulting webhook sets 10.',
  ...at('spec.selector', selectorDocs('Pods whose labels match get the sidecars; required and non-empty.')),
  'spec.updateStrategy': 'How sidecars in pods that already have them move to a new version (in place, without recreating the pod).',
  'spec.updateStrategy.maxUnavailable': 'Pods that may be unavailable at once while their sidecars update: a count or a percentage of matched pods (rounded up), not 0; 1 by default (defaulting webhook).',
  'spec.updateStrategy.partition': 'Matched pods to keep on the old sidecar version (count or percentage, at least 0); the defaulting webhook sets 0.',
  'spec.updateStrategy.paused': 'When true injected pods are not updated; injection into new pods goes on. False by default.',
  ...at('spec.updateStrategy.priorityStrategy', priorityStrategyDocs()),
  ...at('spec.updateStrategy.scatterStrategy', scatterStrategyDocs()),
  ...at('spec.updateStrategy.selector', selectorDocs('When set, only matching pods are updated (RollingUpdate only); must not be empty.')),
  'spec.updateStrategy.type': 'RollingUpdate (default, defaulting webhook) updates injected pods; NotUpdate only injects into new pods.',
  'spec.volumes': 'Volumes added to injected pods for the sidecars to mount (core Volume objects, kept without schema validation).',
});

const statusDocs = (): DocTable => ({
  'status': 'Observed state of the SidecarSet, written by the controller.',
  'status.collisionCount': 'Times the hash of a new revision collided with an existing ControllerRevision name; used to make names unique.',
  'status.latestRevision': 'Name of the ControllerRevision of the current spec.',
  'status.matchedPods': 'Pods the selector matches that were created after the SidecarSet.',
  'status.observedGeneration': 'The metadata.generation this status reflects.',
  'status.readyPods': 'Matched pods that are ready.',
  'status.updatedPods': 'Matched pods whose sidecars are at the latest version.',
  'status.updatedReadyPods': 'Matched pods with the latest sidecars that are ready.',
});

export const sidecarSetDocs = once((): KindDocs => ({ fields: { ...specDocs(), ...statusDocs() } }));
