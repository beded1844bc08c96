// Starting one resource load into DuckDB: a Staging (spool files) per table of the load, created
// when its first batch arrives; the load's lifecycle is the shared StagedLoad, its commit the shared
// protocol (../commit.ts) over DuckDB's dialect.
import type { TableSpec } from "../../connector.ts";
import { DestinationError } from "../../errors.ts";
import { commitLoad } from "../commit.ts";
import type { ResourceLoad } from "../destination.ts";
import type { Dataset, StagedTable } from "../dialect.ts";
import { readExistingTables } from "../existing-tables.ts";
import { type LoadTable, LoadTables, watchedKey } from "../load-tables.ts";
import { registeredNested } from "../nested.ts";
import type { Serial } from "../serial.ts";
import { StagedLoad } from "../staged-load.ts";
import type { DuckDBConnection } from "@duckdb/node-api";
import { message } from "./session.ts";
import type { SpoolDir } from "./spool.ts";
import { Staging } from "./staging.ts";
import { sameType } from "./types.ts";

/** Starts a staged load: creates the dataset's schema if absent and the root's staging (`<prefix>_0`, `<prefix>_1`, … per table). */
export async function beginDuckDbLoad(
  conn: DuckDBConnection,
  ds: Dataset<Staging>,
  serial: Serial,
  spool: SpoolDir,
  root: TableSpec,
  prefix: string,
): Promise<ResourceLoad> {
  const tables = new LoadTables(root, (name) => `duckdb table ${JSON.stringify(ds.schema)}.${JSON.stringify(name)}`);
  const staged = new Map<string, StagedTable<Staging>>();
  const stagingOf = (table: LoadTable): Staging => {
    const known = staged.get(table.spec.name);
    if (known !== undefined) return known.staging;
    const staging = Staging.create(conn, spool, `${prefix}_${staged.size}`, table.label, table.spec.columns, watchedKey(table));
    staged.set(table.spec.name, { table, staging });
    return staging;
  };
  // Never fails: the next open deletes leftover spool files.
  const drop = async () => {
    for (const { staging } of staged.values()) await staging.drop();
  };
  const own = new Set(ds.dialect.ownColumns);
  return serial.run(async () => {
    try {
      await ds.dialect.ensureSchema(ds.session, ds.schema);
      stagingOf(tables.root);
      return new StagedLoad(serial, tables, {
        describe: () =>
          readExistingTables(tables.root.spec.name, {
            // A target's columns without the dialect's own (the commit column), which are not the records'.
            columns: async (name) => new Map([...(await ds.dialect.columns(ds.session, ds.schema, name))].filter(([c]) => !own.has(c))),
            nested: (name) => registeredNested(ds, name),
            sameType,
          }),
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

function wrap(error: unknown, context: string): DestinationError {
  if (error instanceof DestinationError) return error;
  return new DestinationError(`${context}: ${message(error)}`, { cause: error });
}
