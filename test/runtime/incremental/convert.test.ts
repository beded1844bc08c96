import { test } from "uvu";
import * as assert from "uvu/assert";
import type { IncrementalSpec } from "../../../runtime/connector.ts";
import { convertCursor } from "../../../runtime/incremental/convert.ts";
import { IncrementalError } from "../../../runtime/incremental/cursor.ts";

type Convert = IncrementalSpec["convert"];

const cases: [convert: Convert, input: string | number | null, expected: string | number | null][] = [
  [null, "2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z"],
  ["iso_to_epoch_seconds", "2024-01-01T00:00:00Z", 1704067200],
  ["iso_to_epoch_seconds", "2024-01-01T02:00:00+02:00", 1704067200],
  ["iso_to_epoch_seconds", "2024-01-01T00:00:00", 1704067200],
  ["iso_to_epoch_seconds", "2024-01-01", 1704067200],
  ["iso_to_epoch_seconds", "2024-01-01T00:00:00.5Z", 1704067200.5],
  ["iso_to_epoch_seconds", "1969-12-31T23:59:59Z", -1],
  ["epoch_seconds_to_iso", 1704067200, "2024-01-01T00:00:00Z"],
  ["epoch_seconds_to_iso", 1704067200.25, "2024-01-01T00:00:00.250Z"],
  ["epoch_seconds_to_iso", "1704067200", "2024-01-01T00:00:00Z"],
  ["iso_to_date", "2024-01-01T23:30:00Z", "2024-01-01"],
  ["iso_to_date", "2024-01-01T23:30:00-05:00", "2024-01-02"], // the UTC date
  ["iso_to_date", "2024-01-01", "2024-01-01"],
  ["iso_to_epoch_seconds", null, null],
  ["epoch_seconds_to_iso", null, null],
  ["iso_to_date", null, null],
];

for (const [convert, input, expected] of cases) {
  test(`${convert ?? "no convert"}: ${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => {
    assert.is(convertCursor(input, convert, "updated_at"), expected);
  });
}

const refused: [convert: Convert, input: string | number, expected: string][] = [
  ["iso_to_epoch_seconds", 1704067200, "an ISO-8601 date or date-time string"],
  ["iso_to_epoch_seconds", "yesterday", "an ISO-8601 date or date-time string"],
  ["iso_to_date", "2024-13-01", "an ISO-8601 date or date-time string"],
  ["epoch_seconds_to_iso", "2024-01-01", "epoch seconds"],
];

for (const [convert, input, expected] of refused) {
  test(`${convert} refuses ${JSON.stringify(input)} with a clear error`, () => {
    assert.throws(
      () => convertCursor(input, convert, "updated_at"),
      (e: unknown) =>
        e instanceof IncrementalError && e.message.includes(`convert ${convert}`) && e.message.includes(expected) && e.message.includes('"updated_at"'),
    );
  });
}

test.run();
