import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CLUSTERS, synthFleet } from '../../examples/fleet/fleet';
import { schemaCheck } from '../util/models';
import { readYamlDocs } from '../util/reference';

/** The objects a folder holds, by `Kind/name`. */
function readFolder(dir: string): Map<string, any> {
  const out = new Map<string, any>();
  for (const f of fs.readdirSync(dir).sort()) {
    for (const d of readYamlDocs(path.join(dir, f))) out.set(`${d.kind}/${d.metadata.name}`, d);
  }
  return out;
}

describe('examples/fleet: one install per cluster from one app', () => {
  let outdir: string;
  let out: { [cluster: string]: Map<string, any> };
  beforeAll(() => {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-'));
    synthFleet(outdir);
    out = Object.fromEntries(fs.readdirSync(outdir).map(c => [c, readFolder(path.join(outdir, c))]));
  });

  test('a folder per cluster (and one for the Argo CD Applications)', () => {
    expect(Object.keys(out).sort()).toEqual(['argocd', 'dev', 'prod-us', 'staging-eu']);
    expect(CLUSTERS.map(c => c.name)).toEqual(['dev', 'staging-eu', 'prod-us']);
  });

  const manager = (c: string) => out[c].get('Deployment/kruise-controller-manager');
  const args = (c: string) => manager(c).spec.template.spec.containers[0].args as string[];

  test('each cluster has its own namespace, gates, registry, replicas and Kubernetes version', () => {
    expect(manager('dev').metadata.namespace).toBe('kruise-system');
    expect(manager('staging-eu').metadata.namespace).toBe('openkruise');
    expect(manager('prod-us').metadata.namespace).toBe('kruise');
    expect(args('dev')).toContain('--feature-gates=ImagePullJobGate=true,EnhancedLivenessProbe=true');
    expect(args('staging-eu')).toContain('--feature-gates=ImagePullJobGate=true,PreDownloadImageForInPlaceUpdate=true');
    expect(args('prod-us')).toContain('--feature-gates=ImagePullJobGate=false,ResourceDistributionGate=true,ResourcesDeletionProtection=true,DeletionProtectionForCRDCascadingGate=true');
    const image = (c: string) => manager(c).spec.template.spec.containers[0].image;
    expect(image('dev')).toBe('openkruise/kruise-manager:v1.7.5');
    expect(image('staging-eu')).toBe('registry.eu.example.com/dockerhub/openkruise/kruise-manager:v1.7.5');
    expect(image('prod-us')).toBe('registry.us.example.com/dockerhub/openkruise/kruise-manager:v1.7.5');
    expect(manager('dev').spec.replicas).toBe(1);
    expect(manager('prod-us').spec.replicas).toBe(3);
    // Kubernetes 1.29-1.31 all get matchLabelKeys (> 1.26).
    for (const c of ['dev', 'staging-eu', 'prod-us']) expect(manager(c).spec.template.spec.topologySpreadConstraints[0].matchLabelKeys).toEqual(['pod-template-hash']);
    for (const c of ['dev', 'staging-eu', 'prod-us']) {
      const w = out[c].get('MutatingWebhookConfiguration/kruise-mutating-webhook-configuration');
      expect(w.webhooks[0].clientConfig.service.namespace).toBe(manager(c).metadata.namespace);
    }
  });

  test('production only: protection, PDB, priority classes, Argo CD waves and Application', () => {
    expect(out['prod-us'].get('CloneSet/web').metadata.labels['policy.kruise.io/delete-protection']).toBe('Cascading');
    expect(out.dev.get('CloneSet/web').metadata.labels).toBeUndefined();
    expect(out['prod-us'].has('PodDisruptionBudget/kruise-controller-manager')).toBe(true);
    expect(out.dev.has('PodDisruptionBudget/kruise-controller-manager')).toBe(false);
    expect(out['prod-us'].get('Namespace/kruise').metadata.labels['policy.kruise.io/delete-protection']).toBe('Cascading');
    expect(out['prod-us'].get('Deployment/kruise-controller-manager').metadata.annotations['argocd.argoproj.io/sync-wave']).toBe('-3');
    expect(out.dev.get('Deployment/kruise-controller-manager').metadata.annotations).toBeUndefined();
    const app = out.argocd.get('Application/kruise-prod-us');
    expect(app.spec.source.path).toBe('dist/prod-us');
    expect(app.spec.ignoreDifferences.find((d: any) => d.kind === 'Secret').namespace).toBe('kruise');
  });

  test('every core object, Application and ServiceMonitor of every cluster validates with nothing pruned', () => {
    const all = Object.values(out).flatMap(m => [...m.values()]);
    const { problems, unchecked } = schemaCheck(all);
    expect(problems).toEqual([]);
    expect(unchecked).toEqual(['apps.kruise.io/v1alpha1/CloneSet/web', 'apps.kruise.io/v1alpha1/CloneSet/web', 'apps.kruise.io/v1alpha1/CloneSet/web']);
  });

  test('the CloneSets validate against the Kruise CRD schema with nothing pruned', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { KruiseSchemaValidator } = require('../../src');
    const validator = KruiseSchemaValidator.forVersion();
    for (const c of CLUSTERS) expect(validator.validate(out[c.name].get('CloneSet/web'), { requireName: true })).toEqual([]);
  });
});
