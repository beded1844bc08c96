// Replace and full refresh in distributed runs through the real CLI, against the throwaway Postgres and
// the mock API: `sync --workers 2` of a windowed replace table (worker processes as children) swaps the
// run's rows in at the end — rows stored before and not extracted again are gone, nested rows too, no
// staging table left — and `sync --workers 2 --full-refresh` starts over from initial_value.
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT, runCli } from "../helpers/cli.ts";
import { END, RECORDS, WINDOWS } from "../helpers/distributed-replace-connector/index.ts";
import { freshDatabase, withClient } from "../helpers/postgres.ts";
import { startMockApi, type MockApi } from "../mock-api/server.ts";
import type { TicketRecord } from "../mock-api/records.ts";

const DIR = join(ROOT, "test/helpers/distributed-replace-connector");
const API_KEY = "dist-replace-secret-41b7";
const env = { API_KEY, GC_QUEUE_POLL_SECONDS: "0.5", GC_QUEUE_RETRY_DELAY_SECONDS: "0" };
let api: MockApi;

test.before(async () => {
  api = await startMockApi({ records: RECORDS, auth: { type: "api_key_query", name: "api_key", value: API_KEY } });
});
test.after(async () => api.close());

const sync = (url: string, ...flags: string[]) => runCli(["sync", DIR, "--destination", url, "--base-url", api.url, "--workers", "2", ...flags], { env });

const held = (url: string) =>
  withClient(url, async (c) => {
    const one = async (sql: string) => (await c.query(sql)).rows[0] as Record<string, unknown>;
    return {
      ...(await one(
        "SELECT count(*)::int AS n, count(DISTINCT id)::int AS ids, max(id)::int AS last, min(subject) AS subject FROM customer_support.customer_support_data",
      )),
      ...(await one("SELECT count(*)::int AS tags FROM customer_support.customer_support_data__tags")),
      ...(await one("SELECT value->>'lastValue' AS cursor FROM customer_support._gc_state")),
      ...(await one("SELECT count(*)::int AS staging FROM pg_tables WHERE schemaname = 'customer_support' AND tablename LIKE '\\_gc\\_run\\_%'")),
    };
  });

test("sync --workers 2 of a windowed replace table, then --full-refresh: each run's rows swapped in whole at its end", async () => {
  const url = await freshDatabase();
  if (url === null) return; // no Postgres here: test/helpers/postgres.ts printed why (CI always has one)
  await withClient(url, async (c) => {
    await c.query("CREATE SCHEMA customer_support");
    await c.query("CREATE TABLE customer_support.customer_support_data (id bigint NOT NULL, subject text)");
    await c.query("INSERT INTO customer_support.customer_support_data VALUES (99999, 'stored before the run')");
  });
  api.setOptions({ mutate: (r: TicketRecord) => ({ ...r, subject: "first run" }) });
  const first = await sync(url);
  assert.is(first.code, 0, first.stderr);
  assert.match(first.stderr, new RegExp(`${WINDOWS} of ${WINDOWS} partitions committed`));
  assert.equal(await held(url), { n: RECORDS, ids: RECORDS, last: RECORDS, subject: "first run", tags: 2 * RECORDS, cursor: END, staging: 0 });
  // The cursor is at the end: only a full refresh fetches the windows again.
  api.setOptions({ mutate: (r: TicketRecord) => ({ ...r, subject: "full refresh", tags: ["only"] }) });
  const full = await sync(url, "--full-refresh");
  assert.is(full.code, 0, full.stderr);
  assert.match(full.stderr, new RegExp(`${WINDOWS} of ${WINDOWS} partitions enqueued`));
  assert.equal(await held(url), { n: RECORDS, ids: RECORDS, last: RECORDS, subject: "full refresh", tags: RECORDS, cursor: END, staging: 0 });
  const runs = await withClient(url, async (c) => (await c.query("SELECT status FROM customer_support._gc_runs ORDER BY planned_at")).rows);
  assert.equal(runs, [{ status: "completed" }, { status: "completed" }]);
});

test.run();
