import { ApiObject, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { KruiseCrds } from '../crds/kruise-crds';
import { invalid } from '../validation/errors';
import { registerInstall, IKruiseInstall } from '../validation/install-registry';
import { KruiseVersion } from '../version';
import { CertManagerIssuer, KruiseWebhookCertificate } from './cert-manager';
import { CredentialProviderConfig } from './credential-provider';
import { KruiseDaemon, KruiseDaemonOptions } from './daemon';
import { constantName, DEFAULT_KUBERNETES_VERSION, checkKubernetesVersion, ExistingKruise, ExistingKruiseProps } from './existing';
import { FeatureGate, FeatureGateSetting, ResolvedFeatureGates } from './feature-gates';
import { kruisePropsFromHelmValues } from './helm-values';
import { KruiseImage, KruiseImageOptions } from './image';
import { attachChartCompat, chartCompatOf, chartGates, checkStringMap } from './internal';
import { KruiseManager, KruiseManagerOptions, KruiseManagerProps } from './manager';
import { isDns1123Label, LABEL_RULE } from './name-rules';
import { DAEMON_CONFIG_NAMESPACE, KruiseRbac } from './rbac';
import { KruiseWebhooks, webhookTimeoutSeconds } from './webhooks';

/**
 * Properties of {@link Kruise}. With none set, the output equals chart 1.7.5
 * rendered with its default values (helm hooks aside). Each prop names the chart
 * value it corresponds to.
 */
export interface KruiseProps {
  /**
   * The Kruise release to install.
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
   * Create the `kruise-daemon-config` namespace (where kruise-daemon reads image
   * pull secrets from). Not a chart value: the chart always creates it.
   * @default true
   */
  readonly createDaemonConfigNamespace?: boolean;

  /**
   * Emit the 17 Kruise CRDs. Turn off when CRDs are managed elsewhere.
   * Chart value `crds.managed`.
   * @default true
   */
  readonly manageCrds?: boolean;

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
   * The Kubernetes version to render for, `X.Y` (like `helm template --kube-version`).
   * @default '1.31' (helm 3.16's default)
   */
  readonly kubeVersion?: string;
}

/**
 * The OpenKruise operator install: namespaces, CRDs, RBAC, the webhook Secret,
 * Service and configurations, kruise-manager (Deployment) and kruise-daemon
 * (DaemonSet). With no props it equals chart 1.7.5 rendered with default values;
 * `Kruise.fromHelmValues()` takes the chart's values.
 *
 * Emitted in this order: namespaces, CRDs, service accounts, roles, bindings,
 * Secret, Service, webhook configurations, Deployment, DaemonSet. Helm hooks (the
 * chart's pre-delete finalizer Job) are not emitted.
 *
 * @see https://openkruise.io/docs/installation
 */
export class Kruise extends Construct implements IKruiseInstall {
  /**
   * An install from chart 1.7.5 values (the same keys and defaults as its
   * values.yaml). Unknown keys and wrong types throw, naming the dotted key.
   * The result equals `helm template` of the same values, hook objects aside.
   * Maps merge with the chart's defaults and `null` removes a default, as in helm.
   * Like the chart, `manager.pprofAddr`, `daemon.log.level` and `helmHooks.*` are
   * accepted and change nothing, and the presence of the daemon, the pod webhooks
   * and the webhook Secret follows the chart's text tests on `featureGates`
   * (`KruiseDaemon=false`, `PodWebhook=false`, `EnableExternalCerts=true`/`AllAlpha=true`).
   *
   * @param values the values (a parsed values.yaml; `{}` for the chart's defaults)
   */
  public static fromHelmValues(scope: Construct, id: string, values: any, options: HelmValuesOptions = {}): Kruise {
    return new Kruise(scope, id, kruisePropsFromHelmValues(values, options));
  }

  /**
   * Declares a Kruise install managed elsewhere, so workloads of this app are
   * checked against its version and feature gates. Emits nothing.
   */
  public static fromExisting(scope: Construct, id: string, props: ExistingKruiseProps = {}): ExistingKruise {
    return new ExistingKruise(scope, id, props);
  }

  /** The Kruise release. */
  public readonly version: KruiseVersion;
  /** The namespace Kruise runs in. */
  public readonly namespace: string;
  /** The Kubernetes version, `X.Y`. */
  public readonly kubernetesVersion: string;
  /** The feature gates after Kruise's own rules ran. */
  public readonly featureGates: ResolvedFeatureGates;
  /** The kruise-manager image. */
  public readonly image: KruiseImage;
  /**
   * The CRDs.
   * @default - undefined when manageCrds is false
   */
  public readonly crds?: KruiseCrds;
  /** Service accounts, roles and bindings. */
  public readonly rbac: KruiseRbac;
  /** Webhook Secret, Service and configurations. */
  public readonly webhooks: KruiseWebhooks;
  /** kruise-manager. */
  public readonly manager: KruiseManager;
  /**
   * kruise-daemon.
   * @default - undefined when the KruiseDaemon gate is off
   */
  public readonly daemon?: KruiseDaemon;
  /**
   * The Kruise namespace object.
   * @default - undefined when createNamespace is false
   */
  public readonly namespaceObject?: ApiObject;
  /**
   * The cert-manager Certificate (and Issuer) of the webhook.
   * @default - undefined unless certManager is set with createCertificate
   */
  public readonly certificate?: KruiseWebhookCertificate;
  /**
   * The `credential-provider-config` ConfigMap generated from
   * `daemon.credentialProvider.providers`.
   * @default - undefined unless providers are given
   */
  public readonly credentialProviderConfig?: CredentialProviderConfig;

  public constructor(scope: Construct, id: string, props: KruiseProps = {}) {
    super(scope, id);
    const where = this.node.path;
    const compat = chartCompatOf(props);

    this.version = props.version ?? KruiseVersion.V1_7;
    this.namespace = props.namespace ?? 'kruise-system';
    if (!isDns1123Label(this.namespace)) {
      throw new Error(`${where}: namespace '${this.namespace}' is not a valid namespace name; ${LABEL_RULE}, e.g. 'kruise-system'`);
    }
    this.kubernetesVersion = checkKubernetesVersion(where, props.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION);
    this.featureGates = ResolvedFeatureGates.resolve(withCertManagerGate(this, props), `${where}: featureGates`);
    if (compat) attachChartCompat(this.featureGates, compat);
    const gates = chartGates(this.featureGates);
    webhookTimeoutSeconds(where, 'webhookTimeout', props.webhookTimeout);
    const certAnnotations = checkStringMap(where, 'externalCertsAnnotations', props.externalCertsAnnotations);

    if (props.createNamespace ?? true) {
      this.namespaceObject = new ApiObject(this, 'Namespace', {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: this.namespace, labels: { 'control-plane': 'openkruise' } },
      });
    }
    if (props.createDaemonConfigNamespace ?? true) {
      new ApiObject(this, 'DaemonConfigNamespace', {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: DAEMON_CONFIG_NAMESPACE },
      });
    }

    if (props.manageCrds ?? true) {
      this.crds = new KruiseCrds(this, 'Crds', { version: this.version, webhookNamespace: this.namespace });
    }

    this.rbac = new KruiseRbac(this, 'Rbac', {
      namespace: this.namespace,
      roleListGroups: props.roleListGroups,
      serviceAccountAnnotations: props.serviceAccountAnnotations,
      featureGates: this.featureGates,
    });

    this.webhooks = new KruiseWebhooks(this, 'Webhooks', {
      namespace: this.namespace,
      webhookPort: props.manager?.webhookPort,
      timeout: props.webhookTimeout,
      featureGates: this.featureGates,
    });
    for (const [k, v] of Object.entries(certAnnotations)) this.addExternalCertsAnnotation(k, v);
    if (props.certManager) {
      const cm = props.certManager;
      if (cm.createCertificate ?? true) {
        this.certificate = new KruiseWebhookCertificate(this, 'CertManager', {
          namespace: this.namespace,
          issuer: cm.issuer,
          duration: cm.duration,
          renewBefore: cm.renewBefore,
          dnsNames: cm.dnsNames,
        });
      } else if (cm.issuer || cm.duration || cm.renewBefore || cm.dnsNames) {
        throw invalid(this, 'certManager', 'createCertificate: false', 'issuer, duration, renewBefore and dnsNames only shape the Certificate this construct emits', 'drop them or set createCertificate: true');
      }
      this.addExternalCertsAnnotation(KruiseWebhookCertificate.INJECT_CA_FROM_ANNOTATION, `${this.namespace}/${KruiseWebhookCertificate.SECRET_NAME}`);
    }

    this.image = new KruiseImage(this, 'Image', { ...props.image, version: this.version });

    const managerProps: KruiseManagerProps = {
      ...props.manager,
      image: this.image,
      namespace: this.namespace,
      featureGates: this.featureGates,
      kubernetesVersion: this.kubernetesVersion,
      enableKubeCacheMutationDetector: props.enableKubeCacheMutationDetector,
    };
    if (compat) attachChartCompat(managerProps, compat);
    this.manager = new KruiseManager(this, 'Manager', managerProps);

    if (gates.daemon) {
      this.daemon = new KruiseDaemon(this, 'Daemon', {
        ...props.daemon,
        image: this.image,
        namespace: this.namespace,
        featureGates: this.featureGates,
        enableKubeCacheMutationDetector: props.enableKubeCacheMutationDetector,
      });
      const provider = props.daemon?.credentialProvider;
      if (provider?.providers) {
        this.credentialProviderConfig = new CredentialProviderConfig(this, 'CredentialProviderConfig', {
          configMapName: provider.configMapName,
          namespace: this.namespace,
          providers: provider.providers,
        });
      }
    }

    registerInstall(this);
  }

  /** Whether the gate is on once Kruise's own rules ran. */
  public isEnabled(gate: FeatureGate): boolean {
    return this.featureGates.isEnabled(gate);
  }

  /** How to turn the gate on for this install (one sentence, for error messages). */
  public howToEnable(gate: FeatureGate): string {
    return `add FeatureGate.${constantName(gate)}.enable() to the featureGates of the Kruise install at ${this.node.path} (chart value featureGates: '...,${gate.name}=true')`;
  }

  /**
   * Adds an annotation to both webhook configurations and to the StatefulSet CRD
   * (when the CRDs are emitted), e.g. cert-manager's
   * `cert-manager.io/inject-ca-from: <namespace>/<certificate>`.
   */
  public addExternalCertsAnnotation(key: string, value: string): void {
    this.webhooks.addAnnotation(key, value);
    this.crds?.crdOf('StatefulSet').metadata.addAnnotation(key, value);
  }
}

/** The gate settings, with EnableExternalCerts added when cert-manager is asked for. */
function withCertManagerGate(scope: Construct, props: KruiseProps): FeatureGateSetting[] {
  const settings = props.featureGates ?? [FeatureGate.IMAGE_PULL_JOB.enable()];
  if (!props.certManager) return settings;
  const explicit = settings.find(s => s.gate.name === FeatureGate.ENABLE_EXTERNAL_CERTS.name);
  if (explicit && !explicit.enabled) {
    throw invalid(scope, 'featureGates', 'EnableExternalCerts=false', 'certManager needs the EnableExternalCerts gate, which these featureGates turn off', 'remove FeatureGate.ENABLE_EXTERNAL_CERTS.disable() or drop certManager');
  }
  return explicit ? settings : [...settings, FeatureGate.ENABLE_EXTERNAL_CERTS.enable()];
}
