// The partition protocol without a queue, against the throwaway Postgres and the mock API (issue 20's
// conformance case): a windowed backfill's partitions applied concurrently in one process.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { runPartitionsLocally } from "../../../runtime/distributed/executor.ts";
import { fakeClock } from "../../helpers/fake-clock.ts";
import { freshDatabase, pgTests, withClient } from "../../helpers/postgres.ts";
import { WINDOWED_RECORDS, windowed } from "../../helpers/windowed.ts";
import { startMockApi, type MockApi } from "../../mock-api/server.ts";

let api: MockApi;
const API_KEY = "sk_distributed_SENTINEL_7c1e";
const client = () => ({ baseUrl: api.url, secrets: { env: { API_KEY }, dotenv: {} }, clock: fakeClock() });

test.before(async () => {
  api = await startMockApi({ records: WINDOWED_RECORDS });
});
test.after(async () => api.close());
test.before.each(() => {
  api.setOptions({ faults: [] });
});

const pgTest = await pgTests(test);

pgTest("a windowed backfill's partitions applied concurrently: every key once, one marker per partition, state at the plan's end", async () => {
  const url = (await freshDatabase()) as string;
  const run = await runPartitionsLocally(windowed, { destination: url, client: client(), concurrency: 4, worker: "test" });
  assert.is(run.failures.length, 0, String(run.failures[0]?.error));
  assert.is(run.plan.partitions.length, 5);
  assert.equal(
    run.results.map((r) => r.status),
    Array(5).fill("committed"),
  );
  assert.equal(
    { status: run.summary.status, planned: run.summary.planned, committed: run.summary.committed },
    { status: "completed", planned: 5, committed: 5 },
  );
  await withClient(url, async (c) => {
    const rows = await c.query("SELECT count(*)::int AS n, count(DISTINCT id)::int AS ids FROM customer_support.customer_support_data");
    assert.equal(rows.rows[0], { n: WINDOWED_RECORDS, ids: WINDOWED_RECORDS });
    const markers = await c.query(
      "SELECT partition, count(*)::int AS n, sum(records)::int AS records FROM customer_support._gc_partitions GROUP BY partition ORDER BY partition",
    );
    assert.equal(
      markers.rows,
      ["w000000", "w000001", "w000002", "w000003", "w000004"].map((partition) => ({ partition, n: 1, records: 60 })),
    );
    const state = await c.query("SELECT value->>'lastValue' AS cursor FROM customer_support._gc_state");
    assert.equal(state.rows, [{ cursor: "2024-01-01T05:00:00Z" }]);
    const runs = await c.query("SELECT status FROM customer_support._gc_runs");
    assert.equal(runs.rows, [{ status: "completed" }]);
  });
});

pgTest("a partition that fails fails the run naming it; committed partitions stay, and rerunning the run id runs only the missing one", async () => {
  const url = (await freshDatabase()) as string;
  // Window 2 answers 400 (not retried) on its first request.
  api.setOptions({ faults: [{ when: { query: { created_since: "2024-01-01T02:00:00Z" } }, times: 1, response: { status: 400, body: "{}" } }] });
  const failed = await runPartitionsLocally(windowed, { destination: url, client: client(), concurrency: 2 });
  assert.equal(
    failed.failures.map((f) => f.partition.key),
    ["w000002"],
  );
  assert.equal({ status: failed.summary.status, committed: failed.summary.committed }, { status: "failed", committed: 4 });
  assert.match(String(failed.summary.error), "1 of 5 partitions did not commit (customer_support_data window 3/5): customer_support_data window 3/5: ");
  const cursor = () => withClient(url, async (c) => (await c.query("SELECT value->>'lastValue' AS cursor FROM customer_support._gc_state")).rows[0]?.cursor);
  assert.is(await cursor(), "2024-01-01T02:00:00Z", "the cursor stops before the missing window");
  const loads = await withClient(
    url,
    async (c) => (await c.query("SELECT status, count(*)::int AS n FROM customer_support._gc_loads GROUP BY status ORDER BY status")).rows,
  );
  assert.equal(loads, [
    { status: "completed", n: 4 },
    { status: "failed", n: 1 },
  ]);
  api.requests.length = 0;
  const rerun = await runPartitionsLocally(windowed, { destination: url, client: client(), runId: failed.plan.runId });
  assert.equal(
    rerun.results.map((r) => [r.partition.key, r.status]),
    [["w000002", "committed"]],
  );
  assert.equal([...new Set(api.requests.map((r) => r.query.created_since))], ["2024-01-01T02:00:00Z"], "only the missing window is fetched");
  assert.equal({ status: rerun.summary.status, committed: rerun.summary.committed }, { status: "completed", committed: 5 });
  assert.equal(rerun.summary.resources, [{ resource: "customer_support_data", records: 300, inserted: 300, updated: 0, unchanged: 0, loads: 5 }]);
  assert.is(await cursor(), "2024-01-01T05:00:00Z");
  const rows = await withClient(
    url,
    async (c) => (await c.query("SELECT count(DISTINCT id)::int AS ids FROM customer_support.customer_support_data")).rows[0]?.ids,
  );
  assert.is(rows, WINDOWED_RECORDS);
});

test.run();
