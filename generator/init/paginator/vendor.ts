// Paging stated by the spec's vendor extensions, translated before any inference:
// `x-speakeasy-pagination`, `x-fern-pagination` (per operation or document-wide) and
// `x-stainless-pagination-property` on params and response fields.
import { QUERY_LIMIT_NAMES } from "../../../runtime/vocabulary/paging.ts";
import { jsonPath, vendorPath } from "../jsonpath.ts";
import { hasRole, pageSize } from "../params.ts";
import { envelopeFields, isObject, objectView, type Json } from "../schema-view.ts";
import { DEFAULT_LIMIT } from "./ranges.ts";
import type { PagingGuess, PagingInput, PagingRule } from "./types.ts";

function limitFor(input: PagingInput, name?: string): { limit: number; limit_param?: string } {
  const param = input.query.find((p) => (name === undefined ? hasRole(p, QUERY_LIMIT_NAMES) : p.name === name));
  const size = param === undefined ? undefined : pageSize(input.spec, param);
  return { limit: size?.value ?? DEFAULT_LIMIT, ...(param === undefined || param.name === "limit" ? {} : { limit_param: param.name }) };
}

function guess(paginator: Json, evidence: string, selector: string | undefined): PagingGuess {
  return { paginator, evidence, warnings: [], ...(selector === undefined ? {} : { selector }) };
}

function speakeasy(input: PagingInput, marker: Json): PagingGuess | undefined {
  const inputs = Array.isArray(marker.inputs) ? marker.inputs.filter(isObject) : [];
  const outputs = isObject(marker.outputs) ? marker.outputs : {};
  const byType = (t: string) =>
    inputs.find((i) => i.type === t && (i.in ?? "parameters") === "parameters" && typeof i.name === "string")?.name as string | undefined;
  const results = vendorPath(outputs.results);
  const why = "x-speakeasy-pagination";
  if (marker.type === "url" && vendorPath(outputs.nextUrl) !== undefined)
    return guess({ type: "json_link", next_url_path: vendorPath(outputs.nextUrl) }, `${why} type url`, results);
  if (marker.type === "cursor" && byType("cursor") !== undefined && vendorPath(outputs.nextCursor) !== undefined) {
    return guess({ type: "cursor", cursor_path: vendorPath(outputs.nextCursor), cursor_param: byType("cursor") }, `${why} type cursor`, results);
  }
  if (marker.type === "offsetLimit" && byType("offset") !== undefined) {
    const offset = byType("offset")!;
    return guess(
      { type: "offset", ...limitFor(input, byType("limit")), ...(offset === "offset" ? {} : { offset_param: offset }), total_path: null },
      `${why} type offsetLimit`,
      results,
    );
  }
  if (marker.type === "offsetLimit" && byType("page") !== undefined) {
    const total = vendorPath(outputs.numPages);
    return guess(
      { type: "page_number", base_page: 1, page_param: byType("page"), total_path: total ?? null },
      `${why} type offsetLimit with a page input`,
      results,
    );
  }
  return undefined;
}

function fern(input: PagingInput, marker: Json): PagingGuess | undefined {
  const request = (v: unknown) => (typeof v === "string" && /^\$request\.[\w-]+$/.test(v) ? v.slice("$request.".length) : undefined);
  const response = (v: unknown) => vendorPath(v, "$response");
  const results = response(marker.results);
  const why = "x-fern-pagination";
  const next = response(marker.next_uri) ?? response(marker.next_path);
  if (next !== undefined) return guess({ type: "json_link", next_url_path: next }, why, results);
  if (request(marker.cursor) !== undefined && response(marker.next_cursor) !== undefined) {
    return guess({ type: "cursor", cursor_path: response(marker.next_cursor), cursor_param: request(marker.cursor) }, `${why} cursor`, results);
  }
  const offset = request(marker.offset);
  if (offset === undefined) return undefined;
  const more = response(marker["has-next-page"]);
  const stop = { total_path: null, ...(more === undefined ? {} : { has_more_path: more }) };
  const step = request(marker.step);
  if (step !== undefined)
    return guess(
      { type: "offset", ...limitFor(input, step), ...(offset === "offset" ? {} : { offset_param: offset }), ...stop },
      `${why} offset with step`,
      results,
    );
  return guess(
    { type: "page_number", base_page: 1, ...(offset === "page" ? {} : { page_param: offset }), ...stop },
    `${why} offset without step (a page index)`,
    results,
  );
}

function stainless(input: PagingInput): PagingGuess | undefined {
  const purposeOf = (schema: unknown): string | undefined => {
    const s = isObject(schema) ? schema["x-stainless-pagination-property"] : undefined;
    return isObject(s) && typeof s.purpose === "string" ? s.purpose : undefined;
  };
  const params = new Map<string, string>();
  for (const p of input.query) {
    const purpose = purposeOf(p.raw) ?? purposeOf(p.schema);
    if (purpose !== undefined) params.set(purpose, p.name);
  }
  const fields = new Map<string, string>();
  for (const f of envelopeFields(input.spec, input.response.schema)) {
    const purpose = purposeOf(f.schema);
    if (purpose !== undefined && !fields.has(purpose)) fields.set(purpose, jsonPath(f.tokens));
  }
  if (params.size === 0 && fields.size === 0) return undefined;
  const results = fields.get("items");
  const more = fields.get("has_next_page");
  const stop = more === undefined ? {} : { has_more_path: more };
  const why = "x-stainless-pagination-property";
  if (fields.has("cursor_url_field")) return guess({ type: "json_link", next_url_path: fields.get("cursor_url_field") }, `${why} cursor_url_field`, results);
  if (params.has("next_cursor_param") && fields.has("next_cursor_field")) {
    return guess(
      { type: "cursor", cursor_path: fields.get("next_cursor_field"), cursor_param: params.get("next_cursor_param"), ...stop },
      `${why} next_cursor_param/next_cursor_field`,
      results,
    );
  }
  if (params.has("next_cursor_id_param")) {
    const itemId = [...objectView(input.spec, input.list.items).props].find(([, s]) => purposeOf(s) === "cursor_item_id")?.[0] ?? input.primaryKey?.field;
    const records = results ?? input.list.selector;
    if (itemId !== undefined)
      return guess(
        { type: "cursor", cursor_path: `${records}[-1].${jsonPath([itemId])}`, cursor_param: params.get("next_cursor_id_param"), ...stop },
        `${why} cursor by item id`,
        results,
      );
  }
  if (params.has("page_number_param")) {
    const total = fields.get("total_page_count_field");
    return guess(
      { type: "page_number", base_page: 1, page_param: params.get("page_number_param"), total_path: total ?? null, ...stop },
      `${why} page_number_param`,
      results,
    );
  }
  if (params.has("offset_count_param")) {
    const total = fields.get("offset_total_count_field");
    return guess(
      { type: "offset", ...limitFor(input), offset_param: params.get("offset_count_param"), total_path: total ?? null, ...stop },
      `${why} offset_count_param`,
      results,
    );
  }
  return undefined;
}

export const vendorMarkers: PagingRule = (input) => {
  const op = input.op.operation;
  const speakeasyMarker = op["x-speakeasy-pagination"];
  if (isObject(speakeasyMarker)) return speakeasy(input, speakeasyMarker);
  const rootFern = input.spec.document["x-fern-pagination"];
  const fernMarker = isObject(op["x-fern-pagination"])
    ? op["x-fern-pagination"]
    : op["x-fern-pagination"] === true && isObject(rootFern)
      ? rootFern
      : undefined;
  if (fernMarker !== undefined) return fern(input, fernMarker);
  return stainless(input);
};
