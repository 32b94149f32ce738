/**
 * Faster equivalents of the `toJson_<Type>` functions `cdk8s import`
 * generates (the L1 types of cdk8s-plus's Kubernetes module, for one).
 *
 * Each generated function builds an object with every field of its type, then
 * drops the undefined ones with `Object.entries(...).reduce()` and a spread per
 * kept field: a new object for each field set, and an entry pair for each field
 * of the type. For a pod spec (about 40 fields, its containers about 25 each)
 * that is most of what rendering a workload costs. The functions follow a
 * handful of line shapes (a field as is, a nested type, a list of either, a
 * map, an int-or-string or quantity's `.value`, a date); this module reads
 * each function's own source text (`Function.prototype.toString`, so always
 * the installed version's) into a table of its fields, and converts from that
 * table without the intermediate objects.
 *
 * Exactly the generated function's result, or the generated function itself:
 * a function whose source has another shape (the recursive JSON schema type
 * of CRDs, code rewritten by a bundler) gets no table, and a value the table
 * does not cover the way the generated code does (null where an object is
 * read, a sparse list, a `__proto__` key) is handed to the generated function,
 * which gives its own result or throws its own error.
 */

/** How one field is converted, one per line shape of the generated code. */
export enum Shape {
  /** `obj.f`: the value as it is (null kept). */
  PLAIN,
  /** `toJson_T(obj.f)`. */
  STRUCT,
  /** `obj.f?.map(y => toJson_T(y))`. */
  STRUCTS,
  /** `obj.f?.map(y => y)`. */
  LIST,
  /** `obj.f?.value` (int-or-string, quantity). */
  VALUE,
  /** `obj.f?.toISOString()`. */
  DATE,
  /** A map of values as they are. */
  MAP,
  /** A map of `?.value`. */
  MAP_VALUE,
  /** A map of `toJson_T(v)`. */
  MAP_STRUCT,
  /** A map of `v?.map(y => y)`. */
  MAP_LIST,
}

export interface L1Field {
  /** The key in the JSON. */
  readonly json: string;
  /** The property of the L1 object. */
  readonly prop: string;
  readonly shape: Shape;
  /** The nested type's fields (STRUCT, STRUCTS, MAP_STRUCT). */
  readonly type?: L1Field[];
}

/** The generated functions of one module, by type name (`toJson_<Type>`). */
export type L1Module = { readonly [name: string]: unknown };

const ID = '[A-Za-z0-9_$]+';
/** `((obj.f) === undefined) ? undefined : (Object.entries(obj.f).reduce((r, i) => (i[1] === undefined) ? r : ({ ...r, [i[0]]: <item> }), {}))` */
const mapLine = (item: string) => new RegExp(
  `^\\(\\(obj\\.(${ID})\\) === undefined\\) \\? undefined : \\(Object\\.entries\\(obj\\.\\1\\)\\.reduce\\(\\(r, i\\) => `
  + `\\(i\\[1\\] === undefined\\) \\? r : \\(\\{ \\.\\.\\.r, \\[i\\[0\\]\\]: ${item} \\}\\), \\{\\}\\)\\)$`);

/** Each line shape: its pattern, capturing the property (group 1 unless `propGroup` says) and, for a nested type, the type's name (`typeGroup`). */
const LINE_SHAPES: ReadonlyArray<{ readonly shape: Shape; readonly pattern: RegExp; readonly propGroup?: number; readonly typeGroup?: number }> = [
  { shape: Shape.PLAIN, pattern: new RegExp(`^obj\\.(${ID})$`) },
  { shape: Shape.STRUCT, pattern: new RegExp(`^toJson_(${ID})\\(obj\\.(${ID})\\)$`), typeGroup: 1, propGroup: 2 },
  { shape: Shape.STRUCTS, pattern: new RegExp(`^obj\\.(${ID})\\?\\.map\\(y => toJson_(${ID})\\(y\\)\\)$`), typeGroup: 2 },
  { shape: Shape.LIST, pattern: new RegExp(`^obj\\.(${ID})\\?\\.map\\(y => y\\)$`) },
  { shape: Shape.VALUE, pattern: new RegExp(`^obj\\.(${ID})\\?\\.value$`) },
  { shape: Shape.DATE, pattern: new RegExp(`^obj\\.(${ID})\\?\\.toISOString\\(\\)$`) },
  { shape: Shape.MAP, pattern: mapLine('i\\[1\\]') },
  { shape: Shape.MAP_VALUE, pattern: mapLine('i\\[1\\]\\?\\.value') },
  { shape: Shape.MAP_STRUCT, pattern: mapLine(`toJson_(${ID})\\(i\\[1\\]\\)`), typeGroup: 2 },
  { shape: Shape.MAP_LIST, pattern: mapLine('i\\[1\\]\\?\\.map\\(y => y\\)') },
];

/** A generated function: its field lines between `const result = {` and `};`, then the filter. */
const FUNCTION_SHAPE = new RegExp(
  `^function toJson_${ID}\\(obj\\) \\{\\s*if \\(obj === undefined\\) \\{\\s*return undefined;\\s*\\}\\s*const result = \\{\\n([\\s\\S]*?)\\n\\s*\\};`
  + '\\s*// filter undefined values\\s*return Object\\.entries\\(result\\)\\.reduce\\(\\(r, i\\) => \\(i\\[1\\] === undefined\\) \\? r : '
  + '\\(\\{ \\.\\.\\.r, \\[i\\[0\\]\\]: i\\[1\\] \\}\\), \\{\\}\\);\\s*\\}$');
const FIELD_LINE = /^'([^'\\]+)': (.*),$/;

/** Thrown inside a conversion for a value the generated function treats its own way. */
const LEAVE_TO_GENERATED = Symbol('leave to the generated function');

/** The field tables of one module's types (null: a type without a table), made on first use. */
const TABLES = new WeakMap<L1Module, Map<string, L1Field[] | null>>();

/**
 * The fields of `type` in `module`, from the source of its `toJson_<type>`
 * (and of the types it nests); null when a source has another shape. A type
 * that nests itself gets none (it is read while it is being read).
 */
function fieldsOf(module: L1Module, type: string): L1Field[] | null {
  let tables = TABLES.get(module);
  if (!tables) {
    tables = new Map();
    TABLES.set(module, tables);
  }
  const known = tables.get(type);
  if (known !== undefined) return known;
  tables.set(type, null); // while reading: a type nesting itself finds no table
  const fields = readFields(module, type);
  tables.set(type, fields);
  return fields;
}

function readFields(module: L1Module, type: string): L1Field[] | null {
  const fn = module[`toJson_${type}`];
  if (typeof fn !== 'function') return null;
  const body = FUNCTION_SHAPE.exec(Function.prototype.toString.call(fn));
  if (!body) return null;
  const fields: L1Field[] = [];
  for (const line of body[1].split('\n')) {
    const field = FIELD_LINE.exec(line.trim());
    if (!field) return null;
    let read: L1Field | null | undefined;
    for (const { shape, pattern, propGroup = 1, typeGroup } of LINE_SHAPES) {
      const m = pattern.exec(field[2]);
      if (!m) continue;
      const nested = typeGroup === undefined ? undefined : fieldsOf(module, m[typeGroup]);
      read = nested === null ? null : { json: field[1], prop: m[propGroup], shape, type: nested };
      break;
    }
    if (!read) return null;
    fields.push(read);
  }
  return fields;
}

/**
 * `module.toJson_<type>(value)`, made faster: the same result (the same keys
 * in the same order, the same values; undefined map values kept as the
 * generated code keeps them), or the generated function's own error.
 * @throws when `module` has no function `toJson_<type>`
 */
export function l1ToJson(module: L1Module, type: string, value: unknown): unknown {
  const generated = module[`toJson_${type}`];
  if (typeof generated !== 'function') throw new Error(`internal: no toJson_${type} in the L1 module`);
  const fields = fieldsOf(module, type);
  if (fields) {
    try {
      return convert(fields, value);
    } catch (e) {
      if (e !== LEAVE_TO_GENERATED) throw e;
    }
  }
  return generated(value);
}

/**
 * How `module.toJson_<type>` converts each field, as read from its source
 * (for tests); null when the function is left as it is (a source of another
 * shape, here or in a type it nests).
 */
export function l1Fields(module: L1Module, type: string): ReadonlyArray<L1Field> | null {
  return fieldsOf(module, type);
}

function convert(fields: L1Field[], obj: unknown): unknown {
  if (obj === undefined) return undefined;
  if (obj === null || typeof obj !== 'object') throw LEAVE_TO_GENERATED; // the generated code reads fields of it
  const source = obj as { [prop: string]: unknown };
  const out: { [key: string]: unknown } = {};
  for (const f of fields) {
    const v = source[f.prop];
    if (v === undefined) continue;
    let json: unknown;
    switch (f.shape) {
      case Shape.PLAIN:
        json = v;
        break;
      case Shape.STRUCT:
        json = convert(f.type!, v);
        break;
      case Shape.STRUCTS:
      case Shape.LIST:
        if (v === null) continue;
        json = listJson(v, f.shape === Shape.LIST ? undefined : f.type);
        break;
      case Shape.VALUE:
        json = v === null ? undefined : (v as { value?: unknown }).value;
        break;
      case Shape.DATE:
        if (v === null) continue;
        if (!(v instanceof Date)) throw LEAVE_TO_GENERATED;
        json = v.toISOString();
        break;
      default:
        json = mapJson(v, f);
    }
    if (json !== undefined) out[f.json] = json;
  }
  return out;
}

/** A list's items, as they are or converted to `type`. */
function listJson(v: unknown, type: L1Field[] | undefined): unknown[] {
  if (!Array.isArray(v)) throw LEAVE_TO_GENERATED;
  const out = new Array(v.length);
  for (let i = 0; i < v.length; i++) {
    if (!(i in v)) throw LEAVE_TO_GENERATED; // `map` keeps holes
    out[i] = type ? convert(type, v[i]) : v[i];
  }
  return out;
}

/** A map field: undefined values dropped, the others as the field's shape makes them. */
function mapJson(v: unknown, f: L1Field): { [key: string]: unknown } {
  if (v === null || typeof v !== 'object') throw LEAVE_TO_GENERATED;
  const source = v as { [key: string]: unknown };
  const out: { [key: string]: unknown } = {};
  for (const key of Object.keys(source)) {
    if (key === '__proto__') throw LEAVE_TO_GENERATED; // a computed key in a literal is an own property; an assignment is not
    const item = source[key];
    if (item === undefined) continue;
    switch (f.shape) {
      case Shape.MAP:
        out[key] = item;
        break;
      case Shape.MAP_VALUE:
        out[key] = item === null ? undefined : (item as { value?: unknown }).value;
        break;
      case Shape.MAP_STRUCT:
        out[key] = convert(f.type!, item);
        break;
      default: // MAP_LIST
        out[key] = item === null ? undefined : listJson(item, undefined);
    }
  }
  return out;
}
