// One in-process sync of the seed connector for the scheduler cases of `npm run bench`: its paginator
// with a given limit, optionally a client rate_limit or an hourly-to-daily window over created_at.
// Usage: tsx bench/scheduler-sync.ts <baseUrl> <duckdb file> <concurrency> [--rate R/S] [--window-days D] [--step-days S]
// Prints the run's summary as one JSON line, with `requestSeconds`: from the first resource's start to
// its commit (the span the rate budget paces; the commit and start-up are not requests).
import { connector as seed } from "../generated/customer_support/index.ts";
import type { ConnectorSpec, IncrementalSpec, ResourceSpec } from "../runtime/connector.ts";
import { runSync } from "../runtime/sync/run-sync.ts";

const [baseUrl, db, concurrencyArg, ...rest] = process.argv.slice(2);
const flag = (name: string) => {
  const at = rest.indexOf(name);
  return at < 0 ? undefined : rest[at + 1];
};
const rate = flag("--rate")?.split("/").map(Number);
const windowDays = flag("--window-days");
/** Days per window (default 1): larger windows hold more records each. */
const stepDays = Number(flag("--step-days") ?? 1);
const resource = seed.resources[0] as ResourceSpec;
const incremental: IncrementalSpec = {
  cursorPath: "created_at",
  initialValue: "2024-01-01T00:00:00Z",
  endValue: new Date(Date.UTC(2024, 0, 1) + Number(windowDays ?? 0) * 86_400_000).toISOString().replace(".000Z", "Z"),
  startParam: "created_since",
  endParam: "created_until",
  lastValueFunc: "max",
  rangeStart: "closed",
  rangeEnd: "open",
  lag: null,
  onCursorValueMissing: "raise",
  rowOrder: null,
  convert: null,
  window: { step: 86_400 * stepDays, lookback: 0 },
};
const connector: ConnectorSpec = {
  ...seed,
  client: { ...seed.client, ...(rate === undefined ? {} : { rateLimit: { requests: rate[0] ?? 1, perSeconds: rate[1] ?? 1 } }) },
  resources: [{ ...resource, endpoint: { ...resource.endpoint, ...(windowDays === undefined ? {} : { incremental }) } }],
};
let started: number | undefined;
let committing: number | undefined;
const summary = await runSync(connector, {
  destination: `duckdb:${db}`,
  baseUrl: baseUrl as string,
  concurrency: Number(concurrencyArg),
  secrets: { env: { API_KEY: "bench-key" }, dotenv: {} },
  observer: {
    resourceStarted: () => void (started ??= performance.now()),
    committing: () => void (committing ??= performance.now()),
  },
}).catch((error: unknown) => ({ failed: String(error).split("\n")[0] }));
const requestSeconds = started === undefined || committing === undefined ? null : (committing - started) / 1000;
process.stdout.write(`${JSON.stringify({ ...summary, requestSeconds })}\n`);
