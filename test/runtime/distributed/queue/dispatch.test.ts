// How jobs reach workers (pg-boss-queue.ts): with a polling interval of a minute, an idle worker still
// runs a partition or finalize job as soon as it is enqueued (LISTEN/NOTIFY), and a worker that finishes
// a job fetches the next at once (three jobs in one insert: one NOTIFY, three jobs run). With LISTEN off
// (PgBouncer in transaction pooling), polling alone delivers every job. Queues made before NOTIFY was
// used get it switched on.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { pgBossQueue } from "../../../../runtime/distributed/queue/pg-boss-queue.ts";
import type { PartitionPayload, PartitionQueue } from "../../../../runtime/distributed/queue/queue.ts";
import { DEFAULT_QUEUE_SETTINGS, type QueueSettings } from "../../../../runtime/distributed/queue/settings.ts";
import { freshDatabase, withClient } from "../../../helpers/postgres.ts";

const part = (partition: string): PartitionPayload => ({
  runId: "run-1",
  dataset: "d",
  connector: "c",
  codeHash: "h",
  resource: "items",
  partition,
  bounds: null,
});
/** Far below the minute-long poll: a job that has to wait for a poll fails the test instead of passing late. */
const DEADLINE_MS = 20_000;

/** A started queue on a fresh database whose worker records what it ran; null without Postgres. */
async function started(settings: QueueSettings): Promise<{ queue: PartitionQueue; ran: (name: string) => Promise<void> } | null> {
  const url = await freshDatabase();
  if (url === null) return null;
  const queue = pgBossQueue({ url, transactional: true, settings, applicationName: "gc-test", poolSize: 4, onWarning: () => undefined });
  await queue.start();
  const waiting = new Map<string, () => void>();
  const done = new Set<string>();
  const record = (name: string) => {
    done.add(name);
    waiting.get(name)?.();
  };
  await queue.work(
    { concurrency: 1, perApi: 4 },
    {
      partition: async (job) => record(job.payload.partition),
      finalize: async (job) => record(`finalize ${job.payload.runId}`),
      dead: async () => undefined,
    },
  );
  const ran = (name: string) =>
    new Promise<void>((resolve, reject) => {
      if (done.has(name)) return resolve();
      const timer = setTimeout(() => reject(new Error(`${name} did not run within ${DEADLINE_MS / 1000} s: it waited for a poll`)), DEADLINE_MS);
      waiting.set(name, () => {
        clearTimeout(timer);
        resolve();
      });
    });
  return { queue, ran };
}

const idle = () => new Promise((r) => setTimeout(r, 1500));

test("a one-minute polling interval: an idle worker wakes for a partition and for a finalize job, and runs three queued jobs back to back", async () => {
  const setup = await started({ ...DEFAULT_QUEUE_SETTINGS, pollSeconds: 60 });
  if (setup === null) return; // no Postgres here: test/helpers/postgres.ts printed why (CI always has one)
  const { queue, ran } = setup;
  try {
    await idle();
    await queue.enqueue([part("a")], "http://api.test/");
    await ran("a");
    await idle();
    await queue.enqueue([part("b"), part("c"), part("d")], "http://api.test/");
    await Promise.all([ran("b"), ran("c"), ran("d")]);
    await idle();
    await queue.enqueueFinalize({ runId: "run-1", dataset: "d", connector: "c", codeHash: "h" });
    await ran("finalize run-1");
    assert.is(await queue.pending("run-1"), 0);
  } finally {
    await queue.stop({ graceful: false, timeoutMs: 1000 });
  }
});

test("LISTEN off: polling alone delivers every job", async () => {
  const setup = await started({ ...DEFAULT_QUEUE_SETTINGS, pollSeconds: 0.5, listen: false });
  if (setup === null) return;
  const { queue, ran } = setup;
  try {
    await idle();
    await queue.enqueue([part("a"), part("b")], "http://api.test/");
    await Promise.all([ran("a"), ran("b")]);
    await queue.enqueueFinalize({ runId: "run-1", dataset: "d", connector: "c", codeHash: "h" });
    await ran("finalize run-1");
  } finally {
    await queue.stop({ graceful: false, timeoutMs: 1000 });
  }
});

test("queues created before NOTIFY was used have it switched on when a worker starts", async () => {
  const url = await freshDatabase();
  if (url === null) return;
  const open = () =>
    pgBossQueue({ url, transactional: true, settings: DEFAULT_QUEUE_SETTINGS, applicationName: "gc-test", poolSize: 2, onWarning: () => undefined });
  const first = open();
  await first.start();
  await first.stop({ graceful: false, timeoutMs: 1000 });
  await withClient(url, (c) => c.query("UPDATE gen_connector_queue.queue SET notify = false"));
  const second = open();
  await second.start();
  await second.stop({ graceful: false, timeoutMs: 1000 });
  const rows = await withClient(url, async (c) => (await c.query("SELECT name, notify FROM gen_connector_queue.queue ORDER BY name")).rows);
  assert.equal(rows, [
    { name: "gc-finalize", notify: true },
    { name: "gc-partition", notify: true },
    { name: "gc-partition-dead", notify: true },
  ]);
});

test.run();
