// Writes one independent table's staged rows (a root, or a table such as a quarantine) into its
// target per its write disposition; runs inside the commit transaction.
import type { DuckDBConnection } from "@duckdb/node-api";
import type { LoadCounts } from "../destination.ts";
import { mergesOnKey } from "../load-tables.ts";
import { identList, quoteIdent } from "../sql.ts";
import { count, type Dataset, type StagedTable, storedColumns, targetColumns, targetRef } from "./target.ts";

const NONE: LoadCounts = { inserted: 0, updated: 0, unchanged: 0 };

/** Replace's delete, then append or merge from `final` (the staged rows cast, deduped for a merge). */
export async function writeTable(ds: Dataset, staged: StagedTable, final: string | null): Promise<LoadCounts> {
  const { conn } = ds;
  const spec = staged.table.spec;
  const target = targetRef(ds, spec.name);
  if ((await targetColumns(ds, spec.name)).size === 0) return NONE;
  if (spec.writeDisposition === "replace") await conn.run(`DELETE FROM ${target}`);
  const columns = storedColumns(staged.staging);
  if (columns.length === 0 || final === null) return NONE;
  const names = identList(columns.map((c) => c.name));
  if (!mergesOnKey(staged)) {
    const total = staged.staging.rowCount;
    await streamed(conn, staged.staging.readBytes, () => conn.run(`INSERT INTO ${target} (${names}) SELECT ${names} FROM ${final}`));
    return { inserted: total, updated: 0, unchanged: 0 };
  }
  const total = await count(conn, `SELECT count(*) FROM ${final}`); // deduplicated
  // Merge: rows identical (on every stored column) to the stored version are left untouched; the
  // rest replace their key's row (delete + insert, dlt's default strategy) or are new. `final` is the
  // deduplicated table commit.ts made.
  const match = spec.primaryKey.map((k) => `t.${quoteIdent(k)} = f.${quoteIdent(k)}`).join(" AND ");
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
    // No key stored yet (a first load): every row is new, and the anti-join would only cost memory.
    const news = matched === 0 ? "" : ` WHERE NOT EXISTS (SELECT 1 FROM ${target} AS t WHERE ${match})`;
    await streamed(conn, matched === 0 ? staged.staging.readBytes : null, () => conn.run(`INSERT INTO ${target} (${names}) SELECT ${names} FROM ${final} AS f${news}`));
  }
  return { inserted: total - matched, updated: matched - unchanged, unchanged };
}

/** The buffer pool an append streams through: enough for its reads, far below the default cap. */
const STREAM_MEMORY_BYTES = 32 * 1024 * 1024;

/**
 * Runs an INSERT … SELECT whose row order means nothing as a stream: `preserve_insertion_order` off,
 * so row groups are written as DuckDB's threads finish them instead of held back to keep the source
 * order; and, when `readBytes` is given (a plain scan, no join), the buffer pool capped at
 * max(32 MB, 3 × `readBytes`) when it is larger, since the rows only pass through it (measured at a
 * million rows: ~60 MB less resident memory, no slower). Both settings are restored afterwards.
 */
export async function streamed<T>(conn: DuckDBConnection, readBytes: number | null, statement: () => Promise<T>): Promise<T> {
  const reader = await conn.runAndReadAll("SELECT current_setting('memory_limit'), current_setting('preserve_insertion_order')");
  const [limit, preserve] = reader.getRows()[0] ?? [];
  const cap = readBytes === null ? Number.POSITIVE_INFINITY : Math.max(STREAM_MEMORY_BYTES, 3 * readBytes);
  await conn.run("SET preserve_insertion_order = false");
  // Not lowered when DuckDB cannot free enough memory (e.g. an in-memory database without spill room).
  const lower = typeof limit === "string" && (parseByteSize(limit) ?? 0) > cap && (await conn.run(`SET memory_limit = '${cap}B'`).then(() => true, () => false));
  try {
    return await statement();
  } finally {
    if (lower) await conn.run(`SET memory_limit = '${String(limit).replaceAll("'", "")}'`);
    await conn.run(`SET preserve_insertion_order = ${preserve === false ? "false" : "true"}`);
  }
}

const UNITS: Readonly<Record<string, number>> = { B: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, KIB: 2 ** 10, MIB: 2 ** 20, GIB: 2 ** 30, TIB: 2 ** 40 };

/** Bytes in a size as DuckDB prints its settings (`122.0 MiB`); null when it is not one. */
function parseByteSize(text: string): number | null {
  const match = /^\s*([\d.]+)\s*([a-z]+)\s*$/i.exec(text);
  const unit = match === null ? undefined : UNITS[(match[2] ?? "").toUpperCase()];
  return match === null || unit === undefined ? null : Number(match[1]) * unit;
}
