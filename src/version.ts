/**
 * A Kruise release line this library can install and validate against.
 *
 * An open set: use the constants; `of()` looks one up by its `major.minor`.
 */
export class KruiseVersion {
  /** OpenKruise 1.7 (chart 1.7.5, image `kruise-manager:v1.7.5`). */
  public static readonly V1_7 = new KruiseVersion('1.7', '1.7.5', 'v1.7.5');

  /**
   * OpenKruise 1.8 (chart 1.8.3, image `kruise-manager:v1.8.3`): written as a
   * delta over 1.7 (see docs/versions.md).
   */
  public static readonly V1_8 = new KruiseVersion('1.8', '1.8.3', 'v1.8.3');

  /** Every version this library knows, oldest first. */
  public static all(): KruiseVersion[] {
    return [...KruiseVersion.ALL];
  }

  /**
   * The version with the given `major.minor` (e.g. `1.7`).
   * @throws when this library does not know that version.
   */
  public static of(version: string): KruiseVersion {
    const found = KruiseVersion.ALL.find(v => v.version === version);
    if (!found) {
      throw new Error(`Kruise version '${version}' is not supported by cdk8s-openkruise; supported: ${KruiseVersion.ALL.map(v => v.version).join(', ')}`);
    }
    return found;
  }

  private static get ALL(): KruiseVersion[] {
    return [KruiseVersion.V1_7, KruiseVersion.V1_8];
  }

  private constructor(
    /** The release line, `major.minor`. */
    public readonly version: string,
    /** The Helm chart version whose manifests this line reproduces. */
    public readonly chartVersion: string,
    /** The kruise-manager image tag pinned for this line. */
    public readonly imageTag: string,
  ) {}

  /** Whether this version is `other` or later (`KruiseVersion.V1_8.atLeast(KruiseVersion.V1_7)` is true). */
  public atLeast(other: KruiseVersion): boolean {
    return compareLines(this.version, other.version) >= 0;
  }
}

function compareLines(a: string, b: string): number {
  const [am, an] = a.split('.').map(Number);
  const [bm, bn] = b.split('.').map(Number);
  return am !== bm ? am - bm : an - bn;
}
