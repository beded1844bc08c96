// Sync progress events: what a sync tells its observer. The reporters that print them are in progress/
// (plain lines, JSON lines) and, for a terminal, the CLI's live region (generator/cli/progress/).
import type { RetryEvent } from "../http/client.ts";
import type { WaitEvent } from "../http/gate.ts";
import type { Detected } from "../stream/auto-detect.ts";
import type { ResourceSummary } from "./summary.ts";

export interface SyncObserver {
  resourceStarted?(resource: string): void;
  page?(resource: string, pages: number, records: number): void;
  retry?(resource: string, event: RetryEvent): void;
  /** Once per committed window of a windowed backfill. */
  window?(resource: string, window: WindowProgress): void;
  /** Each wait the request scheduler imposes: why and how long. */
  wait?(event: WaitEvent): void;
  resourceFinished?(summary: ResourceSummary): void;
  /** Once per resource whose paginator or data_selector was detected from its first response. */
  detected?(resource: string, detected: Detected): void;
  /** Once per resource that quarantined records, when it commits: how many and the table (`dataset._quarantine`). */
  quarantined?(resource: string, count: number, table: string): void;
  /** Something the run did not do that the config asked for, and why (e.g. `missing` reconciliation skipped after a partial extract). */
  warning?(resource: string, message: string): void;
  /** Once per top-level resource (not windowed) whose paginator learned how many pages it has from the first response (offset / page_number with a total). */
  total?(resource: string, total: ResourceTotal): void;
  /** When a resource's rows start committing (its transaction); resourceFinished follows. */
  committing?(resource: string, records: number): void;
}

/** How far a resource goes, as learned from its first response. */
export interface ResourceTotal {
  readonly pages: number;
}

/** A committed window: its 0-based index among `count`, its bounds and the records it loaded. */
export interface WindowProgress {
  readonly index: number;
  readonly count: number;
  readonly start: unknown;
  readonly end: unknown;
  readonly records: number;
}
