// Child-batch partitions through the real CLI with worker processes, against the throwaway Postgres and
// the mock API: `sync --workers 2` over 30 tickets whose comments go out as 3 batches of 10 parents
// (every comment once, one marker per partition, no secret in any job, `runs` lists the batches); a
// batch that keeps failing fails the run naming it, and rerunning the run id fetches only its parents.
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT, runCli } from "../helpers/cli.ts";
import { freshDatabase, withClient } from "../helpers/postgres.ts";
import { FAST_QUEUE_ENV } from "../helpers/worker-process.ts";
import { COMMENTS_PER_TICKET, startMockApi, type MockApi } from "../mock-api/server.ts";

const DIR = join(ROOT, "test/helpers/batches-connector");
const TICKETS = 30;
const TOKEN = "tok_batches_e2e_SENTINEL_91fa";
const env = {
  SUPPORT_TOKEN: TOKEN,
  GC_BATCH_PARENTS: "10",
  ...FAST_QUEUE_ENV,
};
let api: MockApi;

test.before(async () => {
  api = await startMockApi({ records: TICKETS, auth: { type: "bearer", token: TOKEN } });
});
test.after(async () => api.close());
test.before.each(() => {
  api.setOptions({ faults: [] });
  api.requests.length = 0;
});

const sync = (url: string, more: Record<string, string>, ...flags: string[]) =>
  runCli(["sync", DIR, "--destination", url, "--base-url", api.url, ...flags], { env: { ...env, ...more } });

const held = (url: string) =>
  withClient(url, async (c) => {
    const comments = (await c.query("SELECT count(*)::int AS n, count(DISTINCT id)::int AS ids FROM support_tickets.ticket_comments")).rows[0];
    const markers = (await c.query("SELECT resource, partition, count(*)::int AS n FROM support_tickets._gc_partitions GROUP BY 1, 2 ORDER BY 1, 2")).rows;
    const runs = (await c.query("SELECT status FROM support_tickets._gc_runs")).rows;
    return { comments, markers, runs };
  });

const ALL = [
  { resource: "ticket_comments", partition: "all.b000000", n: 1 },
  { resource: "ticket_comments", partition: "all.b000001", n: 1 },
  { resource: "ticket_comments", partition: "all.b000002", n: 1 },
  { resource: "tickets", partition: "all", n: 1 },
];

test("sync --workers 2: the comments go out as 3 batches of 10 tickets, each committed once; no secret in a job; runs lists the batches", async () => {
  const url = (await freshDatabase()) as string;
  const done = await sync(url, {}, "--workers", "2");
  assert.is(done.code, 0, done.stderr);
  const runId = done.stdout.trim().split("\n")[0] ?? "";
  assert.equal(await held(url), {
    comments: { n: TICKETS * COMMENTS_PER_TICKET, ids: TICKETS * COMMENTS_PER_TICKET },
    markers: ALL,
    runs: [{ status: "completed" }],
  });
  const jobs = await withClient(url, async (c) => {
    const q =
      "SELECT count(*) FILTER (WHERE data->>'kind' = 'batch')::int AS batches, count(*) FILTER (WHERE CAST(data AS text) LIKE $1)::int AS secret FROM gen_connector_queue.job";
    return (await c.query(q, [`%${TOKEN}%`])).rows[0];
  });
  assert.equal(jobs, { batches: 3, secret: 0 }, "3 batch jobs, none holding the token");
  const runs = await runCli(["runs", DIR, "--destination", url, "--run", runId], { env });
  assert.is(runs.code, 0, runs.stderr);
  assert.match(runs.stdout, `run ${runId} `);
  assert.match(runs.stdout, ": completed, 4 of 4 partitions committed");
  assert.match(runs.stdout, "ticket_comments: 3/3 partitions, 90 records");
  assert.match(runs.stdout, /ticket_comments batch 3\/3 of tickets \(whole tree\) \(10 tickets records\): committed 30 records/);
});

test("a batch that keeps failing fails the run naming it (exit 1); rerunning the run id fetches only that batch's tickets' comments", async () => {
  const url = (await freshDatabase()) as string;
  api.setOptions({ faults: [{ when: { path: "/v1/resource/15/comments" }, times: 1000, response: { status: 400, body: "{}" } }] });
  const failed = await sync(url, { GC_QUEUE_RETRY_LIMIT: "0" }, "--workers", "2");
  assert.is(failed.code, 1, failed.stderr);
  const runId = failed.stdout.trim().split("\n")[0] ?? "";
  assert.match(failed.stderr, /ticket_comments batch \d\/3 of tickets \(whole tree\)/);
  const left = await held(url);
  assert.equal({ markers: left.markers.length, runs: left.runs }, { markers: 3, runs: [{ status: "failed" }] });
  api.setOptions({ faults: [] });
  api.requests.length = 0;
  const rerun = await sync(url, {}, "--workers", "1", "--run", runId);
  assert.is(rerun.code, 0, rerun.stderr);
  assert.match(rerun.stderr, `run ${runId}: 1 of 4 partitions enqueued (3 already committed)`, "the batches count among the run's partitions");
  assert.is(api.requests.filter((r) => r.path === "/v1/resource").length, 0, "the tickets are not fetched again");
  const parents = new Set(api.requests.map((r) => r.path));
  assert.is(parents.size, 10, "only the failed batch's 10 tickets' comments are fetched");
  assert.ok(parents.has("/v1/resource/15/comments"));
  assert.equal(await held(url), {
    comments: { n: TICKETS * COMMENTS_PER_TICKET, ids: TICKETS * COMMENTS_PER_TICKET },
    markers: ALL,
    runs: [{ status: "completed" }],
  });
});

test.run();
