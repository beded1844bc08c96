// Cursor paging: a query param echoed by a "next" field of the response (Intercom
// `pages.next.starting_after`, Asana `next_page.offset`, Stripe search `page` ← `next_page`), a
// field that is a next cursor by name or place (as detection reads one: `next_cursor`, Relay's
// `endCursor`), or the last record's id with a has-more flag (Stripe lists).
import { cursorParamFor } from "../../../runtime/vocabulary/cursor-param.ts";
import { LAST_ID_PARAM_NAMES, cursorKeyRank } from "../../../runtime/vocabulary/cursors.ts";
import { normalizeName } from "../../../runtime/vocabulary/names.ts";
import { QUERY_LIMIT_NAMES } from "../../../runtime/vocabulary/paging.ts";
import { jsonPath } from "../jsonpath.ts";
import { hasRole, paramType } from "../params.ts";
import type { Field } from "../schema-view.ts";
import { NEXT_MARKER, hasMorePath, isScalar, leaf, pageSizeParam } from "./fields.ts";
import type { PagingGuess, PagingInput, PagingRule } from "./types.ts";

function cursorGuess(input: PagingInput, paginator: Record<string, unknown>, evidence: string, warnings: string[] = []): PagingGuess {
  const size = pageSizeParam(input);
  return size === undefined ? { paginator, evidence, warnings } : { paginator, evidence: `${evidence}; ${size.evidence}`, params: size.params, warnings };
}

export const cursorEcho: PagingRule = (input) => {
  const matches: { param: string; field: Field; stringParam: boolean }[] = [];
  for (const param of input.query) {
    if (hasRole(param, QUERY_LIMIT_NAMES)) continue;
    const type = paramType(input.spec, param);
    if (type !== "string" && type !== "integer" && type !== "number" && type !== undefined) continue;
    const name = normalizeName(param.name);
    // `next_<param>` anywhere, or `<param>` inside a "next"/"cursor" object: the value for the next page.
    const field =
      input.fields.find((f) => isScalar(f) && leaf(f) === `next${name}`) ??
      input.fields.find((f) => isScalar(f) && leaf(f) === name && f.tokens.slice(0, -1).some((t) => NEXT_MARKER.test(t)));
    if (field !== undefined) matches.push({ param: param.name, field, stringParam: type === "string" });
  }
  const best = [...matches].sort((a, b) => a.field.tokens.length - b.field.tokens.length || Number(b.stringParam) - Number(a.stringParam))[0];
  if (best === undefined) return undefined;
  const path = jsonPath(best.field.tokens);
  const typed = best.stringParam && /offset|page/i.test(best.param) ? ` (\`${best.param}\` is a string: an opaque token, not a number)` : "";
  return cursorGuess(
    input,
    { type: "cursor", cursor_path: path, cursor_param: best.param },
    `the query param \`${best.param}\` is echoed by the response field ${path}${typed}`,
  );
};

export const cursorById: PagingRule = (input) => {
  const param = input.query.find((p) => hasRole(p, LAST_ID_PARAM_NAMES) && (paramType(input.spec, p) ?? "string") === "string");
  const more = hasMorePath(input.fields);
  if (param === undefined || more === undefined || input.primaryKey === undefined) return undefined;
  const records = input.list.selector === "$" ? "$" : input.list.selector;
  const path = `${records}[-1].${jsonPath([input.primaryKey.field])}`;
  const paginator = { type: "cursor", cursor_path: path, cursor_param: param.name, has_more_path: more.path };
  return cursorGuess(input, paginator, `cursor by id: \`${param.name}\` takes the id of the last record seen (${path}) and ${more.evidence}`);
};

export const namedCursor: PagingRule = (input) => {
  const rank = (f: Field) => (isScalar(f) ? cursorKeyRank(f.tokens[f.tokens.length - 1]!, f.tokens[f.tokens.length - 2] ?? "") : undefined);
  const field = input.fields.find((f) => rank(f) === 0) ?? input.fields.find((f) => rank(f) === 1);
  if (field === undefined) return undefined;
  const key = field.tokens[field.tokens.length - 1]!;
  const declared = (name: string) => input.query.some((p) => p.name === name);
  const param = declared(key) ? key : cursorParamFor(key, field.tokens[field.tokens.length - 2] ?? "").param;
  const path = jsonPath(field.tokens);
  const warnings = declared(param)
    ? []
    : [`the response carries a cursor at ${path} but the spec declares no query parameter for it: assumed \`${param}\`; check the API's docs`];
  return cursorGuess(input, { type: "cursor", cursor_path: path, cursor_param: param }, `the response field ${path} is a next-page cursor`, warnings);
};
