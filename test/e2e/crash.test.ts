// Crash and exhaustion as a user meets them: a sync killed mid-run, and retries running out.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT, runCli } from "../helpers/cli.ts";
import { query, tempDbPath } from "../helpers/duckdb.ts";
import { serverErrors, startMockApi, type MockApi } from "../mock-api/server.ts";

let api: MockApi;
const env = { API_KEY: "crash-test-key" };
const FINGERPRINT =
  "SELECT count(*) AS n, sum(version) AS versions, string_agg(subject, '|' ORDER BY id) AS subjects FROM customer_support.customer_support_data";

test.before(async () => {
  api = await startMockApi({ records: 500, auth: { type: "api_key_query", name: "api_key", value: env.API_KEY } });
});
test.after(async () => api.close());

function syncArgs(db: string, dir = "generated/customer_support"): string[] {
  return ["sync", dir, "--destination", `duckdb:${db}`, "--base-url", api.url];
}

test("a sync killed mid-run leaves the table as the last commit left it; the rerun completes", async () => {
  const db = tempDbPath();
  assert.is((await runCli(syncArgs(db), { env })).code, 0);
  const before = await query(db, FINGERPRINT);
  api.setOptions({ changed: { ids: [1, 2, 3, 250], version: 7 }, pageDelayMs: 150 });
  api.requests.length = 0;
  const child = spawn(process.execPath, [join(ROOT, "bin/gen-connector.js"), ...syncArgs(db)], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: "ignore",
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
  while (api.requests.length < 3) await new Promise((r) => setTimeout(r, 20));
  child.kill("SIGKILL");
  assert.is(await exited, "SIGKILL");
  assert.equal(await query(db, FINGERPRINT), before);

  api.setOptions({ pageDelayMs: 0 });
  const rerun = await runCli(syncArgs(db), { env });
  assert.is(rerun.code, 0, rerun.stderr);
  const rows = await query(db, "SELECT count(*) AS n, count(*) FILTER (WHERE version = 7) AS changed FROM customer_support.customer_support_data");
  assert.equal(rows, [{ n: 500, changed: 4 }]);
  assert.equal(await query(db, "SELECT count(*) AS n FROM duckdb_tables() WHERE schema_name = '_gc_staging'"), [{ n: 0 }]);
  assert.not.ok(existsSync(`${db}.gc-staging`), "no spool files are left behind");
});

test("500 on every attempt: exit 1 naming status and attempts, table unchanged", async () => {
  // A copy of the seed with backoff_factor 0, so the real-time waits of a child process are instant.
  const config = JSON.parse(readFileSync(join(ROOT, "configs/customer_support.json"), "utf8")) as { client: { retry: Record<string, unknown> } };
  config.client.retry.backoff_factor = 0;
  // Generated inside the repository (git-ignored tmp/) so `gen-connector/runtime` resolves to this checkout.
  const dir = join(ROOT, "tmp", `crash-${process.pid}`);
  mkdirSync(join(ROOT, "tmp"), { recursive: true });
  writeFileSync(join(ROOT, "tmp", `crash-${process.pid}.json`), JSON.stringify(config));
  assert.is((await runCli([`tmp/crash-${process.pid}.json`, "--out", `tmp/crash-${process.pid}`])).code, 0);
  const db = tempDbPath();
  const first = await runCli(syncArgs(db, dir), { env });
  assert.is(first.code, 0, first.stderr);
  const before = await query(db, FINGERPRINT);
  api.setOptions({ changed: { ids: [5], version: 9 }, faults: [serverErrors(4, { when: { query: { offset: "300" } } })] });
  const result = await runCli(syncArgs(db, dir), { env });
  api.setOptions({ faults: [] });
  assert.is(result.code, 1);
  assert.match(
    result.stderr,
    /error: customer_support_data: GET http:\/\/127\.0\.0\.1:\d+\/v1\/resource\?offset=300&limit=100&api_key=\*\*\* failed with HTTP 500 Internal Server Error, retries exhausted after 4 attempts/,
  );
  assert.match(result.stderr, /customer_support_data: retry 3 in 0\.0 s \(HTTP 500 Internal Server Error\)/);
  assert.not.match(result.stderr, env.API_KEY);
  assert.equal(await query(db, FINGERPRINT), before);
  rmSync(dir, { recursive: true, force: true });
  rmSync(`${dir}.json`, { force: true });
});

test.run();
