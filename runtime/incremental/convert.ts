// The built-in conversions of IncrementalSpec.convert, applied to cursor values going into requests.
import type { IncrementalSpec } from "../connector.ts";
import { type CursorValue, IncrementalError, show } from "./cursor.ts";
import { parseIso, utcDate } from "./iso.ts";

const EPOCH = /^-?\d+(\.\d+)?$/;

/**
 * Converts a request value: `iso_to_epoch_seconds` (an ISO date or date-time → seconds, fractional when
 * needed), `epoch_seconds_to_iso` (seconds, or a string of them → UTC `…Z`), `iso_to_date` (→ its UTC
 * `YYYY-MM-DD`); null stays null. IncrementalError naming `path` when the value does not fit.
 */
export function convertCursor(value: CursorValue | null, convert: IncrementalSpec["convert"], path: string): CursorValue | null {
  if (value === null || convert === null) return value;
  // A hook takes strings and numbers: an integer beyond 2^53 reaches it as its decimal digits.
  if (typeof convert === "function") return convert(typeof value === "bigint" ? value.toString() : value);
  const fail = (expected: string): never => {
    throw new IncrementalError(`incremental cursor ${JSON.stringify(path)}: convert ${convert} cannot convert ${show(value)}: expected ${expected}`);
  };
  if (convert === "epoch_seconds_to_iso") {
    const seconds = typeof value === "number" || typeof value === "bigint" ? Number(value) : EPOCH.test(value) ? Number(value) : fail("epoch seconds");
    const ms = Math.round(seconds * 1000);
    if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return fail("epoch seconds within the representable range");
    return new Date(ms).toISOString().replace(/\.000Z$/, "Z");
  }
  const iso = typeof value === "string" ? parseIso(value) : null;
  if (iso === null) return fail("an ISO-8601 date or date-time string");
  if (convert === "iso_to_date") return utcDate(iso.ns);
  const whole = iso.ns / 1_000_000_000n;
  return iso.ns % 1_000_000_000n === 0n ? Number(whole) : Number(iso.ns) / 1e9;
}
