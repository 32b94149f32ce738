import { Construct } from 'constructs';
import { escapeControls, maskUserinfo, showValue } from '../base/show-value';
import { invalid } from '../validation/errors';
import { KruiseVersion } from '../version';

/** When the kubelet pulls an image (`imagePullPolicy`). */
export enum ImagePullPolicy {
  /** Pull on every pod start (the chart's hard-coded policy). */
  ALWAYS = 'Always',
  /** Pull only when the node does not have the image. */
  IF_NOT_PRESENT = 'IfNotPresent',
  /** Never pull; the image must be on the node. */
  NEVER = 'Never',
}

/** Options of the kruise-manager image, as given to `Kruise` (the version comes from the install). */
export interface KruiseImageOptions {
  /**
   * The image repository, with or without a registry host.
   * Chart value `manager.image.repository`.
   * @default 'openkruise/kruise-manager'
   */
  readonly repository?: string;

  /**
   * The image tag. Exclusive with `digest`.
   * Chart value `manager.image.tag`.
   * @default - the version's pinned tag (`v1.7.5` for KruiseVersion.V1_7), unless `digest` is set
   */
  readonly tag?: string;

  /**
   * Pin the image by digest (`sha256:<64 hex>`) instead of a tag. Exclusive with `tag`.
   * Not a chart value (the chart can only set a tag).
   * @default - pinned by tag
   */
  readonly digest?: string;

  /**
   * A registry (optionally with a path) that replaces the registry of `repository`,
   * for air-gapped clusters and pull-through caches.
   *
   * The rule: the registry of a repository is its first `/`-separated part when that
   * part contains a `.` or a `:` or is `localhost`; otherwise the image is on Docker Hub
   * and has no registry part (a one-part name such as `busybox` is `library/busybox`
   * there). The mirror replaces the registry part, or is prefixed when there is none:
   * `openkruise/kruise-manager` with mirror `mirror.example.com/dockerhub` becomes
   * `mirror.example.com/dockerhub/openkruise/kruise-manager`;
   * `ghcr.io/acme/kruise-manager` with mirror `mirror.example.com` becomes
   * `mirror.example.com/acme/kruise-manager`.
   *
   * Not a chart value (the chart needs the full repository in `manager.image.repository`).
   * @default - no mirror
   */
  readonly registryMirror?: string;

  /**
   * The pull policy of the manager and daemon containers.
   * Not a chart value: chart 1.7.5 hard-codes `Always`.
   * @default ImagePullPolicy.ALWAYS
   */
  readonly pullPolicy?: ImagePullPolicy;

  /**
   * Names of Secrets (docker-registry type, in the Kruise namespace) to pull the image with.
   * Chart value `imagePullSecrets` (as `[{ name }]`).
   * @default - none
   */
  readonly pullSecrets?: string[];
}

/** Props of {@link KruiseImage}. */
export interface KruiseImageProps extends KruiseImageOptions {
  /**
   * The Kruise release whose image tag is the default.
   * @default KruiseVersion.V1_7
   */
  readonly version?: KruiseVersion;
}

const DEFAULT_REPOSITORY = 'openkruise/kruise-manager';
const REGISTRY = /^(?:localhost|[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*)(?::[0-9]+)?$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$|^sha512:[a-f0-9]{128}$/;

/**
 * The kruise-manager runtime image. One image runs both kruise-manager (the
 * Deployment) and kruise-daemon (the DaemonSet), so both take it from here.
 * Emits nothing itself.
 *
 * @see https://openkruise.io/docs/installation
 */
export class KruiseImage extends Construct {
  /** The repository as given (or the default). */
  public readonly repository: string;
  /**
   * The tag.
   * @default - undefined when pinned by digest
   */
  public readonly tag?: string;
  /**
   * The digest.
   * @default - undefined when pinned by tag
   */
  public readonly digest?: string;
  /** The full image reference containers use, e.g. `openkruise/kruise-manager:v1.7.5`. */
  public readonly reference: string;
  /** The pull policy. */
  public readonly pullPolicy: ImagePullPolicy;
  /** The names of the image pull Secrets. */
  public readonly pullSecrets: string[];

  public constructor(scope: Construct, id: string, props: KruiseImageProps = {}) {
    super(scope, id);
    const where = this.node.path;
    const version = props.version ?? KruiseVersion.V1_7;

    this.repository = props.repository ?? DEFAULT_REPOSITORY;
    const { registry, path } = splitRepository(where, this.repository);

    if (props.tag !== undefined && props.digest !== undefined) {
      throw invalid(where, 'tag', props.tag, `is set together with digest ${showValue(props.digest)}`, 'set one of them (a digest pins the image exactly, a tag is readable)');
    }
    const tagProblem = props.tag !== undefined ? imageTagProblem(props.tag, version.imageTag) : undefined;
    if (tagProblem) {
      throw invalid(where, 'tag', props.tag, tagProblem.problem, tagProblem.fix);
    }
    if (props.digest !== undefined && !DIGEST.test(props.digest)) {
      throw invalid(where, 'digest', props.digest, 'is not a valid digest', "use 'sha256:' followed by 64 lowercase hex digits");
    }
    this.digest = props.digest;
    this.tag = props.digest !== undefined ? undefined : props.tag ?? version.imageTag;

    let name = registry ? `${registry}/${path}` : path;
    if (props.registryMirror !== undefined) {
      const mirror = checkMirror(where, props.registryMirror);
      const hubPath = registry ? path : path.includes('/') ? path : `library/${path}`;
      name = `${mirror}/${hubPath}`;
    }
    this.reference = this.digest !== undefined ? `${name}@${this.digest}` : `${name}:${this.tag}`;

    this.pullPolicy = props.pullPolicy ?? ImagePullPolicy.ALWAYS;
    if (!Object.values(ImagePullPolicy).includes(this.pullPolicy)) {
      throw invalid(where, 'pullPolicy', this.pullPolicy, 'is not a pull policy', 'use ImagePullPolicy.ALWAYS, IF_NOT_PRESENT or NEVER');
    }

    this.pullSecrets = [];
    for (const s of props.pullSecrets ?? []) {
      if (typeof s !== 'string' || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(s) || s.length > 253) {
        throw invalid(where, 'pullSecrets entry', s, 'is not a Secret name', "use a lowercase DNS name such as 'regcred'");
      }
      if (this.pullSecrets.includes(s)) {
        throw invalid(where, 'pullSecrets entry', s, 'is listed twice', 'list each Secret once');
      }
      this.pullSecrets.push(s);
    }
  }

  /** The registry host the reference points at (`docker.io` for Docker Hub images). */
  public get registry(): string {
    const first = this.reference.split('/')[0];
    return this.reference.includes('/') && isRegistry(first) ? first : 'docker.io';
  }

  /** @internal the pod spec's `imagePullSecrets`, or undefined when there are none. */
  public _imagePullSecrets(): Array<{ name: string }> | undefined {
    return this.pullSecrets.length > 0 ? this.pullSecrets.map(name => ({ name })) : undefined;
  }
}

function isRegistry(part: string): boolean {
  return part === 'localhost' || part.includes('.') || part.includes(':');
}

const REPOSITORY_FIX = `use [registry/]path such as '${DEFAULT_REPOSITORY}' or 'registry.example.com/mirror/kruise-manager', without a tag or digest (set tag or digest separately)`;

/**
 * Why `repository` is not an image repository (`[registry[:port]/]path`, no
 * tag or digest, at most 255 characters), or undefined.
 */
export function imageRepositoryProblem(repository: string): { problem: string; fix: string } | undefined {
  if (typeof repository !== 'string' || repository === '') return { problem: 'is empty', fix: REPOSITORY_FIX };
  const parts = repository.split('/');
  const registry = parts.length > 1 && isRegistry(parts[0]) ? parts.shift() : undefined;
  if (registry !== undefined && !REGISTRY.test(registry)) return { problem: `has an invalid registry '${maskUserinfo(registry)}'`, fix: registry.includes('@') ? `${REPOSITORY_FIX}; credentials never go into an image reference (use pull secrets)` : REPOSITORY_FIX };
  for (const p of parts) {
    if (!PATH_COMPONENT.test(p)) return { problem: `is not a valid repository (part '${p}')`, fix: REPOSITORY_FIX };
  }
  if (repository.length > 255) return { problem: `is ${repository.length} characters long`, fix: 'use at most 255 characters' };
  return undefined;
}

/** Why `tag` is not an image tag, or undefined. */
export function imageTagProblem(tag: string, example: string): { problem: string; fix: string } | undefined {
  return typeof tag === 'string' && TAG.test(tag) ? undefined : {
    problem: 'is not a valid tag',
    fix: `use letters, digits, '_', '.' and '-' (at most 128 characters, not starting with '.' or '-'), e.g. '${example}'`,
  };
}

function splitRepository(where: string, repository: string): { registry?: string; path: string } {
  const p = imageRepositoryProblem(repository);
  if (p) {
    throw invalid(where, 'repository', repository, p.problem, p.fix);
  }
  const parts = repository.split('/');
  const registry = parts.length > 1 && isRegistry(parts[0]) ? parts.shift() : undefined;
  return { registry, path: parts.join('/') };
}

function checkMirror(where: string, mirror: string): string {
  const m = typeof mirror === 'string' ? mirror.replace(/\/+$/, '') : mirror;
  const fix = 'give a registry host with an optional path and no scheme, e.g. \'mirror.example.com/dockerhub\'';
  if (typeof m !== 'string' || m === '') {
    throw invalid(where, 'registryMirror', mirror, 'is empty', fix);
  }
  if (m.includes('://')) {
    throw invalid(where, 'registryMirror', mirror, 'has a URL scheme', `drop it, e.g. '${escapeControls(maskUserinfo(m.slice(m.indexOf('://') + 3)))}'`);
  }
  const [host, ...rest] = m.split('/');
  if (!REGISTRY.test(host) || !rest.every(p => PATH_COMPONENT.test(p))) {
    throw invalid(where, 'registryMirror', mirror, 'is not a registry', fix);
  }
  return m;
}
