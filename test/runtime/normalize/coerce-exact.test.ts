// coerce with exact numbers: bigints and ExactDecimals from the JSON parser infer and fit column types
// without rounding; timestamps and times keep microseconds.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ExactDecimal } from "../../../runtime/json/exact-decimal.ts";
import { describeType, fitValue, inferType, isNestedObject, MISMATCH } from "../../../runtime/normalize/coerce.ts";
import type { DataType } from "../../../runtime/connector.ts";

const dec = (text: string) => new ExactDecimal(text);

const inferred: [string, unknown, DataType][] = [
  ["a safe integer", 42, "bigint"],
  ["2^53 as a number", 2 ** 53, "double"],
  ["a fraction", 0.1, "double"],
  ["a bigint beyond 2^53", 9007199254740993n, "bigint"],
  ["int64 min", -(2n ** 63n), "bigint"],
  ["int64 max + 1", 2n ** 63n, "decimal"],
  ["2^64", 2n ** 64n, "decimal"],
  ["an ExactDecimal with 21 digits after the point → double", dec("1.000000000000000000001"), "double"],
  ["an ExactDecimal DECIMAL(38,9) holds: 29 digits before the point, 9 after", dec("12345678901234567890123456789.123456789"), "decimal"],
  ["an ExactDecimal with 10 digits after the point (a 17-digit float rendering) → double", dec("0.10000000000000001"), "double"],
  ["an ExactDecimal with 30 digits before the point → double", dec("123456789012345678901234567890.5"), "double"],
  ["an ExactDecimal beyond the double range → double (then refused by the fit)", dec("1e400"), "double"],
  ["a decimal-looking string", "12.50", "text"],
];

for (const [name, value, type] of inferred) {
  test(`inferType: ${name} → ${type}`, () => assert.is(inferType(value), type));
}

const fits: [string, unknown, DataType, unknown][] = [
  ["bigint: a bigint within int64", 9007199254740993n, "bigint", 9007199254740993n],
  ["bigint: int64 min", -(2n ** 63n), "bigint", -(2n ** 63n)],
  ["bigint: beyond int64", 2n ** 63n, "bigint", MISMATCH],
  ["bigint: an unsafe number", 2 ** 53, "bigint", MISMATCH],
  ["bigint: an ExactDecimal", dec("9007199254740993.5"), "bigint", MISMATCH],
  ["decimal: an ExactDecimal, as written", dec("12345678901234567890.123456789"), "decimal", "12345678901234567890.123456789"],
  [
    "decimal: a long fraction (Postgres NUMERIC holds it; DuckDB refuses it when staging)",
    dec("1.000000000000000000001"),
    "decimal",
    "1.000000000000000000001",
  ],
  ["decimal: a bigint beyond int64", 2n ** 64n, "decimal", "18446744073709551616"],
  ["decimal: 40 digits", 10n ** 39n, "decimal", `1${"0".repeat(39)}`],
  ["decimal: a number", 0.1, "decimal", "0.1"],
  ["decimal: a big number", 1e21, "decimal", "1e+21"],
  ["decimal: a decimal string", "-12.50", "decimal", "-12.50"],
  ["decimal: exponent text", "1.5e-10", "decimal", "1.5e-10"],
  ["decimal: past NUMERIC's digits", dec("1e200000"), "decimal", MISMATCH],
  ["decimal: past NUMERIC's fraction", dec("1e-17000"), "decimal", MISMATCH],
  ["decimal: not a number", "12,50", "decimal", MISMATCH],
  ["decimal: NaN text", "NaN", "decimal", MISMATCH],
  ["decimal: a boolean", true, "decimal", MISMATCH],
  ["double: a bigint, as its double", 2n ** 64n, "double", 18446744073709552000],
  ["double: an ExactDecimal, as its double", dec("1.000000000000000000001"), "double", 1],
  ["double: an ExactDecimal beyond the double range", dec("1e400"), "double", MISMATCH],
  ["text: a bigint is no text", 1n, "text", MISMATCH],
  ["json: a bigint alone", 9007199254740993n, "json", "9007199254740993"],
  ["json: exact numbers in a list", [1, 9007199254740993n, dec("1e400")], "json", "[1,9007199254740993,1e400]"],
  ["json: exact numbers in an object", { a: { b: dec("0.10000000000000000000001") } }, "json", '{"a":{"b":0.10000000000000000000001}}'],
  ["timestamp: an offset kept", "2024-03-01T10:00:00+05:30", "timestamp", "2024-03-01T10:00:00+05:30"],
  ["timestamp: microseconds kept", "2024-03-01T10:00:00.123456Z", "timestamp", "2024-03-01T10:00:00.123456Z"],
  ["timestamp: nanoseconds truncated, never rounded", "2024-03-01T10:00:00.999999999+05:30", "timestamp", "2024-03-01T10:00:00.999999+05:30"],
  ["timestamp: 7 digits truncated", "2024-03-01 10:00:00.1234567", "timestamp", "2024-03-01 10:00:00.123456"],
  ["timestamp: 10 digits refused", "2024-03-01T10:00:00.1234567891Z", "timestamp", MISMATCH],
  ["time: nanoseconds truncated", "23:59:59.999999999", "time", "23:59:59.999999"],
  ["time: seconds only", "10:00:00", "time", "10:00:00"],
];

for (const [name, value, type, expected] of fits) {
  test(`fitValue ${name}`, () => assert.equal(fitValue(value, type), expected));
}

test("an ExactDecimal is a value, not an object to flatten; so are lists, Dates and null", () => {
  assert.is(isNestedObject({ a: 1 }), true);
  for (const value of [dec("1.5"), [1], new Date(0), null, 1n, "x"]) assert.is(isNestedObject(value), false, String(value));
});

test("describeType names exact numbers without showing them", () => {
  assert.is(describeType(dec("1.000000000000000000001")), "decimal number beyond double precision");
  assert.is(describeType(2n ** 64n), "integer beyond int64");
  assert.is(describeType(5n), "bigint");
  assert.is(describeType(1.5), "non-integer number");
});

test.run();
