// `npm run demo`: the developer loop on the bundled mock API with the real CLI — preview the seed
// config, write the columns the records suggest into a copy of it (tmp/demo/), generate, sync into
// DuckDB twice (the second merges changed records), then `loads` and `state` — printing what landed.
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { DuckDBInstance } from "@duckdb/node-api";
import { startMockApi } from "../test/mock-api/server.ts";

const root = fileURLToPath(new URL("../", import.meta.url));
const bin = fileURLToPath(new URL("gen-connector.js", import.meta.url));
const database = "demo.duckdb";
const demoKey = "demo-key-not-a-secret";
const config = "tmp/demo/customer_support.json";
const connector = "tmp/demo/customer_support";

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
  const env = { API_KEY: demoKey };
  if ((await run(["preview", "configs/customer_support.json", "--base-url", api.url, "--max-pages", "1"], env)) !== 0) throw new Error("preview failed");
  // The loop on a copy, so the committed config and generated/ stay as they are.
  rmSync(`${root}tmp/demo`, { recursive: true, force: true });
  mkdirSync(`${root}tmp/demo`, { recursive: true });
  copyFileSync(`${root}configs/customer_support.json`, `${root}${config}`);
  if ((await run(["preview", config, "--base-url", api.url, "--write-columns"], env)) !== 0) throw new Error("preview --write-columns failed");
  if ((await run([config, "--out", connector])) !== 0) throw new Error("generation failed");
  const sync = ["sync", connector, "--destination", `duckdb:${database}`, "--base-url", api.url];
  if ((await run(sync, env)) !== 0) throw new Error("sync failed");
  // `tags` is a list: it lands in the nested table customer_support_data__tags, linked by _gc_id.
  await show(
    "SELECT d.id, d.customer_id, d.subject, d.status, d.requester__name, list(t.value ORDER BY t._gc_list_idx) AS tags " +
      "FROM customer_support.customer_support_data d LEFT JOIN customer_support.customer_support_data__tags t ON t._gc_parent_id = d._gc_id " +
      "GROUP BY ALL ORDER BY d.id LIMIT 5",
  );
  api.setOptions({ changed: { ids: [1, 2, 3], version: 2 } });
  process.stdout.write("\nthe API changes records 1-3; a second sync merges them (same row count, rows updated):\n");
  if ((await run(sync, env)) !== 0) throw new Error("second sync failed");
  await show("SELECT count(*) AS rows, count(*) FILTER (WHERE version = 2) AS updated FROM customer_support.customer_support_data");
  if ((await run(["loads", connector, "--destination", `duckdb:${database}`])) !== 0) throw new Error("loads failed");
  if ((await run(["state", connector, "--destination", `duckdb:${database}`])) !== 0) throw new Error("state failed");
} finally {
  await api.close();
}
