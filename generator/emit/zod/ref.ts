// `$ref` → the component's exported identifier (from the context); a back-edge → `z.lazy` with
// an explicit type, so a cycle neither recurses at import nor defeats type inference.
import { OpenApiSchemaError } from "./errors.ts";
import { isSchemaObject } from "../../openapi/schema-read.ts";
import type { EmitState } from "./types.ts";

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
/** Type text from the caller: identifiers, dots, generics, unions; no quotes, parentheses or braces. */
const TYPE_TEXT = /^[A-Za-z_$][\w$.<>,[\]| ]*$/;

/** The expression for a `$ref`, recording the name it uses. */
export function refExpr(ref: string, st: EmitState): string {
  const name = st.ctx.componentName(ref);
  if (!IDENTIFIER.test(name)) throw new OpenApiSchemaError(`componentName(${JSON.stringify(ref)}) returned ${JSON.stringify(name)}, not an identifier`);
  st.names.add(name);
  st.refs.add(ref);
  if (!st.ctx.backEdges.has(ref)) return name;
  const type = st.ctx.lazyType?.(ref) ?? "z.ZodType";
  if (!TYPE_TEXT.test(type)) throw new OpenApiSchemaError(`lazyType(${JSON.stringify(ref)}) returned ${JSON.stringify(type)}, not a type`);
  return `z.lazy((): ${type} => ${name})`;
}

/** The component a `$ref` points to, unless unknown, a back-edge, or already being inspected. */
export function resolveRef(ref: string, st: EmitState): Readonly<Record<string, unknown>> | undefined {
  if (st.ctx.backEdges.has(ref) || st.checking.has(ref)) return undefined;
  const target = st.ctx.resolve?.(ref);
  return isSchemaObject(target) ? target : undefined;
}
