// Link-style paging: a declared `Link` response header, a next-cursor response header, or a next-page
// URL in the body (`next`, `_pagination.next`, `links.next`, `_links.next.href`, `@odata.nextLink` …).
import { CURSOR_PARAM_NAMES, NEXT_CURSOR_HEADER } from "../../../runtime/vocabulary/cursors.ts";
import { LINK_CONTAINER_NAMES, NEXT_URL_NAMES } from "../../../runtime/vocabulary/links.ts";
import { normalizeName } from "../../../runtime/vocabulary/names.ts";
import { jsonPath } from "../jsonpath.ts";
import { hasRole } from "../params.ts";
import { deref } from "../../openapi/spec/resolve.ts";
import { isObject } from "../schema-view.ts";
import { leaf, pageSizeParam } from "./fields.ts";
import type { PagingGuess, PagingInput, PagingRule } from "./types.ts";

function withPageSize(input: PagingInput, guess: Omit<PagingGuess, "warnings">): PagingGuess {
  const size = pageSizeParam(input);
  if (size === undefined) return { ...guess, warnings: [] };
  return { ...guess, params: size.params, evidence: `${guess.evidence}; ${size.evidence}`, warnings: [] };
}

export const linkHeader: PagingRule = (input) => {
  const name = Object.keys(input.response.headers).find((h) => h.toLowerCase() === "link");
  if (name === undefined) return undefined;
  return withPageSize(input, {
    paginator: { type: "header_link" },
    evidence: `the ${input.response.status} response declares a \`${name}\` header (RFC 8288 rel="next")`,
  });
};

export const headerCursor: PagingRule = (input) => {
  const header = Object.keys(input.response.headers).find((h) => NEXT_CURSOR_HEADER.test(h));
  const param = input.query.find((p) => hasRole(p, CURSOR_PARAM_NAMES));
  if (header === undefined || param === undefined) return undefined;
  return withPageSize(input, {
    paginator: { type: "header_cursor", cursor_key: header, cursor_param: param.name },
    evidence: `the response declares a \`${header}\` header and the query takes \`${param.name}\``,
  });
};

function isUri(input: PagingInput, schema: unknown): boolean {
  const s = deref(input.spec, schema);
  return isObject(s) && (s.format === "uri" || s.format === "url" || s.format === "uri-reference");
}

export const nextUrl: PagingRule = (input) => {
  const hasCursorParam = input.query.some((p) => hasRole(p, CURSOR_PARAM_NAMES));
  const field = input.fields.find((f) => {
    if (f.type !== "string" && f.type !== undefined) return false;
    const parent = normalizeName(f.tokens[f.tokens.length - 2] ?? "");
    const name = leaf(f);
    if (name === "href" && parent === "next") return true;
    if (!NEXT_URL_NAMES.has(name)) return false;
    if (isUri(input, f.schema) || /url|link|href/.test(name)) return true;
    // A bare `next` string is a URL unless the query takes a cursor it could be the value of.
    return f.tokens.length === 1 ? !hasCursorParam : LINK_CONTAINER_NAMES.has(parent);
  });
  if (field === undefined) return undefined;
  const path = jsonPath(field.tokens);
  return withPageSize(input, { paginator: { type: "json_link", next_url_path: path }, evidence: `the response field ${path} holds the next page's URL` });
};
