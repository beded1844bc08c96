// `npm run demo`: starts the bundled mock API, generates the seed connector, syncs it into DuckDB
// with the real CLI, and prints what landed.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { DuckDBInstance } from "@duckdb/node-api";
import { startMockApi } from "../test/mock-api/server.ts";

const root = fileURLToPath(new URL("../", import.meta.url));
const bin = fileURLToPath(new URL("gen-connector.js", import.meta.url));
const database = "demo.duckdb";
const demoKey = "demo-key-not-a-secret";

function run(args: readonly string[], env: Record<string, string> = {}): Promise<number> {
  process.stdout.write(`\n$ gen-connector ${args.join(" ")}\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
    child.on("error", reject);
    child.on("close", (code) => resolve(code ?? 1));
  });
}

async function show(sql: string): Promise<void> {
  const instance = await DuckDBInstance.create(database);
  const connection = await instance.connect();
  const reader = await connection.runAndReadAll(sql);
  process.stdout.write(`\n${sql}\n`);
  console.table(reader.getRowObjectsJson());
  connection.closeSync();
  instance.closeSync();
}

const api = await startMockApi({ records: 1000, auth: { type: "api_key_query", name: "api_key", value: demoKey } });
try {
  rmSync(`${root}${database}`, { force: true });
  process.stdout.write(`mock customer-support API on ${api.url} (1,000 records, offset paging, api_key in the query)\n`);
  if ((await run(["configs/customer_support.json"])) !== 0) throw new Error("generation failed");
  const sync = ["sync", "generated/customer_support", "--destination", `duckdb:${database}`, "--base-url", api.url];
  if ((await run(sync, { API_KEY: demoKey })) !== 0) throw new Error("sync failed");
  // `tags` is a list: it lands in the nested table customer_support_data__tags, linked by _gc_id.
  await show(
    "SELECT d.id, d.customer_id, d.subject, d.status, d.requester__name, list(t.value ORDER BY t._gc_list_idx) AS tags " +
      "FROM customer_support.customer_support_data d LEFT JOIN customer_support.customer_support_data__tags t ON t._gc_parent_id = d._gc_id " +
      "GROUP BY ALL ORDER BY d.id LIMIT 5",
  );
  api.setOptions({ changed: { ids: [1, 2, 3], version: 2 } });
  process.stdout.write("\nthe API changes records 1-3; a second sync merges them (same row count, rows updated):\n");
  if ((await run(sync, { API_KEY: demoKey })) !== 0) throw new Error("second sync failed");
  await show("SELECT count(*) AS rows, count(*) FILTER (WHERE version = 2) AS updated FROM customer_support.customer_support_data");
  await show("SELECT resource, status, records, inserted, updated, unchanged FROM customer_support._gc_loads ORDER BY started_at");
} finally {
  await api.close();
}
