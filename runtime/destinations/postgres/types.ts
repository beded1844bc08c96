// Column types in Postgres: what the target uses, what staging uses, and what the catalog reports.
// Exact values: `numeric` is unconstrained, so a decimal of any size the normalizer accepts lands exactly
// (staged as its text, cast once); `timestamptz` keeps the instant of a timestamp with an offset, to the
// microsecond (the normalizer truncates finer digits); text and jsonb cannot hold NUL, which COPY refuses
// before anything is staged (see copy.ts).
import type { DataType } from "../../connector.ts";
import type { ColumnTypes } from "../evolve.ts";

/** The Postgres type of a target column. */
export const TARGET_TYPE: Readonly<Record<DataType, string>> = {
  text: "text",
  bigint: "bigint",
  double: "double precision",
  bool: "boolean",
  timestamp: "timestamptz",
  date: "date",
  time: "time",
  decimal: "numeric",
  json: "jsonb",
};

/** How `format_type()` spells each target type. */
const CATALOG_TYPE: Readonly<Record<DataType, string>> = {
  ...TARGET_TYPE,
  timestamp: "timestamp with time zone",
  time: "time without time zone",
};

/** Types staged as text and cast once when moved into the target, so a bad value fails the commit, not COPY. */
const STAGED_AS_TEXT: ReadonlySet<DataType> = new Set<DataType>(["timestamp", "date", "time", "decimal", "json"]);

/** The Postgres type of a staging column. */
export function stagingType(type: DataType): string {
  return STAGED_AS_TEXT.has(type) ? "text" : TARGET_TYPE[type];
}

/** Whether staged values of `type` need a CAST when moved into the target. */
export function needsCast(type: DataType): boolean {
  return STAGED_AS_TEXT.has(type);
}

/** Whether an existing target column, as `format_type()` reports it, holds `type`. */
export function sameType(catalogType: string, type: DataType): boolean {
  return catalogType.toLowerCase() === CATALOG_TYPE[type];
}

/** The Postgres column types for the shared schema evolution (evolve.ts). */
export const COLUMN_TYPES: ColumnTypes = { target: TARGET_TYPE, sameType, needsCast, caseInsensitive: false };
