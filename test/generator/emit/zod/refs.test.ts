// $ref → the component's identifier; back-edges → z.lazy with an explicit type; the names used.
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { OpenApiSchemaError, zodFromOpenApi } from "../../../../generator/emit/zod/index.ts";
import { cases, context, importModule, prelude, ref, typeErrors } from "./support.ts";

const test = suite("openapi zod: refs and cycles");

// B is defined first: its reference to A closes the cycle A → B → A, so A is the back-edge.
const components = {
  Tag: { type: "string" },
  Node: { type: "object", required: ["value"], properties: { value: { type: "integer" }, children: { type: "array", items: ref("Node") } } },
  B: { type: "object", properties: { a: ref("A") } },
  A: { type: "object", required: ["b"], properties: { b: ref("B") } },
};
const backEdges = ["Node", "A"];

cases(
  test,
  [
    {
      name: "a $ref is the component's identifier",
      schema: ref("Tag"),
      expr: "Tag",
      valid: ["x"],
      invalid: [1],
    },
    {
      name: "an optional $ref property is nullish in lenient mode",
      schema: { type: "object", properties: { tag: ref("Tag") } },
      expr: "z.looseObject({ tag: Tag.nullish() })",
      valid: [{}, { tag: null }],
      invalid: [{ tag: 1 }],
    },
    {
      name: "a self-referencing component uses z.lazy and validates recursively",
      schema: components.Node,
      expr: "z.looseObject({ value: z.int(), children: z.array(z.lazy((): z.ZodType => Node)).nullish() })",
      valid: [{ value: 1, children: [{ value: 2, children: [{ value: 3 }] }] }],
      invalid: [{ value: 1, children: [{ value: 2, children: [{ value: "3" }] }] }],
    },
    {
      name: "a mutual cycle: only the back-edge is lazy",
      schema: components.A,
      expr: "z.looseObject({ b: B })",
      valid: [{ b: { a: { b: {} } } }],
      invalid: [{ b: { a: { b: 1 } } }],
    },
    {
      name: "the other side of the cycle",
      schema: components.B,
      expr: "z.looseObject({ a: z.lazy((): z.ZodType => A).nullish() })",
      valid: [{}, { a: { b: {} } }],
      invalid: [{ a: {} }],
    },
  ],
  { components, backEdges },
);

test("names and refs are reported, sorted and unique", () => {
  const result = zodFromOpenApi({ type: "array", items: { oneOf: [ref("Tag"), ref("Node"), ref("Tag")] } }, context("lenient", components, backEdges));
  assert.equal(result.names, ["Node", "Tag"]);
  assert.equal(result.refs, ["#/components/schemas/Node", "#/components/schemas/Tag"]);
});

test("a back-edge annotated with the caller's type keeps the recursive type and compiles", async () => {
  const ctx = { ...context("strict", components, backEdges), lazyType: () => "z.ZodType<NodeRecord>" };
  const { expr } = zodFromOpenApi(components.Node, ctx);
  assert.is(expr, "z.strictObject({ value: z.int(), children: z.array(z.lazy((): z.ZodType<NodeRecord> => Node)).optional() })");
  const source = [
    'import { z } from "zod";',
    "export interface NodeRecord { value: number; children?: NodeRecord[] | undefined }",
    `export const Node = ${expr};`,
    "export const check: NodeRecord = Node.parse({ value: 1 });",
    "",
  ].join("\n");
  assert.equal(await typeErrors(source), []);
  const module = await importModule(source);
  assert.equal(module["check"], { value: 1 });
});

test("the cyclic components compile with the default annotation", async () => {
  const source = `import { z } from "zod";\n${prelude("lenient", { components, backEdges })}\nexport { Node, A, B, Tag };\n`;
  assert.equal(await typeErrors(source), []);
});

test("a name that is not an identifier is refused", () => {
  const ctx = { ...context("lenient"), componentName: () => "X; globalThis.pwned = 1" };
  assert.throws(
    () => zodFromOpenApi(ref("X"), ctx),
    (e: unknown) => e instanceof OpenApiSchemaError && /not an identifier/.test(e.message),
  );
  const typed = { ...context("lenient", {}, ["X"]), lazyType: () => "unknown) => { sideEffect(); return X }; (" };
  assert.throws(
    () => zodFromOpenApi(ref("X"), typed),
    (e: unknown) => e instanceof OpenApiSchemaError && /not a type/.test(e.message),
  );
});

test("a schema object that contains itself (a YAML alias) is an error, not a stack overflow", () => {
  const loop: Record<string, unknown> = { type: "object" };
  loop["properties"] = { self: loop };
  assert.throws(
    () => zodFromOpenApi(loop, context("lenient")),
    (e: unknown) => e instanceof OpenApiSchemaError && /#\/properties\/self/.test(e.message),
  );
});

test("a $ref the resolver does not know is still the caller's identifier (never spread)", () => {
  const result = zodFromOpenApi({ allOf: [ref("Missing"), { properties: { a: { type: "string" } } }] }, context("lenient"));
  assert.is(result.expr, "z.intersection(z.looseObject({ a: z.string().nullish() }), Missing)");
});

test.run();
