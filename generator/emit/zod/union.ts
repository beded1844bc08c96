// oneOf/anyOf → `z.union` (members tried in order). `z.discriminatedUnion` only when it is safe:
// a `discriminator.propertyName`, and every member an inline object or a `$ref` to an object
// component, each requiring that property as a distinct single-value enum or const. In lenient
// mode a discriminated union also accepts objects whose string tag is none of the known ones
// (APIs add variants), while a known tag must still match its member.
// Keywords beside oneOf/anyOf (other than `type: object`) are intersected with the union.
import { tsKey, tsLiteral } from "../literal.ts";
import { omit, withoutObjectType } from "./all-of.ts";
import { emitPiece } from "./emit.ts";
import type { Primitive } from "./enums.ts";
import { componentIsObject, tagOf } from "./inspect.ts";
import { arrayLiteral, intersectionOf } from "./layout.ts";
import { finish, plain } from "./piece.ts";
import { isAnnotationOnly, isSchemaObject, readSchemas, readString } from "../../openapi/schema-read.ts";
import type { EmitState, Piece, SchemaObject } from "./types.ts";

/** A schema with oneOf and/or anyOf (null branches already split off). */
export function unionPiece(s: SchemaObject, st: EmitState, path: string): Piece {
  const pieces: Piece[] = [];
  const self = omit(s, ["oneOf", "anyOf"]);
  if (!isAnnotationOnly(withoutObjectType(self))) pieces.push(emitPiece(self, st, path));
  for (const key of ["oneOf", "anyOf"]) {
    const branches = readSchemas(s, key);
    if (branches !== undefined && branches.length > 0) pieces.push(branchesPiece(branches, s, st, `${path}/${key}`));
  }
  const [only] = pieces;
  if (pieces.length === 1 && only !== undefined) return only;
  return plain(intersectionOf(pieces.map((p) => finish(p))));
}

/** The union of one branch list. */
function branchesPiece(branches: readonly unknown[], s: SchemaObject, st: EmitState, path: string): Piece {
  const pieces = branches.map((b, i) => emitPiece(b, st, `${path}/${i}`));
  const [only] = pieces;
  if (pieces.length === 1 && only !== undefined) return only;
  const members = arrayLiteral(pieces.map((p) => finish(p)));
  const discriminator = s["discriminator"];
  const prop = isSchemaObject(discriminator) ? readString(discriminator, "propertyName") : undefined;
  const tags = prop === undefined ? undefined : safeTags(branches, pieces, prop, st);
  if (prop === undefined || tags === undefined) return plain(`z.union(${members})`);
  const tagged = `z.discriminatedUnion(${JSON.stringify(prop)}, ${members})`;
  if (st.ctx.mode === "strict" || !tags.every((t) => typeof t === "string")) return plain(tagged);
  const other = `z.looseObject({ ${tsKey(prop)}: z.string().refine((tag) => !${tsLiteral(tags)}.includes(tag)) })`;
  return plain(`z.union(${arrayLiteral([tagged, other])})`);
}

/** Each branch's tag when all branches are objects with distinct literal tags; else undefined. */
function safeTags(branches: readonly unknown[], pieces: readonly Piece[], prop: string, st: EmitState): Primitive[] | undefined {
  const tags: Primitive[] = [];
  for (const [i, branch] of branches.entries()) {
    const piece = pieces[i];
    const ref = isSchemaObject(branch) ? readString(branch, "$ref") : undefined;
    const isObject = ref !== undefined ? componentIsObject(ref, st) : piece?.kind === "object" && !piece.nullable;
    const tag = isObject ? tagOf(branch, prop, st) : undefined;
    if (tag === undefined || tags.includes(tag)) return undefined;
    tags.push(tag);
  }
  return tags;
}
