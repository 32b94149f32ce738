/**
 * Container image references as Kruise parses them: `NormalizeImageRef`
 * (pkg/daemon/util) over docker/distribution v2.8 `reference.ParseNormalizedNamed`
 * and go-digest. Bottom layer: imports nothing.
 */

const ALNUM = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]+)';
const PATH_COMPONENT = `${ALNUM}(?:${SEPARATOR}${ALNUM})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^((?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)(?::(${TAG}))?(?:@(${DIGEST}))?$`);
/** go-digest's registered algorithms and their lowercase hex lengths. */
const DIGEST_LENGTHS: { [algorithm: string]: number } = { sha256: 64, sha384: 96, sha512: 128 };
/** The longest repository name, domain included (after normalisation). */
const NAME_TOTAL_LENGTH_MAX = 255;
const DEFAULT_DOMAIN = 'docker.io';

/** How to write an image reference: the fix of every error about one. */
export const IMAGE_REFERENCE_FIX = "write it like 'nginx:1.25', 'registry.example.com:5000/team/app:v1' or 'app@sha256:<64 hex>'";

/**
 * Why `image` is not a reference Kruise accepts, or undefined when it is one:
 * `[registry[:port]/]path[:tag][@algorithm:hex]`, the path lowercase, the name
 * (with the implied `docker.io/library/` where there is no registry) at most
 * 255 characters, a digest of a known algorithm in lowercase hex of its length.
 * A first path part counts as a registry only if it has a '.' or ':' or is
 * `localhost` (so `Team/app` is an uppercase path, not a registry).
 */
export function imageReferenceProblem(image: string): string | undefined {
  if (image.length === 0) return 'the image is empty';
  if (/^[a-f0-9]{64}$/.test(image)) return 'a 64-character hex string is an image ID, not a reference';
  const slash = image.indexOf('/');
  const first = slash === -1 ? '' : image.slice(0, slash);
  const hasDomain = slash !== -1 && (/[.:]/.test(first) || first === 'localhost');
  let domain = hasDomain ? first : DEFAULT_DOMAIN;
  const written = hasDomain ? image.slice(slash + 1) : image;
  if (domain === 'index.docker.io') domain = DEFAULT_DOMAIN;
  const remainder = domain === DEFAULT_DOMAIN && !written.includes('/') ? `library/${written}` : written;
  const colon = written.indexOf(':');
  const path = colon === -1 ? written : written.slice(0, colon);
  if (path.toLowerCase() !== path) return `the repository path '${path}' must be lowercase`;
  const normalized = `${domain}/${remainder}`;
  const m = REFERENCE.exec(normalized);
  if (!m) return 'it is not of the form [registry[:port]/]path[:tag][@algorithm:digest]';
  if (m[1].length > NAME_TOTAL_LENGTH_MAX) {
    const implied = Math.max(0, normalized.length - image.length);
    const writtenLength = m[1].length - implied;
    return writtenLength > NAME_TOTAL_LENGTH_MAX
      ? `the name is ${writtenLength} characters long; at most ${NAME_TOTAL_LENGTH_MAX} are allowed`
      : `with the implied '${normalized.slice(0, implied)}' the name is ${m[1].length} characters long; at most ${NAME_TOTAL_LENGTH_MAX} are allowed`;
  }
  if (m[3]) {
    const colonAt = m[3].indexOf(':');
    const algorithm = m[3].slice(0, colonAt);
    const hex = m[3].slice(colonAt + 1);
    const expected = DIGEST_LENGTHS[algorithm];
    if (expected === undefined) return `the digest algorithm '${algorithm}' is not supported (use sha256, sha384 or sha512)`;
    if (hex.length !== expected) return `a ${algorithm} digest has ${expected} hex characters, not ${hex.length}`;
    if (!/^[a-f0-9]+$/.test(hex)) return `a ${algorithm} digest is lowercase hex`;
  }
  return undefined;
}
