// The dispatcher: one schema → one piece, by keyword precedence ($ref, allOf, oneOf/anyOf, const,
// enum, type; a missing type is inferred from the keywords present). Nullability is split off
// first and re-applied by whoever places the piece.
import { OpenApiSchemaError } from "./errors.ts";
import { allOfPiece } from "./all-of.ts";
import { arrayExpr } from "./array.ts";
import { constExpr, enumExpr } from "./enums.ts";
import { arrayLiteral } from "./layout.ts";
import { splitNull } from "../../openapi/schema-nullability.ts";
import { objectPiece } from "./object.ts";
import { finish, plain, UNKNOWN } from "./piece.ts";
import { isSchemaObject, readSchemas, readString, readTypes } from "../../openapi/schema-read.ts";
import { refExpr } from "./ref.ts";
import { integerExpr, numberExpr, stringExpr } from "./scalar.ts";
import type { EmitState, Piece, SchemaObject } from "./types.ts";
import { unionPiece } from "./union.ts";

/** Any schema (object, boolean, or junk → unknown with a warning) as a piece. */
export function emitPiece(schema: unknown, st: EmitState, path: string): Piece {
  if (schema === false) return plain("z.never()");
  if (!isSchemaObject(schema)) {
    if (schema !== true) st.warnings.push(`${path}: not a schema object, accepted as unknown`);
    return UNKNOWN;
  }
  if (st.active.has(schema)) throw new OpenApiSchemaError(`${path}: the schema contains itself (a cyclic object graph, e.g. a YAML alias); use a $ref`);
  st.active.add(schema);
  try {
    const split = splitNull(schema);
    if (split.onlyNull) return plain("z.null()");
    const base = basePiece(split.schema, st, path);
    return { ...base, nullable: base.nullable || split.nullable };
  } finally {
    st.active.delete(schema);
  }
}

/** A null-free schema by its first decisive keyword. */
function basePiece(s: SchemaObject, st: EmitState, path: string): Piece {
  const ref = readString(s, "$ref");
  if (ref !== undefined) return plain(refExpr(ref, st));
  if ((readSchemas(s, "allOf")?.length ?? 0) > 0) return allOfPiece(s, st, path);
  if ((readSchemas(s, "oneOf")?.length ?? 0) > 0 || (readSchemas(s, "anyOf")?.length ?? 0) > 0) return unionPiece(s, st, path);
  if (Object.hasOwn(s, "const")) {
    const expr = constExpr(s["const"], st, path);
    if (expr !== undefined) return plain(expr);
  }
  const values = s["enum"];
  if (Array.isArray(values) && values.length > 0) {
    const expr = enumExpr(s, values, st, path);
    if (expr !== undefined) return plain(expr);
  }
  const declared = readTypes(s);
  const types = declared.length > 0 ? declared : inferTypes(s);
  const [only, ...more] = types;
  if (only === undefined) return UNKNOWN;
  if (more.length === 0) return typePiece(only, s, st, path);
  return plain(`z.union(${arrayLiteral(types.map((t) => finish(typePiece(t, s, st, path))))})`);
}

/** The type a schema without `type` implies from its keywords (none → unknown). */
function inferTypes(s: SchemaObject): string[] {
  const has = (...keys: string[]) => keys.some((k) => Object.hasOwn(s, k));
  if (has("properties", "additionalProperties", "required", "minProperties", "maxProperties")) return ["object"];
  if (has("items", "minItems", "maxItems")) return ["array"];
  if (has("minLength", "maxLength", "pattern")) return ["string"];
  if (has("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf")) return ["number"];
  return [];
}

/** One JSON type. */
function typePiece(type: string, s: SchemaObject, st: EmitState, path: string): Piece {
  switch (type) {
    case "object":
      return objectPiece(s, st, path);
    case "array":
      return plain(arrayExpr(s, st, path));
    case "string":
      return plain(stringExpr(s, st, path));
    case "integer":
      return plain(integerExpr(s, st));
    case "number":
      return plain(numberExpr(s, st));
    case "boolean":
      return plain("z.boolean()");
    case "null":
      return plain("z.null()");
    default:
      st.warnings.push(`${path}/type: unknown type ${JSON.stringify(type)}, accepted as unknown`);
      return UNKNOWN;
  }
}
