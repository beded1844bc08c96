// Column types in DuckDB: what the target uses, what staging uses, and what the catalog reports.
import type { DataType } from "../../spec.ts";

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
