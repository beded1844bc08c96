// allOf. A single member (plus annotations) is that member, so `allOf: [{$ref}]` keeps the
// reference. Object members merge into ONE object (not an intersection: intersections cannot be
// discriminated and lose openness): inline properties are merged, a later definition of the same
// property replacing an earlier one unless it only annotates; `required` is unioned; a `$ref` to an
// object component is spread (`...X.shape`, first, so inline properties override it).
// `additionalProperties: false` on a member is ignored (it would forbid the other members'
// properties). Members that are not objects are intersected with the merged object, pairwise.
import { emitPiece } from "./emit.ts";
import type { Primitive } from "./enums.ts";
import { componentIsObject, literalOf, requiredOf, tagOf } from "./inspect.ts";
import { intersectionOf } from "./layout.ts";
import { splitNull } from "../../openapi/schema-nullability.ts";
import { objectPiece } from "./object.ts";
import { finish, plain, UNKNOWN } from "./piece.ts";
import { isAnnotationOnly, isSchemaObject, readFlag, readProperties, readRequired, readSchemas, readString, readTypes } from "../../openapi/schema-read.ts";
import { refExpr } from "./ref.ts";
import type { EmitState, Piece, SchemaObject } from "./types.ts";

/** allOf members sorted by how they combine. */
interface Parts {
  /** Inline object schemas, in document order (the schema's own keywords last). */
  readonly inline: SchemaObject[];
  /** `$ref`s to object components. */
  readonly spreads: string[];
  /** Everything else. */
  readonly others: unknown[];
}

/** The allOf schema `s` (null already split off) as a piece. */
export function allOfPiece(s: SchemaObject, st: EmitState, path: string): Piece {
  const members = readSchemas(s, "allOf") ?? [];
  const [only] = members;
  if (members.length === 1 && isAnnotationOnly(withoutObjectType(omit(s, ["allOf"])))) return emitPiece(only, st, `${path}/allOf/0`);
  const parts = collect(s, st);
  const others = parts.others.map((o) => finish(emitPiece(o, st, `${path}/allOf`)));
  if (parts.inline.length === 0 && parts.spreads.length === 0) {
    return others.length === 0 ? UNKNOWN : plain(intersectionOf(others));
  }
  const merged = mergeInline(parts, st);
  if (st.ctx.mode === "strict") {
    const inherited = new Set(parts.spreads.flatMap((ref) => [...requiredOf({ $ref: ref }, st)]));
    const declared = new Set(readProperties(merged).map(([name]) => name));
    for (const name of readRequired(merged)) {
      if (!declared.has(name) && !inherited.has(name))
        st.warnings.push(`${path}/allOf: required property ${JSON.stringify(name)} is not required by the component declaring it; not enforced`);
    }
  }
  const object = objectPiece(
    merged,
    st,
    path,
    parts.spreads.map((ref) => refExpr(ref, st)),
  );
  return others.length === 0 ? object : plain(intersectionOf([object.expr, ...others]));
}

/** The literal a required property `prop` has in the merged allOf object, if it is one (see inspect.ts). */
export function allOfTag(s: SchemaObject, prop: string, st: EmitState): Primitive | undefined {
  const parts = collect(s, st);
  if (parts.others.length > 0) return undefined;
  const merged = mergeInline(parts, st);
  const own = readProperties(merged).find(([name]) => name === prop);
  if (own !== undefined) return readRequired(merged).has(prop) ? literalOf(own[1], st) : undefined;
  for (const ref of [...parts.spreads].reverse()) {
    const tag = tagOf({ $ref: ref }, prop, st);
    if (tag !== undefined) return tag;
  }
  return undefined;
}

/** Sorts the members of `s` (recursively through nested allOf) and its own keywords. */
function collect(s: SchemaObject, st: EmitState): Parts {
  const parts: Parts = { inline: [], spreads: [], others: [] };
  const add = (schema: unknown): void => {
    if (schema === true) return;
    if (!isSchemaObject(schema)) return void parts.others.push(schema);
    const ref = readString(schema, "$ref");
    if (ref !== undefined) return void (componentIsObject(ref, st) ? parts.spreads.push(ref) : parts.others.push(schema));
    const own = splitNull(schema).schema; // a member's own nullability cannot widen an allOf
    for (const member of readSchemas(own, "allOf") ?? []) add(member);
    const self = omit(own, ["allOf"]);
    if (isAnnotationOnly(withoutObjectType(self))) return;
    if (isObjectLike(self)) parts.inline.push(self);
    else parts.others.push(self);
  };
  add(s);
  return parts;
}

/** One synthetic object schema from the inline parts (spreads contribute their `required`). */
function mergeInline(parts: Parts, st: EmitState): SchemaObject {
  const properties = new Map<string, unknown>();
  const writeOnly = new Set<string>();
  const required = new Set<string>();
  let extra: unknown;
  for (const part of parts.inline) {
    for (const [name, sub] of readProperties(part)) {
      if (isSchemaObject(sub) && readFlag(sub, "writeOnly")) writeOnly.add(name);
      if (!properties.has(name) || !(isSchemaObject(sub) && isAnnotationOnly(sub))) properties.set(name, sub);
    }
    for (const name of readRequired(part)) required.add(name);
    const own = part["additionalProperties"];
    if (own === true || (isSchemaObject(own) && (extra === undefined || !isAnnotationOnly(own)))) extra = own;
  }
  for (const ref of parts.spreads) for (const name of requiredOf({ $ref: ref }, st)) required.add(name);
  for (const name of writeOnly) properties.set(name, { writeOnly: true });
  const merged: Record<string, unknown> = { type: "object", properties: Object.fromEntries(properties), required: [...required] };
  if (extra !== undefined) merged["additionalProperties"] = extra;
  return merged;
}

/** An inline object schema: object keywords, no composition, enum or other type. */
function isObjectLike(s: SchemaObject): boolean {
  const types = readTypes(s);
  if (types.some((t) => t !== "object")) return false;
  if (["oneOf", "anyOf", "enum", "const", "$ref", "items", "not"].some((k) => Object.hasOwn(s, k))) return false;
  return types.length > 0 || ["properties", "additionalProperties", "required"].some((k) => Object.hasOwn(s, k));
}

/** The schema without `type: "object"` (which alone adds nothing next to allOf/oneOf). */
export function withoutObjectType(s: SchemaObject): SchemaObject {
  return s["type"] === "object" ? omit(s, ["type"]) : s;
}

/** A shallow copy without some keys. */
export function omit(s: SchemaObject, keys: readonly string[]): SchemaObject {
  const out: Record<string, unknown> = { ...s };
  for (const key of keys) delete out[key];
  return out;
}
