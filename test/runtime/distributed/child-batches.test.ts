// Child-batch partitions without a queue, against the throwaway Postgres and the mock API: a parent
// tree of 250 tickets enqueues its comments as 3 batches of 100 parents; the rows equal a classic sync's;
// a batch failing once is retried and applied once; a committed batch delivered again changes nothing;
// a batch that keeps failing fails the run naming it and the rerun of the run id runs only that batch;
// a batch carries only the parent fields its child needs, never a secret.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { connector as tickets } from "../../../generated/support_tickets/index.ts";
import type { ConnectorSpec } from "../../../runtime/connector.ts";
import { applyBatch } from "../../../runtime/distributed/apply-batch.ts";
import { connectorSpecHash } from "../../../runtime/distributed/connector-hash.ts";
import { runPartitionsLocally } from "../../../runtime/distributed/executor.ts";
import { applyRunPartition } from "../../../runtime/distributed/run-partition.ts";
import type { BatchPartition } from "../../../runtime/distributed/partition.ts";
import { parsePartitionPayload } from "../../../runtime/distributed/queue/payload.ts";
import { partitionPayload } from "../../../runtime/distributed/queue/worker.ts";
import { runSync } from "../../../runtime/sync/run-sync.ts";
import { planOn } from "../../helpers/distributed.ts";
import { fakeClock } from "../../helpers/fake-clock.ts";
import { freshDatabase, pgTests, withClient } from "../../helpers/postgres.ts";
import { COMMENTS_PER_TICKET, startMockApi, type MockApi } from "../../mock-api/server.ts";

const TICKETS = 250;
const TOKEN = "tok_batches_SENTINEL_4b2d";
let api: MockApi;
const client = () => ({ baseUrl: api.url, secrets: { env: { SUPPORT_TOKEN: TOKEN }, dotenv: {} }, clock: fakeClock() });

/** support_tickets' tickets and ticket_comments (merged: a batch can commit it), each ticket carrying the token in a field no child needs. */
const parentChild: ConnectorSpec = {
  ...tickets,
  resources: tickets.resources
    .filter((r) => r.name !== "recent_comments")
    .map((r) =>
      r.parent === null
        ? { ...r, processingSteps: [{ map: (record: Record<string, unknown>) => ({ ...record, note: `internal ${TOKEN}` }) }] }
        : { ...r, table: { ...r.table, writeDisposition: "merge" as const } },
    ),
};

test.before(async () => {
  api = await startMockApi({ records: TICKETS, auth: { type: "bearer", token: TOKEN } });
});
test.after(async () => api.close());
test.before.each(() => {
  api.setOptions({ faults: [] });
  api.requests.length = 0;
});

const pgTest = await pgTests(test);

const comments = (url: string, schema: string) =>
  withClient(url, async (c) => (await c.query(`SELECT count(*)::int AS n, count(DISTINCT id)::int AS ids FROM ${schema}.ticket_comments`)).rows[0]);

const markers = (url: string, schema: string) =>
  withClient(
    url,
    async (c) =>
      (
        await c.query(
          `SELECT resource, partition, kind, bounds::text AS bounds, records::int, attempt FROM ${schema}._gc_partitions ORDER BY resource, partition`,
        )
      ).rows,
  );

/** The batch holding ticket `id`'s comments. */
const batchOf = (url: string, schema: string, id: number) =>
  withClient(url, async (c) => {
    const rows = (await c.query(`SELECT partition, parents::text AS parents FROM ${schema}._gc_batches`)).rows;
    return rows.find((r) => (JSON.parse(r.parents) as string[]).some((t) => (JSON.parse(t) as { id: number }).id === id))?.partition as string | undefined;
  });

pgTest(
  "250 parents, 100 per batch: 3 batch partitions, the comments a classic sync loads, one marker each; a batch failing once is retried and applied once",
  async () => {
    const url = (await freshDatabase()) as string;
    await runSync(parentChild, { destination: url, dataset: "classic", ...client() });
    // Ticket 150's comments answer 400 (not retried by the client) once: its batch fails its first attempt.
    api.setOptions({ faults: [{ when: { path: "/v1/resource/150/comments" }, times: 1, response: { status: 400, body: "{}" } }] });
    const run = await runPartitionsLocally(parentChild, { destination: url, dataset: "dist", client: client(), concurrency: 3, batchParents: 100, retries: 1 });
    assert.is(run.failures.length, 0, String(run.failures[0]?.error));
    assert.equal(
      { status: run.summary.status, planned: run.summary.planned, committed: run.summary.committed },
      { status: "completed", planned: 4, committed: 4 },
    );
    assert.equal(await comments(url, "dist"), { n: TICKETS * COMMENTS_PER_TICKET, ids: TICKETS * COMMENTS_PER_TICKET });
    assert.equal(await comments(url, "dist"), await comments(url, "classic"));
    const same = await withClient(
      url,
      async (c) =>
        (
          await c.query(
            "SELECT count(*)::int AS n FROM (SELECT id, body, _tickets_id, _tickets_customer_id FROM dist.ticket_comments EXCEPT SELECT id, body, _tickets_id, _tickets_customer_id FROM classic.ticket_comments) d",
          )
        ).rows[0],
    );
    assert.equal(same, { n: 0 }, "every comment row equals the classic sync's");
    const failing = await batchOf(url, "dist", 150);
    const held = await markers(url, "dist");
    assert.equal(
      held.map((m) => [m.resource, m.partition, m.kind, m.records, m.partition === failing ? m.attempt - 1 : m.attempt]),
      [
        ["ticket_comments", "all.b000000", "batch", 100 * COMMENTS_PER_TICKET, 0],
        ["ticket_comments", "all.b000001", "batch", 100 * COMMENTS_PER_TICKET, 0],
        ["ticket_comments", "all.b000002", "batch", 50 * COMMENTS_PER_TICKET, 0],
        ["tickets", "all", "tree", TICKETS, 0],
      ],
    );
    assert.equal(held.find((m) => m.partition === failing)?.attempt, 1, "the failed batch committed on its retry, every other partition on its first attempt");
    assert.equal(JSON.parse(held[2]?.bounds), { root: "tickets", parent: "all", index: 2, count: 3, records: 50 });
    assert.equal(
      run.summary.resources.map((r) => [r.resource, r.records, r.loads]),
      [
        ["ticket_comments", TICKETS * COMMENTS_PER_TICKET, 3],
        ["tickets", TICKETS, 1],
      ],
    );
    // The batches carry each parent's `id` and `customer_id` (path and include_from_parent), not its other fields, and never the token.
    const stored = await withClient(url, async (c) => (await c.query("SELECT parents::text AS parents FROM dist._gc_batches ORDER BY partition")).rows);
    assert.is(stored.length, 3);
    const parents = stored.flatMap((s) => JSON.parse(s.parents) as string[]).map((t) => JSON.parse(t) as Record<string, unknown>);
    assert.is(parents.length, TICKETS);
    assert.equal(Object.keys(parents[0] ?? {}), ["customer_id", "id"]);
    assert.not.match(JSON.stringify(stored), TOKEN);
  },
);

pgTest("a committed batch delivered again is skipped and changes nothing; its payload reads back and carries no secret", async () => {
  const url = (await freshDatabase()) as string;
  const run = await runPartitionsLocally(parentChild, { destination: url, client: client(), batchParents: 100 });
  assert.is(run.summary.status, "completed");
  const batch = run.results.map((r) => r.partition).find((p): p is BatchPartition => p.kind === "batch" && p.bounds.index === 1);
  assert.ok(batch !== undefined);
  const payload = partitionPayload(run.plan, batch);
  assert.not.match(JSON.stringify(payload), TOKEN);
  assert.equal(parsePartitionPayload(JSON.parse(JSON.stringify(payload))), payload);
  const before = await markers(url, "support_tickets");
  api.requests.length = 0;
  const again = await applyBatch(run.plan, batch, { connector: parentChild, codeHash: connectorSpecHash(parentChild), destination: url, client: client() });
  assert.is(again.status, "already-committed");
  assert.is(api.requests.length, 0, "nothing fetched");
  assert.equal(await markers(url, "support_tickets"), before);
  assert.equal(await comments(url, "support_tickets"), { n: TICKETS * COMMENTS_PER_TICKET, ids: TICKETS * COMMENTS_PER_TICKET });
});

pgTest("a batch that keeps failing fails the run naming it; rerunning the run id runs only that batch", async () => {
  const url = (await freshDatabase()) as string;
  api.setOptions({ faults: [{ when: { path: "/v1/resource/150/comments" }, times: 1000, response: { status: 400, body: "{}" } }] });
  const failed = await runPartitionsLocally(parentChild, { destination: url, client: client(), batchParents: 100 });
  const failing = await batchOf(url, "support_tickets", 150);
  assert.equal(
    failed.failures.map((f) => f.partition.key),
    [failing],
  );
  assert.equal(
    { status: failed.summary.status, planned: failed.summary.planned, committed: failed.summary.committed },
    { status: "failed", planned: 4, committed: 3 },
  );
  const index = Number(String(failing).slice(-6));
  assert.match(String(failed.summary.error), `1 of 4 partitions did not commit (ticket_comments batch ${index + 1}/3 of tickets (whole tree))`);
  api.setOptions({ faults: [] });
  api.requests.length = 0;
  const rerun = await runPartitionsLocally(parentChild, { destination: url, client: client(), runId: failed.plan.runId, batchParents: 100 });
  assert.equal(
    rerun.results.map((r) => [r.partition.key, r.status]),
    [[failing, "committed"]],
  );
  assert.is(api.requests.filter((r) => r.path === "/v1/resource").length, 0, "the tickets are not fetched again");
  const fetched = new Set(api.requests.map((r) => Number(r.path.split("/")[3])));
  assert.is(fetched.size, 100, "only the failed batch's 100 parents' comments are fetched");
  assert.ok(fetched.has(150));
  assert.equal({ status: rerun.summary.status, committed: rerun.summary.committed }, { status: "completed", committed: 4 });
  assert.equal(await comments(url, "support_tickets"), { n: TICKETS * COMMENTS_PER_TICKET, ids: TICKETS * COMMENTS_PER_TICKET });
});

pgTest("a parent whose commit fails records no batch: its batches live and die with its rows", async () => {
  const url = (await freshDatabase()) as string;
  const plan = await planOn(url, parentChild);
  const ctx = { connector: parentChild, codeHash: connectorSpecHash(parentChild), destination: url, client: client() };
  const failing = applyRunPartition(
    plan,
    plan.partitions[0]!,
    { ...ctx, inTransaction: async () => Promise.reject(new Error("crash before COMMIT")) },
    { batchParents: 100 },
  );
  assert.match(String(await failing.catch((error: unknown) => error)), "crash before COMMIT");
  const left = async () =>
    withClient(url, async (c) => ({
      batches: (await c.query("SELECT count(*)::int AS n FROM support_tickets._gc_batches")).rows[0]?.n,
      markers: (await c.query("SELECT count(*)::int AS n FROM support_tickets._gc_partitions")).rows[0]?.n,
    }));
  assert.equal(await left(), { batches: 0, markers: 0 });
  const applied = await applyRunPartition(plan, plan.partitions[0]!, ctx, { batchParents: 100 });
  assert.equal(
    applied.batches.map((b) => [b.key, b.bounds.records]),
    [
      ["all.b000000", 100],
      ["all.b000001", 100],
      ["all.b000002", 50],
    ],
  );
  assert.equal(await left(), { batches: 3, markers: 1 });
});

pgTest("a parent field a child needs that holds a configured secret fails the parent's partition instead of storing it", async () => {
  const url = (await freshDatabase()) as string;
  const leaking: ConnectorSpec = {
    ...parentChild,
    resources: parentChild.resources.map((r) => (r.parent === null ? r : { ...r, parent: { resource: "tickets", includeFromParent: ["id", "note"] } })),
  };
  const run = await runPartitionsLocally(leaking, { destination: url, client: client(), batchParents: 100 });
  assert.equal(
    run.failures.map((f) => f.partition.key),
    ["all"],
  );
  assert.match(String(run.failures[0]?.error), "holds a configured secret in a field ticket_comments needs (id, note)");
  assert.not.match(String(run.failures[0]?.error), TOKEN);
  const stored = await withClient(url, async (c) => (await c.query("SELECT count(*)::int AS n FROM support_tickets._gc_batches")).rows[0]);
  assert.equal(stored, { n: 0 });
});

pgTest("--full-refresh: child batches write the run's staging tables, start from initial_value, and the swap replaces the comments", async () => {
  const url = (await freshDatabase()) as string;
  await runSync(parentChild, { destination: url, dataset: "classic", ...client() });
  await runSync(parentChild, { destination: url, dataset: "dist", ...client() });
  // A comment the API no longer returns: a full refresh must not keep it.
  await withClient(url, async (c) => {
    await c.query("CREATE TEMP TABLE stale AS SELECT * FROM dist.ticket_comments LIMIT 1");
    await c.query("UPDATE stale SET id = -1");
    await c.query("INSERT INTO dist.ticket_comments SELECT * FROM stale");
  });
  const run = await runPartitionsLocally(parentChild, {
    destination: url,
    dataset: "dist",
    client: client(),
    concurrency: 3,
    batchParents: 100,
    fullRefresh: true,
  });
  assert.is(run.failures.length, 0, String(run.failures[0]?.error));
  assert.equal({ status: run.summary.status, committed: run.summary.committed }, { status: "completed", committed: 4 });
  assert.equal(await comments(url, "dist"), { n: TICKETS * COMMENTS_PER_TICKET, ids: TICKETS * COMMENTS_PER_TICKET }, "the stale comment is gone");
  const left = await withClient(
    url,
    async (c) =>
      (
        await c.query(
          "SELECT count(*)::int AS n, string_agg(tablename, ',') AS names FROM pg_tables WHERE schemaname = 'dist' AND starts_with(tablename, '_gc_run_')",
        )
      ).rows[0],
  );
  assert.equal(left, { n: 0, names: null }, "no staging table left after the swap");
});

test.run();
