// A dataset's distributed runs against the throwaway Postgres: one running run per dataset (a second is
// refused naming the first), a classic sync and a distributed run exclude each other with a message,
// a worker refuses a job planned from other code, and nothing stored or carried holds the API key.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { applyPartition } from "../../../runtime/distributed/apply-partition.ts";
import { finalizeRun } from "../../../runtime/distributed/finalize.ts";
import { runPartitionsLocally } from "../../../runtime/distributed/executor.ts";
import { openPostgres } from "../../../runtime/destinations/postgres/index.ts";
import { runSync } from "../../../runtime/sync/run-sync.ts";
import { clientOptions, DISTRIBUTED_API_KEY, partitionContext, partitionOf, planOn } from "../../helpers/distributed.ts";
import { freshDatabase, pgTests, withClient } from "../../helpers/postgres.ts";
import { WINDOWED_RECORDS, windowed } from "../../helpers/windowed.ts";
import { startMockApi, type MockApi } from "../../mock-api/server.ts";

let api: MockApi;

test.before(async () => {
  api = await startMockApi({ records: WINDOWED_RECORDS });
});
test.after(async () => api.close());

const pgTest = await pgTests(test);

/** The error `promise` rejects with, as text; fails when it resolves. */
async function refusal(promise: Promise<unknown>): Promise<string> {
  const outcome = await promise.then(
    () => null,
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
  assert.ok(outcome !== null, "expected a refusal");
  return outcome as string;
}

pgTest("a second distributed run of a dataset is refused naming the first; after the first finishes, it is accepted", async () => {
  const url = (await freshDatabase()) as string;
  const first = await planOn(url, windowed);
  const message = await refusal(planOn(url, windowed));
  assert.match(message, `already has a distributed run in progress: run ${first.runId}`);
  // The same run id again resumes it (a rerun), not refused.
  assert.is((await planOn(url, windowed, { runId: first.runId })).runId, first.runId);
  const destination = await openPostgres(url, { datasetLock: "none" });
  try {
    const summary = await finalizeRun(destination, first, { failed: "test: the queue gave up" });
    assert.is(summary.status, "failed");
    assert.match(String(summary.error), "5 of 5 partitions did not commit (customer_support_data window 1/5,");
  } finally {
    await destination.close();
  }
  const second = await planOn(url, windowed);
  assert.not.equal(second.runId, first.runId);
});

pgTest("a classic sync during a distributed run is refused naming the run, and a distributed run during a classic sync", async () => {
  const url = (await freshDatabase()) as string;
  const plan = await planOn(url, windowed);
  const classic = await refusal(runSync(windowed, { destination: url, ...clientOptions(api.url) }));
  assert.match(classic, `has a distributed run in progress (run ${plan.runId}`);
  const destination = await openPostgres(url, { datasetLock: "none" });
  await finalizeRun(destination, plan, { failed: "test: abandoned" });
  await destination.close();
  // A classic sync holding the dataset: planning and committing a partition are both refused.
  const holder = await openPostgres(url);
  try {
    await holder.readState("customer_support", "any"); // takes the dataset's session lock
    assert.match(await refusal(planOn(url, windowed)), "a classic sync holds its lock");
    const ctx = partitionContext(url, api.url, windowed);
    assert.match(await refusal(applyPartition(plan, partitionOf(plan, "w000000"), ctx)), "a classic sync holds dataset");
  } finally {
    await holder.close();
  }
  const run = await runPartitionsLocally(windowed, { destination: url, client: clientOptions(api.url), runId: plan.runId });
  assert.is(run.summary.status, "completed", "the rerun of the run id completes once the classic sync is gone");
  const summary = await runSync(windowed, { destination: url, ...clientOptions(api.url) });
  assert.ok(summary.resources.length === 1, "a classic sync runs again once no distributed run is in progress");
});

pgTest("a worker refuses a job planned from another connector's code", async () => {
  const url = (await freshDatabase()) as string;
  const plan = await planOn(url, windowed, { codeHash: "sha256:planned-elsewhere" });
  const ctx = partitionContext(url, api.url, windowed);
  const message = await refusal(applyPartition(plan, partitionOf(plan, "w000000"), ctx));
  assert.match(message, `planned from connector customer_support (sha256:planned-elsewhere) but this worker runs customer_support (${ctx.codeHash})`);
});

pgTest("a DuckDB destination is a usage error for a distributed run", async () => {
  assert.match(await refusal(runPartitionsLocally(windowed, { destination: "duckdb:/tmp/x.duckdb" })), "a distributed run needs a postgres://… destination");
});

pgTest("the plan, the partitions, the markers, the state and the loads hold no secret", async () => {
  const url = (await freshDatabase()) as string;
  const run = await runPartitionsLocally(windowed, { destination: url, client: clientOptions(api.url), concurrency: 3 });
  assert.is(run.summary.status, "completed");
  assert.ok(
    api.requests.some((r) => JSON.stringify(r).includes(DISTRIBUTED_API_KEY)),
    "the key was sent to the API",
  );
  const payloads = JSON.stringify([run.plan, ...run.plan.partitions]);
  assert.not.ok(payloads.includes(DISTRIBUTED_API_KEY), "job payloads");
  const stored = await withClient(url, async (c) => {
    const tables = ["_gc_runs", "_gc_partitions", "_gc_state", "_gc_loads"];
    const texts: string[] = [];
    for (const t of tables) texts.push(JSON.stringify((await c.query(`SELECT * FROM customer_support.${t}`)).rows));
    return texts.join("\n");
  });
  assert.ok(stored.includes(run.plan.runId), "the tables were read");
  assert.not.ok(stored.includes(DISTRIBUTED_API_KEY), "stored bookkeeping");
});

test.run();
