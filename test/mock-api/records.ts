// Deterministic support-ticket records, built on demand from their index (nothing is stored).

export type TicketStatus = "open" | "pending" | "solved";

export interface TicketRecord {
  id: number;
  customer_id: string;
  subject: string;
  status: TicketStatus;
  priority: number;
  created_at: string;
  tags: string[];
  requester: { name: string; email: string };
  version: number;
}

/** Per-record transform applied to every record as it is served. */
export type RecordMutator = (record: TicketRecord) => TicketRecord;

/** Everything needed to build records: how many, which ids have a raised version, a transform. */
export interface RecordSource {
  count: number;
  /** 0-based index of the first record served (a `created_since` filter); default 0. */
  first?: number;
  versions: ReadonlyMap<number, number>;
  mutate: RecordMutator | undefined;
}

const STATUSES: readonly TicketStatus[] = ["open", "pending", "solved"];
const TOPICS = ["Cannot log in", "Refund request", "Invoice missing", "App crashes on start", "Feature request", "Password reset", "Shipping delay"] as const;
const TAGS = ["billing", "login", "mobile", "urgent", "vip"] as const;
const FIRST_CREATED_MS = Date.UTC(2024, 0, 1);

function pick<T>(list: readonly T[], index: number): T {
  return list[index % list.length] as T;
}

/** Builds the record at 0-based `index` (id = index + 1); subject and status depend on `version`. */
export function makeRecord(index: number, version = 1): TicketRecord {
  const id = index + 1;
  const customer = (index % 97) + 1;
  const topic = pick(TOPICS, index);
  return {
    id,
    customer_id: `cust_${customer}`,
    subject: version === 1 ? `${topic} #${id}` : `${topic} #${id} (update ${version})`,
    status: pick(STATUSES, index + version - 1),
    priority: (index % 4) + 1,
    created_at: new Date(FIRST_CREATED_MS + index * 60_000).toISOString(),
    tags: [pick(TAGS, index), pick(TAGS, index + 2)],
    requester: { name: `Customer ${customer}`, email: `cust_${customer}@example.com` },
    version,
  };
}

/** Builds the records with 0-based indexes in [start, end), clamped to the source's count. */
export function recordRange(source: RecordSource, start: number, end: number): TicketRecord[] {
  const first = source.first ?? 0;
  const stop = Math.min(end, source.count) + first;
  const out: TicketRecord[] = [];
  for (let index = Math.max(0, start) + first; index < stop; index++) {
    const record = makeRecord(index, source.versions.get(index + 1) ?? 1);
    out.push(source.mutate === undefined ? record : source.mutate(record));
  }
  return out;
}

/** The index of the first record created at or after `since` (an ISO date-time); NaN when unparsable. */
export function firstCreatedSince(since: string): number {
  return Math.max(0, Math.ceil((Date.parse(since) - FIRST_CREATED_MS) / 60_000));
}

/** Ids 1..count that are multiples of `every` (e.g. every=10 selects 10% of the records). */
export function everyNthId(count: number, every: number): number[] {
  const ids: number[] = [];
  for (let id = every; id <= count; id += every) ids.push(id);
  return ids;
}
