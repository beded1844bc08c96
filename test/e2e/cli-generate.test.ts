// The generator as a user runs it: exit codes, messages, --out into another project, check.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT, runCli } from "../helpers/cli.ts";
import { query, tempDbPath } from "../helpers/duckdb.ts";
import { leaks, SENTINEL_KEY } from "../helpers/secrets.ts";
import { startMockApi } from "../mock-api/server.ts";

const seed = JSON.parse(readFileSync(join(ROOT, "configs/customer_support.json"), "utf8")) as Record<string, any>; // any: tests edit it freely

/** A throwaway project that has gen-connector installed (node_modules/gen-connector → this repo). */
function userProject(): string {
  const dir = mkdtempSync(join(tmpdir(), "gc-project-"));
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(ROOT, join(dir, "node_modules", "gen-connector"), "dir");
  writeFileSync(join(dir, "package.json"), '{ "name": "user-project", "type": "module" }\n');
  return dir;
}

test("a bad config exits 2 and lists every problem with its path", async () => {
  const dir = mkdtempSync(join(tmpdir(), "gc-bad-"));
  const bad = structuredClone(seed);
  bad.resources[0].endpoint.paginator.limit = "abc";
  bad.client.timeout = "soon";
  bad.resources.push({ name: "x", endpoint: { path: "/x", data_selector: "$", paginator: "single_page" }, max_table_nesting: -1 });
  writeFileSync(join(dir, "bad.json"), JSON.stringify(bad));
  const result = await runCli([join(dir, "bad.json"), "--out", join(dir, "out")]);
  assert.is(result.code, 2);
  assert.match(result.stderr, /invalid config .*bad\.json: 3 problems/);
  assert.match(result.stderr, '  - client.timeout: expected a number, got "soon"');
  assert.match(result.stderr, '  - resources[0].endpoint.paginator.limit: expected a positive integer, got "abc"');
  assert.match(result.stderr, "  - resources[1].max_table_nesting: expected an integer >= 0, got -1");
  assert.throws(() => readdirSync(join(dir, "out")));
});

test("a missing config file exits 2", async () => {
  const result = await runCli(["configs/nope.json"]);
  assert.is(result.code, 2);
  assert.match(result.stderr, "cannot read config configs/nope.json: no such file");
});

test("generation never writes a secret value, even when the secret is set", async () => {
  const project = userProject();
  cpSync(join(ROOT, "configs/customer_support.json"), join(project, "cs.json"));
  const result = await runCli(["cs.json", "--out", "connectors/cs"], {
    cwd: project,
    env: { API_KEY: SENTINEL_KEY },
    bin: join(project, "node_modules/gen-connector/bin/gen-connector.js"),
  });
  assert.is(result.code, 0, result.stderr);
  for (const file of readdirSync(join(project, "connectors/cs"))) {
    assert.equal(leaks(readFileSync(join(project, "connectors/cs", file), "utf8"), SENTINEL_KEY), [], file);
  }
});

test("a connector generated with --out into another project syncs from there", async () => {
  const project = userProject();
  const bin = join(project, "node_modules/gen-connector/bin/gen-connector.js");
  const config = structuredClone(seed);
  delete config.$schema;
  writeFileSync(join(project, "support.json"), JSON.stringify(config));
  const generated = await runCli(["support.json", "--out", "src/connectors/support"], { cwd: project, bin });
  assert.is(generated.code, 0, generated.stderr);
  const index = readFileSync(join(project, "src/connectors/support/index.ts"), "utf8");
  assert.match(index, "// Regenerate with: npx gen-connector support.json --out src/connectors/support\n");
  assert.match(index, 'from "gen-connector/runtime"');
  const api = await startMockApi({ records: 120, auth: { type: "api_key_query", name: "api_key", value: SENTINEL_KEY } });
  try {
    writeFileSync(join(project, ".env"), `API_KEY=${SENTINEL_KEY}\n`); // the secret comes from .env this time
    const db = tempDbPath();
    const synced = await runCli(["sync", "src/connectors/support", "--destination", `duckdb:${db}`, "--base-url", api.url, "--dataset", "raw_support"], {
      cwd: project,
      bin,
    });
    assert.is(synced.code, 0, synced.stderr);
    assert.equal(await query(db, "SELECT count(*) AS n FROM raw_support.customer_support_data"), [{ n: 120 }]);
    assert.equal(leaks(synced.stderr + synced.stdout, SENTINEL_KEY), []);
  } finally {
    await api.close();
  }
});

test("a $hook module that does not exist: sync exits 2 with a clear message, not a stack trace", async () => {
  const project = userProject();
  const bin = join(project, "node_modules/gen-connector/bin/gen-connector.js");
  const config = structuredClone(seed);
  delete config.$schema;
  config.resources[0].processing_steps = [{ filter: { $hook: "./missing-hooks.ts#keep" } }];
  writeFileSync(join(project, "c.json"), JSON.stringify(config));
  assert.is((await runCli(["c.json"], { cwd: project, bin })).code, 0);
  const result = await runCli(["sync", "generated/customer_support"], { cwd: project, bin, env: { API_KEY: "k" } });
  assert.is(result.code, 2);
  assert.match(result.stderr, /^error: cannot load generated\/customer_support\/index\.ts: .*missing-hooks/m);
  assert.not.match(result.stderr, /internal error/);
});

test("check exits 1 listing stale files and the fixing command; 0 when current", async () => {
  const project = userProject();
  const bin = join(project, "node_modules/gen-connector/bin/gen-connector.js");
  cpSync(join(ROOT, "configs/customer_support.json"), join(project, "cs.json"));
  assert.is((await runCli(["cs.json"], { cwd: project, bin })).code, 0);
  assert.is((await runCli(["check", "cs.json"], { cwd: project, bin })).code, 0);
  writeFileSync(join(project, "generated/customer_support/schema.ts"), "// edited by hand\n");
  const stale = await runCli(["check", "cs.json"], { cwd: project, bin });
  assert.is(stale.code, 1);
  assert.match(stale.stderr, "stale generated files:\n  generated/customer_support/schema.ts (from cs.json)\nfix with: npx gen-connector cs.json\n");
});

test("the hostile-names connector imports with no side effect", async () => {
  const marker = globalThis as { pwned?: unknown };
  const module = await import("../../generated/hostile_names/index.ts");
  assert.is(marker.pwned, undefined);
  assert.is(module.connector.resources[0]?.name, 'it"em`s*/\n; globalThis.pwned = 1; /*');
  assert.is(module.connector.resources[0]?.endpoint.path, "/v1/it\"em`s*/\n'; globalThis.pwned = 1; //");
});

test.run();
