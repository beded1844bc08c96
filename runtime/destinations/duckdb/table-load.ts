// Starting one table's load into DuckDB; the load's lifecycle is the shared StagedLoad.
import type { DuckDBConnection } from "@duckdb/node-api";
import { DestinationError } from "../../errors.ts";
import type { TableSpec } from "../../spec.ts";
import type { TableLoad } from "../destination.ts";
import { StagedLoad } from "../staged-load.ts";
import { qualifiedName } from "../sql.ts";
import { type CommitInput, commitStaged, message } from "./commit.ts";
import type { Serial } from "../serial.ts";
import { Staging, STAGING_SCHEMA } from "./staging.ts";
import { STATE_TABLE } from "./state.ts";

export interface LoadTarget {
  readonly catalog: string;
  readonly schema: string;
  readonly table: TableSpec;
}

/** Starts a staged load: creates `catalog.schema` if absent and an empty staging table `stagingName`. */
export async function beginDuckDbLoad(conn: DuckDBConnection, serial: Serial, target: LoadTarget, stagingName: string): Promise<TableLoad> {
  const { catalog, schema, table } = target;
  const label = `duckdb table ${JSON.stringify(schema)}.${JSON.stringify(table.name)}`;
  if (table.name.toLowerCase() === STATE_TABLE) throw new DestinationError(`${label}: table name "${STATE_TABLE}" is reserved for sync state`);
  return serial.run(async () => {
    try {
      await conn.run(`CREATE SCHEMA IF NOT EXISTS ${qualifiedName(catalog, schema)}`);
      const staging = await Staging.create(conn, catalog, stagingName, label, table.columns);
      const input: CommitInput = { conn, catalog, schema, table, staging, label };
      return new StagedLoad(serial, {
        label,
        stage: (batch) => staging.write(batch),
        apply: (state) => commitStaged(input, state),
        // Not fatal when it fails: the next open drops every leftover staging table.
        drop: () => conn.run(`DROP TABLE IF EXISTS ${staging.ref}`).then(() => undefined, () => undefined),
        wrap,
      });
    } catch (error) {
      await conn.run(`DROP TABLE IF EXISTS ${qualifiedName(catalog, STAGING_SCHEMA, stagingName)}`).catch(() => undefined);
      throw wrap(error, `${label}: cannot start the load`);
    }
  });
}

function wrap(error: unknown, context: string): DestinationError {
  if (error instanceof DestinationError) return error;
  return new DestinationError(`${context}: ${message(error)}`, { cause: error });
}
