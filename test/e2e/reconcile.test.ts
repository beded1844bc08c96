// End to end through the CLI: a merge with `"missing": "delete"` removes the rows of records the API
// no longer returns after a complete extract, and records how many in `_gc_loads`; in process: a
// sequence cut short without failing (an `ignore` action, a guessed single page, the paginator's own
// maximum) deletes nothing and warns.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { ConnectorSpec } from "../../runtime/connector.ts";
import { runSync } from "../../runtime/sync/run-sync.ts";
import { ROOT, runCli } from "../helpers/cli.ts";
import { fakeClock } from "../helpers/fake-clock.ts";
import { query, tempDbPath } from "../helpers/duckdb.ts";
import { SENTINEL_KEY } from "../helpers/secrets.ts";
import { startMockApi, type MockApi } from "../mock-api/server.ts";
import { PAGING, variant } from "./variants.ts";

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

/** The seed with `missing: delete`, an `ignore` action on 404, and `endpoint` changed. */
function reconciling(endpoint: Parameters<typeof variant>[0]["endpoint"]): ConnectorSpec {
  const base = variant({ endpoint: { responseActions: [{ statusCode: 404, content: null, action: "ignore" }], ...endpoint } });
  const [resource] = base.resources;
  return {
    ...base,
    resources: [{ ...resource!, table: { ...resource!.table, writeDisposition: "merge", merge: { strategy: "delete-insert", missing: "delete" } } }],
  };
}

/** Syncs `connector` in process; returns the warnings it reported. */
async function syncWarnings(connector: ConnectorSpec, db: string): Promise<string[]> {
  const warnings: string[] = [];
  const observer = { warning: (resource: string, message: string) => void warnings.push(`${resource}: ${message}`) };
  await runSync(connector, {
    destination: `duckdb:${db}`,
    baseUrl: api.url,
    secrets: { env: { API_KEY: SENTINEL_KEY }, dotenv: {} },
    clock: fakeClock(),
    observer,
  });
  return warnings;
}

const COUNT = "SELECT count(*) AS n FROM customer_support.customer_support_data";

test("a sequence an `ignore` action cut short deletes nothing and says why; the next complete extract does", async () => {
  const db = tempDbPath();
  const connector = reconciling({});
  api.setOptions({ records: 250 });
  assert.equal(await syncWarnings(connector, db), []);
  api.setOptions({ records: 240, faults: [{ when: { query: { offset: "200" } }, response: { status: 404, body: '{"error":"not_found"}' } }] });
  const warnings = await syncWarnings(connector, db);
  assert.equal(await query(db, COUNT), [{ n: 250 }], "the 50 records past the ignored page were not seen, not deleted");
  assert.equal(warnings, [
    "customer_support_data: missing: delete not applied: the extract may be partial (an ignore response action ended its request sequence at page 3 (HTTP 404)); rows the API no longer returns are kept",
  ]);
  api.setOptions({ faults: [] });
  assert.equal(await syncWarnings(connector, db), []);
  assert.equal(await query(db, COUNT), [{ n: 240 }]);
});

test("auto-detection guessing a single page deletes nothing and says why", async () => {
  const db = tempDbPath();
  const connector = reconciling({ paginator: { type: "auto" }, dataSelector: null });
  api.setOptions({ records: 250, pagination: "offset" });
  await syncWarnings(connector, db);
  assert.equal(await query(db, COUNT), [{ n: 250 }]);
  api.setOptions({ records: 100, pagination: "single_page" }); // one page of a round size, no paging hints: a guess
  const warnings = await syncWarnings(connector, db);
  api.setOptions({ records: 250, pagination: "offset" });
  assert.equal(await query(db, COUNT), [{ n: 250 }]);
  assert.match(warnings.join("\n"), "missing: delete not applied: the extract may be partial (auto-detection found no paginator but signs of more pages");
});

test("a sequence the paginator's maximum_offset ended deletes nothing and says why; one that reached the API's end first does", async () => {
  const db = tempDbPath();
  const offset = PAGING.offset.paginator;
  const connector = reconciling({ paginator: { ...offset, maximumOffset: 200 } as typeof offset });
  api.setOptions({ records: 150 });
  assert.equal(await syncWarnings(connector, db), [], "150 records end before the maximum: a complete extract");
  api.setOptions({ records: 250 });
  const capped = await syncWarnings(connector, db);
  assert.equal(await query(db, COUNT), [{ n: 200 }], "the maximum stops at 200 records");
  assert.equal(capped, [
    "customer_support_data: missing: delete not applied: the extract may be partial (the paginator's maximum (maximum_offset or maximum_page) ended its request sequence at page 2); rows the API no longer returns are kept",
  ]);
  api.setOptions({ records: 120 });
  assert.equal(await syncWarnings(connector, db), []);
  assert.equal(await query(db, COUNT), [{ n: 120 }], "a complete extract below the maximum deletes what the API dropped");
});

test.run();
