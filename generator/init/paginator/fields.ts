// Finding paging fields in a response envelope and paging params in a query, by name (the runtime's
// vocabulary) and type.
import { normalizeName, type NameList } from "../../../runtime/vocabulary/names.ts";
import { HAS_MORE_NAMES, QUERY_LIMIT_NAMES } from "../../../runtime/vocabulary/paging.ts";
import type { Parameter } from "../../openapi/spec/operations.ts";
import { jsonPath } from "../jsonpath.ts";
import { hasRole, pageSize } from "../params.ts";
import type { Field } from "../schema-view.ts";
import type { PagingInput } from "./types.ts";

/** A path segment saying the field describes the next page. */
export const NEXT_MARKER = /next|cursor/i;

/** The field's own name, normalized. */
export function leaf(field: Field): string {
  return normalizeName(field.tokens[field.tokens.length - 1] ?? "");
}

export function isScalar(field: Field): boolean {
  return field.type === "string" || field.type === "integer" || field.type === "number" || field.type === undefined;
}

/**
 * The field whose name is in `names` and whose type passes `ok`, outside any "next" object: the least
 * nested, then the earliest name in `names` (as the runtime's detection picks), then the first declared.
 */
export function findField(fields: readonly Field[], names: NameList, ok: (f: Field) => boolean): Field | undefined {
  let best: { field: Field; rank: number } | undefined;
  for (const field of fields) {
    const rank = names.rank(leaf(field));
    if (rank < 0 || !ok(field) || field.tokens.slice(0, -1).some((t) => NEXT_MARKER.test(t))) continue;
    const depth = field.tokens.length;
    if (best === undefined || depth < best.field.tokens.length || (depth === best.field.tokens.length && rank < best.rank)) best = { field, rank };
  }
  return best?.field;
}

/** `has_more_path` from a boolean has-more field, when there is one. */
export function hasMorePath(fields: readonly Field[]): { path: string; evidence: string } | undefined {
  const field = findField(fields, HAS_MORE_NAMES, (f) => f.type === "boolean");
  if (field === undefined) return undefined;
  const path = jsonPath(field.tokens);
  return { path, evidence: `the boolean ${path} says whether more pages follow` };
}

/** The page-size query param to send with its declared maximum (or default), when there is one. */
export function pageSizeParam(input: PagingInput): { params: Record<string, number>; evidence: string } | undefined {
  for (const param of input.query.filter((p: Parameter) => hasRole(p, QUERY_LIMIT_NAMES))) {
    const size = pageSize(input.spec, param);
    if (size !== undefined) return { params: { [param.name]: size.value }, evidence: `page size ${param.name}=${size.value} (${size.from})` };
  }
  return undefined;
}
