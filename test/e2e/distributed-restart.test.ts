// A distributed run through a Postgres restart: `sync --workers 2` over a windowed backfill on a cluster of
// this test's own, stopped (fast shutdown, connections terminated) for 3 s once some windows have committed.
// The workers' jobs are retried and the waiting CLI retries its polls, so the run completes: every key
// once, one marker per window, exit 0.
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT, runCli } from "../helpers/cli.ts";
import { RECORDS, WINDOWS } from "../helpers/distributed-connector/index.ts";
import { privateCluster, withClient } from "../helpers/postgres.ts";
import { FAST_QUEUE_ENV } from "../helpers/worker-process.ts";
import { startMockApi } from "../mock-api/server.ts";

const DIR = join(ROOT, "test/helpers/distributed-connector");
const API_KEY = "restart-secret-41d2";
const env = { API_KEY, ...FAST_QUEUE_ENV };

const markers = (url: string): Promise<number> =>
  withClient(url, async (c) => {
    const found = await c.query("SELECT to_regclass('customer_support._gc_partitions') IS NOT NULL AS ok");
    if (found.rows[0]?.ok !== true) return 0;
    return (await c.query("SELECT count(*)::int AS n FROM customer_support._gc_partitions")).rows[0].n as number;
  }).catch(() => 0);

test("sync --workers 2 through a Postgres restart mid-run: completed, every key once, one marker per window, exit 0", async () => {
  const cluster = await privateCluster();
  if (cluster === null) return void process.stderr.write("  (skipped: no Postgres binaries)\n");
  const api = await startMockApi({ records: RECORDS, auth: { type: "api_key_query", name: "api_key", value: API_KEY } });
  try {
    api.setOptions({ pageDelayMs: 60, faults: [] });
    const running = runCli(["sync", DIR, "--destination", cluster.url, "--base-url", api.url, "--workers", "2"], { env });
    for (let i = 0; i < 600 && (await markers(cluster.url)) < 2; i++) await new Promise((r) => setTimeout(r, 100));
    const before = await markers(cluster.url);
    assert.ok(before >= 2 && before < WINDOWS, `the restart must fall mid-run (${before} of ${WINDOWS} windows committed)`);
    await cluster.restart(3000);
    const result = await running;
    assert.is(result.code, 0, result.stderr);
    assert.match(result.stderr, "lost the database");
    assert.match(result.stderr, `completed`);
    await withClient(cluster.url, async (c) => {
      const rows = (await c.query("SELECT count(*)::int AS n, count(DISTINCT id)::int AS ids FROM customer_support.customer_support_data")).rows[0];
      assert.equal(rows, { n: RECORDS, ids: RECORDS });
      const parts = (await c.query("SELECT count(*)::int AS n, count(DISTINCT partition)::int AS windows FROM customer_support._gc_partitions")).rows[0];
      assert.equal(parts, { n: WINDOWS, windows: WINDOWS });
      assert.equal((await c.query("SELECT status FROM customer_support._gc_runs")).rows, [{ status: "completed" }]);
    });
  } finally {
    await api.close();
  }
});

test.run();
