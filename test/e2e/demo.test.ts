// The README's quick start, verbatim: `npm run demo` generates the seed connector, syncs the mock API
// into demo.duckdb twice and prints what landed. Asserted on its exit code, its output and the file.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { DuckDBInstance } from "@duckdb/node-api";
import { test } from "uvu";
import * as assert from "uvu/assert";

const root = fileURLToPath(new URL("../../", import.meta.url));

test("npm run demo syncs 1,000 records, merges 3 changed ones on the second run, and exits 0", async () => {
  const run = spawnSync("npm", ["run", "--silent", "demo"], { cwd: root, encoding: "utf8", timeout: 120_000 });
  assert.is(run.status, 0, run.stderr);
  const out = run.stdout;
  assert.ok(!out.includes("demo-key-not-a-secret"), "the API key is never printed");
  assert.match(out, "$ gen-connector configs/customer_support.json");
  assert.match(out, "$ gen-connector sync generated/customer_support --destination duckdb:demo.duckdb");

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
