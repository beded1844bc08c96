// Applies one load's staged rows to its target table in a single transaction, per write disposition.
import type pg from "pg";
import { DestinationError } from "../../errors.ts";
import type { TableSpec } from "../../spec.ts";
import type { LoadCounts, StateEntry } from "../destination.ts";
import { stateJson } from "../state-json.ts";
import { identList, qualifiedName, quoteIdent } from "../sql.ts";
import { message } from "./errors.ts";
import { SEQ_COLUMN, type Staging } from "./staging.ts";
import { writeState } from "./state.ts";
import { needsCast, sameType, TARGET_TYPE } from "./types.ts";
import { missingColumns } from "../evolve.ts";

export interface CommitInput {
  readonly client: pg.Client;
  readonly schema: string;
  readonly table: TableSpec;
  readonly staging: Staging;
  /** Names the target in error messages. */
  readonly label: string;
}

const NONE: LoadCounts = { inserted: 0, updated: 0, unchanged: 0 };

/**
 * Validates, dedups and casts the staged rows and applies them in one transaction (rolled back on any
 * error); `state`, when given, is upserted into the dataset's `_gc_state` in that same transaction.
 */
export async function commitStaged(input: CommitInput, state?: StateEntry): Promise<LoadCounts> {
  const { client, schema, staging, label, table } = input;
  const stateText = state === undefined ? null : stateJson(state, label);
  if (staging.rowCount > 0) await checkKeys(input, table.primaryKey);
  try {
    await client.query("BEGIN");
    try {
      if (!(await schemaExists(client, schema))) await client.query(`CREATE SCHEMA ${quoteIdent(schema)}`);
      // State first: any later failure (type conflict, bad cast, COMMIT itself) rolls it back with the rows.
      if (state !== undefined && stateText !== null) await writeState(client, schema, state.key, stateText);
      const counts = await apply(input);
      await client.query("COMMIT");
      return counts;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    }
  } catch (error) {
    if (error instanceof DestinationError) throw error;
    throw new DestinationError(`${label}: commit failed and was rolled back: ${message(error)}`, { cause: error });
  }
}

/** The statements inside the transaction: schema evolution, then delete/insert. */
async function apply(input: CommitInput): Promise<LoadCounts> {
  const { client, schema, table, staging } = input;
  const target = qualifiedName(schema, table.name);
  const columns = staging.columns;
  const existing = await targetColumns(client, schema, table.name);
  if (existing.size === 0 && columns.length === 0) return NONE;
  if (existing.size === 0) {
    const defs = columns.map((c) => `${quoteIdent(c.name)} ${TARGET_TYPE[c.dataType]}${c.nullable ? "" : " NOT NULL"}`);
    await client.query(`CREATE TABLE ${target} (${defs.join(", ")})`);
    // Merges look rows up by key: an index keeps a small incremental merge from scanning the whole table.
    const keyed = table.primaryKey.length > 0 && table.primaryKey.every((k) => columns.some((c) => c.name === k));
    if (table.writeDisposition === "merge" && keyed) await client.query(`CREATE INDEX ON ${target} (${identList(table.primaryKey)})`);
  } else {
    await evolve(input, target, existing);
  }
  if (table.writeDisposition === "replace") await client.query(`DELETE FROM ${target}`);
  if (columns.length === 0) return NONE;
  const names = identList(columns.map((c) => c.name));
  const casts = columns.map((c) => (needsCast(c.dataType) ? `CAST(${quoteIdent(c.name)} AS ${TARGET_TYPE[c.dataType]}) AS ${quoteIdent(c.name)}` : quoteIdent(c.name)));
  const merge = table.writeDisposition === "merge" && table.primaryKey.length > 0;
  if (!merge) {
    const inserted = await client.query(`INSERT INTO ${target} (${names}) SELECT ${casts.join(", ")} FROM ${staging.ref} ORDER BY ${quoteIdent(SEQ_COLUMN)}`);
    return { inserted: inserted.rowCount ?? 0, updated: 0, unchanged: 0 };
  }
  return mergeInto(input, target, casts);
}

/**
 * Merge: the staged rows, cast and deduplicated (the last `_gc_seq` per key wins), are materialized in a
 * TEMP table dropped at commit. Rows identical on every staged column to the stored version are left
 * untouched; the rest replace their key's row (delete + insert, dlt's default strategy) or are new.
 */
async function mergeInto(input: CommitInput, target: string, casts: readonly string[]): Promise<LoadCounts> {
  const { client, table, staging } = input;
  const keys = identList(table.primaryKey);
  const seq = quoteIdent(SEQ_COLUMN);
  const final = qualifiedName("pg_temp", `${staging.name}_final`);
  const cols = staging.columns.map((c) => quoteIdent(c.name));
  const created = await client.query(
    `CREATE TEMP TABLE ${quoteIdent(`${staging.name}_final`)} ON COMMIT DROP AS ` +
      `SELECT DISTINCT ON (${keys}) ${cols.join(", ")} FROM (SELECT ${seq}, ${casts.join(", ")} FROM ${staging.ref}) AS s ORDER BY ${keys}, ${seq} DESC`,
  );
  await client.query(`ANALYZE ${final}`);
  const total = created.rowCount ?? 0;
  const match = table.primaryKey.map((k) => `t.${quoteIdent(k)} = f.${quoteIdent(k)}`).join(" AND ");
  const row = (alias: string) => `ROW(${cols.map((c) => `${alias}.${c}`).join(", ")})`;
  // EXISTS in WHERE (a semi-join), never in a select list, where it would rescan the target per row.
  const matched = await count(client, `SELECT count(*) AS n FROM ${final} AS f WHERE EXISTS (SELECT 1 FROM ${target} AS t WHERE ${match})`);
  const unchanged = matched === 0 ? 0 : await count(
    client,
    `SELECT count(*) AS n FROM ${final} AS f WHERE EXISTS (SELECT 1 FROM ${target} AS t WHERE ${match} AND ${row("t")} IS NOT DISTINCT FROM ${row("f")})`,
  );
  if (matched > unchanged) {
    await client.query(`DELETE FROM ${target} AS t USING ${final} AS f WHERE ${match} AND ${row("t")} IS DISTINCT FROM ${row("f")}`);
  }
  if (total > unchanged) {
    const names = cols.join(", ");
    await client.query(`INSERT INTO ${target} (${names}) SELECT ${names} FROM ${final} AS f WHERE NOT EXISTS (SELECT 1 FROM ${target} AS t WHERE ${match})`);
  }
  return { inserted: total - matched, updated: matched - unchanged, unchanged };
}

/** Adds staged columns the target lacks; refuses a column whose type would change. */
async function evolve(input: CommitInput, target: string, existing: ReadonlyMap<string, string>): Promise<void> {
  const missing = missingColumns(input.label, input.staging.columns, (name) => existing.get(name), { target: TARGET_TYPE, sameType });
  for (const col of missing) {
    await input.client.query(`ALTER TABLE ${target} ADD COLUMN ${quoteIdent(col.name)} ${TARGET_TYPE[col.dataType]}`);
  }
}

/** Refuses staged rows whose primary key is absent or NULL, before anything is applied. */
async function checkKeys({ client, staging, label }: CommitInput, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  const staged = new Set(staging.columns.map((c) => c.name));
  const absent = keys.filter((k) => !staged.has(k));
  if (absent.length > 0) throw new DestinationError(`${label}: primary key column(s) ${absent.join(", ")} never appeared in the data; nothing was applied`);
  const anyNull = keys.map((k) => `${quoteIdent(k)} IS NULL`).join(" OR ");
  const result = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${staging.ref} WHERE ${anyNull}`);
  const nulls = Number(result.rows[0]?.n ?? 0);
  if (nulls > 0) throw new DestinationError(`${label}: ${nulls} row(s) have a NULL primary key (${keys.join(", ")}); nothing was applied`);
}

async function count(client: pg.Client, sql: string): Promise<number> {
  const result = await client.query<{ n: string }>(sql);
  return Number(result.rows[0]?.n ?? 0);
}

/** The target's columns (exact name → `format_type`); empty when the table does not exist. */
async function targetColumns(client: pg.Client, schema: string, table: string): Promise<Map<string, string>> {
  const result = await client.query<{ name: string; type: string }>(
    "SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type FROM pg_catalog.pg_attribute a " +
      "JOIN pg_catalog.pg_class c ON c.oid = a.attrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace " +
      "WHERE n.nspname = $1 AND c.relname = $2 AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum",
    [schema, table],
  );
  return new Map(result.rows.map((r) => [r.name, r.type]));
}

async function schemaExists(client: pg.Client, schema: string): Promise<boolean> {
  const result = await client.query("SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1", [schema]);
  return (result.rowCount ?? 0) > 0;
}
