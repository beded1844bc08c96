// The run's request scheduler end to end: parallel pages load what sequential paging loads, the
// requests in flight stay within --concurrency, and a rate budget keeps a rate-limited API from 429s.
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { OffsetSpec } from "../../runtime/paginators/offset.ts";
import { runSync } from "../../runtime/sync/run-sync.ts";
import { query, tempDbPath } from "../helpers/duckdb.ts";
import { fakeClock } from "../helpers/fake-clock.ts";
import { startMockApi, type MockApi } from "../mock-api/server.ts";
import { pagedAs, seed, variant } from "./variants.ts";

let api: MockApi;
const secrets = { env: { API_KEY: "k" }, dotenv: {} };
const ROWS_SQL = "SELECT count(*) AS n, count(DISTINCT id) AS ids, sum(id) AS total FROM customer_support.customer_support_data";
const offset = seed.resources[0]!.endpoint.paginator as OffsetSpec;
const small = variant({ endpoint: { paginator: { ...offset, limit: 10 } } });

test.before(async () => {
  api = await startMockApi({ records: 237 });
});
test.after(async () => api.close());
test.before.each(() => {
  api.requests.length = 0;
  api.setOptions({ pageDelayMs: 0, rateLimit: undefined, failAfter: undefined, faults: [], pagination: "offset" });
});

/** `clock` null: the system clock (real waits). */
async function rows(connector = small, concurrency = 1, clock: ReturnType<typeof fakeClock> | null = fakeClock()) {
  const db = tempDbPath();
  const summary = await runSync(connector, { destination: `duckdb:${db}`, baseUrl: api.url, secrets, concurrency, ...(clock === null ? {} : { clock }) });
  return { summary, rows: await query(db, ROWS_SQL) };
}

test("offset pages with a total, fetched 6 at a time, load exactly the rows sequential paging loads", async () => {
  api.setOptions({ pageDelayMs: 20 });
  const sequential = await rows(small, 1);
  assert.is(api.inFlight().max, 1);
  const sequentialRequests = api.requests.map((r) => r.query.offset).sort();
  api.requests.length = 0;
  const parallel = await rows(small, 6);
  assert.equal(parallel.rows, sequential.rows);
  assert.equal(parallel.rows, [{ n: 237, ids: 237, total: (237 * 238) / 2 }]);
  assert.equal(api.requests.map((r) => r.query.offset).sort(), sequentialRequests, "the same 24 requests, none twice");
  assert.ok(api.inFlight().max > 1 && api.inFlight().max <= 6, `in flight at most: ${api.inFlight().max}`);
  assert.is(parallel.summary.resources[0]?.pages, 24);
});

test("page_number with total pages: the same rows in parallel", async () => {
  api.setOptions({ pagination: "page_number" });
  const connector = pagedAs("page_number");
  const one = await rows(connector, 1);
  const four = await rows(connector, 4);
  assert.equal(four.rows, one.rows);
  assert.equal(four.rows, [{ n: 237, ids: 237, total: (237 * 238) / 2 }]);
});

test("maximum_offset still bounds parallel pages; nothing past it is requested", async () => {
  const bounded = variant({ endpoint: { paginator: { ...offset, limit: 10, maximumOffset: 55 } } });
  const result = await rows(bounded, 8);
  assert.equal(result.rows[0]?.n, 60);
  assert.ok(api.requests.every((r) => Number(r.query.offset) < 55));
});

test("a stop rule fires mid-plan: pages after it are not loaded (an empty page stops paging)", async () => {
  // The total says 237, but records end at 100: page 11 is empty and stops the sequence.
  api.setOptions({ mutate: undefined, records: 100 });
  const lying = variant({ endpoint: { paginator: { ...offset, limit: 10, totalPath: null, maximumOffset: 300 } } });
  const result = await rows(lying, 8);
  assert.equal(result.rows[0]?.n, 100);
  api.setOptions({ records: 237 });
});

test("a rate-limited API with client.rate_limit set to its budget answers no 429, whatever the concurrency", async () => {
  api.setOptions({ rateLimit: { requests: 12, perMs: 1000 } });
  const limited = variant({ endpoint: { paginator: { ...offset, limit: 10 } }, client: { rateLimit: { requests: 12, perSeconds: 1 } } });
  // A real clock: the budget is kept in real time.
  const result = await rows(limited, 8, null);
  assert.equal(result.rows[0]?.n, 237);
  assert.is(api.rejected(), 0);
});

test.run();
