// Decimal text: the accepted syntax, the digits a value needs, and value keys.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { decimalDigits, decimalKey } from "../../../runtime/json/decimal-text.ts";

const digits: [string, [number, number] | null][] = [
  ["0", [0, 0]],
  ["-0.000", [0, 0]],
  ["12.50", [2, 1]],
  ["+5", [1, 0]],
  ["5.", [1, 0]],
  [".5", [0, 1]],
  ["100", [3, 0]],
  ["0.05", [0, 2]],
  ["2.50e1", [2, 0]],
  ["1e20", [21, 0]],
  ["1.5e-10", [0, 11]],
  ["1e400", [401, 0]],
  ["12345678901234567890.123456789", [20, 9]],
  ["1.000000000000000000001", [1, 21]],
  ["1e99999999999999999999", [1e20 + 1, 0]],
  ["abc", null],
  ["1.2.3", null],
  ["", null],
  [" 1", null],
  ["NaN", null],
  ["Infinity", null],
  ["1e", null],
];

for (const [text, expected] of digits) {
  test(`decimalDigits(${JSON.stringify(text)})`, () => {
    const found = decimalDigits(text);
    assert.equal(found === null ? null : [found.integer, found.fraction], expected);
  });
}

test("decimalKey: equal values, equal keys", () => {
  const same: string[][] = [
    ["1.50", "15e-1", "1.5", "+1.5", "0.15E1"],
    ["0", "-0", "0.000", "0e10"],
    ["1e+21", "1000000000000000000000", "1e21"],
    ["-0.001", "-1e-3"],
  ];
  for (const group of same) for (const text of group) assert.is(decimalKey(text), decimalKey(group[0] as string), text);
  assert.is.not(decimalKey("1.5"), decimalKey("-1.5"));
  assert.is.not(decimalKey("1.5"), decimalKey("15"));
  assert.is(decimalKey("x"), null);
});

test.run();
