// stringifyJson: JSON.stringify's output, with bigints and ExactDecimals written as their exact digits;
// canonicalJson: the same with every object's keys in one order.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ExactDecimal } from "../../../runtime/json/exact-decimal.ts";
import { parseJson } from "../../../runtime/json/parse.ts";
import { canonicalJson, stringifyJson } from "../../../runtime/json/stringify.ts";

const exactCases: [string, unknown, string][] = [
  ["a bigint", 9007199254740993n, "9007199254740993"],
  ["an ExactDecimal", new ExactDecimal("1.000000000000000000001"), "1.000000000000000000001"],
  ["both, nested", { a: [1, 2n ** 64n, { b: new ExactDecimal("-1e400") }], s: "x" }, '{"a":[1,18446744073709551616,{"b":-1e400}],"s":"x"}'],
  [
    "JSON.stringify's rules kept beside them",
    { n: 1n, u: undefined, f: () => 1, list: [undefined, NaN, Infinity], d: new Date(0) },
    '{"n":1,"list":[null,null,null],"d":"1970-01-01T00:00:00.000Z"}',
  ],
  // biome-ignore lint/suspicious/noSparseArray: the hole is the case
  ["a sparse array", [1n, , 3], "[1,null,3]"],
];

for (const [name, value, expected] of exactCases) {
  test(`exact: ${name}`, () => assert.is(stringifyJson(value), expected));
}

test("without exact numbers it is JSON.stringify", () => {
  for (const value of [null, 1.5, "a\u0000b", [1, "x", { y: null }], { nested: { deep: [true] } }, undefined]) {
    assert.is(stringifyJson(value), JSON.stringify(value));
  }
});

test("a parsed body written back keeps every digit", () => {
  const body = '{"id":9007199254740993,"amount":12345678901234567890.123456789,"tags":[1e400,0.1],"s":"9007199254740993"}';
  const parsed = parseJson(body, body.length);
  assert.ok(parsed.ok);
  if (parsed.ok) assert.is(stringifyJson(parsed.value), body);
});

test("canonicalJson: every object's keys in code-unit order at every depth, arrays in their order, numbers exact", () => {
  const a = parseJson('{"b":{"z":1,"a":[{"y":2,"x":1}]},"a":12345678901234567890,"B":null,"é":1,"aa":[3,1]}', 100);
  const b = parseJson('{"aa":[3,1],"é":1,"B":null,"a":12345678901234567890,"b":{"a":[{"x":1,"y":2}],"z":1}}', 100);
  assert.ok(a.ok && b.ok);
  if (!a.ok || !b.ok) return;
  const expected = '{"B":null,"a":12345678901234567890,"aa":[3,1],"b":{"a":[{"x":1,"y":2}],"z":1},"é":1}';
  assert.is(canonicalJson(a.value), expected);
  assert.is(canonicalJson(b.value), expected);
  assert.is(canonicalJson({ u: undefined, d: new Date(0), f: () => 1 }), '{"d":"1970-01-01T00:00:00.000Z"}');
  // Integer-like keys come first in numeric order (JS lists them so), with or without exact numbers.
  assert.is(canonicalJson(JSON.parse('{"b":1,"10":2,"9":3,"__proto__":{"z":1,"a":2}}')), '{"9":3,"10":2,"__proto__":{"a":2,"z":1},"b":1}');
  assert.is(canonicalJson({ b: 1n, 10: 2, 9: new ExactDecimal("0.1000000000000000000001") }), '{"9":0.1000000000000000000001,"10":2,"b":1}');
  for (const value of [null, 1.5, "a\u0000b", [3, 1, 2], undefined]) assert.is(canonicalJson(value), JSON.stringify(value));
});

test("a cycle throws a TypeError", () => {
  const cyclic: Record<string, unknown> = { n: 1n };
  cyclic["self"] = cyclic;
  assert.throws(
    () => stringifyJson(cyclic),
    (e: unknown) => e instanceof TypeError,
  );
});

test.run();
