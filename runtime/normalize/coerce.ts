// How one JSON value maps to a column type: inference for new columns, and a strict fit check
// (never a lossy or silent conversion) for existing ones.
import type { Scalar } from "../destinations/destination.ts";
import type { DataType } from "../spec.ts";

/** Returned by `fitValue` when the value does not fit the column type. */
export const MISMATCH: unique symbol = Symbol("mismatch");

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?$/;
/** ISO 8601 / RFC 3339 as DuckDB casts it: seconds required with a time, `Z` or an offset without a space. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}(:?\d{2})?)?)?$/;
const DECIMAL = /^[+-]?(\d+)(?:\.(\d+))?$/;
const DECIMAL_EXP = /^[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+$/;
/** DECIMAL(38,9): at most 29 integer digits and 9 fractional digits. */
const DECIMAL_SCALE = 9;
const DECIMAL_INT_DIGITS = 29;

/** The column type a new column gets from its first non-null value. */
export function inferType(value: unknown): DataType {
  switch (typeof value) {
    case "string":
      return "text";
    case "number":
      return Number.isSafeInteger(value) ? "bigint" : "double";
    case "bigint":
      return "bigint";
    case "boolean":
      return "bool";
    default:
      return value instanceof Date ? "timestamp" : "json";
  }
}

/** A short description of a value's JS type for error messages (never the value itself). */
export function describeType(value: unknown): string {
  if (Array.isArray(value)) return "array";
  if (value === null) return "null";
  if (typeof value === "number" && !Number.isInteger(value)) return "non-integer number";
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
      return typeof value === "number" && Number.isFinite(value) ? value : MISMATCH;
    case "bool":
      return typeof value === "boolean" ? value : MISMATCH;
    case "json":
      return toJson(value);
    case "decimal":
      return fitDecimal(value);
    case "timestamp":
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? MISMATCH : value.toISOString();
      return typeof value === "string" && TIMESTAMP.test(value) ? value : MISMATCH;
    case "date":
      return typeof value === "string" && DATE.test(value) ? value : MISMATCH;
    case "time":
      return typeof value === "string" && TIME.test(value) ? value : MISMATCH;
  }
}

function toJson(value: unknown): string | typeof MISMATCH {
  if (typeof value === "bigint") return value.toString();
  try {
    const text = JSON.stringify(value);
    return text === undefined ? MISMATCH : text;
  } catch {
    return MISMATCH; // cycles: never produced by JSON.parse
  }
}

function fitDecimal(value: unknown): string | typeof MISMATCH {
  let text: string;
  if (typeof value === "bigint") text = value.toString();
  else if (typeof value === "number" && Number.isFinite(value)) text = String(value);
  else if (typeof value === "string") text = value;
  else return MISMATCH;
  if (DECIMAL_EXP.test(text)) return text;
  const match = DECIMAL.exec(text);
  if (match === null) return MISMATCH;
  const intDigits = (match[1] ?? "").replace(/^0+/, "").length;
  const fraction = (match[2] ?? "").replace(/0+$/, "");
  // Rounding away digits would silently change the value: refuse instead.
  return intDigits > DECIMAL_INT_DIGITS || fraction.length > DECIMAL_SCALE ? MISMATCH : text;
}
