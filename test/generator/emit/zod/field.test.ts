// Zod expressions for declared columns: emitted text, then evaluated against exact numbers (bigints and
// ExactDecimals from the runtime's JSON parser), numbers and strings.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { z } from "zod";
import { zodExpression } from "../../../../generator/emit/zod/field.ts";
import type { FieldModel } from "../../../../generator/model/model.ts";
import { ExactDecimal } from "../../../../runtime/json/exact-decimal.ts";
import { parseJson } from "../../../../runtime/json/parse.ts";
import type { DataType } from "../../../../runtime/connector.ts";

function field(dataType: DataType | null, nullable = false): FieldModel {
  return { key: "f", dataType, nullable, description: null };
}

/** The emitted expression as a schema, built the way the generated schema.ts builds it (only `z` in scope). */
function schema(dataType: DataType | null, nullable = false): z.ZodType {
  return new Function("z", `return ${zodExpression(field(dataType, nullable))};`)(z) as z.ZodType;
}

const REJECT = Symbol("reject");
const dec = (text: string) => new ExactDecimal(text);

const cases: [DataType | null, unknown, unknown][] = [
  ["bigint", 42, 42],
  ["bigint", 9007199254740993n, 9007199254740993n],
  ["bigint", -(2n ** 63n), -(2n ** 63n)],
  ["bigint", 2n ** 63n, REJECT],
  ["bigint", 2 ** 53, REJECT],
  ["bigint", 1.5, REJECT],
  ["bigint", "42", REJECT],
  ["bigint", dec("9007199254740993.5"), REJECT],
  ["double", 1.5, 1.5],
  ["double", 2n ** 64n, 18446744073709552000],
  ["double", dec("1.000000000000000000001"), 1],
  ["double", dec("1e400"), REJECT],
  ["double", "1.5", REJECT],
  ["double", true, REJECT],
  ["decimal", 1.5, 1.5],
  ["decimal", 2n ** 64n, 2n ** 64n],
  ["decimal", "-12.50", "-12.50"],
  ["decimal", "1e-7", "1e-7"],
  ["decimal", "12,50", REJECT],
  ["decimal", "", REJECT],
  ["decimal", true, REJECT],
  [null, 9007199254740993n, 9007199254740993n],
  [null, "a1", "a1"],
  [null, 7, 7],
  [null, true, REJECT],
];

for (const [type, input, expected] of cases) {
  test(`${type ?? "untyped key"}: ${String(input)} → ${expected === REJECT ? "rejected" : String(expected)}`, () => {
    const result = schema(type).safeParse(input);
    if (expected === REJECT) return assert.is(result.success, false);
    assert.ok(result.success, JSON.stringify(result.error?.issues));
    assert.equal(result.data, expected);
  });
}

test("decimal keeps an ExactDecimal itself (its text reaches the loader)", () => {
  const value = dec("12345678901234567890.123456789");
  const result = schema("decimal").safeParse(value);
  assert.ok(result.success);
  assert.is(result.data, value);
});

test("nullable fields accept null and absence", () => {
  for (const type of ["bigint", "double", "decimal"] as const) {
    assert.ok(schema(type, true).safeParse(null).success, type);
    assert.ok(schema(type, true).safeParse(undefined).success, type);
    assert.ok(schema(type, true).safeParse(9007199254740993n).success, type);
  }
});

test("errors say what was expected", () => {
  const message = (type: DataType, input: unknown) => schema(type).safeParse(input).error?.issues[0]?.message ?? "";
  assert.match(message("bigint", "x"), "expected an int64 integer");
  assert.match(message("bigint", 2n ** 63n), "Too big");
  assert.match(message("double", "x"), "expected number");
  assert.match(message("double", dec("1e400")), "Infinity");
  assert.match(message("decimal", true), "expected a decimal number or string");
  assert.match(message("decimal", "12,50"), "expected a decimal string");
});

test("a record parsed from a body with exact numbers passes a schema of declared columns", () => {
  const body = '{"id": 9007199254740993, "amount": 12345678901234567890.123456789, "score": 0.1000000000000000055511151231257827, "extra": 1e400}';
  const parsed = parseJson(body, body.length);
  assert.ok(parsed.ok);
  const shape = `z.looseObject({ id: ${zodExpression(field("bigint"))}, amount: ${zodExpression(field("decimal"))}, score: ${zodExpression(field("double"))} })`;
  const record = (new Function("z", `return ${shape};`)(z) as z.ZodType<Record<string, unknown>>).parse(parsed.ok ? parsed.value : null);
  assert.is(record["id"], 9007199254740993n);
  assert.is(String(record["amount"]), "12345678901234567890.123456789");
  assert.is(record["score"], 0.1);
  assert.is(String(record["extra"]), "1e400"); // unknown fields pass through untouched
});

test("emitted text for declared columns", () => {
  assert.is(
    zodExpression(field("bigint")),
    'z.union([z.int(), z.bigint().min(-9223372036854775808n).max(9223372036854775807n)], { error: "Invalid input: expected an int64 integer" })',
  );
  assert.match(
    zodExpression(field("double", true)),
    /^z\.union\(\[z\.number\(\), z\.bigint\(\), z\.instanceof\(Number\)\].*\.transform\(Number\)\.pipe\(z\.number\(\)\)\.nullish\(\)$/,
  );
  assert.match(zodExpression(field("decimal")), "z.string().regex(/^[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?$/");
  assert.is(zodExpression(field(null)), "z.union([z.string(), z.number(), z.bigint()])");
});

test.run();
