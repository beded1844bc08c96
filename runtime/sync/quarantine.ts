// Bad records kept instead of failing the load (`invalid_records: "quarantine"`): one row per record
// in the dataset's `_quarantine` table, written in the resource's own load (append, same transaction
// as its rows and state). The raw JSON and the reason pass through the run's secret redactor first.
import type { RowBatch, Scalar } from "../destinations/destination.ts";
import { errorText } from "../destinations/loads.ts";
import { stringifyJson } from "../json/stringify.ts";
import type { ColumnSpec, DataType, TableSpec } from "../connector.ts";

export const QUARANTINE_TABLE = "_quarantine";

const column = (name: string, dataType: DataType, nullable = true): ColumnSpec => ({ name, dataType, nullable });

/**
 * The quarantine table: append-only history, each row tagged with the load that refused the record
 * (a full refresh of a resource leaves it alone: it is evidence, not the resource's data).
 */
export const QUARANTINE_SPEC: TableSpec = {
  name: QUARANTINE_TABLE,
  writeDisposition: "append",
  primaryKey: [],
  columns: [
    column("load_id", "text", false),
    column("resource", "text", false),
    column("table_name", "text", false),
    column("reason", "text", false),
    column("record", "text", false),
    column("page", "bigint"),
    column("record_index", "bigint"),
    column("record_key", "text"),
    column("quarantined_at", "timestamp", false),
  ],
};

/** Where a record came from: the record as received, its page and its 0-based index in the page. */
export interface RecordOrigin {
  readonly raw: unknown;
  readonly page: number;
  readonly index: number;
}

export interface QuarantineContext {
  readonly loadId: string;
  readonly resource: string;
  readonly table: string;
  /** Record field names of the primary key (for `record_key`). */
  readonly primaryKey: readonly string[];
  /** The run's secret redactor. */
  readonly redact: (text: string) => string;
  readonly now?: () => Date;
}

/** The refused records of one resource load, as rows of the quarantine table. */
export class Quarantine {
  readonly #ctx: QuarantineContext;
  #rows: Scalar[][] = [];
  #count = 0;

  constructor(ctx: QuarantineContext) {
    this.#ctx = ctx;
  }

  /** Records refused so far. */
  get count(): number {
    return this.#count;
  }

  /** Rows not yet taken. */
  get pending(): number {
    return this.#rows.length;
  }

  /** Keeps `origin.raw` with `reason` (both redacted). */
  add(origin: RecordOrigin, reason: string): void {
    const { loadId, resource, table, redact } = this.#ctx;
    const key = this.#key(origin.raw);
    const record = stringifyJson(origin.raw) ?? "null";
    const at = (this.#ctx.now?.() ?? new Date()).toISOString();
    this.#rows.push([loadId, resource, table, errorText(redact(reason)), redact(record), origin.page, origin.index, key === null ? null : redact(key), at]);
    this.#count++;
  }

  /** The rows added since the last call, as a batch for QUARANTINE_SPEC; null when none. */
  take(): RowBatch | null {
    if (this.#rows.length === 0) return null;
    const batch = { columns: QUARANTINE_SPEC.columns, rows: this.#rows };
    this.#rows = [];
    return batch;
  }

  /** The record's primary key as text (the value of a one-field key, JSON of several); null when it has none. */
  #key(raw: unknown): string | null {
    const { primaryKey } = this.#ctx;
    if (primaryKey.length === 0 || raw === null || typeof raw !== "object" || Array.isArray(raw)) return null;
    const values = primaryKey.map((k) => (raw as Record<string, unknown>)[k]);
    if (values.some((v) => v === undefined || v === null)) return null;
    if (values.length === 1 && typeof values[0] === "string") return values[0];
    return stringifyJson(values.length === 1 ? values[0] : values) ?? null;
  }
}
