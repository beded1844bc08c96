// Shared helpers for the destination tests (not a test file itself).
import type { SqlSession } from "../../../runtime/destinations/sql-session.ts";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Destination, LoadCounts, RowBatch, Scalar } from "../../../runtime/destinations/destination.ts";
import { beginTableLoad } from "../../../runtime/destinations/table-load.ts";
import type { DataType, TableSpec, WriteDisposition } from "../../../runtime/connector.ts";

export type Cols = readonly (readonly [string, DataType])[];

/** A TableSpec with nullable columns. */
export function spec(name: string, writeDisposition: WriteDisposition, primaryKey: readonly string[], columns: Cols): TableSpec {
  return { name, writeDisposition, primaryKey, columns: columns.map(([n, dataType]) => ({ name: n, dataType, nullable: true })) };
}

/** A RowBatch over `columns`. */
export function batch(columns: Cols, rows: readonly (readonly Scalar[])[]): RowBatch {
  return { columns: columns.map(([name, dataType]) => ({ name, dataType, nullable: true })), rows };
}

/** Begins a load of `table` alone on any destination, writes every batch and commits. */
export async function load(dest: Destination, dataset: string, table: TableSpec, ...batches: RowBatch[]): Promise<LoadCounts> {
  const tl = await beginTableLoad(dest, dataset, table);
  for (const b of batches) await tl.write(b);
  return tl.commit();
}

/** A fresh path for a database file under the OS temp dir. */
export function tempDbPath(): string {
  return join(mkdtempSync(join(tmpdir(), "gc-duckdb-")), "test.duckdb");
}

/** Deletes a database made by `tempDbPath` (with its WAL). */
export function removeDb(path: string): void {
  rmSync(dirname(path), { recursive: true, force: true });
}

export { rejection } from "../../helpers/rejection.ts";

/** A SQL session that records every statement and answers every query with one zero (a count). */
export function recordingSession(): { session: SqlSession; sql: string[] } {
  const sql: string[] = [];
  const record = async <T>(text: string, answer: T): Promise<T> => {
    sql.push(text);
    return answer;
  };
  return { sql, session: { exec: (text) => record(text, 0), rows: (text) => record(text, [[0]]) } };
}
