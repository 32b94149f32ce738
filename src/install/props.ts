// The props of the Kruise install (KruiseProps and the types it names). Types
// only: imports nothing from kruise.ts, so the install's parts and checks can
// name KruiseProps without an import cycle. Exported from index.ts through kruise.ts.
import type { Duration } from 'cdk8s';
import type { Construct } from 'constructs';
import type { CertManagerIssuer } from './cert-manager';
import type { KruiseDaemonOptions } from './daemon';
import type { KruiseImageOptions } from './image';
import type { ChartValuesText } from './install-gates';
import type { KruiseManagerOptions } from './manager';
import type { KruisePodWebhookOptions, WebhookFailurePolicy } from './webhooks';
import type { DeletionProtection } from '../common/deletion-protection';
import type { KruiseVersion } from '../version';
import type { FeatureGateSetting } from '../versions/feature-gates';

/** What the install does about the `kruise-daemon-config` namespace. */
export enum DaemonConfigNamespace {
  /** Emit the namespace, and the daemon's secret Role and RoleBinding in it (the chart's). */
  CREATE = 'CREATE',
  /** The namespace exists already (made elsewhere): emit only the Role and RoleBinding in it. */
  EXISTING = 'EXISTING',
  /**
   * No namespace, Role or RoleBinding. Only while the `ImagePullJobGate` gate is off
   * (or the daemon is): kruise-manager copies the pull secrets of ImagePullJobs (and
   * of the image pre-downloads CloneSet, Advanced StatefulSet and Advanced DaemonSet
   * start through them) into this namespace, where kruise-daemon reads them.
   */
  NONE = 'NONE',
}

/**
 * A Pod Security Standard level, for the `pod-security.kubernetes.io/*` labels of
 * the Kruise namespace.
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/
 */
export enum PodSecurityLevel {
  /** Unrestricted. Needed by kruise-daemon (host network, host path `/var/run`). */
  PRIVILEGED = 'privileged',
  /** Prevents known privilege escalations. Enough for kruise-manager without host network. */
  BASELINE = 'baseline',
  /**
   * Hardened. kruise-manager as the chart runs it does not pass (no seccomp profile),
   * so this install refuses it.
   */
  RESTRICTED = 'restricted',
}

/**
 * Deletion protection (`policy.kruise.io/delete-protection`) of the install's own
 * objects. Kruise's deletion-protection webhook rejects the deletion while
 * kruise-manager runs.
 * @see https://openkruise.io/docs/user-manuals/deletionprotection
 */
export interface KruiseDeletionProtection {
  /**
   * Protection of the Kruise namespace. `CASCADING` rejects its deletion while it
   * has active pods or Bound PVCs (kruise-manager's own pods count).
   * @default - not protected
   */
  readonly namespace?: DeletionProtection;
  /**
   * Protection of every Kruise CRD. `CASCADING` rejects the deletion of a CRD
   * while custom resources of it exist (turns on the
   * `DeletionProtectionForCRDCascadingGate` gate); `ALWAYS` rejects it until the
   * label is removed. Deleting a CRD deletes all its custom resources and, through
   * garbage collection, every pod they own.
   * @default - not protected
   */
  readonly crds?: DeletionProtection;
}

/**
 * Properties of {@link Kruise}. With none set, the output equals chart 1.7.5
 * rendered with its default values (helm hooks aside); with only `version`, the
 * chart of that version (1.8.3 for KruiseVersion.V1_8). Each prop names the chart
 * value it corresponds to.
 */
export interface KruiseProps {
  /**
   * The Kruise release to install. A 1.8 install that leaves a gate whose
   * default changed in 1.8 (`ResourcesDeletionProtection`) unset gets a
   * construct metadata entry of type `warning` (see docs/versions.md).
   * @default KruiseVersion.V1_7
   */
  readonly version?: KruiseVersion;

  /**
   * The namespace kruise-manager and kruise-daemon run in.
   * Chart value `installation.namespace`.
   * @default 'kruise-system'
   */
  readonly namespace?: string;

  /**
   * Create the namespace (labelled `control-plane: openkruise`, which keeps the pod
   * webhooks away from Kruise's own pods). When false the namespace must exist; give
   * it that label yourself.
   * Chart value `installation.createNamespace`.
   * @default true
   */
  readonly createNamespace?: boolean;

  /**
   * Emit the 17 Kruise CRDs. Turn off when CRDs are managed elsewhere.
   * Chart value `crds.managed`.
   * @default true
   */
  readonly manageCrds?: boolean;

  /**
   * Also emit the EphemeralJob CRD, which chart 1.7.5 does not ship (Kruise's
   * source has it). `true`: always; `false`: never. Not a chart value.
   * @default - only when the app holds an `EphemeralJob` that this install serves
   */
  readonly includeEphemeralJobCrd?: boolean;

  /**
   * API groups where kruise-manager may list every resource.
   * Chart value `installation.roleListGroups`.
   * @default ['*']
   */
  readonly roleListGroups?: string[];

  /**
   * Feature gates passed to kruise-manager and kruise-daemon (`--feature-gates`), in
   * this order. The list replaces the default, as the chart's string does; Kruise's
   * own defaults apply to gates not listed. `PodWebhook` off drops the pod webhooks,
   * `KruiseDaemon` off drops the daemon, `EnableExternalCerts` on drops the webhook
   * Secret and the certs role.
   * Chart value `featureGates` (a string there: `Name=true,Name=false`).
   * @default [FeatureGate.IMAGE_PULL_JOB.enable()] (the chart's `ImagePullJobGate=true`)
   * @see https://openkruise.io/docs/user-manuals/featuregates
   */
  readonly featureGates?: FeatureGateSetting[];

  /**
   * The kruise-manager image (run by the manager and the daemon).
   * Chart values `manager.image.repository`, `manager.image.tag`, `imagePullSecrets`.
   * @default - openkruise/kruise-manager at the version's tag, pull policy Always
   */
  readonly image?: KruiseImageOptions;

  /**
   * kruise-manager settings.
   * Chart values `manager.*`.
   * @default - the chart's
   */
  readonly manager?: KruiseManagerOptions;

  /**
   * kruise-daemon settings (used while the `KruiseDaemon` gate is on).
   * Chart values `daemon.*`.
   * @default - the chart's
   */
  readonly daemon?: KruiseDaemonOptions;

  /**
   * Timeout of every admission webhook, whole seconds from 1 to 30.
   * Chart value `webhookConfiguration.timeoutSeconds`.
   * @default Duration.seconds(30)
   */
  readonly webhookTimeout?: Duration;

  /**
   * Annotations for the two webhook configurations and the StatefulSet CRD (the one
   * with a conversion webhook), e.g. `{ 'cert-manager.io/inject-ca-from':
   * 'kruise-system/kruise-webhook-certs' }` with `EnableExternalCerts`. See also
   * `addExternalCertsAnnotation()` and `KruiseWebhookCertificate`.
   * Chart value `externalCerts.annotations`.
   * @default - none
   */
  readonly externalCertsAnnotations?: { [key: string]: string };

  /**
   * Annotations of the `kruise-manager` and `kruise-daemon` service accounts.
   * Chart value `serviceAccount.annotations`.
   * @default - none
   */
  readonly serviceAccountAnnotations?: { [key: string]: string };

  /**
   * Set `KUBE_CACHE_MUTATION_DETECTOR=true` in the manager and daemon (debugging).
   * Chart value `enableKubeCacheMutationDetector`.
   * @default false
   */
  readonly enableKubeCacheMutationDetector?: boolean;

  /**
   * The cluster's Kubernetes version, `X.Y` (helm's `--kube-version`). Above 1.26 the
   * manager's zone spread constraint gets `matchLabelKeys`; workloads are checked
   * against it.
   * @default '1.31' (what `helm template` of helm 3.16 assumes)
   */
  readonly kubernetesVersion?: string;

  /**
   * Let cert-manager issue the webhook certificate: turns on the
   * `EnableExternalCerts` gate, puts `cert-manager.io/inject-ca-from` on both
   * webhook configurations and the StatefulSet CRD, drops the self-managed
   * webhook Secret and certs role (as the chart does), and emits a Certificate
   * for `kruise-webhook-service.<namespace>.svc` into the Secret kruise-manager
   * reads, signed by a self-signed Issuer or one you name.
   * Chart equivalent: `featureGates: ...,EnableExternalCerts=true` plus
   * `externalCerts.annotations` (the chart emits no Certificate).
   * @default - kruise-manager signs its own certificate
   */
  readonly certManager?: KruiseCertManagerOptions;

  /**
   * `failurePolicy` per webhook, keyed by webhook name (`mpod.kb.io`, ... see
   * `KruiseWebhooks.allWebhookNames()`); unknown names throw. Also
   * `kruise.webhooks.setFailurePolicy()`.
   * Not a chart value (chart 1.7.5 hard-codes them; charts#74, kruise#1448).
   * @default - the chart's: `Ignore` for the deletion-protection webhooks, `Fail` for the rest
   */
  readonly webhookFailurePolicies?: { [webhookName: string]: WebhookFailurePolicy };

  /**
   * More namespace and object exclusions for the pod webhooks.
   * Not a chart value (kruise#1472, charts#92).
   * @default - the chart's selectors (all namespaces but kube-system and the Kruise namespace)
   */
  readonly podWebhook?: KruisePodWebhookOptions;

  /**
   * The `kruise-daemon-config` namespace: created, existing, or left out entirely
   * (`NONE`, only while the `ImagePullJobGate` gate is off). kruise-daemon reads
   * image pull secrets from it.
   * Not a chart value (charts#134, kruise#2052).
   * @default DaemonConfigNamespace.CREATE
   */
  readonly daemonConfigNamespace?: DaemonConfigNamespace;

  /**
   * Pod Security admission labels on the Kruise namespace
   * (`pod-security.kubernetes.io/enforce`, `audit` and `warn`, all at this level).
   * kruise-daemon and a host-network manager need `PRIVILEGED`; without them
   * `BASELINE` is enough; `RESTRICTED` is refused. Needs `createNamespace`.
   * Not a chart value (the chart sets no PSA labels).
   * @default - no labels (the namespace gets the cluster's default level)
   */
  readonly podSecurityLevel?: PodSecurityLevel;

  /**
   * Deletion protection of the Kruise namespace and the CRDs. Turns on the gates
   * it needs (`ResourcesDeletionProtection`, and `DeletionProtectionForCRDCascadingGate`
   * for `crds: CASCADING`) unless featureGates turn them off, which throws.
   * Not a chart value.
   * @default - nothing protected (the chart's)
   */
  readonly deletionProtection?: KruiseDeletionProtection;

  /**
   * Emit the CRDs under this construct instead of under the install, e.g. a separate
   * Chart, so that `cdk8s synth` writes them to their own file (a Flux Kustomization
   * or an Argo CD sync wave of their own). `crds` still points at them.
   * @default - the install itself
   */
  readonly crdsScope?: Construct;

  /**
   * Set by `Kruise.fromHelmValues` only: the value strings the chart's
   * templates use verbatim (the `--feature-gates` and `--sync-period` flags,
   * and its text tests on `featureGates`).
   * @internal
   */
  readonly _chartValues?: ChartValuesText;
}

/**
 * cert-manager for the webhook certificate (Kruise 1.7's `EnableExternalCerts`).
 * @see https://openkruise.io/docs/installation#optional-use-cert-manager
 */
export interface KruiseCertManagerOptions {
  /**
   * Who signs the certificate. `CertManagerIssuer.selfSigned()` also emits the
   * Issuer, as in the Kruise 1.7 release notes.
   * @default CertManagerIssuer.selfSigned()
   */
  readonly issuer?: CertManagerIssuer;
  /**
   * Emit the Certificate (and the self-signed Issuer). Set false when the
   * Certificate `kruise-webhook-certs` in the Kruise namespace is managed
   * elsewhere: then only the gate and the CA-injection annotations are set.
   * @default true
   */
  readonly createCertificate?: boolean;
  /**
   * Certificate lifetime.
   * @default - cert-manager's default (90 days)
   */
  readonly duration?: Duration;
  /**
   * Renew this long before expiry.
   * @default - cert-manager's default (a third of the duration)
   */
  readonly renewBefore?: Duration;
  /**
   * Extra DNS names, after `kruise-webhook-service.<namespace>.svc` and `localhost`.
   * @default - none
   */
  readonly dnsNames?: string[];
}

/** Options of {@link Kruise.fromHelmValues}. */
export interface HelmValuesOptions {
  /**
   * The Kruise release whose chart the values are for (1.7: chart 1.7.5, 1.8:
   * chart 1.8.3; the two have the same keys, 1.8.3 pins image tag v1.8.3).
   * @default KruiseVersion.V1_7
   */
  readonly version?: KruiseVersion;

  /**
   * The Kubernetes version to render for, `X.Y` (like `helm template --kube-version`).
   * @default '1.31' (helm 3.16's default)
   */
  readonly kubeVersion?: string;
}
