// Bad records, load bookkeeping and full refresh as a user meets them: the CLI syncing generated
// connectors against the mock API into DuckDB files.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { connector as seed } from "../../generated/customer_support/index.ts";
import type { ConnectorSpec } from "../../runtime/connector.ts";
import { runSync } from "../../runtime/sync/run-sync.ts";
import { ROOT, runCli } from "../helpers/cli.ts";
import { fakeClock } from "../helpers/fake-clock.ts";
import { query, tempDbPath } from "../helpers/duckdb.ts";
import { leaks, SENTINEL_KEY } from "../helpers/secrets.ts";
import { makeRecord, serverErrors, startMockApi, type MockApi } from "../mock-api/server.ts";

let api: MockApi;
const env = { API_KEY: SENTINEL_KEY };
const QUERY_AUTH = { type: "api_key_query", name: "api_key", value: SENTINEL_KEY } as const;
const HEADER_AUTH = { type: "api_key_header", name: "X-Api-Key", value: SENTINEL_KEY } as const;
const tmp = (name: string) => `tmp/${name}-${process.pid}`;

/** Generates `spec` (a copy of configs/<spec>.json changed by `edit`, with instant retries) into tmp/; returns its directory. */
async function generate(spec: string, name: string, edit: (config: Record<string, any>) => void): Promise<string> {
  // `any`: the config is edited as plain JSON here, validated by the generator.
  const config = JSON.parse(readFileSync(join(ROOT, `configs/${spec}.json`), "utf8")) as Record<string, any>;
  config.client.retry = { ...config.client.retry, backoff_factor: 0 };
  edit(config);
  mkdirSync(join(ROOT, "tmp"), { recursive: true });
  writeFileSync(join(ROOT, `${tmp(name)}.json`), JSON.stringify(config));
  const result = await runCli([`${tmp(name)}.json`, "--out", tmp(name)]);
  assert.is(result.code, 0, result.stderr);
  return tmp(name);
}

let quarantining = "";
let incremental = "";

test.before(async () => {
  api = await startMockApi({ records: 250, auth: QUERY_AUTH });
  quarantining = await generate("customer_support", "quarantine", (c) => (c.resource_defaults.invalid_records = "quarantine"));
  incremental = await generate("support_incremental", "refresh", () => undefined);
});
test.after(async () => {
  await api.close();
  for (const name of ["quarantine", "refresh"]) {
    rmSync(join(ROOT, tmp(name)), { recursive: true, force: true });
    rmSync(join(ROOT, `${tmp(name)}.json`), { force: true });
  }
});
test.before.each(() => {
  api.setOptions({ records: 250, faults: [], auth: QUERY_AUTH, mutate: undefined });
  api.requests.length = 0;
});

const sync = (dir: string, db: string, ...extra: string[]) => runCli(["sync", dir, "--destination", `duckdb:${db}`, "--base-url", api.url, ...extra], { env });
/** Record 150 fails its schema (customer_id is a number) and carries the API key in a link. */
const badRecord150 = () =>
  api.setOptions({
    mutate: (r) =>
      r.id === 150 ? { ...r, customer_id: 42 as unknown as string, link: `${api.url}/v1/resource?api_key=${encodeURIComponent(SENTINEL_KEY)}` } : r,
  });

test("quarantine: one bad record among 250 → exit 0, 249 rows, the record in _quarantine with its reason, no secret anywhere", async () => {
  badRecord150();
  const db = tempDbPath();
  const result = await sync(quarantining, db, "--json");
  assert.is(result.code, 0, result.stderr);
  const summary = JSON.parse(result.stdout) as { loadId: string; resources: { records: number; inserted: number; quarantined?: number }[] };
  assert.equal(
    summary.resources.map((r) => [r.records, r.inserted, r.quarantined]),
    [[249, 249, 1]],
  );
  assert.match(summary.loadId, /^\d{4}-\d\d-\d\dT.*Z-[0-9a-f]{8}$/);
  assert.match(result.stderr, "customer_support_data: WARNING: 1 invalid record quarantined in customer_support._quarantine");
  assert.match(result.stderr, `customer_support_data: 1 records quarantined in customer_support._quarantine\nload ${summary.loadId}`);

  assert.equal(await query(db, "SELECT count(*) AS n, count(*) FILTER (WHERE id = 150) AS bad FROM customer_support.customer_support_data"), [
    { n: 249, bad: 0 },
  ]);
  const [row, ...more] = await query(
    db,
    "SELECT load_id, resource, table_name, reason, record, page, record_index, record_key FROM customer_support._quarantine",
  );
  assert.is(more.length, 0);
  assert.equal(
    { ...row, reason: undefined, record: undefined },
    {
      load_id: summary.loadId,
      resource: "customer_support_data",
      table_name: "customer_support_data",
      reason: undefined,
      record: undefined,
      page: 2,
      record_index: 49,
      record_key: "150",
    },
  );
  assert.match(String(row?.["reason"]), "record 49 of page 2 (id=150) failed its schema: $.customer_id: Invalid input: expected string, received number");
  const record = JSON.parse(String(row?.["record"])) as Record<string, unknown>;
  assert.equal({ ...record, link: undefined }, { ...makeRecord(149), customer_id: 42, link: undefined });
  assert.match(String(record["link"]), /\/v1\/resource\?api_key=\*\*\*$/);
  const everything =
    JSON.stringify(await query(db, "SELECT * FROM customer_support._quarantine")) + JSON.stringify(await query(db, "SELECT * FROM customer_support._gc_loads"));
  assert.equal(leaks(everything, SENTINEL_KEY), []);
  assert.equal(await query(db, "SELECT load_id, status, records, inserted, quarantined, error FROM customer_support._gc_loads"), [
    { load_id: summary.loadId, status: "completed", records: 249, inserted: 249, quarantined: 1, error: null },
  ]);
});

test("fail (the default): the same bad record → exit 1 naming resource, key and zod path; nothing committed", async () => {
  badRecord150();
  const db = tempDbPath();
  const result = await sync("generated/customer_support", db);
  assert.is(result.code, 1);
  assert.match(result.stderr, "error: customer_support_data: record 49 of page 2 (id=150) failed its schema: $.customer_id");
  assert.equal(leaks(result.stderr, SENTINEL_KEY), []);
  assert.equal(await query(db, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'customer_support'"), [{ table_name: "_gc_loads" }]);
  const [load] = await query(db, "SELECT status, error FROM customer_support._gc_loads");
  assert.is(load?.status, "failed");
  assert.match(String(load?.error), "$.customer_id");
});

test("in process: a record that loses its primary key in a processing step is quarantined as received, with the reason", async () => {
  const [resource] = seed.resources;
  const connector: ConnectorSpec = {
    ...seed,
    resources: [
      {
        ...resource!,
        table: { ...resource!.table, invalidRecords: "quarantine" },
        processingSteps: [{ map: (r) => (r["id"] === 7 ? { ...r, id: null } : r) }],
      },
    ],
  };
  const db = tempDbPath();
  const warnings: string[] = [];
  const summary = await runSync(connector, {
    destination: `duckdb:${db}`,
    baseUrl: api.url,
    secrets: { env, dotenv: {} },
    clock: fakeClock(),
    observer: { quarantined: (name, count, table) => warnings.push(`${name} ${count} ${table}`) },
  });
  assert.equal(
    summary.resources.map((r) => [r.records, r.quarantined]),
    [[249, 1]],
  );
  assert.equal(warnings, ["customer_support_data 1 customer_support._quarantine"]);
  const [row] = await query(db, "SELECT reason, record, record_key FROM customer_support._quarantine");
  assert.match(String(row?.["reason"]), 'record 6 of page 1 has a null primary key field "id"');
  assert.is(JSON.parse(String(row?.["record"]))["id"], 7);
  assert.is(row?.["record_key"], "7");
});

const STATE = "SELECT json_extract_string(value, '$.lastValue') AS last FROM support_incremental._gc_state";
const ROWS = "SELECT count(*) AS n, min(id) AS first, max(id) AS last FROM support_incremental.tickets";

test("--full-refresh: state ignored (every page fetched from initial_value), the table replaced by the new data, the state by the new cursor", async () => {
  api.setOptions({ auth: HEADER_AUTH });
  const db = tempDbPath();
  assert.is((await sync(incremental, db)).code, 0);
  assert.equal(await query(db, ROWS), [{ n: 250, first: 1, last: 250 }]);
  // The API now serves only its first 150 records: an incremental run asks from the cursor and finds none.
  api.setOptions({ records: 150 });
  api.requests.length = 0;
  assert.is((await sync(incremental, db)).code, 0);
  assert.equal(
    api.requests.map((r) => r.query["created_since"]),
    [makeRecord(249).created_at],
  );
  assert.equal(await query(db, ROWS), [{ n: 250, first: 1, last: 250 }]);

  api.requests.length = 0;
  const refreshed = await sync(incremental, db, "--full-refresh", "--json");
  assert.is(refreshed.code, 0, refreshed.stderr);
  assert.equal(
    api.requests.map((r) => [r.query["created_since"], r.query["offset"]]),
    [
      ["2024-01-01T00:00:00Z", "0"],
      ["2024-01-01T00:00:00Z", "100"],
    ],
  );
  assert.equal(await query(db, ROWS), [{ n: 150, first: 1, last: 150 }]);
  assert.equal(await query(db, STATE), [{ last: makeRecord(149).created_at }]);
  const { loadId } = JSON.parse(refreshed.stdout) as { loadId: string };
  assert.equal(await query(db, "SELECT load_id, status, records FROM support_incremental._gc_loads ORDER BY load_id DESC LIMIT 1"), [
    { load_id: loadId, status: "completed", records: 150 },
  ]);
});

test("--full-refresh failing mid-run leaves the previous table and state; its load is recorded failed", async () => {
  api.setOptions({ auth: HEADER_AUTH });
  const db = tempDbPath();
  assert.is((await sync(incremental, db)).code, 0);
  api.setOptions({ records: 120, faults: [serverErrors(4, { when: { query: { offset: "100" } } })] });
  const result = await sync(incremental, db, "--full-refresh");
  assert.is(result.code, 1);
  assert.match(result.stderr, "retries exhausted after 4 attempts");
  assert.equal(await query(db, ROWS), [{ n: 250, first: 1, last: 250 }]);
  assert.equal(await query(db, STATE), [{ last: makeRecord(249).created_at }]);
  assert.equal(
    (await query(db, "SELECT status FROM support_incremental._gc_loads ORDER BY load_id")).map((r) => r["status"]),
    ["completed", "failed"],
  );
});

test.run();
