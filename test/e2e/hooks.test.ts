// $hooks end to end: the user's own auth, paginator, incremental convert and response action.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { connector } from "../../generated/support_hooks/index.ts";
import { runSync } from "../../runtime/sync/run-sync.ts";
import { query, tempDbPath } from "../helpers/duckdb.ts";
import { fakeClock } from "../helpers/fake-clock.ts";
import { makeRecord, startMockApi } from "../mock-api/server.ts";

test("custom auth and paginator run; convert shapes the cursor in requests; a hook decides a retry", async () => {
  const api = await startMockApi({ records: 120, auth: { type: "api_key_header", name: "X-Api-Key", value: "hook-key" } });
  const before = process.env.SUPPORT_HOOK_KEY;
  process.env.SUPPORT_HOOK_KEY = "hook-key";
  try {
    api.setOptions({ faults: [{ when: { query: { offset: "50" } }, response: { status: 200, body: '{"status":"maintenance"}' } }] });
    const db = tempDbPath();
    const clock = fakeClock();
    const summary = await runSync(connector, { destination: `duckdb:${db}`, baseUrl: api.url, clock });
    assert.equal(
      summary.resources.map((r) => [r.records, r.retries, r.pages]),
      [[120, 1, 3]],
    );
    assert.equal(clock.sleeps, [2000]);
    assert.equal(
      api.requests.map((r) => [r.query.offset, r.query.limit]),
      [
        ["0", "50"],
        ["50", "50"],
        ["50", "50"],
        ["100", "50"],
      ],
    );
    assert.ok(api.requests.every((r) => r.headers["x-request-source"] === "gen-connector-hooks"));
    assert.equal(await query(db, "SELECT count(DISTINCT id) AS n FROM support_hooks.tickets"), [{ n: 120 }]);

    api.requests.length = 0;
    await runSync(connector, { destination: `duckdb:${db}`, baseUrl: api.url, clock });
    assert.is(api.requests[0]?.query.created_since, makeRecord(119).created_at.replace(/\.\d+Z$/, "Z"));
  } finally {
    if (before === undefined) delete process.env.SUPPORT_HOOK_KEY;
    else process.env.SUPPORT_HOOK_KEY = before;
    await api.close();
  }
});

test.run();
