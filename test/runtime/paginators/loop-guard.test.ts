import { test } from "uvu";
import * as assert from "uvu/assert";
import { PaginationError } from "../../../runtime/errors.ts";
import { LoopGuard } from "../../../runtime/paginators/loop-guard.ts";
import { get } from "./script.ts";

test("distinct requests pass", () => {
  const guard = new LoopGuard();
  guard.check(get("https://api.test/x?cursor=a"), 1);
  guard.check(get("https://api.test/x?cursor=b"), 2);
  guard.check(get("https://api.test/y?cursor=a"), 3);
  guard.check(get("https://api.test/x?cursor=a", { page: 1 }), 4);
  guard.check(get("https://api.test/x?cursor=a", { page: 2 }), 5);
});

test("a repeated request throws, naming pages, path and param names but no values", () => {
  const guard = new LoopGuard();
  guard.check(get("https://api.test/v1/items?cursor=s3cr3t&api_key=k3y"), 1);
  guard.check(get("https://api.test/v1/items?cursor=other&api_key=k3y"), 2);
  try {
    guard.check(get("https://api.test/v1/items?cursor=s3cr3t&api_key=k3y"), 3);
    assert.unreachable();
  } catch (e) {
    assert.instance(e, PaginationError);
    const message = (e as Error).message;
    assert.is(message, "pagination loop: page 3 repeats the request of page 1 (GET /v1/items, query params cursor, api_key)");
    assert.not.ok(message.includes("s3cr3t") || message.includes("k3y"));
  }
});

test("query order, fragments and JSON key order do not hide a repeat", () => {
  const guard = new LoopGuard();
  guard.check(get("https://api.test/x?a=1&b=2", { q: 1, r: { s: 2, t: 3 } }), 1);
  assert.throws(
    () => guard.check(get("https://api.test/x?b=2&a=1#frag", { r: { t: 3, s: 2 }, q: 1 }), 2),
    (e: unknown) => e instanceof PaginationError && e.message.endsWith("(POST /x, query params b, a, same JSON body)"),
  );
});

test("a new guard starts a new sequence", () => {
  new LoopGuard().check(get("https://api.test/x"), 1);
  new LoopGuard().check(get("https://api.test/x"), 1);
});

test("form bodies tell requests apart; a repeated form request names the form body", () => {
  const guard = new LoopGuard();
  const post = (form: Record<string, string> | string) => ({ method: "POST" as const, url: new URL("https://api.test/x"), headers: {}, form });
  guard.check(post({ page: "1" }), 1);
  guard.check(post({ page: "2" }), 2);
  guard.check(post("page=1"), 3);
  assert.throws(
    () => guard.check(post({ page: "2" }), 4),
    (e: unknown) => e instanceof PaginationError && /page 4 repeats the request of page 2 \(POST \/x, no query params, same form body\)/.test(e.message),
  );
});

test.run();
