// Applies one load's staged rows to its target table in a single transaction, per write disposition.
import type { DuckDBConnection } from "@duckdb/node-api";
import { DestinationError } from "../../errors.ts";
import type { TableSpec } from "../../spec.ts";
import type { LoadCounts, StateEntry } from "../destination.ts";
import { identList, qualifiedName, quoteIdent } from "../sql.ts";
import { SEQ_COLUMN, type Staging } from "./staging.ts";
import { stateJson } from "../state-json.ts";
import { writeState } from "./state.ts";
import { missingColumns } from "../evolve.ts";
import { needsCast, sameType, TARGET_TYPE } from "./types.ts";

export interface CommitInput {
  readonly conn: DuckDBConnection;
  /** The database (catalog) name: always part of the target's name, as a schema may share it. */
  readonly catalog: string;
  readonly schema: string;
  readonly table: TableSpec;
  readonly staging: Staging;
  /** Names the target in error messages. */
  readonly label: string;
}

/**
 * Validates, dedups and casts the staged rows, then applies them in one transaction (rolled back on any
 * error); `state`, when given, is upserted into the dataset's `_gc_state` in that same transaction.
 */
export async function commitStaged(input: CommitInput, state?: StateEntry): Promise<LoadCounts> {
  const { conn, catalog, schema, table, staging, label } = input;
  const stateText = state === undefined ? null : stateJson(state, label);
  const columns = staging.columns;
  const keys = table.primaryKey;
  if (staging.rowCount > 0) await checkKeys(input, keys);
  const merge = table.writeDisposition === "merge" && keys.length > 0;
  const final = `temp.main.${quoteIdent(`${staging.name}_final`)}`;
  if (columns.length > 0) {
    const casts = columns.map((c) => {
      const name = quoteIdent(c.name);
      return needsCast(c.dataType) ? `CAST(${name} AS ${TARGET_TYPE[c.dataType]}) AS ${name}` : name;
    });
    const dedup = merge ? `QUALIFY row_number() OVER (PARTITION BY ${identList(keys)} ORDER BY ${quoteIdent(SEQ_COLUMN)} DESC) = 1` : "";
    const select = `SELECT ${casts.join(", ")} FROM ${staging.ref} ${dedup}`;
    // A view, not a copy: the dedup/cast is cheap to recompute and a copy would double peak memory.
    await run(conn, label, "converting the staged rows", `CREATE OR REPLACE TEMP VIEW ${final} AS ${select}`);
  }
  try {
    await conn.run("BEGIN TRANSACTION");
    try {
      // State first: any later failure (type conflict, constraint, COMMIT itself) rolls it back with the rows.
      if (state !== undefined && stateText !== null) await writeState(conn, catalog, schema, state.key, stateText);
      const counts = await apply(input, final, merge);
      await conn.run("COMMIT");
      return counts;
    } catch (error) {
      await conn.run("ROLLBACK").catch(() => undefined); // a failed COMMIT has already rolled back
      throw error;
    }
  } catch (error) {
    if (error instanceof DestinationError) throw error;
    throw new DestinationError(`${label}: commit failed and was rolled back: ${message(error)}`, { cause: error });
  } finally {
    await conn.run(`DROP VIEW IF EXISTS ${final}`).catch(() => undefined);
  }
}

/** The statements inside the transaction: schema evolution, then delete/insert. */
async function apply(input: CommitInput, final: string, merge: boolean): Promise<LoadCounts> {
  const { conn, catalog, schema, table, staging } = input;
  const target = qualifiedName(catalog, schema, table.name);
  const columns = staging.columns;
  const existing = await targetColumns(conn, schema, table.name);
  if (existing.size === 0 && columns.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  if (existing.size === 0) {
    const defs = columns.map((c) => `${quoteIdent(c.name)} ${TARGET_TYPE[c.dataType]}${c.nullable ? "" : " NOT NULL"}`);
    await conn.run(`CREATE TABLE IF NOT EXISTS ${target} (${defs.join(", ")})`);
  } else {
    await evolve(input, target, existing);
  }
  if (table.writeDisposition === "replace") await conn.run(`DELETE FROM ${target}`);
  if (columns.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  const names = identList(columns.map((c) => c.name));
  const total = await count(conn, `SELECT count(*) FROM ${final}`);
  if (!merge) {
    await conn.run(`INSERT INTO ${target} (${names}) SELECT ${names} FROM ${final}`);
    return { inserted: total, updated: 0, unchanged: 0 };
  }
  // Merge: rows identical (on every staged column) to the stored version are left untouched; the
  // rest replace their key's row (delete + insert, dlt's default strategy) or are new. Nothing is
  // materialized: each statement reads the staged view directly.
  const match = table.primaryKey.map((k) => `t.${quoteIdent(k)} = f.${quoteIdent(k)}`).join(" AND ");
  const row = (alias: string) => `ROW(${columns.map((c) => `${alias}.${quoteIdent(c.name)}`).join(", ")})`;
  const matched = await count(conn, `SELECT count(*) FROM ${final} AS f WHERE EXISTS (SELECT 1 FROM ${target} AS t WHERE ${match})`);
  const unchanged = matched === 0 ? 0 : await count(
    conn,
    `SELECT count(*) FROM ${final} AS f WHERE EXISTS (SELECT 1 FROM ${target} AS t WHERE ${match} AND ${row("t")} IS NOT DISTINCT FROM ${row("f")})`,
  );
  if (matched > unchanged) {
    await conn.run(`DELETE FROM ${target} AS t WHERE EXISTS (SELECT 1 FROM ${final} AS f WHERE ${match} AND ${row("t")} IS DISTINCT FROM ${row("f")})`);
  }
  if (total > unchanged) {
    await conn.run(`INSERT INTO ${target} (${names}) SELECT ${names} FROM ${final} AS f WHERE NOT EXISTS (SELECT 1 FROM ${target} AS t WHERE ${match})`);
  }
  return { inserted: total - matched, updated: matched - unchanged, unchanged };
}

/** Adds staged columns the target lacks; refuses a column whose type would change. */
async function evolve(input: CommitInput, target: string, existing: ReadonlyMap<string, string>): Promise<void> {
  const missing = missingColumns(input.label, input.staging.columns, (name) => existing.get(name.toLowerCase()), { target: TARGET_TYPE, sameType });
  for (const col of missing) {
    await input.conn.run(`ALTER TABLE ${target} ADD COLUMN ${quoteIdent(col.name)} ${TARGET_TYPE[col.dataType]}`);
  }
}

/** Refuses staged rows whose primary key is absent or NULL, before anything is applied. */
async function checkKeys({ conn, staging, label }: CommitInput, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  const staged = new Set(staging.columns.map((c) => c.name));
  const absent = keys.filter((k) => !staged.has(k));
  if (absent.length > 0) throw new DestinationError(`${label}: primary key column(s) ${absent.join(", ")} never appeared in the data; nothing was applied`);
  const anyNull = keys.map((k) => `${quoteIdent(k)} IS NULL`).join(" OR ");
  const nulls = await count(conn, `SELECT count(*) FROM ${staging.ref} WHERE ${anyNull}`);
  if (nulls > 0) throw new DestinationError(`${label}: ${nulls} row(s) have a NULL primary key (${keys.join(", ")}); nothing was applied`);
}

/** The target's columns (lower-cased name → catalog type); empty when the table does not exist. */
async function targetColumns(conn: DuckDBConnection, schema: string, table: string): Promise<Map<string, string>> {
  const reader = await conn.runAndReadAll(
    "SELECT column_name, data_type FROM duckdb_columns() WHERE database_name = current_database() " +
      "AND lower(schema_name) = lower($1) AND lower(table_name) = lower($2) ORDER BY column_index",
    [schema, table],
  );
  return new Map(reader.getRows().map(([name, type]) => [String(name).toLowerCase(), String(type)]));
}

async function count(conn: DuckDBConnection, sql: string): Promise<number> {
  const reader = await conn.runAndReadAll(sql);
  return Number(reader.getRows()[0]?.[0] ?? 0);
}

async function run(conn: DuckDBConnection, label: string, doing: string, sql: string): Promise<void> {
  try {
    await conn.run(sql);
  } catch (error) {
    throw new DestinationError(`${label}: ${doing} failed, nothing was applied: ${message(error)}`, { cause: error });
  }
}

/** The driver's message without DuckDB's trailing `LINE n:` excerpt of our SQL. */
export function message(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split(/\n\s*LINE \d+:/)[0]?.trim() ?? text;
}
