// A distributed run's staging tables (pure: names). A table the run replaces — a `replace` table in a
// windowed tree, every table of a full refresh — is written by the run's partitions into a staging
// table of the same dataset, `_gc_run_<tag>_<table>`, and swapped in by the finalize step. The tag is
// the run id's hash, so a rerun of the run id finds its staging tables and another run never does; the
// prefix survives the 63-byte fitting, so stale staging tables are found by it.
import { createHash } from "node:crypto";
import { LOADS_TABLE } from "../destinations/loads.ts";
import { NESTED_REGISTRY } from "../destinations/nested-sql.ts";
import { STATE_TABLE } from "../destinations/state.ts";
import { fitIdentifier } from "../normalize/identifier.ts";
import { QUARANTINE_TABLE } from "../sync/quarantine.ts";
import { PARTITIONS_TABLE, RUNS_TABLE } from "./registry-sql.ts";

/** Every staging table's name starts with it. */
export const STAGING_PREFIX = "_gc_run_";

/** The run's tag in its staging tables' names: 12 hex digits of the run id's SHA-256. */
export function runTag(runId: string): string {
  return createHash("sha256").update(runId).digest("hex").slice(0, 12);
}

/** The staging table of `table` (a fitted name) in run `runId`, fitted to 63 bytes. */
export function stagingName(runId: string, table: string): string {
  return fitIdentifier(`${STAGING_PREFIX}${runTag(runId)}_${table}`);
}

/** The run's staged state (its `_gc_state` rows, swapped in with its tables); it also says the run's staging exists. */
export function stagedStateName(runId: string): string {
  return stagingName(runId, STATE_TABLE);
}

/**
 * Tables a staged load writes in place: the dataset's bookkeeping (loads, nested-table registry,
 * markers, runs) and the quarantine, which keeps its rows as in a classic full refresh. Every other
 * table of a staged load — its root, its nested tables and its state — goes to staging.
 */
export const WRITTEN_IN_PLACE: ReadonlySet<string> = new Set([LOADS_TABLE, NESTED_REGISTRY, PARTITIONS_TABLE, RUNS_TABLE, QUARANTINE_TABLE]);

/** `LIKE` pattern matching every staging table (`_` escaped). */
export const STAGING_PATTERN = `${STAGING_PREFIX.replaceAll("_", "\\_")}%`;
