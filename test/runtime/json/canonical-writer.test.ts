// canonicalJson's fast path against the reference definition (JSON.stringify with every object's keys
// sorted and re-inserted, which puts index keys first as JS does), over generated JSON values with the
// keys and numbers that differ between the two orders; and the values it leaves to the general path.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { NOT_PLAIN, writeCanonical } from "../../../runtime/json/canonical-writer.ts";
import { ExactDecimal } from "../../../runtime/json/exact-decimal.ts";
import { canonicalJson } from "../../../runtime/json/stringify.ts";
import { random } from "../../helpers/random.ts";

function sortedKeys(_key: string, value: unknown): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  const sorted: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(value).sort()) sorted[key] = (value as Record<string, unknown>)[key];
  return sorted;
}
const reference = (value: unknown) => JSON.stringify(value, sortedKeys);

const KEYS = [
  "id",
  "b",
  "a",
  "B",
  "10",
  "9",
  "0",
  "01",
  "-1",
  "4294967294",
  "4294967295",
  "1e3",
  "__proto__",
  "é",
  "ä",
  "\u{1F600}",
  "\ud800",
  'q"uote',
  "",
  " ",
  "z\n",
];
const NUMBERS = [0, -0, 1, -1.5, 1e21, 1e-7, 2 ** 53 + 2, Number.NaN, Number.POSITIVE_INFINITY, 0.1 + 0.2];
const STRINGS = ["", "a", 'q"', "\\", "\u0000\u001f", "\u2028", "\ud83d", "é\u{1F600}"];

function value(next: () => number, depth: number): unknown {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const kind = Math.floor(next() * (depth > 3 ? 5 : 8));
  if (kind === 0) return pick(NUMBERS);
  if (kind === 1) return pick(STRINGS);
  if (kind === 2) return next() < 0.5;
  if (kind === 3) return null;
  if (kind === 4) return next() < 0.5 ? undefined : pick(NUMBERS);
  if (kind === 5) return Array.from({ length: Math.floor(next() * 4) }, () => value(next, depth + 1));
  // Objects as JSON.parse builds them (an own `__proto__` key included), and a few literal ones.
  const members = Array.from({ length: Math.floor(next() * 7) }, () => [pick(KEYS), value(next, depth + 1)] as const);
  if (next() < 0.3) return Object.fromEntries(members.filter(([k]) => k !== "__proto__"));
  const text = `{${members.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? "null"}`).join(",")}}`;
  return JSON.parse(text);
}

test("the fast path writes what the reference definition writes, over generated values", () => {
  const next = random(20261207);
  for (let i = 0; i < 20_000; i++) {
    const v = value(next, 0);
    const fast = writeCanonical(v);
    assert.is(fast, reference(v), `value ${i}: ${String(reference(v))}`);
    assert.is(canonicalJson(v), reference(v));
  }
});

test("records of one shape reuse its order; a different order of the same keys gives the same text", () => {
  const a = JSON.parse('{"id":1,"subject":"x","10":true,"requester":{"name":"n","email":"e"}}');
  const b = JSON.parse('{"requester":{"email":"e","name":"n"},"10":true,"subject":"x","id":1}');
  const expected = '{"10":true,"id":1,"requester":{"email":"e","name":"n"},"subject":"x"}';
  for (let i = 0; i < 3; i++) {
    assert.is(writeCanonical(a), expected);
    assert.is(writeCanonical(b), expected);
  }
});

test("exact numbers, toJSON, class instances, boxed values and cycles go to the general path", () => {
  for (const v of [1n, new ExactDecimal("0.10000000000000000000001"), new Date(0), { toJSON: () => 1 }, new Map(), Object(1), [1n], { a: { b: 2n } }])
    assert.is(writeCanonical(v), NOT_PLAIN);
  assert.is(canonicalJson({ b: [1n], a: new Date(0) }), '{"a":"1970-01-01T00:00:00.000Z","b":[1]}');
  const cycle: Record<string, unknown> = { a: 1 };
  cycle["self"] = cycle;
  assert.is(writeCanonical(cycle), NOT_PLAIN);
  assert.throws(() => canonicalJson(cycle), /circular/i);
});

test.run();
