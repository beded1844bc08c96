// Forgets what syncs left for one resource, in one transaction, the same on every dialect: its
// incremental state (every `_gc_state` row of the resource, so the next run starts from
// initial_value) and, on request, its table, its nested tables and their registrations. The
// `_gc_loads` history and `_quarantine` rows stay.
import { type Dataset, targetColumns, targetRef } from "./dialect.ts";
import { registeredNested } from "./nested.ts";
import { NESTED_REGISTRY } from "./nested-sql.ts";
import { STATE_TABLE } from "./state.ts";

export interface ResetRequest {
  /** The resource's config name (its state rows carry it, their keys start `resources.<name>.`). */
  readonly resource: string;
  /** The resource's table in the dataset. */
  readonly table: string;
  /** Also drop the table and its nested tables. */
  readonly dropTables: boolean;
}

/** What a reset dropped. */
export interface ResetOutcome {
  /** The state keys deleted. */
  readonly stateKeys: readonly string[];
  /** The tables dropped (root first, then its nested tables); empty without dropTables. */
  readonly tables: readonly string[];
}

/** Drops `request.resource`'s state (and tables) in one transaction; rolled back whole on failure. */
export async function resetResource(ds: Dataset, request: ResetRequest): Promise<ResetOutcome> {
  await ds.session.exec("BEGIN");
  try {
    const stateKeys = await dropState(ds, request.resource);
    const tables = request.dropTables ? await dropTables(ds, request.table) : [];
    await ds.session.exec("COMMIT");
    return { stateKeys, tables };
  } catch (error) {
    await ds.session.exec("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

async function dropState(ds: Dataset, resource: string): Promise<string[]> {
  const columns = await targetColumns(ds, STATE_TABLE);
  if (columns.size === 0) return [];
  const table = targetRef(ds, STATE_TABLE);
  const prefix = `resources.${resource}.`;
  // The key prefix, not LIKE: a resource name may hold `_` or `%`.
  const mine = `(substr(key, 1, ${prefix.length}) = $1${columns.has("resource") ? " OR resource = $2" : ""})`;
  const params = columns.has("resource") ? [prefix, resource] : [prefix];
  const keys = (await ds.session.rows(`SELECT DISTINCT key FROM ${table} WHERE ${mine} ORDER BY key`, params)).map(([k]) => String(k));
  if (keys.length > 0) await ds.session.exec(`DELETE FROM ${table} WHERE ${mine}`, params);
  return keys;
}

async function dropTables(ds: Dataset, root: string): Promise<string[]> {
  const nested = await registeredNested(ds, root);
  const dropped: string[] = [];
  // Deepest first: a nested table's name extends its parent's.
  for (const name of [...nested].sort((a, b) => b.length - a.length)) {
    if ((await targetColumns(ds, name)).size > 0) dropped.unshift(name);
    await ds.session.exec(`DROP TABLE IF EXISTS ${targetRef(ds, name)}`);
  }
  if (nested.length > 0) await ds.session.exec(`DELETE FROM ${targetRef(ds, NESTED_REGISTRY)} WHERE root_name = $1`, [root]);
  if ((await targetColumns(ds, root)).size > 0) {
    await ds.session.exec(`DROP TABLE ${targetRef(ds, root)}`);
    dropped.unshift(root);
  }
  return dropped;
}
