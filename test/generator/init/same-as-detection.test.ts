// One vocabulary, one answer: the same envelope fed to init (as the OpenAPI response schema) and to
// auto-detection (as the first response body) gives the same data_selector and paginator.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { modelFromConfig } from "../../../generator/model/from-config.ts";
import { initConfig } from "../../../generator/init/index.ts";
import { detectDataSelector } from "../../../runtime/detect/data-selector.ts";
import { detectPaginator } from "../../../runtime/detect/paginator.ts";
import { formatPath } from "../../../runtime/detect/path-format.ts";
import type { PageRequest, PageResponse } from "../../../runtime/http/request.ts";
import { parsePath } from "../../../runtime/select/jsonpath-parse.ts";
import { createSelector } from "../../../runtime/select/records.ts";
import type { PaginatorSpec } from "../../../runtime/connector.ts";
import { doc, loadFiles } from "../openapi/spec/support.ts";
import { get, q } from "./support.ts";

/** A query param: its first-page value in the request, or null when declared but not sent. */
type Query = Readonly<Record<string, string | number | null>>;

/** What both must find: the records' path and the paginator without its position and size. */
interface Answer {
  readonly selector: string;
  readonly paginator: Readonly<Record<string, unknown>>;
}

interface Case {
  readonly name: string;
  readonly body: Readonly<Record<string, unknown>>;
  readonly query?: Query;
  readonly expect: Answer;
}

/** A known difference in evidence: each side's answer, and why they differ. */
interface Difference extends Omit<Case, "expect"> {
  readonly init: Answer;
  readonly detection: Answer;
  readonly why: string;
}

const records = [
  { id: 1, name: "Item 1" },
  { id: 2, name: "Item 2" },
];
const next = "https://api.test/items?page=2";

const link = (nextUrlPath: string) => ({ type: "json_link", nextUrlPath });
const cursor = (cursorPath: string, cursorParam: string, hasMorePath: string | null = null) => ({
  type: "cursor",
  cursorPath,
  cursorParam,
  hasMorePath,
  stopAfterEmptyPage: false,
});
const offset = (totalPath: string | null, hasMorePath: string | null = null, offsetParam = "offset", limitParam = "limit") => ({
  type: "offset",
  offsetParam,
  limitParam,
  totalPath,
  hasMorePath,
  stopAfterEmptyPage: true,
});
const pages = (totalPath: string | null, hasMorePath: string | null = null, pageParam = "page") => ({
  type: "page_number",
  pageParam,
  totalPath,
  hasMorePath,
  stopAfterEmptyPage: true,
});

const CASES: readonly Case[] = [
  { name: "data + next", body: { data: records, next }, expect: { selector: "data", paginator: link("next") } },
  { name: "items + next_url", body: { items: records, next_url: next }, expect: { selector: "items", paginator: link("next_url") } },
  { name: "results + links.next", body: { results: records, links: { next, self: next } }, expect: { selector: "results", paginator: link("links.next") } },
  {
    name: "records + _links.next.href (HAL)",
    body: { records, _links: { next: { href: next } } },
    expect: { selector: "records", paginator: link("_links.next.href") },
  },
  { name: "value + @odata.nextLink", body: { value: records, "@odata.nextLink": next }, expect: { selector: "value", paginator: link("['@odata.nextLink']") } },
  {
    name: "entries + next_cursor, param cursor",
    body: { entries: records, next_cursor: "c2" },
    query: { cursor: null },
    expect: { selector: "entries", paginator: cursor("next_cursor", "cursor") },
  },
  {
    name: "data + nextPageToken, param pageToken",
    body: { data: records, nextPageToken: "t2" },
    query: { pageToken: null },
    expect: { selector: "data", paginator: cursor("nextPageToken", "pageToken") },
  },
  {
    name: "items + pages.next.starting_after, param starting_after",
    body: { items: records, pages: { next: { starting_after: "c2" } } },
    query: { starting_after: null },
    expect: { selector: "items", paginator: cursor("pages.next.starting_after", "starting_after") },
  },
  {
    name: "data + offset/limit + total",
    body: { data: records, total: 10 },
    query: { offset: 0, limit: 2 },
    expect: { selector: "data", paginator: offset("total") },
  },
  {
    name: "items + offset/limit + total_count",
    body: { items: records, total_count: 10 },
    query: { offset: 0, limit: 2 },
    expect: { selector: "items", paginator: offset("total_count") },
  },
  {
    name: "results + offset/limit + count",
    body: { results: records, count: 10 },
    query: { offset: 0, limit: 2 },
    expect: { selector: "results", paginator: offset("count") },
  },
  {
    name: "records + skip/top + meta.totalCount",
    body: { records, meta: { totalCount: 10 } },
    query: { skip: 0, top: 2 },
    expect: { selector: "records", paginator: offset("meta.totalCount", null, "skip", "top") },
  },
  {
    name: "data + offset/limit + has_more",
    body: { data: records, has_more: true },
    query: { offset: 0, limit: 2 },
    expect: { selector: "data", paginator: offset(null, "has_more") },
  },
  {
    name: "data + offset/limit + hasMore",
    body: { data: records, hasMore: true },
    query: { offset: 0, limit: 2 },
    expect: { selector: "data", paginator: offset(null, "hasMore") },
  },
  {
    name: "entries + start/limit + more",
    body: { entries: records, more: true },
    query: { start: 0, limit: 2 },
    expect: { selector: "entries", paginator: offset(null, "more", "start") },
  },
  {
    name: "data + page + total_pages",
    body: { data: records, total_pages: 5 },
    query: { page: 1 },
    expect: { selector: "data", paginator: pages("total_pages") },
  },
  {
    name: "items + page_number + totalPages",
    body: { items: records, totalPages: 5 },
    query: { page_number: 1 },
    expect: { selector: "items", paginator: pages("totalPages", null, "page_number") },
  },
  {
    name: "results + page + has_next",
    body: { results: records, has_next: true },
    query: { page: 1 },
    expect: { selector: "results", paginator: pages(null, "has_next") },
  },
  {
    name: "data + page + meta.pagination.last_page",
    body: { data: records, meta: { pagination: { last_page: 5 } } },
    query: { page: 1 },
    expect: { selector: "data", paginator: pages("meta.pagination.last_page") },
  },
  { name: "_embedded.items, no paging", body: { _embedded: { items: records } }, expect: { selector: "_embedded.items", paginator: { type: "single_page" } } },
  { name: "hits, no paging", body: { hits: records, took: 3 }, expect: { selector: "hits", paginator: { type: "single_page" } } },
  // Names the two sides once spelled differently (each failed on one side before the shared vocabulary).
  {
    name: "hits beside another list of objects",
    body: { hits: records, aggregations: [{ key: "a" }] },
    expect: { selector: "hits", paginator: { type: "single_page" } },
  },
  {
    name: "elements after another list of objects",
    body: { included: [{ key: "a" }], elements: records },
    expect: { selector: "elements", paginator: { type: "single_page" } },
  },
  {
    name: "records under result, not under metadata",
    body: { metadata: { data: [{ key: "a" }] }, result: { items: records } },
    expect: { selector: "result.items", paginator: { type: "single_page" } },
  },
  {
    name: "total_elements (Spring) is a total",
    body: { content: records, total_elements: 10 },
    query: { offset: 0, limit: 2 },
    expect: { selector: "content", paginator: offset("total_elements") },
  },
  {
    name: "total is preferred to count",
    body: { data: records, count: 2, total: 10 },
    query: { offset: 0, limit: 2 },
    expect: { selector: "data", paginator: offset("total") },
  },
  {
    name: "startIndex is an offset",
    body: { items: records, totalResults: 10 },
    query: { startIndex: 0, limit: 2 },
    expect: { selector: "items", paginator: offset("totalResults", null, "startIndex") },
  },
  {
    name: "skip/take",
    body: { data: records, total: 10 },
    query: { skip: 0, take: 2 },
    expect: { selector: "data", paginator: offset("total", null, "skip", "take") },
  },
  { name: "pages is a page count", body: { data: records, pages: 5 }, query: { page: 1 }, expect: { selector: "data", paginator: pages("pages") } },
  {
    name: "pages_count is a page count",
    body: { data: records, pages_count: 5 },
    query: { page: 1 },
    expect: { selector: "data", paginator: pages("pages_count") },
  },
  {
    name: "page_num is a page param",
    body: { data: records, total_pages: 5 },
    query: { page_num: 1 },
    expect: { selector: "data", paginator: pages("total_pages", null, "page_num") },
  },
  {
    name: "cursors.next, param cursor",
    body: { results: records, cursors: { next: "N2" } },
    query: { cursor: null },
    expect: { selector: "results", paginator: cursor("cursors.next", "cursor") },
  },
  {
    name: "nextPageToken, no param declared",
    body: { data: records, nextPageToken: "t2" },
    expect: { selector: "data", paginator: cursor("nextPageToken", "pageToken") },
  },
  {
    name: "Relay pageInfo.endCursor, param after",
    body: { edges: records, pageInfo: { endCursor: "Y3" } },
    query: { after: null },
    expect: { selector: "edges", paginator: cursor("pageInfo.endCursor", "after") },
  },
  {
    name: "Twitch-style pagination.cursor, param cursor",
    body: { data: records, pagination: { cursor: "eyJ" } },
    query: { cursor: null },
    expect: { selector: "data", paginator: cursor("pagination.cursor", "cursor") },
  },
  {
    name: "next_cursor beats a cursor beside it",
    body: { data: records, pagination: { cursor: "c1", next_cursor: "c2" } },
    query: { cursor: null },
    expect: { selector: "data", paginator: cursor("pagination.next_cursor", "cursor") },
  },
  {
    name: "paging.next.page_token, param page_token",
    body: { results: records, paging: { next: { page_token: "t2" } } },
    query: { page_token: null },
    expect: { selector: "results", paginator: cursor("paging.next.page_token", "page_token") },
  },
  {
    name: "JSON:API page[number] and meta.total-pages",
    body: { data: records, meta: { "total-pages": 5 } },
    query: { "page[number]": 1 },
    expect: { selector: "data", paginator: pages("meta['total-pages']", null, "page[number]") },
  },
];

const DIFFERENCES: readonly Difference[] = [
  {
    name: "Stripe: data + has_more, param starting_after",
    body: { data: records, has_more: true },
    query: { starting_after: null, limit: 2 },
    init: { selector: "data", paginator: cursor("data[-1].id", "starting_after", "has_more") },
    detection: { selector: "data", paginator: { type: "single_page" } },
    why: "init sees the declared `starting_after` param; detection sees a first request without it and reads one page, with a warning",
  },
  {
    name: "has_more beside a body cursor",
    body: { data: records, has_more: true, next_cursor: "c2" },
    query: { cursor: null },
    init: { selector: "data", paginator: cursor("next_cursor", "cursor") },
    detection: { selector: "data", paginator: cursor("next_cursor", "cursor", "has_more") },
    why: "detection has seen the flag's value; init, which sees only that the schema declares it, stops on the cursor alone (a has_more_path that is missing would stop the sync)",
  },
];

/** The JSON Schema a spec would declare for `value` (absolute URLs as `format: uri`). */
function schemaOf(value: unknown): object {
  if (Array.isArray(value)) return { type: "array", items: schemaOf(value[0] ?? {}) };
  if (value === null) return { type: "string", nullable: true };
  if (typeof value === "object") return { type: "object", properties: Object.fromEntries(Object.entries(value).map(([k, v]) => [k, schemaOf(v)])) };
  if (typeof value === "number") return { type: Number.isInteger(value) ? "integer" : "number" };
  if (typeof value === "string" && /^https?:\/\//.test(value)) return { type: "string", format: "uri" };
  return { type: typeof value };
}

const PATHS = ["nextUrlPath", "cursorPath", "totalPath", "hasMorePath"];

/** A path of keys as the runtime's detection writes it (init may spell `meta.total-pages` for `meta['total-pages']`). */
function canonical(path: string): string {
  const segments = parsePath(path);
  const keys = segments.flatMap((s) => (s.kind === "key" ? [s.key] : []));
  return keys.length === segments.length ? formatPath(keys) : path;
}

/** The paginator's kind and the fields that name things (not the position, page size or maximum). */
function shape(spec: PaginatorSpec | { readonly type: string }): Readonly<Record<string, unknown>> {
  const { limit: _l, offset: _o, page: _p, basePage: _b, maximumOffset: _mo, maximumPage: _mp, ...rest } = spec as Record<string, unknown>;
  return Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, PATHS.includes(k) && typeof v === "string" ? canonical(v) : v]));
}

function byInit(c: Omit<Case, "expect">): Answer {
  const params = Object.entries(c.query ?? {}).map(([name, value]) => q(name, { type: typeof value === "number" ? "integer" : "string" }));
  const spec = loadFiles({ "openapi.json": doc({ "/items": get(schemaOf(c.body), params) }, { servers: [{ url: "https://api.test" }] }) }, "openapi.json");
  const result = initConfig(spec, { openapi: "openapi.json", out: "configs/t.json" });
  const [resource] = modelFromConfig(result.config, "configs/t.json", () => spec).resources;
  assert.ok(resource, `init found no list endpoint (${result.warnings.join("; ")})`);
  return { selector: canonical(resource.endpoint.dataSelector ?? "$"), paginator: shape(resource.endpoint.paginator) };
}

function byDetection(c: Omit<Case, "expect">): Answer {
  const url = new URL("https://api.test/items");
  for (const [name, value] of Object.entries(c.query ?? {})) if (value !== null) url.searchParams.set(name, String(value));
  const request: PageRequest = { method: "GET", url, headers: {} };
  const response: PageResponse = { url, status: 200, headers: new Headers(), body: c.body };
  const selector = detectDataSelector(c.body).path;
  const found = detectPaginator(request, response, createSelector(selector)(c.body));
  return { selector, paginator: shape(found.spec) };
}

for (const c of CASES) {
  test(`${c.name}: init and detection agree`, () => {
    assert.equal(byInit(c), c.expect, "init (from the schema)");
    assert.equal(byDetection(c), c.expect, "detection (from the body)");
  });
}

for (const d of DIFFERENCES) {
  test(`${d.name}: a known difference (${d.why})`, () => {
    assert.equal(byInit(d), d.init, "init (from the schema)");
    assert.equal(byDetection(d), d.detection, "detection (from the body)");
  });
}

test.run();
