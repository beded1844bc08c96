// Schema evolution decided once for every destination: new columns are added, a type change is refused.
import { DestinationError } from "../errors.ts";
import type { ColumnSpec, DataType } from "../spec.ts";

/** How a destination names and compares column types. */
export interface ColumnTypes {
  readonly target: Readonly<Record<DataType, string>>;
  sameType(existing: string, dataType: DataType): boolean;
}

/**
 * The staged columns the target lacks (to add); throws when a staged column would change an existing
 * column's type. `existing` maps column name (as the destination reports it) to its catalog type.
 */
export function missingColumns(label: string, staged: readonly ColumnSpec[], existing: (name: string) => string | undefined, types: ColumnTypes): ColumnSpec[] {
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
