// The README's quick start, verbatim: `npm run demo` runs the developer loop on the mock API (preview,
// write columns into a copy of the seed config, generate, sync into demo.duckdb twice, loads, state)
// and prints what landed. Asserted on its exit code, its output, the file and the untouched seed config.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { DuckDBInstance } from "@duckdb/node-api";
import { test } from "uvu";
import * as assert from "uvu/assert";

const root = fileURLToPath(new URL("../../", import.meta.url));

test("npm run demo syncs 1,000 records, merges 3 changed ones on the second run, and exits 0", async () => {
  const seed = readFileSync(`${root}configs/customer_support.json`, "utf8");
  const run = spawnSync("npm", ["run", "--silent", "demo"], { cwd: root, encoding: "utf8", timeout: 180_000 });
  assert.is(run.status, 0, run.stderr);
  const out = `${run.stdout}${run.stderr}`;
  assert.ok(!out.includes("demo-key-not-a-secret"), "the API key is never printed");
  assert.match(out, "$ gen-connector preview configs/customer_support.json");
  assert.match(out, "columns (inferred from 100 records)");
  assert.match(out, 'added customer_support_data.columns.subject {"data_type":"text"}');
  assert.match(out, "$ gen-connector tmp/demo/customer_support.json --out tmp/demo/customer_support");
  assert.match(out, "$ gen-connector sync tmp/demo/customer_support --destination duckdb:demo.duckdb");
  assert.match(out, "customer_support_data (table customer_support_data): 2 loads, newest first");
  assert.match(out, "no resource of this connector is incremental");
  assert.is(readFileSync(`${root}configs/customer_support.json`, "utf8"), seed, "the committed seed config is left as it was");
  assert.match(readFileSync(`${root}tmp/demo/customer_support/schema.ts`, "utf8"), "subject", "the copy's generated schema types the written columns");

  const instance = await DuckDBInstance.create(`${root}demo.duckdb`);
  const connection = await instance.connect();
  try {
    const read = async (sql: string) => (await connection.runAndReadAll(sql)).getRowObjectsJson();
    assert.equal(
      await read("SELECT count(*) AS n, count(DISTINCT id) AS ids, count(*) FILTER (WHERE version = 2) AS v2 FROM customer_support.customer_support_data"),
      [{ n: "1000", ids: "1000", v2: "3" }],
    );
    assert.equal(await read("SELECT status, records, inserted, updated, unchanged FROM customer_support._gc_loads ORDER BY started_at"), [
      { status: "completed", records: "1000", inserted: "1000", updated: "0", unchanged: "0" },
      { status: "completed", records: "1000", inserted: "0", updated: "3", unchanged: "997" },
    ]);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
});

test.run();
