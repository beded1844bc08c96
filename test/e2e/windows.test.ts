// Windowed backfills (endpoint.incremental.window) on DuckDB: each window committed in order with its
// cursor and `_gc_loads` row; a run failing midway resumes at its first uncommitted window.
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { ConnectorSpec } from "../../runtime/connector.ts";
import { connector as supportTickets } from "../../generated/support_tickets/index.ts";
import { AheadBudget } from "../../runtime/sync/ahead-budget.ts";
import { runSync } from "../../runtime/sync/run-sync.ts";
import { query, tempDbPath } from "../helpers/duckdb.ts";
import { fakeClock } from "../helpers/fake-clock.ts";
import { freshDatabase, withClient } from "../helpers/postgres.ts";
import { windowIncremental, windowed } from "../helpers/windowed.ts";
import { startMockApi, type MockApi } from "../mock-api/server.ts";

let api: MockApi;
const secrets = { env: { API_KEY: "k" }, dotenv: {} };
const ROWS = "SELECT count(*) AS n, count(DISTINCT id) AS ids FROM customer_support.customer_support_data";
const LOADS = "SELECT status, records FROM customer_support._gc_loads ORDER BY load_id";
const CURSOR = "SELECT json_extract_string(value, '$.lastValue') AS last FROM customer_support._gc_state";

test.before(async () => {
  api = await startMockApi({ records: 300 });
});
test.after(async () => api.close());
test.before.each(() => {
  api.setOptions({ mutate: undefined, failAfter: undefined });
});

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

test("windows fetched ahead wait for room past the records budget: every row still lands, in window order, and a failure ends the waits", async () => {
  // 60 records a window, a budget of 30: a window ahead holds one page (25) before it waits for the
  // windows before it to commit.
  const db = tempDbPath();
  const run = (budget: number) =>
    runSync(windowed, { destination: `duckdb:${db}`, baseUrl: api.url, secrets, clock: fakeClock(), concurrency: 4, aheadRecords: budget });
  api.setOptions({ failAfter: 8 });
  try {
    await run(30);
    assert.unreachable("the run should fail");
  } catch (error) {
    assert.match(String(error), "503");
  }
  const COMPLETED = "SELECT count(*) AS n FROM customer_support._gc_loads WHERE status = 'completed'";
  const kept = 60 * Number((await query(db, COMPLETED))[0]?.["n"]);
  api.setOptions({ failAfter: undefined });
  // The most records held at once: the head window's 60, and a page (25) a window ahead took before it.
  let most = 0;
  const reserve = AheadBudget.prototype.reserve;
  AheadBudget.prototype.reserve = async function (this: AheadBudget, unit: number, records: number) {
    await reserve.call(this, unit, records);
    most = Math.max(most, this.held);
  };
  const summary = await run(30).finally(() => {
    AheadBudget.prototype.reserve = reserve;
  });
  assert.ok(most > 0 && most <= 85, `at most 85 records held, ${most} were`);
  assert.is(summary.resources[0]?.records, 300 - kept, "the rest, nothing twice");
  assert.equal(await query(db, ROWS), [{ n: 300, ids: 300 }]);
  assert.equal(await query(db, CURSOR), [{ last: "2024-01-01T05:00:00Z" }]);
  assert.equal(await query(db, COMPLETED), [{ n: 5 }]);
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

/** support_tickets with its tickets cut into the five windows: children (merge) and a `replace` child per ticket. */
const windowedTree: ConnectorSpec = {
  ...supportTickets,
  resources: supportTickets.resources.map((r) =>
    r.name === "tickets"
      ? {
          ...r,
          endpoint: {
            ...r.endpoint,
            paginator: { ...(r.endpoint.paginator as object), limit: 25 } as typeof r.endpoint.paginator,
            incremental: windowIncremental,
          },
        }
      : r,
  ),
};

test("a windowed parent carries its children: each window commits its parents' children; a replace child holds every window", async () => {
  const db = tempDbPath();
  const options = { destination: `duckdb:${db}`, baseUrl: api.url, secrets: { env: { SUPPORT_TOKEN: "t" }, dotenv: {} }, clock: fakeClock(), concurrency: 4 };
  const counts =
    "SELECT (SELECT count(*) FROM support_tickets.tickets) AS tickets, (SELECT count(DISTINCT _tickets_id) FROM support_tickets.ticket_comments) AS parents, (SELECT count(*) FROM support_tickets.ticket_comments) AS comments, (SELECT count(*) FROM support_tickets.recent_comment) AS recent";
  const expected = [{ tickets: 300, parents: 300, comments: 900, recent: 900 }];
  const summary = await runSync(windowedTree, options);
  assert.equal(
    summary.resources.map((r) => [r.resource, r.records]),
    [
      ["tickets", 300],
      ["ticket_comments", 900],
      ["recent_comments", 900],
    ],
  );
  assert.equal(await query(db, counts), expected);
  const loads =
    "SELECT resource, count(*) AS windows, min(records) AS least, bool_and(status = 'completed') AS completed FROM support_tickets._gc_loads GROUP BY resource ORDER BY resource";
  assert.equal(await query(db, loads), [
    { resource: "recent_comments", windows: 5, least: 180, completed: true },
    { resource: "ticket_comments", windows: 5, least: 180, completed: true },
    { resource: "tickets", windows: 5, least: 60, completed: true },
  ]);
  // A full refresh empties every table at the first window and refills them window by window.
  await runSync(windowedTree, { ...options, fullRefresh: true });
  assert.equal(await query(db, counts), expected);
});

test("a windowed resource quarantines a bad record in its window's load; the other windows are untouched", async () => {
  const db = tempDbPath();
  const [resource] = windowed.resources;
  const quarantining: ConnectorSpec = { ...windowed, resources: [{ ...resource!, table: { ...resource!.table, invalidRecords: "quarantine" } }] };
  api.setOptions({ mutate: (r) => (r.id === 70 ? { ...r, customer_id: 42 as unknown as string } : r) }); // record 70: the second window
  const summary = await runSync(quarantining, { destination: `duckdb:${db}`, baseUrl: api.url, secrets, clock: fakeClock(), concurrency: 2 });
  assert.is(summary.resources[0]?.quarantined, 1);
  assert.equal(await query(db, ROWS), [{ n: 299, ids: 299 }]);
  assert.equal(await query(db, "SELECT right(load_id, 7) AS w, record_key FROM customer_support._quarantine"), [{ w: "w000001", record_key: "70" }]);
  assert.equal(await query(db, "SELECT count(*) AS n FROM customer_support._gc_loads WHERE status = 'completed'"), [{ n: 5 }]);
});

test.run();
