/**
 * Scheduling and networking of a pod spec: affinity, topology spread, host-network ports, DNS config and host aliases.
 */
import { JsonObject, arrayOr, isJsonObject, isInt } from '../../base/json';
import { Report } from '../types';
import { str, isSet } from './go-values';
import { dnsLabelProblem, dnsSubdomainProblem, qualifiedNameProblem, show } from './names';
import { NODE_INCLUSION_POLICIES, WHEN_UNSATISFIABLE } from './pod-allowed-values';
import { PodValidationOptions, k130 } from './pod-options';
import { validateNodeSelector, validatePreferredSchedulingTerms } from './scheduling';
import { validateLabelSelector } from './selector';

export function validateHostNetworkPorts(s: JsonObject, path: string, rule: string, report: Report): void {
  if (s.hostNetwork !== true) return;
  arrayOr(s.containers).forEach((c, i) => {
    if (!isJsonObject(c)) return;
    arrayOr(c.ports).forEach((p, j) => {
      if (!isJsonObject(p)) return;
      const hp = isInt(p.hostPort) ? p.hostPort : 0;
      const cp = isInt(p.containerPort) ? p.containerPort : 0;
      // Kruise validates templates with ResourceIsPod, and k8s 1.28 does not default hostPort in templates,
      // so an unset hostPort is rejected too (openkruise/kruise#1985).
      if (hp !== cp) {
        report.error(rule, `${path}.containers[${i}].ports[${j}].hostPort`,
          `hostPort ${hp} must match containerPort ${cp} when hostNetwork is true (Kruise 1.7 checks templates as pods, so an unset hostPort counts as 0)`,
          `set hostPort: ${cp}`);
      }
    });
  });
}

export function validateAffinity(affinity: unknown, path: string, rule: string, report: Report, opts: PodValidationOptions): void {
  if (!isJsonObject(affinity)) return;
  const na = affinity.nodeAffinity;
  if (isJsonObject(na)) {
    if (isSet(na.requiredDuringSchedulingIgnoredDuringExecution)) {
      validateNodeSelector(na.requiredDuringSchedulingIgnoredDuringExecution, `${path}.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution`, rule, report);
    }
    validatePreferredSchedulingTerms(na.preferredDuringSchedulingIgnoredDuringExecution, `${path}.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution`, rule, report);
  }
  for (const kind of ['podAffinity', 'podAntiAffinity']) {
    const pa = affinity[kind];
    if (!isJsonObject(pa)) continue;
    const base = `${path}.${kind}`;
    arrayOr(pa.requiredDuringSchedulingIgnoredDuringExecution).forEach((t, i) =>
      validatePodAffinityTerm(t, `${base}.requiredDuringSchedulingIgnoredDuringExecution[${i}]`, rule, report, opts));
    arrayOr(pa.preferredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
      if (!isJsonObject(t)) return;
      const p = `${base}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
      if (!isInt(t.weight) || t.weight < 1 || t.weight > 100) {
        if (!isSet(t.weight) || isInt(t.weight)) report.error(rule, `${p}.weight`, `weight ${show(t.weight)} must be in the range 1-100`, 'set a weight from 1 to 100');
      }
      validatePodAffinityTerm(t.podAffinityTerm, `${p}.podAffinityTerm`, rule, report, opts);
    });
  }
}

function validatePodAffinityTerm(term: unknown, path: string, rule: string, report: Report, opts: PodValidationOptions): void {
  if (!isJsonObject(term)) return;
  if (k130(opts)) validateAffinityLabelKeys(term, path, rule, report);
  // Kruise sets AllowInvalidLabelValueInSelector: selector values are not checked.
  validateLabelSelector(term.labelSelector, `${path}.labelSelector`, rule, report, { allowInvalidLabelValues: true });
  validateLabelSelector(term.namespaceSelector, `${path}.namespaceSelector`, rule, report, { allowInvalidLabelValues: true });
  arrayOr(term.namespaces).forEach(ns => {
    if (typeof ns !== 'string') return;
    const p = dnsLabelProblem(ns);
    if (p) report.error(rule, `${path}.namespace`, `namespace ${p}`);
  });
  const key = str(term.topologyKey);
  if (key === '') {
    report.error(rule, `${path}.topologyKey`, 'topologyKey is required', 'set a node label key such as "kubernetes.io/hostname"');
  } else {
    const p = qualifiedNameProblem(key);
    if (p) report.error(rule, `${path}.topologyKey`, `topologyKey ${p}`);
  }
}

/** k8s 1.30 validateMatchLabelKeysAndMismatchLabelKeys (fields that 1.28's types drop). */
function validateAffinityLabelKeys(term: JsonObject, path: string, rule: string, report: Report): void {
  const sel = term.labelSelector;
  const match = arrayOr(term.matchLabelKeys);
  const mismatch = arrayOr(term.mismatchLabelKeys);
  for (const [field, keys] of [['matchLabelKeys', match], ['mismatchLabelKeys', mismatch]] as const) {
    if (keys.length === 0) continue;
    if (!isJsonObject(sel)) {
      report.error(rule, `${path}.${field}`, `${field} needs a labelSelector`, `add a labelSelector or drop ${field}`);
      continue;
    }
    keys.forEach((k, i) => {
      if (typeof k !== 'string') return;
      const kp = qualifiedNameProblem(k);
      if (kp) report.error(rule, `${path}.${field}[${i}]`, `label key ${kp}`);
    });
  }
  if (isJsonObject(sel)) {
    const index = new Map<string, number>();
    match.forEach((k, i) => typeof k === 'string' && index.set(k, i));
    const selKeys = new Set<string>(isJsonObject(sel.matchLabels) ? Object.keys(sel.matchLabels) : []);
    arrayOr(sel.matchExpressions).filter(isJsonObject).forEach(e => {
      const key = str(e.key);
      const i = index.get(key);
      // Upstream reports it at the term path with the key's index (a quirk kept here).
      if (i !== undefined && selKeys.has(key)) report.error(rule, `${path}[${i}]`, `${show(key)} is in both matchLabelKeys and labelSelector`, 'keep it in one place');
      selKeys.add(key);
    });
  }
  const mismatchSet = new Set(mismatch);
  match.forEach((k, i) => {
    if (mismatchSet.has(k)) report.error(rule, `${path}.matchLabelKeys[${i}]`, `${show(k)} is in both matchLabelKeys and mismatchLabelKeys`, 'keep it in one of them');
  });
}

export function validateDnsConfig(s: JsonObject, path: string, rule: string, report: Report): void {
  const cfg = s.dnsConfig;
  if (s.dnsPolicy === 'None') {
    if (!isJsonObject(cfg)) {
      report.error(rule, `${path}.dnsConfig`, 'dnsPolicy None needs a dnsConfig', 'add dnsConfig with at least one nameserver');
      return;
    }
    if (arrayOr(cfg.nameservers).length === 0) {
      report.error(rule, `${path}.dnsConfig.nameservers`, 'dnsPolicy None needs at least one nameserver', 'list a nameserver IP in dnsConfig.nameservers');
      return;
    }
  }
  if (!isJsonObject(cfg)) return;
  const ns = arrayOr(cfg.nameservers);
  if (ns.length > 3) report.error(rule, `${path}.dnsConfig.nameservers`, `at most 3 nameservers are allowed, not ${ns.length}`);
  ns.forEach((n, i) => {
    if (typeof n === 'string' && !isIp(n)) report.error(rule, `${path}.dnsConfig.nameservers[${i}]`, `nameserver ${show(n)} is not an IP address`);
  });
  const searches = arrayOr(cfg.searches).filter((x): x is string => typeof x === 'string');
  if (searches.length > 32) report.error(rule, `${path}.dnsConfig.searches`, `at most 32 search domains are allowed, not ${searches.length}`);
  if (searches.join(' ').length > 2048) report.error(rule, `${path}.dnsConfig.searches`, 'the search list must not have more than 2048 characters');
  arrayOr(cfg.searches).forEach((d, i) => {
    if (typeof d !== 'string') return;
    const p = dnsSubdomainProblem(d.endsWith('.') ? d.slice(0, -1) : d);
    if (p) report.error(rule, `${path}.dnsConfig.searches[${i}]`, `search domain ${p}`);
  });
  arrayOr(cfg.options).forEach((o, i) => {
    if (isJsonObject(o) && str(o.name) === '') report.error(rule, `${path}.dnsConfig.options[${i}]`, 'a DNS option needs a name');
  });
}

/** Go net.ParseIP (also accepting IPv4 with leading zeros, as ParseIPSloppy does). */
function isIp(s: string): boolean {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (v4) return v4.slice(1).every(x => Number(x) <= 255);
  if (!s.includes(':') || /[^0-9a-fA-F:.]/.test(s)) return false;
  const dbl = s.split('::');
  if (dbl.length > 2) return false;
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const parts = [...groups(dbl[0]), ...(dbl.length === 2 ? groups(dbl[1]) : [])];
  let count = 0;
  for (let i = 0; i < parts.length; i++) {
    const g = parts[i];
    if (g.includes('.')) {
      if (i !== parts.length - 1 || !isIp(g) || g.includes(':')) return false;
      count += 2;
    } else if (/^[0-9a-fA-F]{1,4}$/.test(g)) {
      count += 1;
    } else {
      return false;
    }
  }
  return dbl.length === 2 ? count < 8 : count === 8;
}

export function validateHostAliases(aliases: unknown, path: string, rule: string, report: Report): void {
  arrayOr(aliases).forEach((a, i) => {
    if (!isJsonObject(a)) return;
    if ((a.ip === undefined || typeof a.ip === 'string') && !isIp(str(a.ip))) {
      report.error(rule, `${path}[${i}].ip`, `host alias ip ${show(a.ip ?? '')} is not an IP address`, 'set ip to an IPv4 or IPv6 address');
    }
    arrayOr(a.hostnames).forEach((h, j) => {
      if (typeof h !== 'string') return;
      const p = dnsSubdomainProblem(h);
      if (p) report.error(rule, `${path}[${i}].hostnames[${j}]`, `hostname ${p}`);
    });
  });
}

export function validateTopologySpreadConstraints(constraints: unknown, path: string, rule: string, report: Report): void {
  const list = arrayOr(constraints);
  list.forEach((c, i) => {
    if (!isJsonObject(c)) return;
    const p = `${path}[${i}]`;
    if (!isSet(c.maxSkew) || (isInt(c.maxSkew) && c.maxSkew <= 0)) {
      report.error(rule, `${p}.maxSkew`, `maxSkew ${show(c.maxSkew)} must be greater than 0`, 'set maxSkew to 1 or more');
    }
    if (str(c.topologyKey) === '') report.error(rule, `${p}.topologyKey`, 'topologyKey is required', 'set a node label key such as "topology.kubernetes.io/zone"');
    const wu = c.whenUnsatisfiable;
    if (!isSet(wu) || (typeof wu === 'string' && !WHEN_UNSATISFIABLE.includes(wu))) {
      report.error(rule, `${p}.whenUnsatisfiable`, `whenUnsatisfiable ${show(wu)} is not supported`, `use one of ${WHEN_UNSATISFIABLE.join(', ')}`);
    }
    for (const later of list.slice(i + 1)) {
      if (isJsonObject(later) && later.topologyKey === c.topologyKey && later.whenUnsatisfiable === c.whenUnsatisfiable) {
        report.error(rule, `${p}.{topologyKey, whenUnsatisfiable}`, `the pair {${str(c.topologyKey)}, ${str(wu)}} is repeated in a later constraint`, 'merge the constraints');
        break;
      }
    }
    if (isSet(c.minDomains)) {
      if (isInt(c.minDomains) && c.minDomains <= 0) report.error(rule, `${p}.minDomains`, `minDomains ${c.minDomains} must be greater than 0`);
      if (wu !== 'DoNotSchedule') report.error(rule, `${p}.minDomains`, `minDomains needs whenUnsatisfiable DoNotSchedule, not ${show(wu)}`, 'drop minDomains or use DoNotSchedule');
    }
    for (const f of ['nodeAffinityPolicy', 'nodeTaintsPolicy']) {
      if (typeof c[f] === 'string' && !NODE_INCLUSION_POLICIES.includes(c[f])) {
        report.error(rule, `${p}.${f}`, `${f} ${show(c[f])} is not supported`, `use one of ${NODE_INCLUSION_POLICIES.join(', ')}, or leave it unset`);
      }
    }
    const keys = arrayOr(c.matchLabelKeys);
    if (keys.length > 0) {
      const sel = c.labelSelector;
      const selKeys = new Set<string>();
      if (isJsonObject(sel)) {
        if (isJsonObject(sel.matchLabels)) Object.keys(sel.matchLabels).forEach(k => selKeys.add(k));
        arrayOr(sel.matchExpressions).filter(isJsonObject).forEach(e => selKeys.add(str(e.key)));
      } else {
        report.error(rule, `${p}.matchLabelKeys`, 'matchLabelKeys needs a labelSelector', 'add a labelSelector or drop matchLabelKeys');
      }
      keys.forEach((k, j) => {
        if (typeof k !== 'string') return;
        const kp = qualifiedNameProblem(k);
        if (kp) report.error(rule, `${p}.matchLabelKeys[${j}]`, `label key ${kp}`);
        if (selKeys.has(k)) report.error(rule, `${p}.matchLabelKeys[${j}]`, `${show(k)} is in both matchLabelKeys and labelSelector`, 'keep it in one of them');
      });
    }
    // Kruise sets AllowInvalidTopologySpreadConstraintLabelSelector: labelSelector is not validated.
  });
}
