// The seed connector synced into a real Postgres server, as into DuckDB: merge twice with 10% changed.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { connector } from "../../generated/customer_support/index.ts";
import { runSync } from "../../runtime/sync/run-sync.ts";
import { fakeClock } from "../helpers/fake-clock.ts";
import { freshDatabase, withClient } from "../helpers/postgres.ts";
import { everyNthId, startMockApi } from "../mock-api/server.ts";

test("seed sync into Postgres: 1,000 rows, then a 10% change merges (100 updated, 900 unchanged)", async () => {
  const url = await freshDatabase();
  if (url === null) return; // no Postgres here: test/helpers/postgres.ts printed why (CI always has one)
  const api = await startMockApi({ records: 1000, auth: { type: "api_key_query", name: "api_key", value: "k" } });
  try {
    const options = { destination: url, baseUrl: api.url, secrets: { env: { API_KEY: "k" }, dotenv: {} }, clock: fakeClock() };
    const first = await runSync(connector, options);
    assert.equal(
      first.resources.map((r) => [r.records, r.inserted]),
      [[1000, 1000]],
    );
    api.setOptions({ changed: { ids: everyNthId(1000, 10), version: 2 } });
    const second = await runSync(connector, options);
    assert.equal(
      second.resources.map((r) => [r.records, r.inserted, r.updated, r.unchanged]),
      [[1000, 0, 100, 900]],
    );
    const rows = await withClient(
      url,
      async (c) => (await c.query("SELECT count(*)::int AS n, count(*) FILTER (WHERE version = 2)::int AS v FROM customer_support.customer_support_data")).rows,
    );
    assert.equal(rows, [{ n: 1000, v: 100 }]);
    assert.not.match(first.destination + second.destination, /:[^/@:]+@/); // no password in the summary
  } finally {
    await api.close();
  }
});

test.run();
