// acyclic(): which eager references are cut, how alias chains collapse, and that neither a long
// chain nor a loop of aliases overflows or loops.
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { acyclic, TYPE_EAGER, VALIDATOR_EAGER } from "../../../generator/emit/ref-cycles.ts";

const test = suite("openapi: cycles and alias chains");
const ref = (name: string) => ({ $ref: name });
const over = (schemas: Record<string, unknown>, eager = VALIDATOR_EAGER) => acyclic(Object.keys(schemas), (r) => schemas[r], eager);

test("a self-alias and a loop of aliases are cut to {} (unknown)", () => {
  const { resolve, cuts } = over({ S: ref("S"), A: ref("B"), B: ref("A") });
  assert.equal(cuts, [
    { from: "S", to: "S", loop: ["S"] },
    { from: "B", to: "A", loop: ["A", "B"] },
  ]);
  assert.equal(resolve("S"), {});
  assert.equal(resolve("B"), {});
  assert.equal(resolve("A"), ref("B"));
});

test("an allOf loop loses the reference that closes it, and keeps the rest", () => {
  const { resolve, cuts } = over({ A: { allOf: [ref("B"), { required: ["a"] }] }, B: { allOf: [ref("A"), { required: ["b"] }] } });
  assert.equal(cuts, [{ from: "B", to: "A", loop: ["A", "B"] }]);
  assert.equal(resolve("B"), { allOf: [{}, { required: ["b"] }] });
  assert.equal(resolve("A"), { allOf: [ref("B"), { required: ["a"] }] });
});

test("recursion through properties is kept; through items only validators keep it", () => {
  const schemas = { Node: { properties: { children: { items: ref("Node") } } }, Nested: { items: ref("Nested") } };
  assert.equal(over(schemas).cuts, []);
  assert.equal(over(schemas, TYPE_EAGER).cuts, [{ from: "Nested", to: "Nested", loop: ["Nested"] }]);
  assert.equal(over(schemas, TYPE_EAGER).resolve("Node"), schemas.Node);
});

test("a 100,000-long alias chain: every alias points at the end, without overflowing", () => {
  const schemas: Record<string, unknown> = {};
  for (let i = 0; i < 100_000; i++) schemas[`A${i}`] = { $ref: `A${i + 1}`, description: `alias ${i}` };
  schemas["A100000"] = { type: "object" };
  const { resolve, cuts } = over(schemas);
  assert.equal(cuts, []);
  assert.equal(resolve("A0"), { $ref: "A100000", description: "alias 0" });
  assert.equal(resolve("A99999"), { $ref: "A100000", description: "alias 99999" });
  for (let i = 0; i < 100_000; i++) assert.is((resolve(`A${i}`) as { $ref: string }).$ref, "A100000");
});

test("an alias chain through a nullable alias stays nullable", () => {
  const { resolve } = over({ A: ref("B"), B: { $ref: "C", nullable: true }, C: ref("D"), D: { type: "string" } });
  assert.equal(resolve("A"), { $ref: "D", nullable: true });
  assert.equal(resolve("B"), { $ref: "D", nullable: true });
  assert.equal(resolve("C"), ref("D"));
});

test("a chain ending at a ref that does not resolve is left as it is", () => {
  const schemas = { A: ref("B"), B: ref("Missing") };
  assert.equal(over(schemas).resolve("A"), ref("B"));
});

test.run();
