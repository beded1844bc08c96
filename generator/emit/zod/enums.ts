// `enum` and `const`. Values are emitted through tsLiteral (JSON-escaped). In lenient mode a
// multi-value enum is open (known values stay in the code as a hint, unknown values of the same
// JSON type pass): APIs add enum values without notice. A single-value enum and `const` are tags
// and stay closed in both modes, which is what lets `oneOf` discriminate on them.
import { tsLiteral } from "../literal.ts";
import { readTypes } from "../../openapi/schema-read.ts";
import type { EmitState, SchemaObject } from "./types.ts";

/** A value a zod literal can hold. */
export type Primitive = string | number | boolean;

/** True for strings, finite numbers and booleans. */
export function isPrimitive(value: unknown): value is Primitive {
  return typeof value === "string" || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value));
}

/** `const` as `z.literal(…)`, or undefined (with a warning) when it is not a primitive. */
export function constExpr(value: unknown, st: EmitState, path: string): string | undefined {
  if (isPrimitive(value)) return `z.literal(${tsLiteral(value)})`;
  st.warnings.push(`${path}/const: only string, number and boolean constants are checked`);
  return undefined;
}

/** The enum's expression, or undefined (with a warning) when a value is not a primitive. Null is already split off. */
export function enumExpr(schema: SchemaObject, values: readonly unknown[], st: EmitState, path: string): string | undefined {
  if (!values.every(isPrimitive)) {
    st.warnings.push(`${path}/enum: only string, number and boolean values are checked`);
    return undefined;
  }
  const unique = [...new Set(values)];
  if (unique.length === 1) return `z.literal(${tsLiteral(unique[0])})`;
  const closed = unique.every((v) => typeof v === "string") ? `z.enum(${tsLiteral(unique)})` : `z.literal(${tsLiteral(unique)})`;
  if (st.ctx.mode === "strict") return closed;
  const integer = readTypes(schema).includes("integer");
  const open = [
    ...new Set(unique.map((v) => (typeof v === "string" ? "z.string()" : typeof v === "boolean" ? "z.boolean()" : integer ? "z.int()" : "z.number()"))),
  ];
  return `z.union([${[closed, ...open].join(", ")}])`;
}
