// What writing one table in the commit has and returns: the dataset plus the destination's own
// columns and helper tables, and the counts with the roots whose nested rows go in.
import type { LoadCounts } from "./destination.ts";
import type { Dataset, Final } from "./dialect.ts";

/** What a write did: the counts, and which root rows' staged nested rows go in (null: the default rule, see insertNested). */
export interface Written {
  readonly counts: LoadCounts;
  readonly nestedRoots: Final | null;
}

/** What writing a merge may need besides the dataset: the destination's own columns, helper tables. */
export interface WriteContext extends Dataset {
  /** The destination's own columns (set to their default by an update). */
  readonly ownColumns: readonly string[];
  /** Whether the load is a complete extract, so a merge with `missing` reconciles against it. */
  readonly complete: boolean;
  /** The commit's validity boundary (ISO timestamp): scd2's default boundary_timestamp. */
  readonly boundary: string;
  /** Makes a helper table (dropped after the commit) from `select`; returns its reference. */
  scratch(suffix: string, select: string): Promise<string>;
}
