// A one-table load over a resource load: what callers with a single table (tests, tools) use.
import type { Destination, TableLoad } from "./destination.ts";
import type { TableSpec } from "../connector.ts";

/** Starts a load of `table` alone into `dataset`. */
export async function beginTableLoad(destination: Destination, dataset: string, table: TableSpec): Promise<TableLoad> {
  const load = await destination.beginLoad(dataset, table);
  return {
    write: (batch) => load.write(table, batch),
    commit: (state) => load.commit(state),
    abort: () => load.abort(),
  };
}
