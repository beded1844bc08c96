// Incremental loading end to end: cursor state committed with the rows, boundary dedup, no "None".
import { test } from "uvu";
import * as assert from "uvu/assert";
import { connector } from "../../generated/support_incremental/index.ts";
import { runSync } from "../../runtime/sync/run-sync.ts";
import { query, tempDbPath } from "../helpers/duckdb.ts";
import { fakeClock } from "../helpers/fake-clock.ts";
import { makeRecord, serverErrors, startMockApi, type MockApi } from "../mock-api/server.ts";

let api: MockApi;
const secrets = { env: { API_KEY: "inc-key" }, dotenv: {} };

test.before(async () => {
  api = await startMockApi({ records: 250, auth: { type: "api_key_header", name: "X-Api-Key", value: "inc-key" } });
});
test.after(async () => api.close());

const sync = (db: string) => runSync(connector, { destination: `duckdb:${db}`, baseUrl: api.url, secrets, clock: fakeClock() });
const state = (db: string) => query(db, "SELECT key, json_extract_string(value, '$.lastValue') AS last FROM support_incremental._gc_state");

test("first run loads everything from initial_value; the cursor is committed with the rows", async () => {
  const db = tempDbPath();
  api.setOptions({ records: 250 });
  api.requests.length = 0;
  const summary = await sync(db);
  assert.equal(
    summary.resources.map((r) => [r.records, r.inserted]),
    [[250, 250]],
  );
  assert.equal(api.requests[0]?.query, { created_since: "2024-01-01T00:00:00Z", offset: "0", limit: "100" }); // no created_until: end_value is unset, never "None"
  assert.equal(await state(db), [{ key: "resources.tickets.incremental.created_at", last: makeRecord(249).created_at }]);

  api.requests.length = 0;
  const again = await sync(db);
  assert.equal(
    again.resources.map((r) => [r.records, r.inserted, r.updated]),
    [[0, 0, 0]],
  ); // the boundary record is deduplicated
  assert.equal(
    api.requests.map((r) => r.query.created_since),
    [makeRecord(249).created_at],
  ); // one request, from the cursor

  api.setOptions({ records: 300 });
  const third = await sync(db);
  assert.equal(
    third.resources.map((r) => [r.records, r.inserted]),
    [[50, 50]],
  );
  assert.equal(await query(db, "SELECT count(*) AS n FROM support_incremental.tickets"), [{ n: 300 }]);
  assert.equal((await state(db))[0]?.last, makeRecord(299).created_at);
});

test("a failed run advances neither rows nor the cursor", async () => {
  const db = tempDbPath();
  api.setOptions({ records: 250, faults: [] });
  await sync(db);
  api.setOptions({ records: 400, faults: [serverErrors(4, { when: { query: { offset: "100" } } })] });
  try {
    await sync(db);
    assert.unreachable("should fail");
  } catch (error) {
    assert.match((error as Error).message, /retries exhausted after 4 attempts/);
  } finally {
    api.setOptions({ faults: [] });
  }
  assert.equal((await state(db))[0]?.last, makeRecord(249).created_at);
  const resumed = await sync(db);
  assert.equal(
    resumed.resources.map((r) => [r.records, r.inserted]),
    [[150, 150]],
  );
});

test.run();
