// Starting one resource load into Postgres: a TEMP staging table per table of the load, created when
// its first batch arrives (targets are created at commit); the lifecycle is the shared StagedLoad.
import type pg from "pg";
import type { TableSpec } from "../../connector.ts";
import type { ResourceLoad } from "../destination.ts";
import { type LoadTable, LoadTables } from "../load-tables.ts";
import type { Serial } from "../serial.ts";
import { readExistingTables } from "../existing-tables.ts";
import { StagedLoad } from "../staged-load.ts";
import { commitLoad } from "./commit.ts";
import { registeredNested } from "./nested.ts";
import { sameType } from "./types.ts";
import { wrap } from "./errors.ts";
import { Staging } from "./staging.ts";
import { type StagedTable, targetColumns } from "./target.ts";

/** Starts a staged load of `root` (and the tables written with it) into `schema`; staging tables are `<prefix>_0`, `<prefix>_1`, … */
export async function beginPostgresLoad(client: pg.Client, serial: Serial, schema: string, root: TableSpec, prefix: string): Promise<ResourceLoad> {
  const tables = new LoadTables(root, (name) => `postgres table ${JSON.stringify(schema)}.${JSON.stringify(name)}`);
  const staged = new Map<string, StagedTable>();
  const stagingOf = async (table: LoadTable): Promise<Staging> => {
    const known = staged.get(table.spec.name);
    if (known !== undefined) return known.staging;
    const staging = await Staging.create(client, `${prefix}_${staged.size}`, table.label, table.spec.columns);
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
            columns: (name) => targetColumns({ client, schema }, name),
            nested: (root) => registeredNested({ client, schema }, root),
            sameType,
          }),
        stage: async (table, batch) => (await stagingOf(table)).write(batch),
        apply: (state, options) => commitLoad({ client, schema, tables: [...staged.values()], scratch: prefix }, state, options),
        drop,
        wrap,
      });
    } catch (error) {
      await drop();
      throw wrap(error, `${tables.root.label}: cannot start the load`);
    }
  });
}
