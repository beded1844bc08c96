// scd2's resolved settings for a table: its validity columns, the column that identifies a version,
// and the active-record and boundary timestamps, with dlt's defaults under our `_gc_` prefix.
import type { TableSpec } from "../connector.ts";
import { ROW_HASH, VALID_FROM, VALID_TO } from "../normalize/system-columns.ts";

export interface Scd2Columns {
  readonly validFrom: string;
  readonly validTo: string;
  /** The column identifying a version: the row hash, or the record's own row version column. */
  readonly version: string;
  /** An active record's valid-to value (ISO text); null: NULL. */
  readonly active: string | null;
  /** The configured boundary (ISO text); null: the time of the commit. */
  readonly boundary: string | null;
}

/** The scd2 settings of a root table that merges with scd2; null for any other table. */
export function scd2Of(spec: TableSpec): Scd2Columns | null {
  if (spec.writeDisposition !== "merge" || spec.nested !== undefined || spec.merge?.strategy !== "scd2") return null;
  const s = spec.merge.scd2 ?? {};
  return {
    validFrom: s.validFrom ?? VALID_FROM,
    validTo: s.validTo ?? VALID_TO,
    version: s.rowVersionColumn ?? ROW_HASH,
    active: s.activeRecordTimestamp ?? null,
    boundary: s.boundaryTimestamp ?? null,
  };
}
