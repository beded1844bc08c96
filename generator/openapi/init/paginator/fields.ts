// Finding paging fields in a response envelope and paging params in a query, by name and type.
import type { Parameter } from "../../spec/operations.ts";
import { jsonPath } from "../jsonpath.ts";
import { LIMIT_NAMES, hasRole, normalizeName, pageSize } from "../params.ts";
import type { Field } from "../schema-view.ts";
import type { PagingInput } from "./types.ts";

const set = (names: string): ReadonlySet<string> => new Set(names.split(" ").map(normalizeName));

export const TOTAL_NAMES = set("total count total_count total_records total_items total_results total_size");
export const TOTAL_PAGE_NAMES = set("total_pages page_count num_pages last_page pages_count");
export const HAS_MORE_NAMES = set("has_more more has_next has_next_page is_last_page");
/** A path segment saying the field describes the next page. */
export const NEXT_MARKER = /next|cursor/i;

export function leaf(field: Field): string {
  return normalizeName(field.tokens[field.tokens.length - 1] ?? "");
}

export function isScalar(field: Field): boolean {
  return field.type === "string" || field.type === "integer" || field.type === "number" || field.type === undefined;
}

/** The least-nested field whose leaf name is in `names` and whose type passes `ok`. */
export function findField(fields: readonly Field[], names: ReadonlySet<string>, ok: (f: Field) => boolean): Field | undefined {
  return fields.find((f) => names.has(leaf(f)) && ok(f) && !f.tokens.slice(0, -1).some((t) => NEXT_MARKER.test(t)));
}

/** `has_more_path` from a boolean has-more field, when there is one. */
export function hasMorePath(fields: readonly Field[]): { path: string; evidence: string } | undefined {
  const field = findField(fields, HAS_MORE_NAMES, (f) => f.type === "boolean");
  if (field === undefined || leaf(field) === "islastpage") return undefined;
  const path = jsonPath(field.tokens);
  return { path, evidence: `the boolean ${path} says whether more pages follow` };
}

/** The page-size query param to send with its declared maximum (or default), when there is one. */
export function pageSizeParam(input: PagingInput): { params: Record<string, number>; evidence: string } | undefined {
  for (const param of input.query.filter((p: Parameter) => hasRole(p, LIMIT_NAMES))) {
    const size = pageSize(input.spec, param);
    if (size !== undefined) return { params: { [param.name]: size.value }, evidence: `page size ${param.name}=${size.value} (${size.from})` };
  }
  return undefined;
}
