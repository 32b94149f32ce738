/**
 * A Kruise release line this library can install and validate against.
 *
 * An open set: use the constants; `of()` looks one up by its `major.minor`.
 */
export class KruiseVersion {
  /** OpenKruise 1.7 (chart 1.7.5, image `kruise-manager:v1.7.5`). */
  public static readonly V1_7 = new KruiseVersion('1.7', '1.7.5', 'v1.7.5');

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
    return [KruiseVersion.V1_7];
  }

  private constructor(
    /** The release line, `major.minor`. */
    public readonly version: string,
    /** The Helm chart version whose manifests this line reproduces. */
    public readonly chartVersion: string,
    /** The kruise-manager image tag pinned for this line. */
    public readonly imageTag: string,
  ) {}
}
