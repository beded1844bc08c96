import { test } from "uvu";
import * as assert from "uvu/assert";
import { fnv1a64, joinIdentifiers, MAX_IDENTIFIER_LENGTH, normalizeIdentifier, shortenIdentifier } from "../../../runtime/normalize/identifier.ts";

const cases: [string, string][] = [
  ["id", "id"],
  ["userId", "user_id"],
  ["HTTPCode", "http_code"],
  ["getHTTPResponseCode", "get_http_response_code"],
  ["userID", "user_id"],
  ["v2Api", "v2_api"],
  ["ALLCAPS", "allcaps"],
  ["already_snake", "already_snake"],
  ["with space", "with_space"],
  ["a.b", "a_b"],
  ["a--b", "a_b"],
  ["a__b", "a_b"],
  ["trailing_", "trailing"],
  ["-leading", "leading"],
  ["_dlt_id", "_dlt_id"],
  ["__double", "_double"],
  ["1st", "_1st"],
  ["", "_"],
  ["___", "_"],
  ["ünïcödé", "n_c_d"],
  ['a"; DROP TABLE x; --', "a_drop_table_x"],
  ["line\nbreak", "line_break"],
  ["nul\u0000byte", "nul_byte"],
  ["select", "select"],
];

for (const [input, expected] of cases) {
  test(`normalizeIdentifier(${JSON.stringify(input)}) = ${expected}`, () => {
    assert.is(normalizeIdentifier(input), expected);
  });
}

test("output is always over [a-z0-9_] and idempotent", () => {
  for (const [input] of cases) {
    const once = normalizeIdentifier(input);
    assert.match(once, /^[a-z_][a-z0-9_]*$/);
    assert.is(normalizeIdentifier(once), once);
  }
});

test("long names are shortened deterministically to 63 bytes without colliding", () => {
  const a = normalizeIdentifier("x".repeat(300));
  const b = normalizeIdentifier(`${"x".repeat(299)}y`);
  assert.is(a.length, MAX_IDENTIFIER_LENGTH);
  assert.is(b.length, MAX_IDENTIFIER_LENGTH);
  assert.is.not(a, b);
  assert.is(normalizeIdentifier("x".repeat(300)), a);
  assert.ok(a.startsWith("xxxx"));
});

test("a 63-character name is kept as is", () => {
  const name = "a".repeat(63);
  assert.is(normalizeIdentifier(name), name);
});

test("joined paths are shortened too", () => {
  const joined = joinIdentifiers("p".repeat(40), "c".repeat(40));
  assert.is(joined.length, MAX_IDENTIFIER_LENGTH);
  assert.is(joinIdentifiers("parent", "child"), "parent__child");
});

const bytes = (s: string) => Buffer.byteLength(s, "utf8");

const raw: [string, string, boolean][] = [
  ["31 two-byte characters (62 bytes) are kept", "é".repeat(31), false],
  ["32 two-byte characters (64 bytes) are shortened", "é".repeat(32), true],
  ["21 three-byte characters (63 bytes) are kept", "中".repeat(21), false],
  ["emoji beyond 63 bytes are shortened whole", "🦆".repeat(20), true],
  ["a hostile 300-character name", `"; DROP TABLE x; --${"z".repeat(282)}`, true],
];

for (const [name, input, shortened] of raw) {
  test(`shortenIdentifier, by UTF-8 bytes: ${name}`, () => {
    const out = shortenIdentifier(input);
    assert.ok(bytes(out) <= MAX_IDENTIFIER_LENGTH, `${bytes(out)} bytes`);
    assert.is(out !== input, shortened);
    assert.is(shortenIdentifier(input), out);
    assert.ok(!out.includes("\ufffd") && input.startsWith(out.slice(0, out.lastIndexOf("_")).replace(/_+$/, "")));
  });
}

test("fnv1a64 matches the reference vectors", () => {
  assert.is(fnv1a64(""), "cbf29ce484222325");
  assert.is(fnv1a64("a"), "af63dc4c8601ec8c");
});

test.run();
