/**
 * The registry of every kind in the Kruise 1.7 API model, in CRD-name order.
 */
import { advancedCronJobModel } from './advanced-cron-job';
import { broadcastJobModel } from './broadcast-job';
import { cloneSetModel } from './clone-set';
import { containerRecreateRequestModel } from './container-recreate-request';
import { daemonSetModel } from './daemon-set';
import { ephemeralJobModel } from './ephemeral-job';
import { imageListPullJobModel } from './image-list-pull-job';
import { imagePullJobModel } from './image-pull-job';
import { KindModel } from './model';
import { nodeImageModel } from './node-image';
import { nodePodProbeModel } from './node-pod-probe';
import { persistentPodStateModel } from './persistent-pod-state';
import { podProbeMarkerModel } from './pod-probe-marker';
import { podUnavailableBudgetModel } from './pod-unavailable-budget';
import { resourceDistributionModel } from './resource-distribution';
import { sidecarSetModel } from './sidecar-set';
import { statefulSetModel } from './stateful-set';
import { unitedDeploymentModel } from './united-deployment';
import { workloadSpreadModel } from './workload-spread';

/** Every kind of Kruise 1.7 (18), sorted by CRD name. */
export const KRUISE_1_7_KINDS: readonly KindModel[] = [
  advancedCronJobModel,
  broadcastJobModel,
  cloneSetModel,
  containerRecreateRequestModel,
  daemonSetModel,
  ephemeralJobModel,
  imageListPullJobModel,
  imagePullJobModel,
  nodeImageModel,
  nodePodProbeModel,
  persistentPodStateModel,
  podProbeMarkerModel,
  podUnavailableBudgetModel,
  resourceDistributionModel,
  sidecarSetModel,
  statefulSetModel,
  unitedDeploymentModel,
  workloadSpreadModel,
].sort((a, b) => byName(a) < byName(b) ? -1 : 1);

function byName(k: KindModel): string {
  return `${k.plural}.${k.group}`;
}

/** The kind with this group and kind name, if the model has it. */
export function findKind(group: string, kind: string, kinds: readonly KindModel[] = KRUISE_1_7_KINDS): KindModel | undefined {
  return kinds.find(k => k.group === group && k.kind === kind);
}
