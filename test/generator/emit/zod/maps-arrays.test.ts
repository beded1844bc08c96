// additionalProperties (maps, catchall, open/closed objects) and arrays.
import { suite } from "uvu";
import { cases } from "./support.ts";

const test = suite("openapi zod: additionalProperties and arrays");

cases(test, [
  {
    name: "schema-valued additionalProperties without properties → record",
    schema: { type: "object", additionalProperties: { type: "integer" } },
    expr: "z.record(z.string(), z.int())",
    valid: [{}, { a: 1, b: 2 }],
    invalid: [{ a: "1" }, [1]],
  },
  {
    name: "schema-valued additionalProperties with properties → catchall",
    schema: { type: "object", required: ["name"], properties: { name: { type: "string" } }, additionalProperties: { type: "number" } },
    expr: "z.object({ name: z.string() }).catchall(z.number())",
    valid: [{ name: "x", score: 1.5 }],
    invalid: [{ name: "x", score: "high" }, { score: 1 }],
  },
  {
    name: "an object with no properties → record of unknown",
    schema: { type: "object" },
    expr: "z.record(z.string(), z.unknown())",
    valid: [{}, { a: [1] }],
    invalid: ["x", null],
  },
  {
    name: "additionalProperties: true → record of unknown (strict too)",
    mode: "strict",
    schema: { type: "object", additionalProperties: true },
    expr: "z.record(z.string(), z.unknown())",
    valid: [{ a: 1 }],
  },
  {
    name: "additionalProperties: true with properties keeps strict objects open",
    mode: "strict",
    schema: { type: "object", properties: { a: { type: "string" } }, additionalProperties: true },
    expr: "z.looseObject({ a: z.string().optional() })",
    valid: [{ b: 1 }],
  },
  {
    name: "additionalProperties: false is not enforced in lenient mode",
    schema: { type: "object", properties: { a: { type: "string" } }, additionalProperties: false },
    expr: "z.looseObject({ a: z.string().nullish() })",
    valid: [{ a: "x", b: 1 }],
  },
  {
    name: "additionalProperties: false in strict mode",
    mode: "strict",
    schema: { type: "object", properties: { a: { type: "string" } }, additionalProperties: false },
    expr: "z.strictObject({ a: z.string().optional() })",
    valid: [{ a: "x" }],
    invalid: [{ a: "x", b: 1 }],
  },
  {
    name: "an empty closed object in strict mode",
    mode: "strict",
    schema: { type: "object", additionalProperties: false },
    expr: "z.strictObject({})",
    valid: [{}],
    invalid: [{ a: 1 }],
  },
  {
    name: "map of objects",
    schema: { additionalProperties: { type: "object", required: ["n"], properties: { n: { type: "integer" } } } },
    expr: "z.record(z.string(), z.looseObject({ n: z.int() }))",
    valid: [{ a: { n: 1 } }],
    invalid: [{ a: {} }],
  },
  {
    name: "array of items",
    schema: { type: "array", items: { type: "string" } },
    expr: "z.array(z.string())",
    valid: [[], ["a"]],
    invalid: [[1], "a", { 0: "a" }],
  },
  {
    name: "array without items",
    schema: { type: "array" },
    expr: "z.array(z.unknown())",
    valid: [[1, "a", null]],
    invalid: [{}],
  },
  {
    name: "array of nullable items",
    schema: { type: "array", items: { type: "integer", nullable: true } },
    expr: "z.array(z.int().nullable())",
    valid: [[1, null]],
    invalid: [[undefined]],
  },
  {
    name: "minItems/maxItems are not enforced in lenient mode",
    schema: { type: "array", items: { type: "integer" }, minItems: 1, maxItems: 2 },
    expr: "z.array(z.int())",
    valid: [[], [1, 2, 3]],
  },
  {
    name: "minItems/maxItems in strict mode",
    mode: "strict",
    schema: { type: "array", items: { type: "integer" }, minItems: 1, maxItems: 2 },
    expr: "z.array(z.int()).min(1).max(2)",
    valid: [[1], [1, 2]],
    invalid: [[], [1, 2, 3]],
  },
  {
    name: "nested arrays of objects",
    schema: {
      type: "object",
      required: ["rows"],
      properties: { rows: { type: "array", items: { type: "array", items: { type: "object", properties: { v: { type: "number" } } } } } },
    },
    expr: "z.looseObject({ rows: z.array(z.array(z.looseObject({ v: z.number().nullish() }))) })",
    valid: [{ rows: [[{ v: 1 }, {}], []] }],
    invalid: [{ rows: [[{ v: "1" }]] }],
  },
]);

test.run();
