// Null in its four spellings taken out of a schema: 3.0 `nullable`, 3.1 `type: [..., "null"]`, a oneOf/anyOf
// branch admitting only null, and null inside `enum`; a schema admitting only null says so.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { splitNull } from "../../../generator/openapi/schema-nullability.ts";

test("each spelling makes the rest nullable and leaves it without null", () => {
  assert.equal(splitNull({ type: "string", nullable: true }), { schema: { type: "string" }, nullable: true, onlyNull: false });
  assert.equal(splitNull({ type: ["integer", "null"] }), { schema: { type: "integer" }, nullable: true, onlyNull: false });
  assert.equal(splitNull({ type: ["integer", "string", "null"] }).schema, { type: ["integer", "string"] });
  assert.equal(splitNull({ oneOf: [{ type: "null" }, { $ref: "#/A" }] }), { schema: { oneOf: [{ $ref: "#/A" }] }, nullable: true, onlyNull: false });
  assert.equal(splitNull({ enum: ["a", null] }), { schema: { enum: ["a"] }, nullable: true, onlyNull: false });
});

test("only null admitted: onlyNull, not nullable", () => {
  for (const schema of [{ type: "null" }, { const: null }, { enum: [null] }, { anyOf: [{ type: "null" }, { enum: [null] }] }]) {
    const split = splitNull(schema);
    assert.equal([split.onlyNull, split.nullable], [true, false], JSON.stringify(schema));
  }
});

test("a schema without null is unchanged, and the input is not mutated", () => {
  const input = { type: "string", nullable: false, enum: ["a"] };
  assert.equal(splitNull(input), { schema: { type: "string", enum: ["a"] }, nullable: false, onlyNull: false });
  assert.equal(input, { type: "string", nullable: false, enum: ["a"] });
});

test.run();
