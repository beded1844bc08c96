// Column types in DuckDB: what the target uses, what staging uses, and what the catalog reports.
import { decimalDigits } from "../../json/decimal-text.ts";
import type { DataType } from "../../connector.ts";
import type { ColumnTypes } from "../evolve.ts";

/**
 * Decimal policy: one fixed type, DECIMAL(38,9) (dlt's default): 29 digits before the point, 9 after.
 * DuckDB has no unconstrained decimal and its cast from text rounds extra fraction digits silently, so
 * a value needing more is refused before staging (`decimalProblem`), naming what it needs; it is never
 * rounded. Postgres NUMERIC holds such values exactly.
 */
const DECIMAL_INTEGER_DIGITS = 29;
const DECIMAL_SCALE = 9;

/** The DuckDB type of a target column. */
export const TARGET_TYPE: Readonly<Record<DataType, string>> = {
  text: "VARCHAR",
  bigint: "BIGINT",
  double: "DOUBLE",
  bool: "BOOLEAN",
  timestamp: "TIMESTAMPTZ",
  date: "DATE",
  time: "TIME",
  decimal: "DECIMAL(38,9)",
  json: "JSON",
};

/** How `duckdb_columns().data_type` spells each target type. */
const CATALOG_TYPE: Readonly<Record<DataType, string>> = { ...TARGET_TYPE, timestamp: "TIMESTAMP WITH TIME ZONE" };

/** Types that arrive as text and are staged as VARCHAR, cast once in the commit's INSERT. */
const STAGED_AS_TEXT: ReadonlySet<DataType> = new Set<DataType>(["timestamp", "date", "time", "decimal"]);

/** The DuckDB type of a staging column. */
export function stagingType(type: DataType): string {
  return STAGED_AS_TEXT.has(type) ? "VARCHAR" : TARGET_TYPE[type];
}

/** Whether staged values of `type` need a CAST when moved into the target. */
export function needsCast(type: DataType): boolean {
  return STAGED_AS_TEXT.has(type);
}

/** Whether an existing target column, as the catalog reports it, holds `type`. */
export function sameType(catalogType: string, type: DataType): boolean {
  return catalogType.toUpperCase() === CATALOG_TYPE[type];
}

/** The DuckDB column types for the shared schema evolution (evolve.ts). */
export const COLUMN_TYPES: ColumnTypes = { target: TARGET_TYPE, sameType, needsCast, caseInsensitive: true };

/** Why DECIMAL(38,9) cannot hold the decimal `text` exactly (digits found, digits it holds); null when it can. */
export function decimalProblem(text: string): string | null {
  const digits = decimalDigits(text);
  if (digits === null) return "text that is not a decimal number";
  if (digits.integer <= DECIMAL_INTEGER_DIGITS && digits.fraction <= DECIMAL_SCALE) return null;
  return (
    `a decimal with ${digits.integer} digits before the point and ${digits.fraction} after it; ` +
    `${TARGET_TYPE.decimal} holds at most ${DECIMAL_INTEGER_DIGITS} and ${DECIMAL_SCALE} exactly, and it is not rounded`
  );
}
