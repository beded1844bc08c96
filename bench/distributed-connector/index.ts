// The connector directory `npm run bench`'s distributed cases run (`gen-connector sync <dir> --workers N`):
// the seed connector over the mock API's records (one a minute from 2024-01-01T00:00Z, offset paging, 100
// a page) as a windowed backfill. BENCH_DIST_RECORDS and BENCH_DIST_WINDOW_MINUTES size it and
// BENCH_DIST_CONCURRENCY (unset: the runtime's default) caps a partition's requests in flight;
// BENCH_DIST_PAGES=1 drops the window (a plain merge root, for `--pages-per-partition`). The planner and
// every worker read the same environment, so they load the same connector.
import type { ConnectorSpec } from "../../runtime/connector.ts";
import type { OffsetSpec } from "../../runtime/paginators/offset.ts";
import { seed, variant } from "../../test/e2e/variants.ts";
import { windowIncremental } from "../../test/helpers/windowed.ts";

const records = Number(process.env.BENCH_DIST_RECORDS ?? 100_000);
const minutes = Number(process.env.BENCH_DIST_WINDOW_MINUTES ?? 2880);
const concurrency = process.env.BENCH_DIST_CONCURRENCY;
const pages = process.env.BENCH_DIST_PAGES === "1";

export const connector: ConnectorSpec = variant({
  ...(concurrency === undefined ? {} : { client: { concurrency: Number(concurrency) } }),
  endpoint: {
    paginator: { ...(seed.resources[0]!.endpoint.paginator as OffsetSpec), limit: 100 },
    incremental: pages
      ? null
      : {
          ...windowIncremental,
          endValue: new Date(Date.UTC(2024, 0, 1) + records * 60_000).toISOString(),
          window: { step: minutes * 60, lookback: 0 },
        },
  },
});
