import { test } from "uvu";
import * as assert from "uvu/assert";
import { ConfigError, PaginationError } from "../../../runtime/errors.ts";
import { createOffsetPaginator, type OffsetSpec } from "../../../runtime/paginators/offset.ts";
import { errorOf, get, items, respond, run } from "./script.ts";

const base: OffsetSpec = {
  type: "offset",
  limit: 100,
  offset: 0,
  offsetParam: "offset",
  limitParam: "limit",
  totalPath: "total",
  maximumOffset: null,
  stopAfterEmptyPage: true,
  hasMorePath: null,
};
const offsets = (urls: string[]): (string | null)[] => urls.map((u) => new URL(u).searchParams.get("offset"));

test("limit 100, total 250 → offsets 0, 100, 200 then stop", () => {
  const page = { body: { total: 250, data: items(100) } };
  const { urls, stopped } = run(createOffsetPaginator(base), "https://api.test/items", [page, page, page, page]);
  assert.equal(offsets(urls), ["0", "100", "200"]);
  assert.ok(stopped);
  assert.is(urls[0], "https://api.test/items?offset=0&limit=100");
});

test("total 20, limit 10 → next offset 10 then stop; string totals are accepted", () => {
  const spec = { ...base, limit: 10 };
  const { urls, stopped } = run(createOffsetPaginator(spec), "https://api.test/x", [
    { body: { total: "20", data: items(10) } },
    { body: { total: " 20 ", data: items(10) } },
  ]);
  assert.equal(offsets(urls), ["0", "10"]);
  assert.ok(stopped);
});

test("first() overwrites user offset/limit; offset 123 limit 42 → next 165", () => {
  const p = createOffsetPaginator({ ...base, limit: 42, offset: 123, totalPath: null, stopAfterEmptyPage: true });
  const first = p.first(get("https://api.test/x?offset=9&limit=9&q=a"));
  assert.is(first.url.search, "?offset=123&limit=42&q=a");
  const next = p.next(first, respond(first, { body: [] }), items(42));
  assert.is(next?.url.searchParams.get("offset"), "165");
  assert.is(next?.url.searchParams.get("q"), "a");
});

test("limit 50, maximum_offset 100 → offsets 0, 50", () => {
  const spec = { ...base, limit: 50, maximumOffset: 100, totalPath: null };
  const page = { body: { data: items(50) } };
  const { urls, stopped } = run(createOffsetPaginator(spec), "https://api.test/x", [page, page, page]);
  assert.equal(offsets(urls), ["0", "50"]);
  assert.ok(stopped);
});

test("has_more true never overrides the total (dlt #4225) or maximum_offset", () => {
  const withTotal = { ...base, hasMorePath: "has_more" };
  const page = { body: { total: 150, has_more: true, data: items(100) } };
  const a = run(createOffsetPaginator(withTotal), "https://api.test/x", [page, page, page]);
  assert.equal(offsets(a.urls), ["0", "100"]);
  assert.ok(a.stopped);
  const withMax = { ...base, totalPath: null, maximumOffset: 100, hasMorePath: "has_more" };
  const b = run(createOffsetPaginator(withMax), "https://api.test/x", [page, page]);
  assert.equal(offsets(b.urls), ["0"]);
  assert.ok(b.stopped);
});

test("has_more values: false / 'no' stop, true / 'true' / 'Y' continue, invalid or missing → error", () => {
  const p = createOffsetPaginator({ ...base, totalPath: null, hasMorePath: "meta.has_more" });
  const first = p.first(get("https://api.test/x"));
  const next = (hasMore: unknown, present = true) => p.next(first, respond(first, { body: { meta: present ? { has_more: hasMore } : {} } }), items(1));
  assert.is(next(false), undefined);
  assert.is(next("no"), undefined);
  assert.is(next("0"), undefined);
  assert.ok(next(true));
  assert.ok(next("true"));
  assert.ok(next("Y"));
  assert.throws(
    () => next("invalid"),
    (e: unknown) => e instanceof PaginationError && /has_more_path `meta.has_more` is not a boolean.*string "invalid"/.test(e.message),
  );
  assert.throws(
    () => next(1),
    (e: unknown) => e instanceof PaginationError && /found number 1/.test(e.message),
  );
  assert.throws(
    () => next(undefined, false),
    (e: unknown) => e instanceof PaginationError && /has_more_path `meta.has_more` not found in the response; top-level keys: meta/.test(e.message),
  );
});

test("an empty page stops without reading the total", () => {
  const { urls, stopped } = run(createOffsetPaginator(base), "https://api.test/x", [{ body: { total: 1000, data: items(100) } }, { body: { data: [] } }]);
  assert.equal(offsets(urls), ["0", "100"]);
  assert.ok(stopped);
});

test("a short page does not stop by itself when only the total is configured", () => {
  const { stopped } = run(createOffsetPaginator(base), "https://api.test/x", [{ body: { total: 1000, data: items(3) } }]);
  assert.not.ok(stopped);
});

test("missing total → PaginationError naming the path and the top-level keys", () => {
  const p = createOffsetPaginator({ ...base, totalPath: "meta.total" });
  const first = p.first(get("https://api.test/x"));
  try {
    p.next(first, respond(first, { body: { data: [], results: [1], meta: {} } }), items(1));
    assert.unreachable();
  } catch (e) {
    assert.instance(e, PaginationError);
    assert.is((e as Error).message, "offset paginator: total_path `meta.total` not found in the response; top-level keys: data, results, meta");
  }
});

test("non-integer totals → PaginationError", () => {
  const p = createOffsetPaginator(base);
  const first = p.first(get("https://api.test/x"));
  for (const total of ["abc", 2.5, "2.5", null, true, {}]) {
    assert.throws(
      () => p.next(first, respond(first, { body: { total } }), items(1)),
      (e: unknown) => e instanceof PaginationError && /is not an integer/.test(e.message),
    );
  }
});

test("one instance serves independent sequences (state is read from the request)", () => {
  const p = createOffsetPaginator(base);
  const page = { body: { total: 250, data: items(100) } };
  const a = run(p, "https://api.test/a", [page, page]);
  const b = run(p, "https://api.test/b", [page]);
  assert.equal(offsets(a.urls), ["0", "100"]);
  assert.equal(offsets(b.urls), ["0"]);
});

test("POST body is kept on every page", () => {
  const p = createOffsetPaginator(base);
  const first = p.first(get("https://api.test/search", { q: "x" }));
  const next = p.next(first, respond(first, { body: { total: 500 } }), items(100));
  assert.equal(next?.json, { q: "x" });
  assert.is(next?.method, "POST");
});

test("bad specs → ConfigError (limit, no stop condition)", () => {
  assert.throws(
    () => createOffsetPaginator({ ...base, limit: 0 }),
    (e: unknown) => e instanceof ConfigError && /paginator.limit/.test(e.message),
  );
  assert.throws(
    () => createOffsetPaginator({ ...base, totalPath: null, stopAfterEmptyPage: false }),
    (e: unknown) => e instanceof ConfigError && /one of total_path/.test(e.message),
  );
});

test("next() on a request without the offset param → PaginationError", () => {
  const p = createOffsetPaginator(base);
  const r = get("https://api.test/x");
  assert.throws(() => p.next(r, respond(r, { body: { total: 5 } }), items(1)), errorOf(PaginationError, /no `offset` query param/));
});

test("ahead: a total plans every remaining request (the first is next's), bounded by maximum_offset; none without a total", () => {
  const paginator = createOffsetPaginator({ ...base, limit: 100 });
  const first = paginator.first(get("https://api.test/items"));
  const ahead = (p: typeof paginator, body: unknown) => {
    const planned = p.ahead?.(first, respond(first, { body }), items(100)) ?? [];
    const hrefs = [...planned].map((r) => r.url.href);
    assert.is(planned.length, hrefs.length, "its length is what it yields");
    return offsets(hrefs);
  };
  assert.equal(ahead(paginator, { total: 450 }), ["100", "200", "300", "400"]);
  assert.equal(ahead(createOffsetPaginator({ ...base, maximumOffset: 250 }), { total: 450 }), ["100", "200"]);
  assert.equal(ahead(paginator, { total: 100 }), [], "one page: nothing ahead");
  assert.equal(ahead(createOffsetPaginator({ ...base, totalPath: null, maximumOffset: 1000 }), {}), [], "no total: the length is unknown");
});

test.run();
