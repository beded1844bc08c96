// SIGTERM of a `gen-connector worker` while it holds a partition: with slow pages it finishes and
// commits that partition, claims nothing new and exits 0; with a page that never answers, it releases
// the job once its stop grace (GC_QUEUE_STOP_GRACE_SECONDS) is spent and exits 0, and another worker
// commits the partition on its retry. Either way the run completes with every key once.
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT, runCli } from "../helpers/cli.ts";
import { RECORDS, WINDOWS, windowStart } from "../helpers/distributed-connector/index.ts";
import { freshDatabase, withClient } from "../helpers/postgres.ts";
import { FAST_QUEUE_ENV, startWorkerProcess, until, type WorkerProcess } from "../helpers/worker-process.ts";
import { startMockApi, type MockApi } from "../mock-api/server.ts";

const DIR = join(ROOT, "test/helpers/distributed-connector");
const API_KEY = "sigterm-secret-0d4e";
const env = { API_KEY, ...FAST_QUEUE_ENV };
let api: MockApi;

test.before(async () => {
  api = await startMockApi({ records: RECORDS, auth: { type: "api_key_query", name: "api_key", value: API_KEY } });
});
test.after(async () => api.close());

type Worker = WorkerProcess;

const startWorker = (url: string, graceSeconds = 30): Worker =>
  startWorkerProcess(DIR, url, ["--base-url", api.url], { ...env, GC_QUEUE_STOP_GRACE_SECONDS: String(graceSeconds) });

/** Exits within `seconds` (else SIGKILL and a failure naming what it was doing). */
async function exitsWithin(w: Worker, seconds: number): Promise<number | NodeJS.Signals | null> {
  const timer = setTimeout(() => w.child.kill("SIGKILL"), seconds * 1000);
  const code = await w.exited;
  clearTimeout(timer);
  assert.is.not(code, "SIGKILL", `the worker did not exit within ${seconds} s of SIGTERM:\n${w.lines.join("\n")}`);
  return code;
}

const held = (url: string) =>
  withClient(url, async (c) => {
    const rows = (await c.query("SELECT count(*)::int AS n, count(DISTINCT id)::int AS ids FROM customer_support.customer_support_data")).rows[0];
    const markers = (await c.query("SELECT count(*)::int AS markers FROM customer_support._gc_partitions")).rows[0];
    const runs = (await c.query("SELECT status FROM customer_support._gc_runs")).rows;
    return { ...rows, ...markers, runs };
  });

/** Runs the rest of the run with a fresh worker and checks it completed with every key once. */
async function finishWith(url: string): Promise<void> {
  const rest = startWorker(url);
  try {
    // The data table appears with the first commit.
    const completed = async () => ((await held(url)).runs[0]?.status === "completed" ? true : undefined);
    await until("the run to complete", 90, () => completed().catch(() => undefined), 50);
  } finally {
    rest.child.kill("SIGTERM");
  }
  assert.is(await exitsWithin(rest, 30), 0);
  assert.equal(await held(url), { n: RECORDS, ids: RECORDS, markers: WINDOWS, runs: [{ status: "completed" }] });
}

test("SIGTERM mid-partition (slow pages): the worker commits that partition, claims nothing new, exits 0", async () => {
  const url = await freshDatabase();
  if (url === null) return; // no Postgres here: test/helpers/postgres.ts printed why (CI always has one)
  api.setOptions({ pageDelayMs: 1500, faults: [] });
  const planned = await runCli(["sync", DIR, "--destination", url, "--base-url", api.url, "--distributed"], { env });
  assert.is(planned.code, 0, planned.stderr);
  const w = startWorker(url);
  const window = await until("a partition to start", 60, () => w.lines.map((l) => /(window \d+\/10) started \(attempt 0\)/.exec(l)?.[1]).find(Boolean), 50);
  w.child.kill("SIGTERM");
  assert.is(await exitsWithin(w, 30), 0, w.lines.join("\n"));
  const after = w.lines.slice(w.lines.findIndex((l) => l.includes("SIGTERM: claiming nothing new")));
  assert.ok(after.length > 0, w.lines.join("\n"));
  assert.ok(
    after.some((l) => l.includes(`${window} committed`)),
    `${window} committed after SIGTERM:\n${w.lines.join("\n")}`,
  );
  assert.not.ok(
    after.some((l) => l.includes("started")),
    `nothing claimed after SIGTERM:\n${w.lines.join("\n")}`,
  );
  assert.is((await held(url)).markers, 1);
  api.setOptions({ pageDelayMs: 0, faults: [] });
  await finishWith(url);
});

test("SIGTERM while a page never answers: the job is released after the stop grace, the worker exits 0, the retry commits it", async () => {
  const url = await freshDatabase();
  if (url === null) return;
  const stalled = windowStart(0);
  api.setOptions({ pageDelayMs: 0, faults: [{ when: { query: { created_since: stalled } }, times: 1, response: "stall" }] });
  api.requests.length = 0;
  const planned = await runCli(["sync", DIR, "--destination", url, "--base-url", api.url, "--distributed"], { env });
  assert.is(planned.code, 0, planned.stderr);
  const w = startWorker(url, 2);
  await until("the stalled request", 60, () => (api.requests.some((r) => r.query.created_since === stalled) ? true : undefined), 50);
  w.child.kill("SIGTERM");
  assert.is(await exitsWithin(w, 30), 0, w.lines.join("\n"));
  const marker = await withClient(url, (c) => c.query("SELECT count(*)::int AS n FROM customer_support._gc_partitions WHERE partition = 'w000000'"));
  assert.is(marker.rows[0].n, 0, "the stalled window did not commit");
  await finishWith(url);
  const retried = await withClient(url, (c) => c.query("SELECT attempt FROM customer_support._gc_partitions WHERE partition = 'w000000'"));
  assert.is(retried.rows[0]?.attempt, 1, "window 1 committed by its retry");
});

test.run();
