import { ApiObject, JsonPatch } from 'cdk8s';

/**
 * Marks an object of a cluster-scoped kind (CustomResourceDefinition,
 * ClusterRole, ClusterRoleBinding, Namespace, webhook configurations, ...):
 * cdk8s gives every object its chart's namespace, and a cluster-scoped object
 * must carry none, so it is removed from the emitted object (a JSON patch, the
 * only way cdk8s offers to unset it). Returns the object.
 */
export function clusterScoped<T extends ApiObject>(obj: T): T {
  if (obj.metadata.namespace !== undefined) obj.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
  return obj;
}
