/**
 * Volumes of a pod spec (every volume source) and PVC specs (ephemeral volume claim templates).
 */
import { str, isSet, unsetString } from './go-values';
import { JsonObject, arrayOr, isJsonObject, isInt } from '../../base/json';
import { parseQuantity, quantitySign } from '../../base/quantity';
import { Report } from '../types';
import { dnsLabelProblem, dnsSubdomainProblem, show, validateAnnotations, validateLabels } from './names';
import { HOST_PATH_TYPES, VOLUME_FIELD_PATHS, VOLUME_SOURCES } from './pod-allowed-values';
import { validateFieldRef, validateResourceFieldRef } from './pod-containers';
import { checkEnum, checkLocalNonReservedPath, checkMode, hasBacksteps } from './pod-field-checks';
import { PodValidationOptions, k130 } from './pod-options';
import { validateLabelSelector } from './selector';

/** Volumes (k8s ValidateVolumes): names unique DNS labels, at most one source each, common sources checked. */
export function validateVolumes(volumes: unknown, path: string, rule: string, report: Report, opts: PodValidationOptions = {}): void {
  const seen = new Set<string>();
  arrayOr(volumes).forEach((v, i) => {
    if (!isJsonObject(v)) return;
    validateVolume(v, `${path}[${i}]`, rule, report, seen, k130(opts));
    if (typeof v.name === 'string') seen.add(v.name);
  });
}

export function validateVolume(v: JsonObject, p: string, rule: string, report: Report, seen: Set<string>, lib130: boolean): void {
  const name = str(v.name);
  const sources = VOLUME_SOURCES.filter(k => isSet(v[k]));
  // No source at all is defaulted to emptyDir by the mutating webhook.
  sources.slice(1).forEach(k => report.error(rule, `${p}.${k}`, `volume ${show(name)} sets more than one source (${sources.join(', ')})`, 'keep exactly one volume source'));
  const src = sources[0];
  if (src) validateVolumeSource(src, isJsonObject(v[src]) ? v[src] : {}, `${p}.${src}`, rule, report, lib130);
  if (name === '') {
    report.error(rule, `${p}.name`, 'a volume needs a name', 'set a name (a DNS label)');
  } else {
    const np = dnsLabelProblem(name);
    if (np) report.error(rule, `${p}.name`, `volume name ${np}`);
  }
  if (seen.has(name)) report.error(rule, `${p}.name`, `volume name ${show(name)} is used twice`, 'give each volume a distinct name');
}

function validateKeyToPath(items: unknown, path: string, rule: string, report: Report, paths?: Set<string>, owner?: string): void {
  arrayOr(items).forEach((it, i) => {
    if (!isJsonObject(it)) return;
    const p = `${path}[${i}]`;
    if (unsetString(it.key)) report.error(rule, `${p}.key`, 'an item needs a key', 'set the key to project');
    const ip = str(it.path);
    if (ip === '') report.error(rule, `${p}.path`, 'an item needs a path', 'set the relative file path');
    else checkLocalNonReservedPath(ip, `${p}.path`, rule, report);
    checkMode(it.mode, `${p}.mode`, rule, report);
    if (paths && ip !== '') {
      if (paths.has(ip)) report.error(rule, path.replace(/\.sources\[\d+\].*$/, ''), `projected path ${show(ip)} (from ${show(owner)}) conflicts with another source`, 'give each projected file a distinct path');
      paths.add(ip);
    }
  });
}

function validateDownwardApiItems(items: unknown, path: string, rule: string, report: Report, paths?: Set<string>, projectedPath?: string): void {
  arrayOr(items).forEach((f, i) => {
    if (!isJsonObject(f)) return;
    const p = `${path}[${i}]`;
    const fp = str(f.path);
    if (fp === '') report.error(rule, `${p}.path`, 'a downward API file needs a path');
    else checkLocalNonReservedPath(fp, `${p}.path`, rule, report);
    if (isSet(f.fieldRef)) {
      validateFieldRef(f.fieldRef, VOLUME_FIELD_PATHS, `${p}.fieldRef`, rule, report);
      if (isSet(f.resourceFieldRef)) report.error(rule, p, 'fieldRef and resourceFieldRef cannot both be set', 'keep one of them');
    } else if (isSet(f.resourceFieldRef)) {
      validateResourceFieldRef(f.resourceFieldRef, true, `${p}.resourceFieldRef`, rule, report);
    } else {
      report.error(rule, p, 'a downward API file needs fieldRef or resourceFieldRef', 'set one of them');
    }
    checkMode(f.mode, `${p}.mode`, rule, report);
    if (paths && fp !== '') {
      if (paths.has(fp)) report.error(rule, projectedPath ?? path, `projected path ${show(fp)} conflicts with another source`, 'give each projected file a distinct path');
      paths.add(fp);
    }
  });
}

function validateVolumeSource(kind: string, s: JsonObject, p: string, rule: string, report: Report, lib130: boolean): void {
  switch (kind) {
    case 'emptyDir':
      if (isSet(s.sizeLimit)) {
        const q = parseQuantity(s.sizeLimit);
        if (!q) report.error(rule, `${p}.sizeLimit`, `${show(s.sizeLimit)} is not a valid quantity`, 'write a size such as "1Gi"');
        else if (quantitySign(q) < 0) report.error(rule, `${p}.sizeLimit`, `sizeLimit ${show(s.sizeLimit)} must not be negative`);
      }
      checkEnum(s.medium, ['', 'Memory', 'HugePages'], `${p}.medium`, 'medium', rule, report);
      break;
    case 'hostPath':
      if (unsetString(s.path)) {
        report.error(rule, `${p}.path`, 'hostPath needs a path', 'set the path on the node');
        break;
      }
      if (typeof s.path === 'string' && hasBacksteps(s.path)) report.error(rule, `${p}.path`, `path ${show(s.path)} must not contain ".."`);
      if (typeof s.type === 'string' && !HOST_PATH_TYPES.includes(s.type)) {
        report.error(rule, `${p}.type`, `hostPath type ${show(s.type)} is not supported`, `use one of ${HOST_PATH_TYPES.filter(t => t).join(', ')}, or leave it empty`);
      }
      break;
    case 'secret':
      if (unsetString(s.secretName)) report.error(rule, `${p}.secretName`, 'a secret volume needs secretName', 'set the name of the Secret');
      checkMode(s.defaultMode, `${p}.defaultMode`, rule, report);
      validateKeyToPath(s.items, `${p}.items`, rule, report);
      break;
    case 'configMap':
      if (unsetString(s.name)) report.error(rule, `${p}.name`, 'a configMap volume needs a name', 'set the name of the ConfigMap');
      checkMode(s.defaultMode, `${p}.defaultMode`, rule, report);
      validateKeyToPath(s.items, `${p}.items`, rule, report);
      break;
    case 'persistentVolumeClaim':
      if (unsetString(s.claimName)) report.error(rule, `${p}.claimName`, 'a persistentVolumeClaim volume needs claimName', 'set the name of the PVC');
      break;
    case 'nfs':
      if (unsetString(s.server)) report.error(rule, `${p}.server`, 'an nfs volume needs a server');
      if (unsetString(s.path)) report.error(rule, `${p}.path`, 'an nfs volume needs a path');
      if (typeof s.path !== 'string' || !s.path.startsWith('/')) report.error(rule, `${p}.path`, `nfs path ${show(s.path ?? '')} must be absolute`, 'start the path with "/"');
      break;
    case 'downwardAPI':
      checkMode(s.defaultMode, `${p}.defaultMode`, rule, report);
      validateDownwardApiItems(s.items, `${p}.items`, rule, report);
      break;
    case 'projected': {
      checkMode(s.defaultMode, `${p}.defaultMode`, rule, report);
      const paths = new Set<string>();
      arrayOr(s.sources).forEach((src, i) => {
        if (!isJsonObject(src)) return;
        const sp = `${p}.sources[${i}]`;
        let n = 0;
        for (const k of ['secret', 'configMap']) {
          if (!isSet(src[k])) continue;
          n++;
          const ref = isJsonObject(src[k]) ? src[k] : {};
          if (unsetString(ref.name)) report.error(rule, `${sp}.${k}.name`, `a projected ${k} needs a name`);
          validateKeyToPath(ref.items, `${sp}.${k}.items`, rule, report, paths, str(ref.name));
        }
        if (isSet(src.downwardAPI)) {
          n++;
          validateDownwardApiItems(isJsonObject(src.downwardAPI) ? src.downwardAPI.items : [], `${sp}.downwardAPI.items`, rule, report, paths, p);
        }
        if (isSet(src.serviceAccountToken)) {
          n++;
          const t = isJsonObject(src.serviceAccountToken) ? src.serviceAccountToken : {};
          if (isInt(t.expirationSeconds) && t.expirationSeconds < 600) {
            report.error(rule, `${sp}.serviceAccountToken.expirationSeconds`, `expirationSeconds ${t.expirationSeconds} is less than 10 minutes`, 'use 600 or more (default 3600)');
          }
          if (isInt(t.expirationSeconds) && t.expirationSeconds > 2 ** 32) {
            report.error(rule, `${sp}.serviceAccountToken.expirationSeconds`, `expirationSeconds ${t.expirationSeconds} is more than 2^32 seconds`);
          }
          if (unsetString(t.path)) report.error(rule, `${p}.path`, 'a serviceAccountToken projection needs a path', 'set the file path of the token');
          else if (lib130 && typeof t.path === 'string') checkLocalNonReservedPath(t.path, `${p}.path`, rule, report);
        }
        if (lib130 && isSet(src.clusterTrustBundle)) {
          // k8s 1.30 only: 1.28's types drop the field (the source is then empty, which 1.28 accepts).
          n++;
          const b = isJsonObject(src.clusterTrustBundle) ? src.clusterTrustBundle : {};
          const bp = `${sp}.clusterTrustBundlePEM`;
          if (isSet(b.name) && isSet(b.signerName)) {report.error(rule, bp, 'a clusterTrustBundle source may use name or signerName, not both', 'keep one of them');} else if (isSet(b.name)) {
            if (b.name === '') report.error(rule, `${bp}.name`, 'clusterTrustBundle name must not be empty');
            if (isSet(b.labelSelector)) report.error(rule, `${bp}.labelSelector`, 'labelSelector must be unset when name is set', 'drop labelSelector');
          } else if (isSet(b.signerName)) {
            if (b.signerName === '') report.error(rule, `${bp}.signerName`, 'clusterTrustBundle signerName must not be empty');
            validateLabelSelector(b.labelSelector, `${bp}.labelSelector`, rule, report);
          } else {
            report.error(rule, bp, 'a clusterTrustBundle source needs name or signerName', 'set one of them');
          }
          const tp = str(b.path);
          if (tp === '') report.error(rule, `${bp}.path`, 'a clusterTrustBundle source needs a path', 'set the file path');
          checkLocalNonReservedPath(tp, `${bp}.path`, rule, report);
          if (paths.has(tp)) report.error(rule, p, `projected path ${show(tp)} conflicts with another source`, 'give each projected file a distinct path');
          paths.add(tp);
        }
        if (n > 1) report.error(rule, sp, 'a projection source may set only one of secret, configMap, downwardAPI, serviceAccountToken, clusterTrustBundle', 'split it into several sources');
      });
      break;
    }
    case 'csi': {
      const d = str(s.driver);
      if (d === '') {report.error(rule, `${p}.driver`, 'a csi volume needs a driver', 'set the CSI driver name');} else if (d.length > 63) {report.error(rule, `${p}.driver`, `csi driver ${show(d)} must be no more than 63 characters`);} else {
        const dp = dnsSubdomainProblem(d.toLowerCase());
        if (dp) report.error(rule, `${p}.driver`, `csi driver ${dp}`);
      }
      if (isSet(s.nodePublishSecretRef)) {
        const ref = isJsonObject(s.nodePublishSecretRef) ? s.nodePublishSecretRef : {};
        if (unsetString(ref.name)) report.error(rule, `${p}.nodePublishSecretRef.name`, 'nodePublishSecretRef needs a name');
        else if (typeof ref.name === 'string' && dnsSubdomainProblem(ref.name)) report.error(rule, `${p}.name`, `nodePublishSecretRef name ${dnsSubdomainProblem(ref.name)}`);
      }
      break;
    }
    case 'ephemeral':
      if (!isSet(s.volumeClaimTemplate)) {
        report.error(rule, `${p}.volumeClaimTemplate`, 'an ephemeral volume needs a volumeClaimTemplate', 'add volumeClaimTemplate with a PVC spec');
      } else if (isJsonObject(s.volumeClaimTemplate)) {
        validateEphemeralClaimTemplate(s.volumeClaimTemplate, `${p}.volumeClaimTemplate`, rule, report, lib130);
      }
      break;
    default:
      // Other sources are rare; their details are left to Kubernetes.
  }
}

const TEMPLATE_META_FORBIDDEN = [
  'name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp',
  'deletionTimestamp', 'deletionGracePeriodSeconds', 'ownerReferences', 'finalizers', 'managedFields',
];
const ACCESS_MODES = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'];

/** Whether a JSON value is set to something other than Go's zero value. */
function nonZero(v: unknown): boolean {
  if (v === undefined || v === null || v === '' || v === 0 || v === false) return false;
  if (Array.isArray(v)) return v.length > 0;
  return true;
}

/**
 * ValidatePersistentVolumeClaimTemplate (generic ephemeral volumes): metadata
 * only labels and annotations, and the claim spec (access modes, a positive
 * storage request, class name, volume mode, selector).
 */
function validateEphemeralClaimTemplate(t: JsonObject, p: string, rule: string, report: Report, lib130: boolean): void {
  const meta = isJsonObject(t.metadata) ? t.metadata : {};
  validateAnnotations(meta.annotations, `${p}.metadata.annotations`, rule, report);
  validateLabels(meta.labels, `${p}.metadata.labels`, rule, report);
  for (const f of TEMPLATE_META_FORBIDDEN) {
    if (nonZero(meta[f])) report.error(rule, `${p}.metadata.${f}`, `${f} cannot be set in a volume claim template`, `remove metadata.${f}; the claim is named after the pod and volume`);
  }
  validatePvcSpec(t.spec, `${p}.spec`, rule, report, { kruiseVersion: lib130 ? '1.8' : '1.7' });
}

/** ValidatePersistentVolumeClaimSpec (k8s 1.28, ReadWriteOncePod allowed); exported for volumeClaimTemplates rules. */
export function validatePvcSpec(pvcSpec: unknown, p: string, rule: string, report: Report, opts: PodValidationOptions = {}): void {
  const spec = isJsonObject(pvcSpec) ? pvcSpec : {};
  const modes = arrayOr(spec.accessModes);
  if (modes.length === 0) report.error(rule, `${p}.accessModes`, 'at least one access mode is required', 'set accessModes, e.g. ["ReadWriteOnce"]');
  if (isSet(spec.selector)) validateLabelSelector(spec.selector, `${p}.selector`, rule, report);
  modes.forEach(m => {
    if (typeof m === 'string' && !ACCESS_MODES.includes(m)) report.error(rule, `${p}.accessModes`, `access mode ${show(m)} is not supported`, `use ${ACCESS_MODES.join(', ')}`);
  });
  if (modes.includes('ReadWriteOncePod') && modes.some(m => m !== 'ReadWriteOncePod' && typeof m === 'string' && ACCESS_MODES.includes(m))) {
    report.error(rule, `${p}.accessModes`, 'ReadWriteOncePod cannot be combined with other access modes', 'use ReadWriteOncePod alone');
  }
  const res = isJsonObject(spec.resources) ? spec.resources : {};
  const requests = isJsonObject(res.requests) ? res.requests : {};
  const sp = `${p}.resources[storage]`;
  if (!Object.prototype.hasOwnProperty.call(requests, 'storage')) {
    report.error(rule, sp, 'a storage request is required', 'set resources.requests.storage, e.g. "1Gi"');
  } else {
    const q = parseQuantity(requests.storage);
    if (!q) report.error(rule, sp, `${show(requests.storage)} is not a valid quantity`, 'write a size such as "1Gi"');
    else if (quantitySign(q) <= 0) report.error(rule, sp, `the storage request ${show(requests.storage)} must be greater than zero`, 'request a positive size');
  }
  if (typeof spec.storageClassName === 'string' && spec.storageClassName !== '') {
    const cp = dnsSubdomainProblem(spec.storageClassName);
    if (cp) report.error(rule, `${p}.storageClassName`, `storageClassName ${cp}`);
  }
  if (typeof spec.volumeMode === 'string' && !['Block', 'Filesystem'].includes(spec.volumeMode)) {
    report.error(rule, `${p}.volumeMode`, `volumeMode ${show(spec.volumeMode)} is not supported`, 'use Filesystem or Block');
  }
  const ds = spec.dataSource;
  const dsr = spec.dataSourceRef;
  for (const [field, ref] of [['dataSource', ds], ['dataSourceRef', dsr]] as const) {
    if (!isJsonObject(ref)) continue;
    const rp = `${p}.${field}`;
    if (unsetString(ref.name)) report.error(rule, `${rp}.name`, `${field} needs a name`);
    if (unsetString(ref.kind)) report.error(rule, `${rp}.kind`, `${field} needs a kind`);
    const group = str(ref.apiGroup);
    if (group === '' && ref.kind !== 'PersistentVolumeClaim') {
      report.error(rule, rp, `${field} kind ${show(ref.kind ?? '')} needs an apiGroup; only PersistentVolumeClaim is in the core group`, 'set apiGroup, e.g. snapshot.storage.k8s.io');
    }
    if (group !== '' && k130(opts)) {
      const gp = dnsSubdomainProblem(group);
      if (gp) report.error(rule, `${rp}.apiGroup`, `apiGroup ${gp}`);
    }
    if (field === 'dataSourceRef' && typeof ref.namespace === 'string' && ref.namespace !== '') {
      const np = dnsLabelProblem(ref.namespace);
      if (np) report.error(rule, `${rp}.namespace`, `namespace ${np}`);
    }
  }
  if (isJsonObject(dsr) && typeof dsr.namespace === 'string' && dsr.namespace !== '') {
    if (isJsonObject(ds)) report.error(rule, p, 'dataSource may not be set when dataSourceRef.namespace is set', 'drop dataSource');
  } else if (isJsonObject(ds) && isJsonObject(dsr)) {
    const same = (ds.apiGroup ?? null) === (dsr.apiGroup ?? null) && ds.kind === dsr.kind && ds.name === dsr.name;
    if (!same) report.error(rule, p, 'dataSource must match dataSourceRef', 'make them equal, or set only dataSourceRef');
  }
}
