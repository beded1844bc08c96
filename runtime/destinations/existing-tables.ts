// What a dataset already holds for a load, read the same way on every destination: the root table and
// the nested tables registered for it, each with its columns mapped back from catalog types to
// DataTypes (the normalizer judges new columns and type changes against them).
import type { ColumnSpec, DataType } from "../connector.ts";
import type { ExistingTables } from "./destination.ts";

/** Every DataType (a Record, so a new one fails to compile until listed). */
const DATA_TYPES = Object.keys({ text: 0, bigint: 0, double: 0, bool: 0, timestamp: 0, date: 0, time: 0, decimal: 0, json: 0 } satisfies Record<
  DataType,
  0
>) as DataType[];

/** How a destination reads its catalog for `readExistingTables`. */
export interface Catalog {
  /** A table's columns in table order (name → catalog type); empty when the table does not exist. */
  columns(table: string): Promise<ReadonlyMap<string, string>>;
  /** The nested tables registered for `root`. */
  nested(root: string): Promise<readonly string[]>;
  /** Whether a catalog type is the one the destination uses for `type` (its types.ts `sameType`). */
  sameType(catalogType: string, type: DataType): boolean;
}

/** The DataType whose target type the catalog reports as `catalogType`; undefined for any other type. */
export function dataTypeOf(catalogType: string, sameType: Catalog["sameType"]): DataType | undefined {
  return DATA_TYPES.find((type) => sameType(catalogType, type));
}

/** The stored tables among `root` (destination name) and its registered nested tables, with their columns. */
export async function readExistingTables(root: string, catalog: Catalog): Promise<ExistingTables> {
  const out = new Map<string, readonly ColumnSpec[]>();
  for (const table of [root, ...(await catalog.nested(root))]) {
    const columns = await catalog.columns(table);
    if (columns.size === 0) continue;
    const specs: ColumnSpec[] = [];
    for (const [name, catalogType] of columns) {
      const dataType = dataTypeOf(catalogType, catalog.sameType);
      // A type we never create (a column altered by hand): left out; the commit's type check still guards it.
      if (dataType !== undefined) specs.push({ name, dataType, nullable: true });
    }
    out.set(table, specs);
  }
  return out;
}
