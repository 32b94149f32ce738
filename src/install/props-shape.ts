// Runtime shape checks of the install's props, for callers without TypeScript
// (JavaScript, JSON-driven code, jsii languages passing nulls): `null` props,
// wrong types and unknown prop names become messages naming the construct
// path and the prop, never TypeErrors or silently ignored keys. The props are
// described in the model's schema language (src/api/schema.ts), with
// `instanceOf()` for the library's class values, and checked by the one
// schema walker (src/validation/check-against-schema.ts) in the voice of
// props. Own keys only, so `toString` or `constructor` is an unknown prop like
// any other. Not exported from index.ts.
import { className } from './plain';
import { arr, bool, instanceOf, num, obj, preserved, Schema, str, strList, strMap } from '../api/schema';
import { at } from '../base/json';
import { checkAgainstSchema, findingError, LibraryClass, typeOf, Voice } from '../validation/check-against-schema';
import { closest } from '../versions/feature-gates';

/** A plain list whose entries are not checked here (Kubernetes JSON, checked later against its fragment). */
const LIST = arr({});
/** A map checked later (Kubernetes JSON such as resources, or a cdk8s-plus object turned plain). */
const MAP = preserved(true);
const DURATION = instanceOf('Duration');

const CERT_MANAGER = obj({ issuer: instanceOf('CertManagerIssuer'), createCertificate: bool(), duration: DURATION, renewBefore: DURATION, dnsNames: strList() });
const IMAGE = obj({ repository: str(), tag: str(), digest: str(), registryMirror: str(), pullPolicy: str(), pullSecrets: strList() });
const MANAGER = obj({
  replicas: num(),
  webhookPort: num(),
  metricsPort: num(),
  healthProbePort: num(),
  logLevel: num(),
  loggingFormat: str(),
  resyncPeriod: DURATION,
  resources: MAP,
  hostNetwork: bool(),
  nodeAffinity: MAP,
  nodeSelector: strMap(),
  tolerations: LIST,
  priorityClassName: str(),
  podDisruptionBudget: obj({ minAvailable: instanceOf('IntOrPercent'), maxUnavailable: instanceOf('IntOrPercent') }),
  metricsService: bool(),
  serviceMonitor: obj({ labels: strMap(), interval: DURATION, namespace: str() }),
});
const DAEMON = obj({
  port: num(),
  logLevel: num(),
  enablePprof: bool(),
  pprofAddr: str(),
  socketLocation: str(),
  socketFile: str(),
  nodeSelector: strMap(),
  affinity: MAP,
  resources: MAP,
  extraEnv: LIST,
  priorityClassName: str(),
  credentialProvider: obj({ pluginHostPath: str(), configMapName: str(), awsCredentialsDir: str(), providers: LIST }),
});

/** The props of `Kruise` (keep in step with KruiseProps; a test compares the two). */
export const KRUISE_PROPS_SHAPE: Schema = obj({
  version: instanceOf('KruiseVersion'),
  namespace: str(),
  createNamespace: bool(),
  manageCrds: bool(),
  includeEphemeralJobCrd: bool(),
  roleListGroups: strList(),
  featureGates: arr(instanceOf('FeatureGateSetting')),
  image: IMAGE,
  manager: MANAGER,
  daemon: DAEMON,
  webhookTimeout: DURATION,
  externalCertsAnnotations: strMap(),
  serviceAccountAnnotations: strMap(),
  enableKubeCacheMutationDetector: bool(),
  kubernetesVersion: str(),
  certManager: CERT_MANAGER,
  webhookFailurePolicies: strMap(),
  podWebhook: obj({ excludeNamespaces: strList(), namespaceSelectorExpressions: LIST, objectSelectorExpressions: LIST }),
  daemonConfigNamespace: str(),
  podSecurityLevel: str(),
  deletionProtection: obj({ namespace: str(), crds: str() }),
  crdsScope: instanceOf('Construct'),
  _chartValues: obj({ featureGates: str(), resyncPeriod: str() }), // internal: set by Kruise.fromHelmValues
});

function isObject(v: unknown): v is object {
  return typeof v === 'object' && v !== null;
}

/**
 * The library values a JSON schema cannot describe (`instanceOf()` names),
 * recognised by their shape, so copies from another load of the library pass.
 */
export const PROP_CLASSES: { readonly [name: string]: LibraryClass } = {
  Duration: { is: v => typeof at(v, 'toMilliseconds') === 'function', text: 'a cdk8s Duration, e.g. Duration.seconds(30)' },
  KruiseVersion: { is: v => typeof at(v, 'version') === 'string' && typeof at(v, 'chartVersion') === 'string', text: 'a KruiseVersion, e.g. KruiseVersion.V1_7' },
  Construct: { is: v => typeof at(v, 'node', 'path') === 'string', text: 'a construct (e.g. a Chart)' },
  CertManagerIssuer: { is: v => isObject(v) && className(v) === 'CertManagerIssuer', text: 'a CertManagerIssuer, e.g. CertManagerIssuer.selfSigned()' },
  IntOrPercent: { is: v => typeof at(v, 'toJson') === 'function' && typeof at(v, 'isPercent') === 'boolean', text: 'an IntOrPercent, e.g. IntOrPercent.percent(50)' },
  FeatureGateSetting: {
    is: v => isObject(at(v, 'gate')) && typeof at(v, 'enabled') === 'boolean',
    text: 'a gate setting, e.g. FeatureGate.IMAGE_PULL_JOB.enable()',
    listText: 'a list of gate settings, e.g. [FeatureGate.IMAGE_PULL_JOB.enable()]',
  },
};

/** How a fix names a value of a node: 'a string', 'a list of strings', 'a cdk8s Duration...'. */
function textOf(node: Schema): string {
  const cls = node['x-kruise-class'];
  if (cls !== undefined) return PROP_CLASSES[cls]?.text ?? 'a value';
  switch (typeOf(node)) {
    case 'string': return 'a string';
    case 'boolean': return 'true or false';
    case 'number': return 'a number';
    case 'array': {
      const items = node.items ?? {};
      const itemClass = items['x-kruise-class'];
      if (itemClass !== undefined) return PROP_CLASSES[itemClass]?.listText ?? 'a list';
      return items.type === 'string' ? 'a list of strings' : 'a list';
    }
    case 'object': return node.additionalProperties?.type === 'string' ? 'a map of strings' : 'a map';
    default: return 'a value';
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  if (typeof v === 'object') {
    const proto = Object.getPrototypeOf(v);
    return proto === Object.prototype || proto === null ? 'a map' : `a ${className(v) ?? 'map'}`;
  }
  return `a ${typeof v}`;
}

/**
 * The voice of props: a prop group that is not an object, a prop of the wrong
 * type ('is a string; give a number'), an unknown prop name with the closest
 * one. Null is checked (it is no default here), and lists and maps are checked
 * one level: their entries are Kubernetes JSON, or string maps whose keys and
 * values the install checks later with the key in the message.
 */
export const PROPS_VOICE: Voice = {
  nulls: 'checked',
  shallow: true,
  wrongType(node, value, path) {
    if (node.properties) {
      return {
        path: path || 'props',
        value,
        problem: `is ${describe(value)}, not a map of props`,
        fix: path ? `set the props under '${path}' or leave it out` : 'pass an object such as {} (or nothing) for the defaults',
      };
    }
    return { path, value, problem: `is ${describe(value)}`, fix: `give ${textOf(node)}${value === null ? ', or leave it out for the default' : ''}` };
  },
  unknownKey(key, value, path, parent, known) {
    const names = known.filter(k => !k.startsWith('_')); // internal props are not offered
    const guess = closest(key, names);
    return { path, value, problem: 'is not a prop here', fix: guess ? `did you mean '${parent ? `${parent}.` : ''}${guess}'?` : `the props are: ${names.join(', ')}` };
  },
};

/**
 * Throws `<where>: <prop> <value>: <problem>; <fix>` for the first prop of
 * the wrong shape: props not an object, an unknown prop name, a wrong type,
 * a non-finite number.
 */
export function checkPropsShape(where: string, props: unknown, shape: Schema = KRUISE_PROPS_SHAPE, prefix = ''): void {
  if (props === undefined) return;
  const finding = checkAgainstSchema(props, shape, prefix, { voice: PROPS_VOICE, classes: PROP_CLASSES });
  if (finding) throw findingError(where, finding);
}
