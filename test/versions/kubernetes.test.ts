import { compareKubernetesVersions, DEFAULT_KUBERNETES_VERSION, MIN_KUBERNETES_VERSION } from '../../src/versions/kubernetes';

describe('Kubernetes versions', () => {
  test('compare by number, not as text: 1.9 is older than 1.28', () => {
    expect(compareKubernetesVersions('1.9', '1.28')).toBeLessThan(0);
    expect(compareKubernetesVersions('1.28', '1.9')).toBeGreaterThan(0);
  });

  test('the major version decides first; equal versions compare as zero', () => {
    expect(compareKubernetesVersions('2.0', '1.31')).toBeGreaterThan(0);
    expect(compareKubernetesVersions('1.29', '1.29')).toBe(0);
  });

  test('the default is within the supported range', () => {
    expect(compareKubernetesVersions(DEFAULT_KUBERNETES_VERSION, MIN_KUBERNETES_VERSION)).toBeGreaterThan(0);
  });
});
