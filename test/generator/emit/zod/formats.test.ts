// Formats, integers and numbers: date/date-time in both modes, other formats and bounds only in
// strict mode, the int64 policy.
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { zodFromOpenApi } from "../../../../generator/emit/zod/index.ts";
import { cases, context, evaluate } from "./support.ts";

const test = suite("openapi zod: formats and numbers");

cases(test, [
  {
    name: "date-time: offset or local, not garbage",
    schema: { type: "string", format: "date-time" },
    expr: "z.iso.datetime({ offset: true, local: true })",
    valid: ["2024-05-01T10:00:00Z", "2024-05-01T10:00:00.123+02:00", "2024-05-01T10:00:00"],
    invalid: ["yesterday", "2024-05-01", 1714557600],
  },
  {
    name: "date-time: an offset is required",
    mode: "strict",
    schema: { type: "string", format: "date-time" },
    expr: "z.iso.datetime({ offset: true })",
    valid: ["2024-05-01T10:00:00Z", "2024-05-01T10:00:00-05:00"],
    invalid: ["2024-05-01T10:00:00"],
  },
  {
    name: "date is a date, never a date-time",
    schema: { type: "string", format: "date" },
    expr: "z.iso.date()",
    valid: ["2024-05-01"],
    invalid: ["2024-05-01T10:00:00Z", "05/01/2024"],
  },
  {
    name: "other formats are not checked in lenient mode",
    schema: { type: "string", format: "email" },
    expr: "z.string()",
    valid: ["not an email"],
  },
  ...(["email", "uuid", "uri", "ipv4"] as const).map((format) => ({
    name: `format ${format}`,
    mode: "strict" as const,
    schema: { type: "string", format },
    expr: { email: "z.email()", uuid: "z.uuid()", uri: "z.url()", ipv4: "z.ipv4()" }[format],
    valid: [{ email: "a@example.com", uuid: "123e4567-e89b-12d3-a456-426614174000", uri: "https://example.com/x", ipv4: "10.0.0.1" }[format]],
    invalid: ["not valid at all"],
  })),
  {
    name: "an unknown format is a string",
    mode: "strict",
    schema: { type: "string", format: "x-custom" },
    expr: "z.string()",
    valid: ["anything"],
  },
  {
    name: "integer: a safe integer",
    schema: { type: "integer" },
    expr: "z.int()",
    valid: [0, -3, 2 ** 53 - 1],
    invalid: [1.5, "1", 2 ** 53],
  },
  {
    name: "int32: any safe integer in lenient mode",
    schema: { type: "integer", format: "int32" },
    expr: "z.int()",
    valid: [2 ** 31],
  },
  {
    name: "int32: range-checked in strict mode",
    mode: "strict",
    schema: { type: "integer", format: "int32" },
    expr: "z.int32()",
    valid: [2 ** 31 - 1],
    invalid: [2 ** 31],
  },
  {
    name: "int64: a safe integer or a digit string (never a lossy number)",
    schema: { type: "integer", format: "int64" },
    expr: "z.union([z.int(), z.string().regex(/^-?\\d+$/)])",
    valid: [42, "9007199254740993", "-1"],
    invalid: [2 ** 53, "12a", 1.5, ""],
  },
  {
    name: "bounds are ignored in lenient mode",
    schema: { type: "integer", minimum: 1, maximum: 10 },
    expr: "z.int()",
    valid: [0, 11],
  },
  {
    name: "bounds: 3.0 boolean exclusives",
    mode: "strict",
    schema: { type: "number", minimum: 0, exclusiveMinimum: true, maximum: 1 },
    expr: "z.number().gt(0).lte(1)",
    valid: [0.5, 1],
    invalid: [0, 1.01],
  },
  {
    name: "bounds: 3.1 numeric exclusives and multipleOf",
    mode: "strict",
    schema: { type: "integer", exclusiveMinimum: -5, exclusiveMaximum: 5, multipleOf: 2 },
    expr: "z.int().gt(-5).lt(5).multipleOf(2)",
    valid: [-4, 0, 4],
    invalid: [-5, 3, 6],
  },
  {
    name: "bounds that are not numbers are ignored",
    mode: "strict",
    schema: { type: "number", minimum: "0); process.exit(1); (", maximum: null },
    expr: "z.number()",
    valid: [-1],
  },
  {
    name: "number (float, double alike)",
    schema: { type: "number", format: "double" },
    expr: "z.number()",
    valid: [1.5, -2, 1e300],
    invalid: ["1.5", null],
  },
  {
    name: "boolean",
    schema: { type: "boolean" },
    expr: "z.boolean()",
    valid: [true, false],
    invalid: ["true", 0],
  },
  {
    name: "a 3.1 type list without null → union",
    schema: { type: ["string", "integer"] },
    expr: "z.union([z.string(), z.int()])",
    valid: ["a", 1],
    invalid: [true, 1.5],
  },
  {
    name: "an unknown type is unknown, with a warning",
    schema: { type: "file" },
    expr: "z.unknown()",
    valid: [1, "a"],
    warnings: ['#/type: unknown type "file", accepted as unknown'],
  },
]);

test("int64 policies: number only, string only", async () => {
  const schema = { type: "integer", format: "int64" };
  const number = zodFromOpenApi(schema, { ...context("lenient"), int64: "number" });
  const string = zodFromOpenApi(schema, { ...context("lenient"), int64: "string" });
  assert.is(number.expr, "z.int()");
  assert.is(string.expr, "z.string().regex(/^-?\\d+$/)");
  assert.not.ok((await evaluate(number.expr)).safeParse("1").success);
  assert.ok((await evaluate(string.expr)).safeParse("-12").success);
});

test("exact numbers (the runtime's parse): int64 accepts a bigint within int64, number accepts a long decimal as its double", async () => {
  const ctx = { ...context("lenient"), int64: "number", numbers: "exact" } as const;
  const int64 = await evaluate(zodFromOpenApi({ type: "integer", format: "int64" }, ctx).expr);
  assert.ok(int64.safeParse(2n ** 62n).success);
  assert.ok(int64.safeParse(12).success);
  assert.not.ok(int64.safeParse(2n ** 63n).success, "beyond int64");
  assert.not.ok(int64.safeParse("12").success);
  const double = await evaluate(zodFromOpenApi({ type: "number" }, ctx).expr);
  assert.is(double.parse(2n ** 60n), 2 ** 60);
  // The runtime's ExactDecimal is a Number subclass: a Number object stands in for it here.
  assert.is(double.parse(new Number(0.5)), 0.5);
  assert.not.ok(double.safeParse("0.5").success);
  const strict = { ...ctx, mode: "strict" } as const;
  const bounded = await evaluate(zodFromOpenApi({ type: "number", minimum: 0, maximum: 1 }, strict).expr);
  assert.ok(bounded.safeParse(new Number(0.25)).success);
  assert.not.ok(bounded.safeParse(2).success);
  const boundedInt = await evaluate(zodFromOpenApi({ type: "integer", format: "int64", minimum: 1 }, strict).expr);
  assert.ok(boundedInt.safeParse(2n ** 62n).success);
  assert.not.ok(boundedInt.safeParse(0).success);
  const either = await evaluate(zodFromOpenApi({ type: "integer", format: "int64" }, { ...ctx, int64: "number-or-string" }).expr);
  assert.ok(either.safeParse(2n ** 62n).success && either.safeParse("-3").success);
});

test.run();
