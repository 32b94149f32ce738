/**
 * Gate checks on plain objects: the labels, annotations and container env
 * vars Kruise reads (none of which has a field in any API), and the feature
 * gate each one needs in the install that runs the object. One table,
 * {@link GATED_KNOBS}, serves the checks here and the typed helpers of
 * `KruisePodKnobs` (src/workloads/pod-knobs.ts).
 *
 * Bottom layer: imports only the admission types and base/json.
 */
import { AdmissionContext, Finding } from './types';
import { JsonObject, arrayOr, at, isJsonObject, stringOr, childPath } from '../base/json';
import { apiGroupOf } from '../base/names';

/** Where Kruise reads a knob. */
export enum KnobPlace {
  /** A label of the object itself (e.g. a Deployment's own labels). */
  OBJECT_LABEL = 'object-label',
  /** An annotation of the object itself. */
  OBJECT_ANNOTATION = 'object-annotation',
  /** An annotation of the pods (a Pod's own, or a pod template's). */
  POD_ANNOTATION = 'pod-annotation',
  /** An env var of a container of the pods (or of a SidecarSet's sidecars). */
  CONTAINER_ENV = 'container-env',
}

/** One label, annotation or env var whose effect depends on a Kruise feature gate. */
export interface GatedKnob {
  /** The label or annotation key, or the env var name. */
  readonly key: string;
  readonly place: KnobPlace;
  /** The feature gate that must be on for Kruise to act on it. */
  readonly gate: string;
  /** What it does, for messages ("image pre-download"). */
  readonly feature: string;
  /**
   * The objects (`group/Kind`, core group empty: `/Namespace`) that carry it,
   * for object labels and annotations; any when unset.
   */
  readonly kinds?: readonly string[];
  /** Whether this value turns the feature on; any value does when unset. */
  readonly turnsOn?: (value: string) => boolean;
  /** Rule id of the finding. */
  readonly rule: string;
}

/** Label key of deletion protection. */
export const DELETE_PROTECTION_LABEL = 'policy.kruise.io/delete-protection';
/** The image pre-download annotations (workload annotations). */
export const IMAGE_PREDOWNLOAD_ANNOTATIONS = [
  'apps.kruise.io/image-predownload-parallelism',
  'apps.kruise.io/image-predownload-timeout-seconds',
  'apps.kruise.io/image-predownload-min-updated-ready-pods',
] as const;
/** Pod annotation of ordered container start. */
export const CONTAINER_LAUNCH_PRIORITY_ANNOTATION = 'apps.kruise.io/container-launch-priority';
/** Container env var of container launch priority. */
export const CONTAINER_PRIORITY_ENV = 'KRUISE_CONTAINER_PRIORITY';
/** Container env var marking a job sidecar Kruise stops. */
export const TERMINATE_SIDECAR_ENV = 'KRUISE_TERMINATE_SIDECAR_WHEN_JOB_EXIT';
/** Container env var: the image a job sidecar is switched to on virtual-kubelet nodes. */
export const TERMINATE_SIDECAR_WITH_IMAGE_ENV = 'KRUISE_TERMINATE_SIDECAR_WHEN_JOB_EXIT_WITH_IMAGE';
/** Pod annotation handing liveness probes to kruise-daemon. */
export const USING_ENHANCED_LIVENESS_ANNOTATION = 'apps.kruise.io/using-enhanced-liveness';

/**
 * The kinds whose deletion Kruise's webhook intercepts (chart 1.7.5's
 * ValidatingWebhookConfiguration; Service and Ingress since 1.6), `group/Kind`.
 */
export const DELETION_PROTECTED_KINDS: readonly string[] = [
  '/Namespace', 'apiextensions.k8s.io/CustomResourceDefinition',
  'apps/Deployment', 'apps/ReplicaSet', 'apps/StatefulSet',
  'apps.kruise.io/CloneSet', 'apps.kruise.io/StatefulSet', 'apps.kruise.io/UnitedDeployment',
  '/Service', 'networking.k8s.io/Ingress',
];

/** The gate image pre-download needs on each workload kind that supports it. */
export const IMAGE_PREDOWNLOAD_GATES: ReadonlyArray<{ readonly kind: string; readonly gate: string }> = [
  { kind: 'apps.kruise.io/CloneSet', gate: 'PreDownloadImageForInPlaceUpdate' },
  { kind: 'apps.kruise.io/StatefulSet', gate: 'PreDownloadImageForInPlaceUpdate' },
  { kind: 'apps.kruise.io/DaemonSet', gate: 'PreDownloadImageForDaemonSetUpdate' },
];

const isTrue = (v: string) => v.toLowerCase() === 'true';

/**
 * Every knob that needs a feature gate. Kruise 1.7 sources: deletion
 * protection pkg/webhook/util/deletionprotection; pre-download
 * pkg/controller/{cloneset,statefulset,daemonset}/*predownload*; launch
 * priority pkg/webhook/pod/mutating (behind PodWebhook); sidecar terminator
 * pkg/controller/sidecarterminator/utils.go; enhanced liveness
 * pkg/webhook/pod/mutating/enhancedlivenessprobe_handler.go.
 */
export const GATED_KNOBS: readonly GatedKnob[] = [
  {
    key: DELETE_PROTECTION_LABEL,
    place: KnobPlace.OBJECT_LABEL,
    gate: 'ResourcesDeletionProtection',
    feature: 'deletion protection',
    kinds: DELETION_PROTECTED_KINDS,
    rule: 'gates/deletion-protection',
  },
  {
    key: DELETE_PROTECTION_LABEL,
    place: KnobPlace.OBJECT_LABEL,
    gate: 'DeletionProtectionForCRDCascadingGate',
    feature: 'Cascading deletion protection of a CRD',
    kinds: ['apiextensions.k8s.io/CustomResourceDefinition'],
    turnsOn: v => v === 'Cascading',
    rule: 'gates/deletion-protection-crd-cascading',
  },
  ...IMAGE_PREDOWNLOAD_ANNOTATIONS.flatMap(key => IMAGE_PREDOWNLOAD_GATES.map(({ kind, gate }) => ({
    key, place: KnobPlace.OBJECT_ANNOTATION, gate, feature: 'image pre-download', kinds: [kind], rule: 'gates/image-predownload',
  }))),
  {
    key: CONTAINER_LAUNCH_PRIORITY_ANNOTATION,
    place: KnobPlace.POD_ANNOTATION,
    gate: 'PodWebhook',
    feature: 'container launch priority',
    turnsOn: v => v === 'Ordered',
    rule: 'gates/container-launch-priority',
  },
  {
    key: CONTAINER_PRIORITY_ENV,
    place: KnobPlace.CONTAINER_ENV,
    gate: 'PodWebhook',
    feature: 'container launch priority',
    rule: 'gates/container-launch-priority',
  },
  {
    key: TERMINATE_SIDECAR_ENV,
    place: KnobPlace.CONTAINER_ENV,
    gate: 'SidecarTerminator',
    feature: 'the job sidecar terminator',
    turnsOn: isTrue,
    rule: 'gates/sidecar-terminator',
  },
  {
    key: TERMINATE_SIDECAR_WITH_IMAGE_ENV,
    place: KnobPlace.CONTAINER_ENV,
    gate: 'SidecarTerminator',
    feature: 'the job sidecar terminator',
    turnsOn: v => v !== '',
    rule: 'gates/sidecar-terminator',
  },
  {
    key: USING_ENHANCED_LIVENESS_ANNOTATION,
    place: KnobPlace.POD_ANNOTATION,
    gate: 'EnhancedLivenessProbe',
    feature: 'the enhanced liveness probe',
    turnsOn: v => v === 'true',
    rule: 'gates/enhanced-liveness',
  },
];

/**
 * A feature of a Kruise kind that Kruise admits with its gate off, but then
 * does not act on: a warning (Kruise's admission rules report the gates whose
 * absence makes Kruise reject the object).
 */
export interface InertWithoutGate {
  /** `group/Kind` of the objects concerned. */
  readonly kind: string;
  readonly gate: string;
  /** Field path of the finding. */
  readonly path: string;
  /** What goes unserved, for the message ("pod state is not restored"). */
  readonly effect: string;
  /** Whether the object uses the feature; `gate` answers for other gates (to stay silent where Kruise rejects anyway). */
  readonly uses: (obj: JsonObject, gate: (name: string) => boolean | undefined) => boolean;
  readonly rule: string;
}

/** The PUB operations the annotation `kruise.io/pub-protect-operations` lists (all of them when absent). */
function pubOperations(obj: JsonObject): string[] {
  const v = at(obj, 'metadata', 'annotations', 'kruise.io/pub-protect-operations');
  return typeof v === 'string' && v.trim() !== '' ? v.split(',').map(o => o.trim()) : ['DELETE', 'EVICT', 'UPDATE'];
}

/** Sources: pkg/webhook/add_pod.go (PodWebhook), pkg/webhook/pod/validating/pod_unavailable_budget.go, pkg/controller/statefulset. */
export const INERT_WITHOUT_GATE: readonly InertWithoutGate[] = [
  {
    kind: 'apps.kruise.io/SidecarSet',
    gate: 'PodWebhook',
    path: 'kind',
    rule: 'gates/sidecarset-pod-webhook',
    effect: 'no sidecar is injected (Kruise injects them through its pod webhook)',
    uses: () => true,
  },
  {
    kind: 'apps.kruise.io/PersistentPodState',
    gate: 'PodWebhook',
    path: 'kind',
    rule: 'gates/persistentpodstate-pod-webhook',
    effect: 'recreated pods are not sent back to their topology (Kruise does it through its pod webhook)',
    uses: () => true,
  },
  {
    kind: 'policy.kruise.io/PodUnavailableBudget',
    gate: 'PodUnavailableBudgetDeleteGate',
    path: 'metadata.annotations.kruise.io/pub-protect-operations',
    rule: 'gates/pub-operations',
    effect: 'pod deletions and evictions are not guarded',
    // With both PUB gates off Kruise rejects the budget (its admission rule says so).
    uses: (obj, gate) => pubOperations(obj).some(o => o === 'DELETE' || o === 'EVICT') && gate('PodUnavailableBudgetUpdateGate') !== false,
  },
  {
    kind: 'policy.kruise.io/PodUnavailableBudget',
    gate: 'PodUnavailableBudgetUpdateGate',
    path: 'metadata.annotations.kruise.io/pub-protect-operations',
    rule: 'gates/pub-operations',
    effect: 'pod updates are not guarded',
    uses: (obj, gate) => typeof at(obj, 'metadata', 'annotations', 'kruise.io/pub-protect-operations') === 'string'
      && pubOperations(obj).includes('UPDATE') && gate('PodUnavailableBudgetDeleteGate') !== false,
  },
  {
    kind: 'apps.kruise.io/StatefulSet',
    gate: 'StatefulSetStartOrdinal',
    path: 'spec.ordinals.start',
    rule: 'gates/statefulset-start-ordinal',
    effect: 'spec.ordinals.start is ignored (pods are numbered from 0)',
    uses: obj => {
      const start = at(obj, 'spec', 'ordinals', 'start');
      return typeof start === 'number' && start !== 0;
    },
  },
];

/** The knobs of a feature (for the typed helpers): the gate that `key` needs on objects of `kind` (`group/Kind`). */
export function gateOfKnob(key: string, place: KnobPlace, kind?: string, value?: string): string | undefined {
  return GATED_KNOBS.find(k => k.key === key && k.place === place
    && (k.kinds === undefined || (kind !== undefined && k.kinds.includes(kind)))
    && (value === undefined || k.turnsOn === undefined || k.turnsOn(value)))?.gate;
}

/** A workload (or pod) inside an object: its kind, metadata and pod template. */
interface Carrier {
  /** `group/Kind`. */
  readonly kind: string;
  /** Path of the carrier in the object ('' for the object itself). */
  readonly path: string;
  /** The carrier itself (the object, or a workload template nested in it). */
  readonly value: JsonObject;
  readonly metadata: unknown;
  /** Path and value of the pod template (`{ metadata, spec }`), if it has one. */
  readonly pod?: { readonly path: string; readonly template: JsonObject };
}

/** Where each pod-bearing kind keeps its pod template, as a key path below the object. */
const POD_TEMPLATE_PATHS: { [kind: string]: readonly string[] } = {
  'apps/Deployment': ['spec', 'template'],
  'apps/StatefulSet': ['spec', 'template'],
  'apps/DaemonSet': ['spec', 'template'],
  'apps/ReplicaSet': ['spec', 'template'],
  '/ReplicationController': ['spec', 'template'],
  'batch/Job': ['spec', 'template'],
  'batch/CronJob': ['spec', 'jobTemplate', 'spec', 'template'],
  'apps.kruise.io/CloneSet': ['spec', 'template'],
  'apps.kruise.io/StatefulSet': ['spec', 'template'],
  'apps.kruise.io/DaemonSet': ['spec', 'template'],
  'apps.kruise.io/BroadcastJob': ['spec', 'template'],
};

/** Workload templates nested in Kruise objects: `group/Kind` of the parent -> [key path, kind of the nested object]. */
const NESTED_WORKLOADS: { [kind: string]: ReadonlyArray<readonly [readonly string[], string]> } = {
  'apps.kruise.io/AdvancedCronJob': [
    [['spec', 'template', 'jobTemplate'], 'batch/Job'],
    [['spec', 'template', 'broadcastJobTemplate'], 'apps.kruise.io/BroadcastJob'],
  ],
  'apps.kruise.io/UnitedDeployment': [
    [['spec', 'template', 'statefulSetTemplate'], 'apps/StatefulSet'],
    [['spec', 'template', 'advancedStatefulSetTemplate'], 'apps.kruise.io/StatefulSet'],
    [['spec', 'template', 'cloneSetTemplate'], 'apps.kruise.io/CloneSet'],
    [['spec', 'template', 'deploymentTemplate'], 'apps/Deployment'],
  ],
};

/** `group/Kind` of an object (core group empty). */
export function groupKind(obj: unknown): string {
  return `${apiGroupOf(stringOr(at(obj, 'apiVersion')) ?? '')}/${stringOr(at(obj, 'kind')) ?? ''}`;
}

function carriers(kind: string, obj: unknown, path: string, out: Carrier[]): void {
  if (!isJsonObject(obj)) return;
  const below = (keys: readonly string[]) => [path, ...keys].filter(s => s !== '').join('.');
  if (kind === '/Pod') {
    out.push({ kind, path, value: obj, metadata: obj.metadata, pod: { path, template: obj } });
    return;
  }
  const templatePath = POD_TEMPLATE_PATHS[kind];
  const template = templatePath ? at(obj, ...templatePath) : undefined;
  out.push({ kind, path, value: obj, metadata: obj.metadata, pod: isJsonObject(template) ? { path: below(templatePath!), template } : undefined });
  for (const [keys, nestedKind] of NESTED_WORKLOADS[kind] ?? []) {
    carriers(nestedKind, at(obj, ...keys), below(keys), out);
  }
}

/**
 * The feature-gate findings of one plain object: every label, annotation and
 * container env var of {@link GATED_KNOBS} it carries (on itself, its pod
 * template, the workload templates nested in it, or a SidecarSet's sidecars)
 * whose gate is off in the install that governs it (`ctx.gate`). A gate that
 * `ctx.gate` does not know (`undefined`, e.g. no install declared) reports
 * nothing. Never throws on malformed input.
 */
export function gateFindings(obj: unknown, ctx: AdmissionContext): Finding[] {
  if (!isJsonObject(obj) || !ctx.gate) return [];
  const gate = ctx.gate;
  const out: Finding[] = [];
  const seen = new Set<string>();
  const check = (knob: GatedKnob, path: string, value: unknown) => {
    if (typeof value !== 'string') return;
    if (knob.turnsOn && !knob.turnsOn(value)) return;
    if (gate(knob.gate) !== false) return;
    const id = `${path}|${knob.gate}`;
    if (seen.has(id)) return;
    seen.add(id);
    out.push({
      path,
      message: `${knob.feature} needs the feature gate ${knob.gate}, which is off in the Kruise install that runs this object (${knob.key} is ${JSON.stringify(value)})`,
      fix: `turn on ${knob.gate} in that install's feature gates, or remove ${knob.key}`,
      rule: knob.rule,
      severity: 'error',
    });
  };

  const list: Carrier[] = [];
  const kind = groupKind(obj);
  carriers(kind, obj, '', list);
  for (const c of list) {
    const labels = isJsonObject(c.metadata) ? c.metadata.labels : undefined;
    const annotations = isJsonObject(c.metadata) ? c.metadata.annotations : undefined;
    const metaPath = childPath(c.path, 'metadata');
    for (const knob of GATED_KNOBS) {
      if (knob.kinds && !knob.kinds.includes(c.kind)) continue;
      if (knob.place === KnobPlace.OBJECT_LABEL && isJsonObject(labels) && knob.key in labels) {
        check(knob, `${metaPath}.labels.${knob.key}`, labels[knob.key]);
      } else if (knob.place === KnobPlace.OBJECT_ANNOTATION && isJsonObject(annotations) && knob.key in annotations) {
        check(knob, `${metaPath}.annotations.${knob.key}`, annotations[knob.key]);
      }
    }
    if (c.pod) podFindings(c.pod.path, c.pod.template, check);
  }
  for (const c of list) {
    for (const inert of INERT_WITHOUT_GATE) {
      if (inert.kind !== c.kind || !inert.uses(c.value, gate) || gate(inert.gate) !== false) continue;
      const what = c.path === '' ? `this ${obj.kind}` : `this ${obj.kind} (its ${c.path.slice(c.path.lastIndexOf('.') + 1)})`;
      out.push({
        path: c.path === '' ? inert.path : (inert.path === 'kind' ? c.path : childPath(c.path, inert.path)),
        message: `Kruise accepts ${what}, but with the feature gate ${inert.gate} off in the Kruise install that runs it, ${inert.effect}`,
        fix: `turn on ${inert.gate} in that install's feature gates`,
        rule: inert.rule,
        severity: 'warning',
      });
    }
  }
  if (kind === 'apps.kruise.io/SidecarSet' && isJsonObject(obj.spec)) {
    for (const list2 of ['containers', 'initContainers']) {
      containerEnvFindings(childPath('spec', list2), obj.spec[list2], check);
    }
  }
  return out;
}

function podFindings(path: string, template: JsonObject, check: (knob: GatedKnob, path: string, value: unknown) => void): void {
  const annotations = isJsonObject(template.metadata) ? template.metadata.annotations : undefined;
  if (isJsonObject(annotations)) {
    for (const knob of GATED_KNOBS) {
      if (knob.place === KnobPlace.POD_ANNOTATION && knob.key in annotations) {
        check(knob, `${childPath(path, 'metadata')}.annotations.${knob.key}`, annotations[knob.key]);
      }
    }
  }
  const spec = template.spec;
  if (!isJsonObject(spec)) return;
  for (const list of ['initContainers', 'containers']) {
    containerEnvFindings(childPath(path, `spec.${list}`), spec[list], check);
  }
}

function containerEnvFindings(path: string, containers: unknown, check: (knob: GatedKnob, path: string, value: unknown) => void): void {
  arrayOr(containers).forEach((c, i) => {
    if (!isJsonObject(c)) return;
    arrayOr(c.env).forEach((e, j) => {
      if (!isJsonObject(e) || typeof e.name !== 'string') return;
      for (const knob of GATED_KNOBS) {
        if (knob.place === KnobPlace.CONTAINER_ENV && knob.key === e.name) {
          check(knob, `${path}[${i}].env[${j}]`, e.value);
        }
      }
    });
  });
}
