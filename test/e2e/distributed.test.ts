// Distributed runs through the real CLI against the throwaway Postgres and the mock API: three worker
// processes over a windowed backfill, one SIGKILLed while it holds a stalled page (its window retried by
// another after the heartbeat timeout, applied once); a second distributed run of the dataset refused
// naming the first; no secret in any job; `sync --workers N` with a window that keeps failing (the run
// failed naming it, exit 1) and the rerun of its id (only that window fetched, exit 0); DuckDB refused.
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT, runCli } from "../helpers/cli.ts";
import { RECORDS, WINDOWS, windowStart } from "../helpers/distributed-connector/index.ts";
import { freshDatabase, withClient } from "../helpers/postgres.ts";
import { FAST_QUEUE_ENV, startWorkerProcess, until, type WorkerProcess } from "../helpers/worker-process.ts";
import { startMockApi, type MockApi } from "../mock-api/server.ts";

const DIR = join(ROOT, "test/helpers/distributed-connector");
const API_KEY = "dist-secret-7c1e9a";
const env = { API_KEY, ...FAST_QUEUE_ENV };
const END = "2024-01-03T02:00:00Z";
let api: MockApi;

test.before(async () => {
  api = await startMockApi({ records: RECORDS, auth: { type: "api_key_query", name: "api_key", value: API_KEY } });
});
test.after(async () => api.close());
test.before.each(() => {
  api.setOptions({ pageDelayMs: 20, faults: [] });
  api.requests.length = 0;
});

const cli = (url: string, command: string, ...flags: string[]) => runCli([command, DIR, "--destination", url, "--base-url", api.url, ...flags], { env });

interface Held {
  n: number;
  ids: number;
  markers: number;
  windows: number;
  cursor: string | null;
  runs: { status: string }[];
}

const held = (url: string): Promise<Held> =>
  withClient(url, async (c) => {
    const rows = await c.query("SELECT count(*)::int AS n, count(DISTINCT id)::int AS ids FROM customer_support.customer_support_data");
    const markers = await c.query("SELECT count(*)::int AS markers, count(DISTINCT partition)::int AS windows FROM customer_support._gc_partitions");
    const state = await c.query("SELECT value->>'lastValue' AS cursor FROM customer_support._gc_state ORDER BY updated_at DESC LIMIT 1");
    const runs = await c.query("SELECT status FROM customer_support._gc_runs ORDER BY planned_at");
    return { ...rows.rows[0], ...markers.rows[0], cursor: state.rows[0]?.cursor ?? null, runs: runs.rows } as Held;
  });

/** A `gen-connector worker` process of the test connector against the mock API. */
const startWorker = (url: string): WorkerProcess => startWorkerProcess(DIR, url, ["--base-url", api.url], env);

test("three workers, one SIGKILLed holding a stalled page: its window retried by another, every key once, one marker per window; a second run refused; no secret in a job", async () => {
  const url = await freshDatabase();
  if (url === null) return; // no Postgres here: test/helpers/postgres.ts printed why (CI always has one)
  const stalled = windowStart(5);
  api.setOptions({ faults: [{ when: { query: { created_since: stalled } }, times: 1, response: "stall" }] });
  const planned = await cli(url, "sync", "--distributed");
  assert.is(planned.code, 0, planned.stderr);
  const runId = planned.stdout.trim();
  assert.match(planned.stderr, new RegExp(`run ${runId}: ${WINDOWS} of ${WINDOWS} partitions enqueued`));
  const second = await cli(url, "sync", "--distributed");
  assert.is(second.code, 1, second.stderr);
  assert.match(second.stderr, new RegExp(`already has a distributed run in progress: run ${runId}`));

  const workers = [startWorker(url), startWorker(url), startWorker(url)];
  try {
    const holder = await until("the worker holding window 6", 90, () =>
      workers.find((w) => w.lines.some((l) => l.includes("window 6/10 started (attempt 0)"))),
    );
    await until("the stalled request", 30, () => (api.requests.some((r) => r.query.created_since === stalled) ? true : undefined));
    holder.child.kill("SIGKILL");
    assert.is(await holder.exited, "SIGKILL");
    await until("the run to complete", 90, async () => ((await held(url)).runs[0]?.status === "completed" ? true : undefined));
    assert.equal(await held(url), { n: RECORDS, ids: RECORDS, markers: WINDOWS, windows: WINDOWS, cursor: END, runs: [{ status: "completed" }] });
    const retried = await withClient(url, (c) => c.query("SELECT attempt, worker FROM customer_support._gc_partitions WHERE partition = 'w000005'"));
    assert.is(retried.rows[0]?.attempt, 1, "window 6 committed by its second attempt");
    assert.not.ok(String(retried.rows[0]?.worker).endsWith(`:${holder.child.pid}`), "not by the killed worker");
    const jobs = await withClient(url, async (c) => {
      const q = "SELECT count(*)::int AS n, count(*) FILTER (WHERE CAST(data AS text) LIKE $1)::int AS secret FROM gen_connector_queue.job";
      return (await c.query(q, [`%${API_KEY}%`])).rows[0];
    });
    assert.ok(jobs.n >= WINDOWS, `${jobs.n} jobs in the queue`);
    assert.is(jobs.secret, 0, "no job payload holds the API key");
  } finally {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill("SIGTERM");
  }
  for (const w of workers.filter((w) => w.child.signalCode !== "SIGKILL")) assert.is(await w.exited, 0, "SIGTERM: a clean exit");
  const runs = await runCli(["runs", DIR, "--destination", url, "--run", runId], { env });
  assert.is(runs.code, 0, runs.stderr);
  assert.match(runs.stdout, new RegExp(`run ${runId} .*: completed, ${WINDOWS} of ${WINDOWS} partitions committed, ${RECORDS} records`));
  assert.match(runs.stdout, /window 6\/10 .*: committed 300 records .* attempt 1/);
});

test("sync --workers 2, a window that keeps failing: the run fails naming it, exit 1, the rest committed; rerunning the run id fetches only that window", async () => {
  const url = await freshDatabase();
  if (url === null) return;
  const bad = windowStart(4);
  api.setOptions({ faults: [{ when: { query: { created_since: bad } }, times: 1000, response: { status: 400, body: "{}" } }] });
  const failed = await runCli(["sync", DIR, "--destination", url, "--base-url", api.url, "--workers", "2"], { env: { ...env, GC_QUEUE_RETRY_LIMIT: "0" } });
  assert.is(failed.code, 1, failed.stderr);
  assert.match(failed.stderr, /failed: customer_support_data window 5\/10 failed after its retries: .*400/);
  assert.match(failed.stderr, /window 5\/10 \[.*\): missing/);
  const runId = failed.stdout.trim();
  const left = await held(url);
  assert.equal({ n: left.n, markers: left.markers, runs: left.runs }, { n: RECORDS - 300, markers: WINDOWS - 1, runs: [{ status: "failed" }] });
  assert.is(left.cursor, bad, "the cursor stops at the end of the committed prefix");
  api.setOptions({ faults: [] });
  api.requests.length = 0;
  const rerun = await cli(url, "sync", "--workers", "1", "--run", runId);
  assert.is(rerun.code, 0, rerun.stderr);
  assert.match(rerun.stderr, new RegExp(`run ${runId}: 1 of ${WINDOWS} partitions enqueued \\(${WINDOWS - 1} already committed\\)`));
  assert.match(rerun.stderr, new RegExp(`completed in [0-9.]+ s, ${WINDOWS} of ${WINDOWS} partitions committed`));
  assert.equal([...new Set(api.requests.map((r) => r.query.created_since))], [bad], "only the missing window is fetched");
  assert.equal(await held(url), { n: RECORDS, ids: RECORDS, markers: WINDOWS, windows: WINDOWS, cursor: END, runs: [{ status: "completed" }] });
});

test("DuckDB destination: a usage error saying a DuckDB file has one writer", async () => {
  for (const flags of [["--workers", "2"], ["--distributed"]]) {
    const result = await runCli(["sync", DIR, "--destination", "duckdb:/tmp/never.duckdb", ...flags], { env });
    assert.is(result.code, 2, result.stderr);
    assert.match(result.stderr, /needs a postgres:\/\/ destination.*a DuckDB file has a single writer/);
  }
  const worker = await runCli(["worker", DIR, "--destination", "duckdb:/tmp/never.duckdb"], { env });
  assert.is(worker.code, 2, worker.stderr);
});

test.run();
