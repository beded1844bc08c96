import { test } from "uvu";
import * as assert from "uvu/assert";
import { IncrementalError } from "../../../runtime/incremental/cursor.ts";
import { canonicalJson, recordKey } from "../../../runtime/incremental/record-key.ts";
import { incrementalStateKey, parseIncrementalState } from "../../../runtime/incremental/state.ts";

test("parseIncrementalState: absent is null, a valid state round-trips through JSON", () => {
  assert.is(parseIncrementalState(undefined, "k"), null);
  const state = { lastValue: "2024-01-01T00:00:00Z", boundaryKeys: ["[1]"], initialValue: null };
  assert.equal(parseIncrementalState(JSON.parse(JSON.stringify(state)), "k"), state);
});

const malformed: [value: unknown, why: string][] = [
  ["x", "expected an object"],
  [[], "expected an object"],
  [{ lastValue: true, boundaryKeys: [], initialValue: null }, "lastValue must be"],
  [{ lastValue: 1, boundaryKeys: [1], initialValue: null }, "boundaryKeys must be"],
  [{ lastValue: 1, initialValue: null }, "boundaryKeys must be"],
  [{ lastValue: 1, boundaryKeys: [], initialValue: {} }, "initialValue must be"],
];

for (const [value, why] of malformed) {
  test(`parseIncrementalState refuses ${JSON.stringify(value)}`, () => {
    assert.throws(
      () => parseIncrementalState(value, "resources.r.incremental.updated_at"),
      (e: unknown) => e instanceof IncrementalError && e.message.includes('"resources.r.incremental.updated_at"') && e.message.includes(why),
    );
  });
}

test("incrementalStateKey follows dlt's naming", () => {
  assert.is(incrementalStateKey("issues", "$.updated_at"), "resources.issues.incremental.$.updated_at");
});

test("recordKey: primary key values as JSON, else a hash independent of key order", () => {
  assert.is(recordKey({ id: 1, org: "a", x: 2 }, ["org", "id"]), '["a",1]');
  assert.is(recordKey({ x: 2 }, ["id"]), "[null]");
  assert.is(recordKey({ id: 9007199254740993n }, ["id"]), "[9007199254740993]");
  assert.is(canonicalJson({ a: 18446744073709551616n }), '{"a":18446744073709551616}');
  assert.is(recordKey({ a: 1, b: { c: [1, { e: 2, d: 3 }] } }, []), recordKey({ b: { c: [1, { d: 3, e: 2 }] }, a: 1 }, []));
  assert.is.not(recordKey({ a: 1 }, []), recordKey({ a: 2 }, []));
  assert.is(canonicalJson({ b: 1, a: [null, "x"], c: undefined }), '{"a":[null,"x"],"b":1}');
});

test.run();
