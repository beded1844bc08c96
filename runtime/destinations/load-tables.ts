// The tables of one resource load as the destination names them. Every identifier is fitted to 63
// bytes (Postgres' limit) the same way on every destination: a longer one is shortened to a prefix
// plus a hash of the whole name. Only a real collision (two names fitting to one) is refused.
import { DestinationError } from "../errors.ts";
import { fitIdentifier } from "../normalize/identifier.ts";
import type { ColumnSpec, MergeSpec, TableSpec } from "../connector.ts";
import type { RowBatch } from "../normalize/rows.ts";
import { LOADS_TABLE } from "./loads.ts";
import { NESTED_REGISTRY } from "./nested-sql.ts";
import { scd2Of } from "./scd2-spec.ts";
import { ROW_HASH } from "../normalize/system-columns.ts";

/** Tables every dataset keeps for itself: sync state, which nested tables belong to which root, the loads. */
const RESERVED: Readonly<Record<string, string>> = {
  _gc_state: "sync state",
  [NESTED_REGISTRY]: "the nested-table registry",
  [LOADS_TABLE]: "the record of loads",
};

/** A table of the load, with destination names. */
export interface LoadTable {
  /** The spec with every name fitted. */
  readonly spec: TableSpec;
  /** Names the table in error messages. */
  readonly label: string;
}

interface Entry {
  table: LoadTable;
  readonly raw: TableSpec;
  /** Fitted column name → the name it came from, to catch two names fitting to one. */
  readonly columns: Map<string, string>;
  /** Whether any column so far needed shortening (otherwise batches pass through as they are). */
  renamed: boolean;
}

/** The load's tables by name, the root first; admits each table the first time a batch arrives for it. */
export class LoadTables {
  readonly #label: (table: string) => string;
  readonly #byRaw = new Map<string, Entry>();
  readonly #byFitted = new Map<string, Entry>();
  readonly root: LoadTable;

  constructor(root: TableSpec, label: (table: string) => string) {
    this.#label = label;
    if (root.nested !== undefined) throw new DestinationError(`${label(fitIdentifier(root.name))}: a nested table cannot be the root of a load`);
    this.root = this.admit(root);
  }

  /** The table as the destination names it, admitted on first sight; throws on a reserved name, a collision or a changed spec. */
  admit(spec: TableSpec): LoadTable {
    const known = this.#byRaw.get(spec.name);
    if (known !== undefined) {
      if (known.raw !== spec && !sameShape(known.raw, spec)) {
        throw new DestinationError(`${known.table.label}: written with two different table specs in one load (write disposition, primary key or nesting)`);
      }
      return known.table;
    }
    const name = fitIdentifier(spec.name);
    const label = this.#label(name);
    const purpose = RESERVED[name.toLowerCase()];
    if (purpose !== undefined) throw new DestinationError(`${label}: table name "${name}" is reserved for ${purpose}`);
    const clash = this.#byFitted.get(name);
    if (clash !== undefined)
      throw new DestinationError(
        `${label}: tables ${JSON.stringify(clash.raw.name)} and ${JSON.stringify(spec.name)} both become "${name}" when fitted to 63 bytes`,
      );
    if (spec.nested !== undefined && fitIdentifier(spec.nested.root) !== this.root.spec.name) {
      throw new DestinationError(
        `${label}: a nested table of root ${JSON.stringify(spec.nested.root)} cannot be written in the load of ${JSON.stringify(this.root.spec.name)}`,
      );
    }
    const entry: Entry = { table: { spec, label }, raw: spec, columns: new Map(), renamed: false };
    const { nested } = spec;
    entry.table = {
      label,
      spec: {
        ...spec,
        name,
        primaryKey: spec.primaryKey.map(fitIdentifier),
        ...(spec.merge === undefined ? {} : { merge: fitMerge(spec.merge) }),
        columns: this.#fitColumns(entry, spec.columns),
        ...(nested === undefined ? {} : { nested: { parent: fitIdentifier(nested.parent), root: fitIdentifier(nested.root) } }),
      },
    };
    this.#byRaw.set(spec.name, entry);
    this.#byFitted.set(name, entry);
    return entry.table;
  }

  /** The batch with its column names fitted (the same object when none needed it). */
  fitBatch(table: LoadTable, batch: RowBatch): RowBatch {
    const entry = this.#byFitted.get(table.spec.name) as Entry;
    const columns = this.#fitColumns(entry, batch.columns);
    return entry.renamed ? { columns, rows: batch.rows } : batch;
  }

  #fitColumns(entry: Entry, columns: readonly ColumnSpec[]): ColumnSpec[] {
    return columns.map((c) => {
      const name = fitIdentifier(c.name);
      const from = entry.columns.get(name);
      if (from === undefined) entry.columns.set(name, c.name);
      else if (from !== c.name) {
        throw new DestinationError(
          `${entry.table.label}: columns ${JSON.stringify(from)} and ${JSON.stringify(c.name)} both become "${name}" when fitted to 63 bytes`,
        );
      }
      if (name === c.name) return c;
      entry.renamed = true;
      return { ...c, name };
    });
  }
}

/** The merge spec with its column names fitted. */
function fitMerge(merge: MergeSpec): MergeSpec {
  const { mergeKey, hardDelete, dedupSort, scd2 } = merge;
  return {
    ...merge,
    ...(scd2 === undefined
      ? {}
      : {
          scd2: {
            ...scd2,
            ...(scd2.validFrom === undefined ? {} : { validFrom: fitIdentifier(scd2.validFrom) }),
            ...(scd2.validTo === undefined ? {} : { validTo: fitIdentifier(scd2.validTo) }),
            ...(scd2.rowVersionColumn === undefined ? {} : { rowVersionColumn: fitIdentifier(scd2.rowVersionColumn) }),
          },
        }),
    ...(mergeKey === undefined ? {} : { mergeKey: mergeKey.map(fitIdentifier) }),
    ...(hardDelete === undefined ? {} : { hardDelete: fitIdentifier(hardDelete) }),
    ...(dedupSort === undefined ? {} : { dedupSort: { ...dedupSort, column: fitIdentifier(dedupSort.column) } }),
  };
}

function sameShape(a: TableSpec, b: TableSpec): boolean {
  return (
    a.writeDisposition === b.writeDisposition &&
    JSON.stringify(a.merge) === JSON.stringify(b.merge) &&
    a.primaryKey.join("\0") === b.primaryKey.join("\0") &&
    a.nested?.parent === b.nested?.parent &&
    a.nested?.root === b.nested?.root
  );
}

/** Whether a staged table merges on a key (the only disposition that dedups): its primary key, or scd2's version. */
export function mergesOnKey({ table }: { readonly table: LoadTable }): boolean {
  return table.spec.writeDisposition === "merge" && (table.spec.primaryKey.length > 0 || scd2Of(table.spec) !== null);
}

/**
 * The key whose order staging watches (key-order.ts) to prove that the dedup key never repeats: the
 * dedup key of a table the commit deduplicates, else none. scd2 deduplicates on its version, by
 * default `_gc_row_hash`: 132 bits of a SHA-256 of the whole record, in no order. Records whose
 * primary keys differ are different records, so their hashes differ (a collision would already make
 * two versions one), and ordered primary keys prove the versions distinct; a version column of the
 * record's own (`row_version_column_name`) may repeat across keys and is watched itself.
 */
export function watchedKey(table: LoadTable): readonly string[] {
  if (table.spec.nested !== undefined || !mergesOnKey({ table })) return [];
  const scd2 = scd2Of(table.spec);
  if (scd2 !== null && scd2.version === ROW_HASH && table.spec.primaryKey.length > 0) return table.spec.primaryKey;
  return dedupKey(table.spec);
}

/** The columns a merging table's staged rows are deduplicated on: scd2's version column, else the primary key. */
export function dedupKey(spec: TableSpec): readonly string[] {
  const scd2 = scd2Of(spec);
  return scd2 === null ? spec.primaryKey : [scd2.version];
}
