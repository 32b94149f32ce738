// Kubernetes versions as the library compares them: `X.Y` strings. Model layer, so that install
// (which checks the version a user gives) and the L2 constructs (which pick behaviour by it) share
// them without importing each other.

/**
 * The Kubernetes version assumed when none is given: the version `helm
 * template` assumes by default (helm 3.16), so that output equals the chart's.
 */
export const DEFAULT_KUBERNETES_VERSION = '1.31';

/** The oldest Kubernetes the chart installs on (`kubeVersion: ">= 1.18.0-0"` in chart 1.7.5). */
export const MIN_KUBERNETES_VERSION = '1.18';

/** Compares two `X.Y` versions: negative, zero or positive. */
export function compareKubernetesVersions(a: string, b: string): number {
  const [am, an] = a.split('.').map(Number);
  const [bm, bn] = b.split('.').map(Number);
  return am !== bm ? am - bm : an - bn;
}
