// Schema evolution decided once for every destination: a new target is created from its staged
// columns, an existing one gains the columns it lacks, and a type change is refused. A destination
// supplies only how it names, compares and casts types.
import { DestinationError } from "../errors.ts";
import { ROOT_SEQ } from "../normalize/system-columns.ts";
import type { ColumnSpec, DataType } from "../connector.ts";
import { quoteIdent } from "./sql.ts";

/** How a destination names, compares and casts column types. */
export interface ColumnTypes {
  readonly target: Readonly<Record<DataType, string>>;
  /** Whether an existing column, as the catalog reports its type, holds `dataType`. */
  sameType(existing: string, dataType: DataType): boolean;
  /** Whether staged values of `dataType` are text cast once into the target type. */
  needsCast(dataType: DataType): boolean;
  /** Whether the catalog's column names are lower-cased keys (DuckDB: identifiers are case-insensitive). */
  readonly caseInsensitive: boolean;
}

/** The staged columns that reach the target (the load ordinal of root rows stays in staging). */
export function storedColumns(staging: { readonly columns: readonly ColumnSpec[] }): readonly ColumnSpec[] {
  return staging.columns.filter((c) => c.name !== ROOT_SEQ);
}

/** The select list moving staged columns into their target types (text-staged types are cast). */
export function castList(columns: readonly ColumnSpec[], types: ColumnTypes): string {
  return columns
    .map((c) => {
      const name = quoteIdent(c.name);
      return types.needsCast(c.dataType) ? `CAST(${name} AS ${types.target[c.dataType]}) AS ${name}` : name;
    })
    .join(", ");
}

/**
 * The DDL that makes `target` (quoted, qualified) hold `columns`: a CREATE TABLE when it has no
 * columns yet (`existing` is empty), else one ADD COLUMN per column it lacks. Throws when a column
 * would change an existing column's type. `existing` maps the target's column names (lower-cased when
 * `types.caseInsensitive`) to their catalog types.
 */
export function evolveTarget(
  label: string,
  target: string,
  columns: readonly ColumnSpec[],
  existing: ReadonlyMap<string, string>,
  types: ColumnTypes,
): string[] {
  if (existing.size === 0) {
    if (columns.length === 0) return [];
    const defs = columns.map((c) => `${quoteIdent(c.name)} ${types.target[c.dataType]}${c.nullable ? "" : " NOT NULL"}`);
    return [`CREATE TABLE IF NOT EXISTS ${target} (${defs.join(", ")})`];
  }
  const lookup = (name: string) => existing.get(types.caseInsensitive ? name.toLowerCase() : name);
  return missingColumns(label, columns, lookup, types).map((c) => `ALTER TABLE ${target} ADD COLUMN ${quoteIdent(c.name)} ${types.target[c.dataType]}`);
}

/** The staged columns the target lacks; throws when one would change an existing column's type. */
function missingColumns(label: string, staged: readonly ColumnSpec[], existing: (name: string) => string | undefined, types: ColumnTypes): ColumnSpec[] {
  const missing: ColumnSpec[] = [];
  for (const col of staged) {
    const found = existing(col.name);
    if (found === undefined) missing.push(col);
    else if (!types.sameType(found, col.dataType)) {
      throw new DestinationError(
        `${label}: column "${col.name}" has type ${found} but the new data is ${types.target[col.dataType]} (${col.dataType}); ` +
          `refusing to change or null it; nothing was applied`,
      );
    }
  }
  return missing;
}
