// The partition's open transaction as the queue engine writes into it: pg-boss's `db` option wants
// `executeSql(text, values) → { rows }` with rows as objects, on the very connection (and so the very
// transaction) the partition commits on.
import type pg from "pg";
import type { QueueTransaction } from "./queue.ts";

/** A QueueTransaction running on `client` (inside whatever transaction it has open). */
export function queueTransaction(client: pg.ClientBase): QueueTransaction {
  return {
    executeSql: async (text, values) => {
      const result = await client.query<Record<string, unknown>>(text, values);
      return { rows: result.rows };
    },
  };
}
