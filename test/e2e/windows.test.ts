// Windowed backfills (endpoint.incremental.window) on DuckDB: each window committed in order with its
// cursor and `_gc_loads` row; a run failing midway resumes at its first uncommitted window.
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { IncrementalSpec } from "../../runtime/connector.ts";
import type { OffsetSpec } from "../../runtime/paginators/offset.ts";
import { runSync } from "../../runtime/sync/run-sync.ts";
import { query, tempDbPath } from "../helpers/duckdb.ts";
import { fakeClock } from "../helpers/fake-clock.ts";
import { freshDatabase, withClient } from "../helpers/postgres.ts";
import { startMockApi, type MockApi } from "../mock-api/server.ts";
import { seed, variant } from "./variants.ts";

let api: MockApi;
const secrets = { env: { API_KEY: "k" }, dotenv: {} };
const offset = seed.resources[0]!.endpoint.paginator as OffsetSpec;
// 300 records, one a minute from 2024-01-01T00:00Z: five windows of an hour, 60 records each, 3 pages of 25.
const incremental: IncrementalSpec = {
  cursorPath: "created_at",
  initialValue: "2024-01-01T00:00:00Z",
  endValue: "2024-01-01T05:00:00Z",
  startParam: "created_since",
  endParam: "created_until",
  lastValueFunc: "max",
  rangeStart: "closed",
  rangeEnd: "open",
  lag: null,
  onCursorValueMissing: "raise",
  rowOrder: null,
  convert: null,
  window: { step: 3600, lookback: 0 },
};
const windowed = variant({ endpoint: { paginator: { ...offset, limit: 25 }, incremental } });
const ROWS = "SELECT count(*) AS n, count(DISTINCT id) AS ids FROM customer_support.customer_support_data";
const LOADS = "SELECT status, records FROM customer_support._gc_loads ORDER BY load_id";
const CURSOR = "SELECT json_extract_string(value, '$.lastValue') AS last FROM customer_support._gc_state";

test.before(async () => {
  api = await startMockApi({ records: 300 });
});
test.after(async () => api.close());

const sync = (db: string, concurrency = 1) => runSync(windowed, { destination: `duckdb:${db}`, baseUrl: api.url, secrets, clock: fakeClock(), concurrency });
const since = () => api.requests.map((r) => r.query.created_since).filter((s, i, all) => all.indexOf(s) === i);

test("five windows fetched 4 at a time, committed one by one: rows, one completed load each, cursor at the end", async () => {
  api.requests.length = 0;
  const db = tempDbPath();
  const summary = await sync(db, 4);
  assert.is(summary.resources[0]?.records, 300);
  assert.equal(await query(db, ROWS), [{ n: 300, ids: 300 }]);
  assert.equal(
    await query(db, LOADS),
    Array.from({ length: 5 }, () => ({ status: "completed", records: 60 })),
  );
  assert.equal(await query(db, CURSOR), [{ last: "2024-01-01T05:00:00Z" }]);
  assert.is(since().length, 5);
  assert.ok(
    api.requests.every((r) => r.query.created_until !== undefined),
    "the window's end went out as end_param",
  );
});

test("a run failing in window 3 keeps windows 1-2; the next run starts at window 3 and fetches nothing twice", async () => {
  api.requests.length = 0;
  const db = tempDbPath();
  api.setOptions({ failAfter: 7 }); // windows 1 and 2 take 3 requests each; window 3 fails on its 2nd page
  try {
    await sync(db);
    assert.unreachable("the run should fail");
  } catch (error) {
    assert.match(String(error), "503");
  }
  assert.equal(await query(db, ROWS), [{ n: 120, ids: 120 }]);
  assert.equal(await query(db, CURSOR), [{ last: "2024-01-01T02:00:00Z" }]);
  const failed = await query(db, "SELECT status, count(*) AS n FROM customer_support._gc_loads GROUP BY status ORDER BY status");
  assert.equal(failed, [
    { status: "completed", n: 2 },
    { status: "failed", n: 1 },
  ]);
  api.setOptions({ failAfter: undefined });
  api.requests.length = 0;
  await sync(db);
  assert.equal(since(), ["2024-01-01T02:00:00Z", "2024-01-01T03:00:00Z", "2024-01-01T04:00:00Z"], "windows 3-5 only");
  assert.equal(await query(db, ROWS), [{ n: 300, ids: 300 }]);
  assert.equal(await query(db, CURSOR), [{ last: "2024-01-01T05:00:00Z" }]);
});

test("Postgres: a failed window keeps the ones before it; the resumed run loads the rest once", async () => {
  const url = await freshDatabase();
  if (url === null) return; // no Postgres here: test/helpers/postgres.ts printed why (CI always has one)
  const options = { destination: url, baseUrl: api.url, secrets, clock: fakeClock(), concurrency: 1 };
  const pg = (sql: string) => withClient(url, async (c) => (await c.query(sql)).rows);
  api.setOptions({ failAfter: api.requests.length + 10 }); // windows 1-3 (9 requests), then window 4 fails
  try {
    await runSync(windowed, options);
    assert.unreachable("the run should fail");
  } catch (error) {
    assert.match(String(error), "503");
  }
  assert.equal(await pg("SELECT count(*)::int AS n FROM customer_support.customer_support_data"), [{ n: 180 }]);
  api.setOptions({ failAfter: undefined });
  api.requests.length = 0;
  await runSync(windowed, options);
  assert.equal(since(), ["2024-01-01T03:00:00Z", "2024-01-01T04:00:00Z"]);
  assert.equal(await pg("SELECT count(*)::int AS n, count(DISTINCT id)::int AS ids FROM customer_support.customer_support_data"), [{ n: 300, ids: 300 }]);
  assert.equal(await pg("SELECT value->>'lastValue' AS last FROM customer_support._gc_state"), [{ last: "2024-01-01T05:00:00Z" }]);
});

test.run();
