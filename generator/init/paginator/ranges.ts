// Numeric paging: offset + limit params (limit from the param's maximum/default), or a page number
// (base from the param's minimum/default); totals and has-more flags from the envelope.
import type { Parameter } from "../../openapi/spec/operations.ts";
import type { NameList } from "../../../runtime/vocabulary/names.ts";
import { OFFSET_NAMES, PAGE_PARAM_NAMES, QUERY_LIMIT_NAMES, TOTAL_NAMES, TOTAL_PAGES_NAMES } from "../../../runtime/vocabulary/paging.ts";
import { jsonPath } from "../jsonpath.ts";
import { hasRole, pageSize, paramNumber, paramType } from "../params.ts";
import { findField, hasMorePath, pageSizeParam } from "./fields.ts";
import type { PagingInput, PagingRule } from "./types.ts";

/** dlt-init-openapi's page size when the spec states none. */
export const DEFAULT_LIMIT = 20;

function numeric(input: PagingInput, param: Parameter): boolean {
  const type = paramType(input.spec, param);
  return type === "integer" || type === "number" || type === undefined;
}

function stops(input: PagingInput, names: NameList, what: string): { total: Record<string, unknown>; evidence: string[] } {
  const total = findField(input.fields, names, (f) => f.type === "integer" || f.type === "number" || f.type === undefined);
  const more = hasMorePath(input.fields);
  const out: Record<string, unknown> = {};
  const evidence: string[] = [];
  if (total === undefined) {
    out.total_path = null;
    evidence.push(`no ${what} field: stops at the first empty page`);
  } else {
    const path = jsonPath(total.tokens);
    if (path !== "total") out.total_path = path;
    evidence.push(`${what} at ${path}`);
  }
  if (more !== undefined) {
    out.has_more_path = more.path;
    evidence.push(more.evidence);
  }
  return { total: out, evidence };
}

export const offsetLimit: PagingRule = (input) => {
  const offset = input.query.find((p) => hasRole(p, OFFSET_NAMES) && numeric(input, p));
  const limit = input.query.find((p) => hasRole(p, QUERY_LIMIT_NAMES));
  if (offset === undefined || limit === undefined) return undefined;
  const size = pageSize(input.spec, limit);
  const { total, evidence } = stops(input, TOTAL_NAMES, "the total count");
  const paginator = {
    type: "offset",
    limit: size?.value ?? DEFAULT_LIMIT,
    ...(offset.name === "offset" ? {} : { offset_param: offset.name }),
    ...(limit.name === "limit" ? {} : { limit_param: limit.name }),
    ...total,
  };
  const limitWhy = size === undefined ? `${DEFAULT_LIMIT} (the spec states no maximum or default)` : `${size.value} (${size.from})`;
  return { paginator, evidence: [`numeric \`${offset.name}\` with \`${limit.name}\` query params; limit ${limitWhy}`, ...evidence].join("; "), warnings: [] };
};

export const pageNumber: PagingRule = (input) => {
  const page = input.query.find((p) => hasRole(p, PAGE_PARAM_NAMES) && numeric(input, p));
  if (page === undefined) return undefined;
  const base = Math.max(0, paramNumber(input.spec, page, "minimum") ?? paramNumber(input.spec, page, "default") ?? 1);
  const { total, evidence } = stops(input, TOTAL_PAGES_NAMES, "the page count");
  const paginator = { type: "page_number", base_page: base, ...(page.name === "page" ? {} : { page_param: page.name }), ...total };
  const size = pageSizeParam(input);
  const why = [`numeric \`${page.name}\` query param, first page ${base}`, ...evidence, ...(size === undefined ? [] : [size.evidence])].join("; ");
  return size === undefined ? { paginator, evidence: why, warnings: [] } : { paginator, evidence: why, params: size.params, warnings: [] };
};
