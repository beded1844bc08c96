// End to end, as a user runs it: the committed seed connector synced by the CLI into DuckDB.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { everyNthId, makeRecord, startMockApi, type MockApi } from "../mock-api/server.ts";
import { runCli } from "../helpers/cli.ts";
import { query, tempDbPath } from "../helpers/duckdb.ts";
import { leaks, SENTINEL_KEY } from "../helpers/secrets.ts";

let api: MockApi;
const env = { API_KEY: SENTINEL_KEY };

test.before(async () => {
  api = await startMockApi({ records: 1000, auth: { type: "api_key_query", name: "api_key", value: SENTINEL_KEY } });
});
test.after(async () => api.close());

function syncArgs(db: string, ...more: string[]): string[] {
  return ["sync", "generated/customer_support", "--destination", `duckdb:${db}`, "--base-url", api.url, ...more];
}

test("sync of the seed connector loads 1,000 records, then merges a 10% change", async () => {
  const db = tempDbPath();
  const first = await runCli(syncArgs(db, "--json"), { env });
  assert.is(first.code, 0, first.stderr);
  const summary = JSON.parse(first.stdout) as {
    dataset: string;
    resources: { resource: string; pages: number; records: number; inserted: number; updated: number; unchanged: number; requests: number }[];
  };
  assert.is(summary.dataset, "customer_support");
  assert.equal(
    summary.resources.map((r) => [r.resource, r.pages, r.records, r.inserted, r.updated, r.requests]),
    [["customer_support_data", 10, 1000, 1000, 0, 10]],
  );
  assert.match(first.stderr, /customer_support_data: done, 10 pages, 1000 records/);
  const [count] = await query(db, "SELECT count(*) AS n, count(DISTINCT id) AS ids, min(id) AS lo, max(id) AS hi FROM customer_support.customer_support_data");
  assert.equal(count, { n: 1000, ids: 1000, lo: 1, hi: 1000 });
  // every request carried the key in the query string, with offset paging of 100 (pages after the first
  // go out concurrently, so they arrive in any order)
  assert.equal(
    api.requests.map((r) => r.query.offset).sort((a, b) => Number(a) - Number(b)),
    ["0", "100", "200", "300", "400", "500", "600", "700", "800", "900"],
  );
  assert.ok(api.requests.every((r) => r.query.api_key === SENTINEL_KEY && r.query.limit === "100"));

  const changed = everyNthId(1000, 10);
  api.setOptions({ changed: { ids: changed, version: 2 } });
  const second = await runCli(syncArgs(db, "--json"), { env });
  assert.is(second.code, 0, second.stderr);
  const again = JSON.parse(second.stdout) as typeof summary;
  assert.equal(
    again.resources.map((r) => [r.records, r.inserted, r.updated, r.unchanged]),
    [[1000, 0, 100, 900]],
  );
  const rows = await query(db, "SELECT id, subject, version FROM customer_support.customer_support_data ORDER BY id");
  assert.is(rows.length, 1000);
  const updated = rows.filter((r) => r.version === 2).map((r) => r.id);
  assert.equal(updated, changed);
  assert.match(String(rows.find((r) => r.id === changed[0])?.subject), /\(update 2\)$/);
  for (const out of [first.stdout, first.stderr, second.stdout, second.stderr]) assert.equal(leaks(out, SENTINEL_KEY), []);
});

test("the table has typed columns from the zod schema and the data; nested objects flattened, lists in nested tables", async () => {
  const db = tempDbPath();
  const result = await runCli(syncArgs(db), { env });
  assert.is(result.code, 0, result.stderr);
  assert.match(result.stderr, /customer_support_data nested tables, rows written: customer_support_data__tags 2000\n/);
  const columns = await query(
    db,
    "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'customer_support' AND table_name = 'customer_support_data' ORDER BY ordinal_position",
  );
  const types = Object.fromEntries(columns.map((c) => [c.column_name, c.data_type]));
  assert.is(types.id, "BIGINT");
  assert.is(types.customer_id, "VARCHAR");
  assert.is(types.requester__name, "VARCHAR");
  assert.is(types.tags, undefined);
  assert.is(types._gc_id, "VARCHAR");
  const [row] = await query(db, "SELECT customer_id, requester__email FROM customer_support.customer_support_data WHERE id = 1");
  const source = makeRecord(0);
  assert.is(row?.customer_id, source.customer_id);
  assert.is(row?.requester__email, source.requester.email);
  const tags = await query(
    db,
    "SELECT t.value FROM customer_support.customer_support_data AS r JOIN customer_support.customer_support_data__tags AS t " +
      "ON t._gc_parent_id = r._gc_id AND t._gc_root_id = r._gc_id WHERE r.id = 1 ORDER BY t._gc_list_idx",
  );
  assert.equal(
    tags.map((t) => t.value),
    source.tags,
  );
});

test("a missing secret exits 2 before any request, naming the secret and the variable", async () => {
  const before = api.requests.length;
  const db = tempDbPath();
  const result = await runCli(syncArgs(db), { env: {} });
  assert.is(result.code, 2);
  assert.match(result.stderr, 'missing secret "api_key": set the environment variable API_KEY or add it to .env');
  assert.is(api.requests.length, before);
});

test("a wrong key fails with exit 1, a clear error, and no secret in the output", async () => {
  const db = tempDbPath();
  const result = await runCli(syncArgs(db), { env: { API_KEY: "wrong-key-value" } });
  assert.is(result.code, 1);
  assert.match(result.stderr, /customer_support_data: GET http:\/\/127\.0\.0\.1:\d+\/v1\/resource\?[^ ]*api_key=\*\*\*[^ ]* failed with HTTP 401/);
  assert.not.match(result.stderr, "wrong-key-value");
});

test("a failing page after a successful sync: exit 1 naming the status, table unchanged", async () => {
  const db = tempDbPath();
  assert.is((await runCli(syncArgs(db), { env })).code, 0);
  const fingerprint =
    "SELECT count(*) AS n, sum(version) AS versions, string_agg(subject, '|' ORDER BY id) AS subjects FROM customer_support.customer_support_data";
  const before = await query(db, fingerprint);
  api.setOptions({
    changed: { ids: [1, 2, 3], version: 5 },
    faults: [{ when: { query: { offset: "200" } }, response: { status: 400, body: '{"error":"bad"}' } }],
  });
  const result = await runCli(syncArgs(db), { env });
  api.setOptions({ faults: [] });
  assert.is(result.code, 1);
  assert.match(result.stderr, /failed with HTTP 400 Bad Request, not retried \(1 attempt\)/);
  assert.equal(await query(db, fingerprint), before);
});

test("usage errors exit 2", async () => {
  const result = await runCli(["sync", "generated/customer_support", "--bogus"], { env });
  assert.is(result.code, 2);
  assert.match(result.stderr, /Unknown option '--bogus'/);
  const missing = await runCli(["sync", "generated/nope"], { env });
  assert.is(missing.code, 2);
  assert.match(missing.stderr, "generated/nope is not a generated connector");
  const resource = await runCli(syncArgs(tempDbPath(), "--resource", "tickets"), { env });
  assert.is(resource.code, 2);
  assert.match(resource.stderr, 'unknown resource "tickets": customer_support has "customer_support_data"');
});

test.run();
