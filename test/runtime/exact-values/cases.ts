// Shared by the exact-values round trips (not a test file itself): records parsed from JSON text as the
// HTTP client parses bodies, the tables they go to, and what each destination must give back.
import { parseJson } from "../../../runtime/json/parse.ts";
import type { Destination } from "../../../runtime/destinations/destination.ts";
import { TableWriter } from "../../../runtime/sync/table-writer.ts";
import type { ColumnSpec, DataType, TableSpec } from "../../../runtime/connector.ts";

const column = (name: string, dataType: DataType, nullable = true): ColumnSpec => ({ name, dataType, nullable });

/** Declared columns of every kind that holds exact values; other fields become columns as found. */
export const EXACT_TABLE: TableSpec = {
  name: "exact",
  writeDisposition: "merge",
  primaryKey: ["id"],
  columns: [
    column("id", "bigint", false),
    column("amount", "decimal"),
    column("price", "double"),
    column("seen_at", "timestamp"),
    column("t", "time"),
    column("meta", "json"),
  ],
};

/** The records of a JSON array body, parsed exactly as the HTTP client parses it. */
export function records(body: string): Record<string, unknown>[] {
  const parsed = parseJson(body, Buffer.byteLength(body));
  if (!parsed.ok) throw new Error(`test body: ${parsed.problem}`);
  return parsed.value as Record<string, unknown>[];
}

/**
 * Values both destinations hold exactly: ids around 2^53 and at both ends of int64 (distinct rows, never
 * merged), decimals within DECIMAL(38,9), an offset timestamp and a Z one for the same instant,
 * nanoseconds (truncated to microseconds), and new fields inferred from exact numbers.
 */
export const BOTH_BODY = `[
  {"id": 9007199254740992, "amount": 12345678901234567890.123456789, "price": 0.1000000000000000055511151231257827,
   "seen_at": "2024-03-01T10:00:00+05:30", "t": "10:00:00.1234567", "meta": {"big": [9007199254740993, 1e400, 0.1]},
   "new_int": 9007199254740995, "new_big": 18446744073709551616, "new_dec": 123456789012345678.5},
  {"id": 9007199254740993, "amount": 0.000000001, "seen_at": "2024-03-01T04:30:00Z", "new_int": 1, "new_big": 2, "new_dec": 3},
  {"id": -9223372036854775808, "amount": 99999999999999999999999999999.999999999, "seen_at": "2024-03-01T04:30:00.123456789Z"},
  {"id": 9223372036854775807, "amount": -0.5, "price": 18446744073709551616, "seen_at": "2024-03-01 04:30:00.1234565"}
]`;

/** Runs `records` through a TableWriter into `dataset`.`table.name` and commits. */
export async function writeAll(destination: Destination, dataset: string, table: TableSpec, rows: Record<string, unknown>[]): Promise<void> {
  const writer = await TableWriter.open(destination, dataset, table);
  try {
    await writer.write(rows);
    await writer.commit();
  } catch (error) {
    await writer.abort().catch(() => undefined);
    throw error;
  }
}

export { rejection } from "../../helpers/rejection.ts";
