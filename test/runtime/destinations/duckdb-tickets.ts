// Seed-shaped rows for the DuckDB memory tests and their crash child (not a test file itself).
import type { Scalar } from "../../../runtime/destinations/destination.ts";
import { batch, type Cols } from "./load-fixtures.ts";

/**
 * The seed's root table (its fields flattened, and the row id and ordinal a sync adds). At 100,000
 * rows the spool holds enough `read_csv` buffers to busy 4 threads: every load at 4, 8 and 16 threads
 * ran out of memory before (80,000 did on 16 threads only).
 */
export const TICKET: Cols = [
  ["id", "bigint"],
  ["customer_id", "text"],
  ["subject", "text"],
  ["status", "text"],
  ["priority", "bigint"],
  ["created_at", "timestamp"],
  ["requester__name", "text"],
  ["requester__email", "text"],
  ["version", "bigint"],
  ["_gc_id", "text"],
  ["_gc_root_seq", "bigint"],
];
export const ROWS = 100_000;
export const ticket = (id: number, version = 1): Scalar[] => {
  const customer = (id % 97) + 1;
  const created = new Date(Date.UTC(2024, 0, 1) + id * 60_000).toISOString();
  return [
    id,
    `cust_${customer}`,
    `Cannot log in #${id}`,
    "open",
    id % 4,
    created,
    `Customer ${customer}`,
    `cust_${customer}@example.com`,
    version,
    `r${((id * 2654435761) % 2 ** 32).toString(36)}${id.toString(36)}`,
    id,
  ];
};

/** Batches of 1,000 rows `row(first)`, …, `row(first + count - 1)`. */
export function batches(cols: Cols, first: number, count: number, row: (id: number) => Scalar[]) {
  return Array.from({ length: Math.ceil(count / 1000) }, (_, b) => {
    const start = first + b * 1000;
    return batch(
      cols,
      Array.from({ length: Math.min(1000, first + count - start) }, (_, i) => row(start + i)),
    );
  });
}
