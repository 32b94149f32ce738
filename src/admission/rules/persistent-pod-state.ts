import { at, JsonObject, objectOr } from '../../base/json';
import { AdmissionContext, KindAdmission, Report } from '../types';
import { earlierConflictingPeer, groupOfApiVersion as groupOf } from './peers';
import { str as text } from '../core/go-values';

/*
 * PersistentPodState (apps.kruise.io/v1alpha1): Kruise's validating webhook on
 * CREATE (ADMISSION.md, PersistentPodState, rules 1-4). Kruise has no mutating
 * webhook for this kind.
 */

const KIND = 'PersistentPodState';

/** The workload kinds Kruise supports without configuration: StatefulSet of apps or apps.kruise.io. */
function isBuiltInTarget(apiVersion: string, kind: string): boolean {
  const group = groupOf(apiVersion);
  return kind === 'StatefulSet' && (group === 'apps' || group === 'apps.kruise.io');
}

/** The key of a PersistentPodState's target for the one-per-workload index: group, kind and name (none when targetRef is not an object). */
function targetKeys(pps: unknown): string[] {
  const ref = at(pps, 'spec', 'targetRef');
  if (ref === null || typeof ref !== 'object') return [];
  return [JSON.stringify([groupOf(text(at(ref, 'apiVersion'))) ?? null, text(at(ref, 'kind')), text(at(ref, 'name'))])];
}

function validate(obj: JsonObject, ctx: AdmissionContext, report: Report, original: JsonObject): void {
  const spec = objectOr(obj.spec);
  const ref = objectOr(spec.targetRef);
  const apiVersion = text(ref.apiVersion);
  const kind = text(ref.kind);
  const name = text(ref.name);

  // Rule 1: apiVersion, kind and name of the target are all set.
  const missing = (['apiVersion', 'kind', 'name'] as const).filter(f => text(ref[f]) === '');
  if (missing.length > 0) {
    report.error(`${KIND}/target-ref-required`, 'spec.targetRef',
      `spec.targetRef needs apiVersion, kind and name; ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} empty`,
      'Point spec.targetRef at the StatefulSet whose pods keep their state, e.g. {apiVersion: apps.kruise.io/v1beta1, kind: StatefulSet, name: web}');
  }

  // Rule 2: StatefulSet (apps or apps.kruise.io), else Kruise's PPS_Watch_Custom_Workload_WhiteList.
  const group = groupOf(apiVersion);
  if (group === undefined) {
    // An apiVersion that does not parse fails the whitelist too, whatever it holds.
    report.error(`${KIND}/target-ref-kind`, 'spec.targetRef.apiVersion',
      `spec.targetRef.apiVersion "${apiVersion}" is not a valid group/version`,
      'Use group/version, e.g. apps.kruise.io/v1beta1');
  } else if (kind !== '' && !isBuiltInTarget(apiVersion, kind)) {
    report.warning(`${KIND}/target-ref-kind`, 'spec.targetRef',
      `spec.targetRef points at ${kind} of group "${group}"; Kruise accepts it only when the kruise-configuration ConfigMap lists it in PPS_Watch_Custom_Workload_WhiteList`,
      'Target a StatefulSet (apps or apps.kruise.io), or add the workload to PPS_Watch_Custom_Workload_WhiteList');
  }

  // Rule 3: a required or a preferred persistent topology.
  const required = spec.requiredPersistentTopology;
  const preferred = spec.preferredPersistentTopology;
  const hasRequired = required !== undefined && required !== null;
  const hasPreferred = Array.isArray(preferred) && preferred.length > 0;
  if (!hasRequired && !hasPreferred) {
    report.error(`${KIND}/topology-required`, 'spec',
      'spec sets neither requiredPersistentTopology nor preferredPersistentTopology, so there is no state to keep',
      'Set spec.requiredPersistentTopology (e.g. {nodeTopologyKeys: [topology.kubernetes.io/zone]}) or spec.preferredPersistentTopology');
  }

  // Rule 4: one PersistentPodState per workload per namespace (cluster state, from the reviewed peers).
  if (group !== undefined && kind !== '' && name !== '') {
    const other: unknown = earlierConflictingPeer(original, 'apps.kruise.io', KIND, ctx, (peer: unknown) => {
      const pref = at(peer, 'spec', 'targetRef');
      if (pref === null || typeof pref !== 'object') return false;
      return groupOf(text(at(pref, 'apiVersion'))) === group && text(at(pref, 'kind')) === kind && text(at(pref, 'name')) === name;
    }, { id: 'PersistentPodState/target', keysOf: targetKeys, lookup: [JSON.stringify([group, kind, name])] });
    if (other !== undefined) {
      report.error(`${KIND}/one-per-workload`, 'spec.targetRef',
        `PersistentPodState "${text(at(other, 'metadata', 'name'))}" in the same namespace already targets ${kind} "${name}"`,
        'Keep one PersistentPodState per workload: merge the two, or point this one at another workload');
    }
  }
}

/** PersistentPodState: Kruise's CREATE-time admission (ADMISSION.md, PersistentPodState). */
export const persistentPodStateAdmission: KindAdmission = {
  group: 'apps.kruise.io',
  kind: KIND,
  validate,
};
