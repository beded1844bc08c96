// End to end through the CLI: a merge with `"missing": "delete"` removes the rows of records the API
// no longer returns after a complete extract, and records how many in `_gc_loads`.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT, runCli } from "../helpers/cli.ts";
import { query, tempDbPath } from "../helpers/duckdb.ts";
import { SENTINEL_KEY } from "../helpers/secrets.ts";
import { startMockApi, type MockApi } from "../mock-api/server.ts";

let api: MockApi;
const env = { API_KEY: SENTINEL_KEY };
const QUERY_AUTH = { type: "api_key_query", name: "api_key", value: SENTINEL_KEY } as const;
const dir = `tmp/reconcile-${process.pid}`;

test.before(async () => {
  api = await startMockApi({ records: 250, auth: QUERY_AUTH });
  // `any`: the config is edited as plain JSON here, validated by the generator.
  const config = JSON.parse(readFileSync(join(ROOT, "configs/customer_support.json"), "utf8")) as Record<string, any>;
  config.resource_defaults.write_disposition = { disposition: "merge", strategy: "delete-insert", missing: "delete" };
  mkdirSync(join(ROOT, "tmp"), { recursive: true });
  writeFileSync(join(ROOT, `${dir}.json`), JSON.stringify(config));
  const result = await runCli([`${dir}.json`, "--out", dir]);
  assert.is(result.code, 0, result.stderr);
});
test.after(async () => {
  await api.close();
  rmSync(join(ROOT, dir), { recursive: true, force: true });
  rmSync(join(ROOT, `${dir}.json`), { force: true });
});

test('missing: "delete" removes the records the API dropped, in the sync that saw them gone', async () => {
  const db = tempDbPath();
  const sync = () => runCli(["sync", dir, "--destination", `duckdb:${db}`, "--base-url", api.url], { env });
  const first = await sync();
  assert.is(first.code, 0, first.stderr);
  api.setOptions({ records: 240 }); // the last 10 records are gone from the API
  const second = await sync();
  assert.is(second.code, 0, second.stderr);
  const [rows] = await query(db, "SELECT count(*) AS n, max(id) AS hi FROM customer_support.customer_support_data");
  assert.equal(rows, { n: 240, hi: 240 });
  const loads = await query(db, "SELECT inserted, unchanged, deleted FROM customer_support._gc_loads ORDER BY load_id");
  assert.equal(loads, [
    { inserted: 250, unchanged: 0, deleted: 0 },
    { inserted: 0, unchanged: 240, deleted: 10 },
  ]);
});

test.run();
