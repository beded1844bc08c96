// targetKind(): what a ref's target is, from where it sits; canonicalRef(): the spelling that this
// generator and openapi-typescript decode alike; carryPercentKeys(): `%` in names swapped out and back.
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { parsePointer } from "../../../../generator/openapi/spec/index.ts";
import { carryPercentKeys } from "../../../../generator/emit/types/percent-keys.ts";
import { canonicalRef, targetKind } from "../../../../generator/emit/types/ref-targets.ts";

const test = suite("openapi: ref targets");

const doc = {
  paths: {
    "/a": {
      parameters: [{ name: "p", in: "query" }],
      get: {
        parameters: [{ name: "q", in: "query", schema: { type: "string" } }],
        responses: {
          "200": {
            description: "ok",
            headers: { H: { schema: { type: "integer" } } },
            content: { "application/json": { schema: { type: "array", items: { type: "object" } } } },
          },
        },
      },
    },
  },
  components: {
    schemas: { X: { allOf: [{ properties: { a: { items: [{}, {}], prefixItems: [{}] } } }], required: ["a"], enum: [1] } },
    parameters: { P: { name: "p", in: "query", content: { "application/json": { schema: {} } } } },
    examples: { E: { value: 1 } },
  },
  "x-defs": { Foo: { properties: { z: {} } } },
};

const kind = (ref: string) => targetKind(doc, parsePointer(ref.slice(1))!);

test("each kind of target, by where it sits", () => {
  const rows: [string, string | undefined][] = [
    ["#/components/schemas/X", "schema"],
    ["#/components/schemas/X/allOf/0/properties/a", "schema"],
    ["#/components/schemas/X/allOf/0/properties/a/items/1", "schema"],
    ["#/components/schemas/X/allOf/0/properties/a/prefixItems/0", "schema"],
    ["#/components/schemas/X/required", undefined],
    ["#/components/schemas/X/enum/0", undefined],
    ["#/components/parameters/P", "parameter"],
    ["#/components/parameters/P/content/application~1json/schema", "schema"],
    ["#/components/examples/E", undefined],
    ["#/paths/~1a", "pathItem"],
    ["#/paths/~1a/parameters/0", "parameter"],
    ["#/paths/~1a/get", undefined],
    ["#/paths/~1a/get/parameters/0", "parameter"],
    ["#/paths/~1a/get/parameters/0/schema", "schema"],
    ["#/paths/~1a/get/responses/200", "response"],
    ["#/paths/~1a/get/responses/200/headers/H", "header"],
    ["#/paths/~1a/get/responses/200/headers/H/schema", "schema"],
    ["#/paths/~1a/get/responses/200/content/application~1json", undefined],
    ["#/paths/~1a/get/responses/200/content/application~1json/schema/items", "schema"],
    ["#/x-defs/Foo", "schema"],
    ["#/x-defs/Foo/properties/z", "schema"],
  ];
  for (const [ref, expected] of rows) assert.is(kind(ref), expected, ref);
});

test("canonicalRef escapes ~ and / and percent-encodes % only, and round-trips through parsePointer", () => {
  const tokens = ["components", "schemas", "a/b~c", "100%", "x y", "%7E1"];
  const ref = canonicalRef(tokens);
  assert.is(ref, "#/components/schemas/a~1b~0c/100%25/x y/%257E1");
  assert.equal(parsePointer(ref.slice(1)), tokens);
});

test("carryPercentKeys leaves a document without % in its names as it is", () => {
  const plain = { components: { schemas: { A: { description: "50% off", properties: { a: {} } } } } };
  const carried = carryPercentKeys(plain);
  assert.is(carried.document, plain);
  assert.is(carried.restore('"a%"'), '"a%"');
});

test("carryPercentKeys swaps % out of names, required lists, parameter names and refs, and restores printed escapes only", () => {
  const input = {
    paths: { "/a": { get: { parameters: [{ name: "min%", in: "query" }] } } },
    components: { schemas: { "100%": { required: ["p%"], properties: { "p%": { $ref: "#/components/schemas/100%25" } }, example: { "k%": 1 } } } },
  };
  const carried = carryPercentKeys(input);
  // Only the example, a value, keeps its %.
  assert.not.match(JSON.stringify(carried.document).replace('"k%"', ""), "%");
  const sentinel = carried.swap("%");
  assert.is.not(sentinel, "%");
  const schema = (carried.document["components"] as { schemas: Record<string, { required: string[]; properties: Record<string, { $ref: string }> }> }).schemas[
    `100${sentinel}`
  ]!;
  assert.equal(schema.required, [`p${sentinel}`]);
  assert.is(parsePointer(schema.properties[`p${sentinel}`]!.$ref.slice(1))![2], `100${sentinel}`);
  const escaped = `\\u${sentinel.charCodeAt(0).toString(16).toUpperCase()}`;
  assert.is(carried.restore(`"100${escaped}": "\\${escaped}"`), `"100%": "\\${escaped}"`);
  assert.is(input.components.schemas["100%"].required[0], "p%");
});

test.run();
