import { ApiObject, ApiObjectProps, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';

/**
 * An `ApiObject` with a large body that holds plain data only (no tokens, no
 * `Lazy`), such as a CRD's spec. cdk8s resolves every value of an object on
 * each `toJson()`, which for the 17 CRDs (about 0.4 MB of YAML) is most of the
 * install's synthesis time. Here the body skips resolution: it is copied as
 * cdk8s would emit it (keys sorted unless `CDK8S_DISABLE_SORT` is set, null
 * and undefined values dropped), while metadata still goes through cdk8s and
 * JSON patches apply to the whole object, body included.
 *
 * @internal
 */
export class PlainBodyApiObject extends ApiObject {
  private readonly body: { [key: string]: any };
  private readonly ownPatches: JsonPatch[] = [];

  /** `body` is never changed nor handed out (each `toJson()` copies it), so it may be shared. */
  public constructor(scope: Construct, id: string, props: ApiObjectProps, body: { [key: string]: any }) {
    super(scope, id, props);
    this.body = body;
  }

  /** As `ApiObject.addJsonPatch`; the patches apply after the body is added. */
  public addJsonPatch(...ops: JsonPatch[]): void {
    this.ownPatches.push(...ops);
  }

  public toJson(): any {
    const head = super.toJson();
    // A fresh copy each time, as cdk8s gives: callers may change what they get.
    let json = { ...head, ...plain(this.body, !process.env.CDK8S_DISABLE_SORT) };
    if (this.ownPatches.length > 0) {
      try {
        json = JsonPatch.apply(json, ...this.ownPatches);
      } catch (e) {
        throw new Error(`Failed serializing construct at path '${this.node.path}' with name '${this.name}': ${e}`);
      }
    }
    // apiVersion, kind and metadata first, as cdk8s orders them.
    const ordered: any = {};
    for (const k of ['apiVersion', 'kind', 'metadata', ...Object.keys(json)]) {
      if (k in json) ordered[k] = json[k];
    }
    return ordered;
  }
}

/** cdk8s's sanitizing of plain data: sorted keys (optionally), no null or undefined values. */
function plain(value: any, sortKeys: boolean): any {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(v => plain(v, sortKeys));
  if (Object.getPrototypeOf(value) !== Object.prototype) {
    throw new Error(`internal: the plain body holds a non-plain ${value.constructor?.name ?? 'object'}`);
  }
  const out: any = {};
  const keys = sortKeys ? Object.keys(value).sort() : Object.keys(value);
  for (const k of keys) {
    const v = plain(value[k], sortKeys);
    if (v !== undefined) out[k] = v;
  }
  return out;
}
