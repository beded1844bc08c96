// Paginators that write their position into the JSON request body (dlt's *_body_path options).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ConfigError, PaginationError } from "../../../runtime/errors.ts";
import type { PageRequest } from "../../../runtime/http/request.ts";
import { createCursorPaginator, type CursorSpec } from "../../../runtime/paginators/cursor.ts";
import { createOffsetPaginator, type OffsetSpec } from "../../../runtime/paginators/offset.ts";
import { createPageNumberPaginator, type PageNumberSpec } from "../../../runtime/paginators/page-number.ts";
import { errorOf, get, items, respond, run } from "./script.ts";

const offsetSpec: OffsetSpec = {
  type: "offset",
  limit: 100,
  offset: 0,
  offsetParam: "offset",
  limitParam: "limit",
  offsetBodyPath: "paging.offset",
  limitBodyPath: "paging.limit",
  totalPath: "total",
  maximumOffset: null,
  stopAfterEmptyPage: true,
  hasMorePath: null,
};
const pageSpec: PageNumberSpec = {
  type: "page_number",
  basePage: 1,
  page: 1,
  pageParam: "page",
  pageBodyPath: "page",
  totalPath: "total_pages",
  maximumPage: null,
  stopAfterEmptyPage: true,
  hasMorePath: null,
};
const cursorSpec: CursorSpec = {
  type: "cursor",
  cursorPath: "next",
  cursorParam: "cursor",
  cursorBodyPath: "paging.cursor",
  stopAfterEmptyPage: false,
  hasMorePath: null,
};

/** `value` frozen all the way down, so any mutation throws. */
function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

const bodies = (requests: PageRequest[]): unknown[] => requests.map((r) => r.json);

test("offset and limit in a POST body: nested paths created, other keys kept, nothing in the query", () => {
  const input = deepFreeze({ query: "x", paging: { sort: "id" } });
  const page = { body: { total: 250, data: items(100) } };
  const { urls, requests, stopped } = run(createOffsetPaginator(offsetSpec), get("https://api.test/search?q=1", input), [page, page, page, page]);
  assert.equal(bodies(requests), [
    { query: "x", paging: { sort: "id", offset: 0, limit: 100 } },
    { query: "x", paging: { sort: "id", offset: 100, limit: 100 } },
    { query: "x", paging: { sort: "id", offset: 200, limit: 100 } },
  ]);
  assert.ok(stopped);
  assert.equal(urls, ["https://api.test/search?q=1", "https://api.test/search?q=1", "https://api.test/search?q=1"]);
  assert.ok(requests.every((r) => r.method === "POST"));
  assert.equal(input, { query: "x", paging: { sort: "id" } });
});

test("body path per value: offset in the body, limit as a query param", () => {
  const spec = { ...offsetSpec, limitBodyPath: null, limit: 10 };
  const { requests } = run(createOffsetPaginator(spec), get("https://api.test/s", {}), [
    { body: { total: 25, data: items(10) } },
    { body: { total: 25, data: items(10) } },
  ]);
  assert.equal(bodies(requests), [{ paging: { offset: 0 } }, { paging: { offset: 10 } }]);
  assert.equal(
    requests.map((r) => r.url.search),
    ["?limit=10", "?limit=10"],
  );
});

test("a request without a body gets one; a null body counts as none", () => {
  const p = createOffsetPaginator({ ...offsetSpec, offsetBodyPath: "offset", limitBodyPath: "limit" });
  assert.equal(p.first(get("https://api.test/s")).json, { offset: 0, limit: 100 });
  assert.equal(p.first(get("https://api.test/s", null)).json, { offset: 0, limit: 100 });
});

test("first() overwrites a position already in the body; the position is read back from the body", () => {
  const p = createOffsetPaginator({ ...offsetSpec, offset: 30, totalPath: null });
  const input = deepFreeze({ paging: { offset: 999, limit: 1 } });
  const first = p.first(get("https://api.test/s", input));
  assert.equal(first.json, { paging: { offset: 30, limit: 100 } });
  const next = p.next(first, respond(first, { body: {} }), items(100));
  assert.equal(next?.json, { paging: { offset: 130, limit: 100 } });
  assert.equal(input, { paging: { offset: 999, limit: 1 } });
});

test("one instance serves independent sequences (state is read from each request's body)", () => {
  const p = createOffsetPaginator(offsetSpec);
  const page = { body: { total: 250, data: items(100) } };
  const a = run(p, get("https://api.test/a", { k: "a" }), [page, page]);
  const b = run(p, get("https://api.test/b", { k: "b" }), [page]);
  assert.equal(bodies(a.requests), [
    { k: "a", paging: { offset: 0, limit: 100 } },
    { k: "a", paging: { offset: 100, limit: 100 } },
  ]);
  assert.equal(bodies(b.requests), [{ k: "b", paging: { offset: 0, limit: 100 } }]);
});

test("page number in the body: pages 1, 2, 3 then stop on the total", () => {
  const input = deepFreeze({ filter: { status: "open" } });
  const full = { body: { total_pages: 3, data: items(5) } };
  const { urls, requests, stopped } = run(createPageNumberPaginator(pageSpec), get("https://api.test/find", input), [full, full, full, full]);
  assert.equal(bodies(requests), [
    { filter: { status: "open" }, page: 1 },
    { filter: { status: "open" }, page: 2 },
    { filter: { status: "open" }, page: 3 },
  ]);
  assert.ok(stopped);
  assert.ok(urls.every((u) => u === "https://api.test/find"));
  assert.equal(input, { filter: { status: "open" } });
});

test("cursor in a nested body path: siblings kept, a number stays a number, a null cursor stops", () => {
  const input = deepFreeze({ query: "q", paging: { size: 10 } });
  const { urls, requests, stopped } = run(createCursorPaginator(cursorSpec), get("https://api.test/search?x=1", input), [
    { body: { next: "abc", data: items(10) } },
    { body: { next: 42, data: items(10) } },
    { body: { next: null, data: items(3) } },
  ]);
  assert.equal(bodies(requests), [
    { query: "q", paging: { size: 10 } },
    { query: "q", paging: { size: 10, cursor: "abc" } },
    { query: "q", paging: { size: 10, cursor: 42 } },
  ]);
  assert.ok(stopped);
  assert.ok(urls.every((u) => u === "https://api.test/search?x=1"));
  assert.equal(input, { query: "q", paging: { size: 10 } });
});

test("cursor body path without a body creates the nested objects", () => {
  const p = createCursorPaginator(cursorSpec);
  const r = get("https://api.test/x");
  assert.equal(p.next(r, respond(r, { body: { next: "n1" } }), items(1))?.json, { paging: { cursor: "n1" } });
});

test("a key on the way that is not an object → PaginationError naming it; a non-object body too", () => {
  const p = createCursorPaginator(cursorSpec);
  const next = (json: unknown) => {
    const r = get("https://api.test/x", json);
    return p.next(r, respond(r, { body: { next: "n" } }), items(1));
  };
  assert.throws(
    () => next({ paging: "flat" }),
    errorOf(PaginationError, /cursor_body_path `paging.cursor`: `paging` in the JSON request body is a string "flat", not an object/),
  );
  assert.throws(() => next({ paging: null }), errorOf(PaginationError, /`paging` in the JSON request body is a null/));
  assert.throws(() => next([1]), errorOf(PaginationError, /the JSON request body is a list, not an object/));
});

test("malformed body paths → ConfigError naming the option", () => {
  for (const path of ["", "a..b", ".a", "a."]) {
    assert.throws(() => createCursorPaginator({ ...cursorSpec, cursorBodyPath: path }), errorOf(ConfigError, /paginator\.cursor_body_path/));
  }
  assert.throws(() => createOffsetPaginator({ ...offsetSpec, limitBodyPath: "x..y" }), errorOf(ConfigError, /paginator\.limit_body_path/));
  assert.throws(() => createPageNumberPaginator({ ...pageSpec, pageBodyPath: "" }), errorOf(ConfigError, /paginator\.page_body_path/));
});

test("a body path on a request with a form body → ConfigError", () => {
  const p = createPageNumberPaginator(pageSpec);
  const request: PageRequest = { method: "POST", url: new URL("https://api.test/x"), headers: {}, form: { a: "1" } };
  assert.throws(() => p.first(request), errorOf(ConfigError, /page_body_path.*form body \(data\)/));
});

test("next() on a body without the position, or with a non-integer → PaginationError", () => {
  const p = createOffsetPaginator(offsetSpec);
  const bare = get("https://api.test/x", { paging: {} });
  assert.throws(() => p.next(bare, respond(bare, { body: { total: 5 } }), items(1)), errorOf(PaginationError, /no `paging.offset` body path/));
  const bad = get("https://api.test/x", { paging: { offset: 1.5 } });
  assert.throws(
    () => p.next(bad, respond(bad, { body: { total: 5 } }), items(1)),
    errorOf(PaginationError, /`paging.offset` body path of the request is not an integer/),
  );
});

test("`__proto__` in a body path writes an own key and pollutes nothing", () => {
  const p = createCursorPaginator({ ...cursorSpec, cursorBodyPath: "__proto__.polluted" });
  const r = get("https://api.test/x", {});
  const next = p.next(r, respond(r, { body: { next: "yes" } }), items(1));
  assert.is(({} as Record<string, unknown>)["polluted"], undefined);
  assert.is(JSON.stringify(next?.json), '{"__proto__":{"polluted":"yes"}}');
});

test.run();
