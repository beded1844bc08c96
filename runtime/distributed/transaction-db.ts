// What a queue sees of a partition's commit transaction: pg-boss's `db` shape, `executeSql(text, values)`
// resolving to `{ rows }` (rows as objects), over the partition's destination connection, so a job is
// completed in the same transaction as the rows (`boss.complete(name, id, data, { db })`).
import type { PostgresDestination } from "../destinations/postgres/index.ts";
import type { Scalar } from "../normalize/rows.ts";

export interface TransactionDb {
  executeSql(text: string, values?: readonly unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

/** The transaction open on `destination`'s connection as a TransactionDb (statements run in its order). */
export function transactionDb(destination: PostgresDestination): TransactionDb {
  return {
    // pg binds any JSON-able value; Scalar is only the destination's own narrower contract.
    executeSql: async (text, values = []) => ({ rows: await destination.query(text, values as readonly Scalar[]) }),
  };
}
