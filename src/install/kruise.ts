import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { invalid } from '../validation/errors';
import { registerInstall } from '../validation/install-registry';
import { KruiseVersion } from '../version';
import { KruiseWebhookCertificate } from './cert-manager';
import { checkNamespace, checkStringMap } from './checks';
import { CredentialProviderConfig } from './credential-provider';
import { KruiseDaemon } from './daemon';
import { constantName, checkKubernetesVersion, ExistingKruise, ExistingKruiseProps } from './existing';
import { kruisePropsFromHelmValues } from './helm-values';
import { KruiseImage } from './image';
import { defaultGateSettings, InstallGates, installGates } from './install-gates';
import { issueError } from './issues';
import { KruiseManager } from './manager';
import { unsafeTextIssue } from './plain';
import { DaemonConfigNamespace, HelmValuesOptions, KruiseCertManagerOptions, KruiseDeletionProtection, KruiseProps, PodSecurityLevel } from './props';
import { checkKruiseProps } from './props-check';
import { checkPropsShape } from './props-shape';
import { KruiseRbac } from './rbac';
import { KruiseWebhooks, webhookTimeoutSeconds } from './webhooks';
import { clusterScoped } from '../common/cluster-scoped';
import { KruiseCrds } from '../crds/kruise-crds';
import { IKruiseInstall, chartOf } from '../validation/governance';
import { checkPeerCopies } from '../validation/peer-copies';
import { FeatureGate, FeatureGateSetting, reliedOnChangedDefaults, ResolvedFeatureGates } from '../versions/feature-gates';
import { DEFAULT_KUBERNETES_VERSION } from '../versions/kubernetes';
import { DAEMON_CONFIG_NAMESPACE } from '../versions/namespace';
import { versionData } from '../versions/registry';

// KruiseProps and the types it names live in props.ts (no import cycle); the public API names them from here.

/** The construct metadata type of the install's warnings (`node.metadata` entries). */
export const KRUISE_WARNING_METADATA = 'warning';

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
   * An install from the values of the version's chart (chart 1.7.5 by default,
   * 1.8.3 with `options.version`; the same keys and defaults as its values.yaml). Unknown keys and wrong types throw, naming the dotted key.
   * The result equals `helm template` of the same values, hook objects aside.
   * Maps merge with the chart's defaults and `null` removes a default, as in helm.
   * Like the chart, `manager.pprofAddr`, `daemon.log.level` and `helmHooks.*` are
   * accepted and change nothing, and the presence of the daemon, the pod webhooks
   * and the webhook Secret follows the chart's text tests on `featureGates`
   * (`KruiseDaemon=false`, `PodWebhook=false`, `EnableExternalCerts=true`/`AllAlpha=true`).
   *
   * @param values the values (a parsed values.yaml; `{}` for the chart's defaults)
   */
  public static fromHelmValues(scope: Construct, id: string, values: unknown, options: HelmValuesOptions = {}): Kruise {
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
   * The `kruise-daemon-config` namespace object.
   * @default - undefined unless daemonConfigNamespace is CREATE
   */
  public readonly daemonConfigNamespaceObject?: ApiObject;
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
    checkPeerCopies(scope);
    super(scope, id);
    props = this.checkProps(props);
    this.version = props.version ?? KruiseVersion.V1_7;
    this.namespace = checkNamespace(this, 'namespace', props.namespace);
    this.kubernetesVersion = checkKubernetesVersion(this.node.path, props.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION);
    this.featureGates = ResolvedFeatureGates.resolve(withDeletionProtectionGates(this, props, withCertManagerGate(this, props)), `${this.node.path}: featureGates`, this.version);
    this.warnAboutChangedDefaults();
    const gates = installGates(this.featureGates, props._chartValues);
    const certAnnotations = this.checkContradictions(props);
    const daemonConfig = daemonConfigNamespaceMode(this, props, gates.daemon);
    const podSecurity = checkPodSecurity(this, props, gates.daemon);

    this.namespaceObject = this.emitNamespace(props, podSecurity);
    this.daemonConfigNamespaceObject = this.emitDaemonConfigNamespace(daemonConfig);
    this.crds = this.emitCrds(props, id);
    this.applyDeletionProtection(props.deletionProtection);
    this.rbac = this.emitRbac(props, gates, daemonConfig);
    this.webhooks = this.emitWebhooks(props, gates, certAnnotations);
    this.certificate = this.emitCertManager(props.certManager);
    this.image = new KruiseImage(this, 'Image', { ...props.image, version: this.version });
    this.manager = this.emitManager(props, gates);
    if (gates.daemon) {
      this.daemon = this.emitDaemon(props, gates);
      this.credentialProviderConfig = this.emitCredentialProviderConfig(props);
    }
    registerInstall(this);
  }

  /** The props checked for shape and unsafe text (callers without TypeScript), and no second install in the chart. */
  private checkProps(props: KruiseProps | undefined): KruiseProps {
    const where = this.node.path;
    checkPropsShape(where, props);
    const checked = props ?? {};
    const unsafe = unsafeTextIssue(checked, '');
    if (unsafe) throw issueError(where, unsafe);
    const other = chartOf(this)?.node.findAll().find(c => c !== this && c instanceof Kruise);
    if (other) {
      throw new Error(`${where}: is a second Kruise install in the chart of ${other.node.path}, and the two would emit the same cluster-wide objects (CRDs, webhooks, RBAC) twice; keep one Kruise per chart (one per cluster), and use Kruise.fromExisting() where another chart needs to refer to it`);
    }
    return checked;
  }

  /** Contradictions between props (checkKruiseProps) and the props checked on their own here; returns the external-certs annotations. */
  private checkContradictions(props: KruiseProps): { [key: string]: string } {
    checkKruiseProps(this.node.path, props, this.featureGates);
    webhookTimeoutSeconds(this.node.path, 'webhookTimeout', props.webhookTimeout);
    return checkStringMap(this.node.path, 'externalCertsAnnotations', props.externalCertsAnnotations);
  }

  private emitNamespace(props: KruiseProps, podSecurity: { [key: string]: string }): ApiObject | undefined {
    if (!(props.createNamespace ?? true)) return undefined;
    return clusterScoped(new ApiObject(this, 'Namespace', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: this.namespace, labels: { 'control-plane': 'openkruise', ...podSecurity } },
    }));
  }

  private emitDaemonConfigNamespace(mode: DaemonConfigNamespace): ApiObject | undefined {
    if (mode !== DaemonConfigNamespace.CREATE) return undefined;
    return clusterScoped(new ApiObject(this, 'DaemonConfigNamespace', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: DAEMON_CONFIG_NAMESPACE },
    }));
  }

  private emitCrds(props: KruiseProps, id: string): KruiseCrds | undefined {
    if (props.manageCrds ?? true) {
      const crdsScope = props.crdsScope ?? this;
      return new KruiseCrds(crdsScope, props.crdsScope ? `${id}-crds` : 'Crds', {
        version: this.version, webhookNamespace: this.namespace, includeEphemeralJob: props.includeEphemeralJobCrd,
      });
    }
    if (props.crdsScope) {
      throw invalid(this, 'crdsScope', props.crdsScope.node.path, 'manageCrds is false, so there are no CRDs to place', 'drop crdsScope or set manageCrds: true');
    }
    return undefined;
  }

  private emitRbac(props: KruiseProps, gates: InstallGates, daemonConfig: DaemonConfigNamespace): KruiseRbac {
    return new KruiseRbac(this, 'Rbac', {
      namespace: this.namespace,
      roleListGroups: props.roleListGroups,
      serviceAccountAnnotations: props.serviceAccountAnnotations,
      featureGates: this.featureGates,
      _gates: gates,
      daemonSecretRole: daemonConfig !== DaemonConfigNamespace.NONE,
      version: this.version,
    });
  }

  /** The webhooks, with their failure policies and the external-certs annotations (on the CRDs too). */
  private emitWebhooks(props: KruiseProps, gates: InstallGates, certAnnotations: { [key: string]: string }): KruiseWebhooks {
    const webhooks = new KruiseWebhooks(this, 'Webhooks', {
      namespace: this.namespace,
      webhookPort: props.manager?.webhookPort,
      timeout: props.webhookTimeout,
      featureGates: this.featureGates,
      _gates: gates,
      podWebhook: props.podWebhook,
    });
    webhooks._setFailurePolicies(this, 'webhookFailurePolicies', props.webhookFailurePolicies);
    for (const [k, v] of Object.entries(certAnnotations)) addExternalCertsAnnotation(webhooks, this.crds, k, v);
    return webhooks;
  }

  /** The cert-manager Certificate (when it is to be emitted) and its CA-injection annotation. */
  private emitCertManager(cm: KruiseCertManagerOptions | undefined): KruiseWebhookCertificate | undefined {
    if (!cm) return undefined;
    let certificate: KruiseWebhookCertificate | undefined;
    if (cm.createCertificate ?? true) {
      certificate = new KruiseWebhookCertificate(this, 'CertManager', {
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
    return certificate;
  }

  private emitManager(props: KruiseProps, gates: InstallGates): KruiseManager {
    return new KruiseManager(this, 'Manager', {
      ...props.manager,
      image: this.image,
      namespace: this.namespace,
      featureGates: this.featureGates,
      kubernetesVersion: this.kubernetesVersion,
      enableKubeCacheMutationDetector: props.enableKubeCacheMutationDetector,
      _gates: gates,
      _syncPeriodFlag: props._chartValues?.resyncPeriod,
    });
  }

  private emitDaemon(props: KruiseProps, gates: InstallGates): KruiseDaemon {
    return new KruiseDaemon(this, 'Daemon', {
      ...props.daemon,
      image: this.image,
      namespace: this.namespace,
      featureGates: this.featureGates,
      _gates: gates,
      enableKubeCacheMutationDetector: props.enableKubeCacheMutationDetector,
    });
  }

  /** The credential-provider ConfigMap, when the daemon's credential provider lists providers. */
  private emitCredentialProviderConfig(props: KruiseProps): CredentialProviderConfig | undefined {
    const provider = props.daemon?.credentialProvider;
    if (!provider?.providers) return undefined;
    return new CredentialProviderConfig(this, 'CredentialProviderConfig', {
      configMapName: provider.configMapName,
      namespace: this.namespace,
      providers: provider.providers,
    });
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
   * A warning (construct metadata of type `warning`) for each gate whose default
   * this version changed and that the install leaves to the default.
   */
  private warnAboutChangedDefaults(): void {
    const base = versionData(this.version.version).base;
    if (base === undefined) return;
    const onOff = (b: boolean) => b ? 'on' : 'off';
    for (const c of reliedOnChangedDefaults(this.featureGates, KruiseVersion.of(base))) {
      const constant = `FeatureGate.${constantName(c.gate)}`;
      this.node.addMetadata(KRUISE_WARNING_METADATA,
        `${this.node.path}: Kruise ${this.version.version} turns the ${c.gate.name} gate ${onOff(c.after)} by default (${onOff(c.before)} in ${base}), and featureGates do not set it${c.note ? `, so ${c.note}` : ''}; `
        + `to choose, add ${constant}.${c.before ? 'enable' : 'disable'}() (keeps ${base}'s behaviour) or ${constant}.${c.after ? 'enable' : 'disable'}() to featureGates (chart value featureGates: '...,${c.gate.name}=${c.before}')`,
        { stackTrace: false });
    }
  }

  private applyDeletionProtection(protection: KruiseDeletionProtection | undefined): void {
    if (!protection) return;
    const modes = ['Always', 'Cascading'];
    for (const [field, mode] of [['namespace', protection.namespace], ['crds', protection.crds]] as const) {
      if (mode !== undefined && !modes.includes(mode as string)) {
        throw invalid(this, `deletionProtection.${field}`, mode, 'not a deletion protection mode', 'use DeletionProtection.ALWAYS or DeletionProtection.CASCADING');
      }
    }
    if (protection.namespace !== undefined) {
      if (!this.namespaceObject) {
        throw invalid(this, 'deletionProtection.namespace', protection.namespace, 'createNamespace is false, so this install does not emit the namespace to label', `label the namespace yourself (${DELETE_PROTECTION_LABEL}=${protection.namespace}) or set createNamespace: true`);
      }
      this.namespaceObject.metadata.addLabel(DELETE_PROTECTION_LABEL, protection.namespace);
    }
    if (protection.crds !== undefined) {
      if (!this.crds) {
        throw invalid(this, 'deletionProtection.crds', protection.crds, 'manageCrds is false, so this install does not emit the CRDs to label', `label the CRDs where they are managed (${DELETE_PROTECTION_LABEL}=${protection.crds}) or set manageCrds: true`);
      }
      for (const crd of this.crds.crds) crd.metadata.addLabel(DELETE_PROTECTION_LABEL, protection.crds);
    }
  }

  /**
   * Adds an annotation to both webhook configurations and to the StatefulSet CRD
   * (when the CRDs are emitted), e.g. cert-manager's
   * `cert-manager.io/inject-ca-from: <namespace>/<certificate>`.
   */
  public addExternalCertsAnnotation(key: string, value: string): void {
    addExternalCertsAnnotation(this.webhooks, this.crds, key, value);
  }
}

function addExternalCertsAnnotation(webhooks: KruiseWebhooks, crds: KruiseCrds | undefined, key: string, value: string): void {
  webhooks.addAnnotation(key, value);
  crds?.crdOf('StatefulSet').metadata.addAnnotation(key, value);
}

/** The label Kruise's deletion-protection webhook reads. */
const DELETE_PROTECTION_LABEL = 'policy.kruise.io/delete-protection';

/**
 * The gate settings, with the deletion-protection gates added when deletionProtection
 * asks for them (set explicitly, so that the protection also holds on Kruise
 * versions where ResourcesDeletionProtection is off by default).
 */
function withDeletionProtectionGates(scope: Construct, props: KruiseProps, settings: FeatureGateSetting[]): FeatureGateSetting[] {
  const dp = props.deletionProtection;
  if (!dp || (dp.namespace === undefined && dp.crds === undefined)) return settings;
  const needed: Array<[FeatureGate, string]> = [[FeatureGate.RESOURCES_DELETION_PROTECTION, 'deletionProtection']];
  if ((dp.crds as string | undefined) === 'Cascading') {
    needed.push([FeatureGate.DELETION_PROTECTION_FOR_CRD_CASCADING, 'deletionProtection.crds: Cascading']);
  }
  let out = settings;
  for (const [gate, prop] of needed) {
    const explicit = out.find(s => s.gate.name === gate.name);
    if (explicit && !explicit.enabled) {
      throw invalid(scope, 'featureGates', `${gate.name}=false`, `${prop} needs the ${gate.name} gate, which these featureGates turn off (without it kruise-manager ignores the label${gate === FeatureGate.DELETION_PROTECTION_FOR_CRD_CASCADING ? ', or for Cascading on a CRD rejects every deletion' : ''})`,
        `remove FeatureGate.${constantName(gate)}.disable() or drop ${prop}`);
    }
    if (!explicit) out = [...out, gate.enable()];
  }
  return out;
}

/** The daemon-config namespace mode (daemonConfigNamespace, checked). */
function daemonConfigNamespaceMode(scope: Kruise, props: KruiseProps, daemon: boolean): DaemonConfigNamespace {
  const mode = props.daemonConfigNamespace;
  if (mode !== undefined && !Object.values(DaemonConfigNamespace).includes(mode)) {
    throw invalid(scope, 'daemonConfigNamespace', mode, 'not a daemon-config namespace mode', 'use DaemonConfigNamespace.CREATE, EXISTING or NONE');
  }
  const resolved = mode ?? DaemonConfigNamespace.CREATE;
  if (resolved === DaemonConfigNamespace.NONE && daemon && scope.featureGates.isEnabled(FeatureGate.IMAGE_PULL_JOB)) {
    const forcedBy = scope.featureGates.forcedOn.find(f => f.startsWith(`'${FeatureGate.IMAGE_PULL_JOB.name}'`));
    throw invalid(scope, 'daemonConfigNamespace', resolved,
      `the ImagePullJobGate gate is on${forcedBy ? ` (${forcedBy})` : ''}, and kruise-manager copies ImagePullJob pull secrets into kruise-daemon-config for kruise-daemon to read`,
      "turn it off with FeatureGate.IMAGE_PULL_JOB.disable() (the chart's default turns it on), or use DaemonConfigNamespace.EXISTING");
  }
  return resolved;
}

/** The PSA labels of the Kruise namespace, checked against what the pods need. */
function checkPodSecurity(scope: Kruise, props: KruiseProps, daemon: boolean): { [key: string]: string } {
  const level = props.podSecurityLevel;
  if (level === undefined) return {};
  if (!Object.values(PodSecurityLevel).includes(level)) {
    throw invalid(scope, 'podSecurityLevel', level, 'not a Pod Security Standard level', 'use PodSecurityLevel.PRIVILEGED or PodSecurityLevel.BASELINE');
  }
  if (!(props.createNamespace ?? true)) {
    throw invalid(scope, 'podSecurityLevel', level, 'createNamespace is false, so this install does not emit the namespace to label', `label the namespace yourself (pod-security.kubernetes.io/enforce=${level}) or set createNamespace: true`);
  }
  if (level === PodSecurityLevel.RESTRICTED) {
    throw invalid(scope, 'podSecurityLevel', level, 'kruise-manager does not meet the restricted standard (its container sets no seccompProfile), so its pods would be rejected', daemon ? 'use PodSecurityLevel.PRIVILEGED (kruise-daemon needs it)' : 'use PodSecurityLevel.BASELINE');
  }
  if (level !== PodSecurityLevel.PRIVILEGED) {
    const needs = daemon ? 'kruise-daemon uses the host network and a hostPath volume'
      : props.manager?.hostNetwork ? 'manager.hostNetwork puts kruise-manager in the host network' : undefined;
    if (needs) {
      throw invalid(scope, 'podSecurityLevel', level, `${needs}, which only the privileged level admits`, 'use PodSecurityLevel.PRIVILEGED');
    }
  }
  return {
    'pod-security.kubernetes.io/enforce': level,
    'pod-security.kubernetes.io/audit': level,
    'pod-security.kubernetes.io/warn': level,
  };
}

/** The gate settings, with EnableExternalCerts added when cert-manager is asked for. */
function withCertManagerGate(scope: Construct, props: KruiseProps): FeatureGateSetting[] {
  const settings = props.featureGates ?? defaultGateSettings();
  if (!props.certManager) return settings;
  const explicit = settings.find(s => s.gate.name === FeatureGate.ENABLE_EXTERNAL_CERTS.name);
  if (explicit && !explicit.enabled) {
    throw invalid(scope, 'featureGates', 'EnableExternalCerts=false', 'certManager needs the EnableExternalCerts gate, which these featureGates turn off', 'remove FeatureGate.ENABLE_EXTERNAL_CERTS.disable() or drop certManager');
  }
  return explicit ? settings : [...settings, FeatureGate.ENABLE_EXTERNAL_CERTS.enable()];
}

