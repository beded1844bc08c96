// The columns gen-connector adds to every row, dlt's layout under our `_gc_` prefix, and the names it
// gives to list items that are not objects.
import type { ColumnSpec } from "../connector.ts";

/** Every row's id: text, never NULL. */
export const ROW_ID = "_gc_id";
/** A nested row's parent row id. */
export const PARENT_ID = "_gc_parent_id";
/** A nested row's position in its list, from 0. */
export const LIST_INDEX = "_gc_list_idx";
/** A nested row's root row id: merge replaces a root row's nested rows through it. */
export const ROOT_ID = "_gc_root_id";
/**
 * Staging only, never in a target table: the ordinal (within the load) of the root row a row belongs
 * to, on root and nested rows, so only the nested rows of a key's last version are applied.
 */
export const ROOT_SEQ = "_gc_root_seq";
/** When snapshot reconciliation (`missing: "soft_delete"`) found the row's key gone from the API; NULL while it is there. */
export const DELETED_AT = "_gc_deleted_at";

/** Distributed runs: when the partition that wrote the row's version began extracting (newest wins on equal cursors). */
export const EXTRACTED_AT = "_gc_extracted_at";

/** scd2: a hash of the whole source record (nested data included), which identifies a version. */
export const ROW_HASH = "_gc_row_hash";
/** delete-insert/upsert merges: a hash of the stored row's columns, computed by the database (destinations/row-hash.ts). */
export const MERGE_HASH = "_gc_merge_hash";
/** scd2: the default validity columns. */
export const VALID_FROM = "_gc_valid_from";
export const VALID_TO = "_gc_valid_to";

/** The column of a list item that is a scalar (dlt's `value`). */
export const VALUE_FIELD = "value";
/** The field a list item that is itself a list is wrapped in (dlt's `list`): it becomes a nested table. */
export const LIST_FIELD = "list";

const column = (name: string, dataType: ColumnSpec["dataType"]): ColumnSpec => ({ name, dataType, nullable: false });

/** The system columns of a root row, in table order. */
export const ROOT_COLUMNS: readonly ColumnSpec[] = [column(ROW_ID, "text"), column(ROOT_SEQ, "bigint")];

/** The system columns of an scd2 root row whose version is its row hash. */
export const SCD2_ROOT_COLUMNS: readonly ColumnSpec[] = [...ROOT_COLUMNS, column(ROW_HASH, "text")];

/** The system columns of a nested row, in table order. */
export const NESTED_COLUMNS: readonly ColumnSpec[] = [
  column(ROW_ID, "text"),
  column(PARENT_ID, "text"),
  column(LIST_INDEX, "bigint"),
  column(ROOT_ID, "text"),
  column(ROOT_SEQ, "bigint"),
];
