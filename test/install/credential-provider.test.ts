import { App, Chart, Duration, JsonPatch, Testing } from 'cdk8s';
// a test-only devDependency (.projenrc.ts lists only scripts/ as a dev dir for eslint)
// eslint-disable-next-line import/no-extraneous-dependencies
import { ConfigMap, IConfigMap } from 'kubernetes-models/v1';
import { parse } from 'yaml';
import {
  CredentialProvider,
  CredentialProviderApiVersion,
  CredentialProviderConfig,
  CredentialProviderConfigProps,
} from '../../src/install/credential-provider';
import { releaseNotesExample } from '../util/release-notes';

// The provider of the Kruise 1.7 release notes ("Image prefetch supports the
// aliyun-acr-credential-helper component").
const ECR: CredentialProvider = {
  name: 'ecr-credential-provider',
  matchImages: [
    '*.dkr.ecr.*.amazonaws.com',
    '*.dkr.ecr.*.amazonaws.com.cn',
    '*.dkr.ecr-fips.*.amazonaws.com',
    '*.dkr.ecr.us-iso-east-1.c2s.ic.gov',
    '*.dkr.ecr.us-isob-east-1.sc2s.sgov.gov',
  ],
  defaultCacheDuration: Duration.hours(12),
  apiVersion: CredentialProviderApiVersion.V1,
  env: [{ name: 'AWS_PROFILE', value: 'temp' }],
};

const KEY = 'CredentialProviderPlugin.yaml';

// The release notes' ConfigMap (read in place from ../shared/mission), data key parsed.
const NOTES = releaseNotesExample('apiVersion: v1', 'kind: ConfigMap');
const withNotes = NOTES ? test : test.skip;
if (!NOTES) {
  // eslint-disable-next-line no-console
  console.warn('credential-provider release-notes reproduction skipped: ../shared/mission not found beside the project');
}


function synth(props?: CredentialProviderConfigProps, more: CredentialProvider[] = []) {
  const chart = new Chart(Testing.app(), 'c');
  const config = new CredentialProviderConfig(chart, 'cp', props);
  for (const p of more) config.addProvider(p);
  const manifests = Testing.synth(chart);
  const configMap = manifests[0];
  return { config, manifests, configMap, plugin: parse(configMap.data[KEY]) };
}

/** The ConfigMap with its data key parsed. */
function parsed(configMap: any): any {
  return { ...configMap, data: { [KEY]: parse(configMap.data[KEY]) } };
}

describe('CredentialProviderConfig: the release notes example', () => {
  withNotes('the release notes hold one ConfigMap', () => {
    expect(NOTES).toHaveLength(1);
  });

  withNotes('with the release notes provider the ConfigMap equals the release notes example', () => {
    const { manifests, configMap } = synth({ providers: [ECR] });
    expect(manifests).toHaveLength(1);
    expect(Object.keys(configMap.data)).toEqual([KEY]);
    expect(typeof configMap.data[KEY]).toBe('string');
    expect(parsed(configMap)).toEqual(parsed(NOTES![0]));
  });

  test('the YAML text is deterministic, in the kubelet field order', () => {
    const { configMap, config } = synth({ providers: [ECR] });
    expect(configMap.data[KEY]).toBe([
      'apiVersion: kubelet.config.k8s.io/v1',
      'kind: CredentialProviderConfig',
      'providers:',
      '- name: ecr-credential-provider',
      '  matchImages:',
      '  - "*.dkr.ecr.*.amazonaws.com"',
      '  - "*.dkr.ecr.*.amazonaws.com.cn"',
      '  - "*.dkr.ecr-fips.*.amazonaws.com"',
      '  - "*.dkr.ecr.us-iso-east-1.c2s.ic.gov"',
      '  - "*.dkr.ecr.us-isob-east-1.sc2s.sgov.gov"',
      '  defaultCacheDuration: 12h',
      '  apiVersion: credentialprovider.kubelet.k8s.io/v1',
      '  env:',
      '  - name: AWS_PROFILE',
      '    value: temp',
      '',
    ].join('\n'));
    expect(config.toYaml()).toBe(configMap.data[KEY]);
    // same text on a second, independent synth
    expect(synth({ providers: [ECR] }).configMap.data[KEY]).toBe(configMap.data[KEY]);
  });

  test('the ConfigMap validates against the Kubernetes schema (kubernetes-models)', () => {
    const { configMap } = synth({ providers: [ECR] });
    const typed: IConfigMap = configMap;
    expect(() => new ConfigMap(typed).validate()).not.toThrow();
    // the validation is not a no-op: data values must be strings
    expect(() => new ConfigMap(parsed(configMap)).validate()).toThrow(/data/);
  });
});

describe('CredentialProviderConfig: props and providers', () => {
  test('name and namespace are configurable; the data key is not', () => {
    const { configMap, config } = synth({ configMapName: 'ecr-plugins', namespace: 'ops-kruise', providers: [ECR] });
    expect(configMap.metadata).toEqual({ name: 'ecr-plugins', namespace: 'ops-kruise' });
    expect(config.configMapName).toBe('ecr-plugins');
    expect(config.namespace).toBe('ops-kruise');
    expect(Object.keys(configMap.data)).toEqual([CredentialProviderConfig.DATA_KEY]);
    expect(CredentialProviderConfig.DATA_KEY).toBe('CredentialProviderPlugin.yaml');
  });

  test('defaults: credential-provider-config in kruise-system, provider apiVersion v1, no args or env', () => {
    const { configMap, plugin, config } = synth({}, [{ name: 'acr-credential-provider', matchImages: ['*.azurecr.io'], defaultCacheDuration: Duration.minutes(10) }]);
    expect(configMap.metadata).toEqual({ name: 'credential-provider-config', namespace: 'kruise-system' });
    expect(plugin.providers).toEqual([{
      name: 'acr-credential-provider',
      matchImages: ['*.azurecr.io'],
      defaultCacheDuration: '10m',
      apiVersion: 'credentialprovider.kubelet.k8s.io/v1',
    }]);
    expect(config.configMap.kind).toBe('ConfigMap');
  });

  test('apiVersion, args and env render in kubelet field order', () => {
    const { configMap, plugin } = synth({}, [{
      name: 'gcp-credential-provider',
      matchImages: ['gcr.io', '*.gcr.io', '*.pkg.dev'],
      defaultCacheDuration: Duration.seconds(90),
      apiVersion: CredentialProviderApiVersion.V1BETA1,
      args: ['get-credentials', '--v=3'],
      env: [{ name: 'A', value: '1' }, { name: 'B', value: '' }],
    }]);
    expect(plugin.providers[0]).toEqual({
      name: 'gcp-credential-provider',
      matchImages: ['gcr.io', '*.gcr.io', '*.pkg.dev'],
      defaultCacheDuration: '1m30s',
      apiVersion: 'credentialprovider.kubelet.k8s.io/v1beta1',
      args: ['get-credentials', '--v=3'],
      env: [{ name: 'A', value: '1' }, { name: 'B', value: '' }],
    });
    expect(Object.keys(plugin.providers[0])).toEqual(['name', 'matchImages', 'defaultCacheDuration', 'apiVersion', 'args', 'env']);
    // values that look like numbers stay strings in the YAML
    expect(configMap.data[KEY]).toContain('value: "1"');
  });

  test('the three API versions', () => {
    expect(Object.values(CredentialProviderApiVersion)).toEqual([
      'credentialprovider.kubelet.k8s.io/v1',
      'credentialprovider.kubelet.k8s.io/v1beta1',
      'credentialprovider.kubelet.k8s.io/v1alpha1',
    ]);
    const { plugin } = synth({}, [{ ...ECR, apiVersion: CredentialProviderApiVersion.V1ALPHA1 }]);
    expect(plugin.providers[0].apiVersion).toBe('credentialprovider.kubelet.k8s.io/v1alpha1');
  });

  test('a zero cache duration renders as 0s', () => {
    const { plugin } = synth({}, [{ ...ECR, defaultCacheDuration: Duration.seconds(0) }]);
    expect(plugin.providers[0].defaultCacheDuration).toBe('0s');
  });

  test('addProvider() after construction reaches the output, in order', () => {
    const chart = new Chart(Testing.app(), 'c');
    const config = new CredentialProviderConfig(chart, 'cp', { providers: [ECR] });
    config.addProvider({ name: 'acr-credential-provider', matchImages: ['*.azurecr.io'], defaultCacheDuration: Duration.hours(1) });
    const plugin = parse(Testing.synth(chart)[0].data[KEY]);
    expect(plugin.providers.map((p: any) => p.name)).toEqual(['ecr-credential-provider', 'acr-credential-provider']);
    expect(config.providers.map(p => p.name)).toEqual(['ecr-credential-provider', 'acr-credential-provider']);
  });

  test('later changes to the caller\'s arrays do not leak in', () => {
    const matchImages = ['a.example.com'];
    const chart = new Chart(Testing.app(), 'c');
    const config = new CredentialProviderConfig(chart, 'cp', { providers: [{ name: 'p', matchImages, defaultCacheDuration: Duration.hours(1) }] });
    matchImages.push('b.example.com');
    config.providers[0].matchImages.push('c.example.com');
    expect(parse(Testing.synth(chart)[0].data[KEY]).providers[0].matchImages).toEqual(['a.example.com']);
  });

  test('escape hatch: a JsonPatch on the ConfigMap is applied', () => {
    const chart = new Chart(Testing.app(), 'c');
    const config = new CredentialProviderConfig(chart, 'cp', { providers: [ECR] });
    config.configMap.addJsonPatch(JsonPatch.add('/metadata/labels', { team: 'platform' }));
    expect(Testing.synth(chart)[0].metadata.labels).toEqual({ team: 'platform' });
  });
});

describe('CredentialProviderConfig: bad input', () => {
  function errorOf(fn: () => void): string {
    try {
      fn();
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error('expected an error');
  }
  const add = (p: Partial<CredentialProvider>) => () => synth({}, [{ ...ECR, ...p } as CredentialProvider]);

  test('no provider fails synth with a validation naming the fix', () => {
    const app = new App({ outdir: Testing.app().outdir });
    const chart = new Chart(app, 'c');
    new CredentialProviderConfig(chart, 'cp');
    expect(() => app.synthYaml()).toThrow(/\[c\/cp\] providers is empty; kruise-daemon needs at least one credential provider: pass props\.providers or call addProvider\(\)/);
  });

  test('with a provider, App synth passes', () => {
    const app = new App({ outdir: Testing.app().outdir });
    const chart = new Chart(app, 'c');
    new CredentialProviderConfig(chart, 'cp', { providers: [ECR] });
    expect(app.synthYaml()).toContain('kind: ConfigMap');
  });

  test('a duplicate provider name throws, naming path, value and fix', () => {
    const chart = new Chart(Testing.app(), 'c');
    const config = new CredentialProviderConfig(chart, 'cp', { providers: [ECR] });
    expect(errorOf(() => config.addProvider({ ...ECR, matchImages: ['x.example.com'] })))
      .toBe('c/cp: providers[].name "ecr-credential-provider": is already configured; add each provider once; give its matchImages in a single entry');
    expect(() => synth({ providers: [ECR, ECR] })).toThrow(/already configured/);
  });

  test.each([
    ['with a slash', 'bin/ecr'],
    ['with a space', 'ecr provider'],
    ['.', '.'],
    ['..', '..'],
    ['empty', ''],
  ])('a provider name %s is rejected', (_n, name) => {
    const msg = errorOf(add({ name }));
    expect(msg).toContain('c/cp: providers[].name');
    expect(msg).toContain(`${JSON.stringify(name)}: is not a valid plugin name; use the plugin executable's file name`);
  });

  test('empty matchImages is rejected', () => {
    expect(errorOf(add({ matchImages: [] }))).toBe("c/cp: providers['ecr-credential-provider'].matchImages []: is empty; give at least one image pattern, e.g. '*.dkr.ecr.*.amazonaws.com'");
  });

  test('bad matchImages entries are rejected', () => {
    expect(errorOf(add({ matchImages: ['a b'] }))).toContain('matchImages entry "a b": is not an image pattern');
    expect(errorOf(add({ matchImages: [''] }))).toContain('matchImages entry "": is not an image pattern');
    expect(errorOf(add({ matchImages: ['https://registry.example.com'] }))).toContain("has a URL scheme; drop the scheme, e.g. 'registry.example.com'");
    expect(errorOf(add({ matchImages: ['a.io', 'a.io'] }))).toContain('matchImages entry "a.io": is listed twice');
  });

  test('a missing cache duration is rejected', () => {
    expect(errorOf(add({ defaultCacheDuration: undefined }))).toContain("providers['ecr-credential-provider'].defaultCacheDuration null: is not a Duration; use a cdk8s Duration, e.g. Duration.hours(12)");
  });

  test('an unknown apiVersion is rejected', () => {
    expect(errorOf(add({ apiVersion: 'credentialprovider.kubelet.k8s.io/v2' as CredentialProviderApiVersion })))
      .toContain('.apiVersion "credentialprovider.kubelet.k8s.io/v2": is not a credential provider API version; use one of credentialprovider.kubelet.k8s.io/v1,');
  });

  test('bad or duplicate env vars are rejected', () => {
    expect(errorOf(add({ env: [{ name: '1ABC', value: 'x' }] }))).toContain('env[].name "1ABC": is not a valid environment variable name');
    expect(errorOf(add({ env: [{ name: 'A', value: 'x' }, { name: 'A', value: 'y' }] }))).toContain('env[].name "A": is set twice; set each variable once');
    expect(errorOf(add({ env: [{ name: 'A', value: 1 as unknown as string }] }))).toContain("env['A'].value 1: is not a string");
  });

  test('bad names and namespaces of the ConfigMap are rejected', () => {
    expect(errorOf(() => synth({ configMapName: 'Credential_Config' }))).toMatch(/^c\/cp: props\.configMapName "Credential_Config": is not a valid ConfigMap name; use lowercase letters/);
    expect(errorOf(() => synth({ namespace: 'kruise.system' }))).toMatch(/^c\/cp: props\.namespace "kruise\.system": is not a valid namespace name; .*e\.g\. 'kruise-system'/);
  });
});

describe('loading', () => {
  test('the library loads the yaml package only when it writes a credential provider file', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { spawnSync } = require('child_process') as typeof import('child_process');
    const lib = require.resolve('../../lib');
    const script = [
      `const k = require(${JSON.stringify(lib)});`,
      "const { App, Chart } = require('cdk8s');",
      // The library's own yaml (cdk8s loads a copy of its own, nested under cdk8s).
      'const ownYaml = () => Object.keys(require.cache).some(f => /node_modules[\\\\/]yaml[\\\\/]/.test(f) && !/cdk8s[\\\\/]node_modules/.test(f));',
      'const atLoad = ownYaml();',
      "const app = new App(); const chart = new Chart(app, 'c');",
      "new k.Kruise(chart, 'kruise', { daemon: { credentialProvider: { pluginHostPath: '/etc/eks/image-credential-provider', providers: [{ name: 'p', matchImages: ['*.example.com'], defaultCacheDuration: require('cdk8s').Duration.hours(1) }] } } });",
      'app.synthYaml();',
      'process.stdout.write(JSON.stringify({ atLoad, afterSynth: ownYaml() }));',
    ].join('\n');
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', cwd: __dirname });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ atLoad: false, afterSynth: true });
  });
});
