import { test } from "uvu";
import * as assert from "uvu/assert";
import { applyLag, compareCursor, cursorKind, IncrementalError } from "../../../runtime/incremental/cursor.ts";
import { formatIso, parseIso } from "../../../runtime/incremental/iso.ts";

const comparisons: [a: string | number, b: string | number, expected: -1 | 0 | 1][] = [
  [1, 2, -1],
  [10, 9, 1],
  [2.5, 2.5, 0],
  [-1, 0, -1],
  ["2024-01-02", "2024-01-10", -1],
  ["2024-01-01T10:00:00Z", "2024-01-01T12:00:00+02:00", 0],
  ["2024-01-01T10:00:00", "2024-01-01T10:00:00Z", 0], // naive is UTC
  ["2024-01-01 10:00:00", "2024-01-01T10:00:00.000Z", 0],
  ["2024-01-01T10:00", "2024-01-01T10:00:00Z", 0],
  ["2024-01-01T23:30:00-05:00", "2024-01-02T01:00:00Z", 1], // by instant, not by text
  ["2024-01-01T10:00:00.000001Z", "2024-01-01T10:00:00Z", 1], // microseconds count
  ["2024-01-01T10:00:00.123456789Z", "2024-01-01T10:00:00.123456788Z", 1],
  ["2024-01-01T10:00:00+0530", "2024-01-01T04:30:00Z", 0],
  ["2024-01-01T10:00:00+05", "2024-01-01T05:00:00Z", 0],
  ["2024-01-02", "2024-01-02T00:00:00Z", 0], // a date is its midnight UTC
  ["2024-01-02", "2024-01-01T23:59:59Z", 1],
  ["0099-01-01", "1999-01-01", -1], // years below 100 stay themselves
  ["abc", "abd", -1],
  ["B", "a", -1], // plain strings: lexicographic
  ["item-10", "item-9", -1],
];

for (const [a, b, expected] of comparisons) {
  test(`compareCursor(${JSON.stringify(a)}, ${JSON.stringify(b)}) = ${expected}`, () => {
    assert.is(compareCursor(a, b, "c"), expected);
    assert.is(compareCursor(b, a, "c"), expected === 0 ? 0 : expected === 1 ? -1 : 1);
  });
}

const incomparable: [a: unknown, b: unknown, why: string][] = [
  [5, "5", "a number cannot be compared with a non-ISO string"],
  ["2024-01-01", 1704067200, "an ISO date cannot be compared with a number"],
  ["2024-01-01T00:00:00Z", "yesterday", "an ISO date-time cannot be compared with a non-ISO string"],
  [true, 1, "a cursor value must be a string or a finite number"],
  [{ a: 1 }, 1, "a cursor value must be a string or a finite number"],
];

for (const [a, b, why] of incomparable) {
  test(`compareCursor refuses ${JSON.stringify(a)} vs ${JSON.stringify(b)}`, () => {
    try {
      compareCursor(a, b, "$.meta.updated");
      assert.unreachable("expected an error");
    } catch (error) {
      assert.instance(error, IncrementalError);
      const message = (error as Error).message;
      assert.match(message, 'incremental cursor "$.meta.updated"');
      assert.match(message, why);
      assert.match(message, JSON.stringify(a));
      assert.match(message, JSON.stringify(b));
    }
  });
}

test("cursorKind tells numbers, dates, date-times and strings apart; invalid dates are plain strings", () => {
  assert.equal([1, "2024-02-29", "2024-02-29T00:00:00Z", "2023-02-29", "2024-01-01T25:00:00Z", "x", null, true].map(cursorKind), [
    "number",
    "date",
    "datetime",
    "string",
    "string",
    "string",
    null,
    null,
  ]);
});

const lags: [value: string | number, lag: number, func: "max" | "min", expected: string | number][] = [
  [100, 10, "max", 90],
  [100, 10, "min", 110],
  [1.5, 0.5, "max", 1],
  ["2024-01-10", 2, "max", "2024-01-08"],
  ["2024-01-10", 2, "min", "2024-01-12"],
  ["2024-03-01", 1, "max", "2024-02-29"],
  ["2024-01-10", 1.5, "max", "2024-01-08"], // a fraction of a day widens the window
  ["2024-01-01T10:00:00Z", 3600, "max", "2024-01-01T09:00:00Z"],
  ["2024-01-01T00:30:00+02:00", 3600, "max", "2023-12-31T23:30:00+02:00"], // offset kept as written
  ["2024-01-01 10:00:00", 90, "min", "2024-01-01 10:01:30"], // naive stays naive
  ["2024-01-01T10:00Z", 30, "max", "2024-01-01T09:59:30Z"], // seconds appear when needed
  ["2024-01-01T10:00:00.123456Z", 0.5, "max", "2024-01-01T09:59:59.623456Z"],
  ["2024-01-01T10:00:00Z", 0.25, "max", "2024-01-01T09:59:59.75Z"],
];

for (const [value, lag, func, expected] of lags) {
  test(`applyLag(${JSON.stringify(value)}, ${lag}, ${func}) = ${JSON.stringify(expected)}`, () => {
    assert.is(applyLag(value, lag, func, "c"), expected);
  });
}

test("applyLag refuses a plain string", () => {
  assert.throws(
    () => applyLag("v42", 1, "max", "version"),
    (e: unknown) => e instanceof IncrementalError && /lag needs a number/.test(e.message),
  );
});

test("formatIso writes back exactly what parseIso read", () => {
  for (const text of ["2024-01-01", "2024-01-01T10:00:00Z", "2024-06-30 23:59:59.999999-07:00", "1969-12-31T23:59:59.5Z", "2024-01-01t10:00+0100"]) {
    const iso = parseIso(text);
    assert.ok(iso, text);
    assert.is(formatIso(iso.ns, iso.shape), text);
  }
});

test("integers beyond 2^53 arrive as bigints: compared exactly with each other and with numbers, lagged by whole units", () => {
  const big = 2n ** 53n;
  assert.is(compareCursor(big + 1n, big, "seq"), 1);
  assert.is(compareCursor(big, 9007199254740992, "seq"), 0);
  assert.is(compareCursor(9007199254740992, big + 1n, "seq"), -1);
  assert.is(compareCursor(big, 1.5, "seq"), 1);
  assert.is(cursorKind(big), "number");
  assert.is(applyLag(big + 10n, 3, "max", "seq"), big + 7n);
  assert.is(applyLag(big, 3, "min", "seq"), big + 3n);
  assert.throws(
    () => applyLag(big, 0.5, "max", "seq"),
    (e: unknown) =>
      e instanceof IncrementalError && /lag 0.5 is not a whole number, and 9007199254740992 \(an integer beyond 2\^53\)/.test((e as Error).message),
  );
  assert.throws(
    () => compareCursor(big, "abc", "seq"),
    (e: unknown) => e instanceof IncrementalError && /9007199254740992 \(an integer beyond 2\^53\)/.test((e as Error).message),
  );
});

test.run();
