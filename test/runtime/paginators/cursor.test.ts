import { test } from "uvu";
import * as assert from "uvu/assert";
import { PaginationError } from "../../../runtime/errors.ts";
import { createCursorPaginator, type CursorSpec } from "../../../runtime/paginators/cursor.ts";
import { errorOf, get, items, respond, run } from "./script.ts";

const base: CursorSpec = { type: "cursor", cursorPath: "cursors.next", cursorParam: "cursor", stopAfterEmptyPage: false, hasMorePath: null };
const cursors = (urls: string[]): (string | null)[] => urls.map((u) => new URL(u).searchParams.get("cursor"));

test("a cursor gives the next page; the cursor replaces the previous one", () => {
  const { urls, stopped } = run(createCursorPaginator(base), "https://api.test/x?q=1", [
    { body: { cursors: { next: "abc" }, data: items(2) } },
    { body: { cursors: { next: 42 }, data: items(2) } },
    { body: { cursors: { next: null }, data: items(2) } },
  ]);
  assert.equal(cursors(urls), [null, "abc", "42"]);
  assert.is(urls[2], "https://api.test/x?q=1&cursor=42");
  assert.ok(stopped);
});

const stops: [string, unknown][] = [
  ["null", { cursors: { next: null } }],
  ["empty string", { cursors: { next: "" } }],
  ["0", { cursors: { next: 0 } }],
  ["false", { cursors: { next: false } }],
  ["missing key", { cursors: {} }],
  ["missing parent", { data: [] }],
];
for (const [name, body] of stops) {
  test(`cursor ${name} stops`, () => {
    const { urls, stopped } = run(createCursorPaginator(base), "https://api.test/x", [{ body }]);
    assert.is(urls.length, 1);
    assert.ok(stopped);
  });
}

test("a non-scalar cursor → PaginationError", () => {
  const p = createCursorPaginator(base);
  const r = get("https://api.test/x");
  assert.throws(
    () => p.next(r, respond(r, { body: { cursors: { next: { id: 1 } } } }), []),
    errorOf(PaginationError, /cursor_path `cursors.next` holds a object/),
  );
  assert.throws(() => p.next(r, respond(r, { body: { cursors: { next: true } } }), []), errorOf(PaginationError, /boolean true/));
});

test("stop_after_empty_page stops on an empty page even with a cursor", () => {
  const spec = { ...base, stopAfterEmptyPage: true };
  const { urls, stopped } = run(createCursorPaginator(spec), "https://api.test/x", [
    { body: { cursors: { next: "a" }, data: items(1) } },
    { body: { cursors: { next: "b" }, data: [] } },
  ]);
  assert.equal(cursors(urls), [null, "a"]);
  assert.ok(stopped);
});

test("dlt §4.3 #77: pages of 10, 4, then `users: null, next_token: null` ends cleanly", () => {
  const spec = { ...base, cursorPath: "next_token" };
  const { urls, stopped } = run(createCursorPaginator(spec), "https://api.test/users", [
    { body: { users: items(10), next_token: "t1" }, records: items(10) },
    { body: { users: items(4), next_token: "t2" }, records: items(4) },
    { body: { users: null, next_token: null }, records: [] },
  ]);
  assert.equal(cursors(urls), [null, "t1", "t2"]);
  assert.ok(stopped);
});

test("has_more: false / 'false' stop, true continues (with data or empty), missing → error", () => {
  const p = createCursorPaginator({ ...base, hasMorePath: "has_more" });
  const r = get("https://api.test/x");
  const next = (body: unknown, records: unknown[] = items(1)) => p.next(r, respond(r, { body }), records);
  assert.is(next({ has_more: false, cursors: { next: "a" } }), undefined);
  assert.is(next({ has_more: "false", cursors: { next: "a" } }), undefined);
  assert.is(next({ has_more: true, cursors: { next: "a" } })?.url.searchParams.get("cursor"), "a");
  assert.is(next({ has_more: true, cursors: { next: "a" } }, [])?.url.searchParams.get("cursor"), "a");
  assert.throws(() => next({ cursors: { next: "a" } }), errorOf(PaginationError, /has_more_path `has_more` not found/));
});

test("has_more true without a cursor → PaginationError instead of silently stopping", () => {
  const p = createCursorPaginator({ ...base, hasMorePath: "has_more" });
  const r = get("https://api.test/x");
  assert.throws(
    () => p.next(r, respond(r, { body: { has_more: true, cursors: { next: null } } }), items(1)),
    errorOf(PaginationError, /says more pages follow/),
  );
});

test("cursor paths use the JSONPath subset (bracket keys, indexes)", () => {
  const p = createCursorPaginator({ ...base, cursorPath: "$['paging'].cursors[0]", cursorParam: "after" });
  const r = get("https://api.test/x");
  const next = p.next(r, respond(r, { body: { paging: { cursors: ["c1", "c2"] } } }), items(1));
  assert.is(next?.url.search, "?after=c1");
});

test("POST requests keep their body and method", () => {
  const p = createCursorPaginator(base);
  const r = get("https://api.test/search", { query: "x" });
  const next = p.next(r, respond(r, { body: { cursors: { next: "n" } } }), items(1));
  assert.is(next?.method, "POST");
  assert.equal(next?.json, { query: "x" });
});

test.run();
