// Replace and full refresh in distributed runs, against the throwaway Postgres and the mock API: the
// partitions write run-scoped staging tables, the finalize step swaps them in (nested tables and state
// too) only once every partition committed; a failed run leaves the live tables as they were and its
// staging tables for a rerun of its id; a new run drops a failed run's staging tables.
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { ConnectorSpec } from "../../../runtime/connector.ts";
import { runPartitionsLocally } from "../../../runtime/distributed/executor.ts";
import { finalizeRun, type RunSummary } from "../../../runtime/distributed/finalize.ts";
import type { RunPlan } from "../../../runtime/distributed/partition.ts";
import { openPostgres } from "../../../runtime/destinations/postgres/index.ts";
import { runSync } from "../../../runtime/sync/run-sync.ts";
import { seed } from "../../e2e/variants.ts";
import { applyInOrder, clientOptions, partitionContext, planOn } from "../../helpers/distributed.ts";
import { freshDatabase, pgTests, withClient } from "../../helpers/postgres.ts";
import { WINDOWED_RECORDS, windowed, windowIncremental } from "../../helpers/windowed.ts";
import { startMockApi, type MockApi } from "../../mock-api/server.ts";
import type { TicketRecord } from "../../mock-api/records.ts";

let api: MockApi;

test.before(async () => {
  api = await startMockApi({ records: WINDOWED_RECORDS });
});
test.after(async () => api.close());
test.before.each(() => {
  api.setOptions({ mutate: undefined, faults: [] });
  api.requests.length = 0;
});

const pgTest = await pgTests(test);
const SCHEMA = "customer_support";

/** The windowed connector replacing its table, over the first two windows only (120 of the 300 records). */
const windowedReplace: ConnectorSpec = {
  ...windowed,
  resources: windowed.resources.map((r) => ({
    ...r,
    table: { ...r.table, writeDisposition: "replace" },
    endpoint: { ...r.endpoint, incremental: { ...windowIncremental, endValue: "2024-01-01T02:00:00Z" } },
  })),
};

interface Held {
  n: number;
  ids: number;
  first: number;
  last: number;
  tags: number;
  orphans: number;
  cursor: string | null;
  load: string | null;
  staging: number;
}

/** What the dataset holds: rows, keys and their range, nested rows (and orphans), the cursor and its load, staging tables left. */
async function held(url: string): Promise<Held> {
  return withClient(url, async (c) => {
    const one = async (sql: string) => (await c.query(sql)).rows[0] as Record<string, unknown>;
    const rows = await one(
      `SELECT count(*)::int AS n, count(DISTINCT id)::int AS ids, min(id)::int AS first, max(id)::int AS last FROM ${SCHEMA}.customer_support_data`,
    );
    const tags = await one(
      `SELECT count(*)::int AS tags, count(*) FILTER (WHERE t._gc_id IS NULL)::int AS orphans FROM ${SCHEMA}.customer_support_data__tags AS n ` +
        `LEFT JOIN ${SCHEMA}.customer_support_data AS t ON t._gc_id = n._gc_root_id`,
    );
    const hasState = (await one(`SELECT to_regclass('${SCHEMA}._gc_state') IS NOT NULL AS t`)).t === true;
    const state = hasState
      ? await one(`SELECT (SELECT value->>'lastValue' FROM ${SCHEMA}._gc_state) AS cursor, (SELECT load_id FROM ${SCHEMA}._gc_state) AS load`)
      : {};
    const staging = await one(`SELECT count(*)::int AS staging FROM pg_tables WHERE schemaname = '${SCHEMA}' AND tablename LIKE '\\_gc\\_run\\_%'`);
    return { ...rows, ...tags, cursor: state.cursor ?? null, load: state.load ?? null, staging: staging.staging } as Held;
  });
}

async function finalizeOn(url: string, plan: RunPlan): Promise<RunSummary> {
  const destination = await openPostgres(url, { datasetLock: "none" });
  try {
    return await finalizeRun(destination, plan);
  } finally {
    await destination.close();
  }
}

/** The dataset as a classic sync of every record leaves it (300 rows, 600 tags, no cursor). */
async function seeded(url: string) {
  await runSync(seed, { destination: url, ...clientOptions(api.url) });
  const before = await held(url);
  assert.equal(before, { n: 300, ids: 300, first: 1, last: 300, tags: 600, orphans: 0, cursor: null, load: null, staging: 0 });
  return before;
}

pgTest(
  "windowed replace applied out of order: the live tables stay as they were until finalize, then hold exactly the run's rows, nested rows and cursor",
  async () => {
    const url = (await freshDatabase()) as string;
    const before = await seeded(url);
    const plan = await planOn(url, windowedReplace);
    assert.equal({ staged: plan.staged, windows: plan.partitions.length }, { staged: ["customer_support_data"], windows: 2 });
    await applyInOrder(plan, ["w000001", "w000000"], partitionContext(url, api.url, windowedReplace));
    assert.equal(await held(url), { ...before, staging: 3 }, "before finalize: the live tables unchanged; root, nested and state staged");
    const summary = await finalizeOn(url, plan);
    assert.equal(
      { status: summary.status, swapped: summary.swapped },
      { status: "completed", swapped: ["customer_support_data", "customer_support_data__tags"] },
    );
    const after = await held(url);
    assert.equal(
      { ...after, load: String(after.load).startsWith(plan.runId) },
      { n: 120, ids: 120, first: 1, last: 120, tags: 240, orphans: 0, cursor: "2024-01-01T02:00:00Z", load: true, staging: 0 },
      "rows the run did not extract are gone",
    );
    assert.equal((await finalizeOn(url, plan)).swapped, [], "finalizing again swaps nothing");
    assert.equal(await held(url), after);
  },
);

pgTest("a first windowed replace, windows applied concurrently: staging tables created under the table locks, renamed into place at finalize", async () => {
  const url = (await freshDatabase()) as string;
  const everyWindow: ConnectorSpec = {
    ...windowedReplace,
    resources: windowed.resources.map((r) => ({ ...r, table: { ...r.table, writeDisposition: "replace" } })),
  };
  const run = await runPartitionsLocally(everyWindow, { destination: url, client: clientOptions(api.url), concurrency: 5 });
  assert.is(run.failures.length, 0, String(run.failures[0]?.error));
  assert.equal(
    { status: run.summary.status, swapped: run.summary.swapped },
    { status: "completed", swapped: ["customer_support_data", "customer_support_data__tags"] },
  );
  const after = await held(url);
  assert.equal(
    { ...after, load: null },
    { n: 300, ids: 300, first: 1, last: 300, tags: 600, orphans: 0, cursor: "2024-01-01T05:00:00Z", load: null, staging: 0 },
  );
});

pgTest("a dead partition leaves the live tables untouched and the staging tables in place; rerunning the run id completes and swaps", async () => {
  const url = (await freshDatabase()) as string;
  const before = await seeded(url);
  api.setOptions({ faults: [{ when: { query: { created_since: "2024-01-01T01:00:00Z" } }, times: 1, response: { status: 400, body: "{}" } }] });
  const failed = await runPartitionsLocally(windowedReplace, { destination: url, client: clientOptions(api.url), concurrency: 2 });
  assert.equal({ status: failed.summary.status, swapped: failed.summary.swapped }, { status: "failed", swapped: [] });
  assert.equal(await held(url), { ...before, staging: 3 });
  const rerun = await runPartitionsLocally(windowedReplace, { destination: url, client: clientOptions(api.url), runId: failed.plan.runId });
  assert.equal(
    rerun.results.map((r) => [r.partition.key, r.status]),
    [["w000001", "committed"]],
  );
  assert.equal({ status: rerun.summary.status, swapped: rerun.summary.swapped.length }, { status: "completed", swapped: 2 });
  const after = await held(url);
  assert.equal(
    { n: after.n, last: after.last, tags: after.tags, cursor: after.cursor, staging: after.staging },
    {
      n: 120,
      last: 120,
      tags: 240,
      cursor: "2024-01-01T02:00:00Z",
      staging: 0,
    },
  );
});

pgTest("a new run drops a failed run's staging tables, and that run can no longer be resumed", async () => {
  const url = (await freshDatabase()) as string;
  await seeded(url);
  api.setOptions({ faults: [{ when: { query: { created_since: "2024-01-01T01:00:00Z" } }, times: 1, response: { status: 400, body: "{}" } }] });
  const failed = await runPartitionsLocally(windowedReplace, { destination: url, client: clientOptions(api.url) });
  assert.is(failed.summary.status, "failed");
  const next = await planOn(url, windowedReplace);
  assert.is((await held(url)).staging, 3, "only the new run's staging tables");
  await applyInOrder(next, ["w000000", "w000001"], partitionContext(url, api.url, windowedReplace));
  assert.is((await finalizeOn(url, next)).status, "completed");
  const resumed = await runPartitionsLocally(windowedReplace, { destination: url, client: clientOptions(api.url), runId: failed.plan.runId }).catch(
    (error: unknown) => error,
  );
  assert.match(String(resumed), `run ${failed.plan.runId}: its staging tables in dataset "customer_support" are gone`);
  const runs = await withClient(url, async (c) => (await c.query(`SELECT run_id, status FROM ${SCHEMA}._gc_runs ORDER BY planned_at`)).rows);
  assert.equal(runs, [
    { run_id: failed.plan.runId, status: "failed" },
    { run_id: next.runId, status: "completed" },
  ]);
  assert.equal((await held(url)).n, 120);
});

pgTest("--full-refresh distributed: cursors from initial_value, tables and state replaced at finalize", async () => {
  const url = (await freshDatabase()) as string;
  // A first run stores other keys (ids shifted by 1000) and the cursor at the end of the backfill.
  api.setOptions({ mutate: (r: TicketRecord) => ({ ...r, id: r.id + 1000 }) });
  const first = await runPartitionsLocally(windowed, { destination: url, client: clientOptions(api.url) });
  assert.is(first.summary.status, "completed");
  const stored = await held(url);
  assert.equal({ n: stored.n, first: stored.first, cursor: stored.cursor }, { n: 300, first: 1001, cursor: "2024-01-01T05:00:00Z" });
  api.setOptions({ mutate: undefined });
  const plan = await planOn(url, windowed, { fullRefresh: true });
  assert.equal(
    { windows: plan.partitions.length, start: plan.partitions[0]?.bounds?.start, staged: plan.staged, fullRefresh: plan.fullRefresh },
    { windows: 5, start: "2024-01-01T00:00:00Z", staged: ["customer_support_data"], fullRefresh: true },
    "the stored cursor is not read",
  );
  await applyInOrder(plan, ["w000004", "w000002", "w000000", "w000001", "w000003"], partitionContext(url, api.url, windowed));
  assert.equal(await held(url), { ...stored, staging: 3 }, "before finalize: tables and state as the first run left them");
  assert.is((await finalizeOn(url, plan)).status, "completed");
  const after = await held(url);
  assert.equal(
    { ...after, load: String(after.load).startsWith(plan.runId) },
    { n: 300, ids: 300, first: 1, last: 300, tags: 600, orphans: 0, cursor: "2024-01-01T05:00:00Z", load: true, staging: 0 },
  );
});

test.run();
