// `--queue URL` on a database of its own (a second database of the throwaway server): `sync --workers 2
// --queue <other db>` over a windowed backfill puts pg-boss there and nowhere else, completes the run
// (every key once, one marker per window), and a duplicate delivery of a committed window — what a
// worker dying between its commit and the job's completion in the other database leaves — is skipped
// by the marker: nothing fetched, nothing written, the job completed.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT, runCli } from "../helpers/cli.ts";
import { RECORDS, WINDOWS } from "../helpers/distributed-connector/index.ts";
import { freshDatabase, withClient } from "../helpers/postgres.ts";
import { FAST_QUEUE_ENV } from "../helpers/worker-process.ts";
import { startMockApi } from "../mock-api/server.ts";

const DIR = join(ROOT, "test/helpers/distributed-connector");
const API_KEY = "queue-db-secret-93b0";
const env = { API_KEY, ...FAST_QUEUE_ENV };

const hasQueueSchema = (url: string): Promise<boolean> =>
  withClient(url, async (c) => (await c.query("SELECT to_regnamespace('gen_connector_queue') IS NOT NULL AS ok")).rows[0].ok as boolean);

const held = (url: string) =>
  withClient(url, async (c) => {
    const rows = (await c.query("SELECT count(*)::int AS n, count(DISTINCT id)::int AS ids FROM customer_support.customer_support_data")).rows[0];
    const q =
      "SELECT count(*)::int AS markers, count(DISTINCT partition)::int AS windows, max(committed_at)::text AS last FROM customer_support._gc_partitions";
    const markers = (await c.query(q)).rows[0];
    const runs = (await c.query("SELECT status FROM customer_support._gc_runs")).rows;
    return { ...rows, ...markers, runs };
  });

test("sync --workers 2 --queue <another database>: pg-boss only there, the run completed once; a duplicate delivery is skipped", async () => {
  const url = await freshDatabase();
  const queueUrl = await freshDatabase();
  if (url === null || queueUrl === null) return; // no Postgres here: test/helpers/postgres.ts printed why (CI always has one)
  const api = await startMockApi({ records: RECORDS, auth: { type: "api_key_query", name: "api_key", value: API_KEY } });
  try {
    api.setOptions({ pageDelayMs: 10, faults: [] });
    const run = await runCli(["sync", DIR, "--destination", url, "--queue", queueUrl, "--base-url", api.url, "--workers", "2"], { env });
    assert.is(run.code, 0, run.stderr);
    assert.match(run.stderr, `${WINDOWS} of ${WINDOWS} partitions enqueued for dataset customer_support in postgres://`);
    assert.match(run.stderr, `completed`);
    const after = await held(url);
    assert.equal(
      { ...after, last: undefined },
      { n: RECORDS, ids: RECORDS, markers: WINDOWS, windows: WINDOWS, last: undefined, runs: [{ status: "completed" }] },
    );
    assert.is(await hasQueueSchema(queueUrl), true, "pg-boss lives in the queue database");
    assert.is(await hasQueueSchema(url), false, "and not in the destination");

    // The same job again (same payload), as a redelivery would bring it.
    const duplicate = await withClient(queueUrl, async (c) => {
      const job = (
        await c.query("SELECT data, group_id FROM gen_connector_queue.job WHERE name = 'gc-partition' AND state = 'completed' ORDER BY created_on LIMIT 1")
      ).rows[0];
      const sql = "INSERT INTO gen_connector_queue.job (name, data, group_id) VALUES ('gc-partition', $1, $2) RETURNING id";
      return (await c.query(sql, [job.data, job.group_id])).rows[0].id as string;
    });
    const requests = api.requests.length;
    const worker = spawn(
      process.execPath,
      [join(ROOT, "bin/gen-connector.js"), "worker", DIR, "--destination", url, "--queue", queueUrl, "--base-url", api.url],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...env },
        stdio: ["ignore", "ignore", "pipe"],
      },
    );
    const lines: string[] = [];
    const exited = new Promise<number | null>((resolve) => worker.on("exit", (code) => resolve(code)));
    const skipped = new Promise<void>((resolve) =>
      createInterface({ input: worker.stderr! }).on("line", (line) => {
        lines.push(line);
        if (/was already committed by .*: skipped/.test(line)) resolve();
      }),
    );
    const timeout = setTimeout(() => worker.kill("SIGTERM"), 60_000);
    await Promise.race([skipped, exited]);
    clearTimeout(timeout);
    const state = async () =>
      withClient(queueUrl, async (c) => (await c.query("SELECT state FROM gen_connector_queue.job WHERE id = $1", [duplicate])).rows[0]?.state as string);
    for (let i = 0; i < 50 && (await state()) !== "completed"; i++) await new Promise((r) => setTimeout(r, 100));
    worker.kill("SIGTERM");
    assert.is(await exited, 0, lines.join("\n"));
    assert.ok(
      lines.some((l) => /was already committed by .*: skipped/.test(l)),
      lines.join("\n"),
    );
    assert.is(await state(), "completed", "the duplicate job is completed in the queue database");
    assert.is(api.requests.length, requests, "the duplicate fetched nothing");
    assert.equal(await held(url), after, "and changed nothing");
  } finally {
    await api.close();
  }
});

test.run();
