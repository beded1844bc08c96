// A sync in a 256 MiB container (a memory cgroup): the process replaces itself once with the sync's
// young generation (`--max-semi-space-size=16`, cli/young-generation.ts), keeps node's own flags, and
// loads every row; a semi-space the user gave in NODE_OPTIONS is kept and nothing restarts. Skipped
// where the tests cannot make a cgroup (not root, or /sys/fs/cgroup read-only).
import { spawn } from "node:child_process";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { startMockApi, type MockApi } from "../mock-api/server.ts";
import { ROOT } from "../helpers/cli.ts";
import { query, tempDbPath } from "../helpers/duckdb.ts";
import { memoryCgroup, type MemoryCgroup } from "../helpers/memory-cgroup.ts";
import { SENTINEL_KEY } from "../helpers/secrets.ts";

const cgroup: MemoryCgroup | null = memoryCgroup(256 * 1024 ** 2);
let api: MockApi;

test.before(async () => {
  api = await startMockApi({ records: 500, auth: { type: "api_key_query", name: "api_key", value: SENTINEL_KEY } });
});
test.after(async () => {
  await api.close();
  cgroup?.remove();
});

/** Every process image prints its own node flags and pid as it exits (a preload, kept across the restart since it is one of them). */
const REPORT = `data:text/javascript,process.on("exit",()=>process.stderr.write("image "+JSON.stringify({pid:process.pid,execArgv:process.execArgv.filter(a=>a.startsWith("--max"))})+"\\n"))`;

function syncInCgroup(group: MemoryCgroup, db: string, env: Record<string, string> = {}): Promise<{ code: number | null; stderr: string; pid: number }> {
  const [file, args] = group.wrap(process.execPath, [
    "--import",
    REPORT,
    "bin/gen-connector.js",
    "sync",
    "generated/customer_support",
    "--destination",
    `duckdb:${db}`,
    "--base-url",
    api.url,
  ]);
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: ROOT, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", API_KEY: SENTINEL_KEY, ...env } });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr, pid: child.pid ?? -1 }));
  });
}

const skipped = () =>
  void process.stderr.write("\n[small-container tests skipped] no memory cgroup can be made here (needs root and a writable /sys/fs/cgroup)\n");

const images = (stderr: string) =>
  stderr
    .split("\n")
    .filter((line) => line.startsWith("image "))
    .map((line) => JSON.parse(line.slice("image ".length)) as { pid: number; execArgv: string[] });

test("in 256 MiB the sync runs once, as the same pid, with a 16 MiB semi-space, and loads every row", async () => {
  if (cgroup === null) return skipped();
  const db = tempDbPath();
  const run = await syncInCgroup(cgroup, db);
  assert.is(run.code, 0, run.stderr);
  // one image reached its exit: the first was replaced, not exited (its exit handler never ran)
  assert.equal(images(run.stderr), [{ pid: run.pid, execArgv: ["--max-semi-space-size=16"] }]);
  assert.is((run.stderr.match(/customer_support_data: done/g) ?? []).length, 1);
  const [count] = await query(db, "SELECT count(DISTINCT id) AS ids FROM customer_support.customer_support_data");
  assert.equal(count, { ids: 500 });
});

test("a semi-space in NODE_OPTIONS is the user's: no restart", async () => {
  if (cgroup === null) return skipped();
  const db = tempDbPath();
  const run = await syncInCgroup(cgroup, db, { NODE_OPTIONS: "--max-semi-space-size=4" });
  assert.is(run.code, 0, run.stderr);
  assert.equal(
    images(run.stderr).map((i) => i.execArgv),
    [[]],
  );
  const [count] = await query(db, "SELECT count(*) AS n FROM customer_support.customer_support_data");
  assert.equal(count, { n: 500 });
});

test("in 256 MiB DuckDB's buffer pool is what is left beside the process (96 MiB), not the 128MB of a larger machine; a URL's limit is kept", async () => {
  if (cgroup === null) return skipped();
  const limitIn = (group: MemoryCgroup, url: string) => {
    const script = [
      'import { openDestination } from "./runtime/destinations/open.ts";',
      `const dest = await openDestination(${JSON.stringify(url)});`,
      "const [row] = await dest.query(\"SELECT current_setting('memory_limit') AS m\");",
      "process.stdout.write(String(row.m));",
      "await dest.close();",
    ].join("\n");
    const [file, args] = group.wrap(process.execPath, ["--conditions=gen-connector-source", "--import", "tsx", "--input-type=module", "-e", script]);
    return new Promise<string>((resolve, reject) => {
      const child = spawn(file, args, { cwd: ROOT });
      let out = "";
      let err = "";
      child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
      child.on("error", reject);
      child.on("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}: ${err}`))));
    });
  };
  const db = tempDbPath();
  assert.is(await limitIn(cgroup, `duckdb:${db}`), "96.0 MiB");
  assert.is(await limitIn(cgroup, `duckdb:${db}?memory_limit=200MiB`), "200.0 MiB");
});

test.run();
