// The nesting gate on parsed bodies: depth counted without recursion, the path to the first place
// past the limit, exact numbers (ExactDecimal objects) counted as the leaves they are.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { findTooDeep } from "../../../runtime/json/depth.ts";
import { parseJson } from "../../../runtime/json/parse.ts";

const parsed = (text: string): unknown => {
  const result = parseJson(text, text.length);
  if (!result.ok) throw new Error(result.problem);
  return result.value;
};

test("scalars and values within the limit pass; the first container past it is named by its path", () => {
  assert.is(findTooDeep(1, 1), null);
  assert.is(findTooDeep({ a: [1, { b: 2 }] }, 3), null);
  assert.is(findTooDeep({ a: [1, { b: 2 }] }, 2), "$.a[1]");
  assert.is(findTooDeep({ ok: {}, "odd key": { deeper: {} } }, 2), "$[…].deeper");
});

test("100,000 levels: no stack overflow, the path shortened", () => {
  const deep = parsed(`{"data": ${"[".repeat(100_000)}${"]".repeat(100_000)}}`);
  assert.is(findTooDeep(deep, 128), "$.data[0][0][0][0][0]…");
});

test("an exactly parsed number (ExactDecimal) is a leaf, not a level", () => {
  const body = parsed('{"a": {"b": 0.10000000000000000000000001}}');
  assert.is(findTooDeep(body, 2), null);
  assert.is(findTooDeep(body, 1), "$.a");
});

test.run();
