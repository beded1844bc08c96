// The `$ref`s a piece of a spec uses: in document order, unique, never inside literal keywords or `x-`
// extensions, but a property that happens to be named like a literal keyword is still searched.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { refsIn } from "../../../generator/openapi/refs.ts";

test("refs in document order, each once, a $ref's siblings not searched", () => {
  const schema = {
    allOf: [{ $ref: "#/components/schemas/B" }, { $ref: "#/components/schemas/A", description: { $ref: "#/x" } }],
    properties: { a: { $ref: "#/components/schemas/A" }, c: { type: "array", items: { $ref: "#/components/schemas/C" } } },
  };
  assert.equal(refsIn(schema), ["#/components/schemas/B", "#/components/schemas/A", "#/components/schemas/C"]);
});

test("literal keywords and extensions hold data, not refs; properties named like them are schemas", () => {
  const schema = {
    example: { $ref: "#/components/schemas/Example" },
    default: [{ $ref: "#/d" }],
    enum: [{ $ref: "#/e" }],
    "x-vendor": { $ref: "#/x" },
    properties: { example: { $ref: "#/components/schemas/Named" }, $ref: { $ref: "#/components/schemas/Dollar" } },
  };
  assert.equal(refsIn(schema), ["#/components/schemas/Named", "#/components/schemas/Dollar"]);
});

test("a cyclic object graph (YAML aliases) is walked once", () => {
  const node: Record<string, unknown> = { properties: { next: { $ref: "#/components/schemas/N" } } };
  (node.properties as Record<string, unknown>).self = node;
  assert.equal(refsIn(node), ["#/components/schemas/N"]);
});

test.run();
