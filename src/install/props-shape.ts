// Runtime shape checks of the install's props, for callers without TypeScript
// (JavaScript, JSON-driven code, jsii languages passing nulls): `null` props,
// wrong types and unknown prop names become messages naming the construct
// path and the prop, never TypeErrors or silently ignored keys. Driven by the
// table below (own keys only), so `toString` or `constructor` is an unknown
// prop like any other. Not exported from index.ts.
import { closest } from './feature-gates';
import { className } from './plain';
import { at, isJsonObject } from '../base/json';
import { invalid } from '../validation/errors';

type Kind = 'string' | 'bool' | 'number' | 'stringList' | 'stringMap' | 'list' | 'map' | 'object' | 'any' | 'duration' | 'version' | 'construct' | 'gates' | 'issuer' | 'intOrPercent';
type Shape = { readonly [prop: string]: Kind | Shape };

const CERT_MANAGER: Shape = { issuer: 'issuer', createCertificate: 'bool', duration: 'duration', renewBefore: 'duration', dnsNames: 'stringList' };
const IMAGE: Shape = { repository: 'string', tag: 'string', digest: 'string', registryMirror: 'string', pullPolicy: 'string', pullSecrets: 'stringList' };
const MANAGER: Shape = {
  replicas: 'number',
  webhookPort: 'number',
  metricsPort: 'number',
  healthProbePort: 'number',
  logLevel: 'number',
  loggingFormat: 'string',
  resyncPeriod: 'duration',
  resources: 'map',
  hostNetwork: 'bool',
  nodeAffinity: 'map',
  nodeSelector: 'stringMap',
  tolerations: 'list',
  priorityClassName: 'string',
  podDisruptionBudget: { minAvailable: 'intOrPercent', maxUnavailable: 'intOrPercent' },
  metricsService: 'bool',
  serviceMonitor: { labels: 'stringMap', interval: 'duration', namespace: 'string' },
};
const DAEMON: Shape = {
  port: 'number',
  logLevel: 'number',
  enablePprof: 'bool',
  pprofAddr: 'string',
  socketLocation: 'string',
  socketFile: 'string',
  nodeSelector: 'stringMap',
  affinity: 'map',
  resources: 'map',
  extraEnv: 'list',
  priorityClassName: 'string',
  credentialProvider: { pluginHostPath: 'string', configMapName: 'string', awsCredentialsDir: 'string', providers: 'list' },
};

/** The props of `Kruise` (keep in step with KruiseProps; a test compares the two). */
export const KRUISE_PROPS_SHAPE: Shape = {
  version: 'version',
  namespace: 'string',
  createNamespace: 'bool',
  manageCrds: 'bool',
  includeEphemeralJobCrd: 'bool',
  roleListGroups: 'stringList',
  featureGates: 'gates',
  image: IMAGE,
  manager: MANAGER,
  daemon: DAEMON,
  webhookTimeout: 'duration',
  externalCertsAnnotations: 'stringMap',
  serviceAccountAnnotations: 'stringMap',
  enableKubeCacheMutationDetector: 'bool',
  kubernetesVersion: 'string',
  certManager: CERT_MANAGER,
  webhookFailurePolicies: 'stringMap',
  podWebhook: { excludeNamespaces: 'stringList', namespaceSelectorExpressions: 'list', objectSelectorExpressions: 'list' },
  daemonConfigNamespace: 'string',
  podSecurityLevel: 'string',
  deletionProtection: { namespace: 'string', crds: 'string' },
  crdsScope: 'construct',
  _chartValues: { featureGates: 'string', resyncPeriod: 'string' }, // internal: set by Kruise.fromHelmValues
};

const KIND_TEXT: { [k in Kind]: string } = {
  string: 'a string',
  bool: 'true or false',
  number: 'a number',
  stringList: 'a list of strings',
  stringMap: 'a map of strings',
  list: 'a list',
  map: 'a map',
  object: 'an object',
  any: 'a value',
  duration: 'a cdk8s Duration, e.g. Duration.seconds(30)',
  version: 'a KruiseVersion, e.g. KruiseVersion.V1_7',
  construct: 'a construct (e.g. a Chart)',
  gates: 'a list of gate settings, e.g. [FeatureGate.IMAGE_PULL_JOB.enable()]',
  issuer: 'a CertManagerIssuer, e.g. CertManagerIssuer.selfSigned()',
  intOrPercent: 'an IntOrPercent, e.g. IntOrPercent.percent(50)',
};

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  if (typeof v === 'object') {
    const proto = Object.getPrototypeOf(v);
    return proto === Object.prototype || proto === null ? 'a map' : `a ${(v as object).constructor?.name ?? 'map'}`;
  }
  return `a ${typeof v}`;
}

/**
 * Throws `<where>: <prop> <value>: <problem>; <fix>` for the first prop of
 * the wrong shape: props not an object, an unknown prop name, a wrong type,
 * a non-finite number.
 */
export function checkPropsShape(where: string, props: unknown, shape: Shape = KRUISE_PROPS_SHAPE, prefix = ''): void {
  const fail = (field: string, value: unknown, problem: string, fix: string): never => {
    throw invalid(where, field, value, problem, fix);
  };
  if (props === undefined) return;
  if (!isJsonObject(props)) {
    return fail(prefix || 'props', props, `is ${describe(props)}, not a map of props`, prefix ? `set the props under '${prefix}' or leave it out` : 'pass an object such as {} (or nothing) for the defaults');
  }
  for (const key of Object.keys(props)) {
    const field = prefix ? `${prefix}.${key}` : key;
    const value = props[key];
    if (!Object.prototype.hasOwnProperty.call(shape, key)) {
      const names = Object.keys(shape).filter(k => !k.startsWith('_')); // internal props are not offered
      const guess = closest(key, names);
      fail(field, value, 'is not a prop here', guess ? `did you mean '${prefix ? `${prefix}.` : ''}${guess}'?` : `the props are: ${names.join(', ')}`);
    }
    if (value === undefined) continue;
    const kind = shape[key];
    if (typeof kind === 'object') {
      checkPropsShape(where, value, kind, field);
      continue;
    }
    const ok = (() => {
      switch (kind) {
        case 'string': return typeof value === 'string';
        case 'bool': return typeof value === 'boolean';
        case 'number': return typeof value === 'number';
        case 'stringList': return Array.isArray(value) && value.every(x => typeof x === 'string');
        case 'stringMap': return isPlainMap(value); // keys and values: checkStringMap, with the key in the message
        case 'list': return Array.isArray(value) && value.every(x => x !== null && x !== undefined);
        case 'map': return isPlainMap(value) || (typeof value === 'object' && value !== null && !Array.isArray(value));
        case 'object': return isObject(value);
        case 'duration': return typeof at(value, 'toMilliseconds') === 'function';
        case 'version': return typeof at(value, 'version') === 'string' && typeof at(value, 'chartVersion') === 'string';
        case 'construct': return typeof at(value, 'node', 'path') === 'string';
        case 'gates': return Array.isArray(value) && value.every(x => isObject(at(x, 'gate')) && typeof at(x, 'enabled') === 'boolean');
        case 'issuer': return isObject(value) && className(value) === 'CertManagerIssuer';
        case 'intOrPercent': return typeof at(value, 'toJson') === 'function' && typeof at(value, 'isPercent') === 'boolean';
        default: return true;
      }
    })();
    if (!ok) fail(field, value, `is ${describe(value)}`, `give ${KIND_TEXT[kind]}${value === null ? ', or leave it out for the default' : ''}`);
    if (kind === 'number' && !Number.isFinite(value)) fail(field, value, 'is not a finite number', 'give a whole number');
  }
}

function isObject(v: unknown): v is object {
  return typeof v === 'object' && v !== null;
}

function isPlainMap(v: unknown): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
