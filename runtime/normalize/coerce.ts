// How one JSON value maps to a column type: inference for new columns, and a strict fit check
// (never a lossy or silent conversion) for existing ones.
//
// Exact numbers: the JSON parser gives an integer beyond 2^53 as a bigint and any other number no
// double holds as an ExactDecimal. A bigint within int64 infers `bigint`, beyond it `decimal`; an
// ExactDecimal infers `decimal` when DECIMAL(38,9) holds it exactly on every destination (at most 29
// digits before the point and 9 after), otherwise `double`, like any JSON number: long float
// renderings (`0.10000000000000001`, common from 17-digit serializers) must not fail a load. A column
// declared `decimal` keeps every digit (Postgres) or refuses what it cannot hold (DuckDB).
// A JS number that is not a safe integer stays `double`. A double
// column takes a bigint or an ExactDecimal as its double: the column's type sets its precision.
//
// Decimals: any finite size up to Postgres NUMERIC's limits is accepted here and staged as text, so
// Postgres stores it exactly; DuckDB's DECIMAL(38,9) holds less, and its destination refuses what it
// cannot hold exactly (see duckdb/types.ts) rather than round.
//
// JSON: written with every object's keys sorted (canonicalJson), so an object the API sends with its
// keys in another order is the same value, and a merge counts it unchanged, on every destination.
//
// Timestamps and times: both destinations keep microseconds. Digits past the sixth (nanoseconds) are
// truncated here, never rounded, so both store the same instant and it never moves to the next second.
import type { Scalar } from "./rows.ts";
import { decimalDigits } from "../json/decimal-text.ts";
import { ExactDecimal } from "../json/exact-decimal.ts";
import { canonicalJson } from "../json/stringify.ts";
import type { DataType } from "../connector.ts";

/** Returned by `fitValue` when the value does not fit the column type. */
export const MISMATCH: unique symbol = Symbol("mismatch");

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}(?::\d{2}(\.\d{1,9})?)?$/;
/** ISO 8601 / RFC 3339 as DuckDB casts it: seconds required with a time, `Z` or an offset without a space. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;
/** Microseconds: what TIMESTAMPTZ and TIME hold on both destinations. */
const FRACTION_DIGITS = 6;
/** Postgres NUMERIC's limits: digits before and after the point. Past them a value is refused here. */
const NUMERIC_INTEGER_DIGITS = 131072;
const NUMERIC_FRACTION_DIGITS = 16383;

/** The column type a new column gets from its first non-null value. */
export function inferType(value: unknown): DataType {
  switch (typeof value) {
    case "string":
      return "text";
    case "number":
      return Number.isSafeInteger(value) ? "bigint" : "double";
    case "bigint":
      return value >= INT64_MIN && value <= INT64_MAX ? "bigint" : "decimal";
    case "boolean":
      return "bool";
    default:
      if (value instanceof ExactDecimal) return fitsPortableDecimal(value) ? "decimal" : "double";
      return value instanceof Date ? "timestamp" : "json";
  }
}

/** Digits DECIMAL(38,9) holds on every destination: the widest decimal a new column may infer. */
const PORTABLE_DECIMAL = { integer: 29, fraction: 9 } as const;

function fitsPortableDecimal(value: ExactDecimal): boolean {
  const digits = decimalDigits(value.toString());
  return digits !== null && digits.integer <= PORTABLE_DECIMAL.integer && digits.fraction <= PORTABLE_DECIMAL.fraction;
}

/** Whether `value` is an object to flatten into columns: not null, a list, a Date or an ExactDecimal (those are values). */
export function isNestedObject(value: unknown): value is object {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date) && !(value instanceof ExactDecimal);
}

/** A short description of a value's JS type for error messages (never the value itself). */
export function describeType(value: unknown): string {
  if (Array.isArray(value)) return "array";
  if (value === null) return "null";
  if (typeof value === "number" && !Number.isInteger(value)) return "non-integer number";
  if (typeof value === "bigint" && (value < INT64_MIN || value > INT64_MAX)) return "integer beyond int64";
  if (value instanceof ExactDecimal) return "decimal number beyond double precision";
  return value instanceof Date ? "Date" : typeof value;
}

/** The stored form of a non-null `value` in a column of `type`, or MISMATCH. */
export function fitValue(value: unknown, type: DataType): Scalar | typeof MISMATCH {
  switch (type) {
    case "text":
      return typeof value === "string" ? value : MISMATCH;
    case "bigint":
      if (typeof value === "number") return Number.isSafeInteger(value) ? value : MISMATCH;
      return typeof value === "bigint" && value >= INT64_MIN && value <= INT64_MAX ? value : MISMATCH;
    case "double":
      return fitDouble(value);
    case "bool":
      return typeof value === "boolean" ? value : MISMATCH;
    case "json":
      return toJson(value);
    case "decimal":
      return fitDecimal(value);
    case "timestamp":
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? MISMATCH : value.toISOString();
      return typeof value === "string" ? toMicroseconds(value, TIMESTAMP) : MISMATCH;
    case "date":
      return typeof value === "string" && DATE.test(value) ? value : MISMATCH;
    case "time":
      return typeof value === "string" ? toMicroseconds(value, TIME) : MISMATCH;
  }
}

function fitDouble(value: unknown): number | typeof MISMATCH {
  const n = typeof value === "number" ? value : typeof value === "bigint" || value instanceof ExactDecimal ? Number(value) : NaN;
  return Number.isFinite(n) ? n : MISMATCH;
}

function toJson(value: unknown): string | typeof MISMATCH {
  try {
    const text = canonicalJson(value);
    return text === undefined ? MISMATCH : text;
  } catch {
    return MISMATCH; // cycles: never produced by JSON.parse
  }
}

/** The decimal as text, exactly as given (the destination casts it); MISMATCH when not a decimal or past NUMERIC's limits. */
function fitDecimal(value: unknown): string | typeof MISMATCH {
  let text: string;
  if (typeof value === "string") text = value;
  else if (typeof value === "bigint" || value instanceof ExactDecimal) text = value.toString();
  else if (typeof value === "number" && Number.isFinite(value)) text = String(value);
  else return MISMATCH;
  const digits = decimalDigits(text);
  if (digits === null || digits.integer > NUMERIC_INTEGER_DIGITS || digits.fraction > NUMERIC_FRACTION_DIGITS) return MISMATCH;
  return text;
}

/** `text` when `pattern` matches it (group 1 being the fraction of a second), cut to microseconds; MISMATCH otherwise. */
function toMicroseconds(text: string, pattern: RegExp): string | typeof MISMATCH {
  const match = pattern.exec(text);
  if (match === null) return MISMATCH;
  const fraction = match[1];
  if (fraction === undefined || fraction.length <= FRACTION_DIGITS + 1) return text;
  const point = text.indexOf("."); // the only point: dates, times and offsets have none
  return text.slice(0, point + 1 + FRACTION_DIGITS) + text.slice(point + fraction.length);
}
