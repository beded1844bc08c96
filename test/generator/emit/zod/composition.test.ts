// allOf (merged into one object), oneOf/anyOf (unions), and when a discriminated union is safe.
import { suite } from "uvu";
import { cases, ref } from "./support.ts";

const test = suite("openapi zod: composition");

const components = {
  Label: { type: "string" },
  Base: { type: "object", required: ["id"], properties: { id: { type: "integer" }, note: { type: "string" } } },
  Pet: { type: "object", required: ["kind"], properties: { kind: { type: "string" } }, discriminator: { propertyName: "kind" } },
  Dog: { allOf: [ref("Pet"), { type: "object", properties: { kind: { enum: ["dog"] }, barks: { type: "boolean" } } }] },
  Cat: { allOf: [ref("Pet"), { type: "object", required: ["lives"], properties: { kind: { const: "cat" }, lives: { type: "integer" } } }] },
};

const cat = { type: "object", required: ["kind", "lives"], properties: { kind: { const: "cat" }, lives: { type: "integer" } } };
const dog = { type: "object", required: ["kind"], properties: { kind: { enum: ["dog"] }, barks: { type: "boolean" } } };

cases(
  test,
  [
    {
      name: "allOf of inline objects → one object, properties and required unioned",
      schema: {
        allOf: [
          { type: "object", required: ["a"], properties: { a: { type: "string" } } },
          { properties: { b: { type: "integer" } }, required: ["b"] },
        ],
      },
      expr: "z.looseObject({ a: z.string(), b: z.int() })",
      valid: [{ a: "x", b: 1 }],
      invalid: [{ a: "x" }, { b: 1 }],
    },
    {
      name: "allOf with a $ref object: spread first, required reaches inherited overrides",
      schema: {
        allOf: [ref("Base"), { type: "object", required: ["note"], properties: { id: { type: "integer", format: "int64" }, note: { type: "string" } } }],
      },
      expr: "z.looseObject({ ...Base.shape, id: z.union([z.int(), z.string().regex(/^-?\\d+$/)]), note: z.string() })",
      valid: [{ id: "12", note: "n" }],
      invalid: [{ note: "n" }, { id: 1 }],
    },
    {
      name: "strict: a required name the component leaves optional is reported",
      mode: "strict",
      schema: { allOf: [ref("Base"), { required: ["note"] }] },
      expr: "z.strictObject({ ...Base.shape })",
      valid: [{ id: 1 }],
      warnings: ['#/allOf: required property "note" is not required by the component declaring it; not enforced'],
    },
    {
      name: "allOf of one $ref (with annotations, nullable) is the reference",
      schema: { allOf: [ref("Base")], nullable: true, description: "the base" },
      expr: "Base.nullable()",
      valid: [null, { id: 1 }],
      invalid: [{}],
    },
    {
      name: "allOf with a non-object member → intersection",
      schema: { allOf: [ref("Label"), { type: "object", properties: { a: { type: "string" } } }] },
      expr: "z.intersection(z.looseObject({ a: z.string().nullish() }), Label)",
      invalid: ["x", { a: "x" }],
    },
    {
      name: "allOf of scalars → pairwise intersections",
      mode: "strict",
      schema: { allOf: [{ type: "string" }, { minLength: 2 }, { maxLength: 3 }] },
      expr: "z.intersection(z.intersection(z.string(), z.string().min(2)), z.string().max(3))",
      valid: ["ab"],
      invalid: ["a", "abcd"],
    },
    {
      name: "oneOf of scalars → union",
      schema: { oneOf: [{ type: "string" }, { type: "integer" }] },
      expr: "z.union([z.string(), z.int()])",
      valid: ["a", 1],
      invalid: [true],
    },
    {
      name: "anyOf → union; a null branch makes it nullable",
      schema: { anyOf: [{ type: "boolean" }, { type: "string" }, { type: "null" }] },
      expr: "z.union([z.boolean(), z.string()]).nullable()",
      valid: [null, true, "x"],
      invalid: [1],
    },
    {
      name: "oneOf of one branch is that branch",
      schema: { oneOf: [ref("Label")] },
      expr: "Label",
      valid: ["x"],
    },
    {
      name: "discriminator over inline objects (strict)",
      mode: "strict",
      schema: { oneOf: [dog, cat], discriminator: { propertyName: "kind" } },
      expr: 'z.discriminatedUnion("kind", [\n  z.strictObject({ kind: z.literal("dog"), barks: z.boolean().optional() }),\n  z.strictObject({ kind: z.literal("cat"), lives: z.int() }),\n])',
      valid: [{ kind: "dog" }, { kind: "cat", lives: 9 }],
      invalid: [{ kind: "cat" }, { kind: "cow" }, {}],
    },
    {
      name: "discriminator (lenient): unknown tags pass, known tags must match their member",
      schema: { oneOf: [dog, cat], discriminator: { propertyName: "kind" } },
      expr: 'z.union([\n  z.discriminatedUnion("kind", [\n    z.looseObject({ kind: z.literal("dog"), barks: z.boolean().nullish() }),\n    z.looseObject({ kind: z.literal("cat"), lives: z.int() }),\n  ]),\n  z.looseObject({ kind: z.string().refine((tag) => !["dog", "cat"].includes(tag)) }),\n])',
      valid: [{ kind: "dog" }, { kind: "cat", lives: 9 }, { kind: "cow", moos: true }],
      invalid: [{ kind: "cat" }, { kind: "cat", lives: "9" }, {}, { kind: 1 }],
    },
    {
      name: "discriminator over $refs through allOf",
      mode: "strict",
      schema: { oneOf: [ref("Dog"), ref("Cat")], discriminator: { propertyName: "kind", mapping: { dog: "#/components/schemas/Dog" } } },
      expr: 'z.discriminatedUnion("kind", [Dog, Cat])',
      valid: [{ kind: "dog" }, { kind: "cat", lives: 1 }],
      invalid: [{ kind: "cat" }, { kind: "bird" }],
    },
    {
      name: "discriminator whose tag is optional in a member → plain union",
      mode: "strict",
      schema: { oneOf: [{ type: "object", properties: { kind: { const: "a" } } }, cat], discriminator: { propertyName: "kind" } },
      expr: 'z.union([\n  z.strictObject({ kind: z.literal("a").optional() }),\n  z.strictObject({ kind: z.literal("cat"), lives: z.int() }),\n])',
      valid: [{}, { kind: "cat", lives: 1 }],
    },
    {
      name: "discriminator with a non-literal tag or duplicate tags → plain union",
      mode: "strict",
      schema: { oneOf: [ref("Pet"), ref("Cat"), ref("Cat")], discriminator: { propertyName: "kind" } },
      expr: "z.union([Pet, Cat, Cat])",
      valid: [{ kind: "anything" }],
    },
    {
      name: "discriminator over a non-object member → plain union",
      schema: { oneOf: [ref("Label"), ref("Cat")], discriminator: { propertyName: "kind" } },
      expr: "z.union([Label, Cat])",
      valid: ["x", { kind: "cat", lives: 1 }],
    },
    {
      name: "properties beside oneOf are intersected with the union",
      schema: {
        type: "object",
        required: ["id"],
        properties: { id: { type: "integer" } },
        oneOf: [
          { required: ["a"], properties: { a: { type: "string" } } },
          { required: ["b"], properties: { b: { type: "string" } } },
        ],
      },
      expr: "z.intersection(z.looseObject({ id: z.int() }), z.union([z.looseObject({ a: z.string() }), z.looseObject({ b: z.string() })]))",
      valid: [
        { id: 1, a: "x" },
        { id: 2, b: "y" },
      ],
      invalid: [{ id: 1 }, { a: "x" }],
    },
  ],
  { components },
);

test.run();
