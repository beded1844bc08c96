// The windowed seed connector the window tests share (in process and in a child process): 300 mock
// records, one a minute from 2024-01-01T00:00Z, cut into five windows of an hour (60 records, 3 pages of 25).
import type { ConnectorSpec, IncrementalSpec } from "../../runtime/connector.ts";
import type { OffsetSpec } from "../../runtime/paginators/offset.ts";
import { seed, variant } from "../e2e/variants.ts";

export const WINDOWED_RECORDS = 300;

export const windowIncremental: IncrementalSpec = {
  cursorPath: "created_at",
  initialValue: "2024-01-01T00:00:00Z",
  endValue: "2024-01-01T05:00:00Z",
  startParam: "created_since",
  endParam: "created_until",
  lastValueFunc: "max",
  rangeStart: "closed",
  rangeEnd: "open",
  lag: null,
  onCursorValueMissing: "raise",
  rowOrder: null,
  convert: null,
  window: { step: 3600, lookback: 0 },
};

export const windowed: ConnectorSpec = variant({
  endpoint: { paginator: { ...(seed.resources[0]!.endpoint.paginator as OffsetSpec), limit: 25 }, incremental: windowIncremental },
});

/** The windows' starts, in order. */
export const WINDOW_STARTS = ["00", "01", "02", "03", "04"].map((h) => `2024-01-01T${h}:00:00Z`);
