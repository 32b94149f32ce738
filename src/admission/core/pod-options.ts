/**
 * The options of the pod validators (see pod.ts): what the caller knows that
 * the spec does not say (its Kruise line, whether it was defaulted, ...), and
 * what validatePodSpec works out for the parts it validates.
 */
import { AdmissionContext } from '../types';

/** Options of the pod validators. */
export interface PodValidationOptions {
  /** Volume names that mounts may use besides spec.volumes (e.g. a StatefulSet's volumeClaimTemplates mocked as volumes). */
  readonly extraVolumeNames?: string[];
  /**
   * The pod restart policy to check instead of spec.restartPolicy when that is
   * unset (Kubernetes defaults it to Always). Only its validity is checked here;
   * kind rules that require a particular policy check it themselves.
   */
  readonly restartPolicy?: string;
  /**
   * The spec is a Pod's own (core ValidatePodCreate, as SidecarSet checks its
   * containers): images must not have surrounding whitespace.
   * @default false
   */
  readonly forPod?: boolean;
  /**
   * The spec did not go through Kruise's pod defaulting (SetDefaultPodSpec),
   * e.g. an AdvancedCronJob or BroadcastJob template with Kruise's
   * TemplateNoDefaults gate on: then the fields defaulting would fill are
   * required as Kubernetes requires them (restartPolicy, dnsPolicy,
   * imagePullPolicy, terminationMessagePolicy, port protocol, probe
   * successThreshold, httpGet path and scheme, fieldRef apiVersion, a volume
   * source, a projected token's expirationSeconds).
   * @default false
   */
  readonly notDefaulted?: boolean;
  /**
   * The Kruise release line that admits the object (`ctx.version`, `major.minor`).
   * Kruise 1.8 validates pods with the k8s 1.30 library, which knows more
   * fields and checks more (ADMISSION-DELTA §9: lifecycle sleep, recursiveReadOnly
   * mounts, procMount Unmasked, AppArmor fields, namespaced sysctls with host
   * namespaces, token paths, affinity matchLabelKeys, resize policies, cluster
   * trust bundles, claim data source groups).
   * @default '1.7'
   */
  readonly kruiseVersion?: string;
}

/**
 * The pod validation options for an admission context: its Kruise version
 * (which selects the k8s 1.28 or 1.30 rules), plus the options given.
 */
export function podOptionsFor(ctx: AdmissionContext, extra: PodValidationOptions = {}): PodValidationOptions {
  return { kruiseVersion: ctx.version, ...extra };
}

/** Whether the k8s 1.30 validation library applies (Kruise 1.8 and later). */
export function k130(opts: PodValidationOptions): boolean {
  const [major, minor] = (opts.kruiseVersion ?? '1.7').split('.').map(Number);
  return major > 1 || (major === 1 && minor >= 8);
}

export interface InternalOptions extends PodValidationOptions {
  /** The valid volumes (plus extraVolumeNames) by name, with their source kind, computed by validatePodSpec. */
  readonly volumes?: Map<string, string>;
  readonly claimNames?: Set<string>;
  /** The pod's termination grace period after defaulting (bounds lifecycle sleep, k8s 1.30). */
  readonly gracePeriod?: number;
  /** spec.hostUsers after defaulting (true unless false). */
  readonly hostUsers?: boolean;
  /** The pod restartPolicy after defaulting. */
  readonly podRestartPolicy?: string;
}
