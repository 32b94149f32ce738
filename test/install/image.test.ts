import { Chart, Testing } from 'cdk8s';
import { ImagePullPolicy, KruiseImage } from '../../src';
import { daemonContainer, managerContainer, synthKruise } from '../util/install';

const DIGEST = `sha256:${'a'.repeat(64)}`;

function image(props: ConstructorParameters<typeof KruiseImage>[2]): KruiseImage {
  return new KruiseImage(new Chart(Testing.app(), 'c'), 'image', props);
}

describe('KruiseImage', () => {
  test('default: the version\'s pinned tag on Docker Hub, pull policy Always, no pull secrets', () => {
    const i = image({});
    expect(i.reference).toBe('openkruise/kruise-manager:v1.7.5');
    expect(i.tag).toBe('v1.7.5');
    expect(i.digest).toBeUndefined();
    expect(i.registry).toBe('docker.io');
    expect(i.pullPolicy).toBe(ImagePullPolicy.ALWAYS);
    expect(i.pullSecrets).toEqual([]);
  });

  test('manager and daemon run the same image', () => {
    const r = synthKruise({ image: { repository: 'registry.example.com/mirror/kruise-manager', tag: 'v1.7.5-patched' } });
    expect(managerContainer(r).image).toBe('registry.example.com/mirror/kruise-manager:v1.7.5-patched');
    expect(daemonContainer(r).image).toBe('registry.example.com/mirror/kruise-manager:v1.7.5-patched');
    expect(r.kruise.image.registry).toBe('registry.example.com');
  });

  test('registry mirror replaces the registry (or prefixes a Docker Hub path)', () => {
    expect(image({ registryMirror: 'mirror.example.com/dockerhub' }).reference).toBe('mirror.example.com/dockerhub/openkruise/kruise-manager:v1.7.5');
    expect(image({ registryMirror: 'mirror.example.com/' }).reference).toBe('mirror.example.com/openkruise/kruise-manager:v1.7.5');
    expect(image({ repository: 'ghcr.io/acme/kruise-manager', registryMirror: 'mirror.example.com' }).reference).toBe('mirror.example.com/acme/kruise-manager:v1.7.5');
    expect(image({ repository: 'localhost:5000/kruise-manager', registryMirror: 'harbor.local:8443/proxy' }).reference).toBe('harbor.local:8443/proxy/kruise-manager:v1.7.5');
    expect(image({ repository: 'busybox', registryMirror: 'mirror.example.com' }).reference).toBe('mirror.example.com/library/busybox:v1.7.5');
    expect(image({ registryMirror: 'mirror.example.com' }).registry).toBe('mirror.example.com');
    expect(() => image({ registryMirror: 'https://mirror.example.com' })).toThrow('c/image: registryMirror "https://mirror.example.com": has a URL scheme; drop it, e.g. \'mirror.example.com\'');
    expect(() => image({ registryMirror: 'Mirror Example' })).toThrow(/registryMirror "Mirror Example": is not a registry/);
  });

  test('digest pins the image; tag and digest are exclusive', () => {
    const i = image({ digest: DIGEST });
    expect(i.reference).toBe(`openkruise/kruise-manager@${DIGEST}`);
    expect(i.tag).toBeUndefined();
    expect(image({ digest: DIGEST, registryMirror: 'm.example.com' }).reference).toBe(`m.example.com/openkruise/kruise-manager@${DIGEST}`);
    expect(() => image({ tag: 'v1.7.5', digest: DIGEST })).toThrow(/c\/image: tag "v1.7.5": is set together with digest "sha256:a+"; set one of them/);
    expect(() => image({ digest: 'sha256:abc' })).toThrow('c/image: digest "sha256:abc": is not a valid digest; use \'sha256:\' followed by 64 lowercase hex digits');
  });

  test('pull policy and pull secrets reach both pod specs', () => {
    const r = synthKruise({ image: { pullPolicy: ImagePullPolicy.IF_NOT_PRESENT, pullSecrets: ['mirror-pull', 'backup-pull'] } });
    expect(managerContainer(r).imagePullPolicy).toBe('IfNotPresent');
    expect(daemonContainer(r).imagePullPolicy).toBe('IfNotPresent');
    const secrets = [{ name: 'mirror-pull' }, { name: 'backup-pull' }];
    expect(r.one('Deployment').spec.template.spec.imagePullSecrets).toEqual(secrets);
    expect(r.one('DaemonSet').spec.template.spec.imagePullSecrets).toEqual(secrets);
  });

  test('bad repository, tag and secrets throw with the fix', () => {
    expect(() => image({ repository: 'openkruise/kruise-manager:v1.7.5' })).toThrow(/image: repository "openkruise\/kruise-manager:v1.7.5": is not a valid repository .*without a tag or digest/);
    expect(() => image({ repository: '' })).toThrow(/image: repository "": is empty/);
    expect(() => image({ tag: '-bad' })).toThrow(/image: tag "-bad": is not a valid tag/);
    expect(() => image({ pullSecrets: ['Bad_Name'] })).toThrow('c/image: pullSecrets entry "Bad_Name": is not a Secret name; use a lowercase DNS name such as \'regcred\'');
    expect(() => image({ pullSecrets: ['a', 'a'] })).toThrow(/pullSecrets entry "a": is listed twice/);
    expect(() => image({ pullPolicy: 'Sometimes' as any })).toThrow(/pullPolicy "Sometimes": is not a pull policy/);
  });
});
