// Conformance, research §4.3 (paginators 84–92): each paginator driven through the runtime client against
// scripted mock responses — which requests go out, how many records each page has, when paging stops and
// which responses are errors. Plus the mock API's own paging styles end to end.
//
// Covered in e2e-bodies.test.ts: 88 and the body-path halves of 89/90/91 (`*_body_path`).
// Not applicable, skipped:
// - 90 "re-init resets to the initial page": paginators here are pure functions of the request (no state to
//   reset); per-parent restarts are dlt-bugs.test.ts (#1921/#3685/#3772).
// - 89/90 "termination guard": a paginator that could never stop is a config error (config-validation.test.ts).
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { PageRequest } from "../../runtime/http/request.ts";
import { createPaginator } from "../../runtime/paginators/index.ts";
import type { PaginatorSpec } from "../../runtime/connector.ts";
import { startMockApi, type MockApi, type PaginationMode } from "../mock-api/server.ts";
import { failure, modelOf, pagesOf, rows, script, type Config, type Scripted } from "./support.ts";

let api: MockApi;

test.before(async () => {
  api = await startMockApi({ records: 25 });
});
test.after(async () => api.close());
test.before.each(() => {
  api.setOptions({ faults: [], pagination: "offset", records: 25 });
  api.requests.length = 0;
});

function config(endpoint: Record<string, unknown>): Config {
  return { name: "conformance", client: { base_url: api.url }, resources: [{ name: "items", endpoint: { path: "/p", data_selector: "data", ...endpoint } }] };
}

/** A scripted page at /p for requests whose query has `query` (an empty query matches any request: put it last). */
const page = (query: Record<string, string>, body: unknown, headers?: Record<string, string>): Scripted => ({
  when: { path: "/p", query },
  body,
  ...(headers ? { headers } : {}),
});

interface Case {
  readonly name: string;
  readonly paginator: unknown;
  readonly pages: (url: string) => Scripted[];
  readonly params?: Record<string, unknown>;
  /** Queries of the requests sent, in order. */
  readonly requests: Record<string, string>[];
  /** Records per page; omitted when the run fails. */
  readonly sizes?: number[];
  /** The failure's message must contain this. */
  readonly error?: string;
}

const CASES: readonly Case[] = [
  // 89: offset
  {
    name: "89 offset: total 20, limit 10 → offsets 0 and 10, then stop",
    paginator: { type: "offset", limit: 10 },
    pages: () => [page({ offset: "10" }, { data: rows(10, 11), total: 20 }), page({}, { data: rows(10), total: 20 })],
    requests: [
      { offset: "0", limit: "10" },
      { offset: "10", limit: "10" },
    ],
    sizes: [10, 10],
  },
  {
    name: "89 offset: a numeric string total is fine",
    paginator: { type: "offset", limit: 10 },
    pages: () => [page({ offset: "10" }, { data: rows(10, 11), total: "20" }), page({}, { data: rows(10), total: "20" })],
    requests: [
      { offset: "0", limit: "10" },
      { offset: "10", limit: "10" },
    ],
    sizes: [10, 10],
  },
  {
    name: "89 offset: a total that is not an integer is an error",
    paginator: { type: "offset", limit: 10 },
    pages: () => [page({}, { data: rows(10), total: "many" })],
    requests: [{ offset: "0", limit: "10" }],
    error: 'offset paginator: total_path `total` is not an integer (found string "many")',
  },
  {
    name: "89 offset: a missing total is an error",
    paginator: { type: "offset", limit: 10 },
    pages: () => [page({}, { data: rows(10), count: 20 })],
    requests: [{ offset: "0", limit: "10" }],
    error: "offset paginator: total_path `total` not found in the response",
  },
  {
    name: "89 offset: offset 123 and limit 42 go on the first request; the next offset is 165",
    paginator: { type: "offset", offset: 123, limit: 42 },
    pages: () => [page({ offset: "165" }, { data: [], total: 1000 }), page({}, { data: rows(42), total: 1000 })],
    requests: [
      { offset: "123", limit: "42" },
      { offset: "165", limit: "42" },
    ],
    sizes: [42, 0],
  },
  {
    name: "89 offset: maximum_offset 100 with limit 50 → 2 pages",
    paginator: { type: "offset", limit: 50, maximum_offset: 100, total_path: null },
    pages: () => [page({}, { data: rows(50) })],
    requests: [
      { offset: "0", limit: "50" },
      { offset: "50", limit: "50" },
    ],
    sizes: [50, 50],
  },
  {
    name: "89 offset: an empty page stops (no total needed)",
    paginator: { type: "offset", limit: 10, total_path: null },
    pages: () => [page({ offset: "10" }, { data: [] }), page({}, { data: rows(10) })],
    requests: [
      { offset: "0", limit: "10" },
      { offset: "10", limit: "10" },
    ],
    sizes: [10, 0],
  },
  {
    name: "89 offset: has_more false stops",
    paginator: { type: "offset", limit: 10, total_path: null, has_more_path: "has_more" },
    pages: () => [page({}, { data: rows(10), has_more: false })],
    requests: [{ offset: "0", limit: "10" }],
    sizes: [10],
  },
  {
    name: '89 offset: has_more "true" continues',
    paginator: { type: "offset", limit: 10, total_path: null, has_more_path: "has_more" },
    pages: () => [page({ offset: "10" }, { data: rows(5, 11), has_more: "false" }), page({}, { data: rows(10), has_more: "true" })],
    requests: [
      { offset: "0", limit: "10" },
      { offset: "10", limit: "10" },
    ],
    sizes: [10, 5],
  },
  {
    name: '89 offset: has_more "invalid" is an error',
    paginator: { type: "offset", limit: 10, total_path: null, has_more_path: "has_more" },
    pages: () => [page({}, { data: rows(10), has_more: "invalid" })],
    requests: [{ offset: "0", limit: "10" }],
    error: "offset paginator: has_more_path `has_more` is not a boolean or one of yes/true/t/y/1/no/false/f/n/0",
  },
  {
    name: "89 offset: a missing has_more is an error",
    paginator: { type: "offset", limit: 10, total_path: null, has_more_path: "has_more" },
    pages: () => [page({}, { data: rows(10) })],
    requests: [{ offset: "0", limit: "10" }],
    error: "offset paginator: has_more_path `has_more` not found in the response",
  },
  // 90: page_number
  {
    name: "90 page_number: base 1, total 3 → pages 1, 2, 3 with the default param `page`",
    paginator: { type: "page_number", base_page: 1, total_path: "total_pages" },
    pages: () => [page({}, { data: rows(2), total_pages: 3 })],
    requests: [{ page: "1" }, { page: "2" }, { page: "3" }],
    sizes: [2, 2, 2],
  },
  {
    name: "90 page_number: a 0-based API (dlt's default base) with a string total",
    paginator: { type: "page_number", total_path: "pages" },
    pages: () => [page({}, { data: rows(2), pages: "2" })],
    requests: [{ page: "0" }, { page: "1" }],
    sizes: [2, 2],
  },
  {
    name: "90 page_number: an empty page stops",
    paginator: { type: "page_number", base_page: 1, total_path: null },
    pages: () => [page({ page: "2" }, { data: [] }), page({}, { data: rows(2) })],
    requests: [{ page: "1" }, { page: "2" }],
    sizes: [2, 0],
  },
  {
    name: "90 page_number: maximum_page 3 with base 1 → pages 1 and 2",
    paginator: { type: "page_number", base_page: 1, maximum_page: 3, total_path: null },
    pages: () => [page({}, { data: rows(2) })],
    requests: [{ page: "1" }, { page: "2" }],
    sizes: [2, 2],
  },
  {
    name: "90 page_number: a custom param and first page",
    paginator: { type: "page_number", base_page: 1, page: 2, page_param: "p", total_path: "total" },
    pages: () => [page({}, { data: rows(2), total: 3 })],
    requests: [{ p: "2" }, { p: "3" }],
    sizes: [2, 2],
  },
  {
    name: "90 page_number: a missing total is an error",
    paginator: { type: "page_number", base_page: 1 },
    pages: () => [page({}, { data: rows(2) })],
    requests: [{ page: "1" }],
    error: "page_number paginator: total_path `total` not found in the response",
  },
  {
    name: '90 page_number: has_more false stops, "yes" continues',
    paginator: { type: "page_number", base_page: 1, total_path: null, has_more_path: "meta.more" },
    pages: () => [page({ page: "2" }, { data: rows(1), meta: { more: false } }), page({}, { data: rows(2), meta: { more: "yes" } })],
    requests: [{ page: "1" }, { page: "2" }],
    sizes: [2, 1],
  },
  // 91: cursor
  {
    name: "91 cursor: a cursor continues, an empty-string cursor stops",
    paginator: { type: "cursor", cursor_path: "next" },
    pages: () => [page({ cursor: "a" }, { data: rows(2), next: "" }), page({}, { data: rows(2), next: "a" })],
    requests: [{}, { cursor: "a" }],
    sizes: [2, 2],
  },
  {
    name: "91 cursor: the default cursor_path cursors.next, sent as a custom param",
    paginator: { type: "cursor", cursor_param: "after" },
    pages: () => [page({ after: "c1" }, { data: rows(1), cursors: { next: null } }), page({}, { data: rows(2), cursors: { next: "c1" } })],
    requests: [{}, { after: "c1" }],
    sizes: [2, 1],
  },
  {
    name: "91 cursor: stop_after_empty_page stops on an empty page despite a cursor",
    paginator: { type: "cursor", cursor_path: "next", stop_after_empty_page: true },
    pages: () => [page({ cursor: "a" }, { data: [], next: "b" }), page({}, { data: rows(2), next: "a" })],
    requests: [{}, { cursor: "a" }],
    sizes: [2, 0],
  },
  {
    name: "91 cursor: has_more false stops despite a cursor",
    paginator: { type: "cursor", cursor_path: "next", has_more_path: "has_more" },
    pages: () => [page({}, { data: rows(2), next: "a", has_more: false })],
    requests: [{}],
    sizes: [2],
  },
  {
    name: '91 cursor: has_more "false" stops despite a cursor',
    paginator: { type: "cursor", cursor_path: "next", has_more_path: "has_more" },
    pages: () => [page({}, { data: rows(2), next: "a", has_more: "false" })],
    requests: [{}],
    sizes: [2],
  },
  {
    name: "91 cursor: has_more true continues, even after an empty page",
    paginator: { type: "cursor", cursor_path: "next", has_more_path: "has_more" },
    pages: () => [
      page({ cursor: "b" }, { data: rows(1), next: null, has_more: false }),
      page({ cursor: "a" }, { data: [], next: "b", has_more: true }),
      page({}, { data: rows(2), next: "a", has_more: true }),
    ],
    requests: [{}, { cursor: "a" }, { cursor: "b" }],
    sizes: [2, 0, 1],
  },
  {
    name: "91 cursor: a missing has_more is an error",
    paginator: { type: "cursor", cursor_path: "next", has_more_path: "has_more" },
    pages: () => [page({}, { data: rows(2), next: "a" })],
    requests: [{}],
    error: "cursor paginator: has_more_path `has_more` not found in the response",
  },
  // 92: header_cursor
  {
    name: "92 header_cursor: a header value continues (sent as the configured param), a missing header stops",
    paginator: { type: "header_cursor", cursor_key: "X-Next", cursor_param: "after" },
    pages: () => [page({ after: "c1" }, { data: rows(1) }), page({}, { data: rows(2) }, { "x-next": "c1" })],
    requests: [{}, { after: "c1" }],
    sizes: [2, 1],
  },
  // 84: header_link
  {
    name: "84 header_link: a `next` rel continues, its absence stops",
    paginator: "header_link",
    pages: (url) => [
      page({ page: "2" }, { data: rows(1) }, { link: `<${url}/p?page=1>; rel="prev"` }),
      page({}, { data: rows(2) }, { link: `<${url}/p?page=2>; rel="next", <${url}/p?page=9>; rel="last"` }),
    ],
    requests: [{}, { page: "2" }],
    sizes: [2, 1],
  },
  {
    name: "84 header_link: a custom links_next_key",
    paginator: { type: "header_link", links_next_key: "forward" },
    pages: (url) => [
      page({ page: "2" }, { data: rows(1) }),
      page({}, { data: rows(2) }, { link: `<${url}/p?page=9>; rel="next", <${url}/p?page=2>; rel="forward"` }),
    ],
    requests: [{}, { page: "2" }],
    sizes: [2, 1],
  },
  // 85: json_link
  ...(
    [
      ["the default path `next`", "json_link", (link: string) => ({ next: link })],
      ["an explicit path", { type: "json_link", next_url_path: "paging.next" }, (link: string) => ({ paging: { next: link } })],
      ["a nested `next_page.url`", { type: "json_link", next_url_path: "next_page.url" }, (link: string) => ({ next_page: { url: link } })],
      ["`['@odata.nextLink']`", { type: "json_link", next_url_path: "['@odata.nextLink']" }, (link: string) => ({ "@odata.nextLink": link })],
      ['`["@odata.nextLink"]`', { type: "json_link", next_url_path: '["@odata.nextLink"]' }, (link: string) => ({ "@odata.nextLink": link })],
    ] as const
  ).map(
    ([how, paginator, linkAt]): Case => ({
      name: `85 json_link: ${how}; a missing link stops`,
      paginator,
      pages: (url) => [page({ page: "2" }, { data: rows(1) }), page({}, { data: rows(2), ...linkAt(`${url}/p?page=2`) })],
      requests: [{}, { page: "2" }],
      sizes: [2, 1],
    }),
  ),
  // 87: single_page
  {
    name: "87 single_page: stops even with a `next` in the body and a Link header",
    paginator: "single_page",
    pages: (url) => [page({}, { data: rows(2), next: `${url}/p?page=2` }, { link: `<${url}/p?page=2>; rel="next"` })],
    requests: [{}],
    sizes: [2],
  },
];

for (const c of CASES) {
  test(`§4.3 ${c.name}`, async () => {
    script(api, c.pages(api.url));
    const run = pagesOf(config({ paginator: c.paginator, ...(c.params ? { params: c.params } : {}) }));
    if (c.error === undefined)
      assert.equal(
        (await run).map((p) => p.length),
        c.sizes,
      );
    else assert.match((await failure(run)).message, c.error);
    assert.equal(
      api.requests.map((r) => r.query),
      c.requests,
    );
  });
}

// 86: next links resolve against the current request URL; the link's query replaces the old one.
const NEXT_LINKS: readonly [string, string, string][] = [
  ["https://api.example.com/v1/items?page=1", "https://api.example.com/v1/items?page=2", "https://api.example.com/v1/items?page=2"],
  ["https://api.example.com/v1/items?page=1", "/v1/items?page=2", "https://api.example.com/v1/items?page=2"],
  ["https://api.example.com/v1/items?page=1", "items?page=2", "https://api.example.com/v1/items?page=2"],
  ["https://api.example.com/v1/items?page=1", "?page=2", "https://api.example.com/v1/items?page=2"],
  ["https://api.example.com/v1/items/page/1", "../page/2", "https://api.example.com/v1/items/page/2"],
  ["https://api.example.com:8443/v1/items", "https://api.example.com:8443/v1/items?page=2", "https://api.example.com:8443/v1/items?page=2"],
  ["https://api.example.com/v1/items?q=a%20b&page=1", "/v1/items?q=a%20b&page=2", "https://api.example.com/v1/items?q=a%20b&page=2"],
  ["https://api.example.com/v1/items?status=open&limit=10&page=1", "/v1/items?page=2", "https://api.example.com/v1/items?page=2"],
  ["https://api.example.com/v1/items?status=open&page=1", "/v1/items?status=open&page=2", "https://api.example.com/v1/items?status=open&page=2"],
];

for (const [current, link, next] of NEXT_LINKS) {
  test(`§4.3 86: next link ${JSON.stringify(link)} from ${current}`, () => {
    const spec = modelOf(config({ paginator: "json_link" })).resources[0]?.endpoint.paginator as PaginatorSpec;
    const request: PageRequest = { method: "GET", url: new URL(current), headers: {} };
    const following = createPaginator(spec).next(request, { url: request.url, status: 200, headers: new Headers(), body: { next: link } }, [{}]);
    assert.is(following?.url.href, next);
  });
}

// 84/91/92 end to end: the mock API's own paging styles, 25 records in pages of 10 (5 for header_link).
const MOCK: readonly [PaginationMode, unknown, string, Record<string, unknown>, number[]][] = [
  ["header_link", "header_link", "$", { limit: 5 }, [5, 5, 5, 5, 5]],
  ["cursor", { type: "cursor", cursor_path: "next_cursor" }, "data", { limit: 10 }, [10, 10, 5]],
  ["header_cursor", { type: "header_cursor", cursor_key: "X-Next-Cursor" }, "data", { limit: 10 }, [10, 10, 5]],
  ["page_number", { type: "page_number", base_page: 1, total_path: "total_pages" }, "data", { page_size: 10 }, [10, 10, 5]],
];

for (const [mode, paginator, selector, params, sizes] of MOCK) {
  test(`§4.3 84/91/92: ${mode} end to end over GET`, async () => {
    api.setOptions({ pagination: mode });
    const pages = await pagesOf(config({ path: "/v1/resource", data_selector: selector, paginator, params }));
    assert.equal(
      pages.map((p) => p.length),
      sizes,
    );
  });
}

test("§4.3 91: cursor end to end over POST", async () => {
  api.setOptions({ pagination: "cursor" });
  const pages = await pagesOf(config({ path: "/v1/resource", method: "POST", json: { limit: 10 }, paginator: { type: "cursor", cursor_path: "next_cursor" } }));
  assert.equal(
    pages.map((p) => p.length),
    [10, 10, 5],
  );
  assert.ok(api.requests.every((r) => r.method === "POST" && r.body === '{"limit":10}'));
});

test.run();
