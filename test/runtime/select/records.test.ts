import { test } from "uvu";
import * as assert from "uvu/assert";
import { DataSelectorError } from "../../../runtime/errors.ts";
import { JsonPathSyntaxError } from "../../../runtime/select/jsonpath.ts";
import { createSelector } from "../../../runtime/select/records.ts";

const select = (selector: string, body: unknown): unknown[] => createSelector(selector)(body);
const failsWith = (selector: string, body: unknown, message: string | RegExp): void => {
  try {
    select(selector, body);
    assert.unreachable();
  } catch (e) {
    assert.instance(e, DataSelectorError);
    if (typeof message === "string") assert.is((e as Error).message, message);
    else assert.match((e as Error).message, message);
  }
};

test("one match that is a list → the records (same array)", () => {
  const list = [{ id: 1 }, { id: 2 }];
  assert.is(select("data", { data: list }), list);
  assert.equal(select("results.posts", { results: { posts: list } }), list);
  assert.equal(select("many-results", { "many-results": list }), list);
  assert.equal(select("['@odata.value']", { "@odata.value": list }), list);
});

test("`$` on a list body → the list; on an object → one record", () => {
  assert.equal(select("$", [{ a: 1 }, { a: 2 }]), [{ a: 1 }, { a: 2 }]);
  assert.equal(select("$", { a: 1 }), [{ a: 1 }]);
  assert.equal(select("$", []), []);
});

test("one match that is an object → a one-record list", () => {
  assert.equal(select("data", { data: { id: 1 } }), [{ id: 1 }]);
});

test("one match that is null → an empty page (dlt #2932)", () => {
  assert.equal(select("users", { users: null, next_token: null }), []);
  assert.equal(select("$", null), []);
});

test("several matches are the records; null matches are skipped", () => {
  assert.equal(select("data[*]", { data: [{ id: 1 }, null, { id: 2 }] }), [{ id: 1 }, { id: 2 }]);
  assert.equal(select("groups[*].owner", { groups: [{ owner: { id: 1 } }, { owner: { id: 2 } }] }), [{ id: 1 }, { id: 2 }]);
});

test("no match → DataSelectorError naming the selector and the top-level keys (differs from dlt)", () => {
  failsWith("data", { results: [], total: 0, next: null }, "data_selector `data` matched nothing in the response; top-level keys: results, total, next");
  failsWith("data", [1, 2], "data_selector `data` matched nothing in the response; the response is a list of 2 items");
  failsWith("data", {}, "data_selector `data` matched nothing in the response; the response is an empty object");
  failsWith("data", "text", "data_selector `data` matched nothing in the response; the response is string");
  failsWith("data[*]", { data: [] }, /matched nothing/);
});

test("many top-level keys are truncated", () => {
  const body = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`k${i}`, i]));
  failsWith("data", body, /top-level keys: k0, k1, .*k19 … and 5 more$/);
});

test("a scalar match → DataSelectorError naming the type", () => {
  failsWith("total", { total: 5 }, "data_selector `total` matched a number, expected a list of records or an object");
  failsWith("name", { name: "x" }, /matched a string/);
  failsWith("ok", { ok: true }, /matched a boolean/);
  failsWith("data[*].id", { data: [{ id: 1 }, { id: 2 }] }, /matched 2 values and value 0 is a number/);
  failsWith("data[*]", { data: [[1], [2]] }, /value 0 is a list/);
});

test("an invalid selector fails when the selector is created", () => {
  assert.throws(
    () => createSelector("data[?(@.x)]"),
    (e: unknown) => e instanceof JsonPathSyntaxError && /filters are not supported/.test(e.message),
  );
});

test.run();
