// Starting one table's load into Postgres; the load's lifecycle is the shared StagedLoad.
import type pg from "pg";
import type { TableSpec } from "../../spec.ts";
import type { Serial } from "../serial.ts";
import type { TableLoad } from "../destination.ts";
import { StagedLoad } from "../staged-load.ts";
import { qualifiedName } from "../sql.ts";
import { type CommitInput, commitStaged } from "./commit.ts";
import { wrap } from "./errors.ts";
import { Staging } from "./staging.ts";

/** Starts a staged load of `schema.table`: an empty TEMP staging table (the target is created at commit). */
export async function beginPostgresLoad(client: pg.Client, serial: Serial, schema: string, table: TableSpec, stagingName: string, label: string): Promise<TableLoad> {
  return serial.run(async () => {
    try {
      const staging = await Staging.create(client, stagingName, label, table.columns);
      const input: CommitInput = { client, schema, table, staging, label };
      return new StagedLoad(serial, {
        label,
        stage: (batch) => staging.write(batch),
        apply: (state) => commitStaged(input, state),
        // Not fatal when it fails: TEMP tables vanish with the connection.
        drop: () => client.query(`DROP TABLE IF EXISTS ${staging.ref}`).then(() => undefined, () => undefined),
        wrap,
      });
    } catch (error) {
      await client.query(`DROP TABLE IF EXISTS ${qualifiedName("pg_temp", stagingName)}`).catch(() => undefined);
      throw wrap(error, `${label}: cannot start the load`);
    }
  });
}
