// Starting one resource load into Postgres: a TEMP staging table per table of the load, created when
// its first batch arrives (targets are created at commit); the lifecycle is the shared StagedLoad, the
// commit the shared protocol (../commit.ts) over the Postgres dialect.
import type pg from "pg";
import type { TableSpec } from "../../connector.ts";
import { commitLoad } from "../commit.ts";
import type { ResourceLoad } from "../destination.ts";
import type { Dataset, StagedTable } from "../dialect.ts";
import { readExistingTables } from "../existing-tables.ts";
import { type LoadTable, LoadTables, watchedKey } from "../load-tables.ts";
import { registeredNested } from "../nested.ts";
import type { Serial } from "../serial.ts";
import { StagedLoad } from "../staged-load.ts";
import { wrap } from "./errors.ts";
import { Staging } from "./staging.ts";
import { sameType } from "./types.ts";

/** Starts a staged load of `root` (and the tables written with it) into `ds`; staging tables are `<prefix>_0`, `<prefix>_1`, … */
export async function beginPostgresLoad(client: pg.Client, ds: Dataset<Staging>, serial: Serial, root: TableSpec, prefix: string): Promise<ResourceLoad> {
  const tables = new LoadTables(root, (name) => `postgres table ${JSON.stringify(ds.schema)}.${JSON.stringify(name)}`);
  const staged = new Map<string, StagedTable<Staging>>();
  const stagingOf = async (table: LoadTable): Promise<Staging> => {
    const known = staged.get(table.spec.name);
    if (known !== undefined) return known.staging;
    const staging = await Staging.create(client, `${prefix}_${staged.size}`, table.label, table.spec.columns, watchedKey(table));
    staged.set(table.spec.name, { table, staging });
    return staging;
  };
  // Not fatal when it fails: TEMP tables vanish with the connection.
  const drop = async () => {
    for (const { staging } of staged.values()) await client.query(`DROP TABLE IF EXISTS ${staging.ref}`).catch(() => undefined);
  };
  return serial.run(async () => {
    try {
      await stagingOf(tables.root);
      return new StagedLoad(serial, tables, {
        describe: () =>
          readExistingTables(tables.root.spec.name, {
            columns: (name) => ds.dialect.columns(ds.session, ds.schema, name),
            nested: (name) => registeredNested(ds, name),
            sameType,
          }),
        stage: async (table, batch) => (await stagingOf(table)).write(batch),
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
