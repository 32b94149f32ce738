import { ApiObject, Duration, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { checkNamespace } from './checks';
import { goDuration } from '../base/go-duration';
import { isDns1123Subdomain, SUBDOMAIN_RULE } from '../base/names';
import { invalid } from '../validation/errors';

const DEFAULT_CONFIG_MAP_NAME = 'credential-provider-config';

/**
 * The API version of the exec-plugin protocol a credential provider speaks
 * (`providers[].apiVersion`): the kubelet's CredentialProviderRequest/Response version.
 *
 * @see https://kubernetes.io/docs/reference/config-api/kubelet-credentialprovider.v1/
 */
export enum CredentialProviderApiVersion {
  /** `credentialprovider.kubelet.k8s.io/v1` (GA since Kubernetes 1.26). */
  V1 = 'credentialprovider.kubelet.k8s.io/v1',
  /** `credentialprovider.kubelet.k8s.io/v1beta1`. */
  V1BETA1 = 'credentialprovider.kubelet.k8s.io/v1beta1',
  /** `credentialprovider.kubelet.k8s.io/v1alpha1`. */
  V1ALPHA1 = 'credentialprovider.kubelet.k8s.io/v1alpha1',
}

/** An environment variable passed to a credential provider plugin. */
export interface CredentialProviderEnvVar {
  /** The variable's name, e.g. `AWS_PROFILE`. */
  readonly name: string;
  /** The variable's value. */
  readonly value: string;
}

/**
 * One credential provider plugin: an entry of the kubelet `CredentialProviderConfig`
 * `providers` list, which kruise-daemon reads to pull images for ImagePullJobs.
 *
 * @see https://kubernetes.io/docs/reference/config-api/kubelet-config.v1/#kubelet-config-k8s-io-v1-CredentialProvider
 */
export interface CredentialProvider {
  /**
   * The plugin's name: the name of its executable in the plugin directory
   * (chart value `daemon.credentialProvider.hostPath`), e.g. `ecr-credential-provider`.
   */
  readonly name: string;

  /**
   * Image patterns the plugin is run for, matched against the image's registry host
   * (wildcards per domain part, optional port and path), e.g. `*.dkr.ecr.*.amazonaws.com`.
   * At least one.
   */
  readonly matchImages: string[];

  /**
   * How long to cache the credentials when the plugin's response gives no cache duration.
   * Rendered as a Go duration, e.g. `Duration.hours(12)` as `12h`.
   */
  readonly defaultCacheDuration: Duration;

  /**
   * The exec-plugin protocol version the plugin speaks.
   *
   * @default CredentialProviderApiVersion.V1
   */
  readonly apiVersion?: CredentialProviderApiVersion;

  /**
   * Arguments passed to the plugin's executable.
   *
   * @default - none
   */
  readonly args?: string[];

  /**
   * Environment variables for the plugin's process.
   *
   * @default - none
   */
  readonly env?: CredentialProviderEnvVar[];
}

/** Props of {@link CredentialProviderConfig}. */
export interface CredentialProviderConfigProps {
  /**
   * The ConfigMap's name. kruise-daemon mounts the ConfigMap named by chart value
   * `daemon.credentialProvider.configmap`; the two must match.
   *
   * @default 'credential-provider-config'
   */
  readonly configMapName?: string;

  /**
   * The Kruise namespace (chart value `installation.namespace`).
   *
   * @default 'kruise-system'
   */
  readonly namespace?: string;

  /**
   * The plugins. More can be added with `addProvider()`; at least one is needed by synth.
   *
   * @default - none yet
   */
  readonly providers?: CredentialProvider[];
}

/**
 * The ConfigMap (default `credential-provider-config`) holding the kubelet-format
 * `CredentialProviderConfig` (kubelet.config.k8s.io/v1) under the key
 * `CredentialProviderPlugin.yaml`, from which kruise-daemon learns which credential
 * provider plugins to run when it pulls images for ImagePullJobs (Kruise 1.7).
 *
 * kruise-daemon reads the file `/credential-provider-config/CredentialProviderPlugin.yaml`
 * (flag `--plugin-config-file`), so the data key is fixed. The daemon side (mounting this
 * ConfigMap and the plugin directory) is the install's job (chart values
 * `daemon.credentialProvider.*`).
 *
 * @see https://openkruise.io/blog/openkruise-1.7
 * @see https://kubernetes.io/docs/tasks/administer-cluster/kubelet-credential-provider/
 */
export class CredentialProviderConfig extends Construct {
  /** The ConfigMap data key kruise-daemon reads. */
  public static readonly DATA_KEY = 'CredentialProviderPlugin.yaml';

  /** The ConfigMap's name. */
  public readonly configMapName: string;

  /** The Kruise namespace. */
  public readonly namespace: string;

  /** The emitted ConfigMap. */
  public readonly configMap: ApiObject;

  private readonly _providers: CredentialProvider[] = [];

  public constructor(scope: Construct, id: string, props: CredentialProviderConfigProps = {}) {
    super(scope, id);

    this.configMapName = props.configMapName ?? DEFAULT_CONFIG_MAP_NAME;
    if (!isDns1123Subdomain(this.configMapName)) {
      throw invalid(this, 'props.configMapName', this.configMapName, 'is not a valid ConfigMap name', `${SUBDOMAIN_RULE}, e.g. 'credential-provider-config'`);
    }
    this.namespace = checkNamespace(this, 'props.namespace', props.namespace);

    for (const p of props.providers ?? []) {
      this.addProvider(p);
    }

    this.configMap = new ApiObject(this, 'Resource', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: this.configMapName, namespace: this.namespace },
      data: Lazy.any({ produce: () => ({ [CredentialProviderConfig.DATA_KEY]: this.toYaml() }) }),
    });

    this.node.addValidation({
      validate: () => this._providers.length === 0
        ? ['providers is empty; kruise-daemon needs at least one credential provider: pass props.providers or call addProvider()']
        : [],
    });
  }

  /** The providers, in the order they were added. */
  public get providers(): CredentialProvider[] {
    return this._providers.map(p => ({
      ...p,
      matchImages: [...p.matchImages],
      args: p.args ? [...p.args] : undefined,
      env: p.env ? p.env.map(e => ({ ...e })) : undefined,
    }));
  }

  /**
   * Adds a credential provider plugin.
   *
   * @throws for a bad name, an empty or bad `matchImages`, a bad env var, or a name
   * already added
   */
  public addProvider(provider: CredentialProvider): void {
    const name = provider.name;
    const at = `providers['${name}']`;
    // The kubelet rejects '/', spaces, '.' and '..'; the name is an executable's file name.
    if (typeof name !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name) || name.length > 253) {
      throw invalid(this, 'providers[].name', name, 'is not a valid plugin name', 'use the plugin executable\'s file name: letters, digits, \'-\', \'_\' and \'.\', starting with a letter or digit, e.g. \'ecr-credential-provider\'');
    }
    if (this._providers.some(p => p.name === name)) {
      throw invalid(this, 'providers[].name', name, 'is already configured', 'add each provider once; give its matchImages in a single entry');
    }
    if (!Array.isArray(provider.matchImages) || provider.matchImages.length === 0) {
      throw invalid(this, `${at}.matchImages`, provider.matchImages ?? [], 'is empty', 'give at least one image pattern, e.g. \'*.dkr.ecr.*.amazonaws.com\'');
    }
    const seen = new Set<string>();
    for (const m of provider.matchImages) {
      if (typeof m !== 'string' || m.length === 0 || /\s/.test(m)) {
        throw invalid(this, `${at}.matchImages entry`, m, 'is not an image pattern', 'use a registry host pattern without spaces, e.g. \'*.dkr.ecr.*.amazonaws.com\' or \'registry.example.com:5000/team\'');
      }
      if (m.includes('://')) {
        throw invalid(this, `${at}.matchImages entry`, m, 'has a URL scheme', `drop the scheme, e.g. '${m.slice(m.indexOf('://') + 3)}'`);
      }
      if (seen.has(m)) {
        throw invalid(this, `${at}.matchImages entry`, m, 'is listed twice', 'list each pattern once');
      }
      seen.add(m);
    }
    if (!(provider.defaultCacheDuration instanceof Duration)) {
      throw invalid(this, `${at}.defaultCacheDuration`, provider.defaultCacheDuration ?? null, 'is not a Duration', 'use a cdk8s Duration, e.g. Duration.hours(12)');
    }
    if (provider.apiVersion !== undefined && !Object.values(CredentialProviderApiVersion).includes(provider.apiVersion)) {
      throw invalid(this, `${at}.apiVersion`, provider.apiVersion, 'is not a credential provider API version', `use one of ${Object.values(CredentialProviderApiVersion).join(', ')}`);
    }
    const envNames = new Set<string>();
    for (const e of provider.env ?? []) {
      if (typeof e?.name !== 'string' || !/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(e.name)) {
        throw invalid(this, `${at}.env[].name`, e?.name, 'is not a valid environment variable name', 'use letters, digits, \'_\', \'-\' and \'.\', not starting with a digit, e.g. \'AWS_PROFILE\'');
      }
      if (envNames.has(e.name)) {
        throw invalid(this, `${at}.env[].name`, e.name, 'is set twice', 'set each variable once');
      }
      if (typeof e.value !== 'string') {
        throw invalid(this, `${at}.env['${e.name}'].value`, e.value, 'is not a string', 'quote the value, e.g. \'temp\'');
      }
      envNames.add(e.name);
    }
    for (const a of provider.args ?? []) {
      if (typeof a !== 'string') {
        throw invalid(this, `${at}.args entry`, a, 'is not a string', 'pass each argument as a string');
      }
    }

    this._providers.push({
      name,
      matchImages: [...provider.matchImages],
      defaultCacheDuration: provider.defaultCacheDuration,
      apiVersion: provider.apiVersion,
      args: provider.args ? [...provider.args] : undefined,
      env: provider.env ? provider.env.map(e => ({ name: e.name, value: e.value })) : undefined,
    });
  }

  /**
   * The kubelet `CredentialProviderConfig` document stored under `CredentialProviderPlugin.yaml`,
   * as YAML. Keys come in the kubelet's field order (name, matchImages, defaultCacheDuration,
   * apiVersion, args, env), so the text is the same on every synth.
   */
  public toYaml(): string {
    const doc = {
      apiVersion: 'kubelet.config.k8s.io/v1',
      kind: 'CredentialProviderConfig',
      providers: this._providers.map(p => ({
        name: p.name,
        matchImages: [...p.matchImages],
        defaultCacheDuration: goDuration(p.defaultCacheDuration),
        apiVersion: p.apiVersion ?? CredentialProviderApiVersion.V1,
        ...(p.args && p.args.length > 0 ? { args: [...p.args] } : {}),
        ...(p.env && p.env.length > 0 ? { env: p.env.map(e => ({ name: e.name, value: e.value })) } : {}),
      })),
    };
    // yaml loads here, not with the library: only an install with credential providers writes this file.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { stringify }: typeof import('yaml') = require('yaml');
    return stringify(doc, { indentSeq: false, lineWidth: 0, sortMapEntries: false });
  }
}
