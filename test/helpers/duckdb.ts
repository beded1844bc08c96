// Reads tables back from a DuckDB file, to assert on what a sync really wrote.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";

/** A fresh path for a DuckDB file in a new temp directory. */
export function tempDbPath(name = "test"): string {
  return join(mkdtempSync(join(tmpdir(), "gc-")), `${name}.duckdb`);
}

/** BIGINTs as numbers (the tests' values are small), everything else as DuckDB's JS value or its string. */
function plain(value: unknown): unknown {
  if (typeof value === "bigint") return Number(value);
  if (value === null || typeof value !== "object") return value;
  return String(value);
}

/** Runs `sql` against the file and returns rows as objects (opened and closed per call). */
export async function query(path: string, sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(sql);
    return reader.getRowObjects().map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plain(v)])));
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Runs `body` with `statements` collecting the SQL of every statement any DuckDB connection runs meanwhile, in order. */
export async function recordingStatements<T>(body: (statements: string[]) => Promise<T>): Promise<T> {
  const statements: string[] = [];
  const run = DuckDBConnection.prototype.run;
  const read = DuckDBConnection.prototype.runAndReadAll;
  // runAndReadAll calls run: a statement is recorded once, by the outer call.
  let reading = false;
  DuckDBConnection.prototype.run = function (this: DuckDBConnection, sql: string, ...rest: unknown[]) {
    if (!reading) statements.push(sql);
    return (run as (this: DuckDBConnection, ...args: unknown[]) => ReturnType<typeof run>).call(this, sql, ...rest);
  } as typeof run;
  DuckDBConnection.prototype.runAndReadAll = function (this: DuckDBConnection, sql: string, ...rest: unknown[]) {
    statements.push(sql);
    reading = true;
    try {
      return (read as (this: DuckDBConnection, ...args: unknown[]) => ReturnType<typeof read>).call(this, sql, ...rest);
    } finally {
      reading = false;
    }
  } as typeof read;
  try {
    return await body(statements);
  } finally {
    DuckDBConnection.prototype.run = run;
    DuckDBConnection.prototype.runAndReadAll = read;
  }
}
