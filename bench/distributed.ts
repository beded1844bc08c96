// The distributed cases of `npm run bench` (issue 20): a windowed backfill of BENCH_RECORDS (100,000)
// records at 50 ms per request, `gen-connector sync --workers N` with 1 and with 4 worker processes
// (records/s and requests/s, wall time with the workers' start-up and over the commits' span; peak RSS of
// the largest process, a worker), and the per-partition overhead (queue dispatch + plan read + commit,
// one worker, one-page windows of a 0 ms API).
import { join } from "node:path";
import { withClient } from "../test/helpers/postgres.ts";
import { measure } from "./measure.ts";
import { startMockProcess } from "./mock-process.ts";
import type { BenchPostgres } from "./postgres-server.ts";

export interface DistributedBenchOptions {
  readonly root: string;
  readonly records: number;
  readonly postgres: BenchPostgres | null;
}

const node = process.execPath;
const KEY = "bench-key";
/** Heartbeat and supervision as in production; the polling interval at its default. */
const QUEUE_ENV = { API_KEY: KEY };

interface Span {
  readonly partitions: number;
  readonly records: number;
  /** Seconds from the first commit to the last. */
  readonly seconds: number;
}

async function commitSpan(url: string): Promise<Span> {
  return withClient(url, async (c) => {
    const q = await c.query(
      "SELECT count(*)::int AS partitions, sum(records)::int AS records, EXTRACT(EPOCH FROM max(committed_at) - min(committed_at))::float AS seconds FROM customer_support._gc_partitions",
    );
    return q.rows[0] as Span;
  });
}

export async function distributedBench({ root, records, postgres }: DistributedBenchOptions): Promise<void> {
  if (postgres === null) {
    process.stdout.write("- distributed cases skipped: no Postgres server (set BENCH_POSTGRES_URL or install PostgreSQL)\n\n");
    return;
  }
  const dir = join(root, "bench/distributed-connector");
  const run = (url: string, mock: string, workers: number, env: Record<string, string>) =>
    measure(
      node,
      [join(root, "bin/gen-connector.js"), "sync", dir, "--destination", url, "--base-url", mock, "--workers", String(workers), "--quiet"],
      { ...QUEUE_ENV, ...env },
      root,
    );
  const windowMinutes = 2880;
  const lines = [
    `| case (${records.toLocaleString("en-US")} records, 50 ms per request, windows of 2 days = 2,880 records / 29 requests) | partitions | wall s | records/s (wall) | records/s (commit span) | requests/s (commit span) | CPU s (all processes) | peak RSS of a process (MB) |`,
    "|---|---:|---:|---:|---:|---:|---:|---:|",
  ];
  const slow = await startMockProcess(root, ["--records", String(records), "--page-delay-ms", "50", "--api-key-query", `api_key=${KEY}`]);
  try {
    for (const workers of [1, 4]) {
      const url = await postgres.fresh(`dist_${workers}`);
      const env = { BENCH_DIST_RECORDS: String(records), BENCH_DIST_WINDOW_MINUTES: String(windowMinutes) };
      const m = await run(url, slow.url, workers, env);
      const span = await commitSpan(url);
      // Offset paging with a total: ceil(window records / 100) requests per window, no extra one.
      const requests = Math.ceil(windowMinutes / 100) * Math.floor(span.records / windowMinutes) + Math.ceil((span.records % windowMinutes) / 100);
      // The span misses the first partition's fetch: count its records out of the rate.
      const spanRate = span.seconds > 0 ? ((span.records * (span.partitions - 1)) / span.partitions / span.seconds).toFixed(0) : "-";
      const spanRequests = span.seconds > 0 ? ((requests * (span.partitions - 1)) / span.partitions / span.seconds).toFixed(1) : "-";
      lines.push(
        `| sync --workers ${workers} | ${span.partitions} | ${m.seconds.toFixed(2)} | ${Math.round(span.records / m.seconds)} | ${spanRate} | ${spanRequests} | ${m.cpuSeconds.toFixed(2)} | ${m.peakRssMb.toFixed(0)} |`,
      );
      process.stderr.write(`  --workers ${workers}: ${m.seconds.toFixed(2)} s, ${span.partitions} partitions, ${span.records} records\n`);
    }
  } finally {
    await slow.stop();
  }
  const fast = await startMockProcess(root, ["--records", "3000", "--api-key-query", `api_key=${KEY}`]);
  try {
    const url = await postgres.fresh("dist_overhead");
    await run(url, fast.url, 1, { BENCH_DIST_RECORDS: "3000", BENCH_DIST_WINDOW_MINUTES: "100" });
    const span = await commitSpan(url);
    const each = (span.seconds * 1000) / Math.max(1, span.partitions - 1);
    lines.push(
      "",
      `- per-partition overhead (1 worker, ${span.partitions} one-page windows, 0 ms API): ${each.toFixed(0)} ms from one commit to the next ` +
        "(queue dispatch, plan read, one request, commit transaction with marker and job completion, the run's progress check)",
    );
  } finally {
    await fast.stop();
  }
  process.stdout.write(`${lines.join("\n")}\n\n`);
}
