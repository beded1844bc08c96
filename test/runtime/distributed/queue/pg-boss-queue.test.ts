// The pg-boss partition queue on the throwaway Postgres: jobs carry the plan, a completion written into
// the partition's transaction commits or rolls back with it, and a failed attempt is retried; a queue
// database that cannot be reached is an error naming it.
import { test } from "uvu";
import * as assert from "uvu/assert";
import pg from "pg";
import { isConnectionLoss } from "../../../../runtime/destinations/postgres/connection-loss.ts";
import { DistributedError } from "../../../../runtime/distributed/errors.ts";
import { pgBossQueue } from "../../../../runtime/distributed/queue/pg-boss-queue.ts";
import type { PartitionPayload } from "../../../../runtime/distributed/queue/queue.ts";
import { DEFAULT_QUEUE_SETTINGS } from "../../../../runtime/distributed/queue/settings.ts";
import { queueTransaction } from "../../../../runtime/distributed/queue/transaction.ts";
import { freshDatabase, withClient } from "../../../helpers/postgres.ts";

const settings = { ...DEFAULT_QUEUE_SETTINGS, pollSeconds: 0.5, superviseSeconds: 1, heartbeatSeconds: 10, retryDelaySeconds: 0 };
const part = (partition: string): PartitionPayload => ({
  runId: "run-1",
  dataset: "d",
  connector: "c",
  codeHash: "h",
  resource: "items",
  partition,
  bounds: null,
});

test("completion inside the partition's transaction: rolled back with it (the job is retried), committed with it", async () => {
  const url = await freshDatabase();
  if (url === null) return; // no Postgres here: test/helpers/postgres.ts printed why (CI always has one)
  await withClient(url, (c) => c.query("CREATE TABLE applied (partition text, attempt int)"));
  const warnings: string[] = [];
  const queue = pgBossQueue({ url, transactional: true, settings, applicationName: "gc-test", poolSize: 4, onWarning: (m) => warnings.push(m) });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const settled: boolean[] = [];
  try {
    await queue.start();
    assert.is((await queue.enqueue([part("w0"), part("w1")], "http://api.test/")).length, 2);
    assert.is(await queue.pending("run-1"), 2);
    let busy = Promise.resolve();
    const done = new Promise<void>((resolve) => {
      let committed = 0;
      void queue.work(
        { concurrency: 1, perApi: 1 },
        {
          partition: async (job) => {
            // One connection, one transaction at a time: the handlers take turns.
            const mine = busy.then(async () => {
              await client.query("BEGIN");
              await client.query("INSERT INTO applied VALUES ($1, $2)", [job.payload.partition, job.attempt]);
              settled.push(await queue.complete(job, queueTransaction(client)));
              if (job.payload.partition === "w0" && job.attempt === 0) {
                await client.query("ROLLBACK");
                throw new Error("the commit failed after the completion was written");
              }
              await client.query("COMMIT");
              if (++committed === 2) resolve();
            });
            busy = mine.catch(() => undefined);
            await mine;
          },
          finalize: async () => undefined,
          dead: async () => undefined,
        },
      );
    });
    await done;
    const rows = (await client.query("SELECT partition, attempt FROM applied ORDER BY partition")).rows;
    assert.equal(rows, [
      { partition: "w0", attempt: 1 },
      { partition: "w1", attempt: 0 },
    ]);
    assert.equal(settled, [true, true, true], "each attempt's completion wrote into its transaction");
    assert.is(await queue.pending("run-1"), 0, "both jobs completed: the rolled-back completion did not stick, the retry's did");
  } finally {
    await client.end();
    await queue.stop({ graceful: false, timeoutMs: 1000 });
  }
  assert.equal(warnings, []);
});

test("the per-API cap: partitions of one API never run more at once than perApi, whatever the worker's concurrency", async () => {
  const url = await freshDatabase();
  if (url === null) return;
  const queue = pgBossQueue({ url, transactional: true, settings, applicationName: "gc-test", poolSize: 6, onWarning: () => undefined });
  try {
    await queue.start();
    await queue.enqueue([part("a"), part("b"), part("c"), part("d")], "http://one.test/");
    let active = 0;
    let most = 0;
    await new Promise<void>((resolve) => {
      let done = 0;
      void queue.work(
        { concurrency: 4, perApi: 1 },
        {
          partition: async () => {
            most = Math.max(most, ++active);
            await new Promise((r) => setTimeout(r, 600));
            active--;
            if (++done === 4) resolve();
          },
          finalize: async () => undefined,
          dead: async () => undefined,
        },
      );
    });
    assert.is(most, 1, "one partition of the API at a time across the worker's 4 slots");
  } finally {
    await queue.stop({ graceful: false, timeoutMs: 1000 });
  }
});

test("a queue database that cannot be reached: a DistributedError naming it, password masked (not an internal error)", async () => {
  const queue = pgBossQueue({
    url: "postgres://gc:queue-pw-5521@127.0.0.1:1/q",
    transactional: false,
    settings,
    applicationName: "gc-test",
    poolSize: 2,
    onWarning: () => undefined,
  });
  const error = await queue.start().catch((e: unknown) => e);
  assert.instance(error, DistributedError);
  assert.match((error as Error).message, /^queue: cannot start pg-boss in postgres:\/\/gc:\*\*\*@127\.0\.0\.1:1\/q: .*ECONNREFUSED/);
  assert.not.match((error as Error).message, "queue-pw-5521");
  assert.ok(isConnectionLoss(error), "a caller that waits out outages can tell");
});

test.run();
