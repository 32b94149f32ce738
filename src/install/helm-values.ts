// The adapter from chart 1.7.5 values to KruiseProps (Kruise.fromHelmValues).
// Not exported from index.ts; the chart's keys and defaults are documented in
// docs of Kruise.fromHelmValues and listed in CHART_VALUES below.
import { Duration } from 'cdk8s';
import type { k8s } from 'cdk8s-plus-28';
import { addressPort, stringMapIssue } from './checks';
import type { KruiseDaemonOptions } from './daemon';
import { imageRepositoryProblem, imageTagProblem, KruiseImageOptions } from './image';
import { chartTextGates } from './install-gates';
import type { Issue } from './issues';
import { KruiseManagerOptions, LoggingFormat } from './manager';
import { plainData, unsafeTextIssue } from './plain';
import { podFieldIssue } from './pod-fields';
import type { HelmValuesOptions, KruiseProps } from './props';
import { externalCertsWithoutGate, podWebhookOutage, portIssue } from './props-check';
import { at, isJsonObject, JsonObject } from '../base/json';
import { isApiGroup, isDns1123Label, isDns1123Subdomain } from '../base/names';
import { escapeControls, quotable } from '../base/show-value';
import { invalid } from '../validation/errors';
import { KruiseVersion } from '../version';
import { closest, parseFeatureGates, ResolvedFeatureGates } from '../versions/feature-gates';
import { DAEMON_CONFIG_NAMESPACE, DEFAULT_KRUISE_NAMESPACE } from '../versions/namespace';
import { versionData } from '../versions/registry';

/**
 * The values.yaml of chart 1.7.5: every key it has and its default. Keys marked
 * "no effect" are accepted (the chart has them) but change nothing in the
 * output, as in the chart's templates.
 */
export const CHART_VALUES = {
  crds: { managed: true },
  installation: { namespace: DEFAULT_KRUISE_NAMESPACE, createNamespace: true, roleListGroups: ['*'] },
  featureGates: 'ImagePullJobGate=true',
  externalCerts: { annotations: {} },
  enableKubeCacheMutationDetector: false,
  imagePullSecrets: [],
  manager: {
    log: { level: '4' },
    replicas: 2,
    image: { repository: 'openkruise/kruise-manager', tag: 'v1.7.5' },
    webhook: { port: 9876 },
    metrics: { port: 8080 },
    healthProbe: { port: 8000 },
    pprofAddr: 'localhost:8090', // no effect: the 1.7.5 templates do not use it
    resyncPeriod: '0',
    loggingFormat: '',
    resources: { limits: { cpu: '200m', memory: '512Mi' }, requests: { cpu: '100m', memory: '256Mi' } },
    hostNetwork: false,
    nodeAffinity: {},
    nodeSelector: {},
    tolerations: [],
  },
  webhookConfiguration: { timeoutSeconds: 30 },
  daemon: {
    log: { level: '4' }, // no effect: the templates hard-code --v=4 for the daemon
    port: 10221,
    enablePprof: true,
    pprofAddr: 'localhost:10222',
    socketLocation: '/var/run',
    socketFile: '',
    nodeSelector: {},
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: 'type', operator: 'NotIn', values: ['virtual-kubelet'] }] }],
        },
      },
    },
    resources: { limits: { cpu: '50m', memory: '128Mi' }, requests: { cpu: '0', memory: '0' } },
    extraEnvs: [],
    credentialProvider: { enable: false, configmap: 'credential-provider-config', hostPath: 'credential-provider-plugin', awsCredentialsDir: '' },
  },
  serviceAccount: { annotations: {} },
  helmHooks: { image: { repository: 'openkruise/kruise-helm-hook', tag: 'v0.1.0' } }, // no effect: hooks are not emitted
};

/** Leaf types: how a value is checked. `map` is free-form (merged with the default like helm does). */
type Leaf = 'bool' | 'string' | 'int' | 'level' | 'duration' | 'map' | 'stringMap' | 'list' | 'stringList';
type Schema = { readonly [key: string]: Schema | Leaf };

/** What each leaf type reads as once checked. */
interface LeafValue {
  bool: boolean;
  string: string;
  int: number;
  level: number;
  duration: string;
  map: JsonObject;
  stringMap: { [key: string]: string };
  list: unknown[];
  stringList: string[];
}

/** The values as `coalesce` returns them: the schema's shape, every leaf checked. */
type Checked<S> = { [K in keyof S]: S[K] extends Leaf ? LeafValue[S[K]] : Checked<S[K]> };

const SCHEMA = {
  crds: { managed: 'bool' },
  installation: { namespace: 'string', createNamespace: 'bool', roleListGroups: 'stringList' },
  featureGates: 'string',
  externalCerts: { annotations: 'stringMap' },
  enableKubeCacheMutationDetector: 'bool',
  imagePullSecrets: 'list',
  manager: {
    log: { level: 'level' },
    replicas: 'int',
    image: { repository: 'string', tag: 'string' },
    webhook: { port: 'int' },
    metrics: { port: 'int' },
    healthProbe: { port: 'int' },
    pprofAddr: 'string',
    resyncPeriod: 'duration',
    loggingFormat: 'string',
    resources: 'map',
    hostNetwork: 'bool',
    nodeAffinity: 'map',
    nodeSelector: 'stringMap',
    tolerations: 'list',
  },
  webhookConfiguration: { timeoutSeconds: 'int' },
  daemon: {
    log: { level: 'level' },
    port: 'int',
    enablePprof: 'bool',
    pprofAddr: 'string',
    socketLocation: 'string',
    socketFile: 'string',
    nodeSelector: 'stringMap',
    affinity: 'map',
    resources: 'map',
    extraEnvs: 'list',
    credentialProvider: { enable: 'bool', configmap: 'string', hostPath: 'string', awsCredentialsDir: 'string' },
  },
  serviceAccount: { annotations: 'stringMap' },
  helmHooks: { image: { repository: 'string', tag: 'string' } },
} as const satisfies Schema;

const LEAF_HELP: { [k in Leaf]: string } = {
  bool: 'true or false (unquoted)',
  string: 'a string (quote numbers, e.g. "1.7")',
  int: 'a whole number',
  level: 'a log level from 0 to 10, e.g. "4"',
  duration: 'a Go duration such as "0", "30s", "1h"',
  map: 'a map',
  stringMap: 'a map of strings',
  list: 'a list',
  stringList: 'a list of strings',
};

/** Turns chart values into KruiseProps (with the value strings the chart uses verbatim in `_chartValues`). */
export function kruisePropsFromHelmValues(input: unknown, options: HelmValuesOptions = {}): KruiseProps {
  let values: unknown = input ?? {};
  if (values instanceof Map) {
    throw new Error('values: must be a map of chart values, got a Map; pass a plain object, e.g. Object.fromEntries(map)');
  }
  if (!isMap(values)) {
    throw new Error(`values: must be a map of chart values, got ${describe(values)}; pass {} for the chart's defaults`);
  }
  // Untrusted: a null-prototype copy (so `__proto__`, `constructor`, `toString` are plain unknown keys),
  // and cycles, class instances, NaN and Infinity as messages instead of TypeErrors.
  values = plainData(values, '', (path, value, problem, fix) => valueError(path || 'values', value, problem, fix));
  if (!isJsonObject(values)) throw valueError('values', values, 'is not a map', "pass {} for the chart's defaults"); // (plainData keeps maps maps)
  const version = options.version ?? KruiseVersion.V1_7;
  const v = coalesce(values, chartValuesOf(version), SCHEMA, ''); // unknown keys first
  throwIssue(unsafeTextIssue(v, ''));

  // installation
  const namespace = v.installation.namespace;
  if (!isDns1123Label(namespace)) {
    throw valueError('installation.namespace', namespace, 'is not a valid namespace name', 'use lowercase letters, digits and \'-\', at most 63 characters, e.g. kruise-system');
  }
  if (namespace === DAEMON_CONFIG_NAMESPACE && v.installation.createNamespace) {
    throw valueError('installation.namespace', namespace, 'is also the namespace kruise-daemon reads pull secrets from, which the chart creates too, so the Namespace would be rendered twice', 'install into another namespace such as kruise-system, or set installation.createNamespace: false');
  }
  const roleListGroups = v.installation.roleListGroups;
  if (roleListGroups.length === 0) {
    throw valueError('installation.roleListGroups', roleListGroups, 'is empty', 'list at least one API group, e.g. [\'*\']');
  }
  roleListGroups.forEach((g, i) => {
    if (!isApiGroup(g)) throw valueError(`installation.roleListGroups[${i}]`, g, 'is not an API group', 'use \'*\', \'\' (the core group) or a group such as apps.kruise.io');
  });

  // feature gates
  const featureGatesRaw = v.featureGates;
  const featureGates = parseFeatureGates(featureGatesRaw, 'values: featureGates', version);
  // The chart tests these gates with `contains "Name=false"` on the raw text: any other spelling
  // (False, 0, spaces) would make kruise-manager and the rendered objects disagree.
  for (const entry of featureGatesRaw.split(',')) {
    const m = /^\s*(KruiseDaemon|PodWebhook|EnableExternalCerts|AllAlpha)\s*=\s*(\S*)\s*$/.exec(entry);
    if (m && entry !== `${m[1]}=true` && entry !== `${m[1]}=false`) {
      throw valueError('featureGates', featureGatesRaw, `spells the ${m[1]} gate as '${entry.trim()}', which kruise-manager reads but the chart's templates (which test the text '${m[1]}=false') do not`, `write exactly ${m[1]}=true or ${m[1]}=false`);
    }
  }
  ResolvedFeatureGates.resolve(featureGates, 'values: featureGates', version);
  // What the chart's templates test on the raw string.
  const chartGates = chartTextGates(featureGatesRaw);

  // image
  const pullSecrets = v.imagePullSecrets.map((s, i) => {
    if (s === null) {
      throw valueError(`imagePullSecrets[${i}]`, s, 'is an empty list entry, which the API server rejects', 'remove it, or write it as {name: <secret name>}');
    }
    if (!isJsonObject(s) || typeof s.name !== 'string' || Object.keys(s).length !== 1) {
      throw valueError(`imagePullSecrets[${i}]`, s, 'is not a Secret reference', 'write each entry as {name: <secret name>}, e.g. imagePullSecrets: [{name: regcred}]');
    }
    if (!isDns1123Subdomain(s.name)) {
      throw valueError(`imagePullSecrets[${i}].name`, s.name, 'is not a Secret name', 'use a lowercase DNS name, e.g. regcred');
    }
    return s.name;
  });
  const repoProblem = imageRepositoryProblem(v.manager.image.repository);
  if (repoProblem) throw valueError('manager.image.repository', v.manager.image.repository, repoProblem.problem, repoProblem.fix);
  const tagProblem = imageTagProblem(v.manager.image.tag, version.imageTag);
  if (tagProblem) throw valueError('manager.image.tag', v.manager.image.tag, tagProblem.problem, tagProblem.fix);
  const image: KruiseImageOptions = {
    repository: v.manager.image.repository,
    tag: v.manager.image.tag,
    pullSecrets,
  };

  // manager
  const m = v.manager;
  const loggingFormat = m.loggingFormat === '' ? undefined : m.loggingFormat;
  if (loggingFormat !== undefined && loggingFormat !== LoggingFormat.TEXT && loggingFormat !== LoggingFormat.JSON) {
    throw valueError('manager.loggingFormat', loggingFormat, 'is not a logging format', 'use "text", "json" or "" (no flag)');
  }
  if (m.replicas < 0) throw valueError('manager.replicas', m.replicas, 'is negative', 'use 0 or more, e.g. 2');
  if (m.replicas > INT32_MAX) throw valueError('manager.replicas', m.replicas, 'is above 2147483647, the largest replica count (an int32) the API server accepts', 'use a smaller number, e.g. 2');
  if (m.replicas === 0 && chartGates.podWebhooks) throw issueError(podWebhookOutage('manager.replicas', 'turn the pod webhooks off with featureGates: "...,PodWebhook=false"'));
  throwIssue(podFieldIssue('manager.resources', m.resources, 'resources'));
  throwIssue(podFieldIssue('manager.nodeAffinity', m.nodeAffinity, 'nodeAffinity'));
  throwIssue(podFieldIssue('manager.tolerations', m.tolerations, 'tolerations'));
  throwIssue(stringMapIssue('manager.nodeSelector', m.nodeSelector, 'labels'));
  const syncPeriodRaw = String(m.resyncPeriod);
  const manager: KruiseManagerOptions = {
    replicas: m.replicas,
    webhookPort: port('manager.webhook.port', m.webhook.port),
    metricsPort: port('manager.metrics.port', m.metrics.port),
    healthProbePort: port('manager.healthProbe.port', m.healthProbe.port),
    logLevel: m.log.level,
    loggingFormat,
    resyncPeriod: Duration.millis(goDurationMillis(syncPeriodRaw) ?? 0),
    resources: m.resources as k8s.ResourceRequirements,
    hostNetwork: m.hostNetwork,
    nodeAffinity: m.nodeAffinity as k8s.NodeAffinity,
    nodeSelector: m.nodeSelector,
    tolerations: m.tolerations as k8s.Toleration[],
  };

  // webhooks
  const timeoutSeconds = v.webhookConfiguration.timeoutSeconds;
  if (timeoutSeconds < 1 || timeoutSeconds > 30) {
    throw valueError('webhookConfiguration.timeoutSeconds', timeoutSeconds, 'is out of range', 'the API server takes 1 to 30 seconds, e.g. 30');
  }

  // daemon
  const d = v.daemon;
  const cp = d.credentialProvider;
  if (cp.enable) {
    if (!isDns1123Subdomain(cp.configmap)) {
      throw valueError('daemon.credentialProvider.configmap', cp.configmap, 'is not a ConfigMap name', 'use a lowercase DNS name, e.g. credential-provider-config');
    }
    if (cp.hostPath === '') {
      throw valueError('daemon.credentialProvider.hostPath', cp.hostPath, 'is empty', 'give the host directory with the plugin executables, e.g. /etc/eks/image-credential-provider');
    }
    for (const [key, dir, sample] of [['hostPath', cp.hostPath, '/etc/eks/image-credential-provider'], ['awsCredentialsDir', cp.awsCredentialsDir, '/root/.aws']]) {
      if (dir.split('/').includes('..')) {
        throw valueError(`daemon.credentialProvider.${key}`, dir, 'climbs out of its directory with \'..\', which Kubernetes rejects in a hostPath', `give the host directory itself, e.g. ${sample}`);
      }
    }
  }
  if (d.enablePprof) {
    const pprofPort = addressPort(d.pprofAddr);
    if (pprofPort === undefined || pprofPort < 1 || pprofPort > 65535) {
      throw valueError('daemon.pprofAddr', d.pprofAddr, 'is not an address', 'use host:port with a port from 1 to 65535, e.g. localhost:10222');
    }
  }
  if (!d.socketLocation.startsWith('/')) {
    throw valueError('daemon.socketLocation', d.socketLocation, 'is not an absolute path', 'give the host directory of the runtime socket, e.g. /run/containerd');
  }
  if (/[\s/]/.test(d.socketFile) || d.socketFile === '.' || d.socketFile === '..') {
    throw valueError('daemon.socketFile', d.socketFile, 'is not a file name', 'give the socket\'s file name within daemon.socketLocation, e.g. containerd.sock');
  }
  const extraEnv = listOfMaps('daemon.extraEnvs', d.extraEnvs);
  throwIssue(podFieldIssue('daemon.extraEnvs', extraEnv, 'env'));
  throwIssue(podFieldIssue('daemon.resources', d.resources, 'resources'));
  throwIssue(podFieldIssue('daemon.affinity', d.affinity, 'affinity'));
  throwIssue(stringMapIssue('daemon.nodeSelector', d.nodeSelector, 'labels'));
  throwIssue(portIssue({
    managerHostNetwork: m.hostNetwork,
    manager: [['manager.webhook.port', manager.webhookPort!], ['manager.metrics.port', manager.metricsPort!], ['manager.healthProbe.port', manager.healthProbePort!]],
    daemon: chartGates.daemon ? { port: ['daemon.port', d.port], pprof: d.enablePprof ? ['daemon.pprofAddr', d.pprofAddr] : undefined } : undefined,
  }));

  // annotations
  throwIssue(stringMapIssue('externalCerts.annotations', v.externalCerts.annotations, 'annotations'));
  throwIssue(stringMapIssue('serviceAccount.annotations', v.serviceAccount.annotations, 'annotations'));
  if (Object.keys(v.externalCerts.annotations).length > 0 && !chartGates.externalCerts) {
    throw issueError(externalCertsWithoutGate('externalCerts.annotations', v.externalCerts.annotations, 'add EnableExternalCerts=true to featureGates'));
  }
  const daemon: KruiseDaemonOptions = {
    port: port('daemon.port', d.port),
    enablePprof: d.enablePprof,
    pprofAddr: d.pprofAddr,
    socketLocation: d.socketLocation,
    socketFile: d.socketFile,
    nodeSelector: d.nodeSelector,
    affinity: d.affinity as k8s.Affinity,
    resources: d.resources as k8s.ResourceRequirements,
    extraEnv: extraEnv as k8s.EnvVar[],
    credentialProvider: cp.enable ? {
      pluginHostPath: cp.hostPath,
      configMapName: cp.configmap,
      awsCredentialsDir: cp.awsCredentialsDir !== '' ? cp.awsCredentialsDir : undefined,
    } : undefined,
  };

  const props: KruiseProps = {
    version,
    namespace,
    createNamespace: v.installation.createNamespace,
    manageCrds: v.crds.managed,
    roleListGroups,
    featureGates,
    image,
    manager,
    daemon,
    webhookTimeout: Duration.seconds(timeoutSeconds),
    externalCertsAnnotations: v.externalCerts.annotations,
    serviceAccountAnnotations: v.serviceAccount.annotations,
    enableKubeCacheMutationDetector: v.enableKubeCacheMutationDetector,
    kubernetesVersion: options.kubeVersion,
    _chartValues: { featureGates: featureGatesRaw, resyncPeriod: syncPeriodRaw },
  };
  return props;
}

/**
 * The values.yaml defaults of a version's chart: the 1.7.5 values with the
 * defaults the version's delta changes (1.8.3: `manager.image.tag`).
 */
export function chartValuesOf(version: KruiseVersion): typeof CHART_VALUES {
  const out = clone(CHART_VALUES);
  for (const [key, value] of Object.entries(versionData(version.version).chartValueDefaults)) {
    const steps = key.split('.');
    const last = steps.pop()!;
    const node = at(out, ...steps);
    if (!isJsonObject(node)) throw new Error(`chart value default '${key}' is not under a map of the chart values`); // (a bug in the version data)
    node[last] = clone(value);
  }
  return out;
}

/**
 * Helm's merge of user values onto the chart's (`coalesce`): maps merge key by
 * key, lists and scalars replace, null removes a default. Checks every key and
 * type against the chart's values on the way.
 */
function coalesce<S extends Schema>(user: JsonObject, defaults: unknown, schema: S, prefix: string): Checked<S> {
  const out: JsonObject = {};
  for (const key of Object.keys(user)) {
    if (!Object.prototype.hasOwnProperty.call(schema, key)) throw unknownKey(prefix, key, schema, user[key]);
  }
  for (const [key, node] of Object.entries(schema)) {
    const path = prefix ? `${prefix}.${key}` : key;
    const has = Object.prototype.hasOwnProperty.call(user, key);
    const value = has ? user[key] : undefined;
    if (typeof node === 'object') {
      if (has && value === null) {
        throw valueError(path, null, 'is null, which removes the whole section and makes the chart fail to render', `remove '${path}' to keep the chart's defaults, or set its keys`);
      }
      if (has && !isMap(value)) {
        throw valueError(path, value, 'is not a map', `set the keys under '${path}' (${Object.keys(node).join(', ')})`);
      }
      out[key] = coalesce(isJsonObject(value) ? value : {}, at(defaults, key), node, path);
      continue;
    }
    out[key] = leaf(path, node, has, value, at(defaults, key));
  }
  return out as Checked<S>; // every key of the schema was set above, checked against its leaf type
}

function leaf(path: string, kind: Leaf, has: boolean, value: unknown, def: unknown): unknown {
  if (!has) value = clone(def);
  const bad = () => valueError(path, value, `is ${describe(value)}`, `use ${LEAF_HELP[kind]}, e.g. ${path}: ${JSON.stringify(def === '' || (Array.isArray(def) && def.length === 0) || (isMap(def) && Object.keys(def).length === 0) ? example(kind) : def)}`);
  if (value === null) {
    if (kind === 'map' || kind === 'stringMap') return {};
    if (kind === 'list' || kind === 'stringList') return [];
    throw valueError(path, null, 'is null, which removes the chart default and renders an empty value', `set a value or remove '${path}' to keep the default ${JSON.stringify(def)}`);
  }
  switch (kind) {
    case 'bool':
      if (typeof value !== 'boolean') throw bad();
      return value;
    case 'string':
      if (typeof value !== 'string') throw bad();
      return value;
    case 'int':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw bad();
      if (value > INT32_MAX || value < -INT32_MAX - 1) {
        throw valueError(path, value, 'is out of range for a 32-bit integer', `use a whole number up to ${INT32_MAX}, e.g. ${path}: ${JSON.stringify(def)}`);
      }
      return value;
    case 'level': {
      const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
      if (typeof n === 'number' && Number.isInteger(n) && (n < 0 || n > 10)) {
        throw valueError(path, value, 'is out of range', `use a log level from 0 to 10, e.g. ${path}: ${JSON.stringify(def)}`);
      }
      if (typeof n !== 'number' || !Number.isInteger(n)) throw bad();
      return n;
    }
    case 'duration': {
      if (value === 0) return '0';
      if (typeof value !== 'string') throw bad();
      const ms = goDurationMillis(value);
      if (ms === undefined) throw bad();
      if (ms * 1e6 > GO_MAX_DURATION_NS) {
        throw valueError(path, value, 'is longer than a Go duration can hold (about 2562047h), so kruise-manager would fail to start', `use a shorter duration, e.g. ${path}: "0" (the chart's default) or "12h"`);
      }
      return value;
    }
    case 'map':
      if (!isMap(value)) throw bad();
      return mergeMaps(value, isMap(def) ? def : {});
    case 'stringMap': {
      if (!isMap(value)) throw bad();
      const merged = mergeMaps(value, isMap(def) ? def : {});
      for (const k of Object.keys(merged)) { // not Object.entries: no pair per key of a large map
        const v = merged[k];
        if (typeof v !== 'string') {
          throw valueError(`${path}.${k}`, v, `is ${describe(v)}`, `quote it: ${escapeControls(k)}: "${quotable(v)}"`);
        }
      }
      return merged;
    }
    case 'list':
      if (!Array.isArray(value)) throw bad();
      value.forEach((x, i) => {
        if (x === null) throw valueError(`${path}[${i}]`, x, 'is an empty list entry, which the API server rejects', 'remove it');
      });
      return clone(value);
    case 'stringList':
      if (!Array.isArray(value)) throw bad();
      value.forEach((x, i) => {
        if (typeof x !== 'string') throw valueError(`${path}[${i}]`, x, x === null ? 'is an empty list entry' : `is ${describe(x)}`, 'give a string, e.g. "apps"');
      });
      return [...value];
  }
}

/** Deep merge of a user map onto a default map; null in the user map removes the key. */
function mergeMaps(user: JsonObject, def: JsonObject): JsonObject {
  const out = clone(def);
  for (const k of Object.keys(user)) {
    const v = user[k];
    const own = Object.prototype.hasOwnProperty.call(out, k);
    if (v === null) delete out[k];
    else if (own && isMap(v) && isMap(out[k])) out[k] = mergeMaps(v, out[k]);
    else out[k] = clone(v);
  }
  return out;
}

function unknownKey(prefix: string, rawKey: string, schema: Schema, value: unknown): Error {
  const key = clipText(escapeControls(rawKey));
  const path = prefix ? `${prefix}.${key}` : key;
  const problem = 'is not a key of the chart\'s values';
  const sibling = closest(rawKey, Object.keys(schema));
  if (sibling) return valueError(path, value, problem, `did you mean '${prefix ? `${prefix}.${sibling}` : sibling}'?`);
  const elsewhere = allPaths(SCHEMA, '').filter(p => p.split('.').pop() === rawKey);
  if (elsewhere.length > 0) return valueError(path, value, problem, `did you mean '${elsewhere[0]}'?`);
  return valueError(path, value, problem, `use one of the ${prefix ? `keys under '${prefix}'` : 'top-level keys'}: ${Object.keys(schema).join(', ')}`);
}

function allPaths(schema: Schema, prefix: string): string[] {
  return Object.entries(schema).flatMap(([k, node]) => {
    const p = prefix ? `${prefix}.${k}` : k;
    return typeof node === 'object' ? [p, ...allPaths(node, p)] : [p];
  });
}

/** `values: <path> <value>: <problem>; <fix>` (`invalid()`, which masks secret-like keys). */
function valueError(path: string, value: unknown, problem: string, fix: string): Error {
  return invalid('values', clipText(escapeControls(path)), value, problem, fix);
}

/** A key path as messages echo it: at most 200 characters. */
function clipText(s: string): string {
  return s.length > 200 ? `${s.slice(0, 197)}...` : s;
}


const INT32_MAX = 2147483647;
/** The longest Go time.Duration, in nanoseconds (2^63 - 1). */
const GO_MAX_DURATION_NS = 9223372036854775807;

function issueError(issue: Issue): Error {
  return valueError(issue.path, issue.value, issue.problem, issue.fix);
}

function throwIssue(issue: Issue | undefined): void {
  if (issue) throw issueError(issue);
}

function port(path: string, value: number): number {
  if (value < 1 || value > 65535) throw valueError(path, value, 'is not a port number', 'use 1 to 65535');
  return value;
}

function listOfMaps(path: string, list: unknown[]): unknown[] {
  list.forEach((x, i) => {
    if (!isJsonObject(x)) throw valueError(`${path}[${i}]`, x, `is ${describe(x)}`, 'write each entry as a map');
  });
  return list;
}

/** Milliseconds of a Go duration string ("0", "300ms", "1h30m"); undefined when it is not one. */
function goDurationMillis(s: string): number | undefined {
  if (s === '0') return 0;
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/gy;
  const unit = new Map<string, number>([['ns', 1e-6], ['us', 1e-3], ['\u00b5s', 1e-3], ['ms', 1], ['s', 1000], ['m', 60_000], ['h', 3_600_000]]);
  const body = s.replace(/^[+]/, '');
  if (body === '') return undefined;
  let total = 0;
  let pos = 0;
  re.lastIndex = 0;
  while (pos < body.length) {
    const m = re.exec(body);
    if (!m || m.index !== pos) return undefined;
    total += Number(m[1]) * unit.get(m[2])!;
    pos = re.lastIndex;
  }
  return total;
}

function example(kind: Leaf): unknown {
  switch (kind) {
    case 'map': return { key: 'value' };
    case 'stringMap': return { key: 'value' };
    case 'list': return [];
    case 'stringList': return ['*'];
    case 'string': return 'text';
    default: return 1;
  }
}

const isMap = isJsonObject;

/** A deep copy with null-prototype maps (`__proto__` stays a plain key). */
function clone<T>(v: T): T;
function clone(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(x => clone(x));
  if (isJsonObject(v)) {
    const out: JsonObject = Object.create(null);
    for (const k of Object.keys(v)) out[k] = clone(v[k]);
    return out;
  }
  return v;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  return `a ${typeof v}`;
}

