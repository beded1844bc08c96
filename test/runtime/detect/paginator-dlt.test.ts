// detectPaginator on the 22 response shapes of dlt's detector tests (research §1.8.1).
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

/** The 22 response shapes of dlt's detector tests (research §1.8.1), with our answers. */
const cases: readonly DetectCase[] = [
  {
    name: "dlt 1: pagination {offset, limit, total} (dlt: single page)",
    body: { data: two, pagination: { offset: 0, limit: 2, total: 100 } },
    selector: "data",
    spec: offset({ limit: 2, offset: 0, totalPath: "pagination.total" }),
    confident: true,
    reason: /`pagination.offset` echoes it\); limit 2 from `pagination.limit`; total from `pagination.total`/,
  },
  {
    name: "dlt 2: page_info.total_pages with current_page",
    body: { items: two, page_info: { current_page: 1, items_per_page: 2, total_pages: 50 } },
    selector: "items",
    spec: pages({ basePage: 1, page: 1, totalPath: "page_info.total_pages" }),
    confident: false,
    reason: /`page_info.total_pages` is the page count; param `page` guessed; pages count from 1 \(`page_info.current_page` echoes 1\)/,
  },
  {
    name: "dlt 3: next_cursor",
    body: { products: two, next_cursor: "eyJpZCI6MTAyfQ==" },
    selector: "products",
    spec: cursor("next_cursor", "cursor"),
    confident: true,
  },
  {
    name: "dlt 4: cursors.next",
    body: { results: two, cursors: { next: "NjM=", previous: "MTk=" } },
    selector: "results",
    spec: cursor("cursors.next", "cursor"),
    confident: true,
  },
  {
    name: "dlt 5: next_id: 33 (param unknown)",
    body: { entries: two, next_id: 33, limit: 2 },
    selector: "entries",
    spec: cursor("next_id", "cursor"),
    confident: false,
    reason: /by its `next` prefix only.*guessed/,
  },
  {
    name: "dlt 6: page_number echo 3 with total_pages",
    body: { comments: two, page_number: 3, total_pages: 15 },
    selector: "comments",
    spec: pages({ basePage: 1, page: 3, pageParam: "page_number", totalPath: "total_pages" }),
    confident: true,
    reason: /this is page 3/,
  },
  {
    name: "dlt 7: DRF next/previous/results",
    body: { count: 1023, next: "https://api.example.org/accounts/?page=5", previous: "https://api.example.org/accounts/?page=3", results: two },
    selector: "results",
    spec: jsonLink("next"),
    confident: true,
  },
  {
    name: "dlt 8: HAL _embedded + _links.next.href",
    body: {
      _embedded: { items: two },
      _links: {
        first: { href: "http://api.example.com/items?page=0&size=2" },
        self: { href: "http://api.example.com/items?page=1&size=2" },
        next: { href: "http://api.example.com/items?page=2&size=2" },
        last: { href: "http://api.example.com/items?page=50&size=2" },
      },
      page: { size: 2, totalElements: 100, totalPages: 50, number: 1 },
    },
    selector: "_embedded.items",
    spec: jsonLink("_links.next.href"),
    confident: true,
  },
  {
    name: "dlt 9: links.nextPage relative",
    body: {
      items: two,
      meta: { currentPage: 1, pageSize: 2, totalPages: 50, totalItems: 100 },
      links: { firstPage: "/items?page=1&limit=2", previousPage: "/items?page=0&limit=2", nextPage: "/items?page=2&limit=2", lastPage: "/items?page=50&limit=2" },
    },
    selector: "items",
    spec: jsonLink("links.nextPage"),
    confident: true,
    reason: /relative link/,
  },
  {
    name: "dlt 10: pagination.totalPages with currentPage",
    body: { data: two, pagination: { currentPage: 1, pageSize: 2, totalPages: 5, totalItems: 10 } },
    selector: "data",
    spec: pages({ basePage: 1, page: 1, totalPath: "pagination.totalPages" }),
    confident: false,
  },
  {
    name: "dlt 11: pagination {page, perPage, total, totalPages}",
    body: { items: two, pagination: { page: 1, perPage: 2, total: 10, totalPages: 5 } },
    selector: "items",
    spec: pages({ basePage: 1, page: 1, totalPath: "pagination.totalPages" }),
    confident: true,
    reason: /param `page` named after `pagination.page`/,
  },
  {
    name: "dlt 12: links.next relative with links.previous null",
    body: {
      data: two,
      meta: { currentPage: 1, itemsPerPage: 2, totalItems: 10, totalPages: 5 },
      links: { first: "/api/items?page=1", previous: null, next: "/api/items?page=2", last: "/api/items?page=5" },
    },
    selector: "data",
    spec: jsonLink("links.next"),
    confident: true,
  },
  {
    name: "dlt 13: top-level page and pages",
    body: { page: 2, per_page: 10, total: 100, pages: 10, data: two },
    selector: "data",
    spec: pages({ basePage: 1, page: 2, totalPath: "pages" }),
    confident: true,
  },
  {
    name: "dlt 14: top-level currentPage and totalPages",
    body: { currentPage: 1, pageSize: 10, totalPages: 5, totalRecords: 50, items: two },
    selector: "items",
    spec: pages({ basePage: 1, page: 1, totalPath: "totalPages" }),
    confident: false,
  },
  {
    name: "dlt 15: paging {current, size, total} (undecidable: single page, flagged)",
    body: { articles: two, paging: { current: 3, size: 2, total: 60 } },
    selector: "articles",
    spec: single,
    confident: false,
    reason: /`paging.total` says 60 records, this page has 2; `paging.current` looks like a page number/,
  },
  {
    name: "dlt 16: top-level offset 40, limit, total_count (dlt: single page)",
    body: { feed: two, offset: 40, limit: 2, total_count: 200 },
    selector: "feed",
    spec: offset({ limit: 2, offset: 40, totalPath: "total_count" }),
    confident: true,
  },
  {
    name: "dlt 17: page_details {number, total_pages}",
    body: { query_results: two, page_details: { number: 1, size: 2, total_elements: 50, total_pages: 25 } },
    selector: "query_results",
    spec: pages({ basePage: 1, page: 1, totalPath: "page_details.total_pages" }),
    confident: false,
    reason: /`page_details.number` echoes 1/,
  },
  {
    name: "dlt 18: pagination_details {current_page 4, total_pages}",
    body: { posts: two, pagination_details: { current_page: 4, posts_per_page: 2, total_posts: 100, total_pages: 50 } },
    selector: "posts",
    spec: pages({ basePage: 1, page: 4, totalPath: "pagination_details.total_pages" }),
    confident: false,
  },
  {
    name: "dlt 19: page_metadata {index, total_pages}",
    body: { catalog: two, page_metadata: { index: 1, size: 2, total_items: 20, total_pages: 10 } },
    selector: "catalog",
    spec: pages({ basePage: 1, page: 1, totalPath: "page_metadata.total_pages" }),
    confident: false,
  },
  {
    name: "dlt 20: top-level list without Link",
    body: two,
    selector: "$",
    spec: single,
    confident: true,
  },
  {
    name: "dlt 21: top-level list with a Link rel=next",
    headers: { link: '<https://api.test/items?page=2>; rel="next", <https://api.test/items?page=9>; rel="last"' },
    body: two,
    selector: "$",
    spec: { type: "header_link", linksNextKey: "next" },
    confident: true,
  },
  {
    name: "dlt 22: a single object",
    body: { id: 101, product_name: "Product A" },
    selector: "$",
    spec: single,
    confident: true,
    reason: /one object/,
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
