// Fleet example: one cdk8s app, one Kruise install per cluster, each cluster with
// its own feature gates, namespace, registry and Kubernetes version, and its
// workloads checked against that cluster's install. `synthFleet(outdir)` writes
// <outdir>/<cluster>/*.k8s.yaml (one folder per cluster, one file per object), and
// the Argo CD Applications of the production clusters into <outdir>/argocd.
// In an app of your own, import from 'cdk8s-openkruise' instead of '../../src'.
import { App, Chart, YamlOutputType } from 'cdk8s';
import {
  ArgoCdProfile, CloneSet, DeletionProtection, FeatureGate, FeatureGateSetting, ImagePullPolicy, IntOrPercent, Kruise, KruiseArgoCdApplication,
  PodSecurityLevel, WebhookFailurePolicy, WorkloadDeletionProtection,
} from '../../src';

/** What differs between the clusters of the fleet. */
export interface ClusterSpec {
  /** Cluster name: the output folder and the chart id. */
  readonly name: string;
  /** Kubernetes version of the cluster, `X.Y`. */
  readonly kubernetesVersion: string;
  /** Namespace Kruise runs in. */
  readonly namespace: string;
  /** Feature gates of the cluster's Kruise. */
  readonly featureGates: FeatureGateSetting[];
  /** Registry mirror the cluster pulls through (undefined: Docker Hub). */
  readonly registryMirror?: string;
  /** Replicas of kruise-manager and of the sample CloneSet. */
  readonly replicas: number;
  /** Production: deletion protection, PDB, priority classes, Argo CD profile. */
  readonly production: boolean;
}

/** The three clusters. */
export const CLUSTERS: ClusterSpec[] = [
  {
    name: 'dev',
    kubernetesVersion: '1.30',
    namespace: 'kruise-system',
    featureGates: [FeatureGate.IMAGE_PULL_JOB.enable(), FeatureGate.ENHANCED_LIVENESS_PROBE.enable()],
    replicas: 1,
    production: false,
  },
  {
    name: 'staging-eu',
    kubernetesVersion: '1.29',
    namespace: 'openkruise',
    featureGates: [FeatureGate.IMAGE_PULL_JOB.enable(), FeatureGate.PRE_DOWNLOAD_IMAGE_FOR_IN_PLACE_UPDATE.enable()],
    registryMirror: 'registry.eu.example.com/dockerhub',
    replicas: 2,
    production: false,
  },
  {
    name: 'prod-us',
    kubernetesVersion: '1.31',
    namespace: 'kruise',
    featureGates: [FeatureGate.IMAGE_PULL_JOB.disable(), FeatureGate.RESOURCE_DISTRIBUTION.enable()],
    registryMirror: 'registry.us.example.com/dockerhub',
    replicas: 3,
    production: true,
  },
];

/**
 * Builds and synthesizes the fleet into `outdir`; returns the App. Production
 * clusters also get an Argo CD Application, in `<outdir>/argocd` (applied to the
 * cluster Argo CD runs in).
 */
export function synthFleet(outdir: string, clusters: ClusterSpec[] = CLUSTERS): App {
  const app = new App({ outdir, yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE });
  for (const c of clusters) {
    const chart = new Chart(app, c.name);
    const kruise = new Kruise(chart, 'kruise', {
      namespace: c.namespace,
      kubernetesVersion: c.kubernetesVersion,
      featureGates: c.featureGates,
      image: { registryMirror: c.registryMirror, pullPolicy: c.registryMirror ? ImagePullPolicy.IF_NOT_PRESENT : undefined },
      manager: {
        replicas: c.replicas,
        ...(c.production ? { podDisruptionBudget: { maxUnavailable: IntOrPercent.count(1) }, priorityClassName: 'system-cluster-critical' } : {}),
      },
      daemon: c.production ? { priorityClassName: 'system-node-critical' } : undefined,
      podSecurityLevel: PodSecurityLevel.PRIVILEGED,
      ...(c.production ? {
        deletionProtection: { namespace: DeletionProtection.CASCADING, crds: DeletionProtection.CASCADING },
        webhookFailurePolicies: { 'vcustomresourcedefinition.kb.io': WebhookFailurePolicy.FAIL },
        podWebhook: { excludeNamespaces: ['monitoring'] },
      } : {}),
    });

    new CloneSet(chart, 'web', {
      metadata: { name: 'web', namespace: 'default' },
      replicas: c.replicas,
      containers: [{ name: 'web', image: 'nginx:1.27', portNumber: 80 }],
    });

    if (c.production) {
      WorkloadDeletionProtection.protectAll(chart, DeletionProtection.CASCADING);
      // The Application lives in the Argo CD (management) cluster's folder.
      const argo = app.node.tryFindChild('argocd') as Chart | undefined ?? new Chart(app, 'argocd');
      new KruiseArgoCdApplication(argo, `kruise-${c.name}`, {
        name: `kruise-${c.name}`,
        repoUrl: 'https://git.example.com/platform/fleet.git',
        path: `dist/${c.name}`,
        destinationName: c.name,
        kruiseNamespace: kruise.namespace,
        automated: { prune: true, selfHeal: true },
      });
      ArgoCdProfile.applyTo(chart);
    }
  }
  app.synth();
  return app;
}
