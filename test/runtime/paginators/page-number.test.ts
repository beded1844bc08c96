import { test } from "uvu";
import * as assert from "uvu/assert";
import { PaginationError } from "../../../runtime/errors.ts";
import { createPageNumberPaginator, type PageNumberSpec } from "../../../runtime/paginators/page-number.ts";
import { get, items, respond, run } from "./script.ts";

const base: PageNumberSpec = {
  type: "page_number",
  basePage: 1,
  page: 1,
  pageParam: "page",
  totalPath: "total_pages",
  maximumPage: null,
  stopAfterEmptyPage: true,
  hasMorePath: null,
};
const pages = (urls: string[]): (string | null)[] => urls.map((u) => new URL(u).searchParams.get("page"));
const full = { body: { total_pages: 3, data: items(10) } };

test("base 1, total 3 → pages 1, 2, 3", () => {
  const { urls, stopped } = run(createPageNumberPaginator(base), "https://api.test/x", [full, full, full, full]);
  assert.equal(pages(urls), ["1", "2", "3"]);
  assert.ok(stopped);
});

test("base 0, total 3 → pages 0, 1, 2", () => {
  const spec = { ...base, basePage: 0, page: 0 };
  const { urls, stopped } = run(createPageNumberPaginator(spec), "https://api.test/x", [full, full, full, full]);
  assert.equal(pages(urls), ["0", "1", "2"]);
  assert.ok(stopped);
});

test("a first page after base_page starts there", () => {
  const spec = { ...base, page: 2 };
  const { urls } = run(createPageNumberPaginator(spec), "https://api.test/x?page=7", [full, full, full]);
  assert.equal(pages(urls), ["2", "3"]);
});

test("maximum_page 3 with base 1 → pages 1, 2", () => {
  const spec = { ...base, totalPath: null, maximumPage: 3 };
  const { urls, stopped } = run(createPageNumberPaginator(spec), "https://api.test/x", [full, full, full]);
  assert.equal(pages(urls), ["1", "2"]);
  assert.ok(stopped);
});

test("an empty page (data null) stops; a later sequence starts at the first page again", () => {
  const p = createPageNumberPaginator({ ...base, totalPath: null });
  const a = run(p, "https://api.test/x", [full, { body: { data: null } }]);
  assert.equal(pages(a.urls), ["1", "2"]);
  assert.ok(a.stopped);
  const b = run(p, "https://api.test/x", [full]);
  assert.equal(pages(b.urls), ["1"]);
});

test("has_more true does not go past the total; has_more false stops early", () => {
  const spec = { ...base, hasMorePath: "has_more" };
  const more = { body: { total_pages: 2, has_more: true, data: items(1) } };
  const a = run(createPageNumberPaginator(spec), "https://api.test/x", [more, more, more]);
  assert.equal(pages(a.urls), ["1", "2"]);
  assert.ok(a.stopped);
  const done = { body: { total_pages: 9, has_more: "false", data: items(1) } };
  const b = run(createPageNumberPaginator(spec), "https://api.test/x", [done]);
  assert.ok(b.stopped);
});

test("string totals are fine; a total never seen or invalid → error mentioning total_path", () => {
  const p = createPageNumberPaginator(base);
  const first = p.first(get("https://api.test/x"));
  assert.ok(p.next(first, respond(first, { body: { total_pages: "3" } }), items(1)));
  const fresh = createPageNumberPaginator(base);
  assert.throws(
    () => fresh.next(first, respond(first, { body: { total: 3 } }), items(1)),
    (e: unknown) =>
      e instanceof PaginationError && e.message === "page_number paginator: total_path `total_pages` not found in the response; top-level keys: total",
  );
  assert.throws(() => p.next(first, respond(first, { body: { total_pages: "three" } }), items(1)), /not an integer \(found string "three"\)/);
});

test("a total sent only on the first page keeps bounding the sequence (dlt #1414)", () => {
  const p = createPageNumberPaginator(base);
  const first = p.first(get("https://api.test/x"));
  const second = p.next(first, respond(first, { body: { total_pages: 2 } }), items(1));
  assert.ok(second);
  assert.is(p.next(second, respond(second, { body: {} }), items(1)), undefined);
});

test("stop_after_empty_page false with a total keeps going past an empty page", () => {
  const spec = { ...base, stopAfterEmptyPage: false, totalPath: "total_pages" };
  const { urls } = run(createPageNumberPaginator(spec), "https://api.test/x", [{ body: { total_pages: 3, data: [] } }, full]);
  assert.equal(pages(urls), ["1", "2"]);
});

test.run();
