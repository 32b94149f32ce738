import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { HEALTH_SCRIPTS } from './health-lua';
import { annotationOf, apiObjectsIn, Part, partOf } from './object-parts';
import { KRUISE_1_7_KINDS } from '../api/kinds';
import { isDns1123Label, isDns1123Subdomain, LABEL_RULE, SUBDOMAIN_RULE } from '../base/names';
import { invalid } from '../validation/errors';
import { DEFAULT_KRUISE_NAMESPACE } from '../versions/namespace';

/**
 * Argo CD sync waves (`argocd.argoproj.io/sync-wave`) of the parts of a Kruise
 * install and of the Kruise custom resources next to it. Argo CD applies wave by
 * wave and waits until a wave is healthy before it starts the next.
 *
 * The waves must keep this order: namespaces and CRDs <= configuration <= manager
 * <= daemon <= workloads, with the manager and the CRDs strictly before the workloads
 * (a custom resource applied before the CRD exists fails; one applied before
 * kruise-manager serves its webhooks is rejected or left unreconciled, kruise#1502).
 */
export interface ArgoCdSyncWaves {
  /**
   * The Kruise namespace and `kruise-daemon-config`.
   * @default -5
   */
  readonly namespaces?: number;
  /**
   * The Kruise CRDs.
   * @default -5
   */
  readonly crds?: number;
  /**
   * Service accounts, roles, bindings, the webhook Secret and Service, the webhook
   * configurations, cert-manager objects, ConfigMaps, the PodDisruptionBudget and
   * the metrics Service/ServiceMonitor. kruise-manager needs the webhook
   * configurations to exist when it starts (it fills in their caBundle).
   * @default -4
   */
  readonly configuration?: number;
  /**
   * The kruise-manager Deployment.
   * @default -3
   */
  readonly manager?: number;
  /**
   * The kruise-daemon DaemonSet.
   * @default -2
   */
  readonly daemon?: number;
  /**
   * Kruise custom resources (CloneSet, SidecarSet, ... every `apps.kruise.io` and
   * `policy.kruise.io` object). Objects without a wave are in wave 0, so with the
   * default the app's plain objects also come after the operator.
   * @default 0
   */
  readonly workloads?: number;
}

/** Options of {@link ArgoCdProfile.applyTo}. */
export interface ArgoCdProfileOptions {
  /**
   * The sync waves.
   * @default - namespaces and CRDs -5, configuration -4, manager -3, daemon -2, workloads 0
   */
  readonly syncWaves?: ArgoCdSyncWaves;

  /**
   * Put `argocd.argoproj.io/sync-options: Prune=false,Delete=false` on the Kruise
   * CRDs: Argo CD neither prunes them when they leave the repo nor deletes them
   * with the Application. Deleting a CRD deletes every custom resource of it and
   * the pods those own.
   * @default true
   */
  readonly keepCrds?: boolean;

  /**
   * Put `argocd.argoproj.io/sync-options: SkipDryRunOnMissingResource=true` on the
   * Kruise custom resources, for apps whose CRDs come from another Application and
   * may not exist yet at the first sync. Not needed when the CRDs are in the same
   * app (Argo CD then skips the dry run itself).
   * @default false
   */
  readonly skipDryRunOnMissingResource?: boolean;
}

const DEFAULT_WAVES: Required<ArgoCdSyncWaves> = { namespaces: -5, crds: -5, configuration: -4, manager: -3, daemon: -2, workloads: 0 };

/**
 * Prepares a Kruise install and the Kruise custom resources in a scope (an App, a
 * Chart, the install) for Argo CD: sync waves in a sound order, CRDs kept from
 * pruning and deletion, and optionally no dry run for custom resources of
 * missing CRDs.
 *
 * `applyTo()` annotates the objects that exist when it is called: call it after
 * the constructs are defined (just before `app.synth()`). Objects of the scope
 * added later are reported by synthesis validation. An object that already has a
 * sync wave keeps it. Objects that belong neither to a Kruise install nor are Kruise
 * custom resources are left alone.
 *
 * Use it together with {@link KruiseArgoCdApplication} (which makes Argo CD ignore
 * what kruise-manager rewrites at run time) and {@link KruiseArgoCdHealthChecks}.
 *
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/sync-waves/
 */
export class ArgoCdProfile {
  /** The sync wave annotation. */
  public static readonly SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';
  /** The sync options annotation. */
  public static readonly SYNC_OPTIONS_ANNOTATION = 'argocd.argoproj.io/sync-options';

  /**
   * Annotates the Kruise install objects and Kruise custom resources in `scope`.
   * @param scope an App, a Chart or any construct above the objects
   */
  public static applyTo(scope: IConstruct, options: ArgoCdProfileOptions = {}): ArgoCdProfile {
    return new ArgoCdProfile(scope, options);
  }

  /** The waves in use (defaults filled in). */
  public readonly syncWaves: ArgoCdSyncWaves;
  /** How many objects this call annotated. */
  public readonly annotatedCount: number;

  private constructor(scope: IConstruct, options: ArgoCdProfileOptions) {
    const waves = checkWaves(scope, { ...DEFAULT_WAVES, ...stripUndefined(options.syncWaves ?? {}) });
    this.syncWaves = waves;
    const keepCrds = options.keepCrds ?? true;
    const skipDryRun = options.skipDryRunOnMissingResource ?? false;
    const waveOf: { [part: string]: number } = {
      [Part.NAMESPACE]: waves.namespaces,
      [Part.CRD]: waves.crds,
      [Part.CONFIGURATION]: waves.configuration,
      [Part.MANAGER]: waves.manager,
      [Part.DAEMON]: waves.daemon,
      [Part.WORKLOAD]: waves.workloads,
    };

    let count = 0;
    for (const obj of apiObjectsIn(scope)) {
      const part = partOf(obj);
      if (part === undefined) continue;
      if (annotationOf(obj, ArgoCdProfile.SYNC_WAVE_ANNOTATION) === undefined) {
        obj.metadata.addAnnotation(ArgoCdProfile.SYNC_WAVE_ANNOTATION, String(waveOf[part]));
      }
      if (part === Part.CRD && keepCrds) addSyncOptions(obj, ['Prune=false', 'Delete=false']);
      if (part === Part.WORKLOAD && skipDryRun) addSyncOptions(obj, ['SkipDryRunOnMissingResource=true']);
      count++;
    }
    this.annotatedCount = count;

    scope.node.addValidation({
      validate: () => apiObjectsIn(scope)
        .filter(o => partOf(o) !== undefined && annotationOf(o, ArgoCdProfile.SYNC_WAVE_ANNOTATION) === undefined)
        .map(o => `${o.kind} ${o.name} (${o.node.path}) was added after ArgoCdProfile.applyTo() and has no Argo CD sync wave; call ArgoCdProfile.applyTo() after defining it, or annotate it with ${ArgoCdProfile.SYNC_WAVE_ANNOTATION}`),
    });
  }
}

function stripUndefined(waves: ArgoCdSyncWaves): ArgoCdSyncWaves {
  return Object.fromEntries(Object.entries(waves).filter(([, v]) => v !== undefined));
}

function checkWaves(scope: IConstruct, w: Required<ArgoCdSyncWaves>): Required<ArgoCdSyncWaves> {
  for (const [k, v] of Object.entries(w)) {
    if (!Number.isInteger(v)) {
      throw invalid(scope, `syncWaves.${k}`, v, 'not a sync wave', 'use a whole number (negative numbers sync before the default wave 0)');
    }
  }
  const rules: Array<[keyof ArgoCdSyncWaves, keyof ArgoCdSyncWaves, boolean, string]> = [
    ['namespaces', 'configuration', false, 'namespaced objects need their namespace'],
    ['crds', 'configuration', false, 'kruise-manager needs its CRDs'],
    ['configuration', 'manager', false, 'kruise-manager needs its RBAC, Secret and webhook configurations when it starts'],
    ['manager', 'daemon', false, 'kruise-daemon works for kruise-manager'],
    ['daemon', 'workloads', false, 'in-place updates, image pre-downloads and container restarts need kruise-daemon'],
    ['manager', 'workloads', true, 'custom resources applied before kruise-manager serves its webhooks are rejected or left unreconciled'],
    ['crds', 'workloads', true, 'custom resources cannot be applied before their CRDs'],
  ];
  for (const [a, b, strict, why] of rules) {
    if (strict ? !(w[a] < w[b]) : !(w[a] <= w[b])) {
      throw invalid(scope, `syncWaves.${b}`, w[b], `must be ${strict ? 'after' : 'no earlier than'} syncWaves.${a} (${w[a]}): ${why}`,
        `give ${b} a wave ${strict ? '>' : '>='} ${w[a]}`);
    }
  }
  return w;
}

function addSyncOptions(obj: ApiObject, options: string[]): void {
  const existing = (annotationOf(obj, ArgoCdProfile.SYNC_OPTIONS_ANNOTATION) ?? '').split(',').map(s => s.trim()).filter(s => s !== '');
  const keys = new Set(existing.map(s => s.split('=')[0]));
  const merged = [...existing, ...options.filter(o => !keys.has(o.split('=')[0]))];
  obj.metadata.addAnnotation(ArgoCdProfile.SYNC_OPTIONS_ANNOTATION, merged.join(','));
}

/**
 * An entry of an Argo CD Application's `spec.ignoreDifferences`: fields of the
 * matching objects that Argo CD leaves out of its diff.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/diffing/
 */
export interface ArgoCdIgnoreDifference {
  /**
   * API group.
   * @default - the core group
   */
  readonly group?: string;
  /** Kind. */
  readonly kind: string;
  /**
   * Object name.
   * @default - every object of the kind
   */
  readonly name?: string;
  /**
   * Object namespace.
   * @default - any
   */
  readonly namespace?: string;
  /**
   * JSON pointers (RFC 6901) of the ignored fields.
   * @default - none
   */
  readonly jsonPointers?: string[];
  /**
   * jq path expressions of the ignored fields.
   * @default - none
   */
  readonly jqPathExpressions?: string[];
}

/** Automated sync of an Argo CD Application (`spec.syncPolicy.automated`). */
export interface ArgoCdAutomatedSync {
  /**
   * Delete objects that left the repo. CRDs annotated by `ArgoCdProfile` are kept.
   * @default false
   */
  readonly prune?: boolean;
  /**
   * Revert changes made in the cluster. Safe for the fields kruise-manager
   * rewrites: they are in `ignoreDifferences`.
   * @default false
   */
  readonly selfHeal?: boolean;
}

/** Properties of {@link KruiseArgoCdApplication}. */
export interface KruiseArgoCdApplicationProps {
  /** The Git repository with the synthesized YAML (`spec.source.repoURL`). */
  readonly repoUrl: string;
  /** The directory of the YAML in the repository, e.g. `dist` (`spec.source.path`). */
  readonly path: string;
  /**
   * Branch, tag or commit (`spec.source.targetRevision`).
   * @default 'HEAD'
   */
  readonly targetRevision?: string;
  /**
   * Read the YAML of sub-directories too (`spec.source.directory.recurse`).
   * @default false
   */
  readonly recurse?: boolean;
  /**
   * Name of the Application.
   * @default 'openkruise'
   */
  readonly name?: string;
  /**
   * Namespace of Argo CD.
   * @default 'argocd'
   */
  readonly argoCdNamespace?: string;
  /**
   * Argo CD project.
   * @default 'default'
   */
  readonly project?: string;
  /**
   * Target cluster by API server URL. Exclusive with `destinationName`.
   * @default 'https://kubernetes.default.svc' (the cluster Argo CD runs in) unless destinationName is set
   */
  readonly destinationServer?: string;
  /**
   * Target cluster by its name in Argo CD. Exclusive with `destinationServer`.
   * @default - destinationServer
   */
  readonly destinationName?: string;
  /**
   * The namespace Kruise is installed in (where the webhook Secret is).
   * @default 'kruise-system'
   */
  readonly kruiseNamespace?: string;
  /**
   * Automated sync.
   * @default - manual sync
   */
  readonly automated?: ArgoCdAutomatedSync;
  /**
   * Apply with server-side apply (`ServerSideApply=true`).
   * @default false
   */
  readonly serverSideApply?: boolean;
  /**
   * More sync options (`Key=Value`), e.g. `PruneLast=true`.
   * @default - none
   */
  readonly syncOptions?: string[];
  /**
   * Add Argo CD's `resources-finalizer.argocd.argoproj.io`, so that deleting the
   * Application deletes its objects (CRDs annotated by `ArgoCdProfile` stay).
   * @default false (deleting the Application leaves everything in place)
   */
  readonly cascadeDelete?: boolean;
  /**
   * More `ignoreDifferences` entries, after the Kruise ones.
   * @default - none
   */
  readonly extraIgnoreDifferences?: ArgoCdIgnoreDifference[];
}

/**
 * An Argo CD `Application` for a synthesized Kruise install, with
 * `ignoreDifferences` for every field kruise-manager rewrites at run time, so that
 * the app stays Synced and self-heal does not fight kruise-manager:
 *
 * - `webhooks[].clientConfig.caBundle` of both webhook configurations (filled by
 *   kruise-manager, or by cert-manager's CA injector with `certManager`);
 * - their `template` annotation (kruise-manager stores the webhooks it was given
 *   there and rebuilds them from it);
 * - `spec.conversion.webhook.clientConfig.caBundle` of the CRDs with a conversion
 *   webhook (Advanced StatefulSet);
 * - `data` of the `kruise-webhook-certs` Secret (kruise-manager writes its
 *   certificate there).
 *
 * `RespectIgnoreDifferences` is deliberately not set: when the webhooks change in
 * Git, a sync must reset the `template` annotation (to "") so that kruise-manager
 * takes the new webhooks instead of restoring the old ones from it. The caBundles
 * and the Secret data survive a sync (they are not in the manifests, and
 * kubectl apply only removes fields it applied before).
 *
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/diffing/
 */
export class KruiseArgoCdApplication extends Construct {
  /**
   * The `ignoreDifferences` entries for a Kruise install in `kruiseNamespace`.
   * Use them in an Application or ApplicationSet of your own.
   */
  public static ignoreDifferences(kruiseNamespace: string = DEFAULT_KRUISE_NAMESPACE): ArgoCdIgnoreDifference[] {
    if (!isDns1123Label(kruiseNamespace)) {
      throw invalid('KruiseArgoCdApplication.ignoreDifferences', 'kruiseNamespace', kruiseNamespace, 'not a namespace name', `${LABEL_RULE}, e.g. 'kruise-system'`);
    }
    const webhookConfig = (kind: string, name: string): ArgoCdIgnoreDifference => ({
      group: 'admissionregistration.k8s.io',
      kind,
      name,
      jsonPointers: ['/metadata/annotations/template'],
      jqPathExpressions: ['.webhooks[]?.clientConfig.caBundle'],
    });
    return [
      webhookConfig('MutatingWebhookConfiguration', 'kruise-mutating-webhook-configuration'),
      webhookConfig('ValidatingWebhookConfiguration', 'kruise-validating-webhook-configuration'),
      ...KRUISE_1_7_KINDS.filter(k => k.conversionWebhook).map(k => ({
        group: 'apiextensions.k8s.io',
        kind: 'CustomResourceDefinition',
        name: `${k.plural}.${k.group}`,
        jsonPointers: ['/spec/conversion/webhook/clientConfig/caBundle'],
      })),
      { kind: 'Secret', name: 'kruise-webhook-certs', namespace: kruiseNamespace, jsonPointers: ['/data'] },
    ];
  }

  /** The Application object. */
  public readonly application: ApiObject;

  public constructor(scope: Construct, id: string, props: KruiseArgoCdApplicationProps) {
    super(scope, id);
    const name = props.name ?? 'openkruise';
    if (!isDns1123Subdomain(name)) throw invalid(this, 'name', name, 'not an Application name', `${SUBDOMAIN_RULE}, e.g. 'openkruise'`);
    const argoNs = props.argoCdNamespace ?? 'argocd';
    if (!isDns1123Label(argoNs)) throw invalid(this, 'argoCdNamespace', argoNs, 'not a namespace name', `${LABEL_RULE}, e.g. 'argocd'`);
    if (typeof props.repoUrl !== 'string' || props.repoUrl.trim() === '' || /\s/.test(props.repoUrl)) {
      throw invalid(this, 'repoUrl', props.repoUrl, 'not a repository URL', "give the Git URL Argo CD clones, e.g. 'https://github.com/acme/platform.git'");
    }
    if (typeof props.path !== 'string' || props.path === '' || props.path.startsWith('/') || props.path.split('/').includes('..')) {
      throw invalid(this, 'path', props.path, 'not a directory inside the repository', "give a path relative to the repository root, e.g. 'dist' or '.'");
    }
    if (props.destinationServer !== undefined && props.destinationName !== undefined) {
      throw invalid(this, 'destinationName', props.destinationName, 'destinationServer is set too; an Application targets one cluster', 'keep one of them');
    }
    const syncOptions = [...(props.serverSideApply ? ['ServerSideApply=true'] : [])];
    for (const [i, o] of (props.syncOptions ?? []).entries()) {
      if (typeof o !== 'string' || !/^[A-Za-z]+=[^\s,=]+$/.test(o)) {
        throw invalid(this, `syncOptions[${i}]`, o, 'not a sync option', "use Key=Value, e.g. 'PruneLast=true'");
      }
      if (!syncOptions.includes(o)) syncOptions.push(o);
    }
    const automated = props.automated ? { prune: props.automated.prune ?? false, selfHeal: props.automated.selfHeal ?? false } : undefined;
    const kruiseEntries = KruiseArgoCdApplication.ignoreDifferences(props.kruiseNamespace ?? DEFAULT_KRUISE_NAMESPACE);
    const ignore = [...kruiseEntries, ...(props.extraIgnoreDifferences ?? [])];
    for (const [i, d] of ignore.entries()) {
      if (!d.kind || ((d.jsonPointers ?? []).length === 0 && (d.jqPathExpressions ?? []).length === 0)) {
        throw invalid(this, `extraIgnoreDifferences[${i - kruiseEntries.length}]`, d, 'needs a kind and at least one jsonPointer or jqPathExpression', "e.g. { kind: 'Secret', name: 'x', jsonPointers: ['/data'] }");
      }
    }

    this.application = new ApiObject(this, 'Application', {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: {
        name,
        namespace: argoNs,
        finalizers: props.cascadeDelete ? ['resources-finalizer.argocd.argoproj.io'] : undefined,
      },
      spec: {
        project: props.project ?? 'default',
        source: {
          repoURL: props.repoUrl,
          path: props.path,
          targetRevision: props.targetRevision ?? 'HEAD',
          directory: props.recurse ? { recurse: true } : undefined,
        },
        destination: props.destinationName !== undefined
          ? { name: props.destinationName }
          : { server: props.destinationServer ?? 'https://kubernetes.default.svc' },
        ignoreDifferences: ignore.map(d => ({
          ...d,
          jsonPointers: d.jsonPointers ? [...d.jsonPointers] : undefined,
          jqPathExpressions: d.jqPathExpressions ? [...d.jqPathExpressions] : undefined,
        })),
        syncPolicy: automated || syncOptions.length > 0 ? { automated, syncOptions: syncOptions.length > 0 ? syncOptions : undefined } : undefined,
      },
    });
  }
}

/** Properties of {@link KruiseArgoCdHealthChecks}. */
export interface KruiseArgoCdHealthChecksProps {
  /**
   * Namespace of Argo CD.
   * @default 'argocd'
   */
  readonly argoCdNamespace?: string;
}

/**
 * Argo CD health checks (Lua) for CloneSet, Advanced StatefulSet, Advanced
 * DaemonSet, BroadcastJob and AdvancedCronJob, as the `argocd-cm` ConfigMap keys
 * `resource.customizations.health.apps.kruise.io_<Kind>`. Without them Argo CD
 * (before its own built-in Kruise checks) reports Kruise workloads Healthy as soon
 * as they exist, so sync waves do not wait for rollouts (argo-cd#15723).
 *
 * Status rules: Progressing until the controller observed the generation, while
 * pods update, scale or become ready; Suspended while a rollout is paused or a
 * partition keeps pods at the old revision; Healthy when all pods are updated and
 * available; a failed BroadcastJob is Degraded; a BroadcastJob with
 * `completionPolicy: Never` is Healthy once it runs on every node.
 *
 * This construct emits a whole `argocd-cm`. When Argo CD's own install manages
 * `argocd-cm` (as with its Helm chart), merge `KruiseArgoCdHealthChecks.scripts()`
 * into that instead (chart value `configs.cm`).
 *
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/health/
 */
export class KruiseArgoCdHealthChecks extends Construct {
  /** The `argocd-cm` keys and their Lua scripts. */
  public static scripts(): { [key: string]: string } {
    const out: { [key: string]: string } = {};
    for (const s of HEALTH_SCRIPTS) out[`resource.customizations.health.${s.group}_${s.kind}`] = s.lua;
    return out;
  }

  /** The `argocd-cm` ConfigMap. */
  public readonly configMap: ApiObject;

  public constructor(scope: Construct, id: string, props: KruiseArgoCdHealthChecksProps = {}) {
    super(scope, id);
    const ns = props.argoCdNamespace ?? 'argocd';
    if (!isDns1123Label(ns)) throw invalid(this, 'argoCdNamespace', ns, 'not a namespace name', `${LABEL_RULE}, e.g. 'argocd'`);
    this.configMap = new ApiObject(this, 'ConfigMap', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'argocd-cm',
        namespace: ns,
        labels: { 'app.kubernetes.io/name': 'argocd-cm', 'app.kubernetes.io/part-of': 'argocd' },
      },
      data: KruiseArgoCdHealthChecks.scripts(),
    });
  }
}
