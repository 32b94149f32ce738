import { advancedCronJobAdmission } from './rules/advanced-cron-job';
import { advancedDaemonSetAdmission } from './rules/advanced-daemon-set';
import { advancedStatefulSetAdmission } from './rules/advanced-stateful-set';
import { broadcastJobAdmission } from './rules/broadcast-job';
import { cloneSetAdmission } from './rules/clone-set';
import { containerRecreateRequestAdmission } from './rules/container-recreate-request';
import { ephemeralJobAdmission } from './rules/ephemeral-job';
import { imageListPullJobAdmission } from './rules/image-list-pull-job';
import { imagePullJobAdmission } from './rules/image-pull-job';
import { persistentPodStateAdmission } from './rules/persistent-pod-state';
import { podProbeMarkerAdmission } from './rules/pod-probe-marker';
import { podUnavailableBudgetAdmission } from './rules/pod-unavailable-budget';
import { resourceDistributionAdmission } from './rules/resource-distribution';
import { sidecarSetAdmission } from './rules/sidecar-set';
import { unitedDeploymentAdmission } from './rules/united-deployment';
import { workloadSpreadAdmission } from './rules/workload-spread';
import { KindAdmission } from './types';

/**
 * Every kind's admission, keyed `group/kind`. Each rules module in ./rules
 * exports one `KindAdmission` per kind.
 */
const ADMISSIONS: KindAdmission[] = [
  cloneSetAdmission,
  advancedStatefulSetAdmission,
  advancedDaemonSetAdmission,
  unitedDeploymentAdmission,
  sidecarSetAdmission,
  broadcastJobAdmission,
  advancedCronJobAdmission,
  ephemeralJobAdmission,
  imagePullJobAdmission,
  imageListPullJobAdmission,
  workloadSpreadAdmission,
  podUnavailableBudgetAdmission,
  containerRecreateRequestAdmission,
  resourceDistributionAdmission,
  podProbeMarkerAdmission,
  persistentPodStateAdmission,
];

export const KIND_ADMISSIONS: ReadonlyMap<string, KindAdmission> = new Map(ADMISSIONS.map(a => [`${a.group}/${a.kind}`, a]));
