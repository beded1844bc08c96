// A connector directory for the distributed CLI tests (`gen-connector sync|worker|runs <dir>` load its
// index.ts): the seed connector's records cut into ten 5-hour windows of 300 records (3 pages of 100),
// 3,000 mock records one a minute from 2024-01-01T00:00Z, the API key from API_KEY.
import type { ConnectorSpec } from "../../../runtime/connector.ts";
import type { OffsetSpec } from "../../../runtime/paginators/offset.ts";
import { seed, variant } from "../../e2e/variants.ts";
import { windowIncremental } from "../windowed.ts";

export const RECORDS = 3000;
export const WINDOWS = 10;

export const connector: ConnectorSpec = variant({
  endpoint: {
    paginator: { ...(seed.resources[0]!.endpoint.paginator as OffsetSpec), limit: 100 },
    incremental: { ...windowIncremental, endValue: "2024-01-03T02:00:00Z", window: { step: 5 * 3600, lookback: 0 } },
  },
});

/** Window `i`'s start as the requests send it. */
export const windowStart = (i: number): string => new Date(Date.UTC(2024, 0, 1) + i * 5 * 3600_000).toISOString().replace(".000Z", "Z");
