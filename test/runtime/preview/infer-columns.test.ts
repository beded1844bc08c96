// Column inference from sample records: conservative (null-only stays untyped, mixes widen, big numbers
// stay exact, date-times by format), with how often each field was seen and null.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parseJson } from "../../../runtime/json/parse.ts";
import { inferColumns } from "../../../runtime/preview/infer-columns.ts";

function typeOf(...values: string[]): string | null {
  const text = `[${values.map((v) => `{"f": ${v}}`).join(",")}]`;
  const parsed = parseJson(text, text.length);
  if (!parsed.ok) throw new Error(parsed.problem);
  const [column] = inferColumns(parsed.value as unknown[]);
  return column?.dataType ?? column?.nested ?? null;
}

test("one type per field; mixes widen; exact numbers stay exact; formats recognized", () => {
  const cases: [string[], string | null][] = [
    [["1", "2"], "bigint"],
    [["1", "2.5"], "double"],
    [["1", "12345678901234567890123"], "decimal"],
    [["9223372036854775807"], "bigint"],
    [["9223372036854775808"], "decimal"],
    [["0.1000000000000000055511151231257827"], "decimal"],
    [["true", "false"], "bool"],
    [['"a"', '"b"'], "text"],
    [['"2024-01-01T00:00:00Z"', '"2024-02-01 10:00:00.123+02:00"'], "timestamp"],
    [['"2024-01-01"'], "date"],
    [['"2024-01-01"', '"2024-01-01T00:00:00Z"'], "timestamp"],
    [['"12:30:00"'], "time"],
    [['"2024-01-01T00:00:00Z"', '"soon"'], "text"],
    [['"2024-13-45T99:99:99Z"'], "text"],
    [["null", "null"], null],
    [["null", "3"], "bigint"],
    [["1", '"1"'], "json"],
    [["true", "1"], "json"],
    [["[1]", "[]"], "list"],
    [['{"a": 1}'], "object"],
  ];
  for (const [values, expected] of cases) assert.is(typeOf(...values), expected, values.join(", "));
});

test("seen and nulls per field, fields in first-seen order", () => {
  const columns = inferColumns([{ a: 1, b: null }, { b: "x", c: [1] }, { a: null }, "not a record"]);
  assert.equal(
    columns.map((c) => [c.field, c.dataType, c.seen, c.nulls, c.nested, c.kinds]),
    [
      ["a", "bigint", 2, 1, null, ["integer", "null"]],
      ["b", "text", 2, 1, null, ["null", "text"]],
      ["c", null, 1, 0, "list", ["list"]],
    ],
  );
});

test.run();
