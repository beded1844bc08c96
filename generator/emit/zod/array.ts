// Arrays: `items` (absent → unknown elements); `minItems`/`maxItems` in strict mode only.
import { emitPiece } from "./emit.ts";
import { finish } from "./piece.ts";
import { readCount } from "../../openapi/schema-read.ts";
import type { EmitState, SchemaObject } from "./types.ts";

/** `z.array(…)` for an array schema. */
export function arrayExpr(schema: SchemaObject, st: EmitState, path: string): string {
  const items = schema["items"];
  const item = items === undefined || Array.isArray(items) ? "z.unknown()" : finish(emitPiece(items, st, `${path}/items`));
  let expr = `z.array(${item})`;
  if (st.ctx.mode === "strict") {
    const min = readCount(schema, "minItems");
    const max = readCount(schema, "maxItems");
    if (min !== undefined && min > 0) expr += `.min(${min})`;
    if (max !== undefined) expr += `.max(${max})`;
  }
  return expr;
}
