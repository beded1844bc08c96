// A run's child batches as partitions of record (`<dataset>._gc_batches`): written in the commit of the
// parent partition that made them, so a committed parent's batches are known even when their jobs are
// lost; finalize counts them among the run's partitions and a rerun of the run id runs the missing ones
// from here. A batch's payload is its parents' needed fields only (child-batches.ts), never a secret.
import type { Dataset } from "../destinations/dialect.ts";
import { qualifiedName } from "../destinations/sql.ts";
import { fitIdentifier } from "../normalize/identifier.ts";
import type { BatchPartition } from "./partition.ts";
import type { TransactionDb } from "./transaction-db.ts";

/** The table of a run's child batches; no resource table may take its name. */
export const BATCHES_TABLE = "_gc_batches";

/** `batches` is the qualified, quoted table name. */
export function createBatchesSql(batches: string): string {
  return (
    `CREATE TABLE IF NOT EXISTS ${batches} (run_id TEXT NOT NULL, resource TEXT NOT NULL, partition TEXT NOT NULL, root TEXT NOT NULL, ` +
    "parent TEXT NOT NULL, batch_index INTEGER NOT NULL, batch_count INTEGER NOT NULL, records INTEGER NOT NULL, parents JSONB NOT NULL, " +
    "PRIMARY KEY (run_id, resource, partition))"
  );
}

/** Records `list` inside the parent partition's commit transaction, in `dataset`'s batch table (created at the run's bootstrap). */
export async function recordBatches(db: TransactionDb, dataset: string, list: readonly BatchPartition[]): Promise<void> {
  const batches = qualifiedName(fitIdentifier(dataset), BATCHES_TABLE);
  for (const b of list) {
    await db.executeSql(
      `INSERT INTO ${batches} (run_id, resource, partition, root, parent, batch_index, batch_count, records, parents) ` +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CAST($9 AS jsonb))",
      [b.runId, b.resource, b.key, b.bounds.root, b.bounds.parent, b.bounds.index, b.bounds.count, b.bounds.records, JSON.stringify(b.parents)],
    );
  }
}

/** The child batches of run `runId` in key order; [] when the dataset has no batch table yet. */
export async function readBatches(ds: Dataset, runId: string): Promise<BatchPartition[]> {
  if ((await ds.dialect.columns(ds.session, ds.schema, BATCHES_TABLE)).size === 0) return [];
  const rows = await ds.session.rows(
    `SELECT resource, partition, root, parent, batch_index, batch_count, records, CAST(parents AS text) FROM ${ds.dialect.ref(ds.schema, BATCHES_TABLE)} ` +
      "WHERE run_id = $1 ORDER BY root, parent, resource, partition",
    [runId],
  );
  return rows.map(([resource, key, root, parent, index, count, records, parents]) => ({
    runId,
    resource: String(resource),
    key: String(key),
    kind: "batch" as const,
    bounds: { root: String(root), parent: String(parent), index: Number(index), count: Number(count), records: Number(records) },
    parents: JSON.parse(String(parents)) as string[],
  }));
}
