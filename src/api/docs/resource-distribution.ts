/** Descriptions of ResourceDistribution (apps.kruise.io/v1alpha1, cluster-scoped). */
import { at, DocTable, KindDocs } from './docs';
import { conditionsDocs, selectorDocs } from './fragments';
import { once } from '../../base/once';

function namespaceListDocs(what: string): DocTable {
  return {
    '': what,
    'list': 'The namespaces.',
    'list[]': 'A namespace, by name.',
    'list[].name': 'Namespace name (a valid DNS label).',
  };
}

/** Its conditions have no message: the reason carries the text. */
function conditionDocs(): DocTable {
  const { 'status.conditions[].message': _noMessage, ...docs } = at('status.conditions', conditionsDocs('distribution'));
  return docs;
}

const specDocs = (): DocTable => ({
  'spec': 'Desired state of the ResourceDistribution: one Secret or ConfigMap and the namespaces it is copied into. Needs the ResourceDistributionGate feature gate (off in the chart by default).',
  'spec.resource': 'The complete Secret or ConfigMap manifest to copy (its namespace is ignored); apiVersion, kind and name are immutable.',
  'spec.targets': 'Namespaces to copy into: the union of allNamespaces, includedNamespaces and namespaceLabelSelector, minus excludedNamespaces.',
  'spec.targets.allNamespaces': 'When true, copy into every namespace except the protected ones (such as kube-system and kube-public); false by default.',
  ...at('spec.targets.excludedNamespaces', namespaceListDocs('Namespaces never copied into; wins over every other target. No namespace may be both included and excluded.')),
  ...at('spec.targets.includedNamespaces', namespaceListDocs('Namespaces to copy into, by name.')),
  ...at('spec.targets.namespaceLabelSelector', selectorDocs('Copy into namespaces whose labels match.')),
});

const statusDocs = (): DocTable => ({
  'status': 'Observed state of the distribution, written by the controller; edits are overwritten.',
  ...conditionDocs(),
  'status.conditions': 'Problems met while creating, updating or deleting the copies, one entry per kind of problem.',
  'status.conditions[].failedNamespace': 'Namespaces where this problem occurred (when status is False).',
  'status.conditions[].reason': 'Human-readable details of the last change.',
  'status.desired': 'Namespaces to copy into.',
  'status.failed': 'Namespaces where copying failed.',
  'status.observedGeneration': 'The metadata.generation this status reflects.',
  'status.succeeded': 'Namespaces holding an up-to-date copy.',
});

export const resourceDistributionDocs = once((): KindDocs => ({ fields: { ...specDocs(), ...statusDocs() } }));
