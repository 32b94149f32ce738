import { ApiObject, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import { checkNamespace, checkStringMap } from './checks';
import { defaultResolvedGates, InstallGates, typedGates } from './install-gates';
import { clusterScoped } from '../common/cluster-scoped';
import { PlainBodyApiObject } from '../common/plain-body-object';
import { invalid } from '../validation/errors';
import { KruiseVersion } from '../version';
import { ResolvedFeatureGates } from '../versions/feature-gates';
import { DAEMON_CONFIG_NAMESPACE } from '../versions/namespace';
import { VersionData, versionData } from '../versions/registry';

/** Props of {@link KruiseRbac}. */
export interface KruiseRbacProps {
  /**
   * The Kruise namespace (service accounts, namespaced roles).
   * Chart value `installation.namespace`.
   * @default 'kruise-system'
   */
  readonly namespace?: string;

  /**
   * API groups in which kruise-manager may `list` every resource (for workload
   * spread and PUB owner lookups). Narrow it to cut the manager's read access.
   * Chart value `installation.roleListGroups`.
   * @default ['*']
   */
  readonly roleListGroups?: string[];

  /**
   * Annotations of the `kruise-manager` and `kruise-daemon` service accounts
   * (e.g. `eks.amazonaws.com/role-arn`).
   * Chart value `serviceAccount.annotations`.
   * @default - none
   */
  readonly serviceAccountAnnotations?: { [key: string]: string };

  /**
   * The feature gates: with `EnableExternalCerts` on, the `kruise-certs-role` (which lets
   * kruise-manager patch its webhook configurations and the StatefulSet CRD) and its
   * binding are left out, as in the chart.
   * @default - ImagePullJobGate=true, the chart's
   */
  readonly featureGates?: ResolvedFeatureGates;

  /**
   * How the objects read the gates (set by Kruise: the chart's text tests for an install from values).
   * @internal
   */
  readonly _gates?: InstallGates;

  /**
   * Emit the `kruise-daemon-secret-role` Role and its binding in the
   * `kruise-daemon-config` namespace (kruise-daemon reads the pull secrets of
   * ImagePullJobs there). `Kruise` turns it off with
   * `daemonConfigNamespace: DaemonConfigNamespace.NONE`.
   * @default true
   */
  readonly daemonSecretRole?: boolean;

  /**
   * The Kruise release whose roles to emit (1.8 adds the aggregate
   * `aggregate-kruise-view`/`-edit`/`-admin` ClusterRoles, and a StorageClass
   * read rule for kruise-manager while `StatefulSetAutoResizePVCGate` is on).
   * @default - the version of featureGates, else KruiseVersion.V1_7
   */
  readonly version?: KruiseVersion;
}

const RBAC = 'rbac.authorization.k8s.io/v1';
const CRUD = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];
const STATUS = ['get', 'patch', 'update'];

interface Rule { apiGroups: string[]; resources: string[]; verbs: string[]; resourceNames?: string[] }
const rule = (group: string, resource: string, verbs: string[]): Rule => ({ apiGroups: [group], resources: [resource], verbs: [...verbs] });

/** A Kruise kind's three rules: the resource, its finalizers, its status. */
function kruiseKind(plural: string, verbs: string[] = CRUD, group = 'apps.kruise.io'): Rule[] {
  return [rule(group, plural, verbs), rule(group, `${plural}/finalizers`, ['update']), rule(group, `${plural}/status`, STATUS)];
}

function managerRules(roleListGroups: string[]): Rule[] {
  return [
    rule('', 'secrets', ['create', 'delete', 'get', 'list', 'update', 'watch']),
    { apiGroups: [...roleListGroups], resources: ['*'], verbs: ['list'] },
    rule('*', '*/scale', ['get', 'list', 'watch']),
    rule('admissionregistration.k8s.io', 'mutatingwebhookconfigurations', ['get', 'list', 'watch']),
    rule('admissionregistration.k8s.io', 'validatingwebhookconfigurations', ['get', 'list', 'watch']),
    rule('apiextensions.k8s.io', 'customresourcedefinitions', ['get', 'list', 'watch']),
    rule('apps', 'controllerrevisions', CRUD),
    rule('apps', 'deployments', CRUD),
    rule('apps', 'deployments/status', STATUS),
    rule('apps', 'replicasets', ['get', 'list', 'watch']),
    rule('apps', 'replicasets/status', ['get']),
    rule('apps', 'statefulsets', CRUD),
    rule('apps', 'statefulsets/status', STATUS),
    ...kruiseKind('advancedcronjobs'),
    ...kruiseKind('broadcastjobs'),
    ...kruiseKind('clonesets'),
    ...kruiseKind('containerrecreaterequests'),
    ...kruiseKind('daemonsets'),
    rule('apps.kruise.io', 'ephemeraljobs', ['delete', 'get', 'list', 'patch', 'update', 'watch']),
    rule('apps.kruise.io', 'ephemeraljobs/finalizers', STATUS),
    rule('apps.kruise.io', 'ephemeraljobs/status', STATUS),
    ...kruiseKind('imagelistpulljobs'),
    ...kruiseKind('imagepulljobs'),
    ...kruiseKind('nodeimages'),
    ...kruiseKind('nodepodprobes'),
    ...kruiseKind('persistentpodstates'),
    ...kruiseKind('podprobemarkers'),
    ...kruiseKind('resourcedistributions', ['get', 'list', 'watch']),
    ...kruiseKind('sidecarsets'),
    ...kruiseKind('statefulsets'),
    ...kruiseKind('uniteddeployments'),
    ...kruiseKind('workloadspreads', ['get', 'list', 'patch', 'update', 'watch']),
    rule('batch', 'jobs', CRUD),
    rule('batch', 'jobs/status', STATUS),
    rule('', 'configmaps', CRUD),
    rule('', 'events', CRUD),
    rule('', 'namespaces', ['get', 'list', 'watch']),
    rule('', 'nodes', ['get', 'list', 'watch']),
    rule('', 'persistentvolumeclaims', CRUD),
    rule('', 'pods', CRUD),
    rule('', 'pods/ephemeralcontainers', STATUS),
    rule('', 'pods/status', STATUS),
    ...kruiseKind('podunavailablebudgets', CRUD, 'policy.kruise.io'),
  ];
}

const DAEMON_RULES: Rule[] = [
  rule('apps.kruise.io', 'nodeimages', ['get', 'list', 'patch', 'update', 'watch']),
  rule('apps.kruise.io', 'nodeimages/status', STATUS),
  rule('', 'events', ['create', 'update', 'patch']),
  rule('apps.kruise.io', 'containerrecreaterequests', ['get', 'list', 'watch']),
  rule('apps.kruise.io', 'containerrecreaterequests/status', STATUS),
  rule('', 'pods', ['get', 'list', 'patch', 'update', 'watch']),
  rule('', 'pods/status', STATUS),
  rule('apps.kruise.io', 'nodepodprobes', ['get', 'list', 'watch']),
  rule('apps.kruise.io', 'nodepodprobes/status', STATUS),
];

const CERTS_RULES: Rule[] = [
  { ...rule('admissionregistration.k8s.io', 'mutatingwebhookconfigurations', ['patch', 'update']), resourceNames: ['kruise-mutating-webhook-configuration'] },
  { ...rule('admissionregistration.k8s.io', 'validatingwebhookconfigurations', ['patch', 'update']), resourceNames: ['kruise-validating-webhook-configuration'] },
  { ...rule('apiextensions.k8s.io', 'customresourcedefinitions', ['update', 'watch']), resourceNames: ['statefulsets.apps.kruise.io'] },
];

const LEADER_ELECTION_RULES: Rule[] = [
  rule('coordination.k8s.io', 'leases', ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete']),
  rule('', 'events', ['create']),
];

/**
 * The service accounts, roles and bindings of the chart (1.7.5 or 1.8.3):
 * `kruise-manager` and `kruise-daemon` service accounts; the manager, daemon and
 * certs ClusterRoles (and with 1.8 the three aggregate ClusterRoles);
 * the leader-election, webhook-secret and daemon-secret Roles; their bindings.
 * Rules are the chart's, verbatim.
 */
export class KruiseRbac extends Construct {
  /** The `kruise-manager` ServiceAccount. */
  public readonly managerServiceAccount: ApiObject;
  /** The `kruise-daemon` ServiceAccount. */
  public readonly daemonServiceAccount: ApiObject;
  /** The `kruise-manager-role` ClusterRole. */
  public readonly managerRole: ApiObject;
  /**
   * The `kruise-certs-role` ClusterRole.
   * @default - undefined when EnableExternalCerts is on
   */
  public readonly certsRole?: ApiObject;
  /** The aggregate ClusterRoles for the built-in view/edit/admin roles (Kruise 1.8 and later; empty before). */
  public readonly aggregateRoles: ApiObject[] = [];

  public constructor(scope: Construct, id: string, props: KruiseRbacProps = {}) {
    super(scope, id);
    const where = this.node.path;
    const ns = checkNamespace(where, 'namespace', props.namespace);
    const groups = props.roleListGroups ?? ['*'];
    if (!Array.isArray(groups) || groups.length === 0 || groups.some(g => typeof g !== 'string')) {
      throw invalid(where, 'roleListGroups', groups, 'is not a non-empty list of API groups', "use e.g. ['*'] or ['apps.kruise.io', 'apps']");
    }
    const annotations = checkStringMap(where, 'serviceAccountAnnotations', props.serviceAccountAnnotations);
    const gates = props.featureGates ?? defaultResolvedGates(where);
    const view = props._gates ?? typedGates(gates);
    const data = versionData((props.version ?? props.featureGates?.version ?? KruiseVersion.V1_7).version);
    const daemonSecretRole = props.daemonSecretRole ?? true;

    this.managerServiceAccount = this.serviceAccount('kruise-manager', ns, annotations);
    this.daemonServiceAccount = this.serviceAccount('kruise-daemon', ns, annotations);
    this.managerRole = this.role('ClusterRole', 'kruise-manager-role', [...managerRules(groups), ...extraManagerRules(data, view)], undefined, true);
    this.role('ClusterRole', 'kruise-daemon-role', DAEMON_RULES, undefined, true);
    if (!view.externalCerts) this.certsRole = this.role('ClusterRole', 'kruise-certs-role', CERTS_RULES);
    this.aggregateRoles.push(...data.clusterRoles.map(cr => this.aggregateRole(cr)));
    this.role('Role', 'kruise-leader-election-role', LEADER_ELECTION_RULES, ns);
    this.role('Role', 'kruise-webhook-role', [rule('', 'secrets', CRUD)], ns);
    if (daemonSecretRole) this.role('Role', 'kruise-daemon-secret-role', [rule('', 'secrets', ['get', 'list', 'watch'])], DAEMON_CONFIG_NAMESPACE, true);

    this.binding('ClusterRoleBinding', 'kruise-manager-rolebinding', 'kruise-manager-role', 'kruise-manager', ns);
    this.binding('ClusterRoleBinding', 'kruise-daemon-rolebinding', 'kruise-daemon-role', 'kruise-daemon', ns);
    if (!view.externalCerts) this.binding('ClusterRoleBinding', 'kruise-certs-rolebinding', 'kruise-certs-role', 'kruise-manager', ns);
    this.binding('RoleBinding', 'kruise-leader-election-rolebinding', 'kruise-leader-election-role', 'kruise-manager', ns, ns);
    this.binding('RoleBinding', 'kruise-webhook-rolebinding', 'kruise-webhook-role', 'kruise-manager', ns, ns);
    if (daemonSecretRole) this.binding('RoleBinding', 'kruise-daemon-secret-rolebinding', 'kruise-daemon-secret-role', 'kruise-daemon', ns, DAEMON_CONFIG_NAMESPACE);
  }

  private serviceAccount(name: string, ns: string, annotations: { [key: string]: string }): ApiObject {
    return new ApiObject(this, `${name}-sa`, {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name, namespace: ns, annotations: Object.keys(annotations).length > 0 ? { ...annotations } : undefined },
    });
  }

  private role(kind: 'ClusterRole' | 'Role', name: string, rules: Rule[], namespace?: string, nullTimestamp = false): ApiObject {
    const obj = new PlainBodyApiObject(this, name, { apiVersion: RBAC, kind, metadata: { name, namespace } }, {
      rules: rules.map(r => ({ ...r, apiGroups: [...r.apiGroups], resources: [...r.resources], verbs: [...r.verbs] })),
    });
    if (kind === 'ClusterRole') clusterScoped(obj);
    // The chart's controller-gen roles carry `creationTimestamp: null`; kept for equality.
    if (nullTimestamp) obj.addJsonPatch(JsonPatch.add('/metadata/creationTimestamp', null));
    return obj;
  }

  /** An aggregate ClusterRole of the version (Kruise 1.8's view/edit/admin roles). */
  private aggregateRole(cr: VersionData['clusterRoles'][number]): ApiObject {
    const obj = this.role('ClusterRole', cr.name, cr.rules.map(r => ({ apiGroups: [...r.apiGroups], resources: [...r.resources], verbs: [...r.verbs] })));
    for (const [k, v] of Object.entries(cr.labels)) obj.metadata.addLabel(k, v);
    return obj;
  }

  /** A binding of a role to a service account of the Kruise namespace `ns`. */
  private binding(kind: 'ClusterRoleBinding' | 'RoleBinding', name: string, roleName: string, subject: string, ns: string, namespace?: string): void {
    const obj = new PlainBodyApiObject(this, name, { apiVersion: RBAC, kind, metadata: { name, namespace } }, {
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: kind === 'ClusterRoleBinding' ? 'ClusterRole' : 'Role', name: roleName },
      subjects: [{ kind: 'ServiceAccount', name: subject, namespace: ns }],
    });
    if (kind === 'ClusterRoleBinding') clusterScoped(obj);
  }
}

/** The manager rules the version adds when a gate is on. */
function extraManagerRules(data: VersionData, gates: InstallGates): Rule[] {
  return data.managerRulesWhenGate.filter(r => gates.enabled(r.gate))
    .flatMap(r => r.rules.map(x => ({ apiGroups: [...x.apiGroups], resources: [...x.resources], verbs: [...x.verbs] })));
}
