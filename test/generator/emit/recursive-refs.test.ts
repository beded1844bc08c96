// Recursive and aliasing `$ref`s: one connector whose resources hit a 2,000-long alias chain, a
// self-alias, an alias loop, allOf and oneOf loops, an array of itself, a tree, a map of itself and
// refs into other schemas' insides (allOf members, properties of properties, items). Its types.ts
// and schema.ts compile with no diagnostic, the types stay precise where the spec is, and the zod
// schemas validate without recursing forever.
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import type { z } from "zod";
import { generateConnector } from "../../../generator/generate.ts";
import { config, listing, modelOf, openapi, ref, typeCheck, writeConnector } from "../connector-support.ts";

const test = suite("openapi: $ref cycles and alias chains");
const CHAIN = 2000;

const object = (properties: Record<string, unknown>, required: string[] = []) => ({ type: "object", required, properties });
const schemas: Record<string, unknown> = {
  Self: ref("Self"),
  LoopA: ref("LoopB"),
  LoopB: ref("LoopA"),
  L1: { allOf: [ref("L2"), object({ id: { type: "integer" } }, ["id"])] },
  L2: { allOf: [ref("L1"), object({ name: { type: "string" } })] },
  M1: { allOf: [ref("M2")] },
  M2: { allOf: [ref("M1")] },
  U1: { oneOf: [ref("U2"), { type: "string" }] },
  U2: { anyOf: [ref("U1"), { type: "integer" }] },
  Nested: { type: "array", items: ref("Nested") },
  Strings: { type: "array", nullable: true, items: { oneOf: [ref("Strings"), { type: "string" }] } },
  Matrix: { type: "array", items: { type: "array", items: ref("Row") } },
  Row: { oneOf: [ref("Matrix"), { type: "number" }] },
  Node: object({ id: { type: "integer" }, label: { type: "string" }, children: { type: "array", items: ref("Node") }, parent: ref("Node") }, ["id"]),
  Dict: { type: "object", additionalProperties: ref("Dict") },
  Base: {
    allOf: [
      object({ id: { type: "string" }, service: object({ summary: object({ text: { type: "string" } }, ["text"]) }) }, ["id"]),
      object({ kind: { type: "string", nullable: true } }),
    ],
  },
  Inner: object(
    {
      id: { type: "string" },
      base: { $ref: "#/components/schemas/Base/allOf/0" },
      summary: { $ref: "#/components/schemas/Base/allOf/0/properties/service/properties/summary" },
      item: { $ref: "#/components/schemas/Nested/items" },
      kind: { $ref: "#/components/schemas/Base/allOf/1/properties/kind" },
      node: { $ref: "#/paths/~1tree/get/responses/200/content/application~1json/schema/items" },
    },
    ["id"],
  ),
  // The usual polymorphism: a parent whose oneOf lists children that are allOf the parent.
  Pet: {
    ...object({ petType: { type: "string" }, name: { type: "string" } }, ["petType"]),
    oneOf: [ref("Cat"), ref("Dog")],
    discriminator: { propertyName: "petType", mapping: { cat: "#/components/schemas/Cat", dog: "#/components/schemas/Dog" } },
  },
  Cat: { allOf: [ref("Pet"), object({ petType: { type: "string", enum: ["cat"] }, meow: { type: "boolean" } }, ["petType"])] },
  Dog: { allOf: [ref("Pet"), object({ petType: { type: "string", enum: ["dog"] }, bark: { type: "boolean" } }, ["petType"])] },
  Holder: object(
    {
      id: { type: "integer" },
      self: ref("Self"),
      loop: ref("LoopA"),
      m: ref("M1"),
      u: ref("U1"),
      nested: ref("Nested"),
      strings: ref("Strings"),
      matrix: ref("Matrix"),
      dict: ref("Dict"),
    },
    ["id"],
  ),
};
for (let i = 0; i < CHAIN; i++) schemas[`A${i}`] = ref(`A${i + 1}`);
schemas[`A${CHAIN}`] = object({ id: { type: "integer" } }, ["id"]);

const RESOURCES = { chain: "A0", loop: "L1", tree: "Node", inner: "Inner", pets: "Pet", holder: "Holder" } as const;
const spec = openapi(
  Object.fromEntries(Object.entries(RESOURCES).map(([name, component]) => [`/${name}`, listing({ type: "array", items: ref(component) })])),
  schemas,
  { openapi: "3.0.3" },
);
const text = config(Object.keys(RESOURCES).map((name) => ({ name, primary_key: "id", endpoint: { path: `/${name}` } })));

// Type-level expectations: what the types say, checked by the same tsc run.
const CHECK = `import type { components } from "./types.ts";
import type { ChainRecord, LoopRecord, TreeRecord } from "./schema.ts";
type S = components["schemas"];
export const chain: S["A0"] = { id: 1 };
// @ts-expect-error the end of the chain is precise: id is a number
export const chainBad: S["A0"] = { id: "1" };
export const chainRecord: ChainRecord = { id: 1 };
export const node: S["Node"] = { id: 1, children: [{ id: 2, children: [{ id: 3, label: "x" }] }], parent: { id: 0 } };
// @ts-expect-error a tree node is precise at any depth
export const nodeBad: S["Node"] = { id: 1, children: [{ id: 2, children: [{ id: "3" }] }] };
export const treeRecord: TreeRecord = { id: 1 };
export const loop: S["L1"] = { id: 1, name: "n" };
// @ts-expect-error the allOf loop keeps the members that are not the loop
export const loopBad: S["L1"] = { id: "1" };
export const loopRecord: LoopRecord = { id: 1 };
export const summary: S["Inner"]["summary"] = { text: "t" };
// @ts-expect-error a ref into a property of a property is that property's type
export const summaryBad: S["Inner"]["summary"] = { text: 1 };
export const innerNode: S["Inner"]["node"] = { id: 1, children: [{ id: 2 }] };
// @ts-expect-error a ref into a response's schema is that schema's type
export const innerNodeBad: S["Inner"]["node"] = { id: "1" };
export const base: S["Inner"]["base"] = { id: "b", service: { summary: { text: "t" } } };
export const pet: S["Pet"] = { petType: "cat", name: "Tom", meow: true };
// @ts-expect-error a child of the polymorphic parent keeps its own properties
export const petBad: S["Pet"] = { petType: "cat", meow: 1 };
export const nested: S["Nested"] = [[], [[]]];
// @ts-expect-error an array of itself is precise at any depth
export const nestedBad: S["Nested"] = [[[1]]];
export const strings: S["Strings"] = ["a", ["b", ["c"]], null];
// @ts-expect-error an array of itself or strings holds no number
export const stringsBad: S["Strings"] = ["a", [1]];
export const matrix: S["Matrix"] = [[1, [[2]]]];
// @ts-expect-error a loop through two components' arrays is precise too
export const matrixBad: S["Matrix"] = [["1"]];
export const self: S["Self"] = "anything";
export const dict: S["Dict"] = { a: { b: {} } };
`;

const generated = generateConnector(modelOf(text, spec), { source: "t.json" });
const byPath = Object.fromEntries(generated.files.map((f) => [f.path, f.content]));
let dir = "";

test.before(() => {
  dir = writeConnector("ref-cycles", byPath);
  writeFileSync(join(dir, "check.ts"), CHECK);
});

test("each cut cycle is a warning naming the schema it was cut in", () => {
  const cuts = generated.warnings.filter((w) => w.includes("closes a loop"));
  assert.equal(
    cuts.map((w) => w.slice(0, w.indexOf(":"))).sort(),
    ["Cat", "Dog", "L2", "LoopB", "M2", "Self", "U2"].map((n) => `#/components/schemas/${n}`),
  );
});

test("an alias points at the end of its chain, an inner ref at a component of its own, a tree at itself", () => {
  const types = byPath["types.ts"]!;
  assert.match(types, `A0: components["schemas"]["A${CHAIN}"];`);
  assert.match(types, `A1999: components["schemas"]["A${CHAIN}"];`);
  assert.match(types, '"Base/allOf/0": {');
  assert.match(types, 'summary?: components["schemas"]["Base/allOf/0/properties/service/properties/summary"];');
  assert.match(types, 'children?: components["schemas"]["Node"][];');
  assert.match(types, "Nested: NestedArray;");
  assert.match(types, 'export interface NestedArray extends Array<components["schemas"]["Nested"]> {');
  assert.match(byPath["schema.ts"]!, `export const A0Schema = A${CHAIN}Schema;`);
});

test("types.ts, schema.ts and the type expectations compile with no diagnostic", () => {
  assert.equal(typeCheck([dir]).errors, []);
});

test("the zod schemas validate loops and trees without recursing forever", async () => {
  const schema = (await import(pathToFileURL(join(dir, "schema.ts")).href)) as Record<string, z.ZodType>;
  const ok = (name: string, value: unknown) => assert.ok(schema[name]!.safeParse(value).success, `${name} accepts ${JSON.stringify(value)}`);
  const bad = (name: string, value: unknown) => assert.not.ok(schema[name]!.safeParse(value).success, `${name} refuses ${JSON.stringify(value)}`);
  ok("chainSchema", { id: 1 });
  bad("chainSchema", { id: "1" });
  ok("loopSchema", { id: 1, name: "n" });
  bad("loopSchema", { id: 1, name: 2 });
  ok("treeSchema", { id: 1, children: [{ id: 2, children: [{ id: 3 }] }] });
  bad("treeSchema", { id: 1, children: [{ id: 2, children: [{ id: "3" }] }] });
  ok("innerSchema", { id: "i", base: { id: "b" }, summary: { text: "t" }, item: [[]] });
  bad("innerSchema", { id: "i", summary: { text: 1 } });
  bad("innerSchema", { id: "i", node: { id: 1, children: [{ id: "2" }] } });
  ok("petsSchema", { id: 1, petType: "cat", name: "Tom", meow: true });
  bad("petsSchema", { id: 1, petType: "cat", meow: 1 });
  bad("petsSchema", { id: 1, petType: "dog", name: 1 });
  ok("holderSchema", { id: 1, self: { any: "thing" }, loop: 3, m: "x", u: 7, nested: [[[]]], dict: { a: { b: {} } } });
  bad("holderSchema", { id: 1, nested: [[1]] });
  ok("holderSchema", { id: 1, strings: ["a", ["b"]], matrix: [[1, [[2]]]] });
  bad("holderSchema", { id: 1, matrix: [["1"]] });
  bad("holderSchema", { id: 1, dict: { a: 1 } });
});

test.after(() => {
  if (dir !== "") rmSync(dir, { recursive: true, force: true });
});

test.run();
