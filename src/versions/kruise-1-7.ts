/**
 * Kruise 1.7 (chart 1.7.5): the base version, written in full. Its API model is
 * the kind files of src/api; its gates and their rules are listed here
 * (pkg/features/kruise_features.go of branch release-1.7, in upstream order).
 */
import { GateData, GateRules } from './types';

export const VERSION = '1.7';
export const CHART_VERSION = '1.7.5';
export const IMAGE_TAG = 'v1.7.5';

const a = (d: boolean): GateData => ({ default: d, stage: 'ALPHA' });
const b = (d: boolean): GateData => ({ default: d, stage: 'BETA' });

/** The 28 gates, in upstream order. */
export const GATES: ReadonlyArray<readonly [string, GateData]> = [
  ['PodWebhook', b(true)],
  ['KruiseDaemon', b(true)],
  ['DaemonWatchingPod', b(true)],
  ['CloneSetShortHash', a(false)],
  ['KruisePodReadinessGate', a(false)],
  ['PreDownloadImageForInPlaceUpdate', a(false)],
  ['CloneSetPartitionRollback', a(false)],
  ['ResourcesDeletionProtection', a(true)],
  ['WorkloadSpread', a(true)],
  ['PodUnavailableBudgetDeleteGate', a(true)],
  ['PodUnavailableBudgetUpdateGate', a(false)],
  ['TemplateNoDefaults', a(false)],
  ['InPlaceUpdateEnvFromMetadata', a(true)],
  ['StatefulSetAutoDeletePVC', a(true)],
  ['SidecarSetPatchPodMetadataDefaultsAllowed', a(false)],
  ['SidecarTerminator', a(false)],
  ['PodProbeMarkerGate', a(true)],
  ['PreDownloadImageForDaemonSetUpdate', a(false)],
  ['CloneSetEventHandlerOptimization', a(false)],
  ['PreparingUpdateAsUpdate', a(false)],
  ['ImagePullJobGate', a(false)],
  ['ResourceDistributionGate', a(false)],
  ['DeletionProtectionForCRDCascadingGate', a(false)],
  ['EnhancedLivenessProbe', a(false)],
  ['RecreatePodWhenChangeVCTInCloneSetGate', a(false)],
  ['StatefulSetStartOrdinal', a(false)],
  ['PodIndexLabel', b(true)],
  ['EnableExternalCerts', a(false)],
];

/** SetDefaultFeatureGates of Kruise 1.7. */
export const RULES: GateRules = {
  forcedOffWhenDisabled: [
    ['PodWebhook', ['KruisePodReadinessGate', 'PodUnavailableBudgetDeleteGate', 'PodUnavailableBudgetUpdateGate', 'WorkloadSpread', 'SidecarSetPatchPodMetadataDefaultsAllowed', 'EnhancedLivenessProbe']],
    ['KruiseDaemon', ['PreDownloadImageForInPlaceUpdate', 'DaemonWatchingPod', 'InPlaceUpdateEnvFromMetadata', 'PreDownloadImageForDaemonSetUpdate', 'PodProbeMarkerGate', 'SidecarTerminator', 'ImagePullJobGate', 'EnhancedLivenessProbe']],
    ['ResourcesDeletionProtection', ['DeletionProtectionForCRDCascadingGate']],
  ],
  forcedOnWhenEnabled: [
    ['PreDownloadImageForInPlaceUpdate', ['ImagePullJobGate']],
    ['PreDownloadImageForDaemonSetUpdate', ['ImagePullJobGate']],
  ],
};
