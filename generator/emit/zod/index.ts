// OpenAPI 3.0/3.1 Schema Object → zod v4 expression (TypeScript source). Pure: no disk, no console.
import { jsDoc } from "./doc.ts";
import { emitPiece } from "./emit.ts";
import { finish } from "./piece.ts";
import { isSchemaObject } from "../../openapi/schema-read.ts";
import type { EmitState, ZodContext, ZodResult } from "./types.ts";

export type { Int64Policy, ZodContext, ZodResult } from "./types.ts";
export { OpenApiSchemaError } from "./errors.ts";

/** The zod expression validating `schema` (a record from a response), with the components it names. */
export function zodFromOpenApi(schema: unknown, ctx: ZodContext): ZodResult {
  const st: EmitState = { ctx, names: new Set(), refs: new Set(), warnings: [], active: new Set(), checking: new Set() };
  // JSON.stringify leaves U+2028/U+2029 raw; legal in string literals since ES2019, escaped anyway
  // for older tooling. They can only occur inside string literals (comments are sanitized).
  const piece = emitPiece(schema, st, "#");
  const expr = finish(piece)
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
  return {
    expr,
    kind: piece.kind,
    nullable: piece.nullable && piece.kind !== "unknown",
    names: [...st.names].sort(),
    refs: [...st.refs].sort(),
    warnings: st.warnings,
  };
}

/** JSDoc for a component's export (its description, read-only and deprecated notes), if any. */
export function componentDoc(schema: unknown): string | undefined {
  return isSchemaObject(schema) ? jsDoc(schema) : undefined;
}
