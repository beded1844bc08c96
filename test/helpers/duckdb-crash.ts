// What the DuckDB crash test loads (shared by the test and its child process): append-only orders, each
// with a list of two items (a nested table), and what a dataset holding such loads must satisfy.
import type { DuckDbDestination } from "../../runtime/destinations/duckdb/index.ts";
import type { TableSpec } from "../../runtime/connector.ts";

export const CRASH_DATASET = "shop";

/** The root table: append, keyless, so a torn commit's rows could never be deduplicated away. */
export const crashOrders: TableSpec = { name: "orders", writeDisposition: "append", primaryKey: [], columns: [] };

/** Orders `first`…`first + count - 1` in batches of 10,000 records. */
export function* crashRecords(first: number, count: number): Generator<Record<string, unknown>[]> {
  for (let start = first; start < first + count; start += 10_000) {
    const batch: Record<string, unknown>[] = [];
    for (let id = start; id < Math.min(start + 10_000, first + count); id++) {
      batch.push({
        id,
        customer: `customer ${id % 977}`,
        items: [
          { sku: `a-${id}`, qty: 1 },
          { sku: `b-${id}`, qty: 2 },
        ],
      });
    }
    yield batch;
  }
}

/** What the dataset holds: roots, nested items, items without their root, the cursor and the completed loads. */
export interface CrashView {
  readonly orders: number;
  readonly items: number;
  readonly orphans: number;
  readonly cursor: unknown;
  readonly completed: string[];
}

/** Reads the dataset back through the destination (so after its open, and any repair it makes). */
export async function crashView(dest: DuckDbDestination): Promise<CrashView> {
  const one = async (sql: string) => Number((await dest.query(sql))[0]?.["n"]);
  const loads = await dest.query(`SELECT load_id FROM ${CRASH_DATASET}._gc_loads WHERE status = 'completed' ORDER BY load_id`);
  const state = (await dest.readState(CRASH_DATASET, "orders")) as { cursor?: unknown } | undefined;
  return {
    orders: await one(`SELECT count(*) AS n FROM ${CRASH_DATASET}.orders`),
    items: await one(`SELECT count(*) AS n FROM ${CRASH_DATASET}.orders__items`),
    orphans: await one(
      `SELECT count(*) AS n FROM ${CRASH_DATASET}.orders__items AS i WHERE NOT EXISTS (SELECT 1 FROM ${CRASH_DATASET}.orders AS o WHERE o._gc_id = i._gc_root_id)`,
    ),
    cursor: state?.cursor,
    completed: loads.map((r) => String(r["load_id"])),
  };
}
