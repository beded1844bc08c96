// What a sync reports: per resource counts and timings, and the whole run.

export interface ResourceSummary {
  readonly resource: string;
  readonly table: string;
  readonly pages: number;
  readonly records: number;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Stored rows deleted (hard_delete, a merge key's partition, `missing: delete`); absent when none. */
  readonly deleted?: number;
  /** Stored rows kept but ended (scd2 versions retired, rows marked by `missing: soft_delete`); absent when none. */
  readonly retired?: number;
  /** Records kept in the dataset's `_quarantine` table instead of loaded; absent when none. */
  readonly quarantined?: number;
  /** Records the schema contract dropped (`discard_row`); absent when none. */
  readonly discardedRows?: number;
  /** Values (fields or lists) the schema contract dropped from loaded records (`discard_value`); absent when none. */
  readonly discardedValues?: number;
  readonly requests: number;
  readonly retries: number;
  /** Responses ended quietly by an `ignore` response action (e.g. a 404 for one parent). */
  readonly ignored: number;
  readonly seconds: number;
  /** Rows inserted per nested table (lists in the records); absent when the records had none. */
  readonly children?: Readonly<Record<string, number>>;
  /** What was auto-detected (paginator, data_selector, in config form, with the evidence); absent when configured. */
  readonly detected?: Readonly<Record<string, unknown>>;
}

export interface SyncSummary {
  readonly connector: string;
  /** The run's id in the dataset's `_gc_loads` table (and in `_quarantine` rows). */
  readonly loadId: string;
  /** Destination URL with any password removed. */
  readonly destination: string;
  readonly dataset: string;
  readonly resources: readonly ResourceSummary[];
  readonly seconds: number;
}

const COLUMNS: readonly (keyof ResourceSummary)[] = [
  "resource",
  "pages",
  "records",
  "inserted",
  "updated",
  "unchanged",
  "requests",
  "retries",
  "ignored",
  "seconds",
];

/** The summary as an aligned text table. */
export function formatSummary(summary: SyncSummary): string {
  const rows = summary.resources.map((r) => COLUMNS.map((c) => (c === "seconds" ? r.seconds.toFixed(2) : String(r[c]))));
  const widths = COLUMNS.map((c, i) => Math.max(c.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ");
  const total = summary.resources.reduce((n, r) => n + r.records, 0);
  const nested = summary.resources.flatMap((r) => {
    const tables = Object.entries(r.children ?? {});
    // Rows written, not changed: a merge rewrites the nested rows of every record it loads.
    return tables.length === 0 ? [] : [`${r.resource} nested tables, rows written: ${tables.map(([table, n]) => `${table} ${n}`).join(", ")}`];
  });
  const quarantined = summary.resources.flatMap((r) =>
    r.quarantined === undefined ? [] : [`${r.resource}: ${r.quarantined} records quarantined in ${summary.dataset}._quarantine`],
  );
  const discarded = summary.resources.flatMap((r) => (r.discardedRows === undefined && r.discardedValues === undefined ? [] : [discardLine(r)]));
  const ended = summary.resources.flatMap((r) => (r.deleted === undefined && r.retired === undefined ? [] : [`${r.resource}: ${endedText(r)}`]));
  return [
    `synced ${summary.connector} into ${summary.destination} (dataset ${summary.dataset}): ${total} records in ${summary.seconds.toFixed(2)} s`,
    line(COLUMNS),
    ...rows.map(line),
    ...nested,
    ...quarantined,
    ...discarded,
    ...ended,
    `load ${summary.loadId}`,
  ].join("\n");
}

/** `3 deleted, 2 retired` (stored rows a merge ended), the counts that are present. */
export function endedText(r: Pick<ResourceSummary, "deleted" | "retired">): string {
  return [r.deleted === undefined ? "" : `${r.deleted} deleted`, r.retired === undefined ? "" : `${r.retired} retired`].filter((t) => t !== "").join(", ");
}

/** `tickets: schema contract dropped 2 records, 1 value`. */
function discardLine(r: ResourceSummary): string {
  const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;
  const parts = [
    ...(r.discardedRows === undefined ? [] : [plural(r.discardedRows, "record")]),
    ...(r.discardedValues === undefined ? [] : [plural(r.discardedValues, "value")]),
  ];
  return `${r.resource}: schema contract dropped ${parts.join(", ")}`;
}
