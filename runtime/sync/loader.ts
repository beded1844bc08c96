// `bindLoader(tables)`: the generated loader's entry, for loading records you already have.
import type { Destination, LoadCounts } from "../destinations/destination.ts";
import type { TableSpec } from "../connector.ts";
import { TableWriter } from "./table-writer.ts";

export interface BoundLoader<K extends string> {
  /** Loads `records` into table `key` of `dataset`, atomically (all or nothing). */
  load(
    destination: Destination,
    dataset: string,
    key: K,
    records: AsyncIterable<Record<string, unknown>> | Iterable<Record<string, unknown>>,
  ): Promise<LoadCounts>;
}

/** Binds a connector's table definitions to the runtime's loading. */
export function bindLoader<K extends string>(tables: Readonly<Record<K, TableSpec>>): BoundLoader<K> {
  return {
    async load(destination, dataset, key, records) {
      const writer = await TableWriter.open(destination, dataset, tables[key]);
      try {
        for await (const record of records) await writer.write([record]);
        return await writer.commit();
      } catch (error) {
        await writer.abort();
        throw error;
      }
    },
  };
}
