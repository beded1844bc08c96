// loads / state / reset through the real CLI on Postgres (DuckDB: operations.test.ts): the same
// outcomes over the shared SQL, a reset refused while a sync holds the dataset's lock, a missing dataset
// refused without creating its schema.
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { connector } from "../../generated/support_incremental/index.ts";
import { runSync } from "../../runtime/sync/run-sync.ts";
import { ROOT, runCli } from "../helpers/cli.ts";
import { fakeClock } from "../helpers/fake-clock.ts";
import { freshDatabase, pgTests, withClient } from "../helpers/postgres.ts";
import { makeRecord, startMockApi, type MockApi } from "../mock-api/server.ts";

const DIR = join(ROOT, "generated/support_incremental");
const INITIAL = "2024-01-01T00:00:00Z";
let api: MockApi;
const secrets = { env: { API_KEY: "ops-key" }, dotenv: {} };
const pgTest = await pgTests(test);

test.before(async () => {
  api = await startMockApi({ records: 120, auth: { type: "api_key_header", name: "X-Api-Key", value: "ops-key" } });
});
test.after(async () => api.close());

const cli = (command: string, url: string, ...args: string[]) => runCli([command, DIR, "--destination", url, ...args]);
const schemas = (url: string) =>
  withClient(url, async (c) => (await c.query("SELECT nspname FROM pg_catalog.pg_namespace WHERE nspname NOT LIKE 'pg\\_%' ORDER BY 1")).rows);

pgTest("Postgres: loads, state, reset (refused while a sync holds the dataset), --drop-tables, missing dataset", async () => {
  const url = (await freshDatabase())!;
  const sync = () => runSync(connector, { destination: url, baseUrl: api.url, secrets, clock: fakeClock() });
  await sync();

  const loads = await cli("loads", url);
  assert.is(loads.code, 0, loads.stderr);
  assert.match(loads.stdout, /^ {2}\S+ \S+Z {2}completed [\d.]+ s, 120 records \(120 inserted\) {2}\[load /m);
  const state = await cli("state", url, "--json");
  assert.is(state.code, 0, state.stderr);
  assert.equal(
    (JSON.parse(state.stdout) as { resources: { cursor: { lastValue: unknown; initialValue: unknown } }[] }).resources.map((r) => r.cursor),
    [{ lastValue: makeRecord(119).created_at, initialValue: INITIAL, boundaryRecords: 1 }],
  );

  // A sync holding the dataset: the reset is refused and drops nothing.
  const held = await withClient(url, async (c) => {
    await c.query("SELECT pg_advisory_lock(hashtextextended($1, 0))", ["gen-connector dataset support_incremental"]);
    return cli("reset", url, "--resource", "tickets");
  });
  assert.is(held.code, 1);
  assert.match(held.stderr, 'error: postgres: another sync holds the lock on dataset "support_incremental"');
  assert.match((await cli("state", url)).stdout, `tickets: created_at = ${makeRecord(119).created_at}`);

  const reset = await cli("reset", url, "--resource", "tickets", "--drop-tables");
  assert.is(reset.code, 0, reset.stderr);
  assert.match(
    reset.stdout,
    "dropped state resources.tickets.incremental.created_at; dropped tables support_incremental.tickets, support_incremental.tickets__tags",
  );
  const tables = await withClient(
    url,
    async (c) => (await c.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'support_incremental' ORDER BY 1")).rows,
  );
  assert.equal(tables, [{ table_name: "_gc_loads" }, { table_name: "_gc_nested_tables" }, { table_name: "_gc_state" }]);

  api.requests.length = 0;
  const rerun = await sync();
  assert.equal(api.requests[0]?.query.created_since, INITIAL);
  assert.equal(
    rerun.resources.map((r) => [r.records, r.inserted]),
    [[120, 120]],
  );

  const before = await schemas(url);
  const missing = await cli("loads", url, "--dataset", "elsewhere");
  assert.is(missing.code, 2);
  assert.match(missing.stderr, 'error: dataset "elsewhere" does not exist in postgres://');
  assert.equal(await schemas(url), before); // nothing created
});

test.run();
