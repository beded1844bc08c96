// parseJson: JSON.parse for bodies whose numbers all fit a double, exact numbers (bigint, ExactDecimal)
// otherwise, and the same problem descriptions for bad bodies on both paths.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ExactDecimal } from "../../../runtime/json/exact-decimal.ts";
import { needsExactParse, parseJson } from "../../../runtime/json/parse.ts";

function parsed(text: string): unknown {
  const result = parseJson(text, Buffer.byteLength(text));
  if (!result.ok) throw new Error(`expected ${text} to parse: ${result.problem}`);
  return result.value;
}

/** ExactDecimals as `{exact: text}`, so deep equality compares their text. */
function plain(value: unknown): unknown {
  if (value instanceof ExactDecimal) return { exact: value.text };
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

const exact = (text: string) => ({ exact: text });

const numbers: [string, unknown][] = [
  ["0", 0],
  ["-0", -0],
  ["0.1", 0.1],
  ["1.5e-7", 1.5e-7],
  ["123456789012345", 123456789012345],
  ["9007199254740991", 9007199254740991],
  ["-9007199254740991", -9007199254740991],
  ["9007199254740992", 9007199254740992n],
  ["9007199254740993", 9007199254740993n],
  ["-9223372036854775808", -(2n ** 63n)],
  ["18446744073709551616", 2n ** 64n],
  ["123456789012345678901234567890123456789012", 123456789012345678901234567890123456789012n],
  ["0.30000000000000004", 0.30000000000000004],
  ["52.520006599999995", 52.520006599999995],
  ["1.0000000000000000", 1],
  ["1e20", 1e20],
  ["1E+300", 1e300],
  ["1.000000000000000000001", exact("1.000000000000000000001")],
  ["12345678901234567890.123456789", exact("12345678901234567890.123456789")],
  ["-0.00000000000000000000012345678901234567890", exact("-0.00000000000000000000012345678901234567890")],
  ["9007199254740993.0", exact("9007199254740993.0")],
  ["1e400", exact("1e400")],
  ["-1.5E+400", exact("-1.5E+400")],
  ["1e-400", exact("1e-400")],
  ["1234567890123456789e-400", exact("1234567890123456789e-400")],
  ["1e99999999999999999999", exact("1e99999999999999999999")],
];

for (const [token, expected] of numbers) {
  test(`number ${token}`, () => {
    // Alone, in an object, and next to an unsafe number (so the exact path parses it too).
    assert.equal(plain(parsed(token)), expected);
    assert.equal(plain(parsed(`{"n": ${token}}`)), { n: expected });
    assert.equal(plain(parsed(`[${token}, 9007199254740993]`)), [expected, 9007199254740993n]);
  });
}

test("numbers deep in arrays and objects are exact; strings holding digits are left alone", () => {
  const body = `{"data": [{"id": 9007199254740993, "amount": 12345678901234567890.123456789, "tags": [[1, 18446744073709551616]],
    "nested": {"deeper": {"x": 1e400, "y": 0.5}}, "text": "9007199254740993", "note": "a, 12345678901234567890 b"}], "total": 2}`;
  assert.equal(plain(parsed(body)), {
    data: [
      {
        id: 9007199254740993n,
        amount: exact("12345678901234567890.123456789"),
        tags: [[1, 2n ** 64n]],
        nested: { deeper: { x: exact("1e400"), y: 0.5 } },
        text: "9007199254740993",
        note: "a, 12345678901234567890 b",
      },
    ],
    total: 2,
  });
});

test("the exact path behaves as JSON.parse otherwise: last duplicate key wins, __proto__ is an own key", () => {
  for (const body of ['{"a": 1, "a": 2, "big": 9007199254740993}', '{"__proto__": {"x": 1}, "big": 9007199254740993}']) {
    const value = parsed(body) as Record<string, unknown>;
    const reference = JSON.parse(body) as Record<string, unknown>;
    assert.equal(Object.keys(value), Object.keys(reference));
    assert.equal(value["a"], reference["a"]);
    assert.is(Object.getPrototypeOf(value), Object.prototype);
  }
});

test("an ExactDecimal keeps its text and reads as its nearest double", () => {
  const value = parsed('{"v": 1.000000000000000000001}') as { v: ExactDecimal };
  assert.is(String(value.v), "1.000000000000000000001");
  assert.is(Number(value.v), 1);
  assert.ok(value.v instanceof Number);
  assert.throws(() => JSON.stringify(value), /stringifyJson/);
});

/** name, body, whether the exact path is taken, whether the values are JSON.parse's (no number needs exactness). */
const detection: [string, string, boolean, boolean][] = [
  ["short numbers only", '{"id": 1, "price": 9.99, "at": "2024-03-01T10:00:00.123Z"}', false, true],
  ["15 digits", '{"n": 123456789012345, "f": 1234567.12345678}', false, true],
  ["17-digit doubles that round-trip", '{"a": 0.30000000000000004, "b": -52.520006599999995}', false, true],
  ["an unsafe integer", '{"id": 9007199254740993}', true, false],
  ["a long fraction", '{"v": 0.1000000000000000055511151231257827}', true, false],
  ["an exponent beyond the double range", '{"v": 1e400}', true, false],
  ["an exponent within it", '{"v": 1.5e300}', false, true],
  ["hex and uuid strings", '{"sha": "a3e4f51e909b0c7e2d1f", "uuid": "550e8400-e29b-41d4-a716-446655440000"}', false, true],
  ["a long digit string (a false positive: the exact path, the same values)", '{"s": "x, 12345678901234567890"}', true, true],
  ["a string of digits (never a number: it follows a quote)", '{"id_str": "12345678901234567890"}', false, true],
  ["a negative unsafe integer in a list", "[1,-12345678901234567890]", true, false],
  ["version-like digit runs", '{"v": "1.2.3.4.5.6.7.8.9.0.1.2.3.4.5.6.7.8"}', false, true],
];

for (const [name, body, exactPath, sameValues] of detection) {
  test(`detection: ${name}`, () => {
    assert.is(needsExactParse(body), exactPath);
    if (sameValues) assert.equal(parsed(body), JSON.parse(body));
  });
}

test("a long digit run is found wherever it starts (every alignment of the sampling)", () => {
  for (let pad = 0; pad < 20; pad++) {
    const body = `{"${"k".repeat(pad)}": [1, 2, 12345678901234567890]}`;
    assert.ok(needsExactParse(body), `pad ${pad}`);
    const value = parsed(body) as Record<string, unknown[]>;
    assert.is(value["k".repeat(pad)]?.[2], 12345678901234567890n);
  }
});

const problems: [string, string][] = [
  ["", "empty body"],
  ["  \n", "empty body"],
  ['{"a": 1', "invalid JSON: unexpected end at byte 7"],
  ['{"a": "unterminated', "invalid JSON: unexpected end at byte 19"],
  ['{"a": x}', "invalid JSON: syntax error"],
  ['{"a": 1,}', "invalid JSON: syntax error at character 8"],
  ["<html>login</html>", "invalid JSON: syntax error"],
];

for (const [body, problem] of problems) {
  test(`bad body ${JSON.stringify(body)}: ${problem}`, () => {
    assert.equal(parseJson(body, Buffer.byteLength(body)), { ok: false, problem });
  });
}

test("a bad body with a long number (the exact path) gets the problem JSON.parse would give", () => {
  const unsafe = "9007199254740993";
  const safe = "1000000000000000"; // as long, so positions and byte counts agree
  for (const [body] of problems.filter(([b]) => b.startsWith("{"))) {
    const withBig = `{"big": ${unsafe}, ${body.slice(1)}`;
    assert.ok(needsExactParse(withBig));
    const expected = parseJson(withBig.replace(unsafe, safe), Buffer.byteLength(withBig));
    assert.equal(parseJson(withBig, Buffer.byteLength(withBig)), expected, withBig);
    assert.is(expected.ok, false);
  }
});

test("nesting too deep for the exact parser is a clear problem, never a rounded value", () => {
  const body = `${"[".repeat(20000)}9007199254740993${"]".repeat(20000)}`;
  assert.equal(parseJson(body, body.length), { ok: false, problem: "JSON nested too deeply to parse its long numbers exactly" });
  const shallow = `${"[".repeat(500)}9007199254740993${"]".repeat(500)}`;
  assert.ok(parseJson(shallow, shallow.length).ok);
});

test("problems quote no body text", () => {
  const body = '{"token": "s3cr3t-value", "big": 9007199254740993, oops}';
  const result = parseJson(body, body.length);
  assert.is(result.ok, false);
  if (!result.ok) assert.not.match(result.problem, "s3cr3t");
});

test.run();
