// SQL text helpers shared by the SQL destinations. Only identifiers are ever spliced into SQL;
// values always travel as bound parameters or through a bulk path (COPY, DuckDB's spool files, whose
// own paths are the one literal spliced: see duckdb/staging.ts).
import { DestinationError } from "../errors.ts";

/** Quotes an identifier for DuckDB/Postgres: wrapped in `"`, embedded `"` doubled; NUL is refused. */
export function quoteIdent(name: string): string {
  if (name.includes("\0")) throw new DestinationError(`identifier ${JSON.stringify(name)} contains a NUL character`);
  return `"${name.replaceAll('"', '""')}"`;
}

/** A qualified, quoted name: `qualifiedName(catalog, schema, table)` → `"catalog"."schema"."table"`. */
export function qualifiedName(...parts: readonly string[]): string {
  return parts.map(quoteIdent).join(".");
}

/** A comma-separated list of quoted identifiers. */
export function identList(names: readonly string[]): string {
  return names.map(quoteIdent).join(", ");
}
