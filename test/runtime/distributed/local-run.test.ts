// The partition protocol without a queue, against the throwaway Postgres and the mock API (issue 20's
// conformance case): a windowed backfill's partitions applied concurrently in one process.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { connector as tickets } from "../../../generated/support_tickets/index.ts";
import type { ConnectorSpec } from "../../../runtime/connector.ts";
import { runPartitionsLocally } from "../../../runtime/distributed/executor.ts";
import { applyPartition } from "../../../runtime/distributed/apply-partition.ts";
import { runSync } from "../../../runtime/sync/run-sync.ts";
import { partitionContext, partitionOf, planOn } from "../../helpers/distributed.ts";
import { fakeClock } from "../../helpers/fake-clock.ts";
import { freshDatabase, pgTests, withClient } from "../../helpers/postgres.ts";
import { WINDOWED_RECORDS, windowed, windowIncremental } from "../../helpers/windowed.ts";
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

/**
 * support_tickets with its root cut into three windows of ten minutes (thirty tickets), its two children
 * riding along (recent_comments merged: replace is refused on a windowed tree in distributed mode).
 */
const windowedTickets: ConnectorSpec = {
  ...tickets,
  resources: tickets.resources.map((r) =>
    r.parent !== null
      ? { ...r, table: { ...r.table, writeDisposition: "merge" } }
      : {
          ...r,
          endpoint: {
            ...r.endpoint,
            incremental: { ...windowIncremental, endValue: "2024-01-01T00:30:00Z", window: { step: 600, lookback: 0 } },
          },
        },
  ),
};

pgTest("children ride with their window: each window commits the root and both children in one transaction, as a classic sync loads them", async () => {
  const url = (await freshDatabase()) as string;
  const secrets = { env: { SUPPORT_TOKEN: "tok_distributed" }, dotenv: {} };
  const options = { baseUrl: api.url, secrets, clock: fakeClock() };
  await runSync(windowedTickets, { destination: url, dataset: "classic", ...options });
  const run = await runPartitionsLocally(windowedTickets, { destination: url, dataset: "dist", client: options, concurrency: 3, batchParents: 0 });
  assert.is(run.failures.length, 0, String(run.failures[0]?.error));
  assert.equal(
    run.plan.partitions.map((p) => p.key),
    ["w000000", "w000001", "w000002"],
  );
  const held = (schema: string) =>
    withClient(url, async (c) => {
      const counts: Record<string, unknown> = {};
      for (const table of ["tickets", "ticket_comments", "recent_comment"]) {
        counts[table] = (await c.query(`SELECT count(*)::int AS n, count(DISTINCT id)::int AS ids FROM ${schema}.${table}`)).rows[0];
      }
      counts.state = (await c.query(`SELECT key, value->>'lastValue' AS cursor FROM ${schema}._gc_state ORDER BY key`)).rows;
      return counts;
    });
  // One transaction for the whole window: a failure at its end leaves none of the three tables written.
  const plan = await planOn(url, windowedTickets, { dataset: "atomic" });
  const failing = applyPartition(plan, partitionOf(plan, "w000000"), {
    ...partitionContext(url, api.url, windowedTickets, { client: options }),
    inTransaction: async () => {
      throw new Error("fails at the end");
    },
  });
  assert.match(String(await failing.catch((error: unknown) => error)), "fails at the end");
  const written = await withClient(
    url,
    async (c) => (await c.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'atomic' AND table_name NOT LIKE '\\_gc%'")).rows,
  );
  assert.equal(written, [], "no resource table of the failed window was committed");
  const classic = await held("classic");
  assert.equal((classic.tickets as { n: number }).n, 30);
  assert.equal(await held("dist"), classic);
  const loads = await withClient(
    url,
    async (c) => (await c.query("SELECT load_id, count(*)::int AS n FROM dist._gc_loads WHERE status = 'completed' GROUP BY load_id ORDER BY load_id")).rows,
  );
  assert.equal(
    loads.map((l) => [l.load_id.slice(run.plan.runId.length), l.n]),
    [
      ["-w000000", 3],
      ["-w000001", 3],
      ["-w000002", 3],
    ],
  );
});

pgTest("a partition that fails fails the run naming it; committed partitions stay, and rerunning the run id runs only the missing one", async () => {
  const url = (await freshDatabase()) as string;
  // Window 2 answers 400 (not retried) on its first request.
  api.setOptions({ faults: [{ when: { query: { created_since: "2024-01-01T02:00:00Z" } }, times: 2, response: { status: 400, body: "{}" } }] });
  const failed = await runPartitionsLocally(windowed, { destination: url, client: client(), concurrency: 2 });
  // A second failed attempt (a queue's retry) keeps one `_gc_loads` row for the window.
  const again = await runPartitionsLocally(windowed, { destination: url, client: client(), runId: failed.plan.runId });
  assert.equal(
    again.failures.map((f) => f.partition.key),
    ["w000002"],
  );
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
