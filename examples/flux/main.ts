// Flux example: the Kruise install split into units that a chain of Flux
// Kustomizations applies in order (CRDs, then the operator, then the workloads).
//
//   npx ts-node examples/flux/main.ts
//
// writes dist/flux/<unit>/*.k8s.yaml (one folder per unit, one file per object):
//   kruise-crds/       the 17 CRDs (never pruned by Flux)
//   kruise-operator/   namespaces, RBAC, webhooks, kruise-manager, kruise-daemon
//   kruise-workloads/  the app's Kruise workloads
//   kruise-flux/       the three Kustomizations (dependsOn: crds <- operator <- workloads)
// Commit dist/flux and point your cluster's Flux entry at ./dist/flux/kruise-flux,
// e.g. `flux create kustomization kruise --source=flux-system --path=./dist/flux/kruise-flux --prune=true`.
// In an app of your own, import from 'cdk8s-openkruise' instead of '../../src'.
import * as path from 'path';
import { App, Duration, YamlOutputType } from 'cdk8s';
import {
  CloneSet, CloneSetUpdateStrategy, DeletionProtection, IntOrPercent, KruiseFluxLayout, PodSecurityLevel, WorkloadDeletionProtection,
} from '../../src';

/** Synthesizes the Flux layout into `outdir` and returns it. */
export function synthFlux(outdir: string): KruiseFluxLayout {
  const app = new App({ outdir, yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE });
  const layout = new KruiseFluxLayout(app, {
    path: './dist/flux',
    interval: Duration.minutes(10),
    kruise: {
      podSecurityLevel: PodSecurityLevel.PRIVILEGED,
      deletionProtection: { crds: DeletionProtection.CASCADING },
      manager: { podDisruptionBudget: {}, priorityClassName: 'system-cluster-critical' },
      daemon: { priorityClassName: 'system-node-critical' },
    },
  });

  new CloneSet(layout.workloadsChart!, 'web', {
    metadata: { name: 'web', namespace: 'default' },
    replicas: 3,
    containers: [{ name: 'web', image: 'nginx:1.27', portNumber: 80 }],
    updateStrategy: CloneSetUpdateStrategy.inPlaceIfPossible({ maxUnavailable: IntOrPercent.count(1) }),
  });
  WorkloadDeletionProtection.protectAll(layout.workloadsChart!, DeletionProtection.CASCADING);

  app.synth();
  return layout;
}

if (require.main === module) {
  const outdir = path.join(__dirname, '..', '..', 'dist', 'flux');
  synthFlux(outdir);
  // eslint-disable-next-line no-console
  console.log(`wrote ${outdir}`);
}
