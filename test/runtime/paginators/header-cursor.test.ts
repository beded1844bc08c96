import { test } from "uvu";
import * as assert from "uvu/assert";
import { ConfigError } from "../../../runtime/errors.ts";
import { createHeaderCursorPaginator } from "../../../runtime/paginators/header-cursor.ts";
import { errorOf, get, items, respond, run } from "./script.ts";

const paginator = (cursorKey = "X-Next-Cursor", cursorParam = "cursor") => createHeaderCursorPaginator({ type: "header_cursor", cursorKey, cursorParam });

test("dlt §4.3 #92: the header value is sent as the param until the header disappears", () => {
  const { urls, stopped } = run(paginator(), "https://api.test/x?q=1", [
    { body: items(2), headers: { "X-Next-Cursor": "c1" } },
    { body: items(2), headers: { "x-next-cursor": "c2" } },
    { body: items(2) },
  ]);
  assert.equal(urls, ["https://api.test/x?q=1", "https://api.test/x?q=1&cursor=c1", "https://api.test/x?q=1&cursor=c2"]);
  assert.ok(stopped);
});

test("the cursor key is case-insensitive", () => {
  const p = paginator("next", "after");
  const r = get("https://api.test/x");
  assert.is(p.next(r, respond(r, { headers: { NEXT: "abc" } }), [])?.url.search, "?after=abc");
});

test("an empty or blank header stops", () => {
  const p = paginator();
  const r = get("https://api.test/x");
  assert.is(p.next(r, respond(r, { headers: { "X-Next-Cursor": "" } }), items(1)), undefined);
  assert.is(p.next(r, respond(r, { headers: { "X-Next-Cursor": "   " } }), items(1)), undefined);
});

test("an invalid header name → ConfigError", () => {
  assert.throws(() => paginator("bad header"), errorOf(ConfigError, /cursor_key/));
});

test.run();
