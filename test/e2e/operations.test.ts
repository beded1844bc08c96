// loads / state / reset through the real CLI on DuckDB files (Postgres: operations-postgres.test.ts):
// what a sync against the mock API left, a reset that makes the next run start from initial_value,
// --drop-tables, and the refusals (no database, no dataset, unknown resource) with their exit codes.
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { connector } from "../../generated/support_incremental/index.ts";
import { runSync } from "../../runtime/sync/run-sync.ts";
import { ROOT, runCli } from "../helpers/cli.ts";
import { query, tempDbPath } from "../helpers/duckdb.ts";
import { fakeClock } from "../helpers/fake-clock.ts";
import { makeRecord, serverErrors, startMockApi, type MockApi } from "../mock-api/server.ts";

const DIR = join(ROOT, "generated/support_incremental");
const INITIAL = "2024-01-01T00:00:00Z";
let api: MockApi;
const secrets = { env: { API_KEY: "ops-key" }, dotenv: {} };

test.before(async () => {
  api = await startMockApi({ records: 250, auth: { type: "api_key_header", name: "X-Api-Key", value: "ops-key" } });
});
test.after(async () => api.close());

const sync = (db: string) => runSync(connector, { destination: `duckdb:${db}`, baseUrl: api.url, secrets, clock: fakeClock() });
const cli = (command: string, db: string, ...args: string[]) => runCli([command, DIR, "--destination", `duckdb:${db}`, ...args]);

test("loads and state show what the syncs left; reset makes the next run start from initial_value; --drop-tables drops the table", async () => {
  const db = tempDbPath();
  api.setOptions({ records: 250, faults: [] });
  await sync(db);
  api.setOptions({ records: 400, faults: [serverErrors(4, { when: { query: { offset: "100" } } })] });
  await sync(db).then(
    () => assert.unreachable("should fail"),
    () => undefined,
  );
  api.setOptions({ faults: [] });

  const loads = await cli("loads", db);
  assert.is(loads.code, 0, loads.stderr);
  assert.match(loads.stdout, /^tickets \(table tickets\): 2 loads, newest first$/m);
  assert.match(loads.stdout, /^ {2}\S+ \S+Z {2}failed [\d.]+ s: tickets: GET .* failed with HTTP 500/m);
  assert.match(loads.stdout, /^ {2}\S+ \S+Z {2}completed [\d.]+ s, 250 records \(250 inserted\) {2}\[load /m);
  const json = JSON.parse((await cli("loads", db, "--json", "--limit", "1")).stdout) as {
    dataset: string;
    loads: { status: string; records: number | null }[];
  };
  assert.equal(json.dataset, "support_incremental");
  assert.equal(
    json.loads.map((l) => l.status),
    ["failed"],
  );

  const last = makeRecord(249).created_at;
  const state = await cli("state", db);
  assert.is(state.code, 0, state.stderr);
  assert.match(state.stdout, `tickets: created_at = ${last} (from initial_value ${INITIAL}, 1 record at it), written `);
  const stateJson = JSON.parse((await cli("state", db, "--json")).stdout) as { resources: { resource: string; cursor: { lastValue: unknown } }[] };
  assert.equal(
    stateJson.resources.map((r) => [r.resource, r.cursor.lastValue]),
    [["tickets", last]],
  );

  const reset = await cli("reset", db, "--resource", "tickets");
  assert.is(reset.code, 0, reset.stderr);
  assert.match(reset.stdout, "reset tickets in dataset support_incremental of duckdb:");
  assert.match(reset.stdout, "dropped state resources.tickets.incremental.created_at; the next sync of tickets starts from scratch");
  assert.match((await cli("state", db)).stdout, `tickets: no stored cursor: the next sync starts from initial_value ${INITIAL}`);

  api.setOptions({ records: 250 });
  api.requests.length = 0;
  const rerun = await sync(db);
  assert.equal(api.requests[0]?.query.created_since, INITIAL); // from initial_value, not from the cursor
  assert.equal(
    rerun.resources.map((r) => [r.records, r.inserted, r.unchanged]),
    [[250, 0, 250]],
  ); // the table was kept

  const dropped = await cli("reset", db, "--resource", "tickets", "--drop-tables", "--json");
  assert.is(dropped.code, 0, dropped.stderr);
  assert.equal(JSON.parse(dropped.stdout).tables, ["tickets", "tickets__tags"]); // and its nested table
  assert.equal(await query(db, "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'support_incremental' ORDER BY 1"), [
    { table_name: "_gc_loads" },
    { table_name: "_gc_nested_tables" },
    { table_name: "_gc_state" },
  ]);
  assert.equal(await query(db, "SELECT count(*) AS n FROM support_incremental._gc_nested_tables"), [{ n: 0 }]);
  assert.equal(await query(db, "SELECT count(*) AS n FROM support_incremental._gc_state"), [{ n: 0 }]);
  const again = await sync(db);
  assert.equal(
    again.resources.map((r) => [r.records, r.inserted]),
    [[250, 250]],
  );
});

test("refusals: no database file (none created), no dataset, unknown resource, reset without --resource", async () => {
  const missing = join(mkdtempSync(join(tmpdir(), "gc-ops-")), "none.duckdb");
  for (const command of ["loads", "state"]) {
    const result = await cli(command, missing);
    assert.is(result.code, 2, result.stderr);
    assert.match(result.stderr, `error: no DuckDB database at ${missing} (destination duckdb:${missing}): nothing was synced there`);
  }
  const reset = await cli("reset", missing, "--resource", "tickets");
  assert.is(reset.code, 2);
  assert.not.ok(existsSync(missing), "no database file is created");

  const db = tempDbPath();
  api.setOptions({ records: 10, faults: [] });
  await sync(db);
  const noDataset = await cli("state", db, "--dataset", "elsewhere");
  assert.is(noDataset.code, 2);
  assert.match(noDataset.stderr, `error: dataset "elsewhere" does not exist in duckdb:${db}: nothing was synced there`);
  assert.equal(await query(db, "SELECT count(*) AS n FROM duckdb_schemas() WHERE schema_name = 'elsewhere'"), [{ n: 0 }]);

  const unknown = await cli("reset", db, "--resource", "ticket");
  assert.is(unknown.code, 2);
  assert.match(unknown.stderr, 'error: unknown resource "ticket": support_incremental has "tickets"');
  const loadsUnknown = await cli("loads", db, "--resource", "nope");
  assert.is(loadsUnknown.code, 2);

  const noResource = await cli("reset", db);
  assert.is(noResource.code, 2);
  assert.match(noResource.stderr, "reset needs --resource NAME");
});

test("without --destination, loads and state read the database sync writes by default (./<name>.duckdb)", async () => {
  const cwd = mkdtempSync(join(tmpdir(), "gc-ops-cwd-"));
  api.setOptions({ records: 20, faults: [] });
  const synced = await runCli(["sync", DIR, "--base-url", api.url], { cwd, env: { API_KEY: "ops-key" } });
  assert.is(synced.code, 0, synced.stderr);
  assert.ok(existsSync(join(cwd, "support_incremental.duckdb")));
  const loads = await runCli(["loads", DIR], { cwd });
  assert.is(loads.code, 0, loads.stderr);
  assert.match(loads.stdout, "loads in dataset support_incremental of duckdb:./support_incremental.duckdb");
  assert.match(loads.stdout, "20 records (20 inserted)");
});

test.run();
