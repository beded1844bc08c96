// Read-only queries over what syncs left in a dataset, the same on every dialect: whether the dataset
// exists, its `_gc_loads` rows (loads.ts) and its `_gc_state` rows (state.ts). They never create
// anything: a missing table reads as no rows.
import { type Dataset, targetColumns, targetRef } from "./dialect.ts";
import { LOADS_TABLE, type RunStatus, trustedStateSql } from "./loads.ts";
import { STATE_TABLE } from "./state.ts";
import { parseStateJson } from "./state-json.ts";

/** Whether the dataset's schema exists in the database. */
export async function datasetExists(ds: Dataset): Promise<boolean> {
  const rows = await ds.session.rows("SELECT 1 FROM information_schema.schemata WHERE catalog_name = current_database() AND lower(schema_name) = lower($1)", [
    ds.schema,
  ]);
  return rows.length > 0;
}

/** One resource's part in one sync run, as `_gc_loads` holds it. */
export interface LoadRow {
  readonly loadId: string;
  readonly resource: string;
  readonly table: string;
  readonly status: RunStatus;
  /** ISO 8601 (UTC). */
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly seconds: number | null;
  readonly records: number | null;
  readonly inserted: number | null;
  readonly updated: number | null;
  readonly unchanged: number | null;
  readonly deleted: number | null;
  readonly quarantined: number | null;
  /** Redacted when it was written. */
  readonly error: string | null;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const iso = (epoch: unknown): string | null => (epoch === null || epoch === undefined ? null : new Date(Number(epoch) * 1000).toISOString());

/** The `limit` most recent loads of each resource (of `resource` alone when given), newest first; none without a loads table. */
export async function readLoads(ds: Dataset, filter: { readonly resource?: string; readonly limit: number }): Promise<LoadRow[]> {
  const columns = await targetColumns(ds, LOADS_TABLE);
  if (columns.size === 0) return [];
  const deleted = columns.has("deleted") ? "deleted" : "CAST(NULL AS BIGINT)";
  const where = filter.resource === undefined ? "" : "WHERE resource = $2";
  const rows = await ds.session.rows(
    `SELECT load_id, resource, table_name, status, EXTRACT(EPOCH FROM started_at), EXTRACT(EPOCH FROM finished_at), records, inserted, updated, ` +
      `unchanged, ${deleted}, quarantined, error FROM (SELECT *, row_number() OVER (PARTITION BY resource ORDER BY started_at DESC, load_id DESC) AS n ` +
      `FROM ${targetRef(ds, LOADS_TABLE)} ${where}) AS l WHERE n <= $1 ORDER BY resource, started_at DESC, load_id DESC`,
    filter.resource === undefined ? [filter.limit] : [filter.limit, filter.resource],
  );
  return rows.map(([loadId, resource, table, status, started, finished, records, inserted, updated, unchanged, del, quarantined, error]) => {
    const startedAt = iso(started) ?? "";
    const finishedAt = iso(finished);
    return {
      loadId: String(loadId),
      resource: String(resource),
      table: String(table),
      status: String(status) as RunStatus,
      startedAt,
      finishedAt,
      seconds: finished === null || finished === undefined ? null : Math.max(0, Number(finished) - Number(started)),
      records: num(records),
      inserted: num(inserted),
      updated: num(updated),
      unchanged: num(unchanged),
      deleted: num(del),
      quarantined: num(quarantined),
      error: error === null || error === undefined ? null : String(error),
    };
  });
}

/** One `_gc_state` row: a state key, its value, and whether a sync would trust it (its load completed). */
export interface StateRow {
  readonly key: string;
  readonly resource: string | null;
  readonly value: unknown;
  readonly updatedAt: string;
  readonly loadId: string | null;
  readonly trusted: boolean;
}

/** Every state row of the dataset, by key, newest first; none without a state table. */
export async function readStateRows(ds: Dataset): Promise<StateRow[]> {
  const columns = await targetColumns(ds, STATE_TABLE);
  if (columns.size === 0) return [];
  const tracked = columns.has("load_id") && columns.has("resource");
  const loads = (await targetColumns(ds, LOADS_TABLE)).size > 0 ? targetRef(ds, LOADS_TABLE) : null;
  const trusted = tracked ? trustedStateSql(loads) : "true";
  const extra = tracked ? "s.load_id, s.resource" : "CAST(NULL AS TEXT), CAST(NULL AS TEXT)";
  const rows = await ds.session.rows(
    `SELECT s.key, CAST(s.value AS TEXT), EXTRACT(EPOCH FROM s.updated_at), ${extra}, CASE WHEN ${trusted} THEN 1 ELSE 0 END ` +
      `FROM ${targetRef(ds, STATE_TABLE)} AS s ORDER BY s.key, s.updated_at DESC`,
  );
  return rows.map(([key, text, updated, loadId, resource, ok]) => ({
    key: String(key),
    resource: resource === null || resource === undefined ? null : String(resource),
    value: text === null || text === undefined ? null : parseStateJson(String(text), String(key)),
    updatedAt: iso(updated) ?? "",
    loadId: loadId === null || loadId === undefined ? null : String(loadId),
    trusted: Number(ok) === 1,
  }));
}
