// Questions about referenced components that decide between safe and merely correct output:
// can its `.shape` be spread (allOf), and does it carry a literal tag (discriminated oneOf)?
// Answered through `ctx.resolve`; without it, or on a back-edge, the answer is no (the safe side).
import { allOfTag } from "./all-of.ts";
import { emitPiece } from "./emit.ts";
import { isPrimitive, type Primitive } from "./enums.ts";
import { splitNull } from "../../openapi/schema-nullability.ts";
import { isSchemaObject, readProperties, readRequired, readSchemas, readString } from "../../openapi/schema-read.ts";
import { resolveRef } from "./ref.ts";
import type { EmitState } from "./types.ts";

/** True when the component is emitted as a non-nullable zod object (so `X.shape` type-checks). */
export function componentIsObject(ref: string, st: EmitState): boolean {
  const target = resolveRef(ref, st);
  if (target === undefined) return false;
  st.checking.add(ref);
  try {
    const scratch: EmitState = { ...st, names: new Set(), refs: new Set(), warnings: [], active: new Set() };
    const piece = emitPiece(target, scratch, ref);
    return piece.kind === "object" && !piece.nullable;
  } finally {
    st.checking.delete(ref);
  }
}

/** The literal a schema pins (`const`, single-value `enum`, or a `$ref` to one); undefined otherwise or when nullable. */
export function literalOf(schema: unknown, st: EmitState): Primitive | undefined {
  if (!isSchemaObject(schema)) return undefined;
  const ref = readString(schema, "$ref");
  if (ref !== undefined) return withRef(ref, st, (target) => literalOf(target, st));
  const { schema: s, nullable, onlyNull } = splitNull(schema);
  if (nullable || onlyNull) return undefined;
  if (Object.hasOwn(s, "const")) return isPrimitive(s["const"]) ? s["const"] : undefined;
  const values = s["enum"];
  if (!Array.isArray(values)) return undefined;
  const unique = [...new Set(values)];
  return unique.length === 1 && isPrimitive(unique[0]) ? unique[0] : undefined;
}

/** The literal value of a required property `prop` of an object schema (looking through `$ref` and `allOf`). */
export function tagOf(schema: unknown, prop: string, st: EmitState): Primitive | undefined {
  if (!isSchemaObject(schema)) return undefined;
  const ref = readString(schema, "$ref");
  if (ref !== undefined) return withRef(ref, st, (target) => tagOf(target, prop, st));
  const { schema: s, nullable, onlyNull } = splitNull(schema);
  if (nullable || onlyNull) return undefined;
  if ((readSchemas(s, "allOf")?.length ?? 0) > 0) return allOfTag(s, prop, st);
  const own = readProperties(s).find(([name]) => name === prop);
  return own !== undefined && readRequired(s).has(prop) ? literalOf(own[1], st) : undefined;
}

/** Runs `inspect` on a resolved component, guarding recursion. */
function withRef<T>(ref: string, st: EmitState, inspect: (target: Readonly<Record<string, unknown>>) => T | undefined): T | undefined {
  const target = resolveRef(ref, st);
  if (target === undefined) return undefined;
  st.checking.add(ref);
  try {
    return inspect(target);
  } finally {
    st.checking.delete(ref);
  }
}

/** Names a schema requires, through `$ref` and `allOf`. */
export function requiredOf(schema: unknown, st: EmitState): ReadonlySet<string> {
  if (!isSchemaObject(schema)) return new Set();
  const ref = readString(schema, "$ref");
  if (ref !== undefined) return withRef(ref, st, (target) => requiredOf(target, st)) ?? new Set();
  const out = new Set(readRequired(schema));
  for (const member of readSchemas(schema, "allOf") ?? []) for (const name of requiredOf(member, st)) out.add(name);
  return out;
}
