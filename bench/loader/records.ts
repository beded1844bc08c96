// The loader bench's data: deterministic support-ticket records (the seed's shape, flat scalars plus one
// nested object that flattens, no list unless asked), the table they load into, and its flattened row.
import type { TableSpec } from "../../runtime/connector.ts";

export interface BenchRecord {
  id: number;
  customer_id: string;
  subject: string;
  status: string;
  channel: string;
  priority: number;
  satisfaction: number;
  escalated: boolean;
  created_at: string;
  requester: { name: string; email: string };
  /** Only in the list variant: a list field (a JSON column today, a child table after the rework). */
  tags?: string[];
}

const STATUSES = ["open", "pending", "solved"] as const;
const CHANNELS = ["email", "chat", "phone", "web"] as const;
const TOPICS = ["Cannot log in", "Refund request", "Invoice missing", "App crashes on start", "Feature request", "Password reset", "Shipping delay"] as const;
const TAGS = ["billing", "login", "mobile", "urgent", "vip"] as const;
const FIRST_CREATED_MS = Date.UTC(2024, 0, 1);

const pick = <T>(list: readonly T[], index: number): T => list[index % list.length] as T;

/** The record at 0-based `index` (id = index + 1); `withList` adds the `tags` list. */
export function benchRecord(index: number, withList: boolean): BenchRecord {
  const id = index + 1;
  const customer = (index % 997) + 1;
  const record: BenchRecord = {
    id,
    customer_id: `cust_${customer}`,
    subject: `${pick(TOPICS, index)} #${id}`,
    status: pick(STATUSES, index),
    channel: pick(CHANNELS, index >> 2),
    priority: (index % 4) + 1,
    // Never an integer, so the column is a double from the first record on.
    satisfaction: ((index * 37) % 400) / 100 + 1.25,
    escalated: index % 7 === 0,
    created_at: new Date(FIRST_CREATED_MS + index * 60_000).toISOString(),
    requester: { name: `Customer ${customer}`, email: `cust_${customer}@example.com` },
  };
  if (withList) record.tags = [pick(TAGS, index), pick(TAGS, index + 2)];
  return record;
}

/** A flattened column: its name in the table, its runtime type and how to read it from a record. */
interface Column {
  readonly name: string;
  readonly dataType: "bigint" | "text" | "double" | "bool" | "timestamp";
  readonly value: (r: BenchRecord) => string | number | boolean;
}

/** The table's columns in order, as the runtime's normalizer flattens a record (`requester__name`, …). */
export const COLUMNS: readonly Column[] = [
  { name: "id", dataType: "bigint", value: (r) => r.id },
  { name: "customer_id", dataType: "text", value: (r) => r.customer_id },
  { name: "subject", dataType: "text", value: (r) => r.subject },
  { name: "status", dataType: "text", value: (r) => r.status },
  { name: "channel", dataType: "text", value: (r) => r.channel },
  { name: "priority", dataType: "bigint", value: (r) => r.priority },
  { name: "satisfaction", dataType: "double", value: (r) => r.satisfaction },
  { name: "escalated", dataType: "bool", value: (r) => r.escalated },
  { name: "created_at", dataType: "timestamp", value: (r) => r.created_at },
  { name: "requester__name", dataType: "text", value: (r) => r.requester.name },
  { name: "requester__email", dataType: "text", value: (r) => r.requester.email },
];

export const DATASET = "bench";
export const TABLE = "tickets";

/**
 * The table as a generator would declare it from a typed spec: every scalar column known, `created_at` a
 * timestamp (so the loader and the bulk load end with the same column types). A list is left to the
 * runtime (a JSON column today, a child table after the rework).
 */
export function benchTable(writeDisposition: TableSpec["writeDisposition"]): TableSpec {
  return {
    name: TABLE,
    writeDisposition,
    primaryKey: ["id"],
    columns: COLUMNS.map((c) => ({ name: c.name, dataType: c.dataType, nullable: c.name !== "id" })),
  };
}
