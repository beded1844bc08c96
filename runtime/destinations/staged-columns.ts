// The columns one load has staged for one table, in order of first appearance, as every destination's
// staging keeps them: a column keeps its type for the whole load (a change within a load is refused;
// between loads the contract decides), and the ordinal's name is reserved.
import { DestinationError } from "../errors.ts";
import type { ColumnSpec, DataType } from "../connector.ts";
import type { RowBatch } from "./destination.ts";

/** The staging ordinal: the row's position in the load, so the last version of a key wins. */
export const SEQ_COLUMN = "_gc_seq";

export class StagedColumns {
  readonly #list: ColumnSpec[] = [];
  readonly #types = new Map<string, DataType>();

  /** `label` names the table in errors. */
  constructor(private readonly label: string) {}

  /** The columns so far, in staging order (without the ordinal). */
  get list(): readonly ColumnSpec[] {
    return this.#list;
  }

  /** The type of each column so far, by name. */
  get types(): ReadonlyMap<string, DataType> {
    return this.#types;
  }

  /** Registers the columns not seen yet and returns them; throws on the reserved name or a type change. */
  admit(columns: readonly ColumnSpec[]): ColumnSpec[] {
    const added: ColumnSpec[] = [];
    for (const col of columns) {
      if (col.name === SEQ_COLUMN) throw new DestinationError(`${this.label}: column name "${SEQ_COLUMN}" is reserved`);
      const known = this.#types.get(col.name);
      if (known === col.dataType) continue;
      if (known !== undefined) {
        throw new DestinationError(`${this.label}: column "${col.name}" changed type within one load from ${known} to ${col.dataType}`);
      }
      const column = { name: col.name, dataType: col.dataType, nullable: col.nullable };
      this.#types.set(col.name, col.dataType);
      this.#list.push(column);
      added.push(column);
    }
    return added;
  }

  /** For each staged column, its index in `batch`'s columns (-1: the batch lacks it, NULL). */
  sources(batch: RowBatch): number[] {
    return this.#list.map((c) => batch.columns.findIndex((b) => b.name === c.name));
  }
}
