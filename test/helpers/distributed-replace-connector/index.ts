// A connector directory for the distributed replace e2e test (`gen-connector sync <dir>` loads its
// index.ts): the seed connector's table replaced by a windowed backfill of three 100-minute windows over
// 300 mock records (one a minute from 2024-01-01T00:00Z, pages of 100), the API key from API_KEY.
import type { ConnectorSpec } from "../../../runtime/connector.ts";
import type { OffsetSpec } from "../../../runtime/paginators/offset.ts";
import { seed, variant } from "../../e2e/variants.ts";
import { windowIncremental } from "../windowed.ts";

export const RECORDS = 300;
export const WINDOWS = 3;
export const END = "2024-01-01T05:00:00Z";

const windowed = variant({
  endpoint: {
    paginator: { ...(seed.resources[0]!.endpoint.paginator as OffsetSpec), limit: 100 },
    incremental: { ...windowIncremental, endValue: END, window: { step: 6000, lookback: 0 } },
  },
});

export const connector: ConnectorSpec = {
  ...windowed,
  resources: windowed.resources.map((r) => ({ ...r, table: { ...r.table, writeDisposition: "replace" } })),
};
