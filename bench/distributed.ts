// The distributed cases of `npm run bench` (issue 20): a windowed backfill of BENCH_RECORDS (100,000)
// records with `gen-connector sync --workers N`, 1 and 4 worker processes, in two shapes: the issue's
// (50 ms per request, 2-day windows, the runtime's default requests in flight), whose partitions hold
// ~0.4 s of API time and whose 4-worker rate loads this 2-core machine's CPU; and an API-bound one (100 ms
// per request, one request in flight per partition, 20 windows of 5 s of API time: 5 rounds of 4) where
// the API is the bottleneck; and that API-bound shape without a window, split by `--pages-per-partition 50`
// into page ranges. Records/s and requests/s over the wall time and the commits' span, CPU of
// all processes, peak RSS of the largest process (a worker). Then the per-partition overhead (one
// worker, one-page windows of a 0 ms API) and the queue's own dispatch (distributed-dispatch.ts).
import { join } from "node:path";
import { withClient } from "../test/helpers/postgres.ts";
import { dispatchFigures } from "./distributed-dispatch.ts";
import { measure, type Measured } from "./measure.ts";
import { startMockProcess } from "./mock-process.ts";
import type { BenchPostgres } from "./postgres-server.ts";

export interface DistributedBenchOptions {
  readonly root: string;
  readonly records: number;
  readonly postgres: BenchPostgres | null;
}

const node = process.execPath;
const KEY = "bench-key";

interface Shape {
  readonly name: string;
  readonly delayMs: number;
  readonly windowMinutes: number;
  /** A partition's requests in flight; undefined: the runtime's default. */
  readonly concurrency: number | undefined;
  /** No window: the root split into page ranges of this many pages (100 records a page). */
  readonly pagesPerPartition?: number;
}

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

const x = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

export async function distributedBench({ root, records, postgres }: DistributedBenchOptions): Promise<void> {
  if (postgres === null) {
    process.stdout.write("- distributed cases skipped: no Postgres server (set BENCH_POSTGRES_URL or install PostgreSQL)\n\n");
    return;
  }
  const dir = join(root, "bench/distributed-connector");
  const run = (url: string, mock: string, workers: number, env: Record<string, string>, flags: readonly string[] = []) =>
    measure(
      node,
      [join(root, "bin/gen-connector.js"), "sync", dir, "--destination", url, "--base-url", mock, "--workers", String(workers), "--quiet", ...flags],
      { API_KEY: KEY, ...env },
      root,
    );
  const shapes: Shape[] = [
    {
      name: "50 ms per request, 2-day windows (2,880 records, 29 requests), default requests in flight",
      delayMs: 50,
      windowMinutes: 2880,
      concurrency: undefined,
    },
    { name: "100 ms per request, windows of 5,000 records (50 requests), 1 request in flight", delayMs: 100, windowMinutes: 5000, concurrency: 1 },
    {
      name: "100 ms per request, no window, page ranges of 50 pages (5,000 records), 1 request in flight",
      delayMs: 100,
      windowMinutes: 5000,
      concurrency: 1,
      pagesPerPartition: 50,
    },
  ];
  const lines = [
    `| case (${records.toLocaleString("en-US")} records) | partitions | wall s | records/s (wall) | records/s (commit span) | requests/s (commit span) | CPU s (all processes) | peak RSS of a process (MB) |`,
    "|---|---:|---:|---:|---:|---:|---:|---:|",
  ];
  const ratios: string[] = [];
  for (const shape of shapes) {
    const mock = await startMockProcess(root, ["--records", String(records), "--page-delay-ms", String(shape.delayMs), "--api-key-query", `api_key=${KEY}`]);
    try {
      const seen: { m: Measured; span: Span; spanRate: number }[] = [];
      for (const workers of [1, 4]) {
        const url = await postgres.fresh(`dist_${shape.delayMs}_${workers}`);
        const env = {
          BENCH_DIST_RECORDS: String(records),
          BENCH_DIST_WINDOW_MINUTES: String(shape.windowMinutes),
          ...(shape.concurrency === undefined ? {} : { BENCH_DIST_CONCURRENCY: String(shape.concurrency) }),
          ...(shape.pagesPerPartition === undefined ? {} : { BENCH_DIST_PAGES: "1" }),
        };
        const flags = shape.pagesPerPartition === undefined ? [] : ["--pages-per-partition", String(shape.pagesPerPartition)];
        const m = await run(url, mock.url, workers, env, flags);
        const span = await commitSpan(url);
        // Offset paging with a total: ceil(window records / 100) requests per window, no extra one (page
        // ranges: windowMinutes records a range, alike; the planner's first page is left out).
        const requests =
          Math.ceil(shape.windowMinutes / 100) * Math.floor(span.records / shape.windowMinutes) + Math.ceil((span.records % shape.windowMinutes) / 100);
        // The span misses the first partitions' fetch (one per worker): count their records out of the rate.
        const counted = Math.max(0, span.partitions - workers) / span.partitions;
        const spanRate = span.seconds > 0 ? (span.records * counted) / span.seconds : 0;
        const spanRequests = span.seconds > 0 ? (requests * counted) / span.seconds : 0;
        seen.push({ m, span, spanRate });
        lines.push(
          `| ${shape.name}: sync --workers ${workers} | ${span.partitions} | ${m.seconds.toFixed(2)} | ${Math.round(span.records / m.seconds)} | ${spanRate.toFixed(0)} | ${spanRequests.toFixed(1)} | ${m.cpuSeconds.toFixed(2)} | ${m.peakRssMb.toFixed(0)} |`,
        );
        process.stderr.write(
          `  ${shape.delayMs} ms, --workers ${workers}: ${m.seconds.toFixed(2)} s, ${span.partitions} partitions, ${span.records} records\n`,
        );
      }
      const [one, four] = seen as [(typeof seen)[0], (typeof seen)[0]];
      ratios.push(
        `- ${shape.name}: 4 workers = ${x(one.m.seconds, four.m.seconds)} one worker on wall time, ${x(four.spanRate, one.spanRate)} over the commits' span`,
      );
    } finally {
      await mock.stop();
    }
  }
  const fast = await startMockProcess(root, ["--records", "3000", "--api-key-query", `api_key=${KEY}`]);
  try {
    const url = await postgres.fresh("dist_overhead");
    const m = await run(url, fast.url, 1, { BENCH_DIST_RECORDS: "3000", BENCH_DIST_WINDOW_MINUTES: "100" });
    const span = await commitSpan(url);
    const each = (span.seconds * 1000) / Math.max(1, span.partitions - 1);
    ratios.push(
      `- per-partition overhead (1 worker, ${span.partitions} one-page windows, 0 ms API): ${each.toFixed(0)} ms from one commit to the next ` +
        "(queue dispatch, the partition's connection, one request, commit transaction with marker and job completion, the run's progress check); " +
        `${((m.cpuSeconds * 1000) / span.partitions).toFixed(0)} ms CPU per partition (sync + worker processes, start-up included)`,
    );
  } finally {
    await fast.stop();
  }
  for (const listen of [true, false]) {
    const d = await dispatchFigures(postgres, listen);
    ratios.push(
      `- queue dispatch alone (pg-boss, in process, 1 s poll, LISTEN ${listen ? "on" : "off"}): an idle worker runs a new job ${d.wakeMs.toFixed(0)} ms after it is enqueued (median); ` +
        `${d.jobs} jobs queued at once run ${d.backToBackMs.toFixed(1)} ms apart`,
    );
  }
  process.stdout.write(`${lines.join("\n")}\n\n${ratios.join("\n")}\n\n`);
}
