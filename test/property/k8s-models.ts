/**
 * Validation of emitted objects against the Kubernetes OpenAPI schemas of
 * `kubernetes-models` (core objects), and of the pod templates, containers and
 * workload templates nested in Kruise custom resources (which the Kruise CRDs
 * keep as `x-kubernetes-preserve-unknown-fields`).
 */
import { MutatingWebhookConfiguration, ValidatingWebhookConfiguration } from 'kubernetes-models/admissionregistration.k8s.io/v1';
import { CustomResourceDefinition } from 'kubernetes-models/apiextensions.k8s.io/v1';
import { DaemonSet, Deployment, StatefulSet } from 'kubernetes-models/apps/v1';
import { Job } from 'kubernetes-models/batch/v1';
import { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1';
import { ConfigMap, Container, Namespace, PodTemplateSpec, Secret, Service, ServiceAccount } from 'kubernetes-models/v1';

type Model = new (data: any) => { validate(): void };

/** The kubernetes-models class of each core kind the library emits. */
export const CORE_MODELS: { [apiVersionKind: string]: Model } = {
  'apps/v1/Deployment': Deployment,
  'apps/v1/DaemonSet': DaemonSet,
  'v1/Service': Service,
  'v1/Namespace': Namespace,
  'v1/Secret': Secret,
  'v1/ConfigMap': ConfigMap,
  'v1/ServiceAccount': ServiceAccount,
  'rbac.authorization.k8s.io/v1/ClusterRole': ClusterRole,
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': ClusterRoleBinding,
  'rbac.authorization.k8s.io/v1/Role': Role,
  'rbac.authorization.k8s.io/v1/RoleBinding': RoleBinding,
  'admissionregistration.k8s.io/v1/MutatingWebhookConfiguration': MutatingWebhookConfiguration,
  'admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration': ValidatingWebhookConfiguration,
  'apiextensions.k8s.io/v1/CustomResourceDefinition': CustomResourceDefinition,
};

function check(what: string, model: Model, data: any): string[] {
  try {
    new model(data).validate();
    return [];
  } catch (e) {
    return [`${what}: ${(e as Error).message}`];
  }
}

/** Problems of a core object (empty when it is valid or not a core kind the library emits). */
export function coreObjectProblems(o: any): string[] {
  const model = CORE_MODELS[`${o.apiVersion}/${o.kind}`];
  return model ? check(`${o.kind}/${o.metadata?.name}`, model, o) : [];
}

/** Whether the object is of a core kind covered by `CORE_MODELS`. */
export function isCoreObject(o: any): boolean {
  return CORE_MODELS[`${o.apiVersion}/${o.kind}`] !== undefined;
}

/**
 * Problems of the Kubernetes parts nested in a Kruise custom resource: pod
 * templates, the Deployment/StatefulSet/Job templates of UnitedDeployment and
 * AdvancedCronJob, SidecarSet containers and EphemeralJob containers.
 */
export function nestedKubernetesProblems(o: any): string[] {
  const s = o.spec ?? {};
  const name = `${o.kind}/${o.metadata?.name}`;
  const out: string[] = [];
  const pod = (where: string, t: any) => t && out.push(...check(`${name} ${where}`, PodTemplateSpec, t));
  switch (o.kind) {
    case 'CloneSet':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'BroadcastJob':
      pod('spec.template', s.template);
      break;
    case 'UnitedDeployment': {
      const t = s.template ?? {};
      if (t.deploymentTemplate) out.push(...check(`${name} deploymentTemplate`, Deployment, { apiVersion: 'apps/v1', kind: 'Deployment', ...t.deploymentTemplate }));
      if (t.statefulSetTemplate) out.push(...check(`${name} statefulSetTemplate`, StatefulSet, { apiVersion: 'apps/v1', kind: 'StatefulSet', ...t.statefulSetTemplate }));
      pod('cloneSetTemplate.spec.template', t.cloneSetTemplate?.spec?.template);
      pod('advancedStatefulSetTemplate.spec.template', t.advancedStatefulSetTemplate?.spec?.template);
      break;
    }
    case 'AdvancedCronJob': {
      const t = s.template ?? {};
      if (t.jobTemplate) out.push(...check(`${name} jobTemplate`, Job, { apiVersion: 'batch/v1', kind: 'Job', ...t.jobTemplate }));
      pod('broadcastJobTemplate.spec.template', t.broadcastJobTemplate?.spec?.template);
      break;
    }
    case 'SidecarSet':
      for (const c of [...(s.containers ?? []), ...(s.initContainers ?? [])]) out.push(...check(`${name} container ${c.name}`, Container, c));
      break;
    case 'EphemeralJob':
      for (const c of s.template?.ephemeralContainers ?? []) out.push(...check(`${name} ephemeral container ${c.name}`, Container, c));
      break;
  }
  return out;
}
