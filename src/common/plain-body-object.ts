import { ApiObject, ApiObjectMetadataDefinition, ApiObjectProps, App, ImplicitTokenResolver, JsonPatch, LazyResolver, NumberStringUnionResolver, resolve } from 'cdk8s';
import { Construct } from 'constructs';
import { metadataFields } from './cdk8s-internals';
import { isJsonObject, JsonObject } from '../base/json';
import { isCheckedPlain } from '../validation/object-checks';

/** The body of a PlainBodyApiObject: fields besides apiVersion, kind and metadata. */
type Body = { [key: string]: unknown };

/**
 * What renders the body of a PlainBodyApiObject on each `toJson()`: the
 * construct that owns the object, so that an app holds no closure per object.
 * @internal
 */
export interface BodyRenderer {
  /**
   * The body, rendered now.
   * @internal
   */
  _renderBody(): { [key: string]: unknown };
}

/**
 * An `ApiObject` whose body (the fields besides apiVersion, kind and metadata:
 * a CRD's spec, a custom resource's spec) is plain data, given as a value or
 * rendered on each `toJson()` by a function or a {@link BodyRenderer}.
 *
 * cdk8s resolves every value of an object on each `toJson()`; for plain data
 * that is pure cost (most of synthesis for the 17 CRDs, and a large part for
 * each custom resource). Here the body is copied as cdk8s would emit it (keys
 * sorted unless `CDK8S_DISABLE_SORT` is set, null and undefined dropped) when
 * it holds plain data only and the app uses cdk8s's default resolvers, for
 * which plain data is a no-op. Otherwise (a token or `Lazy` inside, or custom
 * resolvers on the app) it goes through cdk8s's `resolve` as usual. Metadata
 * takes the same shortcut under the same conditions (see metadataJson), and
 * JSON patches apply to the whole object.
 * Without patches, a part of the body registered as checked plain data
 * (deep-frozen, sanitized at build time: the kruise-synth CRD specs, see
 * `addCheckedPlain`) is shared instead of copied.
 *
 * @internal
 */
export class PlainBodyApiObject extends ApiObject {
  private readonly body: Body | (() => Body) | BodyRenderer;
  /** The patches added with addJsonPatch(), made by the first (most objects have none). */
  private ownPatches?: JsonPatch[];
  private defaultResolvers?: boolean;

  /**
   * `props` holds apiVersion, kind and metadata only; everything else goes in
   * `body`. A body given as a value is never changed nor handed out (each
   * `toJson()` copies it), so it may be shared.
   */
  public constructor(scope: Construct, id: string, props: ApiObjectProps, body: Body | (() => Body) | BodyRenderer) {
    super(scope, id, props);
    const extra = Object.keys(props).filter(k => k !== 'apiVersion' && k !== 'kind' && k !== 'metadata');
    if (extra.length > 0) throw new Error(`internal: PlainBodyApiObject takes ${extra.join(', ')} in its body, not in its props`);
    this.body = body;
  }

  /** The body now: the value given, or what the function or renderer given makes. */
  private currentBody(): Body {
    const body = this.body;
    if (typeof body === 'function') return body();
    // A body given as a value is plain data, which has no functions: a function here is a renderer's.
    return typeof body._renderBody === 'function' ? (body as BodyRenderer)._renderBody() : body as Body;
  }

  /** As `ApiObject.addJsonPatch`; the patches apply after the body is added. */
  public addJsonPatch(...ops: JsonPatch[]): void {
    (this.ownPatches ??= []).push(...ops);
  }

  /** Whether the object's app resolves with cdk8s's default resolvers only; asked once (an object's app, and its resolvers, are fixed). */
  private hasDefaultResolvers(): boolean {
    return this.defaultResolvers ??= onlyDefaultResolvers(this);
  }

  /**
   * `metadata.toJson()` for metadata that resolves against this object (its
   * own, or a pod template's): the same JSON, without cdk8s's per-value
   * resolution when the app has the default resolvers and the metadata holds
   * plain data (see metadataJson).
   */
  public renderMetadata(metadata: ApiObjectMetadataDefinition): unknown {
    return this.hasDefaultResolvers() ? metadataJson(metadata) : metadata.toJson();
  }

  public toJson(): JsonObject {
    const defaultResolvers = this.hasDefaultResolvers();
    const resolvedHead = defaultResolvers ? undefined : super.toJson(); // wraps its own errors
    try {
      // With the default resolvers, resolving again the metadata cdk8s resolved changes nothing.
      const metadata = resolvedHead ? undefined : this.renderMetadata(this.metadata);
      const sortKeys = !process.env.CDK8S_DISABLE_SORT;
      const source = this.currentBody();
      // Without patches, plain data checked and frozen at build time is shared, not copied.
      const patches = this.ownPatches ?? NO_PATCHES;
      const share = patches.length === 0;
      let body = defaultResolvers ? plain(source, sortKeys, false, share) : NOT_PLAIN;
      if (body === NOT_PLAIN) body = plain(resolve([], source, this), sortKeys, true, false);
      // A fresh object each time, as cdk8s gives: callers may change what they get.
      // apiVersion, kind and metadata come first, as cdk8s orders them. The head is
      // written out, not spread: once such a site has seen a few shapes, V8 gives each
      // object a literal makes from a spread of another its own hidden class (a map, its
      // descriptors and key cache: about 300 bytes for each object of an app).
      const rest = isJsonObject(body) ? body : {};
      const json: JsonObject = resolvedHead
        ? { ...resolvedHead, ...rest }
        : { apiVersion: this.apiVersion, kind: this.kind, metadata, ...rest };
      if (patches.length === 0) return json;
      const patched: JsonObject = JsonPatch.apply(json, ...patches);
      const ordered: JsonObject = {};
      for (const k of ['apiVersion', 'kind', 'metadata', ...Object.keys(patched)]) {
        if (k in patched) ordered[k] = patched[k];
      }
      return ordered;
    } catch (e) {
      throw new Error(`Failed serializing construct at path '${this.node.path}' with name '${this.name}': ${e}`);
    }
  }
}

/** The patches of an object without any (shared: toJson() runs for every object of every synthesis). */
const NO_PATCHES: ReadonlyArray<JsonPatch> = [];

/** Returned by plain() for data that needs cdk8s's resolution. */
const NOT_PLAIN = Symbol('not plain');

const DEFAULT_RESOLVERS = [LazyResolver, ImplicitTokenResolver, NumberStringUnionResolver];

/**
 * `metadata.toJson()` for metadata of an object whose app has the default resolvers:
 * when the metadata holds plain data only, its fields are sanitized here as
 * cdk8s sanitizes them (empty maps and lists dropped, keys always sorted)
 * without cdk8s's per-value resolution, a no-op on plain data. Otherwise (a
 * `Lazy` or token in a label, say) cdk8s renders it.
 */
function metadataJson(metadata: ApiObjectMetadataDefinition): unknown {
  const fields = metadataFields(metadata);
  const json = fields === undefined ? NOT_PLAIN : sanitizedMetadata(fields);
  return json === NOT_PLAIN ? metadata.toJson() : json;
}

/**
 * cdk8s's `sanitizeValue` with the options its metadata uses (empty lists and
 * maps dropped, at any depth; list items kept in place even when they come out
 * empty; keys sorted) for plain data; NOT_PLAIN for anything else.
 */
function sanitizedMetadata(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean') return value;
  if (type !== 'object') return NOT_PLAIN;
  if (Array.isArray(value)) {
    if (value.length === 0) return undefined;
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) return NOT_PLAIN; // a sparse list: left to cdk8s
      const v = sanitizedMetadata(value[i]);
      if (v === NOT_PLAIN) return NOT_PLAIN;
      out[i] = v;
    }
    return out;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return NOT_PLAIN;
  const object = value as JsonObject;
  const out: JsonObject = {};
  let empty = true;
  for (const k of sortedKeys(object)) {
    // cdk8s's copy takes `__proto__` as the prototype, and it fails on a map
    // with a `constructor` key (it reads that as the map's class): its way.
    if (k === '__proto__' || k === 'constructor') return NOT_PLAIN;
    const v = sanitizedMetadata(object[k]);
    if (v === NOT_PLAIN) return NOT_PLAIN;
    if (v !== undefined) {
      out[k] = v;
      empty = false;
    }
  }
  return empty ? undefined : out;
}

/** Whether the object's app resolves with cdk8s's built-in resolvers only (a no-op on plain data). */
function onlyDefaultResolvers(obj: ApiObject): boolean {
  const resolvers = App.of(obj).resolvers;
  return resolvers.length === DEFAULT_RESOLVERS.length && resolvers.every((r, i) => r.constructor === DEFAULT_RESOLVERS[i]);
}

/**
 * cdk8s's sanitizing of plain data, with sorted keys, for data made at build
 * time (the precomputed CRDs): throws on anything but plain data.
 * @internal
 */
export function sortedPlainData(value: unknown): unknown {
  return plain(value, true, true, false);
}

/**
 * cdk8s's sanitizing of plain data: a copy with sorted keys (optionally) and
 * no null or undefined values. A value that is not plain data (a class
 * instance, a function) gives NOT_PLAIN, or with `strict` the error cdk8s gives.
 * With `share`, an object registered as checked plain data (deep-frozen, made
 * at build time already sanitized with sorted keys) is returned as it is.
 */
function plain(value: unknown, sortKeys: boolean, strict: boolean, share: boolean): unknown {
  if (value === null || value === undefined) return undefined;
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean') return value;
  if (type !== 'object') {
    if (strict) return value; // cdk8s passes other primitives through as they are
    return NOT_PLAIN;
  }
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const v = plain(value[i], sortKeys, strict, share);
      if (v === NOT_PLAIN) return NOT_PLAIN;
      out[i] = v;
    }
    return out;
  }
  if (value === null || Object.getPrototypeOf(value) !== Object.prototype) {
    if (strict) throw new Error(`can't render non-simple object of type '${(value as object | null)?.constructor?.name}'`);
    return NOT_PLAIN;
  }
  if (share && sortKeys && isCheckedPlain(value)) return value;
  const object = value as JsonObject; // a plain object: its prototype is Object.prototype
  const out: JsonObject = {};
  const keys = sortKeys ? sortedKeys(object) : Object.keys(object);
  for (const k of keys) {
    const v = plain(object[k], sortKeys, strict, share);
    if (v === NOT_PLAIN) return NOT_PLAIN;
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/**
 * The keys of `object` in the order `Object.keys(object).sort()` gives (UTF-16
 * code units). A manifest's maps are small, and an insertion sort in the keys'
 * own array allocates nothing, where `sort()` takes a work array each time.
 */
function sortedKeys(object: JsonObject): string[] {
  const keys = Object.keys(object);
  if (keys.length > 16) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const k = keys[i];
    let j = i - 1;
    while (j >= 0 && keys[j] > k) {
      keys[j + 1] = keys[j];
      j--;
    }
    keys[j + 1] = k;
  }
  return keys;
}
