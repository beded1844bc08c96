// Page-range partitions through the real CLI with worker processes, against the throwaway Postgres and
// the mock API: `sync --workers 2 --pages-per-partition 3` over the seed's 1,000 records warns about the
// split, commits four ranges (every key once, every page fetched once after the planner's first), and
// `runs` lists the ranges with their offsets; the planner holds no LISTEN connection while it waits.
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT, runCli } from "../helpers/cli.ts";
import { freshDatabase, withClient } from "../helpers/postgres.ts";
import { FAST_QUEUE_ENV, until } from "../helpers/worker-process.ts";
import { startMockApi, type MockApi } from "../mock-api/server.ts";

const DIR = join(ROOT, "generated/customer_support");
const API_KEY = "pages-e2e-SENTINEL-5d2c";
const env = { API_KEY, ...FAST_QUEUE_ENV };
let api: MockApi;

test.before(async () => {
  api = await startMockApi({ records: 1000 });
});
test.after(async () => api.close());

test("sync --workers 2 --pages-per-partition 3: four ranges, each page fetched once, every key once; runs lists the ranges", async () => {
  const url = (await freshDatabase()) as string;
  api.setOptions({ pageDelayMs: 150 });
  const running = runCli(["sync", DIR, "--destination", url, "--base-url", api.url, "--workers", "2", "--pages-per-partition", "3"], { env });
  // While the run goes, the workers LISTEN for jobs; the planner, which only enqueues and watches, does not.
  const listeners = await until(
    "a worker listening",
    60,
    async () => {
      const q = "SELECT application_name FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN %'";
      const names = await withClient(url, async (c) => (await c.query(q)).rows.map((r: { application_name: string }) => r.application_name));
      return names.some((n: string) => n.startsWith("gen-connector worker")) ? names : undefined;
    },
    50,
  );
  assert.not.ok(
    listeners.some((n: string) => n.startsWith("gen-connector sync")),
    `LISTEN connections: ${listeners.join(", ")}`,
  );
  const done = await running;
  assert.is(done.code, 0, done.stderr);
  assert.match(done.stderr, "warning: customer_support_data: split into 4 page ranges of 3 pages (the first page announced 1000 records)");
  assert.not.match(done.stderr, API_KEY);
  const runId = done.stdout.trim().split("\n")[0] ?? "";
  const offsets = api.requests.filter((r) => r.path === "/v1/resource").map((r) => Number(r.query.offset));
  assert.equal(
    offsets.sort((a, b) => a - b),
    [0, 0, 100, 200, 300, 400, 500, 600, 700, 800, 900],
  );
  const held = await withClient(url, async (c) => ({
    rows: (await c.query("SELECT count(*)::int AS n, count(DISTINCT id)::int AS ids FROM customer_support.customer_support_data")).rows[0],
    markers: (await c.query("SELECT partition, records::int FROM customer_support._gc_partitions ORDER BY partition")).rows,
    runs: (await c.query("SELECT status FROM customer_support._gc_runs")).rows,
  }));
  assert.equal(held, {
    rows: { n: 1000, ids: 1000 },
    markers: [300, 300, 300, 100].map((records, i) => ({ partition: `p00000${i}`, records })),
    runs: [{ status: "completed" }],
  });
  const runs = await runCli(["runs", DIR, "--destination", url, "--run", runId], { env });
  assert.is(runs.code, 0, runs.stderr);
  assert.match(runs.stdout, ": completed, 4 of 4 partitions committed, 1000 records");
  assert.match(runs.stdout, "customer_support_data pages 4/4 [900, end): committed 100 records");
  assert.not.match(runs.stdout, "warning:");
});

test.run();
