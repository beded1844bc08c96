// End to end through the CLI: a resource merged with scd2 keeps history. A v1 then v2 sync of the
// mock API, where a tenth of the records changed, leaves one active version per record and the old
// versions of the changed ones retired, counted in the summary, `--json` and `_gc_loads`.
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
const dir = `tmp/scd2-${process.pid}`;
const N = 200;

test.before(async () => {
  api = await startMockApi({ records: N, auth: QUERY_AUTH });
  // `any`: the config is edited as plain JSON here, validated by the generator.
  const config = JSON.parse(readFileSync(join(ROOT, "configs/customer_support.json"), "utf8")) as Record<string, any>;
  config.resource_defaults.write_disposition = { disposition: "merge", strategy: "scd2" };
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

test("scd2: v1 then v2 (a tenth changed) leaves N active versions and N/10 retired ones", async () => {
  const db = tempDbPath();
  const sync = () => runCli(["sync", dir, "--destination", `duckdb:${db}`, "--base-url", api.url, "--json"], { env });
  const first = await sync();
  assert.is(first.code, 0, first.stderr);
  api.setOptions({ changed: { ids: Array.from({ length: N / 10 }, (_, i) => i * 10 + 1), version: 2 } });
  const second = await sync();
  assert.is(second.code, 0, second.stderr);
  const table = "customer_support.customer_support_data";
  const [versions] = await query(
    db,
    `SELECT count(*) FILTER (WHERE _gc_valid_to IS NULL) AS active, count(*) FILTER (WHERE _gc_valid_to IS NOT NULL) AS retired, count(DISTINCT id) AS ids FROM ${table}`,
  );
  assert.equal(versions, { active: N, retired: N / 10, ids: N });
  const loads = await query(db, "SELECT inserted, unchanged, retired FROM customer_support._gc_loads ORDER BY load_id");
  assert.equal(loads, [
    { inserted: N, unchanged: 0, retired: 0 },
    { inserted: N / 10, unchanged: N - N / 10, retired: N / 10 },
  ]);
  const summary = JSON.parse(second.stdout) as { resources: { inserted: number; retired?: number }[] };
  assert.equal([summary.resources[0]?.inserted, summary.resources[0]?.retired], [N / 10, N / 10]);
  assert.match(second.stderr, new RegExp(`${N / 10} retired`));
});

test.run();
