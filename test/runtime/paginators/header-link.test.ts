import { test } from "uvu";
import * as assert from "uvu/assert";
import { createHeaderLinkPaginator } from "../../../runtime/paginators/header-link.ts";
import { get, items, respond, run } from "./script.ts";

const paginator = (linksNextKey = "next") => createHeaderLinkPaginator({ type: "header_link", linksNextKey });

test("dlt §4.3 #84: follows rel=next over 5 pages, stops when it disappears", () => {
  const pages = [1, 2, 3, 4, 5].map((n) => ({
    body: items(5),
    headers: n < 5 ? { Link: `<https://api.test/posts?page=${n + 1}>; rel="next", <https://api.test/posts?page=5>; rel="last"` } : {},
  }));
  const { urls, stopped } = run(paginator(), "https://api.test/posts", pages);
  assert.equal(urls, ["https://api.test/posts", ...[2, 3, 4, 5].map((n) => `https://api.test/posts?page=${n}`)]);
  assert.ok(stopped);
});

test("no next rel → stop", () => {
  const p = paginator();
  const r = get("https://api.test/x");
  assert.is(p.next(r, respond(r, { headers: { link: '</x?page=1>; rel="prev"' } }), items(1)), undefined);
  assert.is(p.next(r, respond(r, {}), items(1)), undefined);
});

test("relative links resolve against the request URL and drop its query", () => {
  const p = paginator();
  const r = get("https://api.test/v1/items?page=1&per_page=50");
  const next = p.next(r, respond(r, { headers: { link: '<items?page=2>; rel="next"' } }), items(1));
  assert.is(next?.url.href, "https://api.test/v1/items?page=2");
});

test("a custom rel key (case-insensitive) and multi-valued rel", () => {
  const p = paginator("Forward");
  const r = get("https://api.test/x");
  const next = p.next(r, respond(r, { headers: { LINK: '</a>; rel="back", </b>; rel="self forward"' } }), []);
  assert.is(next?.url.href, "https://api.test/b");
});

test.run();
