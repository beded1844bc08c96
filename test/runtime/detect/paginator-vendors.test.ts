// detectPaginator on real-world envelopes dlt does not detect or gets wrong.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { detectDataSelector } from "../../../runtime/detect/data-selector.ts";
import { detectPaginator } from "../../../runtime/detect/paginator.ts";
import type { PageRequest, PageResponse } from "../../../runtime/http/request.ts";
import { createPaginator } from "../../../runtime/paginators/index.ts";
import { createSelector } from "../../../runtime/select/records.ts";
import { getPath } from "../../../runtime/select/jsonpath.ts";
import type { PaginatorSpec } from "../../../runtime/spec.ts";

/** One response shape and what detection must find. */
interface DetectCase {
  readonly name: string;
  /** Request URL; defaults to https://api.test/items. */
  readonly url?: string;
  readonly headers?: Record<string, string>;
  readonly body: unknown;
  readonly selector: string;
  readonly spec: PaginatorSpec;
  readonly confident: boolean;
  /** The reason must match. */
  readonly reason?: RegExp;
}

const two = [
  { id: 1, name: "Item 1" },
  { id: 2, name: "Item 2" },
];

const single = { type: "single_page" } as const;
const jsonLink = (nextUrlPath: string): PaginatorSpec => ({ type: "json_link", nextUrlPath });
const cursor = (cursorPath: string, cursorParam: string, hasMorePath: string | null = null): PaginatorSpec => ({
  type: "cursor",
  cursorPath,
  cursorParam,
  stopAfterEmptyPage: false,
  hasMorePath,
});
const offset = (o: { limit: number; offset: number; offsetParam?: string; limitParam?: string; totalPath: string | null; hasMorePath?: string }): PaginatorSpec => ({
  type: "offset",
  limit: o.limit,
  offset: o.offset,
  offsetParam: o.offsetParam ?? "offset",
  limitParam: o.limitParam ?? "limit",
  totalPath: o.totalPath,
  maximumOffset: null,
  stopAfterEmptyPage: true,
  hasMorePath: o.hasMorePath ?? null,
});
const pages = (o: { basePage: number; page: number; pageParam?: string; totalPath: string | null; hasMorePath?: string }): PaginatorSpec => ({
  type: "page_number",
  basePage: o.basePage,
  page: o.page,
  pageParam: o.pageParam ?? "page",
  totalPath: o.totalPath,
  maximumPage: null,
  stopAfterEmptyPage: true,
  hasMorePath: o.hasMorePath ?? null,
});

/** Real-world envelopes beyond dlt's table. */
const cases: readonly DetectCase[] = [
  {
    name: "{data, total, offset, limit}",
    body: { data: two, total: 57, offset: 0, limit: 2 },
    selector: "data",
    spec: offset({ limit: 2, offset: 0, totalPath: "total" }),
    confident: true,
  },
  {
    name: "{items, total_count, skip, take}",
    body: { items: two, total_count: 9, skip: 0, take: 2 },
    selector: "items",
    spec: offset({ limit: 2, offset: 0, offsetParam: "skip", limitParam: "take", totalPath: "total_count" }),
    confident: true,
  },
  {
    name: "offset from the request query, total in the body, limit from the records",
    url: "https://api.test/items?start=0",
    body: { results: two, totalResults: 40 },
    selector: "results",
    spec: offset({ limit: 2, offset: 0, offsetParam: "start", totalPath: "totalResults" }),
    confident: true,
    reason: /the request's `start` param.*limit 2 = the records on this page/,
  },
  {
    name: "PagerDuty {limit, offset, more, total: null}",
    body: { incidents: two, limit: 25, offset: 0, more: true, total: null },
    selector: "incidents",
    spec: offset({ limit: 25, offset: 0, totalPath: null, hasMorePath: "more" }),
    confident: true,
  },
  {
    name: "DRF-style `count` that equals the page is ambiguous",
    body: { results: two, count: 2, offset: 0, limit: 2 },
    selector: "results",
    spec: offset({ limit: 2, offset: 0, totalPath: "count" }),
    confident: false,
    reason: /may count the page/,
  },
  {
    name: "offset and limit in the query, a bare list body",
    url: "https://api.test/items?offset=0&limit=50",
    body: two,
    selector: "$",
    spec: offset({ limit: 50, offset: 0, totalPath: null }),
    confident: false,
    reason: /stops at the first empty page/,
  },
  {
    name: "page in the query, a bare list body",
    url: "https://api.test/items?page=1&per_page=2",
    body: two,
    selector: "$",
    spec: pages({ basePage: 1, page: 1, totalPath: null }),
    confident: false,
    reason: /param `page` from the request/,
  },
  {
    name: "page in the query (0-based) with a page count",
    url: "https://api.test/items?pageNumber=0",
    body: { content: two, totalPages: 3 },
    selector: "content",
    spec: pages({ basePage: 0, page: 0, pageParam: "pageNumber", totalPath: "totalPages" }),
    confident: true,
  },
  {
    name: "a page count without any page echo: 1-based assumed",
    body: { data: two, total_pages: 4 },
    selector: "data",
    spec: pages({ basePage: 1, page: 1, totalPath: "total_pages" }),
    confident: false,
    reason: /no page echo/,
  },
  {
    name: "OData @odata.nextLink",
    body: { "@odata.context": "https://svc.test/$metadata#People", value: two, "@odata.nextLink": "https://svc.test/People?$skiptoken=8" },
    selector: "value",
    spec: jsonLink("['@odata.nextLink']"),
    confident: true,
  },
  {
    name: "Google nextPageToken",
    body: { kind: "drive#fileList", files: two, nextPageToken: "tok-2" },
    selector: "files",
    spec: cursor("nextPageToken", "pageToken"),
    confident: true,
  },
  {
    name: "Twilio-style PascalCase NextPageToken keeps its case",
    body: { Items: two, NextPageToken: "t" },
    selector: "Items",
    spec: cursor("NextPageToken", "PageToken"),
    confident: true,
  },
  {
    name: "Slack response_metadata.next_cursor",
    body: { ok: true, channels: two, response_metadata: { next_cursor: "dGVhbTpDMDYxRkE1UEI=" } },
    selector: "channels",
    spec: cursor("response_metadata.next_cursor", "cursor"),
    confident: true,
  },
  {
    name: "Slack last page: next_cursor is empty",
    body: { ok: true, members: two, response_metadata: { next_cursor: "" } },
    selector: "members",
    spec: cursor("response_metadata.next_cursor", "cursor"),
    confident: true,
    reason: /empty on this page/,
  },
  {
    name: "a null next_cursor beside has_more",
    body: { data: two, pagination: { next_cursor: null, has_more: false } },
    selector: "data",
    spec: cursor("pagination.next_cursor", "cursor", "pagination.has_more"),
    confident: true,
  },
  {
    name: "Chargebee next_offset → param offset",
    body: { list: two, next_offset: '["1517218683000","230000089"]' },
    selector: "list",
    spec: cursor("next_offset", "offset"),
    confident: true,
  },
  {
    name: "HubSpot paging.next with a link → json_link",
    body: { results: two, paging: { next: { after: "NTI1Cg%3D%3D", link: "https://api.hubapi.com/crm/v3/objects/contacts?after=NTI1Cg%3D%3D" } } },
    selector: "results",
    spec: jsonLink("paging.next.link"),
    confident: true,
  },
  {
    name: "paging.next.after without a link → cursor `after`",
    body: { results: two, paging: { next: { after: "NTI1" } } },
    selector: "results",
    spec: cursor("paging.next.after", "after"),
    confident: true,
  },
  {
    name: "Relay pageInfo {hasNextPage, endCursor}",
    body: { edges: two, pageInfo: { hasNextPage: true, endCursor: "Y3Vy" } },
    selector: "edges",
    spec: cursor("pageInfo.endCursor", "after", "pageInfo.hasNextPage"),
    confident: true,
  },
  {
    name: "a cursor the request already sends is echoed under its own name",
    url: "https://api.test/items?marker=",
    body: { items: two, next_marker: "m2" },
    selector: "items",
    spec: cursor("next_marker", "marker"),
    confident: true,
  },
  {
    name: "next_page as a number is a cursor sent as `page`",
    body: { data: two, next_page: 2 },
    selector: "data",
    spec: cursor("next_page", "page"),
    confident: false,
  },
  {
    name: "Stripe list: has_more, no cursor → single page, flagged",
    url: "https://api.test/v1/customers?limit=2",
    body: { object: "list", url: "/v1/customers", has_more: true, data: [{ id: "cus_1" }, { id: "cus_2" }] },
    selector: "data",
    spec: single,
    confident: false,
    reason: /`has_more` says whether more pages follow.*`starting_after` = the `id` of the last record \(Stripe style\).*cannot express/,
  },
  {
    name: "Asana next_page {offset, path, uri} → json_link on the URI",
    body: {
      data: two,
      next_page: { offset: "eyJ0eXAiOJiKV1iQLCJhbGciOiJIUzI1NiJ9", path: "/tasks?limit=2&offset=eyJ0", uri: "https://app.asana.com/api/1.0/tasks?limit=2&offset=eyJ0" },
    },
    selector: "data",
    spec: jsonLink("next_page.uri"),
    confident: true,
    reason: /`next_page` is an object whose `uri` holds the next page's URL, so the path is `next_page.uri`; its other fields \(`offset`, `path`\) are not needed/,
  },
  {
    name: "Front _pagination.next",
    body: { _pagination: { next: "https://api2.frontapp.com/conversations?page_token=abc" }, _links: { self: "https://api2.frontapp.com/conversations" }, _results: two },
    selector: "_results",
    spec: jsonLink("_pagination.next"),
    confident: true,
  },
  {
    name: "Twilio meta.next_page_url",
    body: { calls: two, meta: { page: 0, page_size: 2, next_page_url: "https://api.twilio.com/2010-04-01/Calls.json?Page=1&PageToken=PA1" } },
    selector: "calls",
    spec: jsonLink("meta.next_page_url"),
    confident: true,
  },
  {
    name: "DRF last page: next null beside previous → json_link",
    body: { count: 2, next: null, previous: null, results: two },
    selector: "results",
    spec: jsonLink("next"),
    confident: true,
    reason: /null on this page/,
  },
  {
    name: "Laravel next_page_url null → json_link",
    body: { current_page: 1, data: two, last_page: 1, next_page_url: null, per_page: 15, total: 2 },
    selector: "data",
    spec: jsonLink("next_page_url"),
    confident: true,
  },
  {
    name: "Link header on the last page (prev and first only)",
    headers: { link: '<https://api.test/items?page=1>; rel="first", <https://api.test/items?page=2>; rel="prev"' },
    body: two,
    selector: "$",
    spec: { type: "header_link", linksNextKey: "next" },
    confident: true,
    reason: /last page/,
  },
  {
    name: "a full-looking bare list is flagged",
    body: Array.from({ length: 100 }, (_, id) => ({ id })),
    selector: "$",
    spec: single,
    confident: false,
    reason: /exactly 100 records/,
  },
  {
    name: "X-Total-Count larger than the page is flagged",
    headers: { "x-total-count": "41" },
    body: two,
    selector: "$",
    spec: single,
    confident: false,
    reason: /`X-Total-Count` header says 41/,
  },
  {
    name: "a base64 cursor starting with `/` is a cursor, not a relative link",
    body: { data: two, next_cursor: "/3fAbc+9==" },
    selector: "data",
    spec: cursor("next_cursor", "cursor"),
    confident: true,
  },
  {
    name: "a next link that is only a query string",
    body: { data: two, next: "?page=2" },
    selector: "data",
    spec: jsonLink("next"),
    confident: true,
    reason: /relative link/,
  },
  {
    name: "a lone null `next` is flagged, not guessed",
    body: { data: two, next: null },
    selector: "data",
    spec: single,
    confident: false,
    reason: /`next` is null here/,
  },
  {
    name: "a record with a next* date is not a cursor",
    body: { id: 7, next_maintenance: "2024-05-01", total: 99 },
    selector: "$",
    spec: single,
    confident: true,
  },
  {
    name: "an offset echo without total is flagged, not guessed",
    body: { data: two, offset: 0, limit: 2 },
    selector: "data",
    spec: single,
    confident: false,
    reason: /`offset` looks like an offset/,
  },
];
/** Every body path a spec names. */
function bodyPaths(spec: PaginatorSpec): string[] {
  switch (spec.type) {
    case "offset":
    case "page_number":
      return [spec.totalPath, spec.hasMorePath].filter((p): p is string => p !== null);
    case "cursor":
      return [spec.cursorPath, ...(spec.hasMorePath === null ? [] : [spec.hasMorePath])];
    case "json_link":
      return [spec.nextUrlPath];
    default:
      return [];
  }
}

function run(c: DetectCase): void {
  const request: PageRequest = { method: "GET", url: new URL(c.url ?? "https://api.test/items"), headers: {} };
  const response: PageResponse = { url: request.url, status: 200, headers: new Headers(c.headers ?? {}), body: c.body };
  const selector = detectDataSelector(c.body);
  assert.is(selector.path, c.selector, "data selector");
  const records = createSelector(selector.path)(c.body);
  const found = detectPaginator(request, response, records);
  assert.equal(found.spec, c.spec);
  assert.is(found.confident, c.confident, `confident (reason: ${found.reason})`);
  if (c.reason !== undefined) assert.match(found.reason, c.reason);
  for (const path of bodyPaths(found.spec)) assert.ok(getPath(c.body, path) !== undefined, `\`${path}\` resolves`);
  createPaginator(found.spec); // a complete, valid spec: throws otherwise
}

for (const c of cases) test(c.name, () => run(c));

test.run();
