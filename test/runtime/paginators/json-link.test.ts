import { test } from "uvu";
import * as assert from "uvu/assert";
import { PaginationError } from "../../../runtime/errors.ts";
import { createJsonLinkPaginator } from "../../../runtime/paginators/json-link.ts";
import { errorOf, get, items, respond, run } from "./script.ts";

const paginator = (nextUrlPath = "next") => createJsonLinkPaginator({ type: "json_link", nextUrlPath });
const nextUrl = (from: string, body: unknown, path = "next"): string | undefined => {
  const p = paginator(path);
  const r = get(from);
  return p.next(r, respond(r, { body }), items(1))?.url.href;
};

test("dlt §4.3 #75: follows links over 5 pages of 5, then stops on a null link", () => {
  const pages = [1, 2, 3, 4, 5].map((n) => ({ body: { data: items(5), next: n < 5 ? `https://api.test/posts?page=${n + 1}` : null } }));
  const { urls, stopped } = run(paginator(), "https://api.test/posts", pages);
  assert.equal(urls, ["https://api.test/posts", ...[2, 3, 4, 5].map((n) => `https://api.test/posts?page=${n}`)]);
  assert.ok(stopped);
});

const stops: [string, unknown][] = [
  ["missing", { data: [] }],
  ["null", { next: null }],
  ["empty string (dlt continued here)", { next: "" }],
  ["whitespace", { next: "  " }],
];
for (const [name, body] of stops) {
  test(`link ${name} stops`, () => {
    assert.is(nextUrl("https://api.test/x", body), undefined);
  });
}

const resolution: [name: string, from: string, link: string, expected: string][] = [
  ["absolute", "https://api.test/v1/items?offset=5", "https://other.test/v2/items?page=2", "https://other.test/v2/items?page=2"],
  ["root-relative", "https://api.test/v1/items?offset=5", "/v1/items?page=2", "https://api.test/v1/items?page=2"],
  ["relative", "https://api.test/v1/items?offset=5", "items?page=2", "https://api.test/v1/items?page=2"],
  ["query-only", "https://api.test/v1/items?offset=5", "?page=2", "https://api.test/v1/items?page=2"],
  ["different port and https", "http://api.test:8080/v1/items", "https://api.test:8443/v1/items?page=2", "https://api.test:8443/v1/items?page=2"],
  ["page in the path", "https://api.test/v1/items/page/1", "../page/2", "https://api.test/v1/items/page/2"],
  ["percent-encoding kept", "https://api.test/v1/items", "/v1/items?q=a%20b&page=2", "https://api.test/v1/items?q=a%20b&page=2"],
];
for (const [name, from, link, expected] of resolution) {
  test(`resolution: ${name}; previous query params are dropped, never duplicated`, () => {
    assert.is(nextUrl(from, { next: link }), expected);
  });
}

test("nested and bracket-quoted paths (dlt §4.3 #85)", () => {
  assert.is(nextUrl("https://api.test/x", { next_page: { url: "/x?p=2" } }, "next_page.url"), "https://api.test/x?p=2");
  const odata = { "@odata.nextLink": "https://api.test/x?$skip=10" };
  assert.is(nextUrl("https://api.test/x", odata, "['@odata.nextLink']"), "https://api.test/x?$skip=10");
  assert.is(nextUrl("https://api.test/x", odata, '$["@odata.nextLink"]'), "https://api.test/x?$skip=10");
});

test("method, headers and body are kept", () => {
  const p = paginator();
  const r = { ...get("https://api.test/search", { q: 1 }), headers: { "X-A": "b" } };
  const next = p.next(r, respond(r, { body: { next: "/search?page=2" } }), items(1));
  assert.is(next?.method, "POST");
  assert.equal(next?.json, { q: 1 });
  assert.equal(next?.headers, { "X-A": "b" });
});

test("a non-string link or an invalid URL → PaginationError (without quoting the link)", () => {
  const p = paginator();
  const r = get("https://api.test/x");
  assert.throws(
    () => p.next(r, respond(r, { body: { next: 3 } }), []),
    errorOf(PaginationError, /next_url_path `next` holds a number 3, expected a URL string/),
  );
  assert.throws(
    () => p.next(r, respond(r, { body: { next: "http://[secret-token" } }), []),
    (e: unknown) => e instanceof PaginationError && /not a valid URL/.test(e.message) && !e.message.includes("secret-token"),
  );
});

test.run();
