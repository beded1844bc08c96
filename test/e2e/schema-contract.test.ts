// schema_contract end to end, as a user runs it: the seed connector loads the table, then connectors
// generated from the same config with a contract meet a record with a new field. `freeze`: exit 1
// naming table, column, source field and key, the table unchanged; `discard_row`: the record is
// dropped and counted in the summary.
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT, runCli } from "../helpers/cli.ts";
import { query, tempDbPath } from "../helpers/duckdb.ts";
import { SENTINEL_KEY } from "../helpers/secrets.ts";
import { startMockApi, type MockApi } from "../mock-api/server.ts";

const RECORDS = 50;
const env = { API_KEY: SENTINEL_KEY };
let api: MockApi;

test.before(async () => {
  api = await startMockApi({ records: RECORDS, auth: { type: "api_key_query", name: "api_key", value: SENTINEL_KEY } });
});
test.after(async () => api.close());

/** A throwaway project with gen-connector installed and the seed config under `name` with `contract`, generated into src/<name>. */
async function generateWithContract(name: string, contract: unknown): Promise<{ dir: string; bin: string }> {
  const dir = mkdtempSync(join(tmpdir(), "gc-contract-"));
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(ROOT, join(dir, "node_modules", "gen-connector"), "dir");
  writeFileSync(join(dir, "package.json"), '{ "name": "user-project", "type": "module" }\n');
  const config = JSON.parse(readFileSync(join(ROOT, "configs/customer_support.json"), "utf8")) as {
    $schema?: string;
    name: string;
    resources: Record<string, unknown>[];
  };
  delete config.$schema;
  config.name = name;
  config.resources[0]!["schema_contract"] = contract;
  writeFileSync(join(dir, `${name}.json`), JSON.stringify(config, null, 2));
  const bin = join(dir, "node_modules/gen-connector/bin/gen-connector.js");
  const generated = await runCli([`${name}.json`, "--out", `src/${name}`], { cwd: dir, bin });
  assert.is(generated.code, 0, generated.stderr);
  return { dir, bin };
}

function syncArgs(connector: string, db: string, ...more: string[]): string[] {
  return ["sync", connector, "--destination", `duckdb:${db}`, "--dataset", "customer_support", "--base-url", api.url, ...more];
}

const FINGERPRINT = "SELECT count(*) AS n, string_agg(subject, '|' ORDER BY id) AS subjects FROM customer_support.customer_support_data";
const COLUMNS =
  "SELECT column_name FROM information_schema.columns WHERE table_schema = 'customer_support' AND table_name = 'customer_support_data' ORDER BY ordinal_position";

test("freeze: a record with a new field fails the sync (exit 1) naming table, column, field and key; the table is unchanged", async () => {
  const db = tempDbPath();
  api.setOptions({ mutate: undefined });
  const first = await runCli(syncArgs("generated/customer_support", db), { env });
  assert.is(first.code, 0, first.stderr);
  const frozen = await generateWithContract("support_frozen", "freeze");
  // The stored schema (root and nested tables) matches: a frozen sync loads.
  const same = await runCli(syncArgs("src/support_frozen", db, "--json"), { cwd: frozen.dir, bin: frozen.bin, env });
  assert.is(same.code, 0, same.stderr);
  const summary = JSON.parse(same.stdout) as { resources: Record<string, unknown>[] };
  assert.not.ok("discardedRows" in summary.resources[0]! || "discardedValues" in summary.resources[0]!);
  const before = { rows: await query(db, FINGERPRINT), columns: await query(db, COLUMNS) };

  api.setOptions({ mutate: (record) => (record.id === 7 ? { ...record, escalatedBy: "ops", subject: "changed" } : { ...record, subject: "changed" }) });
  const result = await runCli(syncArgs("src/support_frozen", db), { cwd: frozen.dir, bin: frozen.bin, env });
  api.setOptions({ mutate: undefined });
  assert.is(result.code, 1, result.stderr);
  for (const fragment of [
    'table "customer_support_data"',
    'new column "escalated_by"',
    "source field escalatedBy",
    "id=7",
    'schema_contract columns is "freeze"',
  ]) {
    assert.ok(result.stderr.includes(fragment), `${JSON.stringify(fragment)} not in: ${result.stderr}`);
  }
  assert.equal({ rows: await query(db, FINGERPRINT), columns: await query(db, COLUMNS) }, before);
});

test("discard_row: the record with a new field is dropped and counted, the others load", async () => {
  const db = tempDbPath();
  api.setOptions({ mutate: undefined });
  assert.is((await runCli(syncArgs("generated/customer_support", db), { env })).code, 0);
  const discarding = await generateWithContract("support_discarding", { columns: "discard_row" });
  api.setOptions({ mutate: (record) => (record.id % 10 === 0 ? { ...record, escalatedBy: "ops", subject: "dropped" } : record) });
  const result = await runCli(syncArgs("src/support_discarding", db, "--json"), { cwd: discarding.dir, bin: discarding.bin, env });
  const text = await runCli(syncArgs("src/support_discarding", db), { cwd: discarding.dir, bin: discarding.bin, env });
  api.setOptions({ mutate: undefined });
  assert.is(result.code, 0, result.stderr);
  assert.is(text.code, 0, text.stderr);
  assert.match(text.stdout + text.stderr, `customer_support_data: schema contract dropped ${RECORDS / 10} records`);
  const summary = JSON.parse(result.stdout) as { resources: { records: number; discardedRows?: number; discardedValues?: number }[] };
  assert.equal(
    summary.resources.map((r) => [r.records, r.discardedRows, r.discardedValues]),
    [[RECORDS, RECORDS / 10, undefined]],
  );
  assert.equal(await query(db, "SELECT count(*) AS n FROM customer_support.customer_support_data WHERE subject = 'dropped'"), [{ n: 0 }]);
  assert.not.ok((await query(db, COLUMNS)).some((c) => c.column_name === "escalated_by"));
});

test.run();
