// Objects: properties (JSDoc from descriptions, keys through tsKey), required vs optional, and
// openness. Lenient: `z.looseObject` (unknown keys kept), optional fields also accept null
// (`.nullish()`). Strict: `z.strictObject` unless `additionalProperties` allows extra keys.
// A schema-valued `additionalProperties` types the extra keys (`z.record` without properties,
// `.catchall` with). No properties at all → a record of unknown values. `writeOnly` properties are
// dropped (these schemas validate responses); `default` is never applied.
// zod 4 reads a property as `input[key]`, so an absent property named like an Object.prototype
// member (`constructor`, `toString`) arrives as the inherited function: such properties map a
// function (never JSON) to undefined first. A `__proto__` property is emitted (computed key) but
// zod skips it (upstream limit, not worked around).
import { tsKey } from "../literal.ts";
import { jsDoc } from "./doc.ts";
import { emitPiece } from "./emit.ts";
import { type Entry, objectLiteral, pointer } from "./layout.ts";
import { finish } from "./piece.ts";
import { isAnnotationOnly, isSchemaObject, readFlag, readProperties, readRequired } from "../../openapi/schema-read.ts";
import type { EmitState, Piece, SchemaObject } from "./types.ts";

/** Names every plain object inherits (`__proto__` aside: zod never reads it). */
const INHERITED = new Set(Object.getOwnPropertyNames(Object.prototype).filter((name) => name !== "__proto__"));

/** An object schema; `spreads` are component identifiers whose `.shape` comes first (from allOf). */
export function objectPiece(schema: SchemaObject, st: EmitState, path: string, spreads: readonly string[] = []): Piece {
  const lenient = st.ctx.mode === "lenient";
  const required = readRequired(schema);
  const entries: Entry[] = spreads.map((name) => ({ text: `...${name}.shape` }));
  for (const [name, sub] of readProperties(schema)) {
    if (isSchemaObject(sub) && readFlag(sub, "writeOnly")) continue;
    const piece = emitPiece(sub, st, `${path}/properties/${pointer(name)}`);
    const optional = !required.has(name);
    const own = finish({ ...piece, nullable: piece.nullable || (optional && lenient) }, optional);
    const expr = INHERITED.has(name) ? `z.preprocess((value) => (typeof value === "function" ? undefined : value), ${own})` : own;
    entries.push({ doc: isSchemaObject(sub) ? jsDoc(sub) : undefined, text: `${tsKey(name)}: ${expr}` });
  }

  const extra = schema["additionalProperties"];
  const typedExtra = isSchemaObject(extra) && !isAnnotationOnly(extra) ? finish(emitPiece(extra, st, `${path}/additionalProperties`)) : undefined;
  const closed = extra === false;
  if (entries.length === 0 && spreads.length === 0) {
    if (typedExtra !== undefined) return { expr: `z.record(z.string(), ${typedExtra})`, nullable: false, kind: "other" };
    if (closed && !lenient) return { expr: "z.strictObject({})", nullable: false, kind: "object" };
    return { expr: "z.record(z.string(), z.unknown())", nullable: false, kind: "other" };
  }
  const body = objectLiteral(entries);
  if (typedExtra !== undefined) return { expr: `z.object(${body}).catchall(${typedExtra})`, nullable: false, kind: "object" };
  const open = lenient || extra === true || (isSchemaObject(extra) && isAnnotationOnly(extra));
  return { expr: `${open ? "z.looseObject" : "z.strictObject"}(${body})`, nullable: false, kind: "object" };
}
