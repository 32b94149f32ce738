import { arrayOr, at, isJsonObject, JsonObject, objectOr } from '../../base/json';
import { dnsLabelProblem, show, validateObjectMeta } from '../core/names';
import { validateLabelSelector } from '../core/selector';
import { AdmissionContext, KindAdmission, Report } from '../types';
import { groupOfApiVersion } from './peers';
import { str, isSet } from '../core/go-values';

/*
 * ResourceDistribution (apps.kruise.io/v1alpha1, cluster-scoped): Kruise's
 * validating webhook on CREATE (ADMISSION.md, ResourceDistribution, rules
 * 1-8). Rule 5 is a server-side dry-run create of the distributed Secret or
 * ConfigMap in Kruise's namespace; here it is Kubernetes 1.28's own Secret and
 * ConfigMap validation (ValidateSecret, ValidateConfigMap) with the API
 * server's decoding (base64 data, string values, stringData merged into data).
 */

const KIND = 'ResourceDistribution';
/** Kubernetes' limit on the total size of a Secret's or ConfigMap's data (core.MaxSecretSize). */
const MAX_DATA_BYTES = 1024 * 1024;

/** Bytes of a base64 string as Go's encoding/json decodes []byte (standard alphabet, padded; CR and LF ignored); undefined when it does not decode. */
function base64Bytes(s: string): number | undefined {
  const t = s.replace(/[\r\n]/g, '');
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(t)) return undefined;
  return (t.length / 4) * 3 - (t.endsWith('==') ? 2 : t.endsWith('=') ? 1 : 0);
}

/** k8s IsConfigMapKey: the problem in words, or undefined. */
function dataKeyProblem(key: string): string | undefined {
  if (key.length > 253) return 'is longer than 253 characters';
  if (!/^[-._a-zA-Z0-9]+$/.test(key)) return 'may hold only letters, digits, \'-\', \'_\' and \'.\' (and may not be empty)';
  if (key === '.' || key === '..') return `may not be '${key}'`;
  if (key.startsWith('..')) return 'may not start with \'..\'';
  return undefined;
}

/**
 * Checks a string map of the distributed resource (`data`, `binaryData`,
 * `stringData`): keys, string values, base64 where `base64`. Returns each
 * key's size in bytes (decoded), for the size limit and the type checks.
 */
function checkDataMap(map: unknown, path: string, base64: boolean, report: Report): Map<string, number> {
  const rule = `${KIND}/resource-valid`;
  const sizes = new Map<string, number>();
  if (!isSet(map)) return sizes;
  if (!isJsonObject(map)) {
    report.error(rule, path, `${path} is not a map of strings`, `Write ${path} as key: value pairs`);
    return sizes;
  }
  for (const [key, value] of Object.entries(map)) {
    const problem = dataKeyProblem(key);
    if (problem !== undefined) {
      report.error(rule, `${path}[${show(key)}]`, `key "${key}" of ${path} is not a valid data key: it ${problem}`,
        'Use keys of letters, digits, \'-\', \'_\' and \'.\', e.g. app.properties');
    }
    if (value === null) {
      sizes.set(key, 0);
    } else if (typeof value !== 'string') {
      // The value itself is never echoed: it may be Secret data.
      report.error(rule, `${path}[${show(key)}]`, `${path}[${key}] is ${Array.isArray(value) ? 'a list' : `a ${typeof value}`}, not a string`,
        'Quote the value so that it is a string');
    } else if (base64) {
      const n = base64Bytes(value);
      if (n === undefined) {
        report.error(rule, `${path}[${show(key)}]`, `${path}[${key}] is not valid base64`,
          path.endsWith('.data') ? 'Encode the value in base64, or put the plain text under stringData' : 'Encode the value in base64');
      } else {
        sizes.set(key, n);
      }
    } else {
      sizes.set(key, Buffer.byteLength(value, 'utf8'));
    }
  }
  return sizes;
}

function total(sizes: Map<string, number>): number {
  let sum = 0;
  for (const n of sizes.values()) sum += n;
  return sum;
}

/** The parsed JSON object in a Secret's data value (base64, or plain when it came from stringData), or why not. */
function jsonObjectProblem(res: JsonObject, key: string): string | undefined {
  const fromStringData = at(res, 'stringData', key);
  const fromString = typeof fromStringData === 'string';
  const raw = fromString ? fromStringData : at(res, 'data', key);
  if (typeof raw !== 'string') return undefined;
  const text = fromString ? raw : Buffer.from(raw.replace(/[\r\n]/g, ''), 'base64').toString('utf8');
  try {
    const v: unknown = JSON.parse(text);
    return v === null || isJsonObject(v) ? undefined : 'holds JSON that is not an object';
  } catch {
    return 'is not valid JSON';
  }
}

/** Rule 5: what the API server says about the Secret on a dry-run create. */
function validateSecret(res: JsonObject, report: Report): void {
  const rule = `${KIND}/resource-valid`;
  const data = checkDataMap(res.data, 'spec.resource.data', true, report);
  const stringData = checkDataMap(res.stringData, 'spec.resource.stringData', false, report);
  for (const [k, n] of stringData) data.set(k, n); // stringData overrides data
  if (total(data) > MAX_DATA_BYTES) {
    report.error(rule, 'spec.resource.data', `the Secret's data totals ${total(data)} bytes, more than the 1 MiB Kubernetes allows`,
      'Split the data over several Secrets');
  }
  const type = isSet(res.type) ? res.type : 'Opaque';
  if (typeof type !== 'string') return;
  const need = (key: string, what: string) => {
    if (!data.has(key)) {
      report.error(rule, `spec.resource.data[${show(key)}]`, `a Secret of type ${type} needs data key "${key}" (${what})`,
        `Add ${key} under data (base64) or stringData`);
    }
  };
  switch (type) {
    case 'kubernetes.io/service-account-token': {
      const sa = at(res, 'metadata', 'annotations', 'kubernetes.io/service-account.name');
      if (typeof sa !== 'string' || sa === '') {
        report.error(rule, `spec.resource.metadata.annotations[${show('kubernetes.io/service-account.name')}]`,
          'a Secret of type kubernetes.io/service-account-token needs annotation kubernetes.io/service-account.name',
          'Annotate the Secret with the name of its ServiceAccount');
      }
      break;
    }
    case 'kubernetes.io/dockercfg':
    case 'kubernetes.io/dockerconfigjson': {
      const key = type === 'kubernetes.io/dockercfg' ? '.dockercfg' : '.dockerconfigjson';
      if (!data.has(key)) {
        need(key, 'the registry credentials');
      } else {
        const problem = jsonObjectProblem(res, key);
        if (problem !== undefined) {
          report.error(rule, `spec.resource.data[${show(key)}]`, `data key "${key}" of a ${type} Secret ${problem}`,
            'Put the registry credentials there as a JSON object (e.g. the output of kubectl create secret docker-registry --dry-run=client -o yaml)');
        }
      }
      break;
    }
    case 'kubernetes.io/basic-auth':
      if (!data.has('username') && !data.has('password')) {
        report.error(rule, 'spec.resource.data', 'a Secret of type kubernetes.io/basic-auth needs data key "username" or "password"',
          'Add username and password under data (base64) or stringData');
      }
      break;
    case 'kubernetes.io/ssh-auth':
      if ((data.get('ssh-privatekey') ?? 0) === 0) {
        report.error(rule, `spec.resource.data[${show('ssh-privatekey')}]`, 'a Secret of type kubernetes.io/ssh-auth needs a non-empty data key "ssh-privatekey"',
          'Add the private key under data (base64) or stringData');
      }
      break;
    case 'kubernetes.io/tls':
      need('tls.crt', 'the certificate');
      need('tls.key', 'the private key');
      break;
    default:
      break;
  }
}

/** Rule 5: what the API server says about the ConfigMap on a dry-run create. */
function validateConfigMap(res: JsonObject, report: Report): void {
  const rule = `${KIND}/resource-valid`;
  const data = checkDataMap(res.data, 'spec.resource.data', false, report);
  const binary = checkDataMap(res.binaryData, 'spec.resource.binaryData', true, report);
  const dataMap = res.data;
  const binaryMap = res.binaryData;
  if (isJsonObject(dataMap) && isJsonObject(binaryMap)) {
    for (const key of Object.keys(dataMap)) {
      if (key in binaryMap) {
        report.error(rule, `spec.resource.data[${show(key)}]`, `key "${key}" is in both data and binaryData of the ConfigMap`,
          'Keep the key in one of them');
      }
    }
  }
  const size = total(data) + total(binary);
  if (size > MAX_DATA_BYTES) {
    report.error(rule, 'spec.resource', `the ConfigMap's data totals ${size} bytes, more than the 1 MiB Kubernetes allows`,
      'Split the data over several ConfigMaps');
  }
}

/** Rules 3-5: the distributed resource. */
function validateResource(res: unknown, report: Report): void {
  // Rule 3: present and decodable (a JSON object with a kind; not a list).
  if (!isSet(res)) {
    report.error(`${KIND}/resource-required`, 'spec.resource', 'spec.resource is missing; there is nothing to distribute',
      'Put the complete Secret or ConfigMap (apiVersion, kind, metadata.name, data) under spec.resource');
    return;
  }
  if (!isJsonObject(res)) {
    report.error(`${KIND}/resource-required`, 'spec.resource', 'spec.resource is not an object',
      'Put the complete Secret or ConfigMap under spec.resource');
    return;
  }
  const kind = str(res.kind);
  if (kind === '') {
    report.error(`${KIND}/resource-required`, 'spec.resource.kind', 'spec.resource has no kind, so Kruise cannot decode it',
      'Set spec.resource.kind to Secret or ConfigMap (and apiVersion to v1)');
    return;
  }
  if ('items' in res && res.items !== null) {
    report.error(`${KIND}/resource-required`, 'spec.resource.items', 'spec.resource has a top-level items field, so Kruise decodes it as a list',
      'Distribute one Secret or ConfigMap, without an items field');
    return;
  }
  // Rule 4: core Secret or ConfigMap.
  const apiVersion = typeof res.apiVersion === 'string' ? res.apiVersion : '';
  const group = groupOfApiVersion(apiVersion);
  if (group !== '' || (kind !== 'Secret' && kind !== 'ConfigMap')) {
    report.error(`${KIND}/resource-kind`, 'spec.resource',
      `spec.resource is ${kind} of apiVersion "${apiVersion}"; Kruise distributes only v1 Secrets and ConfigMaps`,
      'Distribute a Secret or ConfigMap of apiVersion v1');
    return;
  }
  // Rule 5: the API server accepts it (dry-run create in Kruise's namespace).
  const rule = `${KIND}/resource-valid`;
  if (apiVersion !== 'v1') {
    report.error(rule, 'spec.resource.apiVersion',
      `spec.resource.apiVersion "${apiVersion}" is not a served version of ${kind}`, 'Use apiVersion v1');
  }
  // Kruise overwrites the resource's namespace with its own, so the written one does not matter.
  const meta: JsonObject = isJsonObject(res.metadata) ? { ...res.metadata } : {};
  delete meta.namespace;
  validateObjectMeta(meta, 'spec.resource.metadata', rule, report, { kubeFinalizers: true });
  if (kind === 'Secret') validateSecret(res, report);
  else validateConfigMap(res, report);
}

/** Rules 6 and 7: included and excluded namespaces; a warning for targets that pick nothing. */
function validateTargets(targets: JsonObject, report: Report): void {
  const lists: Record<'includedNamespaces' | 'excludedNamespaces', string[]> = { includedNamespaces: [], excludedNamespaces: [] };
  for (const which of ['includedNamespaces', 'excludedNamespaces'] as const) {
    const list = arrayOr(at(targets, which, 'list'));
    list.forEach((entry, i) => {
      const name = str(at(entry, 'name'));
      const path = `spec.targets.${which}.list[${i}].name`;
      const problem = dnsLabelProblem(name);
      if (problem !== undefined) {
        report.error(`${KIND}/namespace-names`, path, `namespace name "${name}" is not valid: ${problem}`,
          'Use the name of a namespace (a DNS label such as team-a)');
      }
      if (lists[which].includes(name)) {
        report.warning(`${KIND}/namespace-names`, path, `namespace "${name}" is listed twice in ${which}`, 'List it once');
      }
      lists[which].push(name);
    });
  }
  const both = lists.excludedNamespaces.filter((n, i, all) => lists.includedNamespaces.includes(n) && all.indexOf(n) === i);
  if (both.length > 0) {
    report.error(`${KIND}/namespace-conflict`, 'spec.targets',
      `namespace${both.length === 1 ? '' : 's'} ${both.map(n => JSON.stringify(n)).join(', ')} ${both.length === 1 ? 'is' : 'are'} both included and excluded`,
      'Remove the namespace from includedNamespaces or from excludedNamespaces');
  }
  // Rule 8: namespaceLabelSelector converts to a selector.
  const selector = targets.namespaceLabelSelector;
  if (selector !== undefined && selector !== null) {
    validateLabelSelector(selector, 'spec.targets.namespaceLabelSelector', `${KIND}/namespace-selector`, report);
  }
  const selects = (s: unknown) => isJsonObject(s) && ((isJsonObject(s.matchLabels) && Object.keys(s.matchLabels).length > 0)
    || (Array.isArray(s.matchExpressions) && s.matchExpressions.length > 0));
  if (targets.allNamespaces !== true && lists.includedNamespaces.length === 0 && !selects(selector)) {
    report.warning(`${KIND}/targets-empty`, 'spec.targets',
      'spec.targets picks no namespace (no allNamespaces, includedNamespaces or namespaceLabelSelector), so nothing is distributed',
      'Set allNamespaces: true, list includedNamespaces, or give a namespaceLabelSelector');
  }
}

function validate(obj: JsonObject, ctx: AdmissionContext, report: Report): void {
  // Rule 1: ResourceDistributionGate.
  if (ctx.gate?.('ResourceDistributionGate') === false) {
    report.error(`${KIND}/feature-gate`, 'kind',
      'Kruise rejects every ResourceDistribution while the ResourceDistributionGate feature gate is off (it is off by default)',
      'Turn on ResourceDistributionGate in the Kruise install');
  }
  // Rule 2: metadata, name a DNS subdomain. The kind is cluster-scoped: the API server drops a namespace before Kruise sees it.
  const meta: JsonObject = isJsonObject(obj.metadata) ? { ...obj.metadata } : {};
  if (typeof meta.namespace === 'string' && meta.namespace !== '') {
    report.warning(`${KIND}/metadata`, 'metadata.namespace',
      `metadata.namespace "${meta.namespace}" is ignored: ResourceDistribution is cluster-scoped`, 'Remove metadata.namespace');
  }
  delete meta.namespace;
  validateObjectMeta(meta, 'metadata', `${KIND}/metadata`, report);

  const spec = objectOr(obj.spec);
  validateResource(spec.resource, report);
  validateTargets(objectOr(spec.targets), report);
}

/** ResourceDistribution: Kruise's CREATE-time admission (ADMISSION.md, ResourceDistribution). */
export const resourceDistributionAdmission: KindAdmission = {
  group: 'apps.kruise.io',
  kind: KIND,
  validate,
};
