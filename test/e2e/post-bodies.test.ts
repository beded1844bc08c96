// POST endpoints: a JSON body paged by a cursor written into the body; form bodies on the wire.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { connector } from "../../generated/support_search/index.ts";
import { runSync } from "../../runtime/sync/run-sync.ts";
import { query, tempDbPath } from "../helpers/duckdb.ts";
import { fakeClock } from "../helpers/fake-clock.ts";
import { startMockApi } from "../mock-api/server.ts";

test("a cursor in the JSON body pages a POST search; the query string stays clean", async () => {
  const api = await startMockApi({ records: 250, pagination: "cursor", auth: { type: "basic", username: "reporting", password: "pw" } });
  try {
    const db = tempDbPath();
    const summary = await runSync(connector, {
      destination: `duckdb:${db}`,
      baseUrl: api.url,
      secrets: { env: { SUPPORT_PASSWORD: "pw" }, dotenv: {} },
      clock: fakeClock(),
      resources: ["search_results"],
    });
    assert.equal(
      summary.resources.map((r) => [r.pages, r.records]),
      [[3, 250]],
    );
    assert.equal(
      api.requests.map((r) => r.method),
      ["POST", "POST", "POST"],
    );
    assert.ok(api.requests.every((r) => Object.keys(r.query).length === 0));
    const bodies = api.requests.map((r) => JSON.parse(r.body) as Record<string, unknown>);
    assert.equal(bodies[0], { query: "status:any", limit: 100 });
    assert.equal(Object.keys(bodies[1]!).sort(), ["cursor", "limit", "query"]);
    assert.equal(await query(db, "SELECT count(DISTINCT id) AS n FROM support_search.search_results"), [{ n: 250 }]);
  } finally {
    await api.close();
  }
});

test("a form body goes out URL-encoded", async () => {
  const api = await startMockApi({ records: 1 });
  try {
    await runSync(connector, {
      destination: `duckdb:${tempDbPath()}`,
      baseUrl: api.url,
      secrets: { env: { SUPPORT_PASSWORD: "pw" }, dotenv: {} },
      clock: fakeClock(),
      resources: ["exports"],
    }).catch(() => undefined);
    const [sent] = api.requests;
    assert.is(sent?.method, "POST");
    assert.is(sent?.path, "/v1/exports");
    assert.is(sent?.headers["content-type"], "application/x-www-form-urlencoded");
    assert.is(sent?.body, "format=json&since=2024-01-01");
  } finally {
    await api.close();
  }
});

test.run();
