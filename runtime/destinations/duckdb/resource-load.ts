// Starting one resource load into DuckDB: a Staging (spool files) per table of the load, created
// when its first batch arrives; the load's lifecycle is the shared StagedLoad.
import type { DuckDBConnection } from "@duckdb/node-api";
import { DestinationError } from "../../errors.ts";
import type { TableSpec } from "../../connector.ts";
import type { ResourceLoad } from "../destination.ts";
import { type LoadTable, LoadTables } from "../load-tables.ts";
import type { Serial } from "../serial.ts";
import { readExistingTables } from "../existing-tables.ts";
import { StagedLoad } from "../staged-load.ts";
import { qualifiedName } from "../sql.ts";
import { commitLoad } from "./commit.ts";
import { COMMIT_COLUMN } from "./commit-journal.ts";
import { registeredNested } from "./nested.ts";
import { sameType } from "./types.ts";
import type { LoadSettings } from "./settings.ts";
import type { SpoolDir } from "./spool.ts";
import { Staging, STAGING_SCHEMA } from "./staging.ts";
import { type Dataset, message, type StagedTable, targetColumns } from "./target.ts";

/** Starts a staged load: creates `catalog.schema` if absent and the root's staging table (`<prefix>_0`, `<prefix>_1`, … per table). */
export async function beginDuckDbLoad(
  conn: DuckDBConnection,
  serial: Serial,
  spool: SpoolDir,
  settings: LoadSettings,
  catalog: string,
  schema: string,
  root: TableSpec,
  prefix: string,
): Promise<ResourceLoad> {
  const tables = new LoadTables(root, (name) => `duckdb table ${JSON.stringify(schema)}.${JSON.stringify(name)}`);
  const ds: Dataset = { conn, catalog, schema, settings };
  const staged = new Map<string, StagedTable>();
  const stagingOf = (table: LoadTable): Staging => {
    const known = staged.get(table.spec.name);
    if (known !== undefined) return known.staging;
    const staging = Staging.create(conn, spool, `${prefix}_${staged.size}`, table.label, table.spec.columns);
    staged.set(table.spec.name, { table, staging });
    return staging;
  };
  // Never fails: the next open deletes leftover spool files.
  const drop = async () => {
    for (const { staging } of staged.values()) await staging.drop();
  };
  return serial.run(async () => {
    try {
      await conn.run(`CREATE SCHEMA IF NOT EXISTS ${qualifiedName(catalog, schema)}`);
      await conn.run(`CREATE SCHEMA IF NOT EXISTS ${qualifiedName(catalog, STAGING_SCHEMA)}`);
      stagingOf(tables.root);
      return new StagedLoad(serial, tables, {
        describe: () =>
          readExistingTables(tables.root.spec.name, { columns: (name) => dataColumns(ds, name), nested: (root) => registeredNested(ds, root), sameType }),
        stage: (table, batch) => stagingOf(table).write(batch),
        apply: (state, options) => commitLoad({ ...ds, tables: [...staged.values()], scratch: prefix }, state, options),
        drop,
        wrap,
      });
    } catch (error) {
      await drop();
      throw wrap(error, `${tables.root.label}: cannot start the load`);
    }
  });
}

/** A target's columns without the commit column, which is the destination's, not the records'. */
async function dataColumns(ds: Dataset, name: string): Promise<Map<string, string>> {
  const columns = await targetColumns(ds, name);
  columns.delete(COMMIT_COLUMN);
  return columns;
}

function wrap(error: unknown, context: string): DestinationError {
  if (error instanceof DestinationError) return error;
  return new DestinationError(`${context}: ${message(error)}`, { cause: error });
}
