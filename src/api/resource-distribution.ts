import { resourceDistributionDocs } from './docs/resource-distribution';
import { labelSelector } from './fragments';
import { KindModel } from './model';
import { arr, bool, dateTime, int32, int64, obj, preserved, root, Schema, str, strList } from './schema';

/** ResourceDistributionTargetNamespaces: a list of namespace names. */
function targetNamespaces(): Schema {
  return obj({ list: arr(obj({ name: str() })) });
}

function resourceDistributionSpec(): Schema {
  return obj({
    resource: preserved(true, { 'x-kubernetes-embedded-resource': true }),
    targets: obj({
      allNamespaces: bool(),
      excludedNamespaces: targetNamespaces(),
      includedNamespaces: targetNamespaces(),
      namespaceLabelSelector: labelSelector(),
    }),
  }, ['resource', 'targets']);
}

function resourceDistributionStatus(): Schema {
  return obj({
    conditions: arr(obj({
      failedNamespace: strList(),
      lastTransitionTime: dateTime(),
      reason: str(),
      status: str(),
      type: str(),
    }, ['status', 'type'])),
    desired: int32(),
    failed: int32(),
    observedGeneration: int64(),
    succeeded: int32(),
  });
}

/** ResourceDistribution: copies one resource (Secret, ConfigMap) into many namespaces. */
export const resourceDistributionModel: KindModel = {
  group: 'apps.kruise.io',
  kind: 'ResourceDistribution',
  plural: 'resourcedistributions',
  singular: 'resourcedistribution',
  shortNames: ['distributor'],
  scope: 'Cluster',
  inChart: true,
  docs: resourceDistributionDocs,
  versions: [{
    name: 'v1alpha1',
    served: true,
    storage: true,
    schema: root(resourceDistributionSpec(), resourceDistributionStatus(), { description: 'ResourceDistribution distributes a Secret or ConfigMap to selected namespaces.' }),
    statusSubresource: true,
    printerColumns: [
      { name: 'TOTAL', type: 'integer', jsonPath: '.status.desired', description: 'Namespaces to distribute to.' },
      { name: 'SUCCEED', type: 'integer', jsonPath: '.status.succeeded', description: 'Namespaces distributed to.' },
      { name: 'FAILED', type: 'integer', jsonPath: '.status.failed', description: 'Namespaces that failed.' },
    ],
  }],
};
