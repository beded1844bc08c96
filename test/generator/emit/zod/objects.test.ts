// Objects, required vs optional, and nullability in its four spellings, in both modes.
import { suite } from "uvu";
import { cases } from "./support.ts";

const test = suite("openapi zod: objects, required, nullability");

const person = { type: "object", required: ["id"], properties: { id: { type: "integer" }, name: { type: "string" } } };

cases(test, [
  {
    name: "objects are open; optional fields accept null and absence",
    schema: person,
    expr: "z.looseObject({ id: z.int(), name: z.string().nullish() })",
    valid: [{ id: 1 }, { id: 1, name: null }, { id: 1, name: "a", extra: true }],
    invalid: [{ name: "a" }, { id: null }, { id: 1.5 }, { id: 1, name: 2 }, null, []],
  },
  {
    name: "strict: closed objects, optional is only optional",
    mode: "strict",
    schema: person,
    expr: "z.strictObject({ id: z.int(), name: z.string().optional() })",
    valid: [{ id: 1 }, { id: 1, name: "a" }],
    invalid: [
      { id: 1, name: null },
      { id: 1, extra: true },
    ],
  },
  {
    name: "type missing but properties present → object",
    schema: { properties: { a: { type: "boolean" } }, required: ["a"] },
    expr: "z.looseObject({ a: z.boolean() })",
    valid: [{ a: true }],
    invalid: [{}, { a: "true" }],
  },
  {
    name: "3.0 nullable: true on a required field",
    schema: { type: "object", required: ["a"], properties: { a: { type: "string", nullable: true } } },
    expr: "z.looseObject({ a: z.string().nullable() })",
    valid: [{ a: null }, { a: "x" }],
    invalid: [{}],
  },
  {
    name: "3.1 type array with null",
    schema: { type: "object", required: ["a"], properties: { a: { type: ["integer", "null"] } } },
    expr: "z.looseObject({ a: z.int().nullable() })",
    valid: [{ a: null }, { a: 3 }],
    invalid: [{ a: "3" }],
  },
  {
    name: "oneOf with a null branch",
    schema: { type: "object", required: ["a"], properties: { a: { oneOf: [{ type: "number" }, { type: "null" }] } } },
    expr: "z.looseObject({ a: z.number().nullable() })",
    valid: [{ a: null }, { a: 1.5 }],
    invalid: [{ a: "1" }],
  },
  {
    name: "enum containing null",
    mode: "strict",
    schema: { type: "object", required: ["a"], properties: { a: { type: "string", enum: ["x", "y", null] } } },
    expr: 'z.strictObject({ a: z.enum(["x", "y"]).nullable() })',
    valid: [{ a: null }, { a: "y" }],
    invalid: [{ a: "z" }, {}],
  },
  {
    name: "nullable and optional → nullish in strict mode too",
    mode: "strict",
    schema: { type: "object", properties: { a: { type: "string", nullable: true } } },
    expr: "z.strictObject({ a: z.string().nullish() })",
    valid: [{}, { a: null }],
  },
  {
    name: "a nullable object (3.0)",
    schema: { type: "object", nullable: true, required: ["a"], properties: { a: { type: "string" } } },
    expr: "z.looseObject({ a: z.string() }).nullable()",
    valid: [null, { a: "x" }],
    invalid: [{}, undefined],
  },
  {
    name: "only null",
    schema: { type: "null" },
    expr: "z.null()",
    valid: [null],
    invalid: [0, ""],
  },
  {
    name: "nested objects",
    schema: { type: "object", required: ["a"], properties: { a: { type: "object", required: ["b"], properties: { b: { type: "string" } } } } },
    expr: "z.looseObject({ a: z.looseObject({ b: z.string() }) })",
    valid: [{ a: { b: "x" } }],
    invalid: [{ a: {} }],
  },
  {
    name: "writeOnly properties are dropped, readOnly and deprecated noted, default not applied",
    schema: {
      type: "object",
      required: ["id", "password"],
      properties: {
        id: { type: "integer", readOnly: true, description: "The id." },
        password: { type: "string", writeOnly: true },
        old: { type: "string", deprecated: true, default: "x" },
      },
    },
    expr: "z.looseObject({\n  /** The id. (read-only) */\n  id: z.int(),\n  /** @deprecated */\n  old: z.string().nullish(),\n})",
    valid: [{ id: 1 }, { id: 1, password: 5 }],
    invalid: [{ id: "1" }],
  },
  {
    name: "property names that are not identifiers are quoted",
    schema: { type: "object", required: ["first-name", "2x"], properties: { "first-name": { type: "string" }, "2x": { type: "string" } } },
    expr: 'z.looseObject({ "first-name": z.string(), "2x": z.string() })',
    valid: [{ "first-name": "a", "2x": "b" }],
    invalid: [{ "first-name": "a" }],
  },
  {
    name: "empty schema → unknown (required: present, any value)",
    schema: { type: "object", required: ["a"], properties: { a: {}, b: { description: "anything" } } },
    expr: "z.looseObject({\n  a: z.unknown(),\n  /** anything */\n  b: z.unknown().optional(),\n})",
    valid: [{ a: null }, { a: 1, b: [1] }],
    invalid: [{}],
  },
]);

test.run();
